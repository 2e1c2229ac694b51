"""Hostile input: every generated attack gives a PpspError (exit 2) or a result, never another
exception (exit 3) and never a traceback; limits are checked before the expensive step; what a
file hides is said; output is safe and the same bytes every time."""

from __future__ import annotations

import contextlib
import io
import json
import re
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ppsp import PpspError
from ppsp.cli import main, terminal_safe
from ppsp.errors import JsonError
from ppsp.io import limits as limits_module
from ppsp.io.diagnostics import SpreadsheetError
from ppsp.io.json import loads
from ppsp.io.limits import Limits, check_json_text, set_limits
from ppsp.io.sheets import workbook
from ppsp.io.sheets.importer import read_bundle, read_file
from ppsp.io.sheets.workbook import read_grids
from ppsp.testing.hostile import HOSTILE, TEST_SIZES

# smaller than the benchmark's, past every default limit that applies
_SIZES = {
    **TEST_SIZES,
    "csv-unbalanced-quote": 5_000,
    "json-large": 50_000,
    "json-long-text": 40_000,
}
_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202e]")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return {name: make(folder, _SIZES.get(name, 0)) for name, make in HOSTILE.items()}


@pytest.fixture
def fresh_limits() -> Iterator[None]:
    previous = set_limits(Limits())
    yield
    set_limits(previous)


def _commands(name: str, path: Path, out: Path) -> list[list[str]]:
    today = ["--today", "2025-06-01", "--generated-at", "2025-06-01T00:00:00Z"]
    if path.suffix == ".json":
        formats = ["text", "json", "md", "xlsx", "html"]
        if name not in ("json-control", "json-markup", "json-long-text", "json-surrogate"):
            formats = ["text"]
        commands = [
            ["check", str(path), "--format", f, "-o", str(out / f"{name}.{f}"), *today]
            for f in formats
            if f != "text"
        ]
        if "text" in formats:
            commands.append(["check", str(path), *today])
        commands += [
            ["export", str(path), "--to", to, "-o", str(out / f"{name}-{to}")]
            for to in ("xlsx", "csv", "json")
        ]
        return commands
    return [["import", str(path)], ["check", str(path), *today]]


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_every_command_gives_a_ppsp_error_or_a_result(
    name: str,
    hostile: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fresh_limits: None,
) -> None:
    path = hostile[name]
    for command in _commands(name, path, tmp_path):
        code = main(command)
        captured = capsys.readouterr()
        assert code in (0, 1, 2), (command, captured.err[-2000:])
        assert "Traceback" not in captured.err
        # nothing from the file reaches the terminal as a control character
        assert not _RAW_CONTROL.search(captured.out + captured.err), command
        if code == 2:
            assert captured.err.startswith("ppsp: "), captured.err


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_every_public_reader_raises_only_ppsp_errors(
    name: str, hostile: dict[str, Path], fresh_limits: None
) -> None:
    path = hostile[name]
    readers = (
        [lambda: loads(path.read_bytes()), lambda: check_json_text(path.read_bytes())]
        if path.suffix == ".json"
        else [lambda: read_grids(path), lambda: read_file(path), lambda: read_bundle([path])]
    )
    for read in readers:
        try:
            read()
        except PpspError as error:
            assert error.message("en") and error.message("id")
            assert error.message("en") != error.message("id")


