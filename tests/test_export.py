"""Clean spreadsheets out, documents back in: nothing lost, edits honoured, formulas neutralised."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from ppsp.demo import demo_bundle
from ppsp.domain import (
    RKPD,
    Agency,
    PlanLine,
    PlanPeriod,
    RegionCode,
    Rupiah,
    SSKActivity,
    StrategiSanitasi,
)
from ppsp.io.sheets.export import write_csv, write_template, write_xlsx
from ppsp.io.sheets.frames import records, to_pandas, to_polars
from ppsp.io.sheets.importer import read_file
from ppsp.testing import documents

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KINDS = ["ssk", "rpjmd", "renstra-pd", "rkpd", "renja-pd", "dpa", "mps", "bps", "implementation"]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(document=documents())
def test_every_document_round_trips_through_xlsx_and_csv(tmp_path: Path, document: Any) -> None:
    assert read_file(write_xlsx(document, tmp_path / "d.xlsx")).documents == (document,)
    for delimiter in (",", ";"):
        assert read_file(
            write_csv(document, tmp_path / "d.csv", delimiter=delimiter)
        ).documents == (document,)


@pytest.mark.parametrize(
    "name", [*sorted(p.name for p in FIXTURES.glob("*.xlsx")), "ssk_mahakam_ulu.csv"]
)
def test_legacy_file_keeps_every_value_through_a_clean_workbook(tmp_path: Path, name: str) -> None:
    legacy = read_file(FIXTURES / name)
    for document in legacy.documents:
        again = read_file(write_xlsx(document, tmp_path / "clean.xlsx")).documents[0]
        assert again == document  # values, extras and the cells of the legacy file


def test_clean_workbook_layout(tmp_path: Path) -> None:
    ssk = demo_bundle().ssk[0]
    path = write_xlsx(ssk, tmp_path / "ssk.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Kegiatan SSK", "Target", "Penetapan", "Pokja", "About", "_ppsp"]
    assert book["_ppsp"].sheet_state == "hidden"
    assert all(book[name].sheet_state == "visible" for name in book.sheetnames[:-1])
    about = {row[1]: row[2] for row in book["About"].iter_rows(values_only=True) if row[1]}
    assert about["Region code"] == "62.10" and about["Period"] == str(ssk.period)
    targets = book["Target"]
    assert targets.max_row - 2 == len(ssk.targets) > 0
    members = [row[2] for row in book["Pokja"].iter_rows(values_only=True) if row[0] == "Anggota"]
    assert ssk.working_group is not None
    assert members == [m.name for m in ssk.working_group.members]
    sheet = book["Kegiatan SSK"]
    headers = [c.value for c in sheet[1]]
    english = [c.value for c in sheet[2]]
    assert headers[:6] == ["No", "Subsektor", "Arah Kebijakan", "Program", "Kode", "Kegiatan"]
    assert english[5] == "Activity" and sheet.cell(1, 6).comment.text == "Activity"
    assert "Biaya 2025" in headers and "Keterangan" in headers  # extras become columns
    assert sheet.freeze_panes == "A3"
    cost = sheet.cell(3, headers.index("Biaya 2025") + 1)
    assert cost.value == 2_500_000_000 and cost.number_format == "#,##0"
    assert sheet.column_dimensions[openpyxl.utils.get_column_letter(len(headers))].hidden


def test_formulas_are_neutralised(tmp_path: Path) -> None:
    evil = '=HYPERLINK("http://x","klik")'
    rkpd = RKPD(
        region=RegionCode.parse("62.10"),
        year=2025,
        lines=(
            PlanLine(name=evil, location="+62 811", notes="@SUM(A1)", extras={"Catatan": "-1+2"}),
        ),
    )
    path = write_xlsx(rkpd, tmp_path / "r.xlsx")
    sheet = openpyxl.load_workbook(path)["RKPD"]
    cell = sheet.cell(3, 2)
    assert cell.value == evil and cell.data_type == "s"  # text, never a formula
    csv_text = write_csv(rkpd, tmp_path / "r.csv").read_text("utf-8")
    assert "'=HYPERLINK" in csv_text and "'+62 811" in csv_text and "'@SUM(A1)" in csv_text
    assert read_file(tmp_path / "r.csv").documents[0] == rkpd


def test_edits_in_the_spreadsheet_win(tmp_path: Path) -> None:
    rkpd = demo_bundle().rkpd[0]
    path = write_xlsx(rkpd, tmp_path / "rkpd.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["RKPD"]
    headers = [c.value for c in sheet[1]]
    pagu = headers.index("Pagu Indikatif") + 1
    sheet.cell(3, pagu).value = 1_750_000_000  # edited amount
    sheet.cell(
        4, headers.index("Program/Kegiatan/Sub Kegiatan") + 1
    ).value = "Layanan Lumpur Tinja Terjadwal"
    sheet.delete_rows(6)  # the PHBS line is dropped
    sheet.cell(7, 1).value = "1.03.04.2.01.0010"  # a row a person added
    sheet.cell(7, 2).value = "Pembangunan TPS 3R"
    sheet.cell(7, pagu).value = "Rp 750.000.000"
    book.save(path)
    result = read_file(path)
    again = result.documents[0]
    assert again.lines[0].pagu == Rupiah(1_750_000_000)
    assert (
        again.lines[0].cells["Pagu Indikatif"].cell == f"{openpyxl.utils.get_column_letter(pagu)}3"
    )
    assert again.lines[0].funding == rkpd.lines[0].funding  # untouched values keep their details
    assert again.lines[1].name == "Layanan Lumpur Tinja Terjadwal"
    assert [str(line.code) for line in again.lines][-1] == "1.03.04.2.01.0010"
    assert again.lines[-1].pagu == Rupiah(750_000_000)
    assert len(again.lines) == len(rkpd.lines)  # one dropped, one added
    assert [d.code for d in result.diagnostics] == ["new-row"]


def test_bad_edit_is_a_diagnostic_at_its_cell(tmp_path: Path) -> None:
    rkpd = demo_bundle().rkpd[0]
    path = write_xlsx(rkpd, tmp_path / "rkpd.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["RKPD"]
    sheet.cell(3, 7).value = "satu miliar"
    book.save(path)
    result = read_file(path)
    (problem,) = result.diagnostics
    assert problem.code == "unparseable-number" and problem.location.cell == "G3"
    assert result.documents[0].lines[0].pagu == rkpd.lines[0].pagu


@pytest.mark.parametrize("kind", KINDS)
def test_templates(tmp_path: Path, kind: str) -> None:
    path = write_template(kind, tmp_path / f"{kind}.xlsx")
    book = openpyxl.load_workbook(path)
    first = book.worksheets[0]
    assert first.freeze_panes == "A2"
    assert first.max_row == 1 or all(c.value is None for c in first[2])
    assert all(c.value and c.comment is not None for c in first[1])


@pytest.mark.parametrize(
    ("kind", "flags"),
    [
        ("rkpd", {"year": 2025}),
        ("renja-pd", {"year": 2025, "agency": "Dinas PUPR"}),
        ("dpa", {"year": 2025}),
        ("rpjmd", {"period": "2025-2029"}),
        ("renstra-pd", {"period": "2025-2029", "agency": "Dinas PUPR"}),
    ],
)
def test_a_filled_headers_only_template_reads_its_rows_only(
    tmp_path: Path, kind: str, flags: dict[str, Any]
) -> None:
    path = write_template(kind, tmp_path / f"{kind}.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    names = ("Program/Kegiatan/Sub Kegiatan", "Sub Kegiatan", "Program/Kegiatan", "Program")
    sheet.cell(2, headers.index(next(n for n in names if n in headers)) + 1).value = "IPAL"
    sheet.cell(2, headers.index("Kode") + 1).value = "1.03.03.2.01.0001"
    book.save(path)
    result = read_file(path, kind=kind, region="62.10", **flags)
    document = result.documents[0]
    lines = getattr(document, "lines", None) or document.programs
    assert len(lines) == 1 and not [d for d in result.diagnostics if d.severity.value == "error"]


def test_filled_template_imports(tmp_path: Path) -> None:
    path = write_template("ssk", tmp_path / "ssk.xlsx", start_year=2024)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    row = {
        "Subsektor": "Persampahan",
        "Kegiatan": "Pembangunan TPS 3R",
        "Biaya 2025": 750_000_000,
        "SKPD Penanggung Jawab": "DLH",
        "Sumber Dana": "APBD Kab",
    }
    for header, value in row.items():
        sheet.cell(2, headers.index(header) + 1).value = value
    book.save(path)
    ssk = read_file(path, region="Kota Palangka Raya", period="2024-2028").documents[0]
    (activity,) = ssk.activities
    assert isinstance(ssk, StrategiSanitasi) and ssk.period == PlanPeriod(2024, 2028)
    assert activity.cost_in(2025) == Rupiah(750_000_000) and activity.agency == Agency("DLH")


def test_dataframes() -> None:
    rkpd = demo_bundle().rkpd[0]
    rows = records(rkpd)
    assert rows[0]["Pagu Indikatif"] == Rupiah(1_500_000_000).amount
    frame = to_pandas(rkpd, lang="en")
    assert list(frame["Indicative budget"])[:2] == [r["Pagu Indikatif"] for r in rows[:2]]
    polars_frame = to_polars(demo_bundle().ssk[0])
    assert polars_frame.height == 6 and "Biaya 2025" in polars_frame.columns


def test_activity_without_lines_exports(tmp_path: Path) -> None:
    empty = StrategiSanitasi(region=RegionCode.parse("62.10"), period=PlanPeriod(2024, 2028))
    assert read_file(write_xlsx(empty, tmp_path / "e.xlsx")).documents[0] == empty
    with_one = StrategiSanitasi(
        region=RegionCode.parse("62.10"),
        period=PlanPeriod(2024, 2028),
        activities=(SSKActivity(name="x"),),
    )
    assert read_file(write_csv(with_one, tmp_path / "e.csv")).documents[0] == with_one


def test_an_empty_document_read_back_says_it_is_empty(tmp_path: Path) -> None:
    # a template made for a region and year, filled in with nothing, and imported as it is
    from ppsp.domain import RKPD, RegionCode

    empty = RKPD(region=RegionCode.parse("61.71"), year=2026, lines=())
    result = read_file(write_xlsx(empty, tmp_path / "rkpd.xlsx"))
    assert result.documents == (empty,)
    assert [d.code for d in result.diagnostics] == ["empty-document"]
