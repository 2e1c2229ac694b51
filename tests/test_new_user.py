"""What a new user found: options named as the reader spells them, CSV messages without a
sheet, documents read empty said, Pokja roles and baseline numbers kept by the clean xlsx, no
English under ``--lang id``, and the column a duplicate header is compared with."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from ppsp.cli import main
from ppsp.errors import PpspError
from ppsp.i18n import get_language, set_language
from ppsp.io.diagnostics import SpreadsheetError
from ppsp.io.sheets.export import write_xlsx
from ppsp.io.sheets.importer import read_bundle, read_file
from ppsp.io.sheets.recognise import RecognitionError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "gunung-mas"


@pytest.fixture(autouse=True)
def _language() -> Iterator[None]:
    """``--lang`` sets the language for the process: put back the one before."""
    before = get_language()
    yield
    set_language(before)


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


_SSK_WITHOUT_REGION = (
    "Subsektor;Kode dan Kegiatan;Biaya 2024 (Rp 000);SKPD\n"
    "Air Limbah;Penyediaan IPAL;500.000;Dinas PUPR\nPersampahan;Truk;250.000;DLH\n"
)


def _csv(tmp_path: Path, text: str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the CLI says --kind, the API says kind= ---------------------------------------------------


def test_the_command_line_names_its_options_and_the_api_its_keywords(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _csv(tmp_path, "a;b\n1;2\n")
    with pytest.raises(SpreadsheetError) as refused:
        read_file(path, region="62.10")
    api = refused.value.message("en")
    # no table of any layout: a kind given would find none either, so none is asked for
    assert "kind=" not in api and "--kind" not in api and "check the header row" in api
    code, err = _cli(capsys, "import", str(path), "--region", "62.10", "--lang", "en")
    assert code == 2
    assert "kind" not in err and "check the header row" in err
    table = _csv(tmp_path, _SSK_WITHOUT_REGION, "ssk.csv")
    code, err = _cli(capsys, "import", str(table), "--lang", "id")
    assert code == 2 and "berikan --region dengan kode seperti 62.10" in err
    assert "region=" not in err
    # and the API again after the command line ran in this process
    with pytest.raises(RecognitionError) as refused:
        read_file(table)
    assert "pass region= with a code such as 62.10" in refused.value.message("en")


def test_no_table_of_a_given_kind_asks_for_no_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _csv(tmp_path, "a;b\n1;2\n")
    code, err = _cli(
        capsys,
        "import",
        str(path),
        "--region",
        "62.10",
        "--year",
        "2025",
        "--kind",
        "rkpd",
        "--lang",
        "en",
    )
    assert code == 2
    assert "no table of the kind rkpd was found" in err
    assert "--kind" not in err and "kind=" not in err
    with pytest.raises(SpreadsheetError) as refused:
        read_file(EXAMPLES / "rkpd_2025.xlsx", kind="bps")
    assert refused.value.key == "import.no-table-of-kind"
    assert "(sheets: " in refused.value.message("en")  # a workbook has sheets to name


# --- a CSV has no sheet ------------------------------------------------------------------------


def test_csv_messages_name_the_file_and_row_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _csv(tmp_path, _SSK_WITHOUT_REGION)
    with pytest.raises(PpspError) as refused:
        read_file(path)
    for lang in ("en", "id"):
        text = refused.value.message(lang)
        assert text.startswith(f"{path}: ")
        assert "sheet" not in text and "lembar" not in text and " '' " not in text
    nothing = _csv(tmp_path, "a;b\n1;2\n", "nothing.csv")
    with pytest.raises(SpreadsheetError) as refused:
        read_file(nothing, region="62.10")
    assert "(sheets" not in refused.value.message("en")
    assert "(lembar" not in refused.value.message("id")
    ssk = EXAMPLES.parent.parent / "tests" / "fixtures" / "ssk_mahakam_ulu.csv"
    code, err = _cli(capsys, "import", str(ssk), "-o", str(tmp_path / "b.json"))
    assert code == 0
    recognised = next(line for line in err.splitlines() if "ssk" in line and "(" in line)
    assert "[-]" not in recognised and "[]" not in recognised


# --- a document read with no line is said ------------------------------------------------------


def _empty_dpa(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "DPA"
    sheet.append(["DOKUMEN PELAKSANAAN ANGGARAN"])
    sheet.append(["Dinas PUPR Kabupaten Gunung Mas Tahun 2025"])
    sheet.append(["Kode Rekening", "Uraian", "Volume", "Satuan", "Harga Satuan", "Jumlah"])
    book.save(tmp_path / "dpa.xlsx")
    return tmp_path / "dpa.xlsx"


def test_a_document_read_with_no_line_is_a_warning_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _empty_dpa(tmp_path)
    result = read_file(path, region="62.10", year=2025, kind="dpa", agency="Dinas PUPR")
    assert len(result.documents) == 1 and not result.documents[0].lines
    empty = [d for d in result.diagnostics if d.code == "empty-document"]
    assert len(empty) == 1 and empty[0].location is not None
    assert empty[0].location.sheet == "DPA"
    args = ["import", str(path), "--region", "62.10", "--year", "2025", "--kind", "dpa"]
    args += ["--agency", "Dinas PUPR", "-o", str(tmp_path / "b.json")]
    code, err = _cli(capsys, *args, "--lang", "en")
    assert code == 0 and "warning: " in err and "has no line" in err
    code, err = _cli(capsys, *args, "--lang", "id")
    assert code == 0 and "peringatan: " in err and "tidak memiliki satu baris pun" in err
    # a document with lines says nothing of the kind
    full = read_file(EXAMPLES / "dpa_dinas_pupr_2025.xlsx")
    assert not [d for d in full.diagnostics if d.code == "empty-document"]


# --- the clean xlsx keeps Pokja roles and writes numbers ---------------------------------------


def test_the_clean_xlsx_keeps_pokja_roles_and_writes_the_baseline_as_a_number(
    tmp_path: Path,
) -> None:
    # the matrix, the targets and the Pokja sheets make one SSK
    ssk = read_bundle([EXAMPLES / "ssk_matriks_program_2024_2028.xlsx"]).bundle.ssk[0]
    clean = write_xlsx(ssk, tmp_path / "ssk.xlsx")
    book = openpyxl.load_workbook(clean)
    pokja = list(book["Pokja"].iter_rows(values_only=True))[3:]
    assert pokja[0] == ("Ketua", "Chair", "Badan Perencanaan Pembangunan Daerah")
    assert pokja[1] == ("Sekretaris", "Secretary", "Dinas Pekerjaan Umum dan Penataan Ruang")
    assert [row[0] for row in pokja[2:]] == ["Anggota", "Anggota"]
    target = list(book["Target"].iter_rows(values_only=True))
    column = target[0].index("Kondisi Awal (2023)")
    baselines = [row[column] for row in target[2:]]
    assert all(isinstance(v, int | float) for v in baselines), baselines
    assert 78.5 in baselines
    # the round trip: read back, nothing is an edit, the roles and baselines as they were
    again = read_bundle([clean])
    assert not [d for d in again.diagnostics if d.severity.value != "info"]
    back = again.bundle.ssk[0]
    assert back.working_group is not None and ssk.working_group is not None
    assert back.working_group.extras == ssk.working_group.extras
    assert [t.extras for t in back.targets] == [t.extras for t in ssk.targets]


# --- the duplicate header names the column it is compared with ---------------------------------


def test_a_duplicate_header_names_the_first_column_read_as_that_field(
    shared_data: Path,
) -> None:
    path = shared_data / "layouts" / "dkkb_realisasi_header_block.xlsx"
    if not path.exists():
        pytest.skip(f"{path.name} not in the shared data")
    result = read_file(path, region="62.10", year=2025, kind="dpa", agency="Dinas PUPR")
    duplicate = [d for d in result.diagnostics if d.code == "duplicate-header"]
    assert len(duplicate) == 1
    (said,) = duplicate
    assert said.location is not None and said.location.column == "T"
    # F is the first column read as the pagu: its header is JUMLAH (D and E, SEBELUM and
    # SETELAH, are read as nothing and said as unknown columns)
    assert said.params == {"header": "JUMLAH REALISASI", "first": "F", "first_header": "JUMLAH"}
    unknown = {d.location.column for d in result.diagnostics if d.code == "unknown-column"}
    assert {"D", "E"} <= unknown


# --- a folder holds a file that is no plan document -------------------------------------------


def _lotim_like_folder(tmp_path: Path) -> Path:
    import shutil

    folder = tmp_path / "wilayah"
    folder.mkdir()
    for name in ("ssk_gunung_mas_2024_2028.xlsx", "rkpd_gunung_mas_2025.xlsx"):
        shutil.copy(Path(__file__).parent / "fixtures" / name, folder / name)
    # the answer key a planner kept beside the plans: no table of any layout
    _csv(folder, "no,kegiatan_ssk,lokasi,rkpd_counterpart\n1,IPAL,Kurun,1.03\n", "answer.csv")
    return folder


def test_a_file_of_a_folder_that_is_no_plan_document_is_left_out_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _lotim_like_folder(tmp_path)
    read = read_bundle([folder])
    assert read.bundle.ssk is not None and read.bundle.rkpd
    (said,) = [d for d in read.diagnostics if d.code == "file-skipped"]
    assert said.severity.value == "warning" and said.location is not None
    assert said.location.file == str(folder / "answer.csv")
    english = said.message("en")
    assert "answer.csv" in english and "left out" in english and "kind" not in english
    assert "dilewati" in said.message("id")
    # the bundle keeps it, so that a check of the bundle (and every report) says it
    assert "file-skipped" in {f.code for f in read.bundle.import_findings}
    # the command line: import and check read the rest, and say which file was left out
    bundle = tmp_path / "bundle.json"
    code, err = _cli(capsys, "import", str(folder), "-o", str(bundle), "--lang", "en")
    assert code == 0 and bundle.is_file()
    assert "answer.csv: no table of a known layout" in err and "--kind" not in err
    report = tmp_path / "report.txt"
    code, err = _cli(capsys, "check", str(folder), "--year", "2025", "-o", str(report))
    assert code in (0, 1) and "answer.csv" in err
    assert "answer.csv" in report.read_text(encoding="utf-8")
    code, err = _cli(capsys, "check", str(folder), "--year", "2025", "--lang", "id")
    assert "answer.csv: tidak ditemukan tabel" in err and "dilewati" in err


def test_a_file_given_by_name_that_is_no_plan_document_is_still_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _lotim_like_folder(tmp_path)
    answer = folder / "answer.csv"
    with pytest.raises(SpreadsheetError) as refused:
        read_bundle([folder / "ssk_gunung_mas_2024_2028.xlsx", answer])
    assert refused.value.key == "import.no-table"
    code, err = _cli(capsys, "import", str(answer), "-o", str(tmp_path / "b.json"))
    assert code == 2 and "answer.csv" in err and "--kind" not in err


# --- a DPA's organisation as SIPD writes it -----------------------------------------------------


def test_the_agency_of_a_dpa_title_drops_the_organisation_code_and_its_dash(
    tmp_path: Path,
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sub Kegiatan"
    rows: list[list[object]] = [
        ["DOKUMEN PELAKSANAAN ANGGARAN SATUAN KERJA PERANGKAT DAERAH (DPA-SKPD)"],
        ["PEMERINTAH KABUPATEN GUNUNG MAS TAHUN ANGGARAN 2026"],
        ["Urusan Pemerintahan : 1.03 - URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM"],
        ["Organisasi : 1.03.0.00.0.00.01.0000 - Dinas Pekerjaan Umum dan Penataan Ruang"],
        [],
        [
            "KODE SUB KEGIATAN",
            "PROGRAM DAN KEGIATAN",
            "TOLAK UKUR KELUARAN",
            "SUMBER DANA",
            "LOKASI",
            "JUMLAH PAGU",
        ],
        ["1.03.05.2.01.0036", "Pembangunan IPLT", "Jumlah IPLT", "DAU", "Kuala Kurun", 10**9],
    ]
    for row in rows:
        sheet.append(row)
    path = tmp_path / "dpa_pupr_2026.xlsx"
    book.save(path)
    read = read_file(path)
    (dpa,) = read.documents
    assert dpa.agency.name == "Dinas Pekerjaan Umum dan Penataan Ruang"
    assert dpa.agency.code == "1.03.0.00.0.00.01.0000"
    said = "; ".join(read.recognitions[0].explain("en"))
    assert "- Dinas" not in said and "Dinas Pekerjaan Umum dan Penataan Ruang" in said


# --- the count of links to review adds up with the INT007 findings ----------------------------


def test_the_count_to_review_says_how_many_have_no_finding_as_not_paid_from_the_apbd(
    tmp_path: Path,
) -> None:
    import sys

    import attrs
    import pendulum

    from ppsp.domain import Funding, FundingSource
    from ppsp.io.reports.html import render_html
    from ppsp.io.reports.text import render_markdown, render_text
    from ppsp.io.reports.traceability import coverage
    from ppsp.io.reports.xlsx import write_report_xlsx
    from ppsp.rules import Settings, check

    sys.path.insert(0, str(Path(__file__).parent))
    from rulekit import TODAY, YEAR, clean_bundle, rp, uncoded_iplt

    settings = Settings(today=pendulum.parse(TODAY).date())  # type: ignore[union-attr]
    paid = uncoded_iplt(clean_bundle())  # the IPLT's RKPD line to review, paid by the APBD
    ssk = paid.ssk[0]
    # the same activity paid by the APBN: to review, but no INT007 finding (not the APBD's)
    apbn = Funding(source=FundingSource.APBN, year=YEAR, amount=rp(2500))
    iplt = attrs.evolve(ssk.activities[0], funding=(apbn,))
    unpaid = attrs.evolve(paid, ssk=(attrs.evolve(ssk, activities=(iplt, *ssk.activities[1:])),))
    for bundle, findings, note in ((paid, 1, False), (unpaid, 0, True)):
        report = check(bundle, YEAR, settings=settings)
        rkpd = coverage(report.links, report.region)["rkpd"]  # type: ignore[arg-type]
        assert rkpd["needs-review"] == 1 and rkpd["review-unpaid"] == (1 if note else 0)
        int007 = [f for f in report.findings if f.rule == "INT007" and "RKPD" in f.message("en")]
        assert len(int007) == findings
        said = "1 to review (1 of them not paid from the APBD, so without an INT007 finding)"
        dikata = "1 perlu ditinjau (1 di antaranya tidak dibiayai APBD, jadi tanpa temuan INT007)"
        for text in (
            render_text(report, "en"),
            render_markdown(report, "en"),
            render_html(report, "en"),
        ):
            assert (said in text) is note
        assert (dikata in render_text(report, "id")) is note
        out = write_report_xlsx(report, tmp_path / f"r{findings}.xlsx", "en")
        rows = [[c.value for c in r] for r in openpyxl.load_workbook(out)["Summary"].iter_rows()]
        row = next(r for r in rows if r[0] == "Annual regional work plan (RKPD)")
        assert row[3] == 1 and row[7] == (1 if note else 0)
    # without a region (the JSON report's format 1.1), no such count
    assert "review-unpaid" not in coverage(report.links)["rkpd"]  # type: ignore[arg-type]


def test_int007_says_in_a_planners_words_why_the_link_is_not_certain() -> None:
    """Found by a new user: "match probability 100 %, but the evidence is not certain (against
    it: unit differs (-0.5))" said neither what differs nor why 100 % is not enough."""
    import sys

    import attrs

    from ppsp.rules import Settings, check

    sys.path.insert(0, str(Path(__file__).parent))
    from rulekit import YEAR, clean_bundle, rp, uncoded_iplt

    bundle = uncoded_iplt(clean_bundle(), "Pembangunan IPLT di Kuala Kurun")
    ssk, rkpd = bundle.ssk[0], bundle.rkpd[0]
    iplt = attrs.evolve(ssk.activities[0], unit="unit", volume=1)
    lines = tuple(
        attrs.evolve(ln, target="2 km", pagu=rp(100)) if ln.code is None else ln
        for ln in rkpd.lines
    )
    bundle = attrs.evolve(
        bundle,
        ssk=(attrs.evolve(ssk, activities=(iplt, *ssk.activities[1:])),),
        rkpd=(attrs.evolve(rkpd, lines=lines),),
    )
    settings = Settings(link_threshold=99.99, review_threshold=30)
    (finding,) = check(bundle, YEAR, settings=settings, select=["INT007"]).findings
    english, indonesian = finding.message("en"), finding.message("id")
    assert "ppsp does not link them by itself" in english
    assert "the SSK counts the activity in 'unit', the line's target in 'km'" in english
    assert "the SSK's cost (IDR2,500,000,000.00) and the line's pagu (IDR100,000,000.00)" in english
    assert "(-0.5)" not in english and "against it" not in english
    assert "SSK menghitung kegiatan itu dalam 'unit', target baris itu dalam 'km'" in indonesian
    assert "biaya di SSK (Rp2.500.000.000,00) dan pagu baris itu (Rp100.000.000,00)" in indonesian
    assert "(-0,5)" not in indonesian
    # the weights stay in the evidence, for whoever wants the numbers
    assert any(w["weight"] < 0 for w in finding.evidence["weights"])


