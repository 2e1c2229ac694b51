"""Scans of the spreadsheet formats other than xlsx (``.ods``, ``.xlsb``, ``.xls``) *before*
python-calamine reads them: how far each sheet's cells reach (refused over the
:class:`~ppsp.io.limits.Limits`), and what calamine does not report: hidden rows, hidden columns
and macros. (Hidden sheets of every format come from calamine's ``sheets_metadata``.)

Each scan is linear in the size of the file's content and holds at most one piece of it (a
megabyte of ``content.xml``, a record of a binary sheet), except the ``.xls`` one: an ``.xls``
is an OLE2 container that is not compressed, so a sheet stream is never larger than the file,
and it is read whole (as calamine itself does).

What calamine would allocate is what is bounded: for ``.ods``, every cell it keeps before it
trims the sheet (a repeated non-empty cell counts as often as it repeats); for ``.xlsb`` and
``.xls``, the rectangle from A1 to the farthest cell and the size an ``.xls`` sheet's
``DIMENSIONS`` record claims (calamine reserves it).

>>> found = scan_workbook(Path("missing.ods"), Limits())
>>> found.sheets, found.macros
({}, None)

Longer than 600 lines, not split this session: another change is making the scans faster, and a
split now would not merge with it; the ods, xlsb and xls scans are to go one module each once it
has landed.
"""

from __future__ import annotations

import re
import struct
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Final

import attrs

from ppsp.i18n import N_
from ppsp.io.limits import BROKEN_ZIP, BoundedStream, Limits, SheetBounds, sheet_bounds

__all__ = ["SheetScan", "WorkbookScan", "relationship_targets", "scan_workbook"]

_CHUNK: Final = 1 << 20


@attrs.define
class SheetScan:
    """What the scan of one sheet found (rows and columns 0-based, as in a grid)."""

    hidden_rows: set[int] = attrs.field(factory=set)
    #: hidden column spans, 0-based and inclusive
    hidden_columns: list[tuple[int, int]] = attrs.field(factory=list)
    bounds: SheetBounds = attrs.field(factory=SheetBounds)

    def column_text(self) -> str:
        """The hidden columns as letters (``C``, ``E:G``), at most 50 spans."""
        from ppsp.domain.location import column_letter

        spans = []
        for low, high in self.hidden_columns[:50]:
            first = column_letter(low + 1)
            spans.append(first if low == high else f"{first}:{column_letter(high + 1)}")
        return ", ".join(spans)


@attrs.define
class WorkbookScan:
    """What the scan of a workbook found: each sheet by name, and the part or stream holding
    macros (``None``: none)."""

    sheets: dict[str, SheetScan] = attrs.field(factory=dict)
    macros: str | None = None


def scan_workbook(file: Path, limits: Limits) -> WorkbookScan:
    """Scan an ``.ods``, ``.xlsb`` or ``.xls`` (told by content, not by name); any other file,
    or one too broken to scan, gives an empty scan (the reader then says what is wrong).

    :raises SpreadsheetError: a sheet over ``limits``, naming the file and the sheet
    """
    try:
        with file.open("rb") as stream:
            head = stream.read(8)
    except OSError:
        return WorkbookScan()
    if head == _OLE_MAGIC:
        return _scan_xls(file, limits)
    if not head.startswith(b"PK"):
        return WorkbookScan()
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "xl/workbook.bin" in names:
                return _scan_xlsb(archive, names, limits, str(file))
            if "content.xml" in names and "xl/workbook.xml" not in names:
                return _scan_ods(archive, names, limits, str(file))
    except BROKEN_ZIP:
        pass
    return WorkbookScan()


# --- ods -----------------------------------------------------------------------------------

_ODS_TAG: Final = re.compile(
    rb"<(/?)table:(table-row|table-cell|covered-table-cell|table-column|table)\b([^>]*?)(/?)>"
)
_ROWS_REPEATED: Final = re.compile(rb'table:number-rows-repeated="([0-9]{1,12})"')
_COLUMNS_REPEATED: Final = re.compile(rb'table:number-columns-repeated="([0-9]{1,12})"')
_ODS_HIDDEN: Final = re.compile(rb'table:visibility="(?:collapse|filter)"')
_ODS_NAME: Final = re.compile(rb'table:name="([^"]*)"')
_ODS_VALUE: Final = re.compile(rb"office:value-type=|table:formula=")
#: calamine's own caps on an ods sheet (it stops counting repeats there)
_ODS_MAX_ROWS: Final = 1_048_576
_ODS_MAX_COLUMNS: Final = 16_384


