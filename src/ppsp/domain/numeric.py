"""Numbers as Indonesian spreadsheets write them: ``1.250.000,00``, ``1,25``, ``(1.000)``, ``-``.

Indonesian conventions come first: ``.`` groups thousands and ``,`` marks decimals. Text that
can only be English (``1,250,000.50``) is read as English; a lone ``1.250`` is 1250 and a lone
``1,25`` is 1.25. Pass ``decimal=","`` or ``decimal="."`` when a file says otherwise.

>>> parse_decimal("1.250.000.000,00"), parse_decimal("1,25"), parse_decimal("1,250,000.5")
(Decimal('1250000000.00'), Decimal('1.25'), Decimal('1250000.5'))
>>> parse_decimal("(1.000)"), parse_decimal("12.5"), parse_decimal("1.250")
(Decimal('-1000'), Decimal('12.5'), Decimal('1250'))
>>> parse_percent("90,5 %")
Decimal('90.5')
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Final

from ppsp.errors import InvalidFormat
from ppsp.i18n import N_

__all__ = [
    "DASHES",
    "ambiguous_separator",
    "parse_decimal",
    "parse_percent",
    "to_decimal",
    "to_opt_decimal",
]

#: Cells that mean zero in Indonesian tables.
DASHES: Final = frozenset({"-", "–", "—", "−", "--"})
_SPACES = re.compile(r"[\s\u00a0\u202f']+")
_GROUPED_DOT = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")
_GROUPED_COMMA = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+$")


def _split_sign(text: str) -> tuple[bool, str]:
    if text.startswith("(") and text.endswith(")"):
        return True, text[1:-1].strip()
    if text[:1] in ("-", "−", "–"):
        return True, text[1:].strip()
    if text.startswith("+"):
        return False, text[1:].strip()
    if text.endswith("-") and len(text) > 1 and text[-2].isdigit():
        return True, text[:-1]
    return False, text


_AMBIGUOUS = re.compile(r"[(\-\u2212\u2013+]?[1-9][0-9]{0,2}([.,])[0-9]{3}[)\-]?")


def ambiguous_separator(text: str) -> str | None:
    """The separator of a number that reads two ways, ``.`` or ``,``: one separator followed by
    exactly three digits (``250,000`` is 250000 in English and 250 in Indonesian; ``1.250`` is
    1250 or 1.25). ``None`` for every other text.

    >>> ambiguous_separator("250,000"), ambiguous_separator("(1.250)"), ambiguous_separator("1.250,5")
    (',', '.', None)
    """
    found = _AMBIGUOUS.fullmatch(_SPACES.sub("", str(text)))
    return found.group(1) if found is not None else None


def parse_decimal(text: str, *, decimal: str | None = None) -> Decimal:
    """Read a number; raises :class:`~ppsp.errors.InvalidFormat` naming the text."""
    raw = str(text)
    body = _SPACES.sub("", raw)
    negative, body = _split_sign(body)
    body = _SPACES.sub("", body)
    if not body or not re.fullmatch(r"[0-9.,]*[0-9][0-9.,]*", body):
        raise InvalidFormat(N_("number.format"), value=raw.strip())
    dots, commas = body.count("."), body.count(",")
    if decimal == ",":
        integer, _, fraction = body.replace(".", "").partition(",")
        grouped_ok = "," not in fraction
    elif decimal == ".":
        integer, _, fraction = body.replace(",", "").partition(".")
        grouped_ok = "." not in fraction
    elif dots and commas:
        mark = "," if body.rfind(",") > body.rfind(".") else "."
        group = "." if mark == "," else ","
        integer, _, fraction = body.partition(mark) if body.count(mark) == 1 else ("", "", "")
        grouped_ok = bool(integer) and (
            integer.count(group) == 0
            or bool((_GROUPED_DOT if group == "." else _GROUPED_COMMA).match(integer))
        )
        integer = integer.replace(group, "")
    elif dots:
        if dots > 1 or (len(body.split(".")[1]) == 3 and body.split(".")[0] not in ("", "0")):
            grouped_ok = bool(_GROUPED_DOT.match(body))
            integer, fraction = body.replace(".", ""), ""
        else:
            integer, _, fraction = body.partition(".")
            grouped_ok = True
    elif commas:
        if commas > 1:
            grouped_ok = bool(_GROUPED_COMMA.match(body))
            integer, fraction = body.replace(",", ""), ""
        else:
            integer, _, fraction = body.partition(",")
            grouped_ok = True
    else:
        integer, fraction, grouped_ok = body, "", True
    if not grouped_ok or not (integer or fraction) or not (integer + fraction).isdigit():
        raise InvalidFormat(N_("number.format"), value=raw.strip())
    try:
        value = Decimal(f"{integer or '0'}.{fraction}" if fraction else integer)
    except InvalidOperation:  # pragma: no cover - guarded by the checks above
        raise InvalidFormat(N_("number.format"), value=raw.strip()) from None
    return -value if negative else value


def parse_percent(text: str | int | float | Decimal) -> Decimal:
    """A percentage from ``"90,5 %"``, ``"90.5"`` or a number (``0.905`` stays 0.905)."""
    if isinstance(text, Decimal):
        return text
    if isinstance(text, int | float):
        return Decimal(str(text))
    body = str(text).strip().rstrip("%").strip()
    if body in DASHES:
        return Decimal(0)
    return parse_decimal(body)


def to_decimal(value: object) -> Decimal:
    """attrs converter: a ``Decimal`` from a Decimal, int, float or text (Indonesian or plain).

    >>> to_decimal("90,5"), to_decimal(15), to_decimal(0.1)
    (Decimal('90.5'), Decimal('15'), Decimal('0.1'))
    """
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise InvalidFormat(N_("number.format"), value=repr(value))
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            result = parse_decimal(value)
    else:
        raise InvalidFormat(N_("number.format"), value=repr(value))
    if not result.is_finite():
        raise InvalidFormat(N_("number.format"), value=str(value))
    return result


def to_opt_decimal(value: object) -> Decimal | None:
    """attrs converter: like :func:`to_decimal`, keeping ``None``."""
    return None if value is None else to_decimal(value)
