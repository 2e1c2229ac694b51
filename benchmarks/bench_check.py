"""Benchmark: the whole check of a generated region against two baselines in the same run.

    python benchmarks/bench_check.py [ACTIVITIES] [LINES]
    python benchmarks/bench_check.py --scaling
    python benchmarks/bench_check.py --memory [500]

The region: an SSK with 300 activities (2024-2028) and, for each of the five years, an RKPD,
Renja-PD (spread over 30 agencies) and DPA of 3,000 sub kegiatan lines each. Most activities
carry a code that the plans use; some have no code (linked by name), some are missing.

Measured: ``ppsp.rules.check`` of every rule for each of the five years (linker included), and
(a) a plain exact-code dictionary join of the same activities and lines, (b) rapidfuzz
``cdist`` over all activity x line name pairs with the scorers the linker uses
(``token_sort_ratio`` and ``token_set_ratio``, one worker): what brute-force name matching of
the same data would cost. The cost of ``cdist`` with ``token_sort_ratio`` alone is printed too.
The target of issue 4: the whole check costs no more than (b).

``--scaling`` (issues 14 and 15): the check of one year (every rule, the linker included) at
1,000, 10,000 and 100,000 of three series: plan lines growing under an SSK of 300 activities;
lines and activities growing together (one activity per 100 lines); activities growing with no
plan (the shape of the 500 MB bundle). Each size is measured against a baseline of the same run:
orjson's load of that bundle's JSON plus one linear pass over its dicts (every line indexed by
code, every activity looked up). Printed: the times, their ratio, and the exponent ``k`` of
``time ~ n^k`` from 1,000 to 100,000 (target <= 1.05). Times are CPU seconds of the process
(the fewest of the runs), less disturbed on a shared machine than wall time. A benchmark, not a
test.

``--memory`` (issue 15): the peak memory of ``ppsp check`` of a bundle of many activities and
no plan (:func:`ppsp.testing.hostile.json_large`'s bundle: 4.7 MiB and 47 MiB; ``--memory 500``
adds the attack report's 500 MB, a check of about ten minutes) against two child processes
measured in the same run: one that reads the file and loads it with ``ppsp.io.json.loads``
(streamed: the input text plus the domain objects, the floor of a check, which holds the
bundle) and one that only parses it with orjson (the whole tree, which the check held before
the load was streamed). Printed: each peak, per MiB of input, the ratios, what the check keeps
beyond the loaded bundle per activity (its findings), and whether the check's peak is at most
:data:`MEMORY_TARGET` times its floor.
"""

from __future__ import annotations

import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from peak import PEAK_PRELUDE  # benchmarks/peak.py (this folder is on the path when run)

from ppsp.domain import (
    DPA,
    RKPD,
    Agency,
    BudgetLine,
    CodeLevel,
    Funding,
    FundingSource,
    NomenclatureCode,
    PlanLine,
    PlanPeriod,
    RegionBundle,
    RegionCode,
    RenjaPD,
    Rupiah,
    SSKActivity,
    StrategiSanitasi,
    Subsector,
    YearAmount,
)
from ppsp.rules import Settings, check

REGION = RegionCode.parse("62.10")
AGENCY_NAMES = (
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perumahan dan Kawasan Permukiman",
    "Dinas Lingkungan Hidup",
    "Dinas Sosial",
    "Dinas Perhubungan",
    "Dinas Pertanian",
    "Dinas Perikanan",
    "Dinas Pariwisata",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Tenaga Kerja",
    "Dinas Koperasi dan UKM",
    "Dinas Perdagangan",
    "Dinas Perindustrian",
    "Dinas Komunikasi dan Informatika",
    "Dinas Kearsipan",
    "Dinas Perpustakaan",
    "Dinas Pemuda dan Olahraga",
    "Dinas Ketahanan Pangan",
    "Dinas Pemadam Kebakaran",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Keuangan Daerah",
    "Badan Kepegawaian Daerah",
    "Badan Penanggulangan Bencana Daerah",
    "Satuan Polisi Pamong Praja",
    "Inspektorat Daerah",
    "Sekretariat Daerah",
    "Sekretariat DPRD",
)
YEARS = range(2024, 2029)
WORDS = [
    "pembangunan",
    "peningkatan",
    "rehabilitasi",
    "penyediaan",
    "pengadaan",
    "penyusunan",
    "sosialisasi",
    "pelatihan",
    "jalan",
    "jembatan",
    "sekolah",
    "puskesmas",
    "irigasi",
    "drainase",
    "saluran",
    "ipal",
    "iplt",
    "tps",
    "sampah",
    "air",
    "bersih",
    "gedung",
    "kantor",
    "pasar",
    "taman",
    "lampu",
    "rumah",
    "sehat",
    "jamban",
    "mck",
    "sanitasi",
    "kesehatan",
    "pendidikan",
]


