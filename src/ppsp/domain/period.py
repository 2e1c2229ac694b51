"""Time: fiscal years (tahun anggaran = the calendar year) and multi-year plan periods.

>>> FiscalYear.parse("TA 2025"), FiscalYear.parse("Tahun Anggaran 2025").start.isoformat()
(FiscalYear(2025), '2025-01-01')
>>> period = PlanPeriod.parse("2024 s.d. 2028")
>>> str(period), period.years
('2024-2028', (2024, 2025, 2026, 2027, 2028))

Plan matrices count their columns from the start of the period:

>>> period.resolve_year("Tahun ke-3"), period.resolve_year("T5"), period.resolve_year("Tahun III")
(2026, 2028, 2026)
>>> period.index_of(2026)
3
"""

from __future__ import annotations

import re
from typing import Final

import attrs
import pendulum

from ppsp.errors import InvalidComponent, InvalidFormat, InvalidValue
from ppsp.i18n import N_

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "FiscalYear",
    "PlanPeriod",
    "parse_date",
    "parse_roman",
    "parse_time",
]

#: The range of years ``ppsp`` accepts (the Republic's budgets to the end of the century).
MIN_YEAR: Final = 1945
MAX_YEAR: Final = 2100

_ROMAN: Final = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def parse_roman(text: str) -> int:
    """The value of a Roman numeral (``VII`` -> 7); raises for anything else.

    >>> parse_roman("VII"), parse_roman("xiv")
    (7, 14)
    """
    s = text.strip().lower()
    if not s or any(ch not in _ROMAN for ch in s):
        raise InvalidFormat(N_("number.roman"), value=text)
    total = 0
    for index, ch in enumerate(s):
        value = _ROMAN[ch]
        if index + 1 < len(s) and _ROMAN[s[index + 1]] > value:
            total -= value
        else:
            total += value
    if _to_roman(total) != s:
        raise InvalidFormat(N_("number.roman"), value=text)
    return total


