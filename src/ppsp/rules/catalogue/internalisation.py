"""INT rules: did each SSK activity reach the RPJMD, the Renstra-PD of its agency, the RKPD,
the Renja-PD and the DPA of the audited year, with enough money, by code?

All of them read the linker's answer (:mod:`ppsp.rules.linking`), computed once per check.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ppsp.domain.documents import DocumentKind, SSKActivity
from ppsp.domain.funding import FundingSource
from ppsp.domain.location import SourceLocation
from ppsp.domain.money import Rupiah
from ppsp.domain.nomenclature import GovernmentLevel, NomenclatureCode
from ppsp.domain.region import RegionCode, RegionKind
from ppsp.errors import InvalidValue
from ppsp.i18n import N_
from ppsp.rules.catalogue import legal
from ppsp.rules.engine import Context, Finding, Severity, activity_subject, cell, rule
from ppsp.rules.linking import Candidate, Linkage, Trace, TraceStatus
from ppsp.rules.linking.compare import CONFIDENT_INFERENCE

__all__ = ["RULES"]

_FIVE_YEAR = (DocumentKind.RPJMD, DocumentKind.RENSTRA_PD)


def apbd_funded(
    activity: SSKActivity,
    year: int | None = None,
    sources: frozenset[FundingSource] | None = None,
) -> bool:
    """Whether the region's budget pays a part of the activity (in ``year``, or in any year):
    its APBD or the DAK transferred into it (``sources``, :data:`_IN_REGIONAL_BUDGET` by
    default), so that the activity belongs in its RKPD, Renja-PD and DPA."""
    return activity.funded_by_regional_budget(
        year, _IN_REGIONAL_BUDGET if sources is None else sources
    )


def budget_sources(region: RegionCode | None = None) -> frozenset[FundingSource]:
    """The sources of the audited region's own budget documents (a province's APBD too)."""
    if region is not None and region.kind is RegionKind.PROVINSI:
        return _IN_REGIONAL_BUDGET | {FundingSource.APBD_PROVINSI}
    return _IN_REGIONAL_BUDGET


def paid_by_budget(
    activity: SSKActivity, kind: DocumentKind, year: int, region: RegionCode | None = None
) -> bool:
    """Whether the region's budget pays ``activity`` as the INT rules ask for ``kind``: in
    ``year`` for the annual plans, in any year for the five-year ones. An activity to review
    that it does not pay has no INT007 finding (the reports say how many)."""
    return apbd_funded(activity, None if kind in _FIVE_YEAR else year, budget_sources(region))


def _budget_sources(context: Context) -> frozenset[FundingSource]:
    return budget_sources(context.bundle.region)


def _relevant(
    context: Context, kind: DocumentKind, *, to_review: bool = False
) -> Iterator[tuple[int, SSKActivity]]:
    """The activities the region's budget pays (each with its number), in the SSK's order;
    with ``to_review``, only those whose trace in ``kind`` needs review. The links are made
    when the first activity paid by the budget asks for them, as before; from then on the
    trace is asked first, since it costs less than the budget's share."""
    ssk = context.require_ssk()
    year = None if kind in _FIVE_YEAR else context.year
    sources = _budget_sources(context)
    links: Linkage | None = None
    for i, activity in enumerate(ssk.activities):
        if links is not None and not _to_review(links, i, kind):
            continue
        if context.memo(("apbd", i, year), functools.partial(apbd_funded, activity, year, sources)):
            if to_review and links is None:
                links = context.links
                if not _to_review(links, i, kind):
                    continue
            yield i, activity


def _to_review(links: Linkage, i: int, kind: DocumentKind) -> bool:
    trace = links.get(i, kind)
    return trace is not None and trace.needs_review


def _candidates(trace: Trace | None) -> list[dict[str, Any]]:
    if trace is None:
        return []
    return [_candidate(c) for c in trace.candidates]


def _candidate(candidate: Candidate) -> dict[str, Any]:
    target = candidate.target
    return {
        "line": target.label(),
        "score": candidate.score,
        "agency": str(target.agency) if target.agency else None,
        "location": target.line.source,
        "weights": [e.to_dict() for e in candidate.evidence],
        "elsewhere": candidate.elsewhere,
    }


