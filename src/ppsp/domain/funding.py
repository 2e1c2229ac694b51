"""Funding sources of sanitation activities, and the SIPD sumber-dana codes they map from.

SSK matrices name sources more broadly than the regional budget does: APBN spending by
ministries, CSR and community contributions are not APBD sumber-dana codes (domain brief 4.4).
SIPD's names of the region's own revenue (DAU, PAD, DBH, DID, Otsus...) are the region's own
APBD: APBD kab/kota for a kab/kota budget (:data:`FUNDING_ALIASES`, :func:`from_sipd_name`).

>>> FundingSource.parse("APBD Kab"), FundingSource.parse("APBD-II"), FundingSource.parse("CSR")
(<FundingSource.APBD_KABKOTA: 'apbd-kabkota'>, <FundingSource.APBD_KABKOTA: 'apbd-kabkota'>, <FundingSource.SWASTA_CSR: 'swasta-csr'>)
>>> FundingSource.parse("DAU"), FundingSource.parse("DAK Fisik - Reguler"), FundingSource.parse("KPBU")
(<FundingSource.APBD_KABKOTA: 'apbd-kabkota'>, <FundingSource.DAK_FISIK: 'dak-fisik'>, <FundingSource.SWASTA_CSR: 'swasta-csr'>)
>>> from_sipd_code("2.2.1.1.3.9"), from_sipd_code("1.2.1.01.02")
(<FundingSource.DAK_FISIK: 'dak-fisik'>, <FundingSource.APBD_KABKOTA: 'apbd-kabkota'>)
>>> FundingSource.DANA_DESA.is_regional_budget, FundingSource.APBD_KABKOTA.is_regional_budget
(False, True)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final

from ppsp.domain.labels import LabelledEnum, labelled, normalise_text
from ppsp.domain.nomenclature import GovernmentLevel
from ppsp.errors import InvalidFormat
from ppsp.i18n import N_

__all__ = [
    "FUNDING_ALIASES",
    "KABKOTA_WORDS",
    "SIPD_FUNDING_PREFIXES",
    "FundingSource",
    "from_sipd_code",
    "from_sipd_name",
    "normalise_sipd_code",
]


#: The budget owner's own APBD: what the region's own revenue (DAU, PAD...) pays for. In the
#: alias table it stands for a kab/kota budget (the SSK's); :func:`from_sipd_name` reads it as
#: APBD provinsi for a province's budget.
_OWN: Final = "apbd-kabkota"

#: How the texts of real files name sources (normalised, see
#: :func:`~ppsp.domain.labels.normalise_text`; a text that contains a phrase names its source,
#: the longest phrase winning: ``DAK Fisik Bidang Sanitasi`` is DAK fisik). Each group says
#: where it comes from; replace or extend it with :func:`~ppsp.domain.labels.labelled`.
FUNDING_ALIASES: Final[Mapping[str, str]] = {
    # The APBD, by level, as SSK matrices head their columns (domain brief 2.2:
    # "APBN|APBD Prov|APBD Kab/Kota|DAK|Dana Desa|Swasta/CSR|Masyarakat|Donor/Hibah|Lainnya").
    "apbd": _OWN,
    "apbd kab": "apbd-kabkota",
    "apbd kabupaten": "apbd-kabkota",
    "apbd kota": "apbd-kabkota",
    "apbd kab kota": "apbd-kabkota",
    "apbd kabupaten kota": "apbd-kabkota",
    "apbd ii": "apbd-kabkota",
    "apbd 2": "apbd-kabkota",
    "apbd tk ii": "apbd-kabkota",
    "apbd prov": "apbd-provinsi",
    "apbd provinsi": "apbd-provinsi",
    "apbd i": "apbd-provinsi",
    "apbd 1": "apbd-provinsi",
    "apbd tk i": "apbd-provinsi",
    "apbn": "apbn",
    "apbn k l": "apbn",
    # SIPD's sumber-dana names of the region's own revenue (domain brief 4.4, the Kepmendagri
    # 050-3708/2020 classification): it is spent through the region's own APBD.
    # 1.1 PAD, with its parts 1.1.1 Pajak Daerah, 1.1.2 Retribusi Daerah and 1.1.4.16
    # Pendapatan dari BLUD.
    "pad": _OWN,
    "pendapatan asli daerah": _OWN,
    "pajak daerah": _OWN,
    "retribusi daerah": _OWN,
    "blud": _OWN,
    "pendapatan blud": _OWN,
    # 1.2.1.1.2 DTU-Dana Alokasi Umum, and 1.2.1.1 Dana Transfer Umum as a whole (domain brief
    # 4.4).
    "dau": _OWN,
    "dana alokasi umum": _OWN,
    "dtu": _OWN,
    "dana transfer umum": _OWN,
    # DAU whose use is set by the centre ("DAU SG", specific grant; UU 1/2022 HKPD) is still
    # DAU received by the region; the spellings are later than the 2020 classification
    # [unconfirmed].
    "dau sg": _OWN,
    "dau specific grant": _OWN,
    "dau earmark": _OWN,
    "dau earmarked": _OWN,
    "dau yang ditentukan penggunaannya": _OWN,
    "dau ditentukan penggunaannya": _OWN,
    "dau block grant": _OWN,
    # 1.2.1.1.1 DTU-Dana Bagi Hasil; 2.2.2 Pendapatan Bagi Hasil, e.g. Pajak Rokok (domain brief
    # 4.4); DBH CHT (cukai hasil tembakau) is a DBH.
    "dbh": _OWN,
    "dana bagi hasil": _OWN,
    "dbh cht": _OWN,
    "dbh cukai hasil tembakau": _OWN,
    "pajak rokok": _OWN,
    # 2.2.1.2 Dana Insentif Daerah; 2.2.1.6 Insentif Fiskal, its successor (domain brief 4.4).
    "did": _OWN,
    "dana insentif daerah": _OWN,
    "insentif fiskal": _OWN,
    "dana insentif fiskal": _OWN,
    # 2.2.1.3 Otsus/DTI (Dana Tambahan Infrastruktur); 2.2.1.4 Dana Keistimewaan DIY (domain
    # brief 4.4).
    "otsus": _OWN,
    "dana otsus": _OWN,
    "otonomi khusus": _OWN,
    "dana otonomi khusus": _OWN,
    "dti": _OWN,
    "dana tambahan infrastruktur": _OWN,
    "dana keistimewaan": _OWN,
    "danais": _OWN,
    # 1.4 Penerimaan Pembiayaan: 1.4.4 pinjaman daerah, 1.4.1 SiLPA (domain brief 4.4).
    "pinjaman daerah": _OWN,
    "silpa": _OWN,
    # Dana Abadi Daerah (UU 1/2022 HKPD): revenue of the region's own endowment, not in the
    # 2020 classification [unconfirmed].
    "dana abadi daerah": _OWN,
    # 2.2.1.1.3 Dana Transfer Khusus-DAK Fisik, whatever its bidang or kind (reguler, penugasan,
    # afirmasi: "DAK Fisik - Reguler", "DAK Fisik Bidang Sanitasi"); 2.2.1.1.4 DAK Non Fisik
    # ("DAK Non Fisik BOK") (domain brief 4.4). A bare "DAK" in an SSK means the physical DAK
    # [unconfirmed].
    "dak": "dak-fisik",
    "dak fisik": "dak-fisik",
    "dana alokasi khusus": "dak-fisik",
    "dana alokasi khusus fisik": "dak-fisik",
    "dak non fisik": "dak-non-fisik",
    "dak nonfisik": "dak-non-fisik",
    "dana alokasi khusus non fisik": "dak-non-fisik",
    # BOK (Bantuan Operasional Kesehatan) and BOKB are DAK Non Fisik by name ("DAK Non Fisik
    # BOK", above); written alone in a Dinkes row they mean the same money [unconfirmed].
    "bok": "dak-non-fisik",
    "bantuan operasional kesehatan": "dak-non-fisik",
    "bokb": "dak-non-fisik",
    # 2.2.1.5 Dana Desa (domain brief 4.4); APBDes is the village budget it is spent through.
    "dana desa": "dana-desa",
    "dd": "dana-desa",
    "apbdes": "dana-desa",
    # Not APBD sumber-dana codes (domain brief 4.4 [I]): private, community and donor money.
    "swasta": "swasta-csr",
    "csr": "swasta-csr",
    "swasta csr": "swasta-csr",
    "badan usaha": "swasta-csr",
    "masyarakat": "masyarakat",
    "swadaya": "masyarakat",
    "swadaya masyarakat": "masyarakat",
    # KPBU (Kerjasama Pemerintah dengan Badan Usaha, public-private partnership) is not APBD
    # money: the private partner finances the works (the region pays it back later, from its
    # APBD, as availability payments). Swasta, not lainnya: the full name already reads as
    # "badan usaha" (above), and the two spellings of one scheme must agree. No source of the
    # brief classifies KPBU [unconfirmed].
    "kpbu": "swasta-csr",
    "kerjasama pemerintah dan badan usaha": "swasta-csr",
    "kerja sama pemerintah dan badan usaha": "swasta-csr",
    "kerjasama pemerintah dengan badan usaha": "swasta-csr",
    "kerja sama pemerintah dengan badan usaha": "swasta-csr",
    "public private partnership": "swasta-csr",
    "ppp": "swasta-csr",
    # 1.3.1 Hibah (domain brief 4.4: from the centre, other regions, communities, domestic and
    # foreign bodies); treating it as donor money is an inference [unconfirmed].
    "hibah": "hibah-donor",
    "donor": "hibah-donor",
    "hibah donor": "hibah-donor",
    "bantuan luar negeri": "hibah-donor",
    # Anything else, as SSK matrices head it (domain brief 2.2: "Lainnya").
    "lainnya": "lainnya",
    "lain lain": "lainnya",
    "other": "lainnya",
}

#: Words that name the kab/kota level of an APBD (``APBD Kab``, ``APBD II``): such a source stays
#: kab/kota money in a province's budget.
KABKOTA_WORDS: Final = frozenset({"kab", "kabupaten", "kota", "kabkota", "ii", "2"})


@labelled("funding-source", FUNDING_ALIASES)
class FundingSource(LabelledEnum):
    """Who pays."""

    APBD_KABKOTA = "apbd-kabkota"
    APBD_PROVINSI = "apbd-provinsi"
    APBN = "apbn"
    DAK_FISIK = "dak-fisik"
    DAK_NON_FISIK = "dak-non-fisik"
    DANA_DESA = "dana-desa"
    SWASTA_CSR = "swasta-csr"
    MASYARAKAT = "masyarakat"
    HIBAH_DONOR = "hibah-donor"
    LAINNYA = "lainnya"

    @property
    def is_regional_budget(self) -> bool:
        """The region's own APBD (kab/kota or province), as opposed to transfers and others."""
        return self in (FundingSource.APBD_KABKOTA, FundingSource.APBD_PROVINSI)


