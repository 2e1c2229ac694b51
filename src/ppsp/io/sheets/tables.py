"""The shared table machinery: find a layout's table on a sheet and read its rows.

A :class:`Layout` says, declaratively, which fields a document kind's table has and which
header texts name them (Indonesian and English aliases). :func:`read_table` then, for any
sheet:

1. finds the header block (one to three rows, merged cells spread over the columns they cover,
   a numbering row ``(1) (2) (3)`` under it skipped), scoring every candidate against the
   layout;
2. maps columns to fields, including column groups (one column per year under ``Indikasi
   Biaya (Rp. Juta)``, one per funding source under ``Sumber Pendanaan``) and the unit each
   money header declares; unknown columns are kept for ``extras``;
3. reads the rows below: section rows (``A. AIR LIMBAH DOMESTIK``, ``I. PROGRAM ...``,
   ``1.03.05 PROGRAM ...``) set the context of the rows under them, total rows (``Sub Total``,
   ``Jumlah``, ``TOTAL``) are checked against the rows they cover, data rows are converted
   leniently with a :class:`~ppsp.domain.location.SourceLocation` for every value.

Everything unusual becomes a :class:`~ppsp.domain.diagnostics.Diagnostic` at its cell.

Longer than 600 lines, not split this session: another change is making its table reader faster,
and a split now would not merge with it; it is to be split (the row reader apart from the header
search) once that change has landed.
"""

from __future__ import annotations

import enum
import functools
import inspect
import operator
import re
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, Generic, TypeVar

import attrs

from ppsp.domain import FundingSource, NomenclatureCode, PolicyDirection, Rupiah, Scale, Subsector
from ppsp.domain import diagnostics as diag
from ppsp.domain.agency import looks_like_agency
from ppsp.domain.labels import normalise_text
from ppsp.domain.lazy import LazySequence
from ppsp.domain.location import CellMap, SourceLocation, column_letter
from ppsp.domain.money import sums_differ
from ppsp.domain.nomenclature import CodeLevel
from ppsp.domain.numeric import ambiguous_separator, parse_decimal
from ppsp.errors import InvalidFormat, InvalidValue
from ppsp.i18n import N_
from ppsp.io.diagnostics import Diagnostic, Severity
from ppsp.io.sheets import cells
from ppsp.io.sheets.workbook import Grid

__all__ = [
    "Column",
    "Field",
    "Layout",
    "RowRecord",
    "Section",
    "SourceColumn",
    "TableRead",
    "read_table",
    "score_header",
]

_MAX_HEADER_SEARCH: Final = 40
_ZERO: Final = Decimal(0)
_TOTAL = re.compile(r"^(sub\s*total|subtotal|jumlah|total|grand\s*total)\b", re.I)
_NUMBERING = re.compile(r"^\(?\s*[0-9]{1,2}\s*\)?$")
_SECTION_PREFIX = re.compile(r"^(?:[a-z]|[ivxlc]+|[0-9]+(?:\.[0-9]+)*)\s*[.)]\s*(.+)$", re.I)
_YEAR = re.compile(r"^(?:19|20)[0-9]{2}$")
_YEAR_INDEX = re.compile(
    r"^(?:(?:tahun|thn|th|t|year|y|target|dana|pagu|pendanaan|biaya)\s*(?:ke\s*)?)?([0-9]{1,2}|[ivx]+)$"
)
_YEAR_INSIDE = re.compile(r"\b((?:19|20)[0-9]{2})\b")
_YEAR_LABEL_INSIDE = re.compile(r"\b(?:tahun|thn|th|t|year)\s*(?:ke\s*)?([0-9]{1,2}|[ivx]+)\b")


@attrs.frozen
class Field:
    """A field of a layout and the header texts that name it.

    :param kind: how cells convert: ``text``, ``money``, ``decimal``, ``int``, ``date``,
        ``code``, ``agency``
    :param group: ``"year"`` (one column per year), ``"source"`` (one per funding source) or
        ``None``
    :param aliases: normalised phrases (see :func:`~ppsp.domain.labels.normalise_text`)
    :param exclude: phrases that, in a header, veto this field
    """

    name: str
    aliases: tuple[str, ...]
    kind: str = "text"
    group: str | None = None
    required: bool = False
    exclude: tuple[str, ...] = ()
    #: a year group whose columns may be headed by the year alone (``2025``, ``Tahun 3``)
    bare_years: bool = False

    @property
    def holds_values(self) -> bool:
        """Whether the field holds figures (rows with none of these are section rows)."""
        return self.kind in ("money", "decimal", "int", "date") or self.name == "agency"


@attrs.frozen
class Layout:
    """A document kind's table: its fields, the words its titles use, how rows nest."""

    name: str
    kind: str
    fields: tuple[Field, ...]
    title_words: tuple[str, ...] = ()
    #: codes above sub kegiatan level are lines of the document (RKPD, Renja, Renstra)
    hierarchical: bool = False
    #: rows are expected under subsector section rows (SSK)
    sections: bool = False
    #: at least one of these fields must be found for a header to count (what names a row)
    identity: tuple[str, ...] = ("name", "code")
    #: and at least one of these (what the table is about: costs, pagu...); empty: no demand
    evidence: tuple[str, ...] = ()

    def field(self, name: str) -> Field:
        """The field called ``name``."""
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(name)


@attrs.frozen
class Column:
    """A column of the table as the header describes it."""

    index: int
    letter: str
    header: str
    field: Field | None = None
    #: the year (``2025``) or year index (``3`` for ``Tahun 3``) or funding source of a group
    key: Any = None
    scale: Scale = Scale.UNIT
    #: a column with no field whose header stands under a column group's header (``Sumber
    #: Pendanaan``) but names none of its members: that group field's name
    under: str | None = None


@attrs.frozen
class SourceColumn:
    """The key of one column of a funding split: the source its header names, the header as
    written, and which column of that source it is (``DAU`` and ``PAD`` both name the region's
    own APBD: two columns, two amounts)."""

    source: FundingSource
    label: str
    ordinal: int = 1

    @property
    def value(self) -> str:
        """The column's cell key after ``funding.``: the source (``apbd-kabkota``), with the
        ordinal from the second column of one source on (``apbd-kabkota.2``)."""
        return self.source.value if self.ordinal == 1 else f"{self.source.value}.{self.ordinal}"


@attrs.frozen
class Section:
    """What the section rows above a data row said."""

    subsector: Subsector | None = None
    program: str | None = None
    program_code: NomenclatureCode | None = None
    policy_direction: PolicyDirection | None = None
    title: str | None = None
    row: int | None = None


@attrs.frozen
class RowRecord:
    """One data row: converted values by field, their locations, the unknown columns."""

    row: int
    values: dict[str, Any]
    locations: Mapping[str, SourceLocation]
    extras: dict[str, Any]
    section: Section
    source: SourceLocation


@attrs.frozen
class TableRead:
    """The result of reading one table."""

    grid: Grid
    layout: Layout
    header_rows: tuple[int, ...]
    columns: tuple[Column, ...]
    titles: tuple[str, ...]
    labels: dict[str, str]
    #: the data rows, each read in full when it is asked for
    rows: Sequence[RowRecord]
    diagnostics: tuple[Diagnostic, ...]
    score: float
    #: where another table begins below this one (a grid row index), when one does
    next_table: int | None = None
    reader: _RowReader | None = attrs.field(default=None, eq=False, repr=False)
    #: the grid row index of each record
    data_rows: Sequence[int] = attrs.field(default=(), eq=False, repr=False)

    def field_values(self, name: str) -> Iterator[tuple[Any, int]]:
        """Field ``name``'s converted value on each record (``None`` when blank or unreadable)
        with the record's grid row, without reading whole records."""
        if self.reader is None:
            return iter(())
        return self.reader.field_values(self.data_rows, name)

    @property
    def code_levels(self) -> frozenset[CodeLevel]:
        """The levels of the codes on the records (a program, kegiatan, sub kegiatan)."""
        return frozenset(self.reader.levels) if self.reader is not None else frozenset()

    def cell(self, name: str, row_index: int) -> SourceLocation:
        """The cell of field ``name`` on grid row ``row_index`` (the row, without the field)."""
        column = self.reader.column_of(name) if self.reader is not None else None
        return self.location(row_index, column)

    def location(
        self, row_index: int | None = None, column: Column | None = None
    ) -> SourceLocation:
        """The location of a row (or cell) of this table."""
        return SourceLocation(
            file=self.grid.file,
            sheet=self.grid.sheet,
            row=self.grid.excel_row(row_index) if row_index is not None else None,
            column=column.letter if column else None,
            header=column.header if column else None,
        )


@functools.cache
def _pattern(phrase: str) -> re.Pattern[str]:
    body = ".*".join(re.escape(piece.strip()) for piece in phrase.split("*"))
    return re.compile(rf"(?<![0-9a-z]){body}(?![0-9a-z])")


def _matches(phrase: str, text: str) -> bool:
    return bool(phrase) and _pattern(phrase).search(text) is not None


def _best_alias(field: Field, text: str) -> int:
    if any(_matches(word, text) for word in field.exclude):
        return 0
    return max((len(alias) for alias in field.aliases if _matches(alias, text)), default=0)


def _strength(field: Field, parts: list[str]) -> int:
    """How well a column's header parts name ``field``: the most specific (last) part counts
    double, and an excluded word anywhere vetoes."""
    full = normalise_text(" ".join(parts))
    if any(_matches(word, full) for word in field.exclude):
        return 0
    best = 0
    for position, part in enumerate(parts):
        found = _best_alias(field, normalise_text(part))
        if found:
            best = max(best, found * (2 if position == len(parts) - 1 else 1))
    if not best:
        best = _best_alias(field, full)
    return best


