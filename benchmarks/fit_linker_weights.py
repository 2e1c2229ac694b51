"""Estimate the linker's evidence weights and thresholds on the *tuning* half of the labelled
corpus (``benchmarks/linker_corpus``), and write them to
``src/ppsp/rules/linking/data/weights.json``.

    python benchmarks/fit_linker_weights.py [--dry-run]

Fellegi-Sunter: for every comparison the linker weighs (an activity against each candidate
line), a pair is a *match* when the line's code is among the activity's labels. For each
feature level, ``m`` is its share among matches and ``u`` among other pairs; the weight is
``log2((m + a) / (u + a))`` with a small smoothing ``a``, bounded to [-12, 16] bits. The prior
is the log odds of a match among the pairs weighed. Both the runs without codes and with codes
count, so that the code levels are estimated too.

The thresholds are then chosen on the same tuning half, from each activity's best candidate:
*review* is the lowest probability at which the share of wrong predictions (a wrong line, or a
line for an activity that has none) stays at most 12 %, and *link* the lowest at which it stays at
most 3 %. The held-out half is never read here; ``bench_linker_corpus.py`` reports it.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

import pendulum

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_linker_corpus import build_bundle, load_corpus  # noqa: E402

from ppsp.domain import DocumentKind  # noqa: E402
from ppsp.rules.linking import FEATURES, LinkOptions, Weights  # noqa: E402
from ppsp.rules.linking.linker import comparisons  # noqa: E402

YEAR = 2025
TARGET = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "ppsp"
    / "rules"
    / "linking"
    / "data"
    / "weights.json"
)
SMOOTHING = 0.5
#: Features the corpus can speak for: what the names and codes say, and the agency. Where the
#: benchmark's RKPD is generated (locations, amounts, units of its lines), a fitted weight would
#: learn the generator, not the plans; those keep their starting weights.
FITTED = ("code", "inferred", "name", "concept", "action", "agency")
#: A level that says nothing ("none", "unknown") weighs nothing; agreement never counts against
#: a link and disagreement never for it.
NEUTRAL = {"none", "unknown"}
AGAINST = {"differs", "no", "n0", "disjoint", "conflicts", "different", "far"}


def _labels(row: dict[str, str]) -> set[str]:
    return {c.strip() for c in (row.get("codes") or "").split(";") if c.strip()}


def _pairs(
    rows: list[dict[str, str]], options: LinkOptions
) -> list[tuple[int, bool, float, tuple]]:
    found = []
    for with_codes in (False, True):
        bundle = build_bundle(rows, with_codes=with_codes)
        offset = 0 if not with_codes else len(rows)
        for index, target, probability, evidence in comparisons(
            bundle, YEAR, DocumentKind.RKPD, options
        ):
            match = target.code is not None and str(target.code) in _labels(rows[index])
            found.append((index + offset, match, probability, evidence))
    return found


def fit(rows: list[dict[str, str]]) -> Weights:
    start = Weights.default()
    options = LinkOptions(weights=start)
    pairs = _pairs(rows, options)
    matches = [ev for _, m, _, ev in pairs if m]
    others = [ev for _, m, _, ev in pairs if not m]
    table: dict[str, dict[str, float]] = {}
    for feature, levels in FEATURES.items():
        if feature not in FITTED:
            table[feature] = dict(start.table[feature])
            continue
        m_counts = Counter(e.level for ev in matches for e in ev if e.feature == feature)
        u_counts = Counter(e.level for ev in others for e in ev if e.feature == feature)
        table[feature] = {}
        for level in levels:
            m = (m_counts[level] + SMOOTHING) / (len(matches) + SMOOTHING * len(levels))
            u = (u_counts[level] + SMOOTHING) / (len(others) + SMOOTHING * len(levels))
            weight = max(-12.0, min(16.0, math.log2(m / u)))
            if level in NEUTRAL:
                weight = 0.0
            elif level in AGAINST:
                weight = min(weight, 0.0)
            else:
                weight = max(weight, 0.0)
            table[feature][level] = weight
    prior = math.log2(max(len(matches), 1) / max(len(others), 1))
    weights = Weights(table, prior, start.link, start.review)
    link_p, review_p = _thresholds(rows, weights)
    stamp = pendulum.now("UTC").to_date_string()
    return weights.replace(
        link=link_p,
        review=review_p,
        fitted=(
            f"benchmarks/fit_linker_weights.py on {stamp}: tuning half of benchmarks/linker_corpus "
            f"({len(rows)} activities, {len(matches)} matching and {len(others)} other pairs, "
            "without and with codes; location, amount and unit keep their starting weights)"
        ),
    )


def _thresholds(rows: list[dict[str, str]], weights: Weights) -> tuple[float, float]:
    options = LinkOptions(weights=weights)
    best: dict[int, tuple[float, bool]] = {}
    for index, match, _p, evidence in _pairs(rows, options):
        p = weights.probability(e.weight for e in evidence)
        if index not in best or p > best[index][0]:
            best[index] = (p, match)
    ranked = sorted(best.values(), key=lambda x: -x[0])

    def lowest(share: float) -> float:
        chosen = 0.999
        wrong = 0
        for n, (p, match) in enumerate(ranked, start=1):
            wrong += not match
            if wrong / n <= share:
                chosen = p
        return min(max(chosen, 0.05), 0.995)

    review = lowest(0.12)
    link = max(lowest(0.03), review)
    return round(link, 4), round(review, 4)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print, do not write")
    args = parser.parse_args()
    rows = load_corpus("tune")
    weights = fit(rows)
    text = json.dumps(weights.to_dict(), indent=2, ensure_ascii=False) + "\n"
    print(text)
    if not args.dry_run:
        TARGET.write_text(text, "utf-8")
        print(f"written: {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
