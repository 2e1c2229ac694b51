"""Constructors keep their promise: every public record converts what it honestly can and
refuses anything else with a PpspError naming the field, at construction."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ppsp.domain  # noqa: F401 - every module of the domain registers its records
from ppsp import testing
from ppsp.domain import (
    Agency,
    NomenclatureCode,
    PlanPeriod,
    RegionBundle,
    RegionCode,
    Rupiah,
    SSKActivity,
    YearAmount,
)
from ppsp.domain.checks import CHECKED
from ppsp.errors import PpspError


def _records(value: Any, found: dict[type[Any], Any]) -> None:
    """Every checked record inside ``value``, one instance per class."""
    if attrs.has(type(value)):
        if type(value) in CHECKED:
            found.setdefault(type(value), value)
        for field in attrs.fields(type(value)):
            _records(getattr(value, field.name), found)
    elif isinstance(value, tuple | list):
        for item in value[:3]:
            _records(item, found)


_SOURCES = st.one_of(testing.documents(), testing.access_profiles(), testing.working_groups())


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_SOURCES, testing.wrong_values(), st.data())
def test_a_wrong_value_in_any_field_of_any_record_is_a_ppsp_error(
    source: Any, wrong: Any, data: st.DataObject
) -> None:
    found: dict[type[Any], Any] = {}
    _records(source, found)
    for cls, instance in found.items():
        fields = [f for f in attrs.fields(cls) if f.init]
        field = data.draw(st.sampled_from(fields), label=f"{cls.__name__} field")
        with pytest.raises(PpspError) as caught:
            attrs.evolve(instance, **{field.alias or field.name: wrong})
        assert caught.value.params.get("field") in (field.name, field.alias), caught.value


def test_every_public_record_of_the_domain_is_checked() -> None:
    import ppsp.domain as domain

    records = {
        getattr(domain, name)
        for name in domain.__all__
        if isinstance(getattr(domain, name), type)
        and attrs.has(getattr(domain, name))
        and all(f.kw_only for f in attrs.fields(getattr(domain, name)) if f.init)
    }
    assert records <= set(CHECKED), records - set(CHECKED)


def test_text_and_lists_become_what_the_fields_hold() -> None:
    activity = SSKActivity(
        name="IPLT",
        agency="Dinas PUPR",
        code="1.03.03.2.01.0001",
        costs=[YearAmount(year=2025, amount="2,5 M"), YearAmount(year="2026", amount=750_000_000)],
        total="Rp 3.250.000.000",
    )
    assert isinstance(activity.agency, Agency) and activity.agency.name == "Dinas PUPR"
    assert isinstance(activity.code, NomenclatureCode)
    assert activity.costs.__class__ is tuple and activity.costs[1].year == 2026
    assert activity.total_cost() == Rupiah.parse("3.250.000.000") == activity.total
    hash(activity)  # a list would have made it unhashable
    bundle = RegionBundle(region="62.10", ssk=[])
    assert isinstance(bundle.region, RegionCode) and bundle.ssk == ()


@given(ssk=testing.ssks())
def test_a_period_given_as_text_becomes_a_period(ssk: Any) -> None:
    assert attrs.evolve(ssk, period=str(ssk.period)).period == ssk.period
    assert isinstance(PlanPeriod.parse(str(ssk.period)), PlanPeriod)


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: SSKActivity(name=123), "name"),
        (lambda: YearAmount(year=2025, amount="dua juta"), "amount"),
        (lambda: YearAmount(year=True, amount=1), "year"),
        (lambda: YearAmount(year=2025, amount=2.5), "amount"),  # money is never a float
        (lambda: RegionBundle(region="62.10", ssk=(None,)), "ssk"),
        (lambda: SSKActivity(name="x", code="zz"), "code"),
    ],
)
def test_what_cannot_be_converted_is_refused_naming_the_field(make: Any, field: str) -> None:
    with pytest.raises(PpspError) as caught:
        make()
    assert caught.value.params["field"] == field
    assert field in caught.value.message("en") and field in caught.value.message("id")