def _unescape(text: bytes) -> str:
    return (
        text.decode("utf-8", "replace")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def pieces(
    stream: BoundedStream, end_tag: bytes, start_tag: bytes | None = None
) -> Iterator[bytes]:
    """A part in pieces of about a megabyte, each cut after ``end_tag`` (or before
    ``start_tag``) or, with neither in reach, before any tag: linear (only the new bytes and
    the seam are searched), and never a tag cut in two. The xlsx rows and the ods table rows
    are both read this way."""
    rest = b""
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        data = rest + chunk
        since = max(len(rest) - len(end_tag), 0)
        end = data.rfind(end_tag, since)
        cut = end + len(end_tag) if end >= 0 else -1
        if start_tag is not None:
            cut = max(cut, data.rfind(start_tag, since))
        if cut <= 0 and len(data) > 8 * _CHUNK:
            # a row of many megabytes (or no rows at all): cut between two tags instead
            cut = data.rfind(b"<", since)
            if cut <= 0:
                cut = len(data)
        if cut <= 0:
            rest = data
            continue
        yield data[:cut]
        rest = data[cut:]
    if rest:
        yield rest


@attrs.define
class _OdsTable:
    name: str
    scan: SheetScan = attrs.field(factory=SheetScan)
    row: int = 0  # the next row's number (0-based)
    column: int = 0  # the next column element's number
    #: cells calamine holds for the rows read so far (each row element once)
    held: int = 0
    hidden_from: list[tuple[int, int]] = attrs.field(factory=list)


def _repeat(pattern: re.Pattern[bytes], attributes: bytes, cap: int) -> int:
    if b"repeated" not in attributes:
        return 1
    m = pattern.search(attributes)
    return max(1, min(int(m.group(1)), cap)) if m else 1


def _scan_ods(archive: zipfile.ZipFile, names: set[str], limits: Limits, file: str) -> WorkbookScan:
    found = WorkbookScan()
    found.macros = next(
        (n for n in sorted(names) if n.startswith(("Basic/", "Scripts/")) and n.endswith(".xml")),
        None,
    )
    table: _OdsTable | None = None
    row_repeat = 1
    row_hidden = False
    width = 0  # columns of the row being read that calamine keeps (up to its last value)
    pending = 0  # empty cells since the last value of the row
    with archive.open("content.xml") as raw:
        stream = BoundedStream(raw, limits.max_part_bytes, file, "content.xml")
        for piece in pieces(stream, b"</table:table-row>"):
            for m in _ODS_TAG.finditer(piece):
                closing, name, attributes, empty = m.groups()
                if name in (b"table-cell", b"covered-table-cell"):
                    if closing or table is None:
                        continue
                    repeat = _repeat(_COLUMNS_REPEATED, attributes, _ODS_MAX_COLUMNS)
                    if empty and _ODS_VALUE.search(attributes) is None:
                        pending += repeat  # an empty cell: kept only before a value
                    else:
                        width = min(width + pending + repeat, _ODS_MAX_COLUMNS)
                        pending = 0
                elif name == b"table-row":
                    if table is None:
                        continue
                    if not closing:
                        row_repeat = _repeat(
                            _ROWS_REPEATED, attributes, max(_ODS_MAX_ROWS - table.row, 1)
                        )
                        row_hidden = _ODS_HIDDEN.search(attributes) is not None
                        width = pending = 0
                    if closing or empty:
                        _end_ods_row(table, row_repeat, row_hidden, width, limits, file)
                        row_repeat, row_hidden, width, pending = 1, False, 0, 0
                elif name == b"table-column":
                    if closing or table is None:
                        continue
                    repeat = _repeat(_COLUMNS_REPEATED, attributes, _ODS_MAX_COLUMNS)
                    if _ODS_HIDDEN.search(attributes):
                        table.scan.hidden_columns.append((table.column, table.column + repeat - 1))
                    table.column += repeat
                elif closing:  # </table:table>
                    if table is not None:
                        _end_ods_table(table, found)
                    table = None
                elif table is None:  # <table:table ...>: a nested one counts for its parent
                    title = _ODS_NAME.search(attributes)
                    table = _OdsTable(_unescape(title.group(1)) if title else "")
                    if empty:
                        _end_ods_table(table, found)
                        table = None
    if table is not None:
        _end_ods_table(table, found)
    return found


def _end_ods_row(
    table: _OdsTable, repeat: int, hidden: bool, width: int, limits: Limits, file: str
) -> None:
    bounds = table.scan.bounds
    if hidden:
        table.hidden_from.append((table.row, repeat))
    if width:
        bounds.rows = table.row + repeat
        bounds.columns = max(bounds.columns, width)
        table.held += width
        if table.held > limits.max_cells:
            # the cells calamine holds before it trims the sheet: as many as the grid's
            held = SheetBounds(rows=bounds.rows, columns=max(table.held // bounds.rows, 1))
            sheet_bounds(held, limits, file, table.name)
            sheet_bounds(SheetBounds(rows=table.held, columns=1), limits, file, table.name)
        sheet_bounds(bounds, limits, file, table.name)
    table.row += repeat


def _end_ods_table(table: _OdsTable, found: WorkbookScan) -> None:
    height = table.scan.bounds.rows
    for start, count in table.hidden_from:
        table.scan.hidden_rows.update(range(start, min(start + count, height)))
    found.sheets.setdefault(table.name, table.scan)


# --- xlsb ----------------------------------------------------------------------------------

#: the record types calamine reads as a cell of an xlsb sheet (a blank cell is skipped)
_XLSB_CELLS: Final = frozenset(range(2, 11))
_XLSB_ROW: Final = 0x0000
_XLSB_COLUMN_INFO: Final = 0x003C
_XLSB_END_DATA: Final = 0x0092
_XLSB_SHEET: Final = 0x009C
_XLSB_END_SHEETS: Final = 0x0090


def _records(stream: BoundedStream) -> Iterator[tuple[int, bytes]]:
    """The records of a binary (BIFF12) part: a type of one or two bytes and a size of up to
    four, each of seven bits. The data of a record longer than 64 KiB is cut to its first
    64 KiB (only the head of a record is ever looked at); its rest is skipped, not held."""
    data = b""
    at = 0
    while True:
        if len(data) - at < 6:
            data = data[at:] + stream.read(_CHUNK)
            at = 0
        if at >= len(data):
            return
        try:
            kind = data[at]
            at += 1
            if kind & 0x80:
                kind = (kind & 0x7F) | ((data[at] & 0x7F) << 7)
                at += 1
            byte = data[at]
            at += 1
            size = byte & 0x7F
            shift = 7
            while byte & 0x80 and shift < 28:
                byte = data[at]
                at += 1
                size |= (byte & 0x7F) << shift
                shift += 7
        except IndexError:
            return  # a header cut short by the end of the part
        head = min(size, 1 << 16)
        while len(data) - at < head:
            more = stream.read(_CHUNK)
            if not more:
                return  # a record cut short by the end of the part
            data = data[at:] + more
            at = 0
        body = data[at : at + head]
        if at + size <= len(data):
            at += size
        else:
            left = size - (len(data) - at)
            data, at = b"", 0
            while left > 0:
                skipped = stream.read(min(left, _CHUNK))
                if not skipped:
                    break
                left -= len(skipped)
        yield kind, body


def _u32(data: bytes, at: int = 0) -> int:
    return int.from_bytes(data[at : at + 4], "little") if len(data) >= at + 4 else 0


def _wide(data: bytes, at: int) -> tuple[str, int]:
    """An XLWideString at ``at``: its text and where it ends."""
    count = _u32(data, at)
    if count == 0xFFFFFFFF:
        return "", at + 4
    end = at + 4 + 2 * count
    return data[at + 4 : end].decode("utf-16-le", "replace"), end


def relationship_targets(rels: str) -> dict[str, str]:
    """The target of each relationship id of a ``.rels`` part, whichever order its attributes
    are written in."""
    targets = {
        m.group(1): m.group(2)
        for m in re.finditer(r'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels)
    }
    targets |= {
        m.group(2): m.group(1)
        for m in re.finditer(r'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)
    }
    return targets


def _xlsb_sheets(archive: zipfile.ZipFile, limits: Limits, file: str) -> list[tuple[str, str]]:
    """The sheets of an xlsb (name, part), in order, from ``xl/workbook.bin`` and its rels."""
    try:
        rels = archive.read("xl/_rels/workbook.bin.rels").decode("utf-8", "replace")
    except KeyError:
        return []
    targets = relationship_targets(rels)
    sheets = []
    with archive.open("xl/workbook.bin") as raw:
        stream = BoundedStream(raw, limits.max_part_bytes, file, "xl/workbook.bin")
        for kind, data in _records(stream):
            if kind == _XLSB_END_SHEETS:
                break
            if kind != _XLSB_SHEET or len(data) < 12:
                continue
            relation, end = _wide(data, 8)
            name, _ = _wide(data, end)
            target = targets.get(relation)
            if target:
                part = target.lstrip("/") if target.startswith("/") else "xl/" + target
                sheets.append((name, part))
    return sheets


def _scan_xlsb(
    archive: zipfile.ZipFile, names: set[str], limits: Limits, file: str
) -> WorkbookScan:
    found = WorkbookScan()
    found.macros = next((n for n in sorted(names) if n.lower().endswith("vbaproject.bin")), None)
    for name, part in _xlsb_sheets(archive, limits, file):
        if part not in names:
            continue  # calamine says so
        scan = SheetScan()
        bounds = scan.bounds
        row = 0
        rows = columns = 0
        with archive.open(part) as raw:
            stream = BoundedStream(raw, limits.max_part_bytes, file, part)
            for kind, data in _records(stream):
                if kind in _XLSB_CELLS:
                    column = _u32(data)
                    if column >= columns:
                        columns = column + 1
                    if row >= rows:
                        rows = row + 1
                elif kind == _XLSB_ROW:
                    row = _u32(data)
                    if row > 0x0010_0000:
                        break  # calamine stops the sheet here
                    if len(data) > 11 and data[11] & 0x10:  # fDyZero: a hidden row
                        scan.hidden_rows.add(row)
                elif kind == _XLSB_COLUMN_INFO and len(data) >= 18:
                    if data[16] & 0x01:  # fHidden
                        first, last = _u32(data), _u32(data, 4)
                        if first <= last < 16_384:
                            scan.hidden_columns.append((first, last))
                elif kind == _XLSB_END_DATA:
                    break
        bounds.rows, bounds.columns = rows, columns
        sheet_bounds(bounds, limits, file, name)
        scan.hidden_rows = {r for r in scan.hidden_rows if r < rows}
        found.sheets.setdefault(name, scan)
    return found


# --- xls (OLE2, BIFF5/8) -------------------------------------------------------------------

_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE: Final = 0xFFFFFFFF
_END: Final = 0xFFFFFFFE


class _Oversized(Exception):
    """An OLE2 container that declares more than it can hold: (what, size), the size ``-1``
    for a chain of sectors that loops."""


def _ole_streams(data: bytes) -> dict[str, bytes]:
    """The streams at the top of an OLE2 container (by name), read through its FAT, or ``{}``
    when the container is broken. Every chain is followed at most as many steps as the file
    has sectors (a loop ends there).

    :raises _Oversized: the header or a directory entry declares more sectors or bytes than
        the file has (an OLE2 container is not compressed: a real one never does; calamine
        reserves what they declare)
    """
    # Long: the OLE2 directory walk with every bound checked in the loop that reads it (issue 15:
    # a looping sector chain is refused here); one loop, read top to bottom.
    if len(data) < 512:
        return {}
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        return {}
    size = 1 << shift
    sectors = (len(data) - 512) // size + 1
    (fat_count, directory, _, cutoff, minifat, minifat_count, difat, difat_count) = (
        struct.unpack_from("<IIIIIIII", data, 0x2C)
    )
    for what, declared in (
        ("FAT", fat_count * size),
        ("mini FAT", minifat_count * size),
        ("DIFAT", difat_count * size),
    ):
        if declared > len(data):
            raise _Oversized(what, declared)

    def sector(n: int) -> bytes:
        return data[(n + 1) * size : (n + 2) * size]  # the header fills the first sector

    fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
    seen: set[int] = set()
    while difat < 0xFFFFFFFA:  # as calamine follows it: to the end, however long
        if difat in seen:
            raise _Oversized("DIFAT", -1)  # a loop: calamine would follow it for ever
        seen.add(difat)
        block = sector(difat)
        if len(block) < size:
            break
        entries = struct.unpack(f"<{size // 4}I", block)
        fat_sectors.extend(entries[:-1])
        difat = entries[-1]
    fat: list[int] = []
    for n in fat_sectors:
        if n >= 0xFFFFFFFC:
            continue
        block = sector(n)
        if len(block) == size:
            fat.extend(struct.unpack(f"<{size // 4}I", block))

    def chain(first: int, table: list[int], read: Callable[[int], bytes], most: int) -> bytes:
        pieces = []
        n = first
        for _ in range(most):  # a chain that loops ends after as many steps as there are sectors
            if n >= len(table):
                break
            pieces.append(read(n))
            n = table[n]
        return b"".join(pieces)

    # calamine follows the directory's chain to its end, with no bound: a loop in it is
    # memory without end
    n, seen = directory, set()
    while n != _END and n < len(fat):
        if n in seen:
            raise _Oversized("directory", -1)
        seen.add(n)
        n = fat[n]
    folder = chain(directory, fat, sector, sectors)
    entries_at = [folder[i : i + 128] for i in range(0, len(folder) - 127, 128)]
    if not entries_at:
        return {}
    root = entries_at[0]
    for entry in entries_at:  # calamine takes an entry's size by its name, whatever its type
        declared = struct.unpack_from("<Q" if size == 4096 else "<I", entry, 120)[0]
        if declared > len(data):
            title = entry[:64].decode("utf-16-le", "replace").split("\x00")[0]
            raise _Oversized(title, declared)
    mini_stream = chain(struct.unpack_from("<I", root, 116)[0], fat, sector, sectors)
    mini_fat_bytes = chain(minifat, fat, sector, min(minifat_count, sectors))
    count = len(mini_fat_bytes) // 4
    mini_fat = list(struct.unpack(f"<{count}I", mini_fat_bytes[: 4 * count]))
    minis = len(mini_stream) // 64 + 1

    def mini(n: int) -> bytes:
        return mini_stream[n * 64 : n * 64 + 64]

    streams: dict[str, bytes] = {}
    for entry in entries_at[1:]:
        length = min(struct.unpack_from("<H", entry, 64)[0], 64)
        name = entry[: max(length - 2, 0)].decode("utf-16-le", "replace")
        kind = entry[66]
        first, stream_size = struct.unpack_from("<II", entry, 116)
        if kind == 1:
            streams.setdefault(name, b"")  # a storage (a VBA project is one)
        if kind != 2:
            continue
        if stream_size < cutoff:
            body = chain(first, mini_fat, mini, minis)
        else:
            body = chain(first, fat, sector, sectors)
        streams.setdefault(name, body[:stream_size])
    return streams


_BIFF_SHEET: Final = 0x0085
_BIFF_BOF: Final = 0x0809
_BIFF_EOF: Final = 0x000A
_BIFF_FILEPASS: Final = 0x002F
_BIFF_DIMENSIONS: Final = 0x0200
_BIFF_ROW: Final = 0x0208
_BIFF_COLUMN_INFO: Final = 0x007D
_BIFF_MULRK: Final = 0x00BD
#: the record types calamine reads as a cell (row and column in their first four bytes)
_BIFF_CELLS: Final = frozenset({0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006})


def _biff(stream: bytes, at: int) -> Iterator[tuple[int, int, bytes]]:
    """The BIFF records from ``at``: (type, offset, data)."""
    while at + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, at)
        yield kind, at, stream[at + 4 : at + 4 + size]
        at += 4 + size


def _claimed(data: bytes) -> SheetBounds:
    """The rows and columns an xls ``DIMENSIONS`` record claims, counted as calamine counts
    them (in 32 bits that wrap: a first row after the last claims four billion rows)."""
    if len(data) == 14:
        first_row, end_row, first_column, end_column = struct.unpack_from("<IIHH", data)
    else:
        first_row, end_row, first_column, end_column = struct.unpack_from("<HHHH", data)
    if first_column > 0xFF or end_column < first_column:
        first_column = 0
    if end_row >= 1 and end_column >= 1:
        last_row, last_column = end_row - 1, end_column - 1
    else:
        last_row, last_column = first_row, first_column
    rows = (last_row - first_row + 1) & 0xFFFFFFFF
    columns = (last_column - first_column + 1) & 0xFFFFFFFF
    return SheetBounds(rows=rows, columns=columns)


def _scan_xls(file: Path, limits: Limits) -> WorkbookScan:
    found = WorkbookScan()
    from ppsp.io.diagnostics import SpreadsheetError

    try:
        data = file.read_bytes()
        streams = _ole_streams(data)
    except _Oversized as claim:
        what, declared = claim.args
        if declared < 0:
            raise SpreadsheetError(N_("limits.ole-loop"), file=str(file), part=what) from None
        raise SpreadsheetError(
            N_("limits.ole-size"), file=str(file), part=what, size=declared, limit=len(data)
        ) from None
    except (OSError, struct.error, ValueError, IndexError):
        return found
    found.macros = next((n for n in ("_VBA_PROJECT_CUR", "_VBA_PROJECT") if n in streams), None)
    book = streams.get("Workbook") or streams.get("Book") or b""
    sheets: list[tuple[str, int]] = []
    biff8 = True
    for kind, _, data in _biff(book, 0):
        if kind == _BIFF_BOF and len(data) >= 2 and not sheets:
            biff8 = struct.unpack_from("<H", data)[0] >= 0x0600
        elif kind == _BIFF_FILEPASS:
            return found  # encrypted: calamine says so
        elif kind == _BIFF_SHEET and len(data) >= 8:
            position = struct.unpack_from("<I", data)[0]
            count = data[6]
            if biff8:
                wide = data[7] & 1
                raw = data[8 : 8 + count * (2 if wide else 1)]
                name = raw.decode("utf-16-le" if wide else "latin-1", "replace")
            else:
                name = data[7 : 7 + count].decode("cp1252", "replace")
            sheets.append((name, position))
        elif kind == _BIFF_EOF and sheets:
            break
    for name, position in sheets:
        scan = SheetScan()
        rows = columns = 0
        depth = 0
        seen_bof = False
        for kind, _, data in _biff(book, position):
            if depth:
                depth += kind == _BIFF_BOF
                depth -= kind == _BIFF_EOF
                continue
            if kind == _BIFF_BOF:
                if seen_bof:
                    depth = 1  # an embedded chart: calamine skips it
                seen_bof = True
            elif kind in _BIFF_CELLS and len(data) >= 4:
                row, column = struct.unpack_from("<HH", data)
                rows, columns = max(rows, row + 1), max(columns, column + 1)
            elif kind == _BIFF_MULRK and len(data) >= 6:
                row = struct.unpack_from("<H", data)[0]
                last = struct.unpack_from("<H", data, len(data) - 2)[0]
                rows, columns = max(rows, row + 1), max(columns, last + 1)
            elif kind == _BIFF_DIMENSIONS and len(data) in (10, 14):
                # calamine reserves the cells this record claims before it reads one
                sheet_bounds(_claimed(data), limits, str(file), name)
            elif kind == _BIFF_ROW and len(data) >= 14:
                if struct.unpack_from("<H", data, 12)[0] & 0x0020:  # fDyZero: hidden
                    scan.hidden_rows.add(struct.unpack_from("<H", data)[0])
            elif kind == _BIFF_COLUMN_INFO and len(data) >= 10:
                first, last, _, _, flags = struct.unpack_from("<HHHHH", data)
                if flags & 0x0001 and first <= last:
                    scan.hidden_columns.append((first, min(last, 16_383)))
            elif kind == _BIFF_EOF:
                break
        scan.bounds.rows, scan.bounds.columns = rows, columns
        sheet_bounds(scan.bounds, limits, str(file), name)
        scan.hidden_rows = {r for r in scan.hidden_rows if r < rows}
        found.sheets.setdefault(name, scan)
    return found
