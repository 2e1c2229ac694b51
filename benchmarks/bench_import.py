"""Benchmark: import a generated RKPD-style sheet of N lines, against python-calamine alone.

Run with ``make benchmark`` (or ``python benchmarks/bench_import.py [N]``). Prints the time of
``ppsp.io.sheets.importer.read_file`` and of python-calamine reading the same cells, measured in the same
run, their ratio (target: at most 2x), and the peak memory of the import (Python heap, as
tracemalloc sees it) against the file's size on disk (target: below 10x). Beyond the targets it
prints what making every line costs (the importer makes RKPD lines when they are read) and the
peak resident memory of calamine alone and of the import, each in a fresh interpreter (that
includes calamine's own memory, which tracemalloc does not see). A benchmark, not a test:
nothing here fails CI.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

CODES = [f"1.03.05.2.01.{i:04d}" for i in range(18, 46)]


def make_sheet(path: Path, n: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("RKPD")
    ws.append(["RKPD KABUPATEN GUNUNG MAS TAHUN 2025"])
    ws.append([])
    ws.append(
        [
            "Kode",
            "Program/Kegiatan/Sub Kegiatan",
            "Indikator Kinerja",
            "Target",
            "Lokasi",
            "Pagu Indikatif (Rp)",
            "Sumber Dana",
            "Prakiraan Maju Pagu",
            "Perangkat Daerah",
            "Keterangan",
        ]
    )
    for i in range(n):
        ws.append(
            [
                CODES[i % len(CODES)],
                f"Sub kegiatan sanitasi nomor {i}",
                "Kapasitas terpasang",
                f"{i % 50} unit",
                f"Kecamatan {i % 12}",
                1_000_000 + i * 1000,
                "APBD Kab",
                1_100_000 + i * 1000,
                "Dinas Pekerjaan Umum dan Penataan Ruang",
                None,
            ]
        )
    wb.save(path)


def best_of(runs: int, func):  # type: ignore[no-untyped-def]
    best = float("inf")
    result = None
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


_PEAK_PROBE = """
import resource, sys
try:  # Linux: the high-water mark of this process's own memory (ru_maxrss would include
    # the parent's, inherited through fork)
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM"))
except OSError:
    scale = 1 if sys.platform == "darwin" else 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
print(peak)
"""


def _peak_rss_of(code: str) -> float:
    """Peak resident memory (MiB) of a fresh interpreter running ``code``."""
    out = subprocess.run(
        [sys.executable, "-c", code + "\n" + _PEAK_PROBE],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(out.split()[-1]) / 2**20


def main(n: int = 100_000) -> None:
    import python_calamine as pc

    from ppsp.io.sheets.importer import read_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rkpd.xlsx"
        make_sheet(path, n)
        size = path.stat().st_size
        print(f"{n:,} lines, {size / 2**20:.1f} MiB on disk")

        def calamine_only() -> int:
            book = pc.CalamineWorkbook.from_path(str(path))
            rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
            return len(rows)

        def ppsp_import() -> int:
            return len(read_file(path).documents[0].lines)

        def every_line() -> int:
            # the import and then every line made (what a check or an export walks)
            return sum(1 for _ in read_file(path).documents[0].lines)

        baseline, rows = best_of(3, calamine_only)
        ours, lines = best_of(3, ppsp_import)
        walked, count = best_of(1, every_line)
        assert lines == n == count, (lines, count)
        tracemalloc.start()
        ppsp_import()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        every_line()
        _, walk_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"  python-calamine alone     {baseline:8.3f} s  ({rows:,} rows)")
        print(
            f"  ppsp read_file            {ours:8.3f} s  ({lines:,} typed lines, diagnostics, locations)"
        )
        print(f"  time ratio                {ours / baseline:8.2f}x   (target <= 2x)")
        print(f"  peak memory (Python heap) {peak / 2**20:8.1f} MiB")
        print(f"  memory / file size        {peak / size:8.2f}x   (target < 10x)")
        print("  -- beyond the targets --")
        print(
            f"  import + every line made  {walked:8.3f} s  ({walked / baseline:.2f}x calamine), "
            f"peak {walk_peak / 2**20:.1f} MiB ({walk_peak / size:.2f}x the file)"
        )
        # tracemalloc sees Python objects only; calamine's own (Rust) memory shows in the
        # process's resident size, measured in fresh interpreters
        setup = f"from pathlib import Path\npath = Path({str(path)!r})\n"
        idle = _peak_rss_of(setup + "import python_calamine, ppsp.io.sheets.importer")
        cal = _peak_rss_of(
            setup
            + "import python_calamine as pc, ppsp.io.sheets.importer\n"
            + "pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()"
        )
        imp = _peak_rss_of(
            setup
            + "import python_calamine, ppsp.io.sheets.importer\n"
            + "ppsp.io.sheets.importer.read_file(path)"
        )
        print(
            f"  peak resident memory over an idle interpreter: calamine alone "
            f"{cal - idle:.1f} MiB, ppsp read_file {imp - idle:.1f} MiB "
            f"({(imp - idle) * 2**20 / size:.2f}x the file)"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
