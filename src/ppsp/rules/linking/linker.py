"""Where did each SSK activity go? Links from the SSK's activities to the lines of the RPJMD,
Renstra-PD, RKPD, Renja-PD and DPA of the audited year, found the way a Bappeda planner finds
them.

For every activity and every kind of planning document:

1. **Candidates**: the lines whose names (read through :mod:`ppsp.rules.linking.text`: words
   stemmed, abbreviations expanded, the sanitation thesaurus applied, typos mended against the
   plan's own words) are nearest to the activity's, by weighted word overlap over every line of
   the document, plus every line that carries the activity's code or a code inferred for it.
   No agency or program restricts the pool: an agency written ``DPUPR`` or ``Dinkes`` is
   evidence, not a filter.
2. **Evidence**: each candidate is compared feature by feature (code, inferred code, name,
   thesaurus concept, action, agency, location, amount, unit); each level weighs its
   Fellegi-Sunter weight (:mod:`ppsp.rules.linking.evidence`) and the sum, on the prior, is the
   match probability. Nothing vetoes an exact code: a location that disagrees subtracts its
   weight and no more.
3. **Outcome**: the best candidate is *linked* from the fitted link threshold, *needs review*
   (INT007) from the review threshold, and otherwise the activity is *missing* with its nearest
   candidates.

>>> from ppsp.demo import demo_bundle
>>> from ppsp.domain import DocumentKind
>>> links = link(demo_bundle(), 2025)
>>> trace = links.get(0, DocumentKind.RKPD)
>>> trace.status.value, trace.links[0].method.value, trace.links[0].score >= 99
('linked', 'code', True)
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ppsp.domain.bundle import RegionBundle
from ppsp.domain.documents import DocumentKind, SSKActivity
from ppsp.domain.nomenclature import (
    CodeLevel,
    CodeList,
    CodeListEntry,
    CodeLists,
    NomenclatureCode,
    sanitation_code_lists,
)
from ppsp.domain.subsector import Subsector
from ppsp.errors import InvalidValue
from ppsp.i18n import N_
from ppsp.rules.linking.compare import Space, _Activity, _Line, compare, program_subsectors
from ppsp.rules.linking.evidence import Evidence, Weights
from ppsp.rules.linking.gazetteer import Gazetteer
from ppsp.rules.linking.inference import INFERRED_KEY, infer_codes
from ppsp.rules.linking.model import (
    PLANNING_KINDS,
    ByKind,
    Candidate,
    InferredCode,
    Link,
    Linkage,
    LinkMethod,
    Target,
    Trace,
    TraceStatus,
)
from ppsp.rules.linking.text import Reader, Thesaurus

__all__ = ["LinkOptions", "comparisons", "link"]

#: How many nearest lines by name are weighed in full for each activity.
POOL = 24
#: How many bits another line of the best line's code may weigh less and still be linked too
#: (one sub kegiatan written on several lines, for several places or agencies).
SAME_LINE_MARGIN = 3.0
#: Candidates below this probability are not shown.
CANDIDATE_FLOOR = 0.02
#: How many bits more the content of a line planned at another place must weigh than the
#: content of the best line at the activity's place for the activity to count as planned
#: elsewhere (and so missing here) rather than as the nearer line.
ELSEWHERE_MARGIN = 1.0


def _reader_for(thesaurus: Thesaurus | None) -> Reader:
    return Reader.default() if thesaurus is None else Reader(thesaurus)


@attrs.frozen(kw_only=True)
class LinkOptions:
    """What the linker may be tuned with.

    :param code_lists: code lists by fiscal year, with the renumbering between them
    :param inference_list: the list codes are inferred from for uncoded activities (default:
        the list in force in the audited year; a full official list a user supplies is better)
    :param thesaurus: the sanitation thesaurus (default: the shipped one)
    :param weights: evidence weights and thresholds (default: the fitted ones)
    :param link_threshold: override of the probability (0-1) from which a link is certain
    :param review_threshold: override of the probability (0-1) from which the best candidate
        needs review rather than the activity being missing
    :param tolerance: the share by which amounts may differ and still agree
    :param infer: whether codes are inferred for uncoded activities
    """

    code_lists: CodeLists = attrs.field(factory=sanitation_code_lists)
    inference_list: CodeList | None = None
    thesaurus: Thesaurus | None = None
    weights: Weights = attrs.field(factory=Weights.default)
    link_threshold: float | None = None
    review_threshold: float | None = None
    tolerance: Decimal = Decimal("0.10")
    infer: bool = True

    @functools.cached_property
    def reader(self) -> Reader:
        """The name reader of :attr:`thesaurus`."""
        return _reader_for(self.thesaurus)

    @property
    def thresholds(self) -> tuple[float, float]:
        """(link, review) probabilities in force."""
        link = self.weights.link if self.link_threshold is None else self.link_threshold
        review = self.weights.review if self.review_threshold is None else self.review_threshold
        return link, min(review, link)


def _reader(options: LinkOptions) -> Reader:
    # made once per options (the shipped thesaurus's reader once per process)
    return options.reader


# -- gathering the lines -------------------------------------------------------------------


def _targets(bundle: RegionBundle, year: int, kind: DocumentKind) -> list[Target]:
    found: list[Target] = []
    if kind is DocumentKind.RPJMD:
        rpjmd = bundle.rpjmd_for(year)
        if rpjmd is not None:
            for i, program in enumerate(rpjmd.programs):
                agency = program.agencies[0] if len(program.agencies) == 1 else None
                found.append(Target(kind, rpjmd, program, i, agency))
    elif kind is DocumentKind.RENSTRA_PD:
        for renstra in bundle.renstra:
            if year in renstra.period:
                found.extend(
                    Target(kind, renstra, line, i, renstra.agency)
                    for i, line in enumerate(renstra.lines)
                )
    elif kind is DocumentKind.RKPD:
        rkpd = bundle.rkpd_for(year)
        if rkpd is not None:
            found.extend(Target(kind, rkpd, ln, i, ln.agency) for i, ln in enumerate(rkpd.lines))
    elif kind is DocumentKind.RENJA_PD:
        for renja in bundle.renja_for(year):
            found.extend(
                Target(kind, renja, ln, i, renja.agency) for i, ln in enumerate(renja.lines)
            )
    elif kind is DocumentKind.DPA:
        for dpa in bundle.dpa_for(year):
            found.extend(
                Target(kind, dpa, ln, i, dpa.agency or ln.agency) for i, ln in enumerate(dpa.lines)
            )
    return found


def _renumbered(
    code: NomenclatureCode | None, year: int, lists: CodeLists
) -> NomenclatureCode | None:
    if code is None:
        return None
    try:
        return lists.renumbered(code, year)
    except InvalidValue:
        return code


def _level_of(target: Target, code: NomenclatureCode | None) -> CodeLevel | None:
    level: CodeLevel | None = getattr(target.line, "level", None)
    if level is None and code is not None:
        level = code.level
    return level


def _in_pool(target: Target, code: NomenclatureCode | None) -> bool:
    """Lines an activity may be linked to: sub kegiatan (and lines of no stated level); in a
    Renstra-PD kegiatan too; in the RPJMD, its programs."""
    if target.kind is DocumentKind.RPJMD:
        return True
    level = _level_of(target, code)
    if level is None or level is CodeLevel.SUB_KEGIATAN:
        return True
    return target.kind is DocumentKind.RENSTRA_PD and level is CodeLevel.KEGIATAN


# -- comparing one activity with one line ---------------------------------------------------


# -- linking -------------------------------------------------------------------------------


def link(bundle: RegionBundle, year: int, options: LinkOptions | Any | None = None) -> Linkage:
    """Link every activity of the SSK in force in ``year`` to the planning documents of ``year``.

    ``options`` is a :class:`LinkOptions` (or the rules engine's ``Settings``, whose linker
    options are used). Without an SSK for the year the linkage is empty.
    """
    if options is None:
        options = LinkOptions()
    elif not isinstance(options, LinkOptions):
        options = options.link_options()
    ssk = bundle.ssk_for(year)
    if ssk is None:
        return Linkage(year, None)
    reader = _reader(options)
    by_kind = [_targets(bundle, year, kind) for kind in PLANNING_KINDS]
    activities = _activities(
        ssk.activities, year, options, reader, str(bundle.region), [t for ts in by_kind for t in ts]
    )
    # the traces held by kind, one per activity in order; a kind with no document keeps none
    # (ByKind makes them when read)
    columns: list[list[Trace] | None] = []
    for kind, targets in zip(PLANNING_KINDS, by_kind, strict=True):
        if not targets:
            columns.append(None)
            continue
        found = sorted(
            _link_kind(activities, targets, kind, year, options, reader), key=lambda t: t.index
        )
        if any(t.index != n for n, t in enumerate(found)) or len(found) != len(activities):
            raise AssertionError("the linker gives one trace per activity and kind")
        columns.append(found)
    traces = ByKind(ssk.activities, [a.inferred for a in activities], columns)
    return Linkage(year, ssk, traces)


def _activities(
    found: Sequence[SSKActivity],
    year: int,
    options: LinkOptions,
    reader: Reader,
    region: str,
    targets: Sequence[Target] = (),
) -> list[_Activity]:
    lists = options.code_lists
    inference_list = options.inference_list
    if inference_list is None:
        try:
            inference_list = carried_forward(lists, year)
        except InvalidValue:
            inference_list = None
    covered = frozenset(
        e.code.program or e.code for e in (inference_list or ()) if e.code.program is not None
    )
    if inference_list is not None and options.infer:
        curated = _held_programs(inference_list)
        inference_list = with_plan_lines(inference_list, targets, curated, year, lists)
    subsectors = _program_subsectors(lists)
    gazetteer = Gazetteer.for_region(region) if any(a.location for a in found) else None
    activities = []
    for i, activity in enumerate(found):
        own = _own_code(activity)
        code = _renumbered(own, year, lists)
        inferred: tuple[InferredCode, ...] = ()
        if code is None and options.infer and inference_list is not None:
            inferred = tuple(
                attrs.evolve(c, code=_renumbered(c.code, year, lists) or c.code)
                for c in infer_codes(activity, inference_list, reader=reader)
            )
        cost = activity.regional_budget_cost(year) or activity.cost_in(year)
        activities.append(
            _Activity(
                i,
                activity,
                code,
                own,
                reader.read(activity.name),
                inferred,
                cost,
                covered,
                subsectors,
                gazetteer,
            )
        )
    return activities


def _held_programs(code_list: CodeList) -> frozenset[NomenclatureCode]:
    """The programs whose sub kegiatan ``code_list`` holds (not those it names only to place a
    program, as the drinking-water one)."""
    return frozenset(
        e.code.program
        for e in code_list
        if e.code.level is CodeLevel.SUB_KEGIATAN and e.code.program is not None
    )


@functools.lru_cache(maxsize=16)
def carried_forward(lists: CodeLists, year: int) -> CodeList:
    """The list in force in ``year``, with the sub kegiatan of the programs it does not hold
    carried forward from the latest earlier list that holds them: the shipped update of 2027
    holds the air limbah codes only, and an audit of 2027 must still infer the waste, drainage,
    health and housing codes (their names do not change with the air limbah update
    [unconfirmed]). Only the inference reads this list; INT008 judges codes against the list
    in force alone."""
    in_force = lists.for_year(year)
    held = set(_held_programs(in_force))
    carried: list[CodeListEntry] = []
    for earlier in reversed([cl for cl in lists if cl.valid_from < in_force.valid_from]):
        new = _held_programs(earlier) - held
        carried.extend(e for e in earlier if e.code.program in new and e.code not in in_force)
        held |= new
    if not carried:
        return in_force
    return attrs.evolve(in_force, entries=in_force.entries + tuple(carried))


def with_plan_lines(
    code_list: CodeList,
    targets: Iterable[Target],
    programs: frozenset[NomenclatureCode],
    year: int,
    lists: CodeLists,
) -> CodeList:
    """``code_list`` with the sub kegiatan that the plans of the year name under one of
    ``programs`` (the sanitation programs of the list) and the list does not hold, named as the
    plan names them: codes are inferred from them too. The curated list is a subset, and a
    plan's own line (*Koordinasi dan Sinkronisasi Penyelenggaraan Kawasan Permukiman*) should
    not lose to a listed line only because the list left it out.

    Every such code is taken once, from the first line that carries it (documents in the order
    of :data:`PLANNING_KINDS`, lines in their order); the same plans give the same list.
    """
    added: dict[NomenclatureCode, CodeListEntry] = {}
    seen: set[NomenclatureCode] = set()
    for target in targets:
        code = target.code
        if code is None or code in seen:
            continue
        seen.add(code)  # the first line of a code names it; plans repeat codes on many lines
        if code.level is not CodeLevel.SUB_KEGIATAN:
            continue
        code = _renumbered(code, year, lists) or code
        if code in added or code in code_list or (code.program or code) not in programs:
            continue
        name = " ".join(target.name.split())
        if not name:
            continue
        added[code] = CodeListEntry(code=code, name=name, indikator=target.indicator() or None)
    if not added:
        return code_list
    return _extended(code_list, tuple(sorted(added.values(), key=lambda e: str(e.code))))


@functools.lru_cache(maxsize=8)
def _extended(code_list: CodeList, entries: tuple[CodeListEntry, ...]) -> CodeList:
    # one list object for the same plans, so that the inference's index is built once
    return attrs.evolve(code_list, entries=code_list.entries + entries)


def _own_code(activity: SSKActivity) -> NomenclatureCode | None:
    """The code the SSK itself gives the activity: a code that ``ppsp import --infer-codes``
    wrote in (kept under ``ppsp:inferred-code``) is inferred again, not taken as the SSK's, so
    a folder and its bundle give the same links."""
    code = activity.code
    written = activity.extras.get(INFERRED_KEY) if activity.extras else None
    if code is not None and isinstance(written, str) and written.startswith(str(code)):
        return None
    return code


@functools.lru_cache(maxsize=8)
def _program_subsectors(lists: CodeLists) -> dict[NomenclatureCode, Subsector]:
    return program_subsectors(lists)


def _line_text(target: Target) -> str:
    indicator = target.indicator()
    return f"{target.name} {indicator}" if indicator else target.name


def _scored(
    activities: Sequence[_Activity],
    targets: list[Target],
    kind: DocumentKind,
    year: int,
    options: LinkOptions,
    reader: Reader,
) -> Iterable[tuple[_Activity, list[_Line], list[tuple[float, float, int, tuple[Evidence, ...]]]]]:
    """For each activity, its candidates in one document kind, weighed and ranked."""
    lists = options.code_lists
    lines: list[_Line] = []
    by_code: dict[NomenclatureCode, list[int]] = {}
    renumbered: dict[NomenclatureCode, NomenclatureCode | None] = {}
    for target in targets:
        original = target.code
        if original is not None and original not in renumbered:
            renumbered[original] = _renumbered(original, year, lists)
        code = renumbered[original] if original is not None else None
        if not _in_pool(target, code):
            continue
        if code is not None:
            key = (code.program or code) if kind is DocumentKind.RPJMD else code
            by_code.setdefault(key, []).append(len(lines))
        lines.append(_Line(target, code, original, reader.read(_line_text(target))))
    if not lines:
        for a in activities:
            yield a, lines, []
        return
    space = Space(lines)
    weights = options.weights
    wordings: dict[int, frozenset[str]] = {}

    def worded(j: int) -> frozenset[str]:
        """The words a line's name says (its indicator left out), read once when asked."""
        found = wordings.get(j)
        if found is None:
            line = lines[j]
            read = line.reading if not line.target.indicator() else reader.read(line.target.name)
            found = wordings[j] = frozenset(read.written)
        return found

    for a in activities:
        reading = a.reading
        if kind is DocumentKind.RPJMD and a.activity.program:
            reading = reader.read(f"{a.activity.program} {a.activity.name}")
        reading = space.mended(reading)
        sims = space.similarities(reading)
        chosen = nearest(sims, POOL)
        for code in _codes_of(a, kind):
            chosen.update(by_code.get(code, ()))
            if kind is DocumentKind.RENSTRA_PD:
                parent = code.prefix(CodeLevel.KEGIATAN)
                if parent is not None:
                    chosen.update(by_code.get(parent, ()))
        scored = []
        said = frozenset(reading.written)
        for j in chosen:
            evidence = compare(
                a,
                lines[j],
                float(sims[j]),
                weights,
                year,
                options.tolerance,
                reading,
                bool(said) and said == worded(j),
            )
            probability = weights.probability(e.weight for e in evidence)
            scored.append((probability, sum(e.weight for e in evidence), j, evidence))
        scored.sort(key=lambda s: (-s[1], s[2]))
        yield a, lines, scored


