"""Code inference: the most likely sub kegiatan codes of an SSK activity that carries none,
from a code list (the curated one shipped with ppsp, or a full official list a user supplies),
each with its reasons; and an SSK with the confident ones written in.
"""

from __future__ import annotations

import attrs

from ppsp.domain.documents import SSKActivity, StrategiSanitasi
from ppsp.domain.nomenclature import CodeLevel, CodeList, CodeListEntry
from ppsp.domain.subsector import Subsector
from ppsp.rules.linking.agencies import code_affairs, functions
from ppsp.rules.linking.compare import (
    ACTION_GROUPS,
    CONFIDENT_INFERENCE,
    Space,
    _actions,
    _Line,
    _objects,
    _qualifiers,
    program_subsectors,
)
from ppsp.rules.linking.model import InferredCode
from ppsp.rules.linking.text import Reader, fold, stem

__all__ = ["INFERRED_KEY", "infer_codes", "with_inferred_codes"]

#: What a thing (a thesaurus concept) the name and an entry both name adds to the inference score
#: (the word overlap, 0-1); what naming only other things takes off.
CONCEPT_SHARED = 0.35
OBJECT_DISJOINT = 0.2
#: The inference score an entry must pass to be inferred at all, and how far below the best
#: the others are still listed.
INFERENCE_FLOOR = 0.15
INFERENCE_BAND = 0.35

#: What a name that says it does something else (training against construction) takes off an
#: inference score: as much as a shared thesaurus concept adds.
ACTION_CONFLICT = 0.35
#: What a name that says it does the same thing (construction and construction) adds: less than a
#: shared concept, so that the object still decides, but enough to put *Pembangunan TPST* on the
#: construction line rather than on the operation of the same facility.
ACTION_AGREES = 0.25
#: What a code of a program of another subsector than the activity's takes off (the SSK says
#: the activity's subsector; the code list, the program's).
SUBSECTOR_CONFLICT = 0.35

#: What a line for a kind of place the activity does not name (a kawasan strategis line for an
#: ordinary activity, or the other way round) takes off: more than any word overlap adds, since
#: the program itself is another one (1.03.07 against the subsector's own).
QUALIFIER_CONFLICT = 1.0

#: How far below the best inference score sibling entries are told apart by the words that set
#: their names apart (see :meth:`_Inference.contrasted`), and what the one that wins then leads by.
CONTRAST_BAND = 0.15
CONTRAST_LEAD = 0.01

