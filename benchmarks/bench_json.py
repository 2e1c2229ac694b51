"""Benchmark: build 100,000 plan lines, then a JSON round trip, against plain orjson of dicts.

Run with ``make benchmark`` (or ``python benchmarks/bench_json.py [N]``). Prints times and the
ratio of ppsp to the baseline measured in the same run: constructing equivalent plain dicts and
``orjson.dumps``/``orjson.loads`` of them. A benchmark, not a test: nothing here fails CI.
"""

from __future__ import annotations

import gc
import sys
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import orjson

from ppsp.domain import (
    RKPD,
    Agency,
    CodeLevel,
    Funding,
    FundingSource,
    NomenclatureCode,
    PlanLine,
    RegionCode,
    Rupiah,
    SourceLocation,
)
from ppsp.io.json import dumps, loads


def _timed(label: str, func: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - start
    print(f"  {label:<38} {elapsed:8.3f} s")
    return elapsed, result


def main(n: int = 100_000) -> None:
    codes = [NomenclatureCode.parse(f"1.03.05.2.01.{i % 9999 + 1:04d}") for i in range(500)]
    agencies = [Agency("Dinas PUPR"), Agency("Dinas Kesehatan"), Agency("DLH")]

    def build_ppsp() -> RKPD:
        lines = tuple(
            PlanLine(
                name=f"Sub kegiatan {i}",
                code=codes[i % 500],
                level=CodeLevel.SUB_KEGIATAN,
                agency=agencies[i % 3],
                location="Kuala Kurun",
                pagu=Rupiah(Decimal(1_000_000 + i)),
                funding=(Funding(source=FundingSource.APBD_KABKOTA),),
                source=SourceLocation(file="rkpd.xlsx", sheet="RKPD", row=i + 5),
            )
            for i in range(n)
        )
        return RKPD(region=RegionCode.parse("62.10"), year=2025, lines=lines)

    def build_dicts() -> dict[str, Any]:
        return {
            "kind": "rkpd",
            "region": "62.10",
            "year": 2025,
            "lines": [
                {
                    "name": f"Sub kegiatan {i}",
                    "code": str(codes[i % 500]),
                    "level": "sub_kegiatan",
                    "agency": {"name": agencies[i % 3].name},
                    "location": "Kuala Kurun",
                    "pagu": str(1_000_000 + i),
                    "funding": [{"source": "apbd-kabkota"}],
                    "source": {"file": "rkpd.xlsx", "sheet": "RKPD", "row": i + 5},
                }
                for i in range(n)
            ],
        }

    print(f"{n:,} RKPD lines")
    print("ppsp:")
    t_build, rkpd = _timed("construct (validated, frozen)", build_ppsp)
    t_dump, text = _timed("dumps", lambda: dumps(rkpd, indent=None))
    t_load, again = _timed("loads (validated)", lambda: loads(text))
    assert again == rkpd
    print("baseline (plain dicts + orjson):")
    b_build, data = _timed("construct dicts", build_dicts)
    b_dump, raw = _timed("orjson.dumps", lambda: orjson.dumps(data))
    b_load, _ = _timed("orjson.loads", lambda: orjson.loads(raw))
    tracemalloc.start()
    build_ppsp()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print("ratios (ppsp / baseline):")
    print(f"  construct        {t_build / b_build:8.1f}x")
    print(f"  dumps            {t_dump / b_dump:8.1f}x")
    print(f"  loads            {t_load / b_load:8.1f}x")
    total = (t_build + t_dump + t_load) / (b_build + b_dump + b_load)
    print(f"  whole round trip {total:8.1f}x")
    print(f"peak memory while constructing: {peak / 2**20:.0f} MiB ({peak / n:.0f} bytes/line)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