def nearest(sims: Any, count: int) -> set[int]:
    """The ``count`` lines of the highest similarity, the earlier line first among equals: the
    first ``count`` of a stable sort of every line by similarity, found by a selection in linear
    time instead of the sort."""
    import numpy as np

    if len(sims) <= count:
        return set(range(len(sims)))
    if count <= 0:
        return set()
    kth = np.partition(sims, len(sims) - count)[len(sims) - count]
    above = np.flatnonzero(sims > kth)
    tied = np.flatnonzero(sims == kth)[: count - len(above)]
    return {int(j) for j in above} | {int(j) for j in tied}


def _link_kind(
    activities: Sequence[_Activity],
    targets: list[Target],
    kind: DocumentKind,
    year: int,
    options: LinkOptions,
    reader: Reader,
) -> Iterable[Trace]:
    link_p, review_p = options.thresholds
    for a, lines, scored in _scored(activities, targets, kind, year, options, reader):
        if not lines:
            yield Trace(a.index, a.activity, kind, TraceStatus.MISSING, inferred=a.inferred)
        else:
            yield _trace(a, kind, lines, scored, link_p, review_p, options.weights.margin)


def comparisons(
    bundle: RegionBundle, year: int, kind: DocumentKind, options: LinkOptions | None = None
) -> Iterable[tuple[int, Target, float, tuple[Evidence, ...]]]:
    """Every comparison the linker weighs for ``kind``: activity number, line, probability and
    evidence (what ``benchmarks/fit_linker_weights.py`` estimates the weights from)."""
    options = options or LinkOptions()
    ssk = bundle.ssk_for(year)
    if ssk is None:
        return
    reader = _reader(options)
    activities = _activities(ssk.activities, year, options, reader, str(bundle.region))
    for a, lines, scored in _scored(
        activities, _targets(bundle, year, kind), kind, year, options, reader
    ):
        for probability, _w, j, evidence in scored:
            yield a.index, lines[j].target, probability, evidence


