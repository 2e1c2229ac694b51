"""The installed ``ppsp`` command, run as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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
        # a missing folder is made for a file as for -o FOLDER/, one level deep; deeper, the
        # message says what to run
        ("schema", "-o", "/nonexistent-folder/deeper/s.json"),
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

    from ppsp.io.reports.text import report_schema

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
            ("check", str(CASES / "FIN001-fires" / "bundle.json"), "-o", "/nonexistent/a/r.txt"),
            "mkdir -p /nonexistent/a",
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
    # the file named, and why; no "--kind", which would find no table either
    assert "daftar_hadir.xlsx" in result.stderr and "--kind" not in result.stderr
    assert "tata letak yang dikenal" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_progress_bar_shows_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from ppsp.cli.reading import _Progress

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


# -- -o means one thing everywhere ----------------------------------------------------------------

CLEAN = CASES / "clean-bundle-is-silent" / "bundle.json"  # twelve documents


def ppsp(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command line in this process (quicker than a subprocess for the matrix)."""
    from ppsp.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def one_document(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A document JSON of one RKPD (one output for export)."""
    from ppsp.io.json import dumps

    bundle = loads(CLEAN.read_text("utf-8"))
    path = tmp_path_factory.mktemp("one") / "rkpd.json"
    path.write_text(dumps(bundle.rkpd[0]) + "\n", "utf-8")
    return path


# (command, the one output's default name, text format?) for every command and format
ONE_OUTPUT = [
    (("schema",), "ppsp.schema.json", True),
    (("rules",), "ppsp-rules.txt", True),
    (("rules", "--format", "json"), "ppsp-rules.json", True),
    (("import", str(FIXTURES / "rkpd_gunung_mas_2025.xlsx")), "bundle.json", True),
    *(
        (
            ("check", str(CLEAN), "--today", "2025-06-30", "--format", fmt),
            f"ppsp-report-62.10-2025.{fmt}",
            fmt != "xlsx",
        )
        for fmt in ("text", "json", "md", "html", "xlsx")
    ),
    (("template", "rkpd"), "template-rkpd.xlsx", False),
]


@pytest.mark.parametrize(("args", "default", "text"), ONE_OUTPUT)
def test_one_output_goes_to_the_file_o_names_or_to_standard_output(
    args: tuple[str, ...],
    default: str,
    text: bool,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = ppsp(*args, capsys=capsys)
    if text:
        assert code in (0, 1), err
        assert out and "Wrote" not in err  # standard output, no file
    else:
        assert code == 2 and out == ""
        assert "-o " in err and default.split("-")[0] in err and ".xlsx" in err
        assert len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []
    # -o FILE writes that file
    target = tmp_path / ("report.out" if text else "report.xlsx")
    code, out, err = ppsp(*args, "-o", str(target), capsys=capsys)
    assert code in (0, 1), err
    assert target.is_file() and target.stat().st_size > 0
    if text:
        assert out == "" or "Wrote" not in out
    # -o FOLDER/ (created) or an existing folder: the default name inside it
    code, _, err = ppsp(*args, "-o", f"{tmp_path / 'new'}/", capsys=capsys)
    assert code in (0, 1), err
    assert (tmp_path / "new" / default).is_file()
    code, _, err = ppsp(*args, "-o", str(tmp_path / "new"), capsys=capsys)
    assert code in (0, 1), err
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == [default]


@pytest.mark.parametrize("to", ["json", "csv", "xlsx"])
def test_export_of_one_document_writes_one_file(
    to: str, one_document: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = ppsp("export", str(one_document), "--to", to, capsys=capsys)
    if to == "xlsx":
        assert code == 2 and "-o" in err and len(err.strip().splitlines()) == 1
    else:
        assert code == 0, err
        assert out.startswith("{" if to == "json" else "#ppsp") or to == "csv"
        assert "Rencana" in out or to == "json"
    target = tmp_path / f"rkpd.{to}"
    code, _, err = ppsp("export", str(one_document), "--to", to, "-o", str(target), capsys=capsys)
    assert code == 0, err
    assert target.is_file()  # the file itself, never a folder of that name
    code, _, err = ppsp("export", str(one_document), "--to", to, "-o", str(tmp_path), capsys=capsys)
    assert code == 0, err
    assert (tmp_path / f"01-rkpd-62.10-2025.{to}").is_file()
    # -o without a suffix: a workbook or a table gets its own, and the message names it
    bare = tmp_path / "bersih"
    code, said, err = ppsp("export", str(one_document), "--to", to, "-o", str(bare), capsys=capsys)
    assert code == 0, err
    written = bare.with_name(f"bersih.{to}") if to in ("xlsx", "csv") else bare
    assert written.is_file() and (to == "json" or not bare.exists())
    assert str(written) in err + said


@pytest.mark.parametrize("to", ["json", "csv", "xlsx"])
def test_export_of_several_documents_needs_a_folder(
    to: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = ppsp("export", str(CLEAN), "--to", to, capsys=capsys)
    assert code == 2 and out == "" and "-o FOLDER" in err
    for name in (f"one.{to}", "existing-file"):
        if name == "existing-file":
            (tmp_path / name).write_text("x", "utf-8")
        code, _, err = ppsp(
            "export", str(CLEAN), "--to", to, "-o", str(tmp_path / name), capsys=capsys
        )
        assert code == 2, err
        assert "must be a folder" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / f"one.{to}").exists()
    assert (tmp_path / "existing-file").read_text("utf-8") == "x"
    out_dir = tmp_path / "outdir"
    for _ in range(2):  # created the first time, an existing folder the second
        code, _, err = ppsp("export", str(CLEAN), "--to", to, "-o", str(out_dir), capsys=capsys)
        assert code == 0, err
        # twelve documents; a CSV has its sidecar NAME.ppsp.json beside it
        assert len(list(out_dir.iterdir())) == (24 if to == "csv" else 12)


def test_demo_writes_into_a_folder_and_refuses_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "demo.html").write_text("x", "utf-8")
    code, _, err = ppsp("demo", "-o", str(tmp_path / "demo.html"), capsys=capsys)
    assert code == 2 and "must be a folder" in err


def test_the_help_says_what_o_means(capsys: pytest.CaptureFixture[str]) -> None:
    from ppsp.cli import _parser

    def help_of(command: str) -> str:
        with pytest.raises(SystemExit):
            _parser().parse_args([command, "--help"])
        return " ".join(capsys.readouterr().out.split())

    for command in ("import", "check", "schema", "rules"):
        text = help_of(command)
        assert (
            "-o FILE writes that file (-o FOLDER/ or an existing folder: the default name" in text
        )
        assert "without -o: standard output for text formats, refused for xlsx" in text
    text = help_of("export")
    assert "one document: -o FILE writes that file" in text
    assert "several documents: -o FOLDER, created if needed, -o FILE refused" in text
    assert "without -o: one csv or json document to standard output, xlsx or several" in text
    assert "several files: -o FOLDER, created if needed, -o FILE refused" in help_of("demo")
    assert "required, xlsx is not written to the terminal" in help_of("template")


@pytest.mark.parametrize(
    "args",
    [
        ("import", "{input}", "-o", "{input}"),
        ("check", "{bundle}", "-o", "{bundle}"),
        ("check", "{bundle}", "--format", "xlsx", "-o", "{bundle}"),
        ("export", "{bundle}", "--to", "json", "-o", "{bundle}"),
        ("check", "{bundle}", "-o", "{link}"),
        ("schema", "-o", "{link}"),
    ],
)
def test_outputs_over_inputs_or_links_are_refused_in_one_line(
    args: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.xlsx"
    shutil.copy(FIXTURES / "rkpd_gunung_mas_2025.xlsx", source)
    bundle = tmp_path / "b.json"
    one = loads(CLEAN.read_text("utf-8")).rkpd[0]
    from ppsp.io.json import dumps

    bundle.write_text(dumps(one) + "\n", "utf-8")
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", "utf-8")
    link = tmp_path / "link.txt"
    if hasattr(os, "symlink"):
        link.symlink_to(precious)
    before = {p: p.read_bytes() for p in (source, bundle, precious)}
    names = {"input": str(source), "bundle": str(bundle), "link": str(link)}
    code, _, err = ppsp(*(a.format(**names) for a in args), capsys=capsys)
    assert code == 2
    assert err.startswith("ppsp: ") and len(err.strip().splitlines()) == 1, err
    assert "input" in err or "symbolic link" in err
    assert {p: p.read_bytes() for p in before} == before


def test_a_region_name_the_register_lacks_gets_the_nearest_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    spreadsheet = str(FIXTURES / "rkpd_gunung_mas_2025.xlsx")
    code, out, err = ppsp("import", spreadsheet, "--region", "Kab. Tobba", capsys=capsys)
    assert code == 2 and out == ""
    assert err.strip().endswith("did you mean Kabupaten Toba?")
    assert len(err.strip().splitlines()) == 1


def test_export_imports_spreadsheets_in_one_go(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = ppsp("export", str(EXAMPLES / "rkpd_2025.xlsx"), "--to", "csv", capsys=capsys)
    assert code == 0, err
    assert "Traceback" not in err and "UnicodeDecodeError" not in err
    assert "Pembangunan Instalasi Pengolahan Lumpur Tinja (IPLT)" in out
    target = tmp_path / "rkpd.xlsx"
    code, _, err = ppsp(
        "export", str(EXAMPLES / "rkpd_2025.xlsx"), "--to", "xlsx", "-o", str(target), capsys=capsys
    )
    assert code == 0, err
    back = run("import", str(target))
    assert back.returncode == 0, back.stderr
    assert loads(back.stdout).rkpd[0].lines[2].name.startswith("Pembangunan Instalasi")


def test_export_of_something_else_says_it_wants_a_bundle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    utf16 = tmp_path / "bundle.json"
    utf16.write_bytes('{"kind": "rkpd"}'.encode("utf-16"))
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"\xff\xfe not a bundle")
    for path in (utf16, notes):
        code, _, err = ppsp("export", str(path), "--to", "csv", capsys=capsys)
        assert code == 2 and "Traceback" not in err
        assert "wants a bundle" in err and len(err.strip().splitlines()) == 1
    # the command a user types, as a user runs it
    result = run("export", str(EXAMPLES / "rkpd_2025.xlsx"), "--to", "csv")
    assert result.returncode == 0 and "Traceback" not in result.stderr


# -- official code lists on the command line ------------------------------------------------------

CODE_LISTS = (
    "sanitation_codes_kepmendagri900_kabkota.csv",
    "sanitation_codes_pemutakhiran2027.csv",
    "sub_kegiatan_kep050_2020.csv",
    "nomenklatur_one_region_2025_padded_codes.csv",
)


def as_xlsx(csv_path: Path, target: Path) -> Path:
    """The CSV as the first sheet of a workbook, as an office would send it."""
    import csv as csv_module

    from openpyxl import Workbook

    book = Workbook()
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv_module.reader(handle):
            book.active.append(row)
    book.save(target)
    return target


@pytest.mark.parametrize("name", CODE_LISTS)
def test_check_uses_the_official_code_list_given(
    name: str, shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ppsp.domain import CodeLevel
    from ppsp.io.sheets.codelists import code_list_file

    official = shared_data / "nomenclature" / name
    args = ("check", str(EXAMPLES), "--today", "2025-06-30", "--format", "json")
    code, out, err = ppsp(*args, "--code-list", str(official), capsys=capsys)
    assert code == 1, err
    data = json.loads(out)
    assert data["provenance"]["code_lists"] == [f"{official.stem} (file {name})"]
    codes = code_list_file(official)
    int008 = [f for f in data["findings"] if f["rule"] == "INT008"]
    # every code INT008 calls unknown is missing from the list given
    bundle = loads(run("import", str(EXAMPLES / "ssk_matriks_program_2024_2028.xlsx")).stdout)
    levels = {e.code.level for e in codes}
    missing = {
        str(a.code)
        for a in bundle.ssk[0].activities
        if a.code is not None
        and a.code.level in levels
        and a.code not in codes
        and a.code.level is CodeLevel.SUB_KEGIATAN
    }
    said = {f["evidence"]["actual"] for f in int008 if f["key"] == "finding.INT008.unknown"}
    assert said <= missing
    if name == "sub_kegiatan_kep050_2020.csv":  # the 2020 list predates the example's codes
        assert {"1.03.05.2.01.0036", "1.03.05.2.01.0033"} <= said
    if name == "sanitation_codes_kepmendagri900_kabkota.csv":
        assert said == set()


@pytest.mark.parametrize("name", CODE_LISTS)
def test_import_says_which_codes_the_official_list_lacks_in_csv_and_xlsx(
    name: str, shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ppsp.io.sheets.codelists import code_list_file

    official = shared_data / "nomenclature" / name
    spreadsheet = str(EXAMPLES / "rkpd_2025.xlsx")
    codes = code_list_file(official)
    rkpd = loads(run("import", spreadsheet).stdout).rkpd[0]
    levels = {e.code.level for e in codes}
    expected = sorted(
        str(line.code)
        for line in rkpd.lines
        if line.code is not None and line.code.level in levels and line.code not in codes
    )
    for given in (official, as_xlsx(official, tmp_path / f"{official.stem}.xlsx")):
        code, out, err = ppsp("import", spreadsheet, "--code-list", str(given), capsys=capsys)
        assert code == 0, err
        said = sorted(
            line.split("the code ")[1].split(" ")[0]
            for line in err.splitlines()
            if "is not in the code list" in line
        )
        assert said == expected
        assert loads(out).rkpd[0] == rkpd  # the list says, it does not change the data


def test_codes_are_inferred_from_the_official_list_given(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    official = shared_data / "nomenclature" / "sanitation_codes_kepmendagri900_kabkota.csv"
    # an SSK whose IPLT activity lost its code
    book = load_workbook(EXAMPLES / "ssk_matriks_program_2024_2028.xlsx")
    sheet = book["Matriks SSK"]
    cleared = None
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == "1.03.05.2.01.0036":
                cell.value, cleared = None, cell.coordinate
    assert cleared is not None
    book.save(tmp_path / "ssk.xlsx")
    code, out, err = ppsp(
        "import",
        str(tmp_path / "ssk.xlsx"),
        "--infer-codes",
        "--code-list",
        str(official),
        capsys=capsys,
    )
    assert code == 0, err
    assert "inferred code 1.03.05.2.01.0036" in err
    codes = [str(a.code) for a in loads(out).ssk[0].activities]
    assert "1.03.05.2.01.0036" in codes
    # and the list feeds the linker's inference in check
    from ppsp.io.sheets.codelists import code_list_file
    from ppsp.rules import Settings

    settings = Settings(linking={"inference_list": code_list_file(official)})
    assert settings.link_options().inference_list is not None


def test_the_official_funding_list_names_codes_and_says_unknown_ones(
    shared_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    funding = shared_data / "nomenclature" / "sumber_dana_kep050_2020.csv"
    book = load_workbook(EXAMPLES / "rkpd_2025.xlsx")
    sheet = book.active
    sheet["G9"] = "9.9.9 Dana Antah"  # a SIPD code the official list does not have
    sheet["G14"] = "Pajak Kendaraan Bermotor (PKB)"  # a name of the list ppsp's vocabulary lacks
    source = tmp_path / "rkpd.xlsx"
    book.save(source)
    code, out, err = ppsp("import", str(source), capsys=capsys)
    assert "G14" in err and "FIN003" in err  # without the list: an unknown source
    for given in (funding, as_xlsx(funding, tmp_path / "sumber_dana.xlsx")):
        code, out, err = ppsp("import", str(source), "--funding-codes", str(given), capsys=capsys)
        assert code == 0, err
        assert "G9" in err and "9.9.9 is not in the official funding list" in err
        assert "FIN003" not in err
        lines = {line.source.row: line for line in loads(out).rkpd[0].lines}
        (pkb,) = lines[14].funding
        assert (pkb.sipd_code, pkb.source.value) == ("1.1.1.1", "apbd-kabkota")
    report = tmp_path / "r.json"
    code, _, err = ppsp(
        "check",
        str(source),
        "--funding-codes",
        str(funding),
        "--format",
        "json",
        "-o",
        str(report),
        "--today",
        "2025-06-30",
        "--region",
        "62.10",
        capsys=capsys,
    )
    fin003 = [f for f in json.loads(report.read_text("utf-8"))["findings"] if f["rule"] == "FIN003"]
    assert [f["params"]["value"] for f in fin003] == ["Dana Antah"]  # the unknown code only


def test_a_missing_code_list_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = ppsp("check", str(CLEAN), "--code-list", "tidak-ada.csv", capsys=capsys)
    assert code == 2 and "tidak-ada.csv" in err and len(err.strip().splitlines()) == 1


def test_import_writes_compact_json_and_indents_on_request(tmp_path: Path) -> None:
    sheet = str(FIXTURES / "rkpd_gunung_mas_2025.xlsx")
    compact, indented = tmp_path / "compact.json", tmp_path / "indented.json"
    assert run("import", sheet, "-o", str(compact)).returncode == 0
    assert run("import", sheet, "--indent", "-o", str(indented)).returncode == 0
    text, pretty = compact.read_text("utf-8"), indented.read_text("utf-8")
    assert text.count("\n") == 1 and pretty.startswith('{\n  "$schema": "urn:ppsp:schema:1.2"')
    assert json.loads(text) == json.loads(pretty)
    data = json.loads(text)
    rkpd = data["rkpd"][0]
    assert all("at" in line and "cells" not in line for line in rkpd["lines"])
    assert rkpd["cell_tables"][0]["file"].endswith("rkpd_gunung_mas_2025.xlsx")
    assert loads(text) == loads(pretty)
    piped = run("import", sheet)  # to standard output: the same bytes
    assert piped.returncode == 0 and piped.stdout == text


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b'{"kind": "bundle", "region": "62.10", "x": "\xff\xfe"}', "UTF-8"),
        (b"[" * 3000 + b"]" * 3000, "depth"),
    ],
)
def test_check_of_a_broken_json_file_is_one_json_error_naming_it(
    tmp_path: Path, content: bytes, needle: str
) -> None:
    path = tmp_path / "rusak.json"
    path.write_bytes(content)
    result = run("check", str(path))
    assert result.returncode == 2, result.stdout
    first, *problems = result.stderr.strip().splitlines()
    assert first.startswith("ppsp: ") and "rusak.json" in first
    assert len(problems) == 1 and "json" in problems[0].lower() and needle in problems[0]
    assert "Traceback" not in result.stderr


def _answers(
    sources: Sequence[Path], out: Path, lang: str = "en"
) -> dict[str, tuple[list[Any], list[Any]]]:
    """The findings and import findings of one region as the Python API gives them (for its
    files and for the bundle ``ppsp import`` made of them) and as ``ppsp check --format json``
    reports them (for a folder or file and for that bundle): message, rule, severity, cells."""
    import pendulum

    import ppsp
    from ppsp.rules import Settings

    bundle = out / "bundle.json"
    done = run("import", *map(str, sources), "-o", str(bundle), lang=lang)
    assert done.returncode == 0, done.stderr
    settings = Settings(today=pendulum.date(2025, 6, 30))

    def api(source: Any) -> tuple[list[Any], list[Any]]:
        report = ppsp.audit(source, 2025, settings=settings)
        findings = [
            (f.rule, f.severity.value, f.message(lang), [w.describe(lang) for w in f.locations])
            for f in report.findings
        ]
        hidden = [(f.code, f.message(lang)) for f in report.import_findings]
        return findings, hidden

    def cli(source: Any, name: str) -> tuple[list[Any], list[Any]]:
        report = out / f"{name}.json"
        args = [*map(str, source)] if isinstance(source, list) else [str(source)]
        if len(args) > 1:  # ppsp check takes one path: a folder of the files
            folder = out / "folder"
            folder.mkdir(exist_ok=True)
            for path in source:
                shutil.copy(path, folder / Path(path).name)
            args = [str(folder)]
        done = run(
            "check", *args, "--year", "2025", "--format", "json", "-o", str(report),
            "--today", "2025-06-30", lang=lang,
        )  # fmt: skip
        assert done.returncode in (0, 1), done.stderr
        data = json.loads(report.read_text("utf-8"))
        findings = [
            (
                f["rule"],
                f["severity"],
                f["message"],
                [ppsp.domain.SourceLocation(**w).describe(lang) for w in f["locations"]],
            )
            for f in data["findings"]
        ]
        return findings, [(f["code"], f["message"]) for f in data["import_findings"]]

    one = sources[0] if len(sources) == 1 else list(sources)
    answers = {"api-files": api(one), "api-bundle": api(bundle), "cli-bundle": cli(bundle, "b")}
    if len(sources) == 1:
        answers["cli-files"] = cli(one, "f")
    return answers


@pytest.mark.parametrize(
    "sources",
    [
        pytest.param((FIXTURES / "gunung-mas",), id="fixture-folder-gunung-mas"),
        pytest.param((FIXTURES / "ssk_gunung_mas_2024_2028.xlsx",), id="ssk-with-hidden-row"),
        pytest.param((FIXTURES / "ssk_lebong_tahun_1_5.xlsx",), id="ssk-lebong"),
        pytest.param(
            (FIXTURES / "ssk_mahakam_ulu.csv", FIXTURES / "milestones_mahakam_ulu.xlsx"),
            id="mahakam-ulu",
        ),
    ],
)
def test_one_answer_for_every_fixture_region(sources: tuple[Path, ...], tmp_path: Path) -> None:
    """Each fixture region: the same findings, and the same import findings, from the API and
    the CLI, for the files and for their bundle."""
    answers = _answers(sources, tmp_path)
    first = next(iter(answers.values()))
    for name, answer in answers.items():
        assert answer == first, name
    assert first[0], "a fixture region with no finding proves little"


def test_what_a_file_hides_reaches_every_report_from_the_folder_and_its_bundle(
    tmp_path: Path,
) -> None:
    """A hidden sheet (and the fixture's hidden row) of an edited region: said by the API and
    both CLI paths, in the JSON, text, Markdown, HTML and xlsx reports."""
    import openpyxl

    folder = tmp_path / "region"
    folder.mkdir()
    book = openpyxl.load_workbook(FIXTURES / "ssk_gunung_mas_2024_2028.xlsx")
    extra = book.create_sheet("Catatan")
    extra["A1"] = "catatan internal"
    extra.sheet_state = "hidden"
    book.save(folder / "ssk.xlsx")
    answers = _answers([folder], tmp_path, lang="id")
    first = next(iter(answers.values()))
    assert all(answer == first for answer in answers.values())
    codes = [code for code, _ in first[1]]
    assert codes == ["hidden-sheet", "hidden-row"]
    for fmt in ("text", "md", "html"):
        done = run("check", str(tmp_path / "bundle.json"), "--format", fmt, lang="id")
        assert done.returncode in (0, 1), done.stderr
        assert "Catatan" in done.stdout and "disembunyikan" in done.stdout, fmt
    done = run(
        "check", str(tmp_path / "bundle.json"), "--format", "xlsx", "-o", str(tmp_path / "r.xlsx")
    )
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx")["Hidden in the files"]
    assert [c.value for c in sheet["A"]][1:] == ["hidden-sheet", "hidden-row"]


def test_one_answer_from_the_api_the_cli_reports_and_a_folder_or_its_bundle(
    tmp_path: Path,
) -> None:
    """The same links from the Python API, ``ppsp check`` on the example folder and on the
    bundle ``ppsp import`` made of it, in both languages, in the JSON and xlsx reports."""
    import openpyxl

    from ppsp.rules.linking import TraceStatus, link

    out, examples = tmp_path, EXAMPLES

    def run_ok(*args: str, lang: str = "en") -> None:
        done = run(*args, lang=lang)
        assert done.returncode in (0, 1), done.stderr

    run_ok("import", str(examples), "-o", str(out / "bundle.json"))
    bundle = loads((out / "bundle.json").read_text("utf-8"))
    linkage = link(bundle, 2025)
    api = {
        (t.index, t.kind.value): t.status.value
        for t in linkage.traces
        if t.status is not TraceStatus.NO_DOCUMENT
    }
    assert {"linked", "missing"} <= set(api.values())
    answers = []
    for lang in ("en", "id"):
        for source, name in ((examples, "folder"), (out / "bundle.json", "bundle")):
            report = out / f"{name}-{lang}.json"
            run_ok(
                "check",
                str(source),
                "--format",
                "json",
                "-o",
                str(report),
                "--today",
                "2025-06-30",
                lang=lang,
            )
            data = json.loads(report.read_text("utf-8"))
            statuses = {
                (a["index"], kind): k["status"]
                for a in data["traceability"]["activities"]
                for kind, k in a["kinds"].items()
                if k["status"] not in ("not-planned", "no-document")
            }
            # the report's "not planned this year" is the API's missing-without-cost
            assert statuses == {k: v for k, v in api.items() if k in statuses}, (name, lang)
            answers.append((lang, [(f["rule"], f["message"]) for f in data["findings"]], statuses))
    assert answers[0][1:] == answers[1][1:]  # folder and bundle, English
    (out / "api").mkdir()
    example = _answers([examples], out / "api")  # and the Python API, for both
    assert example["api-files"] == example["api-bundle"] == example["cli-files"]
    assert [(rule, message) for rule, _, message, _ in example["api-files"][0]] == answers[0][1]
    assert answers[2][1:] == answers[3][1:]  # folder and bundle, Indonesian
    assert answers[0][2] == answers[2][2]  # the same links in both languages
    run_ok(
        "check",
        str(out / "bundle.json"),
        "--format",
        "xlsx",
        "-o",
        str(out / "r.xlsx"),
        "--today",
        "2025-06-30",
    )
    sheet = openpyxl.load_workbook(out / "r.xlsx")["Links"]
    assert sheet.max_row > 1


def test_lang_may_come_before_the_command_and_check_asks_for_source_year(tmp_path: Path) -> None:
    # an RKPD whose title says no year: check's --year is the audited year, so it asks for
    # --source-year; import, whose --year is the spreadsheet's, asks for --year
    path = tmp_path / "rkpd.csv"
    path.write_text(
        "RENCANA KERJA PEMERINTAH DAERAH KABUPATEN GUNUNG MAS\n"
        "Kode,Program/Kegiatan/Sub Kegiatan,Pagu Indikatif (Rp),Perangkat Daerah\n"
        "1.03.05.2.01.0036,Pembangunan IPLT,1000000,Dinas PUPR\n",
        "utf-8",
    )
    common = [str(path), "--kind", "rkpd", "--region", "62.10"]
    checked = run("--lang", "id", "check", *common, "--year", "2025")
    assert checked.returncode == 2
    assert "berikan --source-year" in checked.stderr, checked.stderr
    imported = run("import", *common, "-o", str(tmp_path / "b.json"))
    assert imported.returncode == 2
    assert "pass --year." in imported.stderr, imported.stderr
    # the option after the command wins over the one before it
    assert (
        "pass --source-year"
        in run("--lang", "id", "check", *common, "--year", "2025", "--lang", "en").stderr
    )


def test_python_m_ppsp_is_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ppsp", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == run("--version").stdout.strip()


def test_a_year_without_plans_says_so_instead_of_an_empty_list() -> None:
    from ppsp.domain import RegionBundle
    from ppsp.io.reports.text import render_text
    from ppsp.rules import check

    clean = loads(CLEAN.read_text("utf-8"))
    assert isinstance(clean, RegionBundle)
    only_ssk = RegionBundle(region=clean.region, ssk=clean.ssk)
    for lang, said in (
        ("en", "No plan or budget document of 2026 to trace the SSK activities into."),
        ("id", "Tidak ada dokumen perencanaan atau anggaran tahun 2026 untuk menelusuri"),
    ):
        text = render_text(check(only_ssk, 2026), lang)
        assert said in text
    assert "Where the SSK activities went" not in render_text(check(only_ssk, 2026), "en")
