"""Reading spreadsheet files into plain grids of cell values, with what Excel adds around them.

A :class:`Grid` is one sheet: its cell values (as python-calamine reads them: text, numbers,
dates, booleans), its merged ranges, its hidden rows and the formulas of its cells (xlsx).
CSV files are one grid each (``;``/``,``/tab, UTF-8 with or without BOM, Windows-1252).

Nothing here interprets a table; :mod:`ppsp.io.tables` does.
"""

from __future__ import annotations

import csv
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs

from ppsp.i18n import N_
from ppsp.io.diagnostics import SpreadsheetError

__all__ = ["Grid", "read_grids"]

_SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
_CSV_SUFFIXES = {".csv", ".tsv", ".txt"}


@attrs.frozen
class Grid:
    """One sheet's cells. Row and column indexes are 0-based here; ``row_offset`` and
    ``column_offset`` give where index 0 sits on the sheet (Excel row = index + offset + 1)."""

    file: str
    sheet: str | None
    rows: Sequence[Sequence[Any]]
    merged: tuple[tuple[int, int, int, int], ...] = ()
    hidden_rows: frozenset[int] = frozenset()
    formulas: dict[tuple[int, int], str] = attrs.field(factory=dict, eq=False)
    row_offset: int = 0
    column_offset: int = 0
    #: the distinct texts of the sheet that are Excel error values (``#REF!``), when known
    #: (``None``: not known, every cell is looked at)
    error_texts: frozenset[str] | None = attrs.field(default=None, eq=False, repr=False)
    #: the decimal mark the file's locale implies, when its format tells (a CSV separated by
    #: ``;`` is what a spreadsheet set to Indonesian writes: ``,`` marks decimals there)
    decimal_mark: str | None = attrs.field(default=None, eq=False, repr=False)
    #: the number of columns (of the widest row)
    width: int = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "width", max(map(len, self.rows), default=0))

    def excel_row(self, index: int) -> int:
        """The row number Excel shows for row ``index``."""
        return index + self.row_offset + 1

    def excel_column(self, index: int) -> int:
        """The 1-based column number of column ``index``."""
        return index + self.column_offset + 1

    def value(self, row: int, column: int) -> Any:
        """The value at (row, column), ``""`` outside the grid."""
        if 0 <= row < len(self.rows):
            cells = self.rows[row]
            if 0 <= column < len(cells):
                return cells[column]
        return ""


def _fail(key: str, path: Path, **params: Any) -> SpreadsheetError:
    return SpreadsheetError(key, file=str(path), **params)


def read_grids(path: str | Path) -> list[Grid]:
    """Every sheet of a spreadsheet, or the one table of a CSV file.

    :raises SpreadsheetError: for an empty, unreadable, protected or corrupt file
    """
    file = Path(path)
    if not file.exists():
        raise _fail(N_("workbook.missing"), file)
    if file.is_dir():
        raise _fail(N_("workbook.is-folder"), file)
    if file.stat().st_size == 0:
        raise _fail(N_("workbook.empty"), file)
    suffix = file.suffix.lower()
    if suffix in _CSV_SUFFIXES:
        return [_read_csv(file)]
    head = file.read_bytes()[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0") and suffix in {".xlsx", ".xlsm"}:
        # an OLE container under an .xlsx name: Excel's encryption wrapper
        raise _fail(N_("workbook.protected"), file)
    if suffix not in _SPREADSHEET_SUFFIXES and not head.startswith(b"PK"):
        raise _fail(N_("workbook.not-spreadsheet"), file)
    return _read_spreadsheet(file)


def _read_spreadsheet(file: Path) -> list[Grid]:
    import python_calamine as pc

    # the XML scan for what calamine does not report runs while calamine parses: both spend
    # their time in native code that releases the GIL (inflating, parsing)
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(_xlsx_extras, file)
        try:
            workbook = pc.CalamineWorkbook.from_path(str(file))
        except pc.PasswordError:
            raise _fail(N_("workbook.protected"), file) from None
        except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError, OSError) as error:
            raise _fail(N_("workbook.corrupt"), file, detail=str(error)[:200]) from None
        sheets = []
        for name in workbook.sheet_names:
            try:
                sheet = workbook.get_sheet_by_name(name)
                rows, error_texts = _sheet_rows(sheet)
            except (pc.CalamineError, pc.XmlError, ValueError) as error:
                raise _fail(
                    N_("workbook.corrupt"), file, detail=f"{name}: {str(error)[:200]}"
                ) from None
            merged = tuple(
                (start[0], start[1], end[0], end[1])
                for start, end in (sheet.merged_cell_ranges or [])
            )
            sheets.append((name, rows, merged, error_texts))
        extra = pending.result()
    grids = []
    for name, rows, merged, error_texts in sheets:
        hidden, formulas, errors = extra.get(name, (frozenset(), {}, {}))
        for (r, c), text in errors.items():
            if r < len(rows) and c < len(rows[r]) and rows[r][c] in ("", None):
                rows[r] = (*rows[r][:c], text, *rows[r][c + 1 :])
        grids.append(
            Grid(
                str(file),
                name,
                rows,
                merged,
                hidden,
                formulas,
                error_texts=error_texts | frozenset(errors.values()),
            )
        )
    return grids


