"""The rules engine: rules, findings, per-rule status, the report and its provenance.

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

import enum
import hashlib
import re
import traceback
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import attrs
import pendulum

from ppsp._version import __version__
from ppsp.domain.bundle import RegionBundle
from ppsp.domain.diagnostics import ImportFinding
from ppsp.domain.diagnostics import Severity as Severity
from ppsp.domain.documents import DocumentKind, StrategiSanitasi
from ppsp.domain.frozen import FrozenMap
from ppsp.domain.funding import FundingSource
from ppsp.domain.location import SourceLocation
from ppsp.domain.nomenclature import CodeLists, sanitation_code_lists
from ppsp.domain.region import Region, RegionCode, default_register
from ppsp.errors import PpspError
from ppsp.i18n import N_, render

if TYPE_CHECKING:
    from ppsp.rules.linking import Linkage, LinkOptions
    from ppsp.rules.targets import NationalTargets

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

#: The version of the report format (JSON keys and their meaning). Minor versions add
#: optional keys only (1.1: ``import_findings``).
REPORT_SCHEMA_VERSION = "1.1"


@attrs.frozen
class Citation:
    """A legal basis: the instrument and what in it the rule rests on.

    ``confirmed`` is false where the project's domain brief marks the fact as inferred; it is
    then shown with "[unconfirmed]".
    """

    instrument: str
    title: str
    confirmed: bool = True

    def describe(self, lang: str | None = None) -> str:
        """``Permendagri 86/2017 — Tata cara ...`` (with the unconfirmed mark when needed)."""
        text = f"{self.instrument} — {self.title}"
        if not self.confirmed:
            text += " " + render(N_("rules.unconfirmed"), None, lang)
        return text


@attrs.frozen
class Subject:
    """What a finding is about: a document kind (``None``: the bundle) and its natural key.

    ``key`` identifies the thing within the document (an SSK activity's number, a line's code,
    a milestone); ``label`` is its name as written.
    """

    kind: DocumentKind | None
    key: str
    label: str | None = None

    def describe(self, lang: str | None = None) -> str:
        """``SSK 12 'Pembangunan IPLT'``."""
        head = self.kind.label(lang) if self.kind else render(N_("rules.bundle"), None, lang)
        text = f"{head} {self.key}".strip()
        if self.label and self.label != self.key:
            text += f" '{self.label}'"
        return text


def _freeze(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return FrozenMap(value or {})


@attrs.frozen(kw_only=True)
class Finding:
    """One thing a rule found: rule id, severity, a message (key + parameters, rendered at
    output time), the subject, the source locations of every side and the evidence."""

    rule: str
    severity: Severity
    key: str
    params: Mapping[str, Any] = attrs.field(factory=dict, converter=_freeze, eq=False)
    subject: Subject | None = None
    locations: tuple[SourceLocation, ...] = ()
    evidence: Mapping[str, Any] = attrs.field(factory=dict, converter=_freeze, eq=False)

    def message(self, lang: str | None = None) -> str:
        """The message in ``lang``."""
        return render(self.key, self.params, lang)

    def where(self, lang: str | None = None) -> str:
        """The first location, described (``''`` when the finding has none)."""
        return self.locations[0].describe(lang) if self.locations else ""


class RuleStatus(enum.Enum):
    """How a rule's run ended."""

    PASSED = "passed"
    ISSUES = "issues"
    SKIPPED = "skipped"
    ERRORED = "errored"

    def label(self, lang: str | None = None) -> str:
        """The status in ``lang``."""
        return render(f"rule-status.{self.value}", None, lang)


_STATUS_KEYS = (
    N_("rule-status.passed"),
    N_("rule-status.issues"),
    N_("rule-status.skipped"),
    N_("rule-status.errored"),
)


class Skip(Exception):
    """Raised by a check (through :meth:`Context.skip`) when the rule cannot apply."""

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


_RULE_ID = re.compile(r"^[A-Z][A-Z0-9]{1,9}[0-9]{3}$")


def _check_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _RULE_ID.match(value):
        raise PpspError(N_("rules.bad-id"), value=value)


CheckFunction = Callable[["Context"], Iterable[Finding]]


def _tags(value: Iterable[str]) -> frozenset[str]:
    return frozenset(str(tag).lower() for tag in value)


