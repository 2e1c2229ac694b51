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
    CodeLists,
    NomenclatureCode,
    sanitation_code_lists,
)
from ppsp.errors import InvalidValue
from ppsp.i18n import N_
from ppsp.rules.linking.agencies import agency_agreement
from ppsp.rules.linking.evidence import Evidence, Weights, name_level
from ppsp.rules.linking.model import (
    PLANNING_KINDS,
    Candidate,
    InferredCode,
    Link,
    Linkage,
    LinkMethod,
    Target,
    Trace,
    TraceStatus,
)
from ppsp.rules.linking.places import location_agreement
from ppsp.rules.linking.text import Reader, Reading, Thesaurus, fold

__all__ = ["LinkOptions", "compare", "comparisons", "infer_codes", "link"]

#: How many nearest lines by name are weighed in full for each activity.
POOL = 24
#: The inference score (0-1.35: word overlap plus a shared concept) from which the first
#: inferred code counts as the activity's code ("top"); below it, as one of its likely codes.
CONFIDENT_INFERENCE = 0.6
#: Candidates below this probability are not shown.
CANDIDATE_FLOOR = 0.02

#: What an activity does, by stem: two names that each say what they do, in different groups,
#: are different activities (build vs rehabilitate). Everyday planning usage [unconfirmed].
ACTION_GROUPS: dict[str, str] = {
    **dict.fromkeys(
        ("bangun", "sedia", "ada", "buat", "pasang", "beli", "konstruksi", "bantu"), "provide"
    ),
    **dict.fromkeys(("rehabilitasi", "tingkat", "baik", "luas", "ganti"), "improve"),
    **dict.fromkeys(("pelihara", "operasi", "operasional", "optimalisasi", "rawat"), "operate"),
    **dict.fromkeys(
        ("susun", "rencana", "kaji", "studi", "survei", "data", "peta", "desain"), "plan"
    ),
    **dict.fromkeys(
        (
            "sosialisasi",
            "latih",
            "bimbing",
            "picu",
            "kampanye",
            "edukasi",
            "promosi",
            "suluh",
            "daya",
            "bina",
            "damping",
        ),
        "people",
    ),
    **dict.fromkeys(
        ("pantau", "awas", "monitoring", "evaluasi", "verifikasi", "monev", "nilai", "inspeksi"),
        "monitor",
    ),
}


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


# attrs frozen classes have no __dict__ for cached_property: keep readers by thesaurus
_READERS: dict[int, Reader] = {}


def _reader(options: LinkOptions) -> Reader:
    if options.thesaurus is None:
        return Reader.default()
    key = id(options.thesaurus)
    if key not in _READERS:
        _READERS[key] = Reader(options.thesaurus)
    return _READERS[key]


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


def code_level(
    kind: DocumentKind,
    code: NomenclatureCode | None,
    original: NomenclatureCode | None,
    line_code: NomenclatureCode | None,
    line_original: NomenclatureCode | None,
) -> str:
    """The level of the ``code`` feature (see :data:`~ppsp.rules.linking.evidence.FEATURES`)."""
    if code is None or line_code is None:
        return "none"
    if kind is DocumentKind.RPJMD:
        return "exact" if (code.program or code) == (line_code.program or line_code) else "differs"
    if code == line_code:
        return "exact" if (code == original and line_code == line_original) else "renumbered"
    parent = code.prefix(CodeLevel.KEGIATAN)
    if parent is not None and parent == line_code:
        return "parent"
    if code.program is not None and code.program == line_code.program:
        return "program"
    return "differs"


#: How many words at the start of a name say what it does: Indonesian activity names open with
#: the action (*Pembangunan* IPAL, *Pemeliharaan* saluran); an action word further on describes
#: the object (IPAL *yang sudah dibangun*) or comes from the thesaurus.
ACTION_SPAN = 2


def _actions(reading: Reading) -> frozenset[str]:
    head = reading.words[:ACTION_SPAN]
    return frozenset(ACTION_GROUPS[w] for w in head if w in ACTION_GROUPS)


def _objects(reading: Reading) -> frozenset[str]:
    return frozenset(c for c in reading.concepts if not c.startswith("action:"))


