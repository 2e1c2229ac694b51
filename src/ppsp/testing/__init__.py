"""Hypothesis strategies for every public ``ppsp`` type, for your own property tests.

Install with ``pip install ppsp[testing]``. Every strategy returns valid objects (the ones
``ppsp`` accepts), with the variety real files have: penunjang codes, sen amounts, extras with
nested JSON values, cells with locations.

>>> from hypothesis import given, settings
>>> from ppsp.io.json import dumps, loads
>>> @settings(max_examples=10)
... @given(documents())
... def test_json_round_trip(document):
...     assert loads(dumps(document)) == document
>>> test_json_round_trip()

Longer than 600 lines on purpose: one strategy per public type, in one public module that users
import (``from ppsp.testing import documents``); the strategies build on one another and each is
short.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TypeVar

import pendulum
from hypothesis import strategies as st

from ppsp.domain import (
    DPA,
    RKPD,
    RPJMD,
    AccessLevel,
    AccessMeasure,
    AccessProfile,
    Adoption,
    Agency,
    BudgetLine,
    BukuPutihSanitasi,
    CodeLevel,
    Commitment,
    DocumentKind,
    Event,
    EventKind,
    Funding,
    FundingSource,
    ImplementationRecord,
    Indicator,
    Line,
    MemorandumProgram,
    MilestoneCode,
    MilestoneState,
    MilestoneStatus,
    NomenclatureCode,
    PlanLine,
    PlanPeriod,
    PolicyDirection,
    ReadinessCriteria,
    Region,
    RegionBundle,
    RegionCode,
    RenjaPD,
    RenstraLine,
    RenstraPD,
    ReportRecipient,
    ReportSent,
    RiskArea,
    RPJMDProgram,
    Rupiah,
    SourceLocation,
    SSKActivity,
    StatedTotal,
    StrategiSanitasi,
    Strategy,
    Subsector,
    Target,
    WorkingGroup,
    WorkingGroupKind,
    YearAmount,
    YearTarget,
    default_register,
)
from ppsp.domain.extras import Extras
from ppsp.domain.location import CellMap, column_letter
from ppsp.domain.period import FiscalYear

__all__ = [
    "access_profiles",
    "adoptions",
    "agencies",
    "broken_cells",
    "broken_csv_bytes",
    "broken_tables",
    "broken_workbook",
    "bundles",
    "dates",
    "decimals",
    "documents",
    "dpas",
    "extras",
    "fiscal_years",
    "implementation_records",
    "memoranda",
    "nomenclature_codes",
    "number_spellings",
    "plan_periods",
    "read_documents",
    "region_codes",
    "regions",
    "renja_pds",
    "renstra_pds",
    "rkpds",
    "rpjmds",
    "rupiah",
    "source_locations",
    "ssk_activities",
    "ssks",
    "stated_totals",
    "texts",
    "times",
    "white_books",
    "working_groups",
    "wrong_values",
    "years",
]

T = TypeVar("T")


def texts(min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text as people type it (any script, no lone surrogates)."""
    return st.text(alphabet=st.characters(codec="utf-8"), min_size=min_size, max_size=max_size)


def _names() -> st.SearchStrategy[str]:
    words = st.sampled_from(
        [
            "Pembangunan",
            "IPLT",
            "SPALD-T",
            "TPS 3R",
            "Sosialisasi",
            "STBM",
            "Drainase",
            "Lingkungan",
            "Kab.",
            "Gunung Mas",
            "Rp",
            "0036",
            "(lanjutan)",
        ]
    )
    return st.one_of(st.lists(words, min_size=1, max_size=5).map(" ".join), texts(1, 30))


