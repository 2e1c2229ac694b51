"""What the linker answers: for every SSK activity and every kind of plan, a trace that is
*linked*, *needs review* or *missing* (or finds no such document), with the links and their
evidence, or the nearest candidates."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ppsp.domain.agency import Agency
from ppsp.domain.documents import Document, DocumentKind, SSKActivity, StrategiSanitasi
from ppsp.domain.lazy import LazySequence
from ppsp.domain.money import Rupiah
from ppsp.domain.nomenclature import NomenclatureCode
from ppsp.i18n import N_
from ppsp.rules.linking.evidence import Evidence

__all__ = [
    "PLANNING_KINDS",
    "ByKind",
    "Candidate",
    "InferredCode",
    "Link",
    "LinkMethod",
    "Linkage",
    "Target",
    "Trace",
    "TraceStatus",
]

#: The documents an SSK activity is traced into, in planning order.
PLANNING_KINDS: tuple[DocumentKind, ...] = (
    DocumentKind.RPJMD,
    DocumentKind.RENSTRA_PD,
    DocumentKind.RKPD,
    DocumentKind.RENJA_PD,
    DocumentKind.DPA,
)


class LinkMethod(enum.Enum):
    """What a link rests on most."""

    CODE = "code"
    RENUMBERED_CODE = "renumbered-code"
    PARENT_CODE = "parent-code"
    INFERRED_CODE = "inferred-code"
    EVIDENCE = "evidence"
    #: earlier names of ``EVIDENCE`` (a link by name, with or without place and amount)
    NAME = "evidence"  # noqa: PIE796 - a deprecated alias
    NAME_CONTEXT = "evidence"  # noqa: PIE796 - a deprecated alias

    @property
    def by_code(self) -> bool:
        """Whether the link rests on the activity's own nomenclature code."""
        return self in (LinkMethod.CODE, LinkMethod.RENUMBERED_CODE, LinkMethod.PARENT_CODE)


class TraceStatus(enum.Enum):
    """Where an activity stands in one kind of document."""

    LINKED = "linked"
    REVIEW = "needs-review"
    MISSING = "missing"
    NO_DOCUMENT = "no-document"
    #: the earlier name of ``REVIEW``
    NAME_ONLY = "needs-review"  # noqa: PIE796 - a deprecated alias


_LABELS = {
    TraceStatus.LINKED: N_("trace.linked"),
    TraceStatus.REVIEW: N_("trace.needs-review"),
    TraceStatus.MISSING: N_("trace.missing"),
    TraceStatus.NO_DOCUMENT: N_("trace.no-document"),
}


class Target:
    """A line of a planning document, with what the linker needs to know of it (compared by
    identity: two lines with the same text are two lines)."""

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

    @property
    def location(self) -> str | None:
        """The line's location, when it has one."""
        found: str | None = getattr(self.line, "location", None)
        return found

    def indicator(self) -> str | None:
        """The line's indicator text (the first, for lines with several)."""
        single: str | None = getattr(self.line, "indicator", None)
        if single:
            return single
        several = getattr(self.line, "indicators", ())
        return str(several[0].name) if several and hasattr(several[0], "name") else None

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
class InferredCode:
    """A sub kegiatan code the linker takes to be an uncoded activity's, and why: each reason is
    a thesaurus entry that fired (``truk tinja → sarana pengangkutan lumpur tinja``) or the
    stems both names share (``≈ angkut, lumpur, tinja``), in no language of its own."""

    code: NomenclatureCode
    name: str
    score: float
    reasons: tuple[str, ...] = ()

    def why(self) -> str:
        """The reasons in one line."""
        return "; ".join(self.reasons)


@attrs.frozen
class Candidate:
    """A line that came near: its score (match probability, 0-100), evidence and where."""

    target: Target
    score: float
    evidence: tuple[Evidence, ...] = attrs.field(default=(), eq=False)
    #: the line of what the activity is, planned at another place than the activity's (shown
    #: first for a missing activity, whatever its score)
    elsewhere: bool = False

    @property
    def label(self) -> str:
        """The line's code and name."""
        return self.target.label()