def _year_key(part: str) -> int | None:
    text = normalise_text(part)
    if _YEAR.match(text):
        return int(text)
    match = _YEAR_INDEX.match(text)
    if match:
        token = match.group(1)
        if token.isdigit():
            number = int(token)
            return number if 1 <= number <= 10 else None
        from ppsp.domain.period import parse_roman

        try:
            number = parse_roman(token)
        except InvalidValue:
            return None
        return number if 1 <= number <= 10 else None
    return None


def _year_in(text: str) -> int | None:
    found = _YEAR_INSIDE.search(text)
    if found:
        return int(found.group(1))
    label = _YEAR_LABEL_INSIDE.search(text)
    return _year_key(label.group(0)) if label else None


def _source_key(part: str) -> FundingSource | None:
    if len(part) > _LONGEST_HEADER:
        return None
    text = normalise_text(part)
    if not text or _TOTAL.match(text):
        return None
    try:
        return FundingSource.parse(part)
    except InvalidValue:
        return None


#: The longest text a header cell can be (longer ones are data: a long name, or a field that an
#: unclosed quote ran on with); each alias pattern would search it whole otherwise.
_LONGEST_HEADER = 300


def _classify(layout: Layout, parts: list[str]) -> tuple[Field | None, Any, int]:
    """The field a column's header parts name, its group key, and the match strength."""
    if sum(map(len, parts)) > _LONGEST_HEADER:
        return None, None, 0
    return _classify_cached(layout, tuple(parts))


def _source_group_above(layout: Layout, parts: Sequence[str]) -> Field | None:
    """The funding-split field whose group header (``Sumber Pendanaan``, ``Indikasi Sumber Dana
    (Rp)``) stands above a column whose own header (the last part) names no funding source."""
    if len(parts) < 2 or _source_key(parts[-1]) is not None:
        return None
    for field in layout.fields:
        if field.group == "source" and _strength(field, list(parts[:-1])):
            return field
    return None


def _unknown_under(layout: Layout, parts: Sequence[str]) -> str | None:
    """:attr:`Column.under` of a column that no field took: the group it stands under, unless
    its header is the group's total (``Jumlah``), a column like any other unknown one."""
    field = _source_group_above(layout, parts)
    if field is None or _TOTAL.match(normalise_text(parts[-1])):
        return None
    return field.name


@functools.lru_cache(maxsize=65536)
def _classify_cached(layout: Layout, parts_tuple: tuple[str, ...]) -> tuple[Field | None, Any, int]:
    parts = list(parts_tuple)
    full = normalise_text(" ".join(parts))
    if not full:
        return None, None, 0
    if _source_group_above(layout, parts) is not None:
        # under "Sumber Pendanaan" but no source: only its own header may name a field
        # ("Keterangan"); the group header's words must not make it a column of source names
        if _TOTAL.match(normalise_text(parts[-1])):
            return None, None, 0
        own = _classify_cached(layout, (parts[-1],))
        if own[0] is None or own[0].group is not None or _strength(own[0], parts[:-1]):
            return None, None, 0
        return own
    best: tuple[Field | None, Any, int] = (None, None, 0)
    for field in layout.fields:
        key: Any = None
        if field.group is None:
            strength = _strength(field, parts)
        elif field.group == "year":
            # the year is one part ("2025", "Tahun 3", "III") or inside one ("Biaya 2025")
            year_parts = [i for i, p in enumerate(parts) if _year_key(p) is not None]
            if year_parts and len(parts) > 1:
                index = year_parts[-1]
                key = _year_key(parts[index])
                rest = [p for i, p in enumerate(parts) if i != index]
                strength = _strength(field, rest)
            else:
                key = _year_in(full)
                strength = _strength(field, parts) if key is not None else 0
                if not strength and field.bare_years and len(parts) == 1:
                    # a column headed by a year alone: "2025", "Tahun 3", "T3" (not a bare "3")
                    bare = normalise_text(parts[0])
                    key = (
                        _year_key(parts[0])
                        if not re.fullmatch(r"[0-9]{1,2}|[ivx]+", bare)
                        else None
                    )
                    strength = 1 if key is not None else 0
        else:  # funding sources under a "Sumber Pendanaan" header, or a lone "APBD Kab"
            source = _source_key(parts[-1])
            key = SourceColumn(source, parts[-1]) if source is not None else None
            if key is not None and len(parts) > 1:
                strength = _strength(field, parts[:-1])
            else:
                strength = 1 if key is not None else 0
        if not strength or (field.group is not None and key is None):
            continue
        if field.group is not None:
            strength += 1
        if strength > best[2]:
            best = (field, key, strength)
    return best


def merged_lookup(grid: Grid) -> dict[tuple[int, int], tuple[int, int]]:
    """Every covered cell of a merged range -> the range's top-left cell (huge ranges skipped)."""
    lookup: dict[tuple[int, int], tuple[int, int]] = {}
    for r1, c1, r2, c2 in grid.merged:
        if (r2 - r1 + 1) * (c2 - c1 + 1) > 5000:
            continue
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    lookup[(r, c)] = (r1, c1)
    return lookup


def _header_parts(
    grid: Grid, start: int, depth: int, merged: dict[tuple[int, int], tuple[int, int]]
) -> list[list[str]]:
    width = grid.width
    table: list[list[str]] = []
    for r in range(start, start + depth):
        row = []
        for c in range(width):
            value = grid.value(r, c)
            if cells.is_blank(value) and (r, c) in merged:
                value = grid.value(*merged[(r, c)])
            row.append(cells.text_of(value))
        table.append(row)
    if not grid.merged and depth > 1:
        # files without merge information (CSV): a parent header spans the empty cells after it
        # (never a title in the first column)
        for row in table[:-1]:
            for c in range(2, width):
                if not row[c] and row[c - 1] and table[-1][c]:
                    row[c] = row[c - 1]
    columns: list[list[str]] = []
    for c in range(width):
        parts: list[str] = []
        for row in table:
            text = row[c]
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        columns.append(parts)
    return columns


_RUPIAH_WORD: Final = re.compile(r"\b(rp|rupiah|idr)\b", re.IGNORECASE)


def _units_from_other_columns(columns: list[Column]) -> tuple[list[Column], list[Column]]:
    """The money columns whose header declares no unit (a ``Total`` or ``Jumlah`` beside year
    columns under ``Indikasi Biaya (Rp juta)``) in the unit every money column that declares one
    declares, when that is one unit larger than rupiah; and the columns so changed (each gets a
    diagnostic: nothing is read in another unit unsaid)."""
    money = [c for c in columns if c.field is not None and c.field.kind == "money"]
    declared = {
        c.scale for c in money if c.scale is not Scale.UNIT or _RUPIAH_WORD.search(c.header)
    }
    if len(declared) != 1 or Scale.UNIT in declared:
        return columns, []
    (scale,) = declared
    out, adopted = [], []
    for column in columns:
        if (
            column in money
            and column.scale is Scale.UNIT
            and not _RUPIAH_WORD.search(column.header)
        ):
            column = attrs.evolve(column, scale=scale)
            adopted.append(column)
        out.append(column)
    return out, adopted


def score_header(
    layout: Layout,
    grid: Grid,
    start: int,
    depth: int,
    merged: dict[tuple[int, int], tuple[int, int]] | None = None,
) -> tuple[float, list[Column]]:
    """How well rows ``start..start+depth-1`` read as this layout's header, and its columns."""
    merged = merged_lookup(grid) if merged is None else merged
    parts_per_column = _header_parts(grid, start, depth, merged)
    columns: list[Column] = []
    found: dict[str, float] = {}
    for index, parts in enumerate(parts_per_column):
        header = " | ".join(parts)
        field, key, strength = _classify(layout, parts) if parts else (None, None, 0)
        scale = (
            Scale.from_header(header) if field is not None and field.kind == "money" else Scale.UNIT
        )
        under = _unknown_under(layout, parts) if field is None and parts else None
        columns.append(
            Column(index, column_letter(grid.excel_column(index)), header, field, key, scale, under)
        )
        if field is not None:
            found[field.name] = max(found.get(field.name, 0), 1 + min(strength, 20) / 20)
    if any(f.required and f.name not in found for f in layout.fields):
        return 0.0, columns
    if layout.identity and not any(name in found for name in layout.identity):
        return 0.0, columns
    if layout.evidence and not any(name in found for name in layout.evidence):
        return 0.0, columns
    # mostly-numeric rows are data, not headers
    texts = [p for ps in parts_per_column for p in ps]
    numeric = sum(1 for t in texts if re.fullmatch(r"[0-9.,\- ()]+", t))
    if texts and numeric > len(texts) / 2:
        return 0.0, columns
    return sum(found.values()), columns


#: What a column under a funding-split header may name, as files write it (said when one names
#: none of them; each is a name :meth:`~ppsp.domain.labels.LabelledEnum.parse` knows).
SOURCE_HEADERS: Final = (
    "APBD Kab",
    "APBD Prov",
    "APBN",
    "DAK Fisik",
    "DAK Non Fisik",
    "DAU",
    "PAD",
    "Dana Desa",
    "CSR",
    "Swadaya",
    "Hibah",
    "Lainnya",
)


def _header_row_of(grid: Grid, start: int, depth: int, column: int, text: str) -> int:
    """The header row (of ``start .. start+depth-1``) whose cell in ``column`` reads ``text``:
    where a sub-header sits (the last header row when none does)."""
    for r in range(start + depth - 1, start - 1, -1):
        if cells.text_of(grid.value(r, column)) == text:
            return r
    return start + depth - 1


