"""The audit report as one self-contained HTML page, with charts.

The page works offline: no script, no font and no image is fetched; the charts are SVG drawn by
matplotlib (its text drawn as paths, so no font is needed either) and written into the page.
matplotlib was chosen over JavaScript charting libraries because the report must open from a
file on a machine with no network, be printable, and render the same everywhere; SVG keeps it
sharp and searchable by its captions.

>>> import pendulum
>>> from ppsp.demo import demo_bundle
>>> from ppsp.rules import Settings, check
>>> report = check(demo_bundle(), 2025, settings=Settings(today=pendulum.date(2025, 6, 30)))
>>> page = render_html(report, "id")
>>> import re
>>> page.startswith("<!DOCTYPE html>"), re.findall(r'(?:src|href)="(?:https?:)?//', page)
(True, [])
>>> page.count('<figure class="chart"')
5

Longer than 600 lines on purpose: one renderer, one self-contained page: its sections (summary,
charts, traceability, evidence, findings, rules, provenance) and the CSS they share; each function
is short.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

from ppsp.domain.documents import DocumentKind, SSKActivity, StrategiSanitasi
from ppsp.domain.funding import FundingSource
from ppsp.domain.kinds import KINDS
from ppsp.domain.money import Rupiah
from ppsp.domain.policy import PolicyDirection
from ppsp.domain.subsector import Subsector
from ppsp.i18n import N_, format_number, format_score, get_language, render
from ppsp.io.reports.evidence import evidence_section
from ppsp.io.reports.text import jsonable
from ppsp.io.reports.traceability import candidates_text
from ppsp.rules.engine import Finding, Report, RuleResult, RuleStatus, Settings, Severity
from ppsp.rules.linking import PLANNING_KINDS, Linkage, TraceStatus, link
from ppsp.rules.renderers import Renderer

__all__ = ["HTML", "render_html", "render_html_fragment"]

_K = {
    "title": N_("html.title"),
    "illustrative": N_("html.illustrative"),
    "summary": N_("html.summary"),
    "documents": N_("html.documents"),
    "charts": N_("html.charts"),
    "trace": N_("html.traceability"),
    "trace-note": N_("html.traceability-note"),
    "findings": N_("html.findings"),
    "rules": N_("report.rules-heading"),
    "provenance": N_("report.provenance-heading"),
    "legal": N_("report.legal-basis"),
    "evidence": N_("xlsx.evidence"),
    "cells": N_("html.cells"),
    "none": N_("report.no-findings"),
    "activity": N_("xlsx.activity"),
    "agency": N_("xlsx.agency"),
    "number": N_("xlsx.number"),
    "chart.cost": N_("html.chart.cost-vs-pagu"),
    "chart.funding": N_("html.chart.funding"),
    "chart.direction": N_("html.chart.policy-direction"),
    "chart.subsector": N_("html.chart.subsector"),
    "chart.share": N_("html.chart.internalised"),
    "ssk-cost": N_("html.ssk-cost"),
    "ssk-apbd": N_("html.ssk-apbd"),
    "pagu": N_("html.linked-pagu"),
    "unspecified": N_("html.unspecified"),
    "by-code": N_("html.by-code"),
    "by-name": N_("html.by-name"),
    "review": N_("trace.needs-review"),
    "several": N_("html.several-sources"),
    "activities": N_("html.activities"),
    "billion": N_("html.billion-rupiah"),
    "share": N_("html.share"),
    "year": N_("xlsx.year"),
    "region": N_("xlsx.region"),
    "generated": N_("report.generated"),
    "today": N_("report.today"),
    "code-lists": N_("report.code-lists"),
    "inputs": N_("html.inputs"),
    "no-data": N_("html.no-data"),
}
_COLOURS = {
    "ssk": "#4c72b0",
    "apbd": "#8fb0de",
    DocumentKind.RKPD: "#dd8452",
    DocumentKind.RENJA_PD: "#55a868",
    DocumentKind.DPA: "#c44e52",
}
_SOURCE_COLOURS = {
    FundingSource.APBD_KABKOTA: "#4c72b0",
    FundingSource.APBD_PROVINSI: "#8fb0de",
    FundingSource.APBN: "#dd8452",
    FundingSource.DAK_FISIK: "#c44e52",
    FundingSource.DAK_NON_FISIK: "#e8a0a2",
    FundingSource.DANA_DESA: "#55a868",
    FundingSource.SWASTA_CSR: "#8172b3",
    FundingSource.MASYARAKAT: "#937860",
    FundingSource.HIBAH_DONOR: "#da8bc3",
    FundingSource.LAINNYA: "#8c8c8c",
}

_PAGE_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1f2933;
background:#f7f8fa;line-height:1.45}
header{background:#1f4e79;color:#fff;padding:1.2rem 2rem}header h1{margin:0 0 .3rem;font-size:1.5rem}
header p{margin:0;opacity:.9}main{padding:1rem 2rem 3rem;max-width:1200px}
"""

