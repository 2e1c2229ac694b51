"""Benchmark: time and peak memory of ``ppsp`` on each generated hostile input, against a
baseline (the check of a small valid bundle) measured in the same run.

    python benchmarks/bench_hostile.py [--full] [--only NAME,NAME]

Each input is made by :mod:`ppsp.testing.hostile` and run through the command line in a child
process of its own (``ppsp check``, or ``ppsp import`` for a spreadsheet), under a 120 s timeout;
the peak memory is the child's maximum resident set size (``wait4``). Sizes are those of the
attack report with ``--full`` (a 1 GB zip bomb, 1 GB of unclosed rows, a 300 MB CSV line, a
500 MB bundle) and a tenth of them by default. Also measured: the pre-checks (zip directory,
sheet scan) on a generated, real-looking sheet of 1,048,576 rows, which the defaults must let
through. A benchmark, not a test: it prints, it does not judge.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ppsp.testing.hostile import HOSTILE, bundle_json, write_xlsx_parts

_MB = 1 << 20
FULL = {
    "xlsx-zip-bomb": 1024 * _MB,
    "xlsx-unclosed-rows": 1024 * _MB,
    "csv-long-line": 300 * _MB,
    "csv-unbalanced-quote": 1_200_000,
    "json-deep": 100_000,
    "json-long-text": 100_000,
    "json-large": 500 * _MB,
}


def _child(args: list[str], timeout: float = 120.0) -> tuple[int | str, float, int, str]:
    """Run ``ppsp ARGS`` in a child; its exit code, seconds, peak RSS (bytes), stderr."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "ppsp.cli", *args],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env={**os.environ, "PPSP_LANG": "en"},
        )
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                process.returncode = -9
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    code: int | str = os.waitstatus_to_exitcode(status) if process.returncode != -9 else "timeout"
    return code, seconds, usage.ru_maxrss * 1024, text


def _distinct(text: str, folder: Path) -> set[str]:
    """The distinct messages of a run, with the paths and numbers taken out."""
    lines = set()
    for line in text.splitlines():
        line = line.replace(str(folder), "")
        if line.startswith(("recognised", "Wrote", "/")) or not line.strip():
            continue
        lines.add(re.sub(r"\d+", "N", line)[:160])
    return lines


def _real_sheet(folder: Path, rows: int) -> Path:
    """An RKPD-like sheet of ``rows`` rows of varied lines (codes, names, amounts, agencies)."""
    agencies = ["Dinas PUPR", "DLH", "Dinas Kesehatan", "Bappeda", "Dinas Perkim"]

    def body() -> object:
        yield b"<sheetData>"
        block = []
        for r in range(1, rows + 1):
            code = f"1.03.{r % 90 + 10:02d}.2.{r % 9 + 1:02d}.{r % 9999 + 1:04d}"
            cells = (
                f'<c r="A{r}" t="inlineStr"><is><t>{code}</t></is></c>'
                f'<c r="B{r}" t="inlineStr"><is><t>Pembangunan sarana sanitasi desa {r}</t></is></c>'
                f'<c r="C{r}"><v>{(r * 7919) % 10**9 * 1000}</v></c>'
                f'<c r="D{r}" t="inlineStr"><is><t>{agencies[r % 5]}</t></is></c>'
                f'<c r="E{r}"><v>{r % 100}</v></c>'
            )
            block.append(f'<row r="{r}">{cells}</row>')
            if len(block) == 10_000:
                yield "".join(block).encode()
                block = []
        yield "".join(block).encode()
        yield b"</sheetData>"

    return write_xlsx_parts(folder / "real.xlsx", [("RKPD", "visible", body())])  # type: ignore[list-item]


def main() -> None:
    full = "--full" in sys.argv
    only = None
    if "--only" in sys.argv:
        only = set(sys.argv[sys.argv.index("--only") + 1].split(","))
    folder = Path(tempfile.mkdtemp(prefix="ppsp-hostile-"))
    today = ["--today", "2025-06-01"]
    base = folder / "baseline.json"
    base.write_text(json.dumps(bundle_json()), encoding="utf-8")
    _, base_seconds, base_rss, _ = _child(["check", str(base), *today])
    print(
        f"baseline: check of a one-activity bundle {base_seconds:.2f} s, {base_rss / _MB:.0f} MiB"
    )
    print(
        f"{'input':26} {'size':>10} {'exit':>7} {'seconds':>8} {'x base':>7} {'peak MiB':>9} {'x base':>7}"
    )
    distinct: set[str] = set()
    crashes = 0
    for name, make in HOSTILE.items():
        if only and name not in only:
            continue
        size = FULL.get(name, 0)
        if not full and size > 10 * _MB:
            size //= 10
        path = make(folder, size)
        command = ["import", str(path)] if path.suffix != ".json" else ["check", str(path), *today]
        if name == "json-large":  # the load and a CSV export (a check of 100,000s of lines
            command = ["export", str(path), "--to", "csv", "-o", str(folder / "out")]  # is slow)
        code, seconds, rss, err = _child(command)
        crashes += code not in (0, 1, 2)
        distinct |= _distinct(err, folder)
        print(
            f"{name:26} {path.stat().st_size / _MB:9.1f}M {code!s:>7} {seconds:8.2f} "
            f"{seconds / base_seconds:7.1f} {rss / _MB:9.0f} {rss / base_rss:7.1f}"
        )
        path.unlink()
    print(
        f"hostile inputs: {len(HOSTILE) if not only else len(only)}, crashes (exit not 0/1/2): "
        f"{crashes}, distinct messages: {len(distinct)}"
    )
    if only is None or "real-sheet" in only:
        from ppsp.io.limits import check_zip, current_limits
        from ppsp.io.workbook import _xlsx_extras

        rows = 1_048_576 if full else 104_857
        started = time.perf_counter()
        sheet = _real_sheet(folder, rows)
        made = time.perf_counter() - started
        with __import__("zipfile").ZipFile(sheet) as archive:
            info = archive.getinfo("xl/worksheets/sheet1.xml")
        started = time.perf_counter()
        check_zip(sheet, current_limits())
        _xlsx_extras(sheet, current_limits())
        checked = time.perf_counter() - started
        print(
            f"real sheet of {rows} rows: {info.file_size / _MB:.0f} MiB unpacked, ratio "
            f"{info.file_size / info.compress_size:.1f} (limit {current_limits().max_ratio:g}), "
            f"passes the pre-checks in {checked:.2f} s (made in {made:.1f} s)"
        )
        sheet.unlink()


if __name__ == "__main__":
    main()