def _nearest(trace: Trace) -> object:
    """The nearest candidate for a message; the activity's own line at another place says so."""
    if not trace.candidates:
        return _Basis(N_("trace.nearest-none"), {})
    first = trace.candidates[0]
    if first.elsewhere:
        return _Basis(
            N_("trace.nearest-elsewhere"),
            {"line": first.label, "place": first.target.location or "-"},
        )
    tied = sum(1 for c in trace.candidates[1:] if c.score == first.score)
    if tied:
        # no line is nearer than the others: the message must not single one out
        return _Basis(
            N_("trace.nearest-tied"), {"line": first.label, "more": tied, "score": first.score}
        )
    return first.label


def _linked_locations(trace: Trace) -> list[SourceLocation | None]:
    return [link.target.line.source for link in trace.links]


def _code_shown(activity: SSKActivity, trace: Trace) -> object:
    """The activity's code for a message: its own, else the code inferred for it, said so."""
    if activity.code is not None:
        return str(activity.code)
    if trace.inferred and trace.inferred[0].score >= CONFIDENT_INFERENCE:
        # the code ppsp import --infer-codes would write in
        return _Basis(N_("trace.inferred-code"), {"code": str(trace.inferred[0].code)})
    return _Basis(N_("trace.no-code"), {})


def _missing(
    context: Context, kind: DocumentKind, key: str, **extra: Any
) -> Iterator[tuple[int, SSKActivity, Trace, Finding | None]]:
    """Each relevant activity with its trace, and a finding when the trace has no link."""
    links = context.links
    for i, activity in _relevant(context, kind):
        trace = links.get(i, kind)
        if trace is None or trace.status is TraceStatus.NO_DOCUMENT:
            continue
        finding = None
        if not trace.links:
            candidates = _candidates(trace)
            finding = context.finding(
                key,
                subject=activity_subject(i, activity),
                locations=[cell(activity, "name")],
                evidence={
                    "expected": str(activity.code) if activity.code else activity.name,
                    "candidates": candidates,
                },
                activity=activity.name,
                code=_code_shown(activity, trace),
                nearest=_nearest(trace),
                year=context.year,
                sources=_paid_from(activity, context),
                **extra,
            )
        yield i, activity, trace, finding


def _paid_from(activity: SSKActivity, context: Context) -> tuple[FundingSource, ...]:
    """The sources of the region's budget the SSK names for the activity in the year (DAK is
    spent through the APBD: domain.md 4.4), in the order the matrix gives them."""
    budget = _budget_sources(context)
    found: list[FundingSource] = []
    for funding in activity.funding:
        in_year = funding.year in (None, context.year)
        if funding.source in budget and in_year and funding.source not in found:
            found.append(funding.source)
    return tuple(found) or (FundingSource.APBD_KABKOTA,)


@rule(
    "INT001",
    severity=Severity.ERROR,
    title=N_("rule.INT001.title"),
    explanation=N_("rule.INT001.explanation"),
    tags=["internalisation", "rpjmd"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.PERMENDAGRI_86_2017, legal.SE_MENDAGRI_660_4919],
)
def not_in_rpjmd(context: Context) -> Iterator[Finding]:
    if context.bundle.rpjmd_for(context.year) is None:
        context.skip(N_("skip.no-rpjmd"), year=context.year)
    for _i, _activity, _trace, finding in _missing(
        context, DocumentKind.RPJMD, N_("finding.INT001")
    ):
        if finding is not None:
            yield finding


@rule(
    "INT002",
    severity=Severity.ERROR,
    title=N_("rule.INT002.title"),
    explanation=N_("rule.INT002.explanation"),
    tags=["internalisation", "renstra"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.PERMENDAGRI_86_2017, legal.SE_MENDAGRI_660_4919],
)
def not_in_renstra(context: Context) -> Iterator[Finding]:
    bundle, year = context.bundle, context.year
    if not any(year in r.period for r in bundle.renstra):
        context.skip(N_("skip.no-renstra"), year=year)
    for _i, activity, trace, finding in _missing(
        context, DocumentKind.RENSTRA_PD, N_("finding.INT002")
    ):
        if activity.agency is None:
            continue  # without an agency there is no Renstra-PD to look in (STR003)
        if not any(bundle.renstra_for(a, year) for a in activity.agency.named()):
            continue  # DOC006 reports the agency's missing Renstra-PD
        if finding is not None:
            yield finding
        elif trace.other_agency:
            yield _elsewhere(context, _i, activity, trace)


