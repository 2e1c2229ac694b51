"""Nomenclature codes of regional planning and budgeting, and the dated code lists they belong to.

A code names a level of the Permendagri 90/2019 classification, ``U.BB.PP.K.KK.SSSS``: urusan,
bidang urusan, program, kegiatan (a level digit, 1 province / 2 kab/kota, and a number) and sub
kegiatan. ``X.XX`` stands for the *penunjang* (supporting) programmes of every agency.

>>> code = NomenclatureCode.parse("1.03.05.2.01.0036")
>>> code.level, code.government_level
(<CodeLevel.SUB_KEGIATAN: 'sub_kegiatan'>, <GovernmentLevel.KABUPATEN_KOTA: 'kabupaten_kota'>)
>>> code.program, code.kegiatan
(NomenclatureCode('1.03.05'), NomenclatureCode('1.03.05.2.01'))

The forms found in real files are normalised: a zero-padded kegiatan digit, the older two-digit
sub kegiatan, a code with its name in the same cell, no dots at all.

>>> format("1.03.05.02.01.0033"), format("1.03.03.2.01.01"), format("103052010036")
('1.03.05.2.01.0033', '1.03.03.2.01.0001', '1.03.05.2.01.0036')
>>> split_label("1.03.05.2.01.0036 Pembangunan IPLT")
(NomenclatureCode('1.03.05.2.01.0036'), 'Pembangunan IPLT')
>>> is_valid("X.XX.01.1.01.0001"), is_valid("Dst ..."), is_valid("1.03.05.2.01.0036.5.1")
(True, False, False)

Code lists are dated datasets tied to their decree (:data:`DECREES`). ``ppsp`` ships a curated
sanitation subset (:func:`sanitation_code_lists`); full official lists are loaded from the
files users supply (:mod:`ppsp.io.sheets.codelists`).

>>> lists = sanitation_code_lists()
>>> lists.for_year(2025).decree.number
'900.1.15.5-1317/2023'
>>> lists.for_year(2025)["1.03.05.2.01.0036"].name
'Pembangunan Instalasi Pengolahan Lumpur Tinja (IPLT)'
>>> lists.renumbered("1.03.05.2.01.0040", to_year=2027)
NomenclatureCode('1.03.05.2.01.0048')
"""

from __future__ import annotations

import csv
import enum
import functools
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Final

import attrs
import pendulum

from ppsp.domain.subsector import Subsector
from ppsp.errors import InvalidComponent, InvalidFormat, InvalidValue, UnknownCode
from ppsp.i18n import N_

__all__ = [
    "DECREES",
    "CodeLevel",
    "CodeList",
    "CodeListEntry",
    "CodeLists",
    "Decree",
    "GovernmentLevel",
    "NomenclatureCode",
    "compact",
    "format",
    "is_valid",
    "sanitation_code_lists",
    "split_label",
    "validate",
]


class CodeLevel(enum.Enum):
    """The level of the classification a code names."""

    URUSAN = "urusan"
    BIDANG = "bidang"
    PROGRAM = "program"
    KEGIATAN = "kegiatan"
    SUB_KEGIATAN = "sub_kegiatan"


class GovernmentLevel(enum.Enum):
    """Who carries out a kegiatan, from its level digit: 1 province, 2 kab/kota.

    Digits 3-8 appear for special regimes (Papua, Papua Barat, DIY, DKI, Aceh); their meaning is
    inferred from content only (domain brief 3.2), so they are ``SPECIAL`` here.
    """

    PROVINSI = "provinsi"
    KABUPATEN_KOTA = "kabupaten_kota"
    SPECIAL = "special"


_LEVELS: Final = (
    CodeLevel.URUSAN,
    CodeLevel.BIDANG,
    CodeLevel.PROGRAM,
    CodeLevel.KEGIATAN,
    CodeLevel.KEGIATAN,
    CodeLevel.SUB_KEGIATAN,
)
_UNDOTTED_SPLITS: Final = {
    1: (1,),
    3: (1, 2),
    5: (1, 2, 2),
    8: (1, 2, 2, 1, 2),
    10: (1, 2, 2, 1, 2, 2),
}
_UNDOTTED_SPLITS_FULL: Final = (1, 2, 2, 1, 2, 4)
_LEADING_CODE = re.compile(
    r"^\s*([0-9Xx]{1,12}(?:\s*[.\-](?:\s*\.)?\s*[0-9Xx]{1,4})*)(?:\s*[:\-–]?\s+(.*))?$", re.S
)
_PLACEHOLDER = re.compile(r"^\s*(?:(?:dst|dan seterusnya|etc)\b|\.{2,}|…)", re.I)


