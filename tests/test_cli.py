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