def _find_header(layout: Layout, grid: Grid) -> tuple[float, int, int, list[Column]]:
    merged = merged_lookup(grid)
    best: tuple[float, int, int, list[Column]] = (0.0, -1, 0, [])
    limit = min(len(grid.rows), _MAX_HEADER_SEARCH)
    for start in range(limit):
        filled = [v for v in grid.rows[start] if not cells.is_blank(v)]
        if not filled:
            continue
        if len(filled) == 1 and (
            len(cells.text_of(filled[0])) >= 30
            or not any(r1 == start and c2 > c1 for r1, c1, _r2, c2 in grid.merged)
        ):
            continue  # a title line, not a header (a one-cell header row is a merged parent)
        for depth in (1, 2, 3):
            if start + depth > len(grid.rows):
                break
            last = grid.rows[start + depth - 1]
            if depth > 1 and (all(cells.is_blank(v) for v in last) or _is_label_row(last)):
                break  # a header has no blank rows and no "LABEL : value" rows
            if _has_amounts(last):
                break  # numbers other than years are data, not headers
            if depth == 1 and _is_label_row(grid.rows[start]):
                break
            score, columns = score_header(layout, grid, start, depth, merged)
            # a deeper header must earn its extra rows
            if score > best[0] + 0.01 * (depth - 1) + 1e-9:
                best = (score, start, depth, columns)
    return best


# what no header cell is: an amount written as text (1.250.000,00; Rp 250.000.000) or a
# kegiatan / sub kegiatan code (1.03.05.2.01.0036)
_DATA_TEXT = re.compile(
    r"\s*\(?-?\s*(?:rp\.?\s*)?[0-9]{1,3}(?:(?:\.[0-9]{3}){2,}(?:,[0-9]{1,2})?|\.[0-9]{3},[0-9]{2}"
    r"|(?:,[0-9]{3}){2,}(?:\.[0-9]{1,2})?)\)?\s*|\s*[0-9X]{1,2}(?:\.[0-9X]{1,4}){4,5}\s*",
    re.I,
)


def _has_amounts(values: Sequence[Any]) -> bool:
    """Whether a row holds what cannot be a header label: numbers other than years and 1-10,
    amounts written as text, kegiatan codes."""
    for value in values:
        if isinstance(value, str):
            lead = value.lstrip()[:1]
            if (lead.isdigit() or lead in ("(", "-", "R", "r", "X")) and _DATA_TEXT.fullmatch(
                value
            ):
                return True
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if not (1900 <= value <= 2100 or (float(value).is_integer() and 0 <= value <= 10)):
            return True
    return False


def _is_label_row(values: Sequence[Any]) -> bool:
    texts = [cells.text_of(v) for v in values if not cells.is_blank(v)]
    if not texts:
        return False
    if ":" in texts[1:3]:
        return True
    return len(texts) <= 2 and bool(re.match(r"^[^:]{2,40}:\s*\S", texts[0]))


def _titles_and_labels(grid: Grid, end: int) -> tuple[tuple[str, ...], dict[str, str]]:
    titles: list[str] = []
    labels: dict[str, str] = {}
    for r in range(end):
        texts = [cells.text_of(v) for v in grid.rows[r] if not cells.is_blank(v)]
        if not texts:
            continue
        line = " ".join(texts)
        if len(texts) >= 2 and texts[1] == ":":
            labels[normalise_text(texts[0])] = " ".join(texts[2:])
        elif ":" in texts[0] and len(texts[0].split(":", 1)[0]) < 40:
            label, _, value = texts[0].partition(":")
            labels[normalise_text(label)] = " ".join([value.strip(), *texts[1:]]).strip()
        elif len(texts) == 2 and len(texts[0]) < 40:
            labels.setdefault(normalise_text(texts[0]), texts[1])
        titles.append(line)
    return tuple(titles), labels


def _is_numbering_row(values: Sequence[Any]) -> bool:
    """A row of column numbers under a header: ``(1) (2) (3)`` or ``1 2 3``."""
    count = 0
    for value in values:
        if value is None or value == "":
            continue
        if isinstance(value, str):
            text = value.strip()
            if not text:
                continue
            if not _NUMBERING.match(text):
                return False
        elif isinstance(value, bool):
            return False
        elif isinstance(value, int | float):
            if not (float(value).is_integer() and 0 <= value < 100):
                return False
        else:
            return False
        count += 1
    return count >= 3


def read_table(
    grid: Grid,
    layout: Layout,
    *,
    header: tuple[float, int, int, list[Column]] | None = None,
    boundary: Callable[[Grid, int], bool] | None = None,
) -> TableRead | None:
    """Read the layout's table from the grid, or ``None`` when no header of it is found.

    ``boundary(grid, row)`` says whether a row is the header of another table; the table ends
    above it, and :attr:`TableRead.next_table` tells where the rest of the sheet begins.
    """
    # Long: header search, column mapping and the row scan in one pass over the grid (issue 14's
    # hot path); to be split with the module (see its docstring).
    score, start, depth, columns = header or _find_header(layout, grid)
    if score <= 0 or start < 0:
        return None
    diagnostics: list[Diagnostic] = []
    titles, labels = _titles_and_labels(grid, start)
    first = start + depth
    merged_cells = merged_lookup(grid)
    # under the header: a numbering row "(1) (2) (3)", or the headers again in English
    while first < len(grid.rows) and (
        _is_numbering_row(grid.rows[first])
        or score_header(layout, grid, first, 1, merged_cells)[0] >= max(score * 0.5, 2)
    ):
        first += 1

    def loc(row: int | None, column: Column | None = None) -> SourceLocation:
        return SourceLocation.trusted(
            grid.file,
            grid.sheet,
            grid.excel_row(row) if row is not None else None,
            column.letter if column else None,
            column.header if column else None,
        )

    # columns: duplicates, unknown and unnamed ones
    mapped: list[Column] = []
    seen: dict[tuple[str, Any], Column] = {}
    of_source: dict[tuple[str, FundingSource], int] = {}
    ordinals: dict[tuple[str, FundingSource, str], int] = {}
    for column in columns:
        if column.field is not None and isinstance(column.key, SourceColumn):
            # a second column of one source with another header (DAU beside PAD) has a key of
            # its own; the same header twice is a duplicate
            key = column.key
            named = (column.field.name, key.source, key.label)
            if named not in ordinals:
                split = (column.field.name, key.source)
                of_source[split] = ordinals[named] = of_source.get(split, 0) + 1
            column = attrs.evolve(column, key=attrs.evolve(key, ordinal=ordinals[named]))
        if column.field is not None:
            identity = (column.field.name, column.key)
            if identity in seen:
                diagnostics.append(
                    diag.DUPLICATE_HEADER.at(
                        loc(start, column),
                        {
                            "header": column.header,
                            "first": seen[identity].letter,
                            "first_header": seen[identity].header,
                        },
                    )
                )
                column = attrs.evolve(column, field=None)
            else:
                seen[identity] = column
        mapped.append(column)
    mapped, adopted = _units_from_other_columns(mapped)
    for column in adopted:
        diagnostics.append(
            diag.UNIT_FROM_OTHER_COLUMNS.at(
                loc(start, column),
                {"header": column.header, "unit": column.scale.name.lower()},
            )
        )
    unknown = [c for c in mapped if c.field is None and c.header]
    for column in unknown:
        if column.under is not None:
            # under "Sumber Pendanaan" a header that names no source: said at its cell, the
            # values kept as extras (never read as the amounts of some other source)
            label = column.header.rsplit(" | ", 1)[-1]
            diagnostics.append(
                diag.UNKNOWN_FUNDING_COLUMN.at(
                    loc(_header_row_of(grid, start, depth, column.index, label), column),
                    {
                        "header": column.header,
                        "label": label,
                        "expected": list(SOURCE_HEADERS),
                    },
                )
            )
            continue
        diagnostics.append(diag.UNKNOWN_COLUMN.at(loc(start, column), {"header": column.header}))
    reader = _RowReader(grid, layout, mapped, loc)
    new_header: Callable[[Grid, int], bool] | None = None
    if boundary is not None:
        another = boundary

        def new_header(grid: Grid, r: int) -> bool:
            # a row whose code or amounts read as this table's is data (a row of text amounts
            # can look like a header of some layout), else ask the caller
            return not reader.reads_as_data(r, grid.rows[r]) and another(grid, r)

    header_texts = [cells.text_of(v) for v in grid.rows[start + depth - 1]]
    # what the scan keeps of each data row: its grid row and the section above it; the row's
    # values are converted again when its record is read (TableRead.rows makes them lazily)
    data_rows = array("l")
    sections: list[Section] = []
    section = Section()
    sums = _Sums(reader.money)
    #: a subsector heading with amounts (its row, title and the running sums when it began)
    open_heading: tuple[int, str, list[int | Decimal]] | None = None
    next_table: int | None = None
    last_row = first - 1
    rows = grid.rows
    for r in range(first, len(rows)):
        row = rows[r]
        if _blank_row(row):
            continue
        repeats: bool | None = None
        if data_rows and new_header is not None:
            title_like, header_like = _shape(row)
            # a title row ("PERANGKAT DAERAH : ...") over a header: another table starts here
            if title_like and _header_below(grid, r, new_header):
                next_table = r
                break
            # a header of another layout right under the data: this table ended above it
            if header_like:
                repeats = _repeats_header(row, header_texts)
                if not repeats and new_header(grid, r):
                    next_table = last_row + 1
                    break
        # a repeated header (tables that restart on a printed page)
        if r > first and (repeats if repeats is not None else _repeats_header(row, header_texts)):
            continue
        last_row = r
        if _is_numbering_row(row):
            continue

        current = reader.current(r, row)
        label = reader.label(current)
        code_text = reader.code_text(current)

        # total rows: checked against the rows they cover, then a new block starts
        if label and _is_total(label) and not _looks_like_code(code_text):
            _check_totals(grid, r, label, reader.money, sums, diagnostics, loc)
            sums.new_block()
            continue

        code = reader.code(current) if code_text else None

        # section rows
        has_values = reader.has_values(current)
        if layout.sections and code is None:
            heading = _heading(reader.texts(current), has_values, section)
            if heading is not None and (not has_values or reader.only_amounts(current)):
                if has_values or heading.subsector is not section.subsector:
                    # a new subsector (a program heading leaves the subsector's open)
                    _close_heading(open_heading, grid, reader.money, sums, diagnostics, loc)
                    # its amounts (the subsector's subtotal) are checked when the section ends
                    open_heading = (
                        (r, heading.title or label, list(sums.grand)) if has_values else None
                    )
                section = attrs.evolve(heading, row=grid.excel_row(r))
                sums.new_block()
                continue
        if not has_values and (
            code is None or (not layout.hierarchical and code.level is not CodeLevel.SUB_KEGIATAN)
        ):
            new = _section_from(label, code, section)
            if new is not None:
                if new.subsector is not None and new.subsector is not section.subsector:
                    _close_heading(open_heading, grid, reader.money, sums, diagnostics, loc)
                    open_heading = None
                section = attrs.evolve(new, row=grid.excel_row(r))
                sums.new_block()
                continue

        counted = True
        if code is not None:
            level = code.level
            reader.levels.add(level)
            counted = not (layout.hierarchical and level is not CodeLevel.SUB_KEGIATAN)
        if not reader.check(
            r, current, sums if counted else None, diagnostics, bool(label) or has_values
        ):
            continue  # nothing on the row becomes a value or an extra
        if r in grid.hidden_rows:
            diagnostics.append(diag.HIDDEN_ROW.at(loc(r)))
        if layout.sections and section.subsector is None and not reader.has_subsector(current):
            diagnostics.append(diag.ROW_OUTSIDE_SECTION.at(loc(r)))
        data_rows.append(r)
        sections.append(section)
    _close_heading(open_heading, grid, reader.money, sums, diagnostics, loc)
    records: Sequence[RowRecord] = LazySequence(
        len(data_rows), lambda i: reader.record(data_rows[i], sections[i])
    )
    return TableRead(
        grid,
        layout,
        tuple(range(start, start + depth)),
        tuple(mapped),
        titles,
        labels,
        records,
        tuple(diagnostics),
        score,
        next_table,
        reader,
        data_rows,
    )


