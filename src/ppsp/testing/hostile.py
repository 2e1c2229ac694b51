"""Hostile input files, generated: zip bombs, sheets whose cells reach past Excel's last cell,
rows that never close, deep JSON, huge numbers, long CSV lines, unbalanced quotes, control
characters and markup in names.

Each generator writes one file and returns its path; ``size`` scales the big ones, so a test
writes a few megabytes and the benchmark (``benchmarks/bench_hostile.py``) the full sizes of the
attack report. :data:`HOSTILE` lists them all, by name, with the size a test uses.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = HOSTILE["json-deep"](folder, 1000)
>>> path.read_text()[:5]
'[[[[['

Longer than 600 lines on purpose: one generator per kind of hostile file, listed in
:data:`HOSTILE`; each is short and independent, and the benchmark and the tests take them from one
place.
"""

from __future__ import annotations

import json
import struct
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

__all__ = ["HOSTILE", "TEST_SIZES", "bundle_json", "write_xlsx_parts"]

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def write_xlsx_parts(
    path: Path,
    sheets: Iterable[tuple[str, str, Iterable[bytes]]],
    extra_parts: Iterable[tuple[str, bytes]] = (),
) -> Path:
    """Write an xlsx by hand: each sheet is ``(name, state, pieces of its XML body)`` (``state``
    ``visible``, ``hidden`` or ``veryHidden``; the body goes inside ``<worksheet>``), streamed
    into the zip so that a sheet of gigabytes is never held in memory."""
    listed = list(sheets)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        types = "".join(_SHEET_TYPE.format(n=n) for n in range(1, len(listed) + 1))
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(sheets=types))
        archive.writestr("_rels/.rels", _ROOT_RELS)
        book = [
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        ]
        rels = [
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        ]
        for n, (name, state, body) in enumerate(listed, start=1):
            shown = "" if state == "visible" else f' state="{state}"'
            book.append(f'<sheet name="{_escape(name)}" sheetId="{n}"{shown} r:id="rId{n}"/>')
            rels.append(
                f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/'
                f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
            )
            with archive.open(f"xl/worksheets/sheet{n}.xml", "w", force_zip64=True) as stream:
                stream.write(_SHEET_HEAD)
                for piece in body:
                    stream.write(piece)
                stream.write(b"</worksheet>")
        archive.writestr("xl/workbook.xml", "".join(book) + "</sheets></workbook>")
        archive.writestr("xl/_rels/workbook.xml.rels", "".join(rels) + "</Relationships>")
        for name, data in extra_parts:
            archive.writestr(name, data)
    return path


