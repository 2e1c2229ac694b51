from __future__ import annotations

from decimal import Decimal

import pytest

from ppsp import DocumentError, InvalidValue
from ppsp.demo import demo_bundle
from ppsp.domain import (
    RKPD,
    Agency,
    Event,
    EventKind,
    Funding,
    FundingSource,
    ImplementationRecord,
    MilestoneCode,
    MilestoneState,
    MilestoneStatus,
    PlanPeriod,
    RegionBundle,
    RegionCode,
    RenjaPD,
    RenstraPD,
    RiskArea,
    Rupiah,
    SourceLocation,
    SSKActivity,
    StrategiSanitasi,
    YearAmount,
)
from ppsp.domain.access import AccessProfile
from ppsp.domain.extras import Extras
from ppsp.domain.location import column_index, column_letter
from ppsp.domain.region import default_register

GM = RegionCode.parse("62.10")


def _activity(**kwargs: object) -> SSKActivity:
    return SSKActivity(name="Pembangunan IPLT", **kwargs)  # type: ignore[arg-type]


def test_cost_outside_period_is_refused_with_the_line_named() -> None:
    activity = _activity(number="7", costs=(YearAmount(year=2030, amount=Rupiah(1)),))
    with pytest.raises(DocumentError) as info:
        StrategiSanitasi(region=GM, period=PlanPeriod(2024, 2028), activities=(activity,))
    for lang in ("id", "en"):
        message = info.value.message(lang)
        assert "2030" in message
        assert "2024-2028" in message
        assert "'7'" in message


def test_inconsistencies_rules_report_can_be_represented() -> None:
    # FIN001: a stated total that differs from the yearly costs is data, not an error
    activity = _activity(
        costs=(YearAmount(year=2025, amount=Rupiah(100)),),
        total=Rupiah(999),
        funding=(Funding(source=FundingSource.DAK_FISIK, year=2025, amount=Rupiah(60)),),
    )
    ssk = StrategiSanitasi(region=GM, period=PlanPeriod(2024, 2028), activities=(activity,))
    assert activity.total_cost() == Rupiah(100) != activity.total
    assert activity.regional_budget_cost(2025) == Rupiah(0)
    assert ssk.total_cost(2025) == Rupiah(100)
    # DOC005: documents of another region inside the bundle
    bundle = RegionBundle(region=GM, rkpd=(RKPD(region=RegionCode.parse("17.07"), year=2025),))
    assert bundle.rkpd_for(2025).region != bundle.region  # type: ignore[union-attr]
    # STR006: shares that do not add up
    assert AccessProfile(year=2023, aman=Decimal(50), belum_layak=Decimal(20)).total == 70


def test_regional_budget_cost_without_split() -> None:
    costs = (YearAmount(year=2025, amount=Rupiah(100)),)
    assert _activity(costs=costs).regional_budget_cost(2025) == Rupiah(100)
    apbn_only = _activity(costs=costs, funding=(Funding(source=FundingSource.APBN),))
    assert apbn_only.regional_budget_cost(2025) == Rupiah(0)
    assert _activity(costs=costs).cost_in(2026) is None


def test_bundle_lookups_honour_agency_spellings() -> None:
    renstra = RenstraPD(region=GM, period=PlanPeriod(2021, 2026), agency=Agency("DPUPR"))
    renja = RenjaPD(region=GM, year=2025, agency=Agency("Dinas Pekerjaan Umum dan Penataan Ruang"))
    bundle = RegionBundle(region=GM, renstra=(renstra,), renja=(renja,))
    assert bundle.renstra_for(Agency("Dinas PUPR"), 2025) is renstra
    assert bundle.renja_for(2025, Agency("Dinas PUPR")) == (renja,)
    assert bundle.renja_for(2025, Agency("Dinas Kesehatan")) == ()
    assert bundle.ssk_for(2025) is None


def test_values_are_immutable_and_validated() -> None:
    activity = _activity()
    with pytest.raises(AttributeError):
        activity.name = "x"  # type: ignore[misc]
    with pytest.raises(InvalidValue):
        RiskArea(name="Desa A", level=5)
    with pytest.raises(InvalidValue):
        AccessProfile(year=2023, aman=Decimal(120))
    with pytest.raises(InvalidValue):
        Event(kind=EventKind.COACHING_CLINIC, number=0, date="2023-01-01")
    with pytest.raises(InvalidValue):
        SourceLocation(file="a.xlsx", row=0)
    with pytest.raises(InvalidValue):
        Extras({"x": float("nan")})
    assert hash(_activity(extras={"a": [1, {"b": 2}]})) == hash(
        _activity(extras={"a": [1, {"b": 2}]})
    )


def test_locations() -> None:
    loc = SourceLocation(file="ssk.xlsx", sheet="Matriks", row=12)
    assert loc.cell is None
    assert loc.at("F", "2025").cell == "F12"
    assert column_index(column_letter(16384)) == 16384
    assert loc.describe("en") == "ssk.xlsx, sheet 'Matriks', row 12"
    assert loc.describe("id") == "ssk.xlsx, lembar 'Matriks', baris 12"
    assert SourceLocation(file="a.csv", column="C").describe("id") == "a.csv, kolom C"


def test_milestones_and_events() -> None:
    record = ImplementationRecord(
        region=GM,
        milestones=(
            MilestoneStatus(
                code=MilestoneCode.M3, state=MilestoneState.COMPLETE, completed_date="23/6/2023"
            ),
            MilestoneStatus(code=MilestoneCode.M4, state=MilestoneState.IN_PROGRESS),
        ),
        events=(Event.from_title("Coaching Clinic VII", "22 November 2021", time="09.00"),),
    )
    assert record.milestone(MilestoneCode.M4).state is MilestoneState.IN_PROGRESS  # type: ignore[union-attr]
    assert record.milestone(MilestoneCode.M1) is None
    event = record.events[0]
    assert event.number == 7
    start = event.starts_at(default_register().get("64.02"))
    assert start.isoformat() == "2021-11-22T09:00:00+08:00"


def test_demo_bundle_is_consistent() -> None:
    bundle = demo_bundle()
    ssk = bundle.ssk_for(2025)
    assert ssk is not None
    assert ssk.working_group is not None
    for activity in ssk.activities:
        assert activity.agency is not None
        assert ssk.working_group.has_member(activity.agency)