#: The report's own rules, each scoped to ``.ppsp-report`` so that a notebook keeps its style.
_REPORT_RULES = (
    "section{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:1rem 1.4rem;margin:1rem 0}",
    "h2{font-size:1.2rem;margin:.2rem 0 .8rem}",
    "h3{font-size:1rem;margin:1rem 0 .4rem}",
    ".cards{display:flex;flex-wrap:wrap;gap:.8rem}",
    ".card{border-radius:6px;padding:.6rem 1rem;min-width:8rem;border:1px solid #dde2e8}",
    ".card b{display:block;font-size:1.6rem}",
    ".error{background:#f8d7da}",
    ".warning{background:#fff3cd}",
    ".info{background:#d1ecf1}",
    "table{border-collapse:collapse;width:100%;font-size:.88rem}",
    "th,td{border:1px solid #dde2e8;padding:.3rem .45rem;text-align:left;vertical-align:top}",
    "th{background:#eef2f6}",
    "td.linked{background:#d4edda}",
    "td.needs-review{background:#fff3cd}",
    "td.not-planned{background:#eeeeee;color:#555}",
    ".waterfall p{margin:.6em 0 .2em}",
    "td.missing{background:#f8d7da}",
    "td.no-document{background:#eceff3;color:#6b7785}",
    ".status-passed{color:#1e7e34}",
    ".status-issues{color:#b02a37;font-weight:600}",
    ".status-skipped{color:#6b7785}",
    ".status-errored{color:#842029;font-weight:700}",
    "figure.chart{margin:.6rem 0 1.2rem}",
    "figure.chart svg{max-width:100%;height:auto}",
    "figcaption{font-weight:600;margin-bottom:.3rem}",
    ".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:1rem}",
    ".finding{border-left:4px solid #ccc;padding:.2rem .6rem;margin:.4rem 0}",
    ".finding.error{border-color:#b02a37}",
    ".finding.warning{border-color:#d39e00}",
    ".finding.info{border-color:#1a8aa0}",
    ".meta{color:#52606d;font-size:.85rem}",
    "details.meta pre{white-space:pre-wrap;max-height:16rem;overflow:auto;margin:.2rem 0}",
    "code{font-size:.85em}",
    ".note{color:#52606d}",
)


def _scoped(rule: str) -> str:
    selectors, body = rule.split("{", 1)
    scoped = ",".join(f".ppsp-report {part.strip()}" for part in selectors.split(","))
    return f"{scoped}{{{body}"


_CSS = "\n".join(_scoped(rule) for rule in _REPORT_RULES)


def _t(key: str, lang: str, **params: Any) -> str:
    return render(_K.get(key, key), params or None, lang)


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


# -- data for the charts ----------------------------------------------------------------------


def _billions(amount: Rupiah | Decimal) -> float:
    value = amount.amount if isinstance(amount, Rupiah) else amount
    return float(value / Decimal(1_000_000_000))


