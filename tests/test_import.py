"""Importing the legacy-style fixtures (tests/fixtures/build.py) and third-party files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from ppsp.domain import (
    CodeLevel,
    EventKind,
    FundingSource,
    MilestoneCode,
    MilestoneState,
    PolicyDirection,
    ReportRecipient,
    Rupiah,
    Subsector,
)
from ppsp.domain.diagnostics import HIDDEN_FROM_VIEW
from ppsp.io.diagnostics import Severity, SpreadsheetError, StrictImportError
from ppsp.io.sheets.importer import read_file
from ppsp.io.sheets.recognise import RecognitionError
from ppsp.io.sheets.tables import _titles_and_labels
from ppsp.io.sheets.workbook import read_grids

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _codes(result, code):  # type: ignore[no-untyped-def]
    return [d for d in result.diagnostics if d.code == code]


def test_ssk_variant_a_sections_merged_header_juta() -> None:
    result = read_file(FIXTURES / "ssk_gunung_mas_2024_2028.xlsx")
    (recognition,) = result.recognitions
    assert recognition.kind == "ssk"
    assert str(recognition.region) == "62.10"
    assert str(recognition.period) == "2024-2028"
    ssk = result.documents[0]
    assert len(ssk.activities) == 7
    iplt = ssk.activities[0]
    assert iplt.name == "Pembangunan IPLT Kuala Kurun"
    assert iplt.subsector is Subsector.AIR_LIMBAH_DOMESTIK
    assert iplt.program == "Program Pengelolaan dan Pengembangan Sistem Air Limbah"
    assert str(iplt.code) == "1.03.05.2.01.0036"
    assert iplt.cost_in(2025) == Rupiah(2_500_000_000)  # "Rp. Juta"
    assert iplt.cost_in(2024) == Rupiah(0)  # "-" is zero
    assert iplt.total == Rupiah(4_000_000_000)
    assert {f.source: f.amount for f in iplt.funding}[FundingSource.DAK_FISIK] == Rupiah(
        3_000_000_000
    )
    assert iplt.extras == {"Prioritas": "Tinggi"}
    cell = iplt.cells["costs.2025"]
    assert (cell.sheet, cell.cell, cell.header) == (
        "Matriks SSK",
        "I10",
        "Indikasi Biaya (Rp. Juta) | 2025",
    )
    assert iplt.source.row == 10
    l2t2 = ssk.activities[1]
    assert str(l2t2.code) == "1.03.05.2.01.0033"  # padded kegiatan digit normalised
    assert l2t2.cost_in(2026) == Rupiah(175_500_000)  # "175,5" juta, Indonesian text number
    assert l2t2.agency is not None
    assert l2t2.agency.name == "Dinas PUPR"
    assert [a.subsector for a in ssk.activities[2:4]] == [Subsector.PERSAMPAHAN] * 2
    # what the importer reports, each at its cell
    assert [d.location.cell for d in _codes(result, "cell-error")] == ["H21"]
    assert [d.location.row for d in _codes(result, "hidden-row")] == [21]
    mismatches = {(d.params["label"], d.location.cell) for d in _codes(result, "total-mismatch")}
    assert ("Sub Total B", "M16") in mismatches  # 999 stated, 950 computed
    assert ("TOTAL", "I22") in mismatches  # the hidden row was left out of the total
    assert not any(d.params["label"] == "Sub Total A" for d in _codes(result, "total-mismatch"))
    assert _codes(result, "unknown-column")[0].params["header"] == "Prioritas"
    assert all(d.params["rule"] == "FIN005" for d in _codes(result, "total-mismatch"))


def test_ssk_variant_b_year_indexes_text_amounts_and_source_names() -> None:
    result = read_file(FIXTURES / "ssk_lebong_tahun_1_5.xlsx")
    ssk = result.documents[0]
    assert str(ssk.region) == "17.07"
    assert str(ssk.period) == "2025-2029"
    spald, uptd, drainase, ctps, kuliner = ssk.activities
    assert spald.cost_in(2025) == Rupiah(1_500_000_000)
    assert spald.cost_in(2027) == Rupiah(750_000_000)
    assert spald.policy_direction is PolicyDirection.INFRASTRUKTUR_LAYANAN
    assert [f.source for f in spald.funding] == [
        FundingSource.APBD_KABKOTA,
        FundingSource.DAK_FISIK,
    ]
    assert [k.value for k in spald.planning_documents] == ["rpjmd", "rkpd"]
    assert uptd.policy_direction is PolicyDirection.KAPASITAS_INSTITUSI
    assert drainase.cost_in(2027) == Rupiah(2_500_000_000)  # "Rp 2,5 M"
    assert ctps.total_cost() == Rupiah(125_000_000)  # five times "Rp 25 juta"
    assert [f.source for f in ctps.funding] == [
        FundingSource.APBD_KABKOTA,
        FundingSource.SWASTA_CSR,
    ]
    assert kuliner.subsector is None
    assert kuliner.extras["Subsektor"] == "Sanitasi Kuliner"
    unknown = _codes(result, "unknown-funding-source")
    assert unknown[0].params["value"] == "Dana Siluman"
    assert unknown[0].location.cell == "J9"


def test_ssk_variant_c_csv_bom_semicolon_thousands_code_and_name() -> None:
    result = read_file(FIXTURES / "ssk_mahakam_ulu.csv")
    ssk = result.documents[0]
    assert str(ssk.region) == "64.11"
    assert str(ssk.period) == "2024-2028"
    first = ssk.activities[0]
    assert str(first.code) == "1.03.05.2.01.0039"
    assert first.name == "Penyediaan SPALD Setempat (tangki septik individual)"
    assert first.cost_in(2024) == Rupiah(500_000_000)  # Rp 000
    assert first.notes == "prioritas desa"
    assert ssk.activities[2].cost_in(2024) == Rupiah(Decimal("75000500"))
    assert first.cells["costs.2024"].cell == "C3"


def test_rkpd_hierarchy_forward_estimates_and_subtotals() -> None:
    result = read_file(FIXTURES / "rkpd_gunung_mas_2025.xlsx")
    rkpd = result.documents[0]
    assert (rkpd.kind.value, rkpd.year, str(rkpd.region)) == ("rkpd", 2025, "62.10")
    levels = [line.level for line in rkpd.lines]
    assert levels.count(CodeLevel.PROGRAM) == 2
    assert levels.count(CodeLevel.SUB_KEGIATAN) == 4
    iplt = next(line for line in rkpd.lines if str(line.code) == "1.03.05.2.01.0036")
    assert iplt.pagu == Rupiah(1_500_000_000)
    assert iplt.location == "Kuala Kurun"
    assert iplt.funding[0].source is FundingSource.DAK_FISIK
    assert iplt.agency is not None
    assert iplt.agency.same_as(rkpd.lines[0].agency)
    l2t2 = next(line for line in rkpd.lines if str(line.code) == "1.03.05.2.01.0033")
    assert (l2t2.funding[0].source, l2t2.funding[0].sipd_code) == (
        FundingSource.APBD_KABKOTA,
        "1.2.1.01.02",
    )
    assert l2t2.forward_pagu == Rupiah(150_000_000)
    assert l2t2.forward_target == "300 RT"
    assert rkpd.total_pagu() == Rupiah(2_570_000_000)
    mismatch = {d.params["label"] for d in _codes(result, "total-mismatch")}
    assert mismatch == {"1.03.06", "1.03.06.2.01"}


def test_renja_label_block_and_bad_amount() -> None:
    result = read_file(FIXTURES / "renja_dpupr_2025.xlsx")
    renja = result.documents[0]
    assert renja.year == 2025
    assert renja.agency.name == "Dinas Pekerjaan Umum dan Penataan Ruang"
    first = renja.lines[0]
    assert str(first.code) == "1.03.05.2.01.0036"
    assert first.name.startswith("Pembangunan Instalasi")
    assert first.pagu == Rupiah(1_500_000_000)
    drainase = renja.lines[2]
    assert drainase.pagu is None
    assert drainase.extras["Pagu Indikatif"] == "satu miliar"
    (bad,) = _codes(result, "unparseable-number")
    assert bad.severity is Severity.ERROR
    assert bad.location.cell == "F10"
    with pytest.raises(StrictImportError) as info:
        read_file(FIXTURES / "renja_dpupr_2025.xlsx", strict=True)
    assert "F10" in info.value.message("id")
    assert "satu miliar" in info.value.message("en")


def test_dpa_sipd_codes_and_kept_columns() -> None:
    result = read_file(FIXTURES / "dpa_dpupr_2025.xlsx")
    dpa = result.documents[0]
    assert dpa.year == 2025
    assert dpa.agency.name == "Dinas Pekerjaan Umum dan Penataan Ruang"
    assert [line.funding[0].source for line in dpa.lines] == [
        FundingSource.DAK_FISIK,
        FundingSource.APBD_KABKOTA,
        FundingSource.APBD_KABKOTA,
    ]
    assert dpa.lines[2].pagu == Rupiah(0)
    assert dpa.lines[2].notes == "ditunda"
    assert dpa.lines[0].extras["TOLAK UKUR KELUARAN"] == "Kapasitas IPLT"
    assert dpa.total_pagu() == Rupiah(1_550_000_000)


def test_renstra_roman_year_columns() -> None:
    renstra = read_file(FIXTURES / "renstra_dpupr_2025_2029.xlsx").documents[0]
    assert str(renstra.period) == "2025-2029"
    assert renstra.agency.key == "dinas pekerjaan umum penataan ruang"
    program = renstra.lines[0]
    assert program.level is CodeLevel.PROGRAM
    assert program.pagu_in(2026) == Rupiah(1_000_000_000)
    assert [t.text for t in program.indicators[0].targets] == ["10", "12", "14", "16", "18"]
    assert program.indicators[0].baseline == "8"
    assert program.extras["Kondisi Akhir"] == "18"


def test_rpjmd_three_row_header() -> None:
    rpjmd = read_file(FIXTURES / "rpjmd_gunung_mas_2025_2029.xlsx").documents[0]
    air_limbah = rpjmd.programs[0]
    assert air_limbah.pagu_in(2025) == Rupiah(1_650_000_000)
    assert air_limbah.pagu_in(2027) == Rupiah(800_000_000)
    assert [(t.year, t.value) for t in air_limbah.indicators[0].targets] == [
        (2025, Decimal(10)),
        (2026, Decimal(12)),
        (2027, Decimal(14)),
    ]
    assert air_limbah.agencies[0].name == "Dinas PUPR"


def test_access_profile() -> None:
    bps = read_file(FIXTURES / "akses_sanitasi_gunung_mas_2023.xlsx").documents[0]
    kurun, _sepang, tewah = bps.access_profiles
    assert kurun.year == 2023
    assert kurun.aman == Decimal("10.5")
    assert kurun.total == 100
    assert tewah.total == 94  # rule STR006 will report it


def test_milestone_log_dates_as_text_and_serials() -> None:
    record = read_file(FIXTURES / "milestones_mahakam_ulu.xlsx").documents[0]
    m1, _m2, m3, m4 = record.milestones
    assert (m1.code, m1.completed_date.isoformat()) == (MilestoneCode.M1, "2022-03-15")  # type: ignore[union-attr]
    assert m3.completed_date.isoformat() == "2023-06-23"  # type: ignore[union-attr]
    assert m4.code is MilestoneCode.M4
    assert m4.state is MilestoneState.IN_PROGRESS
    assert m4.designation_decree == "100.4.3-1037/Kep/Bangda/2023"
    kickoff, cc = record.events
    assert kickoff.kind is EventKind.KICK_OFF
    assert kickoff.date.isoformat() == "2024-03-04"
    assert (cc.kind, cc.number, cc.time.hour) == (EventKind.COACHING_CLINIC, 7, 13)  # type: ignore[union-attr]
    assert record.reports[0].recipient is ReportRecipient.NAWASIS
    assert record.reports[0].year == 2024


# --- third-party files --------------------------------------------------------------------


@pytest.mark.realdata
def test_header_block_workbook_labels(shared_data: Path) -> None:
    (grid,) = read_grids(shared_data / "layouts" / "dkkb_realisasi_header_block.xlsx")
    titles, labels = _titles_and_labels(grid, 10)
    assert titles[0] == "LAPORAN REALISASI ANGGARAN"
    assert labels["sumber anggaran"] == "PAD MURNI"
    assert labels["program"] == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI"
    assert labels["kegiatan"] == ""
    with pytest.raises(RecognitionError) as info:  # no region in its titles: ask for it
        read_file(shared_data / "layouts" / "dkkb_realisasi_header_block.xlsx", kind="dpa")
    assert info.value.key == "recognise.region-missing"
    result = read_file(
        shared_data / "layouts" / "dkkb_realisasi_header_block.xlsx",
        kind="dpa",
        region="35",
        year=2025,
    )
    assert result.documents[0].lines == ()


@pytest.mark.realdata
def test_template_with_formula_cells(shared_data: Path) -> None:
    grids = read_grids(shared_data / "layouts" / "contoh_bkk_infrastruktur.xlsx")
    data = grids[0]
    assert data.formulas[(2, 0)] == "=+A2+1"
    assert data.rows[2][0] == 2.0  # the cached value is read
    assert [g.sheet for g in grids] == ["data", "data pencairan", "Sheet3"]


@pytest.mark.realdata
@pytest.mark.parametrize(
    "name", ["regencies_bom_crlf_semicolon.csv", "regencies_semicolon_quoted_2022.csv"]
)
def test_quirky_csvs_read_cleanly(shared_data: Path, name: str) -> None:
    (grid,) = read_grids(shared_data / "quirks" / name)
    assert list(grid.rows[0]) == ["id", "province_id", "name"]
    assert len(grid.rows) > 500
    assert all(len(row) == 3 for row in grid.rows if row)
    with pytest.raises(SpreadsheetError) as info:  # a region list is no planning table
        read_file(shared_data / "quirks" / name)
    assert info.value.key == "import.no-table"


@pytest.mark.realdata
def test_other_templates_are_refused_clearly(shared_data: Path) -> None:
    with pytest.raises(SpreadsheetError) as info:
        read_file(shared_data / "layouts" / "contoh_usulan.xlsx")
    assert "contoh_usulan.xlsx" in info.value.message("id")


# --- bad input ----------------------------------------------------------------------------


def test_bad_files(tmp_path: Path) -> None:
    empty = tmp_path / "kosong.xlsx"
    empty.write_bytes(b"")
    text = tmp_path / "catatan.xlsx"
    text.write_text("ini bukan spreadsheet")
    protected = tmp_path / "rahasia.xlsx"
    protected.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    truncated = tmp_path / "rusak.xlsx"
    truncated.write_bytes((FIXTURES / "rkpd_gunung_mas_2025.xlsx").read_bytes()[:700])
    picture = tmp_path / "foto.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    cases = {
        empty: "workbook.empty",
        text: "workbook.corrupt",
        protected: "workbook.protected",
        truncated: "workbook.corrupt",
        picture: "workbook.not-spreadsheet",
        tmp_path / "tidak-ada.xlsx": "workbook.missing",
        tmp_path: "workbook.is-folder",
    }
    for path, key in cases.items():
        with pytest.raises(SpreadsheetError) as info:
            read_file(path)
        assert info.value.key == key, path
        for lang in ("id", "en"):
            assert path.name in info.value.message(lang)


def _workbook(tmp_path: Path, name: str, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    wb.save(path)
    return path


def test_ambiguous_header_asks_for_kind(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        "tabel.xlsx",
        [
            ["Kabupaten Gunung Mas 2025"],
            [
                "Kode",
                "Program/Kegiatan",
                "Indikator",
                "Target",
                "Lokasi",
                "Pagu Indikatif",
                "Sumber Dana",
            ],
            ["1.03.05.2.01.0036", "Pembangunan IPLT", "Kapasitas", "20", "Kurun", 1000, "APBD"],
        ],
    )
    with pytest.raises(RecognitionError) as info:
        read_file(path)
    assert info.value.key == "recognise.ambiguous"
    # the Python API's spelling here; the command line says --kind (tests/test_cli.py)
    assert info.value.message("en").endswith("pass kind=.")
    assert "--kind" not in info.value.message("en")
    renja = read_file(path, kind="renja-pd", agency="Dinas PUPR").documents[0]
    assert renja.year == 2025
    assert renja.lines[0].pagu == Rupiah(1000)


def test_no_table_names_the_sheets(tmp_path: Path) -> None:
    path = _workbook(tmp_path, "catatan.xlsx", [["Catatan rapat"], ["tidak ada tabel di sini"]])
    with pytest.raises(SpreadsheetError) as info:
        read_file(path)
    assert info.value.key == "import.no-table"
    assert "Sheet" in info.value.message("en")


def test_excel_errors_dates_and_the_last_row(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["RKPD KABUPATEN LEBONG TAHUN 2026"])
    ws.append(["Kode", "Program/Kegiatan", "Pagu Indikatif", "Sumber Dana"])
    ws.append(["1.03.05.2.01.0036", "Pembangunan IPLT", "#DIV/0!", "APBD"])
    ws.cell(1_048_576, 1, "1.03.06.2.01.0012")
    ws.cell(1_048_576, 2, "Drainase")
    ws.cell(1_048_576, 3, 5000)
    path = tmp_path / "rkpd_besar.xlsx"
    wb.save(path)
    result = read_file(path)
    rkpd = result.documents[0]
    assert rkpd.lines[-1].source.row == 1_048_576
    assert rkpd.lines[-1].pagu == Rupiah(5000)
    (error,) = _codes(result, "cell-error")
    assert error.params["value"] == "#DIV/0!"
    assert error.location.cell == "C3"


def test_merged_block_over_the_whole_table_does_not_break_reading(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["SSK KOTA PALANGKA RAYA 2024-2028"])
    ws.append(["Kegiatan", "Biaya 2024", "Biaya 2025", "OPD"])
    for i in range(120):
        ws.append([f"Kegiatan {i}", 10, 20, "DLH"])
    ws.merge_cells("D3:D122")
    path = tmp_path / "ssk.xlsx"
    wb.save(path)
    ssk = read_file(path).documents[0]
    assert str(ssk.region) == "62.71"
    assert len(ssk.activities) == 120
    assert ssk.activities[0].agency is not None


def test_duplicate_and_unnamed_columns_are_kept(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        "ssk.xlsx",
        [
            ["MATRIKS SSK KABUPATEN GUNUNG MAS 2024-2028"],
            ["Kegiatan", "Biaya 2024", "Biaya 2024", None, "OPD"],
            ["Pembangunan IPLT", 10, 11, "catatan tanpa judul", "Dinas PUPR"],
        ],
    )
    result = read_file(path)
    activity = result.documents[0].activities[0]
    assert activity.cost_in(2024) == Rupiah(10)
    assert activity.extras == {"Biaya 2024": 11, "Kolom D": "catatan tanpa judul"}
    duplicate = _codes(result, "duplicate-header")[0]
    assert duplicate.location.cell == "C2"
    assert duplicate.params["first"] == "B"
    assert _codes(result, "unnamed-column")[0].location.column == "D"


def test_renstra_target_and_dana_per_year_form(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        "renstra.xlsx",
        [
            ["RENSTRA DINAS LINGKUNGAN HIDUP KOTA PALANGKA RAYA 2025-2029"],
            [
                "SASARAN",
                "KODE",
                "PROGRAM DAN KEGIATAN",
                "SATUAN",
                "INDIKATOR",
                "DATA CAPAIAN AWAL",
                "TARGET TAHUN 1",
                "DANA TAHUN 1",
                "TARGET TAHUN 2",
                "DANA TAHUN 2",
                "LOKASI",
                "KETERANGAN",
            ],
            [
                "Sampah tertangani",
                "2.11.11",
                "PROGRAM PENGELOLAAN PERSAMPAHAN",
                "%",
                "Sampah tertangani",
                "60",
                "65",
                "Rp 1.000.000.000",
                "70",
                "1.100.000.000",
                "Kota",
                None,
            ],
        ],
    )
    renstra = read_file(path).documents[0]
    assert renstra.agency.name == "DINAS LINGKUNGAN HIDUP"
    assert str(renstra.period) == "2025-2029"
    line = renstra.lines[0]
    assert line.pagu_in(2026) == Rupiah(1_100_000_000)
    assert [t.text for t in line.indicators[0].targets] == ["65", "70"]
    assert line.extras["SASARAN"] == "Sampah tertangani"


def test_windows_1252_csv(tmp_path: Path) -> None:
    path = tmp_path / "rkpd.csv"
    text = (
        "RKPD Kabupaten Lebong Tahun 2025\r\nKode;Uraian;Pagu Indikatif;Keterangan\r\n"
        "1.03.05.2.01.0036;Pembangunan IPLT – tahap I;1.000.000;catatan ½\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    result = read_file(path, kind="rkpd")
    line = result.documents[0].lines[0]
    assert line.name == "Pembangunan IPLT – tahap I" and line.notes == "catatan ½"
    assert line.pagu == Rupiah(1_000_000)


def test_layout_and_table_helpers() -> None:
    from ppsp.io.sheets.layouts import SSK_MATRIX
    from ppsp.io.sheets.tables import read_table

    assert SSK_MATRIX.field("costs").group == "year"
    with pytest.raises(KeyError):
        SSK_MATRIX.field("no such field")
    (grid,) = read_grids(FIXTURES / "ssk_gunung_mas_2024_2028.xlsx")
    table = read_table(grid, SSK_MATRIX)
    assert table is not None
    code_column = next(c for c in table.columns if c.field is not None and c.field.name == "code")
    assert table.location(9, code_column).cell == "C10"
    assert table.location().sheet == "Matriks SSK"


def test_unknown_agency_is_reported_and_kept(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        "ssk.xlsx",
        [
            ["MATRIKS SSK KABUPATEN GUNUNG MAS 2024-2028"],
            ["Kegiatan", "Biaya 2025", "SKPD Penanggung Jawab"],
            ["Pembangunan IPLT", 10, "DPUPR"],
            ["Pemicuan STBM", 5, "APBD Kab"],
        ],
    )
    result = read_file(path)
    (unknown,) = _codes(result, "unknown-agency")
    assert unknown.params["value"] == "APBD Kab" and unknown.location.cell == "C4"
    assert result.documents[0].activities[1].agency.name == "APBD Kab"


def test_an_ssk_workbook_with_a_targets_sheet_is_one_ssk() -> None:
    from ppsp.domain import AccessMeasure
    from ppsp.io.sheets.importer import read_bundle, read_file

    path = Path(__file__).resolve().parent.parent / "examples" / "gunung-mas"
    workbook = path / "ssk_matriks_program_2024_2028.xlsx"
    result = read_file(workbook)
    assert [r.sheet for r in result.recognitions] == ["Matriks SSK", "Target SSK", "Pokja"]
    # the Pokja sheet names no period: it shares the workbook's
    assert {str(r.period) for r in result.recognitions} == {"2024-2028"}
    bundle = read_bundle([workbook]).bundle
    (ssk,) = bundle.ssk
    assert len(ssk.activities) == 9
    final = {t.measure: t for t in ssk.targets if t.year == 2028 and t.measure}
    assert {m: t.value for m, t in final.items()} == {
        AccessMeasure.LAYAK: Decimal(90),
        AccessMeasure.AMAN: Decimal(12),
        AccessMeasure.BABS: Decimal(0),
    }
    assert final[AccessMeasure.AMAN].cells["value"].cell == "I7"
    # the baseline "7,2" as the number it is (written as a number by the xlsx export)
    assert final[AccessMeasure.AMAN].extras["Kondisi Awal (2023)"] == "7.2"
    assert ssk.working_group is not None and ssk.working_group.kind.value == "pkp"
    first_row = ssk.working_group.extras["rows"][0]
    assert (first_row["row"], first_row["role"]) == (4, "Ketua")
    assert [m.name for m in ssk.working_group.members][:2] == [
        "Badan Perencanaan Pembangunan Daerah",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
    ]


def _two_renja(path: Path, title_between: bool) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Renja"
    sheet["A1"] = "RENCANA KERJA PERANGKAT DAERAH KABUPATEN GUNUNG MAS TAHUN 2025"
    sheet["A2"] = "PERANGKAT DAERAH : Dinas Kesehatan"
    header = [
        "Kode",
        "Program/Kegiatan/Sub Kegiatan",
        "Indikator Kinerja",
        "Target",
        "Lokasi",
        "Pagu Indikatif",
        "Sumber Dana",
    ]
    sheet.append([])
    sheet.append(header)
    sheet.append(
        [
            "1.02.05.2.02.0001",
            "Penyelenggaraan Promosi Kesehatan",
            "Desa STBM",
            "20",
            "20 desa",
            "120.000.000",
            "APBD",
        ]
    )
    sheet.append([])
    if title_between:
        sheet.append(["PERANGKAT DAERAH : Dinas Lingkungan Hidup"])
        sheet.append([])
    sheet.append(header)
    sheet.append(
        [
            "2.11.11.2.01.0007",
            "Penyediaan Sarana Persampahan",
            "TPS 3R",
            "1",
            "Kuala Kurun",
            "750.000.000",
            "APBD",
        ]
    )
    sheet.append(
        [
            "2.11.11.2.01.0005",
            "Koordinasi Persampahan",
            "Dokumen",
            "1",
            "Kabupaten",
            "200.000.000",
            "APBD",
        ]
    )
    book.save(path)


def test_two_tables_on_one_sheet_are_two_documents(tmp_path: Path) -> None:
    path = tmp_path / "renja.xlsx"
    _two_renja(path, title_between=True)
    result = read_file(path)
    first, second = result.documents
    assert (first.agency.name, second.agency.name) == ("Dinas Kesehatan", "Dinas Lingkungan Hidup")
    assert second.year == 2025 and str(second.region) == "62.10"
    assert [line.source.row for line in second.lines] == [10, 11]
    assert [line.cells["pagu"].cell for line in second.lines] == ["F10", "F11"]
    assert not [d for d in result.diagnostics if d.severity.value == "error"]


def test_a_header_repeated_on_a_new_page_is_one_table(tmp_path: Path) -> None:
    path = tmp_path / "renja.xlsx"
    _two_renja(path, title_between=False)
    (document,) = read_file(path).documents
    assert [str(line.code) for line in document.lines] == [
        "1.02.05.2.02.0001",
        "2.11.11.2.01.0007",
        "2.11.11.2.01.0005",
    ]


def test_readiness_criteria_rows_of_a_milestone_log() -> None:
    from ppsp.domain import FundingSource

    path = Path(__file__).resolve().parent.parent / "examples" / "gunung-mas"
    (log,) = read_file(path / "log_pelaksanaan_ssk.xlsx").documents
    (criteria,) = log.readiness
    assert criteria.activity == "Pembangunan IPLT Kuala Kurun"
    assert criteria.funding_source is FundingSource.DAK_FISIK and criteria.year == 2025
    assert criteria.recorded_on.isoformat() == "2024-09-15"
    assert criteria.extras["notes"] == "diunggah di eMonitoring DAK"
    assert criteria.source.row == 10


def test_a_column_read_as_the_field_of_another_names_that_ones_header(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        "ssk.xlsx",
        [
            ["MATRIKS SSK KABUPATEN GUNUNG MAS 2024-2028"],
            ["Kegiatan", "Biaya 2024", "Biaya 2024", "OPD"],
            ["Pembangunan IPLT", 10, 11, "Dinas PUPR"],
        ],
    )
    duplicate = _codes(read_file(path), "duplicate-header")[0]
    message = duplicate.message("en")
    assert "column B ('Biaya 2024')" in message and "same field" in message


def test_no_table_found_still_says_what_reading_noticed(tmp_path: Path) -> None:
    # the table may sit on the hidden sheet: the one error says so, in the reader's language
    wb = Workbook()
    wb.active.title = "Catatan"
    wb.active["A1"] = "Lihat lembar berikutnya"
    hidden = wb.create_sheet("RKPD 2025")
    hidden["A1"] = "tabel"
    hidden.sheet_state = "hidden"
    path = tmp_path / "rkpd.xlsx"
    wb.save(path)
    with pytest.raises(SpreadsheetError) as raised:
        read_file(path, region="62.10", year=2025)
    assert "RKPD 2025" in raised.value.message("en")
    assert "Reading also noticed" in raised.value.message("en")
    assert "Saat membaca juga ditemukan" in raised.value.message("id")
    with pytest.raises(SpreadsheetError) as raised:
        read_file(path, kind="rkpd", region="62.10", year=2025)
    assert "Reading also noticed" in raised.value.message("en")


def test_a_region_given_against_the_titles_is_used_and_said() -> None:
    path = FIXTURES / "ssk_gunung_mas_2024_2028.xlsx"
    given = read_file(path, region="72.03")
    assert str(given.documents[0].region) == "72.03"
    said = [d for d in given.diagnostics if d.code == "region-overridden"]
    assert len(said) == 1
    assert "Kabupaten Gunung Mas (62.10)" in said[0].message("en")
    assert "wilayah yang diberikan 72.03" in said[0].message("id")
    # kept in the bundle, so that a check of the bundle says it too
    assert said[0].code in HIDDEN_FROM_VIEW
    agreeing = read_file(path, region="62.10")
    assert not [d for d in agreeing.diagnostics if d.code == "region-overridden"]