@attrs.frozen
class Link:
    """A link from an activity to one line: method, score (match probability 0-100), the
    message key of its reason, and the evidence whose weights add up to the score."""

    target: Target
    method: LinkMethod
    score: float
    reason: str
    params: dict[str, Any] = attrs.field(factory=dict, eq=False)
    evidence: tuple[Evidence, ...] = attrs.field(default=(), eq=False)

    @property
    def weight(self) -> float:
        """The sum of the evidence weights (bits)."""
        return sum(e.weight for e in self.evidence)


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
    inferred: tuple[InferredCode, ...] = attrs.field(default=(), eq=False)

    @property
    def needs_review(self) -> bool:
        """The best candidate is plausible but not certain (INT007)."""
        return self.status is TraceStatus.REVIEW

    #: the earlier name of :attr:`needs_review`
    by_name_only = needs_review

    @property
    def score(self) -> float | None:
        """The best link's score."""
        return max((ln.score for ln in self.links), default=None)

    def pagu(self, year: int) -> Rupiah | None:
        """The linked lines' pagu for ``year`` (``None`` when none gives one)."""
        amounts = [a for a in (ln.target.pagu(year) for ln in self.links) if a is not None]
        return sum(amounts, Rupiah.zero()) if amounts else None


_POSITION = {kind: n for n, kind in enumerate(PLANNING_KINDS)}


def _in_order(traces: Sequence[Trace]) -> bool:
    """Whether ``traces`` are one per activity (0, 1, ...) and planning kind, in that order."""
    width = len(PLANNING_KINDS)
    return len(traces) % width == 0 and all(
        t.index == n // width and t.kind is PLANNING_KINDS[n % width] for n, t in enumerate(traces)
    )


class ByKind(LazySequence[Trace]):
    """The linker's traces, one per activity and planning kind in that order (a sequence equal
    to the tuple of them), held by kind: a kind with no document of the year holds no trace
    objects, only what its traces are made of (each activity and the codes inferred for it),
    and makes each trace when it is read. (Five such traces per activity were most of the
    memory of a check of millions of activities and no plan.)

    :param activities: the activities, in the SSK's order (activity ``n`` is number ``n``)
    :param inferred: the codes inferred for each activity
    :param columns: for each of ``PLANNING_KINDS``, its traces in the activities' order, or
        ``None`` for a kind with no document (each of its traces ``TraceStatus.NO_DOCUMENT``)
    """

    __slots__ = ("_activities", "_columns", "_inferred")

    def __init__(
        self,
        activities: Sequence[SSKActivity],
        inferred: Sequence[tuple[InferredCode, ...]],
        columns: Sequence[Sequence[Trace] | None],
    ) -> None:
        if len(columns) != len(PLANNING_KINDS) or len(inferred) != len(activities):
            raise ValueError("one column per planning kind, one inferred entry per activity")
        if any(c is not None and len(c) != len(activities) for c in columns):
            raise ValueError("one trace per activity in each column")
        self._activities = activities
        self._inferred = inferred
        self._columns = tuple(columns)
        super().__init__(len(activities) * len(PLANNING_KINDS), self._at)

    def _at(self, where: int) -> Trace:
        index, position = divmod(where, len(PLANNING_KINDS))
        return self._trace(index, position)

    def _trace(self, index: int, position: int) -> Trace:
        column = self._columns[position]
        if column is not None:
            return column[index]
        return Trace(
            index,
            self._activities[index],
            PLANNING_KINDS[position],
            TraceStatus.NO_DOCUMENT,
            inferred=self._inferred[index],
        )

    def __iter__(self) -> Iterator[Trace]:
        width = len(PLANNING_KINDS)
        for index in range(len(self._activities)):
            for position in range(width):
                yield self._trace(index, position)

    def column(self, kind: DocumentKind) -> Iterator[Trace]:
        """Every activity's trace in ``kind``, in the activities' order."""
        position = _POSITION[kind]
        return (self._trace(index, position) for index in range(len(self._activities)))

    def has_document(self, kind: DocumentKind) -> bool:
        """Whether ``kind``'s traces were linked (a kind with no document holds none)."""
        return self._columns[_POSITION[kind]] is not None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    # a class that defines __eq__ must say its hash again
    __hash__ = LazySequence.__hash__

    def __repr__(self) -> str:
        return repr(tuple(self))


