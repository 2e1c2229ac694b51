"""The scan's fast cell checks say exactly what the general, column-by-column check says.

``_RowReader.check`` takes a row's cells kind by kind (text, money, coded values) and puts the
diagnostics back in column order; ``check_each`` is the plain reference. Both are run on every
fixture, on the example region, on the third-party files, and on generated sheets; diagnostics,
records and documents must be the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ppsp.errors import PpspError
from ppsp.io.sheets.importer import read_file
from ppsp.io.sheets.layouts import LAYOUTS
from ppsp.io.sheets.tables import _RowReader, read_table
from ppsp.io.sheets.workbook import Grid
from test_import_fuzz import grids

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def column_by_column() -> Iterator[None]:
    """Every row checked by the reference path."""

    def reference(
        self: _RowReader,
        r: int,
        current: list[Any],
        sums: Any,
        diagnostics: Any,
        filled: bool = False,
    ) -> bool:
        return self.check_each(r, current, sums, diagnostics)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_RowReader, "check", reference)
        yield


def spreadsheets(shared: Path | None) -> list[Path]:
    files = sorted((ROOT / "tests" / "fixtures").rglob("*.xls*"))
    files += sorted((ROOT / "tests" / "fixtures").rglob("*.csv"))
    files += sorted((ROOT / "examples" / "gunung-mas").glob("*.xlsx"))
    if shared is not None:
        files += sorted((shared / "layouts").glob("*.xlsx"))
        files += sorted((shared / "access").glob("*.xlsx"))
    return files


def outcome(path: Path) -> Any:
    try:
        result = read_file(path, region="62.10", year=2025, period="2024-2028")
    except PpspError as error:
        return ("error", error.key)
    return (
        result.diagnostics,
        result.documents,
    )


def test_fast_and_reference_checks_agree_on_real_files(shared_data: Path) -> None:
    files = spreadsheets(shared_data)
    assert len(files) >= 15
    compared = 0
    for path in files:
        fast = outcome(path)
        with column_by_column():
            reference = outcome(path)
        assert fast == reference, path.name
        compared += fast[0] != "error"
    assert compared >= 12  # most of them are read, not refused


@settings(max_examples=150)
@given(rows=grids(), blanks=st.sampled_from([None, "", "  ", "\xa0"]))
def test_fast_and_reference_checks_agree_on_generated_sheets(
    rows: list[list[Any]], blanks: Any
) -> None:
    rows = [[blanks if value is None else value for value in row] for row in rows]
    grid = Grid("acak.xlsx", "Lembar1", [tuple(row) for row in rows])
    for layout in LAYOUTS:
        fast = read_table(grid, layout)
        with column_by_column():
            reference = read_table(grid, layout)
        if fast is None or reference is None:
            assert fast is reference
            continue
        assert fast.diagnostics == reference.diagnostics
        assert list(fast.rows) == list(reference.rows)


CELLS = st.one_of(
    st.sampled_from(
        [
            None,
            "",
            "  ",
            "\xa0",
            "#REF!",
            " #DIV/0! ",
            "#N/A",
            "# tanda pagar",
            "-",
            "1.250.000,00",
            "Rp 2,5 M",
            "1.03.05.2.01.0036",
            "1.03.05.2.01",
            "1.03.05",
            "9.99.zz",
            "Dinas PUPR",
            "Bapak Budi",
            "APBD Kab; DAK",
            "Sub Total",
            "JUMLAH",
            "A. AIR LIMBAH DOMESTIK",
            True,
        ]
    ),
    st.integers(-(10**16), 10**16),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.text(max_size=6),
)
PLAN_HEADER = (
    "Kode",
    "Program/Kegiatan/Sub Kegiatan",
    "Indikator Kinerja",
    "Lokasi",
    "Pagu Indikatif (Rp)",
    "Sumber Dana",
    "Prakiraan Maju Pagu",
    "Perangkat Daerah",
    "",
    "Catatan Lain",
)
SSK_HEADER = (
    "No",
    "Kegiatan",
    "Kode",
    "Biaya 2024",
    "Biaya 2025 (Rp. Juta)",
    "Sumber Dana",
    "OPD",
    "Volume",
    "",
)


#: A sheet under a known header whose rows are every kind of cell.
CELL_GRIDS = st.builds(
    lambda header, rows: Grid(
        "acak.xlsx",
        "Lembar1",
        [("RKPD KABUPATEN GUNUNG MAS TAHUN 2025",), header, *(tuple(row) for row in rows)],
    ),
    st.sampled_from([PLAN_HEADER, SSK_HEADER]),
    st.lists(st.lists(CELLS, min_size=10, max_size=10), min_size=1, max_size=12),
)


@settings(max_examples=150)
@given(grid=CELL_GRIDS)
def test_fast_and_reference_checks_agree_cell_by_cell(grid: Grid) -> None:
    """Every kind of cell under a known header (errors, blanks, amounts, codes, agencies)."""
    for layout in LAYOUTS:
        fast = read_table(grid, layout)
        with column_by_column():
            reference = read_table(grid, layout)
        assert (fast is None) == (reference is None)
        if fast is not None and reference is not None:
            assert fast.diagnostics == reference.diagnostics
            # compared as text: a NaN cell makes records unequal to themselves
            assert repr(list(fast.rows)) == repr(list(reference.rows))


@given(
    st.one_of(
        st.text(max_size=14),
        st.from_regex(
            r"\A[ \-(.]*(sub|Sub|SUB)?[ _.-]*(total|TOTAL|Jumlah|jumlah|grand total)[a-z0-9 ]{0,4}\Z"
        ),
    )
)
def test_the_quick_total_test_is_the_normalised_one(label: str) -> None:
    from ppsp.domain.labels import normalise_text
    from ppsp.io.sheets.tables import _TOTAL, _is_total

    assert _is_total(label) == (_TOTAL.match(normalise_text(label)) is not None)


_UNTITLED_RKPD = (
    "Kode,Program/Kegiatan/Sub Kegiatan,Indikator Kinerja,Target,Satuan,Lokasi,Pagu Indikatif (Rp),"
    "Sumber Dana,Perangkat Daerah\n"
    "1.03.05.2.01.0036,Pembangunan Instalasi Pengolahan Lumpur Tinja (IPLT),Kapasitas IPLT,20,"
    "M3/Hari,Kecamatan Kurun,4500000000,APBD,Dinas Pekerjaan Umum dan Penataan Ruang\n"
)


def test_a_file_without_titles_takes_the_year_of_its_name_and_the_region_of_the_others(
    tmp_path: Path,
) -> None:
    from ppsp.io.sheets.importer import read_bundle
    from ppsp.io.sheets.recognise import RecognitionError

    untitled = tmp_path / "rkpd_kab_2025.csv"
    untitled.write_text(_UNTITLED_RKPD, "utf-8")
    ssk = Path(__file__).parent / "fixtures" / "ssk_gunung_mas_2024_2028.xlsx"
    read = read_bundle([ssk, untitled])
    assert str(read.bundle.region) == "62.10"
    (rkpd,) = read.bundle.rkpd
    assert rkpd.year == 2025  # from "_2025" in the file name
    said = [d for r in read.results for d in r.diagnostics if d.code == "region-from-files"]
    assert len(said) == 1 and "62.10" in said[0].message("en")
    assert "region-from-files" in {f.code for f in read.bundle.import_findings}
    # alone, nothing tells its region: the same one error as before
    with pytest.raises(RecognitionError) as refused:
        read_bundle([untitled])
    assert refused.value.key == "recognise.region-missing"


def test_a_folder_read_again_skips_the_report_ppsp_wrote_into_it(tmp_path: Path) -> None:
    import shutil

    from ppsp.io.reports.xlsx import write_report_xlsx
    from ppsp.io.sheets.importer import expand_paths, read_bundle
    from ppsp.rules import check

    fixtures = Path(__file__).parent / "fixtures"
    for name in ("ssk_gunung_mas_2024_2028.xlsx", "rkpd_gunung_mas_2025.xlsx"):
        shutil.copy(fixtures / name, tmp_path / name)
    first = read_bundle([tmp_path])
    write_report_xlsx(check(first.bundle, 2025), tmp_path / "laporan.xlsx", "id")
    again = read_bundle([tmp_path])
    assert again.bundle == first.bundle
    said = [d for r in again.results for d in r.diagnostics if d.code == "report-skipped"]
    assert [d.location.file for d in said] == [str(tmp_path / "laporan.xlsx")]
    # named on its own, the report is read like any file (and is no plan)
    assert tmp_path / "laporan.xlsx" in expand_paths([tmp_path / "laporan.xlsx"])
    with pytest.raises(PpspError):
        read_bundle([tmp_path / "laporan.xlsx"])


def test_one_document_read_from_two_files_is_said(tmp_path: Path) -> None:
    import shutil

    from ppsp.io.sheets.export import write_csv
    from ppsp.io.sheets.importer import read_bundle

    rkpd = tmp_path / "rkpd_gunung_mas_2025.xlsx"
    shutil.copy(Path(__file__).parent / "fixtures" / "rkpd_gunung_mas_2025.xlsx", rkpd)
    write_csv(read_file(rkpd).documents[0], tmp_path / "rkpd_copy.csv")
    read = read_bundle([tmp_path])
    assert len(read.bundle.rkpd) == 2
    said = [d for r in read.results for d in r.diagnostics if d.code == "document-twice"]
    assert len(said) == 1
    assert "another Annual regional work plan (RKPD)" in said[0].message("en")
    assert "document-twice" in {f.code for f in read.bundle.import_findings}


@contextmanager
def record_by_record() -> Iterator[None]:
    """Every record read by the reference loop over the columns."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_RowReader, "record", _RowReader.record_each)
        yield


