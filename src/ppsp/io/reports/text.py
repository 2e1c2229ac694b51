"""Reports rendered for people and programs: text (terminals), JSON (stable, with its own JSON
Schema) and Markdown, each in Indonesian or English.

>>> from ppsp.demo import demo_bundle
>>> from ppsp.rules import Settings, check
>>> import pendulum
>>> report = check(demo_bundle(), 2025, select=["FIN002"],
...                settings=Settings(today=pendulum.date(2025, 6, 30)))
>>> print(render_text(report, "en").splitlines()[0])
ppsp audit — Kabupaten Gunung Mas (62.10), 2025
>>> data = to_json_data(report, "id")
>>> data["findings"][0]["rule"], data["findings"][0]["evidence"]["expected"]
('FIN002', '2500000000')
>>> data["summary"]["by_severity"]
{'error': 1, 'warning': 0, 'info': 0}
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, Final

from ppsp.domain.diagnostics import ImportFinding
from ppsp.domain.location import SourceLocation
from ppsp.domain.money import Rupiah
from ppsp.i18n import N_, get_language, render
from ppsp.rules.engine import (
    REPORT_SCHEMA_VERSION,
    Finding,
    Report,
    RuleResult,
    RuleStatus,
    Severity,
)
from ppsp.rules.renderers import Renderer

__all__ = [
    "JSON",
    "MARKDOWN",
    "REPORT_SCHEMA_ID",
    "TEXT",
    "findings_from_diagnostics",
    "json_chunks",
    "jsonable",
    "location_data",
    "render_json",
    "render_markdown",
    "render_text",
    "report_schema",
    "text_chunks",
    "to_json_data",
]

#: ``$schema`` of the JSON report.
REPORT_SCHEMA_ID = f"urn:ppsp:report-schema:{REPORT_SCHEMA_VERSION}"


def jsonable(value: Any) -> Any:
    """Evidence values as JSON: money and decimals as exact strings, codes and enums by value,
    dates in ISO 8601, locations as objects."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, Rupiah):
        return value.to_json()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, SourceLocation):
        return location_data(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [jsonable(v) for v in items]
    return str(value)


def location_data(where: SourceLocation) -> dict[str, Any]:
    """``{"file", "sheet", "row", "column", "header"}`` (``None`` where unknown):
    :meth:`~ppsp.domain.location.SourceLocation.as_dict`."""
    return where.as_dict()


def _finding_data(finding: Finding, lang: str) -> dict[str, Any]:
    subject = finding.subject
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "key": finding.key,
        "message": finding.message(lang),
        "params": jsonable(dict(finding.params)),
        "subject": None
        if subject is None
        else {
            "kind": subject.kind.value if subject.kind else None,
            "key": subject.key,
            "label": subject.label,
        },
        "locations": [location_data(where) for where in finding.locations],
        "evidence": jsonable(dict(finding.evidence)),
    }


def _import_finding_data(found: ImportFinding, lang: str) -> dict[str, Any]:
    return {
        "code": found.code,
        "severity": found.severity.value,
        "key": found.key,
        "message": found.message(lang),
        "params": dict(found.params),
        "location": None if found.location is None else location_data(found.location),
    }


def _rule_data(result: RuleResult, lang: str) -> dict[str, Any]:
    return {
        "id": result.rule,
        "version": result.version,
        "status": result.status.value,
        "title": result.title_text(lang),
        "severity": result.severity.value,
        "findings": result.findings,
        "reason": result.reason_text(lang) if result.status is RuleStatus.SKIPPED else None,
        "error": result.error,
        "legal_basis": [c.describe(lang) for c in result.legal_basis],
    }


class _Lazy(list):  # type: ignore[type-arg]
    """A list to :mod:`json`'s encoder (which walks it with ``for``), whose items are made as
    they are written: ``count`` of them, from ``items()``. Empty to anything else."""

    def __init__(self, count: int, items: Callable[[], Iterator[Any]]) -> None:
        super().__init__()
        self._count = count
        self._items = items

    def __iter__(self) -> Iterator[Any]:
        return self._items()

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0


def to_json_data(report: Report, lang: str | None = None) -> dict[str, Any]:
    """The report as the stable JSON structure (see ``docs/report-format.rst``)."""
    return _json_data(report, lang, lazy=False)


