"""The documents of PPSP and of regional planning and budgeting, and the bundle of one region.

Every document names its region and its period or year; every line can carry the
:class:`~ppsp.domain.location.SourceLocation` of its row, the locations of its cells
(``cells``, keyed by field name) and the values the source had no field for (``extras``).

Documents check on construction only what would make them meaningless (a cost for a year
outside the plan's period). Everything a rule reports (totals that disagree, a missing
agency, regions that differ) can be represented, so that it can be reported.

>>> from decimal import Decimal
>>> from ppsp.domain import *
>>> activity = SSKActivity(
...     name="Pembangunan IPLT", code=NomenclatureCode.parse("1.03.05.2.01.0036"),
...     subsector=Subsector.AIR_LIMBAH_DOMESTIK,
...     policy_direction=PolicyDirection.INFRASTRUKTUR_LAYANAN,
...     costs=(YearAmount(year=2025, amount=Rupiah.parse("Rp 2.500.000.000")),),
...     funding=(Funding(source=FundingSource.APBD_KABKOTA, year=2025,
...                      amount=Rupiah.parse("2,5 M")),),
...     agency=Agency("Dinas PUPR"))
>>> ssk = StrategiSanitasi(region=RegionCode.parse("62.10"),
...                        period=PlanPeriod.parse("2024-2028"), activities=(activity,))
>>> ssk.total_cost().format("id")
'Rp2.500.000.000,00'
>>> activity.regional_budget_cost(2025) == activity.cost_in(2025)
True

Longer than 600 lines on purpose: it holds every document class and its lines (about 40 short attrs
classes, none over 80 lines); they share the line, funding and checked-field machinery, and the
register of kinds (:mod:`ppsp.domain.kinds`) names them together. One module per class would
scatter what a reader compares side by side.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar, Final

import attrs
import pendulum

from ppsp.domain.access import AccessProfile
from ppsp.domain.agency import Agency, WorkingGroup
from ppsp.domain.checks import check_records
from ppsp.domain.extras import Extras, empty_extras, to_extras
from ppsp.domain.frozen import FrozenMap
from ppsp.domain.funding import FundingSource
from ppsp.domain.labels import LabelledEnum, labelled
from ppsp.domain.lazy import LazySequence
from ppsp.domain.location import CellMap, SourceLocation
from ppsp.domain.money import Rupiah, sums_differ
from ppsp.domain.nomenclature import CodeLevel, NomenclatureCode
from ppsp.domain.numeric import to_decimal, to_opt_decimal
from ppsp.domain.period import MAX_YEAR, MIN_YEAR, FiscalYear, PlanPeriod, parse_date
from ppsp.domain.policy import PolicyDirection
from ppsp.domain.region import RegionCode
from ppsp.domain.subsector import Subsector
from ppsp.errors import DocumentError, InvalidComponent, PpspError
from ppsp.i18n import N_

__all__ = [
    "DPA",
    "RKPD",
    "RPJMD",
    "AccessMeasure",
    "Adoption",
    "AnnualPlan",
    "BudgetLine",
    "BukuPutihSanitasi",
    "Commitment",
    "CostShare",
    "Document",
    "DocumentKind",
    "Funding",
    "Indicator",
    "Line",
    "MemorandumProgram",
    "PlanLine",
    "RPJMDProgram",
    "Record",
    "RenjaPD",
    "RenstraLine",
    "RenstraPD",
    "RiskArea",
    "SSKActivity",
    "StatedTotal",
    "StrategiSanitasi",
    "Strategy",
    "Target",
    "YearAmount",
    "YearTarget",
]


@labelled(
    "document-kind",
    {
        "buku putih sanitasi": "bps",
        "strategi sanitasi": "ssk",
        "strategi sanitasi kabupaten kota": "ssk",
        "strategi sanitasi kabupaten": "ssk",
        "strategi sanitasi kota": "ssk",
        "memorandum program sanitasi": "mps",
        "renstra": "renstra-pd",
        "renstra pd": "renstra-pd",
        "renstra opd": "renstra-pd",
        "renstra skpd": "renstra-pd",
        "renja": "renja-pd",
        "renja pd": "renja-pd",
        "renja opd": "renja-pd",
        "renja skpd": "renja-pd",
        "dpa skpd": "dpa",
        "apbd": "dpa",
    },
)
class DocumentKind(LabelledEnum):
    """The kinds of document ``ppsp`` knows."""

    BPS = "bps"
    SSK = "ssk"
    MPS = "mps"
    RPJMD = "rpjmd"
    RENSTRA_PD = "renstra-pd"
    RKPD = "rkpd"
    RENJA_PD = "renja-pd"
    DPA = "dpa"
    IMPLEMENTATION = "implementation"


def _opt_date(value: object) -> pendulum.Date | None:
    return None if value is None else parse_date(value)


def _check_year(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_YEAR <= value <= MAX_YEAR:
        raise InvalidComponent(N_("year.range"), value=value, low=MIN_YEAR, high=MAX_YEAR)


def _check_opt_year(
    instance: object, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    if value is not None:
        _check_year(instance, attribute, value)  # type: ignore[arg-type]


def _cells(value: Mapping[str, SourceLocation] | None) -> Mapping[str, SourceLocation]:
    if not value:
        return _NO_CELLS
    if isinstance(value, FrozenMap | CellMap):
        return value
    return FrozenMap(value)


_NO_CELLS: Mapping[str, SourceLocation] = FrozenMap()


def _line_sequence(value: Iterable[Any]) -> Sequence[Any]:
    """Lines as given when they are made on reading (:class:`LazySequence`), else a tuple."""
    return value if isinstance(value, LazySequence | tuple) else tuple(value)


@attrs.frozen(kw_only=True)
class Record:
    """Base of every record: the values its source had that ``ppsp`` has no field for."""

    extras: Extras = attrs.field(factory=empty_extras, converter=to_extras, hash=False)


@attrs.frozen(kw_only=True)
class Line(Record):
    """Base of every line of a document: where it came from, row and cells."""

    source: SourceLocation | None = None
    cells: Mapping[str, SourceLocation] = attrs.field(
        factory=dict,
        converter=_cells,
        eq=attrs.cmp_using(eq=lambda a, b: dict(a) == dict(b), require_same_type=False),
        hash=False,
    )


@attrs.frozen(kw_only=True)
class Adoption(Record):
    """The legal instrument that adopts a document: ``Perbup Gunung Mas No. 12 Tahun 2024``."""

    instrument: str
    number: str | None = None
    date: pendulum.Date | None = attrs.field(default=None, converter=_opt_date)
    title: str | None = None

    def __str__(self) -> str:
        parts = [self.instrument]
        if self.number:
            parts.append(f"No. {self.number}")
        if self.date:
            parts.append(self.date.isoformat())
        return " ".join(parts)


@attrs.frozen(kw_only=True)
class YearAmount(Record):
    """An amount for one year (indicative cost, pagu)."""

    year: int = attrs.field(validator=_check_year)
    amount: Rupiah


@attrs.frozen(kw_only=True)
class YearTarget(Record):
    """A target for one year: the number when there is one, and the text as written."""

    year: int = attrs.field(validator=_check_year)
    value: Decimal | None = attrs.field(default=None, converter=to_opt_decimal)
    text: str | None = None


@attrs.frozen(kw_only=True)
class Funding(Record):
    """Money from one source, for one year when the table splits by year.

    ``label`` keeps the source as written (``DAK Fisik-Bidang Sanitasi-Reguler``) and
    ``sipd_code`` the SIPD sumber-dana code when the line had one.
    """

    source: FundingSource
    amount: Rupiah | None = None
    year: int | None = attrs.field(default=None, validator=_check_opt_year)
    label: str | None = None
    sipd_code: str | None = None


@attrs.frozen(kw_only=True)
class Indicator(Record):
    """A performance indicator with its unit, baseline and yearly targets."""

    name: str
    unit: str | None = None
    baseline: str | None = None
    targets: tuple[YearTarget, ...] = ()


class AccessMeasure(enum.Enum):
    """What an access target measures (rule STR005 compares these with national targets)."""

    LAYAK = "layak"
    AMAN = "aman"
    BABS = "babs"


@attrs.frozen(kw_only=True)
class Target(Line):
    """A target of the SSK: an indicator's value in a year, per subsector."""

    year: int = attrs.field(validator=_check_year)
    indicator: str
    value: Decimal = attrs.field(converter=to_decimal)
    unit: str | None = "%"
    subsector: Subsector | None = None
    measure: AccessMeasure | None = None