@attrs.frozen
class Linkage:
    """The linker's answer for one bundle and year."""

    year: int
    ssk: StrategiSanitasi | None = attrs.field(eq=False, repr=False)
    traces: Sequence[Trace] = ()
    _index: dict[tuple[int, DocumentKind], Trace] = attrs.field(
        init=False, eq=False, repr=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        # the linker's traces are one per activity and planning kind, in that order: their
        # position is their index (no dictionary of millions of keys); others are looked up
        if not isinstance(self.traces, ByKind) and not _in_order(self.traces):
            for trace in self.traces:
                self._index[(trace.index, trace.kind)] = trace

    def get(self, index: int, kind: DocumentKind) -> Trace | None:
        """The trace of activity number ``index`` (0-based) in ``kind``."""
        if self._index or not self.traces:
            return self._index.get((index, kind))
        position = _POSITION.get(kind)
        at = index * len(PLANNING_KINDS) + position if position is not None else -1
        return self.traces[at] if index >= 0 and 0 <= at < len(self.traces) else None

    def of_kind(self, kind: DocumentKind) -> tuple[Trace, ...]:
        """Every activity's trace in ``kind``."""
        return tuple(self.traces_of(kind))

    def traces_of(self, kind: DocumentKind) -> Iterator[Trace]:
        """Every activity's trace in ``kind``, one at a time (what :meth:`of_kind` holds at
        once)."""
        if isinstance(self.traces, ByKind) and kind in _POSITION:
            return self.traces.column(kind)
        return (t for t in self.traces if t.kind is kind)

    def _no_document(self, kind: DocumentKind) -> bool:
        # a kind the linker found no document of: every trace in it says so
        return (
            isinstance(self.traces, ByKind)
            and kind in _POSITION
            and (not self.traces.has_document(kind))
        )

    def __iter__(self) -> Iterator[Trace]:
        return iter(self.traces)

    def share_linked(self, kind: DocumentKind) -> Decimal | None:
        """The share (0-1) of activities linked or to review in ``kind`` (``None`` without
        such a document)."""
        if self._no_document(kind):
            return None
        traces = [t for t in self.traces_of(kind) if t.status is not TraceStatus.NO_DOCUMENT]
        if not traces:
            return None
        linked = sum(1 for t in traces if t.links)
        return Decimal(linked) / Decimal(len(traces))

    def planned(self, trace: Trace) -> bool:
        """Whether the activity is planned in the audited year for ``trace``'s kind: always for
        the five-year plans, and for the annual ones when the SSK costs it in the year."""
        if trace.kind in (DocumentKind.RPJMD, DocumentKind.RENSTRA_PD):
            return True
        cost = trace.activity.cost_in(self.year)
        return cost is not None and not cost.is_zero()

    def label_key(self, trace: Trace) -> str:
        """The message key of the trace's outcome as the traceability matrix shows it: an
        activity the SSK does not plan this year, found nowhere certain, is "not planned this
        year", apart from "missing" and "needs review"."""
        if trace.status in (TraceStatus.MISSING, TraceStatus.REVIEW) and not self.planned(trace):
            return N_("trace.not-planned")
        return _LABELS[trace.status]

    def outcomes(self, kind: DocumentKind) -> dict[TraceStatus, int]:
        """How many activities landed in each outcome in ``kind``."""
        counts = dict.fromkeys((TraceStatus.LINKED, TraceStatus.REVIEW, TraceStatus.MISSING), 0)
        if self._no_document(kind):
            return counts
        for trace in self.traces_of(kind):
            if trace.status in counts:
                counts[trace.status] += 1
        return counts