# --- Indonesian wording --------------------------------------------------------------------------


def test_an_error_is_kesalahan_and_the_implementation_record_is_written_one_way() -> None:
    import re

    import pendulum
    from babel.messages.pofile import read_po

    from ppsp.demo import demo_bundle
    from ppsp.domain.diagnostics import Severity
    from ppsp.io.reports.html import render_html
    from ppsp.io.reports.text import render_markdown, render_text
    from ppsp.rules import Settings, check

    assert Severity.ERROR.label("id") == "Kesalahan"
    assert Severity.parse("kesalahan") is Severity.parse("galat") is Severity.ERROR
    report = check(demo_bundle(), 2025, settings=Settings(today=pendulum.date(2025, 6, 30)))
    for page in (
        render_text(report, "id"),
        render_markdown(report, "id"),
        render_html(report, "id"),
    ):
        assert "galat" not in page.lower()
    assert "KESALAHAN" in render_text(report, "id")
    catalog = Path(__file__).resolve().parent.parent / "src/ppsp/i18n/locale/id/LC_MESSAGES/ppsp.po"
    with catalog.open("rb") as handle:
        messages = [m for m in read_po(handle, locale="id") if m.id and m.string]
    assert not [m.id for m in messages if re.search(r"\bgalat\b", str(m.string), re.I)]
    # the document's name, wherever it is said: Catatan Pelaksanaan
    said = [
        found for m in messages for found in re.findall(r"catatan pelaksanaan", str(m.string), re.I)
    ]
    assert said and set(said) == {"Catatan Pelaksanaan"}


