"""Regional agencies (OPD/SKPD) and the working groups (Pokja) they sit in.

Agency names come spelled five ways; :func:`agency_key` reduces them to one comparable key by
expanding the usual abbreviations (:data:`AGENCY_ABBREVIATIONS`, data you may extend).

>>> names = ["Dinas PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR",
...          "Dinas PU dan PR Kabupaten Gunung Mas"]
>>> len({agency_key(n) for n in names})
1
>>> Agency("Dinas PUPR").same_as(Agency("DPUPR"))
True
>>> group = WorkingGroup(kind=WorkingGroupKind.parse("Pokja PPAS"), name="Pokja PPAS Kab. Gunung Mas",
...                      members=(Agency("Bappeda"), Agency("Dinas PUPR"), Agency("Dinkes")))
>>> group.has_member(Agency("Dinas Kesehatan")), group.has_member(Agency("DLH"))
(True, False)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Final

import attrs

from ppsp.domain.checks import check_records
from ppsp.domain.extras import Extras, empty_extras, to_extras
from ppsp.domain.labels import LabelledEnum, labelled, normalise_text
from ppsp.domain.location import SourceLocation
from ppsp.errors import InvalidFormat
from ppsp.i18n import N_

__all__ = [
    "AGENCY_ABBREVIATIONS",
    "AGENCY_WORDS",
    "Agency",
    "WorkingGroup",
    "WorkingGroupKind",
    "agency_key",
    "looks_like_agency",
]

#: Abbreviations found in agency names and what they stand for (lower case, without "dan").
AGENCY_ABBREVIATIONS: Final[Mapping[str, str]] = {
    "dpupr": "dinas pekerjaan umum penataan ruang",
    "dpu": "dinas pekerjaan umum",
    "pupr": "pekerjaan umum penataan ruang",
    "pu": "pekerjaan umum",
    "pr": "penataan ruang",
    "disperkim": "dinas perumahan kawasan permukiman",
    "perkim": "perumahan kawasan permukiman",
    "perkimtan": "perumahan kawasan permukiman pertanahan",
    "disperkimtan": "dinas perumahan kawasan permukiman pertanahan",
    "dprkp": "dinas perumahan rakyat kawasan permukiman",
    "prkp": "perumahan rakyat kawasan permukiman",
    "dlh": "dinas lingkungan hidup",
    "dlhk": "dinas lingkungan hidup kebersihan",
    "lh": "lingkungan hidup",
    "dinkes": "dinas kesehatan",
    "kes": "kesehatan",
    "bappeda": "badan perencanaan pembangunan daerah",
    "bapeda": "badan perencanaan pembangunan daerah",
    "bappedalitbang": "badan perencanaan pembangunan penelitian pengembangan daerah",
    "dpmd": "dinas pemberdayaan masyarakat desa",
    "pmd": "pemberdayaan masyarakat desa",
    "disdikbud": "dinas pendidikan kebudayaan",
    "bpkad": "badan pengelolaan keuangan aset daerah",
    "dkp": "dinas kebersihan pertamanan",
    "pdam": "perusahaan daerah air minum",
    "dinsos": "dinas sosial",
    "diskominfo": "dinas komunikasi informatika",
    "kominfo": "komunikasi informatika",
    "baznas": "badan amil zakat nasional",
    "bpbd": "badan penanggulangan bencana daerah",
    "bapenda": "badan pendapatan daerah",
    "dispar": "dinas pariwisata",
    "dishub": "dinas perhubungan",
    "disdik": "dinas pendidikan",
}
_STOP: Final = frozenset({"dan", "serta", "pemerintah", "pemkab", "pemkot"})
#: Abbreviations of an affair that, written alone in an agency cell, name the dinas of it.
_BARE_AFFAIRS: Final = frozenset({"pupr", "pu", "perkim", "perkimtan", "prkp", "lh", "pmd"})
_REGION_WORDS: Final = frozenset({"kabupaten", "kab", "kota", "provinsi", "prov"})


def agency_key(name: str, abbreviations: Mapping[str, str] = AGENCY_ABBREVIATIONS) -> str:
    """A key equal for every spelling of one agency's name (abbreviations expanded,
    ``dan`` and the trailing region name dropped, case and punctuation folded)."""
    words = normalise_text(name).split()
    for index, word in enumerate(words):
        if index > 0 and word in _REGION_WORDS:
            words = words[:index]
            break
    expanded: list[str] = []
    if len(words) == 1 and words[0] in _BARE_AFFAIRS:
        # an affair named alone ("PUPR", "Perkim") is said of its dinas, as people say it
        expanded.append("dinas")
    for word in words:
        if word in _STOP:
            continue
        expanded.extend(abbreviations.get(word, word).split())
    return " ".join(expanded)


#: Words that name a kind of regional body (after abbreviations are expanded); data you may
#: extend. A name with none of them is probably not an agency (a funding source, a place).
AGENCY_WORDS: Final = frozenset(
    {
        "dinas",
        "badan",
        "kantor",
        "sekretariat",
        "inspektorat",
        "satuan",
        "unit",
        "uptd",
        "upt",
        "bagian",
        "kecamatan",
        "kelurahan",
        "rsud",
        "puskesmas",
        "perusahaan",
        "perumda",
        "pdam",
        "bumd",
        "dprd",
        "setda",
        "pokja",
        "bidang",
        "seksi",
        "balai",
        "direktorat",
        "kementerian",
        "pemerintah",
        "camat",
        "lurah",
        "desa",
    }
)


#: What joins the agencies of a cell that names several: always a slash, a semicolon, ``&`` or
#: ``+``; a comma or *dan* only between agencies' names.
_JOINED: Final = re.compile(r"\s*[/;&+]\s*")
_LISTED: Final = re.compile(r"\s*,\s*|\s+dan\s+", re.IGNORECASE)


@functools.lru_cache(maxsize=8192)
def _default_key(name: str) -> str:
    return agency_key(name)


#: A unit written in brackets after its agency: ``Dinas PUPR (UPTD PALD)``.
_UNIT: Final = re.compile(r"^(?P<agency>[^()]+?)\s*\((?P<unit>[^()]+)\)\s*$")
#: A short name of one word in capitals (``BPBD``, ``BAZNAS``): an agency's, in a list of them.
_ACRONYM: Final = re.compile(r"^[A-Z][A-Z0-9]{2,}$")


def _one_name(part: str) -> bool:
    """Whether ``part`` names one agency (with a unit in brackets after it, the agency does)."""
    unit = _UNIT.match(part)
    named = unit["agency"].strip() if unit else part
    return looks_like_agency(named) or bool(_ACRONYM.match(named))


def _split(name: str) -> list[str]:
    parts = [p.strip() for p in _JOINED.split(name) if p.strip()]
    if len(parts) < 2:
        listed = [p.strip() for p in _LISTED.split(name) if p.strip()]
        if len(listed) < 2 or not all(_one_name(p) for p in listed):
            return [name]
        parts = listed
    return parts


@functools.lru_cache(maxsize=4096)
def _named(name: str, code: str | None) -> tuple[Agency, ...]:
    names: list[str] = []
    for part in _split(name):
        unit = _UNIT.match(part)
        if unit and looks_like_agency(unit["agency"]) and _one_name(unit["unit"].strip()):
            names.extend((unit["agency"].strip(), unit["unit"].strip()))
        else:
            names.append(part)
    if names == [name]:
        return (Agency(name, code=code),)
    found: dict[str, Agency] = {}
    for index, part in enumerate(names):
        agency = Agency(part, code=code if index == 0 else None)
        found.setdefault(agency.key, agency)
    return tuple(found.values())


def looks_like_agency(name: str, abbreviations: Mapping[str, str] = AGENCY_ABBREVIATIONS) -> bool:
    """Whether ``name`` reads as the name of a regional body.

    >>> looks_like_agency("DPUPR"), looks_like_agency("Dinas Kesehatan"), looks_like_agency("APBD Kab")
    (True, True, False)
    """
    words = set(agency_key(name, abbreviations).split())
    expanded = {
        w for part in normalise_text(name).split() for w in abbreviations.get(part, part).split()
    }
    return bool((words | expanded) & AGENCY_WORDS)


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise InvalidFormat(N_("agency.empty"), field=attribute.name)


@attrs.frozen
class Agency:
    """A regional agency as a document names it, with its SIPD code when known.

    Two spellings are different values (nothing is lost) but :meth:`same_as` each other.
    """

    name: str = attrs.field(validator=_non_empty)
    code: str | None = attrs.field(default=None, kw_only=True)

    @property
    def key(self) -> str:
        """The comparable form of the name (:func:`agency_key`)."""
        return _default_key(self.name)

    def lead(self) -> Agency:
        """The first agency of a cell that names several, the one that leads the activity
        (``DPUPR / UPTD PALD``, ``DPMD; Pemdes``, ``Dinkes & Dikbud``; with a comma or *dan*
        only when every part is an agency's name, since *Dinas Perumahan, Kawasan Permukiman dan
        Lingkungan Hidup* is one agency); else the agency itself. A unit in brackets after an
        agency (``Dinas PUPR (UPTD PALD)``) is a unit of that agency: the agency leads.

        >>> Agency("DPUPR / UPTD PALD").lead().name, Agency("Dinkes, DLH").lead().name
        ('DPUPR', 'Dinkes')
        >>> Agency("Dinas Perumahan, Kawasan Permukiman dan Lingkungan Hidup").lead().name
        'Dinas Perumahan, Kawasan Permukiman dan Lingkungan Hidup'
        >>> Agency("Bappeda, Baznas").lead().name, Agency("Dinas PUPR (UPTD PALD)").lead().name
        ('Bappeda', 'Dinas PUPR')
        """
        return self.named()[0]

    def named(self) -> tuple[Agency, ...]:
        """Every agency of the cell, the one that leads first (see :meth:`lead`), each once;
        the agency itself when the cell names one. The cell as written stays the activity's
        agency: this is how a rule reads it (the Renstra-PD, Renja-PD or DPA of any agency
        named holds the activity).

        >>> [a.name for a in Agency("Dinas PUPR, Bagian Hukum").named()]
        ['Dinas PUPR', 'Bagian Hukum']
        >>> [a.name for a in Agency("Dinas PUPR (UPTD PALD)").named()]
        ['Dinas PUPR', 'UPTD PALD']
        >>> [a.name for a in Agency("Dinas Kesehatan (Dinkes)").named()]
        ['Dinas Kesehatan']
        """
        return _named(self.name, self.code)

    @classmethod
    def parse(cls, text: str) -> Agency:
        """The agency named ``text`` (its spacing tidied; the name is kept as written).

        >>> Agency.parse("  Dinas  PUPR ")
        Agency(name='Dinas PUPR', code=None)
        """
        return cls(" ".join(str(text).split()))

    def same_as(self, other: Agency) -> bool:
        """Whether both name the same agency (same SIPD code, or same :attr:`key`)."""
        if self.code and other.code:
            return self.code == other.code
        return self.key == other.key

    def __str__(self) -> str:
        return self.name

    def __ppsp_format__(self, lang: str) -> str:
        return self.name


@labelled(
    "working-group",
    {
        "pokja ppas": "ppas",
        "ppas": "ppas",
        "pokja pkp": "pkp",
        "pkp": "pkp",
        "pokja ampl": "ampl",
        "ampl": "ampl",
        "pokja sanitasi": "sanitasi",
        "sanitasi": "sanitasi",
        "pokja ppsp": "ppsp",
        "ppsp": "ppsp",
    },
)
class WorkingGroupKind(LabelledEnum):
    """The kind of a working group; names vary by region and period, so the list is open
    (``LAINNYA``) and every group keeps its own name."""

    PPAS = "ppas"
    PKP = "pkp"
    AMPL = "ampl"
    SANITASI = "sanitasi"
    PPSP = "ppsp"
    LAINNYA = "lainnya"


@attrs.frozen(kw_only=True)
class WorkingGroup:
    """A Pokja (PPAS, PKP, AMPL, Sanitasi...) with its member agencies and founding decree."""

    kind: WorkingGroupKind
    name: str
    members: tuple[Agency, ...] = ()
    decree: str | None = None
    source: SourceLocation | None = None
    extras: Extras = attrs.field(factory=empty_extras, converter=to_extras, hash=False)

    def has_member(self, agency: Agency) -> bool:
        """Whether ``agency`` (in any spelling) is a member."""
        return any(member.same_as(agency) for member in self.members)


check_records(globals(), __all__)