#: Text fields whose merged cells spread down: one agency, place or funding source for a block
#: of rows (amounts never spread: a merged amount is the block's, not each row's).
_FILLABLE: Final = frozenset(
    {"agency", "subsector", "policy_direction", "location", "program", "funding_text"}
)


class ColumnRead(enum.Enum):
    """How a column's cells are read: checked while scanning (:meth:`_RowReader.check`: an
    extra, text, code, money, agency or other field) and converted into a record
    (:meth:`_RowReader.record`: an extra, a member of a column group, a code or any other
    field). Members are compared by identity, as cheaply as the integers they replace."""

    EXTRA = "extra"
    TEXT = "text"
    CODE = "code"
    MONEY = "money"
    AGENCY = "agency"
    OTHER = "other"
    GROUP = "group"
    FIELD = "field"


# the hot loops read these as module names (one global look-up, no attribute look-up)
_EXTRA, _TEXT, _CODE, _MONEY = ColumnRead.EXTRA, ColumnRead.TEXT, ColumnRead.CODE, ColumnRead.MONEY
_AGENCY, _OTHER, _GROUP, _FIELD = (
    ColumnRead.AGENCY,
    ColumnRead.OTHER,
    ColumnRead.GROUP,
    ColumnRead.FIELD,
)
_ERROR_KINDS: Final = frozenset({"money", "code", "decimal", "int", "date"})
#: distinct cell values remembered per column while scanning (more are converted each time)
_MEMO_LIMIT: Final = 4096


def _blank_row(row: Sequence[Any]) -> bool:
    for value in row:
        if value is None or value == "":
            continue
        if type(value) is str and not value.strip():
            continue
        return False
    return True


# the same test as _TOTAL on normalise_text(label), for ASCII labels, without normalising
_TOTAL_ASCII = re.compile(
    r"^[^0-9a-z]*(?:sub[^0-9a-z]*total|jumlah|total|grand[^0-9a-z]*total)(?![0-9a-z])", re.I
)


def _is_total(label: str) -> bool:
    if label.isascii():
        first = label[:1]
        if first.isalnum() and first not in "sSjJtTgG":
            return False  # most labels: a code or a name, not a total
        return _TOTAL_ASCII.match(label) is not None
    return _TOTAL.match(normalise_text(label)) is not None


class _Sums:
    """Running sums of the money columns, since the last total or section row (the block) and
    since the start of the table. Amounts are ints while they can be (cheaper than Decimal)."""

    __slots__ = ("block", "grand", "in_block")

    def __init__(self, money: Sequence[Column]) -> None:
        size = len(money)
        self.block: list[int | Decimal] = [0] * size
        self.grand: list[int | Decimal] = [0] * size
        self.in_block = False

    def add(self, position: int, amount: int | Decimal) -> None:
        self.block[position] += amount
        self.grand[position] += amount
        self.in_block = True

    def new_block(self) -> None:
        self.block = [0] * len(self.block)
        self.in_block = False


_R = TypeVar("_R")


def typed_constructor(cls: Callable[..., _R]) -> TypedConstructor[_R]:
    """The constructor of ``cls`` without the checking wrapper of :mod:`ppsp.domain.checks`: for
    records a reader makes from values it has already converted by their fields' kinds, where
    the wrapper's look at every keyword is about a quarter of making a plan line.

    It does what the ``__init__`` attrs generated does (each value, given or default, through
    its field's converter; the validators unless validation is disabled; then
    ``__attrs_post_init__``), with each value put in its slot directly rather than by name
    through ``object.__setattr__``. A class it cannot make so (a pre-init, a cached hash, a
    factory that takes ``self``, a field outside ``__init__``, a slot it cannot find) gets the
    generated ``__init__`` itself. Made on first use (a compile)."""
    return TypedConstructor(cls)


class TypedConstructor(Generic[_R]):
    """What :func:`typed_constructor` gives: called with the keywords, it makes the record;
    :meth:`made` is the generated function itself, for a loop that makes many (called
    directly, the keywords are not gathered and passed on once more)."""

    __slots__ = ("_cls", "_made")

    def __init__(self, cls: Callable[..., _R]) -> None:
        self._cls = cls
        self._made: Callable[..., _R] | None = None

    def __call__(self, **values: Any) -> _R:
        return self.made()(**values)

    def made(self) -> Callable[..., _R]:
        """The generated constructor (compiled on the first call)."""
        made = self._made
        if made is None:
            made = self._made = _fused_constructor(self._cls)
        return made


def _fused_constructor(cls: Any) -> Callable[..., Any]:
    init = inspect.unwrap(cls.__init__)
    new = object.__new__

    def by_init(**values: Any) -> Any:
        instance = new(cls)
        init(instance, **values)
        return instance

    fields = list(attrs.fields(cls))
    if (
        hasattr(cls, "__attrs_pre_init__")
        or "_attrs_cached_hash" in getattr(getattr(init, "__code__", None), "co_consts", ())
        or any(not f.init or f.alias != f.name or f.name.startswith("_p_") for f in fields)
        or any(isinstance(f.converter, attrs.Converter) for f in fields)
        or any(isinstance(f.default, attrs.Factory) and f.default.takes_self for f in fields)  # type: ignore[arg-type]
    ):
        return by_init
    # the function's own names start with _p_ (no field's does), the fields' are its keywords
    scope: dict[str, Any] = {"_p_cls": cls, "_p_new": new, "_p_M": object()}
    params, body, checks = [], ["    _p_self = _p_new(_p_cls)"], []
    for number, field in enumerate(fields):
        name = field.name
        slot = next((k.__dict__[name] for k in cls.__mro__ if name in k.__dict__), None)
        if slot is None or not hasattr(slot, "__set__"):
            return by_init
        scope[f"_p_s{number}"] = slot.__set__
        value = name
        default = field.default
        if default is attrs.NOTHING:
            params.append(name)
        elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            scope[f"_p_f{number}"] = default.factory
            params.append(f"{name}=_p_M")
            value = f"(_p_f{number}() if {name} is _p_M else {name})"
        else:  # the same default object for every instance, as attrs gives it
            scope[f"_p_d{number}"] = default
            params.append(f"{name}=_p_d{number}")
        if field.converter is not None:
            scope[f"_p_c{number}"] = field.converter
            value = f"_p_c{number}({value})"
        body.append(f"    _p_s{number}(_p_self, {value})")
        if field.validator is not None:
            scope[f"_p_v{number}"], scope[f"_p_A{number}"] = field.validator, field
            checks.append(f"        _p_v{number}(_p_self, _p_A{number}, _p_self.{name})")
    if checks:
        scope["_p_disabled"] = attrs.validators.get_disabled
        body += ["    if not _p_disabled():", *checks]
    if hasattr(cls, "__attrs_post_init__"):
        body.append("    _p_self.__attrs_post_init__()")
    source = "\n".join([f"def make(*, {', '.join(params)}):", *body, "    return _p_self", ""])
    exec(compile(source, f"<ppsp constructor {cls.__name__}>", "exec"), scope)
    function: Callable[..., Any] = scope["make"]
    return function