def _opt(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def years() -> st.SearchStrategy[int]:
    """Plausible planning years."""
    return st.integers(min_value=2010, max_value=2045)


def fiscal_years() -> st.SearchStrategy[FiscalYear]:
    """:class:`~ppsp.domain.period.FiscalYear` values."""
    return st.integers(min_value=1945, max_value=2100).map(FiscalYear)


def plan_periods(length: int | None = None) -> st.SearchStrategy[PlanPeriod]:
    """Plan periods (five years unless ``length`` says; any of 1-10 years when ``0``)."""
    sizes = st.just(length or 5) if length != 0 else st.integers(min_value=1, max_value=10)
    return st.builds(PlanPeriod.of, years(), sizes)


def region_codes(kind: str | None = None) -> st.SearchStrategy[RegionCode]:
    """Region codes of the right shape: ``"provinsi"``, ``"kabupaten"``, ``"kota"`` or any."""
    province = st.integers(min_value=11, max_value=99).map(lambda n: f"{n:02d}")
    kab = st.integers(min_value=1, max_value=69)
    kota = st.integers(min_value=71, max_value=99)
    number = {"kabupaten": kab, "kota": kota}.get(kind or "", kab | kota)
    regency = st.builds(lambda p, n: RegionCode(f"{p}.{n:02d}"), province, number)
    if kind == "provinsi":
        return province.map(RegionCode)
    if kind in ("kabupaten", "kota"):
        return regency
    return province.map(RegionCode) | regency


def regions() -> st.SearchStrategy[Region]:
    """Real regions of the shipped register (provinces and kab/kota)."""
    register = default_register()
    return st.sampled_from(sorted(register)).map(register.get)


def nomenclature_codes(level: CodeLevel | None = None) -> st.SearchStrategy[NomenclatureCode]:
    """Nomenclature codes at ``level`` (any level when ``None``), penunjang ``X.XX`` included."""

    @st.composite
    def build(draw: st.DrawFn) -> NomenclatureCode:
        depth = (
            {
                CodeLevel.URUSAN: 1,
                CodeLevel.BIDANG: 2,
                CodeLevel.PROGRAM: 3,
                CodeLevel.KEGIATAN: 5,
                CodeLevel.SUB_KEGIATAN: 6,
            }[level]
            if level
            else draw(st.sampled_from([1, 2, 3, 5, 6]))
        )
        penunjang = draw(st.booleans()) and draw(st.booleans())
        parts = ["X" if penunjang else str(draw(st.integers(1, 9)))]
        if depth >= 2:
            parts.append("XX" if penunjang else f"{draw(st.integers(1, 99)):02d}")
        if depth >= 3:
            parts.append(f"{draw(st.integers(1, 99)):02d}")
        if depth >= 5:
            parts.append(str(draw(st.integers(1, 9))))
            parts.append(f"{draw(st.integers(1, 99)):02d}")
        if depth >= 6:
            parts.append(f"{draw(st.integers(1, 9999)):04d}")
        return NomenclatureCode(".".join(parts))

    return build()


def rupiah(max_value: int = 10**13, negative: bool = False) -> st.SearchStrategy[Rupiah]:
    """Rupiah amounts with up to two decimals (sen), up to ``max_value``."""
    low = -max_value if negative else 0
    whole = st.integers(min_value=low, max_value=max_value).map(Decimal)
    with_sen = st.integers(min_value=low * 100, max_value=max_value * 100).map(
        lambda n: Decimal(n).scaleb(-2)
    )
    return (whole | with_sen).map(Rupiah)


def decimals(max_places: int = 4) -> st.SearchStrategy[Decimal]:
    """Finite decimals (targets, volumes, percentages)."""
    return st.decimals(
        min_value=Decimal(-(10**9)),
        max_value=Decimal(10**12),
        places=max_places,
        allow_nan=False,
        allow_infinity=False,
    )


def _percent() -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


def dates() -> st.SearchStrategy[pendulum.Date]:
    """Dates as pendulum dates."""
    return st.dates(dt.date(1990, 1, 1), dt.date(2060, 12, 31)).map(
        lambda d: pendulum.Date(d.year, d.month, d.day)
    )


def times() -> st.SearchStrategy[pendulum.Time]:
    """Times of day to the second."""
    return st.builds(pendulum.Time, st.integers(0, 23), st.integers(0, 59), st.integers(0, 59))


_json_leaf = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts(0, 20)
)


