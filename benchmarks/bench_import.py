"""Benchmark: import a generated RKPD-style sheet of N lines, against python-calamine alone.

Run with ``make benchmark`` (or ``python benchmarks/bench_import.py [N]``). Prints the time of
``ppsp.io.importer.read_file`` and of python-calamine reading the same cells, measured in the same
run, their ratio (target: at most 2x), and the peak memory of the import against the file's size
on disk (target: below 10x). A benchmark, not a test: nothing here fails CI.
"""

from __future__ import annotations

import gc
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


def main(n: int = 100_000) -> None:
    import python_calamine as pc

    from ppsp.io.importer import read_file

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

        baseline, rows = best_of(3, calamine_only)
        ours, lines = best_of(3, ppsp_import)
        assert lines == n, lines
        tracemalloc.start()
        ppsp_import()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"  python-calamine alone     {baseline:8.3f} s  ({rows:,} rows)")
        print(
            f"  ppsp read_file            {ours:8.3f} s  ({lines:,} typed lines, diagnostics, locations)"
        )
        print(f"  time ratio                {ours / baseline:8.2f}x   (target <= 2x)")
        print(f"  peak memory               {peak / 2**20:8.1f} MiB")
        print(f"  memory / file size        {peak / size:8.2f}x   (target < 10x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
