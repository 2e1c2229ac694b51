"""Fuzzing: hypothesis-generated broken workbooks and CSV files, the corpus of every crasher
found so far, and a bounded run of the coverage-guided (atheris) target."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ppsp import PpspError
from ppsp.io.sheets.importer import read_file
from ppsp.io.sheets.workbook import read_grids
from ppsp.testing import broken_csv_bytes, broken_workbook

HERE = Path(__file__).parent
CORPUS = HERE / "fuzz_corpus"
sys.path.insert(0, str(HERE))
from fuzz_ppsp import one_input  # noqa: E402

sys.path.remove(str(HERE))


def _read(path: Path) -> None:
    try:
        read_grids(path)
        read_file(path)
    except PpspError as error:
        assert error.message("en") and error.message("id")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=broken_csv_bytes())
def test_broken_csv_files_read_or_say_why(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("csv") / "broken.csv"
    path.write_bytes(data)
    _read(path)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_broken_workbooks_read_or_say_why(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = data.draw(broken_workbook(tmp_path_factory.mktemp("xlsx")))
    _read(path)


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.iterdir()))
def test_every_input_of_the_corpus_stays_fixed(name: str) -> None:
    one_input((CORPUS / name).read_bytes())


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris not installed")
def test_the_coverage_guided_target_runs_clean_for_a_while(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)  # libFuzzer adds what it finds to its first folder
    runs = os.environ.get("PPSP_FUZZ_RUNS", "300")
    done = subprocess.run(
        [
            sys.executable,
            str(HERE / "fuzz_ppsp.py"),
            f"-runs={runs}",
            "-max_total_time=60",
            "-timeout=60",
            "-rss_limit_mb=2048",
            f"-artifact_prefix={tmp_path}/",
            str(corpus),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    crashes = sorted(
        p.name for p in tmp_path.iterdir() if p.name.startswith(("crash-", "timeout-", "oom-"))
    )
    assert done.returncode == 0 and not crashes, (
        f"new crasher(s) {crashes}: copy them into tests/fuzz_corpus/\n{done.stderr[-3000:]}"
    )
    assert "Done" in done.stderr