class _RowReader:
    """How the rows of one table are read: the scan's cheap checks (with each distinct value of
    a column converted once) and the full conversion of a row into its :class:`RowRecord`."""

    def __init__(
        self,
        grid: Grid,
        layout: Layout,
        mapped: list[Column],
        loc: Callable[[int | None, Column | None], SourceLocation],
    ) -> None:
        # Long: the reading plan worked out once per table, so that the per-row loops do no work a
        # table needs once (issue 14).
        self.grid = grid
        self.layout = layout
        self.mapped = mapped
        self.loc = loc
        self.indexes = [c.index for c in mapped]
        self.last_index = max(self.indexes, default=-1)
        # the mapped cells of a row in one call (always a tuple, even of one cell)
        self.getter: Callable[[Sequence[Any]], Sequence[Any]] = (
            (lambda row: ()) if not mapped else _getter(self.indexes)
        )
        # merged cells spread down their own column (an agency shared by two rows), never
        # sideways: a section title merged across the table is not every column's value
        self.merged = {
            cell: origin for cell, origin in merged_lookup(grid).items() if cell[1] == origin[1]
        }
        by_field = [c for c in mapped if c.field is not None]
        position = {c.index: i for i, c in enumerate(mapped)}
        self.text_positions = [
            position[c.index]
            for c in by_field
            if c.field is not None and c.field.kind in ("text", "code")
        ]
        self.value_positions = [
            position[c.index] for c in by_field if c.field is not None and c.field.holds_values
        ]
        code_column = next(
            (c for c in by_field if c.field is not None and c.field.kind == "code"), None
        )
        self.code_position = position[code_column.index] if code_column is not None else None
        self.fill_positions = [
            position[c.index]
            for c in by_field
            if c.field is not None and c.field.name in _FILLABLE and self.merged
        ]
        self.subsector_position = next(
            (position[c.index] for c in by_field if c.field and c.field.name == "subsector"),
            None,
        )
        self.money = [c for c in by_field if c.field is not None and c.field.kind == "money"]
        money_position = {c.index: i for i, c in enumerate(self.money)}
        plan = []
        for column in mapped:
            field = column.field
            if field is None:
                kind = _EXTRA
            elif field.kind == "text":
                kind = _TEXT
            elif field.kind == "code":
                kind = _CODE
            elif field.kind == "money":
                kind = _MONEY
            elif field.kind == "agency":
                kind = _AGENCY
            else:
                kind = _OTHER
            plan.append((column, kind, money_position.get(column.index, -1)))
        self.plan = plan
        # how record() reads each column: extra, group member, code or plain field
        self.present_keys = [
            _present_key(column) if column.field is not None else "" for column in mapped
        ]
        self.record_plan = [
            (
                column,
                _EXTRA
                if column.field is None
                else _GROUP
                if column.field.group is not None
                else _CODE
                if column.field.kind == "code"
                else _FIELD,
                column.field.name if column.field is not None else "",
                column.key,
                column.header or f"Kolom {column.letter}",
                column.field is not None
                and column.field.kind == "money"
                and column.scale is Scale.UNIT,
            )
            for column in mapped
        ]
        # the same, by what is checked (see check)
        self.text_checks = [p for p, (_c, kind, _m) in enumerate(plan) if kind == _TEXT]
        self.money_checks = [
            (p, column, money, column.scale is Scale.UNIT)
            for p, (column, kind, money) in enumerate(plan)
            if kind == _MONEY
        ]
        self.other_checks = [
            (p, column, kind == _AGENCY)
            for p, (column, kind, _m) in enumerate(plan)
            if kind in (_CODE, _AGENCY, _OTHER)
        ]
        self.unnamed_checks = [
            p for p, (column, kind, _m) in enumerate(plan) if kind == _EXTRA and not column.header
        ]
        self.memos: list[dict[Any, Any]] = [{} for _ in mapped]
        #: the decimal marks each amount column's texts show (see _decimal_mark)
        self.marks: dict[int, frozenset[str]] = {}
        self.unnamed_reported: set[int] = set()
        # where each field's value sits: shared by every row (rows keep only which fields they had)
        self.column_map: dict[str, tuple[str, str | None]] = {}
        for column in by_field:
            if column.field is not None:
                self.column_map.setdefault(_present_key(column), (column.letter, column.header))
        self.interned: dict[tuple[str, ...], tuple[str, ...]] = {}
        #: the levels of the codes of the data rows
        self.levels: set[CodeLevel] = set()
        self._record_made: Callable[[int, Section], RowRecord] | None = None

    # --- the scan ---------------------------------------------------------------------------

    def current(self, r: int, row: Sequence[Any]) -> Sequence[Any]:
        """The row's cells of the mapped columns (merged cells of text fields spread down)."""
        if len(row) > self.last_index:
            values = self.getter(row)
        else:
            size = len(row)
            values = [row[i] if i < size else "" for i in self.indexes]
        if not self.fill_positions:
            return values
        filled = list(values)
        merged = self.merged
        for p in self.fill_positions:
            index = self.indexes[p]
            if cells.is_blank(filled[p]) and (r, index) in merged:
                filled[p] = self.grid.value(*merged[(r, index)])
        return filled

    def label(self, current: Sequence[Any]) -> str:
        """The first text of the row's text and code columns."""
        for p in self.text_positions:
            value = current[p]
            if value is None or value == "" or (value.__class__ is str and not value.strip()):
                continue
            return cells.text_of(value)
        return ""

    def texts(self, current: Sequence[Any], limit: int = 3) -> list[str]:
        """The first ``limit`` texts of the row's text and code columns, the subsector column
        left out (a row's own subsector is not a heading)."""
        found: list[str] = []
        for p in self.text_positions:
            value = current[p]
            if p == self.subsector_position or cells.is_blank(value):
                continue
            found.append(cells.text_of(value))
            if len(found) >= limit:
                break
        return found

    def only_amounts(self, current: Sequence[Any]) -> bool:
        """Whether the row's values (if any) are all amounts: no agency, volume or date."""
        for p in self.value_positions:
            column = self.mapped[p]
            field = column.field
            if field is not None and field.kind != "money" and not cells.is_blank(current[p]):
                return False
        return True

    def code_text(self, current: Sequence[Any]) -> str:
        if self.code_position is None:
            return ""
        return cells.text_of(current[self.code_position])

    def has_values(self, current: Sequence[Any]) -> bool:
        for p in self.value_positions:
            value = current[p]
            if value is None or value == "" or (value.__class__ is str and not value.strip()):
                continue
            return True
        return False

    def has_subsector(self, current: Sequence[Any]) -> bool:
        p = self.subsector_position
        if p is None or cells.is_blank(current[p]):
            return False
        try:
            return cells.to_text(current[p]) is not None
        except cells.CellProblem:
            return False

    def _converted(self, position: int, column: Column, value: Any) -> Any:
        """The column's conversion of ``value`` (or the CellProblem), once per distinct text."""
        if type(value) is not str:
            try:
                return _convert(column.field, column, value)  # type: ignore[arg-type]
            except cells.CellProblem as problem:
                return problem
        memo = self.memos[position]
        found = memo.get(value, memo)
        if found is not memo:
            return found
        try:
            if column.field is not None and column.field.kind == "money":
                found = self._money_text(column, value)
            else:
                found = _convert(column.field, column, value)  # type: ignore[arg-type]
        except cells.CellProblem as problem:
            problem.__traceback__ = None  # kept: not its frames
            found = problem
        if len(memo) < _MEMO_LIMIT:
            memo[value] = found
        return found

    def _money_text(self, column: Column, value: str) -> Rupiah | None:
        """An amount written as text, its separators read by the column's evidence.

        ``250,000`` or ``1.250`` (one separator, three digits after it) reads two ways. The
        decimal mark the other cells of the column show (``1.250.000``, ``12,5``; else those of
        the table's other amount columns, the sheet's habit, else the file's locale: ``,`` in a
        CSV separated by ``;``) decides; with no such evidence, a
        full-rupiah column reads it as thousands (sen have two digits), a column in juta or
        ribu cannot tell. Evidence that disagrees, or that makes a full-rupiah amount end in
        three decimals, is a problem naming both readings, never a guess."""
        body = value.strip()
        separator = ambiguous_separator(_CURRENCY_MARK.sub("", body.removesuffix(",-")))
        if separator is None:
            return cells.to_money(value, column.scale)
        other = "." if separator == "," else ","
        grouped = _reading(value, column.scale, other)
        fraction = _reading(value, column.scale, separator)
        unit = column.scale is _UNIT or _CURRENCY_MARK.search(body) is not None
        mark = self._decimal_mark(column)
        if grouped is not None and (mark == other or (mark is None and unit)):
            return grouped
        if fraction is not None and mark == separator and not unit:
            return fraction
        raise cells.CellProblem(
            "ambiguous-amount",
            N_("diagnostic.ambiguous-amount"),
            value=body,
            grouped=grouped or _number_reading(body, column.scale, other),
            decimal=fraction or _number_reading(body, column.scale, separator),
        )

    def _decimal_mark(self, column: Column) -> str | None:
        """The decimal mark the column's text amounts show (``,`` or ``.``; ``"both"`` when they
        disagree), else the one of the table's other amount columns, else the one of the file's
        locale (:attr:`Grid.decimal_mark`); ``None`` when nothing tells."""
        found = self.marks.get(column.index)
        if found is None:
            found = self.marks[column.index] = _marks_in(self.grid, column.index)
        if not found:
            for other in self.money:
                if other.index != column.index:
                    marks = self.marks.get(other.index)
                    if marks is None:
                        marks = self.marks[other.index] = _marks_in(self.grid, other.index)
                    found = found | marks
        if len(found) > 1:
            return "both"
        return next(iter(found), self.grid.decimal_mark)

    def _amount_notes(
        self,
        column: Column,
        value: Any,
        amount: int | Decimal,
        r: int,
        diagnostics: list[Diagnostic],
    ) -> int:
        """Warnings on an amount that was read: negative where a cost or pagu cannot be, or
        written in full rupiah (``Rp 1.250.000.000,00``) in a column of juta or ribu; how many."""
        noted = 0
        if amount < 0:
            diagnostics.append(
                diag.NEGATIVE_AMOUNT.at(
                    self.loc(r, column), {"value": cells.text_of(value), "amount": Rupiah(amount)}
                )
            )
            noted += 1
        if (
            type(value) is str
            and column.scale is not _UNIT
            and _CURRENCY_MARK.search(value.strip()) is not None
        ):
            scaled = _reading(_CURRENCY_MARK.sub("", value.strip()), column.scale, None)
            diagnostics.append(
                diag.FULL_RUPIAH_IN_SCALED_COLUMN.at(
                    self.loc(r, column),
                    {
                        "value": value.strip(),
                        "amount": Rupiah(amount),
                        "scaled": scaled if scaled is not None else value.strip(),
                        "header": column.header,
                    },
                )
            )
            noted += 1
        return noted

    def code(self, current: Sequence[Any]) -> NomenclatureCode | None:
        """The row's code, when its code column holds a valid one."""
        p = self.code_position
        assert p is not None
        value = current[p]
        memo = self.memos[p]
        found = memo.get(value, memo) if value.__class__ is str else memo
        if found is memo:
            found = self._converted(p, self.mapped[p], value)
        if isinstance(found, cells.CellProblem) or found is None:
            return None
        code: NomenclatureCode | None = found[0]
        return code

    def reads_as_data(self, r: int, row: Sequence[Any]) -> bool:
        """Whether the row's code cell holds a code, or one of its amount cells an amount, of
        this table (what a header row never has)."""
        current = self.current(r, row)
        position = self.code_position
        if (
            position is not None
            and not cells.is_blank(current[position])
            and self.code(current) is not None
        ):
            return True
        for p, column, _money, _unit in self.money_checks:
            value = current[p]
            if cells.is_blank(value):
                continue
            found = self._converted(p, column, value)
            if found is not None and not isinstance(found, cells.CellProblem):
                return True
        return False

    def check(
        self,
        r: int,
        current: Sequence[Any],
        sums: _Sums | None,
        diagnostics: list[Diagnostic],
        filled: bool = False,
    ) -> bool:
        """Check a data row's cells: a diagnostic for each problem, money added to ``sums``.
        Whether anything on the row becomes a value or an extra (a record); ``filled`` says
        the caller saw a cell that does.

        The cells are taken kind by kind (cheaper than column by column); the diagnostics of
        one row are then put back in column order. A sheet with formulas takes the general
        path (:meth:`check_each`), which a test keeps equal to this one."""
        if self.grid.formulas:
            return self.check_each(r, current, sums, diagnostics)
        before = len(diagnostics)
        positions: list[int] = []
        errors = self.grid.error_texts
        for p in self.text_checks if errors is None or errors else ():
            value = current[p]
            if value.__class__ is str and "#" in value:
                try:
                    cells.to_text(value)
                except cells.CellProblem as problem:
                    self._problem(problem, self.mapped[p], r, diagnostics)
                    positions.append(p)
        for p, column, money, unit in self.money_checks:
            value = current[p]
            kind = value.__class__
            if unit and (kind is float or kind is int):
                if kind is int:
                    amount: int | Decimal | None = value
                elif value.is_integer() and -1e15 < value < 1e15:
                    amount = int(value)
                else:
                    amount = self._money(p, column, value, r, diagnostics, positions)
            elif value is None or (kind is str and not value.strip()):
                continue
            else:
                amount = self._money(p, column, value, r, diagnostics, positions)
            if amount is not None and (amount < 0 or (kind is str and column.scale is not _UNIT)):
                positions.extend([p] * self._amount_notes(column, value, amount, r, diagnostics))
            if sums is not None and amount is not None:
                sums.block[money] += amount
                sums.grand[money] += amount
                sums.in_block = True
        memos = self.memos
        for p, column, agency in self.other_checks:
            value = current[p]
            if value.__class__ is str:
                memo = memos[p]
                found = memo.get(value, memo)  # most values were seen before
                if found is memo:
                    if not value.strip():
                        continue
                    found = self._converted(p, column, value)
            elif value is None:
                continue
            else:
                found = self._converted(p, column, value)
            if isinstance(found, cells.CellProblem):
                self._problem(found, column, r, diagnostics)
                positions.append(p)
            elif agency and found is not None and not _looks_like_agency(found.name):
                self._unknown_agency(found, column, r, diagnostics)
                positions.append(p)
        for p in self.unnamed_checks:
            column = self.mapped[p]
            if column.index in self.unnamed_reported or cells.is_blank(current[p]):
                continue
            self._unnamed(column, r, diagnostics)
            positions.append(p)
        if len(diagnostics) - before > 1:
            # back in column order (one diagnostic per cell at most)
            order = sorted(range(len(positions)), key=positions.__getitem__)
            found_here = diagnostics[before:]
            diagnostics[before:] = [found_here[i] for i in order]
        return filled or any(not cells.is_blank(value) for value in current)

    def _money(
        self,
        p: int,
        column: Column,
        value: Any,
        r: int,
        diagnostics: list[Diagnostic],
        positions: list[int],
    ) -> Decimal | None:
        found = self._converted(p, column, value)
        if isinstance(found, cells.CellProblem):
            self._problem(found, column, r, diagnostics)
            positions.append(p)
            return None
        return None if found is None else found.amount

    def check_each(
        self, r: int, current: Sequence[Any], sums: _Sums | None, diagnostics: list[Diagnostic]
    ) -> bool:
        """:meth:`check`, column by column, with formulas of blank cells reported."""
        something = False
        formulas = self.grid.formulas
        for p, (column, kind, money) in enumerate(self.plan):
            value = current[p]
            if value is None or value == "" or (type(value) is str and not value.strip()):
                field = column.field
                if (
                    formulas
                    and field is not None
                    and field.holds_values
                    and (r, column.index) in formulas
                ):
                    diagnostics.append(
                        diag.FORMULA_WITHOUT_VALUE.at(
                            self.loc(r, column), {"formula": formulas[(r, column.index)]}
                        )
                    )
                continue
            something = True
            if kind == _TEXT:
                if type(value) is str and "#" in value:
                    try:
                        cells.to_text(value)
                    except cells.CellProblem as problem:
                        self._problem(problem, column, r, diagnostics)
                continue
            if kind == _MONEY:
                amount: int | Decimal | None = None
                if column.scale is Scale.UNIT and (
                    type(value) is int
                    or (type(value) is float and value.is_integer() and abs(value) < 1e15)
                ):
                    amount = int(value)
                else:
                    found = self._converted(p, column, value)
                    if isinstance(found, cells.CellProblem):
                        self._problem(found, column, r, diagnostics)
                    elif found is not None:
                        amount = found.amount
                if amount is not None:
                    self._amount_notes(column, value, amount, r, diagnostics)
                if sums is not None and amount is not None:
                    sums.add(money, amount)
                continue
            if kind == _EXTRA:
                if not column.header and column.index not in self.unnamed_reported:
                    self._unnamed(column, r, diagnostics)
                continue
            found = self._converted(p, column, value)
            if isinstance(found, cells.CellProblem):
                self._problem(found, column, r, diagnostics)
            elif kind == _AGENCY and found is not None and not _looks_like_agency(found.name):
                self._unknown_agency(found, column, r, diagnostics)
        return something

    def _unknown_agency(
        self, agency: Any, column: Column, r: int, diagnostics: list[Diagnostic]
    ) -> None:
        diagnostics.append(diag.UNKNOWN_AGENCY.at(self.loc(r, column), {"value": agency.name}))

    def _unnamed(self, column: Column, r: int, diagnostics: list[Diagnostic]) -> None:
        """The first value of a column without a header (said once per column)."""
        self.unnamed_reported.add(column.index)
        diagnostics.append(diag.UNNAMED_COLUMN.at(self.loc(r, column), {"column": column.letter}))

    def _problem(
        self, problem: cells.CellProblem, column: Column, r: int, diagnostics: list[Diagnostic]
    ) -> None:
        assert column.field is not None
        severity = Severity.ERROR if column.field.kind in _ERROR_KINDS else Severity.WARNING
        diagnostics.append(
            Diagnostic(problem.code, severity, problem.key, problem.params, self.loc(r, column))
        )

    # --- records ------------------------------------------------------------------------------

    def record(self, r: int, section: Section) -> RowRecord:
        """The full reading of data row ``r``: converted values, cell locations, extras.

        :meth:`record_each`'s reading, by a function generated for this table on the first
        call, with each column's way written out (no loop over the columns, no tests of a
        column's kind): a test keeps the two equal."""
        made = self._record_made
        if made is None:
            made = self._record_made = self._generated_record()
        return made(r, section)

    def _generated_record(self) -> Callable[[int, Section], RowRecord]:
        """:meth:`record_each` written out for this table's columns (a compile per table)."""
        grid = self.grid
        scope: dict[str, Any] = {
            "_current": self.current,
            "_rows": grid.rows,
            "_converted": self._converted,
            "_problem": cells.CellProblem,
            "_json_safe": cells.json_safe,
            "_money": Rupiah._trusted,
            "_decimal": Decimal,
            "_cell_map": CellMap,
            "_trusted": SourceLocation.trusted,
            "_record": RowRecord,
            "_file": grid.file,
            "_sheet": grid.sheet,
            "_offset": grid.row_offset + 1,  # what grid.excel_row adds
            "_columns": self.column_map,
            "_interned": self.interned.setdefault,
        }
        body = [
            "def record(r, section):",
            "    current = _current(r, _rows[r])",
            "    values = {}",
            "    present = []",
            "    extras = {}",
        ]
        for p, (column, how, name, key, extra_key, unit) in enumerate(self.record_plan):
            scope[f"_m{p}"], scope[f"_c{p}"], scope[f"_e{p}"] = self.memos[p], column, extra_key
            body.append(f"    value = current[{p}]")
            if how is _EXTRA:
                body += [
                    "    if value is not None and not (",
                    "        value.__class__ is str and not value.strip()",
                    "    ):",
                    f"        extras[_e{p}] = _json_safe(value)",
                ]
                continue
            body += [
                "    kind = value.__class__",
                "    if kind is str:",
                f"        found = _m{p}.get(value, _m{p})",
                f"        if found is _m{p}:",
                f"            found = _converted({p}, _c{p}, value) if value.strip() else None",
                "    elif value is None:",
                "        found = None",
            ]
            if unit:  # what to_money makes of a whole float, without the detour
                body += [
                    "    elif kind is float and value.is_integer() and -1e15 < value < 1e15:",
                    "        found = _money(_decimal(int(value)))",
                ]
            body += [
                "    else:",
                f"        found = _converted({p}, _c{p}, value)",
                "    if found is not None:",
                "        if found.__class__ is _problem:",
                f"            extras[_e{p}] = _json_safe(value)",
            ]
            scope[f"_n{p}"] = name
            if how is _GROUP:
                scope[f"_k{p}"], scope[f"_pk{p}"] = key, self.present_keys[p]
                body += [
                    "        else:",
                    f"            group = values.get(_n{p})",
                    "            if group is None:",
                    f"                group = values[_n{p}] = {{}}",
                    f"            group[_k{p}] = found",
                    f"            present.append(_pk{p})",
                ]
            elif how is _CODE:
                body += [
                    "        else:",
                    "            code_value, code_name = found",
                    "            if code_value is not None:",
                    f"                values[_n{p}] = code_value",
                    f"                present.append(_n{p})",
                    "            if code_name:",
                    '                values.setdefault("_code_name", code_name)',
                ]
            else:
                body += [
                    "        else:",
                    f"            values[_n{p}] = found",
                    f"            present.append(_n{p})",
                ]
        body += [
            "    keys = tuple(present)",
            "    row = r + _offset",
            "    locations = _cell_map(_file, _sheet, row, _columns, _interned(keys, keys))",
            "    source = _trusted(_file, _sheet, row, None, None)",
            "    return _record(row, values, locations, extras, section, source)",
            "",
        ]
        name = f"<ppsp record {grid.sheet or grid.file}>"
        exec(compile("\n".join(body), name, "exec"), scope)
        function: Callable[[int, Section], RowRecord] = scope["record"]
        return function

    def record_each(self, r: int, section: Section) -> RowRecord:
        """The full reading of data row ``r``, column by column (what :meth:`record` does)."""
        grid = self.grid
        current = self.current(r, grid.rows[r])
        values: dict[str, Any] = {}
        present: list[str] = []
        extras: dict[str, Any] = {}
        memos = self.memos
        for p, (column, how, name, key, extra_key, unit) in enumerate(self.record_plan):
            value = current[p]
            kind = value.__class__
            if kind is str and how != _EXTRA:
                # most texts were converted while scanning: a text the memo holds is not blank
                # (blanks are never converted), so only the others are looked at for blanks
                memo = memos[p]
                found = memo.get(value, memo)
                if found is memo:
                    if not value.strip():
                        continue
                    found = self._converted(p, column, value)
            elif value is None or (kind is str and not value.strip()):
                continue
            elif how == _EXTRA:
                extras[extra_key] = cells.json_safe(value)
                continue
            elif unit and kind is float and value.is_integer() and -1e15 < value < 1e15:
                # what to_money makes of it, without the detour (whole rupiah well in range)
                found = Rupiah._trusted(Decimal(int(value)))
            else:
                found = self._converted(p, column, value)
            if found is None:
                continue
            if found.__class__ is cells.CellProblem:
                extras[extra_key] = cells.json_safe(value)
                continue
            if how == _GROUP:
                group = values.get(name)
                if group is None:
                    group = values[name] = {}
                group[key] = found
                present.append(self.present_keys[p])
            elif how == _CODE:
                code_value, code_name = found
                if code_value is not None:
                    values[name] = code_value
                    present.append(name)
                if code_name:
                    values.setdefault("_code_name", code_name)
            else:
                values[name] = found
                present.append(name)
        keys = tuple(present)
        row = grid.excel_row(r)
        file, sheet = grid.file, grid.sheet
        locations = CellMap(file, sheet, row, self.column_map, self.interned.setdefault(keys, keys))
        source = SourceLocation.trusted(file, sheet, row, None, None)  # what loc(r) makes
        return RowRecord(row, values, locations, extras, section, source)

    def field_values(self, rows: Sequence[int], name: str) -> Iterator[tuple[Any, int]]:
        """The converted value of field ``name`` (not a column group) on each of ``rows`` with
        the row (``None`` where the cell is blank or could not be converted): what a builder
        checks over every line without reading whole records."""
        position = next(
            (p for p, c in enumerate(self.mapped) if c.field is not None and c.field.name == name),
            None,
        )
        if position is None:
            for r in rows:
                yield None, r
            return
        column = self.mapped[position]
        index = column.index
        fill = position in self.fill_positions
        grid_rows = self.grid.rows
        for r in rows:
            row = grid_rows[r]
            value = row[index] if index < len(row) else ""
            if fill and cells.is_blank(value) and (r, index) in self.merged:
                value = self.grid.value(*self.merged[(r, index)])
            converted = None if cells.is_blank(value) else self._converted(position, column, value)
            yield (None if isinstance(converted, cells.CellProblem) else converted), r

    def column_of(self, name: str) -> Column | None:
        """The column of field ``name`` (not a column group)."""
        return next((c for c in self.mapped if c.field is not None and c.field.name == name), None)