@attrs.frozen(kw_only=True)
class Strategy(Line):
    """A strategy of the SSK under one policy direction."""

    text: str
    policy_direction: PolicyDirection | None = None
    subsector: Subsector | None = None


@attrs.frozen
class CostShare:
    """What some funding sources are to pay for an activity in a year, and from what:

    * ``year-split``: the funding split of the year (``sources``: those of the split counted);
    * ``period-split``: the year's cost (``year_cost``) times their ``share`` of the period's
      split (``split_share`` of ``split_total``);
    * ``year-cost``: the whole cost of the year (every source named is one of them, or none is);
    * ``none``: nothing known.
    """

    amount: Rupiah
    basis: str
    sources: tuple[FundingSource, ...] = attrs.field(default=(), kw_only=True)
    year_cost: Rupiah | None = attrs.field(default=None, kw_only=True)
    share: Decimal | None = attrs.field(default=None, kw_only=True)
    split_total: Rupiah | None = attrs.field(default=None, kw_only=True)
    split_share: Rupiah | None = attrs.field(default=None, kw_only=True)


#: The region's own budget: its APBD (kab/kota or province).
_REGIONAL: Final = frozenset(s for s in FundingSource if s.is_regional_budget)


def _sum(amounts: Iterable[Rupiah]) -> Rupiah:
    return sum(amounts, Rupiah.zero())