def _errors_among(texts: Iterable[str]) -> frozenset[str]:
    """The texts that are Excel error values (``#REF!``), each distinct text looked at once."""
    from ppsp.io.cells import EXCEL_ERRORS

    return frozenset(t for t in texts if "#" in t and t.strip().upper() in EXCEL_ERRORS)


def _sheet_rows(sheet: Any) -> tuple[list[tuple[Any, ...]], frozenset[str]]:
    """The sheet's cells from A1, row by row, each distinct text one shared object.

    A sheet repeats the same texts on every line (the agency, the funding source, the unit):
    sharing them keeps a 100,000-line sheet at a fraction of the memory of one string per cell.
    Also gives the texts that are Excel error values (each distinct text looked at once).
    """
    start_row, start_column = sheet.start or (0, 0)
    end = sheet.end
    texts: dict[str, str] = {}
    share = texts.setdefault
    # tuples: a row is never changed once read, and a tuple is smaller than a list
    rows: list[tuple[Any, ...]] = [
        tuple([share(v, v) if type(v) is str else v for v in row]) for row in sheet.iter_rows()
    ]
    errors = _errors_among(texts)
    if end is None:
        return rows, errors
    # calamine's rows may begin at the first used cell rather than at A1: put them back
    if len(rows) < end[0] + 1 and start_row:
        rows[:0] = [() for _ in range(start_row)]
    width = end[1] + 1
    if start_column and rows and max(len(r) for r in rows) < width:
        pad = ("",) * start_column
        rows = [pad + r if r else r for r in rows]
    return rows, errors


_ROW_HIDDEN = re.compile(rb'<row\b[^>]*?\br="(\d+)"[^>]*?\bhidden="(?:1|true)"')
_ROW_HIDDEN_REVERSED = re.compile(rb'<row\b[^>]*?\bhidden="(?:1|true)"[^>]*?\br="(\d+)"')
_ERROR_CELL = re.compile(
    rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*?\bt="e"[^>]*>\s*(?:<f\b[^>]*?(?:/>|>[^<]*</f>))?\s*<v>([^<]*)</v>'
)
_ERROR_CELL_REVERSED = re.compile(
    rb'<c\b[^>]*?\bt="e"[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*>\s*(?:<f\b[^>]*?(?:/>|>[^<]*</f>))?\s*<v>([^<]*)</v>'
)
_FORMULA = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*>\s*<f\b[^>]*?(?:/>|>([^<]*)</f>)')


_Extras = tuple[frozenset[int], dict[tuple[int, int], str], dict[tuple[int, int], str]]


def _xlsx_extras(file: Path) -> dict[str, _Extras]:
    """Hidden rows, formulas and error cells (``#REF!``) per sheet name, read from the xlsx XML:
    calamine reports none of them (an error cell reads as empty)."""
    if not zipfile.is_zipfile(file):
        return {}
    found: dict[str, _Extras] = {}
    try:
        with zipfile.ZipFile(file) as archive:
            for name, member in _sheet_members(archive):
                hidden: set[int] = set()
                formulas: dict[tuple[int, int], str] = {}
                errors: dict[tuple[int, int], str] = {}
                for part in _whole_rows(archive, member):
                    _scan_rows(part, hidden, formulas, errors)
                found[name] = (frozenset(hidden), formulas, errors)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, zlib.error):
        return {}
    return found


_CHUNK = 1 << 20


