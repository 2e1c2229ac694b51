"""The rules engine: the :class:`Context` a check sees and :func:`run`, which runs rules and ends
every one in an explicit status; :func:`rule` makes a rule of a function.

The result model is ``ppsp.rules.model``, the knobs ``ppsp.rules.settings``, the report
``ppsp.rules.report``; their names are importable from here too, as before.

A :class:`Rule` is a small object with a stable id, a version, its title and explanation (as
message keys rendered in Indonesian or English), a default severity, tags, the document kinds it
needs, its legal basis and the years it is valid for, and a pure ``check`` that yields
:class:`Finding` objects for one :class:`Context` (a bundle and an audited year).

:func:`run` runs a selection of rules and always ends every rule in an explicit status: a rule
that finds nothing ``passed``; one that finds something has ``issues``; one that cannot apply is
``skipped`` with its reason; one that crashes is ``errored`` with the exception's summary while
the others still run.

>>> from ppsp.domain import RegionBundle, RegionCode
>>> from ppsp.rules import check
>>> report = check(RegionBundle(region=RegionCode.parse("62.10")), year=2025, select=["DOC001"])
>>> [(r.rule, r.status.value) for r in report.results]
[('DOC001', 'issues')]
>>> print(report.findings[0].message("en"))
The bundle has no Strategi Sanitasi (SSK).
>>> report.exit_code
1
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import attrs
import pendulum

from ppsp.domain.bundle import RegionBundle
from ppsp.domain.diagnostics import Severity as Severity
from ppsp.domain.documents import DocumentKind, StrategiSanitasi
from ppsp.domain.location import SourceLocation
from ppsp.domain.region import Region, default_register
from ppsp.errors import PpspError
from ppsp.i18n import N_

if TYPE_CHECKING:
    from ppsp.rules.linking import Linkage

from ppsp.rules.model import (
    Citation,
    Finding,
    Rule,
    RuleResult,
    RuleStatus,
    Skip,
    Subject,
    _tags,
)
from ppsp.rules.report import RENDERER_GROUP as RENDERER_GROUP
from ppsp.rules.report import REPORT_SCHEMA_VERSION as REPORT_SCHEMA_VERSION
from ppsp.rules.report import InputFile, Provenance, Report
from ppsp.rules.report import renderer as renderer
from ppsp.rules.settings import READINESS_SOURCES as READINESS_SOURCES
from ppsp.rules.settings import Settings

__all__ = [
    "Citation",
    "Context",
    "Finding",
    "InputFile",
    "Provenance",
    "Report",
    "Rule",
    "RuleResult",
    "RuleStatus",
    "Settings",
    "Skip",
    "Subject",
    "activity_subject",
    "cell",
    "rule",
    "run",
]


_T = TypeVar("_T")


@attrs.define(slots=False)
class Context:
    """What a check sees: the bundle, the audited year, the settings and the shared links."""

    bundle: RegionBundle
    year: int
    settings: Settings
    rule: Rule | None = None

    @cached_property
    def region(self) -> Region | None:
        """The bundle's region in the register (``None`` when the code is unknown)."""
        return default_register().get_region(self.bundle.region)

    @cached_property
    def today(self) -> pendulum.Date:
        """Today on the region's clock (WIB/WITA/WIT), unless the settings fix a date."""
        if self.settings.today is not None:
            return self.settings.today
        region = self.region
        if region is None:
            # a code the register does not know (a split, a typo): its province's clock
            region = default_register().get_region(self.bundle.region.province)
        zone = region.iana_zone if region else "Asia/Jakarta"
        return pendulum.now(zone).date()

    @cached_property
    def ssk(self) -> StrategiSanitasi | None:
        """The SSK in force in the audited year."""
        return self.bundle.ssk_for(self.year)

    @cached_property
    def links(self) -> Linkage:
        """Where each activity of the SSK went (computed once, shared by the rules)."""
        from ppsp.rules.linking import link

        return link(self.bundle, self.year, self.settings)

    def memo(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """A value computed once per check and shared by the rules (``key`` names it)."""
        cache: dict[Hashable, Any] = self.__dict__.setdefault("_memo", {})
        if key not in cache:
            cache[key] = compute()
        value: _T = cache[key]
        return value

    def require_ssk(self) -> StrategiSanitasi:
        """The SSK in force, or skip the rule."""
        if self.ssk is None:
            self.skip(N_("skip.no-ssk-for-year"), year=self.year)
        return self.ssk

    def finding(
        self,
        key: str,
        *,
        subject: Subject | None = None,
        locations: Iterable[SourceLocation | None] = (),
        evidence: Mapping[str, Any] | None = None,
        severity: Severity | None = None,
        **params: Any,
    ) -> Finding:
        """A finding of the running rule (its default severity unless ``severity`` is given)."""
        assert self.rule is not None, "finding() is called from inside a rule's check"
        return Finding(
            rule=self.rule.id,
            severity=severity or self.rule.severity,
            key=key,
            params=params,
            subject=subject,
            locations=tuple(loc for loc in locations if loc is not None),
            evidence=evidence or {},
        )

    @staticmethod
    def skip(key: str, /, **params: Any) -> NoReturn:
        """Stop the rule as ``skipped`` with this reason."""
        raise Skip(key, **params)


#: A rule's check: a function of the :class:`Context` that yields findings.
CheckFunction = Callable[[Context], Iterable[Finding]]


def _generated_at(pinned: str | None) -> str:
    """The report's moment of making: ``pinned``, else ``SOURCE_DATE_EPOCH``, else now (UTC)."""
    import os

    if pinned is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if not epoch:
            return str(pendulum.now("UTC").to_iso8601_string())
        if not epoch.isdigit() or len(epoch) > 12:
            raise PpspError(N_("rules.bad-generated-at"), value=epoch[:40])
        return str(pendulum.from_timestamp(int(epoch), tz="UTC").to_iso8601_string())
    try:
        moment = pendulum.parse(pinned, strict=False)
    except (ValueError, TypeError, OverflowError):
        raise PpspError(N_("rules.bad-generated-at"), value=pinned[:40]) from None
    if not isinstance(moment, pendulum.DateTime):
        raise PpspError(N_("rules.bad-generated-at"), value=pinned[:40])
    return str(moment.in_timezone("UTC").to_iso8601_string())


def _summary(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


def _about(rule: Rule) -> dict[str, Any]:
    return {
        "rule": rule.id,
        "version": rule.version,
        "title": rule.title,
        "explanation": rule.explanation,
        "severity": rule.severity,
        "legal_basis": rule.legal_basis,
    }


def _missing_kinds(rule: Rule, bundle: RegionBundle) -> list[DocumentKind]:
    present = bundle.kinds()
    return [kind for kind in rule.requires if kind not in present]


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    seen: set[tuple[Any, ...]] = set()
    kept: list[Finding] = []
    for finding in findings:
        ident = (finding.rule, finding.key, finding.subject, finding.locations)
        if ident in seen:
            continue
        seen.add(ident)
        kept.append(finding)
    return kept


def run(
    bundle: RegionBundle,
    year: int,
    rules: Sequence[Rule],
    settings: Settings | None = None,
    imported: Iterable[Finding] = (),
    inputs: Iterable[InputFile] = (),
) -> Report:
    """Run ``rules`` on ``bundle`` for ``year``; every rule ends in an explicit status.

    ``imported`` are findings an importer made while reading the source files (a subtotal row
    that disagrees with its rows is FIN005); they join the findings of their rule when that rule
    is selected.
    """
    # Long: the rule loop with its skip, error and de-duplication cases in the order a rule meets
    # them; each case is a few lines.
    settings = settings or Settings()
    # rules walk lines many times over: lines made on reading are made once, here
    bundle = bundle.materialised()
    context = Context(bundle, year, settings)
    by_rule: dict[str, list[Finding]] = {}
    for finding in imported:
        by_rule.setdefault(finding.rule, []).append(finding)
    findings: list[Finding] = []
    results: list[RuleResult] = []
    for rule in rules:
        context.rule = rule
        override = settings.severity.get(rule.id)
        try:
            if not rule.applies_to(year):
                raise Skip(
                    N_("skip.not-valid-in-year"),
                    year=year,
                    valid_from=rule.valid_from or "",
                    valid_to=rule.valid_to or "",
                )
            missing = _missing_kinds(rule, bundle)
            if missing:
                raise Skip(N_("skip.missing-documents"), kinds=missing)
            found = list(rule.check(context))
            seen = {f.locations for f in found}
            found.extend(f for f in by_rule.get(rule.id, ()) if f.locations not in seen)
        except Skip as skip:
            results.append(
                RuleResult(
                    **_about(rule),
                    status=RuleStatus.SKIPPED,
                    reason=skip.key,
                    reason_params=skip.params,
                )
            )
            continue
        except Exception as exc:
            results.append(
                RuleResult(
                    **_about(rule),
                    status=RuleStatus.ERRORED,
                    error=_summary(exc),
                )
            )
            continue
        found = _dedupe(found)
        if override is not None:
            found = [attrs.evolve(f, severity=override) for f in found]
        findings.extend(found)
        results.append(
            RuleResult(
                **_about(rule),
                status=RuleStatus.ISSUES if found else RuleStatus.PASSED,
                findings=len(found),
            )
        )
    context.rule = None
    region = context.region
    provenance = Provenance(
        generated_at=_generated_at(settings.generated_at),
        today=context.today.isoformat(),
        rules={rule.id: rule.version for rule in rules},
        code_lists=tuple(f"{cl.name} ({cl.decree})" for cl in settings.code_lists),
        inputs=tuple(inputs),
        settings={
            "tolerance": str(settings.tolerance),
            "access_tolerance": str(settings.access_tolerance),
            "link_threshold": f"{settings.link_options().thresholds[0] * 100:.10g}",
            "targets": settings.targets.describe(),
        },
    )
    return Report(
        region=bundle.region,
        region_name=region.name if region else None,
        year=year,
        findings=tuple(findings),
        results=tuple(results),
        provenance=provenance,
        import_findings=bundle.import_findings,
        links=context.__dict__.get("links"),
        bundle=bundle,
        settings=settings,
    )


def rule(
    id: str,
    *,
    severity: Severity,
    title: str,
    explanation: str,
    version: str = "1",
    tags: Iterable[str] = (),
    requires: Iterable[DocumentKind] = (),
    legal_basis: Iterable[Citation] = (),
    valid_from: int | None = None,
    valid_to: int | None = None,
) -> Callable[[CheckFunction], Rule]:
    """Make a :class:`Rule` of a check function (the catalogue's modules use this).

    >>> from ppsp.i18n import N_
    >>> @rule("XMP001", severity=Severity.INFO, title=N_("third.title"),
    ...       explanation=N_("third.explanation"), tags=["example"])
    ... def always_quiet(context):
    ...     return []
    >>> always_quiet.id, always_quiet.severity.value, sorted(always_quiet.tags)
    ('XMP001', 'info', ['example'])
    """

    def make(check: CheckFunction) -> Rule:
        return Rule(
            id=id,
            version=version,
            title=title,
            explanation=explanation,
            severity=severity,
            check=check,
            tags=_tags(tags),
            requires=tuple(requires),
            legal_basis=tuple(legal_basis),
            valid_from=valid_from,
            valid_to=valid_to,
        )

    return make


def cell(line: Any, *fields: str) -> SourceLocation | None:
    """The location of the first of ``fields`` the line has a cell for, else of its row."""
    cells: Mapping[str, SourceLocation] = getattr(line, "cells", None) or {}
    for name in fields:
        where = cells.get(name)
        if where is not None:
            return where
    source: SourceLocation | None = getattr(line, "source", None)
    return source


def activity_subject(index: int, activity: Any) -> Subject:
    """The subject of a finding about an SSK activity: its number (or position) and name."""
    return Subject(DocumentKind.SSK, activity.number or f"#{index + 1}", activity.name)
