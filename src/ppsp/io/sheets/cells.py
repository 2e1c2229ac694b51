"""Lenient conversion of one cell to the value a field needs; failures keep the raw value.

Each converter returns the value or raises :class:`CellProblem` with a diagnostic code and
message key, so the table engine can keep the raw value and report the cell.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import pendulum

from ppsp.domain import Agency, NomenclatureCode, Rupiah, Scale
from ppsp.domain.numeric import DASHES, parse_decimal
from ppsp.domain.period import parse_date
from ppsp.errors import InvalidValue
from ppsp.i18n import N_

__all__ = ["EXCEL_ERRORS", "CellProblem", "is_blank", "json_safe", "text_of"]

#: The error values Excel writes into cells.
EXCEL_ERRORS: Final = frozenset(
    {
        "#REF!",
        "#DIV/0!",
        "#VALUE!",
        "#N/A",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "#FIELD!",
        "#BLOCKED!",
        "#UNKNOWN!",
        "#CONNECT!",
        "#BUSY!",
    }
)
_EXCEL_EPOCH: Final = dt.date(1899, 12, 30)


class CellProblem(Exception):
    """A cell that cannot become the value its column needs."""

    def __init__(self, code: str, key: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.key = key
        self.params = params


def _wrong_type(value: Any, expected: str) -> CellProblem:
    return CellProblem(
        "wrong-type", N_("diagnostic.wrong-type"), value=text_of(value), expected=expected
    )


def _unparseable(value: Any, expected: str) -> CellProblem:
    return CellProblem(
        "unparseable-number",
        N_("diagnostic.unparseable-number"),
        value=text_of(value),
        expected=expected,
    )


def is_blank(value: Any) -> bool:
    """Empty cell (``None``, empty or white-space text)."""
    if value is None or value == "":
        return True
    return isinstance(value, str) and not value.strip()


def text_of(value: Any) -> str:
    """The text a person sees: ``1.0`` -> ``"1"``, dates in ISO, text stripped."""
    if type(value) is str:  # the common case first
        # already clean: printable (no tab, newline or other white space than " "), no space
        # at either end, no two spaces together (most cells; no cache lookup needed)
        if value.isprintable() and value[:1] != " " and value[-1:] != " " and "  " not in value:
            return value
        return _clean(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return " ".join(str(value).split())


@functools.lru_cache(maxsize=16384)
def _clean(text: str) -> str:
    return " ".join(text.split())


def json_safe(value: Any) -> Any:
    """A cell value as a JSON value for ``extras`` (numbers stay numbers, dates become text)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return repr(value)
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    return text_of(value)


def _check_error(value: Any) -> None:
    # every Excel error value begins with "#"
    if (
        isinstance(value, str)
        and value.lstrip()[:1] == "#"
        and value.strip().upper() in EXCEL_ERRORS
    ):
        raise CellProblem("cell-error", N_("diagnostic.cell-error"), value=value.strip())


def to_text(value: Any) -> str | None:
    """Text, or ``None`` for a blank cell."""
    _check_error(value)
    text = text_of(value)
    return text or None


def to_money(value: Any, scale: Scale = Scale.UNIT) -> Rupiah | None:
    """Rupiah from a number or text, in the column's unit."""
    if is_blank(value):
        return None
    _check_error(value)
    if isinstance(value, (bool, dt.date | dt.time | dt.timedelta)):
        raise _wrong_type(value, "rupiah")
    try:
        if type(value) is int and scale is Scale.UNIT:
            return Rupiah(value)
        if (
            type(value) is float
            and scale is Scale.UNIT
            and value.is_integer()
            and abs(value) < 1e15
        ):
            return Rupiah(int(value))
        if isinstance(value, float):
            amount = Decimal(repr(value))
            rounded = amount.quantize(Decimal("0.01"))
            # binary floats of sen amounts (0.1 + 0.2) are rounded to the sen
            return Rupiah.parse(
                rounded if abs(amount - rounded) < Decimal("0.000001") else amount, scale=scale
            )
        return Rupiah.parse(value, scale=scale)
    except (InvalidValue, InvalidOperation):
        raise _unparseable(value, "rupiah") from None


def to_decimal(value: Any) -> Decimal | None:
    """A number from a cell (``-`` is zero)."""
    if is_blank(value):
        return None
    _check_error(value)
    if isinstance(value, (bool, dt.date | dt.time | dt.timedelta)):
        raise _wrong_type(value, "number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value).strip().rstrip("%").strip()
    if text in DASHES:
        return Decimal(0)
    try:
        return parse_decimal(text)
    except InvalidValue:
        raise _unparseable(value, "number") from None


def to_int(value: Any) -> int | None:
    """A whole number (years, levels)."""
    number = to_decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise _wrong_type(value, "whole number")
    return int(number)


def to_date(value: Any) -> pendulum.Date | None:
    """A date from a date cell, an Excel serial number, or text (``23/6/2023``, ``23 Juni 2023``)."""
    if is_blank(value):
        return None
    _check_error(value)
    if isinstance(value, dt.date):
        return parse_date(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            day = _EXCEL_EPOCH + dt.timedelta(days=int(value))
            return pendulum.Date(day.year, day.month, day.day)
        raise _wrong_type(value, "date")
    try:
        return parse_date(str(value))
    except InvalidValue:
        raise CellProblem(
            "unparseable-date", N_("diagnostic.unparseable-date"), value=text_of(value)
        ) from None


def to_code(value: Any) -> tuple[NomenclatureCode | None, str | None]:
    """A nomenclature code, and the name when the cell holds both."""
    if is_blank(value):
        return None, None
    _check_error(value)
    from ppsp.domain.nomenclature import split_label

    text = text_of(value)
    try:
        return split_label(text)
    except InvalidValue as error:
        raise CellProblem(
            "bad-code", N_("diagnostic.bad-code"), value=text, problem=error.key
        ) from None


def to_agency(value: Any) -> Agency | None:
    """An agency from its name (one shared, immutable object per spelling)."""
    text = to_text(value)
    return _agency(text) if text else None


@functools.lru_cache(maxsize=4096)
def _agency(name: str) -> Agency:
    return Agency(name)