def _codes_of(a: _Activity, kind: DocumentKind) -> list[NomenclatureCode]:
    codes = [a.code] if a.code is not None else [i.code for i in a.inferred]
    if kind is DocumentKind.RPJMD:
        return [c.program or c for c in codes]
    return codes


def _method(evidence: Sequence[Evidence]) -> LinkMethod:
    levels = {e.feature: e.level for e in evidence}
    code = levels.get("code")
    if code == "exact":
        return LinkMethod.CODE
    if code == "renumbered":
        return LinkMethod.RENUMBERED_CODE
    if code == "parent":
        return LinkMethod.PARENT_CODE
    if levels.get("inferred") in ("top", "listed"):
        return LinkMethod.INFERRED_CODE
    return LinkMethod.EVIDENCE


_REASONS = {
    LinkMethod.CODE: N_("link.code"),
    LinkMethod.RENUMBERED_CODE: N_("link.renumbered-code"),
    LinkMethod.PARENT_CODE: N_("link.parent-code"),
    LinkMethod.INFERRED_CODE: N_("link.inferred-code"),
    LinkMethod.EVIDENCE: N_("link.evidence"),
}


#: The features that say *what* a line is (its code, its name and the things it names); the
#: others (agency, place, amount, unit, subsector) only say where and by whom.
CONTENT = frozenset({"code", "inferred", "name", "wording", "concept", "action"})


