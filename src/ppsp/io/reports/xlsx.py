"""The audit report as an Excel workbook: Summary, Findings, Rules and Traceability sheets, each
with a frozen header and filters, in Indonesian or English.

>>> import pendulum, tempfile, pathlib
>>> from openpyxl import load_workbook
>>> from ppsp.demo import demo_bundle
>>> from ppsp.rules import Settings, check
>>> report = check(demo_bundle(), 2025, settings=Settings(today=pendulum.date(2025, 6, 30)))
>>> path = pathlib.Path(tempfile.mkdtemp()) / "report.xlsx"
>>> _ = write_report_xlsx(report, path, "id")
>>> load_workbook(path).sheetnames
['Ringkasan', 'Temuan', 'Aturan', 'Keterlacakan', 'Tautan']
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from ppsp.i18n import N_, format_score, get_language, render
from ppsp.io.reports.text import jsonable
from ppsp.io.reports.traceability import candidates_text, coverage
from ppsp.io.sheets.export import DANGEROUS_PREFIXES
from ppsp.rules.engine import Report
from ppsp.rules.linking import PLANNING_KINDS
from ppsp.rules.linking.evidence import said
from ppsp.rules.renderers import Renderer

__all__ = ["XLSX", "write_report_xlsx"]

_K = {
    "summary": N_("xlsx.sheet.summary"),
    "findings": N_("xlsx.sheet.findings"),
    "rules": N_("xlsx.sheet.rules"),
    "trace": N_("xlsx.sheet.traceability"),
    "region": N_("xlsx.region"),
    "year": N_("xlsx.year"),
    "generated": N_("xlsx.generated"),
    "version": N_("xlsx.version"),
    "rule": N_("report.col.rule"),
    "title": N_("report.col.title"),
    "status": N_("report.col.status"),
    "count": N_("report.col.findings"),
    "severity": N_("xlsx.severity"),
    "message": N_("xlsx.message"),
    "document": N_("xlsx.document"),
    "subject": N_("xlsx.subject"),
    "file": N_("xlsx.file"),
    "sheet": N_("xlsx.sheet"),
    "cell": N_("xlsx.cell"),
    "evidence": N_("xlsx.evidence"),
    "explanation": N_("xlsx.explanation"),
    "legal": N_("report.legal-basis"),
    "reason": N_("xlsx.reason"),
    "activity": N_("xlsx.activity"),
    "number": N_("xlsx.number"),
    "agency": N_("xlsx.agency"),
    "links": N_("xlsx.sheet.links"),
    "line": N_("xlsx.line"),
    "method": N_("xlsx.method"),
    "score": N_("xlsx.score"),
    "weights": N_("xlsx.weights"),
    "coverage": N_("xlsx.coverage"),
    "hidden": N_("xlsx.sheet.import-findings"),
    "code": N_("xlsx.code"),
}
_FILLS = {"error": "F8D7DA", "warning": "FFF3CD", "info": "D1ECF1"}


def _t(key: str, lang: str) -> str:
    return render(_K.get(key, key), None, lang)


def _table(ws: Any, header: list[str], rows: list[list[Any]], widths: list[int]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
    for row in rows:
        ws.append([_safe(v) for v in row])
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is written as text (as the exporters do);
    control characters are dropped and a text longer than a cell is cut with a visible mark
    ``…[+N]`` (the JSON and HTML reports keep it whole)."""
    if isinstance(value, str):
        from ppsp.io.safe_text import worksheet_text

        value = worksheet_text(value)[0]
        if value.startswith(DANGEROUS_PREFIXES):
            return "'" + value
    return value


