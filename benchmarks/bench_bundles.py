"""Benchmark: bundles at disk speed (issue 14), every figure against a baseline of the same run.

    python benchmarks/bench_bundles.py [LINES] [--runs R] [--scaling]

For a generated RKPD sheet of LINES lines (default 100,000; the sheet of bench_import.py):

* ``ppsp import`` as a whole process (``python -m ppsp.cli import rkpd.xlsx -o bundle.json``)
  against a process that does python-calamine -> dicts -> orjson on the same sheet: wall time,
  peak resident memory (each process's own, from ``os.wait4``) and the size of the file written;
* the JSON round trip in the process (``dumps`` then ``loads`` of a document of LINES plan
  lines) against orjson of the equivalent plain dicts (dumped, loaded); beside it, for the
  record, the same with the construction of the objects and of the dicts counted in; and the
  load of the imported bundle (``loads``, with its parts: the limits pre-scan of the text,
  orjson's parse, the structuring) against ``orjson.loads`` of the same bytes;
* ``ppsp check bundle.json`` as a whole process against the check in the process of the bundle
  already made plus ``orjson.loads`` of the file;
* ``ppsp --help`` against ``python -c pass``: the difference in milliseconds;
* with ``--scaling``: the same at 1,000, 3,000, 10,000 and 30,000 lines, and the exponent
  ``k`` of ``time ~ lines^k``: from 1,000 and from 10,000 lines to the largest size, fitted by
  least squares over every size (one disturbed size moves it less), and the fitted exponent of
  the ratio to the baseline (at 100,000 lines the baseline's own time grows faster than linear
  too: caches, memory).

Each process is run R times (default 3), the two of a pair in turn, and the fastest run of each
is kept (the machine is shared: the minimum is the run least disturbed); peaks are the largest
run's. The spread column says how much slower the slowest of ppsp's runs was than its fastest;
the CPU ratio is the same ratio of CPU seconds (user and system, all threads: the import's XML
scan runs beside calamine), less disturbed by other work on a shared machine.
Prints one table: figure, ppsp, baseline, ratio, target, spread. A benchmark, not a test:
nothing here fails CI.

ppsp's modules are compiled to bytecode first (as an installation does), so that no process
compiles them even where ``PYTHONDONTWRITEBYTECODE`` is set.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bench_import import make_sheet

_BASELINE_IMPORT = """
import sys
import orjson
import python_calamine as pc
book = pc.CalamineWorkbook.from_path(sys.argv[1])
rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
header = [str(h) for h in rows[2]]
records = [dict(zip(header, row)) for row in rows[3:]]
with open(sys.argv[2], "wb") as out:
    out.write(orjson.dumps({"lines": records}))
"""


_PEAK = """
import atexit, os
def _peak():
    # this process's own high-water mark (ru_maxrss would include what the parent had when it
    # forked this one)
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    with open(os.environ["BENCH_PEAK_FILE"], "w") as out:
        out.write(str(peak * 1024))