_UNIT: Final = Scale.UNIT
#: ``Rp``/``IDR`` before or after an amount: it names its own unit (full rupiah)
_CURRENCY_MARK: Final = re.compile(r"^(?:rp\.?|idr)\s*|\s*(?:rp\.?|idr)$", re.IGNORECASE)
_MARK_BODY: Final = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def _reading(value: Any, scale: Scale, decimal: str | None) -> Rupiah | None:
    """The amount a text is with ``decimal`` as its decimal mark (``None``: not one in sen)."""
    try:
        return Rupiah.parse(value, scale=scale, decimal=decimal)
    except (InvalidValue, InvalidFormat):
        return None


def _number_reading(text: str, scale: Scale, decimal: str) -> str:
    """The number a text is with ``decimal`` as its decimal mark, when it is no amount in sen."""
    body = _CURRENCY_MARK.sub("", text.strip())
    try:
        scaled = _UNIT if _CURRENCY_MARK.search(text.strip()) else scale
        return f"{parse_decimal(body, decimal=decimal) * scaled.value:f}"
    except InvalidFormat:
        return body


def _mark_of(text: str) -> str | None:
    """The decimal mark an amount's text shows (``1.250.000`` and ``12,5``: ``,``; ``1,250,000``
    and ``12.5``: ``.``), ``None`` when it shows none (``250``, ``250,000``)."""
    body = "".join(_CURRENCY_MARK.sub("", text.strip()).split()).strip("()-+")
    body = body.removesuffix(",-").removesuffix(".-")
    if not _MARK_BODY.fullmatch(body):
        return None
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        return "," if body.rfind(",") > body.rfind(".") else "."
    if dots > 1:
        return ","
    if commas > 1:
        return "."
    if dots + commas == 1:
        separator = "." if dots else ","
        digits = len(body.rsplit(separator, 1)[1])
        if digits != 3 or body.startswith("0"):
            return separator
    return None