def _timed(label: str, func: Callable[[], Any], repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    print(f"  {label:<52} {best:8.3f} s")
    return best


def generate(n_activities: int, n_lines: int, seed: int = 7, years: range = YEARS) -> RegionBundle:
    """The region: ``n_activities`` SSK activities and, for each of ``years``, an RKPD, Renja-PD
    (spread over 30 agencies) and DPA of ``n_lines`` lines each."""
    rng = random.Random(seed)
    agencies = [Agency(name) for name in AGENCY_NAMES]
    codes = [
        NomenclatureCode.parse(f"{u}.{b:02d}.{p:02d}.2.{k:02d}.{s:04d}")
        for u, b, p, k, s in (
            (
                rng.randint(1, 3),
                rng.randint(1, 20),
                rng.randint(1, 30),
                rng.randint(1, 9),
                rng.randint(1, 60),
            )
            for _ in range(4000)
        )
    ]
    codes = list(dict.fromkeys(codes))

    def name() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7)))

    activities = []
    for i in range(n_activities):
        cost = Rupiah(Decimal(rng.randint(50, 5000)) * 1_000_000)
        activities.append(
            SSKActivity(
                number=str(i + 1),
                name=name(),
                code=codes[i] if i % 10 != 0 else None,
                subsector=rng.choice(list(Subsector)),
                agency=agencies[i % 30],
                location=f"Desa {rng.randint(1, 60)}",
                costs=tuple(YearAmount(year=y, amount=cost) for y in YEARS),
                funding=tuple(
                    Funding(source=FundingSource.APBD_KABKOTA, year=y, amount=cost) for y in YEARS
                ),
            )
        )
    ssk = StrategiSanitasi(
        region=REGION, period=PlanPeriod(2024, 2028), activities=tuple(activities)
    )

    def lines(year: int) -> list[PlanLine]:
        found = []
        for j in range(n_lines):
            if j < n_activities and j % 10 not in (0, 9):
                source = activities[j]
                code, label, agency = source.code, source.name, source.agency
                place = source.location
            else:
                code, label, agency = rng.choice(codes[n_activities:]), name(), rng.choice(agencies)
                place = f"Desa {rng.randint(1, 60)}"
            found.append(
                PlanLine(
                    name=label,
                    code=code,
                    level=CodeLevel.SUB_KEGIATAN,
                    agency=agency,
                    location=place,
                    pagu=Rupiah(Decimal(rng.randint(50, 5000)) * 1_000_000),
                )
            )
        return found

    rkpd: list[RKPD] = []
    renja: list[RenjaPD] = []
    dpa: list[DPA] = []
    for year in years:
        rkpd.append(RKPD(region=REGION, year=year, lines=tuple(lines(year))))
        by_agency: dict[str, list[PlanLine]] = defaultdict(list)
        for line in lines(year):
            by_agency[line.agency.key].append(line)  # type: ignore[union-attr]
        renja.extend(
            RenjaPD(region=REGION, year=year, agency=a, lines=tuple(by_agency[a.key]))
            for a in agencies
        )
        dpa.append(
            DPA(
                region=REGION,
                year=year,
                lines=tuple(
                    BudgetLine(name=ln.name, code=ln.code, agency=ln.agency, pagu=ln.pagu)
                    for ln in lines(year)
                ),
            )
        )
    return RegionBundle(
        region=REGION, ssk=(ssk,), rkpd=tuple(rkpd), renja=tuple(renja), dpa=tuple(dpa)
    )


def exact_join(bundle: RegionBundle) -> int:
    found = 0
    for year in YEARS:
        docs = [bundle.rkpd_for(year), *bundle.renja_for(year), *bundle.dpa_for(year)]
        index: dict[Any, list[Any]] = defaultdict(list)
        for doc in docs:
            for line in doc.lines:  # type: ignore[union-attr]
                if line.code is not None:
                    index[line.code].append(line)
        for activity in bundle.ssk[0].activities:
            if activity.code is not None and activity.code in index:
                found += 1
    return found


def cdist_all(bundle: RegionBundle, scorers: tuple[Any, ...]) -> Any:
    from rapidfuzz import process

    queries = [a.name for a in bundle.ssk[0].activities]
    docs: list[Any] = [*bundle.rkpd, *bundle.renja, *bundle.dpa]
    choices = [ln.name for doc in docs for ln in doc.lines]
    return [process.cdist(queries, choices, scorer=s, workers=1) for s in scorers]


