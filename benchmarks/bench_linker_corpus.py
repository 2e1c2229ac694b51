"""Benchmark: the linker on an independent, hand-written corpus of SSK activities and their RKPD
counterparts.

    python benchmarks/bench_linker_corpus.py [--half tune|heldout|all] [--batch 1|2|3|4|5|6|7|all] [--dump-misses]

The SSK side is ``benchmarks/linker_corpus/activities.csv``: activities written the way a Pokja
writes them (everyday words, abbreviations, typos, agency aliases, places), each labelled with
the official kab/kota sub-kegiatan codes a Bappeda planner would accept as its counterpart, or
with none (see ``linker_corpus/README.md``). It was written without looking at the linker's own
vocabulary. The RKPD side is built at run time from the official lists in ``../shared/data``
beside the project root (never copied into the project): every sanitation sub-kegiatan of the
Kepmendagri 900 kab/kota list, named and with its indicator as written there, plus about 300
non-sanitation kab/kota sub-kegiatan of the 2020 list as distractors.

For fiscal year 2025 of Kabupaten Gunung Mas (62.10) the SSK (2024-2028) costs every activity in
2025 from the APBD kab/kota, so each is expected in the RKPD, and ``ppsp.rules.link`` runs twice:
without codes on the activities and with codes (an activity with a counterpart carries its
first labelled code). Scores: precision = correct predictions / predictions (a prediction is the
codes of a trace's links when it is linked or needs review; it is correct when one of them is
among the labels; any prediction for an activity without counterpart is wrong); recall =
activities with a counterpart predicted correctly / activities with a counterpart; false-missing
= activities with a counterpart left missing / activities with a counterpart.

Targets, on the held-out half: without codes precision >= 0.97, recall >= 0.93, false-missing <=
0.02; with codes precision 1.00, recall >= 0.99. A benchmark, not a test: it prints its
measurement and exits 1 when a target is missed, 2 when ``../shared/data`` is absent.

``load_corpus`` and ``build_bundle`` are importable (to fit weights on the ``tune`` half).
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from ppsp.domain import (
    RKPD,
    Agency,
    CodeLevel,
    DocumentKind,
    Funding,
    FundingSource,
    NomenclatureCode,
    PlanLine,
    PlanPeriod,
    RegionBundle,
    RegionCode,
    Rupiah,
    SSKActivity,
    StrategiSanitasi,
    Subsector,
    YearAmount,
)
from ppsp.rules import Linkage, link

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "linker_corpus" / "activities.csv"
SHARED = ROOT.parent / "shared" / "data"
SANITATION_LIST = SHARED / "nomenclature" / "sanitation_codes_kepmendagri900_kabkota.csv"
FULL_LIST = SHARED / "nomenclature" / "sub_kegiatan_kep050_2020.csv"

REGION = RegionCode.parse("62.10")
YEAR = 2025
PERIOD = PlanPeriod(2024, 2028)
KABUPATEN = "Kabupaten Gunung Mas"
KECAMATAN = (
    "Kurun",
    "Tewah",
    "Kahayan Hulu Utara",
    "Rungan",
    "Manuhing",
    "Sepang",
    "Mihing Raya",
    "Damang Batu",
    "Miri Manasa",
    "Rungan Hulu",
    "Manuhing Raya",
    "Rungan Barat",
)
HALVES = ("tune", "heldout", "all")
SUBSECTORS = {
    "air-limbah": Subsector.AIR_LIMBAH_DOMESTIK,
    "persampahan": Subsector.PERSAMPAHAN,
    "drainase": Subsector.DRAINASE_LINGKUNGAN,
    "higiene": Subsector.PHBS_HIGIENE,
    "lintas": Subsector.LINTAS_SEKTOR,
}

#: Sanitation lines of this RKPD that are planned in one or two kecamatan only; the corpus labels
#: depend on these (an SSK activity elsewhere has no counterpart in them). Every other line is
#: located "Kabupaten Gunung Mas".
LOCATED = {
    "1.03.05.2.01.0036": "Kecamatan Kurun",  # Pembangunan IPLT
    "1.03.05.2.01.0023": "Kecamatan Kurun, Kecamatan Tewah",  # SPALD-T berbasis masyarakat
    "1.03.04.2.01.0010": "Kecamatan Kurun, Kecamatan Sepang",  # Pembangunan TPA/TPST/...
    "2.11.11.2.01.0020": "Kecamatan Kurun",  # pemrosesan akhir di TPA
    "1.03.06.2.01.0012": "Kecamatan Kurun",  # Pembangunan Sistem Drainase Lingkungan
    "1.03.06.2.01.0029": "Kecamatan Kurun",  # Pembangunan Sistem Drainase Perkotaan
    "1.04.03.2.03.0013": "Kecamatan Kurun",  # Pelaksanaan Pemugaran Kawasan Permukiman Kumuh
}

#: The agency of a line by bidang urusan, written as an RKPD writes it.
AGENCIES = {
    "1.01": "Dinas Pendidikan",
    "1.02": "Dinas Kesehatan",
    "1.03": "Dinas Pekerjaan Umum dan Penataan Ruang",
    "1.04": "Dinas Perumahan dan Kawasan Permukiman",
    "1.05": "Dinas Pemadam Kebakaran dan Penyelamatan",
    "1.06": "Dinas Sosial",
    "2.07": "Dinas Tenaga Kerja dan Transmigrasi",
    "2.08": "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "2.09": "Dinas Ketahanan Pangan",
    "2.11": "Dinas Lingkungan Hidup",
    "2.12": "Dinas Kependudukan dan Pencatatan Sipil",
    "2.14": "Dinas Pengendalian Penduduk dan Keluarga Berencana",
    "2.15": "Dinas Perhubungan",
    "2.16": "Dinas Komunikasi, Informatika dan Statistik",
    "2.17": "Dinas Koperasi dan Usaha Kecil Menengah",
    "2.18": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "2.19": "Dinas Pemuda dan Olahraga",
    "2.20": "Dinas Komunikasi, Informatika dan Statistik",
    "2.21": "Dinas Komunikasi, Informatika dan Statistik",
    "2.22": "Dinas Kebudayaan dan Pariwisata",
    "2.23": "Dinas Perpustakaan dan Kearsipan",
    "2.24": "Dinas Perpustakaan dan Kearsipan",
    "3.25": "Dinas Perikanan",
    "3.26": "Dinas Kebudayaan dan Pariwisata",
    "3.27": "Dinas Pertanian",
    "3.28": "Dinas Lingkungan Hidup",
    "3.29": "Dinas Energi dan Sumber Daya Mineral",
    "3.30": "Dinas Perdagangan dan Perindustrian",
    "3.31": "Dinas Perdagangan dan Perindustrian",
    "3.32": "Dinas Tenaga Kerja dan Transmigrasi",
}

DISTRACTORS = 300
#: Programmes left out of the distractors because a line of theirs could be the real counterpart
#: of a corpus activity (sanitation-adjacent fields: water resources, buildings, food safety,
#: disasters, public order, land, environment, village government). The labels assume this.
DISTRACTOR_SKIP_PROGRAMMES = (
    "1.02.04",
    "1.02.05",
    "1.03.02",
    "1.03.03",
    "1.03.04",
    "1.03.05",
    "1.03.06",
    "1.03.07",
    "1.03.08",
    "1.03.09",
    "1.03.13",
    "1.04.03",
    "1.04.04",
    "1.04.05",
    "1.05.02",
    "1.05.03",
    "2.10",
    "2.11",
    "2.13",
)
#: Health lines left out for the same reason (outbreaks, surveillance, communicable disease).
DISTRACTOR_SKIP_CODES = frozenset(
    {"1.02.02.2.02.0013", "1.02.02.2.02.0020", "1.02.02.2.02.0025", "1.02.02.2.02.0037"}
)
DISTRACTOR_SKIP_WORDS = re.compile(
    r"sanitasi|limbah|sampah|air minum|air bersih|jamban|drainase|tinja|higien|kebersihan|"
    r"sarana, prasarana dan utilitas|kesehatan sekolah|lingkungan|sehat|psu|kumuh",
    re.IGNORECASE,
)

STATUSES = ("linked", "needs-review", "missing")
_STATUS = {"name-only": "needs-review", "no-document": "missing"}


class SharedDataMissing(FileNotFoundError):
    """``../shared/data`` (the official lists the RKPD is built from) is not beside the project."""


def shared_data_reason() -> str | None:
    """Why the benchmark cannot run (``None`` when it can)."""
    for path in (SANITATION_LIST, FULL_LIST):
        if not path.is_file():
            return f"{path} not found (../shared/data beside the project root is needed)"
    return None


# -- the corpus ------------------------------------------------------------------------------


#: The corpus was written in batches by different hands (see ``linker_corpus/README.md``): the
#: first batch has ids below 101, the second 101-200, the third (held out whole) 201-300, the
#: fourth (held out whole, measured blind once) 301-400, the fifth (held out whole, measured
#: blind once and kept unread) 401-500, the sixth (held out whole, measured blind once and kept
#: unread) 501-600, the seventh (held out whole, kept blind) from 601.
BATCHES = ("1", "2", "3", "4", "5", "6", "7", "all")
#: Batches kept blind: measured once, on purpose, with ``--batch N``; ``all`` leaves them out,
#: so that ``make benchmark`` and a look at the misses of every batch never read them.
BLIND = frozenset({"5", "6", "7"})


def batch_of(row_id: str) -> str:
    """The batch of a corpus id: ``AL-001`` is batch 1, ``AL-101`` batch 2, ``AL-601`` 7."""
    return str(min((int(row_id.split("-")[1]) - 1) // 100, 6) + 1)


def load_corpus(half: str = "heldout", batch: str = "all") -> list[dict[str, Any]]:
    """The corpus rows of ``half`` (``tune``, ``heldout`` or ``all``) and ``batch`` (one of
    :data:`BATCHES`; ``all`` is every batch but the blind ones), in file order.

    Each row is the CSV's columns as text plus ``labels``: the tuple of accepted codes (empty
    when the activity has no counterpart in the RKPD).
    """
    if half not in HALVES:
        raise ValueError(f"half must be one of {', '.join(HALVES)}, not {half!r}")
    if batch not in BATCHES:
        raise ValueError(f"batch must be one of {', '.join(BATCHES)}, not {batch!r}")
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    chosen = [
        dict(r)
        for r in rows
        if (half == "all" or r["half"] == half)
        and (batch_of(r["id"]) == batch if batch != "all" else batch_of(r["id"]) not in BLIND)
    ]
    for row in chosen:
        row["labels"] = tuple(c for c in row["codes"].split(";") if c)
    return chosen


# -- the RKPD --------------------------------------------------------------------------------


def _read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise SharedDataMissing(str(path))
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _amount(key: str, low: int = 100, high: int = 2500) -> Rupiah:
    """A stable amount in millions of rupiah for ``key`` (no randomness between runs)."""
    digest = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16)
    return Rupiah(Decimal(low + digest % (high - low)) * 1_000_000)


def _agency(code: str) -> Agency:
    return Agency(AGENCIES.get(code[:4], "Sekretariat Daerah"))


def _line(code: str, name: str, location: str, indicator: str | None, unit: str | None) -> PlanLine:
    pagu = _amount(code)
    target = f"{1 + int(code[-2:]) % 9} {unit}" if unit else None
    return PlanLine(
        name=name,
        code=NomenclatureCode.parse(code),
        level=CodeLevel.SUB_KEGIATAN,
        agency=_agency(code),
        indicator=indicator,
        target=target,
        unit=unit,
        location=location,
        pagu=pagu,
        funding=(Funding(source=FundingSource.APBD_KABKOTA, amount=pagu, year=YEAR),),
    )


def sanitation_lines() -> list[PlanLine]:
    """Every sub-kegiatan of the Kepmendagri 900 kab/kota sanitation list, as an RKPD line."""
    lines = []
    for row in _read(SANITATION_LIST):
        if row["level"] != "sub_kegiatan":
            continue
        code = row["kode"]
        unit = (row["satuan"] or "").replace("Â³", "³") or None  # the file's mojibake of M³
        lines.append(
            _line(
                code,
                row["nomenklatur"].strip(),
                LOCATED.get(code, KABUPATEN),
                (row["indikator"] or "").strip() or None,
                unit,
            )
        )
    return lines


def distractor_lines(count: int = DISTRACTORS) -> list[PlanLine]:
    """``count`` non-sanitation kab/kota sub-kegiatan of the 2020 list (real codes), chosen with a
    fixed seed; most located in the kabupaten, some in one or two kecamatan."""
    sanitation = {row["kode"] for row in _read(SANITATION_LIST)}
    eligible = []
    for row in _read(FULL_LIST):
        code = row["kode_sub_kegiatan"]
        if row["jenis_pemda"] == "provinsi" or row["status_data"] != "0" or "X" in code:
            continue
        parts = code.split(".")
        if parts[0] not in ("1", "2", "3") or len(parts) != 6 or parts[3] != "2":
            continue  # urusan only (no unsur), regular kab/kota kegiatan
        if "*" in row["nama_program"] or "*" in row["nama_kegiatan"]:
            continue  # Aceh / DIY / Papua special programmes
        if code in sanitation or code in DISTRACTOR_SKIP_CODES:
            continue
        if code.startswith(DISTRACTOR_SKIP_PROGRAMMES):
            continue
        if DISTRACTOR_SKIP_WORDS.search(row["nama_sub_kegiatan"]):
            continue
        eligible.append(row)
    chosen = sorted(
        random.Random(YEAR).sample(eligible, min(count, len(eligible))),
        key=lambda r: r["kode_sub_kegiatan"],
    )
    lines = []
    for i, row in enumerate(chosen):
        if i % 17 == 5:
            first, second = KECAMATAN[i % 12], KECAMATAN[(i + 5) % 12]
            location = f"Kecamatan {first}, Kecamatan {second}"
        elif i % 9 == 4:
            location = f"Kecamatan {KECAMATAN[i % 12]}"
        else:
            location = KABUPATEN
        lines.append(
            _line(row["kode_sub_kegiatan"], row["nama_sub_kegiatan"].strip(), location, None, None)
        )
    return lines


@functools.cache
def rkpd_lines() -> tuple[PlanLine, ...]:
    """The RKPD 2025 of Gunung Mas for the benchmark, in code order."""
    lines = sanitation_lines() + distractor_lines()
    return tuple(sorted(lines, key=lambda ln: str(ln.code)))


# -- the SSK and the bundle --------------------------------------------------------------------

_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?\s*(.*)$")


def _volume(indicator: str) -> tuple[Decimal | None, str | None]:
    """``"3.000 ton"`` -> (3000, "ton"); text without a leading number is all unit."""
    text = indicator.strip()
    if not text:
        return None, None
    match = _NUMBER.match(text)
    if not match:
        return None, text
    whole, fraction, unit = match.groups()
    number = Decimal(whole.replace(".", "") + (f".{fraction}" if fraction else ""))
    return number, unit.strip() or None


def _activity(number: int, row: dict[str, Any], with_codes: bool) -> SSKActivity:
    labels = row.get("labels") or tuple(c for c in row["codes"].split(";") if c)
    code = NomenclatureCode.parse(labels[0]) if with_codes and labels else None
    volume, unit = _volume(row["indicator"])
    costs = tuple(
        YearAmount(year=year, amount=_amount(f"{row['id']}/{year}", 50, 1500))
        for year in (YEAR, YEAR + 1)
    )
    funding = tuple(
        Funding(source=FundingSource.APBD_KABKOTA, year=c.year, amount=c.amount) for c in costs
    )
    return SSKActivity(
        number=str(number),
        name=row["name"],
        subsector=SUBSECTORS[row["subsector"]],
        code=code,
        location=row["location"] or None,
        volume=volume,
        unit=unit,
        costs=costs,
        funding=funding,
        agency=Agency(row["agency"]) if row["agency"] else None,
    )


def build_bundle(rows: Sequence[dict[str, Any]], with_codes: bool) -> RegionBundle:
    """The bundle of Gunung Mas: an SSK 2024-2028 with ``rows`` as its activities (in order, so
    activity ``i`` is ``rows[i]``) and the RKPD 2025 built from ``../shared/data``.

    ``with_codes``: an activity with a counterpart carries its first labelled code; otherwise
    no activity carries a code. Raises :class:`SharedDataMissing` without the shared data.
    """
    activities = tuple(_activity(i + 1, row, with_codes) for i, row in enumerate(rows))
    ssk = StrategiSanitasi(
        region=REGION,
        period=PERIOD,
        title="Strategi Sanitasi Kabupaten Gunung Mas 2024-2028",
        activities=activities,
    )
    rkpd = RKPD(
        region=REGION, year=YEAR, title="RKPD Kabupaten Gunung Mas 2025", lines=rkpd_lines()
    )
    return RegionBundle(region=REGION, ssk=(ssk,), rkpd=(rkpd,))


# -- scoring ---------------------------------------------------------------------------------


def judge(linkage: Linkage, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per activity: its status, predicted codes, whether the prediction is correct, the trace."""
    results = []
    for index, row in enumerate(rows):
        trace = linkage.get(index, DocumentKind.RKPD)
        raw = trace.status.value if trace is not None else "missing"
        status = _STATUS.get(raw, raw)
        predicted: tuple[str, ...] = ()
        if trace is not None and status in ("linked", "needs-review"):
            predicted = tuple(
                str(ln.target.code) for ln in trace.links if ln.target.code is not None
            )
        made = status in ("linked", "needs-review")
        labels = set(row["labels"])
        results.append(
            {
                "row": row,
                "status": status,
                "predicted": predicted,
                "made": made,
                "correct": made and bool(labels & set(predicted)),
                "positive": bool(labels),
                "trace": trace,
            }
        )
    return results