def _ssk(report: Report) -> StrategiSanitasi | None:
    if report.links is not None and report.links.ssk is not None:
        return report.links.ssk
    return report.bundle.ssk_for(report.year) if report.bundle else None


def _linkages(report: Report, years: Iterable[int]) -> dict[int, Linkage]:
    """The linker's answer for every year with an annual document (the audited year's is the
    report's own)."""
    bundle = report.bundle
    found: dict[int, Linkage] = {}
    if bundle is None:
        return found
    settings = report.settings or Settings()
    annual = {
        year
        for spec in KINDS
        if spec.annual and spec.kind is not DocumentKind.BPS
        for d in spec.documents(bundle)
        if (year := spec.year_of(d)) is not None
    }
    for year in years:
        if year == report.year and report.links is not None:
            found[year] = report.links
        elif year in annual:
            found[year] = link(bundle, year, settings)
    return found


def _linked_pagu(linkage: Linkage, kind: DocumentKind, year: int) -> Rupiah | None:
    lines: dict[int, Any] = {}
    present = False
    for trace in linkage.of_kind(kind):
        if trace.status is not TraceStatus.NO_DOCUMENT:
            present = True
        for ln in trace.links:
            lines[id(ln.target.line)] = ln.target
    if not present:
        return None
    amounts = [a for a in (t.pagu(year) for t in lines.values()) if a is not None]
    return sum(amounts, Rupiah.zero())


def _funding_by_year(
    activities: Sequence[SSKActivity], years: Sequence[int]
) -> dict[Any, list[float]]:
    series: dict[Any, list[float]] = defaultdict(lambda: [0.0] * len(years))
    for activity in activities:
        for i, year in enumerate(years):
            split = [f for f in activity.funding_in(year) if f.amount is not None]
            if split:
                for f in split:
                    series[f.source][i] += _billions(f.amount)  # type: ignore[arg-type]
                continue
            cost = activity.cost_in(year)
            if cost is None or cost.is_zero():
                continue
            whole = [f for f in activity.funding if f.year is None and f.amount]
            total = sum((f.amount for f in whole if f.amount), Rupiah.zero())
            if whole and not total.is_zero():
                # a split for the whole period: each source's share of the year's cost
                for f in whole:
                    assert f.amount is not None
                    series[f.source][i] += _billions(cost) * float(f.amount.amount / total.amount)
                continue
            sources = activity.sources()
            # several sources named without their amounts: the split is not known, but the
            # sources are stated
            key: Any = (
                next(iter(sources))
                if len(sources) == 1
                else ("several" if sources else "unspecified")
            )
            series[key][i] += _billions(cost)
    return dict(series)


# -- charts -----------------------------------------------------------------------------------