def test_a_bug_is_exit_3_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import ppsp.cli.writing as schema_command

    def broken(args: object) -> int:
        raise KeyError("oops")

    monkeypatch.setattr(schema_command, "_cmd_schema", broken)
    assert main(["schema", "--lang", "en"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "bug in ppsp" in err and "KeyError" in err and "--debug" in err
    assert main(["schema", "--lang", "id"]) == 3
    assert "kesalahan program ppsp" in capsys.readouterr().err


# --- limits before the expensive step ---------------------------------------------------------


def test_zip_bomb_is_refused_from_the_zip_directory(
    hostile: dict[str, Path], fresh_limits: None
) -> None:
    with pytest.raises(SpreadsheetError) as caught:
        read_grids(hostile["xlsx-zip-bomb"])
    assert caught.value.key == "limits.ratio"
    assert caught.value.params["part"] == "xl/worksheets/sheet1.xml"
    set_limits(Limits(max_ratio=1e9, max_part_bytes=1 << 20))
    with pytest.raises(SpreadsheetError) as caught:
        read_grids(hostile["xlsx-zip-bomb"])
    assert caught.value.key == "limits.part-size"


def test_a_part_bigger_than_its_directory_entry_says_is_stopped() -> None:
    stream = limits_module.BoundedStream(io.BytesIO(b"x" * 100), 50, "f.xlsx", "sheet1.xml")
    assert stream.read(40) == b"x" * 40
    with pytest.raises(SpreadsheetError) as caught:
        stream.read(40)
    assert caught.value.params["part"] == "sheet1.xml"


def test_unclosed_rows_are_read_in_linear_pieces(
    hostile: dict[str, Path], fresh_limits: None
) -> None:
    set_limits(Limits(max_ratio=1e9))
    with pytest.raises(SpreadsheetError) as caught:  # calamine refuses the XML: one error
        read_grids(hostile["xlsx-unclosed-rows"])
    assert caught.value.key in ("workbook.corrupt", "limits.rows")


def test_a_cell_past_the_limits_is_refused_before_calamine_allocates(
    hostile: dict[str, Path], fresh_limits: None
) -> None:
    with pytest.raises(SpreadsheetError) as caught:
        read_grids(hostile["xlsx-far-cell"])
    assert caught.value.key == "limits.cells"
    assert caught.value.params["rows"] == 1_048_576
    assert caught.value.params["columns"] == 16_384
    set_limits(Limits(max_rows=1000))
    with pytest.raises(SpreadsheetError) as caught:
        read_grids(hostile["xlsx-far-cell"])
    assert caught.value.key == "limits.rows"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("ods-far-cell", "limits.cells"),
        ("ods-repeated", "limits.cells"),
        ("xlsb-far-cell", "limits.cells"),
        ("xls-far-cell", "limits.columns"),
        ("xls-dimensions", "limits.columns"),
    ],
)
def test_ods_xlsb_and_xls_are_bounded_before_calamine_reads_them(
    name: str, key: str, hostile: dict[str, Path], fresh_limits: None
) -> None:
    # each of these makes calamine abort the process (a failed allocation) or refuse past
    # its own cap (100 million ods cells) after it has allocated them: the scan comes first
    with pytest.raises(SpreadsheetError) as caught:
        read_grids(hostile[name])
    assert caught.value.key == key
    assert caught.value.params["sheet"] == "Sheet1"
    assert caught.value.params["file"] == str(hostile[name])


def test_the_scans_bound_by_the_limits_in_force(tmp_path: Path, fresh_limits: None) -> None:
    from ppsp.testing import hostile as make

    rows = [(r, [(0, f"kegiatan {r}"), (1, float(r))], False) for r in range(300)]
    files = [
        make.write_xlsb(tmp_path / "b.xlsb", [("Data", "visible", make.xlsb_sheet(rows))]),
        make.write_xls(tmp_path / "b.xls", [("Data", "visible", make.xls_sheet(rows))]),
        make.write_ods(
            tmp_path / "b.ods",
            [("Data", False, make._ods_rows([f"kegiatan {r}", "1"] for r in range(300)))],
        ),
    ]
    for file in files:
        assert len(read_grids(file)[0].rows) == 300
    set_limits(Limits(max_rows=299))
    for file in files:
        with pytest.raises(SpreadsheetError) as caught:
            read_grids(file)
        assert caught.value.key == "limits.rows", file
        assert caught.value.params["rows"] == 300
    set_limits(Limits(max_cells=500))
    for file in files:
        with pytest.raises(SpreadsheetError) as caught:
            read_grids(file)
        assert caught.value.key == "limits.cells", file


def test_a_real_looking_ods_with_trailing_empty_repeats_passes(
    tmp_path: Path, fresh_limits: None
) -> None:
    from ppsp.testing import hostile as make

    # how LibreOffice ends a sheet: empty cells and rows repeated to the last row and column
    body = [
        "<table:table-row>"
        + make.ods_cell("Kegiatan")
        + make.ods_cell("Biaya")
        + '<table:table-cell table:number-columns-repeated="16382"/></table:table-row>',
        '<table:table-row table:number-rows-repeated="1048575">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>',
    ]
    path = make.write_ods(tmp_path / "real.ods", [("Data", False, body)])
    assert read_grids(path)[0].rows == [("Kegiatan", "Biaya")]