def _marks_in(grid: Grid, index: int) -> frozenset[str]:
    """The decimal marks the texts of one column of the grid show."""
    marks: set[str] = set()
    for row in grid.rows:
        if index < len(row):
            value = row[index]
            if type(value) is str and value:
                mark = _mark_of(value)
                if mark is not None:
                    marks.add(mark)
                    if len(marks) == 2:
                        break
    return frozenset(marks)


def _getter(indexes: list[int]) -> Callable[[Sequence[Any]], Sequence[Any]]:
    if len(indexes) == 1:
        index = indexes[0]
        return lambda row: (row[index],)
    return operator.itemgetter(*indexes)


def _present_key(column: Column) -> str:
    assert column.field is not None
    if column.field.group is None:
        return column.field.name
    key = column.key.value if hasattr(column.key, "value") else column.key
    return f"{column.field.name}.{key}"


@functools.lru_cache(maxsize=4096)
def _looks_like_agency(name: str) -> bool:
    return looks_like_agency(name)


def _title_like(row: Sequence[Any]) -> bool:
    """One text cell alone on its row (a title, or a ``LABEL : value`` line)."""
    filled = []
    for value in row:
        if value is None or value == "" or (type(value) is str and not value.strip()):
            continue
        filled.append(value)
        if len(filled) > 3:
            return False
    if len(filled) == 1:
        return isinstance(filled[0], str)
    # "LABEL" ":" "value" spread over three cells
    return len(filled) == 3 and cells.text_of(filled[1]) == ":"


