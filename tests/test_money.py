from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ppsp import InvalidFormat, InvalidValue, PpspError
from ppsp.domain.money import Rupiah, Scale
from ppsp.domain.numeric import parse_decimal, parse_percent
from ppsp.i18n import LANGUAGES
from ppsp.testing import rupiah


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rp 1.250.000.000,00", "1250000000"),
        ("Rp1.250.000.000,00", "1250000000"),
        ("1.250.000.000", "1250000000"),
        ("1,25 M", "1250000000"),
        ("1,25 Miliar", "1250000000"),
        ("Rp. 250 juta", "250000000"),
        ("250 jt", "250000000"),
        ("Rp 1.000.000,-", "1000000"),
        ("IDR 1,250,000.50", "1250000.50"),
        ("-", "0"),
        ("–", "0"),
        ("(1.000.000)", "-1000000"),
        ("-Rp1.000,00", "-1000"),
        ("1\u00a0250\u00a0000", "1250000"),
        ("2 T", "2000000000000"),
        ("15 rb", "15000"),
        (1250000, "1250000"),
        (1250000.5, "1250000.5"),
        (Decimal("7.25"), "7.25"),
    ],
)
def test_parse_forms_from_real_tables(text: object, expected: str) -> None:
    assert Rupiah.parse(text).amount == Decimal(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("header", "scale"),
    [
        ("Indikasi Biaya (Rp. Juta)", Scale.JUTA),
        ("Pagu Indikatif (Rp)", Scale.UNIT),
        ("Pagu (Rp 000)", Scale.RIBU),
        ("Anggaran (dalam ribuan rupiah)", Scale.RIBU),
        ("Biaya\n(Juta Rupiah)", Scale.JUTA),
        ("Nilai (x Rp 1.000)", Scale.RIBU),
        ("Total (Rp Miliar)", Scale.MILIAR),
        ("Jumlah", Scale.UNIT),
    ],
)
def test_scale_from_headers(header: str, scale: Scale) -> None:
    assert Scale.from_header(header) is scale


def test_scale_applies_unless_the_cell_names_its_unit() -> None:
    assert Rupiah.parse("250", scale=Scale.JUTA).amount == Decimal(250_000_000)
    assert Rupiah.parse("1.250,5", scale=Scale.JUTA).amount == Decimal(1_250_500_000)
    assert Rupiah.parse("2 M", scale=Scale.JUTA).amount == Decimal(2_000_000_000)
    assert Rupiah.parse(250, scale=Scale.RIBU).amount == Decimal(250_000)


@pytest.mark.parametrize(
    "text", ["", "abc", "Rp", "1.2.3,4,5", "12..5", "1,234.5.6", "Rp 1.25.000"]
)
def test_bad_amounts_name_the_text(text: str) -> None:
    with pytest.raises(InvalidFormat) as info:
        Rupiah.parse(text)
    assert info.value.key == "money.format"
    assert repr(text.strip()) in info.value.message("en")


def test_precision_and_types() -> None:
    with pytest.raises(InvalidValue) as info:
        Rupiah.parse("Rp 10,5555")  # "Rp 10,555" is Rp 10.555: sen have two digits, not three
    assert info.value.key == "money.precision"
    with pytest.raises(InvalidValue):
        Rupiah(Decimal("1.001"))
    with pytest.raises(InvalidValue):
        Rupiah.parse(float("nan"))
    with pytest.raises(InvalidValue):
        Rupiah(True)  # type: ignore[arg-type]
    assert Rupiah(Decimal("1.000")) == Rupiah(1)


def test_arithmetic_is_exact() -> None:
    a, b = Rupiah.parse("0,10"), Rupiah.parse("0,20")
    assert (a + b).amount == Decimal("0.30")
    assert sum([a, b]) == Rupiah.parse("0,30")
    assert (b - a) == a
    assert -a == Rupiah.parse("-0,10")
    assert abs(-a) == a
    assert a * 3 == Rupiah.parse("0,30")
    assert 3 * a == a * 3
    assert Rupiah(100) * Decimal("0.333") == Rupiah(Decimal("33.30"))
    assert Rupiah(1).ratio(Rupiah(4)) == Decimal("0.25")
    assert Rupiah(1).ratio(Rupiah(0)) is None
    assert not Rupiah.zero()
    assert Rupiah(1)
    assert Rupiah.zero().is_zero()
    assert Rupiah(1) < Rupiah(2)


def test_formatting_per_language() -> None:
    amount = Rupiah.parse("1.250.000.000,5")
    assert amount.format("id") == "Rp1.250.000.000,50"
    assert amount.format("en") == "IDR1,250,000,000.50"
    assert str(amount) == "Rp1.250.000.000,50"


@given(rupiah(negative=True))
def test_str_parse_identity(amount: Rupiah) -> None:
    assert Rupiah.parse(str(amount)) == amount
    for lang in LANGUAGES:
        assert Rupiah.parse(amount.format(lang)) == amount
    assert Rupiah.parse(amount.to_json()) == amount


