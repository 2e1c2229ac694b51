"""FIN rules: do the SSK's sums add up, is every funding source known, do activities paid from
outside the APBD have their readiness criteria, and do the plans' totals agree with their
lines?"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ppsp.domain.documents import Document, DocumentKind, Funding, SSKActivity
from ppsp.domain.funding import FundingSource
from ppsp.domain.kinds import kind_spec
from ppsp.domain.money import SUM_TOLERANCE, Rupiah, sums_differ
from ppsp.domain.nomenclature import CodeLevel
from ppsp.errors import InvalidValue
from ppsp.i18n import N_
from ppsp.rules.catalogue import legal
from ppsp.rules.engine import Context, Finding, Severity, Subject, activity_subject, cell, rule
from ppsp.rules.names import name_key

__all__ = ["RULES"]

#: Sums may differ by rounding to whole rupiah (:data:`ppsp.domain.money.SUM_TOLERANCE`).
ROUNDING = Rupiah(SUM_TOLERANCE)
_differs = sums_differ


@rule(
    "FIN001",
    severity=Severity.ERROR,
    title=N_("rule.FIN001.title"),
    explanation=N_("rule.FIN001.explanation"),
    tags=["finance", "ssk"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.SE_MENDAGRI_660_4919],
)
def row_total(context: Context) -> Iterator[Finding]:
    activities = context.require_ssk().activities
    if not any(a.total is not None and a.costs for a in activities):
        # nothing to compare: "passed" would claim a check that was not made
        context.skip(N_("skip.no-row-totals"))
    for i, activity in enumerate(activities):
        if activity.total is None or not activity.costs:
            continue
        computed = activity.total_cost()
        if _differs(activity.total, computed):
            yield context.finding(
                N_("finding.FIN001"),
                subject=activity_subject(i, activity),
                locations=[cell(activity, "total")],
                evidence={"expected": computed, "actual": activity.total},
                activity=activity.name,
                stated=activity.total,
                computed=computed,
            )


@rule(
    "FIN002",
    severity=Severity.ERROR,
    title=N_("rule.FIN002.title"),
    explanation=N_("rule.FIN002.explanation"),
    tags=["finance", "ssk"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.SE_MENDAGRI_660_4919],
)
def funding_split(context: Context) -> Iterator[Finding]:
    ssk = context.require_ssk()
    for i, activity in enumerate(ssk.activities):
        by_year: dict[int | None, list[Funding]] = {}
        for funding in activity.funding:
            if funding.amount is not None:
                by_year.setdefault(funding.year, []).append(funding)
        for year, split in sorted(by_year.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)):
            if year is None:
                if not activity.costs:
                    continue
                cost = activity.total_cost()
            else:
                cost = activity.cost_in(year) or Rupiah.zero()
            total = sum((f.amount for f in split if f.amount is not None), Rupiah.zero())
            if _differs(total, cost):
                yield context.finding(
                    N_("finding.FIN002") if year else N_("finding.FIN002.total"),
                    subject=activity_subject(i, activity),
                    locations=[
                        cell(activity, f"costs.{year}", "total"),
                        *(_funding_cell(activity, f) for f in split),
                    ],
                    evidence={
                        "expected": cost,
                        "actual": total,
                        "split": _split(split),
                    },
                    activity=activity.name,
                    year=year or "",
                    cost=cost,
                    split=total,
                )


def _funding_cell(line: Any, funding: Funding) -> Any:
    key = f"funding.{funding.source.value}"
    if funding.label:
        # a source split over several columns ("DAU" and "PAD": funding.apbd-kabkota and
        # funding.apbd-kabkota.2): the column whose header is the funding's label
        cells: Any = getattr(line, "cells", None) or {}
        for name, where in cells.items():
            if (name == key or name.startswith(key + ".")) and (where.header or "").rsplit(
                " | ", 1
            )[-1] == funding.label:
                return where
    return cell(line, key, "funding_text", "funding")


def _split(fundings: Sequence[Funding]) -> dict[str, Rupiah]:
    """The amounts of a split by source (two columns of one source added)."""
    split: dict[str, Rupiah] = {}
    for f in fundings:
        if f.amount is not None:
            split[f.source.value] = split.get(f.source.value, Rupiah.zero()) + f.amount
    return split


def _fundings(context: Context) -> Iterator[tuple[Document, int, Any, Funding]]:
    for doc in context.bundle.documents():
        for attribute in ("activities", "lines", "commitments"):
            for position, line in enumerate(getattr(doc, attribute, ())):
                for funding in getattr(line, "funding", ()):
                    yield doc, position, line, funding


def _unknown(funding: Funding) -> bool:
    if funding.source is not FundingSource.LAINNYA:
        return False
    if funding.sipd_code:
        return True  # a SIPD code that maps to no known source
    if not funding.label:
        return False
    try:
        FundingSource.parse(funding.label)
    except InvalidValue:
        return True
    return False


@rule(
    "FIN003",
    severity=Severity.WARNING,
    title=N_("rule.FIN003.title"),
    explanation=N_("rule.FIN003.explanation"),
    tags=["finance", "funding"],
    legal_basis=[legal.PERMENDAGRI_90_2019, legal.PERMENDAGRI_70_2019],
)
def unknown_source(context: Context) -> Iterator[Finding]:
    for doc, position, line, funding in _fundings(context):
        if _unknown(funding):
            label = funding.label or funding.sipd_code or ""
            yield context.finding(
                N_("finding.FIN003"),
                subject=Subject(
                    doc.kind, getattr(line, "number", None) or f"#{position + 1}", line.name
                ),
                locations=[_funding_cell(line, funding)],
                evidence={"actual": label, "sipd_code": funding.sipd_code},
                value=label,
                kind=doc.kind,
            )


def _matches(activity: SSKActivity, criteria: Any) -> bool:
    if activity.code is not None and criteria.code is not None:
        return bool(activity.code == criteria.code)
    a, b = name_key(activity.name), name_key(criteria.activity)
    return a == b or (len(b) > 8 and (a in b or b in a))


@rule(
    "FIN004",
    severity=Severity.WARNING,
    title=N_("rule.FIN004.title"),
    explanation=N_("rule.FIN004.explanation"),
    tags=["finance", "readiness"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.PERMEN_PUPR_5_2021],
)
def readiness_missing(context: Context) -> Iterator[Finding]:
    ssk = context.require_ssk()
    record = context.bundle.implementation
    if record is None:
        context.skip(N_("skip.no-implementation"))
    year = context.year
    deadline = f"{year - 1}-12-31"
    wanted = context.settings.readiness_sources
    for i, activity in enumerate(ssk.activities):
        cost = activity.cost_in(year)
        if cost is None or cost.is_zero():
            continue
        # the year's split, or the split for the whole period when the matrix gives that
        split = activity.funding_in(year) or tuple(f for f in activity.funding if f.year is None)
        sources = {
            f.source
            for f in split
            if f.source in wanted and (f.amount is None or not f.amount.is_zero())
        }
        for source in sorted(sources, key=lambda s: s.value):
            found = [
                rc
                for rc in record.readiness
                if rc.year == year and rc.funding_source is source and _matches(activity, rc)
            ]
            on_time = [
                rc
                for rc in found
                if rc.recorded_on is None or rc.recorded_on.isoformat() <= deadline
            ]
            if on_time:
                continue
            late = [rc.recorded_on.isoformat() for rc in found if rc.recorded_on is not None]
            yield context.finding(
                N_("finding.FIN004.late") if late else N_("finding.FIN004"),
                subject=activity_subject(i, activity),
                locations=[
                    _funding_cell(activity, Funding(source=source)),
                    *(rc.source for rc in found),
                ],
                evidence={"source": source.value, "deadline": deadline, "recorded": late},
                activity=activity.name,
                source=source,
                year=year,
                deadline=year - 1,
            )


def _coded_lines(doc: Document) -> Sequence[Any]:
    lines: Sequence[Any] = getattr(doc, "lines", ())
    return [ln for ln in lines if getattr(ln, "code", None) is not None]


def _years(doc: Document, year: int) -> Iterable[int | None]:
    return (year,) if getattr(doc, "period", None) is not None else (None,)


def _of_year(context: Context) -> Iterable[Document]:
    """The coded documents of the audited year (the five-year ones that cover it)."""
    return (doc for doc in context.bundle.documents() if _in_year(doc, context.year))


def _dated(doc: Document) -> bool:
    return kind_spec(doc).timing != "undated"


def _in_year(doc: Document, year: int) -> bool:
    return kind_spec(doc).in_year(doc, year)


def _pagu(line: Any, year: int | None) -> Rupiah | None:
    if year is not None and hasattr(line, "pagu_in"):
        found: Rupiah | None = line.pagu_in(year)
        return found
    pagu: Rupiah | None = getattr(line, "pagu", None)
    return pagu


@rule(
    "FIN005",
    severity=Severity.ERROR,
    title=N_("rule.FIN005.title"),
    explanation=N_("rule.FIN005.explanation"),
    tags=["finance", "totals"],
    legal_basis=[legal.PERMENDAGRI_86_2017, legal.PERMENDAGRI_90_2019],
)
def subtotals(context: Context) -> Iterator[Finding]:
    """Coded tables of the audited year (RKPD, Renja, DPA; the Renstra-PD's column of that
    year): a kegiatan's pagu is the sum of its sub kegiatan, a program's the sum of its
    kegiatan. Total rows of any sheet that the importer found disagreeing with their rows
    travel in the documents (``Document.stated_totals``) and are reported from there, so a
    folder of sheets and the bundle made of it give the same findings."""
    seen = set()
    for finding in _coded_subtotals(context):
        seen.add(finding.locations)
        yield finding
    for doc in _documents_with_totals(context):
        for total in doc.stated_totals:
            locations = (total.source,) if total.source is not None else ()
            if total.differs and locations not in seen:
                yield context.finding(
                    N_("finding.FIN005"),
                    subject=Subject(doc.kind, total.label, total.label),
                    locations=list(locations),
                    evidence={"expected": total.computed, "actual": total.stated},
                    label=total.label,
                    stated=total.stated,
                    computed=total.computed,
                )


def _documents_with_totals(context: Context) -> Iterator[Document]:
    """The documents with stated totals that the audit of the year reads: those of the year
    (:func:`_of_year`) and those of no year or period."""
    for doc in context.bundle.documents():
        if doc.stated_totals and (not _dated(doc) or _in_year(doc, context.year)):
            yield doc


def _coded_subtotals(context: Context) -> Iterator[Finding]:
    for doc in _of_year(context):
        lines = _coded_lines(doc)
        if not lines:
            continue
        for parent_level, child_level in (
            (CodeLevel.KEGIATAN, CodeLevel.SUB_KEGIATAN),
            (CodeLevel.PROGRAM, CodeLevel.KEGIATAN),
        ):
            parents = {ln.code for ln in lines if ln.code.level is parent_level}
            if not parents:
                continue  # nothing states a sum at this level
            children: dict[Any, list[Any]] = {}
            for line in lines:
                if line.code.level is child_level:
                    parent = line.code.prefix(parent_level)
                    children.setdefault(parent, []).append(line)
            for line in lines:
                if line.code.level is not parent_level or line.code not in children:
                    continue
                for year in _years(doc, context.year):
                    stated = _pagu(line, year)
                    amounts = [_pagu(c, year) for c in children[line.code]]
                    known = [a for a in amounts if a is not None]
                    if stated is None or not known:
                        continue
                    computed = sum(known, Rupiah.zero())
                    if _differs(stated, computed):
                        yield context.finding(
                            N_("finding.FIN005"),
                            subject=Subject(doc.kind, str(line.code), line.name),
                            locations=[cell(line, "pagu", f"pagu.{year}")],
                            evidence={"expected": computed, "actual": stated, "year": year},
                            label=f"{line.code} {line.name}",
                            stated=stated,
                            computed=computed,
                        )


RULES = (row_total, funding_split, unknown_source, readiness_missing, subtotals)