def compact(text: str) -> str:
    """The code part of ``text`` with spaces removed (name and surrounding blanks dropped).

    >>> compact(" 1.03.05.2.01.0036  Pembangunan IPLT")
    '1.03.05.2.01.0036'
    """
    match = _LEADING_CODE.match(str(text))
    if not match:
        return str(text).strip()
    return re.sub(r"\s+", "", match.group(1)).replace("-", ".").upper()


def _segments(text: str) -> list[str]:
    raw = str(text)
    if _PLACEHOLDER.match(raw):
        raise InvalidFormat(N_("nomenclature.placeholder"), value=raw.strip())
    code = compact(raw)
    if not code or not re.fullmatch(r"[0-9X]+(\.+[0-9X]+)*", code):
        raise InvalidFormat(N_("nomenclature.format"), value=raw.strip())
    if "." in code:
        return code.split(".")
    splits = _UNDOTTED_SPLITS_FULL if len(code) == 12 else _UNDOTTED_SPLITS.get(len(code))
    if splits is None:
        raise InvalidFormat(N_("nomenclature.format"), value=raw.strip())
    parts, start = [], 0
    for width in splits:
        parts.append(code[start : start + width])
        start += width
    return parts


def _normalise_segments(parts: list[str], raw: str) -> str:
    value = raw.strip()
    # ``1.03.13. .201``: an empty part where a dot was doubled; ``201``: kegiatan level and
    # number written together (SIPD's raw ``kd_kegiatan``).
    parts = [p for p in parts if p]
    if len(parts) >= 4 and len(parts[3]) == 3 and parts[3].isdigit():
        parts = [*parts[:3], parts[3][0], parts[3][1:], *parts[4:]]
    if len(parts) > 6:
        raise InvalidFormat(N_("nomenclature.too-long"), value=value)
    out: list[str] = []
    for index, part in enumerate(parts):
        penunjang = set(part) == {"X"}
        if "X" in part and not penunjang:
            raise InvalidFormat(N_("nomenclature.format"), value=value)
        if index == 0:  # urusan: 1-9 (10 and up in Aceh's special affairs), or X
            if (penunjang and part != "X") or (not penunjang and (len(part) > 2 or int(part) == 0)):
                raise InvalidComponent(N_("nomenclature.urusan"), value=value, part=part)
            out.append(part if penunjang else str(int(part)))
        elif index == 1:  # bidang: two digits, or XX after X
            if penunjang != (out[0] == "X") or (penunjang and part != "XX") or len(part) > 2:
                raise InvalidComponent(N_("nomenclature.bidang"), value=value, part=part)
            out.append(part if penunjang else part.zfill(2))
        elif index in (2, 4):  # program, kegiatan number: two digits (00 for unsur codes)
            if penunjang or len(part) > 2:
                key = N_("nomenclature.program") if index == 2 else N_("nomenclature.kegiatan")
                raise InvalidComponent(key, value=value, part=part)
            out.append(part.zfill(2))
        elif index == 3:  # kegiatan level digit, sometimes zero-padded ("02")
            digit = part.lstrip("0")
            if penunjang or len(digit) != 1 or len(part) > 2:
                raise InvalidComponent(N_("nomenclature.kegiatan-level"), value=value, part=part)
            out.append(digit)
        else:  # sub kegiatan: four digits (two in the original Permendagri 90/2019 style)
            if penunjang or len(part) > 4:
                raise InvalidComponent(N_("nomenclature.sub-kegiatan"), value=value, part=part)
            out.append(part.zfill(4))
    if len(out) == 4:  # a kegiatan level digit without its number
        raise InvalidFormat(N_("nomenclature.format"), value=value)
    return ".".join(out)


def _check(value: str) -> None:
    if _normalise_segments(value.split("."), value) != value:
        raise InvalidFormat(N_("nomenclature.not-canonical"), value=value)