def plausible(evidence: Sequence[Evidence]) -> bool:
    """Whether a candidate could be the counterpart: what its content says weighs more than
    nothing. The same agency, place and subsector alone never make a counterpart."""
    return sum(e.weight for e in evidence if e.feature in CONTENT) > 0


_PLACE_RANK = {"agrees": 2, "unknown": 1, "conflicts": 0}


def _level(evidence: Sequence[Evidence], feature: str) -> str:
    return next((e.level for e in evidence if e.feature == feature), "unknown")


def _content(evidence: Sequence[Evidence]) -> float:
    return sum(e.weight for e in evidence if e.feature in CONTENT)


_Scored = tuple[float, float, int, tuple[Evidence, ...]]


_ACTION_RANK = {"agrees": 2, "unknown": 1, "conflicts": 0}


def _planned_elsewhere(
    scored: list[_Scored], content: float, action: str = "unknown", said: float | None = None
) -> _Scored | None:
    """The candidate whose content outweighs ``content`` (the best candidate's) by
    :data:`ELSEWHERE_MARGIN` but that names another place, if any: the activity's own sub
    kegiatan, planned elsewhere. It must say the activity's action at least as well as the best
    candidate (``action``, its level): a line for running a facility is not the construction
    of one planned elsewhere. It must be of the activity's subsector (a line of another
    subsector is nobody's own), and what its name says must weigh at least what the best
    candidate's says (``said``: their content without the inferred code), so that a code
    inferred wrongly, on a line at another place, never overrules the line at the activity's
    place (found by a new user in Kota Kupang: three false INT003 errors)."""
    floor = content + ELSEWHERE_MARGIN
    rank = _ACTION_RANK.get(action, 1)
    found = None
    for s in scored:
        if (
            _level(s[3], "location") == "conflicts"
            and _level(s[3], "subsector") != "differs"
            and _ACTION_RANK.get(_level(s[3], "action"), 1) >= rank
            and _content(s[3]) >= floor
            and (said is None or _said(s[3]) >= said)
            and (found is None or _content(s[3]) > _content(found[3]))
        ):
            found = s
    return found


