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
"""

from __future__ import annotations

import json
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
