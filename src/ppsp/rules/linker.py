"""Where did each SSK activity go? Links from the SSK's activities to the lines of the RPJMD,
Renstra-PD, RKPD, Renja-PD and DPA of the audited year.

For every activity and every kind of planning document the linker tries, in order:

1. **code**: the activity's nomenclature code, brought to the code list in force in the audited
   year (following the renumbering between list versions), against the lines' codes brought to
   the same list. The RPJMD is matched on the program part of the code; a Renstra-PD that lists
   only the kegiatan is matched on the kegiatan (a programme alone is not a counterpart).
2. **name**: the normalised name (:mod:`ppsp.rules.names`) against the names (and indicators)
   of the lines *of the same agency or program*, scored 0-100 with rapidfuzz in one vectorised
   ``cdist`` per group; names that say different actions (build vs rehabilitate) or name
   different things (SPALD terpusat vs setempat) lose points.
3. **location and amount**: a name score just below the threshold is accepted when the line's
   location and its pagu agree with the activity's; they also break ties between candidates,
   and a line whose location names another place is not linked by name.

Every link carries its method, score and reason; a trace with no link carries the nearest
candidates instead.

>>> from ppsp.demo import demo_bundle
>>> from ppsp.domain import DocumentKind
>>> links = link(demo_bundle(), 2025)
>>> trace = links.get(0, DocumentKind.RKPD)
>>> trace.status.value, trace.links[0].method.value, trace.links[0].score
('linked', 'code', 100.0)
"""

from __future__ import annotations

import enum
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ppsp.domain.agency import Agency
from ppsp.domain.bundle import RegionBundle
from ppsp.domain.documents import Document, DocumentKind, SSKActivity, StrategiSanitasi
from ppsp.domain.money import Rupiah
from ppsp.domain.nomenclature import CodeLevel, CodeLists, NomenclatureCode
from ppsp.errors import InvalidValue
from ppsp.i18n import N_
from ppsp.rules.names import ACTION_WORDS, CONTRASTS, action_words, contrast_marks, name_key

if TYPE_CHECKING:
    from ppsp.rules.engine import Settings

__all__ = [
    "PLANNING_KINDS",
    "Candidate",
    "Link",
    "LinkMethod",
    "Linkage",
    "Target",
    "Trace",
    "TraceStatus",
    "link",
    "score_names",
]

#: The documents an SSK activity is traced into, in planning order.
PLANNING_KINDS: tuple[DocumentKind, ...] = (
    DocumentKind.RPJMD,
    DocumentKind.RENSTRA_PD,
    DocumentKind.RKPD,
    DocumentKind.RENJA_PD,
    DocumentKind.DPA,
)

#: Points a name loses for each conflict (different action, contrasting words).
CONFLICT_PENALTY = 35.0
#: How far below the threshold a name score may be when location and amount agree.
CONTEXT_MARGIN = 12.0
#: How alike two agency names must be (0-100) to be taken as the same agency.
AGENCY_MATCH = 90.0
#: Scores below this are not worth showing as candidates.
CANDIDATE_FLOOR = 40.0


class LinkMethod(enum.Enum):
    """How a link was found."""

    CODE = "code"
    RENUMBERED_CODE = "renumbered-code"
    PARENT_CODE = "parent-code"
    NAME = "name"
    NAME_CONTEXT = "name-location-amount"

    @property
    def by_code(self) -> bool:
        """Whether the link rests on the nomenclature code."""
        return self in (LinkMethod.CODE, LinkMethod.RENUMBERED_CODE, LinkMethod.PARENT_CODE)


class TraceStatus(enum.Enum):
    """Where an activity stands in one kind of document."""

    LINKED = "linked"
    NAME_ONLY = "name-only"
    MISSING = "missing"
    NO_DOCUMENT = "no-document"