def _json_data(report: Report, lang: str | None, *, lazy: bool) -> dict[str, Any]:
    # lazy: the findings and the traceability's activities as _Lazy lists (json_chunks)
    from ppsp.io.reports.traceability import traceability_data

    language = lang or get_language()
    provenance = report.provenance
    data = {
        "$schema": REPORT_SCHEMA_ID,
        "ppsp_version": provenance.ppsp_version,
        "schema_version": provenance.schema_version,
        "lang": language,
        "region": {"code": str(report.region), "name": report.region_name},
        "year": report.year,
        "rules": [_rule_data(r, language) for r in report.results],
        "findings": (
            _Lazy(
                len(report.findings), lambda: (_finding_data(f, language) for f in report.findings)
            )
            if lazy
            else [_finding_data(f, language) for f in report.findings]
        ),
        "import_findings": [_import_finding_data(f, language) for f in report.import_findings],
        "summary": {
            "by_severity": {s.value: n for s, n in report.counts().items()},
            "by_status": {s.value: n for s, n in report.status_counts().items()},
            "exit_code": report.exit_code,
        },
        "provenance": {
            "generated_at": provenance.generated_at,
            "today": provenance.today,
            "rules": dict(provenance.rules),
            "code_lists": list(provenance.code_lists),
            "inputs": [{"path": i.path, "sha256": i.sha256} for i in provenance.inputs],
            "settings": dict(provenance.settings),
        },
    }
    traceability = traceability_data(report, language, lazy=_Lazy if lazy else None)
    if traceability is not None:
        data["traceability"] = traceability
    return data


def render_json(report: Report, lang: str | None = None) -> str:
    """The JSON report as text (UTF-8, indented, keys in a fixed order)."""
    return json.dumps(to_json_data(report, lang), ensure_ascii=False, indent=2) + "\n"