#: Where :func:`with_inferred_codes` keeps, in an activity's extras, the code it wrote in and why.
INFERRED_KEY = "ppsp:inferred-code"


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
    'mobil tinja → sarana pengangkutan lumpur tinja'
    """
    return _inference(code_list, reader or Reader.default()).infer(activity, top)


class _Inference:
    def __init__(self, code_list: CodeList, reader: Reader) -> None:
        # held, so that the ids that key the cache cannot be reused by other objects
        self.code_list = code_list
        self.reader = reader
        self.entries = [e for e in code_list if e.code.level is CodeLevel.SUB_KEGIATAN]
        lines = []
        for entry in self.entries:
            text = " ".join(x for x in (entry.name, entry.indikator or "") if x)
            lines.append(_Line(None, entry.code, entry.code, reader.read(text)))  # type: ignore[arg-type]
        self.lines = lines
        self.space = Space(lines)
        # what the scoring asks of each entry, worked out once, and which entries share a word
        # or a thing with a name (the only ones :meth:`infer` scores: see :meth:`candidates`)
        self.objects = [_objects(line.reading) for line in lines]
        self.actions = [_actions(line.reading) for line in lines]
        self.words = [frozenset(line.reading.words) for line in lines]
        self.qualifiers = [_qualifiers(line.reading) for line in lines]
        self.affairs = [code_affairs(e.code) for e in self.entries]
        self.name_words = [frozenset(reader.read(entry.name).written) for entry in self.entries]
        self.by_object: dict[str, list[int]] = {}
        self.by_word: dict[str, list[int]] = {}
        for j in range(len(lines)):
            for concept in self.objects[j]:
                self.by_object.setdefault(concept, []).append(j)
            for word in self.words[j]:
                self.by_word.setdefault(word, []).append(j)
        programs = program_subsectors((code_list,))
        self.subsectors = [
            _subsector_of(e.subsector or programs.get(e.code.program or e.code))
            for e in self.entries
        ]

    def infer(self, activity: SSKActivity, top: int) -> tuple[InferredCode, ...]:
        if not self.entries:
            return ()
        reading = self.space.mended(self.reader.read(activity.name))
        sims = self.space.similarities(reading)
        mine, acts = _objects(reading), _actions(reading)
        words = set(reading.words) - ACTION_GROUPS.keys()
        subsector = activity.subsector
        if subsector is Subsector.LINTAS_SEKTOR:
            subsector = None
        where = _qualifiers(reading)
        scored = []
        for j in self.candidates(mine, words):
            theirs_objects = self.objects[j]
            shared = mine & theirs_objects
            score = float(sims[j]) + (CONCEPT_SHARED if shared else 0.0)
            theirs_subsector = self.subsectors[j]
            if subsector is not None and theirs_subsector not in (None, subsector):
                score -= SUBSECTOR_CONFLICT
            if mine and theirs_objects and not shared:
                score -= OBJECT_DISJOINT
            theirs = self.actions[j]
            if acts and theirs:
                score += ACTION_AGREES if acts & theirs else -ACTION_CONFLICT
            if where != self.qualifiers[j]:  # qualifiers_differ
                score -= QUALIFIER_CONFLICT
            scored.append((score, j, shared))
        if not scored:
            return ()
        scored.sort(key=lambda s: -s[0])
        agency = activity.agency.lead().name if activity.agency is not None else None
        scored = self.contrasted(
            scored, set(reading.written), functions(agency) if agency else frozenset()
        )
        best = scored[0][0]
        found = []
        for score, j, shared in scored[:top]:
            if score <= INFERENCE_FLOOR or score < best - INFERENCE_BAND:
                break
            entry = self.entries[j]
            # each thesaurus entry once, however often the name says it
            reasons = list(
                dict.fromkeys(hit.why for hit in reading.hits if hit.entry.concept in shared)
            )
            common = sorted(set(reading.words) & set(self.lines[j].reading.words))
            if common:
                # the words as the official name writes them (penanganan, not its stem tangan)
                reasons.append("≈ " + ", ".join(_as_written(common[:6], entry)))
            found.append(InferredCode(entry.code, entry.name, round(score, 3), tuple(reasons)))
        return tuple(found)

    def contrasted(
        self,
        scored: list[tuple[float, int, frozenset[str]]],
        words: set[str],
        agency: frozenset[str] = frozenset(),
    ) -> list[tuple[float, int, frozenset[str]]]:
        """``scored`` (best first) with the entries that score within :data:`CONTRAST_BAND` of
        the best put in the order of what sets their names apart, as a planner reads sibling
        lines: of *Pembangunan SPALD Terpusat Skala Permukiman*, *... Skala Kawasan Tertentu*
        and *... Skala Perkotaan*, *IPAL skala kawasan* is the second, whatever the rest of the
        names share. Each entry's distinct words are the words of its name that not every
        entry of the band has; the entry whose distinct words the activity says most often
        (by their weight in the list) comes first, the others keep their order.

        Before the words, the affairs of the activity's agency (``agency``: see
        :func:`~ppsp.rules.linking.agencies.functions`) set twin entries apart: the public works
        and the environment affairs each have a line for the same waste facility (*Optimalisasi
        TPA/TPST/SPA/TPS 3R/TPS*, *Penanganan sampah melalui pemilahan dan pengolahan ... TPS3R*),
        and the agency that writes the activity says whose it is. Only the band's entries of
        that agency's affairs are then told apart, when there are some."""
        if len(scored) < 2:
            return scored
        best = scored[0][0]
        band = [s for s in scored if s[0] >= best - CONTRAST_BAND]
        if len(band) < 2:
            return scored
        if agency:
            own = [s for s in band if self.affairs[s[1]] & agency]
            if own and len(own) < len(band):
                if own[0] is not band[0]:
                    lead = own[0]
                    promoted = (best + CONTRAST_LEAD, lead[1], lead[2])
                    scored = [promoted, *(s for s in scored if s is not lead)]
                    best = promoted[0]
                theirs = {o[1] for o in own}
                band = [s for s in scored if s[0] >= best - CONTRAST_BAND and s[1] in theirs]
                if len(band) < 2:
                    return scored
        common = frozenset.intersection(*(self.name_words[j] for _, j, _ in band))
        said = []
        for entry in band:
            distinct = self.name_words[entry[1]] - common
            said.append(sum(self.space.weight(w) for w in distinct & words))
        top = max(said)
        if top <= 0 or said[0] == top:
            return scored
        first = said.index(top)
        lead = band[first]
        # the entry that wins on what sets it apart takes the best score (its own reasons and
        # name stay); the one it passes keeps its own
        promoted = (best + CONTRAST_LEAD, lead[1], lead[2])
        return [promoted, *(s for s in scored if s is not lead)]

    def candidates(self, objects: frozenset[str], words: set[str]) -> list[int]:
        """The entries, in the list's order, that share a thing (a thesaurus concept) of
        ``objects`` or a word of ``words`` with a name: the others are never scored, since only
        an action in common ("monitoring" of water, of waste) says nothing. Found through the
        index of entries by concept and by word, not by comparing every entry."""
        found: set[int] = set()
        for concept in objects:
            found.update(self.by_object.get(concept, ()))
        for word in words:
            found.update(self.by_word.get(word, ()))
        return sorted(found)

    def candidates_brute_force(self, objects: frozenset[str], words: set[str]) -> list[int]:
        """What :meth:`candidates` finds, by comparing every entry (for the tests)."""
        return [
            j for j in range(len(self.lines)) if objects & self.objects[j] or words & self.words[j]
        ]