@attrs.frozen(kw_only=True)
class SSKActivity(Line):
    """A row of the SSK program matrix: one activity, its costs per year and who pays.

    ``costs`` are the indicative costs per year; ``funding`` the split per source (and year,
    when the table gives it); ``total`` the total *as the table states it* (rule FIN001 compares
    it with the yearly costs).
    """

    name: str
    number: str | None = None
    subsector: Subsector | None = None
    policy_direction: PolicyDirection | None = None
    program: str | None = None
    code: NomenclatureCode | None = None
    location: str | None = None
    volume: Decimal | None = attrs.field(default=None, converter=to_opt_decimal)
    unit: str | None = None
    costs: tuple[YearAmount, ...] = ()
    funding: tuple[Funding, ...] = ()
    total: Rupiah | None = None
    agency: Agency | None = None
    planning_documents: tuple[DocumentKind, ...] = ()
    notes: str | None = None

    @property
    def years(self) -> tuple[int, ...]:
        """The years with a cost or funding, in order."""
        return tuple(
            sorted({c.year for c in self.costs} | {f.year for f in self.funding if f.year})
        )

    def cost_in(self, year: int) -> Rupiah | None:
        """The indicative cost of ``year`` (``None`` when the matrix gives none)."""
        found = [c.amount for c in self.costs if c.year == year]
        return _sum(found) if found else None

    def total_cost(self) -> Rupiah:
        """Sum of the yearly costs."""
        return _sum(c.amount for c in self.costs)

    def funding_in(self, year: int) -> tuple[Funding, ...]:
        """The funding entries of ``year``."""
        return tuple(f for f in self.funding if f.year == year)

    def sources(self, year: int | None = None) -> frozenset[FundingSource]:
        """The funding sources named (in ``year``, when given)."""
        return frozenset(f.source for f in self.funding if year is None or f.year in (year, None))

    def regional_budget_cost(self, year: int) -> Rupiah:
        """What the region's own APBD is to pay in ``year``, as far as the matrix tells
        (:meth:`cost_share` of the kab/kota and provincial APBD).

        >>> from decimal import Decimal
        >>> a = SSKActivity(name="IPLT", costs=(YearAmount(year=2025, amount=Rupiah(2_500)),),
        ...     funding=(Funding(source=FundingSource.APBD_KABKOTA, amount=Rupiah(1_000)),
        ...              Funding(source=FundingSource.DAK_FISIK, amount=Rupiah(3_000)),
        ...              Funding(source=FundingSource.APBN)))
        >>> a.regional_budget_cost(2025)
        Rupiah('625.00')
        """
        return self.cost_share(year, _REGIONAL).amount

    def cost_share(self, year: int, sources: Iterable[FundingSource]) -> CostShare:
        """What ``sources`` are to pay in ``year``, as far as the matrix tells, and how that
        was worked out.

        From the funding split of that year when the matrix has one; else, when the split is
        given for the whole period, the year's cost in the same proportion; else, when every
        named source is one of ``sources`` (or none is named), the year's cost; else nothing
        known.

        >>> a = SSKActivity(name="IPLT", costs=(YearAmount(year=2025, amount=Rupiah(2_500)),),
        ...     funding=(Funding(source=FundingSource.APBD_KABKOTA, amount=Rupiah(1_000)),
        ...              Funding(source=FundingSource.DAK_FISIK, amount=Rupiah(3_000))))
        >>> share = a.cost_share(2025, {FundingSource.APBD_KABKOTA, FundingSource.DAK_FISIK})
        >>> share.amount, share.basis, share.share
        (Rupiah('2500.00'), 'period-split', Decimal('1'))
        """
        wanted = frozenset(sources)
        split = [f for f in self.funding_in(year) if f.amount is not None]
        if split:
            amount = _sum(f.amount for f in split if f.source in wanted and f.amount)
            return CostShare(
                amount,
                "year-split",
                sources=tuple(
                    sorted({f.source for f in split if f.source in wanted}, key=lambda s: s.value)
                ),
            )
        cost = self.cost_in(year) or Rupiah.zero()
        whole = [f for f in self.funding if f.year is None and f.amount is not None]
        if whole:
            total = _sum(f.amount for f in whole if f.amount)
            mine = _sum(f.amount for f in whole if f.amount and f.source in wanted)
            if total.is_zero():
                return CostShare(Rupiah.zero(), "none")
            share = mine.amount / total.amount
            return CostShare(
                Rupiah((cost.amount * share).quantize(Decimal("0.01"))),
                "period-split",
                year_cost=cost,
                share=share,
                split_total=total,
                split_share=mine,
            )
        named = self.sources(year)
        if not named or named <= wanted:
            return CostShare(cost, "year-cost")
        return CostShare(Rupiah.zero(), "none")

    def funded_by_regional_budget(
        self, year: int | None = None, sources: Iterable[FundingSource] | None = None
    ) -> bool:
        """Whether the APBD pays a part of the activity (in ``year``, or in any year): a known
        APBD share above zero, or the APBD named among the sources of a year with a cost.

        ``sources``: what counts as the region's budget (by default the kab/kota and provincial
        APBD; the audit adds the DAK transferred into it)."""
        budget = _REGIONAL if sources is None else frozenset(sources)
        years = (year,) if year is not None else self.years
        for y in years:
            if not self.cost_share(y, budget).amount.is_zero():
                return True
            cost = self.cost_in(y)
            if cost is not None and not cost.is_zero() and self.sources(y) & budget:
                return True
        return False