def json_chunks(report: Report, lang: str | None = None) -> Iterator[str]:
    """The text of ``render_json`` in pieces, each finding and activity made as it is
    written: a report of millions of findings is never held whole, nor its data."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    pieces: list[str] = []
    for piece in encoder.iterencode(_json_data(report, lang, lazy=True)):
        pieces.append(piece)
        if len(pieces) >= 65536:
            yield "".join(pieces)
            pieces.clear()
    pieces.append("\n")
    yield "".join(pieces)


@cache
def report_schema() -> dict[str, Any]:
    """The JSON Schema of the JSON report (``ppsp/io/schema/ppsp-report-1.1.schema.json``)."""
    text = (
        resources.files("ppsp.io")
        .joinpath("schema", f"ppsp-report-{REPORT_SCHEMA_VERSION}.schema.json")
        .read_text("utf-8")
    )
    loaded: dict[str, Any] = json.loads(text)
    return loaded


#: The report's own words (message keys).
_K = {
    "report.code-lists": N_("report.code-lists"),
    "report.col.findings": N_("report.col.findings"),
    "report.col.rule": N_("report.col.rule"),
    "report.col.status": N_("report.col.status"),
    "report.col.title": N_("report.col.title"),
    "report.findings-heading": N_("report.findings-heading"),
    "report.generated": N_("report.generated"),
    "report.legal-basis": N_("report.legal-basis"),
    "report.no-findings": N_("report.no-findings"),
    "report.provenance-heading": N_("report.provenance-heading"),
    "report.rules-heading": N_("report.rules-heading"),
    "report.today": N_("report.today"),
    "report.outcomes": N_("report.outcomes"),
    "report.outcome-line": N_("report.outcome-line"),
    "report.outcomes-none": N_("report.outcomes-none"),
    "report.import-findings-heading": N_("report.import-findings-heading"),
}


def import_finding_lines(report: Report, lang: str) -> list[str]:
    """What the files hide from view, one line each (``[]`` when nothing is hidden)."""
    return [
        f"{f.code} {f.severity.label(lang).upper()}: {f.message(lang)}"
        for f in report.import_findings
    ]


def _t(key: str, lang: str, **params: Any) -> str:
    return render(key, params, lang)


def _heading(report: Report, lang: str) -> str:
    return _t(N_("report.heading"), lang, region=report.region_label, year=report.year)


def _counts_line(report: Report, lang: str) -> str:
    counts = report.counts()
    return ", ".join(f"{s.label(lang)}: {counts[s]}" for s in Severity)


def _ordered(report: Report) -> list[Finding]:
    order = {r.rule: i for i, r in enumerate(report.results)}
    return sorted(report.findings, key=lambda f: (f.severity.rank, order.get(f.rule, 999)))


def _outcome_lines(report: Report, lang: str) -> list[str]:
    """How many SSK activities landed in each outcome, per kind of plan (nothing without an
    SSK for the year)."""
    from ppsp.io.reports.traceability import coverage, review_count
    from ppsp.rules.linking import PLANNING_KINDS

    links = report.links
    if links is None or links.ssk is None:
        return []
    lines = [_t(_K["report.outcomes"], lang)]
    shares = coverage(links, report.region)
    for kind in PLANNING_KINDS:
        found = shares[kind.value]
        if found["no-document"] == len(links.ssk.activities):
            continue
        share = "-" if found["coverage"] is None else f"{found['coverage'] * 100:.0f} %"
        lines.append(
            "  "
            + _t(
                _K["report.outcome-line"],
                lang,
                kind=kind,
                linked=found["linked"],
                review=review_count(found, lang),
                missing=found["missing"],
                unplanned=found["not-planned"],
                coverage=share,
            )
        )
    if len(lines) == 1:  # no plan of the year to trace into: say so, not an empty list
        return [_t(_K["report.outcomes-none"], lang, year=report.year)]
    return lines


def render_text(report: Report, lang: str | None = None) -> str:
    """A plain-text report for a terminal: heading, counts, findings (most serious first), the
    status of every rule that did not pass."""
    return "".join(text_chunks(report, lang))


def text_chunks(report: Report, lang: str | None = None) -> Iterator[str]:
    """The text of ``render_text`` in pieces (each ending with a new line), made as they
    are written: a report of millions of findings is never held whole."""
    language = lang or get_language()
    lines = [_heading(report, language), _counts_line(report, language), ""]
    outcomes = _outcome_lines(report, language)
    if outcomes:
        lines += [*outcomes, ""]
    for finding in _ordered(report):
        where = finding.where(language)
        severity = finding.severity.label(language).upper()
        lines.append(f"{finding.rule} {severity:7} {finding.message(language)}")
        if where:
            lines.append(f"    {where}")
        if len(lines) >= 4096:
            yield "\n".join(lines) + "\n"
            lines.clear()
    if report.findings:
        lines.append("")
    hidden = import_finding_lines(report, language)
    if hidden:
        lines.append(_t(_K["report.import-findings-heading"], language))
        lines += [f"  {line}" for line in hidden]
        lines.append("")
    lines.append(_t(_K["report.rules-heading"], language))
    for result in report.results:
        status = result.status.label(language)
        extra = ""
        if result.status in (RuleStatus.SKIPPED, RuleStatus.ERRORED):
            extra = f": {result.reason_text(language)}"
        elif result.status is RuleStatus.ISSUES:
            extra = f" ({result.findings})"
        lines.append(f"  {result.rule} {status}{extra} — {result.title_text(language)}")
    yield "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text (which may hold names from the input) as literal Markdown in a line or table cell."""
    from ppsp.io.safe_text import markdown_text

    return markdown_text(text)


def _code(text: str) -> str:
    """Text for inside a Markdown code span."""
    from ppsp.io.safe_text import markdown_code

    return markdown_code(text)