def test_generated_and_reference_records_agree_on_real_files(shared_data: Path) -> None:
    """The record function generated per table (_RowReader.record) reads every row of every
    fixture, example and third-party file as the loop over the columns does."""
    compared = 0
    for path in spreadsheets(shared_data):
        fast = made(path)
        with record_by_record():
            reference = made(path)
        assert fast == reference, path.name
        compared += fast[0] != "error"
    assert compared >= 12


def made(path: Path) -> Any:
    """:func:`outcome` with every document written out (its lines are made when read: here,
    while the caller's way of reading records is in force)."""
    from ppsp.io.json import to_dict

    found = outcome(path)
    if found[0] == "error":
        return found
    diagnostics, documents = found
    return diagnostics, [to_dict(document) for document in documents]


@settings(max_examples=150)
@given(grid=CELL_GRIDS)
def test_generated_and_reference_records_agree_cell_by_cell(grid: Grid) -> None:
    """Every kind of cell under a known header, every layout: the same records."""
    for layout in LAYOUTS:
        fast = read_table(grid, layout)
        if fast is None:
            continue
        generated = list(fast.rows)
        with record_by_record():
            reference = list(fast.rows)
        # compared as text: a NaN cell makes records unequal to themselves
        assert repr(generated) == repr(reference)


@settings(max_examples=100)
@given(rows=grids(), blanks=st.sampled_from([None, "", "  ", "\xa0"]))
def test_generated_and_reference_records_agree_on_generated_sheets(
    rows: list[list[Any]], blanks: Any
) -> None:
    rows = [[blanks if value is None else value for value in row] for row in rows]
    grid = Grid("acak.xlsx", "Lembar1", [tuple(row) for row in rows], row_offset=3)
    for layout in LAYOUTS:
        fast = read_table(grid, layout)
        if fast is None:
            continue
        generated = list(fast.rows)
        with record_by_record():
            reference = list(fast.rows)
        assert repr(generated) == repr(reference)
