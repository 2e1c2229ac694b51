"""The columns of ppsp's clean spreadsheets: a :class:`Column` is one header pair (Indonesian,
English) with how its value is got from a line and set back on re-import; a :class:`Table` is one
sheet of a document. The helpers here make the common kinds of column (text, money, numbers,
codes, agencies, enums, a year's amount, funding); each layout module builds the tables of its
kinds with them (the ``*_tables`` functions of ``ppsp.io.sheets.layouts``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from ppsp.domain import (
    AccessMeasure,
    Agency,
    DocumentKind,
    Funding,
    FundingSource,
    PlanPeriod,
    Subsector,
    YearAmount,
)
from ppsp.domain.labels import LabelledEnum
from ppsp.domain.nomenclature import GovernmentLevel
from ppsp.errors import InvalidValue
from ppsp.i18n import N_
from ppsp.io.sheets import cells


@attrs.frozen
class Column:
    """A visible column: its headers, how a line gives the cell, how an edited cell changes it."""

    header: str
    english: str
    get: Callable[[Any], Any]
    set: Callable[[Any, Any], Any] | None = None
    kind: str = "text"


@attrs.frozen
class Table:
    """One sheet of a document: which list of the document it shows, with which columns."""

    attribute: str
    sheet: str
    english: str
    columns: tuple[Column, ...]
    #: an empty line, for rows a person added (``None``: rows cannot be added here)
    new: Callable[[], Any] | None = None


# --- column helpers -------------------------------------------------------------------------


def text_column(attr: str, header: str, english: str) -> Column:
    return Column(
        header,
        english,
        lambda line: getattr(line, attr),
        lambda line, v: attrs.evolve(line, **{attr: cells.to_text(v)}),
    )


def money_column(attr: str, header: str, english: str) -> Column:
    def get(line: Any) -> Any:
        value = getattr(line, attr)
        return value.amount if value is not None else None

    return Column(
        header,
        english,
        get,
        lambda line, v: attrs.evolve(line, **{attr: cells.to_money(v)}),
        "money",
    )


def number_column(attr: str, header: str, english: str) -> Column:
    return Column(
        header,
        english,
        lambda line: getattr(line, attr),
        lambda line, v: attrs.evolve(line, **{attr: cells.to_decimal(v)}),
        "number",
    )


def code_column(attr: str = "code") -> Column:
    def set_code(line: Any, value: Any) -> Any:
        code, _ = cells.to_code(value)
        return attrs.evolve(line, **{attr: code})

    return Column(
        "Kode",
        "Code",
        lambda line: str(getattr(line, attr)) if getattr(line, attr) else None,
        set_code,
    )


def agency_column(
    attr: str = "agency", header: str = "Perangkat Daerah", english: str = "Agency"
) -> Column:
    def get(line: Any) -> Any:
        agency = getattr(line, attr)
        return agency.name if agency is not None else None

    def set_agency(line: Any, value: Any) -> Any:
        text = cells.to_text(value)
        old = getattr(line, attr)
        return attrs.evolve(
            line,
            **{
                attr: Agency(text, code=old.code if old and old.name == text else None)
                if text
                else None
            },
        )

    return Column(header, english, get, set_agency)


def enum_column(
    attr: str, header: str, english: str, parse: Callable[[str], LabelledEnum]
) -> Column:
    def get(line: Any) -> Any:
        member = getattr(line, attr)
        return member.label("id") if member is not None else None

    def set_enum(line: Any, value: Any) -> Any:
        text = cells.to_text(value)
        try:
            return attrs.evolve(line, **{attr: parse(text) if text else None})
        except InvalidValue:
            raise cells.CellProblem(
                "unknown-value", N_("diagnostic.unknown-value"), value=text, field=attr
            ) from None

    return Column(header, english, get, set_enum)


def year_money_column(attr: str, year: int, header: str, english: str) -> Column:
    def get(line: Any) -> Any:
        found = [entry.amount.amount for entry in getattr(line, attr) if entry.year == year]
        return sum(found, Decimal(0)) if found else None

    def set_year(line: Any, value: Any) -> Any:
        amount = cells.to_money(value)
        kept = tuple(e for e in getattr(line, attr) if e.year != year)
        added = (YearAmount(year=year, amount=amount),) if amount is not None else ()
        return attrs.evolve(line, **{attr: tuple(sorted(kept + added, key=lambda e: e.year))})

    return Column(f"{header} {year}", f"{english} {year}", get, set_year, "money")


def _funding_text(line: Any) -> str | None:
    """The sources a line names: each once, a source with a zero amount left out (its amount
    column shows the zero)."""
    names: list[str] = []
    for funding in line.funding:
        if funding.amount is not None and funding.amount.is_zero():
            continue
        name = funding.label or funding.source.label("id")
        if name not in names:
            names.append(name)
    return "; ".join(names) or None


def _funding_column(owner: GovernmentLevel) -> Column:
    """The "Sumber Dana" cell: the names of the sources, read back through the SIPD funding
    vocabulary (``DAU`` is the owner's APBD); a source a name no longer names is dropped, one
    still named keeps its amounts; a name no alias knows is refused at its cell."""

    def set_funding(line: Any, value: Any) -> Any:
        from ppsp.io.sheets.layouts.base import _parse_funding_text

        text = cells.to_text(value)
        found, unknown = _parse_funding_text(text, None, owner) if text else ((), ())
        if unknown:
            raise cells.CellProblem(
                "unknown-funding-source",
                N_("diagnostic.unknown-funding-name"),
                value=unknown[0],
                expected=[source.label("id") for source in FundingSource],
            )
        typed: dict[FundingSource, list[str | None]] = {}
        for funding in found:
            typed.setdefault(funding.source, []).append(funding.label)
        kept: list[Funding] = []
        for funding in found:
            old = [f for f in line.funding if f.source is funding.source]
            if not old:
                kept.append(funding)
            elif funding.label == typed[funding.source][0]:  # the first name of the source
                labels = typed[funding.source]
                kept.extend(
                    f if f.label in labels else attrs.evolve(f, label=funding.label) for f in old
                )
            elif funding.label not in {f.label for f in kept if f.source is funding.source}:
                kept.append(funding)  # "DAU; PAD": a second name of one source, no amount yet
        # a zero amount is not named in the cell (its amount column shows it): it stays
        zeros = [
            f
            for f in line.funding
            if f.source not in typed and f.amount is not None and f.amount.is_zero()
        ]
        return attrs.evolve(line, funding=tuple(kept + zeros))

    return Column("Sumber Dana", "Funding source", _funding_text, set_funding)


#: how a funding amount column is headed: ``Dana APBD kabupaten/kota`` (a year after it when
#: the split is per year); a table layout reads the same header as that source's amounts
FUNDING_PREFIX: Final = ("Dana", "Funds:")


def _funding_keys(
    lines: Sequence[Any], every_source: bool = False
) -> list[tuple[FundingSource, int | None]]:
    """The (source, year) pairs with money on some line: one amount column each (and, with
    ``every_source``, one for each source without a year)."""
    keys = {
        (f.source, f.year)
        for line in lines
        for f in line.funding
        if f.amount is not None and not f.amount.is_zero()
    }
    if every_source:
        keys |= {(source, None) for source in FundingSource}
    order = {source: i for i, source in enumerate(FundingSource)}
    return sorted(keys, key=lambda key: (order[key[0]], key[1] or 0))


def _funding_amount(source: FundingSource, year: int | None) -> Column:
    """One source's amount (of one year, when the split is per year) on a line."""
    suffix = f" {year}" if year is not None else ""

    def mine(funding: Funding) -> bool:
        return funding.source is source and funding.year == year

    def get(line: Any) -> Any:
        found = [f.amount.amount for f in line.funding if mine(f) and f.amount is not None]
        return sum(found, Decimal(0)) if found else None

    def set_amount(line: Any, value: Any) -> Any:
        amount = cells.to_money(value)
        funding = list(line.funding)
        places = [i for i, f in enumerate(funding) if mine(f)]
        if amount is None:  # a blank cell: the source pays nothing here
            return attrs.evolve(line, funding=tuple(f for f in funding if not mine(f)))
        if not places:
            funding.append(Funding(source=source, amount=amount, year=year))
        else:  # the new amount in the first entry of the source; the others are merged in it
            funding[places[0]] = attrs.evolve(funding[places[0]], amount=amount)
            funding = [f for i, f in enumerate(funding) if i not in places[1:]]
        return attrs.evolve(line, funding=tuple(funding))

    return Column(
        f"{FUNDING_PREFIX[0]} {source.label('id')}{suffix}",
        f"{FUNDING_PREFIX[1]} {source.label('en')}{suffix}",
        get,
        set_amount,
        "money",
    )


def funding_columns(document: Any, attribute: str, every_source: bool = False) -> list[Column]:
    """The "Sumber Dana" names and one amount column per source that has any money."""
    owner = (
        GovernmentLevel.PROVINSI
        if getattr(document.region, "is_province", False)
        else GovernmentLevel.KABUPATEN_KOTA
    )
    keys = _funding_keys(getattr(document, attribute), every_source)
    return [_funding_column(owner), *(_funding_amount(source, year) for source, year in keys)]


def planning(line: Any) -> str | None:
    return "; ".join(kind.value.upper() for kind in line.planning_documents) or None


def set_planning(line: Any, value: Any) -> Any:
    text = cells.to_text(value) or ""
    kinds = tuple(DocumentKind.parse(p.strip()) for p in text.split(";") if p.strip())
    return attrs.evolve(line, planning_documents=kinds)


def _years(document: Any, attribute: str, field: str) -> list[int]:
    period: PlanPeriod | None = getattr(document, "period", None)
    if period is not None:
        return list(period.years)
    return sorted(
        {entry.year for line in getattr(document, attribute) for entry in getattr(line, field)}
    )


def _set_required_number(attr: str) -> Callable[[Any, Any], Any]:
    def set_number(line: Any, value: Any) -> Any:
        number = cells.to_decimal(value)
        if number is None:
            raise cells.CellProblem(
                "wrong-type", N_("diagnostic.wrong-type"), value="", expected="number"
            )
        return attrs.evolve(line, **{attr: number})

    return set_number


def _set_measure(line: Any, value: Any) -> Any:
    text = (cells.to_text(value) or "").strip().lower()
    try:
        return attrs.evolve(line, measure=AccessMeasure(text) if text else None)
    except ValueError:
        raise cells.CellProblem(
            "unknown-value", N_("diagnostic.unknown-value"), value=text, field="measure"
        ) from None


def target_columns() -> tuple[Column, ...]:
    """The SSK's targets: an indicator's value in a year, per subsector."""
    return (
        Column(
            "Tahun",
            "Year",
            lambda t: t.year,
            lambda t, v: attrs.evolve(t, year=cells.to_int(v) or t.year),
        ),
        enum_column("subsector", "Subsektor", "Subsector", Subsector.parse),
        text_column("indicator", "Indikator", "Indicator"),
        Column("Nilai", "Value", lambda t: t.value, _set_required_number("value"), "number"),
        text_column("unit", "Satuan", "Unit"),
        Column(
            "Ukuran Akses",
            "Access measure",
            lambda t: t.measure.value if t.measure is not None else None,
            _set_measure,
        ),
    )
