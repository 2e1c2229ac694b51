"""Names as the linker reads them: words folded, abbreviations expanded, Indonesian words
stemmed (PySastrawi), and the sanitation thesaurus applied.

A Pokja writes *Pembangunan Tangki Septik Komunal*; the nomenclature says *Penyediaan Sub Sistem
Pengolahan Air Limbah Domestik (SPALD) Setempat*. Read through the thesaurus, both name the
concept ``spald-setempat``:

>>> reader = Reader.default()
>>> sorted(reader.read("Pembangunan Tangki Septik Komunal").concepts)
['action:bangun', 'spald-setempat']
>>> "spald-setempat" in reader.read("Penyediaan Sub Sistem Pengolahan Air Limbah Domestik (SPALD) Setempat").concepts
True
>>> reader.read("Penyedotan Lumpur Tinja").words == reader.read("penyedot lumpur tinja").words
True
>>> [hit.why for hit in reader.read("Pengadaan Mobil Tinja").hits]
['pengadaan → penyediaan pengadaan', 'mobil tinja → sarana pengangkutan lumpur tinja']
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Final

import attrs

from ppsp.errors import PpspError
from ppsp.i18n import N_
from ppsp.rules.names import STOPWORDS as _NAME_STOPWORDS

__all__ = [
    "Hit",
    "Reader",
    "Reading",
    "Thesaurus",
    "ThesaurusEntry",
    "fold",
    "misspelt",
    "stem",
    "unshortened",
]

_SPLIT: Final = re.compile(r"[^0-9a-z&]+")

#: Words left out when phrases are matched (so "rencana, kebijakan dan strategi" matches
#: "rencana kebijakan strategi"): the function words of :data:`ppsp.rules.names.STOPWORDS`.
GLUE: Final = (
    _NAME_STOPWORDS - {"kabupaten", "kota", "tahun", "the", "of", "and", "in", "for"}
) | {"bagi", "oleh"}
#: Words that carry no meaning for matching (after stemming): the name stop words and the
#: words of a planning table that name no thing (*unit*, *paket*, *kegiatan*).
STOPWORDS: Final = (
    _NAME_STOPWORDS
    | GLUE
    | {"kab", "daerah", "rangka", "unit", "paket", "lokasi", "kegiatan", "sub"}
    # negation and purpose words say how, not what: *rumah tidak layak huni* is a thing the
    # thesaurus names (rtlh), and *agar tidak tumbuh kumuh* shares nothing with it
    | {"tidak", "tdk", "tak", "belum", "agar", "supaya"}
)
#: Stems that, after *kapasitas*, name a facility (once abbreviations are read in full: *TPA*
#: is *tempat pemrosesan akhir*, *IPLT* *instalasi ...*): *peningkatan kapasitas TPA* or *saluran*
#: is making the facility bigger, not *pengembangan kapasitas kelembagaan* (everyday planning
#: usage [unconfirmed]).
FACILITY_WORDS: Final = frozenset(
    (
        "tempat",
        "instalasi",
        "ipal",
        "iplt",
        "salur",
        "saluran",
        "drainase",
        "jaring",
        "pipa",
        "kolam",
        "bangun",
        "armada",
        "truk",
        "kendara",
        "pompa",
        "tangki",
        "olah",
        "produksi",
        "tampung",
        "gorong",
    )
)
#: Words the stemmer must leave alone (it would read *setempat* as *tempat*, *terpusat* as
#: *pusat*, and so mix them with *tempat pemrosesan akhir*).
PROTECTED: Final = frozenset(
    [
        "setempat",
        "terpusat",
        "sanitasi",
        "drainase",
        "rehabilitasi",
        "sosialisasi",
        "optimalisasi",
        "verifikasi",
        "fasilitasi",
        "normalisasi",
        "perkotaan",
        "permukiman",
        "kelurahan",
        "kecamatan",
    ]
)


#: Stems the stemmer gets wrong or leaves apart, given by hand: *perawatan* is *rawat* (Sastrawi
#: reads *pe-rawat-an* as *awat*), and *operasional* and *operasionalisasi* are the same *operasi*
#: as *pengoperasian*.
STEMS: Final = {
    "perawatan": "rawat",
    "operasional": "operasi",
    "operasionalisasi": "operasi",
}


def fold(text: str) -> list[str]:
    """Lower-case ASCII words of ``text`` (accents, punctuation and spacing folded)."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return [t for t in _SPLIT.split(ascii_text) if t and t != "&"]