def summarise(results: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Counts and rates of a group of judged activities."""
    results = list(results)
    positives = [r for r in results if r["positive"]]
    made = [r for r in results if r["made"]]
    correct = sum(1 for r in made if r["correct"])
    found = sum(1 for r in positives if r["correct"])
    missing = sum(1 for r in positives if r["status"] == "missing")
    statuses = Counter(r["status"] for r in results)
    linked = [r for r in results if r["status"] == "linked"]
    return {
        "linked_precision": (
            sum(1 for r in linked if r["correct"]) / len(linked) if linked else None
        ),
        "n": len(results),
        "positives": len(positives),
        "predictions": len(made),
        "correct": correct,
        "precision": correct / len(made) if made else None,
        "recall": found / len(positives) if positives else None,
        "false_missing": missing / len(positives) if positives else None,
        **{status: statuses.get(status, 0) for status in STATUSES},
    }


def measure(rows: Sequence[dict[str, Any]], with_codes: bool) -> list[dict[str, Any]]:
    """Build the bundle of ``rows``, link it for 2025 and judge every activity."""
    bundle = build_bundle(rows, with_codes)
    return judge(link(bundle, YEAR), rows)


# -- output ----------------------------------------------------------------------------------

TARGETS = {
    False: (("precision", ">=", 0.97), ("recall", ">=", 0.93), ("false_missing", "<=", 0.02)),
    True: (("precision", ">=", 1.00), ("recall", ">=", 0.99)),
}


def _rate(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.2f}"


def _table(results: list[dict[str, Any]]) -> list[str]:
    head = (
        f"  {'group':<22}{'n':>4}{'pos':>5}{'pred':>5}{'ok':>5}"
        f"{'prec':>7}{'recall':>7}{'f-miss':>7}{'linked':>8}{'review':>7}{'missing':>8}"
        f"{'l-prec':>8}"
    )
    out = [head]

    def row(label: str, group: list[dict[str, Any]]) -> str:
        s = summarise(group)
        return (
            f"  {label:<22}{s['n']:>4}{s['positives']:>5}{s['predictions']:>5}{s['correct']:>5}"
            f"  {_rate(s['precision'])}  {_rate(s['recall'])}  {_rate(s['false_missing'])}"
            f"{s['linked']:>8}{s['needs-review']:>7}{s['missing']:>8}"
            f"   {_rate(s['linked_precision'])}"
        )

    out.append(row("overall", results))
    for key in ("subsector", "category"):
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in results:
            groups[r["row"][key]].append(r)
        out.append(f"  by {key}:")
        out.extend(row(f"  {name}", groups[name]) for name in sorted(groups))
    return out


def _misses(results: list[dict[str, Any]], lines: dict[str, str]) -> list[str]:
    out = []
    for r in results:
        wrong = (r["positive"] and not r["correct"]) or (not r["positive"] and r["made"])
        if not wrong:
            continue
        row = r["row"]
        labels = ", ".join(row["labels"]) or "(none)"
        out.append(
            f"  {row['id']} [{row['category']}] {r['status']}: {row['name']!r}"
            f" @ {row['location'] or '-'} ({row['agency'] or 'no agency'})"
        )
        out.append(f"      labels: {labels}")
        if r["predicted"]:
            shown = "; ".join(f"{c} {lines.get(c, '?')}" for c in r["predicted"])
            out.append(f"      linked: {shown}")
        candidates = r["trace"].candidates[:5] if r["trace"] is not None else ()
        for c in candidates:
            out.append(f"      candidate {c.score:.3f}  {c.target.label()}")
        if not candidates:
            out.append("      (no candidates)")
    return out


def _check(results: list[dict[str, Any]], with_codes: bool) -> tuple[list[str], bool]:
    s = summarise(results)
    out, ok = [], True
    for metric, op, target in TARGETS[with_codes]:
        value = s[metric]
        passed = value is not None and (value >= target if op == ">=" else value <= target)
        ok = ok and passed
        shown = "-" if value is None else f"{value:.4f}"
        out.append(
            f"  {'PASS' if passed else 'MISS'}  {metric:<14}{shown:>8}  (target {op} {target:.2f})"
        )
    return out, ok


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=HALVES, default="heldout")
    parser.add_argument(
        "--batch", choices=BATCHES, default="all", help="one batch of the corpus (by its writer)"
    )
    parser.add_argument(
        "--dump-misses", action="store_true", help="list each wrong or missing activity"
    )
    args = parser.parse_args(argv)
    reason = shared_data_reason()
    if reason:
        print(f"bench_linker_corpus: {reason}", file=sys.stderr)
        return 2
    rows = load_corpus(args.half, args.batch)
    lines = {str(ln.code): ln.name for ln in rkpd_lines()}
    positives = sum(1 for r in rows if r["labels"])
    print(
        f"linker corpus, half {args.half}, batch {args.batch}: {len(rows)} SSK activities ({positives} with a "
        f"counterpart, {len(rows) - positives} without); RKPD {YEAR} of {KABUPATEN}: "
        f"{len(lines)} sub-kegiatan lines"
    )
    if args.half != "heldout":
        print("  (the targets are set for the heldout half)")
    if args.batch == "all" and BLIND:
        blind = ", ".join(sorted(BLIND))
        print(f"  (batches {blind} are kept blind and left out: measure each once with --batch N)")
    all_ok = True
    for with_codes in (False, True):
        results = measure(rows, with_codes)
        print()
        print(f"{'with' if with_codes else 'without'} codes:")
        print("\n".join(_table(results)))
        checks, ok = _check(results, with_codes)
        print("\n".join(checks))
        all_ok = all_ok and ok
        if args.dump_misses:
            misses = _misses(results, lines)
            print(f"  misses ({'with' if with_codes else 'without'} codes):")
            print("\n".join(misses) if misses else "  (none)")
    print()
    print("targets met" if all_ok else "TARGETS MISSED")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
