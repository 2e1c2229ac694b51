"""Lossless JSON for every document and for the region bundle, with a published JSON Schema.

The text is compact (orjson does the writing and the reading); ``indent=2`` is for people:

>>> from ppsp.domain import RegionCode, PlanPeriod, StrategiSanitasi
>>> ssk = StrategiSanitasi(region=RegionCode.parse("62.10"), period=PlanPeriod(2024, 2028),
...                        extras={"Disusun oleh": "Pokja PPAS"})
>>> dumps(ssk)
'{"$schema":"urn:ppsp:schema:1.2","schema_version":"1.2","kind":"ssk","region":"62.10","period":"2024-2028","extras":{"Disusun oleh":"Pokja PPAS"}}'
>>> text = dumps(ssk, indent=2)
>>> print(text)
{
  "$schema": "urn:ppsp:schema:1.2",
  "schema_version": "1.2",
  "kind": "ssk",
  "region": "62.10",
  "period": "2024-2028",
  "extras": {
    "Disusun oleh": "Pokja PPAS"
  }
}
>>> loads(text) == ssk
True

The lines of a document read from a table share the file, the sheet and the columns of their
cells: the document writes them once, in ``cell_tables``, and each line only ``"at": [table,
row, fields]``. Reading gives every location back exactly:

>>> from ppsp.domain import RKPD, PlanLine
>>> from ppsp.domain.location import CellMap
>>> columns = {"name": ("B", "Sub Kegiatan"), "pagu": ("F", "Pagu (Rp)")}
>>> lines = tuple(PlanLine(name=f"IPLT {row}",
...                        source=SourceLocation("rkpd.xlsx", "RKPD", row),
...                        cells=CellMap("rkpd.xlsx", "RKPD", row, columns, ("name", "pagu")))
...               for row in (5, 6))
>>> rkpd = RKPD(region=RegionCode.parse("62.10"), year=2025, lines=lines)
>>> data = to_dict(rkpd)
>>> data["lines"][1], data["cell_tables"]
({'name': 'IPLT 6', 'at': [0, 6, 0]}, [{'file': 'rkpd.xlsx', 'sheet': 'RKPD', 'columns': {'name': ['B', 'Sub Kegiatan'], 'pagu': ['F', 'Pagu (Rp)']}, 'keys': [['name', 'pagu']]}])
>>> again = loads(dumps(rkpd))
>>> again == rkpd, again.lines[1].cells["pagu"].describe("en")
(True, "rkpd.xlsx, sheet 'RKPD', F6 (Pagu (Rp))")

Unknown keys are kept in ``extras`` (lenient, the default) or refused (``strict=True``), and
every problem of an input is reported at once, each with its JSON path:

>>> loads('{"kind": "ssk", "region": "62.10", "period": "2024-2028", "visi": "Sanitasi aman"}').extras
Extras({'visi': 'Sanitasi aman'})
>>> try:
...     loads('{"kind": "ssk", "region": "62.70", "period": "2024", "vison": "x"}', strict=True)
... except JsonError as error:
...     print(error.message("en"))
The JSON input has 3 problem(s):
- $.vison: unknown key 'vison'; did you mean 'vision'?
- $.region: Region code '62.70': the kab/kota number must be 01-69 (kabupaten) or 71-99 (kota), got 70.
- $.period: Plan period '2024': expected two years such as 2024-2028.

Longer than 600 lines, not split this session: another change is making the codec faster, and a
split now would not merge with it; the schema builder is the part to take out once that change has
landed.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import difflib
import gc
import inspect
import itertools
import json as _stdjson
import linecache
import re
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from importlib import resources
from types import MappingProxyType, MemberDescriptorType, NoneType, UnionType
from typing import Any, Final, NoReturn, TypeVar

import attrs
import cattrs
import orjson
import pendulum
from cattrs.errors import ClassValidationError, IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn

from ppsp.domain import (
    DPA,
    RKPD,
    RPJMD,
    Agency,
    BudgetLine,
    BukuPutihSanitasi,
    DocumentKind,
    Funding,
    ImplementationRecord,
    MemorandumProgram,
    NomenclatureCode,
    PlanLine,
    PlanPeriod,
    RegionBundle,
    RegionCode,
    RenjaPD,
    RenstraLine,
    RenstraPD,
    Rupiah,
    SSKActivity,
    StrategiSanitasi,
    YearAmount,
)
from ppsp.domain.documents import Document, Line
from ppsp.domain.extras import EMPTY as EMPTY_EXTRAS
from ppsp.domain.extras import Extras
from ppsp.domain.frozen import FrozenMap
from ppsp.domain.labels import LabelledEnum
from ppsp.domain.location import MAX_ROW, CellMap, SourceLocation
from ppsp.domain.period import parse_date, parse_time
from ppsp.errors import InvalidFormat, JsonError, PpspError, Problem, UnknownCode
from ppsp.i18n import N_
from ppsp.io.limits import check_json_text

__all__ = [
    "SCHEMA_ID",
    "SCHEMA_VERSION",
    "TOP_LEVEL",
    "dumpb",
    "dumps",
    "from_dict",
    "loads",
    "schema",
    "schema_text",
    "to_dict",
]

#: The version of the JSON format. Minor versions add optional fields only: 1.1 the compact
#: cell map of a document's lines, 1.2 the bundle's ``import_findings``.
SCHEMA_VERSION: Final = "1.2"
#: The identifier written as ``$schema`` in every file and as ``$id`` of the schema.
SCHEMA_ID: Final = f"urn:ppsp:schema:{SCHEMA_VERSION}"
_BUNDLE_KIND: Final = "bundle"

#: The classes a JSON file can hold at its top level, by their ``kind``.
TOP_LEVEL: Final[Mapping[str, type[Any]]] = {
    DocumentKind.BPS.value: BukuPutihSanitasi,
    DocumentKind.SSK.value: StrategiSanitasi,
    DocumentKind.MPS.value: MemorandumProgram,
    DocumentKind.RPJMD.value: RPJMD,
    DocumentKind.RENSTRA_PD.value: RenstraPD,
    DocumentKind.RKPD.value: RKPD,
    DocumentKind.RENJA_PD.value: RenjaPD,
    DocumentKind.DPA.value: DPA,
    DocumentKind.IMPLEMENTATION.value: ImplementationRecord,
    _BUNDLE_KIND: RegionBundle,
}
_KIND_OF: Final = {cls: kind for kind, cls in TOP_LEVEL.items()}
#: The types a big document is mostly made of: their hooks are generated with the converter
#: (the others' on first use).
_HOT_TYPES: Final = (PlanLine, BudgetLine, RenstraLine, SSKActivity, Funding, YearAmount, Agency)
_HEADER_KEYS: Final = ("$schema", "schema_version", "kind")

T = TypeVar("T")


class _UnknownKeys(Exception):
    """Raised inside structuring when strict mode meets keys a class does not have."""

    def __init__(self, keys: list[str], known: list[str]) -> None:
        super().__init__(keys)
        self.keys = keys
        self.known = known


class _WrongType(Exception):
    def __init__(self, expected: str, got: object) -> None:
        super().__init__(expected)
        self.expected = expected
        self.got = got

    def throw(self) -> NoReturn:
        raise self


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def _text(value: object, expected: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise _WrongType(expected, value)


def _to_decimal(value: object, _: object = None) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise _WrongType("number", value)
    if isinstance(value, str) and len(value) > 64:
        raise InvalidFormat(N_("number.format"), value=value[:40] + "…")
    try:
        result = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise InvalidFormat(N_("number.format"), value=str(value)) from None
    if not result.is_finite() or (result and not -40 < result.adjusted() < 40):
        raise InvalidFormat(N_("number.format"), value=str(value))
    return result


def _structure_int(value: object, _: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise _WrongType("integer", value)
    return value


def _structure_str(value: object, _: object) -> str:
    if not isinstance(value, str):
        raise _WrongType("string", value)
    return value


def _structure_bool(value: object, _: object) -> bool:
    if not isinstance(value, bool):
        raise _WrongType("boolean", value)
    return value


def _enum_value(member: Enum) -> Any:
    return member._value_  # what .value gives, without the descriptor's cost


def _origin(tp: Any) -> Any:
    return typing.get_origin(tp)


# --- the compact cell map ----------------------------------------------------------------
#
# A line read from a table knows its row (``source``) and the cells of its fields (``cells``),
# which all share the file, sheet and row, and whose column letters and headers are the same on
# every row of the table. Inside a document the codec writes them once per table, in the
# document's ``cell_tables``, and each line as ``"at": [table, row, keys]``: the table's index,
# the row number and the index of the line's list of fields in the table's ``keys``. Lines whose
# locations do not fit (a row of another file, a cell of another row) keep the full form.


class _Found(Exception):
    """Problems found below an object, each with its path relative to the object."""

    def __init__(self, problems: list[tuple[str, str, dict[str, Any]]]) -> None:
        super().__init__(problems)
        self.problems = problems


class _Inexact(Exception):
    """An integer beyond 64 bits, which orjson reads as a float: read the text again exactly."""


class _WriteTable:
    __slots__ = ("columns", "file", "index", "keysets", "sheet")

    def __init__(
        self,
        index: int,
        file: str | None,
        sheet: str | None,
        columns: dict[str, tuple[str | None, str | None]],
    ) -> None:
        self.index = index
        self.file = file
        self.sheet = sheet
        self.columns = columns
        self.keysets: dict[tuple[str, ...], int] = {}

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.file is not None:
            out["file"] = self.file
        if self.sheet is not None:
            out["sheet"] = self.sheet
        out["columns"] = {key: list(value) for key, value in self.columns.items()}
        out["keys"] = [list(keys) for keys in self.keysets]
        return out


class _TableWriter:
    """The cell tables of one document while it is written."""

    __slots__ = ("_by_layout", "_by_sheet", "_keep", "_last", "tables")

    def __init__(self) -> None:
        self.tables: list[_WriteTable] = []
        #: the columns, file and sheet of the line placed last, and its table
        self._last: tuple[object, object, object, Any] = (None, None, None, None)
        self._by_layout: dict[tuple[int, str | None, str | None], _WriteTable] = {}
        self._by_sheet: dict[tuple[str | None, str | None], list[_WriteTable]] = {}
        self._keep: list[object] = []  # the shared column tables whose id() keys _by_layout

    def _table(
        self, file: str | None, sheet: str | None, wanted: dict[str, tuple[str | None, str | None]]
    ) -> _WriteTable:
        """The first table of the sheet whose columns agree with ``wanted`` (which it takes
        in), else a new one. A table's columns only grow, so a document read back and written
        again gets the same tables in the same order."""
        candidates = self._by_sheet.setdefault((file, sheet), [])
        for table in candidates:
            known = table.columns
            if all(known.get(key, value) == value for key, value in wanted.items()):
                known.update(wanted)
                return table
        table = _WriteTable(len(self.tables), file, sheet, dict(wanted))
        self.tables.append(table)
        candidates.append(table)
        return table

    def place(
        self, source: SourceLocation, cells: Mapping[str, SourceLocation]
    ) -> list[Any] | None:
        """``[table, row, keys]`` of a line, or ``None`` when its locations need the full form."""
        if source.column is not None or source.header is not None:
            return None
        file, sheet, row = source.file, source.sheet, source.row
        if cells.__class__ is CellMap:
            c_file, c_sheet, c_row, columns, keys = cells.layout()
            if c_file != file or c_sheet != sheet or c_row != row:
                return None
            last = self._last
            if columns is last[0] and file is last[1] and sheet is last[2]:
                table = last[3]  # the row before's table (the rows of a table come together)
            else:
                layout = (id(columns), file, sheet)
                table = self._by_layout.get(layout)
                if table is None:  # a reader's table's first row: the rest share its columns
                    table = self._by_layout[layout] = self._table(file, sheet, dict(columns))
                    self._keep.append(columns)
                self._last = (columns, file, sheet, table)
        else:
            wanted: dict[str, tuple[str | None, str | None]] = {}
            for key, location in cells.items():
                if location.file != file or location.sheet != sheet or location.row != row:
                    return None
                wanted[key] = (location.column, location.header)
            keys = tuple(wanted)
            table = self._table(file, sheet, wanted)
        keysets = table.keysets
        index = keysets.get(keys)
        if index is None:
            index = keysets[keys] = len(keysets)
        return [table.index, row, index]


class _ReadTable:
    __slots__ = ("columns", "file", "keysets", "sheet")

    def __init__(
        self,
        file: str | None,
        sheet: str | None,
        columns: dict[str, tuple[str | None, str | None]],
        keysets: list[tuple[str, ...]],
    ) -> None:
        self.file = file
        self.sheet = sheet
        self.columns = columns
        self.keysets = keysets


_TABLE_KEYS: Final = ("file", "sheet", "columns", "keys")


def _read_tables(value: object, strict: bool) -> list[_ReadTable]:
    """The ``cell_tables`` of a document; raises :class:`_Found` with every problem."""
    if not isinstance(value, list):
        raise _Found([(".cell_tables", N_("json.wrong-type"), _wrong("array", value))])
    problems: list[tuple[str, str, dict[str, Any]]] = []
    tables: list[_ReadTable] = []
    for index, raw in enumerate(value):
        at = f".cell_tables[{index}]"
        if not isinstance(raw, Mapping):
            problems.append((at, N_("json.wrong-type"), _wrong("object", raw)))
            continue
        if strict:
            for key in raw:
                if key not in _TABLE_KEYS:
                    problems.append(
                        (f"{at}.{key}", N_("json.unknown-key"), {"key": key, "known": _TABLE_KEYS})
                    )
        texts: dict[str, str | None] = {}
        for name in ("file", "sheet"):
            text = raw.get(name)
            if text is not None and not isinstance(text, str):
                problems.append((f"{at}.{name}", N_("json.wrong-type"), _wrong("string", text)))
                text = None
            texts[name] = text
        columns: dict[str, tuple[str | None, str | None]] = {}
        raw_columns = raw.get("columns", {})
        if not isinstance(raw_columns, Mapping):
            problems.append((f"{at}.columns", N_("json.wrong-type"), _wrong("object", raw_columns)))
            raw_columns = {}
        for key, pair in raw_columns.items():
            where = f"{at}.columns.{key}"
            if (
                not isinstance(pair, list)
                or len(pair) != 2
                or not all(part is None or isinstance(part, str) for part in pair)
            ):
                problems.append((where, N_("json.wrong-type"), _wrong("array", pair)))
                continue
            try:
                letter = SourceLocation(column=pair[0]).column
            except PpspError as error:
                problems.append((where, error.key, dict(error.params)))
                continue
            columns[str(key)] = (letter, pair[1])
        keysets: list[tuple[str, ...]] = []
        raw_keys = raw.get("keys", [])
        if not isinstance(raw_keys, list):
            problems.append((f"{at}.keys", N_("json.wrong-type"), _wrong("array", raw_keys)))
            raw_keys = []
        for number, keys in enumerate(raw_keys):
            where = f"{at}.keys[{number}]"
            if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
                problems.append((where, N_("json.wrong-type"), _wrong("array", keys)))
                keysets.append(())
                continue
            unknown = [k for k in keys if k not in columns]
            if unknown or len(set(keys)) != len(keys):
                problems.append(
                    (where, N_("json.cell-keys"), {"keys": keys, "known": sorted(columns)})
                )
            keysets.append(tuple(keys))
        tables.append(_ReadTable(texts["file"], texts["sheet"], columns, keysets))
    if problems:
        raise _Found(problems)
    return tables


def _wrong(expected: str, got: object) -> dict[str, Any]:
    return {"expected": expected, "got": _json_type(got)}


def _decode_at(
    at: object, tables: list[_ReadTable]
) -> tuple[SourceLocation, Mapping[str, SourceLocation]]:
    """The ``source`` and ``cells`` of a line written as ``"at": [table, row, keys]``."""
    if at.__class__ is not list or len(at) != 3:
        raise _Found([(".at", N_("json.wrong-type"), _wrong("array", at))])
    number, row, keys = at
    if number.__class__ is not int or not 0 <= number < len(tables):
        raise _Found(
            [(".at[0]", N_("json.cell-table"), {"value": str(number), "count": len(tables)})]
        )
    table = tables[number]
    if row is not None and (row.__class__ is not int or not 1 <= row <= MAX_ROW):
        if row.__class__ is not int:
            raise _Found([(".at[1]", N_("json.wrong-type"), _wrong("integer", row))])
        raise _Found([(".at[1]", N_("location.row-range"), {"value": row, "maximum": MAX_ROW})])
    keysets = table.keysets
    if keys.__class__ is not int or not 0 <= keys < len(keysets):
        raise _Found(
            [(".at[2]", N_("json.cell-keyset"), {"value": str(keys), "count": len(keysets)})]
        )
    file, sheet = table.file, table.sheet
    source = SourceLocation.trusted(file, sheet, row, None, None)
    fields = keysets[keys]
    if not fields:  # no cell: what the line's converter makes of none
        return source, {}
    return source, CellMap(file, sheet, row, table.columns, fields)


#: The cell tables of a document whose ``cell_tables`` has problems: its lines' ``at`` are
#: not read (one problem of a table, not one per line).
_BROKEN_TABLES: Final[list[_ReadTable]] = []
#: The cell tables of the document being written, and of the document being read.
_WRITER: ContextVar[_TableWriter | None] = ContextVar("ppsp_json_cell_writer", default=None)
_READER: ContextVar[list[_ReadTable] | None] = ContextVar("ppsp_json_cell_reader", default=None)
#: True while structuring what orjson read (its floats may be integers beyond 64 bits).
_FROM_ORJSON: ContextVar[bool] = ContextVar("ppsp_json_from_orjson", default=False)
#: set while :func:`dumpb` writes compact JSON: a long sequence of records is then written to
#: JSON bytes a batch at a time (an ``orjson.Fragment``), so that the dicts of a million lines
#: are never all held at once (they take three times the memory of their JSON)
_SPOOL: ContextVar[bool] = ContextVar("ppsp_json_spool", default=False)
#: sequences at least this long are spooled, in batches of this many items
_SPOOL_BATCH: Final = 10_000
#: set while :func:`loads` structures the data orjson made: lists at least
#: :data:`_CONSUME_FROM` long are emptied as they are read (see :func:`loads`)
_CONSUME: ContextVar[bool] = ContextVar("ppsp_json_consume", default=False)
_CONSUME_FROM: Final = 1_000


class _Made:
    """The records of a field that :mod:`ppsp.io.json.streaming` made already, batch by batch:
    the tuple hook takes them as they are."""

    __slots__ = ("items",)

    def __init__(self, items: tuple[Any, ...]) -> None:
        self.items = items


class _Redo(Exception):
    """The fast hooks failed on data they had partly let go: read the text again, keeping it."""


_BIG: Final = float(2**63)


def _has_big_float(value: object) -> bool:
    if value.__class__ is float:
        return abs(value) >= _BIG
    if isinstance(value, list):
        return any(_has_big_float(item) for item in value)
    if isinstance(value, Mapping):
        return any(_has_big_float(item) for item in value.values())
    return False


def _make_converter(strict: bool, detailed: bool) -> cattrs.Converter:
    """The converter of ``strict`` or lenient reading. ``detailed``: collect every problem with
    its path (cattrs' detailed validation); without it, hooks stop at the first problem, and
    :func:`from_dict` reads the input again with the detailed converter to report them."""
    # Long: every cattrs hook of the bundle's types is registered here, once per process; each is
    # a small closure over this function's locals, which the hot paths read as fast locals.
    conv = cattrs.Converter(detailed_validation=detailed, omit_if_default=True)

    def structure_decimal(value: object, _: object = None) -> Decimal:
        if value.__class__ is float and abs(value) >= _BIG and _FROM_ORJSON.get():
            raise _Inexact()
        return _to_decimal(value)

    # Value types travel as their canonical text.
    conv.register_unstructure_hook(RegionCode, str)
    conv.register_structure_hook(RegionCode, lambda v, _: RegionCode.parse(_text(v, "string")))
    conv.register_unstructure_hook(NomenclatureCode, str)
    codes: dict[str, NomenclatureCode] = {}  # a plan's lines share a few hundred codes

    def structure_code(value: object, _: object) -> NomenclatureCode:
        if isinstance(value, str) and value.__class__ is str:
            found = codes.get(value)
            if found is None:
                found = NomenclatureCode.parse(value)
                if len(codes) >= 4096:
                    codes.clear()
                codes[value] = found
            return found
        return NomenclatureCode.parse(_text(value, "string"))

    conv.register_structure_hook(NomenclatureCode, structure_code)
    conv.register_unstructure_hook(PlanPeriod, str)
    conv.register_structure_hook(PlanPeriod, lambda v, _: PlanPeriod.parse(_text(v, "string")))
    conv.register_unstructure_hook(Rupiah, Rupiah.to_json)

    money_text = _MONEY_TEXT.fullmatch
    amount_slot = _slot(Rupiah, "amount")
    if amount_slot is not None:  # Rupiah._trusted, with the slot's own setter
        set_amount, new = amount_slot.__set__, object.__new__

        def trusted_rupiah(amount: Decimal) -> Rupiah:
            made: Rupiah = new(Rupiah)
            set_amount(made, amount)
            return made

    else:  # pragma: no cover - a Rupiah without slots
        trusted_rupiah = Rupiah._trusted

    def structure_rupiah(value: object, _: object) -> Rupiah:
        # what Rupiah.to_json writes: an amount in range, in sen at most. Whole rupiah (most
        # amounts) are told by two flag tests of the text, without the pattern
        if value.__class__ is str and (
            (
                value.isascii()
                and value.isdigit()
                and len(value) <= 28
                and (value[0] != "0" or len(value) == 1)
            )
            or money_text(value)
        ):
            return trusted_rupiah(Decimal(value))
        return Rupiah(structure_decimal(value))

    conv.register_structure_hook(Rupiah, structure_rupiah)
    conv.register_unstructure_hook(Decimal, lambda d: f"{d:f}")
    conv.register_structure_hook(Decimal, structure_decimal)
    conv.register_unstructure_hook(pendulum.Date, lambda d: d.isoformat())
    conv.register_structure_hook(pendulum.Date, lambda v, _: parse_date(_text(v, "string")))
    conv.register_unstructure_hook(pendulum.Time, lambda t: t.isoformat())
    conv.register_structure_hook(pendulum.Time, lambda v, _: parse_time(_text(v, "string")))
    conv.register_unstructure_hook(Extras, Extras.to_json)

    def structure_extras(value: object, _: object) -> Extras:
        if not isinstance(value, Mapping):
            raise _WrongType("object", value)
        if _FROM_ORJSON.get() and _has_big_float(value):
            raise _Inexact()
        return Extras(value)

    conv.register_structure_hook(Extras, structure_extras)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)

    def structure_enum(value: object, cls: type[Enum]) -> Enum:
        if not isinstance(value, str):
            raise _WrongType("string", value)
        try:
            return cls(value)
        except ValueError:
            if not strict and issubclass(cls, LabelledEnum):
                return cls.parse(value)
            raise UnknownCode(
                N_("enum.unknown"),
                value=value,
                kind=cls.__name__,
                expected=[m.value for m in cls],
            ) from None

    def enum_factory(cls: type[Enum]) -> Callable[[Any, Any], Enum]:
        members: dict[object, Enum] = {m._value_: m for m in cls if m._value_.__class__ is str}
        find = members.get

        def structure(value: object, _: object) -> Enum:
            # a member's own value (texts only: 1 and True are never a member's text)
            found = find(value) if value.__class__ is str else None
            return found if found is not None else structure_enum(value, cls)

        return structure

    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Enum), enum_factory
    )
    conv.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Enum), lambda t: _enum_value
    )

    def tuple_factory(t: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
        (elem, *_rest) = typing.get_args(t)
        handler = conv.get_structure_hook(elem)
        shared = elem in _SHARED_TYPES
        made: dict[tuple[Any, ...], tuple[Any, ...]] = {}

        def fast(value: object, _: object) -> tuple[Any, ...]:
            if value.__class__ is not list and not isinstance(value, list | tuple):
                if value.__class__ is _Made:  # made by the streamed load
                    return value.items
                raise _WrongType("array", value)
            if shared and value.__class__ is list and 0 < len(value) <= 4:
                # the few fundings that recur on every line: one tuple per distinct list
                key = tuple(map(_text_items, value))
                if None not in key:
                    found = made.get(key)
                    if found is None:
                        found = tuple([handler(item, elem) for item in value])
                        if len(made) >= 4096:
                            made.clear()
                        made[key] = found
                    return found
            if value.__class__ is list and len(value) >= _CONSUME_FROM and _CONSUME.get():
                # the lists orjson made for loads() are its own: each item's dict is let go
                # once its object is made, so that a bundle of millions of activities never
                # holds both all the dicts and all the objects
                out: list[Any] = []
                nones = [None] * _CONSUME_FROM
                for start in range(0, len(value), _CONSUME_FROM):
                    end = start + _CONSUME_FROM
                    out += [handler(item, elem) for item in value[start:end]]
                    value[start:end] = nones[: len(value) - start] if end > len(value) else nones
                return tuple(out)
            return tuple([handler(item, elem) for item in value])

        def structure(value: object, _: object) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise _WrongType("array", value)
            out: list[Any] = []
            errors: list[Exception] = []
            for index, item in enumerate(value):
                try:
                    out.append(handler(item, elem))
                except Exception as exc:
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"@ index {index}", index, elem),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {t!r}", errors, t)
            return tuple(out)

        return structure if detailed else fast

    conv.register_structure_hook_factory(
        lambda t: (
            _origin(t) is tuple
            and len(typing.get_args(t)) == 2
            and typing.get_args(t)[1] is Ellipsis
        ),
        tuple_factory,
    )
    # the lines of annual plans and DPAs: a tuple, or a LazySequence made on reading
    conv.register_structure_hook_factory(
        lambda t: _origin(t) in (Sequence, typing.Sequence),
        lambda t: tuple_factory(tuple.__class_getitem__((typing.get_args(t)[0], ...))),
    )

    def sequence_unstructure_factory(t: Any) -> Callable[[Any], Any]:
        handler = conv.get_unstructure_hook(typing.get_args(t)[0])

        def unstructure(items: Any) -> Any:
            if len(items) < _SPOOL_BATCH or not _SPOOL.get():
                return [handler(item) for item in items]
            # a long sequence (the lines of an RKPD) as JSON bytes made a batch at a time
            parts = []
            iterator = iter(items)
            while batch := [handler(item) for item in itertools.islice(iterator, _SPOOL_BATCH)]:
                parts.append(orjson.dumps(batch)[1:-1])
                del batch
            text = b"[" + b",".join(parts) + b"]"
            del parts
            return orjson.Fragment(text)

        return unstructure

    conv.register_unstructure_hook_factory(
        lambda t: (
            _origin(t) in (Sequence, typing.Sequence)
            or (
                _origin(t) is tuple
                and len(typing.get_args(t)) == 2
                and typing.get_args(t)[1] is Ellipsis
            )
        ),
        sequence_unstructure_factory,
    )
    # the activities of an SSK and every other tuple of records: a list, as cattrs writes
    # them, spooled the same way when long
    conv.register_unstructure_hook_factory(
        lambda t: (
            _origin(t) is tuple
            and len(typing.get_args(t)) == 2
            and typing.get_args(t)[1] is Ellipsis
            and attrs.has(typing.get_args(t)[0])
        ),
        sequence_unstructure_factory,
    )

    def mapping_factory(t: Any) -> Callable[[Any, Any], Any]:
        _key, value_type = typing.get_args(t)
        handler = conv.get_structure_hook(value_type)

        def structure(value: object, _: object) -> Mapping[str, Any]:
            if value.__class__ is CellMap:  # made by the line hook from its "at"
                return value
            if not isinstance(value, Mapping):
                raise _WrongType("object", value)
            return FrozenMap({str(k): handler(v, value_type) for k, v in value.items()})

        return structure

    conv.register_structure_hook_factory(
        lambda t: _origin(t) in (Mapping, typing.Mapping), mapping_factory
    )
    for mapping_type in (MappingProxyType, FrozenMap, CellMap):
        conv.register_unstructure_hook(
            mapping_type, lambda m: {k: conv.unstructure(v) for k, v in m.items()}
        )

    def attrs_structure_factory(cls: type[Any]) -> Callable[[Any, Any], Any]:
        base = (
            make_dict_structure_fn(cls, conv, _cattrs_detailed_validation=True)
            if detailed
            else _record_structure(cls, conv)
        )
        names = [a.name for a in attrs.fields(cls) if a.init]
        known = set(names)
        if not detailed and issubclass(cls, Line):
            known.add("at")  # the fast hook reads it (the detailed one's wrapper takes it out)
        knows_all = known.issuperset
        keeps_extras = "extras" in known

        def structure(value: object, _: object) -> Any:
            if value.__class__ is not dict and not isinstance(value, Mapping):
                raise _WrongType("object", value)
            if knows_all(value):
                return base(value, cls)
            unknown = [k for k in value if k not in known]
            if unknown:
                if strict or not keeps_extras:
                    # Report the unknown keys together with every other problem of the object.
                    errors: list[Exception] = [_UnknownKeys(unknown, names)]
                    try:
                        base({k: v for k, v in value.items() if k in known}, cls)
                    except ClassValidationError as exc:
                        errors.extend(e for e in exc.exceptions if isinstance(e, Exception))
                    except Exception as exc:
                        errors.append(exc)
                    raise ClassValidationError(f"While structuring {cls.__name__}", errors, cls)
                data = {k: v for k, v in value.items() if k in known}
                previous = value.get("extras") or {}
                if not isinstance(previous, Mapping):
                    raise _WrongType("object", previous)
                data["extras"] = {**previous, **{k: value[k] for k in unknown}}
                value = data
            return base(value, cls)

        if detailed and issubclass(cls, Line):
            return _line_structure(cls, structure)
        if issubclass(cls, Document):
            return _document_structure(cls, structure, strict)
        if not detailed and cls in _SHARED_TYPES:
            return _shared(structure)  # a known text is made once, before any key is looked at
        return structure

    def attrs_unstructure_factory(cls: type[Any]) -> Callable[[Any], Any]:
        if issubclass(cls, Line):
            return _line_unstructure(cls, conv)
        base = _record_unstructure(cls, conv)
        if issubclass(cls, Document):
            return _document_unstructure(base)
        return base

    conv.register_structure_hook_factory(attrs.has, attrs_structure_factory)
    conv.register_unstructure_hook_factory(attrs.has, attrs_unstructure_factory)
    # a location made by the line hook from its "at" is taken as it is
    location_hook = attrs_structure_factory(SourceLocation)
    conv.register_structure_hook(
        SourceLocation,
        lambda v, t: v if v.__class__ is SourceLocation else location_hook(v, t),
    )
    # the hooks of the types a big document is made of, generated now rather than on first use
    for hot in _HOT_TYPES:
        conv.get_structure_hook(hot)
        conv.get_unstructure_hook(hot)
    return conv


def _failed(name: str, found: _Found, cls: type[Any]) -> ClassValidationError:
    found.__notes__ = []
    return ClassValidationError(f"While structuring {name}", [found], cls)


def _line_structure(cls: type[Any], inner: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """A line's hook in the detailed converter: its compact ``at`` becomes ``source`` and
    ``cells``, the rest as usual, every problem reported (the fast hooks read ``at`` in their
    generated code)."""

    def structure(value: object, _: object) -> Any:
        if isinstance(value, Mapping) and "at" in value:
            data = dict(value)
            at = data.pop("at")
            if _READER.get() is _BROKEN_TABLES:  # the tables' own problems are reported
                return inner(data, cls)
            try:
                if "source" in data or "cells" in data:
                    raise _Found([(".at", N_("json.cell-at-and-cells"), {})])
                tables = _READER.get()
                if tables is None:
                    raise _Found([(".at", N_("json.cell-table"), {"value": "-", "count": 0})])
                data["source"], data["cells"] = _decode_at(at, tables)
            except _Found as found:
                raise _with_inner_errors(found, inner, data, cls) from None
            return inner(data, cls)
        return inner(value, cls)

    return structure


def _with_inner_errors(
    found: _Found, inner: Callable[[Any, Any], Any], value: Any, cls: type[Any]
) -> ClassValidationError:
    """``found`` with every other problem the inner hook finds in ``value``, as one error."""
    errors: list[Exception] = [found]
    try:
        inner(value, cls)
    except ClassValidationError as exc:
        errors.extend(e for e in exc.exceptions if isinstance(e, Exception))
    except Exception as exc:
        errors.append(exc)
    return ClassValidationError(f"While structuring {cls.__name__}", errors, cls)


def _document_structure(
    cls: type[Any], inner: Callable[[Any, Any], Any], strict: bool
) -> Callable[[Any, Any], Any]:
    """A document's hook: reads its ``cell_tables`` for the lines' ``at``."""

    def structure(value: object, _: object) -> Any:
        tables: list[_ReadTable] = []
        failed: _Found | None = None
        if isinstance(value, Mapping) and "cell_tables" in value:
            value = dict(value)
            try:
                tables = _read_tables(value.pop("cell_tables"), strict)
            except _Found as found:
                failed = found
                tables = _BROKEN_TABLES
        token = _READER.set(tables)
        try:
            if failed is None:
                return inner(value, cls)
            # the lines' "at" cannot be read without their tables: the tables' problems say it
            raise _with_inner_errors(failed, inner, value, cls)
        finally:
            _READER.reset(token)

    return structure


_IDENTITY_TYPES: Final = (str, int, bool, float)
#: What the unstructure hooks of these value types return, as an expression of ``v``.
_INLINE_UNSTRUCTURE: Final = {NomenclatureCode: "v.value", Rupiah: "f'{v.amount:f}'"}
_EMPTY_DEFAULTS: Final = (tuple, list, dict, Extras, FrozenMap)


def _record_unstructure(
    cls: type[Any], conv: cattrs.Converter, omit: tuple[str, ...] = ()
) -> Callable[[Any], dict[str, Any]]:
    """The ``dict`` of an attrs record, keys in field order, defaults left out: what cattrs'
    omit-if-default function makes, generated with cheaper tests (``is None`` for a ``None``
    default, truth for an empty default container) and without calls for text and numbers."""
    hints = typing.get_type_hints(cls)
    lines = ["def unstructure(o):", "    res = {}"]
    scope: dict[str, Any] = {}
    fields = list(enumerate(attrs.fields(cls)))
    # the required fields first, then the others, in field order (as cattrs writes them)
    fields.sort(key=lambda item: item[1].default is not attrs.NOTHING)
    for number, field in fields:
        if not field.init or field.name in omit:
            continue
        tp = hints[field.name]
        args = typing.get_args(tp)
        optional = _origin(tp) in (typing.Union, UnionType) and NoneType in args
        inner = tp
        if optional:
            members = [a for a in args if a is not NoneType]
            inner = members[0] if len(members) == 1 else tp
        if inner in _IDENTITY_TYPES:
            call = "v"
        elif inner in _INLINE_UNSTRUCTURE:  # what the hook returns, without its call
            call = _INLINE_UNSTRUCTURE[inner]
        elif isinstance(inner, type) and issubclass(inner, Enum):
            call = "v._value_"
        else:
            hook = conv.get_unstructure_hook(inner if optional else tp)
            if inner in _SHARED_TYPES or (
                _origin(tp) is tuple and typing.get_args(tp)[0] in _SHARED_TYPES
            ):
                hook = _memoised(hook)  # the agency, the fundings: shared by many lines
            scope[f"h{number}"] = hook
            call = f"h{number}(v)"
        name = field.name
        lines.append(f"    v = o.{name}")
        default = field.default
        if default is attrs.NOTHING:
            if optional and call != "v":
                lines.append(f"    res[{name!r}] = None if v is None else {call}")
            else:
                lines.append(f"    res[{name!r}] = {call}")
            continue
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            made = default.factory() if not default.takes_self else None
            if made is EMPTY_EXTRAS:  # the shared empty Extras of most records: one identity test
                scope["E"] = EMPTY_EXTRAS
                test = "v is not E and v"
            elif isinstance(made, _EMPTY_DEFAULTS) and not made:
                test = "v"
            else:
                scope[f"d{number}"] = default
                test = f"v != d{number}.factory()"
        elif default is None:
            test = "v is not None"
        elif default == () and _origin(tp) in (tuple, Sequence, typing.Sequence):
            test = "v"  # a tuple (or lazy sequence) is empty exactly when it equals ()
        else:
            scope[f"d{number}"] = default
            test = f"v != d{number}"
        lines.append(f"    if {test}:")
        lines.append(f"        res[{name!r}] = {call}")
    lines.append("    return res")
    _compile(lines, f"<ppsp unstructure {cls.__name__}>", scope)
    function: Callable[[Any], dict[str, Any]] = scope["unstructure"]
    return function


#: set while :func:`dumpb` writes: the JSON of each shared record (an agency, the fundings of
#: a line), by the object's ``id``, written once and used again wherever the object recurs. Only
#: there, where the dicts are written and dropped: :func:`to_dict` gives each line its own
_SHARE: ContextVar[dict[int, tuple[Any, Any]] | None] = ContextVar("ppsp_json_share", default=None)


def _memoised(hook: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``hook`` run once per object while :func:`dumpb` writes (see :data:`_SHARE`)."""
    share = _SHARE.get

    def unstructure(value: Any) -> Any:
        memo = share()
        if memo is None:
            return hook(value)
        found = memo.get(id(value))
        if found is None or found[0] is not value:
            if len(memo) >= 4096:  # bounded: records made for every line are not all kept
                memo.clear()
            found = memo[id(value)] = (value, hook(value))
        return found[1]

    return unstructure


def _record_structure(cls: type[Any], conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """The fast hook of an attrs record from a ``dict`` whose keys it all knows: each key's hook
    called directly (``None`` of an optional field taken as it is), then the instance made as
    the class's ``__init__`` makes it (see :func:`_construction`). It stops at the first
    problem; the detailed converter reports them (see :func:`from_dict`)."""
    # Long: it writes the source of one record type's fast hook (issue 14), field by field and
    # case by case (compact cell map, optional fields); the hook it makes is short.
    hints = typing.get_type_hints(cls)
    lines = ["def structure(o, _):"]
    scope: dict[str, Any] = {
        "cls": cls,
        "M": _MISSING,
        "WrongType": _WrongType,
        "reader": _READER.get,
        "decode": _decode_at,
        "Found": _Found,
    }
    direct = _plain_init(cls)
    if not direct:
        lines.append("    kw = {}")
    line = issubclass(cls, Line)
    if line:  # the compact cell map: "at" in place of source and cells
        lines += [
            "    at = o.get('at', M)",
            "    if at is not M:",
            "        tables = reader()",
            "        if tables is None or 'source' in o or 'cells' in o:",
            "            raise Found([])",
            "        a_source, a_cells = decode(at, tables)",
        ]
        for number, field in enumerate(a for a in attrs.fields(cls) if a.init):
            if direct and field.name in ("source", "cells") and field.converter is not None:
                scope[f"c{number}"] = field.converter
                call = f"c{number}(a_{field.name})"
                if field.name == "cells" and _keeps_cell_maps(field.converter):
                    # the CellMap decode made is kept as it is (an empty one is {})
                    scope["CellMap"] = CellMap
                    call = f"a_cells if a_cells.__class__ is CellMap else {call}"
                lines.append(f"        a_{field.name} = {call}")
        if not direct:
            lines.append("        kw['source'], kw['cells'] = a_source, a_cells")
    fields = [field for field in attrs.fields(cls) if field.init]
    for number, field in enumerate(fields):
        name = field.name
        key = field.alias or name
        default = field.default
        indent = "    "
        if line and name in ("source", "cells"):
            lines.append("    if at is M:")
            indent = "        "
            tp = SourceLocation if name == "source" else hints[name]
            scope[f"h{number}"] = conv.get_structure_hook(tp)
            scope[f"t{number}"] = tp
            call = f"h{number}(v, t{number})"
            if name == "source":
                call = f"None if v is None else {call}"
        else:
            tp = hints[name]
            args = typing.get_args(tp)
            optional = _origin(tp) in (typing.Union, UnionType) and NoneType in args
            members = [a for a in args if a is not NoneType]
            if optional and len(members) == 1:
                inner = members[0]
            else:
                inner, optional = tp, False
            scope[f"h{number}"] = conv.get_structure_hook(inner)
            scope[f"t{number}"] = inner
            call = f"h{number}(v, t{number})"
            if inner is str:  # text: checked here rather than by a call
                call = "v if v.__class__ is str else WrongType('string', v).throw()"
            if optional:
                call = f"None if v is None else {call}"
        target = f"a_{name}"
        converter = field.converter if direct else None
        if converter is not None:  # as __init__ does, given values and defaults alike
            scope[f"c{number}"] = converter
            call = f"c{number}({call})"
        if default is attrs.NOTHING:
            lines.append(f"{indent}v = o[{name!r}]")
            lines.append(f"{indent}{target} = {call}")
            if not direct:
                lines.append(f"{indent}kw[{key!r}] = {target}")
            continue
        lines.append(f"{indent}v = o.get({name!r}, M)")
        if not direct:
            lines.append(f"{indent}if v is not M:")
            lines.append(f"{indent}    kw[{key!r}] = {call}")
            continue
        made = _default_of(field, number, scope)
        lines.append(f"{indent}{target} = {made} if v is M else {call}")
    if direct:
        lines += _construction(cls, fields, scope)
    else:
        lines.append("    return cls(**kw)")
    _compile(lines, f"<ppsp structure {cls.__name__}>", scope)
    function: Callable[[Any, Any], Any] = scope["structure"]
    return function


def _keeps_cell_maps(converter: Any) -> bool:
    """Whether a converter gives a non-empty :class:`CellMap` back as it is."""
    probe = CellMap(None, None, 1, {"k": (None, None)}, ("k",))
    try:
        return bool(converter(probe) is probe)
    except Exception:  # pragma: no cover - a converter that refuses cell maps
        return False


def _compile(lines: list[str], name: str, scope: dict[str, Any]) -> None:
    """Run the generated source ``lines`` in ``scope``, kept for tracebacks (as attrs does)."""
    source = "\n".join(lines) + "\n"
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    exec(compile(source, name, "exec"), scope)


def _plain_init(cls: type[Any]) -> bool:
    """Whether the instance can be made as :func:`_construction` does, the same as the
    ``__init__`` attrs generated for ``cls`` would: no ``__attrs_pre_init__``, no cached hash,
    every field given to ``__init__``, plain converters, factories that do not take ``self``.

    The checking constructor of :mod:`ppsp.domain.checks` wraps the one attrs generated: the
    hooks have checked and structured every field by its type already, and make the instance
    as the generated one does (a wrong value is refused by the hooks, with its JSON path)."""
    init = inspect.unwrap(getattr(cls, "__init__", None) or object.__init__)
    code = getattr(init, "__code__", None)
    if code is None or not code.co_filename.startswith("<attrs generated"):
        return False
    if hasattr(cls, "__attrs_pre_init__") or "_attrs_cached_hash" in code.co_consts:
        return False
    for field in attrs.fields(cls):
        if not field.init or isinstance(field.converter, attrs.Converter):
            return False
        default = field.default
        if isinstance(default, attrs.Factory) and default.takes_self:  # type: ignore[arg-type]
            return False
    return True


#: Values that never change: a default of one of these types, once converted, is shared by
#: every instance (as equal to the one ``__init__`` would make as can be).
_IMMUTABLE: Final = (Extras, FrozenMap, CellMap, tuple, frozenset, str, int, bool, NoneType)


def _default_of(field: attrs.Attribute[Any], number: int, scope: dict[str, Any]) -> str:
    """The expression of a field's default, converted as ``__init__`` converts it: made once
    when it is a value that never changes, else made (and converted) for each instance."""
    default: Any = field.default
    converter: Any = field.converter
    factory = default.factory if isinstance(default, attrs.Factory) else None  # type: ignore[arg-type]
    try:
        made = factory() if factory is not None else default
        value = converter(made) if converter is not None else made
    except Exception:  # a default the converter refuses is refused for each instance
        value = _MISSING
    if value is not _MISSING and isinstance(value, _IMMUTABLE):
        scope[f"d{number}"] = value
        return f"d{number}"
    if factory is None:
        scope[f"d{number}"] = default
        return f"c{number}(d{number})" if converter is not None else f"d{number}"
    scope[f"f{number}"] = factory
    return f"c{number}(f{number}())" if converter is not None else f"f{number}()"


def _slot(cls: type[Any], name: str) -> Any:
    """The member descriptor of the slot ``name`` of ``cls`` (``None`` if it has none)."""
    for klass in cls.__mro__:
        if name in klass.__dict__:
            found = klass.__dict__[name]
            return found if isinstance(found, MemberDescriptorType) else None
    return None


def _construction(
    cls: type[Any], fields: list[attrs.Attribute[Any]], scope: dict[str, Any]
) -> list[str]:
    """The lines that make the instance from the values ``a_NAME`` without a call of
    ``__init__`` (its keyword arguments cost more than the rest of a small record), doing what
    it does: each value through the field's converter, then the validators (unless disabled),
    then ``__attrs_post_init__``. So a class whose fields gain converters or validators is
    checked here as by its constructor."""
    scope["new"] = object.__new__
    scope["put"] = object.__setattr__
    scope["validating"] = attrs.validators.get_disabled
    lines = ["    self = new(cls)"]
    checks = []
    for number, field in enumerate(fields):
        slot = _slot(cls, field.name)
        if slot is not None:  # the slot's own setter: no look-up of the name on each call
            scope[f"s{number}"] = slot.__set__
            lines.append(f"    s{number}(self, a_{field.name})")
        else:
            lines.append(f"    put(self, {field.name!r}, a_{field.name})")
        if field.validator is not None:
            scope[f"v{number}"] = field.validator
            scope[f"A{number}"] = field
            checks.append(f"        v{number}(self, A{number}, self.{field.name})")
    if checks:
        lines.append("    if not validating():")
        lines += checks
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("    self.__attrs_post_init__()")
    lines.append("    return self")
    return lines


#: Small immutable records that recur on many lines (the agency, the funding source, a year's
#: cost): one object per distinct text, as the importer makes them.
_SHARED_TYPES: Final = (Agency, Funding, YearAmount)


def _text_items(value: Any) -> tuple[tuple[str, str], ...] | None:
    """The items of a ``dict`` whose values are all texts (``None`` for anything else)."""
    if value.__class__ is not dict:
        return None
    for item in value.values():
        if item.__class__ is not str:
            return None
    return tuple(value.items())


def _shared(structure: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """``structure`` made once per distinct ``dict`` of texts and integers (bounded; anything
    else as is)."""
    made: dict[tuple[tuple[str, str | int], ...], Any] = {}

    def shared(value: Any, cls: Any) -> Any:
        if value.__class__ is not dict:
            return structure(value, cls)
        for item in value.values():
            if item.__class__ is not str and item.__class__ is not int:  # (bool: another class)
                return structure(value, cls)
        key = tuple(value.items())
        found = made.get(key)
        if found is None:
            found = structure(value, cls)
            if len(made) >= 4096:
                made.clear()
            made[key] = found
        return found

    return shared


_MISSING: Final = object()
#: An amount as :meth:`Rupiah.to_json` writes it: at most 28 digits, at most two decimals.
_MONEY_TEXT: Final = re.compile(r"-?(?:0|[1-9][0-9]{0,27})(?:\.[0-9]{1,2})?")


def _line_unstructure(cls: type[Any], conv: cattrs.Converter) -> Callable[[Any], Any]:
    """A line's hook: ``source`` and ``cells`` as ``at`` inside a document, when they fit."""
    base = _record_unstructure(cls, conv, omit=("source", "cells"))
    location = conv.get_unstructure_hook(SourceLocation)
    writer_of = _WRITER.get

    def unstructure(line: Any) -> Any:
        data = base(line)
        source = line.source
        cells = line.cells
        if source is not None:
            writer = writer_of()
            if writer is not None:
                at = writer.place(source, cells)
                if at is not None:
                    data["at"] = at
                    return data
            data["source"] = location(source)
        if cells:
            data["cells"] = {key: location(value) for key, value in cells.items()}
        return data

    return unstructure


def _document_unstructure(base: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def unstructure(document: Any) -> Any:
        writer = _TableWriter()
        token = _WRITER.set(writer)
        try:
            data = base(document)
        finally:
            _WRITER.reset(token)
        if writer.tables:
            data["cell_tables"] = [table.to_json() for table in writer.tables]
        return data

    return unstructure


@cache
def _converter(strict: bool, detailed: bool = False) -> cattrs.Converter:
    return _make_converter(strict, detailed)


#: The young objects a document read must have for :func:`_no_collection` to move them to
#: the oldest generation as they are (about 10,000 plan lines).
_PROMOTED = 50_000


@contextlib.contextmanager
def _no_collection(kept: bool = False) -> Iterator[None]:
    """The cyclic garbage collector paused while a document's objects are made: they hold no
    cycles, and a collection every few hundred thousand of them walks all those made before
    (a quarter of the time of reading 100,000 lines).

    ``kept``: the objects made stay (a document read): they are moved to the oldest generation
    as they are (``gc.freeze`` then ``gc.unfreeze``), where the next full collection looks at
    them, rather than walked by the young generations' collections first (on loading 100,000
    lines, the first collection after reading took about a third of the time of the reading).
    Only for a big document (at least :data:`_PROMOTED` young objects: a small one costs its
    collection little, and the process's own young garbage is not promoted with it), and not
    when the process keeps frozen objects of its own (``gc.unfreeze`` would thaw them).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if kept and gc.get_count()[0] >= _PROMOTED and not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def to_dict(obj: Any) -> dict[str, Any]:
    """The JSON-ready ``dict`` of a document, a bundle or any ``ppsp`` record.

    Documents and bundles get the header keys ``$schema``, ``schema_version`` and ``kind``.
    """
    with _no_collection():
        body = _converter(False).unstructure(obj)
    kind = _KIND_OF.get(type(obj))
    if kind is None:
        return dict(body)
    return {"$schema": SCHEMA_ID, "schema_version": SCHEMA_VERSION, "kind": kind, **body}


def dumpb(obj: Any, *, indent: int | None = None) -> bytes:
    """The JSON of a document, a bundle or a record as UTF-8 bytes (see :func:`dumps`).

    Compact JSON is written a batch of lines at a time: the memory it takes beyond the
    document is about twice the JSON's size, not the dicts of every line at once.
    """
    share = _SHARE.set({})
    try:
        with _no_collection():  # the dicts are made, written and dropped before it collects
            return _dumpb(obj, indent)
    finally:
        _SHARE.reset(share)


def _dumpb(obj: Any, indent: int | None) -> bytes:
    """:func:`dumpb` inside its collector pause and its shared records."""
    text: bytes | None = None
    if indent is None:
        token = _SPOOL.set(True)
        try:
            text = orjson.dumps(to_dict(obj))
        except TypeError:
            pass  # an integer beyond 64 bits, or a lone surrogate: the standard library's way
        finally:
            _SPOOL.reset(token)
    if text is None:
        data = to_dict(obj)
        if indent == 2:
            with contextlib.suppress(TypeError):
                text = orjson.dumps(data, option=orjson.OPT_INDENT_2)
        if text is None:
            separators = (",", ":") if indent is None else None
            text = _stdjson.dumps(
                data, indent=indent, ensure_ascii=False, separators=separators
            ).encode("utf-8", "surrogatepass")
        del data
    return text


def dumps(obj: Any, *, indent: int | None = None) -> str:
    """The JSON text of a document, a bundle or a record (keys in field order).

    Compact by default, as programs read it; ``indent=2`` (``ppsp import --indent``) for people.
    """
    return dumpb(obj, indent=indent).decode("utf-8", "surrogatepass")


def _path(base: str, note: object) -> str:
    if isinstance(note, IterableValidationNote):
        return f"{base}[{note.index}]"
    name = getattr(note, "name", None)
    return f"{base}.{name}" if name is not None else base


def _problems(exc: BaseException, path: str) -> list[Problem]:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        found: list[Problem] = []
        for inner in exc.exceptions:
            notes = [n for n in getattr(inner, "__notes__", []) if hasattr(n, "type")]
            inner_path = _path(path, notes[-1]) if notes else path
            found.extend(_problems(inner, inner_path))
        return found
    if isinstance(exc, _Found):
        return [Problem(path + where, key, params) for where, key, params in exc.problems]
    if isinstance(exc, _UnknownKeys):
        out = []
        for key in exc.keys:
            close = difflib.get_close_matches(key, exc.known, n=1, cutoff=0.6)
            if close:
                out.append(
                    Problem(
                        f"{path}.{key}",
                        N_("json.unknown-key-suggest"),
                        {"key": key, "suggestion": close[0]},
                    )
                )
            else:
                out.append(
                    Problem(
                        f"{path}.{key}", N_("json.unknown-key"), {"key": key, "known": exc.known}
                    )
                )
        return out
    if isinstance(exc, _WrongType):
        return [
            Problem(
                path, N_("json.wrong-type"), {"expected": exc.expected, "got": _json_type(exc.got)}
            )
        ]
    if isinstance(exc, PpspError):
        return [Problem(path, exc.key, dict(exc.params))]
    if isinstance(exc, KeyError):
        return [Problem(path, N_("json.missing-key"), {})]
    return [Problem(path, N_("json.invalid"), {"error": type(exc).__name__, "detail": str(exc)})]


def from_dict(
    data: Mapping[str, Any],
    cls: type[T] | None = None,
    *,
    strict: bool = False,
    source: str | None = None,
) -> T:
    """The ``ppsp`` object a JSON-ready ``dict`` describes (see :func:`loads`)."""
    body, target = _target_of(data, cls, source)
    try:
        # the fast hooks stop at the first problem ...
        result: T = _converter(strict).structure(body, target)
    except _Inexact:
        raise
    except Exception:
        if _CONSUME.get():
            raise _Redo() from None  # the input is partly let go: loads() parses it again
        # ... and the detailed ones, run again on the same input, say where every problem is
        try:
            result = _converter(strict, True).structure(body, target)
        except _Inexact:
            raise
        except Exception as exc:
            if _inexact(exc):  # read the text again exactly first (see loads)
                raise _Inexact() from None
            raise JsonError(_problems(exc, "$"), source) from None
    return result


def _target_of(
    data: Mapping[str, Any], cls: type[Any] | None, source: str | None
) -> tuple[dict[str, Any], type[Any]]:
    """The body of a top-level object without its header keys, and the class it is read as
    (``cls``, else its ``kind``); raises :class:`JsonError` for a wrong header."""
    if not isinstance(data, Mapping):
        raise JsonError(
            [Problem("$", N_("json.wrong-type"), {"expected": "object", "got": _json_type(data)})],
            source,
        )
    body = dict(data)
    header = {k: body.pop(k) for k in _HEADER_KEYS if k in body}
    problems: list[Problem] = []
    version = header.get("schema_version")
    if version is not None and (
        not isinstance(version, str) or version.split(".")[0] != SCHEMA_VERSION.split(".")[0]
    ):
        problems.append(
            Problem(
                "$.schema_version",
                N_("json.schema-version"),
                {"value": str(version), "supported": SCHEMA_VERSION},
            )
        )
    target: type[Any] | None = cls
    kind = header.get("kind")
    if target is None:
        if kind is None:
            problems.append(
                Problem("$.kind", N_("json.missing-kind"), {"kinds": sorted(TOP_LEVEL)})
            )
        elif not isinstance(kind, str) or kind not in TOP_LEVEL:
            problems.append(
                Problem(
                    "$.kind",
                    N_("json.unknown-kind"),
                    {"value": str(kind), "kinds": sorted(TOP_LEVEL)},
                )
            )
        else:
            target = TOP_LEVEL[kind]
    elif kind is not None and _KIND_OF.get(target) not in (None, kind):
        problems.append(
            Problem(
                "$.kind",
                N_("json.kind-mismatch"),
                {"value": str(kind), "expected": _KIND_OF.get(target, "")},
            )
        )
    if target is None or problems:
        raise JsonError(problems, source)
    return body, target


def _inexact(exc: BaseException) -> bool:
    if isinstance(exc, _Inexact):
        return True
    inner = getattr(exc, "exceptions", ())
    return any(_inexact(e) for e in inner)


def _check_input(text: str | bytes, source: str | None) -> None:
    """Checks of the raw text before it is parsed: the bounds of :mod:`ppsp.io.limits` (size,
    depth, string length, digits and exponent of every number, lone surrogates)."""
    check_json_text(text, source)


def _syntax_error(exc: ValueError, source: str | None) -> JsonError:
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    return JsonError(
        [
            Problem(
                "$",
                N_("json.syntax"),
                {
                    "line": line or "?",
                    "column": column or "?",
                    "detail": getattr(exc, "msg", str(exc)),
                },
            )
        ],
        source,
    )


def loads(
    text: str | bytes,
    cls: type[T] | None = None,
    *,
    strict: bool = False,
    source: str | None = None,
) -> T:
    """Read a document or bundle from JSON text (``str``, or UTF-8 ``bytes``).

    Files of format 1.0 (every line with its full ``source`` and ``cells``) are read as well as
    the compact cell map of 1.1, and bundles of 1.0 and 1.1 (without ``import_findings``) as
    well as those of 1.2.

    A text of at least 4 MiB is loaded streamed (:mod:`ppsp.io.json.streaming`): each array of
    records is parsed and made into its objects a batch at a time, so that the parsed tree of
    the whole text is never held; what that way does not read (a problem in the text included)
    is read whole, as a smaller text is, and reported the same.

    :param cls: the expected class; by default the file's ``kind`` decides
    :param strict: refuse unknown keys (with a "did you mean") instead of keeping them in ``extras``
    :param source: the file name, for messages
    :raises JsonError: listing every problem with its JSON path (bad UTF-8 and nesting too deep
        included), or naming the first place over a bound of :class:`~ppsp.io.limits.Limits`
        (checked before the text is parsed)
    """
    if isinstance(text, bytes):
        # RFC 8259 readers accept UTF-16 and UTF-32 too; orjson reads UTF-8 only
        encoding = _stdjson.detect_encoding(text)
        if encoding != "utf-8":
            with contextlib.suppress(UnicodeDecodeError):  # else orjson names the bad byte
                text = text.decode(encoding)
    # --- input checks: every check of the raw text runs here, before it is parsed ---------
    _check_input(text, source)
    # ----------------------------------------------------------------------------------------
    if len(text) >= _STREAM_FROM:
        streamed = _streamed(text, cls, strict, source)
        if streamed is not _MISSING:
            done: T = streamed
            return done
    with _no_collection(kept=True):
        try:
            data = orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            raise _syntax_error(exc, source) from None
        token = _FROM_ORJSON.set(True)
        result: Any = _MISSING
        consume = _CONSUME.set(True)
        try:
            result = from_dict(data, cls, strict=strict, source=source)
        except _Inexact:
            pass  # an integer beyond 64 bits that orjson read as a float: read it exactly
        except _Redo:
            # a problem: the detailed hooks need the whole input to say where every one is
            _CONSUME.reset(consume)
            consume = _CONSUME.set(False)
            data = orjson.loads(text)
            with contextlib.suppress(_Inexact):
                result = from_dict(data, cls, strict=strict, source=source)
        finally:
            _CONSUME.reset(consume)
            _FROM_ORJSON.reset(token)
        del data  # orjson's objects are dropped before the collector runs again
    if result is not _MISSING:
        read: T = result
        return read
    try:
        data = _stdjson.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # pragma: no cover
        raise _syntax_error(ValueError(str(exc)), source) from None
    return from_dict(data, cls, strict=strict, source=source)


#: texts at least this long are loaded streamed (:data:`ppsp.io.json.streaming.STREAM_FROM`)
_STREAM_FROM: Final = 4 << 20


def _streamed(text: str | bytes, cls: type[Any] | None, strict: bool, source: str | None) -> Any:
    """What :func:`ppsp.io.json.streaming.load` reads of a big text, or :data:`_MISSING` when
    the text is to be read the whole-tree way (which reports its problems, if it has any)."""
    from ppsp.io.json import streaming

    if isinstance(text, str):
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return _MISSING
    else:
        data = text
    with _no_collection(kept=True):
        try:
            return streaming.load(data, cls, strict, source)
        except streaming.Unstreamable:
            pass  # the objects made so far are let go with the exception, before the parse
    return _MISSING


# --- JSON Schema -------------------------------------------------------------------------

_PATTERNS: Final = {
    RegionCode: r"^[1-9][0-9](\.[0-9]{2})?$",
    NomenclatureCode: r"^([1-9]|X)(\.([0-9]{2}|XX)(\.[0-9]{2}(\.[1-9]\.[0-9]{2}(\.[0-9]{4})?)?)?)?$",
    PlanPeriod: r"^[0-9]{4}-[0-9]{4}$",
    Rupiah: r"^-?[0-9]+(\.[0-9]{1,2})?$",
    Decimal: r"^-?[0-9]+(\.[0-9]+)?$",
}
_DESCRIPTIONS: Final = {
    RegionCode: "Kemendagri region code: province (62) or kabupaten/kota (62.10).",
    NomenclatureCode: "Nomenclature code U.BB.PP.K.KK.SSSS (any prefix), canonical form.",
    PlanPeriod: "Plan period, first and last year: 2024-2028.",
    Rupiah: "Rupiah amount as a decimal string (up to two decimals, the sen).",
    Decimal: "Exact decimal number as a string.",
}


#: The ``$schema`` of the files this version reads: every 1.x.
_SCHEMA_IDS: Final = ("urn:ppsp:schema:1.0", "urn:ppsp:schema:1.1", SCHEMA_ID)
_ROW_SCHEMA: Final = {"type": "integer", "minimum": 1, "maximum": MAX_ROW}
_AT_SCHEMA: Final = {
    "type": "array",
    "description": "Where the line was read, in place of source and cells: the index of its "
    "table in the document's cell_tables, the row as Excel numbers it, and the index in the "
    "table's keys of the fields whose cells it had.",
    "prefixItems": [
        {"type": "integer", "minimum": 0},
        {"anyOf": [_ROW_SCHEMA, {"type": "null"}]},
        {"type": "integer", "minimum": 0},
    ],
    "items": False,
    "minItems": 3,
}
_CELL_TABLE_SCHEMA: Final = {
    "type": "object",
    "description": "A table of a sheet: its file and sheet, the column letter and header of "
    "each field, and the lists of fields its rows had, written once for all its lines.",
    "properties": {
        "file": {"type": "string"},
        "sheet": {"type": "string"},
        "columns": {
            "type": "object",
            "additionalProperties": {
                "type": "array",
                "prefixItems": [
                    {"anyOf": [{"type": "string", "pattern": "^[A-Z]{1,3}$"}, {"type": "null"}]},
                    {"type": ["string", "null"]},
                ],
                "items": False,
                "minItems": 2,
            },
        },
        "keys": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}},
    },
    "required": ["columns", "keys"],
    "additionalProperties": False,
}


def _first_line(doc: str | None) -> str:
    return (doc or "").strip().split("\n\n")[0].replace("\n", " ")


class _SchemaBuilder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def of(self, tp: Any) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (typing.Union, UnionType):
            members = [a for a in args if a is not NoneType]
            inner = (
                self.of(members[0])
                if len(members) == 1
                else {"anyOf": [self.of(a) for a in members]}
            )
            return {"anyOf": [inner, {"type": "null"}]} if NoneType in args else inner
        if origin in (tuple, Sequence, typing.Sequence):
            return {"type": "array", "items": self.of(args[0])}
        if origin in (Mapping, typing.Mapping, dict):
            return {"type": "object", "additionalProperties": self.of(args[1])}
        if tp in _PATTERNS:
            return {"type": "string", "pattern": _PATTERNS[tp], "description": _DESCRIPTIONS[tp]}
        if tp is pendulum.Date or tp is _dt.date:
            return {"type": "string", "format": "date"}
        if tp is pendulum.Time:
            return {"type": "string", "pattern": r"^[0-9]{2}:[0-9]{2}(:[0-9]{2})?$"}
        if tp is Extras:
            return {
                "type": "object",
                "description": "Values the source had that ppsp has no field for.",
            }
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if isinstance(tp, type) and issubclass(tp, Enum):
            name = tp.__name__
            if name not in self.defs:
                self.defs[name] = {
                    "enum": [m.value for m in tp],
                    "description": _first_line(tp.__doc__),
                }
            return {"$ref": f"#/$defs/{name}"}
        if attrs.has(tp):
            return {"$ref": f"#/$defs/{self.record(tp)}"}
        raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover - a new field type

    def record(self, cls: type[Any], header: bool = False) -> str:
        name = cls.__name__ + ("File" if header else "")
        if name in self.defs:
            return name
        self.defs[name] = {}  # placeholder against recursion
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        if header:
            properties["$schema"] = {"enum": list(_SCHEMA_IDS)}
            properties["schema_version"] = {"type": "string", "pattern": r"^1\.[0-9]+$"}
            properties["kind"] = {"const": _KIND_OF[cls]}
            required.append("kind")
        for field in attrs.fields(cls):
            if not field.init:
                continue
            properties[field.name] = self.of(hints[field.name])
            if field.default is attrs.NOTHING:
                required.append(field.name)
        if issubclass(cls, Line):
            self.defs.setdefault("CellPlace", _AT_SCHEMA)
            properties["at"] = {"$ref": "#/$defs/CellPlace"}
        if issubclass(cls, Document):
            self.defs.setdefault("CellTable", _CELL_TABLE_SCHEMA)
            properties["cell_tables"] = {
                "type": "array",
                "items": {"$ref": "#/$defs/CellTable"},
                "description": "The tables the lines' cells are in (see at), once per table.",
            }
        self.defs[name] = {
            "type": "object",
            "description": _first_line(cls.__doc__),
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        return name


@cache
def _schema() -> dict[str, Any]:
    builder = _SchemaBuilder()
    roots = [builder.record(cls, header=True) for cls in TOP_LEVEL.values()]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ppsp document or region bundle",
        "description": "A PPSP or regional planning document, or the bundle of one region's documents, "
        f"as written by ppsp (format {SCHEMA_VERSION}).",
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in roots],
        "$defs": dict(sorted(builder.defs.items())),
    }


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of every file ``ppsp`` writes, generated from the classes.

    The same schema ships inside the package (:func:`schema_text`) and a test keeps both equal.
    """
    copy: dict[str, Any] = _stdjson.loads(_stdjson.dumps(_schema()))
    return copy


def schema_text() -> str:
    """The shipped JSON Schema, as text (what ``ppsp schema`` prints)."""
    return (
        resources.files("ppsp.io")
        .joinpath("schema", f"ppsp-{SCHEMA_VERSION}.schema.json")
        .read_text("utf-8")
    )


def generated_schema_text() -> str:
    """The schema as generated now from the classes (used to refresh the shipped file)."""
    return _stdjson.dumps(_schema(), indent=2, ensure_ascii=False) + "\n"
