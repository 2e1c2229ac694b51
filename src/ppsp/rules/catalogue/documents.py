"""DOC rules: is there an SSK in force, adopted and current, and are the planning documents
of the audited year there, all of the same region?"""

from __future__ import annotations

from collections.abc import Iterator

from ppsp.domain.agency import Agency
from ppsp.domain.documents import Document, DocumentKind
from ppsp.domain.region import default_register
from ppsp.i18n import N_
from ppsp.rules.catalogue import legal
from ppsp.rules.engine import Context, Finding, Severity, Subject, rule

__all__ = ["RULES"]


def _subject(doc: Document) -> Subject:
    period = getattr(doc, "period", None) or getattr(doc, "year", None)
    agency = getattr(doc, "agency", None)
    key = " ".join(str(p) for p in (period, agency) if p)
    return Subject(doc.kind, key, doc.title)


@rule(
    "DOC001",
    severity=Severity.ERROR,
    title=N_("rule.DOC001.title"),
    explanation=N_("rule.DOC001.explanation"),
    tags=["documents", "ssk"],
    legal_basis=[legal.SE_MENDAGRI_660_4919],
)
def no_ssk(context: Context) -> Iterator[Finding]:
    if not context.bundle.ssk:
        yield context.finding(
            N_("finding.DOC001"), subject=Subject(None, str(context.bundle.region))
        )


@rule(
    "DOC002",
    severity=Severity.ERROR,
    title=N_("rule.DOC002.title"),
    explanation=N_("rule.DOC002.explanation"),
    tags=["documents", "ssk"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.SE_MENDAGRI_660_4919],
)
def ssk_not_in_force(context: Context) -> Iterator[Finding]:
    if context.ssk is None:
        periods = [str(s.period) for s in context.bundle.ssk]
        latest = max(context.bundle.ssk, key=lambda s: s.period.end)
        yield context.finding(
            N_("finding.DOC002"),
            subject=_subject(latest),
            locations=[latest.source],
            evidence={"expected": context.year, "actual": periods},
            year=context.year,
            periods=periods,
        )


@rule(
    "DOC003",
    severity=Severity.WARNING,
    title=N_("rule.DOC003.title"),
    explanation=N_("rule.DOC003.explanation"),
    tags=["documents", "ssk"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.SE_MENDAGRI_660_4919],
)
def ssk_due_for_update(context: Context) -> Iterator[Finding]:
    ssk = context.ssk or max(context.bundle.ssk, key=lambda s: s.period.end)
    newer = [s for s in context.bundle.ssk if s.period.start > ssk.period.end]
    if newer:
        return
    end = ssk.period.end_date
    today = context.today
    if end < today:
        key = N_("finding.DOC003.ended")
    elif (end - today).in_days() <= 365:
        key = N_("finding.DOC003.ending")
    else:
        return
    yield context.finding(
        key,
        subject=_subject(ssk),
        locations=[ssk.source],
        evidence={"period_end": end.isoformat(), "today": today.isoformat()},
        period=str(ssk.period),
        end=end,
        today=today,
    )


@rule(
    "DOC004",
    severity=Severity.WARNING,
    title=N_("rule.DOC004.title"),
    explanation=N_("rule.DOC004.explanation"),
    tags=["documents", "ssk"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.SE_MENDAGRI_660_4919],
)
def ssk_not_adopted(context: Context) -> Iterator[Finding]:
    ssk = context.require_ssk()
    adoption = ssk.adoption
    if adoption is None:
        missing = ["instrument", "number", "date"]
    else:
        missing = [name for name in ("number", "date") if not getattr(adoption, name)]
    if missing:
        yield context.finding(
            N_("finding.DOC004"),
            subject=_subject(ssk),
            locations=[ssk.source],
            evidence={"missing": missing, "actual": str(adoption) if adoption else None},
            period=str(ssk.period),
            missing=missing,
        )