def _places(grids: list[workbook.Grid]) -> set[tuple[str, str, str | None, str]]:
    return {
        (n.code, n.key, n.location.sheet if n.location else None, str(sorted(n.params.values())))
        for g in grids
        for n in g.notes
    }


@pytest.mark.parametrize("name", ["ods-hidden", "xlsb-hidden", "xls-hidden"])
def test_hidden_sheets_rows_columns_and_macros_of_every_format(
    name: str, hostile: dict[str, Path], fresh_limits: None
) -> None:
    grids = read_grids(hostile[name])
    notes = _places(grids)
    assert ("hidden-sheet", "diagnostic.hidden-sheet", "Rahasia", "[]") in notes
    if name != "ods-hidden":  # ods has no very hidden sheets
        assert ("hidden-sheet", "diagnostic.very-hidden-sheet", "Sangat rahasia", "[]") in notes
    columns = "['B']" if name == "ods-hidden" else "['C:D']"
    assert ("hidden-columns", "diagnostic.hidden-columns", "Data", columns) in notes
    macros = {n for n in notes if n[0] == "macros"}
    assert len(macros) == (0 if name == "xls-hidden" else 1)
    data = next(g for g in grids if g.sheet == "Data")
    assert data.hidden_rows == frozenset({2})  # the third row, 0-based
    assert [g.sheet for g in grids if g.hidden_rows] == ["Data"]


def test_a_hidden_row_of_an_ods_table_is_a_diagnostic_naming_the_row(tmp_path: Path) -> None:
    from ppsp.testing import hostile as make

    source = Path(__file__).parent / "fixtures" / "ssk_gunung_mas_2024_2028.xlsx"
    rows = [list(map(_text, row)) for row in read_grids(source)[0].rows]
    hidden = next(r for r, row in enumerate(rows) if "IPLT" in " ".join(row).upper())
    path = make.write_ods(
        tmp_path / "ssk.ods", [("Matriks", False, list(make._ods_rows(rows, [hidden])))]
    )
    result = read_file(path)
    said = [d for d in result.diagnostics if d.code == "hidden-row"]
    assert [d.location.row for d in said if d.location] == [hidden + 1]
    assert said[0].location is not None and said[0].location.sheet == "Matriks"


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def test_an_xls_whose_sectors_loop_or_claim_too_much_is_refused_before_calamine(
    tmp_path: Path,
) -> None:
    import struct

    good = HOSTILE["xls-hidden"](tmp_path, 0).read_bytes()
    # the directory is sector 1 of the container written by hostile.write_xls; its FAT entry
    # pointing to itself is a chain calamine follows for ever (found by the fuzzer)
    looped = bytearray(good)
    struct.pack_into("<I", looped, 512 + 4 * 1, 1)
    (tmp_path / "loop.xls").write_bytes(bytes(looped))
    with pytest.raises(SpreadsheetError) as caught:
        read_grids(tmp_path / "loop.xls")
    assert caught.value.key == "limits.ole-loop"
    assert caught.value.params["part"] == "directory"
    # the Workbook stream (directory entry 1) claiming 4 GiB: calamine would reserve it
    claimed = bytearray(good)
    struct.pack_into("<I", claimed, 1024 + 128 + 120, 0xFFFFFFF0)
    (tmp_path / "claim.xls").write_bytes(bytes(claimed))
    with pytest.raises(SpreadsheetError) as caught:
        read_grids(tmp_path / "claim.xls")
    assert caught.value.key == "limits.ole-size"
    assert caught.value.params["part"] == "Workbook"
    assert caught.value.params["limit"] == len(good)


def test_a_macro_part_of_an_xls_is_said(tmp_path: Path) -> None:
    from ppsp.io.sheets.sheet_scan import _ole_streams

    path = HOSTILE["xls-hidden"](tmp_path, 0)
    assert "Workbook" in _ole_streams(path.read_bytes())
    assert _ole_streams(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 600) == {}