@attrs.frozen(order=True, cache_hash=True)
class NomenclatureCode:
    """A code of the planning and budgeting nomenclature, at any level (``1.03.05.2.01.0036``).

    Construct with :meth:`parse`; the constructor takes only the canonical form.
    """

    value: str = attrs.field(validator=lambda _i, _a, v: _check(v))

    @classmethod
    def parse(cls, text: str | NomenclatureCode) -> NomenclatureCode:
        """Read a code from the forms real files contain (padded, undotted, code + name)."""
        if isinstance(text, NomenclatureCode):
            return text
        if cls is NomenclatureCode and isinstance(text, str):
            return _parse_cached(text)
        return cls(_normalise_segments(_segments(text), str(text)))

    @property
    def parts(self) -> tuple[str, ...]:
        """The dotted parts: ``('1', '03', '05', '2', '01', '0036')``."""
        return tuple(self.value.split("."))

    @property
    def level(self) -> CodeLevel:
        """Urusan, bidang, program, kegiatan or sub kegiatan."""
        return _LEVELS[self.value.count(".")]

    @property
    def is_penunjang(self) -> bool:
        """A supporting (``X.XX``) code, common to every agency."""
        return self.value.startswith("X")

    @property
    def government_level(self) -> GovernmentLevel | None:
        """From the kegiatan level digit; ``None`` above kegiatan level."""
        parts = self.parts
        if len(parts) < 5:
            return None
        return {"1": GovernmentLevel.PROVINSI, "2": GovernmentLevel.KABUPATEN_KOTA}.get(
            parts[3], GovernmentLevel.SPECIAL
        )

    def prefix(self, level: CodeLevel) -> NomenclatureCode | None:
        """The code of the enclosing ``level`` (``None`` when this code is above it)."""
        return _prefix(self.value, level)

    @property
    def bidang(self) -> NomenclatureCode | None:
        """The bidang urusan (``1.03``)."""
        return self.prefix(CodeLevel.BIDANG)

    @property
    def program(self) -> NomenclatureCode | None:
        """The program (``1.03.05``)."""
        return self.prefix(CodeLevel.PROGRAM)

    @property
    def kegiatan(self) -> NomenclatureCode | None:
        """The kegiatan (``1.03.05.2.01``)."""
        return self.prefix(CodeLevel.KEGIATAN)

    @property
    def parent(self) -> NomenclatureCode | None:
        """The code one level up (``None`` for an urusan)."""
        parts = self.parts
        if len(parts) == 1:
            return None
        cut = 3 if len(parts) == 5 else len(parts) - 1
        return NomenclatureCode(".".join(parts[:cut]))

    def is_within(self, other: NomenclatureCode) -> bool:
        """True when ``other`` is this code or one of its enclosing codes."""
        return self.value == other.value or self.value.startswith(other.value + ".")

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"NomenclatureCode({self.value!r})"

    def __ppsp_format__(self, lang: str) -> str:
        return self.value


_PREFIX_SIZE = {
    CodeLevel.URUSAN: 1,
    CodeLevel.BIDANG: 2,
    CodeLevel.PROGRAM: 3,
    CodeLevel.KEGIATAN: 5,
    CodeLevel.SUB_KEGIATAN: 6,
}


@functools.lru_cache(maxsize=65536)
def _prefix(value: str, level: CodeLevel) -> NomenclatureCode | None:
    # cached: each distinct prefix is built (and validated) once
    parts = value.split(".")
    size = _PREFIX_SIZE[level]
    if len(parts) < size:
        return None
    return NomenclatureCode(".".join(parts[:size]))


@functools.lru_cache(maxsize=16384)
def _parse_cached(text: str) -> NomenclatureCode:
    # codes repeat on every line of a plan: parse each spelling once (errors are not cached)
    return NomenclatureCode(_normalise_segments(_segments(text), text))


def split_label(text: str) -> tuple[NomenclatureCode, str | None]:
    """Split a cell holding a code and its name: ``"1.03.05.2.01.0036 Pembangunan IPLT"``."""
    match = _LEADING_CODE.match(str(text))
    name = match.group(2).strip() if match and match.group(2) else None
    return NomenclatureCode.parse(text), name or None


def format(text: str) -> str:
    """The canonical form of a code."""
    return NomenclatureCode.parse(text).value


