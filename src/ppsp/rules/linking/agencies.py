"""Agencies as planners compare them: by the government affairs (urusan) they carry.

``DPUPR``, ``Dinas PU dan PR``, ``PUPR`` and ``Dinas Pekerjaan Umum dan Penataan Ruang`` are one
agency; ``Dinas Perumahan, Kawasan Permukiman dan Lingkungan Hidup`` carries both the housing and
the environment affairs, so it is the agency of a ``DLH`` activity too. The words that name each
affair are data you may extend (:data:`AGENCY_FUNCTIONS`).

>>> functions("DPUPR") == functions("Dinas Pekerjaan Umum dan Penataan Ruang Kab. Lebong")
True
>>> sorted(functions("Dinas Perumahan, Kawasan Permukiman dan Lingkungan Hidup"))
['lingkungan-hidup', 'perumahan-permukiman']
>>> agency_agreement("Dinkes", "Dinas Kesehatan"), agency_agreement("DLH", "Dinas PUPR")
('same', 'different')
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Final

from ppsp.domain.agency import agency_key
from ppsp.domain.nomenclature import NomenclatureCode

__all__ = ["AGENCY_FUNCTIONS", "BIDANG_AFFAIRS", "agency_agreement", "code_affairs", "functions"]

#: Words (after :func:`ppsp.domain.agency.agency_key` expanded the abbreviations) that name the
#: affair an agency carries. The affairs follow the urusan of Permendagri 90/2019 (domain brief
#: 3.3: 1.02 kesehatan, 1.03 pekerjaan umum dan penataan ruang, 1.04 perumahan dan kawasan
#: permukiman, 2.11 lingkungan hidup); which words name them is everyday usage [unconfirmed].
AGENCY_FUNCTIONS: Final[Mapping[str, str]] = {
    "pekerjaan umum": "pekerjaan-umum",
    "cipta karya": "pekerjaan-umum",
    "penataan ruang": "pekerjaan-umum",
    "perumahan": "perumahan-permukiman",
    "permukiman": "perumahan-permukiman",
    "pemukiman": "perumahan-permukiman",
    "lingkungan hidup": "lingkungan-hidup",
    "kebersihan": "lingkungan-hidup",
    "persampahan": "lingkungan-hidup",
    "kesehatan": "kesehatan",
    "puskesmas": "kesehatan",
    "perencanaan pembangunan": "perencanaan",
    "bappeda": "perencanaan",
    "pemberdayaan masyarakat": "pemberdayaan-desa",
    "desa": "pemberdayaan-desa",
    "air minum": "air-minum",
    "pendidikan": "pendidikan",
    "keuangan": "keuangan",
}


#: The affairs of a code's bidang urusan, as :data:`AGENCY_FUNCTIONS` names them
#: (Permendagri 90/2019, domain brief 3.3).
BIDANG_AFFAIRS: Final[Mapping[str, str]] = {
    "1.02": "kesehatan",
    "1.03": "pekerjaan-umum",
    "1.04": "perumahan-permukiman",
    "2.11": "lingkungan-hidup",
}


def code_affairs(code: NomenclatureCode) -> frozenset[str]:
    """The affairs whose agency carries ``code`` (by its bidang urusan; none when unknown).

    >>> sorted(code_affairs(NomenclatureCode.parse("2.11.11.2.01.0012")))
    ['lingkungan-hidup']
    """
    found = BIDANG_AFFAIRS.get(str(code.bidang)) if code.bidang is not None else None
    return frozenset((found,)) if found else frozenset()


@functools.lru_cache(maxsize=4096)
def functions(name: str, table: tuple[tuple[str, str], ...] | None = None) -> frozenset[str]:
    """The affairs an agency's name says it carries (empty when it says none)."""
    key = f" {agency_key(name)} "
    pairs = table if table is not None else tuple(AGENCY_FUNCTIONS.items())
    return frozenset(function for words, function in pairs if f" {words} " in key)


@functools.lru_cache(maxsize=65536)
def agency_agreement(a: str | None, b: str | None) -> str:
    """``same``, ``different`` or ``unknown``: whether two agency names carry the same affair."""
    if not a or not b:
        return "unknown"
    if agency_key(a) == agency_key(b):
        return "same"
    fa, fb = functions(a), functions(b)
    if not fa or not fb:
        return "unknown"
    return "same" if fa & fb else "different"