class Target:
    """A line of a planning document, with what the linker needs to know of it (compared by
    identity: two lines with the same text are two lines). A plain slotted class: the linker
    makes one per line of every plan of the year."""

    __slots__ = ("agency", "document", "kind", "line", "position")

    def __init__(
        self,
        kind: DocumentKind,
        document: Document,
        line: Any,
        position: int,
        agency: Agency | None,
    ) -> None:
        self.kind = kind
        self.document = document
        self.line = line
        self.position = position
        self.agency = agency

    def __repr__(self) -> str:
        return f"Target({self.kind.value}, {self.position}, {self.label()!r})"

    @property
    def name(self) -> str:
        """The line's name."""
        return str(self.line.name)

    @property
    def code(self) -> NomenclatureCode | None:
        """The line's code as written."""
        code: NomenclatureCode | None = self.line.code
        return code

    def pagu(self, year: int) -> Rupiah | None:
        """The line's pagu for ``year``."""
        if hasattr(self.line, "pagu_in"):
            found: Rupiah | None = self.line.pagu_in(year)
            return found
        pagu: Rupiah | None = getattr(self.line, "pagu", None)
        return pagu

    def label(self) -> str:
        """``code name`` as shown in reports."""
        return f"{self.code} {self.name}" if self.code else self.name


@attrs.frozen
class Candidate:
    """A line that came near: its label, score and where it is."""

    target: Target
    score: float

    @property
    def label(self) -> str:
        """The line's code and name."""
        return self.target.label()


@attrs.frozen
class Link:
    """A link from an activity to one line."""

    target: Target
    method: LinkMethod
    score: float
    reason: str
    params: dict[str, Any] = attrs.field(factory=dict, eq=False)


