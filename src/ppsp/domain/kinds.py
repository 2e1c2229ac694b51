"""The register of document kinds: what ``ppsp`` knows of each kind, said once.

Each :class:`KindSpec` holds a kind's class, the attribute of
:class:`~ppsp.domain.bundle.RegionBundle` that holds its documents, whether it is made for one
year (``annual``: the RKPD, a Renja-PD, a DPA, the white book's situation of a year), for a
plan period (``multi-year``: the SSK, the MPS, the RPJMD, a Renstra-PD) or for neither (the
implementation log), whether it belongs to one agency (a Renstra-PD, a Renja-PD, a DPA) and
the message key of its label. Code that needs one of these facts asks the register, instead of
a chain of ``isinstance`` or a list of kind names of its own.

>>> spec = kind_spec("renja-pd")
>>> spec.cls.__name__, spec.attribute, spec.timing, spec.agency_bound
('RenjaPD', 'renja', 'annual', True)
>>> spec.label("id")
'Renja Perangkat Daerah'
>>> [s.kind.value for s in KINDS if s.annual]
['bps', 'rkpd', 'renja-pd', 'dpa']
>>> from ppsp.domain import RKPD, RegionCode
>>> kind_spec(RKPD(region=RegionCode.parse("62.10"), year=2025)).in_year(
...     RKPD(region=RegionCode.parse("62.10"), year=2025), 2025)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import attrs

from ppsp.domain.documents import (
    DPA,
    RKPD,
    RPJMD,
    BukuPutihSanitasi,
    Document,
    DocumentKind,
    MemorandumProgram,
    RenjaPD,
    RenstraPD,
    StrategiSanitasi,
)
from ppsp.domain.implementation import ImplementationRecord
from ppsp.errors import InvalidValue
from ppsp.i18n import N_, render

if TYPE_CHECKING:
    from ppsp.domain.period import PlanPeriod

__all__ = ["KINDS", "KindSpec", "Timing", "kind_spec"]

#: When a kind of document applies: one fiscal year, a plan period, or no time of its own.
Timing = Literal["annual", "multi-year", "undated"]


@attrs.frozen
class KindSpec:
    """What ``ppsp`` knows of one kind of document."""

    kind: DocumentKind
    cls: type[Document]
    #: the attribute of the region bundle that holds the documents of this kind
    attribute: str
    timing: Timing
    #: a document of this kind belongs to one agency (perangkat daerah)
    agency_bound: bool = False
    #: the bundle holds one document of this kind at most (not a tuple)
    single: bool = False

    @property
    def annual(self) -> bool:
        """Made for one fiscal year (``document.year``)."""
        return self.timing == "annual"

    @property
    def multi_year(self) -> bool:
        """Made for a plan period (``document.period``)."""
        return self.timing == "multi-year"

    @property
    def label_key(self) -> str:
        """The message key of the kind's label."""
        return f"document-kind.{self.kind.value}"

    def label(self, lang: str | None = None) -> str:
        """The kind's name in ``lang``."""
        return render(self.label_key, None, lang)

    def in_year(self, document: Document, year: int) -> bool:
        """Whether ``document`` (of this kind) applies to ``year``: an annual one of that year,
        a multi-year one whose period covers it; an undated one never."""
        if self.annual:
            return bool(getattr(document, "year", None) == year)
        if self.multi_year:
            period: PlanPeriod | None = getattr(document, "period", None)
            return period is not None and year in period
        return False

    def year_of(self, document: Document) -> int | None:
        """The fiscal year of ``document`` when the kind is annual, else ``None``."""
        year = getattr(document, "year", None) if self.annual else None
        return year if isinstance(year, int) else None

    def documents(self, bundle: object) -> tuple[Document, ...]:
        """The documents of this kind in ``bundle`` (a
        :class:`~ppsp.domain.bundle.RegionBundle`, which imports this register)."""
        held: Document | tuple[Document, ...] | None = getattr(bundle, self.attribute)
        if held is None:
            return ()
        if isinstance(held, Document):
            return (held,)
        return tuple(held)


#: Every kind, in the order the bundle gives its documents.
KINDS: tuple[KindSpec, ...] = (
    KindSpec(DocumentKind.BPS, BukuPutihSanitasi, "bps", "annual"),
    KindSpec(DocumentKind.SSK, StrategiSanitasi, "ssk", "multi-year"),
    KindSpec(DocumentKind.MPS, MemorandumProgram, "mps", "multi-year"),
    KindSpec(DocumentKind.RPJMD, RPJMD, "rpjmd", "multi-year"),
    KindSpec(DocumentKind.RENSTRA_PD, RenstraPD, "renstra", "multi-year", agency_bound=True),
    KindSpec(DocumentKind.RKPD, RKPD, "rkpd", "annual"),
    KindSpec(DocumentKind.RENJA_PD, RenjaPD, "renja", "annual", agency_bound=True),
    KindSpec(DocumentKind.DPA, DPA, "dpa", "annual", agency_bound=True),
    KindSpec(
        DocumentKind.IMPLEMENTATION,
        ImplementationRecord,
        "implementation",
        "undated",
        single=True,
    ),
)

_BY_KIND = {spec.kind: spec for spec in KINDS}
_BY_CLASS: dict[type[Document], KindSpec] = {spec.cls: spec for spec in KINDS}


def kind_spec(kind: DocumentKind | str | Document | type[Document]) -> KindSpec:
    """The register's entry for ``kind``: a :class:`~ppsp.domain.documents.DocumentKind`, its
    value (``"renja-pd"``), a document or a document class.

    :raises InvalidValue: not a kind ppsp knows
    """
    if isinstance(kind, DocumentKind):
        return _BY_KIND[kind]
    if isinstance(kind, type):
        for cls in kind.__mro__:
            if cls in _BY_CLASS:
                return _BY_CLASS[cls]
    elif isinstance(kind, Document):
        return kind_spec(type(kind))
    elif isinstance(kind, str):
        try:
            return _BY_KIND[DocumentKind(kind)]
        except ValueError:
            pass
    raise InvalidValue(N_("kind.unknown"), value=str(kind)[:80])
