"""Comparing one SSK activity with one line of a plan, feature by feature (the evidence the
linker weighs), and the name similarity of an activity with every line of a document.

>>> from ppsp.domain import DocumentKind, NomenclatureCode
>>> code = NomenclatureCode.parse("1.03.05.2.01.0036")
>>> code_level(DocumentKind.RKPD, code, code, code, code)
'exact'
>>> code_level(DocumentKind.RKPD, code, code, NomenclatureCode.parse("1.03.05.2.01"), None)
'parent'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from ppsp.domain.documents import DocumentKind, SSKActivity
from ppsp.domain.nomenclature import CodeLevel, CodeList, NomenclatureCode
from ppsp.domain.subsector import Subsector
from ppsp.rules.linking.agencies import agency_agreement
from ppsp.rules.linking.evidence import Evidence, Weights, name_level
from ppsp.rules.linking.gazetteer import Gazetteer, location_agreement
from ppsp.rules.linking.model import InferredCode, Target
from ppsp.rules.linking.text import FACILITY_WORDS, Reading, bare_forms, fold

#: ``Space`` and ``compare`` work on the linker's private views of activities and lines
__all__ = ["ACTION_GROUPS", "ACTION_SPAN", "CONFIDENT_INFERENCE", "code_level"]

#: The inference score (0-1.35: word overlap plus a shared concept) from which the first
#: inferred code counts as the activity's code ("top"); below it, as one of its likely codes.
CONFIDENT_INFERENCE = 0.6
#: What an activity does, by stem: two names that each say what they do, in different groups,
#: are different activities (build vs rehabilitate). Everyday planning usage [unconfirmed].
ACTION_GROUPS: dict[str, str] = {
    **dict.fromkeys(
        ("bangun", "sedia", "ada", "buat", "pasang", "beli", "konstruksi", "bantu"), "provide"
    ),
    **dict.fromkeys(("rehabilitasi", "tingkat", "baik", "luas", "ganti"), "improve"),
    **dict.fromkeys(
        # normalisation, dredging and cleaning of a channel are its upkeep (O&P)
        ("pelihara", "operasi", "operasional", "optimalisasi", "rawat", "normalisasi", "keruk"),
        "operate",
    ),
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
            # English loan words of SSK matrices
            "capacity",
            "training",
            "workshop",
        ),
        "people",
    ),
    **dict.fromkeys(
        ("pantau", "awas", "monitoring", "evaluasi", "verifikasi", "monev", "nilai", "inspeksi"),
        "monitor",
    ),
    # *Kerja Sama ...* and *Koordinasi dan Sinkronisasi ...* open sub kegiatan names of their own
    **dict.fromkeys(("kerja", "kerjasama", "mou"), "cooperate"),
    **dict.fromkeys(("koordinasi", "sinkronisasi"), "coordinate"),
}


def program_subsectors(code_lists: Iterable[CodeList]) -> dict[NomenclatureCode, Subsector]:
    """The subsector each program serves, where the code lists give all its codes one."""
    found: dict[NomenclatureCode, set[Subsector]] = {}
    for code_list in code_lists:
        for entry in code_list:
            if entry.subsector is not None and entry.code.program is not None:
                found.setdefault(entry.code.program, set()).add(entry.subsector)
    return {program: next(iter(s)) for program, s in found.items() if len(s) == 1}


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


#: Words after an "improve" action that make it work with people, not on a thing: *Peningkatan*
#: *Peran Serta Masyarakat*, *Peningkatan Kapasitas*, *Penguatan Kesadaran* are coaching and
#: empowerment (sub kegiatan names of Kepmendagri 900), not the upgrading of a facility.
SOFT_OBJECTS: frozenset[str] = frozenset(
    ("peran", "kapasitas", "sadar", "partisipasi", "tahu", "paham", "terampil", "mampu", "upaya")
)


def _actions(reading: Reading) -> frozenset[str]:
    head = reading.means or reading.words[: ACTION_SPAN + 2]
    found: set[str] = set()
    for i, word in enumerate(head[:ACTION_SPAN]):
        group = ACTION_GROUPS.get(word)
        if (
            group == "improve"
            and head[i + 1 : i + 2]
            and head[i + 1] in SOFT_OBJECTS
            # *peningkatan kapasitas IPLT* makes the plant bigger (see text.FACILITY_WORDS)
            and not (
                head[i + 1] == "kapasitas" and head[i + 2 : i + 3] and head[i + 2] in FACILITY_WORDS
            )
        ):
            group = "people"
        if group == "cooperate" and head[i + 1 : i + 2] == ("bakti",):
            group = "operate"  # *kerja bakti*: neighbours cleaning their channels, not a treaty
        if group is not None:
            if i == 1 and reading.compound and not reading.means and found and group not in found:
                # *Perencanaan Penyediaan PSU* plans the provision: the second word of a
                # compound is what the first acts on
                continue
            found.add(group)
    return frozenset(found)


def _objects(reading: Reading) -> frozenset[str]:
    return frozenset(c for c in reading.concepts if not c.startswith(("action:", "where:")))


def _qualifiers(reading: Reading) -> frozenset[str]:
    """The ``where:`` concepts of a name: the kind of place a sub kegiatan is for (*di Kawasan
    Strategis Kabupaten/Kota*), which sets its lines apart from the ordinary ones."""
    return frozenset(c for c in reading.concepts if c.startswith("where:"))


def qualifiers_differ(reading: Reading, other: Reading) -> bool:
    """Whether one of two names is for a kind of place (a kawasan strategis) the other is not."""
    return _qualifiers(reading) != _qualifiers(other)


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


#: Spellings of one unit (after folding): *m* and *meter* are one length (found by a new user in
#: Lombok Timur), *bh* and *buah* one count, *hektar* and *ha* one area.
UNIT_SPELLINGS: Final = {
    "meter": "m",
    "mtr": "m",
    "m1": "m",
    "m 1": "m",
    "meter lari": "m",
    "kilometer": "km",
    "m3": "m3",
    "m 3": "m3",
    "meter kubik": "m3",
    "m2": "m2",
    "m 2": "m2",
    "meter persegi": "m2",
    "hektar": "ha",
    "hektare": "ha",
    "buah": "unit",
    "bh": "unit",
    "jiwa": "orang",
    "org": "orang",
    "dok": "dokumen",
    "dokumen": "dokumen",
    "kel": "kelurahan",
    "ds": "desa",
}


@functools.lru_cache(maxsize=4096)
def _unit(text: str) -> str:
    folded = " ".join(fold(text.replace("³", "3").replace("²", "2")))
    return UNIT_SPELLINGS.get(folded, folded)


#: A target written with its unit in one cell (``4,5 km``, ``12 Unit``, ``3 desa``), as SIPD
#: exports and hand-written RKPD write it.
_COUNTED: Final = re.compile(r"^\s*\d[\d.,]*\s*([^\W\d_][^\d]*?)\s*$")


def unit_of(unit: str | None, target: str | None = None) -> str:
    """The unit a line states, or the one written after the number of its target.

    >>> unit_of(None, "4,5 km"), unit_of("Unit", "12"), unit_of(None, "100 %"), unit_of(None, "")
    ('km', 'unit', '', '')
    """
    if unit:
        return _unit(unit)
    found = _COUNTED.match(target or "")
    return _unit(found.group(1)) if found else ""


#: Units that count no thing (a package, a lump sum, an activity, a place): they say nothing
#: for or against a line (found by a new user in Kota Kupang: *paket* against *Ton/Hari* was
#: held against every line).
VAGUE_UNITS: Final = frozenset(
    ("paket", "pkt", "ls", "lumpsum", "lump sum", "kegiatan", "keg", "lokasi", "lok", "set")
)


def _unit_level(activity: SSKActivity, target: Target) -> str:
    mine = _unit(activity.unit or "")
    theirs = unit_of(getattr(target.line, "unit", None), getattr(target.line, "target", None))
    if not mine or not theirs or mine in VAGUE_UNITS or theirs in VAGUE_UNITS:
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
    #: the subsector each program of the code lists serves
    subsectors: Mapping[NomenclatureCode, Subsector] = attrs.field(factory=dict)
    #: the kecamatan and villages of the region
    gazetteer: Gazetteer | None = None


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
    same_words: bool = False,
) -> tuple[Evidence, ...]:
    """The evidence of one activity against one line (``reading``: the activity's name as
    read against this document, typos mended; ``same_words``: whether the line's name, read
    the same way, says the same words, in any order)."""
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
    add("wording", "same" if same_words else "differs")
    mine, theirs = _objects(reading), _objects(line.reading)
    if qualifiers_differ(reading, line.reading):
        differ = _qualifiers(reading) ^ _qualifiers(line.reading)
        add("concept", "other-kind", ", ".join(sorted(c.removeprefix("where:") for c in differ)))
    elif mine and theirs:
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
    add("location", location_agreement(a.activity.location, line.target.location, a.gazetteer))
    add("amount", _amount_level(a.cost, line.target.pagu(year), tolerance))
    add("unit", _unit_level(a.activity, line.target))
    add("subsector", _subsector_level(a, line))
    return tuple(found)


def _subsector_level(a: _Activity, line: _Line) -> str:
    """Whether the activity's SSK subsector is the one of the line's program (the code list
    says which subsector each program serves); cross-cutting activities and programs of no
    single subsector say nothing."""
    mine = a.activity.subsector
    if mine is None or mine is Subsector.LINTAS_SEKTOR or line.code is None:
        return "unknown"
    theirs = a.subsectors.get(line.code.program or line.code)
    if theirs is None or theirs is Subsector.LINTAS_SEKTOR:
        return "unknown"
    return "same" if theirs is mine else "differs"


# -- name similarity over a whole document ---------------------------------------------------


def _terms(reading: Reading) -> frozenset[str]:
    """What a name is compared by: its words and the things (thesaurus concepts) it names, so
    that two names of one rare thing weigh more than two names sharing a common word."""
    return frozenset(reading.words) | {
        f"@{c}" for c in reading.concepts if not c.startswith(("action:", "where:"))
    }


class Space:
    """IDF-weighted word vectors of a document's lines, and the activities' against them."""

    def __init__(self, lines: Sequence[_Line]) -> None:
        import math

        import numpy as np

        self.lines = lines
        counts: dict[str, int] = {}
        for line in lines:
            for word in _terms(line.reading):
                counts[word] = counts.get(word, 0) + 1
        n = max(len(lines), 1)
        self.idf = {w: math.log((n + 1) / (c + 0.5)) + 1.0 for w, c in counts.items()}
        self.vocabulary = sorted(counts)
        self._np = np
        self.norms = np.array(
            [
                math.sqrt(sum(self._weight(w) ** 2 for w in _terms(ln.reading))) or 1.0
                for ln in lines
            ],
            dtype=np.float64,
        )
        self._mend: dict[str, str | None] = {}

    def _weight(self, word: str) -> float:
        return self.idf.get(word, 3.0)

    def weight(self, word: str) -> float:
        """How much a word says in this document's lines (its inverse document frequency)."""
        return self._weight(word)

    def mend(self, word: str) -> str | None:
        """The plan's own word a typo stands for (``pembanguan`` -> ``bangun``'s text)."""
        if word in self.idf or len(word) < 5 or not word.isalpha():
            return word if word in self.idf else None
        if word not in self._mend:
            from rapidfuzz import fuzz, process

            found: tuple[float, str] | None = None
            # the plan's words are stems: a misspelt word keeps its affixes, which the stemmer
            # could not take off (``pembagunan``), so its bare forms are tried too
            for form in bare_forms(word):
                best = process.extractOne(form, self.vocabulary, scorer=fuzz.ratio, score_cutoff=85)
                if best is not None and (found is None or best[1] > found[0]):
                    found = (best[1], best[0])
            self._mend[word] = found[1] if found else None
        return self._mend[word]

    def mended(self, reading: Reading) -> Reading:
        """``reading`` with its typos mended against the document's own words."""
        words = tuple(self.mend(w) or w for w in reading.words)
        return reading if words == reading.words else attrs.evolve(reading, words=words)

    def similarities(self, reading: Reading) -> Any:
        """Cosine similarity (0-1) of ``reading`` with every line (mend it first: see
        :meth:`mended`)."""
        import math

        np = self._np
        words = _terms(reading)
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
            for word in _terms(line.reading):
                rows.setdefault(word, []).append(i)
        return {w: np.array(r, dtype=np.int64) for w, r in rows.items()}

    def _postings(self) -> dict[str, Any]:
        return self._postings_cache
