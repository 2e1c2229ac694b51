"""``RegionBundle``: every document of one region, the unit that rules check.

>>> from ppsp.domain import *
>>> bundle = RegionBundle(
...     region=RegionCode.parse("62.10"),
...     ssk=(StrategiSanitasi(region=RegionCode.parse("62.10"), period=PlanPeriod(2019, 2023)),
...          StrategiSanitasi(region=RegionCode.parse("62.10"), period=PlanPeriod(2024, 2028))),
...     rkpd=(RKPD(region=RegionCode.parse("62.10"), year=2025),),
... )
>>> str(bundle.ssk_for(2025).period), bundle.rkpd_for(2025).year, bundle.rkpd_for(2026)
('2024-2028', 2025, None)
>>> sorted(kind.value for kind in bundle.kinds())
['rkpd', 'ssk']
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from ppsp.domain.agency import Agency, WorkingGroup
from ppsp.domain.checks import check_records
from ppsp.domain.diagnostics import ImportFinding
from ppsp.domain.documents import (
    DPA,
    RKPD,
    RPJMD,
    BukuPutihSanitasi,
    Document,
    DocumentKind,
    MemorandumProgram,
    Record,
    RenjaPD,
    RenstraPD,
    StrategiSanitasi,
)
from ppsp.domain.implementation import ImplementationRecord
from ppsp.domain.kinds import KINDS, kind_spec
from ppsp.domain.lazy import LazySequence
from ppsp.domain.region import RegionCode

__all__ = ["RegionBundle"]


@attrs.frozen(kw_only=True)
class RegionBundle(Record):
    """All documents of one region. The bundle does not require its documents to agree (rule
    DOC005 reports documents that name another region): it only holds them; and what the
    import found in the files that every report must say (``import_findings``: a hidden
    sheet, hidden columns, macros, a broken CSV quote), with its place."""

    region: RegionCode
    bps: tuple[BukuPutihSanitasi, ...] = ()
    ssk: tuple[StrategiSanitasi, ...] = ()
    mps: tuple[MemorandumProgram, ...] = ()
    rpjmd: tuple[RPJMD, ...] = ()
    renstra: tuple[RenstraPD, ...] = ()
    rkpd: tuple[RKPD, ...] = ()
    renja: tuple[RenjaPD, ...] = ()
    dpa: tuple[DPA, ...] = ()
    implementation: ImplementationRecord | None = None
    working_groups: tuple[WorkingGroup, ...] = ()
    import_findings: tuple[ImportFinding, ...] = ()

    def materialised(self) -> RegionBundle:
        """This bundle with every line made: documents whose lines are a
        :class:`~ppsp.domain.lazy.LazySequence` (as the importer gives them) get the tuple of
        their lines. Rules walk the lines many times; the engine makes them once per check.
        The bundle itself when nothing is lazy.

        >>> from ppsp.domain import RKPD, LazySequence, PlanLine, RegionCode
        >>> lazy = RKPD(region=RegionCode.parse("62.10"), year=2025,
        ...             lines=LazySequence(2, lambda i: PlanLine(name=f"line {i}")))
        >>> bundle = RegionBundle(region=RegionCode.parse("62.10"), rkpd=(lazy,))
        >>> made = bundle.materialised()
        >>> type(made.rkpd[0].lines).__name__, made == bundle, made.materialised() is made
        ('tuple', True, True)
        """
        changes: dict[str, Any] = {}
        for spec in KINDS:
            if not spec.annual or spec.single:
                continue
            name = spec.attribute
            documents: tuple[Document, ...] = getattr(self, name)
            if any(isinstance(getattr(d, "lines", None), LazySequence) for d in documents):
                changes[name] = tuple(
                    attrs.evolve(d, lines=tuple(d.lines))  # type: ignore[attr-defined, call-arg]
                    if isinstance(getattr(d, "lines", None), LazySequence)
                    else d
                    for d in documents
                )
        return attrs.evolve(self, **changes) if changes else self

    def documents(self) -> Iterator[Document]:
        """Every document, in the order of the register of kinds
        (:data:`~ppsp.domain.kinds.KINDS`)."""
        for spec in KINDS:
            yield from spec.documents(self)

    def __iter__(self) -> Iterator[Document]:
        """The bundle's documents (:meth:`documents`).

        >>> bundle = RegionBundle(region=RegionCode.parse("62.10"),
        ...                       rkpd=(RKPD(region=RegionCode.parse("62.10"), year=2025),))
        >>> [d.kind.value for d in bundle]
        ['rkpd']
        """
        return self.documents()

    def of_kind(self, kind: DocumentKind | str) -> tuple[Document, ...]:
        """The documents of ``kind`` (``"renja-pd"`` or a :class:`~ppsp.domain.documents.DocumentKind`)."""
        return kind_spec(kind).documents(self)

    def in_year(self, year: int) -> Iterator[Document]:
        """The dated documents that apply to ``year``: the annual ones of that year, the
        multi-year ones whose period covers it."""
        for spec in KINDS:
            for document in spec.documents(self):
                if spec.in_year(document, year):
                    yield document

    def kinds(self) -> frozenset[DocumentKind]:
        """The kinds of document present."""
        return frozenset(doc.kind for doc in self.documents())

    def ssk_for(self, year: int) -> StrategiSanitasi | None:
        """The SSK in force in ``year``: the latest-starting one whose period covers it."""
        covering = [s for s in self.ssk if year in s.period]
        return max(covering, key=lambda s: s.period.start) if covering else None

    def rpjmd_for(self, year: int) -> RPJMD | None:
        """The RPJMD whose period covers ``year``."""
        covering = [r for r in self.rpjmd if year in r.period]
        return max(covering, key=lambda r: r.period.start) if covering else None

    def renstra_for(self, agency: Agency, year: int) -> RenstraPD | None:
        """The Renstra-PD of ``agency`` (any spelling) covering ``year``."""
        covering = [r for r in self.renstra if year in r.period and r.agency.same_as(agency)]
        return max(covering, key=lambda r: r.period.start) if covering else None

    def rkpd_for(self, year: int) -> RKPD | None:
        """The RKPD of ``year`` (the last one given, when there are several)."""
        found = [r for r in self.rkpd if r.year == year]
        return found[-1] if found else None

    def renja_for(self, year: int, agency: Agency | None = None) -> tuple[RenjaPD, ...]:
        """The Renja-PD of ``year`` (of ``agency`` only, when given)."""
        return tuple(
            r for r in self.renja if r.year == year and (agency is None or r.agency.same_as(agency))
        )

    def dpa_for(self, year: int, agency: Agency | None = None) -> tuple[DPA, ...]:
        """The DPA of ``year`` (of ``agency`` only, when given; a DPA without agency counts)."""
        return tuple(
            d
            for d in self.dpa
            if d.year == year and (agency is None or d.agency is None or d.agency.same_as(agency))
        )


check_records(globals(), __all__)