@pytest.fixture(scope="module")
def small_books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("books")
    names = ("ods-hidden", "xlsb-hidden", "xls-hidden")
    return {name: HOSTILE[name](folder, 0).read_bytes() for name in names}


@given(
    st.sampled_from(["ods-hidden", "xlsb-hidden", "xls-hidden"]),
    st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(0, 255)), min_size=1, max_size=4),
    st.integers(0, 1 << 16),
)
@settings(max_examples=120, deadline=None)
def test_a_cut_or_flipped_ods_xlsb_or_xls_raises_only_ppsp_errors(
    small_books: dict[str, bytes],
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    flips: list[tuple[int, int]],
    cut: int,
) -> None:
    data = bytearray(small_books[name])
    if name == "xls-hidden":  # an OLE2 file is not compressed: flip its records
        for at, byte in flips:
            data[at % len(data)] = byte
        data = data[: max(cut % len(data), 512)] if cut % 3 == 0 else data
    else:  # a zip: flip the sheet's bytes inside it
        with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
            parts = {i.filename: archive.read(i) for i in archive.infolist()}
        part = next(p for p in parts if p.endswith(("sheet1.bin", "content.xml")))
        body = bytearray(parts[part])
        for at, byte in flips:
            body[at % len(body)] = byte
        parts[part] = bytes(body[: max(cut % len(body), 1)] if cut % 3 == 0 else body)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for part_name, part_data in parts.items():
                archive.writestr(part_name, part_data)
        data = bytearray(out.getvalue())
    path = tmp_path_factory.mktemp("flipped") / f"book{Path(name.split('-')[0]).name}"
    path = path.with_suffix("." + name.split("-")[0])
    path.write_bytes(bytes(data))
    with contextlib.suppress(PpspError):
        read_grids(path)


def test_sheet_bounds_count_cells_without_references() -> None:
    bounds = limits_module.SheetBounds()
    bounds.update(b'<row r="3"><c r="B3"/><c/><c/></row><row><c/></row>')
    assert bounds.height == 4  # row 3, then one unnumbered row
    assert bounds.columns >= 5  # B plus three cells without a reference, at most


@pytest.mark.parametrize(
    "xml",
    [
        b'<row r="1"><c r="A1"/><c\tr="XFD1048576"/></row>',
        b'<row r="1"><c r="A1"/><c s="2" r="XFD1048576"/></row>',
        b'<x:row r="1"><x:c r="A1"/><x:c r="XFD1048576"/></x:row>',
        # a row number of more digits than Excel's: read whole, not dropped by the fast way
        b'<cols><col min="1" max="1"/></cols><row r="1"><c r="A1"/><c r="XFD00001048576"/></row>',
        b'<row r="1"><c r="A1"/><c r="XFD00001048576"/></row>',
    ],
)
def test_sheet_bounds_see_every_spelling_of_a_cell(xml: bytes) -> None:
    bounds = limits_module.SheetBounds()
    bounds.update(xml)
    assert (bounds.height, bounds.columns) == (1_048_576, 16_384)