# --- the HTML traceability matrix says which line was linked ----------------------------------


def test_the_html_matrix_shows_the_linked_lines_code_in_the_cell_not_only_on_hover() -> None:
    import re

    import pendulum

    from ppsp.demo import demo_bundle
    from ppsp.io.reports.html import render_html
    from ppsp.rules import Settings, check

    report = check(demo_bundle(), 2025, settings=Settings(today=pendulum.date(2025, 6, 30)))
    page = render_html(report, "en")
    section = page[page.index('<section id="traceability">') :]
    section = section[: section.index("</section>")]
    linked = re.findall(r'<td class="linked" title="[^"]*">(.*?)</td>', section)
    assert linked
    # the cell itself (what a printed page keeps) names the line: code, short name, probability
    for cell in linked:
        text = re.sub(r"<[^>]+>", " ", cell)
        assert re.search(r"\d\.\d\d\.\d\d\.\d\.\d\d\.\d{4} \S+", text), cell
        assert "%" in text
    assert "1.03.05.2.01.0036 Pembangunan Instalasi Pengolahan Lumpur…" in section


# --- DOC004: where the Perbup number and date are written ------------------------------------


def test_a_filled_ssk_form_passes_doc004_and_its_note_names_only_sheets_it_has(
    tmp_path: Path,
) -> None:
    import datetime

    import attrs
    import pendulum

    from ppsp.io.sheets.export import write_template
    from ppsp.rules import Settings, check

    form = write_template("ssk", tmp_path / "ssk.xlsx", region="52.03", period="2025-2029")
    book = openpyxl.load_workbook(form)
    assert "Pokja" not in book.sheetnames and "Penetapan" in book.sheetnames
    notes = [str(r[0]) for r in book["About"].iter_rows(values_only=True) if r[0]]
    assert not [n for n in notes if "Pokja" in n]  # the form has no Pokja sheet
    assert any("Penetapan" in n for n in notes)
    adoption = book["Penetapan"]
    said = {str(r[1]): r[0] for r in adoption.iter_rows(values_only=True) if r[1]}
    assert {"Instrument", "Number", "Date"} <= set(said)
    sheet = book["Kegiatan SSK"]
    header = [c.value for c in sheet[1]]
    for column, value in (
        ("Subsektor", "Air Limbah Domestik"),
        ("Kegiatan", "Pembangunan IPLT"),
        ("Biaya 2025", 1_000_000),
        ("SKPD Penanggung Jawab", "Dinas PUPR"),
    ):
        sheet.cell(3, header.index(column) + 1, value)
    settings = Settings(today=pendulum.date(2025, 6, 30))

    def doc004(path: Path) -> str:
        read = read_bundle([path]).bundle
        report = check(read, 2025, settings=settings, select=["DOC004"])
        return report.results[0].status.value  # type: ignore[no-any-return]

    book.save(tmp_path / "empty.xlsx")
    assert doc004(tmp_path / "empty.xlsx") == "issues"  # not adopted yet: said
    rows = {str(r[1].value): r[2] for r in adoption.iter_rows() if r[1].value}
    rows["Instrument"].value = "Perbup Lombok Timur"
    rows["Number"].value = "12 Tahun 2025"
    rows["Date"].value = datetime.date(2025, 3, 4)
    book.save(tmp_path / "filled.xlsx")
    assert doc004(tmp_path / "filled.xlsx") == "passed"
    ssk = read_file(tmp_path / "filled.xlsx").documents[0]
    assert str(ssk.adoption) == "Perbup Lombok Timur No. 12 Tahun 2025 2025-03-04"
    # written again, the adoption is on the sheet and reads back the same
    from ppsp.io.sheets.export import write_xlsx

    again = read_file(write_xlsx(ssk, tmp_path / "again.xlsx")).documents[0]
    assert again.adoption == ssk.adoption
    # a sheet left as written is no edit: the adoption from _ppsp stands whole (its extras too)
    kept = attrs.evolve(ssk, adoption=attrs.evolve(ssk.adoption, extras={"sk": "lama"}))
    assert read_file(write_xlsx(kept, tmp_path / "kept.xlsx")).documents[0] == kept
    # a date that is no date is said, at its cell
    rows["Date"].value = "kemarin"
    book.save(tmp_path / "bad.xlsx")
    bad = read_file(tmp_path / "bad.xlsx")
    (problem,) = [d for d in bad.diagnostics if d.location and d.location.sheet == "Penetapan"]
    assert problem.severity.value == "error" and problem.location.cell == "C3"


# --- -o into a folder that does not exist yet ------------------------------------------------


def test_an_output_file_in_a_missing_folder_makes_the_folder_as_a_folder_output_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    code, err = _cli(capsys, "import", str(EXAMPLES), "-o", "../out/bundle.json")
    assert code == 0 and (tmp_path / "out" / "bundle.json").is_file()
    # deeper, the message says exactly what to run (and nothing is made)
    code, err = _cli(capsys, "import", str(EXAMPLES), "-o", "../a b/c/bundle.json")
    assert code == 2 and "mkdir -p '../a b/c'" in err and not (tmp_path / "a b").exists()
    code, err = _cli(capsys, "import", str(EXAMPLES), "-o", "../x/y/b.json", "--lang", "id")
    assert "buat dulu (mkdir -p ../x/y)" in err
    # a link planted where the folder would be made is refused, never followed
    elsewhere = tmp_path / "elsewhere"
    (tmp_path / "planted").symlink_to(elsewhere)
    planted = ("import", str(EXAMPLES), "-o", "../planted/bundle.json", "--lang", "en")
    code, err = _cli(capsys, *planted)
    assert code == 2 and "symbolic link" in err and not elsewhere.exists()