#: How SIPD sumber-dana codes (Kepmendagri 050-3708/2020 classification) map to sources, longest
#: prefix first. ``None`` means "the budget owner's own APBD". The DAK and Dana Desa codes are
#: confirmed (domain brief 4.4); treating hibah (1.3) as donor money is an inference [unconfirmed].
SIPD_FUNDING_PREFIXES: Final[Sequence[tuple[str, FundingSource | None]]] = (
    ("2.2.1.1.3", FundingSource.DAK_FISIK),
    ("2.2.1.1.4", FundingSource.DAK_NON_FISIK),
    ("2.2.1.5", FundingSource.DANA_DESA),
    ("1.3", FundingSource.HIBAH_DONOR),
    ("1", None),
    ("2", None),
)


def normalise_sipd_code(code: str) -> str:
    """Drop the zero padding SIPD adds to segments: ``1.2.1.01.02`` -> ``1.2.1.1.2``."""
    parts = [p for p in re.split(r"[.:]", str(code).strip()) if p]
    if not parts or not all(p.isdigit() for p in parts):
        raise InvalidFormat(N_("funding-source.sipd-code"), value=str(code))
    return ".".join(str(int(p)) for p in parts)


def from_sipd_code(
    code: str,
    owner: GovernmentLevel = GovernmentLevel.KABUPATEN_KOTA,
    prefixes: Sequence[tuple[str, FundingSource | None]] = SIPD_FUNDING_PREFIXES,
) -> FundingSource:
    """The funding source of a SIPD sumber-dana code, for a budget of ``owner``."""
    normal = normalise_sipd_code(code)
    for prefix, source in prefixes:
        if normal == prefix or normal.startswith(prefix + "."):
            if source is not None:
                return source
            break
    else:
        return FundingSource.LAINNYA
    if owner is GovernmentLevel.PROVINSI:
        return FundingSource.APBD_PROVINSI
    return FundingSource.APBD_KABKOTA


def from_sipd_name(
    text: str, owner: GovernmentLevel = GovernmentLevel.KABUPATEN_KOTA
) -> FundingSource:
    """The funding source a sumber-dana name designates, for a budget of ``owner``.

    The region's own revenue (DAU, PAD, DBH...) and a bare ``APBD`` are the owner's APBD: APBD
    kab/kota for a kab/kota budget (what ``FundingSource.parse`` says), APBD provinsi for a
    province's. Raises :class:`~ppsp.errors.UnknownCode` for a name no alias matches.

    >>> from_sipd_name("DAU"), from_sipd_name("DAU", GovernmentLevel.PROVINSI)
    (<FundingSource.APBD_KABKOTA: 'apbd-kabkota'>, <FundingSource.APBD_PROVINSI: 'apbd-provinsi'>)
    >>> from_sipd_name("APBD Kab", GovernmentLevel.PROVINSI)
    <FundingSource.APBD_KABKOTA: 'apbd-kabkota'>
    """
    source = FundingSource.parse(text)
    if (
        owner is GovernmentLevel.PROVINSI
        and source is FundingSource.APBD_KABKOTA
        and not KABKOTA_WORDS & set(normalise_text(text).split())
    ):
        return FundingSource.APBD_PROVINSI
    return source