_REFERENCE = st.tuples(
    st.sampled_from(["A", "B", "I", "J", "K", "Z", "AA", "AZ", "XFD", "ZZZ", "a", ""]),
    st.sampled_from(["", "0", "00", "0000000"]),
    st.integers(min_value=0, max_value=2_000_000),
)
_CELL_SPELLING = st.sampled_from(['<c r="{}"/>', '<c r="{}" t="n"><v>1</v></c>', "<c/>"])
_ROW_SPELLING = st.sampled_from(['<row r="{}">', "<row>"])


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(
        st.lists(
            st.tuples(
                st.integers(min_value=1, max_value=2_000_000),
                _ROW_SPELLING,
                st.lists(st.tuples(_CELL_SPELLING, _REFERENCE), max_size=6),
            ),
            max_size=6,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_the_quick_bounds_of_a_piece_are_the_exact_ones(
    pieces: list[list[tuple[int, str, list[tuple[str, tuple[str, str, int]]]]]],
) -> None:
    """The one search that takes in a usual piece (SheetBounds._within) gives the bounds that
    reading every reference gives, whatever the piece holds."""
    quick, exact = limits_module.SheetBounds(), limits_module.SheetBounds()
    for piece in pieces:
        xml = "".join(
            row.format(number)
            + "".join(cell.format(f"{letters}{zeros}{n}") for cell, (letters, zeros, n) in cells)
            + "</row>"
            for number, row, cells in piece
        ).encode()
        quick.update(xml)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(limits_module.SheetBounds, "_within", lambda self, data: False)
            exact.update(xml)
        assert (quick.rows, quick.columns, quick.unnumbered_rows) == (
            exact.rows,
            exact.columns,
            exact.unnumbered_rows,
        )


def _pieces(xml: bytes, chunk: int, monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    from ppsp.io.sheets import sheet_scan

    monkeypatch.setattr(sheet_scan, "_CHUNK", chunk)  # the pieces are cut there
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("s.xml", xml)
    with zipfile.ZipFile(buffer) as archive:
        return list(workbook._whole_rows(archive, "s.xml", Limits(), "f.xlsx"))


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.booleans(), st.text('ab<>/= r"', max_size=30)), min_size=0, max_size=40
    ),
    chunk=st.integers(min_value=7, max_value=64),
)
def test_sheet_pieces_keep_every_byte_and_never_split_a_tag(
    rows: list[tuple[bool, str]], chunk: int
) -> None:
    xml = b"".join(
        (f'<row r="{n}">' + text.replace("<", "") + ("</row>" if closed else "")).encode()
        for n, (closed, text) in enumerate(rows, start=1)
    )
    with pytest.MonkeyPatch.context() as patch:
        pieces = _pieces(xml, chunk, patch)
    assert b"".join(pieces) == xml
    for piece in pieces[1:]:
        assert piece.startswith(b"<")  # every cut is before a tag
    assert all(len(p) <= chunk * 8 + 2 * chunk for p in pieces)


# --- CSV -------------------------------------------------------------------------------------


def test_a_csv_line_over_the_limit_names_its_line(
    hostile: dict[str, Path], fresh_limits: None
) -> None:
    with pytest.raises(SpreadsheetError) as caught:
        read_grids(hostile["csv-long-line"])
    assert caught.value.key == "workbook.csv-field"
    assert caught.value.params["row"] == 3


def test_an_unclosed_quote_is_an_error_diagnostic_naming_the_row(
    hostile: dict[str, Path],
) -> None:
    grid = read_grids(hostile["csv-unbalanced-quote"])[0]
    codes = {(n.code, n.location.row if n.location else None) for n in grid.notes}
    assert ("csv-unbalanced-quote", 3) in codes
    assert ("csv-swallowed-lines", 3) in codes
    result = read_file(hostile["csv-unbalanced-quote"])
    assert any(d.code == "csv-unbalanced-quote" for d in result.diagnostics)


def test_a_quote_that_swallows_a_line_is_said(hostile: dict[str, Path]) -> None:
    result = read_file(hostile["csv-swallowed"])
    swallowed = [d for d in result.diagnostics if d.code == "csv-swallowed-lines"]
    assert swallowed and swallowed[0].location is not None
    assert (swallowed[0].location.row, swallowed[0].location.column) == (4, "B")


# --- nothing hidden ----------------------------------------------------------------------------


def test_hidden_sheets_columns_and_macros_are_said(hostile: dict[str, Path]) -> None:
    grids = read_grids(hostile["xlsx-hidden"])
    notes = [
        (n.code, n.key, n.location.sheet if n.location else None) for g in grids for n in g.notes
    ]
    assert ("macros", "diagnostic.macros", None) in notes
    assert ("hidden-sheet", "diagnostic.hidden-sheet", "Rahasia") in notes
    assert ("hidden-sheet", "diagnostic.very-hidden-sheet", "Sangat rahasia") in notes
    columns = [n for g in grids for n in g.notes if n.code == "hidden-columns"]
    assert columns[0].params["columns"] == "B:C"


def test_an_imported_workbook_says_its_hidden_sheet(tmp_path: Path) -> None:
    import openpyxl

    source = Path(__file__).parent / "fixtures" / "ssk_gunung_mas_2024_2028.xlsx"
    book = openpyxl.load_workbook(source)
    extra = book.create_sheet("Catatan")
    extra["A1"] = "catatan internal"
    extra.sheet_state = "veryHidden"
    book.save(tmp_path / "ssk.xlsx")
    result = read_file(tmp_path / "ssk.xlsx")
    hidden = [d for d in result.diagnostics if d.code == "hidden-sheet"]
    assert [d.location.sheet for d in hidden if d.location] == ["Catatan"]
    assert result.documents  # the table is still read