def extras(max_size: int = 3) -> st.SearchStrategy[Extras]:
    """Extras with nested JSON values (lists and objects)."""
    values = st.recursive(
        _json_leaf,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts(0, 8), inner, max_size=3),
        max_leaves=6,
    )
    return st.dictionaries(texts(0, 15), values, max_size=max_size).map(Extras)


def source_locations() -> st.SearchStrategy[SourceLocation]:
    """Locations of cells, rows and files."""
    return st.builds(
        SourceLocation,
        file=_opt(
            st.sampled_from(["ssk.xlsx", "rkpd 2025.xlsx", "Renja DPUPR.xls"]) | texts(1, 12)
        ),
        sheet=_opt(texts(1, 12)),
        row=_opt(st.integers(min_value=1, max_value=1_048_576)),
        column=_opt(st.integers(min_value=1, max_value=16_384).map(column_letter)),
        header=_opt(texts(0, 20)),
    )


def _line_kwargs() -> dict[str, st.SearchStrategy[Any]]:
    return {
        "source": _opt(source_locations()),
        "cells": st.dictionaries(
            st.sampled_from(["name", "code", "pagu", "costs", "agency"]),
            source_locations(),
            max_size=2,
        ),
        "extras": extras(),
    }


def agencies() -> st.SearchStrategy[Agency]:
    """Agencies spelled in the ways documents spell them."""
    names = st.sampled_from(
        [
            "Dinas PUPR",
            "Dinas Pekerjaan Umum dan Penataan Ruang",
            "DPUPR",
            "Dinas Kesehatan",
            "Dinkes",
            "DLH",
            "Bappeda",
            "Disperkimtan",
            "Dinas PMD",
        ]
    ) | texts(1, 20).filter(lambda s: bool(s.strip()))
    return st.builds(Agency, names, code=_opt(st.sampled_from(["1.03.0.00.0.00.01.0000", "X"])))


def adoptions() -> st.SearchStrategy[Adoption]:
    """Adoption instruments (Perbup, Perwali, Perda)."""
    return st.builds(
        Adoption,
        instrument=st.sampled_from(["Perbup", "Perwali", "Perda", "Keputusan Bupati"]),
        number=_opt(st.sampled_from(["12 Tahun 2024", "7/2023"]) | texts(1, 10)),
        date=_opt(dates()),
        title=_opt(texts()),
        extras=extras(),
    )


def working_groups() -> st.SearchStrategy[WorkingGroup]:
    """Working groups with member agencies."""
    return st.builds(
        WorkingGroup,
        kind=st.sampled_from(WorkingGroupKind),
        name=_names(),
        members=st.lists(agencies(), max_size=4).map(tuple),
        decree=_opt(texts(1, 20)),
        source=_opt(source_locations()),
        extras=extras(),
    )


def _year_amounts(period_years: tuple[int, ...]) -> st.SearchStrategy[tuple[YearAmount, ...]]:
    return st.lists(
        st.builds(
            YearAmount, year=st.sampled_from(period_years), amount=rupiah(), extras=extras(1)
        ),
        max_size=len(period_years),
    ).map(tuple)


def _fundings(period_years: tuple[int, ...] | None) -> st.SearchStrategy[tuple[Funding, ...]]:
    year = st.sampled_from(period_years) if period_years else years()
    return st.lists(
        st.builds(
            Funding,
            source=st.sampled_from(FundingSource),
            amount=_opt(rupiah()),
            year=_opt(year),
            label=_opt(texts(1, 20)),
            sipd_code=_opt(st.sampled_from(["2.2.1.1.3.9", "1.2.1.01.02"])),
            extras=extras(1),
        ),
        max_size=3,
    ).map(tuple)


