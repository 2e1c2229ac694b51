"""Money: exact rupiah amounts (``Decimal``, never ``float``), parsed from what tables contain.

>>> Rupiah.parse("Rp 1.250.000.000,00")
Rupiah('1250000000.00')
>>> Rupiah.parse("1,25 M"), Rupiah.parse("Rp. 250 juta"), Rupiah.parse("-")
(Rupiah('1250000000.00'), Rupiah('250000000'), Rupiah('0'))

An amount written under a header that gives the unit is scaled by it:

>>> scale = Scale.from_header("Indikasi Biaya (Rp. Juta)")
>>> scale, Rupiah.parse("1.250,5", scale=scale)
(<Scale.JUTA: 1000000>, Rupiah('1250500000.0'))
>>> Rupiah.parse("250", scale=Scale.from_header("Pagu (Rp 000)"))
Rupiah('250000')

Amounts add up exactly and format for the language with babel:

>>> total = sum([Rupiah.parse("1.000.000,10"), Rupiah.parse("2.000.000,20")], Rupiah.zero())
>>> total.format("id"), total.format("en")
('Rp3.000.000,30', 'IDR3,000,000.30')
"""

from __future__ import annotations

import enum
import re
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Final

import attrs

from ppsp.domain.numeric import DASHES, ambiguous_separator, parse_decimal
from ppsp.errors import InvalidFormat, InvalidValue
from ppsp.i18n import N_, format_money

__all__ = ["MAX_DIGITS", "MAX_TEXT", "SUM_TOLERANCE", "Rupiah", "Scale", "sums_differ"]

_SEN: Final = Decimal("0.01")


class Scale(enum.Enum):
    """The unit a column's amounts are written in."""

    UNIT = 1
    RIBU = 1_000
    JUTA = 1_000_000
    MILIAR = 1_000_000_000

    @classmethod
    def from_header(cls, header: str) -> Scale:
        """The unit a header declares: ``(Rp. Juta)``, ``Rp 000``, ``ribuan rupiah``, ``x 1.000``.

        >>> Scale.from_header("Pagu Indikatif (Rp)"), Scale.from_header("dalam ribuan rupiah")
        (<Scale.UNIT: 1>, <Scale.RIBU: 1000>)
        """
        text = " ".join(str(header).lower().replace("\n", " ").split())
        if re.search(r"\b(miliar|milyar)\b", text):
            return cls.MILIAR
        if re.search(
            r"\b(juta|jt)\b|rp\.?\s*000[.,]000\b|x\s*(rp\.?\s*)?1[.,]?000[.,]?000\b", text
        ):
            return cls.JUTA
        if re.search(
            r"\bribu(an)?\b|rp\.?\s*000\b|\(000\)|x\s*(rp\.?\s*)?1[.,]?000\b|\brb\b", text
        ):
            return cls.RIBU
        return cls.UNIT


_SUFFIXES: Final = (
    (re.compile(r"(triliun|trilyun|t)$"), Decimal(10) ** 12),
    (re.compile(r"(miliar|milyar|m)$"), Decimal(10) ** 9),
    (re.compile(r"(juta|jt)$"), Decimal(10) ** 6),
    (re.compile(r"(ribu|rb|k)$"), Decimal(10) ** 3),
)
#: ``Rp 1.250.000,00``, ``1.250.000``, ``250000``: digits in groups of three after dots, sen
#: after a comma, an optional ``Rp`` before (what :meth:`Rupiah.parse` reads without its
#: general path; a test keeps both equal)
_PLAIN = re.compile(r"(?:[Rr][Pp]\.? ?)?([1-9][0-9]{0,2}(?:\.[0-9]{3})+|[0-9]+)(?:,([0-9]{1,2}))?")
_CURRENCY = re.compile(r"^(rp\.?|idr)\s*|\s*(rp\.?|idr)$")


#: The most digits an amount may have before the decimal point: amounts are below 10^28 rupiah
#: (the whole national budget is a few thousand triliun, 10^15). Larger numbers, such as
#: ``"1e999999999"``, are refused as out of range before any arithmetic or formatting.
MAX_DIGITS: Final = 28
#: The longest text read as an amount (``Rp 1.000.000.000.000.000,00`` is 27 characters).
MAX_TEXT: Final = 64
_LIMIT: Final = 10**MAX_DIGITS


def _out_of_range(value: object) -> InvalidValue:
    text = str(value)
    return InvalidValue(N_("money.range"), value=text if len(text) <= 40 else text[:40] + "…")