def _said(evidence: Sequence[Evidence]) -> float:
    """The content of a candidate without the inferred code: what its name says."""
    return sum(e.weight for e in evidence if e.feature in CONTENT and e.feature != "inferred")


def _trace(
    a: _Activity,
    kind: DocumentKind,
    lines: Sequence[_Line],
    scored: list[tuple[float, float, int, tuple[Evidence, ...]]],
    link_p: float,
    review_p: float,
    margin_bits: float = 0.0,
) -> Trace:
    # Long: the three outcomes (missing, to review, linked) decided in the order the docs give
    # them, with the planned-elsewhere and same-code cases between; one decision, read top to
    # bottom.
    candidates = tuple(
        Candidate(lines[j].target, round(p * 100, 1), ev)
        for p, _, j, ev in scored[:3]
        if p >= CANDIDATE_FLOOR
    )

    def missing(elsewhere: _Scored | None) -> Trace:
        shown = candidates
        if elsewhere is not None:
            # the line of the activity's own sub kegiatan at another place comes first
            p, _w, j, ev = elsewhere
            own = Candidate(lines[j].target, round(p * 100, 1), ev, elsewhere=True)
            shown = (own, *(c for c in candidates if c.target is not lines[j].target))
        return Trace(
            a.index,
            a.activity,
            kind,
            TraceStatus.MISSING,
            candidates=shown[:3],
            inferred=a.inferred,
        )

    # a line of the activity's own official code is never thrown away as "missing", whatever
    # else disagrees (another place, another amount): at worst it is to review
    own_code = any(_level(ev, "code") in ("exact", "renumbered") for _p, _w, _j, ev in scored)
    if not scored or (scored[0][0] < review_p and not own_code) or not plausible(scored[0][3]):
        if scored and plausible(scored[0][3]) and _level(scored[0][3], "location") == "conflicts":
            # the nearest line of all is the activity's own, at another place
            return missing(scored[0])
        floor = max(_content(scored[0][3]), 0.0) if scored else 0.0
        return missing(_planned_elsewhere(scored, floor))
    best_p, best_w, best_j, best_ev = scored[0]
    method = _method(best_ev)
    best_code = lines[best_j].code
    elsewhere = _planned_elsewhere(
        scored, _content(best_ev), _level(best_ev, "action"), _said(best_ev)
    )
    if (
        elsewhere is not None
        and not method.by_code
        and best_code is not None
        and lines[elsewhere[2]].code not in (None, best_code)
    ):
        # what the activity is, is planned, but at another place: the line at this place is
        # something else (a planner does not count a support line as the construction)
        return missing(elsewhere)
    runner_up = next(
        (w for _p, w, j, _ev in scored[1:] if best_code is None or lines[j].code != best_code),
        None,
    )
    margin = best_w - runner_up if runner_up is not None else float("inf")
    chosen = [(best_p, best_j, best_ev)]
    place = _PLACE_RANK[_level(best_ev, "location")]
    for p, w, j, ev in scored[1:]:
        # the same sub kegiatan written on several lines (several places, several agencies),
        # none of them at a worse place than the best
        if (
            p >= review_p
            and lines[j].code is not None
            and lines[j].code == best_code
            and _PLACE_RANK[_level(ev, "location")] >= max(place, 1)
            and w >= best_w - SAME_LINE_MARGIN
        ):
            chosen.append((p, j, ev))
    # the same official code on both sides is the counterpart by decree, unless the line names
    # another place: then it is to review (a line of the same code at the activity's place, or
    # of no code with the same name there, outweighs it)
    by_code = method in (LinkMethod.CODE, LinkMethod.RENUMBERED_CODE)
    # two codes that differ are never certain, whatever else agrees
    other_code = _level(best_ev, "code") in ("program", "differs")
    certain = (by_code and place > 0) or (
        not other_code and best_p >= link_p and margin >= margin_bits
    )
    status = TraceStatus.LINKED if certain else TraceStatus.REVIEW
    links = []
    for p, j, ev in chosen:
        m = _method(ev)
        params: dict[str, Any] = {"score": round(p * 100, 1)}
        if m.by_code:
            params |= {"code": str(a.original), "to": str(lines[j].code)}
        elif m is LinkMethod.INFERRED_CODE:
            why = next((e.detail for e in ev if e.feature == "inferred"), "")
            params |= {"code": str(lines[j].code), "why": why}
        links.append(Link(lines[j].target, m, round(p * 100, 1), _REASONS[m], params, ev))
    levels = {e.feature: e.level for e in best_ev}
    return Trace(
        a.index,
        a.activity,
        kind,
        status,
        tuple(links),
        candidates=candidates if status is TraceStatus.REVIEW else (),
        other_agency=levels.get("agency") == "different",
        inferred=a.inferred,
    )