def write_report_xlsx(report: Report, path: str | Path, lang: str | None = None) -> Path:
    """Write the report to ``path`` (xlsx) and return the path."""
    # Long: the workbook's sheets written one after another (summary, findings, rules,
    # traceability, links); each block is short and in the order a reader meets them.
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    language = lang or get_language()
    wb = Workbook()
    summary = wb.active
    summary.title = _t("summary", language)[:31]
    summary.append([_t("region", language), _safe(report.region_label)])
    summary.append([_t("year", language), report.year])
    summary.append([_t("version", language), report.provenance.ppsp_version])
    summary.append([_t("generated", language), report.provenance.generated_at])
    for severity, count in report.counts().items():
        summary.append([severity.label(language), count])
    if report.links is not None and report.links.ssk is not None:
        # how many activities landed in each outcome, as the text report's first lines say
        summary.append([])
        for row in _coverage_rows(report.links, language, report.region):
            summary.append(row)
    summary.append([])
    start = summary.max_row + 1
    summary.append(
        [_t("rule", language), _t("title", language), _t("status", language), _t("count", language)]
    )
    for cell in summary[start]:
        cell.font = Font(bold=True)
    for result in report.results:
        status = result.status.label(language)
        if result.reason or result.error:
            status += f": {result.reason_text(language)}"
        summary.append([result.rule, result.title_text(language), status, result.findings])
    summary.column_dimensions["A"].width = 14
    summary.column_dimensions["B"].width = 60
    summary.column_dimensions["C"].width = 50
    for row in summary.iter_rows(max_row=4):
        row[0].font = Font(bold=True)

    findings = wb.create_sheet(_t("findings", language)[:31])
    rows = []
    for f in report.findings:
        where = f.locations[0] if f.locations else None
        rows.append(
            [
                f.rule,
                f.severity.label(language),
                f.message(language),
                f.subject.kind.label(language) if f.subject and f.subject.kind else "",
                f.subject.key if f.subject else "",
                where.file if where else "",
                where.sheet if where else "",
                where.cell if where else "",
                json.dumps(jsonable(dict(f.evidence)), ensure_ascii=False)[:32000],
            ]
        )
    _table(
        findings,
        [
            _t(k, language)
            for k in (
                "rule",
                "severity",
                "message",
                "document",
                "subject",
                "file",
                "sheet",
                "cell",
                "evidence",
            )
        ],
        rows,
        [10, 12, 80, 28, 12, 24, 18, 8, 60],
    )
    for row, f in zip(findings.iter_rows(min_row=2), report.findings, strict=False):
        row[1].fill = PatternFill("solid", fgColor=_FILLS[f.severity.value])

    if report.import_findings:
        hidden = wb.create_sheet(_t("hidden", language)[:31])
        _table(
            hidden,
            [_t(k, language) for k in ("code", "severity", "message", "file", "sheet", "cell")],
            [
                [
                    found.code,
                    found.severity.label(language),
                    found.message(language),
                    found.location.file or "" if found.location else "",
                    found.location.sheet or "" if found.location else "",
                    (found.location.cell or found.location.row or "") if found.location else "",
                ]
                for found in report.import_findings
            ],
            [22, 12, 90, 30, 20, 8],
        )

    rules = wb.create_sheet(_t("rules", language)[:31])
    _table(
        rules,
        [
            _t(k, language)
            for k in ("rule", "title", "severity", "status", "count", "explanation", "legal")
        ],
        [
            [
                r.rule,
                r.title_text(language),
                r.severity.label(language),
                r.status.label(language)
                + (f": {r.reason_text(language)}" if r.reason or r.error else ""),
                r.findings,
                r.explanation_text(language),
                "\n".join(c.describe(language) for c in r.legal_basis),
            ]
            for r in report.results
        ],
        [10, 45, 12, 30, 10, 80, 60],
    )

    trace = wb.create_sheet(_t("trace", language)[:31])
    header = [_t("number", language), _t("activity", language), _t("agency", language)]
    header += [kind.label(language) for kind in PLANNING_KINDS]
    rows = []
    links = report.links
    if links is not None and links.ssk is not None:
        for i, activity in enumerate(links.ssk.activities):
            line: list[Any] = [activity.number or i + 1, activity.name, str(activity.agency or "")]
            for kind in PLANNING_KINDS:
                found = links.get(i, kind)
                if found is None:
                    line.append("")
                    continue
                text = render(links.label_key(found), None, language)
                if found.links:
                    text += ": " + "; ".join(
                        f"{ln.target.label()} ({format_score(ln.score, language)})"
                        for ln in found.links[:3]
                    )
                elif found.candidates and links.planned(found):
                    text += ": " + candidates_text(found.candidates, language)
                line.append(text)
            rows.append(line)
    _table(trace, header, rows, [8, 50, 30, *([36] * len(PLANNING_KINDS))])
    if links is not None and links.ssk is not None:
        _links_sheet(wb, links, language, report.region)
    import io

    from ppsp.io.output import REPORT_KEYWORD, write_bytes

    moment = _moment(report.provenance.generated_at)
    wb.properties.created = wb.properties.modified = moment
    wb.properties.keywords = REPORT_KEYWORD  # a folder read again skips its own report
    buffer = io.BytesIO()
    wb.save(buffer)
    return write_bytes(Path(path), _fixed_zip_times(buffer.getvalue(), moment))