@given(rupiah(max_value=10**24, negative=True))
def test_every_language_shows_two_decimals_whatever_the_size(amount: Rupiah) -> None:
    # the digits never come from the locale database (babel 2.19 gives IDR zero digits)
    shapes = {
        "id": r"-?Rp[0-9]{1,3}(\.[0-9]{3})*,[0-9]{2}",
        "en": r"-?IDR[0-9]{1,3}(,[0-9]{3})*\.[0-9]{2}",
    }
    for lang in LANGUAGES:
        text = amount.format(lang)
        assert re.fullmatch(shapes[lang], text), text
        assert Rupiah.parse(text) == amount


def test_sen_survive_formatting() -> None:
    assert str(Rupiah.parse("0,01")) == "Rp0,01"
    assert Rupiah.parse(str(Rupiah.parse("0,01"))) == Rupiah("0.01")
    assert Rupiah(5).format("en") == "IDR5.00"
    assert Rupiah("-2500").format("id") == "-Rp2.500,00"
    # the largest amount there is still formats; one digit more is refused, not formatted
    assert Rupiah(10**28 - 1).format("en") == "IDR9,999" + ",999" * 8 + ".00"


@given(st.lists(rupiah(), max_size=6))
def test_sum_matches_decimal_sum(amounts: list[Rupiah]) -> None:
    assert sum(amounts, Rupiah.zero()).amount == sum((a.amount for a in amounts), Decimal(0))


@given(st.integers(min_value=0, max_value=10**15))
def test_indonesian_grouping_round_trip(number: int) -> None:
    grouped = f"{number:,}".replace(",", ".")
    assert parse_decimal(grouped) == number
    assert Rupiah.parse(f"Rp {grouped},00").amount == number


def test_percentages() -> None:
    assert parse_percent("90,5 %") == Decimal("90.5")
    assert parse_percent("-") == 0
    assert parse_percent(15) == 15


@pytest.mark.realdata
def test_indonesian_table_columns_add_up_to_their_total(shared_data: Path) -> None:
    text = (shared_data / "quirks" / "indonesian_number_formats_table.md").read_text("utf-8")
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if line.startswith("|") and not line.startswith("|--")
    ]
    body = [r for r in rows if r[0].isdigit()]
    total = next(r for r in rows if r[2] == "JUMLAH")
    assert len(body) == 37
    # KAB, KOTA, KEC, KEL, DESA, luas (56.834,746) and penduduk (5.379.937), Indonesian style
    for column in range(3, 10):
        column_sum = sum(parse_decimal(r[column]) for r in body)
        assert column_sum == parse_decimal(total[column]), rows[0][column]
    # the island counts mix "2,028" (English grouping) with "17.001": the default reading is
    # Indonesian, so a caller must say decimal="." for such a column
    assert parse_decimal("2,028") == Decimal("2.028")
    assert parse_decimal("2,028", decimal=".") == 2028


def test_a_float_too_large_for_sen_is_a_cell_problem_not_a_crash() -> None:
    # found by fuzzing the importer: 1e26 with two decimals exceeds Decimal's default precision
    from ppsp.io.sheets import cells

    with pytest.raises(cells.CellProblem):
        cells.to_money(1.0000000253776429e26)


@given(
    st.one_of(
        st.from_regex(r"\A ?(Rp|rp|RP|Rp\.|Rp\. )?[0-9]{1,3}(\.[0-9]{3}){0,5}(,[0-9]{1,3})? ?\Z"),
        st.from_regex(r"\A[0-9]{1,20}(,[0-9]{0,3})?\Z"),
        st.text(alphabet="0123456789.,Rp -", max_size=14),
    ),
    st.sampled_from(list(Scale)),
)
def test_the_direct_reading_of_plain_amounts_is_the_general_one(text: str, scale: Scale) -> None:
    def outcome(read: Any) -> Any:
        try:
            amount = read()
            return amount, str(amount.amount)  # the same digits, not only an equal amount
        except PpspError as error:
            return (type(error), error.key)

    fast = outcome(lambda: Rupiah.parse(text, scale=scale))
    general = outcome(lambda: Rupiah._parse_text(text, scale, None))
    assert fast == general


@pytest.mark.parametrize(
    "value",
    [10**28, -(10**28), "1e999999999", "-1E+28", "1" * 4001, Decimal("1e999999999"), "9" * 65],
)
def test_amounts_out_of_range_are_refused_before_any_arithmetic(value: object) -> None:
    with pytest.raises(InvalidValue) as caught:
        Rupiah(value)  # type: ignore[arg-type]
    assert caught.value.key == "money.range"
    assert len(caught.value.message("en")) < 120  # the value is shortened in the message