@attrs.frozen(kw_only=True)
class Rule:
    """A rule of the catalogue (or a third party's).

    ``title`` and ``explanation`` are message keys; a rule from outside ``ppsp`` may ship its
    texts with :func:`ppsp.i18n.add_messages`.
    """

    id: str = attrs.field(validator=_check_id)
    version: str
    title: str
    explanation: str
    severity: Severity
    check: CheckFunction = attrs.field(eq=False, repr=False)
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_tags)
    requires: tuple[DocumentKind, ...] = ()
    legal_basis: tuple[Citation, ...] = ()
    valid_from: int | None = None
    valid_to: int | None = None

    def title_text(self, lang: str | None = None) -> str:
        """The title in ``lang``."""
        return render(self.title, None, lang)

    def explanation_text(self, lang: str | None = None) -> str:
        """The explanation in ``lang``."""
        return render(self.explanation, None, lang)

    def applies_to(self, year: int) -> bool:
        """Whether the rule is valid for fiscal year ``year``."""
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year <= self.valid_to
        )


def _default_targets() -> NationalTargets:
    from ppsp.rules.targets import national_targets

    return national_targets()


def _decimal(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


#: Funding sources that need readiness criteria (FIN004) by default: everything outside the
#: region's own APBD. Domain brief 1.3 confirms RC for DAK Fisik and reports them for "funding
#: outside the APBD" in general [unconfirmed for the other sources]; change it in Settings.
READINESS_SOURCES: frozenset[FundingSource] = frozenset(
    s for s in FundingSource if not s.is_regional_budget
)


@attrs.frozen(kw_only=True)
class Settings:
    """What a check may be tuned with.

    :param tolerance: INT006: the share by which a pagu may fall below the SSK's indicative APBD
        cost before it is reported (``0.10`` = 10 %)
    :param access_tolerance: STR006: percentage points an access profile may miss 100 by
    :param targets: STR005: the national access targets (data, keyed by plan and year)
    :param code_lists: INT008 and the linker: code lists by fiscal year, with renumbering
    :param today: the date "now" (default: today on the region's own clock)
    :param link_threshold: the linker's match probability (0-100) from which a link is
        certain (default: the threshold fitted with its weights)
    :param review_threshold: the probability (0-100) from which the best candidate needs review
        (INT007) instead of the activity being missing (default: the fitted one)
    :param linking: other linker options (thesaurus, weights, the code list codes are inferred
        from); see ``ppsp.rules.linking.LinkOptions``
    :param readiness_sources: FIN004: sources whose activities need readiness criteria
    :param severity: severity overrides by rule id
    :param generated_at: the moment the report records as made (ISO 8601, ``2025-06-01T00:00:00Z``),
        for byte-identical reports from the same inputs; default: the ``SOURCE_DATE_EPOCH``
        environment variable when set (the reproducible-builds convention), else now
    """

    tolerance: Decimal = attrs.field(default=Decimal("0.10"), converter=_decimal)
    access_tolerance: Decimal = attrs.field(default=Decimal("0.5"), converter=_decimal)
    targets: NationalTargets = attrs.field(factory=_default_targets)
    code_lists: CodeLists = attrs.field(factory=sanitation_code_lists)
    today: pendulum.Date | None = None
    link_threshold: float | None = None
    review_threshold: float | None = None
    linking: Mapping[str, Any] = attrs.field(factory=dict, converter=_freeze)
    readiness_sources: frozenset[FundingSource] = READINESS_SOURCES
    severity: Mapping[str, Severity] = attrs.field(factory=dict, converter=_freeze)
    generated_at: str | None = None

    def __attrs_post_init__(self) -> None:
        if not Decimal(0) <= self.tolerance < Decimal(1):
            raise PpspError(N_("rules.bad-tolerance"), value=self.tolerance)

    def link_options(self) -> LinkOptions:
        """The linker's options these settings make."""
        from ppsp.rules.linking import LinkOptions

        def share(value: float | None) -> float | None:
            return None if value is None else float(value) / 100

        return LinkOptions(
            code_lists=self.code_lists,
            tolerance=self.tolerance,
            link_threshold=share(self.link_threshold),
            review_threshold=share(self.review_threshold),
            **dict(self.linking),
        )


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
        zone = self.region.iana_zone if self.region else "Asia/Jakarta"
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


@attrs.frozen(kw_only=True)
class RuleResult:
    """How one rule's run ended."""

    rule: str
    version: str
    status: RuleStatus
    findings: int = 0
    title: str = ""
    explanation: str = ""
    severity: Severity = Severity.WARNING
    legal_basis: tuple[Citation, ...] = ()
    reason: str | None = None
    reason_params: Mapping[str, Any] = attrs.field(factory=dict, converter=_freeze, eq=False)
    error: str | None = None

    def title_text(self, lang: str | None = None) -> str:
        """The rule's title in ``lang``."""
        return render(self.title, None, lang) if self.title else self.rule

    def explanation_text(self, lang: str | None = None) -> str:
        """The rule's explanation in ``lang``."""
        return render(self.explanation, None, lang) if self.explanation else ""

    def reason_text(self, lang: str | None = None) -> str:
        """Why the rule was skipped (or the error summary), in ``lang``."""
        if self.reason:
            return render(self.reason, self.reason_params, lang)
        return self.error or ""


@attrs.frozen
class InputFile:
    """A file the bundle was read from, with its SHA-256."""

    path: str
    sha256: str

    @classmethod
    def of(cls, path: str | Path) -> InputFile:
        """Hash the file at ``path``."""
        digest = hashlib.sha256()
        with Path(path).open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return cls(str(path), digest.hexdigest())


@attrs.frozen(kw_only=True)
class Provenance:
    """What produced a report: versions of ppsp, of the rules and code lists, the inputs."""

    ppsp_version: str = __version__
    schema_version: str = REPORT_SCHEMA_VERSION
    generated_at: str
    today: str
    rules: Mapping[str, str] = attrs.field(factory=dict, converter=_freeze)
    code_lists: tuple[str, ...] = ()
    inputs: tuple[InputFile, ...] = ()
    settings: Mapping[str, str] = attrs.field(factory=dict, converter=_freeze)


@attrs.frozen(kw_only=True)
class Report:
    """The outcome of a check: findings, each rule's status, counts and provenance.

    ``import_findings`` are what the import found in the source files that every report says
    (a hidden sheet, hidden columns, macros, a broken CSV quote): the bundle's
    ``RegionBundle.import_findings``. They are no rule's findings and
    do not change the exit code.

    ``links`` keeps the linker's answer (where each SSK activity went) for renderers that draw
    a traceability matrix (``None`` when no rule needed it); ``bundle`` and ``settings`` are what
    was checked, for renderers that chart it.
    """

    region: RegionCode
    year: int
    findings: tuple[Finding, ...]
    results: tuple[RuleResult, ...]
    provenance: Provenance
    region_name: str | None = None
    import_findings: tuple[ImportFinding, ...] = ()
    links: Linkage | None = attrs.field(default=None, eq=False, repr=False)
    bundle: RegionBundle | None = attrs.field(default=None, eq=False, repr=False)
    settings: Settings | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def region_label(self) -> str:
        """``Kabupaten Gunung Mas (62.10)``, or the bare code of a region not in the register."""
        return f"{self.region_name} ({self.region})" if self.region_name else str(self.region)

    def counts(self) -> dict[Severity, int]:
        """Findings per severity (every severity present, zero included)."""
        found = Counter(f.severity for f in self.findings)
        return {s: found.get(s, 0) for s in Severity}

    def status_counts(self) -> dict[RuleStatus, int]:
        """Rules per status."""
        found = Counter(r.status for r in self.results)
        return {s: found.get(s, 0) for s in RuleStatus}

    @property
    def has_errors(self) -> bool:
        """Whether any finding has severity error."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def exit_code(self) -> int:
        """The command line's exit code: 1 with error findings, else 0."""
        return 1 if self.has_errors else 0

    def result(self, rule: str) -> RuleResult:
        """The result of rule ``rule``."""
        for result in self.results:
            if result.rule == rule:
                return result
        raise KeyError(rule)

    def by_rule(self) -> dict[str, list[Finding]]:
        """Findings grouped by rule id, in the order of the results."""
        grouped: dict[str, list[Finding]] = {r.rule: [] for r in self.results}
        for finding in self.findings:
            grouped.setdefault(finding.rule, []).append(finding)
        return grouped

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def _repr_html_(self) -> str | None:
        """How Jupyter shows a report: the HTML report of the renderer registered as ``html``
        in the entry-point group ``ppsp.renderers`` (``ppsp.io.report_html`` by default; the
        rules do not import the renderers, which sit above them)."""
        render_html = renderer("html")
        return None if render_html is None else str(render_html(self))


#: The entry-point group of report renderers (name -> ``render(report) -> str``).
RENDERER_GROUP = "ppsp.renderers"


def renderer(name: str) -> Callable[[Report], Any] | None:
    """The renderer registered as ``name`` in :data:`RENDERER_GROUP` (``None`` if none is)."""
    from importlib.metadata import entry_points

    for point in entry_points(group=RENDERER_GROUP):
        if point.name == name:
            loaded: Callable[[Report], Any] = point.load()
            return loaded
    return None


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
            "link_threshold": str(settings.link_options().thresholds[0] * 100),
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
