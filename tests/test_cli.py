"""The installed ``ppsp`` command, run as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ppsp.io.json import loads

EXE = shutil.which("ppsp", path=str(Path(sys.executable).parent)) or "ppsp"


def run(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PPSP_LANG": lang}
    return subprocess.run([EXE, *args], capture_output=True, text=True, env=env, timeout=120)


def test_demo_runs_the_whole_path_on_the_example_spreadsheets(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "demo"
    result = run("demo", "-o", str(out), "--today", "2025-06-30")
    assert result.returncode == 0, result.stderr
    assert "ILLUSTRATIVE" in result.stdout
    assert "Read 10 spreadsheets" in result.stdout
    assert "Kabupaten Gunung Mas (62.10) for 2025: 29 rules" in result.stdout
    assert f"The report is in {out / 'report.html'}" in result.stdout
    # every example file was recognised, and said so
    assert (
        result.stderr.count("examples/gunung-mas/") >= 10 or result.stderr.count("gunung-mas") >= 10
    )
    bundle = loads((out / "bundle.json").read_text("utf-8"))
    assert str(bundle.region) == "62.10"
    assert json.loads((out / "ppsp.schema.json").read_text("utf-8"))["$id"].startswith("urn:ppsp")
    page = (out / "report.html").read_text("utf-8")
    assert "Illustrative data" in page and page.count('<figure class="chart"') == 5
    assert load_workbook(out / "report.xlsx").sheetnames == [
        "Summary",
        "Findings",
        "Rules",
        "Traceability",
        "Links",
    ]


def test_the_example_region_shows_most_of_the_catalogue(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run(
        "check", str(EXAMPLES), "--format", "json", "-o", str(out), "--today", "2025-06-30"
    )
    assert result.returncode == 1, result.stderr
    data = json.loads(out.read_text("utf-8"))
    fired = {r["id"] for r in data["rules"] if r["status"] == "issues"}
    # the problems seeded in examples/build_examples.py, each with the rule that shows it
    assert fired >= {
        "DOC004",
        "DOC006",
        "INT001",
        "INT002",
        "INT003",
        "INT004",
        "INT005",
        "INT006",
        "INT007",
        "INT008",
        "FIN001",
        "FIN002",
        "FIN003",
        "FIN004",
        "FIN005",
        "STR001",
        "STR003",
        "STR004",
        "STR005",
        "STR006",
        "MIL001",
        "MIL002",
        "MIL003",
        "MIL004",
    }
    assert {r["id"] for r in data["rules"] if r["status"] == "errored"} == set()


def test_demo_in_indonesian(tmp_path: Path) -> None:
    result = run("demo", "-o", str(tmp_path / "d"), "--today", "2025-06-30", lang="id")
    assert result.returncode == 0
    assert "Memeriksa Kabupaten Gunung Mas (62.10) untuk 2025" in result.stdout
    page = (tmp_path / "d" / "report.html").read_text("utf-8")
    assert 'lang="id"' in page and "Data ilustratif" in page


def test_schema_command(tmp_path: Path) -> None:
    printed = run("schema")
    assert printed.returncode == 0
    assert json.loads(printed.stdout)["$defs"]
    target = tmp_path / "schema.json"
    assert run("schema", "-o", str(target)).returncode == 0
    assert target.read_text("utf-8") == printed.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("demo", "-o", "/nonexistent-folder/deeper/out"),
        ("schema", "-o", "/nonexistent-folder/s.json"),
    ],
)
def test_bad_output_path_is_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("ppsp: ")
    assert "nonexistent-folder" in lines[0]
    assert "Traceback" not in result.stderr


def test_unknown_command_and_version() -> None:
    assert run("frobnicate").returncode == 2
    assert run("--version").stdout.startswith("ppsp ")
    assert "demo" in run("--help").stdout


FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "gunung-mas"


def test_import_export_template(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle.json"
    result = run(
        "import",
        str(FIXTURES / "ssk_gunung_mas_2024_2028.xlsx"),
        str(FIXTURES / "rkpd_gunung_mas_2025.xlsx"),
        "-o",
        str(bundle),
    )
    assert result.returncode == 0, result.stderr
    assert "ssk (header of layout ssk-matrix" in result.stderr
    assert "M16" in result.stderr and "FIN005" in result.stderr
    loaded = loads(bundle.read_text("utf-8"))
    assert [d.kind.value for d in loaded.documents()] == ["ssk", "rkpd"]
    exported = run("export", str(bundle), "--to", "xlsx", "-o", str(tmp_path / "out"))
    assert exported.returncode == 0, exported.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["01-ssk-62.10-2024-2028.xlsx", "02-rkpd-62.10-2025.xlsx"]
    back = run("import", str(tmp_path / "out" / names[1]), "-o", str(tmp_path / "again.json"))
    assert back.returncode == 0
    assert loads((tmp_path / "again.json").read_text("utf-8")).rkpd == loaded.rkpd
    csv_out = run(
        "export", str(bundle), "--to", "csv", "--delimiter", ";", "-o", str(tmp_path / "csv")
    )
    assert csv_out.returncode == 0 and len(list((tmp_path / "csv").glob("*.csv"))) == 2
    assert len(list((tmp_path / "csv").glob("*.ppsp.json"))) == 2  # each CSV's sidecar
    template = run("template", "renja-pd", "-o", str(tmp_path / "renja.xlsx"))
    assert template.returncode == 0 and (tmp_path / "renja.xlsx").exists()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("import", "tidak-ada.xlsx"), "tidak-ada.xlsx"),
        (
            (
                "import",
                str(FIXTURES / "ssk_gunung_mas_2024_2028.xlsx"),
                str(FIXTURES / "ssk_lebong_tahun_1_5.xlsx"),
            ),
            "different regions",
        ),
        (("import", str(FIXTURES / "renja_dpupr_2025.xlsx"), "--strict"), "F10"),
        (
            ("import", str(FIXTURES / "ssk_gunung_mas_2024_2028.xlsx"), "--year", "tahun depan"),
            "--year",
        ),
        (("export", "tidak-ada.json", "--to", "xlsx"), "tidak-ada.json"),
        (("template", "novel"), "invalid choice"),
    ],
)
def test_import_problems_exit_2_with_a_clear_line(args: tuple[str, ...], needle: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


# -- ppsp check and ppsp rules ------------------------------------------------------------------

CASES = Path(__file__).parent / "rule_cases"
GUNUNG_MAS = (
    "akses_sanitasi_gunung_mas_2023.xlsx",
    "dpa_dpupr_2025.xlsx",
    "renja_dpupr_2025.xlsx",
    "renstra_dpupr_2025_2029.xlsx",
    "rkpd_gunung_mas_2025.xlsx",
    "rpjmd_gunung_mas_2025_2029.xlsx",
    "ssk_gunung_mas_2024_2028.xlsx",
)


def test_check_bundle_exit_codes_follow_error_findings() -> None:
    clean = run(
        "check", str(CASES / "clean-bundle-is-silent" / "bundle.json"), "--today", "2025-06-30"
    )
    assert clean.returncode == 0, clean.stderr
    assert "Error: 0, Warning: 0, Info: 0" in clean.stdout
    broken = run("check", str(CASES / "INT003-fires" / "bundle.json"), "--today", "2025-06-30")
    assert broken.returncode == 1
    assert "INT003 ERROR" in broken.stdout and "ssk.xlsx, sheet 'Matriks', C9" in broken.stdout


def test_check_json_report_follows_its_schema(tmp_path: Path) -> None:
    import jsonschema

    from ppsp.io.report import report_schema

    out = tmp_path / "report.json"
    result = run(
        "check",
        str(CASES / "INT006-fires" / "bundle.json"),
        "--format",
        "json",
        "-o",
        str(out),
        "--lang",
        "id",
        "--select",
        "INT",
        "--tolerance",
        "10",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text("utf-8"))
    jsonschema.validate(data, report_schema())
    assert data["lang"] == "id"
    assert [f["rule"] for f in data["findings"]] == ["INT006"]
    assert {r["id"][:3] for r in data["rules"]} == {"INT"}
    assert data["provenance"]["inputs"][0]["path"].endswith("bundle.json")


def test_check_folder_of_legacy_spreadsheets(tmp_path: Path) -> None:
    folder = tmp_path / "gunung-mas"
    folder.mkdir()
    for name in GUNUNG_MAS:
        shutil.copy(FIXTURES / name, folder / name)
    result = run("check", str(folder), "--today", "2025-06-30", "--format", "md", lang="id")
    assert result.returncode == 1, result.stderr
    # what was recognised is reported, file by file
    for name in GUNUNG_MAS:
        assert name in result.stderr
    assert "# Audit ppsp — Kabupaten Gunung Mas (62.10), 2025" in result.stdout
    assert "Sub Total B" in result.stdout  # a subtotal row of the SSK sheet (FIN005)
    assert "'Matriks SSK', M16" in result.stdout


def test_check_folder_with_manifest_for_an_unrecognisable_file(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    folder = tmp_path / "region"
    folder.mkdir()
    shutil.copy(FIXTURES / "ssk_gunung_mas_2024_2028.xlsx", folder / "ssk.xlsx")
    # an RKPD whose title rows were cut off: nothing says its kind, region or year
    book = load_workbook(FIXTURES / "rkpd_gunung_mas_2025.xlsx")
    sheet = book.active
    sheet.delete_rows(1, 3)
    sheet.title = "Sheet1"
    book.save(folder / "export.xlsx")
    without = run("check", str(folder), "--today", "2025-06-30")
    assert without.returncode == 2
    assert "export.xlsx" in without.stderr and "Traceback" not in without.stderr
    (folder / "ppsp.toml").write_text(
        'region = "62.10"\n[files."export.xlsx"]\nkind = "rkpd"\nyear = 2025\n', "utf-8"
    )
    with_manifest = run("check", str(folder), "--today", "2025-06-30", "--select", "INT003")
    assert with_manifest.returncode in (0, 1), with_manifest.stderr
    assert "INT003" in with_manifest.stdout


def test_check_xlsx_report_has_its_sheets(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "audit.xlsx"
    result = run(
        "check",
        str(CASES / "INT004-fires" / "bundle.json"),
        "--format",
        "xlsx",
        "-o",
        str(out),
        "--today",
        "2025-06-30",
    )
    assert result.returncode == 0, result.stderr
    book = load_workbook(out)
    assert book.sheetnames == ["Summary", "Findings", "Rules", "Traceability", "Links"]
    findings = book["Findings"]
    assert findings.freeze_panes == "A2" and findings.auto_filter.ref
    rows = list(findings.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["INT004"]
    trace = list(book["Traceability"].iter_rows(min_row=2, values_only=True))
    assert len(trace) == 7 and trace[0][1] == "Pembangunan IPLT Kuala Kurun"
    assert str(trace[0][5]).startswith("linked")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("check", "tidak-ada.json"), "tidak-ada.json"),
        (("check", str(FIXTURES)), "different regions"),
        (("check", str(CASES / "FIN001-fires" / "bundle.json"), "--format", "pdf"), "--format"),
        (
            ("check", str(CASES / "FIN001-fires" / "bundle.json"), "-o", "/nonexistent/r.txt"),
            "/nonexistent",
        ),
        (("check", str(CASES / "FIN001-fires" / "bundle.json"), "--select", "IN003"), "INT003"),
        (("check", str(CASES / "FIN001-fires" / "bundle.json"), "--bogus"), "--bogus"),
        (("check", str(CASES / "FIN001-fires" / "bundle.json"), "--today", "kemarin"), "YYYY"),
    ],
)
def test_check_problems_exit_2_with_one_line(args: tuple[str, ...], needle: str) -> None:
    result = run(*args)
    assert result.returncode == 2, result.stdout
    assert needle in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_rules_lists_the_catalogue_in_both_languages() -> None:
    data = json.loads(run("rules", "--format", "json").stdout)
    assert len(data) == 29 and data[0]["id"] == "DOC001"
    assert all(r["legal_basis"] for r in data if r["id"] != "INT007")
    indonesian = run("rules", lang="id").stdout
    assert "Berkas wilayah memuat SSK" in indonesian


def test_folders_without_recognisable_files_exit_2(tmp_path: Path) -> None:
    from openpyxl import Workbook

    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("check", str(empty))
    assert result.returncode == 2 and "No spreadsheet or CSV file found" in result.stderr
    other = tmp_path / "other"
    other.mkdir()
    book = Workbook()
    book.active.append(["Daftar hadir rapat"])
    book.active.append(["Nama", "Tanda tangan"])
    book.save(other / "daftar_hadir.xlsx")
    result = run("check", str(other), lang="id")
    assert result.returncode == 2
    assert "daftar_hadir.xlsx" in result.stderr and "--kind" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_progress_bar_shows_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from ppsp.cli import _Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    bar = _Progress(4, "en")
    for name in ("a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx"):
        bar(Path(name))
    bar.close()
    assert "[######------------------] 1/4 a.xlsx" in terminal.getvalue()
    assert "4/4 d.xlsx" in terminal.getvalue()
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    quiet = _Progress(4, "en")
    quiet(Path("a.xlsx"))
    quiet.close()
    assert piped.getvalue() == ""
