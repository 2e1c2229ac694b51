"""The HTML report's account of uncertain and evidence-based links: for every link not resting
on the activity's own code (and every link to review), a small waterfall of its evidence
weights, from the prior to the score, and a line of coverage per kind of plan.

Plain inline SVG, no script, the same bytes for the same report.

>>> from ppsp.demo import demo_bundle
>>> from ppsp.rules import check
>>> html = evidence_section(check(demo_bundle(), 2025), "en")
>>> html.startswith('<section id="evidence">'), "the share of the activities planned" in html
(True, True)
"""

from __future__ import annotations

import html
from typing import Any

from ppsp.i18n import N_, format_score, format_weight, render
from ppsp.io.reports.traceability import coverage, review_count
from ppsp.rules.engine import Report
from ppsp.rules.linking import PLANNING_KINDS, Link, TraceStatus, Weights

__all__ = ["evidence_section", "waterfall"]

_K = {
    "heading": N_("html.evidence.heading"),
    "note": N_("html.evidence.note"),
    "coverage": N_("html.evidence.coverage"),
    "prior": N_("html.evidence.prior"),
    "none": N_("html.evidence.none"),
}
_WIDTH, _ROW, _LABEL = 420, 16, 150


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def waterfall(link: Link, prior: float, lang: str) -> str:
    """An inline SVG: one bar per piece of evidence, each starting where the last ended."""
    steps = [(render(_K["prior"], None, lang), prior)] + [
        (render(N_("evidence.step"), {"feature": e.feature, "level": e.level}, lang), e.weight)
        for e in link.evidence
        if e.weight
    ]
    running, low, high = 0.0, 0.0, 0.0
    spans = []
    for label, weight in steps:
        start, running = running, running + weight
        spans.append((label, weight, start, running))
        low, high = min(low, start, running), max(high, start, running)
    scale = (_WIDTH - _LABEL - 50) / max(high - low, 1.0)
    rows = []
    for n, (label, weight, start, end) in enumerate(spans):
        y = n * _ROW
        x0 = _LABEL + (min(start, end) - low) * scale
        width = max(abs(end - start) * scale, 1.0)
        colour = "#2e7d32" if weight >= 0 else "#c62828"
        rows.append(
            f'<text x="0" y="{y + 12}" font-size="11">{_e(label)}</text>'
            f'<rect x="{x0:.1f}" y="{y + 3}" width="{width:.1f}" height="10" fill="{colour}"/>'
            f'<text x="{x0 + width + 4:.1f}" y="{y + 12}" font-size="10">'
            f"{format_weight(weight, lang)}</text>"
        )
    zero = _LABEL + (0 - low) * scale
    height = len(spans) * _ROW + 4
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{height}" '
        f'role="img" aria-label="{_e(link.target.label())}">'
        f'<line x1="{zero:.1f}" y1="0" x2="{zero:.1f}" y2="{height}" stroke="#999"/>'
        + "".join(rows)
        + "</svg>"
    )


def evidence_section(report: Report, lang: str, weights: Weights | None = None) -> str:
    """The section, or an empty string when the report has no linkage."""
    links = report.links
    if links is None or links.ssk is None:
        return ""
    prior = (weights or Weights.default()).prior
    shares = coverage(links, report.region)
    lines = []
    for kind in PLANNING_KINDS:
        found = shares[kind.value]
        share = "-" if found["coverage"] is None else f"{found['coverage'] * 100:.0f} %"
        lines.append(
            f"<li>{_e(kind.label(lang))}: {_e(share)} ({found['linked']} / "
            f"{_e(review_count(found, lang))} / {found['missing']} / {found['not-planned']})</li>"
        )
    items = []
    for trace in links:
        if not trace.links:
            continue
        best = trace.links[0]
        if best.method.by_code and trace.status is TraceStatus.LINKED:
            continue
        status = render(links.label_key(trace), None, lang)
        items.append(
            f'<div class="waterfall {trace.status.value}"><p><b>{_e(trace.activity.name)}</b> → '
            f"{_e(trace.kind.label(lang))}: {_e(best.target.label())} "
            f"({format_score(best.score, lang)}, {_e(status)}; "
            f"{_e(render(best.reason, best.params, lang))})</p>"
            f"{waterfall(best, prior, lang)}</div>"
        )
    body = "".join(items) or f"<p>{_e(render(_K['none'], None, lang))}</p>"
    return (
        f'<section id="evidence"><h2>{_e(render(_K["heading"], None, lang))}</h2>'
        f'<p class="note">{_e(render(_K["note"], None, lang))}</p>'
        f"<p>{_e(render(_K['coverage'], None, lang))}</p><ul>{''.join(lines)}</ul>{body}</section>"
    )