def validate(text: str, code_list: CodeList | None = None) -> NomenclatureCode:
    """Parse ``text``; with ``code_list``, also check that the list has the code."""
    code = NomenclatureCode.parse(text)
    if code_list is not None and code not in code_list:
        raise UnknownCode(N_("nomenclature.unknown"), value=code.value, code_list=code_list.name)
    return code


def is_valid(text: str, code_list: CodeList | None = None) -> bool:
    """``True`` when :func:`validate` accepts ``text``; never raises."""
    try:
        validate(text, code_list)
    except InvalidValue:
        return False
    return True


@attrs.frozen
class Decree:
    """A legal instrument that sets or changes a code list."""

    instrument: str
    number: str
    title: str = ""
    stipulated: pendulum.Date | None = None
    #: ``"confirmed"`` or ``"unconfirmed"``: whether our sources confirm the decree and its date.
    status: str = "confirmed"

    @property
    def id(self) -> str:
        """``Kepmendagri 050-5889/2021``."""
        return f"{self.instrument} {self.number}"

    def __str__(self) -> str:
        return self.id


def _date(y: int, m: int, d: int) -> pendulum.Date:
    return pendulum.Date(y, m, d)


#: The nomenclature decrees and their dates of stipulation (domain brief 3.1).
DECREES: Final[Mapping[str, Decree]] = {
    d.id: d
    for d in (
        Decree(
            "Permendagri",
            "90/2019",
            "Klasifikasi, Kodefikasi, dan Nomenklatur Perencanaan Pembangunan dan Keuangan Daerah",
            _date(2019, 10, 18),
        ),
        Decree("Kepmendagri", "050-3708/2020", "", _date(2020, 10, 5)),
        Decree(
            "Kepmendagri",
            "050-5889/2021",
            "Hasil Verifikasi, Validasi dan Inventarisasi Pemutakhiran Klasifikasi, Kodefikasi "
            "dan Nomenklatur Perencanaan Pembangunan dan Keuangan Daerah",
            _date(2021, 12, 27),
        ),
        Decree(
            "Kepmendagri",
            "900.1.15.5-1317/2023",
            "Perubahan atas 050-5889/2021",
            _date(2023, 6, 23),
        ),
        Decree(
            "Kepmendagri",
            "900.1.15.5-3406/2024",
            "Perubahan atas 050-5889/2021",
            _date(2024, 8, 27),
        ),
        Decree("Kepmendagri", "900.1-2850/2025", "", _date(2025, 7, 31)),
        Decree("Kepmendagri", "900.1-861/2026", "", _date(2026, 5, 7)),
    )
}


@attrs.frozen
class CodeListEntry:
    """One code of a list, with the metadata the decree gives it."""

    code: NomenclatureCode
    name: str
    kinerja: str | None = None
    indikator: str | None = None
    satuan: str | None = None
    subsector: Subsector | None = None
    spm: bool | None = None
    tags: tuple[str, ...] = ()
    #: Codes of the previous list that this code replaces (the renumbering map).
    previous: tuple[NomenclatureCode, ...] = ()


@attrs.frozen
class CodeList:
    """A dated code list: the codes one decree puts in force from one fiscal year.

    :param name: a short name (``kepmendagri-900-sanitasi``)
    :param decree: the decree the list follows
    :param valid_from: first fiscal year the list applies to
    :param valid_to: last fiscal year (``None``: until replaced)
    """

    name: str
    decree: Decree
    valid_from: int
    entries: tuple[CodeListEntry, ...]
    valid_to: int | None = None
    _index: dict[NomenclatureCode, CodeListEntry] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _renumbering: dict[NomenclatureCode, NomenclatureCode] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        index: dict[NomenclatureCode, CodeListEntry] = {}
        for entry in self.entries:
            index[entry.code] = entry
        object.__setattr__(self, "_index", index)
        renumbering = {old: entry.code for entry in self.entries for old in entry.previous}
        object.__setattr__(self, "_renumbering", renumbering)

    def __contains__(self, code: object) -> bool:
        if isinstance(code, str):
            try:
                code = NomenclatureCode.parse(code)
            except InvalidValue:
                return False
        return code in self._index

    def __getitem__(self, code: str | NomenclatureCode) -> CodeListEntry:
        parsed = NomenclatureCode.parse(code)
        try:
            return self._index[parsed]
        except KeyError:
            raise UnknownCode(
                N_("nomenclature.unknown"), value=parsed.value, code_list=self.name
            ) from None

    def __iter__(self) -> Iterator[CodeListEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, code: str | NomenclatureCode) -> CodeListEntry | None:
        """The entry for ``code``, or ``None``."""
        try:
            return self[code]
        except InvalidValue:
            return None

    def in_force(self, year: int) -> bool:
        """Whether the list applies to fiscal year ``year``."""
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)

    def renumbering(self) -> dict[NomenclatureCode, NomenclatureCode]:
        """``{old code: new code}`` for every entry that names its predecessor."""
        return dict(self._renumbering)