def _indicators(period_years: tuple[int, ...]) -> st.SearchStrategy[tuple[Indicator, ...]]:
    target = st.builds(
        YearTarget,
        year=st.sampled_from(period_years),
        value=_opt(decimals()),
        text=_opt(texts(0, 10)),
    )
    return st.lists(
        st.builds(
            Indicator,
            name=_names(),
            unit=_opt(st.sampled_from(["%", "Unit", "M³/Hari", "Dokumen"])),
            baseline=_opt(texts(0, 10)),
            targets=st.lists(target, max_size=3).map(tuple),
            extras=extras(1),
        ),
        max_size=2,
    ).map(tuple)


def ssk_activities(period: PlanPeriod | None = None) -> st.SearchStrategy[SSKActivity]:
    """SSK program matrix rows whose years lie in ``period`` (2024-2028 by default)."""
    chosen = period or PlanPeriod(2024, 2028)
    return st.builds(
        SSKActivity,
        name=_names(),
        number=_opt(st.sampled_from(["1", "1.a", "II.3"])),
        subsector=_opt(st.sampled_from(Subsector)),
        policy_direction=_opt(st.sampled_from(PolicyDirection)),
        program=_opt(_names()),
        code=_opt(nomenclature_codes()),
        location=_opt(texts(0, 20)),
        volume=_opt(decimals()),
        unit=_opt(st.sampled_from(["Unit", "Paket", "M³/Hari", "Dokumen"])),
        costs=_year_amounts(chosen.years),
        funding=_fundings(chosen.years),
        total=_opt(rupiah()),
        agency=_opt(agencies()),
        planning_documents=st.lists(st.sampled_from(DocumentKind), max_size=2, unique=True).map(
            tuple
        ),
        notes=_opt(texts()),
        **_line_kwargs(),
    )


def stated_totals() -> st.SearchStrategy[StatedTotal]:
    """Total rows of a source sheet that disagree (or agree) with their rows."""
    return st.builds(
        StatedTotal,
        label=texts(1, 20),
        stated=rupiah(),
        computed=rupiah(),
        source=_opt(source_locations()),
        extras=extras(),
    )


def _doc_kwargs() -> dict[str, st.SearchStrategy[Any]]:
    return {
        "region": region_codes(),
        "title": _opt(texts()),
        "adoption": _opt(adoptions()),
        "source": _opt(source_locations()),
        "stated_totals": st.lists(stated_totals(), max_size=2).map(tuple),
        "extras": extras(),
    }


@st.composite
def ssks(draw: st.DrawFn) -> StrategiSanitasi:
    """Strategi Sanitasi documents with targets, strategies and a program matrix."""
    period = draw(plan_periods())
    target = st.builds(
        Target,
        year=years(),
        indicator=_names(),
        value=decimals(),
        unit=_opt(st.just("%")),
        subsector=_opt(st.sampled_from(Subsector)),
        measure=_opt(st.sampled_from(AccessMeasure)),
        **_line_kwargs(),
    )
    strategy = st.builds(
        Strategy,
        text=_names(),
        policy_direction=_opt(st.sampled_from(PolicyDirection)),
        subsector=_opt(st.sampled_from(Subsector)),
        **_line_kwargs(),
    )
    return draw(
        st.builds(
            StrategiSanitasi,
            period=st.just(period),
            vision=_opt(texts()),
            missions=st.lists(texts(1, 20), max_size=3).map(tuple),
            targets=st.lists(target, max_size=3).map(tuple),
            strategies=st.lists(strategy, max_size=3).map(tuple),
            activities=st.lists(ssk_activities(period), max_size=4).map(tuple),
            working_group=_opt(working_groups()),
            **_doc_kwargs(),
        )
    )