def activities_only(n_activities: int) -> RegionBundle:
    """An SSK of ``n_activities`` activities and no plan (the shape of the 500 MB bundle of
    issue 15: ``ppsp.testing.hostile.json_large``)."""
    cost = Rupiah(Decimal(1_000_000))
    activities = tuple(
        SSKActivity(
            name=f"Kegiatan {n}",
            subsector=Subsector.AIR_LIMBAH_DOMESTIK,
            costs=(YearAmount(year=2025, amount=cost),),
        )
        for n in range(n_activities)
    )
    ssk = StrategiSanitasi(region=REGION, period=PlanPeriod(2024, 2028), activities=activities)
    return RegionBundle(region=REGION, ssk=(ssk,))


def linear_pass(data: Any) -> int:
    """The baseline's pass over a bundle's plain dicts: every plan line indexed by its code, and
    every activity looked up (an exact-code join, each item touched once)."""
    index: dict[str, int] = {}
    for key in ("rkpd", "renja", "dpa"):
        for doc in data.get(key, ()):
            for line in doc.get("lines", ()):
                code = line.get("code")
                if code is not None:
                    index[code] = index.get(code, 0) + 1
    found = 0
    for ssk in data.get("ssk", ()):
        for activity in ssk.get("activities", ()):
            found += index.get(activity.get("code"), 0)
    return found


