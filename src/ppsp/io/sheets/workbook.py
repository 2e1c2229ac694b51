"""Reading spreadsheet files into plain grids of cell values, with what Excel adds around them.

A :class:`Grid` is one sheet: its cell values (as python-calamine reads them: text, numbers,
dates, booleans), its merged ranges, its hidden rows and the formulas of its cells (xlsx).
CSV files are one grid each (``;``/``,``/tab, UTF-8 with or without BOM, Windows-1252).

Nothing here interprets a table; :mod:`ppsp.io.sheets.tables` does.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs

from ppsp.domain import diagnostics as diag
from ppsp.domain.location import SourceLocation
from ppsp.i18n import N_
from ppsp.io.diagnostics import Diagnostic, SpreadsheetError
from ppsp.io.limits import (
    BROKEN_ZIP,
    BoundedStream,
    Limits,
    SheetBounds,
    check_zip,
    current_limits,
    sheet_bounds,
)
from ppsp.io.sheets.sheet_scan import (
    SheetScan,
    WorkbookScan,
    pieces,
    relationship_targets,
    scan_workbook,
)

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
    #: what reading the sheet noticed that the auditor must see (a hidden sheet or column,
    #: macros, an unbalanced CSV quote), each naming its place
    notes: tuple[Diagnostic, ...] = attrs.field(default=(), eq=False, repr=False)
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
    return _read_spreadsheet(file, current_limits())


def _read_spreadsheet(file: Path, limits: Limits) -> list[Grid]:
    import python_calamine as pc

    # the zip directory first: calamine never inflates a part over the limits
    check_zip(file, limits)
    # an ods, xlsb or xls is scanned whole before calamine opens it (calamine reads every
    # sheet of an ods or xls when it opens the file); an xlsx below, sheet by sheet
    scan = scan_workbook(file, limits)
    # the XML scan for what calamine does not report (and for how far the cells reach) runs
    # while calamine reads the workbook's directory and shared strings: both spend their time
    # in native code that releases the GIL; no sheet is read before the scan has bounded it
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(_xlsx_extras, file, limits)
        try:
            workbook = pc.CalamineWorkbook.from_path(str(file))
        except pc.PasswordError:
            pending.result()  # a limit refused by the scan is said first
            raise _fail(N_("workbook.protected"), file) from None
        except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError, OSError) as error:
            pending.result()
            raise _fail(N_("workbook.corrupt"), file, detail=str(error)[:200]) from None
        except BaseException as error:
            pending.cancel()
            if _is_panic(error):  # a Rust panic in calamine: the file is what it cannot read
                raise _fail(N_("workbook.corrupt"), file, detail=str(error)[:200]) from None
            raise
        extra, book_notes = pending.result()
        book_notes = (*book_notes, *_scan_notes(file, scan))  # an ods, xlsb or xls's macros
        states = _visibility(workbook)
        sheets = []
        for name in workbook.sheet_names:
            try:
                sheet = workbook.get_sheet_by_name(name)
                rows, error_texts = _sheet_rows(sheet)
            except BaseException as error:
                if not isinstance(
                    error, pc.CalamineError | pc.XmlError | ValueError | OSError
                ) and not _is_panic(error):
                    raise
                raise _fail(
                    N_("workbook.corrupt"), file, detail=f"{name}: {str(error)[:200]}"
                ) from None
            merged = tuple(
                (start[0], start[1], end[0], end[1])
                for start, end in (sheet.merged_cell_ranges or [])
            )
            sheets.append((name, rows, merged, error_texts))
    grids = []
    for number, (name, rows, merged, error_texts) in enumerate(sheets):
        found = extra.get(name)
        hidden, formulas, errors = found[:3] if found else (frozenset(), {}, {})
        notes = (*(book_notes if number == 0 else ()), *(found[3] if found else ()))
        scanned = scan.sheets.get(name)
        if scanned is not None:
            hidden = frozenset(scanned.hidden_rows)
        if found is None:  # not an xlsx: hidden sheets from calamine, columns from the scan
            notes = (*notes, *_sheet_notes(file, name, scanned or SheetScan(), states))
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
                notes=notes,
            )
        )
    return grids


def _is_panic(error: BaseException) -> bool:
    """Whether ``error`` is a Rust panic inside python-calamine (pyo3's ``PanicException``,
    which derives from ``BaseException`` and cannot be imported by name)."""
    return type(error).__name__ == "PanicException"


def _scan_notes(file: Path, scan: WorkbookScan) -> tuple[Diagnostic, ...]:
    """The notes of an ods, xlsb or xls for the whole book: its macros."""
    if scan.macros is None:
        return ()
    return (_note(diag.MACROS, file, None, part=scan.macros),)


def _visibility(workbook: Any) -> dict[str, str]:
    """Each sheet's state (``visible``, ``hidden``, ``veryHidden``) as calamine reads it, for
    every format."""
    import python_calamine as pc

    def word(state: Any) -> str:
        if state == pc.SheetVisibleEnum.Hidden:
            return "hidden"
        return "veryHidden" if state == pc.SheetVisibleEnum.VeryHidden else "visible"

    try:
        return {m.name: word(m.visible) for m in workbook.sheets_metadata}
    except (pc.CalamineError, ValueError, AttributeError, OSError):
        return {}


def _sheet_notes(
    file: Path, name: str, scanned: SheetScan, states: dict[str, str]
) -> tuple[Diagnostic, ...]:
    """The notes of one sheet of an ods, xlsb or xls: hidden (from calamine's metadata) and
    its hidden columns (from the scan)."""
    notes = []
    state = states.get(name)
    if state == "hidden":
        notes.append(_note(diag.HIDDEN_SHEET, file, name))
    elif state == "veryHidden":
        notes.append(_note(diag.HIDDEN_SHEET, file, name, N_("diagnostic.very-hidden-sheet")))
    if scanned.hidden_columns:
        notes.append(_note(diag.HIDDEN_COLUMNS, file, name, columns=scanned.column_text()))
    return tuple(notes)


def _errors_among(texts: Iterable[str]) -> frozenset[str]:
    """The texts that are Excel error values (``#REF!``), each distinct text looked at once."""
    from ppsp.io.sheets.cells import EXCEL_ERRORS

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


_Extras = tuple[
    frozenset[int],
    dict[tuple[int, int], str],
    dict[tuple[int, int], str],
    tuple[Diagnostic, ...],
]
_HIDDEN_COLUMNS = re.compile(rb"<(?:\w+:)?col\b[^>]*?\bhidden=\"(?:1|true)\"[^>]*>")
_COLUMN_SPAN = re.compile(rb'\b(min|max)="([0-9]{1,5})"')


def _note(
    code: diag.DiagnosticCode, file: Path, sheet: str | None, key: str | None = None, **params: Any
) -> Diagnostic:
    where = SourceLocation.trusted(str(file), sheet, None, None, None)
    return code.at(where, params, key=key)


def _xlsx_extras(file: Path, limits: Limits) -> tuple[dict[str, _Extras], tuple[Diagnostic, ...]]:
    """Hidden rows, formulas and error cells (``#REF!``) per sheet name, read from the xlsx XML:
    calamine reports none of them (an error cell reads as empty). Also what must not be
    hidden from the auditor (hidden sheets and columns, macros), and how far each sheet's
    cells reach, refused when over ``limits`` before calamine allocates the sheet.

    :raises SpreadsheetError: a sheet over the limits
    """
    if not zipfile.is_zipfile(file):
        return {}, ()
    found: dict[str, _Extras] = {}
    book_notes: list[Diagnostic] = []
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            macros = [n for n in names if n.lower().endswith("vbaproject.bin")]
            if macros:
                book_notes.append(_note(diag.MACROS, file, None, part=macros[0]))
            for name, member, state in _sheet_members(archive):
                hidden: set[int] = set()
                formulas: dict[tuple[int, int], str] = {}
                errors: dict[tuple[int, int], str] = {}
                notes: list[Diagnostic] = []
                if state in ("hidden", "veryHidden"):
                    key = N_("diagnostic.very-hidden-sheet") if state == "veryHidden" else None
                    notes.append(_note(diag.HIDDEN_SHEET, file, name, key))
                bounds = SheetBounds()
                columns: list[str] = []
                try:
                    for part in _whole_rows(archive, member, limits, str(file)):
                        bounds.update(part)
                        if not columns and b"hidden=" in part and b"col" in part:
                            columns = _hidden_columns(part)
                        _scan_rows(part, hidden, formulas, errors)
                except KeyError:
                    continue  # a sheet the workbook names but the zip lacks: calamine says so
                sheet_bounds(bounds, limits, str(file), name)
                if columns:
                    notes.append(_note(diag.HIDDEN_COLUMNS, file, name, columns=", ".join(columns)))
                found[name] = (frozenset(hidden), formulas, errors, tuple(notes))
    except BROKEN_ZIP:
        return {}, ()
    return found, tuple(book_notes)


def _hidden_columns(data: bytes) -> list[str]:
    """The hidden columns of a sheet's ``<cols>`` (``C``, ``E:G``)."""
    from ppsp.domain.location import column_letter

    spans = []
    for m in _HIDDEN_COLUMNS.finditer(data):
        bounds = {k.decode(): int(v) for k, v in _COLUMN_SPAN.findall(m.group())}
        low = bounds.get("min", 0)
        high = bounds.get("max", low)
        if not 1 <= low <= high <= 16_384:
            continue
        first = column_letter(low)
        spans.append(first if low == high else f"{first}:{column_letter(high)}")
    return spans[:50]


_CHUNK = 1 << 20


def _whole_rows(
    archive: zipfile.ZipFile, member: str, limits: Limits, file: str
) -> Iterator[bytes]:
    """A sheet's XML in pieces of about a megabyte that end between two rows (a row is never
    cut in two) or, in a row longer than a piece, between two tags, so that a large sheet is
    never held in memory whole. Linear: each byte is looked at a bounded number of times.

    :raises SpreadsheetError: the part unpacks larger than ``limits`` allow (whatever its zip
        directory entry says)
    """
    with archive.open(member) as raw:
        yield from pieces(
            BoundedStream(raw, limits.max_part_bytes, file, member), b"</row>", b"<row"
        )


def _scan_rows(
    data: bytes,
    hidden: set[int],
    formulas: dict[tuple[int, int], str],
    errors: dict[tuple[int, int], str],
) -> None:
    from ppsp.io.limits import _column_number as column_number

    def column_index(letters: str) -> int:
        return column_number(letters.encode())

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


def _sheet_members(archive: zipfile.ZipFile) -> Iterator[tuple[str, str, str]]:
    try:
        workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return
    targets = relationship_targets(rels)
    for tag in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        text = tag.group()
        name = re.search(r'\bname="([^"]+)"', text)
        rid = re.search(r'\br:id="([^"]+)"', text)
        if name is None or rid is None:
            continue
        state = re.search(r'\bstate="([^"]+)"', text)
        target = targets.get(rid.group(1))
        if target:
            member = target.lstrip("/") if target.startswith("/") else "xl/" + target
            yield _unescape(name.group(1)), member, state.group(1) if state else "visible"


def _sniff(file: Path) -> tuple[bytes, str, int]:
    """The file's first 64 KiB, its encoding (UTF-8 with or without BOM when every byte is
    UTF-8, else Windows-1252) and its number of quote characters, read in pieces of a megabyte:
    a file of any size is never held whole."""
    import codecs

    head = b""
    quotes = 0
    candidates = {name: codecs.getincrementaldecoder(name)() for name in ("utf-8-sig", "cp1252")}
    with file.open("rb") as stream:
        while True:
            chunk = stream.read(_CHUNK)
            final = not chunk
            if len(head) < 65536:
                head += chunk[: 65536 - len(head)]
            quotes += chunk.count(b'"')
            for name, decoder in list(candidates.items()):
                try:
                    decoder.decode(chunk, final=final)
                except UnicodeDecodeError:
                    del candidates[name]
            if final:
                break
    if not candidates:
        raise _fail(N_("workbook.encoding"), file)
    return head, next(iter(candidates)), quotes


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
    with file.open("rb") as stream:
        if b"\x00" in stream.read(4096):
            raise _fail(N_("workbook.not-spreadsheet"), file)
    raw, encoding, quotes = _sniff(file)
    # the separator from the first lines; the rows then read from the file as a stream
    head = raw.decode(encoding, "ignore")
    if len(raw) == 65536:
        head = head.rsplit("\n", 1)[0]  # whole lines only
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
    limit = current_limits().max_csv_field
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)
    rows: list[tuple[str, ...]] = []
    notes: list[Diagnostic] = []
    delimiter: str = dialect.delimiter
    with file.open(encoding=encoding, newline="") as stream:
        lines = _bounded_lines(stream, limit, file)
        reader = csv.reader(lines, dialect)
        start = 1
        try:
            for row in reader:
                rows.append(tuple(map(share, row, row)))
                if reader.line_num > start:  # a quoted field went on over a line break
                    notes.extend(_multiline_notes(file, row, start, reader.line_num, delimiter))
                start = reader.line_num + 1
        except csv.Error as error:
            if "field limit" in str(error):
                raise _fail(N_("workbook.csv-field"), file, row=start, limit=limit) from None
            raise _fail(
                N_("workbook.csv-error"), file, row=start, detail=str(error)[:200]
            ) from None
    if quotes % 2:
        # an opening quote never closed: the reader took everything after it as one field
        notes.append(
            _csv_note(diag.CSV_UNBALANCED_QUOTE, file, _last_multiline(notes, start), None)
        )
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise _fail(N_("workbook.empty"), file)
    return Grid(
        str(file),
        None,
        rows,
        error_texts=_errors_among(texts),
        notes=tuple(notes),
        decimal_mark="," if dialect.delimiter == ";" else None,
    )


def _bounded_lines(stream: Any, limit: int, file: Path) -> Iterator[str]:
    """The lines of a text stream, each read with a bound: a line longer than ``limit``
    characters is refused naming its line number, before it is held whole."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(("\n", "\r")):
            raise _fail(N_("workbook.csv-field"), file, row=number, limit=limit)
        yield line


def _csv_note(
    code: diag.DiagnosticCode, file: Path, row: int, column: int | None, **params: Any
) -> Diagnostic:
    from ppsp.domain.location import column_letter

    letter = column_letter(column + 1) if column is not None and column < 16_384 else None
    where = SourceLocation.trusted(str(file), None, row, letter, None)
    return code.at(where, params)


def _multiline_notes(
    file: Path, row: Sequence[str], start: int, end: int, delimiter: str
) -> Iterator[Diagnostic]:
    """A field that runs over line breaks and holds the separator after one: most likely an
    unclosed quote that swallowed the lines after it, said so naming the row and the column."""
    for column, cell in enumerate(row):
        if "\n" not in cell and "\r" not in cell:
            continue
        after = cell.split("\n", 1)[-1]
        if delimiter in after or '"' in after:
            yield _csv_note(diag.CSV_SWALLOWED_LINES, file, start, column, lines=end - start + 1)


def _last_multiline(notes: Sequence[Diagnostic], last_row: int) -> int:
    for note in reversed(notes):
        if note.code == "csv-swallowed-lines" and note.location and note.location.row:
            return note.location.row
    return max(last_row - 1, 1)