def access_profiles() -> st.SearchStrategy[AccessProfile]:
    """Access profiles (shares need not add up to 100: rule STR006 checks that)."""
    shares = {level.value.replace("-", "_"): _opt(_percent()) for level in AccessLevel}
    return st.builds(
        AccessProfile,
        year=years(),
        area=_opt(texts(1, 15)),
        data_source=_opt(st.sampled_from(["SUSENAS 2023", "EHRA 2022"])),
        source=_opt(source_locations()),
        extras=extras(1),
        **shares,
    )


def white_books() -> st.SearchStrategy[BukuPutihSanitasi]:
    """Buku Putih Sanitasi documents."""
    area = st.builds(
        RiskArea,
        name=_names(),
        level=st.integers(1, 4),
        code=_opt(st.just("62.10.01.2001")),
        subsector=_opt(st.sampled_from(Subsector)),
        **_line_kwargs(),
    )
    return st.builds(
        BukuPutihSanitasi,
        year=years(),
        profile=_opt(texts()),
        risk_areas=st.lists(area, max_size=3).map(tuple),
        access_profiles=st.lists(access_profiles(), max_size=2).map(tuple),
        **_doc_kwargs(),
    )


@st.composite
def memoranda(draw: st.DrawFn) -> MemorandumProgram:
    """Memorandum Program Sanitasi documents."""
    period = draw(plan_periods())
    commitment = st.builds(
        Commitment,
        name=_names(),
        code=_opt(nomenclature_codes()),
        subsector=_opt(st.sampled_from(Subsector)),
        agency=_opt(agencies()),
        funding=_fundings(period.years),
        **_line_kwargs(),
    )
    return draw(
        st.builds(
            MemorandumProgram,
            period=st.just(period),
            commitments=st.lists(commitment, max_size=3).map(tuple),
            **_doc_kwargs(),
        )
    )


@st.composite
def rpjmds(draw: st.DrawFn) -> RPJMD:
    """RPJMD documents with programmes, indicators and pagu per year."""
    period = draw(plan_periods())
    program = st.builds(
        RPJMDProgram,
        name=_names(),
        code=_opt(nomenclature_codes(CodeLevel.PROGRAM)),
        agencies=st.lists(agencies(), max_size=2).map(tuple),
        indicators=_indicators(period.years),
        pagu=_year_amounts(period.years),
        **_line_kwargs(),
    )
    return draw(
        st.builds(
            RPJMD,
            period=st.just(period),
            programs=st.lists(program, max_size=3).map(tuple),
            **_doc_kwargs(),
        )
    )


@st.composite
def renstra_pds(draw: st.DrawFn) -> RenstraPD:
    """Renstra-PD documents of one agency."""
    period = draw(plan_periods())
    line = st.builds(
        RenstraLine,
        name=_names(),
        code=_opt(nomenclature_codes()),
        level=_opt(st.sampled_from(CodeLevel)),
        indicators=_indicators(period.years),
        pagu=_year_amounts(period.years),
        location=_opt(texts(0, 15)),
        unit=_opt(st.just("Unit")),
        **_line_kwargs(),
    )
    return draw(
        st.builds(
            RenstraPD,
            period=st.just(period),
            agency=agencies(),
            lines=st.lists(line, max_size=3).map(tuple),
            **_doc_kwargs(),
        )
    )


def plan_lines() -> st.SearchStrategy[PlanLine]:
    """RKPD/Renja lines."""
    return st.builds(
        PlanLine,
        name=_names(),
        code=_opt(nomenclature_codes()),
        level=_opt(st.sampled_from(CodeLevel)),
        agency=_opt(agencies()),
        indicator=_opt(_names()),
        target=_opt(texts(0, 10)),
        unit=_opt(st.just("Unit")),
        location=_opt(texts(0, 20)),
        pagu=_opt(rupiah()),
        funding=_fundings(None),
        forward_target=_opt(texts(0, 10)),
        forward_pagu=_opt(rupiah()),
        notes=_opt(texts()),
        **_line_kwargs(),
    )