class CodeLists:
    """Several code lists in force one after another; answers by fiscal year.

    Lists are ordered by ``valid_from``; a list without ``valid_to`` runs until the next begins.
    """

    def __init__(self, lists: Iterable[CodeList]) -> None:
        self.lists: tuple[CodeList, ...] = tuple(sorted(lists, key=lambda cl: cl.valid_from))
        self._renumbered: dict[tuple[NomenclatureCode, int], NomenclatureCode] = {}

    def for_year(self, year: int) -> CodeList:
        """The list in force in fiscal year ``year``."""
        chosen: CodeList | None = None
        for code_list in self.lists:
            if code_list.valid_from <= year and (
                code_list.valid_to is None or year <= code_list.valid_to
            ):
                chosen = code_list
        if chosen is None:
            raise UnknownCode(N_("code-list.no-list-for-year"), year=year)
        return chosen

    def renumbered(self, code: str | NomenclatureCode, to_year: int) -> NomenclatureCode:
        """The code that ``code`` became in the list in force in ``to_year`` (itself if unchanged).

        The renumbering maps of the lists up to ``to_year`` are followed in order.
        """
        start = NomenclatureCode.parse(code)
        known = self._renumbered.get((start, to_year))
        if known is not None:
            return known
        current = start
        for code_list in self.lists:
            if code_list.valid_from > to_year:
                break
            current = code_list._renumbering.get(current, current)
        if len(self._renumbered) < 1_000_000:
            self._renumbered[(start, to_year)] = current
        return current

    def __iter__(self) -> Iterator[CodeList]:
        return iter(self.lists)


def _read_curated(name: str) -> list[dict[str, str]]:
    text = resources.files("ppsp.domain.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def _entries(rows: Iterable[dict[str, str]]) -> tuple[CodeListEntry, ...]:
    return tuple(
        CodeListEntry(
            code=NomenclatureCode.parse(row["code"]),
            name=row["name"],
            satuan=row.get("satuan") or None,
            subsector=Subsector(row["subsector"]) if row.get("subsector") else None,
            previous=tuple(
                NomenclatureCode.parse(p) for p in (row.get("previous") or "").split() if p
            ),
        )
        for row in rows
    )


@cache
def sanitation_code_lists() -> CodeLists:
    """The curated sanitation subset shipped with ``ppsp`` (kab/kota level).

    * ``kepmendagri-900-sanitasi``: from the Kepmendagri 900.1.15.5 workbook (most likely
      1317/2023 [unconfirmed]), in force from fiscal year 2024 [unconfirmed: the first budget
      prepared after the decree].
    * ``pemutakhiran-2027-air-limbah``: the air limbah codes of the 2027 update workbook, whose
      status (draft or enacted) is unknown [unconfirmed], from fiscal year 2027, with its
      renumbering map.

    Written from the domain brief, sections 3.3-3.5; not a full official list.
    """
    decree_900 = attrs.evolve(DECREES["Kepmendagri 900.1.15.5-1317/2023"], status="unconfirmed")
    draft_2027 = Decree(
        "Kepmendagri",
        "pemutakhiran 2027 (draft)",
        "Nomenklatur sub kegiatan versi pemutakhiran 2027",
        None,
        status="unconfirmed",
    )
    return CodeLists(
        [
            CodeList(
                "kepmendagri-900-sanitasi",
                decree_900,
                2024,
                _entries(_read_curated("sanitation_kabkota_900.csv")),
                valid_to=2026,
            ),
            CodeList(
                "pemutakhiran-2027-air-limbah",
                draft_2027,
                2027,
                _entries(_read_curated("sanitation_kabkota_2027.csv")),
            ),
        ]
    )
