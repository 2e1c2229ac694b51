"""MIL rules: are the milestones M1-M4 complete in order, is M4 backed by its designation decree,
are planned dates kept, and were the year's results reported?

Dates are compared with today on the region's own clock (WIB/WITA/WIT).
"""

from __future__ import annotations

from collections.abc import Iterator

from ppsp.domain.documents import DocumentKind
from ppsp.domain.implementation import (
    ImplementationRecord,
    MilestoneCode,
    MilestoneState,
    ReportRecipient,
)
from ppsp.i18n import N_
from ppsp.rules.catalogue import legal
from ppsp.rules.engine import Context, Finding, Severity, Subject, cell, rule

__all__ = ["RULES"]


def _record(context: Context) -> ImplementationRecord:
    record = context.bundle.implementation
    if record is None:
        context.skip(N_("skip.no-implementation"))
    return record


def _subject(code: MilestoneCode) -> Subject:
    return Subject(DocumentKind.IMPLEMENTATION, code.value, code.label())


@rule(
    "MIL001",
    severity=Severity.ERROR,
    title=N_("rule.MIL001.title"),
    explanation=N_("rule.MIL001.explanation"),
    tags=["milestones"],
    requires=[DocumentKind.IMPLEMENTATION],
    legal_basis=[legal.SE_MENDAGRI_660_4919],
)
def out_of_order(context: Context) -> Iterator[Finding]:
    record = _record(context)
    if not record.milestones:
        context.skip(N_("skip.no-milestones"))
    for code in MilestoneCode:
        status = record.milestone(code)
        if status is None or status.state is not MilestoneState.COMPLETE:
            continue
        for earlier in MilestoneCode:
            if earlier.number >= code.number:
                break
            before = record.milestone(earlier)
            if before is not None and before.state is not MilestoneState.COMPLETE:
                yield context.finding(
                    N_("finding.MIL001"),
                    subject=_subject(code),
                    locations=[cell(status, "state"), cell(before, "state")],
                    evidence={
                        "complete": code.value,
                        "not_complete": earlier.value,
                        "state": before.state.value,
                    },
                    milestone=code.value,
                    earlier=earlier.value,
                    state=before.state,
                )


@rule(
    "MIL002",
    severity=Severity.WARNING,
    title=N_("rule.MIL002.title"),
    explanation=N_("rule.MIL002.explanation"),
    tags=["milestones"],
    requires=[DocumentKind.IMPLEMENTATION],
    legal_basis=[legal.KEPMENDAGRI_M4],
)
def m4_without_decree(context: Context) -> Iterator[Finding]:
    record = _record(context)
    for status in record.milestones:
        if status.code is not MilestoneCode.M4 or status.state is MilestoneState.PLANNED:
            continue
        if not (status.designation_decree or "").strip():
            yield context.finding(
                N_("finding.MIL002"),
                subject=_subject(status.code),
                locations=[cell(status, "designation_decree", "state")],
                evidence={"state": status.state.value},
                state=status.state,
            )


@rule(
    "MIL003",
    severity=Severity.WARNING,
    title=N_("rule.MIL003.title"),
    explanation=N_("rule.MIL003.explanation"),
    tags=["milestones", "dates"],
    requires=[DocumentKind.IMPLEMENTATION],
    legal_basis=[legal.SE_MENDAGRI_660_4919],
)
def overdue(context: Context) -> Iterator[Finding]:
    record = _record(context)
    today = context.today
    for code in MilestoneCode:
        status = record.milestone(code)
        if status is None or status.planned_date is None:
            continue
        if status.state is not MilestoneState.COMPLETE and status.planned_date < today:
            yield context.finding(
                N_("finding.MIL003"),
                subject=_subject(code),
                locations=[cell(status, "planned_date", "state")],
                evidence={
                    "planned": status.planned_date.isoformat(),
                    "today": today.isoformat(),
                    "state": status.state.value,
                },
                milestone=code.value,
                planned=status.planned_date,
                state=status.state,
                days=(today - status.planned_date).in_days(),
            )


@rule(
    "MIL004",
    severity=Severity.WARNING,
    title=N_("rule.MIL004.title"),
    explanation=N_("rule.MIL004.explanation"),
    tags=["milestones", "reporting"],
    requires=[DocumentKind.IMPLEMENTATION],
    legal_basis=[legal.SE_MENDAGRI_660_4919],
)
def not_reported(context: Context) -> Iterator[Finding]:
    """The results of a year are reported once the year is over: the audited year when it has
    ended (on the region's clock), else the year before."""
    record = _record(context)
    year = context.year if context.today.year > context.year else context.year - 1
    ssk = context.bundle.ssk_for(year)
    if ssk is None:
        context.skip(N_("skip.no-ssk-for-year"), year=year)
    sent = {r.recipient for r in record.reports if r.year == year}
    if not sent:
        yield context.finding(
            N_("finding.MIL004"),
            subject=Subject(DocumentKind.IMPLEMENTATION, str(year)),
            locations=[record.source],
            evidence={"year": year, "recipients": [r.value for r in ReportRecipient]},
            year=year,
        )


RULES = (out_of_order, m4_without_decree, overdue, not_reported)
