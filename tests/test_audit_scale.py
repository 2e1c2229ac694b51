"""The audit's shortcuts at scale find what comparing everything finds.

Code inference scores only the code-list entries that share a word or a thing with a name (an
index of entries by word and by concept); the linker takes its nearest lines by a selection in
linear time instead of a sort; a linkage finds the linker's traces by their position instead of
a dictionary. Each is checked here against the brute force it replaces, on generated names,
similarities and traces.
"""

from __future__ import annotations

from random import Random

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from ppsp.domain import DocumentKind, SSKActivity, Subsector, sanitation_code_lists
from ppsp.rules.linking.compare import ACTION_GROUPS, _actions, _objects, qualifiers_differ
from ppsp.rules.linking.inference import (
    ACTION_AGREES,
    ACTION_CONFLICT,
    CONCEPT_SHARED,
    INFERENCE_BAND,
    INFERENCE_FLOOR,
    OBJECT_DISJOINT,
    QUALIFIER_CONFLICT,
    SUBSECTOR_CONFLICT,
    _as_written,
    _inference,
    infer_codes,
)
from ppsp.rules.linking.linker import nearest
from ppsp.rules.linking.model import (
    PLANNING_KINDS,
    InferredCode,
    Linkage,
    Trace,
    TraceStatus,
)
from ppsp.rules.linking.text import Reader
from ppsp.testing import texts

CODES = sanitation_code_lists().for_year(2025)
READER = Reader.default()
#: every word of the code list's names, with everyday words and abbreviations the thesaurus
#: knows: names that share words and things with many entries, and with none
WORDS = sorted(
    {w for e in CODES for w in e.name.split()}
    | {"IPAL", "IPLT", "MCK", "SPALD-T", "TPS3R", "jamban", "truk", "tinja", "KSK", "Desa"}
)
NAMES = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join),
    texts(1, 30),
)


def _brute_force_infer(activity: SSKActivity, top: int = 3) -> tuple[InferredCode, ...]:
    """Code inference as it was written before the index: every entry of the list compared."""
    inference = _inference(CODES, READER)
    reading = inference.space.mended(READER.read(activity.name))
    sims = inference.space.similarities(reading)
    mine, acts = _objects(reading), _actions(reading)
    words = set(reading.words) - ACTION_GROUPS.keys()
    subsector = activity.subsector
    if subsector is Subsector.LINTAS_SEKTOR:
        subsector = None
    scored = []
    for j, line in enumerate(inference.lines):
        shared = mine & _objects(line.reading)
        if not shared and not words & set(line.reading.words):
            continue
        score = float(sims[j]) + (CONCEPT_SHARED if shared else 0.0)
        theirs_subsector = inference.subsectors[j]
        if subsector is not None and theirs_subsector not in (None, subsector):
            score -= SUBSECTOR_CONFLICT
        if mine and _objects(line.reading) and not shared:
            score -= OBJECT_DISJOINT
        theirs = _actions(line.reading)
        if acts and theirs:
            score += ACTION_AGREES if acts & theirs else -ACTION_CONFLICT
        if qualifiers_differ(reading, line.reading):
            score -= QUALIFIER_CONFLICT
        scored.append((score, j, shared))
    if not scored:
        return ()
    scored.sort(key=lambda s: -s[0])
    scored = inference.contrasted(scored, set(reading.written))
    best = scored[0][0]
    found = []
    for score, j, shared in scored[:top]:
        if score <= INFERENCE_FLOOR or score < best - INFERENCE_BAND:
            break
        entry = inference.entries[j]
        reasons = list(
            dict.fromkeys(hit.why for hit in reading.hits if hit.entry.concept in shared)
        )
        common = sorted(set(reading.words) & set(inference.lines[j].reading.words))
        if common:
            reasons.append("≈ " + ", ".join(_as_written(common[:6], entry)))
        found.append(InferredCode(entry.code, entry.name, round(score, 3), tuple(reasons)))
    return tuple(found)


@given(NAMES)
def test_the_indexed_candidates_are_the_entries_brute_force_finds(name: str) -> None:
    inference = _inference(CODES, READER)
    reading = inference.space.mended(READER.read(name))
    mine, words = _objects(reading), set(reading.words) - ACTION_GROUPS.keys()
    assert inference.candidates(mine, words) == inference.candidates_brute_force(mine, words)


@given(NAMES, st.none() | st.sampled_from(Subsector))
def test_inferred_codes_are_those_of_comparing_every_entry(
    name: str, subsector: Subsector | None
) -> None:
    activity = SSKActivity(name=name, subsector=subsector)
    assert infer_codes(activity, CODES) == _brute_force_infer(activity)


def test_the_index_finds_candidates_for_real_names() -> None:
    # the property above would hold vacuously if no name shared anything with the list
    inference = _inference(CODES, READER)
    reading = READER.read("Pembangunan IPAL komunal")
    assert inference.candidates(_objects(reading), set(reading.words))
    assert infer_codes(SSKActivity(name="Pembangunan IPAL komunal"), CODES)


#: similarities with many ties (a few distinct values), as the linker's cosine gives lines of
#: the same words
SIMS = st.lists(st.sampled_from([0.0, 0.0, 0.1, 0.25, 0.5, 0.5, 1.0]), max_size=80) | st.lists(
    st.floats(0, 1, allow_nan=False), max_size=80
)


@given(SIMS, st.integers(0, 30))
def test_the_nearest_lines_are_the_first_of_a_stable_sort(values: list[float], count: int) -> None:
    sims = np.array(values, dtype=np.float64)
    expected = {int(j) for j in np.argsort(-sims, kind="stable")[:count]}
    assert nearest(sims, count) == expected


@given(st.integers(0, 6), st.randoms(use_true_random=False), st.booleans())
def test_a_trace_is_found_by_position_or_by_key_as_by_searching(
    activities: int, rng: Random, shuffled: bool
) -> None:
    traces = [
        Trace(i, SSKActivity(name=f"Kegiatan {i}"), kind, TraceStatus.NO_DOCUMENT)
        for i in range(activities)
        for kind in PLANNING_KINDS
    ]
    if shuffled and traces:  # another order, some left out: looked up by key
        rng.shuffle(traces)
        del traces[rng.randrange(len(traces)) :]
    linkage = Linkage(2025, None, tuple(traces))
    if not shuffled:  # the linker's order: no dictionary is built
        assert not linkage._index
    for i in range(-1, activities + 2):
        for kind in (*PLANNING_KINDS, DocumentKind.SSK):
            found = [t for t in traces if t.index == i and t.kind is kind]
            assert linkage.get(i, kind) is (found[0] if found else None)