@pytest.mark.parametrize("text", ["1" * 4001, "Rp " + "1.000" * 1000, "1e999999999", "9" * 29])
def test_parse_refuses_huge_texts_with_one_error(text: str) -> None:
    with pytest.raises(InvalidValue):
        Rupiah.parse(text)


# --- every spelling: the exact amount, or a diagnostic (issue 13) ------------------------------


def _spell(number: Decimal, decimal: str, grouped: bool, places: int | None = None) -> str:
    """``number`` (not negative) written with ``decimal`` as its mark, thousands grouped by the
    other separator when ``grouped``; ``places`` digits after the mark (its own by default)."""
    group = "." if decimal == "," else ","
    exponent = number.as_tuple().exponent
    digits = places if places is not None else max(0, -exponent if isinstance(exponent, int) else 0)
    text = f"{number:,.{digits}f}" if grouped else f"{number:.{digits}f}"
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", group)


_PREFIXES = ("", "Rp", "Rp ", "Rp. ", "Rp.", "IDR ", "IDR", "rp ")


@given(
    amount=rupiah(max_value=10**13),
    decimal=st.sampled_from([",", "."]),
    grouped=st.booleans(),
    prefix=st.sampled_from(_PREFIXES),
    sen=st.sampled_from([None, 2]),
    sign=st.sampled_from(["", "-", "()", "trailing"]),
)
def test_every_spelling_of_a_full_rupiah_amount_reads_exactly(
    amount: Rupiah, decimal: str, grouped: bool, prefix: str, sen: int | None, sign: str
) -> None:
    # Indonesian (1.250.000,50) and English (1,250,000.50) grouping, plain digits, Rp/Rp./IDR,
    # sen written or not, and the negative spellings -2.500, (2.500), 2.500-
    places = 2 if amount.amount != int(amount.amount) else sen
    body = _spell(abs(amount.amount), decimal, grouped, places)
    text = prefix + body
    if sign == "-":
        text = "-" + text
    elif sign == "()":
        text = f"({text})"
    elif sign == "trailing" and not prefix:
        text = text + "-"
    expected = -abs(amount.amount) if sign in ("-", "()") or text.endswith("-") else abs(amount)
    read = Rupiah.parse(text)
    assert read == Rupiah(expected if isinstance(expected, Decimal) else expected.amount)


@given(
    hundredths=st.integers(min_value=1, max_value=99_999),
    unit=st.sampled_from(
        [("juta", 6), ("jt", 6), ("Juta", 6), ("M", 9), ("miliar", 9), ("ribu", 3), ("rb", 3)]
    ),
    decimal=st.sampled_from([",", "."]),
    prefix=st.sampled_from(["", "Rp ", "Rp. "]),
)
def test_an_amount_that_names_its_unit_reads_exactly(
    hundredths: int, unit: tuple[str, int], decimal: str, prefix: str
) -> None:
    # "1,25 M", "Rp. 250 juta", "15 rb": at most two decimals before the unit
    number = Decimal(hundredths).scaleb(-2)
    text = f"{prefix}{_spell(number, decimal, False)} {unit[0]}"
    for scale in Scale:  # the unit in the cell wins over the column's
        assert Rupiah.parse(text, scale=scale).amount == number * 10 ** unit[1]


@given(amount=rupiah(negative=True))
def test_format_and_parse_round_trip_in_every_language(amount: Rupiah) -> None:
    for lang in LANGUAGES:
        assert Rupiah.parse(amount.format(lang)) == amount
        whole = amount.format(lang).rsplit("," if lang == "id" else ".", 1)[0]  # sen dropped
        assert Rupiah.parse(whole).amount == int(amount.amount)


def test_english_amounts_below_a_million_are_not_read_as_rupiah_and_sen() -> None:
    assert Rupiah.parse("IDR250,000") == Rupiah(250_000)
    assert Rupiah.parse("IDR999,999") == Rupiah(999_999)
    assert Rupiah.parse("250,000") == Rupiah(250_000)
    assert Rupiah.parse("IDR 1,250") == Rupiah.parse("Rp 1.250") == Rupiah(1_250)
    assert Rupiah.parse("250,50") == Rupiah("250.50") == Rupiah.parse("IDR250.50")


def test_rp_names_full_rupiah_whatever_the_columns_scale() -> None:
    juta = Scale.from_header("Indikasi Biaya (Rp. Juta)")
    assert Rupiah.parse("Rp 1.250.000.000,00", scale=juta) == Rupiah(1_250_000_000)
    assert Rupiah.parse("IDR 1,250,000,000", scale=juta) == Rupiah(1_250_000_000)
    assert Rupiah.parse("1.250", scale=juta) == Rupiah(1_250_000_000)  # no Rp: in juta
    assert Rupiah.parse("1,250", scale=juta) == Rupiah(1_250_000)  # Indonesian decimals
    assert Rupiah.parse("1,250", scale=juta, decimal=".") == Rupiah(1_250_000_000)