def rkpds() -> st.SearchStrategy[RKPD]:
    """RKPD documents."""
    return st.builds(
        RKPD, year=years(), lines=st.lists(plan_lines(), max_size=4).map(tuple), **_doc_kwargs()
    )


def renja_pds() -> st.SearchStrategy[RenjaPD]:
    """Renja-PD documents."""
    return st.builds(
        RenjaPD,
        year=years(),
        agency=agencies(),
        lines=st.lists(plan_lines(), max_size=4).map(tuple),
        **_doc_kwargs(),
    )


def dpas() -> st.SearchStrategy[DPA]:
    """DPA documents."""
    line = st.builds(
        BudgetLine,
        name=_names(),
        code=_opt(nomenclature_codes()),
        agency=_opt(agencies()),
        location=_opt(texts(0, 20)),
        pagu=_opt(rupiah()),
        funding=_fundings(None),
        notes=_opt(texts()),
        **_line_kwargs(),
    )
    return st.builds(
        DPA,
        year=years(),
        agency=_opt(agencies()),
        lines=st.lists(line, max_size=4).map(tuple),
        **_doc_kwargs(),
    )


def implementation_records() -> st.SearchStrategy[ImplementationRecord]:
    """Implementation records: milestones, events, readiness criteria, reports."""
    milestone = st.builds(
        MilestoneStatus,
        code=st.sampled_from(MilestoneCode),
        state=st.sampled_from(MilestoneState),
        year=_opt(years()),
        planned_date=_opt(dates()),
        completed_date=_opt(dates()),
        designation_decree=_opt(st.just("Kepmendagri 100.4.3-1037/Kep/Bangda/2023")),
        notes=_opt(texts()),
        **_line_kwargs(),
    )
    event = st.builds(
        Event,
        kind=st.sampled_from(EventKind),
        date=dates(),
        number=_opt(st.integers(min_value=1, max_value=30)),
        time=_opt(times()),
        title=_opt(texts()),
        location=_opt(texts(0, 15)),
        participants=st.lists(texts(1, 10), max_size=3).map(tuple),
        **_line_kwargs(),
    )
    readiness = st.builds(
        ReadinessCriteria,
        activity=_names(),
        funding_source=st.sampled_from(FundingSource),
        year=years(),
        code=_opt(nomenclature_codes()),
        recorded_on=_opt(dates()),
        status=_opt(st.sampled_from(["lengkap", "belum lengkap"])),
        **_line_kwargs(),
    )
    report = st.builds(
        ReportSent,
        year=years(),
        recipient=st.sampled_from(ReportRecipient),
        date=_opt(dates()),
        reference=_opt(texts(0, 15)),
        **_line_kwargs(),
    )
    return st.builds(
        ImplementationRecord,
        milestones=st.lists(milestone, max_size=4).map(tuple),
        events=st.lists(event, max_size=3).map(tuple),
        readiness=st.lists(readiness, max_size=2).map(tuple),
        reports=st.lists(report, max_size=2).map(tuple),
        **_doc_kwargs(),
    )


def documents() -> st.SearchStrategy[Any]:
    """Any one document, of any kind."""
    return st.one_of(
        white_books(),
        ssks(),
        memoranda(),
        rpjmds(),
        renstra_pds(),
        rkpds(),
        renja_pds(),
        dpas(),
        implementation_records(),
    )


_TABLE_FIELDS = ("name", "code", "pagu", "agency", "costs.2025", "location")


@st.composite
def _table_layouts(draw: st.DrawFn) -> tuple[str | None, str | None, dict[str, Any]]:
    columns = {
        key: (draw(_opt(st.integers(1, 16_384).map(column_letter))), draw(_opt(texts(0, 12))))
        for key in draw(st.lists(st.sampled_from(_TABLE_FIELDS), unique=True, max_size=5))
    }
    file = draw(_opt(st.sampled_from(["rkpd.xlsx", "ssk 2024.xlsx"]) | texts(1, 8)))
    return file, draw(_opt(texts(1, 8))), columns


