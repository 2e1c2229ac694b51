"""The evidence a link rests on, and what each piece weighs.

In the manner of Fellegi and Sunter (and of Splink's match weights), every comparison between
an SSK activity and a line of a plan ends in one *level* per feature (the codes are the same;
the names share 72 % of their weighted words; the places conflict; ...). Each level weighs
``log2(m / u)`` bits, where *m* is how often the level is seen between an activity and its true
counterpart and *u* how often between an activity and any other line. A link's score is the
sum of its weights on top of the prior odds of a match, read as a probability.

The weights shipped in ``data/weights.json`` were estimated on the tuning half of the labelled
corpus (``benchmarks/linker_corpus``) by ``benchmarks/fit_linker_weights.py``; the file says
when and on what. Nothing here is set by hand but the levels themselves.

>>> weights = Weights.default()
>>> weights.of("code", "exact") > weights.of("name", "n50") > 0 > weights.of("location", "conflicts")
True
>>> round(weights.probability([weights.of("code", "exact")]), 2) > 0.9
True
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs

from ppsp.domain.frozen import FrozenMap
from ppsp.errors import PpspError
from ppsp.i18n import N_

__all__ = ["FEATURES", "Evidence", "Weights", "name_level", "said"]

#: Every feature and its levels, in the order reports list them.
FEATURES: Final[Mapping[str, tuple[str, ...]]] = {
    "code": ("exact", "renumbered", "parent", "program", "differs", "none"),
    "inferred": ("top", "listed", "no", "none"),
    "name": ("n90", "n70", "n50", "n35", "n20", "n0"),
    "wording": ("same", "differs"),
    "concept": ("shared", "disjoint", "other-kind", "none"),
    "action": ("agrees", "conflicts", "unknown"),
    "agency": ("same", "different", "unknown"),
    "location": ("agrees", "conflicts", "unknown"),
    "amount": ("agrees", "near", "far", "unknown"),
    "unit": ("agrees", "differs", "unknown"),
    "subsector": ("same", "differs", "unknown"),
}


def name_level(similarity: float) -> str:
    """The level of a name similarity (0-1)."""
    for bound, level in ((0.9, "n90"), (0.7, "n70"), (0.5, "n50"), (0.35, "n35"), (0.2, "n20")):
        if similarity >= bound:
            return level
    return "n0"


@attrs.frozen
class Evidence:
    """One piece of evidence of one link: the feature, its level, its weight in bits, and what
    was compared (``detail``: the similarity, the shared concepts, the inference's reason)."""

    feature: str
    level: str
    weight: float
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        """As the JSON report writes it."""
        return {
            "feature": self.feature,
            "level": self.level,
            "weight": round(self.weight, 2),
            "detail": self.detail,
        }


@attrs.frozen
class Weights:
    """Match weights (bits) per feature level, the prior, and the two decision thresholds.

    :param prior: log2 of the prior odds that an activity and a line of its pool match
    :param link: the probability from which a link is certain (*linked*)
    :param review: the probability from which the best candidate is shown as *needs review*
        rather than the activity being *missing*
    :param fitted: what the weights were estimated on (free text, shown in reports)
    :param margin: how many bits the best candidate must lead the next one (of another code) by
        to be *linked* rather than *needs review*
    """

    table: Mapping[str, Mapping[str, float]] = attrs.field(converter=FrozenMap)
    prior: float
    link: float
    review: float
    fitted: str = ""
    margin: float = 0.0

    def __attrs_post_init__(self) -> None:
        if not 0 < self.review <= self.link < 1:
            raise PpspError(N_("linker.thresholds"), review=self.review, link=self.link)

    @classmethod
    def default(cls) -> Weights:
        """The weights shipped with ppsp."""
        return _default_weights()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, origin: str = "weights.json") -> Weights:
        """Read the JSON form (``features``, ``prior``, ``thresholds``, ``fitted``)."""
        try:
            table = {
                feature: FrozenMap({level: float(w) for level, w in levels.items()})
                for feature, levels in data["features"].items()
            }
            return cls(
                table,
                float(data["prior"]),
                float(data["thresholds"]["link"]),
                float(data["thresholds"]["review"]),
                str(data.get("fitted", "")),
                float(data["thresholds"].get("margin", 0.0)),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise PpspError(N_("linker.weights"), file=origin, problem=repr(error)) from None

    @classmethod
    def from_file(cls, path: str | Path) -> Weights:
        """A weights file written by ``benchmarks/fit_linker_weights.py``."""
        try:
            data = json.loads(Path(path).read_text("utf-8"))
        except (OSError, ValueError) as error:
            raise PpspError(N_("linker.weights"), file=str(path), problem=str(error)) from None
        return cls.from_dict(data, origin=str(path))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "fitted": self.fitted,
            "prior": round(self.prior, 4),
            "thresholds": {"link": self.link, "review": self.review, "margin": self.margin},
            "features": {
                f: {k: round(v, 4) for k, v in levels.items()} for f, levels in self.table.items()
            },
        }

    def of(self, feature: str, level: str) -> float:
        """The weight of one level (0 for a level the table does not know)."""
        return self._flat.get((feature, level), 0.0)

    @functools.cached_property
    def _flat(self) -> dict[tuple[str, str], float]:
        # the linker asks for a weight ten times per comparison: one plain dict lookup
        return {(f, lv): float(w) for f, levels in self.table.items() for lv, w in levels.items()}

    def probability(self, weights: Iterable[float]) -> float:
        """The match probability of a comparison with these evidence weights."""
        total = self.prior + sum(weights)
        if total > 60:
            return 1.0
        if total < -60:
            return 0.0
        return 1.0 / (1.0 + math.pow(2.0, -total))

    def replace(self, **changes: Any) -> Weights:
        """A copy with some fields changed (thresholds, say)."""
        return attrs.evolve(self, **changes)


@functools.cache
def _default_weights() -> Weights:
    source = resources.files("ppsp.rules.linking").joinpath("data", "weights.json")
    return Weights.from_dict(
        json.loads(source.read_text("utf-8")), origin="ppsp/rules/linking/data/weights.json"
    )


class _Said:
    """Pieces of evidence as a reader reads them, in the language of the message they sit in:
    ``name 50 % alike (+0.7); agency different (-1.1)`` / ``nama 50 % mirip (+0,7); ...``."""

    def __init__(self, evidence: Iterable[Evidence]) -> None:
        self.evidence = tuple(evidence)

    def __ppsp_format__(self, lang: str) -> str:
        from decimal import Decimal

        from ppsp.i18n import format_number, render

        parts = []
        for e in self.evidence:
            weight = Decimal(f"{e.weight:.1f}")
            signed = ("+" if weight > 0 else "") + format_number(weight, lang)
            item = {"feature": e.feature, "level": e.level, "weight": signed}
            parts.append(render(N_("evidence.item"), item, lang))
        return "; ".join(parts)

    def __str__(self) -> str:
        return self.__ppsp_format__("en")


def said(evidence: Iterable[Evidence]) -> _Said:
    """``evidence`` written out in words (rendered in the language of the message it goes in).

    >>> e = Evidence("agency", "different", -1.14)
    >>> said([e]).__ppsp_format__("id"), said([e]).__ppsp_format__("en")
    ('perangkat daerah berbeda (-1,1)', 'agency different (-1.1)')
    """
    return _Said(evidence)