def _amount_level(cost: Any, pagu: Any, tolerance: Decimal) -> str:
    if cost is None or pagu is None or cost.is_zero() or pagu.is_zero():
        return "unknown"
    ratio = pagu.amount / cost.amount
    margin = max(tolerance, Decimal("0.25"))
    if 1 - margin <= ratio <= 1 + margin:
        return "agrees"
    if Decimal("0.2") <= ratio <= 5:
        return "near"
    return "far"


def _unit_level(activity: SSKActivity, target: Target) -> str:
    mine = " ".join(fold(activity.unit or ""))
    theirs = " ".join(fold(getattr(target.line, "unit", None) or ""))
    if not mine or not theirs:
        return "unknown"
    return "agrees" if mine == theirs else "differs"


@attrs.define
class _Activity:
    """What the linker works out once per activity."""

    index: int
    activity: SSKActivity
    code: NomenclatureCode | None
    original: NomenclatureCode | None
    reading: Reading
    inferred: tuple[InferredCode, ...]
    cost: Any
    #: the programs the inference list holds: a line of another program says nothing about
    #: the inference
    covered: frozenset[NomenclatureCode] = frozenset()


@attrs.define
class _Line:
    target: Target
    code: NomenclatureCode | None
    original: NomenclatureCode | None
    reading: Reading


def compare(
    a: _Activity,
    line: _Line,
    similarity: float,
    weights: Weights,
    year: int,
    tolerance: Decimal,
    reading: Reading | None = None,
) -> tuple[Evidence, ...]:
    """The evidence of one activity against one line (``reading``: the activity's name as
    read against this document, typos mended)."""
    reading = reading or a.reading
    kind = line.target.kind
    found: list[Evidence] = []

    def add(feature: str, level: str, detail: str = "") -> None:
        found.append(Evidence(feature, level, weights.of(feature, level), detail))

    add(
        "code",
        code_level(kind, a.code, a.original, line.code, line.original),
        str(line.original) if line.original is not None else "",
    )
    covered = line.code is not None and (line.code.program or line.code) in a.covered
    if a.code is None and a.inferred and line.code is not None and covered:
        wanted = [
            (i.code.program or i.code) if kind is DocumentKind.RPJMD else i.code for i in a.inferred
        ]
        have = (line.code.program or line.code) if kind is DocumentKind.RPJMD else line.code
        if have == wanted[0] and a.inferred[0].score >= CONFIDENT_INFERENCE:
            add("inferred", "top", a.inferred[0].why())
        elif have in wanted:
            hit = a.inferred[wanted.index(have)]
            add("inferred", "listed", hit.why())
        else:
            add("inferred", "no")
    else:
        add("inferred", "none")
    add("name", name_level(similarity), f"{similarity:.2f}")
    mine, theirs = _objects(reading), _objects(line.reading)
    if mine and theirs:
        shared = mine & theirs
        add("concept", "shared" if shared else "disjoint", ", ".join(sorted(shared or mine)))
    else:
        add("concept", "none")
    acts, line_acts = _actions(reading), _actions(line.reading)
    if acts and line_acts:
        add("action", "agrees" if acts & line_acts else "conflicts")
    else:
        add("action", "unknown")
    add(
        "agency",
        agency_agreement(
            a.activity.agency.name if a.activity.agency else None,
            line.target.agency.name if line.target.agency else None,
        ),
    )
    add("location", location_agreement(a.activity.location, line.target.location))
    add("amount", _amount_level(a.cost, line.target.pagu(year), tolerance))
    add("unit", _unit_level(a.activity, line.target))
    return tuple(found)


# -- name similarity over a whole document ---------------------------------------------------