def _elsewhere(context: Context, i: int, activity: SSKActivity, trace: Trace) -> Finding:
    agencies = sorted({str(ln.target.agency) for ln in trace.links if ln.target.agency})
    return context.finding(
        N_("finding.other-agency"),
        subject=activity_subject(i, activity),
        locations=[cell(activity, "agency", "name"), *_linked_locations(trace)],
        evidence={"expected": str(activity.agency), "actual": agencies},
        severity=Severity.WARNING,
        activity=activity.name,
        kind=trace.kind,
        agency=activity.agency,
        found=agencies,
    )


@rule(
    "INT003",
    severity=Severity.ERROR,
    title=N_("rule.INT003.title"),
    explanation=N_("rule.INT003.explanation"),
    tags=["internalisation", "rkpd"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.PERMENDAGRI_86_2017, legal.SE_MENDAGRI_660_4919],
)
def not_in_rkpd(context: Context) -> Iterator[Finding]:
    if context.bundle.rkpd_for(context.year) is None:
        context.skip(N_("skip.no-rkpd"), year=context.year)
    for _i, _activity, _trace, finding in _missing(
        context, DocumentKind.RKPD, N_("finding.INT003")
    ):
        if finding is not None:
            yield finding


@rule(
    "INT004",
    severity=Severity.ERROR,
    title=N_("rule.INT004.title"),
    explanation=N_("rule.INT004.explanation"),
    tags=["internalisation", "renja"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.PERMENDAGRI_86_2017, legal.SE_MENDAGRI_660_4919],
)
def not_in_renja(context: Context) -> Iterator[Finding]:
    bundle, year = context.bundle, context.year
    if not bundle.renja_for(year):
        context.skip(N_("skip.no-renja"), year=year)
    for i, activity, trace, finding in _missing(
        context, DocumentKind.RENJA_PD, N_("finding.INT004")
    ):
        if activity.agency is None:
            continue  # without an agency there is no Renja-PD to look in (STR003)
        if not any(bundle.renja_for(year, a) for a in activity.agency.named()):
            if trace.links:
                yield _elsewhere(context, i, activity, trace)
            continue  # without a link, DOC006 reports the agency's missing Renja-PD
        if finding is not None:
            yield finding
        elif trace.other_agency:
            yield _elsewhere(context, i, activity, trace)


@rule(
    "INT005",
    severity=Severity.ERROR,
    title=N_("rule.INT005.title"),
    explanation=N_("rule.INT005.explanation"),
    tags=["internalisation", "dpa", "budget"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.PP_12_2019, legal.PERMENDAGRI_77_2020],
)
def not_in_dpa(context: Context) -> Iterator[Finding]:
    year = context.year
    if not context.bundle.dpa_for(year):
        context.skip(N_("skip.no-dpa"), year=year)
    for i, activity, trace, finding in _missing(context, DocumentKind.DPA, N_("finding.INT005")):
        if activity.agency is not None and not any(
            context.bundle.dpa_for(year, a) for a in activity.agency.named()
        ):
            continue  # the DPA of every agency the cell names is absent: DOC006 reports it
        if finding is not None:
            yield finding
            continue
        pagu = trace.pagu(year)
        if pagu is None or pagu.is_zero():
            yield context.finding(
                N_("finding.INT005.zero"),
                subject=activity_subject(i, activity),
                locations=[cell(activity, "name"), *_linked_locations(trace)],
                evidence={"expected": activity.regional_budget_cost(year), "actual": pagu},
                activity=activity.name,
                year=year,
            )