@attrs.frozen
class Trace:
    """One activity in one kind of document: its links, or the nearest candidates."""

    index: int
    activity: SSKActivity = attrs.field(eq=False, repr=False)
    kind: DocumentKind
    status: TraceStatus
    links: tuple[Link, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    other_agency: bool = False

    @property
    def by_name_only(self) -> bool:
        """Linked, but by name similarity only."""
        return self.status is TraceStatus.NAME_ONLY

    @property
    def score(self) -> float | None:
        """The best link's score."""
        return max((ln.score for ln in self.links), default=None)

    def pagu(self, year: int) -> Rupiah | None:
        """The linked lines' pagu for ``year`` (``None`` when none gives one)."""
        amounts = [a for a in (ln.target.pagu(year) for ln in self.links) if a is not None]
        return sum(amounts, Rupiah.zero()) if amounts else None


@attrs.frozen
class Linkage:
    """The linker's answer for one bundle and year."""

    year: int
    ssk: StrategiSanitasi | None = attrs.field(eq=False, repr=False)
    traces: tuple[Trace, ...] = ()
    _index: dict[tuple[int, DocumentKind], Trace] = attrs.field(
        init=False, eq=False, repr=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        for trace in self.traces:
            self._index[(trace.index, trace.kind)] = trace

    def get(self, index: int, kind: DocumentKind) -> Trace | None:
        """The trace of activity number ``index`` (0-based) in ``kind``."""
        return self._index.get((index, kind))

    def of_kind(self, kind: DocumentKind) -> tuple[Trace, ...]:
        """Every activity's trace in ``kind``."""
        return tuple(t for t in self.traces if t.kind is kind)

    def __iter__(self) -> Iterator[Trace]:
        return iter(self.traces)

    def share_linked(self, kind: DocumentKind) -> Decimal | None:
        """The share (0-1) of activities linked in ``kind`` (``None`` without such a document)."""
        traces = [t for t in self.of_kind(kind) if t.status is not TraceStatus.NO_DOCUMENT]
        if not traces:
            return None
        linked = sum(1 for t in traces if t.links)
        return Decimal(linked) / Decimal(len(traces))


# -- scoring ------------------------------------------------------------------------------


def score_names(queries: Sequence[str], choices: Sequence[str]) -> Any:
    """Scores (0-100) of every query name against every choice name, as a numpy matrix.

    The mean of rapidfuzz's ``token_sort_ratio`` (word order) and ``token_set_ratio`` (extra
    words such as a location) on the normalised names, less ``CONFLICT_PENALTY`` points for each
    conflict (different actions; contrasting words).

    >>> m = score_names(["Pembangunan IPLT"],
    ...                 ["Pembangunan Instalasi Pengolahan Lumpur Tinja", "Rehabilitasi IPLT"])
    >>> [round(float(x)) for x in m[0]]
    [100, 44]
    """
    import numpy as np
    from rapidfuzz import fuzz, process

    if not queries or not choices:
        return np.zeros((len(queries), len(choices)), dtype=np.float32)
    q_keys = [name_key(q) for q in queries]
    c_keys = [name_key(c) for c in choices]
    sort = process.cdist(q_keys, c_keys, scorer=fuzz.token_sort_ratio, dtype=np.float32)
    subset = process.cdist(q_keys, c_keys, scorer=fuzz.token_set_ratio, dtype=np.float32)
    scores = (sort + subset) / 2
    penalty = _conflicts(queries, choices) * CONFLICT_PENALTY
    return np.clip(scores - penalty, 0, 100)


def _bits(names: Sequence[str]) -> tuple[Any, Any]:
    """Action words and contrasting words of each name as bit masks (one shared vocabulary)."""
    import numpy as np

    actions = np.zeros(len(names), dtype=np.uint64)
    marks = np.zeros((len(names), len(CONTRASTS)), dtype=np.uint64)
    for i, name in enumerate(names):
        for word in action_words(name):
            actions[i] |= np.uint64(_ACTION_BITS[word])
        for g, group in enumerate(contrast_marks(name)):
            for word in group:
                marks[i, g] |= np.uint64(_CONTRAST_BITS[g][word])
    return actions, marks


_ACTION_BITS = {word: 1 << (i % 64) for i, word in enumerate(sorted(ACTION_WORDS))}
_CONTRAST_BITS = [{word: 1 << i for i, word in enumerate(sorted(group))} for group in CONTRASTS]


def _conflicts(queries: Sequence[str], choices: Sequence[str]) -> Any:
    import numpy as np

    q_act, q_marks = _bits(queries)
    c_act, c_marks = _bits(choices)
    zero = np.uint64(0)

    def disjoint(a: Any, b: Any) -> Any:
        return ((a[:, None] & b[None, :]) == zero) & (a[:, None] != zero) & (b[None, :] != zero)

    count = disjoint(q_act, c_act).astype(np.float32)
    for g in range(q_marks.shape[1]):
        count += disjoint(q_marks[:, g], c_marks[:, g])
    return count


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


def _same_agency(a: Agency | None, b: Agency | None) -> bool:
    return a is not None and b is not None and a.same_as(b)


@functools.lru_cache(maxsize=65536)
def _place(text: str | None) -> frozenset[str]:
    return frozenset(name_key(text or "").split()) - _PLACE_WORDS


_SEPARATORS = re.compile(r"[,;/]|\bdan\b|\n", re.I)


@functools.lru_cache(maxsize=65536)
def _places(text: str | None) -> tuple[frozenset[str], ...]:
    """The places a location cell names (``Desa Tewah, Desa Sei Riang`` names two)."""
    found = [frozenset(_place(part)) for part in _SEPARATORS.split(text or "")]
    return tuple(p for p in found if p)


def _location_agrees(activity: SSKActivity, target: Target) -> bool:
    """One of the places the line names is the activity's place."""
    wanted = _place(activity.location)
    return bool(wanted) and wanted in _places(getattr(target.line, "location", None))


_REGION_WIDE = re.compile(r"\b(kab|kabupaten|kota|seluruh|semua|lintas|se)\b", re.I)


def _location_conflicts(activity: SSKActivity, target: Target) -> bool:
    """Both name a location, and the line's is another place.

    A line for the whole region (``Kabupaten Gunung Mas``, ``seluruh kecamatan``) conflicts
    with no place.
    """
    raw = getattr(target.line, "location", None)
    if not raw or _REGION_WIDE.search(raw):
        return False
    wanted = _place(activity.location)
    have = _places(raw)
    return bool(wanted and have and wanted not in have)


_PLACE_WORDS = frozenset({"kelurahan", "kecamatan", "desa", "kawasan", "lokasi", "seluruh"})


def _amount_agrees(cost: Rupiah | None, pagu: Rupiah | None, tolerance: Decimal) -> bool:
    if cost is None or pagu is None or cost.is_zero():
        return False
    return abs(pagu.amount - cost.amount) <= cost.amount * max(tolerance, Decimal("0.25"))


# -- linking -------------------------------------------------------------------------------


def _agency_close(a: str, b: str) -> bool:
    """Whether two agency keys may be compared by similarity: both of three words or more
    (``dinas kesehatan`` is not every ``dinas kesehatan ...``) and with the same numbers."""
    wa, wb = a.split(), b.split()
    if min(len(wa), len(wb)) < 3:
        return False
    return {w for w in wa if w.isdigit()} == {w for w in wb if w.isdigit()}


class _Index:
    """The lines of one kind of document, indexed by code (in the audited year's list)."""

    def __init__(self, targets: list[Target], year: int, lists: CodeLists) -> None:
        self.targets = targets
        self.by_code: dict[NomenclatureCode, list[Target]] = defaultdict(list)
        self.by_program: dict[NomenclatureCode, list[Target]] = defaultdict(list)
        self.by_agency: dict[str, list[Target]] = defaultdict(list)
        self.leaves: list[Target] = []
        # per distinct code, once: the code in the year's list, its program and its level
        known: dict[NomenclatureCode, tuple[NomenclatureCode | None, Any, Any]] = {}
        leaf_agency: list[str] = []
        leaf_program: list[NomenclatureCode | None] = []
        by_code, by_program, by_agency = self.by_code, self.by_program, self.by_agency
        every_line = targets[0].kind is DocumentKind.RPJMD if targets else False
        for target in targets:
            line = target.line
            original = line.code
            code = program = level = None
            if original is not None:
                facts = known.get(original)
                if facts is None:
                    renumbered = _renumbered(original, year, lists)
                    facts = (
                        renumbered,
                        renumbered.program if renumbered is not None else None,
                        renumbered.level if renumbered is not None else None,
                    )
                    known[original] = facts
                code, program, level = facts
                if code is not None:
                    by_code[code].append(target)
                    if program is not None:
                        by_program[program].append(target)
            agency = target.agency
            key = agency.key if agency is not None else ""
            if agency is not None:
                by_agency[key].append(target)
            level = getattr(line, "level", None) or level
            if every_line or level is None or level is CodeLevel.SUB_KEGIATAN:
                self.leaves.append(target)
                leaf_agency.append(key)
                leaf_program.append(program)
        self._agency_keys: dict[str, list[str]] = {}
        self._agency_id = {key: n for n, key in enumerate(dict.fromkeys(leaf_agency))}
        self._program_id = {p: n for n, p in enumerate(dict.fromkeys(leaf_program))}
        self._leaf_agency = leaf_agency
        self._leaf_program = leaf_program
        self._arrays: tuple[Any, Any] | None = None

    def _ids(self) -> tuple[Any, Any]:
        import numpy as np

        if self._arrays is None:
            self._arrays = (
                np.array([self._agency_id[a] for a in self._leaf_agency], dtype=np.int32),
                np.array([self._program_id[p] for p in self._leaf_program], dtype=np.int32),
            )
        return self._arrays

    def mask(self, activity: SSKActivity, code: NomenclatureCode | None) -> Any:
        """Which leaves a name may be matched against: of the same agency or program (all of
        them when the activity names neither)."""
        import numpy as np

        program = code.program if code is not None else None
        if activity.agency is None and program is None:
            return np.ones(len(self.leaves), dtype=bool)
        agencies, programs = self._ids()
        keys = self.agency_keys(activity.agency.key) if activity.agency is not None else []
        wanted = [self._agency_id[k] for k in keys if k in self._agency_id]
        mask = np.isin(agencies, wanted)
        if program is not None and program in self._program_id:
            mask |= programs == self._program_id[program]
        return mask

    def agency_keys(self, key: str) -> list[str]:
        """The agencies of the document that are ``key``: the same key and spellings close to
        it (``Dinas Perumahan Rakyat dan Kawasan Permukiman`` for ``Dinas Perumahan dan
        Kawasan Permukiman``)."""
        if key not in self._agency_keys:
            from rapidfuzz import fuzz

            self._agency_keys[key] = [
                other
                for other in self.by_agency
                if other == key
                or (_agency_close(key, other) and fuzz.token_set_ratio(key, other) >= AGENCY_MATCH)
            ]
        return self._agency_keys[key]


def _code_links(
    activity: SSKActivity, code: NomenclatureCode, original: NomenclatureCode, index: _Index
) -> tuple[list[Target], LinkMethod]:
    method = LinkMethod.CODE if code == original else LinkMethod.RENUMBERED_CODE
    kind = index.targets[0].kind if index.targets else None
    if kind is DocumentKind.RPJMD:
        program = code.program or code
        return index.by_code.get(program, []), method
    found = index.by_code.get(code, [])
    if found:
        return found, method
    if kind is DocumentKind.RENSTRA_PD:
        # a Renstra-PD that lists only the kegiatan still carries the activity; a programme
        # alone does not
        parent = code.prefix(CodeLevel.KEGIATAN)
        if parent is not None and parent != code and index.by_code.get(parent):
            return index.by_code[parent], LinkMethod.PARENT_CODE
    return [], method


def _prefer(activity: SSKActivity, targets: list[Target]) -> tuple[list[Target], bool]:
    """Of the lines found for an activity: those of its own agency (and whether only another
    agency's were found); of those, the ones at its location when some are."""
    if activity.agency is not None:
        own = [t for t in targets if t.agency is None or _same_agency(t.agency, activity.agency)]
        if own:
            targets = own
        elif any(t.agency is not None for t in targets):
            return targets, True
    if activity.location:
        here = [t for t in targets if _location_agrees(activity, t)]
        targets = here or [t for t in targets if not _location_conflicts(activity, t)]
    if len(targets) > 1:
        # several lines of the same code at the same place: the ones named most like it
        scores = score_names([activity.name], [_choice(t) for t in targets])[0]
        best = float(scores.max())
        targets = [t for t, score in zip(targets, scores, strict=True) if score >= best - 10]
    return targets, False


def _query(activity: SSKActivity, kind: DocumentKind) -> str:
    if kind is DocumentKind.RPJMD and activity.program:
        return activity.program
    return activity.name


def _choice(target: Target) -> str:
    indicator = getattr(target.line, "indicator", None)
    return f"{target.name} {indicator}" if indicator else target.name


def link(bundle: RegionBundle, year: int, settings: Settings | None = None) -> Linkage:
    """Link every activity of the SSK in force in ``year`` to the planning documents of ``year``.

    Without an SSK for the year the linkage is empty.
    """
    from ppsp.rules.engine import Settings

    settings = settings or Settings()
    ssk = bundle.ssk_for(year)
    if ssk is None:
        return Linkage(year, None)
    traces: list[Trace] = []
    lists = settings.code_lists
    codes = [(_renumbered(a.code, year, lists), a.code) for a in ssk.activities]
    for kind in PLANNING_KINDS:
        targets = _targets(bundle, year, kind)
        if not targets:
            traces.extend(
                Trace(i, a, kind, TraceStatus.NO_DOCUMENT) for i, a in enumerate(ssk.activities)
            )
            continue
        traces.extend(
            _link_kind(ssk.activities, codes, _Index(targets, year, lists), kind, year, settings)
        )
    return Linkage(
        year, ssk, tuple(sorted(traces, key=lambda t: (t.index, PLANNING_KINDS.index(t.kind))))
    )


def _link_kind(
    activities: Sequence[SSKActivity],
    codes: Sequence[tuple[NomenclatureCode | None, NomenclatureCode | None]],
    index: _Index,
    kind: DocumentKind,
    year: int,
    settings: Settings,
) -> Iterable[Trace]:
    pending: list[int] = []
    masks: list[Any] = []
    for i, activity in enumerate(activities):
        code, original = codes[i]
        if code is not None and original is not None:
            found, method = _code_links(activity, code, original, index)
            chosen, elsewhere = _prefer(activity, found)
            if chosen:
                reason = {
                    LinkMethod.CODE: N_("link.code"),
                    LinkMethod.RENUMBERED_CODE: N_("link.renumbered-code"),
                    LinkMethod.PARENT_CODE: N_("link.parent-code"),
                }[method]
                params = {"code": str(original), "to": str(code)}
                yield Trace(
                    i,
                    activity,
                    kind,
                    TraceStatus.LINKED,
                    tuple(Link(t, method, 100.0, reason, params) for t in chosen),
                    other_agency=elsewhere,
                )
                continue
        pending.append(i)
        masks.append(index.mask(activity, code))
    if not pending:
        return
    if not index.leaves:
        for i in pending:
            yield Trace(i, activities[i], kind, TraceStatus.MISSING)
        return
    # one vectorised matrix per group of activities that share a pool (agency or program)
    import numpy as np

    groups: dict[bytes, list[int]] = defaultdict(list)
    for row, mask in enumerate(masks):
        groups[np.packbits(mask).tobytes()].append(row)
    for rows in groups.values():
        columns = np.flatnonzero(masks[rows[0]])
        if not len(columns):
            for row in rows:
                yield Trace(pending[row], activities[pending[row]], kind, TraceStatus.MISSING)
            continue
        pool = [index.leaves[c] for c in columns]
        matrix = score_names(
            [_query(activities[pending[row]], kind) for row in rows], [_choice(t) for t in pool]
        )
        for k, row in enumerate(rows):
            i = pending[row]
            yield _name_trace(i, activities[i], kind, pool, matrix[k], year, settings)


def _name_trace(
    i: int,
    activity: SSKActivity,
    kind: DocumentKind,
    pool: list[Target],
    scores: Any,
    year: int,
    settings: Settings,
) -> Trace:
    import numpy as np

    threshold = settings.link_threshold
    order = np.argsort(-scores, kind="stable")[:8]
    cost = activity.regional_budget_cost(year) or activity.cost_in(year)
    ranked: list[tuple[float, float, Target, bool]] = []
    for j in order:
        score = float(scores[j])
        if score < CANDIDATE_FLOOR:
            break
        target = pool[int(j)]
        if _location_conflicts(activity, target):
            ranked.append((score - 100.0, score, target, False))
            continue
        here = _location_agrees(activity, target)
        context = here and _amount_agrees(cost, target.pagu(year), settings.tolerance)
        ranked.append(
            (score + (5.0 if here else 0.0) + (5.0 if context else 0.0), score, target, context)
        )
    ranked.sort(key=lambda r: -r[0])
    candidates = tuple(Candidate(t, round(s, 1)) for _, s, t, _ in ranked[:3])
    if ranked and ranked[0][0] >= 0:
        _, score, target, context = ranked[0]
        method = None
        if score >= threshold:
            method = LinkMethod.NAME
        elif context and score >= threshold - CONTEXT_MARGIN:
            method = LinkMethod.NAME_CONTEXT
        if method is not None:
            reason = N_("link.name") if method is LinkMethod.NAME else N_("link.name-context")
            elsewhere = (
                activity.agency is not None
                and target.agency is not None
                and not _same_agency(activity.agency, target.agency)
            )
            return Trace(
                i,
                activity,
                kind,
                TraceStatus.NAME_ONLY,
                (Link(target, method, round(score, 1), reason, {"score": round(score, 1)}),),
                candidates=candidates,
                other_agency=elsewhere,
            )
    return Trace(i, activity, kind, TraceStatus.MISSING, candidates=candidates)