class _Space:
    """IDF-weighted word vectors of a document's lines, and the activities' against them."""

    def __init__(self, lines: Sequence[_Line]) -> None:
        import math

        import numpy as np

        self.lines = lines
        counts: dict[str, int] = {}
        for line in lines:
            for word in set(line.reading.words):
                counts[word] = counts.get(word, 0) + 1
        n = max(len(lines), 1)
        self.idf = {w: math.log((n + 1) / (c + 0.5)) + 1.0 for w, c in counts.items()}
        self.vocabulary = sorted(counts)
        self._np = np
        self.norms = np.array(
            [
                math.sqrt(sum(self._weight(w) ** 2 for w in set(ln.reading.words))) or 1.0
                for ln in lines
            ],
            dtype=np.float64,
        )
        self._mend: dict[str, str | None] = {}

    def _weight(self, word: str) -> float:
        return self.idf.get(word, 3.0)

    def mend(self, word: str) -> str | None:
        """The plan's own word a typo stands for (``pembanguan`` -> ``bangun``'s text)."""
        if word in self.idf or len(word) < 5 or not word.isalpha():
            return word if word in self.idf else None
        if word not in self._mend:
            from rapidfuzz import fuzz, process

            best = process.extractOne(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=85)
            self._mend[word] = best[0] if best else None
        return self._mend[word]

    def mended(self, reading: Reading) -> Reading:
        """``reading`` with its typos mended against the document's own words."""
        words = tuple(self.mend(w) or w for w in reading.words)
        return reading if words == reading.words else attrs.evolve(reading, words=words)

    def similarities(self, reading: Reading) -> Any:
        """Cosine similarity (0-1) of ``reading`` (mended first) with every line."""
        import math

        np = self._np
        words = set(self.mended(reading).words)
        norm = math.sqrt(sum(self._weight(w) ** 2 for w in words)) or 1.0
        dots = np.zeros(len(self.lines), dtype=np.float64)
        postings = self._postings()
        for word in words:
            rows = postings.get(word)
            if rows is not None:
                dots[rows] += self._weight(word) ** 2
        return dots / (self.norms * norm)

    @functools.cached_property
    def _postings_cache(self) -> dict[str, Any]:
        np = self._np
        rows: dict[str, list[int]] = {}
        for i, line in enumerate(self.lines):
            for word in set(line.reading.words):
                rows.setdefault(word, []).append(i)
        return {w: np.array(r, dtype=np.int64) for w, r in rows.items()}

    def _postings(self) -> dict[str, Any]:
        return self._postings_cache


# -- inference -----------------------------------------------------------------------------


def infer_codes(
    activity: SSKActivity,
    code_list: CodeList,
    *,
    reader: Reader | None = None,
    top: int = 3,
) -> tuple[InferredCode, ...]:
    """The most likely sub kegiatan codes of an activity, from ``code_list``, each with its
    reasons (the thesaurus entries that fired, the words and concepts shared).

    >>> from ppsp.domain import SSKActivity, sanitation_code_lists
    >>> found = infer_codes(SSKActivity(name="Pengadaan Mobil Tinja"),
    ...                     sanitation_code_lists().for_year(2025))
    >>> str(found[0].code), found[0].name
    ('1.03.05.2.01.0037', 'Penyediaan Sarana Pengangkutan Lumpur Tinja')
    >>> found[0].reasons[0]
    'thesaurus: mobil tinja → sarana pengangkutan lumpur tinja'
    """
    return _inference(code_list, reader or Reader.default()).infer(activity, top)


class _Inference:
    def __init__(self, code_list: CodeList, reader: Reader) -> None:
        self.reader = reader
        self.entries = [e for e in code_list if e.code.level is CodeLevel.SUB_KEGIATAN]
        lines = []
        for entry in self.entries:
            text = " ".join(x for x in (entry.name, entry.indikator or "") if x)
            lines.append(_Line(None, entry.code, entry.code, reader.read(text)))  # type: ignore[arg-type]
        self.lines = lines
        self.space = _Space(lines)

    def infer(self, activity: SSKActivity, top: int) -> tuple[InferredCode, ...]:
        if not self.entries:
            return ()
        reading = self.reader.read(activity.name)
        sims = self.space.similarities(reading)
        mine, acts = _objects(reading), _actions(reading)
        scored = []
        for j in range(len(self.entries)):
            line = self.lines[j]
            shared = mine & _objects(line.reading)
            score = float(sims[j]) + (0.35 if shared else 0.0)
            if mine and _objects(line.reading) and not shared:
                score -= 0.2
            theirs = _actions(line.reading)
            if acts and theirs and not acts & theirs:
                score -= 0.15
            scored.append((score, j, shared))
        scored.sort(key=lambda s: -s[0])
        best = scored[0][0]
        found = []
        for score, j, shared in scored[:top]:
            if score <= 0.15 or score < best - 0.35:
                break
            entry = self.entries[j]
            reasons = [
                f"thesaurus: {hit.why}" for hit in reading.hits if hit.entry.concept in shared
            ]
            common = sorted(set(reading.words) & set(self.lines[j].reading.words))
            if common:
                reasons.append("words: " + ", ".join(common[:6]))
            found.append(InferredCode(entry.code, entry.name, round(score, 3), tuple(reasons)))
        return tuple(found)