def _shape(row: Sequence[Any]) -> tuple[bool, bool]:
    """:func:`_title_like` and :func:`_header_like` of a row, in one pass that stops as soon
    as the row can be neither (four cells filled and one of them not text)."""
    filled: list[Any] = []
    all_text = True
    for value in row:
        if value is None or value == "":
            continue
        if isinstance(value, str):
            if not value.strip():
                continue
        else:
            all_text = False
        filled.append(value)
        if len(filled) > 3 and not all_text:
            return False, False
    count = len(filled)
    if count == 1:
        title = isinstance(filled[0], str)
    else:
        title = count == 3 and cells.text_of(filled[1]) == ":"
    return title, all_text and count >= 3


def _header_below(grid: Grid, row: int, boundary: Callable[[Grid, int], bool]) -> bool:
    """Whether a header follows within the next few non-blank rows (titles may stack)."""
    seen = 0
    for r in range(row + 1, min(len(grid.rows), row + 8)):
        values = grid.rows[r]
        if all(cells.is_blank(v) for v in values):
            continue
        if _header_like(values):
            return boundary(grid, r)
        if not _title_like(values):
            return False
        seen += 1
        if seen > 3:
            return False
    return False


def _header_like(row: Sequence[Any]) -> bool:
    """Cheap test before scoring: three or more cells, all text (headers are words)."""
    texts = 0
    for value in row:
        if value is None or value == "":
            continue
        if type(value) is not str:
            if isinstance(value, str):  # a str subclass
                texts += bool(value.strip())
                continue
            return False
        if value.strip():
            texts += 1
    return texts >= 3


def _repeats_header(row: Sequence[Any], header: list[str]) -> bool:
    """Whether a row repeats the header's last row (a table restarting on a new printed page)."""
    texts = 0
    same = 0
    size = len(header)
    for index, value in enumerate(row):
        if not isinstance(value, str) or not value.strip():
            continue
        texts += 1
        if index < size and header[index] == cells.text_of(value):
            same += 1
        elif texts - same > 1 and same < texts * 0.6:
            return False
    return texts >= 2 and same >= 0.6 * texts


def _looks_like_code(text: str) -> bool:
    return bool(re.match(r"^\s*[0-9X]+(\.[0-9X]+)+", text))


def _convert(field: Field, column: Column, value: Any) -> Any:
    kind = field.kind
    if kind == "money":
        return cells.to_money(value, column.scale)
    if kind == "decimal":
        return cells.to_decimal(value)
    if kind == "int":
        return cells.to_int(value)
    if kind == "date":
        return cells.to_date(value)
    if kind == "code":
        return cells.to_code(value)
    if kind == "agency":
        return cells.to_agency(value)
    return cells.to_text(value)


def _section_from(label: str, code: NomenclatureCode | None, current: Section) -> Section | None:
    if code is not None:
        name = re.sub(r"^\s*[0-9X.]+\s*", "", label).strip() or None
        if code.level in (CodeLevel.PROGRAM, CodeLevel.BIDANG, CodeLevel.URUSAN):
            return attrs.evolve(
                current, program=name or current.program, program_code=code, title=label
            )
        return attrs.evolve(current, title=label)
    if not label:
        return None
    match = _SECTION_PREFIX.match(label)
    rest = match.group(1).strip() if match else label.strip()
    lowered = normalise_text(rest)
    if lowered.startswith("program"):
        return attrs.evolve(current, program=rest, program_code=None, title=label)
    for candidate in (label, rest):
        try:
            subsector = Subsector.parse(candidate)
        except InvalidValue:
            continue
        if len(normalise_text(candidate).split()) <= 6:
            return Section(subsector=subsector, title=label)
    try:
        direction = PolicyDirection.parse(rest)
        if lowered.startswith(("arah kebijakan", "ak ")) or len(lowered.split()) >= 4:
            return attrs.evolve(current, policy_direction=direction, title=label)
    except InvalidValue:
        pass
    if match or label.isupper():
        return attrs.evolve(current, title=label)
    return None


#: An enumerator alone in its cell: ``A``, ``II.``, ``3)`` (the title in the next column).
_ENUMERATOR = re.compile(r"^(?:[a-z]|[ivxlc]+|[0-9]{1,2})\s*[.)]?$", re.I)
#: Words that may stand before a subsector's name in a heading ("Sub Sektor Air Limbah").
_SUBSECTOR_WORDS = re.compile(r"^(?:sub\s*sektor|sektor|bidang)\s+")


def _subsector_named(title: str) -> Subsector | None:
    """The subsector a heading's title names and nothing besides: ``AIR LIMBAH DOMESTIK``,
    ``Sub Sektor Persampahan``, ``Higiene / PHBS`` (not ``Pembangunan drainase lingkungan``,
    which only contains one)."""
    found: set[Subsector] = set()
    for part in re.split(r"/|&|\bdan\b", title):
        key = _SUBSECTOR_WORDS.sub("", normalise_text(part))
        if not key:
            continue
        member = Subsector.parse_exact(key)
        if member is None:
            whole = _SUBSECTOR_WORDS.sub("", normalise_text(title))
            return Subsector.parse_exact(whole)
        found.add(member)
    return found.pop() if len(found) == 1 else None


def _heading(texts: Sequence[str], has_values: bool, current: Section) -> Section | None:
    """An SSK section row in the spellings one cell's reading misses: the enumerator in a
    column of its own (``A`` | ``AIR LIMBAH DOMESTIK``, ``II.`` | ``PERSAMPAHAN``, ``I`` |
    ``Program ...``), and a subsector heading that carries its subtotal. ``None``: not one
    (a row with more text than an enumerator and a title is an activity)."""
    if not texts or len(texts) > 2:
        return None
    if len(texts) == 2:
        if not _ENUMERATOR.match(texts[0]):
            return None
        enumerator = texts[0].rstrip(".) ")
        title = texts[1]
        label = f"{enumerator}. {title}"
    else:
        if not has_values:
            return None  # one cell without amounts: _section_from reads it
        label = texts[0]
        match = _SECTION_PREFIX.match(label)
        enumerator, title = ("", match.group(1)) if match else ("", label)
    subsector = _subsector_named(title)
    if subsector is not None:
        return Section(subsector=subsector, title=label)
    if has_values or not enumerator or enumerator.isdigit():
        return None  # "1" | "Pembangunan ...": a numbered activity
    # a letter or Roman numeral in the number column: read as one cell would be, when that
    # makes it a subsector or a program heading (not a bare title)
    new = _section_from(label, None, current)
    if new is None or (
        new.subsector is current.subsector
        and new.program == current.program
        and new.policy_direction is current.policy_direction
    ):
        return None
    return new


def _close_heading(
    heading: tuple[int, str, list[int | Decimal]] | None,
    grid: Grid,
    money: list[Column],
    sums: _Sums,
    diagnostics: list[Diagnostic],
    loc: Callable[[int | None, Column | None], SourceLocation],
) -> None:
    """At the end of a subsector whose heading row states amounts (its subtotal): each amount
    against the sum of the section's rows (FIN005)."""
    if heading is None:
        return
    r, label, before = heading
    for position, column, stated in _stated_amounts(grid, r, money, diagnostics, loc):
        computed = Rupiah(Decimal(sums.grand[position] - before[position]))
        if sums_differ(stated, computed):
            diagnostics.append(_total_mismatch(label, stated, computed, loc(r, column)))


def _stated_amounts(
    grid: Grid,
    r: int,
    money: list[Column],
    diagnostics: list[Diagnostic],
    loc: Callable[[int | None, Column | None], SourceLocation],
) -> Iterator[tuple[int, Column, Rupiah]]:
    """The amounts a total row states, column by column; a cell that is no amount is said."""
    for position, column in enumerate(money):
        value = grid.value(r, column.index)
        if cells.is_blank(value):
            continue
        try:
            stated = cells.to_money(value, column.scale)
        except cells.CellProblem as problem:
            diagnostics.append(
                Diagnostic(
                    problem.code, Severity.ERROR, problem.key, problem.params, loc(r, column)
                )
            )
            continue
        if stated is not None:
            yield position, column, stated


def _total_mismatch(
    label: str, stated: Rupiah, computed: Rupiah, where: SourceLocation
) -> Diagnostic:
    return diag.TOTAL_MISMATCH.at(
        where, {"label": label, "stated": stated, "computed": computed, "rule": "FIN005"}
    )


def _check_totals(
    grid: Grid,
    r: int,
    label: str,
    money: list[Column],
    sums: _Sums,
    diagnostics: list[Diagnostic],
    loc: Callable[[int | None, Column | None], SourceLocation],
) -> None:
    text = normalise_text(label)
    is_sub = text.startswith("sub")
    is_grand = text.startswith(("total", "grand", "jumlah total"))
    for position, column, stated in _stated_amounts(grid, r, money, diagnostics, loc):
        in_block = Rupiah(Decimal(sums.block[position]))
        in_all = Rupiah(Decimal(sums.grand[position]))
        # the judgement is FIN005's: within rounding to whole rupiah (sums_differ)
        if is_sub:
            expected = in_block
            ok = not sums_differ(stated, in_block)
        elif is_grand:
            expected = in_all
            ok = not sums_differ(stated, in_all)
        else:  # "Jumlah" is used for both
            expected = in_block if sums.in_block else in_all
            ok = not (sums_differ(stated, in_block) and sums_differ(stated, in_all))
        if not ok:
            diagnostics.append(_total_mismatch(label, stated, expected, loc(r, column)))
