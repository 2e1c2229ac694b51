"""What the fast import keeps: offsets, the XML read in pieces, error texts, lazy lines."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from ppsp import testing
from ppsp.domain import LazySequence, RegionBundle, Rupiah
from ppsp.io.json import dumps, loads
from ppsp.io.sheets import sheet_scan
from ppsp.io.sheets.cells import text_of
from ppsp.io.sheets.export import write_xlsx
from ppsp.io.sheets.importer import read_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HEADER = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Lokasi", "Pagu Indikatif (Rp)", "Sumber Dana"]


def _rkpd(path: Path, rows: int, *, top: int = 1, left: int = 1) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.cell(top, left, "RKPD KABUPATEN GUNUNG MAS TAHUN 2025")
    for c, text in enumerate(HEADER):
        ws.cell(top + 2, left + c, text)
    for i in range(rows):
        values = [
            f"1.03.05.2.01.{18 + i % 20:04d}",
            f"Sub kegiatan {i}",
            "Kuala Kurun",
            1000 + i,
            "APBD",
        ]
        for c, value in enumerate(values):
            ws.cell(top + 3 + i, left + c, value)
    wb.save(path)
    return path


def test_a_table_that_starts_below_and_right_of_a1(tmp_path: Path) -> None:
    result = read_file(_rkpd(tmp_path / "geser.xlsx", 3, top=5, left=3))
    lines = result.documents[0].lines
    assert [line.source.row for line in lines] == [8, 9, 10]
    assert lines[0].cells["name"].cell == "D8"
    assert lines[2].cells["pagu"].cell == "F10" and lines[2].pagu == Rupiah(1002)


def test_hidden_rows_formulas_and_errors_read_in_small_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _rkpd(tmp_path / "panjang.xlsx", 300)
    wb = __import__("openpyxl").load_workbook(path)
    ws = wb.active
    ws.row_dimensions[250].hidden = True
    ws["D280"] = "=D279+#REF!"  # a formula Excel would show as an error, with no value
    wb.save(path)
    whole = read_file(path)
    monkeypatch.setattr(sheet_scan, "_CHUNK", 700)  # many pieces, each ending after a </row>
    pieces = read_file(path)
    assert pieces.diagnostics == whole.diagnostics
    codes = {(d.code, d.location.cell or d.location.row) for d in pieces.diagnostics}
    assert ("hidden-row", 250) in codes
    assert ("formula-without-value", "D280") in codes


def test_an_error_value_typed_as_text_is_reported_where_it_is(tmp_path: Path) -> None:
    path = _rkpd(tmp_path / "galat.xlsx", 4)
    wb = __import__("openpyxl").load_workbook(path)
    wb.active["B6"] = " #N/A "
    wb.save(path)
    result = read_file(path)
    (error,) = [d for d in result.diagnostics if d.code == "cell-error"]
    assert (error.location.cell, error.params["value"]) == ("B6", "#N/A")


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=20))
def test_text_of_collapses_white_space_like_split_and_join(text: str) -> None:
    assert text_of(text) == " ".join(text.split())


def test_imported_lines_are_made_when_read_and_round_trip() -> None:
    result = read_file(FIXTURES / "rkpd_gunung_mas_2025.xlsx")
    rkpd = result.documents[0]
    assert isinstance(rkpd.lines, LazySequence)
    made = tuple(rkpd.lines)
    assert rkpd.lines == made and rkpd.lines[3] == made[3] and rkpd.lines[-1] == made[-1]
    assert loads(dumps(rkpd)) == rkpd
    again = pickle.loads(pickle.dumps(rkpd))
    assert again == rkpd and isinstance(again.lines, tuple)
    bundle = RegionBundle(region=rkpd.region, rkpd=(rkpd,))
    assert isinstance(bundle.materialised().rkpd[0].lines, tuple)
    assert bundle.materialised() == bundle


def test_reading_makes_no_line_before_it_is_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the import's own checks (an empty document is said) never make the lines: writing the
    # bundle makes each once, and no more
    from ppsp.io.sheets.layouts import annual as layouts

    made: list[int] = []
    plan_line = layouts._plan_line

    def counted(*args: object, **kwargs: object) -> object:
        made.append(1)
        return plan_line(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(layouts, "_plan_line", counted)
    rkpd = read_file(_rkpd(tmp_path / "rkpd.xlsx", 30)).documents[0]
    assert isinstance(rkpd.lines, LazySequence) and len(rkpd.lines) == 30
    assert made == []
    dumps(rkpd)
    assert len(made) == 30


def test_lazy_lines_export_and_read_back(tmp_path: Path) -> None:
    rkpd = read_file(FIXTURES / "rkpd_gunung_mas_2025.xlsx").documents[0]
    back = read_file(write_xlsx(rkpd, tmp_path / "bersih.xlsx")).documents[0]
    assert tuple(back.lines) == tuple(rkpd.lines)


def test_rows_of_text_amounts_do_not_end_the_table(tmp_path: Path) -> None:
    """A data row of texts only (amounts as ``1.000.000,00``) can score as some layout's header;
    it reads as data of this table (a code, an amount), so the table goes on."""
    wb = Workbook()
    ws = wb.active
    ws.append(["RKPD KABUPATEN GUNUNG MAS TAHUN 2025"])
    ws.append(
        [
            "Kode",
            "Program/Kegiatan/Sub Kegiatan",
            "Indikator Kinerja",
            "Target",
            "Lokasi",
            "Pagu Indikatif (Rp)",
            "Sumber Dana",
            "Perangkat Daerah",
        ]
    )
    for i in range(30):
        if i == 10:
            ws.append(["A. AIR LIMBAH DOMESTIK"])  # one text alone: title-like
        ws.append(
            [
                f"1.03.05.2.01.{18 + i:04d}",
                f"Sub kegiatan sanitasi nomor {i}",
                "Kapasitas terpasang",
                f"{i} unit",
                f"Kecamatan {i % 4}",
                f"{(1_000 + i) * 1000:,}".replace(",", ".") + ",00",
                "APBD Kab",
                "Dinas Pekerjaan Umum dan Penataan Ruang",
            ]
        )
    path = tmp_path / "rkpd_teks.xlsx"
    wb.save(path)
    result = read_file(path)
    assert len(result.documents) == 1
    lines = result.documents[0].lines
    assert len(lines) == 30
    assert lines[29].pagu == Rupiah(1_029_000) and lines[29].source.row == 33


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_a_long_csv_is_read_as_a_stream(tmp_path: Path, encoding: str) -> None:
    """The separator comes from the file's head; a character far beyond it still decodes."""
    lines = ["RKPD KABUPATEN GUNUNG MAS TAHUN 2025", "Kode;Program/Kegiatan;Lokasi;Pagu Indikatif"]
    lines += [f"1.03.05.2.01.0036;Sub kegiatan {i};Kuala Kurun;1.000.000" for i in range(3000)]
    lines.append("1.03.05.2.01.0033;Penyedotan lumpur tinja — café;Tewah;2.500.000,50")
    path = tmp_path / "rkpd_panjang.csv"
    path.write_bytes("\r\n".join(lines).encode(encoding))
    assert path.stat().st_size > 2 * 65536
    rkpd = read_file(path).documents[0]
    assert len(rkpd.lines) == 3001
    assert rkpd.lines[-1].name == "Penyedotan lumpur tinja — café"
    assert rkpd.lines[-1].pagu == Rupiah("2500000.50")
    assert rkpd.lines[-1].source.row == 3003