def _as_written(stems: list[str], entry: CodeListEntry) -> list[str]:
    """``stems`` as the entry's name or indicator writes them, where one of its words has that
    stem (the first such word); a stem the text does not show stays as it is."""
    written: dict[str, str] = {}
    for word in fold(" ".join(x for x in (entry.name, entry.indikator or "") if x)):
        written.setdefault(stem(word), word)
    return list(dict.fromkeys(written.get(s, s) for s in stems))


def _subsector_of(subsector: Subsector | None) -> Subsector | None:
    return None if subsector is Subsector.LINTAS_SEKTOR else subsector


_INFERENCES: dict[tuple[int, int], _Inference] = {}


def _inference(code_list: CodeList, reader: Reader) -> _Inference:
    key = (id(code_list), id(reader))
    found = _INFERENCES.get(key)
    if found is None or found.code_list is not code_list or found.reader is not reader:
        if len(_INFERENCES) > 16:
            _INFERENCES.clear()
        found = _INFERENCES[key] = _Inference(code_list, reader)
    return found


def with_inferred_codes(
    ssk: StrategiSanitasi,
    code_list: CodeList,
    *,
    reader: Reader | None = None,
    min_score: float = CONFIDENT_INFERENCE,
) -> tuple[StrategiSanitasi, tuple[tuple[int, InferredCode], ...]]:
    """``ssk`` with a code written into every uncoded activity whose first inferred code scores
    at least ``min_score``, and which activities got which code (the reason is kept in the
    activity's extras under ``ppsp:inferred-code`` so nothing is lost).

    >>> from ppsp.domain import PlanPeriod, RegionCode, sanitation_code_lists
    >>> ssk = StrategiSanitasi(region=RegionCode.parse("62.10"), period=PlanPeriod(2024, 2028),
    ...                        activities=(SSKActivity(name="Pengadaan Mobil Tinja"),))
    >>> coded, changed = with_inferred_codes(ssk, sanitation_code_lists().for_year(2025))
    >>> str(coded.activities[0].code), len(changed)
    ('1.03.05.2.01.0037', 1)
    """
    changed: list[tuple[int, InferredCode]] = []
    activities: list[SSKActivity] = []
    for i, activity in enumerate(ssk.activities):
        found = () if activity.code is not None else infer_codes(activity, code_list, reader=reader)
        if found and found[0].score >= min_score:
            best = found[0]
            extras = dict(activity.extras)
            extras[INFERRED_KEY] = f"{best.code} ({best.why() or best.name})"
            activity = attrs.evolve(activity, code=best.code, extras=extras)
            changed.append((i, best))
        activities.append(activity)
    return attrs.evolve(ssk, activities=tuple(activities)), tuple(changed)
