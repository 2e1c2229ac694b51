"""Names of activities and lines, normalised for matching.

Case, punctuation and spacing go; Indonesian abbreviations are expanded (IPAL, IPLT, SPALD-T,
SPALD-S, TPS 3R, TPST, TPA, MCK, STBM, PHBS, Jakstrada, DED, ...); filler words go. Word order
is left to the scorer.

>>> name_key("Pembangunan IPAL Komunal di Kel. Tampang")
'pembangunan instalasi pengolahan air limbah komunal kelurahan tampang'
>>> name_key("Pemb. SPALD-T skala kawasan") == name_key("pembangunan spald t skala kawasan")
True
>>> name_key("Pembangunan TPS-3R")
'pembangunan tempat pengolahan sampah reduce reuse recycle'
>>> sorted(action_words("Rehab. IPLT dan Pemeliharaan Truk Tinja"))
['pemeliharaan', 'rehabilitasi']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Final

__all__ = [
    "ABBREVIATIONS",
    "ACTION_WORDS",
    "CONTRASTS",
    "STOPWORDS",
    "action_words",
    "contrast_marks",
    "name_key",
]

#: Abbreviations and their expansions, by token or pair of tokens (after punctuation became
#: spaces). Pairs are tried first (``spald t``), then single tokens.
ABBREVIATIONS: Final[Mapping[str, str]] = {
    # air limbah domestik
    "ipal": "instalasi pengolahan air limbah",
    "iplt": "instalasi pengolahan lumpur tinja",
    "spald t": "sistem pengelolaan air limbah domestik terpusat",
    "spaldt": "sistem pengelolaan air limbah domestik terpusat",
    "spal dt": "sistem pengelolaan air limbah domestik terpusat",
    "spald s": "sistem pengelolaan air limbah domestik setempat",
    "spalds": "sistem pengelolaan air limbah domestik setempat",
    "spal ds": "sistem pengelolaan air limbah domestik setempat",
    "spald": "sistem pengelolaan air limbah domestik",
    "spal": "sistem pengelolaan air limbah",
    "lltt": "layanan lumpur tinja terjadwal",
    "sanimas": "sanitasi berbasis masyarakat",
    "mck": "mandi cuci kakus",
    "sr": "sambungan rumah",
    # persampahan
    "tps 3r": "tempat pengolahan sampah reduce reuse recycle",
    "tps3r": "tempat pengolahan sampah reduce reuse recycle",
    "tpst": "tempat pengolahan sampah terpadu",
    "tps": "tempat penampungan sementara",
    "tpa": "tempat pemrosesan akhir",
    "3r": "reduce reuse recycle",
    "jakstrada": "kebijakan dan strategi daerah",
    # higiene
    "stbm": "sanitasi total berbasis masyarakat",
    "phbs": "perilaku hidup bersih dan sehat",
    "ctps": "cuci tangan pakai sabun",
    "babs": "buang air besar sembarangan",
    "sbs": "stop buang air besar sembarangan",
    "odf": "open defecation free",
    # planning words
    "ded": "detail engineering design",
    "fs": "feasibility study",
    "bimtek": "bimbingan teknis",
    "pokja": "kelompok kerja",
    "ssk": "strategi sanitasi kabupaten kota",
    "kpp": "kelompok pemanfaat dan pemelihara",
    "ksm": "kelompok swadaya masyarakat",
    # shortened words
    "pemb": "pembangunan",
    "pembang": "pembangunan",
    "pembgn": "pembangunan",
    "bangun": "pembangunan",
    "rehab": "rehabilitasi",
    "peningk": "peningkatan",
    "pengemb": "pengembangan",
    "pemel": "pemeliharaan",
    "sal": "saluran",
    "drain": "drainase",
    "kel": "kelurahan",
    "kec": "kecamatan",
    "ds": "desa",
    "kab": "kabupaten",
    "kws": "kawasan",
    "sarpras": "sarana prasarana",
}

#: Words that carry no meaning for matching.
STOPWORDS: Final = frozenset(
    [
        "dan",
        "di",
        "yang",
        "untuk",
        "serta",
        "dalam",
        "pada",
        "ke",
        "dari",
        "atau",
        "melalui",
        "dengan",
        "kabupaten",
        "kota",
        "tahun",
        "the",
        "of",
        "and",
        "in",
        "for",
    ]
)

#: What an activity does: two names that each say what they do, and say different things, are
#: different activities (``Pembangunan IPLT`` is not ``Rehabilitasi IPLT``).
ACTION_WORDS: Final = frozenset(
    [
        "pembangunan",
        "rehabilitasi",
        "pemeliharaan",
        "peningkatan",
        "penyusunan",
        "pengadaan",
        "penyediaan",
        "sosialisasi",
        "pelatihan",
        "bimbingan",
        "pengembangan",
        "perluasan",
        "perencanaan",
        "kampanye",
        "pemicuan",
        "pendampingan",
        "monitoring",
        "evaluasi",
        "review",
        "revisi",
        "pembinaan",
        "pengawasan",
        "optimalisasi",
        "normalisasi",
        "operasional",
        "pengoperasian",
        "penataan",
        "pengangkutan",
        "pengumpulan",
        "penanganan",
        "pengurangan",
        "penertiban",
        "pendataan",
        "pemetaan",
        "survei",
        "studi",
        "kajian",
        "fasilitasi",
        "promosi",
        "penyuluhan",
        "pemantauan",
        "pengendalian",
        "penguatan",
        "pemberdayaan",
        "edukasi",
    ]
)

#: Groups of words that exclude each other: a name with one and a name with another of the same
#: group are about different things (SPALD terpusat vs setempat; TPST vs TPS 3R).
CONTRASTS: Final[tuple[frozenset[str], ...]] = (
    frozenset({"terpusat", "setempat"}),
    frozenset({"terpadu", "reduce", "sementara", "akhir"}),
    frozenset({"lumpur", "limbah", "sampah", "drainase", "minum"}),
    frozenset({"komunal", "individual"}),
)

_SPLIT = re.compile(r"[^0-9a-z]+")
_PAIRS = {key for key in ABBREVIATIONS if " " in key}


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The name reduced to lower-case words, abbreviations expanded, filler words dropped."""
    tokens = [t for t in _SPLIT.split(_ascii(text)) if t]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        pair = f"{tokens[i]} {tokens[i + 1]}" if i + 1 < len(tokens) else ""
        if pair in _PAIRS:
            out.extend(ABBREVIATIONS[pair].split())
            i += 2
            continue
        token = tokens[i]
        out.extend(ABBREVIATIONS.get(token, token).split())
        i += 1
    return " ".join(t for t in out if t not in STOPWORDS)


_SHORT_WORDS = {k: v for k, v in ABBREVIATIONS.items() if " " not in k and " " not in v}


@lru_cache(maxsize=65536)
def action_words(text: str) -> frozenset[str]:
    """The action words the name itself says (see :data:`ACTION_WORDS`); words that only come
    from expanding an abbreviation (the *pengelolaan* of SPALD) do not count."""
    words = {_SHORT_WORDS.get(t, t) for t in _SPLIT.split(_ascii(text)) if t}
    return frozenset(words) & ACTION_WORDS


@lru_cache(maxsize=65536)
def contrast_marks(text: str) -> tuple[frozenset[str], ...]:
    """For each group of :data:`CONTRASTS`, the group's words the name uses."""
    words = frozenset(name_key(text).split())
    return tuple(group & words for group in CONTRASTS)
