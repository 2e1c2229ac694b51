"""The knobs of a check: :class:`Settings` (tolerances, targets, code lists, the date
"today", the linker's options, severity overrides)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from ppsp.domain.diagnostics import Severity
from ppsp.domain.funding import FundingSource
from ppsp.domain.nomenclature import CodeLists, sanitation_code_lists
from ppsp.errors import PpspError
from ppsp.i18n import N_
from ppsp.rules.model import _freeze

if TYPE_CHECKING:
    from ppsp.rules.linking import LinkOptions
    from ppsp.rules.targets import NationalTargets


__all__ = ["READINESS_SOURCES", "Settings"]


def _default_targets() -> NationalTargets:
    from ppsp.rules.targets import national_targets

    return national_targets()


def _decimal(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


#: Funding sources that need readiness criteria (FIN004) by default: everything outside the
#: region's own APBD. Domain brief 1.3 confirms RC for DAK Fisik and reports them for "funding
#: outside the APBD" in general [unconfirmed for the other sources]; change it in Settings.
READINESS_SOURCES: frozenset[FundingSource] = frozenset(
    s for s in FundingSource if not s.is_regional_budget
)


@attrs.frozen(kw_only=True)
class Settings:
    """What a check may be tuned with.

    :param tolerance: INT006: the share by which a pagu may fall below the SSK's indicative APBD
        cost before it is reported (``0.10`` = 10 %)
    :param access_tolerance: STR006: percentage points an access profile may miss 100 by
    :param targets: STR005: the national access targets (data, keyed by plan and year)
    :param code_lists: INT008 and the linker: code lists by fiscal year, with renumbering
    :param today: the date "now" (default: today on the region's own clock)
    :param link_threshold: the linker's match probability (0-100) from which a link is
        certain (default: the threshold fitted with its weights)
    :param review_threshold: the probability (0-100) from which the best candidate needs review
        (INT007) instead of the activity being missing (default: the fitted one)
    :param linking: other linker options (thesaurus, weights, the code list codes are inferred
        from); see ``ppsp.rules.linking.LinkOptions``
    :param readiness_sources: FIN004: sources whose activities need readiness criteria
    :param severity: severity overrides by rule id
    :param generated_at: the moment the report records as made (ISO 8601, ``2025-06-01T00:00:00Z``),
        for byte-identical reports from the same inputs; default: the ``SOURCE_DATE_EPOCH``
        environment variable when set (the reproducible-builds convention), else now
    """

    tolerance: Decimal = attrs.field(default=Decimal("0.10"), converter=_decimal)
    access_tolerance: Decimal = attrs.field(default=Decimal("0.5"), converter=_decimal)
    targets: NationalTargets = attrs.field(factory=_default_targets)
    code_lists: CodeLists = attrs.field(factory=sanitation_code_lists)
    today: pendulum.Date | None = None
    link_threshold: float | None = None
    review_threshold: float | None = None
    linking: Mapping[str, Any] = attrs.field(factory=dict, converter=_freeze)
    readiness_sources: frozenset[FundingSource] = READINESS_SOURCES
    severity: Mapping[str, Severity] = attrs.field(factory=dict, converter=_freeze)
    generated_at: str | None = None

    def __attrs_post_init__(self) -> None:
        if not Decimal(0) <= self.tolerance < Decimal(1):
            raise PpspError(N_("rules.bad-tolerance"), value=self.tolerance)

    def link_options(self) -> LinkOptions:
        """The linker's options these settings make."""
        from ppsp.rules.linking import LinkOptions

        def share(value: float | None) -> float | None:
            return None if value is None else float(value) / 100

        return LinkOptions(
            code_lists=self.code_lists,
            tolerance=self.tolerance,
            link_threshold=share(self.link_threshold),
            review_threshold=share(self.review_threshold),
            **dict(self.linking),
        )