def _cell(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{_escape(text)}</t></is></c>'.encode()


def _table(rows: Iterable[list[str]]) -> Iterator[bytes]:
    yield b"<sheetData>"
    for r, values in enumerate(rows, start=1):
        cells = "".join(_cell(f"{chr(65 + c)}{r}", v).decode() for c, v in enumerate(values) if v)
        yield f'<row r="{r}">{cells}</row>'.encode()
    yield b"</sheetData>"


def _repeat(piece: bytes, total: int) -> Iterator[bytes]:
    block = piece * max(1, (1 << 20) // len(piece))
    written = 0
    while written < total:
        yield block
        written += len(block)


def zip_bomb(folder: Path, size: int) -> Path:
    """A sheet of ``size`` bytes of the same row, compressed hundreds of times."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    body = [b"<sheetData>", *_repeat(row, size), b"</sheetData>"]
    return write_xlsx_parts(folder / "bomb.xlsx", [("Sheet1", "visible", body)])


def unclosed_rows(folder: Path, size: int) -> Path:
    """``size`` bytes of ``<row>`` that never close."""
    body = [b"<sheetData>", *_repeat(b"<row>", size)]
    return write_xlsx_parts(folder / "unclosed.xlsx", [("Sheet1", "visible", body)])


def far_cell(folder: Path, size: int) -> Path:
    """Two cells, A1 and XFD1048576: a grid of 17 billion cells if allocated."""
    body = [
        b'<sheetData><row r="1">',
        _cell("A1", "a"),
        b'</row><row r="1048576">',
        _cell("XFD1048576", "z"),
        b"</row></sheetData>",
    ]
    return write_xlsx_parts(folder / "far.xlsx", [("Sheet1", "visible", body)])


def hidden_sheets(folder: Path, size: int) -> Path:
    """A visible, a hidden and a very hidden sheet, hidden columns, and a macro part."""
    table = [["Kegiatan", "Biaya"], ["Pembangunan IPAL", "1000000"]]
    cols = b'<cols><col min="2" max="3" width="0" hidden="1"/></cols>'
    return write_xlsx_parts(
        folder / "hidden.xlsm",
        [
            ("Data", "visible", [cols, *_table(table)]),
            ("Rahasia", "hidden", list(_table(table))),
            ("Sangat rahasia", "veryHidden", list(_table(table))),
        ],
        [("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\x00" * 512)],
    )


_CSV_HEAD = (
    "MATRIKS SSK KABUPATEN GUNUNG MAS 2024-2028;;;;;;;\n"
    "Subsektor;Kode dan Kegiatan;Biaya 2024 (Rp 000);Biaya 2025 (Rp 000);Biaya 2026 (Rp 000);"
    "Biaya 2027 (Rp 000);Biaya 2028 (Rp 000);SKPD\n"
)
_CSV_LINE = "Air Limbah;Penyediaan SPALD Setempat {n};500.000;500.000;500.000;-;-;Dinas PUPR\n"


def csv_long_line(folder: Path, size: int) -> Path:
    """A CSV whose third line is one field of ``size`` characters."""
    path = folder / "long.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(_CSV_HEAD)
        chunk = "x" * (1 << 20)
        written = 0
        while written < size:
            out.write(chunk)
            written += len(chunk)
        out.write(";1\n")
        out.write(_CSV_LINE.format(n=1))
    return path


def csv_unbalanced_quote(folder: Path, size: int) -> Path:
    """A CSV where a quote opened in the second row is never closed (``size`` bytes of rows
    after it)."""
    count = max(1, size // len(_CSV_LINE))
    text = _CSV_HEAD + 'Air Limbah;"Penyediaan IPAL;500.000;500.000;-;-;-;Dinas PUPR\n'
    text += "".join(_CSV_LINE.format(n=n) for n in range(count))
    path = folder / "quote.csv"
    path.write_text(text, encoding="utf-8")
    return path


def csv_swallowed(folder: Path, size: int) -> Path:
    """A small CSV where an unclosed quote swallows the next line into a name."""
    text = (
        _CSV_HEAD
        + _CSV_LINE.format(n=1)
        + 'Air Limbah;"Penyediaan IPAL;500.000;500.000;-;-;-;Dinas PUPR\n'
        + 'Persampahan;Pengadaan truk tinja";250.000;250.000;-;-;-;DLH\n'
        + _CSV_LINE.format(n=2)
    )
    path = folder / "swallowed.csv"
    path.write_text(text, encoding="utf-8")
    return path


def bundle_json(**names: str) -> dict[str, object]:
    """A small valid region bundle (one SSK with one activity) whose texts can be replaced."""
    activity = {
        "name": names.get("activity", "Pembangunan IPAL komunal"),
        "subsector": "air-limbah-domestik",
        "costs": [{"year": 2025, "amount": names.get("amount", "1000000")}],
    }
    return {
        "kind": "bundle",
        "region": "62.10",
        "ssk": [
            {
                "kind": "ssk",
                "region": "62.10",
                "period": "2024-2028",
                "title": names.get("title", "SSK Kabupaten Gunung Mas"),
                "activities": [activity],
            }
        ],
    }


def _write_json(folder: Path, name: str, data: object | str | bytes) -> Path:
    path = folder / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    elif isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def json_deep(folder: Path, size: int) -> Path:
    """Arrays nested ``size`` levels deep."""
    return _write_json(folder, "deep.json", "[" * size + "]" * size)


def json_money_exponent(folder: Path, size: int) -> Path:
    """A bundle whose amount is ``"1e999999999"``."""
    return _write_json(folder, "exponent.json", bundle_json(amount="1e999999999"))


def json_money_digits(folder: Path, size: int) -> Path:
    """A bundle whose amount is a string of 4,001 digits."""
    return _write_json(folder, "digits.json", bundle_json(amount="1" * 4001))


def json_number_exponent(folder: Path, size: int) -> Path:
    """A bundle with the JSON number ``1e999999999`` in it."""
    text = json.dumps(bundle_json()).replace('"year": 2025', '"year": 1e999999999')
    return _write_json(folder, "number.json", text)


def json_utf16(folder: Path, size: int) -> Path:
    """A bundle in UTF-16 (with its byte-order mark)."""
    return _write_json(folder, "utf16.json", json.dumps(bundle_json()).encode("utf-16"))


def json_bad_byte(folder: Path, size: int) -> Path:
    """A bundle with a byte that is not UTF-8 in a name."""
    text = json.dumps(bundle_json(activity="IPAL XX")).encode().replace(b"XX", b"\xff\xfe")
    return _write_json(folder, "badbyte.json", text)


def json_surrogate(folder: Path, size: int) -> Path:
    """A bundle with a lone surrogate (``\\ud800``) in a name."""
    text = json.dumps(bundle_json(activity="IPAL @")).replace("@", "\\ud800")
    return _write_json(folder, "surrogate.json", text)


def json_control(folder: Path, size: int) -> Path:
    """A bundle whose names hold ESC, BEL, CR and NUL."""
    return _write_json(
        folder,
        "control.json",
        bundle_json(
            activity="IPAL\x1b[2J\x07\r\x00 komunal", title="SSK\x1b]0;owned\x07 Gunung Mas"
        ),
    )


def json_markup(folder: Path, size: int) -> Path:
    """A bundle whose names hold HTML and Markdown markup."""
    return _write_json(
        folder,
        "markup.json",
        bundle_json(
            activity='<script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3)) `code` *b* |t|',
            title="<b>SSK</b> Gunung Mas",
        ),
    )


def json_long_text(folder: Path, size: int) -> Path:
    """A bundle whose activity name has ``size`` characters (more than an xlsx cell holds)."""
    return _write_json(folder, "longtext.json", bundle_json(activity="IPAL " + "x" * size))


def json_large(folder: Path, size: int) -> Path:
    """A bundle of about ``size`` bytes: many activities."""
    one = bundle_json()
    activity = one["ssk"][0]["activities"][0]  # type: ignore[index]
    count = max(1, size // 120)
    one["ssk"][0]["activities"] = [  # type: ignore[index]
        dict(activity, name=f"Kegiatan {n}") for n in range(count)
    ]
    return _write_json(folder, "large.json", one)


# --- the other spreadsheet formats, written by hand ------------------------------------------

_ODS_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.2">'
    "<office:automatic-styles>"
    '<style:style style:name="hidden-table" style:family="table">'
    '<style:table-properties table:display="false"/></style:style>'
    "</office:automatic-styles><office:body><office:spreadsheet>"
)
_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def ods_cell(text: str, repeat: int = 1) -> str:
    """One ods text cell (repeated ``repeat`` times across)."""
    times = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (
        f'<table:table-cell office:value-type="string"{times}>'
        f"<text:p>{_escape(text)}</text:p></table:table-cell>"
    )


def write_ods(path: Path, tables: Iterable[tuple[str, bool, Iterable[str]]]) -> Path:
    """Write an ods by hand: each table is ``(name, hidden, pieces of its XML body)`` (the
    body goes inside ``<table:table>``: columns and rows)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
        with archive.open("content.xml", "w", force_zip64=True) as stream:
            stream.write(_ODS_CONTENT.encode())
            for name, hidden, body in tables:
                style = ' table:style-name="hidden-table"' if hidden else ""
                stream.write(f'<table:table table:name="{_escape(name)}"{style}>'.encode())
                for piece in body:
                    stream.write(piece.encode())
                stream.write(b"</table:table>")
            stream.write(b"</office:spreadsheet></office:body></office:document-content>")
    return path


def _varint(number: int) -> bytes:
    out = bytearray()
    while True:
        low, number = number & 0x7F, number >> 7
        out.append(low | 0x80 if number else low)
        if not number:
            return bytes(out)


def xlsb_record(kind: int, data: bytes = b"") -> bytes:
    """One BIFF12 record of an xlsb part."""
    return _varint(kind) + _varint(len(data)) + data


def _wide(text: str) -> bytes:
    raw = text.encode("utf-16-le")
    return struct.pack("<I", len(raw) // 2) + raw


def xlsb_sheet(
    rows: Iterable[tuple[int, Iterable[tuple[int, str | float]], bool]],
    hidden_columns: Iterable[tuple[int, int]] = (),
) -> bytes:
    """An xlsb sheet part: ``rows`` as ``(row, [(column, value)], hidden)``, 0-based, and the
    hidden column spans."""
    listed = list(rows)
    last_row = max((r for r, _, _ in listed), default=0)
    body = [xlsb_record(0x81), xlsb_record(0x94, struct.pack("<IIII", 0, last_row, 0, 0))]
    spans = list(hidden_columns)
    if spans:
        body.append(xlsb_record(0x186))
        for first, last in spans:
            body.append(xlsb_record(0x3C, struct.pack("<IIIIH", first, last, 0, 0, 1)))
        body.append(xlsb_record(0x187))
    body.append(xlsb_record(0x91))
    for row, cells, hidden in listed:
        flags = bytes([0, 0x10 if hidden else 0])
        body.append(xlsb_record(0x00, struct.pack("<IIH", row, 0, 300) + flags + bytes(14)))
        for column, value in cells:
            head = struct.pack("<II", column, 0)
            if isinstance(value, str):
                body.append(xlsb_record(0x06, head + _wide(value)))
            else:
                body.append(xlsb_record(0x05, head + struct.pack("<d", value)))
    body += [xlsb_record(0x92), xlsb_record(0x82)]
    return b"".join(body)


def write_xlsb(
    path: Path,
    sheets: Iterable[tuple[str, str, bytes]],
    extra_parts: Iterable[tuple[str, bytes]] = (),
) -> Path:
    """Write an xlsb by hand: each sheet is ``(name, state, part)`` with ``state`` ``visible``,
    ``hidden`` or ``veryHidden`` and the part made by :func:`xlsb_sheet`."""
    listed = list(sheets)
    states = {"visible": 0, "hidden": 1, "veryHidden": 2}
    book = [xlsb_record(0x83), xlsb_record(0x8F)]
    rels = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    ]
    for n, (name, state, _) in enumerate(listed, start=1):
        info = struct.pack("<II", states[state], n) + _wide(f"rId{n}") + _wide(name)
        book.append(xlsb_record(0x9C, info))
        rels.append(
            f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/worksheet" Target="worksheets/sheet{n}.bin"/>'
        )
    book += [xlsb_record(0x90), xlsb_record(0x84)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="bin" ContentType="application/'
            'vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>',
        )
        archive.writestr("_rels/.rels", _ROOT_RELS.replace("workbook.xml", "workbook.bin"))
        archive.writestr("xl/workbook.bin", b"".join(book))
        archive.writestr("xl/_rels/workbook.bin.rels", "".join(rels) + "</Relationships>")
        for n, (_, _, part) in enumerate(listed, start=1):
            archive.writestr(f"xl/worksheets/sheet{n}.bin", part)
        for name, data in extra_parts:
            archive.writestr(name, data)
    return path


def _biff(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def xls_sheet(
    rows: Iterable[tuple[int, Iterable[tuple[int, str | float]], bool]],
    hidden_columns: Iterable[tuple[int, int]] = (),
    dimensions: tuple[int, int] | None = None,
) -> bytes:
    """An xls (BIFF8) sheet substream: ``rows`` as ``(row, [(column, value)], hidden)``,
    0-based; ``dimensions`` the (rows, columns) its DIMENSIONS record claims (by default,
    what the cells reach)."""
    listed = [(r, list(cells), hidden) for r, cells, hidden in rows]
    height = max((r + 1 for r, _, _ in listed), default=0)
    width = max((c + 1 for _, cells, _ in listed for c, _ in cells), default=0)
    claimed_rows, claimed_columns = dimensions or (height, width)
    body = [
        _biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0, 0, 0, 0)),
        _biff(0x0200, struct.pack("<IIHHH", 0, claimed_rows, 0, min(claimed_columns, 0xFFFF), 0)),
    ]
    for first, last in hidden_columns:
        body.append(_biff(0x007D, struct.pack("<HHHHHH", first, last, 0, 15, 0x0001, 0)))
    for row, _, hidden in listed:
        flags = 0x0100 | (0x0020 if hidden else 0)
        body.append(_biff(0x0208, struct.pack("<HHHHHHHH", row, 0, 256, 255, 0, 0, flags, 15)))
    for row, cells, _ in listed:
        for column, value in cells:
            if isinstance(value, str):
                raw = value.encode("utf-16-le")
                text = struct.pack("<HB", len(raw) // 2, 1) + raw
                body.append(_biff(0x0204, struct.pack("<HHH", row, column, 15) + text))
            else:
                body.append(_biff(0x0203, struct.pack("<HHHd", row, column, 15, value)))
    body.append(_biff(0x000A))
    return b"".join(body)


def write_xls(path: Path, sheets: Iterable[tuple[str, str, bytes]]) -> Path:
    """Write an xls by hand (an OLE2 container with a BIFF8 ``Workbook`` stream): each sheet
    is ``(name, state, substream)`` with ``state`` ``visible``, ``hidden`` or ``veryHidden``
    and the substream made by :func:`xls_sheet`."""
    listed = list(sheets)
    states = {"visible": 0, "hidden": 1, "veryHidden": 2}

    def bound(position: int, name: str, state: str) -> bytes:
        raw = name.encode("utf-16-le")
        return _biff(
            0x0085, struct.pack("<IBBBB", position, states[state], 0, len(raw) // 2, 1) + raw
        )

    head = _biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0))
    globals_size = len(head) + sum(len(bound(0, n, s)) for n, s, _ in listed) + 4
    position = globals_size
    bounds = []
    for name, state, part in listed:
        bounds.append(bound(position, name, state))
        position += len(part)
    stream = head + b"".join(bounds) + _biff(0x000A) + b"".join(p for _, _, p in listed)
    stream += bytes(max(0, 4096 - len(stream)))  # in the regular sectors, not the mini stream
    return _write_ole(path, "Workbook", stream)


def _write_ole(path: Path, name: str, stream: bytes) -> Path:
    """An OLE2 (compound file) container of 512-byte sectors holding one stream."""
    size = 512
    count = -(-len(stream) // size)
    per_fat = size // 4
    fat_sectors = -(-(count + 2) // (per_fat - 1)) if count + 2 > per_fat else 1
    directory = fat_sectors  # the FAT sectors first, then the directory, then the stream
    first = directory + 1
    fat = [0xFFFFFFFD] * fat_sectors + [0xFFFFFFFE]
    fat += [first + n + 1 for n in range(count - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (fat_sectors * per_fat - len(fat))
    difat = list(range(fat_sectors))[:109]
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack(
            "<IIIIIIIII", 0, fat_sectors, directory, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0
        )
        + struct.pack("<109I", *(difat + [0xFFFFFFFF] * (109 - len(difat))))
    )

    def entry(title: str, kind: int, child: int, start: int, length: int) -> bytes:
        raw = (title + "\x00").encode("utf-16-le") if title else b""
        return (
            raw.ljust(64, b"\x00")
            + struct.pack("<HBB", len(raw), kind, 1)
            + struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child)
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", start, length)
        )

    entries = (
        entry("Root Entry", 5, 1, 0xFFFFFFFE, 0)
        + entry(name, 2, 0xFFFFFFFF, first, len(stream))
        + entry("", 0, 0xFFFFFFFF, 0, 0) * 2
    )
    body = struct.pack(f"<{len(fat)}I", *fat) + entries + stream.ljust(count * size, b"\x00")
    path.write_bytes(header + body)
    return path


_TABLE = [["Kegiatan", "Biaya"], ["Pembangunan IPAL", "1000000"], ["Truk tinja", "500000"]]


def _ods_rows(rows: Iterable[list[str]], hidden: Iterable[int] = ()) -> Iterator[str]:
    hide = set(hidden)
    for r, values in enumerate(rows):
        shown = ' table:visibility="collapse"' if r in hide else ""
        yield f"<table:table-row{shown}>" + "".join(map(ods_cell, values)) + "</table:table-row>"


def ods_far_cell(folder: Path, size: int) -> Path:
    """An ods whose two cells are A1 and XFD1048576 (empty rows and cells repeated between)."""
    body = [
        "<table:table-row>" + ods_cell("a") + "</table:table-row>",
        '<table:table-row table:number-rows-repeated="1048574">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>',
        '<table:table-row><table:table-cell table:number-columns-repeated="16383"/>'
        + ods_cell("z")
        + "</table:table-row>",
    ]
    return write_ods(folder / "far.ods", [("Sheet1", False, body)])


def ods_repeated(folder: Path, size: int) -> Path:
    """An ods of under a kilobyte whose one row of 16,384 repeated texts repeats 100,000
    times: 1.6 billion cells once expanded."""
    body = [
        '<table:table-row table:number-rows-repeated="100000">'
        + ods_cell("x", 16_384)
        + "</table:table-row>"
    ]
    return write_ods(folder / "repeated.ods", [("Sheet1", False, body)])


def ods_hidden(folder: Path, size: int) -> Path:
    """An ods with a hidden sheet, a hidden (collapsed) column and a hidden row, and a macro."""
    columns = '<table:table-column/><table:table-column table:visibility="collapse"/>'
    path = write_ods(
        folder / "hidden.ods",
        [
            ("Data", False, [columns, *_ods_rows(_TABLE, hidden=[2])]),
            ("Rahasia", True, list(_ods_rows(_TABLE))),
        ],
    )
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("Basic/Standard/Module1.xml", "<script:module/>")
    return path


def _binary_rows(
    rows: Iterable[list[str]], hidden: Iterable[int] = ()
) -> list[tuple[int, list[tuple[int, str | float]], bool]]:
    hide = set(hidden)
    return [
        (r, [(c, float(v) if v.isdigit() else v) for c, v in enumerate(values)], r in hide)
        for r, values in enumerate(rows)
    ]


def xlsb_far_cell(folder: Path, size: int) -> Path:
    """An xlsb whose two cells are A1 and XFD1048576."""
    part = xlsb_sheet([(0, [(0, "a")], False), (1_048_575, [(16_383, "z")], False)])
    return write_xlsb(folder / "far.xlsb", [("Sheet1", "visible", part)])


def xlsb_hidden(folder: Path, size: int) -> Path:
    """An xlsb with a hidden and a very hidden sheet, hidden columns, a hidden row, macros."""
    return write_xlsb(
        folder / "hidden.xlsb",
        [
            ("Data", "visible", xlsb_sheet(_binary_rows(_TABLE, hidden=[2]), [(2, 3)])),
            ("Rahasia", "hidden", xlsb_sheet(_binary_rows(_TABLE))),
            ("Sangat rahasia", "veryHidden", xlsb_sheet(_binary_rows(_TABLE))),
        ],
        [("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\x00" * 512)],
    )


def xls_far_cell(folder: Path, size: int) -> Path:
    """An xls whose two cells are A1 and the last cell BIFF8 can address (65,536 x 65,536)."""
    part = xls_sheet([(0, [(0, "a")], False), (65_535, [(65_535, "z")], False)])
    return write_xls(folder / "far.xls", [("Sheet1", "visible", part)])


def xls_dimensions(folder: Path, size: int) -> Path:
    """An xls of one cell whose DIMENSIONS record claims 1,048,576 rows by 65,535 columns
    (calamine reserves that before it reads a cell)."""
    part = xls_sheet([(0, [(0, "a")], False)], dimensions=(1_048_576, 65_535))
    return write_xls(folder / "dimensions.xls", [("Sheet1", "visible", part)])


def xls_hidden(folder: Path, size: int) -> Path:
    """An xls with a hidden and a very hidden sheet, hidden columns and a hidden row."""
    return write_xls(
        folder / "hidden.xls",
        [
            ("Data", "visible", xls_sheet(_binary_rows(_TABLE, hidden=[2]), [(2, 3)])),
            ("Rahasia", "hidden", xls_sheet(_binary_rows(_TABLE))),
            ("Sangat rahasia", "veryHidden", xls_sheet(_binary_rows(_TABLE))),
        ],
    )


#: Every hostile input by name, each ``(folder, size) -> path``; the size a test uses
#: comes with it in :data:`TEST_SIZES`.
HOSTILE: dict[str, Callable[[Path, int], Path]] = {
    "xlsx-zip-bomb": zip_bomb,
    "xlsx-unclosed-rows": unclosed_rows,
    "xlsx-far-cell": far_cell,
    "xlsx-hidden": hidden_sheets,
    "csv-long-line": csv_long_line,
    "csv-unbalanced-quote": csv_unbalanced_quote,
    "csv-swallowed": csv_swallowed,
    "json-deep": json_deep,
    "json-money-exponent": json_money_exponent,
    "json-money-digits": json_money_digits,
    "json-number-exponent": json_number_exponent,
    "json-utf16": json_utf16,
    "json-bad-byte": json_bad_byte,
    "json-surrogate": json_surrogate,
    "json-control": json_control,
    "json-markup": json_markup,
    "json-long-text": json_long_text,
    "json-large": json_large,
    "ods-far-cell": ods_far_cell,
    "ods-repeated": ods_repeated,
    "ods-hidden": ods_hidden,
    "xlsb-far-cell": xlsb_far_cell,
    "xlsb-hidden": xlsb_hidden,
    "xls-far-cell": xls_far_cell,
    "xls-dimensions": xls_dimensions,
    "xls-hidden": xls_hidden,
}

#: The sizes the test suite uses (small, but past every default limit that applies).
TEST_SIZES: dict[str, int] = {
    "xlsx-zip-bomb": 40 << 20,
    "xlsx-unclosed-rows": 40 << 20,
    "csv-long-line": 5 << 20,
    "csv-unbalanced-quote": 100_000,
    "json-deep": 100_000,
    "json-long-text": 100_000,
    "json-large": 1 << 20,
}