@rule(
    "DOC005",
    severity=Severity.ERROR,
    title=N_("rule.DOC005.title"),
    explanation=N_("rule.DOC005.explanation"),
    tags=["documents", "region"],
    legal_basis=[legal.PERMENDAGRI_86_2017],
)
def regions_differ(context: Context) -> Iterator[Finding]:
    register = default_register()
    bundle = context.bundle
    if register.get_region(bundle.region) is None:
        yield context.finding(
            N_("finding.DOC005.unknown"),
            subject=Subject(None, str(bundle.region)),
            evidence={"actual": str(bundle.region), "register": register.decree},
            code=bundle.region,
        )
    for doc in bundle.documents():
        if doc.region != bundle.region:
            yield context.finding(
                N_("finding.DOC005.other-region"),
                subject=_subject(doc),
                locations=[doc.source],
                evidence={"expected": str(bundle.region), "actual": str(doc.region)},
                kind=doc.kind,
                region=doc.region,
                expected=bundle.region,
            )
            if register.get_region(doc.region) is None:
                yield context.finding(
                    N_("finding.DOC005.unknown"),
                    subject=_subject(doc),
                    locations=[doc.source],
                    evidence={"actual": str(doc.region), "register": register.decree},
                    code=doc.region,
                )


def _agencies_with_activities(context: Context) -> list[Agency]:
    ssk = context.ssk
    if ssk is None:
        return []
    found: dict[str, Agency] = {}
    for activity in ssk.activities_in(context.year):
        if activity.agency is not None:
            # a cell naming several agencies (DPUPR / UPTD PALD) is the leading one's activity
            lead = activity.agency.lead()
            found.setdefault(lead.key, lead)
    return list(found.values())


@rule(
    "DOC006",
    severity=Severity.WARNING,
    title=N_("rule.DOC006.title"),
    explanation=N_("rule.DOC006.explanation"),
    tags=["documents", "planning"],
    legal_basis=[legal.PERMENDAGRI_86_2017],
)
def planning_document_absent(context: Context) -> Iterator[Finding]:
    bundle, year = context.bundle, context.year
    # each finding is about the missing document itself, so a report names its kind
    if bundle.rpjmd_for(year) is None:
        yield context.finding(
            N_("finding.DOC006.rpjmd"),
            subject=Subject(DocumentKind.RPJMD, str(year)),
            evidence={"year": year},
            year=year,
        )
    if bundle.rkpd_for(year) is None:
        yield context.finding(
            N_("finding.DOC006.rkpd"),
            subject=Subject(DocumentKind.RKPD, str(year)),
            evidence={"year": year},
            year=year,
        )
    for agency in _agencies_with_activities(context):
        if bundle.renstra_for(agency, year) is None:
            yield context.finding(
                N_("finding.DOC006.renstra"),
                # one finding per agency: the missing document of that agency
                subject=Subject(DocumentKind.RENSTRA_PD, agency.name),
                evidence={"year": year, "agency": agency.name},
                year=year,
                agency=agency,
            )
        if not bundle.renja_for(year, agency):
            yield context.finding(
                N_("finding.DOC006.renja"),
                # one finding per agency: the missing document of that agency
                subject=Subject(DocumentKind.RENJA_PD, agency.name),
                evidence={"year": year, "agency": agency.name},
                year=year,
                agency=agency,
            )
    if not bundle.dpa_for(year):
        yield context.finding(
            N_("finding.DOC006.dpa"),
            subject=Subject(DocumentKind.DPA, str(year)),
            evidence={"year": year},
            year=year,
        )
    else:
        # DPA are per agency unless one covers the whole APBD
        for agency in _agencies_with_activities(context):
            if not bundle.dpa_for(year, agency):
                yield context.finding(
                    N_("finding.DOC006.dpa-agency"),
                    subject=Subject(DocumentKind.DPA, agency.name),
                    evidence={"year": year, "agency": agency.name},
                    year=year,
                    agency=agency,
                )


RULES = (
    no_ssk,
    ssk_not_in_force,
    ssk_due_for_update,
    ssk_not_adopted,
    regions_differ,
    planning_document_absent,
)
