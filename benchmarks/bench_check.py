"""Benchmark: the whole check of a generated region against two baselines in the same run.

    python benchmarks/bench_check.py [ACTIVITIES] [LINES]

The region: an SSK with 300 activities (2024-2028) and, for each of the five years, an RKPD,
Renja-PD (spread over 30 agencies) and DPA of 3,000 sub kegiatan lines each. Most activities
carry a code that the plans use; some have no code (linked by name), some are missing.

Measured: ``ppsp.rules.check`` of every rule for each of the five years (linker included), and
(a) a plain exact-code dictionary join of the same activities and lines, (b) rapidfuzz
``cdist`` over all activity x line name pairs with the scorers the linker uses
(``token_sort_ratio`` and ``token_set_ratio``, one worker): what brute-force name matching of
the same data would cost. The cost of ``cdist`` with ``token_sort_ratio`` alone is printed too.
The target of issue 4: the whole check costs no more than (b). A benchmark, not a test.
"""

from __future__ import annotations

import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

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


def generate(n_activities: int, n_lines: int, seed: int = 7) -> RegionBundle:
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

    rkpd, renja, dpa = [], [], []
    for year in YEARS:
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
    choices = [ln.name for doc in (*bundle.rkpd, *bundle.renja, *bundle.dpa) for ln in doc.lines]
    return [process.cdist(queries, choices, scorer=s, workers=1) for s in scorers]


def main() -> None:
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
