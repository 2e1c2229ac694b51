"""The traceability of a report as data: for every SSK activity and every kind of plan, its
outcome, how it was linked and why, the linked lines, or the nearest candidates; per kind, how
many activities landed in each outcome and the coverage over the activities planned for the
year. The JSON report carries it as ``traceability``; the xlsx and HTML reports draw from the
same linkage.

>>> from ppsp.demo import demo_bundle
>>> from ppsp.rules import check
>>> data = traceability_data(check(demo_bundle(), 2025), "en")
>>> data["outcomes"]["rkpd"]["linked"] > 0, sorted(data["activities"][0]["kinds"]["rkpd"])
(True, ['candidates', 'links', 'planned', 'status'])
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ppsp.domain.location import SourceLocation
from ppsp.domain.region import RegionCode
from ppsp.i18n import N_, render
from ppsp.rules.engine import Report
from ppsp.rules.linking import PLANNING_KINDS, Candidate, Link, Linkage, Target, Trace, TraceStatus

__all__ = ["candidates_text", "coverage", "traceability_data"]


def candidates_text(candidates: tuple[Candidate, ...], lang: str) -> str:
    """The nearest candidates of a trace in words, each with its score, the activity's own line
    at another place said as such (it comes first, whatever its score)."""
    from ppsp.i18n import N_, format_score

    said = []
    for c in candidates:
        text = f"{c.label} ({format_score(c.score, lang)})"
        if c.elsewhere:
            text = render(
                N_("trace.nearest-elsewhere"),
                {"line": text, "place": c.target.location or "-"},
                lang,
            )
        said.append(text)
    return "≈ " + "; ".join(said)


def _where(target: Target) -> dict[str, Any] | None:
    source = getattr(target.line, "source", None)
    return source.as_dict() if isinstance(source, SourceLocation) else None


def _line(target: Target, year: int) -> dict[str, Any]:
    pagu = target.pagu(year)
    return {
        "document": target.kind.value,
        "agency": str(target.agency) if target.agency is not None else None,
        "code": str(target.code) if target.code is not None else None,
        "name": target.name,
        "location": target.location,
        "pagu": pagu.to_json() if pagu is not None else None,
        "cell": _where(target),
    }


def _link(link: Link, year: int, lang: str) -> dict[str, Any]:
    return {
        **_line(link.target, year),
        "method": link.method.value,
        "score": link.score,
        "reason": render(link.reason, link.params, lang),
        "weights": [e.to_dict() for e in link.evidence],
    }


def _candidate(candidate: Candidate, year: int) -> dict[str, Any]:
    return {
        **_line(candidate.target, year),
        "score": candidate.score,
        "weights": [e.to_dict() for e in candidate.evidence],
    }


def _status(links: Linkage, trace: Trace) -> str:
    if trace.status in (TraceStatus.MISSING, TraceStatus.REVIEW) and not links.planned(trace):
        return "not-planned"
    return trace.status.value


def coverage(links: Linkage, region: RegionCode | None = None) -> dict[str, dict[str, Any]]:
    """Per kind of plan: how many activities in each outcome, and the share (0-1, ``None``
    without the document or without activities planned) of the planned ones that are linked
    or to review. With ``region``, ``review-unpaid`` counts those to review that its budget
    does not pay: INT007 gives them no finding, so the count of findings is the rest (the
    JSON report, whose format 1.1 has no such key, counts its INT007 findings instead)."""
    from ppsp.rules.catalogue.internalisation import paid_by_budget

    found: dict[str, dict[str, Any]] = {}
    for kind in PLANNING_KINDS:
        counts = dict.fromkeys(
            ("linked", "needs-review", "missing", "not-planned", "no-document"), 0
        )
        planned = reached = unpaid = 0
        for trace in links.traces_of(kind):
            status = _status(links, trace)
            counts[status] += 1
            if (
                region is not None
                and status == "needs-review"
                and not paid_by_budget(trace.activity, kind, links.year, region)
            ):
                unpaid += 1
            if trace.status is not TraceStatus.NO_DOCUMENT and links.planned(trace):
                planned += 1
                reached += bool(trace.links)
        found[kind.value] = {
            **counts,
            "planned": planned,
            "coverage": round(reached / planned, 4) if planned else None,
            **({"review-unpaid": unpaid} if region is not None else {}),
        }
    return found


def review_count(found: Mapping[str, Any], lang: str) -> str:
    """The count of activities to review as the reports say it: with how many of them the
    region's budget does not pay, so that the INT007 findings add up."""
    unpaid = found.get("review-unpaid", 0)
    if not unpaid:
        return str(found["needs-review"])
    return render(
        N_("report.review-count"), {"review": found["needs-review"], "unpaid": unpaid}, lang
    )


def traceability_data(
    report: Report,
    lang: str,
    *,
    lazy: Callable[[int, Callable[[], Iterator[Any]]], Any] | None = None,
) -> dict[str, Any] | None:
    """The report's traceability as JSON data (``None`` when the report has no linkage);
    with ``lazy``, the activities are ``lazy(count, rows)``, made when they are read."""
    links = report.links
    if links is None or links.ssk is None:
        return None
    rows = functools.partial(_activity_rows, links, lang)
    return {
        "year": links.year,
        "outcomes": coverage(links),
        "activities": list(rows()) if lazy is None else lazy(len(links.ssk.activities), rows),
    }


def _activity_rows(links: Linkage, lang: str) -> Iterator[dict[str, Any]]:
    assert links.ssk is not None
    year = links.year
    for i, activity in enumerate(links.ssk.activities):
        kinds: dict[str, Any] = {}
        inferred: tuple[Any, ...] = ()
        for kind in PLANNING_KINDS:
            trace = links.get(i, kind)
            if trace is None:
                continue
            inferred = inferred or trace.inferred
            kinds[kind.value] = {
                "status": _status(links, trace),
                "planned": links.planned(trace),
                "links": [_link(ln, year, lang) for ln in trace.links],
                "candidates": [_candidate(c, year) for c in trace.candidates],
            }
        yield (
            {
                "index": i,
                "number": activity.number,
                "name": activity.name,
                "code": str(activity.code) if activity.code is not None else None,
                "agency": str(activity.agency) if activity.agency is not None else None,
                "inferred_codes": [
                    {
                        "code": str(c.code),
                        "name": c.name,
                        "score": c.score,
                        "reasons": list(c.reasons),
                    }
                    for c in inferred
                ],
                "kinds": kinds,
            }
        )
