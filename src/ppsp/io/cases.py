"""Rule test cases as data: a folder an auditor can write without Python.

A case is a folder with a ``case.json`` and the bundle it checks (``bundle.json``, the JSON
that ``ppsp import`` writes)::

    {
      "description": "the RKPD lacks the IPLT line",
      "year": 2025,
      "today": "2025-06-30",
      "select": ["INT003"],
      "settings": {"tolerance": "10"},
      "expect": {
        "INT003": {"status": "issues",
                   "findings": [{"severity": "error", "subject": "1",
                                 "key": "finding.INT003", "contains": "IPLT"}]}
      }
    }

``expect`` names, for each rule, the status it must end in and (optionally) its findings: as
many as listed, each matched by the fields given (``severity``, ``key``, ``subject`` — the
subject's key, such as the activity's number —, ``contains`` — text of the English message —
and ``cell`` — ``Sheet!C9`` of its first location). :func:`run_case` answers whether the case
holds and, when it does not, what differs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import pendulum

from ppsp.domain.bundle import RegionBundle
from ppsp.errors import InvalidValue
from ppsp.i18n import N_
from ppsp.io.json import loads
from ppsp.rules import Report, Settings, check
from ppsp.rules.engine import Finding

__all__ = ["Case", "CaseResult", "discover", "load_case", "run_case"]


@attrs.frozen
class Case:
    """One rule test case."""

    path: Path
    description: str
    bundle: RegionBundle
    year: int
    select: tuple[str, ...]
    expect: Mapping[str, Mapping[str, Any]]
    today: pendulum.Date | None = None
    settings: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class CaseResult:
    """Whether a case held, and what differed."""

    case: Case
    report: Report
    problems: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """No difference."""
        return not self.problems


def load_case(folder: str | Path) -> Case:
    """Read the case in ``folder``."""
    root = Path(folder)
    spec_path = root / "case.json"
    try:
        spec = json.loads(spec_path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidValue(N_("case.unreadable"), file=str(spec_path), problem=str(exc)) from None
    bundle_path = root / str(spec.get("bundle", "bundle.json"))
    try:
        bundle = loads(bundle_path.read_text("utf-8"), RegionBundle)
    except OSError as exc:
        raise InvalidValue(N_("case.unreadable"), file=str(bundle_path), problem=str(exc)) from None
    today = spec.get("today")
    return Case(
        path=root,
        description=str(spec.get("description", root.name)),
        bundle=bundle,
        year=int(spec["year"]),
        select=tuple(spec.get("select", ())),
        expect=spec.get("expect", {}),
        today=pendulum.parse(today).date() if today else None,  # type: ignore[union-attr]
        settings=spec.get("settings", {}),
    )


def discover(folder: str | Path) -> Iterator[Path]:
    """Every case folder under ``folder`` (a folder holding a ``case.json``), sorted."""
    yield from sorted(p.parent for p in Path(folder).rglob("case.json"))


def _cell(finding: Finding) -> str:
    if not finding.locations:
        return ""
    where = finding.locations[0]
    return f"{where.sheet}!{where.column or ''}{where.row or ''}"


def _matches(finding: Finding, wanted: Mapping[str, Any]) -> bool:
    checks: dict[str, Callable[[], bool]] = {
        "severity": lambda: finding.severity.value == wanted["severity"],
        "key": lambda: finding.key == wanted["key"],
        "subject": lambda: (
            finding.subject is not None and finding.subject.key == str(wanted["subject"])
        ),
        "contains": lambda: str(wanted["contains"]) in finding.message("en"),
        "cell": lambda: _cell(finding) == wanted["cell"],
    }
    return all(test() for name, test in checks.items() if name in wanted)


def run_case(case: Case) -> CaseResult:
    """Run ``case`` and compare with its expectations."""
    settings = Settings(today=case.today)
    report = check(
        case.bundle,
        case.year,
        select=list(case.select) or None,
        settings=settings,
        tolerance=case.settings.get("tolerance"),
    )
    problems: list[str] = []
    by_rule = report.by_rule()
    for rule_id, wanted in case.expect.items():
        try:
            result = report.result(rule_id)
        except KeyError:
            problems.append(f"{rule_id}: not run")
            continue
        status = wanted.get("status")
        if status and result.status.value != status:
            detail = result.reason_text("en")
            problems.append(
                f"{rule_id}: status {result.status.value}, expected {status}"
                + (f" ({detail})" if detail else "")
            )
        if "findings" not in wanted:
            continue
        found = list(by_rule.get(rule_id, []))
        expected = list(wanted["findings"])
        if len(found) != len(expected):
            messages = "; ".join(f.message("en") for f in found)
            problems.append(
                f"{rule_id}: {len(found)} findings, expected {len(expected)}: {messages}"
            )
            continue
        remaining = found[:]
        for item in expected:
            match = next((f for f in remaining if _matches(f, item)), None)
            if match is None:
                problems.append(f"{rule_id}: no finding matches {item}")
            else:
                remaining.remove(match)
    return CaseResult(case, report, tuple(problems))
