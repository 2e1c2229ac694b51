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


def test_demo_writes_bundle_and_schema(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = run("demo", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Kabupaten Gunung Mas (62.10)" in result.stdout
    assert "ILLUSTRATIVE" in result.stdout
    assert "not found in the RKPD: Pembangunan TPS 3R" in result.stdout
    bundle = loads((out / "bundle.json").read_text("utf-8"))
    assert str(bundle.region) == "62.10"
    assert json.loads((out / "ppsp.schema.json").read_text("utf-8"))["$id"].startswith("urn:ppsp")


def test_demo_in_indonesian(tmp_path: Path) -> None:
    result = run("demo", "-o", str(tmp_path / "d"), lang="id")
    assert result.returncode == 0
    assert "zona waktu WIB" in result.stdout
    assert "Rp8.185.000.000,00" in result.stdout
    english = run("demo", "-o", str(tmp_path / "e"), "--lang", "en")
    assert "IDR8,185,000,000.00" in english.stdout


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
    assert csv_out.returncode == 0 and len(list((tmp_path / "csv").iterdir())) == 2
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
            "17.07, 62.10",
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