def _check_years_in(
    period: PlanPeriod, document: str, lines: Iterable[tuple[str, Iterable[int]]]
) -> None:
    for label, years in lines:
        for year in years:
            if year not in period:
                raise DocumentError(
                    N_("document.year-outside-period"),
                    document=document,
                    line=label,
                    year=year,
                    period=str(period),
                )


@attrs.frozen(kw_only=True)
class StatedTotal(Record):
    """A total row of a source sheet (``Sub Total B``, ``Jumlah``, a kegiatan's pagu over its
    sub kegiatan) whose stated amount disagrees with the rows it covers, as the importer read
    them. Kept in the document, so that FIN005 finds it again from the bundle alone.

    >>> from ppsp.domain import Rupiah
    >>> total = StatedTotal(label="Sub Total B", stated=Rupiah.parse("900"),
    ...                     computed=Rupiah.parse("750"))
    >>> total.differs
    True
    """

    label: str
    stated: Rupiah
    computed: Rupiah
    source: SourceLocation | None = None

    @property
    def differs(self) -> bool:
        """The stated amount is not the sum of its rows (beyond rounding to whole rupiah:
        :func:`~ppsp.domain.money.sums_differ`, the judgement FIN005 makes of coded tables)."""
        return sums_differ(self.stated, self.computed)


@attrs.frozen(kw_only=True)
class Document(Record):
    """Base of every document: its region, title, adoption and source file; and the total rows
    of its sheets that disagree with their rows (:class:`StatedTotal`)."""

    kind: ClassVar[DocumentKind]
    region: RegionCode
    title: str | None = None
    adoption: Adoption | None = None
    source: SourceLocation | None = None
    stated_totals: tuple[StatedTotal, ...] = ()