def test_a_bundle_file_is_read_once_and_its_hash_is_of_those_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    from ppsp.auditing import gather
    from ppsp.rules.report import InputFile

    rkpd = read_file(_rkpd(tmp_path / "rkpd.xlsx", 5)).documents[0]
    path = tmp_path / "bundle.json"
    path.write_text(dumps(RegionBundle(region=rkpd.region, rkpd=(rkpd,))), encoding="utf-8")

    def no_second_read(cls: type, file: object) -> object:
        raise AssertionError("the bundle is read and hashed a second time")

    monkeypatch.setattr(InputFile, "of", classmethod(no_second_read))
    sources = gather(path)
    assert sources.inputs == (InputFile(str(path), hashlib.sha256(path.read_bytes()).hexdigest()),)
    assert tuple(sources.bundle.rkpd[0].lines) == tuple(rkpd.lines)


@pytest.mark.parametrize(
    "name", ["rkpd_gunung_mas_2025.xlsx", "renja_dpupr_2025.xlsx", "dpa_dpupr_2025.xlsx"]
)
def test_lines_made_without_the_checking_wrapper_are_what_it_makes(name: str) -> None:
    # the reader gives each field a value of its type: the checking constructor (which
    # attrs.evolve calls) takes every one as it is, and makes an equal line
    import attrs

    documents = read_file(FIXTURES / name).documents
    lines = [line for document in documents for line in document.lines]
    assert lines and any(isinstance(d.lines, LazySequence) for d in documents)
    for line in lines:
        again = attrs.evolve(line)
        assert again == line
        for field in attrs.fields(type(line)):
            assert type(getattr(again, field.name)) is type(getattr(line, field.name))


@settings(max_examples=60, deadline=None)
@given(line=testing.plan_lines() | testing.dpas().map(lambda dpa: dpa.lines[:1]))
def test_the_readers_constructor_makes_what_the_class_makes(line: Any) -> None:
    from ppsp.io.sheets.tables import typed_constructor

    if isinstance(line, tuple):  # the first line of a DPA, when it has one
        if not line:
            return
        line = line[0]

    values = {f.name: getattr(line, f.name) for f in attrs.fields(type(line)) if f.init}
    made = typed_constructor(type(line))(**values)
    assert made == line and repr(made) == repr(line)
    assert all(getattr(made, name) is getattr(line, name) for name in ("source", "funding"))


def test_the_readers_constructor_converts_defaults_and_runs_validators() -> None:
    from ppsp.domain import BudgetLine, PlanLine, Rupiah, YearAmount
    from ppsp.domain.extras import EMPTY
    from ppsp.errors import PpspError
    from ppsp.io.sheets.tables import typed_constructor

    plain = typed_constructor(PlanLine)(name="IPLT")
    assert plain == PlanLine(name="IPLT") and plain.extras is EMPTY and not plain.cells
    kept = typed_constructor(BudgetLine)(name="IPLT", extras={"Mulai": "Januari"})
    assert kept == BudgetLine(name="IPLT", extras={"Mulai": "Januari"})
    with pytest.raises(PpspError):  # the year's validator
        typed_constructor(YearAmount)(year=12345, amount=Rupiah.parse("1"))
