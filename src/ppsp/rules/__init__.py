"""The rules engine, the cross-document linker and the built-in rule catalogue.

:func:`check` is the single entry point for scripts: it runs the catalogue (or a selection of
it) on a :class:`~ppsp.domain.bundle.RegionBundle` for one audited year and returns a
:class:`~ppsp.rules.engine.Report` in which every rule has an explicit status.

>>> from ppsp.demo import demo_bundle
>>> report = check(demo_bundle(), year=2025, select=["FIN", "STR003"])
>>> sorted({r.rule for r in report.results})
['FIN001', 'FIN002', 'FIN003', 'FIN004', 'FIN005', 'STR003']
>>> report.result("STR003").status.value
'passed'

The catalogue (ids are a public contract) is documented rule by rule in ``docs/rules.rst``;
:mod:`ppsp.rules.registry` explains selection and third-party rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import attrs
import pendulum

from ppsp.domain.bundle import RegionBundle
from ppsp.domain.documents import DocumentKind
from ppsp.domain.kinds import KINDS
from ppsp.rules.engine import (
    Citation,
    Context,
    Finding,
    InputFile,
    Provenance,
    Report,
    Rule,
    RuleResult,
    RuleStatus,
    Settings,
    Severity,
    Skip,
    Subject,
    rule,
    run,
)
from ppsp.rules.linking import Linkage, LinkMethod, LinkOptions, Trace, TraceStatus, link
from ppsp.rules.registry import Registry, builtin_rules, default_registry
from ppsp.rules.targets import NationalTarget, NationalTargets, load_targets, national_targets

__all__ = [
    "Citation",
    "Context",
    "Finding",
    "InputFile",
    "LinkMethod",
    "LinkOptions",
    "Linkage",
    "NationalTarget",
    "NationalTargets",
    "Provenance",
    "Registry",
    "Report",
    "Rule",
    "RuleResult",
    "RuleStatus",
    "Settings",
    "Severity",
    "Skip",
    "Subject",
    "Trace",
    "TraceStatus",
    "builtin_rules",
    "check",
    "default_registry",
    "default_year",
    "link",
    "load_targets",
    "national_targets",
    "rule",
    "run",
]


def default_year(bundle: RegionBundle) -> int:
    """The year to audit when none is given: the latest year of an RKPD, Renja-PD or DPA in the
    bundle, else the current year (in WIB)."""
    years = [
        year
        for spec in KINDS
        if spec.annual and spec.kind in _PLAN_KINDS
        for d in spec.documents(bundle)
        if (year := spec.year_of(d)) is not None
    ]
    return max(years) if years else pendulum.now("Asia/Jakarta").year


#: The annual plans whose years the audit defaults to (not the white book's).
_PLAN_KINDS = frozenset({DocumentKind.RKPD, DocumentKind.RENJA_PD, DocumentKind.DPA})


def check(
    bundle: RegionBundle,
    year: int | None = None,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    severity: Mapping[str, Severity | str] | None = None,
    tolerance: Decimal | float | str | None = None,
    settings: Settings | None = None,
    registry: Registry | None = None,
    imported: Iterable[Finding] = (),
    inputs: Iterable[InputFile] = (),
) -> Report:
    """Check ``bundle`` for ``year`` and return the :class:`~ppsp.rules.engine.Report`.

    :param select: rule ids, id prefixes or ``tag:NAME`` to run (default: every rule)
    :param ignore: the same, to leave out
    :param severity: severity overrides by rule id (``{"INT006": "error"}``)
    :param tolerance: INT006's tolerance as a share (``0.1``) — or percent when above 1 (``10``)
    :param settings: everything else (targets, code lists, the date "today", ...)
    :param registry: the rules to choose from (default: built-in and installed plug-ins)
    :param imported: findings the importer made (FIN005 subtotal rows of source sheets)
    :param inputs: the files the bundle came from, for the report's provenance
    """
    settings = settings or Settings()
    if tolerance is not None:
        value = Decimal(str(tolerance))
        settings = attrs.evolve(settings, tolerance=value / 100 if value >= 1 else value)
    if severity:
        merged = {
            **settings.severity,
            **{k.upper(): Severity.parse(v) for k, v in severity.items()},
        }
        settings = attrs.evolve(settings, severity=merged)
    registry = registry or default_registry()
    for rule_id in settings.severity:
        registry[rule_id]  # an override for a rule that does not exist is a mistake
    rules = registry.select(select, ignore)
    return run(
        bundle,
        default_year(bundle) if year is None else year,
        rules,
        settings,
        imported=imported,
        inputs=inputs,
    )
