from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ppsp import InvalidComponent, InvalidFormat
from ppsp.domain.period import FiscalYear, PlanPeriod, parse_date, parse_roman, parse_time
from ppsp.testing import fiscal_years, plan_periods


@pytest.mark.parametrize(
    "text", ["2025", "TA 2025", "T.A. 2025", "Tahun Anggaran 2025", "FY2025", "2025.0"]
)
def test_fiscal_year_forms(text: str) -> None:
    assert FiscalYear.parse(text) == FiscalYear(2025)


@pytest.mark.parametrize(
    "text",
    [
        "2024-2028",
        "2024 – 2028",
        "2024 s.d. 2028",
        "2024 s/d 2028",
        "2024/2028",
        "2024-28",
        "2024 sampai dengan 2028",
        "Periode 2024-2028",
    ],
)
def test_period_forms(text: str) -> None:
    assert PlanPeriod.parse(text) == PlanPeriod(2024, 2028)


def test_period_errors() -> None:
    with pytest.raises(InvalidFormat):
        PlanPeriod.parse("2024")
    with pytest.raises(InvalidComponent):
        PlanPeriod(2028, 2024)
    with pytest.raises(InvalidComponent):
        PlanPeriod(2020, 2035)
    with pytest.raises(InvalidComponent):
        FiscalYear(1800)
    with pytest.raises(InvalidFormat):
        FiscalYear.parse("tahun depan")


@pytest.mark.parametrize(
    ("label", "year"),
    [
        ("Tahun ke-1", 2024),
        ("Tahun ke 3", 2026),
        ("Tahun 3", 2026),
        ("T3", 2026),
        ("Th. 5", 2028),
        ("Tahun III", 2026),
        ("Year 2", 2025),
        ("2027", 2027),
        (4, 2027),
        (2028, 2028),
        ("Y1", 2024),
    ],
)
def test_year_labels_within_period(label: str | int, year: int) -> None:
    assert PlanPeriod(2024, 2028).resolve_year(label) == year


def test_year_labels_outside_period() -> None:
    period = PlanPeriod(2024, 2028)
    with pytest.raises(InvalidComponent) as info:
        period.resolve_year("Tahun ke-6")
    assert "2024-2028" in info.value.message("id")
    with pytest.raises(InvalidComponent):
        period.resolve_year("2030")
    with pytest.raises(InvalidFormat):
        period.resolve_year("Indikasi Biaya")


@given(plan_periods(length=0))
def test_period_str_parse_identity(period: PlanPeriod) -> None:
    assert PlanPeriod.parse(str(period)) == period
    for index, year in enumerate(period.years, start=1):
        assert period.resolve_year(f"Tahun ke-{index}") == year
        assert period.index_of(year) == index


@given(fiscal_years())
def test_fiscal_year_identity(year: FiscalYear) -> None:
    assert FiscalYear.parse(str(year)) == year
    assert FiscalYear.parse(f"TA {year}") == year
    assert year.start.year == year.end.year == year.year


def test_find_period_in_titles() -> None:
    title = "MATRIKS PROGRAM DAN KEGIATAN SSK KABUPATEN GUNUNG MAS TAHUN 2024-2028"
    assert PlanPeriod.find_in(title) == PlanPeriod(2024, 2028)
    assert PlanPeriod.find_in("RKPD 2025") is None


@pytest.mark.parametrize(
    "text",
    [
        "23/6/2023",
        "23-06-2023",
        "23 Juni 2023",
        "23 Jun 2023",
        "2023-06-23",
        "Jumat, 23 Juni 2023",
        "23 June 2023",
    ],
)
def test_dates(text: str) -> None:
    assert parse_date(text).isoformat() == "2023-06-23"


def test_bad_dates_and_times() -> None:
    with pytest.raises(InvalidComponent):
        parse_date("31/2/2023")
    with pytest.raises(InvalidFormat):
        parse_date("kemarin")
    assert parse_time("09:00 WITA").hour == 9
    with pytest.raises(InvalidFormat):
        parse_time("pagi")
    with pytest.raises(InvalidComponent):
        parse_time("25:00")


@given(st.integers(min_value=1, max_value=399))
def test_roman_numerals(number: int) -> None:
    from ppsp.domain.period import _to_roman

    assert parse_roman(_to_roman(number).upper()) == number
    with pytest.raises(InvalidFormat):
        parse_roman("IIII")