@functools.cache
def _stemmer() -> object:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Indonesian stem of one folded word (``pengangkutan`` -> ``angkut``); numbers, short
    words and ``PROTECTED`` words stay as they are.

    >>> stem("pembangunan"), stem("dibangun"), stem("setempat"), stem("3r")
    ('bangun', 'bangun', 'setempat', '3r')
    """
    if word in STEMS:
        return STEMS[word]
    if len(word) <= 3 or not word.isalpha() or word in PROTECTED:
        return word
    result: str = _stemmer().stem(word)  # type: ignore[attr-defined]
    if not result or result in _FRAGMENTS or len(result) < 3:
        # Sastrawi takes a stem ending like a particle for the particle (memilah -> "mem",
        # from -lah): rebuild the stem from the prefix's sound change instead
        return _restored(word) or word
    return result


def _is_indonesian(word: str) -> bool:
    """Whether ``word`` or its stem is a root word of the stemmer's dictionary (the KBBI root
    words PySastrawi ships); ``True`` when the dictionary cannot be reached, so that no word is
    taken for a slip on a guess."""
    dictionary = getattr(getattr(_stemmer(), "delegatedStemmer", None), "dictionary", None)
    contains = getattr(dictionary, "contains", None)
    if contains is None:
        return True
    return bool(contains(word) or contains(stem(word)))


#: What Sastrawi leaves when it mistakes the end of a stem for a particle or a suffix.
_FRAGMENTS = frozenset(
    ("me", "mem", "men", "meng", "meny", "pe", "pem", "pen", "peng", "peny", "di", "ber", "ter")
)
#: Indonesian derivational prefixes, longest first, each with the first letters its nasal may
#: have replaced (Tata Bahasa Baku Bahasa Indonesia: meN-/peN- before p, t, k, s), and the
#: suffixes: what a word's stem may be wrapped in.
PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("penge", ("",)),
    ("menge", ("",)),
    ("meng", ("k", "")),
    ("peng", ("k", "")),
    ("meny", ("s",)),
    ("peny", ("s",)),
    ("mem", ("p", "")),
    ("pem", ("p", "")),
    ("men", ("t", "")),
    ("pen", ("t", "")),
    ("pel", ("",)),
    ("per", ("",)),
    ("ber", ("",)),
    ("ter", ("",)),
    ("me", ("",)),
    ("pe", ("",)),
    ("di", ("",)),
    ("ke", ("",)),
    ("se", ("",)),
)
SUFFIXES = ("kan", "nya", "an", "i")


def _unsuffixed(word: str) -> tuple[str, ...]:
    return (word, *(word[: -len(x)] for x in SUFFIXES if word.endswith(x)))


def bare_forms(word: str) -> list[str]:
    """``word`` and the forms left when its prefix, its suffix or both are taken off (at least
    four letters remain): what a misspelt word, which the stemmer cannot take apart, may be.

    >>> bare_forms("pembagunan")
    ['pembagunan', 'pembagun', 'bagunan', 'bagun', 'mbagunan', 'mbagun']
    """
    heads = [word] + [word[len(p) :] for p, _ in PREFIXES if word.startswith(p)]
    forms = (form for head in heads for form in _unsuffixed(head))
    return list(dict.fromkeys(f for f in forms if len(f) >= 4))


def _restored(word: str) -> str | None:
    """The stem of ``word`` found in Sastrawi's dictionary by undoing its prefix's sound change
    and taking off a suffix (``memilah`` -> ``pilah``, ``pemilahan`` -> ``pilah``)."""
    known = _stemmer().delegatedStemmer.get_dictionary()  # type: ignore[attr-defined]
    for prefix, heads in PREFIXES:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix) :]
        for head in heads:
            for candidate in _unsuffixed(head + rest):
                if len(candidate) >= 3 and known.contains(candidate):
                    return candidate
    return None


@attrs.frozen
class ThesaurusEntry:
    """One row of the thesaurus: phrases, the official words they stand for, a concept."""

    kind: str
    terms: tuple[str, ...]
    means: str
    concept: str
    source: str

    def __attrs_post_init__(self) -> None:
        if self.kind not in ("abbreviation", "synonym"):
            raise PpspError(N_("thesaurus.kind"), value=self.kind)
        if not self.terms or not all(fold(t) for t in self.terms) or not fold(self.means):
            raise PpspError(N_("thesaurus.empty"), value=self.concept)


@attrs.frozen
class Thesaurus:
    """The sanitation thesaurus: abbreviations and everyday words, each with its source.

    :meth:`default` reads the one shipped with ppsp (``rules/linking/data/thesaurus.csv``);
    :meth:`extended` adds a user's rows (same columns), which win over shipped ones for the
    same term.
    """

    entries: tuple[ThesaurusEntry, ...]

    @classmethod
    def default(cls) -> Thesaurus:
        """The thesaurus shipped with ppsp."""
        return _default_thesaurus()

    @classmethod
    def read_csv(cls, text: str, *, origin: str = "thesaurus.csv") -> Thesaurus:
        """Rows of ``kind,terms,means,concept,source`` (``#`` lines are comments)."""
        lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
        entries = []
        for number, row in enumerate(csv.DictReader(io.StringIO("\n".join(lines))), start=2):
            try:
                entries.append(
                    ThesaurusEntry(
                        kind=(row.get("kind") or "synonym").strip(),
                        terms=tuple(t.strip() for t in (row.get("terms") or "").split("|")),
                        means=(row.get("means") or "").strip(),
                        concept=(row.get("concept") or "").strip(),
                        source=(row.get("source") or "").strip() or "[unconfirmed]",
                    )
                )
            except PpspError as error:
                raise PpspError(
                    N_("thesaurus.row"), file=origin, row=number, problem=str(error)
                ) from None
        return cls(tuple(entries))

    @classmethod
    def from_file(cls, path: str | Path) -> Thesaurus:
        """A thesaurus CSV file (UTF-8)."""
        path = Path(path)
        try:
            text = path.read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise PpspError(
                N_("thesaurus.unreadable"), file=str(path), problem=str(error)
            ) from None
        return cls.read_csv(text, origin=str(path))

    def extended(self, other: Thesaurus | Iterable[ThesaurusEntry]) -> Thesaurus:
        """This thesaurus with ``other``'s entries added (theirs first, so they win)."""
        extra = other.entries if isinstance(other, Thesaurus) else tuple(other)
        return Thesaurus((*extra, *self.entries))

    def __len__(self) -> int:
        return len(self.entries)


@functools.cache
def _default_thesaurus() -> Thesaurus:
    text = resources.files("ppsp.rules.linking").joinpath("data", "thesaurus.csv")
    return Thesaurus.read_csv(
        text.read_text("utf-8"), origin="ppsp/rules/linking/data/thesaurus.csv"
    )


@attrs.frozen
class Hit:
    """A thesaurus entry that fired on a name."""

    term: str
    entry: ThesaurusEntry

    @property
    def why(self) -> str:
        """``term → official words`` as reports show it."""
        return f"{self.term} → {self.entry.means}"


@attrs.frozen
class Reading:
    """A name as the linker reads it."""

    #: stemmed words, thesaurus words added, stop words dropped
    words: tuple[str, ...]
    #: thesaurus concepts named
    concepts: frozenset[str]
    #: the thesaurus entries that fired
    hits: tuple[Hit, ...]
    #: whether the name opens with two words joined by nothing but a space (*Perencanaan
    #: Penyediaan PSU*): then the second word is what the first acts on, not a second action
    compound: bool = False
    #: how many of :attr:`words` are the name's own (its words and the abbreviations it
    #: writes, spelt out), before the words the thesaurus adds for what they mean
    own: int | None = None
    #: the stems of what is done, where the name says it after *melalui* (*Penanganan sampah
    #: melalui pengoperasian dan pemeliharaan ...*): the action of such a name
    means: tuple[str, ...] = ()

    @property
    def written(self) -> tuple[str, ...]:
        """The name's own words (see :attr:`own`)."""
        return self.words if self.own is None else self.words[: self.own]


class Reader:
    """Reads names through one thesaurus (built once: phrases folded and stemmed).

    :param vocabulary: texts whose words a shortened word may stand for (default: the names and
        indicators of the shipped sanitation code lists); the thesaurus's words always count.
        A word written short, with a period (*Pengd.*, *Lingk.*) or without vowels (*Smph*),
        is read as the most frequent word of the vocabulary it can be the start of
        (:func:`unshortened`).
    """

    def __init__(self, thesaurus: Thesaurus, vocabulary: Iterable[str] | None = None) -> None:
        self.thesaurus = thesaurus
        self._abbreviations: dict[tuple[str, ...], tuple[str, ThesaurusEntry]] = {}
        self._phrases: dict[tuple[str, ...], list[tuple[str, ThesaurusEntry]]] = {}
        for entry in thesaurus.entries:
            if entry.kind == "abbreviation":
                for term in entry.terms:
                    self._abbreviations.setdefault(tuple(fold(term)), (term, entry))
        self._longest = max((len(k) for k in self._abbreviations), default=1)
        for entry in thesaurus.entries:
            if entry.kind == "synonym":
                for term in entry.terms:
                    key = self._phrase_key(self._expand(fold(term))[0])
                    if key:
                        self._phrases.setdefault(key, []).append((term, entry))
        self._longest_phrase = max((len(k) for k in self._phrases), default=1)
        #: the words the thesaurus knows, to split words written together (tangkiseptik)
        self._known = frozenset(
            w
            for entry in thesaurus.entries
            for text in (*entry.terms, entry.means)
            for w in fold(text)
            if len(w) >= 3
        )
        self._means: dict[str, tuple[str, ...]] = {}
        texts = _code_list_texts() if vocabulary is None else tuple(vocabulary)
        counts: dict[str, int] = {}
        for text in (*texts, *(t for e in thesaurus.entries for t in (*e.terms, e.means))):
            for w in fold(text):
                if len(w) >= 4 and w.isalpha():
                    counts[w] = counts.get(w, 0) + 1
        self._vocabulary = counts
        self._single = frozenset(k[0] for k in self._abbreviations if len(k) == 1)
        #: the words a misspelt word may stand for, by first letter (see :func:`misspelt`)
        self._spellings: dict[str, dict[str, int]] = {}
        for w, n in counts.items():
            if w not in STOPWORDS:
                self._spellings.setdefault(w[0], {})[w] = n
        for w in self._single:
            if len(w) >= 4 and w.isalpha():
                self._spellings.setdefault(w[0], {}).setdefault(w, 1)
        self._slip = functools.lru_cache(maxsize=65536)(self._slip_of)
        self.read = functools.lru_cache(maxsize=65536)(self._read)

    @classmethod
    def default(cls) -> Reader:
        """The reader of the shipped thesaurus (made once)."""
        return _default_reader()

    def _expand(self, words: Sequence[str]) -> tuple[list[str], list[Hit], set[str]]:
        out: list[str] = []
        hits: list[Hit] = []
        concepts: set[str] = set()
        i = 0
        while i < len(words):
            for size in range(min(self._longest, len(words) - i), 0, -1):
                found = self._abbreviations.get(tuple(words[i : i + size]))
                if found is not None:
                    term, entry = found
                    meaning = fold(entry.means)
                    out.extend(meaning)
                    if len(meaning) > 1:  # a shortened word (pemb.) names no concept
                        concepts.add(entry.concept)
                        hits.append(Hit(term, entry))
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        return out, hits, concepts

    @staticmethod
    def _phrase_key(words: Iterable[str]) -> tuple[str, ...]:
        return tuple(stem(w) for w in words if w not in GLUE)

    def _split(self, words: list[str]) -> list[str]:
        """Words written together that the thesaurus knows apart (``tangkiseptik``)."""
        out: list[str] = []
        for word in words:
            if len(word) >= 8 and word.isalpha() and word not in self._known:
                for cut in range(3, len(word) - 2):
                    if word[:cut] in self._known and word[cut:] in self._known:
                        out.extend((word[:cut], word[cut:]))
                        break
                else:
                    out.append(word)
            else:
                out.append(word)
        return out

    def _unshortened(self, words: list[str], text: str) -> list[str]:
        """Words written short read in full (``pengd`` -> ``pengadaan``), where the vocabulary
        says which word they are; words the thesaurus or the vocabulary knows stay."""
        dotted = _dotted(text)
        if not dotted and all(_VOWEL.search(w) or not w.isalpha() for w in words):
            return words
        capitals = _capitals(text)
        out = []
        for word in words:
            if (
                word in self._single
                or word in self._vocabulary
                or word in self._known
                or (word in capitals and word not in dotted)
            ):
                out.append(word)
            else:
                out.append(unshortened(word, self._vocabulary, dotted=word in dotted) or word)
        return out

    def _mended(self, words: list[str]) -> list[str]:
        """Misspelt words read as the word they miss (``pembagunan`` -> ``pembangunan``,
        ``stmb`` -> ``stbm``), before the thesaurus reads them (see :func:`misspelt`)."""
        out = []
        for word in words:
            if (
                len(word) < 4
                or word in self._vocabulary
                or word in self._known
                or word in self._single
                or not word.isalpha()
            ):
                out.append(word)
                continue
            out.append(self._slip(word) or word)
        return out

    def _slip_of(self, word: str) -> str | None:
        # a word of Indonesian (its stem is a root word of the stemmer's dictionary) is spelt
        # right, even when it is one letter away from a word of the code lists (pemberian,
        # pembelian); only the others may be slips
        if _is_indonesian(word):
            return None
        meant = misspelt(word, self._spellings.get(word[0], {}))
        # a word of the same stem is no typo, only another form of a known word
        return None if meant is None or stem(word) == stem(meant) else meant

    def _read(self, text: str) -> Reading:
        text = _plain(text)
        written = self._mended(self._unshortened(self._split(fold(text)), text))
        words, hits, concepts = self._expand(written)
        stems = [stem(w) for w in words]
        glued = self._phrase_key(words)
        added: list[str] = []
        seen: set[int] = set()
        covered = 0  # the end of the longest phrase matched so far
        for i in range(len(glued)):
            for size in range(min(self._longest_phrase, len(glued) - i), 0, -1):
                found = self._phrases.get(glued[i : i + size], ())
                if not found:
                    continue
                if i + size <= covered:
                    break  # inside a longer phrase: "tong sampah" in "tong sampah terpilah"
                if (
                    glued[i + size - 1] == "kapasitas"
                    and glued[i + size : i + size + 1]
                    and (glued[i + size] in FACILITY_WORDS)
                ):
                    continue  # *peningkatan kapasitas IPLT*: a bigger plant, not training
                covered = i + size
                for term, entry in found:
                    if id(entry) in seen:
                        continue
                    seen.add(id(entry))
                    hits.append(Hit(term, entry))
                    concepts.add(entry.concept)
                    added.extend(self._stems_of(entry.means))
                break
        if not any(c.startswith("where:") for c in concepts):
            concepts |= _institution((*written, *words))
        own = tuple(w for w in stems if w not in STOPWORDS)
        kept = own + tuple(w for w in added if w not in STOPWORDS)
        opening = _OPENING.match(text)
        compound = opening is not None and opening.group(2).casefold() not in _JOINERS
        means: tuple[str, ...] = ()
        if "melalui" in words[:_MEANS_WITHIN]:
            after = words[words.index("melalui") + 1 :]
            means = tuple(stem(w) for w in after if w not in STOPWORDS)[:_MEANS_SPAN]
        return Reading(kept, frozenset(concepts), tuple(hits), compound, len(own), means)

    def _stems_of(self, phrase: str) -> tuple[str, ...]:
        found = self._means.get(phrase)
        if found is None:
            found = tuple(stem(w) for w in fold(phrase))
            self._means[phrase] = found
        return found


#: The words of a sanitation facility that is built for one building (*toilet*, *IPAL*), and
#: the institutions whose own facilities they are: a school's toilets are its education
#: agency's school facilities, a health centre's wastewater is medical, neither a household
#: sanitation sub kegiatan (planning usage [unconfirmed]). A name that says both, anywhere,
#: is for that kind of place, as the thesaurus's *toilet sekolah* is.
FACILITY_THINGS: Final = frozenset(
    ("toilet", "wc", "jamban", "kakus", "mck", "wastafel", "ipal", "septik", "urinoir")
)
INSTITUTIONS: Final = {
    **dict.fromkeys(
        ("sekolah", "sd", "smp", "sma", "smk", "madrasah", "mts", "pesantren", "paud", "tk"),
        "where:sekolah",
    ),
    **dict.fromkeys(
        ("puskesmas", "pustu", "polindes", "poskesdes", "klinik", "rsud"), "where:bukan-domestik"
    ),
}


def _institution(words: Sequence[str]) -> set[str]:
    """The ``where:`` of a name that names a facility and an institution (see
    :data:`FACILITY_THINGS`), or nothing."""
    if not FACILITY_THINGS.intersection(words):
        return set()
    return {INSTITUTIONS[w] for w in words if w in INSTITUTIONS}


#: A head before a colon that names where a row sits, not what it does (*Program Pengelolaan
#: Air Limbah: Pembangunan IPAL*, *Output: ...*), as rows copied from a Memorandum Program begin.
_HEAD: Final = re.compile(
    r"^\s*(?:program|kegiatan|sub\s*kegiatan|output|keluaran|komponen|sasaran|outcome)\b"
    r"([^:]{0,120}):\s*(?=\S)",
    re.IGNORECASE,
)
#: A neighbourhood unit and its number (*RT 04*, *RW.02*): a place, not *rumah tangga*.
_NEIGHBOURHOOD: Final = re.compile(r"\bR[TW]\s*\.?\s*\d+\b", re.IGNORECASE)


#: How near the start of a name *melalui* ("by means of") must stand to say how the name's
#: service is done (*Penanganan sampah melalui pengangkutan*), and how many words after it say it.
_MEANS_WITHIN = 4
_MEANS_SPAN = 2
#: The first two words of a name and what lies between them (spaces only, for a compound).
_OPENING: Final = re.compile(r"\s*([^\W\d_]+) +([^\W\d_]+)\b")
#: Words that join two actions rather than name what the first acts on.
_JOINERS: Final = frozenset(("dan", "serta", "atau", "and", "or", "plus", "dengan"))


def _plain(text: str) -> str:
    """``text`` with a leading programme or output head moved behind what the row does, and
    neighbourhood units (RT/RW and their numbers) taken out.

    >>> _plain("Program Pengelolaan Air Limbah: Pembangunan IPAL Komunal")
    'Pembangunan IPAL Komunal ( Pengelolaan Air Limbah)'
    >>> _plain("Drainase lingkungan RT 04 dan RW.02")
    'Drainase lingkungan  dan '
    """
    head = _HEAD.match(text)
    if head is not None:
        rest = text[head.end() :]
        text = f"{rest} ({head.group(1)})" if head.group(1).strip() else rest
    return _NEIGHBOURHOOD.sub("", text)


_VOWEL: Final = re.compile(r"[aeiou]")
_DOT: Final = re.compile(r"([^\W\d_]{3,})\.(?![0-9])")


def _dotted(text: str) -> frozenset[str]:
    """The folded words of ``text`` written with a period after them (*Pengd.*, *Lingk.*)."""
    if "." not in text:
        return frozenset()
    return frozenset(w for m in _DOT.finditer(text) for w in fold(m.group(1)))


def _capitals(text: str) -> frozenset[str]:
    """The folded words written in capitals in a text that is not all capitals: *SMP*, *DPR*
    and *KPM* are abbreviations, not words written short (*Smph*). In a row written all in
    capitals, no word can be told apart."""
    if text.upper() == text:
        return frozenset()
    return frozenset(w.lower() for w in _UPPER.findall(text))


_UPPER: Final = re.compile(r"\b[A-Z]{2,}\b")


def _skeleton(word: str) -> str:
    return _VOWEL.sub("", word)


def unshortened(word: str, vocabulary: dict[str, int], *, dotted: bool) -> str | None:
    """The word of ``vocabulary`` (word -> how often it is used) that ``word`` is a shortening
    of, or ``None``. A word of three letters or more written with a period is the start of a
    word (*lingk.* -> *lingkungan*) or, failing that, its letters in order from its first two
    (*pengd.* -> *pengadaan*); a word of three letters or more without vowels is the start of a
    word's consonants (*smph* -> *sampah*). The most used word wins; a tie names no word.

    >>> vocabulary = {"lingkungan": 5, "pengadaan": 4, "sampah": 9, "saluran": 3, "pengendalian": 1}
    >>> [unshortened(w, vocabulary, dotted=True) for w in ("lingk", "pengd", "sal")]
    ['lingkungan', 'pengadaan', 'saluran']
    >>> unshortened("smph", vocabulary, dotted=False), unshortened("kurun", vocabulary, dotted=True)
    ('sampah', None)
    """
    if len(word) < 3 or not word.isalpha():
        return None
    # each candidate ranked by how tightly the letters sit in it, then by use
    ranked: list[tuple[int, int, str]]
    if dotted:
        ranked = [(0, -n, v) for v, n in vocabulary.items() if v.startswith(word) and v != word]
        if not ranked:
            ranked = [
                (span, -n, v)
                for v, n in vocabulary.items()
                if v[:2] == word[:2] and (span := _span(word, v)) is not None
            ]
    elif not _VOWEL.search(word):
        ranked = [(0, -n, v) for v, n in vocabulary.items() if _skeleton(v).startswith(word)]
    else:
        return None
    return _winner(ranked)


def misspelt(word: str, vocabulary: dict[str, int]) -> str | None:
    """The word of ``vocabulary`` (word -> how often it is used) that ``word`` is a slip of the
    pen for, or ``None``. A slip is one letter left out, doubled, changed or two letters swapped
    (two slips in a word of ten letters or more), never in the first letter. Short words are
    abbreviations more often than words, and one changed letter makes another abbreviation
    (*TPS*, *TPA*), so a word of four letters may only have two letters swapped (*STMB* ->
    *STBM*), and one of five letters only that or one letter left out (*tanki* -> *tangki*).
    Words of three letters or fewer are never read as slips. The nearest word wins, then the
    most used; a tie names no word.

    >>> vocabulary = {"pembangunan": 9, "tangki": 4, "stbm": 2, "sampah": 8, "sampai": 1, "septik": 3}
    >>> [misspelt(w, vocabulary) for w in ("pembagunan", "tanki", "stmb", "sampha", "septic")]
    ['pembangunan', 'tangki', 'stbm', 'sampah', 'septik']
    >>> misspelt("stbt", vocabulary), misspelt("ampah", vocabulary), misspelt("kurun", vocabulary)
    (None, None, None)
    """
    from rapidfuzz.distance import DamerauLevenshtein

    n = len(word)
    if n < 4:
        return None
    most = 2 if n >= 10 else 1
    ranked: list[tuple[int, int, str]] = []
    for known, uses in vocabulary.items():
        if known == word or known[0] != word[0] or abs(len(known) - n) > most:
            continue
        far = DamerauLevenshtein.distance(word, known, score_cutoff=most)
        if far > most:
            continue
        if n == 4 and not (len(known) == 4 and sorted(known) == sorted(word)):
            continue
        if n == 5 and not (sorted(known) == sorted(word) or len(known) == 6):
            continue
        ranked.append((far, -uses, known))
    return _winner(ranked)


def _winner(ranked: list[tuple[int, int, str]]) -> str | None:
    """The word ranked first (nearest, then most used), or ``None`` when two share that rank."""
    if not ranked:
        return None
    ranked.sort()
    if len(ranked) > 1 and ranked[0][:2] == ranked[1][:2]:
        return None
    return ranked[0][2]


def _span(short: str, word: str) -> int | None:
    """How many letters of ``word`` it takes to find the letters of ``short`` in order, or
    ``None`` when they are not all there."""
    at = 0
    for letter in short:
        at = word.find(letter, at) + 1
        if at == 0:
            return None
    return at


@functools.cache
def _code_list_texts() -> tuple[str, ...]:
    from ppsp.domain.nomenclature import sanitation_code_lists

    return tuple(
        text
        for code_list in sanitation_code_lists()
        for entry in code_list
        for text in (entry.name, entry.indikator or "")
        if text
    )


@functools.cache
def _default_reader() -> Reader:
    return Reader(Thesaurus.default())