def _whole_rows(archive: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    """A sheet's XML in pieces of about a megabyte that end after a ``</row>`` (a row is never
    cut in two), so that a large sheet is never held in memory whole."""
    rest = b""
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            data = rest + chunk
            cut = data.rfind(b"</row>")
            if cut < 0:
                rest = data
                continue
            cut += len(b"</row>")
            yield data[:cut]
            rest = data[cut:]
    if rest:
        yield rest


def _scan_rows(
    data: bytes,
    hidden: set[int],
    formulas: dict[tuple[int, int], str],
    errors: dict[tuple[int, int], str],
) -> None:
    from ppsp.domain.location import column_index

    # the patterns run only where their marker occurs (most sheets have none of them)
    if b"hidden=" in data:
        hidden.update(int(m.group(1)) - 1 for m in _ROW_HIDDEN.finditer(data))
        hidden.update(int(m.group(1)) - 1 for m in _ROW_HIDDEN_REVERSED.finditer(data))
    if b"<f" in data:
        for m in _FORMULA.finditer(data):
            text = (m.group(3) or b"").decode("utf-8", "replace")
            formulas[(int(m.group(2)) - 1, column_index(m.group(1).decode()) - 1)] = (
                "=" + _unescape(text)
            )
    if b't="e"' in data:
        for pattern in (_ERROR_CELL, _ERROR_CELL_REVERSED):
            for m in pattern.finditer(data):
                cell = (int(m.group(2)) - 1, column_index(m.group(1).decode()) - 1)
                errors[cell] = m.group(3).decode("utf-8", "replace")


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )


def _sheet_members(archive: zipfile.ZipFile) -> Iterator[tuple[str, str]]:
    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return
    targets = {
        m.group(1): m.group(2)
        for m in re.finditer(r'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels)
    }
    targets |= {
        m.group(2): m.group(1)
        for m in re.finditer(r'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)
    }
    for m in re.finditer(r'<sheet\b[^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"', workbook):
        target = targets.get(m.group(2))
        if target:
            member = target.lstrip("/") if target.startswith("/") else "xl/" + target
            yield _unescape(m.group(1)), member


def _encoding(raw: bytes, file: Path) -> str:
    """UTF-8 (with or without BOM) when the bytes are UTF-8, else Windows-1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    raise _fail(N_("workbook.encoding"), file)  # pragma: no cover - cp1252 decodes every byte


def _guess_delimiter(text: str) -> str:
    """The separator most lines agree on (title lines without any are not counted)."""
    lines = [line for line in text.splitlines()[:200] if line.strip()]  # text: the file's head
    best, best_score = ",", -1
    for candidate in (";", ",", "\t", "|"):
        counts = [line.count(candidate) for line in lines if candidate in line]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        score = counts.count(mode) * (1 + min(mode, 20))
        if score > best_score:
            best, best_score = candidate, score
    return best


def _read_csv(file: Path) -> Grid:
    raw = file.read_bytes()
    if b"\x00" in raw[:4096]:
        raise _fail(N_("workbook.not-spreadsheet"), file)
    encoding = _encoding(raw, file)
    # the separator from the first lines; the rows then read from the file as a stream
    head = raw[:65536].decode(encoding, "ignore")
    if len(raw) > 65536:
        head = head.rsplit("\n", 1)[0]  # whole lines only
    del raw
    dialect: Any
    first = head.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    if head.startswith(("#ppsp;", "#ppsp,")):  # written by ppsp: the marker names the separator
        dialect = type("PpspDialect", (csv.excel,), {"delimiter": head[5]})
    elif first.endswith("ppsp id") and first[-8:-7] in (",", ";", "\t"):
        # a clean CSV of ppsp (or a data frame's rewrite of it): its header ends with the
        # column "ppsp id", after the separator
        dialect = type("PpspDialect", (csv.excel,), {"delimiter": first[-8]})
    else:
        dialect = type("GuessedDialect", (csv.excel,), {"delimiter": _guess_delimiter(head)})
    texts: dict[str, str] = {}
    share = texts.setdefault  # each distinct text held once, as for spreadsheets
    with file.open(encoding=encoding, newline="") as stream:
        rows = [tuple(map(share, row, row)) for row in csv.reader(stream, dialect)]
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise _fail(N_("workbook.empty"), file)
    return Grid(
        str(file),
        None,
        rows,
        error_texts=_errors_among(texts),
        decimal_mark="," if dialect.delimiter == ";" else None,
    )