def _to_decimal(value: object) -> Decimal:
    if type(value) is int:  # whole rupiah: only the range to check (the common case)
        if -_LIMIT < value < _LIMIT:
            return Decimal(value)
        raise _out_of_range(value)
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise InvalidValue(N_("money.type"), value=repr(value))
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise _out_of_range(value)
        try:
            result = Decimal(value)
        except InvalidOperation:
            raise InvalidFormat(N_("money.format"), value=value) from None
    else:
        raise InvalidValue(N_("money.type"), value=repr(value))
    if not result.is_finite():
        raise InvalidValue(N_("money.not-finite"), value=str(value))
    if result and (result.adjusted() >= MAX_DIGITS or len(result.as_tuple().digits) > MAX_TEXT):
        raise _out_of_range(value)
    exponent = result.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and result != result.quantize(_SEN):
        raise InvalidValue(N_("money.precision"), value=str(value))
    return result


@attrs.frozen(order=True)
class Rupiah:
    """An exact amount of rupiah. Sen (two decimals) are kept; finer fractions are refused.

    >>> Rupiah(1_000) + Rupiah("500.50") > Rupiah(1_500)
    True
    """

    amount: Decimal = attrs.field(converter=_to_decimal)

    @classmethod
    def zero(cls) -> Rupiah:
        """Rp 0."""
        return _ZERO

    @classmethod
    def _trusted(cls, amount: Decimal) -> Rupiah:
        # the sum or difference of two amounts in sen is an amount in sen: no check needed
        made = object.__new__(cls)
        object.__setattr__(made, "amount", amount)
        return made

    @classmethod
    def parse(
        cls,
        text: str | int | float | Decimal | Rupiah,
        *,
        scale: Scale = Scale.UNIT,
        decimal: str | None = None,
    ) -> Rupiah:
        """Read an amount: ``Rp 1.250.000.000,00``, ``1.250.000.000``, ``1,25 M``,
        ``Rp. 250 juta``, ``Rp 1.000.000,-``, ``-`` (zero), a number from a cell.

        ``scale`` is the unit the column header declares (:meth:`Scale.from_header`); an amount
        that names its own unit (``250 juta``, or ``Rp``/``IDR`` before it: full rupiah) is not
        scaled again.

        One separator followed by exactly three digits (``250,000``, ``1.250``) groups
        thousands in a full-rupiah amount, since sen have two digits: so what
        :meth:`format` writes in every language reads back. In a scaled column
        (``1,250`` juta) or before a unit, the Indonesian convention applies (``,`` marks
        decimals) unless ``decimal`` says which mark the column uses; a table reader decides it
        from the column's other cells (:func:`ppsp.io.sheets.tables.read_table`).

        >>> Rupiah.parse("IDR250,000"), Rupiah.parse("250,000"), Rupiah.parse("1.250")
        (Rupiah('250000'), Rupiah('250000'), Rupiah('1250'))
        >>> Rupiah.parse("1,250", scale=Scale.JUTA), Rupiah.parse("1,250", scale=Scale.JUTA, decimal=".")
        (Rupiah('1250000.00'), Rupiah('1250000000'))
        >>> Rupiah.parse("Rp 1.250.000.000,00", scale=Scale.JUTA)
        Rupiah('1250000000.00')
        """
        if isinstance(text, Rupiah):
            return text
        if isinstance(text, float):
            if text != text or text in (float("inf"), float("-inf")):
                raise InvalidValue(N_("money.not-finite"), value=repr(text))
            return cls._scaled(Decimal(repr(text)), scale, str(text))
        if isinstance(text, int | Decimal) and not isinstance(text, bool):
            return cls._scaled(Decimal(text), scale, str(text))
        if not isinstance(text, str):
            raise InvalidValue(N_("money.type"), value=repr(text))
        if len(text) > MAX_TEXT and len(text.strip()) > MAX_TEXT:
            raise _out_of_range(text.strip())
        plain = _PLAIN.fullmatch(text.strip())
        if plain is not None and scale is not Scale.UNIT and text.strip()[:2] in ("Rp", "rp", "RP"):
            scale = Scale.UNIT  # "Rp 1.250.000.000,00" names its unit: full rupiah
        if plain is not None and decimal is None:
            # the common spelling (1.250.000.000,00, Rp 250.000): read directly
            whole, sen = plain.groups()
            digits = whole.replace(".", "")
            if len(digits) > MAX_DIGITS and digits.lstrip("0")[MAX_DIGITS:]:
                raise _out_of_range(text.strip())
            if scale is Scale.UNIT:  # whole rupiah, or sen in two places at most: exact
                return cls._trusted(Decimal(f"{digits}.{sen}")) if sen else cls(int(digits))
            return cls._scaled(Decimal(f"{digits}.{sen}" if sen else digits), scale, text)
        return cls._parse_text(text, scale, decimal)

    @classmethod
    def _parse_text(cls, text: str, scale: Scale, decimal: str | None) -> Rupiah:
        """Every spelling :meth:`parse` knows (the general path)."""
        raw = text
        body = " ".join(raw.replace("\u00a0", " ").replace("\u202f", " ").lower().split())
        negative = False
        if body.startswith("-") and len(body) > 1 and not body[1:].strip()[:1].isdigit():
            negative, body = True, body[1:].strip()  # "-Rp1.000,00" as babel writes it
        elif body.startswith("(") and body.endswith(")") and not body[1:2].isdigit():
            negative, body = True, body[1:-1].strip()  # "(Rp 2.500)", an accountant's negative
        marked = _CURRENCY.search(body) is not None
        body = _CURRENCY.sub("", body).strip()
        body = re.sub(r"[.,]-$", "", body).strip()  # "1.000.000,-"
        if body in DASHES:
            return cls.zero()
        multiplier: Decimal | None = None
        for pattern, factor in _SUFFIXES:
            found = pattern.search(body)
            if found and found.start() > 0:
                head = body[: found.start()].strip()
                if head and head[-1].isdigit():
                    multiplier, body = factor, head
                    break
        if marked:  # "Rp 1.250.000.000,00" names its unit: full rupiah, whatever the column says
            scale = Scale.UNIT
        if decimal is None and multiplier is None and scale is Scale.UNIT:
            separator = ambiguous_separator(body)
            if separator is not None:  # "250,000", "1.250": sen have two digits, not three
                decimal = "." if separator == "," else ","
        try:
            number = parse_decimal(body, decimal=decimal)
        except InvalidFormat:
            raise InvalidFormat(N_("money.format"), value=raw.strip()) from None
        if negative:
            number = -number
        if multiplier is not None:
            return cls._exact(number * multiplier, raw)
        return cls._scaled(number, scale, raw)

    @classmethod
    def _scaled(cls, number: Decimal, scale: Scale, raw: str) -> Rupiah:
        return cls._exact(number * scale.value if scale is not Scale.UNIT else number, raw)

    @classmethod
    def _exact(cls, number: Decimal, raw: str) -> Rupiah:
        try:
            exact = number == number.quantize(_SEN, rounding=ROUND_HALF_EVEN)
        except InvalidOperation:  # more digits than any budget has
            raise InvalidValue(N_("money.range"), value=raw.strip()) from None
        if not exact:
            raise InvalidValue(N_("money.precision"), value=raw.strip())
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -2:
            number = number.quantize(_SEN)
        return cls(number)

    def __add__(self, other: object) -> Rupiah:
        if isinstance(other, Rupiah):
            return Rupiah._trusted(self.amount + other.amount)
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other: object) -> Rupiah:
        if isinstance(other, Rupiah):
            return Rupiah._trusted(self.amount - other.amount)
        return NotImplemented

    def __neg__(self) -> Rupiah:
        return Rupiah._trusted(-self.amount)

    def __abs__(self) -> Rupiah:
        return Rupiah(abs(self.amount))

    def __mul__(self, factor: object) -> Rupiah:
        """Multiply by a number; the result is rounded to the sen (half to even)."""
        if isinstance(factor, int | Decimal) and not isinstance(factor, bool):
            return Rupiah((self.amount * factor).quantize(_SEN, rounding=ROUND_HALF_EVEN))
        return NotImplemented

    __rmul__ = __mul__

    def ratio(self, other: Rupiah) -> Decimal | None:
        """``self / other`` as a Decimal (``None`` when ``other`` is zero)."""
        return None if other.amount == 0 else self.amount / other.amount

    def __bool__(self) -> bool:
        return self.amount != 0

    def is_zero(self) -> bool:
        """True for Rp 0."""
        return self.amount == 0

    def format(self, lang: str | None = None) -> str:
        """The amount in the language's currency format (babel)."""
        return format_money(self.amount, lang)

    def __ppsp_format__(self, lang: str) -> str:
        return self.format(lang)

    def __str__(self) -> str:
        return format_money(self.amount, "id")

    def __repr__(self) -> str:
        return f"Rupiah('{self.amount}')"

    def to_json(self) -> str:
        """The amount as a plain decimal string (``"1250000000.00"``)."""
        return f"{self.amount:f}"


_ZERO = Rupiah(Decimal(0))


#: How far a stated sum may be from the sum of its parts: rounding to whole rupiah. The one
#: tolerance of every "does this add up" judgement (FIN001, FIN002, FIN005 and the importer's
#: total rows), through :func:`sums_differ`.
SUM_TOLERANCE: Final = Decimal(1)


def sums_differ(stated: Rupiah, computed: Rupiah) -> bool:
    """Whether ``stated`` is not the sum ``computed`` (more than :data:`SUM_TOLERANCE` apart).

    >>> sums_differ(Rupiah.parse("1.000"), Rupiah.parse("999,50")), sums_differ(
    ...     Rupiah.parse("1.000"), Rupiah.parse("998"))
    (False, True)
    """
    return abs(stated.amount - computed.amount) > SUM_TOLERANCE