#: (series, how a bundle of ``n`` is made, what ``n`` counts) of ``--scaling``
SERIES: list[tuple[str, Callable[[int], RegionBundle], str]] = [
    (
        "plan lines grow, an SSK of 300 activities",
        lambda n: generate(300, n, years=range(2025, 2026)),
        "lines per RKPD/Renja-PD/DPA",
    ),
    (
        "plan lines and activities grow together (1 per 100 lines)",
        lambda n: generate(max(n // 100, 10), n, years=range(2025, 2026)),
        "lines per RKPD/Renja-PD/DPA",
    ),
    ("activities grow, no plan (the 500 MB bundle's shape)", activities_only, "activities"),
]
SCALING_SIZES = (1_000, 10_000, 100_000)


def scaling(sizes: tuple[int, ...] = SCALING_SIZES) -> bool:
    """The check of one year at each size of each series, against orjson's load of the same
    bundle's JSON plus a linear pass over its dicts, measured in the same run; the exponent ``k``
    of ``time ~ n^k`` from the smallest size to the largest. Whether every exponent of the
    check is at most 1.05."""
    import gc
    import math

    import orjson

    from ppsp.domain.period import parse_date
    from ppsp.io.json import dumpb

    settings = Settings(today=parse_date("2025-06-01"))
    check(generate(30, 100, years=range(2025, 2026)), 2025, settings=settings)  # the first check
    # of a process loads the registry, the code lists and the thesaurus: not what scales
    met = True
    for title, make, unit in SERIES:
        print(f"\nscaling: {title} (n: {unit})")
        print(
            f"  {'n':>9} {'lines':>9} {'activities':>10} {'check s':>9} {'base s':>8} {'ratio':>7}"
        )
        times: dict[int, tuple[float, float]] = {}
        for n in sizes:
            bundle = make(n)
            raw = dumpb(bundle)
            docs: list[Any] = [*bundle.rkpd, *bundle.renja, *bundle.dpa]
            lines = sum(len(d.lines) for d in docs)
            activities = sum(len(s.activities) for s in bundle.ssk)
            gc.collect()
            checked: list[Any] = []

            def audit(bundle: RegionBundle = bundle, checked: list[Any] = checked) -> None:
                checked.clear()  # the previous run's report is not kept alive
                checked.append(check(bundle, 2025, settings=settings))

            ours = _timed_quiet(audit, repeat=2 if n < 100_000 else 1)
            broken = [(r.rule, r.error) for r in checked[0].results if r.error]
            if broken:
                raise SystemExit(f"rules errored at {n}: {broken}")
            checked.clear()

            def baseline(raw: bytes = raw) -> None:
                linear_pass(orjson.loads(raw))

            base = _timed_quiet(baseline, repeat=3)
            times[n] = (ours, base)
            print(
                f"  {n:>9,} {lines:>9,} {activities:>10,} {ours:>9.3f} {base:>8.3f} "
                f"{ours / base:>6.1f}x"
            )
            del bundle, raw
        small, large = sizes[0], sizes[-1]
        span = math.log(large / small)
        k = math.log(times[large][0] / times[small][0]) / span
        kb = math.log(times[large][1] / times[small][1]) / span
        ok = k <= 1.05
        met = met and ok
        print(
            f"  exponent k {small:,} -> {large:,}: check {k:.2f}, baseline {kb:.2f} "
            f"(target <= 1.05) {'met' if ok else 'MISSED'}"
        )
    return met


#: the sizes (MiB asked of :func:`ppsp.testing.hostile.json_large`) of ``--memory``: the 4.7 MiB
#: and 47 MiB bundles of ``bench_hostile.py``; ``--memory 500`` adds the attack report's 500 MB
MEMORY_SIZES = (5, 50)
#: the target of ``--memory``: at the largest size, the check's peak at most this many times
#: its floor, the peak of loading the same file (streamed: the input text and the domain
#: objects, about 3.9 MiB per MiB of this bundle). The check keeps beside the bundle one finding
#: per activity (about as much again as the activity) and the reader's bounded cache; at the
#: smallest size the fixed cost (modules, code lists, that cache) is most of it. Until the load
#: was streamed the floor was orjson's parse of the whole file (about 10 MiB per MiB), and the
#: target 1.25x that
MEMORY_TARGET = 2.5
_TODAY = ["--today", "2025-06-01", "--generated-at", "2025-06-01T00:00:00Z"]
#: a child that runs ARGV[2:] (``ppsp ...`` or ``orjson PATH``) and writes its own peak resident
#: memory (VmHWM, bytes) to ARGV[1] on exit
_CHILD = (
    PEAK_PRELUDE
    + """
what = sys.argv[2:]
if what[0] == "orjson":
    import orjson
    with open(what[1], "rb") as stream:
        raw = stream.read()
    data = orjson.loads(raw)
    raise SystemExit(0)
if what[0] == "load":  # what the check's gather does: the bytes read, loaded, kept
    from ppsp.io.json import loads
    with open(what[1], "rb") as stream:
        raw = stream.read()
    data = loads(raw, source=what[1])
    raise SystemExit(0)
sys.argv = ["ppsp", *what]
from ppsp.cli import main
raise SystemExit(main())
"""
)


def write_large(path: Any, mib: int) -> int:
    """The bundle of :func:`ppsp.testing.hostile.json_large` (``mib`` MiB asked), the same
    bytes, written a piece at a time (a 500 MB one is never held whole); its activities."""
    import json

    from ppsp.testing.hostile import bundle_json

    one: Any = bundle_json()
    activity = one["ssk"][0]["activities"][0]
    count = max(1, (mib << 20) // 120)
    one["ssk"][0]["activities"] = ["@@"]
    head, tail = json.dumps(one, ensure_ascii=False).split('"@@"')
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(head)
        for start in range(0, count, 100_000):
            names = range(start, min(count, start + 100_000))
            stream.write(", " if start else "")
            stream.write(
                ", ".join(
                    json.dumps(dict(activity, name=f"Kegiatan {n}"), ensure_ascii=False)
                    for n in names
                )
            )
        stream.write(tail)
    return count


def _peak_of(args: list[str]) -> tuple[int, float, int]:
    """Run the child on ``args``: its exit code, wall seconds and peak resident memory."""
    import os
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile() as peak:
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, peak.name, *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PPSP_LANG": "en"},
            check=False,
        )
        seconds = time.perf_counter() - start
        with open(peak.name) as stream:
            return done.returncode, seconds, int(stream.read() or 0)


def memory(sizes: tuple[int, ...] = MEMORY_SIZES) -> bool:
    """``ppsp check`` of the bundle of many activities and no plan (the 500 MB bundle's shape)
    at each size, in a child of its own, against a child that loads the same file with ppsp
    (the floor: the input text and the domain objects) and one that parses it with orjson (the
    whole tree), measured in the same run: peak memory, peak per MiB of input, the ratios, what
    the check keeps beyond the loaded bundle per activity; then the growth of each peak per MiB
    from the smallest size to the largest. Whether the check's peak at the largest size is at
    most :data:`MEMORY_TARGET` times its floor."""
    import tempfile
    from pathlib import Path

    mib = 1 << 20
    print("\nmemory: ppsp check of a bundle of n activities, no plan, against its load and orjson")
    print(
        f"  {'file MiB':>8} {'activities':>10} {'check s':>7} {'peak':>6} {'/MiB':>5}"
        f" {'load s':>6} {'peak':>6} {'/MiB':>5} {'orjson s':>8} {'peak':>6} {'/MiB':>5}"
        f" {'/load':>6} {'/orjson':>7} {'kept B/act':>10}"
    )
    measured: list[tuple[float, int, int, int]] = []
    with tempfile.TemporaryDirectory(prefix="ppsp-memory-") as folder:
        for size in sizes:
            path = Path(folder) / f"large-{size}.json"
            count = write_large(path, size)
            file_mib = path.stat().st_size / mib
            code, seconds, peak = _peak_of(["check", str(path), *_TODAY])
            if code not in (0, 1):
                raise SystemExit(f"the check of {path.name} exited {code}")
            _, load_seconds, load = _peak_of(["load", str(path)])
            _, base_seconds, base = _peak_of(["orjson", str(path)])
            measured.append((file_mib, peak, load, base))
            print(
                f"  {file_mib:>8.1f} {count:>10,} {seconds:>7.1f} {peak / mib:>6.0f}"
                f" {peak / mib / file_mib:>5.1f} {load_seconds:>6.1f} {load / mib:>6.0f}"
                f" {load / mib / file_mib:>5.1f} {base_seconds:>8.1f} {base / mib:>6.0f}"
                f" {base / mib / file_mib:>5.1f} {peak / load:>5.2f}x {peak / base:>6.2f}x"
                f" {(peak - load) / count:>10.0f}"
            )
            path.unlink()
    (small, peak0, load0, base0), (large, peak1, load1, base1) = measured[0], measured[-1]
    if large > small:
        span = mib * (large - small)
        ours, floor, theirs = (peak1 - peak0) / span, (load1 - load0) / span, (base1 - base0) / span
        print(
            f"  growth {small:.1f} -> {large:.1f} MiB, MiB per MiB: check {ours:.1f}, its load "
            f"{floor:.1f} (ratio {ours / floor:.2f}x), orjson {theirs:.1f} (ratio "
            f"{ours / theirs:.2f}x)"
        )
    met = peak1 / load1 <= MEMORY_TARGET
    print(
        f"  target: at {large:.1f} MiB the check's peak <= {MEMORY_TARGET}x its floor (the "
        f"streamed load of the same file): {peak1 / load1:.2f}x {'met' if met else 'MISSED'}; "
        f"against orjson's parse of the whole file {peak1 / base1:.2f}x"
    )
    return met


def _timed_quiet(func: Callable[[], Any], repeat: int = 1) -> float:
    """The fewest CPU seconds of ``repeat`` runs (on a shared machine CPU time is the less
    disturbed: a process waiting for a core does not count)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        func()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    if "--scaling" in sys.argv:
        raise SystemExit(0 if scaling() else 1)
    if "--memory" in sys.argv:
        at = sys.argv.index("--memory") + 1
        extra = tuple(int(a) for a in sys.argv[at : at + 1] if a.isdigit())
        raise SystemExit(0 if memory(MEMORY_SIZES + extra) else 1)
    n_activities = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    n_lines = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    print(f"whole check: {n_activities} SSK activities, {n_lines} lines x RKPD/Renja/DPA x 5 years")
    start = time.perf_counter()
    bundle = generate(n_activities, n_lines)
    print(f"  (generated in {time.perf_counter() - start:.1f} s)")
    settings = Settings()
    findings: list[int] = []

    def whole_check() -> None:
        for year in YEARS:
            report = check(bundle, year, settings=settings)
            broken = [(r.rule, r.error) for r in report.results if r.error]
            if broken:  # a fast check that crashed measures nothing
                raise SystemExit(f"rules errored in {year}: {broken}")
            findings.append(len(report.findings))

    exact = _timed("baseline (a): exact-code dict join", lambda: exact_join(bundle), repeat=3)
    from rapidfuzz import fuzz

    single = _timed(
        "cdist, all pairs, token_sort_ratio only",
        lambda: cdist_all(bundle, (fuzz.token_sort_ratio,)),
    )
    fuzzy = _timed(
        "baseline (b): cdist, all pairs, the linker's scorers",
        lambda: cdist_all(bundle, (fuzz.token_sort_ratio, fuzz.token_set_ratio)),
    )
    whole = _timed("ppsp.rules.check, every rule, five years", whole_check, repeat=2)
    print(f"  findings per year: {findings[-5:]}")
    print(f"  ratio to (a) exact join:             {whole / exact:8.1f}x")
    print(f"  ratio to (b) cdist, linker's scorers: {whole / fuzzy:8.2f}x  (target <= 1)")
    print(f"  ratio to cdist, one scorer:          {whole / single:8.2f}x")
    print("  target met" if whole <= fuzzy else "  TARGET MISSED")


if __name__ == "__main__":
    main()