def _moment(text: str) -> Any:
    """The report's ``generated_at`` as a naive UTC datetime (what openpyxl records)."""
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:  # pragma: no cover - the engine writes ISO 8601
        return dt.datetime(1980, 1, 1)
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _fixed_zip_times(data: bytes, moment: Any) -> bytes:
    """The workbook ``data`` with every part stamped with the report's time instead of the
    clock's, so that the same report is the same bytes (openpyxl stamps each zip entry with the
    current time)."""
    import io
    import re
    import zipfile

    stamp = (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    # openpyxl writes the clock's time as the workbook's "modified", whatever it was set to
    written = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    parts = [
        (
            info,
            re.sub(
                rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                rb"\g<1>" + written + rb"\g<2>",
                part,
            )
            if info.filename == "docProps/core.xml"
            else part,
        )
        for info, part in parts
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, part in parts:
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            archive.writestr(fixed, part)
    return out.getvalue()


def _links_sheet(wb: Any, links: Any, language: str, region: Any = None) -> None:
    """One row per link and per candidate: the line, the method, the score and the weight of
    each piece of evidence; then the coverage per document over the activities planned."""

    sheet = wb.create_sheet(_t("links", language)[:31])
    header = [
        _t("number", language),
        _t("activity", language),
        _t("document", language),
        _t("status", language),
        _t("line", language),
        _t("method", language),
        _t("score", language),
        _t("weights", language),
    ]
    rows: list[list[Any]] = []
    for trace in links:
        if trace.status.value == "no-document":
            continue
        number = trace.activity.number or trace.index + 1
        status = render(links.label_key(trace), None, language)
        shown = [
            (ln.target, render(ln.reason, ln.params, language), ln.score, ln.evidence)
            for ln in trace.links
        ]
        linked = {id(ln.target) for ln in trace.links}
        candidate = render(N_("xlsx.method.candidate"), None, language)
        shown += [
            (c.target, candidate, c.score, c.evidence)
            for c in trace.candidates
            if id(c.target) not in linked  # a linked line is listed once, as linked
        ]
        if not shown:
            rows.append(
                [number, trace.activity.name, trace.kind.label(language), status, "", "", "", ""]
            )
        for target, method, score, evidence in shown:
            weights = said(e for e in evidence if e.weight).__ppsp_format__(language)
            rows.append(
                [
                    number,
                    trace.activity.name,
                    trace.kind.label(language),
                    status,
                    target.label(),
                    method,
                    score,
                    weights,
                ]
            )
    rows.append([])
    rows.extend([["", *row] for row in _coverage_rows(links, language, region)])
    _table(sheet, header, rows, [8, 50, 28, 18, 60, 16, 8, 80])


def _coverage_rows(links: Any, language: str, region: Any) -> list[list[Any]]:
    """Where the SSK activities went, per kind of plan: the heading, then the share of the
    planned ones reached and how many landed in each outcome."""
    rows: list[list[Any]] = [[_t("coverage", language)]]
    shares = coverage(links, region)
    for kind in PLANNING_KINDS:
        found = shares[kind.value]
        rows.append(
            [
                kind.label(language),
                found["coverage"],
                found["linked"],
                found["needs-review"],
                found["missing"],
                found["not-planned"],
                found["planned"],
                found["review-unpaid"],  # of those to review: not paid by the budget, no INT007
            ]
        )
    return rows


#: The format ``xlsx`` (an entry point of ``ppsp.renderers``), written to a file only.
XLSX: Final = Renderer(write=write_report_xlsx)