def _svg(fig: Any, name: str) -> str:
    """The figure as SVG text, the same bytes every time: its ids (clip paths, glyphs) are
    hashed with a salt of the chart's ``name`` instead of random ones, and no date is written."""
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    with plt.rc_context({"svg.hashsalt": f"ppsp-{name}"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)  # RDF about the tool
    return text[text.index("<svg") :]


def _figure(width: float = 6.4, height: float = 3.4) -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "svg.fonttype": "path",
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return plt.subplots(figsize=(width, height))


def _number_axis(ax: Any, lang: str, axis: str = "y") -> None:
    from matplotlib.ticker import FuncFormatter

    formatter = FuncFormatter(
        lambda value, _pos: format_number(Decimal(str(round(value, 2))), lang)
    )
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(formatter)


def _chart_cost(report: Report, lang: str) -> str | None:
    ssk = _ssk(report)
    if ssk is None or not ssk.activities:
        return None
    years = list(ssk.period.years)
    linkages = _linkages(report, years)
    series: list[tuple[str, str, list[float]]] = [
        (_t("ssk-cost", lang), _COLOURS["ssk"], [_billions(ssk.total_cost(y)) for y in years]),
        (
            _t("ssk-apbd", lang),
            _COLOURS["apbd"],
            [
                _billions(sum((a.regional_budget_cost(y) for a in ssk.activities), Rupiah.zero()))
                for y in years
            ],
        ),
    ]
    for kind in (DocumentKind.RKPD, DocumentKind.RENJA_PD, DocumentKind.DPA):
        values = []
        for year in years:
            linkage = linkages.get(year)
            pagu = _linked_pagu(linkage, kind, year) if linkage else None
            values.append(_billions(pagu) if pagu is not None else float("nan"))
        if any(v == v for v in values):  # some year has the document
            series.append((_t("pagu", lang, kind=kind.label(lang)), _COLOURS[kind], values))
    fig, ax = _figure()
    width = 0.8 / len(series)
    for n, (label, colour, values) in enumerate(series):
        ax.bar([i + n * width for i in range(len(years))], values, width, label=label, color=colour)
    ax.set_xticks(
        [i + width * (len(series) - 1) / 2 for i in range(len(years))], [str(y) for y in years]
    )
    ax.set_ylabel(_t("billion", lang))
    _number_axis(ax, lang)
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _svg(fig, "cost")


def _chart_funding(report: Report, lang: str) -> str | None:
    ssk = _ssk(report)
    if ssk is None or not ssk.activities:
        return None
    years = list(ssk.period.years)
    series = _funding_by_year(ssk.activities, years)
    if not series:
        return None
    fig, ax = _figure()
    bottom = [0.0] * len(years)
    order = [s for s in FundingSource if s in series] + [
        k for k in ("several", "unspecified") if k in series
    ]
    for key in order:
        values = series[key]
        label = key.label(lang) if isinstance(key, FundingSource) else _t(key, lang)
        colour = (
            _SOURCE_COLOURS.get(key, "#bbbbbb")
            if isinstance(key, FundingSource)
            else {"several": "#9e9ac8"}.get(key, "#bbbbbb")
        )
        ax.bar([str(y) for y in years], values, 0.6, bottom=bottom, label=label, color=colour)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel(_t("billion", lang))
    _number_axis(ax, lang)
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _svg(fig, "funding")


def _chart_counts(labels: list[str], counts: list[int], colour: str, lang: str) -> str:
    fig, ax = _figure(6.4, 0.45 * len(labels) + 0.8)
    ax.barh(labels[::-1], counts[::-1], color=colour)
    ax.set_xlabel(_t("activities", lang))
    for y, value in enumerate(counts[::-1]):
        ax.text(value, y, f" {value}", va="center", fontsize=8)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return _svg(fig, "counts")


def _chart_directions(report: Report, lang: str) -> str | None:
    ssk = _ssk(report)
    if ssk is None or not ssk.activities:
        return None
    counts = Counter(a.policy_direction for a in ssk.activities)
    labels = [f"{d.number}. {_short(d.label(lang))}" for d in PolicyDirection]
    values = [counts.get(d, 0) for d in PolicyDirection]
    if counts.get(None):
        labels.append(_t("unspecified", lang))
        values.append(counts[None])
    return _chart_counts(labels, values, "#4c72b0", lang)


def _chart_subsectors(report: Report, lang: str) -> str | None:
    ssk = _ssk(report)
    if ssk is None or not ssk.activities:
        return None
    counts = Counter(a.subsector for a in ssk.activities)
    labels = [s.label(lang) for s in Subsector]
    values = [counts.get(s, 0) for s in Subsector]
    if counts.get(None):
        labels.append(_t("unspecified", lang))
        values.append(counts[None])
    return _chart_counts(labels, values, "#55a868", lang)


def chart_shares(links: Any) -> dict[DocumentKind, tuple[float, float, float]]:
    """Per kind of plan with a document, the shares (0-100) of the activities planned this year
    linked by their own code, linked by a code ppsp inferred or by the evidence, and to review:
    together, the coverage the text report gives."""
    found: dict[DocumentKind, tuple[float, float, float]] = {}
    for kind in PLANNING_KINDS:
        traces = [
            t
            for t in links.of_kind(kind)
            if t.status is not TraceStatus.NO_DOCUMENT and links.planned(t)
        ]
        if not traces:
            continue
        linked = [t for t in traces if t.status is TraceStatus.LINKED and t.links]
        mine = sum(t.links[0].method.by_code for t in linked)
        review = sum(t.status is TraceStatus.REVIEW for t in traces)
        found[kind] = (
            100 * mine / len(traces),
            100 * (len(linked) - mine) / len(traces),
            100 * review / len(traces),
        )
    return found


def _chart_share(report: Report, lang: str) -> str | None:
    links = report.links
    if links is None or links.ssk is None:
        return None
    shares = chart_shares(links)
    if not shares:
        return None
    labels = [kind.label(lang) for kind in shares]
    own, other, review = ([shares[kind][i] for kind in shares] for i in range(3))
    fig, ax = _figure(6.4, 0.5 * len(labels) + 1.2)
    rows = labels[::-1]
    ax.barh(rows, own[::-1], color="#55a868", label=_t("by-code", lang))
    ax.barh(rows, other[::-1], left=own[::-1], color="#8fc79a", label=_t("by-name", lang))
    start = [a + b for a, b in zip(own[::-1], other[::-1], strict=True)]
    ax.barh(rows, review[::-1], left=start, color="#e3b341", label=_t("review", lang))
    ax.set_xlim(0, 100)
    ax.set_xlabel(_t("share", lang))
    # below the bars, never on them
    ax.legend(fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.35), ncol=3)
    return _svg(fig, "share")