# --- JSON --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("json-deep", "limits.json-depth"),
        ("json-number-exponent", "limits.json-exponent"),
        ("json-surrogate", "limits.json-surrogate"),
    ],
)
def test_json_over_a_limit_names_its_path(name: str, key: str, hostile: dict[str, Path]) -> None:
    with pytest.raises(JsonError) as caught:
        loads(hostile[name].read_bytes(), source=name)
    assert caught.value.problems[0].key == key
    assert caught.value.problems[0].path.startswith("$")


def test_json_limits_are_configurable(fresh_limits: None) -> None:
    text = json.dumps({"a": "x" * 100, "b": [1.5e20]})
    check_json_text(text)
    for bounds, key, path in [
        (Limits(max_json_string=50), "limits.json-string", "$.a"),
        (Limits(max_json_exponent=10), "limits.json-exponent", "$.b[0]"),
        (Limits(max_json_bytes=10), "limits.json-size", "$"),
        (Limits(max_json_depth=1), "limits.json-depth", "$.b"),
    ]:
        with pytest.raises(JsonError) as caught:
            check_json_text(text, limits=bounds)
        assert (caught.value.problems[0].key, caught.value.problems[0].path) == (key, path)


_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet='ab[]{}"\\,:e0 \u00e9', max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(alphabet='k[]"\\', max_size=3), inner, max_size=3)
    ),
    max_leaves=30,
)


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


def _digits(value: object) -> int:
    if isinstance(value, list):
        return max(map(_digits, value), default=0)
    if isinstance(value, dict):
        return max(map(_digits, value.values()), default=0)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0
    mantissa = json.dumps(value).lstrip("-").split("e")[0].split("E")[0]
    return len(mantissa.replace(".", ""))


@settings(max_examples=150, deadline=None)
@given(value=_json_values, depth=st.integers(min_value=1, max_value=6))
def test_the_quick_json_scan_agrees_with_the_exact_measure(value: object, depth: int) -> None:
    text = json.dumps(value)
    bounds = Limits(max_json_depth=depth, max_json_digits=20)
    too_deep = _depth(value) > depth
    too_long = _digits(value) > 20
    try:
        check_json_text(text, limits=bounds)
    except JsonError as error:
        key = error.problems[0].key
        assert (key == "limits.json-depth" and too_deep) or (
            key == "limits.json-digits" and too_long
        )
    else:
        assert not too_deep and not too_long


_nestings = st.recursive(
    st.just(0),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("abc"), inner),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(value=_nestings, depth=st.integers(min_value=1, max_value=12))
def test_the_quick_depth_look_never_passes_a_text_too_deep(value: object, depth: int) -> None:
    # arrays and objects nested in every order: the cheap passes (two replaces each, up to two
    # levels a pass) only rule out what is within the bound; the exact passes say the rest
    text = json.dumps(value).encode()
    suspect = limits_module._numbers_or_depth_suspect(text, Limits(max_json_depth=depth))
    if _depth(value) > depth:
        assert suspect


@settings(max_examples=150, deadline=None)
@given(
    strings=st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8),
    padding=st.integers(min_value=0, max_value=40),
    bound=st.integers(min_value=1, max_value=20),
)
def test_the_quick_json_string_scan_agrees_with_the_exact_measure(
    strings: list[int], padding: int, bound: int
) -> None:
    # strings of many lengths among numbers without quotes, in a text longer than the bound
    # (so that the quick look for a quote in each block decides, not the size of the text)
    value = [[*([7] * padding), "x" * n] for n in strings]
    text = json.dumps(value)
    too_long = max(strings) > bound
    try:
        check_json_text(text, limits=Limits(max_json_string=bound))
    except JsonError as error:
        assert error.problems[0].key == "limits.json-string" and too_long
    else:
        assert not too_long


def test_json_in_utf16_and_with_a_bad_byte(hostile: dict[str, Path]) -> None:
    assert loads(hostile["json-utf16"].read_bytes()).ssk
    with pytest.raises(JsonError):
        loads(hostile["json-bad-byte"].read_bytes())