def render_markdown(report: Report, lang: str | None = None) -> str:
    """A Markdown report: summary, per-rule table, findings grouped by rule with their legal
    basis, cells and provenance."""
    language = lang or get_language()
    out = [
        f"# {_md(_heading(report, language))}",
        "",
        f"**{_md(_counts_line(report, language))}**",
        "",
    ]
    outcomes = _outcome_lines(report, language)
    if outcomes:
        out += [_md(outcomes[0]), "", *(f"- {_md(line.strip())}" for line in outcomes[1:]), ""]
    out += [
        f"## {_t(_K['report.rules-heading'], language)}",
        "",
        f"| {_t(_K['report.col.rule'], language)} | {_t(_K['report.col.title'], language)} "
        f"| {_t(_K['report.col.status'], language)} | {_t(_K['report.col.findings'], language)} |",
        "|---|---|---|---|",
    ]
    for result in report.results:
        status = result.status.label(language)
        if result.status in (RuleStatus.SKIPPED, RuleStatus.ERRORED):
            status += f": {result.reason_text(language)}"
        out.append(
            f"| {result.rule} | {_md(result.title_text(language))} | {_md(status)} "
            f"| {result.findings} |"
        )
    out.append("")
    grouped = report.by_rule()
    results = {r.rule: r for r in report.results}
    out += [f"## {_t(_K['report.findings-heading'], language)}", ""]
    if not report.findings:
        out += [_t(_K["report.no-findings"], language), ""]
    for rule_id, findings in grouped.items():
        if not findings:
            continue
        about = results.get(rule_id)
        title = about.title_text(language) if about else rule_id
        out += [f"### {rule_id} — {_md(title)}", ""]
        if about is not None:
            out.append(_md(about.explanation_text(language)))
            if about.legal_basis:
                basis = "; ".join(c.describe(language) for c in about.legal_basis)
                out.append(f"\n*{_t(_K['report.legal-basis'], language)}:* {_md(basis)}")
            out.append("")
        for finding in findings:
            where = "; ".join(w.describe(language) for w in finding.locations)
            line = f"- **{finding.severity.label(language)}**: {_md(finding.message(language))}"
            if where:
                line += f" — `{_code(where)}`"
            out.append(line)
        out.append("")
    if report.import_findings:
        out += [f"## {_t(_K['report.import-findings-heading'], language)}", ""]
        for found in report.import_findings:
            line = f"- **{found.severity.label(language)}** `{found.code}`: "
            out.append(line + _md(found.message(language)))
        out.append("")
    provenance = report.provenance
    out += [
        f"## {_t(_K['report.provenance-heading'], language)}",
        "",
        f"- ppsp {provenance.ppsp_version}, {_t(_K['report.generated'], language)} "
        f"{provenance.generated_at} ({_t(_K['report.today'], language)} {provenance.today})",
        f"- {_t(_K['report.code-lists'], language)}: "
        f"{_md(', '.join(provenance.code_lists)) or '-'}",
    ]
    for item in provenance.inputs:
        out.append(f"- `{_code(item.path)}` sha256 `{item.sha256[:16]}…`")
    return "\n".join(out) + "\n"


#: Rules whose findings only an importer can make. None since the documents carry their
#: disagreeing total rows (``Document.stated_totals``): FIN005 finds them from the bundle, so a
#: folder and the bundle made of it give one answer. (The other diagnostics that name a rule,
#: such as an unknown funding source for FIN003, are found again by the rule itself.)
IMPORT_RULES: frozenset[str] = frozenset()


def _finding_from_diagnostic(diagnostic: Any) -> Finding | None:
    rule = diagnostic.params.get("rule") if diagnostic.params else None
    if rule not in IMPORT_RULES:
        return None
    return Finding(
        rule=str(rule),
        severity=Severity(diagnostic.severity.value),
        key=diagnostic.key,
        params=dict(diagnostic.params),
        locations=(diagnostic.location,) if diagnostic.location else (),
        evidence={
            k: v for k, v in diagnostic.params.items() if k in ("stated", "computed", "value")
        },
    )


def findings_from_diagnostics(diagnostics: Any) -> list[Finding]:
    """The import diagnostics that only an importer can see, as findings for
    :func:`ppsp.rules.check`'s ``imported``: none today (see ``IMPORT_RULES``). Deprecated
    (warns): kept for one release so that callers that pass them keep working."""
    import warnings

    warnings.warn(
        "ppsp.io.reports.text.findings_from_diagnostics is deprecated: the bundle carries what only "
        "the importer sees (stated totals, import findings); use ppsp.audit",
        DeprecationWarning,
        stacklevel=2,
    )
    found = [_finding_from_diagnostic(d) for d in diagnostics]
    return [f for f in found if f is not None]


#: The formats ``text``, ``json`` and ``md`` (entry points of ``ppsp.renderers``).
TEXT: Final = Renderer(render=render_text, chunks=text_chunks)
JSON: Final = Renderer(render=render_json, chunks=json_chunks)
MARKDOWN: Final = Renderer(render=render_markdown, suffix="md")