@st.composite
def _read_lines(draw: st.DrawFn, document: Any) -> Any:
    """``document`` with its lines placed in one to three tables, as an importer reads them:
    a row of a sheet each, its cells in the table's columns (as a shared-column
    :class:`~ppsp.domain.location.CellMap` or as a plain mapping); a few lines keep their own."""
    import attrs

    layouts = draw(st.lists(_table_layouts(), min_size=1, max_size=3))
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(document)):
        lines = getattr(document, field.name)
        if not isinstance(lines, tuple) or not lines or not isinstance(lines[0], Line):
            continue
        placed = []
        for line in lines:
            if draw(st.integers(0, 9)) == 0:  # a line of its own
                placed.append(line)
                continue
            file, sheet, columns = draw(st.sampled_from(layouts))
            row = draw(_opt(st.integers(1, 1_048_576)))
            keys = tuple(draw(st.lists(st.sampled_from(sorted(columns) or ["name"]), unique=True)))
            keys = tuple(k for k in keys if k in columns)
            if draw(st.booleans()):
                cells: Any = CellMap(file, sheet, row, columns, keys)
            else:
                cells = {k: SourceLocation(file, sheet, row, *columns[k]) for k in keys}
            source = SourceLocation(file, sheet, row)
            placed.append(attrs.evolve(line, source=source, cells=cells))
        changes[field.name] = tuple(placed)
    return attrs.evolve(document, **changes) if changes else document


def read_documents() -> st.SearchStrategy[Any]:
    """Documents whose lines were read from tables (see :func:`documents`): what the compact
    cell map of the JSON format is for."""
    return documents().flatmap(_read_lines)


def bundles() -> st.SearchStrategy[RegionBundle]:
    """Region bundles with a few documents of every kind."""
    return st.builds(
        RegionBundle,
        region=region_codes(),
        bps=st.lists(white_books(), max_size=2).map(tuple),
        ssk=st.lists(ssks(), max_size=2).map(tuple),
        mps=st.lists(memoranda(), max_size=1).map(tuple),
        rpjmd=st.lists(rpjmds(), max_size=1).map(tuple),
        renstra=st.lists(renstra_pds(), max_size=2).map(tuple),
        rkpd=st.lists(rkpds(), max_size=2).map(tuple),
        renja=st.lists(renja_pds(), max_size=2).map(tuple),
        dpa=st.lists(dpas(), max_size=2).map(tuple),
        implementation=_opt(implementation_records()),
        working_groups=st.lists(working_groups(), max_size=1).map(tuple),
        extras=extras(),
    )


from ppsp.testing.broken import (  # noqa: E402  (strategies of broken files, after the types')
    broken_cells,
    broken_csv_bytes,
    broken_tables,
    broken_workbook,
    number_spellings,
)


def wrong_values() -> st.SearchStrategy[Any]:
    """Values no field of a ppsp record takes, nor converts: objects of foreign types (an
    ``object``, bytes, a complex number, a set, a list of objects). Every public constructor
    given one raises a :class:`~ppsp.errors.PpspError` naming the field.

    >>> from hypothesis import given
    >>> from ppsp.domain import YearAmount
    >>> from ppsp.errors import PpspError
    >>> @given(wrong_values())
    ... def refused(value):
    ...     try:
    ...         YearAmount(year=2025, amount=value)
    ...     except PpspError as error:
    ...         assert error.params["field"] == "amount"
    >>> refused()
    """
    return st.one_of(
        st.builds(object),
        st.binary(min_size=1, max_size=4),
        st.complex_numbers(allow_nan=False, allow_infinity=False),
        st.sets(st.integers(), min_size=1, max_size=2),
        st.lists(st.builds(object), min_size=1, max_size=2),
    )
