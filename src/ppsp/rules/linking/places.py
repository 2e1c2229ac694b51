"""Locations as SSK matrices and plans write them.

A cell can name several places (``Kec. Amen, Kec. Lebong Tengah``; ``Desa X dan Desa Y``), a
count of places (``12 Desa``) or the whole region (``Kabupaten``, ``seluruh kecamatan``). Only
named places can agree or conflict; a count or the whole region says nothing either way.

>>> [sorted(place) for place in places("Kec. Amen, Kec. Lebong Tengah")]
[['amen'], ['lebong', 'tengah']]
>>> location_agreement("Kec. Amen, Kec. Lebong Tengah", "Kecamatan Lebong Tengah dan Amen")
'agrees'
>>> location_agreement("Desa Tewah", "Desa Sei Riang"), location_agreement("12 Desa", "Desa Tewah")
('conflicts', 'unknown')
>>> location_agreement("Kabupaten Gunung Mas", "Desa Tewah")
'unknown'
>>> location_agreement("Kuala Kurun", "Kecamatan Kurun")
'unknown'
>>> location_agreement("Desa Tumbang Miri", "Desa Tumbang Jutuh")
'conflicts'
>>> location_agreement("Kuala Kurun, Desa Tumbang Rawai (Kec. Rungan)", "Kecamatan Kurun")
'unknown'
>>> location_agreement("Kec. Pontianak Kota", "Kecamatan Pontianak Kota")
'agrees'
>>> location_agreement("Kota Pontianak", "Kecamatan Pontianak Kota")
'unknown'
"""

from __future__ import annotations

import functools
import re
from typing import Final

from ppsp.rules.linking.text import fold

__all__ = ["location_agreement", "places", "region_wide"]

_SEPARATORS: Final = re.compile(r"[,;/&+\n]|\b(?:dan|serta)\b", re.I)
#: Words that say what kind of place follows, not which place.
PLACE_WORDS: Final = frozenset(
    [
        "kel",
        "kelurahan",
        "kec",
        "kecamatan",
        "desa",
        "ds",
        "kampung",
        "dusun",
        "rt",
        "rw",
        "kawasan",
        "lokasi",
        "di",
        "wilayah",
        "daerah",
        "jl",
        "jalan",
        "komplek",
        "perumahan",
        "blok",
    ]
)
#: Words that speak of the whole region wherever they stand (*seluruh desa*, *tersebar*).
_WHOLE: Final = re.compile(r"\b(seluruh|semua|lintas|tersebar|beberapa)\b", re.I)
#: The region's own kind at the start of a place (*Kabupaten Gunung Mas*, *Kota Pontianak*,
#: *se-Kabupaten*): the whole region. Further on it is part of a name: *Kecamatan Pontianak
#: Kota* and *Medan Kota* are districts.
_REGION_FIRST: Final = re.compile(r"^\s*(kab|kabupaten|kota|se)\b", re.I)
_COUNT: Final = re.compile(
    r"^\s*\d+\s*(desa|kelurahan|kecamatan|kampung|lokasi|titik|kawasan)", re.I
)


def region_wide(text: str | None) -> bool:
    """Whether the cell speaks of the whole region or of a count of places, not of places."""
    if not text or not text.strip():
        return False
    if _WHOLE.search(text) or _COUNT.search(text):
        return True
    return any(_REGION_FIRST.match(part) for part in _SEPARATORS.split(text))


#: A kind of place that opens a new place inside a cell written without commas (*Ds. Kedungbendo
#: Kec. Tanggulangin* is the village and its district).
_NEXT_PLACE: Final = re.compile(
    r"(?<=\w)\.?\s+(?=(?:kec|kecamatan|desa|ds|kel|kelurahan|kampung|dusun)\b\.?\s*\w)", re.I
)


@functools.lru_cache(maxsize=65536)
def places(text: str | None) -> tuple[frozenset[str], ...]:
    """The places a location cell names, each as its words (kinds of place left out). A cell
    that names a village and its district without a comma names both.

    >>> [sorted(place) for place in places("Ds. Kedungbendo Kec. Tanggulangin")]
    [['kedungbendo'], ['tanggulangin']]
    """
    return tuple(words for words, _ in _named(text))


@functools.lru_cache(maxsize=65536)
def _named(text: str | None) -> tuple[tuple[frozenset[str], str], ...]:
    """The places of a cell, each with its tier (see :func:`_tier`): in *Kuala Kurun, Desa
    Tumbang Rawai (Kec. Rungan)* the first place says no tier, the second is a village and the
    third a district."""
    return tuple((frozenset(words), tier) for words, tier in spelled(text))


@functools.lru_cache(maxsize=65536)
def spelled(text: str | None) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The places of a cell as :func:`places` finds them, each with its words in the order
    written and its tier (for a register that writes *Sungaijawi* where a cell has *Sungai
    Jawi*)."""
    if not text or region_wide(text):
        return ()
    found = []
    for part in _SEPARATORS.split(_NEXT_PLACE.sub(",", _BRACKETS.sub(r",\1", text))):
        words = tuple(w for w in fold(part) if w not in PLACE_WORDS and not w.isdigit())
        if words:
            found.append((words, _tier(part)))
    return tuple(found)


#: A place in brackets after another (*Desa Tumbang Rawai (Kec. Rungan)*) is a place of its own.
_BRACKETS: Final = re.compile(r"\(([^()]*)\)")


def _same(a: frozenset[str], b: frozenset[str]) -> bool:
    return a == b or (len(a) > 1 and a <= b) or (len(b) > 1 and b <= a)


def location_agreement(activity: str | None, line: str | None) -> str:
    """``agrees`` (a place both name), ``conflicts`` (both name places, no word shared) or
    ``unknown`` (either names no place, or a village and a district share a word: ``Kuala
    Kurun`` may lie in ``Kecamatan Kurun``, which only a gazetteer could confirm). Two villages
    that share a word (``Desa Tumbang Miri``, ``Desa Tumbang Jutuh``) are two places."""
    wanted, have = places(activity), places(line)
    if not wanted or not have:
        return "unknown"
    # a place written as two words on one side and split by "dan" on the other still counts
    flat_have = frozenset().union(*have)
    for place in wanted:
        if any(_same(place, other) for other in have) or place <= flat_have:
            return "agrees"
    for place, tier in _named(activity):
        for other, other_tier in _named(line):
            if tier != other_tier and any(len(w) >= 4 for w in place & other):
                # a village and a district that share a word (or a place that says neither):
                # the village may lie in the district
                return "unknown"
    return "conflicts"


_DISTRICT: Final = re.compile(r"\b(kec|kecamatan|distrik)\b", re.I)
_VILLAGE: Final = re.compile(r"\b(desa|ds|kel|kelurahan|kampung|dusun|nagari|gampong)\b", re.I)


def _tier(text: str | None) -> str:
    """Whether a cell names districts, villages, or does not say."""
    if not text:
        return ""
    if _DISTRICT.search(text):
        return "district"
    return "village" if _VILLAGE.search(text) else ""
