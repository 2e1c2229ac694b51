"""Sanitation access levels (the SDG 6.2 ladder as Nawasis and SUSENAS use it) and profiles.

>>> AccessLevel.parse("Akses Sanitasi Layak Sendiri")
<AccessLevel.LAYAK_SENDIRI: 'layak-sendiri'>
>>> [level.value for level in AccessLevel if level.is_layak]
['aman', 'layak-sendiri', 'layak-bersama']

An :class:`AccessProfile` holds the shares of households per level in one year:

>>> from decimal import Decimal
>>> profile = AccessProfile(year=2023, aman=Decimal("10.21"), layak_sendiri=Decimal("67.5"),
...                         layak_bersama=Decimal("5.5"), belum_layak=Decimal("12.29"),
...                         babs_tertutup=Decimal("1"), babs_terbuka=Decimal("3.5"))
>>> profile.layak, profile.babs, profile.total
(Decimal('83.21'), Decimal('4.5'), Decimal('100.00'))
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ppsp.domain.checks import check_records
from ppsp.domain.extras import Extras, empty_extras, to_extras
from ppsp.domain.labels import LabelledEnum, labelled
from ppsp.domain.location import SourceLocation
from ppsp.domain.numeric import to_opt_decimal
from ppsp.errors import InvalidComponent
from ppsp.i18n import N_

__all__ = ["AccessLevel", "AccessProfile"]


@labelled(
    "access-level",
    {
        "akses aman": "aman",
        "sanitasi aman": "aman",
        "safely managed": "aman",
        "layak sendiri": "layak-sendiri",
        "akses layak sendiri": "layak-sendiri",
        "basic": "layak-sendiri",
        "layak bersama": "layak-bersama",
        "akses layak bersama": "layak-bersama",
        "shared": "layak-bersama",
        "belum layak": "belum-layak",
        "akses dasar": "belum-layak",
        "unimproved": "belum-layak",
        "babs tertutup": "babs-tertutup",
        "babs terbuka": "babs-terbuka",
        "babs di tempat terbuka": "babs-terbuka",
        "open defecation": "babs-terbuka",
    },
)
class AccessLevel(LabelledEnum):
    """A rung of the sanitation ladder (domain brief 2.5, Nawasis definitions)."""

    AMAN = "aman"
    LAYAK_SENDIRI = "layak-sendiri"
    LAYAK_BERSAMA = "layak-bersama"
    BELUM_LAYAK = "belum-layak"
    BABS_TERTUTUP = "babs-tertutup"
    BABS_TERBUKA = "babs-terbuka"

    @property
    def is_layak(self) -> bool:
        """Adequate access (aman included)."""
        return self in (AccessLevel.AMAN, AccessLevel.LAYAK_SENDIRI, AccessLevel.LAYAK_BERSAMA)

    @property
    def is_babs(self) -> bool:
        """Open defecation, closed or open."""
        return self in (AccessLevel.BABS_TERTUTUP, AccessLevel.BABS_TERBUKA)


def _share(
    instance: object, attribute: attrs.Attribute[Decimal | None], value: Decimal | None
) -> None:
    if value is not None and not Decimal(0) <= value <= Decimal(100):
        raise InvalidComponent(N_("access.share-range"), level=attribute.name, value=value)


@attrs.frozen(kw_only=True)
class AccessProfile:
    """The share (percent of households) at each access level in one year, for a region or area.

    Shares are checked to lie within 0-100; whether they add up to 100 is rule STR006's question,
    so an inconsistent profile from a real file can still be represented and reported.
    """

    year: int
    area: str | None = None
    aman: Decimal | None = attrs.field(default=None, converter=to_opt_decimal, validator=_share)
    layak_sendiri: Decimal | None = attrs.field(
        default=None, converter=to_opt_decimal, validator=_share
    )
    layak_bersama: Decimal | None = attrs.field(
        default=None, converter=to_opt_decimal, validator=_share
    )
    belum_layak: Decimal | None = attrs.field(
        default=None, converter=to_opt_decimal, validator=_share
    )
    babs_tertutup: Decimal | None = attrs.field(
        default=None, converter=to_opt_decimal, validator=_share
    )
    babs_terbuka: Decimal | None = attrs.field(
        default=None, converter=to_opt_decimal, validator=_share
    )
    data_source: str | None = None
    source: SourceLocation | None = None
    extras: Extras = attrs.field(factory=empty_extras, converter=to_extras, hash=False)

    def share(self, level: AccessLevel) -> Decimal | None:
        """The share at ``level``."""
        value: Decimal | None = getattr(self, level.value.replace("-", "_"))
        return value

    def _sum(self, levels: list[AccessLevel]) -> Decimal:
        return sum((self.share(level) or Decimal(0) for level in levels), Decimal(0))

    @property
    def total(self) -> Decimal:
        """Sum of all shares given (should be 100)."""
        return self._sum(list(AccessLevel))

    @property
    def layak(self) -> Decimal:
        """Adequate access, aman included."""
        return self._sum([level for level in AccessLevel if level.is_layak])

    @property
    def babs(self) -> Decimal:
        """Open defecation, closed and open."""
        return self._sum([level for level in AccessLevel if level.is_babs])


check_records(globals(), __all__)
