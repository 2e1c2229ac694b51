"""National access targets as data, keyed by plan and year (rule STR005).

The shipped table holds the RPJMN 2020-2024 targets for 2024 (90 % layak including 15 % aman,
0 % BABS). A plan that sets new targets is a row in a CSV file, not a change of code:

>>> targets = national_targets()
>>> [(t.measure.value, t.bound, str(t.value)) for t in targets.in_force(2028)]
[('layak', 'min', '90'), ('aman', 'min', '15'), ('babs', 'max', '0')]
>>> targets.in_force(2020)
()
>>> extra = NationalTarget(plan="RPJMN 2025-2029", instrument="Perpres 12/2025", year=2029,
...                        measure=AccessMeasure.AMAN, bound="min", value=Decimal(30),
...                        confirmed=False)
>>> [str(t.value) for t in targets.with_targets([extra]).in_force(2029)]
['30']
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import attrs

from ppsp.domain.documents import AccessMeasure
from ppsp.domain.numeric import to_decimal
from ppsp.errors import InvalidValue
from ppsp.i18n import N_

__all__ = ["NationalTarget", "NationalTargets", "load_targets", "national_targets"]

Bound = Literal["min", "max"]


@attrs.frozen(kw_only=True)
class NationalTarget:
    """One national target: ``measure`` must be at least (``min``) or at most (``max``)
    ``value`` percent by the end of ``year``."""

    plan: str
    instrument: str
    year: int
    measure: AccessMeasure
    bound: Bound
    value: Decimal = attrs.field(converter=to_decimal)
    confirmed: bool = True

    def met_by(self, value: Decimal) -> bool:
        """Whether a regional target of ``value`` % meets this national one."""
        return value >= self.value if self.bound == "min" else value <= self.value


@attrs.frozen
class NationalTargets:
    """A table of national targets."""

    targets: tuple[NationalTarget, ...] = ()

    def __iter__(self) -> Iterator[NationalTarget]:
        return iter(self.targets)

    def __len__(self) -> int:
        return len(self.targets)

    def in_force(self, year: int) -> tuple[NationalTarget, ...]:
        """The targets of the latest target year not after ``year`` (one per measure)."""
        years = [t.year for t in self.targets if t.year <= year]
        if not years:
            return ()
        latest = max(years)
        return tuple(t for t in self.targets if t.year == latest)

    def with_targets(self, more: Iterable[NationalTarget]) -> NationalTargets:
        """A table with ``more`` added (a target of the same plan, year and measure replaces
        the old one)."""
        added = list(more)
        keys = {(t.plan, t.year, t.measure) for t in added}
        kept = [t for t in self.targets if (t.plan, t.year, t.measure) not in keys]
        return NationalTargets((*kept, *added))

    def describe(self) -> str:
        """``RPJMN 2020-2024 (2024)``: the plans and years the table holds."""
        return ", ".join(sorted({f"{t.plan} ({t.year})" for t in self.targets}))


def _parse(text: str, origin: str) -> NationalTargets:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    found: list[NationalTarget] = []
    for number, row in enumerate(csv.DictReader(io.StringIO("\n".join(lines))), start=2):
        try:
            bound = row["bound"].strip()
            if bound not in ("min", "max"):
                raise ValueError(bound)
            found.append(
                NationalTarget(
                    plan=row["plan"].strip(),
                    instrument=row["instrument"].strip(),
                    year=int(row["year"]),
                    measure=AccessMeasure(row["measure"].strip()),
                    bound=bound,  # type: ignore[arg-type]
                    value=row["value"],
                    confirmed=row.get("status", "confirmed").strip() == "confirmed",
                )
            )
        except (KeyError, ValueError, TypeError, AttributeError, InvalidValue) as exc:
            raise InvalidValue(
                N_("targets.bad-row"), file=origin, row=number, problem=str(exc)
            ) from None
    return NationalTargets(tuple(found))


def load_targets(path: str | Path) -> NationalTargets:
    """Read a targets table from a CSV file with the shipped file's columns."""
    return _parse(Path(path).read_text(encoding="utf-8-sig"), str(path))


@cache
def national_targets() -> NationalTargets:
    """The shipped table (``ppsp/rules/data/national_targets.csv``)."""
    text = resources.files("ppsp.rules.data").joinpath("national_targets.csv").read_text("utf-8")
    return _parse(text, "national_targets.csv")