atexit.register(_peak)
"""


def as_process(code: str, *argv: str) -> list[str]:
    """A fresh interpreter running ``code`` with ``argv``, that writes its peak memory on exit."""
    return [sys.executable, "-c", _PEAK + code, *argv]


def cli(*argv: str) -> list[str]:
    """The ``ppsp`` command line as a whole process (what ``ppsp ARGV`` runs)."""
    return as_process(
        "import sys, runpy\nsys.argv = ['ppsp', *sys.argv[1:]]\n"
        "runpy.run_module('ppsp.cli', run_name='__main__')",
        *argv,
    )


def run_process(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak resident MiB and CPU seconds (user and system, every thread) of one
    process."""
    with tempfile.NamedTemporaryFile() as peak_file:
        env = {**os.environ, "BENCH_PEAK_FILE": peak_file.name}
        start = time.perf_counter()
        child = subprocess.Popen(
            args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in (0, 1):  # 1: a check with error findings
            raise SystemExit(f"{args[3:]} exited with {child.returncode}")
        text = Path(peak_file.name).read_text() or "0"
    return wall, int(text) / 2**20, usage.ru_utime + usage.ru_stime


class Runs(list[float]):
    """The wall seconds of every run of one measurement (its figure is the fastest), and beside
    them (``cpu``) the CPU seconds of each: on a shared machine the CPU time is the less
    disturbed of the two (a process waiting for a core does not count), though it adds up the
    threads that wall time overlaps."""

    def __init__(self, wall: Iterable[float] = (), cpu: Iterable[float] = ()) -> None:
        super().__init__(wall)
        self.cpu = list(cpu)

    def add(self, wall: float, cpu: float) -> None:
        self.append(wall)
        self.cpu.append(cpu)

    @property
    def best(self) -> float:
        return min(self)

    @property
    def best_cpu(self) -> float:
        return min(self.cpu)

    @property
    def spread(self) -> float:
        """How much slower the slowest run was than the fastest, as a fraction."""
        return max(self) / min(self) - 1 if len(self) > 1 else 0.0


def pair(a: list[str], b: list[str], runs: int) -> tuple[Runs, float, Runs, float]:
    """Times and largest peak of ``a`` and of ``b``, run in turn."""
    times_a, times_b, peaks_a, peaks_b = Runs(), Runs(), [], []
    for _ in range(runs):
        wall, peak, cpu = run_process(a)
        times_a.add(wall, cpu)
        peaks_a.append(peak)
        wall, peak, cpu = run_process(b)
        times_b.add(wall, cpu)
        peaks_b.append(peak)
    return times_a, max(peaks_a), times_b, max(peaks_b)


def timed(func: Callable[[], Any], runs: int = 1) -> tuple[Runs, Any]:
    times, result = Runs(), None
    for _ in range(runs):
        result = None  # the previous run's result is not kept alive during the next
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        result = func()
        times.add(time.perf_counter() - start, time.process_time() - cpu)
    return times, result


def round_trip(n: int, runs: int) -> dict[str, tuple[Runs, Runs]]:
    """The JSON round trip of ``n`` plan lines and its parts, ppsp against orjson of plain
    dicts: part -> (ppsp, baseline)."""
    from decimal import Decimal

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
    from ppsp.domain.location import CellMap
    from ppsp.io.json import dumpb, loads

    codes = [NomenclatureCode.parse(f"1.03.05.2.01.{i % 9999 + 1:04d}") for i in range(500)]
    agencies = [Agency("Dinas PUPR"), Agency("Dinas Kesehatan"), Agency("DLH")]
    columns = {"name": ("B", "Sub Kegiatan"), "code": ("A", "Kode"), "pagu": ("F", "Pagu")}
    keys = ("code", "name", "pagu")

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
                source=SourceLocation.trusted("rkpd.xlsx", "RKPD", i + 5, None, None),
                cells=CellMap("rkpd.xlsx", "RKPD", i + 5, columns, keys),
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

    t_build, rkpd = timed(build_ppsp, runs)
    t_dump, raw = timed(lambda: dumpb(rkpd), runs)
    t_indent, _ = timed(lambda: dumpb(rkpd, indent=2), runs)
    t_load, again = timed(lambda: loads(raw), runs)
    assert again == rkpd
    again = None
    b_build, data = timed(build_dicts, runs)
    b_dump, plain = timed(lambda: orjson.dumps(data), runs)
    b_indent, _ = timed(lambda: orjson.dumps(data, option=orjson.OPT_INDENT_2), runs)
    b_load, _ = timed(lambda: orjson.loads(plain), runs)

    def plus(*parts: Runs) -> Runs:
        return Runs(
            (sum(times) for times in zip(*parts, strict=True)),
            (sum(times) for times in zip(*(p.cpu for p in parts), strict=True)),
        )

    return {
        "round trip": (plus(t_dump, t_load), plus(b_dump, b_load)),
        "dumps": (t_dump, b_dump),
        "dumps with indent=2 (ppsp import --indent)": (t_indent, b_indent),
        "loads": (t_load, b_load),
        "with construction": (plus(t_build, t_dump, t_load), plus(b_build, b_dump, b_load)),
        "construct": (t_build, b_build),
    }


def measure(n: int, folder: Path, runs: int) -> dict[str, tuple[Runs | float, Runs | float | None]]:
    """Every figure at ``n`` lines: name -> (ppsp, baseline)."""
    import orjson

    from ppsp.io.json import codec as codec
    from ppsp.rules import Settings, check

    sheet = folder / f"rkpd-{n}.xlsx"
    if not sheet.exists():
        make_sheet(sheet, n)
    bundle_file = folder / f"bundle-{n}.json"
    plain_file = folder / f"plain-{n}.json"
    figures: dict[str, tuple[Runs | float, Runs | float | None]] = {}

    ours = cli("import", str(sheet), "-o", str(bundle_file))
    base = as_process(_BASELINE_IMPORT, str(sheet), str(plain_file))
    t_ours, p_ours, t_base, p_base = pair(ours, base, runs)
    figures["import: whole process, s"] = (t_ours, t_base)
    figures["import: peak resident memory, MiB"] = (p_ours, p_base)
    size = bundle_file.stat().st_size / 2**20
    figures["import: file written, MiB"] = (size, plain_file.stat().st_size / 2**20)

    parts = round_trip(n, runs)
    figures["JSON round trip (dumps+loads), s"] = parts.pop("round trip")
    for part, pair_of_runs in parts.items():
        figures[f"  {part}, s"] = pair_of_runs

    raw = bundle_file.read_bytes()
    t_load, bundle = timed(lambda: codec.loads(raw, source=str(bundle_file)), runs)
    t_orjson, data = timed(lambda: orjson.loads(raw), runs)
    figures["loads of the imported bundle, s"] = (t_load, t_orjson)
    t_scan, _ = timed(lambda: codec._check_input(raw, None), runs)
    figures["  of which the limits pre-scan, s"] = (t_scan, t_orjson)

    def structure() -> Any:
        with codec._no_collection(kept=True):  # as loads structures what orjson read
            return codec.from_dict(data)

    t_structure, _ = timed(structure, runs)
    figures["  of which structuring (from_dict), s"] = (t_structure, t_orjson)
    data = None

    settings = Settings(today=_today())
    t_check, _ = timed(lambda: check(bundle, 2025, settings=settings), runs)
    report = folder / f"report-{n}.json"
    check_cmd = cli(
        *("check", str(bundle_file), "--year", "2025", "--today", "2025-06-01"),
        *("--format", "json", "-o", str(report)),
    )
    t_cli = Runs()
    for _ in range(runs):
        wall, _peak, cpu = run_process(check_cmd)
        t_cli.add(wall, cpu)
    baseline = Runs([t_check.best + t_orjson.best], [t_check.best_cpu + t_orjson.best_cpu])
    figures["check bundle.json: whole process, s"] = (t_cli, baseline)
    figures["  in-process check alone, s"] = (t_check, None)
    # what the process pays beyond the check and the parse: the loads above (validation and
    # objects), the hash of the input (in a thread beside the parse), and what any check
    # pays whatever the bundle (interpreter, imports, register, rules, the report written):
    # a whole-process check of a bundle without documents
    t_hash, _ = timed(lambda: hashlib.sha256(raw).hexdigest(), runs)
    figures["  sha256 of the file (beside the parse), s"] = (t_hash, None)
    empty = folder / "empty-bundle.json"
    if not empty.exists():
        from ppsp.domain import RegionBundle, RegionCode

        empty.write_bytes(codec.dumpb(RegionBundle(region=RegionCode.parse("62.10"))))
    fixed = cli(
        *("check", str(empty), "--year", "2025", "--today", "2025-06-01"),
        *("--format", "json", "-o", str(folder / "report-empty.json")),
    )
    t_fixed = Runs()
    for _ in range(runs):
        wall, _peak, cpu = run_process(fixed)
        t_fixed.add(wall, cpu)
    figures["  check of an empty bundle: whole process, s"] = (t_fixed, None)
    return figures


def _today() -> Any:
    from ppsp.domain.period import parse_date

    return parse_date("2025-06-01")


def help_overhead(runs: int) -> tuple[float, float]:
    help_times, bare_times = [], []
    for _ in range(max(runs, 5)):
        help_times.append(run_process(cli("--help"))[0])
        bare_times.append(run_process(as_process("pass"))[0])
    return min(help_times), min(bare_times)


def compile_ppsp() -> None:
    """ppsp's modules compiled to bytecode, as installing it does (pip compiles on install):
    the processes measured then read them, even with ``PYTHONDONTWRITEBYTECODE`` set."""
    import compileall

    import ppsp

    compileall.compile_dir(str(Path(ppsp.__file__).parent), quiet=1)


def register_once() -> float:
    """Seconds of the first ``default_register()`` in a fresh interpreter."""
    code = (
        "import time\nfrom ppsp.domain.region import default_register\n"
        "t = time.perf_counter(); default_register(); print(time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return float(out.split()[-1])


TARGETS = {
    "import: whole process, s": 2.5,
    "import: peak resident memory, MiB": 2.0,
    "import: file written, MiB": 2.0,
    "JSON round trip (dumps+loads), s": 3.0,
    "check bundle.json: whole process, s": 1.5,
}


def _best(value: Runs | float) -> float:
    return value.best if isinstance(value, Runs) else value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lines", nargs="?", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--scaling", action="store_true", help="also 1,000, 3,000, 10,000 and 30,000 lines"
    )
    args = parser.parse_args()
    # the sizes between make the fitted exponent more than the slope between the ends (with
    # three sizes evenly spaced in log(lines) the two are the same)
    smaller = {1_000, 3_000, 10_000, 30_000}
    sizes = (
        sorted({n for n in smaller if n < args.lines} | {args.lines})
        if args.scaling
        else [args.lines]
    )
    compile_ppsp()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results = {}
        for n in sizes:
            print(f"measuring {n:,} lines ...", file=sys.stderr)
            results[n] = measure(n, folder, args.runs)
    help_time, bare_time = help_overhead(args.runs)
    register = register_once()

    n = args.lines
    print(f"\nbundles at disk speed: {n:,}-line RKPD, fastest of {args.runs} runs")
    header = (
        f"{'figure':<46} {'ppsp':>10} {'baseline':>10} {'ratio':>8} {'target':>8}  met"
        f"  {'spread':>6}  {'CPU ratio':>9}"
    )
    print(header)
    print("-" * len(header))
    for name, (ours, base) in results[n].items():
        target = TARGETS.get(name)
        shown = f"<= {target:g}x" if target else "-"
        spread = f"{ours.spread:6.0%}" if isinstance(ours, Runs) and len(ours) > 1 else ""
        if base is None:
            print(f"{name:<46} {_best(ours):>10.3f} {'-':>10} {'-':>8} {shown:>8}       {spread}")
            continue
        ratio = _best(ours) / _best(base)
        met = ("yes" if ratio <= target else "NO ") if target else "   "
        cpu = (
            f"{ours.best_cpu / base.best_cpu:>8.2f}x"
            if isinstance(ours, Runs) and isinstance(base, Runs) and base.best_cpu > 0
            else ""
        )
        print(
            f"{name:<46} {_best(ours):>10.3f} {_best(base):>10.3f} {ratio:>7.2f}x {shown:>8}"
            f"  {met}  {spread:>6}  {cpu}"
        )
    over = (help_time - bare_time) * 1000
    print(
        f"{'ppsp --help over python -c pass, ms':<46} {help_time * 1000:>10.0f} "
        f"{bare_time * 1000:>10.0f} {over:>7.0f}ms {'< 150ms':>8}  {'yes' if over < 150 else 'NO'}"
    )
    print(f"{'first default_register() in a process, s':<46} {register:>10.3f}")
    if len(sizes) > 1:
        _print_scaling(results, sizes)


def fitted_exponent(points: list[tuple[int, float]]) -> float:
    """The least-squares slope of log(time) over log(lines): ``k`` of ``time ~ lines^k`` fitted
    over every size measured (one noisy size moves it less than it moves a two-point slope).

    >>> round(fitted_exponent([(1_000, 0.01), (10_000, 0.1), (100_000, 1.0)]), 3)
    1.0
    """
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def _print_scaling(
    results: dict[int, dict[str, tuple[Runs | float, Runs | float | None]]], sizes: list[int]
) -> None:
    """The exponents: from each smaller size to the largest, fitted over all sizes, and the
    fitted exponent of the ratio to the baseline (how much faster than the baseline's own
    time ppsp's grows: the machine's caches and memory make both grow faster than linear at
    100,000 lines, the baseline too)."""
    large = sizes[-1]
    print(
        "\nscaling exponents k (time ~ lines^k; target <= 1.05): ppsp (baseline); 'fit': "
        "least squares over every size; 'of the ratio': the fitted k of ppsp / baseline"
    )
    spans = [(small, large) for small in sizes[:-1] if small in (1_000, 10_000)]
    titles = [f"{a:,} -> {b:,}" for a, b in spans] + ["fit", "of the ratio"]
    print(f"  {'':<44}" + "".join(f"{t:>22}" for t in titles))
    for name in results[large]:
        if not name.endswith(", s") or name.startswith(" "):
            continue
        cells = []
        big_ours, big_base = results[large][name]
        for small, _ in spans:
            span = math.log(large / small)
            small_ours, small_base = results[small][name]
            k = math.log(_best(big_ours) / _best(small_ours)) / span
            kb = (
                math.log(_best(big_base) / _best(small_base)) / span
                if big_base is not None and small_base is not None
                else float("nan")
            )
            cells.append(f"{k:5.2f} ({kb:5.2f}) {'yes' if k <= 1.05 else 'NO'}")
        ours = fitted_exponent([(n, _best(results[n][name][0])) for n in sizes])
        based = [(n, results[n][name][1]) for n in sizes]
        if all(b is not None for _, b in based):
            base_k = fitted_exponent([(n, _best(b)) for n, b in based if b is not None])
            ratio_k = fitted_exponent(
                [(n, _best(results[n][name][0]) / _best(b)) for n, b in based if b is not None]
            )
            cells.append(f"{ours:5.2f} ({base_k:5.2f}) {'yes' if ours <= 1.05 else 'NO'}")
            cells.append(f"{ratio_k:+5.2f}")
        else:
            cells.append(f"{ours:5.2f} {'yes' if ours <= 1.05 else 'NO'}")
            cells.append("-")
        print(f"  {name:<44}" + "".join(f"{c:>22}" for c in cells))


if __name__ == "__main__":
    main()