def _to_roman(number: int) -> str:
    out = ""
    for value, letters in (
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while number >= value:
            out += letters
            number -= value
    return out


def _check_year(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue(N_("year.type"), value=repr(value))
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise InvalidComponent(N_("year.range"), value=value, low=MIN_YEAR, high=MAX_YEAR)


_YEAR_IN_TEXT = re.compile(r"(?<![0-9])(19[4-9][0-9]|20[0-9][0-9]|2100)(?![0-9])")


@attrs.frozen(order=True)
class FiscalYear:
    """A fiscal year (tahun anggaran), which in Indonesia is the calendar year."""

    year: int = attrs.field(validator=_check_year)

    @classmethod
    def parse(cls, text: str | int | FiscalYear) -> FiscalYear:
        """Read ``2025``, ``"TA 2025"``, ``"T.A. 2025"``, ``"Tahun Anggaran 2025"``, ``"FY2025"``."""
        if isinstance(text, FiscalYear):
            return text
        if isinstance(text, int) and not isinstance(text, bool):
            return cls(text)
        raw = str(text).strip()
        cleaned = re.sub(r"(?i)^(tahun\s+anggaran|t\.?\s*a\.?|tahun|th\.?|fy)\s*", "", raw)
        if re.fullmatch(r"[0-9]{4}(\.0+)?", cleaned):
            return cls(int(cleaned.split(".")[0]))
        raise InvalidFormat(N_("year.format"), value=raw)

    @property
    def start(self) -> pendulum.Date:
        """1 January."""
        return pendulum.Date(self.year, 1, 1)

    @property
    def end(self) -> pendulum.Date:
        """31 December."""
        return pendulum.Date(self.year, 12, 31)

    def __int__(self) -> int:
        return self.year

    def __str__(self) -> str:
        return str(self.year)

    def __repr__(self) -> str:
        return f"FiscalYear({self.year})"

    def __ppsp_format__(self, lang: str) -> str:
        return str(self.year)


_PERIOD = re.compile(
    r"^\s*(?:periode\s+|tahun\s+)?([0-9]{4})\s*(?:-|–|—|/|s\.?\s*/?\s*d\.?|sd|sampai(?:\s+dengan)?|to)\s*"
    r"([0-9]{2,4})\s*$",
    re.I,
)
_YEAR_LABEL = re.compile(
    r"^\s*(?:tahun|thn|th|t|year|y)\s*\.?\s*(?:ke\s*-?\s*)?([0-9]{1,2}|[ivx]+)\s*$", re.I
)


@attrs.frozen(order=True)
class PlanPeriod:
    """A multi-year plan period, both ends included (SSK and RPJMD: five years, e.g. 2024-2028).

    Periods of one to ten years are accepted: transition plans (RPD 2024-2026) are shorter than
    five years. Whether a document's period has the length its kind requires is a rule's question.
    """

    start: int = attrs.field(validator=_check_year)
    end: int = attrs.field(validator=_check_year)

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.end - self.start <= 9:
            raise InvalidComponent(N_("period.range"), start=self.start, end=self.end)

    @classmethod
    def of(cls, start: int, years: int = 5) -> PlanPeriod:
        """The period of ``years`` years from ``start``."""
        return cls(start, start + years - 1)

    @classmethod
    def parse(cls, text: str | PlanPeriod) -> PlanPeriod:
        """Read ``2024-2028``, ``2024 – 2028``, ``2024 s.d. 2028``, ``2024 s/d 2028``, ``2024-28``."""
        if isinstance(text, PlanPeriod):
            return text
        raw = str(text)
        match = _PERIOD.match(raw)
        if not match:
            raise InvalidFormat(N_("period.format"), value=raw.strip())
        start, end_text = int(match.group(1)), match.group(2)
        if len(end_text) == 2:
            end = start // 100 * 100 + int(end_text)
        elif len(end_text) == 4:
            end = int(end_text)
        else:
            raise InvalidFormat(N_("period.format"), value=raw.strip())
        return cls(start, end)

    @classmethod
    def find_in(cls, text: str) -> PlanPeriod | None:
        """The first period written in a longer text (a title row), or ``None``.

        >>> PlanPeriod.find_in("MATRIKS PROGRAM SSK KABUPATEN GUNUNG MAS TAHUN 2024-2028")
        PlanPeriod(start=2024, end=2028)
        """
        for match in re.finditer(
            r"([0-9]{4})\s*(?:-|–|—|/|s\.?\s*/?\s*d\.?|sampai)\s*([0-9]{4})", text, re.I
        ):
            try:
                return cls(int(match.group(1)), int(match.group(2)))
            except InvalidValue:
                continue
        return None

    @property
    def years(self) -> tuple[int, ...]:
        """Every year of the period."""
        return tuple(range(self.start, self.end + 1))

    @property
    def length(self) -> int:
        """Number of years."""
        return self.end - self.start + 1

    def __contains__(self, year: object) -> bool:
        if isinstance(year, FiscalYear):
            year = year.year
        return isinstance(year, int) and self.start <= year <= self.end

    def index_of(self, year: int | FiscalYear) -> int:
        """1-based position of ``year`` in the period ("tahun ke-N")."""
        value = year.year if isinstance(year, FiscalYear) else year
        if value not in self:
            raise InvalidComponent(N_("period.year-outside"), year=value, period=str(self))
        return value - self.start + 1

    def resolve_year(self, label: str | int) -> int:
        """The calendar year a column label designates within this period.

        Accepts a year (``2026``), ``Tahun ke-3``, ``Tahun 3``, ``T3``, ``Th. 3``, ``Tahun III``,
        ``Year 3``.
        """
        if isinstance(label, int) and not isinstance(label, bool):
            year = label if label > 31 else self.start + label - 1
        else:
            raw = str(label)
            match = _YEAR_LABEL.match(raw)
            found = _YEAR_IN_TEXT.fullmatch(raw.strip())
            if found:
                year = int(found.group(1))
            elif match:
                number = match.group(1)
                index = int(number) if number.isdigit() else parse_roman(number)
                year = self.start + index - 1
            else:
                raise InvalidFormat(N_("period.year-label"), value=raw.strip(), period=str(self))
        if year not in self:
            raise InvalidComponent(N_("period.year-outside"), year=year, period=str(self))
        return year

    @property
    def start_date(self) -> pendulum.Date:
        """1 January of the first year."""
        return pendulum.Date(self.start, 1, 1)

    @property
    def end_date(self) -> pendulum.Date:
        """31 December of the last year."""
        return pendulum.Date(self.end, 12, 31)

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"

    def __ppsp_format__(self, lang: str) -> str:
        return str(self)


_MONTHS: Final = {
    **{
        m: i
        for i, m in enumerate(
            [
                "januari",
                "februari",
                "maret",
                "april",
                "mei",
                "juni",
                "juli",
                "agustus",
                "september",
                "oktober",
                "november",
                "desember",
            ],
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ],
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            ["jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"],
            start=1,
        )
    },
    "agt": 8,
    "ags": 8,
    "aug": 8,
    "oct": 10,
    "dec": 12,
    "may": 5,
    "sept": 9,
    "nop": 11,
    "pebruari": 2,
}


def parse_date(value: object) -> pendulum.Date:
    """A date from ISO text, ``23/6/2023``, ``23-06-2023``, ``23 Juni 2023``, ``23 Jun 2023`` or a
    ``datetime.date``.

    >>> parse_date("23/6/2023"), parse_date("23 Juni 2023"), parse_date("2023-06-23")
    (Date(2023, 6, 23), Date(2023, 6, 23), Date(2023, 6, 23))
    """
    import datetime as dt

    if isinstance(value, pendulum.Date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return pendulum.Date(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return pendulum.Date(value.year, value.month, value.day)
    raw = str(value).strip()
    text = raw.lower().replace(",", " ")
    parts: tuple[int, int, int] | None = None
    if m := re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[t ].*)?", text):
        parts = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    elif m := re.fullmatch(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})", text):
        parts = (int(m.group(3)), int(m.group(2)), int(m.group(1)))
    elif m := re.fullmatch(r"(?:[a-z]+\s+)?([0-9]{1,2})\s+([a-z]+)\.?\s+([0-9]{4})", text):
        month = _MONTHS.get(m.group(2))
        if month is not None:
            parts = (int(m.group(3)), month, int(m.group(1)))
    if parts is None:
        raise InvalidFormat(N_("date.format"), value=raw)
    if not MIN_YEAR <= parts[0] <= MAX_YEAR:
        raise InvalidComponent(N_("year.range"), value=parts[0], low=MIN_YEAR, high=MAX_YEAR)
    try:
        return pendulum.Date(*parts)
    except ValueError:
        raise InvalidComponent(N_("date.invalid"), value=raw) from None


def parse_time(value: object) -> pendulum.Time:
    """A time of day from ``09:00``, ``9.30``, ``09:00:00`` or a ``datetime.time``.

    >>> parse_time("9.30")
    Time(9, 30, 0)
    """
    import datetime as dt

    if isinstance(value, dt.time):
        return pendulum.Time(value.hour, value.minute, value.second)
    raw = str(value).strip()
    m = re.fullmatch(
        r"([0-9]{1,2})[:.]([0-9]{2})(?:[:.]([0-9]{2}))?(?:\s*(wib|wita|wit))?", raw.lower()
    )
    if not m:
        raise InvalidFormat(N_("time.format"), value=raw)
    try:
        return pendulum.Time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
    except ValueError:
        raise InvalidComponent(N_("time.format"), value=raw) from None