# --- safe output -------------------------------------------------------------------------------


def test_terminal_output_escapes_control_characters() -> None:
    assert terminal_safe("a\x1b[2Jb\x07\r\x00\u202e\n\t") == "a\\x1b[2Jb\\x07\\x0d\\x00\\u202e\n\t"


def test_markdown_and_html_reports_escape_markup(hostile: dict[str, Path], tmp_path: Path) -> None:
    for form in ("md", "html"):
        out = tmp_path / f"r.{form}"
        main(
            [
                "check",
                str(hostile["json-markup"]),
                "--format",
                form,
                "-o",
                str(out),
                "--today",
                "2025-06-01",
            ]
        )
        text = out.read_text(encoding="utf-8")
        assert "alert(1)" in text  # the name is shown...
        assert "<script" not in text and "<img" not in text and "<b>SSK" not in text  # ...inert
        if form == "md":
            assert not re.search(r"(?<!\\)\]\(javascript:", text)  # no live link


def test_long_text_is_cut_visibly_and_reads_back_whole(
    hostile: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # one document: -o names the file (several would need a folder)
    out = tmp_path / "x.xlsx"
    assert (
        main(
            [
                "export",
                str(hostile["json-long-text"]),
                "--to",
                "xlsx",
                "-o",
                str(out),
                "--lang",
                "en",
            ]
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "longer than a cell holds" in err and "sheet" in err
    written = out
    cells = [c for g in read_grids(written) for row in g.rows for c in row if isinstance(c, str)]
    assert any(c.startswith("IPAL xxx") and c.endswith("…[+7246]") for c in cells)
    name = read_file(written).documents[0].activities[0].name
    assert name == "IPAL " + "x" * 40_000


def _first_difference(form: str, outputs: list[bytes]) -> str:
    """Where two outputs first differ (in an xlsx: the part and the text around it)."""
    import io
    import zipfile

    first, second = outputs
    if form == "xlsx":
        with zipfile.ZipFile(io.BytesIO(first)) as a, zipfile.ZipFile(io.BytesIO(second)) as b:
            for x, y in zip(a.infolist(), b.infolist(), strict=False):
                da, db = a.read(x), b.read(y)
                if (x.filename, x.date_time, da) != (y.filename, y.date_time, db):
                    k = next((k for k, (p, q) in enumerate(zip(da, db, strict=False)) if p != q), 0)
                    around = (da[k - 120 : k + 60], db[k - 120 : k + 60])
                    return f"{x.filename} {x.date_time} {y.date_time}: {around!r}"
    k = next((k for k, (p, q) in enumerate(zip(first, second, strict=False)) if p != q), 0)
    return f"{first[k - 120 : k + 60]!r} / {second[k - 120 : k + 60]!r}"


def test_reports_are_the_same_bytes_every_time(hostile: dict[str, Path], tmp_path: Path) -> None:
    source = str(hostile["json-markup"])
    for form in ("json", "md", "html", "xlsx"):
        outputs = []
        for attempt in range(2):
            if attempt:
                # a clock's second in any part (openpyxl stamps "modified" with it) would differ
                time.sleep(1.1)
            out = tmp_path / f"{attempt}.{form}"
            main(
                [
                    "check",
                    source,
                    "--format",
                    form,
                    "-o",
                    str(out),
                    "--today",
                    "2025-06-01",
                    "--generated-at",
                    "2025-06-01T08:00:00+07:00",
                ]
            )
            outputs.append(out.read_bytes())
        assert outputs[0] == outputs[1], (form, _first_difference(form, outputs))
    assert b"2025-06-01T01:00:00Z" in outputs[0] or form == "xlsx"


def test_source_date_epoch_pins_the_report_time(
    hostile: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1748736000")
    out = tmp_path / "r.json"
    main(
        [
            "check",
            str(hostile["json-markup"]),
            "--format",
            "json",
            "-o",
            str(out),
            "--today",
            "2025-06-01",
        ]
    )
    assert json.loads(out.read_text())["provenance"]["generated_at"] == "2025-06-01T00:00:00Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    assert main(["check", str(hostile["json-markup"]), "--format", "json", "-o", str(out)]) == 2