def _check_risk(value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
        raise InvalidComponent(N_("risk-area.level"), value=value)


@attrs.frozen(kw_only=True)
class RiskArea(Line):
    """An area (desa/kelurahan or kecamatan) with its sanitation risk level, 1 (low) to 4."""

    name: str
    level: int = attrs.field(validator=lambda _i, _a, v: _check_risk(v))
    code: str | None = None
    subsector: Subsector | None = None


@attrs.frozen(kw_only=True)
class BukuPutihSanitasi(Document):
    """The baseline sanitation profile (Buku Putih Sanitasi): risk areas and access profiles."""

    kind: ClassVar[DocumentKind] = DocumentKind.BPS
    year: int = attrs.field(validator=_check_year)
    profile: str | None = None
    risk_areas: tuple[RiskArea, ...] = ()
    access_profiles: tuple[AccessProfile, ...] = ()


@attrs.frozen(kw_only=True)
class StrategiSanitasi(Document):
    """The Strategi Sanitasi Kabupaten/Kota (SSK): vision, targets, strategies, program matrix."""

    kind: ClassVar[DocumentKind] = DocumentKind.SSK
    period: PlanPeriod
    vision: str | None = None
    missions: tuple[str, ...] = ()
    targets: tuple[Target, ...] = ()
    strategies: tuple[Strategy, ...] = ()
    activities: tuple[SSKActivity, ...] = ()
    working_group: WorkingGroup | None = None

    def __attrs_post_init__(self) -> None:
        _check_years_in(
            self.period,
            "SSK",
            ((a.number or a.name, a.years) for a in self.activities),
        )

    def total_cost(self, year: int | None = None) -> Rupiah:
        """The matrix's indicative cost (of ``year``, when given)."""
        if year is None:
            return _sum(a.total_cost() for a in self.activities)
        return _sum(a.cost_in(year) or Rupiah.zero() for a in self.activities)

    def activities_in(self, year: int) -> tuple[SSKActivity, ...]:
        """The activities with a cost or funding in ``year``."""
        return tuple(a for a in self.activities if year in a.years)

    def find_activity(self, key: str | NomenclatureCode) -> SSKActivity | None:
        """The activity numbered ``key`` in the matrix (``"A.1"``, ``"3"``), else the first
        whose nomenclature code is ``key`` (a code, or its text in any form the code reads);
        ``None`` when there is none.

        >>> ssk = StrategiSanitasi(region=RegionCode.parse("62.10"), period=PlanPeriod(2024, 2028),
        ...     activities=(SSKActivity(name="IPLT", number="A.1"),
        ...                 SSKActivity(name="SPALD-T", code="1.03.03.2.01.0001")))
        >>> ssk.find_activity("a.1").name, ssk.find_activity("1.03.03.2.01.0001").name
        ('IPLT', 'SPALD-T')
        >>> ssk.find_activity("B.9") is None
        True
        """
        if isinstance(key, str):
            wanted = key.strip().casefold()
            for activity in self.activities:
                if activity.number is not None and activity.number.strip().casefold() == wanted:
                    return activity
            try:
                key = NomenclatureCode.parse(key)
            except PpspError:
                return None
        for activity in self.activities:
            if activity.code == key:
                return activity
        return None


@attrs.frozen(kw_only=True)
class Commitment(Line):
    """A programme of the Memorandum Program Sanitasi with the funding committed to it."""

    name: str
    code: NomenclatureCode | None = None
    subsector: Subsector | None = None
    agency: Agency | None = None
    funding: tuple[Funding, ...] = ()


@attrs.frozen(kw_only=True)
class MemorandumProgram(Document):
    """The Memorandum Program Sanitasi (MPS): committed programmes and their funding (optional
    since about 2016, when its content moved into the SSK)."""

    kind: ClassVar[DocumentKind] = DocumentKind.MPS
    period: PlanPeriod
    commitments: tuple[Commitment, ...] = ()

    def __attrs_post_init__(self) -> None:
        _check_years_in(
            self.period,
            "MPS",
            ((c.name, (f.year for f in c.funding if f.year)) for c in self.commitments),
        )


@attrs.frozen(kw_only=True)
class RPJMDProgram(Line):
    """A programme of the RPJMD (chapter VII) with its indicators and pagu per year."""

    name: str
    code: NomenclatureCode | None = None
    agencies: tuple[Agency, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    pagu: tuple[YearAmount, ...] = ()

    def pagu_in(self, year: int) -> Rupiah | None:
        """The pagu of ``year``."""
        found = [p.amount for p in self.pagu if p.year == year]
        return _sum(found) if found else None


@attrs.frozen(kw_only=True)
class RPJMD(Document):
    """The five-year regional development plan (Permendagri 86/2017)."""

    kind: ClassVar[DocumentKind] = DocumentKind.RPJMD
    period: PlanPeriod
    programs: tuple[RPJMDProgram, ...] = ()

    def __attrs_post_init__(self) -> None:
        _check_years_in(
            self.period, "RPJMD", ((p.name, (y.year for y in p.pagu)) for p in self.programs)
        )


@attrs.frozen(kw_only=True)
class RenstraLine(Line):
    """A program, kegiatan or sub kegiatan of a Renstra-PD (table T-C.27)."""

    name: str
    code: NomenclatureCode | None = None
    level: CodeLevel | None = None
    indicators: tuple[Indicator, ...] = ()
    pagu: tuple[YearAmount, ...] = ()
    location: str | None = None
    unit: str | None = None

    def pagu_in(self, year: int) -> Rupiah | None:
        """The pagu of ``year``."""
        found = [p.amount for p in self.pagu if p.year == year]
        return _sum(found) if found else None


@attrs.frozen(kw_only=True)
class RenstraPD(Document):
    """The five-year strategic plan of one agency (Renstra Perangkat Daerah)."""

    kind: ClassVar[DocumentKind] = DocumentKind.RENSTRA_PD
    period: PlanPeriod
    agency: Agency
    lines: tuple[RenstraLine, ...] = ()

    def __attrs_post_init__(self) -> None:
        _check_years_in(
            self.period, "Renstra-PD", ((ln.name, (y.year for y in ln.pagu)) for ln in self.lines)
        )


@attrs.frozen(kw_only=True)
class PlanLine(Line):
    """A line of the RKPD or a Renja-PD (the SIPD-style table): a program, kegiatan or sub
    kegiatan with its indicator, target, location, pagu indikatif, sumber dana, prakiraan maju
    and agency."""

    name: str
    code: NomenclatureCode | None = None
    level: CodeLevel | None = None
    agency: Agency | None = None
    indicator: str | None = None
    target: str | None = None
    unit: str | None = None
    location: str | None = None
    pagu: Rupiah | None = None
    funding: tuple[Funding, ...] = ()
    forward_target: str | None = None
    forward_pagu: Rupiah | None = None
    notes: str | None = None


@attrs.frozen(kw_only=True)
class AnnualPlan(Document):
    """Base of the annual plans (RKPD, Renja-PD): a year and its lines."""

    year: int = attrs.field(validator=_check_year)
    #: a tuple, or (from the importer) a :class:`~ppsp.domain.lazy.LazySequence` that makes
    #: each line when it is read
    lines: Sequence[PlanLine] = attrs.field(default=(), converter=_line_sequence)

    @property
    def fiscal_year(self) -> FiscalYear:
        """The year as a :class:`~ppsp.domain.period.FiscalYear`."""
        return FiscalYear(self.year)

    def total_pagu(self) -> Rupiah:
        """Sum of the pagu of sub kegiatan lines (or of every line when no level is known)."""
        subs = [ln for ln in self.lines if ln.level is CodeLevel.SUB_KEGIATAN]
        return _sum(ln.pagu for ln in (subs or self.lines) if ln.pagu is not None)


@attrs.frozen(kw_only=True)
class RKPD(AnnualPlan):
    """The annual regional government work plan (Rencana Kerja Pemerintah Daerah)."""

    kind: ClassVar[DocumentKind] = DocumentKind.RKPD


@attrs.frozen(kw_only=True)
class RenjaPD(AnnualPlan):
    """The annual work plan of one agency (Rencana Kerja Perangkat Daerah)."""

    kind: ClassVar[DocumentKind] = DocumentKind.RENJA_PD
    agency: Agency


@attrs.frozen(kw_only=True)
class BudgetLine(Line):
    """A sub kegiatan line of the DPA/APBD with its pagu and sumber dana."""

    name: str
    code: NomenclatureCode | None = None
    agency: Agency | None = None
    location: str | None = None
    pagu: Rupiah | None = None
    funding: tuple[Funding, ...] = ()
    notes: str | None = None


@attrs.frozen(kw_only=True)
class DPA(Document):
    """The budget execution document (DPA-SKPD) or APBD lines of one year."""

    kind: ClassVar[DocumentKind] = DocumentKind.DPA
    year: int = attrs.field(validator=_check_year)
    agency: Agency | None = None
    #: a tuple, or (from the importer) a :class:`~ppsp.domain.lazy.LazySequence`
    lines: Sequence[BudgetLine] = attrs.field(default=(), converter=_line_sequence)

    def total_pagu(self) -> Rupiah:
        """Sum of the lines' pagu."""
        return _sum(ln.pagu for ln in self.lines if ln.pagu is not None)


check_records(globals(), __all__)