def _groups(traces: list[Trace]) -> list[list[Trace]]:
    """Traces that share a line are compared together (two activities under one sub kegiatan)."""
    parent = list(range(len(traces)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[int, int] = {}
    for i, trace in enumerate(traces):
        for ln in trace.links:
            key = id(ln.target.line)
            if key in owner:
                parent[find(i)] = find(owner[key])
            else:
                owner[key] = i
    grouped: dict[int, list[Trace]] = {}
    for i, trace in enumerate(traces):
        grouped.setdefault(find(i), []).append(trace)
    return list(grouped.values())


#: The sources whose money a region's own RKPD, Renja-PD and DPA hold: its APBD and the DAK
#: transferred into it (domain brief 4.4: DAK is a sumber dana of the APBD, "Dana Transfer
#: Khusus"). APBN, provincial, village, private and community money is not in them.
_IN_REGIONAL_BUDGET = frozenset(
    {FundingSource.APBD_KABKOTA, FundingSource.DAK_FISIK, FundingSource.DAK_NON_FISIK}
)


_BASIS = {
    "year-split": N_("int006.basis.year-split"),
    "period-split": N_("int006.basis.period-split"),
    "year-cost": N_("int006.basis.year-cost"),
    "none": N_("int006.basis.none"),
}


def budget_cost(
    activity: SSKActivity, year: int, sources: frozenset[FundingSource]
) -> tuple[Rupiah, str, dict[str, Any]]:
    """What the SSK asks the region's budget documents to hold for ``activity`` in ``year``
    (its APBD and DAK share), how that was worked out (a message key), and the numbers."""
    share = activity.cost_share(year, sources)
    params: dict[str, Any] = {"year": year}
    if share.basis == "year-split":
        params["sources"] = [s.value for s in share.sources]
    elif share.basis == "period-split" and share.share is not None:
        params |= {
            "year_cost": share.year_cost,
            "share_percent": (share.share * 100).quantize(Decimal("0.1")),
            "split_total": share.split_total,
            "split_budget": share.split_share,
        }
    return share.amount, _BASIS[share.basis], params


@rule(
    "INT006",
    severity=Severity.WARNING,
    title=N_("rule.INT006.title"),
    explanation=N_("rule.INT006.explanation"),
    tags=["internalisation", "budget"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.PERMENDAGRI_86_2017, legal.PP_12_2019],
)
def budget_shortfall(context: Context) -> Iterator[Finding]:
    year, tolerance = context.year, context.settings.tolerance
    ssk = context.require_ssk()
    sources = _budget_sources(context)
    kinds = [
        k
        for k, present in (
            (DocumentKind.RKPD, context.bundle.rkpd_for(year) is not None),
            (DocumentKind.RENJA_PD, bool(context.bundle.renja_for(year))),
            (DocumentKind.DPA, bool(context.bundle.dpa_for(year))),
        )
        if present
    ]
    if not kinds:
        context.skip(N_("skip.no-annual-documents"), year=year)
    asked = {i: budget_cost(a, year, frozenset(sources)) for i, a in enumerate(ssk.activities)}
    for kind in kinds:
        traces = [
            t
            for i, _a in enumerate(ssk.activities)
            if not asked[i][0].is_zero()
            and (t := context.links.get(i, kind)) is not None
            and t.status is TraceStatus.LINKED
        ]
        for group in _groups(traces):
            cost = sum((asked[t.index][0] for t in group), Rupiah.zero())
            lines = {id(ln.target.line): ln.target for t in group for ln in t.links}
            amounts = [a for a in (tg.pagu(year) for tg in lines.values()) if a is not None]
            pagu = sum(amounts, Rupiah.zero())
            if cost.is_zero() or pagu.is_zero() or pagu.amount >= cost.amount * (1 - tolerance):
                continue
            shortfall = (cost.amount - pagu.amount) / cost.amount * 100
            first = group[0]
            basis_key, basis = asked[first.index][1], asked[first.index][2]
            yield context.finding(
                N_("finding.INT006"),
                subject=activity_subject(first.index, first.activity),
                locations=[
                    *(cell(t.activity, f"costs.{year}", "name") for t in group),
                    *(cell(tg.line, "pagu") for tg in lines.values()),
                ],
                evidence={
                    "expected": cost,
                    "actual": pagu,
                    "shortfall_percent": shortfall.quantize(Decimal("0.1")),
                    "tolerance_percent": tolerance * 100,
                    "activities": [t.activity.name for t in group],
                    "lines": [tg.label() for tg in lines.values()],
                    "basis": basis_key,
                    **basis,
                },
                activity=" / ".join(t.activity.name for t in group),
                kind=kind,
                year=year,
                cost=cost,
                pagu=pagu,
                shortfall=shortfall.quantize(Decimal("0.1")),
                tolerance=(tolerance * 100).normalize(),
                basis=render_basis(basis_key, basis),
            )


def render_basis(key: str, params: dict[str, Any]) -> Any:
    """The basis of INT006's cost, rendered in the report's language when it is read."""
    return _Basis(key, params)


#: What speaks against a link, as a planner says it (feature, level -> message); evidence of
#: another kind is said as the linker names it, without its weight.
_AGAINST: dict[tuple[str, str], str] = {
    ("name", "n0"): N_("int007.against.name"),
    ("concept", "disjoint"): N_("int007.against.concept"),
    ("concept", "other-kind"): N_("int007.against.concept-place"),
    ("action", "conflicts"): N_("int007.against.action"),
    ("subsector", "differs"): N_("int007.against.subsector"),
    ("code", "program"): N_("int007.against.code-program"),
    ("code", "differs"): N_("int007.against.code"),
    ("location", "conflicts"): N_("int007.against.location"),
    ("amount", "far"): N_("int007.against.amount"),
    ("unit", "differs"): N_("int007.against.unit"),
    ("agency", "different"): N_("int007.against.agency"),
}


#: The same, saying what was compared where the activity and the line state it.
_AGAINST_STATED: dict[tuple[str, str], str] = {
    ("amount", "far"): N_("int007.against.amount-stated"),
    ("unit", "differs"): N_("int007.against.unit-stated"),
}


class _Against:
    """The evidence against a link in a planner's words, in the language of the message:
    ``the amounts are far apart (...); ...`` rather than ``amount far apart (-0.5)``."""

    def __init__(self, evidence: list[Any], trace: Trace, year: int) -> None:
        self.evidence = evidence
        self.said = {  # what was compared, where the activity and the line state it
            "unit": _units(trace),
            "amount": _amounts(trace, year),
        }

    def __ppsp_format__(self, lang: str) -> str:
        from ppsp.i18n import render

        parts = []
        for e in self.evidence:
            key = _AGAINST.get((e.feature, e.level))
            stated = self.said.get(e.feature)
            if stated is not None and (e.feature, e.level) in _AGAINST_STATED:
                parts.append(render(_AGAINST_STATED[(e.feature, e.level)], stated, lang))
            elif key is not None:
                parts.append(render(key, None, lang))
            else:
                step = {"feature": e.feature, "level": e.level}
                parts.append(render(N_("evidence.step"), step, lang))
        return "; ".join(dict.fromkeys(parts))

    def __str__(self) -> str:
        return self.__ppsp_format__("en")


def _units(trace: Trace) -> dict[str, Any] | None:
    """The units of the activity's volume and of the line's target, when both are stated
    (``int007.against.unit-stated``)."""
    from ppsp.rules.linking.compare import unit_of

    line = trace.links[0].target.line
    mine = (trace.activity.unit or "").strip()
    theirs = unit_of(getattr(line, "unit", None), getattr(line, "target", None))
    return {"mine": mine, "theirs": theirs} if mine and theirs else None


def _amounts(trace: Trace, year: int) -> dict[str, Any] | None:
    """The activity's cost in the year and the line's pagu, when both are stated
    (``int007.against.amount-stated``)."""
    activity = trace.activity
    cost = activity.regional_budget_cost(year) or activity.cost_in(year)  # as the linker
    pagu = trace.links[0].target.pagu(year)
    return {"cost": cost, "pagu": pagu} if cost is not None and pagu is not None else None


class _Basis:
    """A message inside a message: rendered in the language of the outer one."""

    def __init__(self, key: str, params: dict[str, Any]) -> None:
        self.key, self.params = key, params

    def __ppsp_format__(self, lang: str) -> str:
        from ppsp.i18n import render

        return render(self.key, self.params, lang)

    def __str__(self) -> str:
        return self.__ppsp_format__("en")

    def __repr__(self) -> str:
        return f"_Basis({self.key!r})"


@rule(
    "INT007",
    severity=Severity.INFO,
    title=N_("rule.INT007.title"),
    explanation=N_("rule.INT007.explanation"),
    tags=["internalisation", "review"],
    requires=[DocumentKind.SSK],
)
def linked_by_name(context: Context) -> Iterator[Finding]:
    context.require_ssk()
    for kind in (
        DocumentKind.RPJMD,
        DocumentKind.RENSTRA_PD,
        DocumentKind.RKPD,
        DocumentKind.RENJA_PD,
        DocumentKind.DPA,
    ):
        for i, activity in _relevant(context, kind, to_review=True):
            trace = context.links.get(i, kind)
            assert trace is not None
            best = trace.links[0]
            against = [e for e in best.evidence if e.weight < 0]
            yield context.finding(
                N_("finding.INT007"),
                subject=activity_subject(i, activity),
                locations=[cell(activity, "name"), best.target.line.source],
                evidence={
                    "method": best.method.value,
                    "score": best.score,
                    "linked": best.target.label(),
                    "weights": [e.to_dict() for e in best.evidence],
                    "candidates": _candidates(trace),
                },
                activity=activity.name,
                kind=kind,
                line=best.target.label(),
                score=best.score,
                why=_why_review(context, trace, against),
            )


def _why_review(context: Context, trace: Trace, against: list[Any]) -> Any:
    """Why a link is to review: the evidence that weighs against it, or else the next line of
    another code that comes near it, or else the score below what a link needs."""
    if against:
        return render_basis(
            N_("int007.why.against"), {"evidence": _Against(against, trace, context.year)}
        )
    best = trace.links[0]
    options = context.settings.link_options()
    runner = next(
        (c for c in trace.candidates if c.target.code != best.target.code and c.score > 0), None
    )
    lead = best.weight - sum(e.weight for e in runner.evidence) if runner else None
    if runner is not None and lead is not None and lead < options.weights.margin:
        return render_basis(
            N_("int007.why.runner-up"), {"line": runner.label, "score": runner.score}
        )
    link, _review = options.thresholds
    return render_basis(N_("int007.why.below"), {"needed": round(link * 100, 1)})


_CODE_HEADER = ("kode", "code")


def _raw_codes(activity: SSKActivity) -> list[tuple[str, str]]:
    """Cells kept raw under a code-like header because they did not read as a code."""
    found = []
    for header, value in activity.extras.items():
        words = str(header).strip().lower().split()
        if words and words[0] in _CODE_HEADER and isinstance(value, str | int | float):
            found.append((str(header), str(value)))
    return found


@rule(
    "INT008",
    severity=Severity.WARNING,
    title=N_("rule.INT008.title"),
    explanation=N_("rule.INT008.explanation"),
    tags=["internalisation", "nomenclature"],
    requires=[DocumentKind.SSK],
    legal_basis=[legal.PERMENDAGRI_90_2019],
)
def code_not_valid(context: Context) -> Iterator[Finding]:
    ssk = context.require_ssk()
    year, lists = context.year, context.settings.code_lists
    try:
        in_force = lists.for_year(year)
    except InvalidValue:
        context.skip(N_("skip.no-code-list"), year=year)
    programs = {e.code.program for e in in_force if e.code.program is not None}
    kabkota = context.bundle.region.kind is not RegionKind.PROVINSI
    for i, activity in enumerate(ssk.activities):
        subject = activity_subject(i, activity)
        where = cell(activity, "code", "name")
        for header, raw in _raw_codes(activity):
            yield context.finding(
                N_("finding.INT008.malformed"),
                subject=subject,
                locations=[where],
                evidence={"actual": raw, "header": header},
                value=raw,
            )
        code = activity.code
        if code is None:
            continue
        level = code.government_level
        if kabkota and level is GovernmentLevel.PROVINSI:
            yield context.finding(
                N_("finding.INT008.level"),
                subject=subject,
                locations=[where],
                evidence={"actual": str(code), "level": level.value},
                code=code,
            )
            continue
        renumbered = lists.renumbered(code, year)
        if renumbered != code:
            yield context.finding(
                N_("finding.INT008.renumbered"),
                subject=subject,
                locations=[where],
                evidence={"actual": str(code), "expected": str(renumbered), "list": in_force.name},
                code=code,
                new=renumbered,
                year=year,
            )
        elif code not in in_force and _covered(code, programs):
            older = [cl.name for cl in lists if code in cl and cl is not in_force]
            yield context.finding(
                N_("finding.INT008.retired") if older else N_("finding.INT008.unknown"),
                subject=subject,
                locations=[where],
                evidence={"actual": str(code), "list": in_force.name, "in": older},
                code=code,
                year=year,
                list=in_force.name,
            )


def _covered(code: NomenclatureCode, programs: set[NomenclatureCode]) -> bool:
    """Whether the code list in force lists the code's program (the shipped list is a subset:
    a code of a program it does not hold cannot be judged unknown)."""
    return code.program is not None and code.program in programs


RULES = (
    not_in_rpjmd,
    not_in_renstra,
    not_in_rkpd,
    not_in_renja,
    not_in_dpa,
    budget_shortfall,
    linked_by_name,
    code_not_valid,
)
