"""Amounts read from table columns are never silently wrong (issue 13): a separator that could
group thousands or mark decimals is read by the column's evidence, a full-rupiah amount in a
column of juta is recognised, negative costs are flagged, and every spelling gives the exact
amount or a diagnostic at its cell."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ppsp.domain import Rupiah
from ppsp.io.sheets.importer import ImportResult, read_file

UNIT = "Pagu Indikatif (Rp)"
JUTA = "Pagu Indikatif (Rp. Juta)"


def _rkpd(
    tmp_path: Path, header: str, amounts: list[str], name: str = "rkpd.csv", delimiter: str = ","
) -> Path:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter)
        writer.writerow(["RKPD KABUPATEN GUNUNG MAS TAHUN 2025"])
        writer.writerow(["Kode", "Program/Kegiatan/Sub Kegiatan", header, "Perangkat Daerah"])
        for index, amount in enumerate(amounts, start=1):
            writer.writerow(
                [f"1.03.03.2.01.{index:04d}", f"Sub kegiatan {index}", amount, "Dinas PUPR"]
            )
    return path


def _read(path: Path) -> ImportResult:
    return read_file(path, kind="rkpd", region="62.10", year=2025)


def _pagu(result: ImportResult) -> list[Rupiah | None]:
    return [line.pagu for line in result.documents[0].lines]


def _at(result: ImportResult, code: str) -> dict[str, str]:
    """The cells with a diagnostic of ``code`` (``C3``) and its English message."""
    return {
        d.location.cell: d.message("en")
        for d in result.diagnostics
        if d.code == code and d.location is not None and d.location.cell
    }


def test_a_lone_thousands_separator_in_a_rupiah_column_is_thousands(tmp_path: Path) -> None:
    result = _read(_rkpd(tmp_path, UNIT, ["250,000", "1.250", "750.000"]))
    assert _pagu(result) == [Rupiah(250_000), Rupiah(1_250), Rupiah(750_000)]
    assert not _at(result, "ambiguous-amount")


def test_the_columns_other_cells_decide(tmp_path: Path) -> None:
    # English elsewhere in the column (1,500,000.50): 250,000 is two hundred and fifty thousand
    result = _read(_rkpd(tmp_path, UNIT, ["250,000", "1,500,000.50"]))
    assert _pagu(result) == [Rupiah(250_000), Rupiah("1500000.50")]
    # in juta, Indonesian decimals elsewhere (2,5): 1,250 is 1.25 juta and 1.250 is 1250 juta
    result = _read(_rkpd(tmp_path, JUTA, ["1,250", "1.250", "2,5"]))
    assert _pagu(result) == [Rupiah(1_250_000), Rupiah(1_250_000_000), Rupiah(2_500_000)]
    # in juta, English decimals elsewhere (2.5): 1.250 is 1.25 juta
    result = _read(_rkpd(tmp_path, JUTA, ["1.250", "2.5"]))
    assert _pagu(result) == [Rupiah(1_250_000), Rupiah(2_500_000)]
    result = _read(_rkpd(tmp_path, JUTA, ["1,250,-", "2.5"]))  # "Rp 1.000.000,-" style
    assert _pagu(result) == [Rupiah(1_250_000_000), Rupiah(2_500_000)]
    assert not _at(result, "ambiguous-amount")


def test_the_files_locale_decides_when_the_cells_do_not(tmp_path: Path) -> None:
    # a CSV separated by ";" is written by a spreadsheet set to Indonesian: "," marks decimals
    semicolons = _read(_rkpd(tmp_path, JUTA, ["1,250", "300"], delimiter=";"))
    assert _pagu(semicolons) == [Rupiah(1_250_000), Rupiah(300_000_000)]
    assert not _at(semicolons, "ambiguous-amount")
    commas = _read(_rkpd(tmp_path, JUTA, ["1,250", "300"]))  # a "," CSV does not tell
    assert set(_at(commas, "ambiguous-amount")) == {"C3"}
    # the cells' own evidence comes first: English decimals in a ";" file
    english = _read(_rkpd(tmp_path, JUTA, ["1,250", "2.5"], delimiter=";"))
    assert _pagu(english) == [Rupiah(1_250_000_000), Rupiah(2_500_000)]


def test_evidence_that_disagrees_is_a_diagnostic_naming_both_readings(tmp_path: Path) -> None:
    # Indonesian sen elsewhere (1.250.000,00): "250,000" would be Rp 250,000 rupiah and sen
    result = _read(_rkpd(tmp_path, UNIT, ["250,000", "1.250.000,00"]))
    found = _at(result, "ambiguous-amount")
    assert set(found) == {"C3"}
    assert "IDR250,000.00" in found["C3"] and "IDR250.00" in found["C3"]
    assert _pagu(result)[0] is None  # never a guess: the text is kept
    assert result.documents[0].lines[0].extras.get(UNIT) == "250,000"
    # in juta with nothing to tell: 1.250 juta or 1250 juta
    result = _read(_rkpd(tmp_path, JUTA, ["1.250", "300"]))
    found = _at(result, "ambiguous-amount")
    assert "IDR1,250,000,000.00" in found["C3"] and "IDR1,250,000.00" in found["C3"]
    # a column whose cells disagree among themselves (1.250.000 and 1,500,000)
    result = _read(_rkpd(tmp_path, UNIT, ["250,000", "1.250.000", "1,500,000"]))
    assert set(_at(result, "ambiguous-amount")) == {"C3"}
    assert _pagu(result)[1:] == [Rupiah(1_250_000), Rupiah(1_500_000)]


def test_full_rupiah_in_a_juta_column_is_recognised_and_said(tmp_path: Path) -> None:
    result = _read(_rkpd(tmp_path, JUTA, ["Rp 1.250.000.000,00", "1.250,5"]))
    assert _pagu(result) == [Rupiah(1_250_000_000), Rupiah(1_250_500_000)]
    (message,) = _at(result, "full-rupiah-in-scaled-column").values()
    assert "IDR1,250,000,000.00" in message and "IDR1,250,000,000,000,000.00" in message


@pytest.mark.parametrize("spelling", ["-2.500", "(2.500)", "2.500-", "-Rp 2.500", "(Rp 2.500)"])
def test_a_negative_cost_in_any_spelling_is_flagged(tmp_path: Path, spelling: str) -> None:
    result = _read(_rkpd(tmp_path, UNIT, [spelling, "1.000.000"]))
    assert _pagu(result)[0] == Rupiah(-2_500)
    found = _at(result, "negative-amount")
    assert list(found) == ["C3"] and spelling in found["C3"]


def test_a_negative_number_cell_is_flagged_too(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["RKPD KABUPATEN GUNUNG MAS TAHUN 2025"])
    sheet.append(["Kode", "Program/Kegiatan/Sub Kegiatan", UNIT, "Perangkat Daerah"])
    sheet.append(["1.03.03.2.01.0001", "Sub kegiatan 1", -2500, "Dinas PUPR"])
    book.save(tmp_path / "rkpd.xlsx")
    result = _read(tmp_path / "rkpd.xlsx")
    assert list(_at(result, "negative-amount")) == ["C3"]


# --- property: every spelling, exact or a diagnostic ------------------------------------------


def _spell(number: Decimal, decimal: str, grouped: bool) -> str:
    group = "." if decimal == "," else ","
    exponent = number.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    text = f"{number:,.{places}f}" if grouped else f"{number:.{places}f}"
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", group)


@st.composite
def _columns(draw: Any) -> tuple[str, list[tuple[str, Decimal]]]:
    """A column header and its cells: amounts spelled in one convention, as a file does."""
    juta = draw(st.booleans())
    decimal = draw(st.sampled_from([",", "."]))
    prefix = draw(st.sampled_from(["", "Rp ", "IDR "])) if not juta else ""
    places = st.integers(0, 3) if juta else st.sampled_from([0, 2])
    cells: list[tuple[str, Decimal]] = []
    for _ in range(draw(st.integers(1, 6))):
        digits = draw(places)
        number = Decimal(draw(st.integers(0, 10**9))).scaleb(-digits)
        text = prefix + _spell(number, decimal, draw(st.booleans()))
        if draw(st.integers(0, 5)) == 0:
            text, number = f"({text})", -number
        cells.append((text, number * (10**6 if juta else 1)))
    return (JUTA if juta else UNIT), cells


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(column=_columns())
def test_every_spelling_is_exact_or_a_diagnostic(
    tmp_path: Path, column: tuple[str, list[tuple[str, Decimal]]]
) -> None:
    header, cells = column
    result = _read(_rkpd(tmp_path, header, [text for text, _ in cells]))
    said = {
        d.location.cell
        for d in result.diagnostics
        if d.location is not None and d.code in ("ambiguous-amount", "unparseable-number")
    }
    for row, ((text, expected), pagu) in enumerate(zip(cells, _pagu(result), strict=True), 3):
        if pagu is None or pagu.amount != expected:
            assert f"C{row}" in said, (text, expected, pagu)
        if pagu is not None and pagu.amount < 0:
            assert f"C{row}" in _at(result, "negative-amount")