_INFERENCES: dict[tuple[int, int], _Inference] = {}


def _inference(code_list: CodeList, reader: Reader) -> _Inference:
    key = (id(code_list), id(reader))
    found = _INFERENCES.get(key)
    if found is None:
        if len(_INFERENCES) > 16:
            _INFERENCES.clear()
        found = _INFERENCES[key] = _Inference(code_list, reader)
    return found


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
    activities = _activities(ssk.activities, year, options, reader)
    traces: list[Trace] = []
    for kind in PLANNING_KINDS:
        targets = _targets(bundle, year, kind)
        if not targets:
            traces.extend(
                Trace(a.index, a.activity, kind, TraceStatus.NO_DOCUMENT, inferred=a.inferred)
                for a in activities
            )
            continue
        traces.extend(_link_kind(activities, targets, kind, year, options, reader))
    return Linkage(
        year, ssk, tuple(sorted(traces, key=lambda t: (t.index, PLANNING_KINDS.index(t.kind))))
    )


def _activities(
    found: Sequence[SSKActivity], year: int, options: LinkOptions, reader: Reader
) -> list[_Activity]:
    lists = options.code_lists
    inference_list = options.inference_list
    if inference_list is None:
        try:
            inference_list = lists.for_year(year)
        except InvalidValue:
            inference_list = None
    covered = frozenset(
        e.code.program or e.code for e in (inference_list or ()) if e.code.program is not None
    )
    activities = []
    for i, activity in enumerate(found):
        code = _renumbered(activity.code, year, lists)
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
                activity.code,
                reader.read(activity.name),
                inferred,
                cost,
                covered,
            )
        )
    return activities


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
    import numpy as np

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
    space = _Space(lines)
    weights = options.weights
    for a in activities:
        reading = a.reading
        if kind is DocumentKind.RPJMD and a.activity.program:
            reading = reader.read(f"{a.activity.program} {a.activity.name}")
        reading = space.mended(reading)
        sims = space.similarities(reading)
        chosen = {int(j) for j in np.argsort(-sims, kind="stable")[:POOL]}
        for code in _codes_of(a, kind):
            chosen.update(by_code.get(code, ()))
            if kind is DocumentKind.RENSTRA_PD:
                parent = code.prefix(CodeLevel.KEGIATAN)
                if parent is not None:
                    chosen.update(by_code.get(parent, ()))
        scored = []
        for j in chosen:
            evidence = compare(
                a, lines[j], float(sims[j]), weights, year, options.tolerance, reading
            )
            probability = weights.probability(e.weight for e in evidence)
            scored.append((probability, sum(e.weight for e in evidence), j, evidence))
        scored.sort(key=lambda s: (-s[1], s[2]))
        yield a, lines, scored


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
    activities = _activities(ssk.activities, year, options, reader)
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


_PLACE_RANK = {"agrees": 2, "unknown": 1, "conflicts": 0}


def _level(evidence: Sequence[Evidence], feature: str) -> str:
    return next((e.level for e in evidence if e.feature == feature), "unknown")


def _trace(
    a: _Activity,
    kind: DocumentKind,
    lines: Sequence[_Line],
    scored: list[tuple[float, float, int, tuple[Evidence, ...]]],
    link_p: float,
    review_p: float,
    margin_bits: float = 0.0,
) -> Trace:
    candidates = tuple(
        Candidate(lines[j].target, round(p * 100, 1), ev)
        for p, _, j, ev in scored[:3]
        if p >= CANDIDATE_FLOOR
    )
    if not scored or scored[0][0] < review_p:
        return Trace(
            a.index,
            a.activity,
            kind,
            TraceStatus.MISSING,
            candidates=candidates,
            inferred=a.inferred,
        )
    best_p, best_w, best_j, best_ev = scored[0]
    method = _method(best_ev)
    best_code = lines[best_j].code
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
            and (w >= best_w - 3.0 or (method.by_code and _method(ev) is method))
        ):
            chosen.append((p, j, ev))
    # the same official code on both sides is the counterpart by decree, unless the line names
    # another place: then it is to review (a line of the same code at the activity's place, or
    # of no code with the same name there, outweighs it)
    by_code = method in (LinkMethod.CODE, LinkMethod.RENUMBERED_CODE)
    certain = (by_code and place > 0) or (best_p >= link_p and margin >= margin_bits)
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
