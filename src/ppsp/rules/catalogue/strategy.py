"""STR rules: does the SSK's strategy cover what it must (the five policy directions, the core
subsectors, an agency per activity inside the working group, the national access targets), and
do the access profiles add up?"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ppsp.domain.access import AccessLevel
from ppsp.domain.agency import Agency, WorkingGroup
from ppsp.domain.documents import AccessMeasure, DocumentKind, Target
from ppsp.domain.policy import PolicyDirection
from ppsp.domain.subsector import Subsector
from ppsp.i18n import N_
from ppsp.rules.catalogue import legal
from ppsp.rules.engine import Context, Finding, Severity, Subject, activity_subject, cell, rule

__all__ = ["RULES"]


def _ssk_subject(context: Context) -> Subject:
    ssk = context.require_ssk()
    return Subject(DocumentKind.SSK, str(ssk.period), ssk.title)


@rule(
    "STR001",
    severity=Severity.WARNING,
    title=N_("rule.STR001.title"),
    explanation=N_("rule.STR001.explanation"),
    tags=["strategy", "ssk"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.SE_MENDAGRI_660_4919],
)
def policy_direction_empty(context: Context) -> Iterator[Finding]:
    ssk = context.require_ssk()
    if not ssk.activities:
        context.skip(N_("skip.no-activities"))
    used = {a.policy_direction for a in ssk.activities if a.policy_direction is not None}
    if not used:
        context.skip(N_("skip.no-policy-directions"))
    for direction in PolicyDirection:
        if direction not in used:
            yield context.finding(
                N_("finding.STR001"),
                subject=_ssk_subject(context),
                locations=[ssk.source],
                evidence={"missing": direction.value},
                direction=direction,
                number=direction.number,
            )


@rule(
    "STR002",
    severity=Severity.WARNING,
    title=N_("rule.STR002.title"),
    explanation=N_("rule.STR002.explanation"),
    tags=["strategy", "ssk"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.PERPRES_185_2014, legal.SE_MENDAGRI_660_4919],
)
def core_subsector_empty(context: Context) -> Iterator[Finding]:
    ssk = context.require_ssk()
    if not ssk.activities:
        context.skip(N_("skip.no-activities"))
    used = {a.subsector for a in ssk.activities if a.subsector is not None}
    for subsector in Subsector:
        if subsector.is_core and subsector not in used:
            yield context.finding(
                N_("finding.STR002"),
                subject=_ssk_subject(context),
                locations=[ssk.source],
                evidence={"missing": subsector.value},
                subsector=subsector,
            )


@rule(
    "STR003",
    severity=Severity.ERROR,
    title=N_("rule.STR003.title"),
    explanation=N_("rule.STR003.explanation"),
    tags=["strategy", "agency"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.PERMENDAGRI_86_2017, legal.SE_MENDAGRI_660_4919],
)
def no_agency(context: Context) -> Iterator[Finding]:
    for i, activity in enumerate(context.require_ssk().activities):
        if activity.agency is None:
            yield context.finding(
                N_("finding.STR003"),
                subject=activity_subject(i, activity),
                locations=[cell(activity, "agency", "name")],
                activity=activity.name,
            )


def _groups(context: Context) -> list[WorkingGroup]:
    ssk = context.ssk
    groups = list(context.bundle.working_groups)
    if ssk is not None and ssk.working_group is not None:
        groups.insert(0, ssk.working_group)
    return [g for g in groups if g.members]


@rule(
    "STR004",
    severity=Severity.WARNING,
    title=N_("rule.STR004.title"),
    explanation=N_("rule.STR004.explanation"),
    tags=["strategy", "agency"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.SE_MENDAGRI_660_4919],
)
def agency_outside_group(context: Context) -> Iterator[Finding]:
    ssk = context.require_ssk()
    groups = _groups(context)
    if not groups:
        context.skip(N_("skip.no-working-group"))
    outside: dict[str, tuple[Agency, list[int]]] = {}
    for i, activity in enumerate(ssk.activities):
        agency = activity.agency
        if agency is None or any(g.has_member(agency) for g in groups):
            continue
        outside.setdefault(agency.key, (agency, []))[1].append(i)
    for agency, indices in outside.values():
        first = ssk.activities[indices[0]]
        yield context.finding(
            N_("finding.STR004"),
            subject=Subject(DocumentKind.SSK, agency.name),
            locations=[cell(ssk.activities[i], "agency") for i in indices],
            evidence={
                "agency": agency.name,
                "groups": [g.name for g in groups],
                "activities": [ssk.activities[i].name for i in indices],
            },
            agency=agency,
            groups=[g.name for g in groups],
            count=len(indices),
            activity=first.name,
        )


def _access_targets(targets: tuple[Target, ...], year: int) -> dict[AccessMeasure, Target]:
    found: dict[AccessMeasure, Target] = {}
    for target in targets:
        if target.year != year or target.measure is None:
            continue
        if target.subsector not in (None, Subsector.AIR_LIMBAH_DOMESTIK):
            continue
        found.setdefault(target.measure, target)
    return found


@rule(
    "STR005",
    severity=Severity.WARNING,
    title=N_("rule.STR005.title"),
    explanation=N_("rule.STR005.explanation"),
    tags=["strategy", "targets"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.PERPRES_18_2020],
)
def below_national_targets(context: Context) -> Iterator[Finding]:
    ssk = context.require_ssk()
    measured = [t for t in ssk.targets if t.measure is not None]
    if not measured:
        context.skip(N_("skip.no-access-targets"))
    target_year = max(t.year for t in measured)
    national = context.settings.targets.in_force(target_year)
    if not national:
        context.skip(N_("skip.no-national-targets"), year=target_year)
    stated = _access_targets(ssk.targets, target_year)
    for goal in national:
        own = stated.get(goal.measure)
        if own is None:
            yield context.finding(
                N_("finding.STR005.missing"),
                subject=_ssk_subject(context),
                locations=[ssk.source],
                evidence={"measure": goal.measure.value, "national": goal.value, "plan": goal.plan},
                measure=goal.measure.value,
                year=target_year,
                plan=goal.plan,
            )
        elif not goal.met_by(own.value):
            yield context.finding(
                N_("finding.STR005.min") if goal.bound == "min" else N_("finding.STR005.max"),
                subject=_ssk_subject(context),
                locations=[cell(own, "value")],
                evidence={
                    "measure": goal.measure.value,
                    "expected": goal.value,
                    "actual": own.value,
                    "plan": goal.plan,
                    "year": goal.year,
                },
                measure=goal.measure.value,
                year=target_year,
                value=own.value,
                national=goal.value,
                plan=goal.plan,
            )


@rule(
    "STR006",
    severity=Severity.ERROR,
    title=N_("rule.STR006.title"),
    explanation=N_("rule.STR006.explanation"),
    tags=["strategy", "access"],
    requires=[DocumentKind.BPS],
    legal_basis=[legal.PERMENKES_3_2014],
)
def access_profile_total(context: Context) -> Iterator[Finding]:
    tolerance = context.settings.access_tolerance
    for bps in context.bundle.bps:
        for profile in bps.access_profiles:
            given = [level for level in AccessLevel if profile.share(level) is not None]
            if not given:
                continue
            total = profile.total
            if abs(total - Decimal(100)) > tolerance:
                yield context.finding(
                    N_("finding.STR006"),
                    subject=Subject(
                        DocumentKind.BPS, f"{profile.year} {profile.area or ''}".strip()
                    ),
                    locations=[profile.source],
                    evidence={
                        "expected": Decimal(100),
                        "actual": total,
                        "shares": {lv.value: profile.share(lv) for lv in given},
                    },
                    year=profile.year,
                    area=profile.area or str(context.bundle.region),
                    total=total,
                )


RULES = (
    policy_direction_empty,
    core_subsector_empty,
    no_agency,
    agency_outside_group,
    below_national_targets,
    access_profile_total,
)
