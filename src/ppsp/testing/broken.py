"""Hypothesis strategies for broken spreadsheets and CSV files: what offices really send, and
worse. Random cell types per column, shuffled and duplicated headers, merged regions across the
table, every spelling of a number, invalid dates, confusable and zero-width characters in
headers and codes, mixed encodings.

>>> from hypothesis import given, settings
>>> from ppsp.io.sheets.workbook import read_grids
>>> @settings(max_examples=5, deadline=None)
... @given(broken_csv_bytes())
... def test_csv_reads_or_says_why(data):
...     import tempfile, pathlib
...     from ppsp import PpspError
...     path = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
...     path.write_bytes(data)
...     try:
...         read_grids(path)
...     except PpspError:
...         pass
>>> test_csv_reads_or_says_why()
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

__all__ = [
    "broken_cells",
    "broken_csv_bytes",
    "broken_tables",
    "broken_workbook",
    "number_spellings",
]

#: Headers of real SSK, RKPD and DPA tables (a sample), to shuffle, repeat and disguise.
HEADERS = (
    "No",
    "Subsektor",
    "Kode",
    "Kode dan Kegiatan",
    "Program/Kegiatan/Sub Kegiatan",
    "Indikator",
    "Target",
    "Satuan",
    "Lokasi",
    "Pagu Indikatif (Rp)",
    "Biaya 2025 (Rp 000)",
    "Indikasi Biaya (Rp. Juta)",
    "Sumber Dana",
    "Perangkat Daerah",
    "SKPD",
    "Keterangan",
    "Tahun 1",
    "Total",
)

# letters that look alike (Cyrillic, Greek, fullwidth) and characters that show as nothing
_CONFUSABLE = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "K": "Κ", "1": "１", "0": "Ｏ"}
_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u00a0", "\u202f")


@st.composite
def _disguised(draw: st.DrawFn, text: str) -> str:
    """``text`` with some letters swapped for look-alikes and invisible characters put in."""
    chars = list(text)
    for index in draw(st.lists(st.integers(0, max(len(chars) - 1, 0)), max_size=3)):
        if chars and chars[index] in _CONFUSABLE and draw(st.booleans()):
            chars[index] = _CONFUSABLE[chars[index]]
        else:
            chars.insert(index, draw(st.sampled_from(_INVISIBLE)))
    joined = "".join(chars)
    return str(draw(st.sampled_from([joined, joined.upper(), joined.lower(), f"  {joined} "])))


def number_spellings() -> st.SearchStrategy[Any]:
    """A number as offices write it: Indonesian and English grouping, sen, ``Rp``, units
    (``juta``, ``M``), brackets or a trailing minus, ``-`` for zero, scientific notation,
    percentages, floats, and text that only looks like a number."""
    whole = st.integers(min_value=0, max_value=10**13)
    return st.one_of(
        whole.map(lambda n: f"{n:,}".replace(",", ".")),
        whole.map(lambda n: f"{n:,}"),
        whole.map(lambda n: f"Rp {n:,},00".replace(",", ".").replace(".00", ",00")),
        whole.map(lambda n: f"Rp. {n:,}".replace(",", ".") + ",-"),
        st.integers(0, 9999).map(lambda n: f"{n / 100:.2f}".replace(".", ",") + " M"),
        st.integers(0, 9999).map(lambda n: f"{n} juta"),
        whole.map(lambda n: f"({n:,})".replace(",", ".")),
        whole.map(lambda n: f"{n}-"),
        st.sampled_from(["-", "–", "—", "", " ", "nihil", "n/a", "#REF!", "#VALUE!", "?"]),
        st.sampled_from(["1e999999999", "1E+28", "9" * 40, "1.2.3,4", "1,2,3.4", "0x1F"]),
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.integers(0, 100).map(lambda n: f"{n},5 %"),
    )


def _dates() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
        st.sampled_from(["31/02/2025", "2025-13-01", "00-00-0000", "32 Januari 2025", "2025"]),
        st.integers(-1000, 3_000_000),  # Excel serial numbers, some impossible
    )


def broken_cells() -> st.SearchStrategy[Any]:
    """One cell of any type: text (with look-alikes and invisible characters), a number in any
    spelling, a date or an impossible one, a boolean, an Excel error, a code, nothing."""
    codes = st.sampled_from(
        ["1.03.05.2.01.0039", "1.03.05", "1 .03.05.2.01", "X.XX.05", "1.03.05.2.01.9999"]
    )
    return st.one_of(
        st.none(),
        st.booleans(),
        number_spellings(),
        _dates(),
        codes.flatmap(_disguised),
        st.text(max_size=30),
        st.sampled_from(HEADERS).flatmap(_disguised),
        st.sampled_from(["=SUM(A1:A3)", "+1", "@x", "\t", "\r\n", "\x1b[2J", "<script>"]),
    )


@st.composite
def broken_tables(draw: st.DrawFn, max_rows: int = 12) -> list[list[Any]]:
    """A table: a title row or two, a header row of shuffled, repeated and disguised headers,
    then rows whose columns each draw their own type of cell."""
    width = draw(st.integers(min_value=1, max_value=10))
    headers = draw(
        st.lists(st.sampled_from(HEADERS).flatmap(_disguised), min_size=width, max_size=width)
    )
    if width > 1 and draw(st.booleans()):
        headers[-1] = headers[0]  # a duplicated header
    titles = draw(
        st.lists(
            st.sampled_from(
                [
                    "MATRIKS PROGRAM DAN KEGIATAN SSK KABUPATEN GUNUNG MAS TAHUN 2024-2028",
                    "RKPD KABUPATEN GUNUNG MAS TAHUN 2025",
                    "DPA SKPD DINAS PUPR 2025",
                    "",
                ]
            ),
            max_size=2,
        )
    )
    rows: list[list[Any]] = [[t, *[None] * (width - 1)] for t in titles]
    rows.append(list(headers))
    count = draw(st.integers(min_value=0, max_value=max_rows))
    columns = [broken_cells() for _ in range(width)]
    for _ in range(count):
        rows.append([draw(column) for column in columns])
    return rows


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


@st.composite
def broken_csv_bytes(draw: st.DrawFn) -> bytes:
    """A CSV file as bytes: a broken table with any separator, quotes (some unbalanced), line
    ends, and an encoding that may change halfway (UTF-8, Windows-1252, UTF-16, a BOM)."""
    rows = draw(broken_tables())
    delimiter = draw(st.sampled_from([";", ",", "\t", "|"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines = []
    for row in rows:
        cells = []
        for value in row:
            text = _csv_cell(value)
            quote = draw(st.sampled_from(["", "", '"', "open", "close"]))
            if quote == '"':
                text = '"' + text.replace('"', '""') + '"'
            elif quote == "open":
                text = '"' + text
            elif quote == "close":
                text = text + '"'
            cells.append(text)
        lines.append(delimiter.join(cells))
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "mixed"]))
    if encoding == "mixed":
        half = len(text) // 2
        return text[:half].encode("utf-8", "replace") + text[half:].encode("cp1252", "replace")
    return text.encode(encoding, "replace")


@st.composite
def broken_workbook(draw: st.DrawFn, folder: Path) -> Path:
    """An xlsx written into ``folder``: one to three sheets of broken tables, merged regions
    across them (some over the header), hidden rows, columns and sheets."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for number in range(draw(st.integers(min_value=1, max_value=3))):
        sheet = book.create_sheet(f"Sheet{number + 1}")
        rows = draw(broken_tables(max_rows=8))
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, str):
                    value = "".join(ch for ch in value if ch >= " " or ch in "\t\n\r")
                if isinstance(value, float) and value != value:
                    value = None
                if isinstance(value, float) and value in (float("inf"), float("-inf")):
                    value = str(value)
                if isinstance(value, int) and abs(value) > 10**15:
                    value = str(value)
                sheet.cell(r, c, value)
        height = len(rows)
        width = max(map(len, rows))
        for _ in range(draw(st.integers(min_value=0, max_value=3))):
            top = draw(st.integers(1, height))
            left = draw(st.integers(1, width))
            bottom = draw(st.integers(top, height))
            right = draw(st.integers(left, width))
            if (top, left) != (bottom, right):
                with contextlib.suppress(ValueError):
                    sheet.merge_cells(
                        start_row=top, start_column=left, end_row=bottom, end_column=right
                    )
        if draw(st.booleans()):
            sheet.row_dimensions[draw(st.integers(1, height))].hidden = True
        if draw(st.booleans()):
            sheet.column_dimensions[get_column_letter(draw(st.integers(1, width)))].hidden = True
        if number and draw(st.booleans()):
            sheet.sheet_state = draw(st.sampled_from(["hidden", "veryHidden"]))
    path = folder / f"broken-{draw(st.integers(0, 10**9))}.xlsx"
    book.save(path)
    return path