def _short(text: str, size: int = 48) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


# -- sections ---------------------------------------------------------------------------------


def _summary(report: Report, lang: str) -> str:
    counts = report.counts()
    cards = "".join(
        f'<div class="card {s.value}"><b>{counts[s]}</b>{_e(s.label(lang))}</div>' for s in Severity
    )
    docs = ""
    if report.bundle is not None:
        rows = []
        for doc in report.bundle.documents():
            when = getattr(doc, "year", None) or getattr(doc, "period", None) or ""
            agency = getattr(doc, "agency", None)
            where = doc.source.file if doc.source and doc.source.file else ""
            rows.append(
                f"<tr><td>{_e(doc.kind.label(lang))}</td><td>{_e(when)}</td>"
                f"<td>{_e(agency or '')}</td><td><code>{_e(where)}</code></td></tr>"
            )
        docs = f"<h3>{_e(_t('documents', lang))}</h3><table><tbody>{''.join(rows)}</tbody></table>"
    return f'<section id="summary"><h2>{_e(_t("summary", lang))}</h2><div class="cards">{cards}</div>{docs}</section>'


def _rules_table(report: Report, lang: str) -> str:
    rows = []
    for r in report.results:
        status = r.status.label(lang)
        detail = (
            f": {r.reason_text(lang)}"
            if r.status in (RuleStatus.SKIPPED, RuleStatus.ERRORED)
            else ""
        )
        rows.append(
            f'<tr><td><a href="#rule-{_e(r.rule)}">{_e(r.rule)}</a></td><td>{_e(r.title_text(lang))}</td>'
            f'<td class="status-{r.status.value}">{_e(status)}{_e(detail)}</td><td>{r.findings}</td></tr>'
        )
    head = "".join(
        f"<th>{_e(render(k, None, lang))}</th>"
        for k in (
            N_("report.col.rule"),
            N_("report.col.title"),
            N_("report.col.status"),
            N_("report.col.findings"),
        )
    )
    return (
        f'<section id="rules"><h2>{_e(_t("rules", lang))}</h2><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _charts(report: Report, lang: str) -> str:
    figures = []
    for chart_id, key, make in (
        ("cost-vs-pagu", "chart.cost", _chart_cost),
        ("funding", "chart.funding", _chart_funding),
        ("policy-directions", "chart.direction", _chart_directions),
        ("subsectors", "chart.subsector", _chart_subsectors),
        ("internalised", "chart.share", _chart_share),
    ):
        svg = make(report, lang)
        if svg is None:
            continue
        figures.append(
            f'<figure class="chart" id="chart-{chart_id}"><figcaption>{_e(_t(key, lang, year=report.year))}'
            f"</figcaption>{svg}</figure>"
        )
    body = "".join(figures) or f"<p>{_e(_t('no-data', lang))}</p>"
    return f'<section id="charts"><h2>{_e(_t("charts", lang))}</h2><div class="charts">{body}</div></section>'


def _linked_line(target: Any) -> str:
    """A linked line as a matrix cell shows it: its code and its name cut short."""
    name = _short(target.name or "", 40)
    return f"{target.code} {name}" if target.code else name


def _traceability(report: Report, lang: str) -> str:
    links = report.links
    if links is None or links.ssk is None:
        return ""
    head = "".join(f"<th>{_e(k.label(lang))}</th>" for k in PLANNING_KINDS)
    rows = []
    for i, activity in enumerate(links.ssk.activities):
        cells = []
        for kind in PLANNING_KINDS:
            trace = links.get(i, kind)
            if trace is None:
                cells.append("<td></td>")
                continue
            title = "; ".join(
                f"{ln.target.label()} ({format_score(ln.score, lang)})" for ln in trace.links
            )
            if not trace.links and trace.candidates:
                title = candidates_text(trace.candidates, lang)
            key = links.label_key(trace)
            css = "not-planned" if key == "trace.not-planned" else trace.status.value
            shown = _e(render(key, None, lang))
            if trace.links:
                # the line linked, in the cell as the xlsx Links sheet says it (a tooltip is
                # lost on paper): its code and short name, with the match probability
                said = [
                    f"{_linked_line(ln.target)} ({format_score(ln.score, lang)})"
                    for ln in trace.links[:2]
                ]
                more = f" +{len(trace.links) - 2}" if len(trace.links) > 2 else ""
                shown += "<br><small>" + "<br>".join(_e(s) for s in said) + more + "</small>"
            elif trace.candidates and links.planned(trace):
                shown += "<br><small>≈ " + _e(trace.candidates[0].label) + "</small>"
            cells.append(f'<td class="{css}" title="{_e(title)}">{shown}</td>')
        rows.append(
            f"<tr><td>{_e(activity.number or i + 1)}</td><td>{_e(activity.name)}</td>"
            f"<td>{_e(activity.agency or '')}</td>{''.join(cells)}</tr>"
        )
    return (
        f'<section id="traceability"><h2>{_e(_t("trace", lang, year=report.year))}</h2>'
        f'<p class="note">{_e(_t("trace-note", lang))}</p><table><thead><tr>'
        f"<th>{_e(_t('number', lang))}</th><th>{_e(_t('activity', lang))}</th>"
        f"<th>{_e(_t('agency', lang))}</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _evidence(finding: Finding, lang: str) -> str:
    """The finding's evidence as data (its message says it in words): folded away, since its
    keys are the JSON report's, for the reader who wants what the rule compared."""
    if not finding.evidence:
        return ""
    data = json.dumps(jsonable(dict(finding.evidence)), ensure_ascii=False, indent=1)
    return (
        f'<details class="meta"><summary>{_e(_t("evidence", lang))}</summary>'
        f"<pre>{_e(data)}</pre></details>"
    )


def _findings(report: Report, lang: str) -> str:
    results: Mapping[str, RuleResult] = {r.rule: r for r in report.results}
    parts = []
    for rule_id, findings in report.by_rule().items():
        if not findings:
            continue
        result = results.get(rule_id)
        title = result.title_text(lang) if result else rule_id
        parts.append(f'<h3 id="rule-{_e(rule_id)}">{_e(rule_id)} — {_e(title)}</h3>')
        if result is not None:
            parts.append(f"<p>{_e(result.explanation_text(lang))}</p>")
            if result.legal_basis:
                basis = "; ".join(c.describe(lang) for c in result.legal_basis)
                parts.append(f'<p class="meta">{_e(_t("legal", lang))}: {_e(basis)}</p>')
        for f in findings:
            where = "; ".join(w.describe(lang) for w in f.locations)
            cells = f'<div class="meta">{_e(_t("cells", lang))}: {_e(where)}</div>' if where else ""
            parts.append(
                f'<div class="finding {f.severity.value}"><b>{_e(f.severity.label(lang))}</b>: '
                f"{_e(f.message(lang))}{cells}{_evidence(f, lang)}</div>"
            )
    body = "".join(parts) or f"<p>{_e(_t('none', lang))}</p>"
    return f'<section id="findings"><h2>{_e(_t("findings", lang))}</h2>{body}</section>'


def _import_findings(report: Report, lang: str) -> str:
    """What the files hide from view (nothing when nothing is hidden)."""
    if not report.import_findings:
        return ""
    items = "".join(
        f'<div class="finding {f.severity.value}"><b>{_e(f.severity.label(lang))}</b> '
        f"<code>{_e(f.code)}</code>: {_e(f.message(lang))}</div>"
        for f in report.import_findings
    )
    heading = _e(render(N_("report.import-findings-heading"), None, lang))
    return f'<section id="import-findings"><h2>{heading}</h2>{items}</section>'


def _provenance(report: Report, lang: str) -> str:
    p = report.provenance
    inputs = "".join(
        f"<li><code>{_e(i.path)}</code> sha256 <code>{_e(i.sha256)}</code></li>" for i in p.inputs
    )
    inputs_block = f"<h3>{_e(_t('inputs', lang))}</h3><ul>{inputs}</ul>" if inputs else ""
    return (
        f'<section id="provenance"><h2>{_e(_t("provenance", lang))}</h2><ul>'
        f"<li>ppsp {_e(p.ppsp_version)}, {_e(_t('generated', lang))} {_e(p.generated_at)}, "
        f"{_e(_t('today', lang))} {_e(p.today)}</li>"
        f"<li>{_e(_t('code-lists', lang))}: {_e(', '.join(p.code_lists))}</li>"
        f"<li>{_e(', '.join(f'{k}={v}' for k, v in p.settings.items()))}</li>"
        f"</ul>{inputs_block}</section>"
    )


def render_html_fragment(report: Report, lang: str | None = None) -> str:
    """The report's body (no page around it): what a notebook shows for a report."""
    language = lang or get_language()
    return "".join(
        [
            f'<div class="ppsp-report"><style>{_CSS}</style>',
            _summary(report, language),
            _charts(report, language),
            _traceability(report, language),
            evidence_section(report, language),
            _findings(report, language),
            _import_findings(report, language),
            _rules_table(report, language),
            _provenance(report, language),
            "</div>",
        ]
    )


def render_html(report: Report, lang: str | None = None, illustrative: bool = False) -> str:
    """One self-contained HTML page: summary, charts, traceability matrix, findings grouped by
    rule with legal basis and cells, the status of every rule, provenance."""
    language = lang or get_language()
    name = report.region_name or str(report.region)
    title = _t("title", language, region=report.region_label, year=report.year)
    banner = f"<p><b>{_e(_t('illustrative', language))}</b></p>" if illustrative else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_PAGE_CSS}</style></head><body><header><h1>{_e(title)}</h1>"
        f"<p>{_e(_t('region', language))}: {_e(name)} · {_e(_t('year', language))}: {report.year}</p>"
        f"{banner}</header><main>{render_html_fragment(report, language)}</main></body></html>\n"
    )


#: The format ``html`` (an entry point of ``ppsp.renderers``): the page, and the fragment a
#: notebook shows.
HTML: Final = Renderer(render=render_html, fragment=render_html_fragment)
