"""What every layout shares: the build context and result, the fields most layouts have
(number, code, location, unit, agency, notes, funding), and the helpers of their builders
(funding text, years, enums, periods)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from ppsp.domain import (
    Agency,
    Funding,
    FundingSource,
    PlanPeriod,
    RegionCode,
)
from ppsp.domain import diagnostics as diag
from ppsp.domain.funding import from_sipd_code, from_sipd_name
from ppsp.domain.location import SourceLocation
from ppsp.domain.nomenclature import GovernmentLevel
from ppsp.errors import InvalidValue, PpspError
from ppsp.i18n import N_
from ppsp.io.diagnostics import Diagnostic, Severity
from ppsp.io.sheets.tables import Field, RowRecord, TableRead


@attrs.frozen
class BuildContext:
    """What is known about the document besides its table (from titles or the caller)."""

    region: RegionCode
    year: int | None = None
    period: PlanPeriod | None = None
    agency: Agency | None = None
    title: str | None = None


@attrs.frozen
class Built:
    """A document and what building it noticed."""

    document: Any
    diagnostics: tuple[Diagnostic, ...] = ()


_NO = Field("number", ("no", "nomor", "no urut", "number"), exclude=("kode", "rekening"))


_CODE = Field(
    "code",
    (
        "kode",
        "kode nomenklatur",
        "kode sub kegiatan",
        "kode rekening",
        "kode program",
        "kode kegiatan",
        "code",
        "kode sub giat",
        "kode sub kegiatan dpa",
    ),
    kind="code",
)


_LOCATION = Field("location", ("lokasi", "lokasi kegiatan", "lokasi output kegiatan", "location"))


_UNIT = Field("unit", ("satuan", "unit", "sat"), exclude=("komponen",))


_AGENCY = Field(
    "agency",
    (
        "skpd",
        "opd",
        "pd",
        "penanggung jawab",
        "skpd penanggung jawab",
        "opd penanggung jawab",
        "pd penanggung jawab",
        "perangkat daerah",
        "perangkat daerah penanggung jawab",
        "instansi",
        "instansi pelaksana",
        "dinas",
        "pelaksana",
        "unit organisasi",
        "responsible agency",
        "agency",
        "opd pj",
    ),
    kind="agency",
)


_NOTES = Field("notes", ("keterangan", "ket", "catatan", "catatan penting", "notes", "remarks"))


_FUNDING_TEXT = Field(
    "funding_text",
    (
        "sumber dana",
        "sumber pendanaan",
        "sumber pembiayaan",
        "indikasi sumber pendanaan",
        "funding source",
        "kode sumber dana",
    ),
)


_NAME_EXCLUDE = (
    "kode",
    "indikator",
    "tolok ukur",
    "tolak ukur",
    "target",
    "keluaran",
    "hasil",
    "capaian",
    "pagu",
    "lokasi",
    "prakiraan",
    "satuan",
    "volume",
    "biaya",
    "dana",
    "sumber",
    "penanggung",
    "opd",
    "skpd",
    "awal pelaksanaan",
    "akhir pelaksanaan",
)


def _built(
    cls: Any, table: TableRead, context: BuildContext, diags: list[Diagnostic], **fields: Any
) -> Built:
    """A document of ``cls`` for the region and title of ``context``, sourced at the table's sheet."""
    document = cls(
        region=context.region,
        title=context.title,
        source=SourceLocation(file=table.grid.file, sheet=table.grid.sheet),
        **fields,
    )
    return Built(document, tuple(diags))


def _diag(
    code: str, severity: Severity, key: str, where: SourceLocation | None, **params: Any
) -> Diagnostic:
    return Diagnostic(code, severity, key, params, where)


def _fundings(
    text: str | None,
    where: SourceLocation | None,
    diags: list[Diagnostic],
    year: int | None = None,
    owner: GovernmentLevel = GovernmentLevel.KABUPATEN_KOTA,
) -> tuple[Funding, ...]:
    """Funding entries from a "Sumber Dana" cell: names (``APBD Kab; DAK``, ``DAU, PAD``) or SIPD
    codes, for a budget of ``owner``."""
    if not text:
        return ()
    found, unknown = _parse_funding_text(text, year, owner)
    for label in unknown:
        diags.append(diag.UNKNOWN_FUNDING_SOURCE.at(where, value=label, rule="FIN003"))
    return found


def _named_in_split(split: list[Funding], named: Sequence[Funding]) -> list[Funding]:
    """The sources a "Sumber Dana" cell names beside a row's split by source: one the split
    has an amount column for is that entry (it takes the name as written); the others are
    added, without amount. ``split`` is changed in place."""
    added: list[Funding] = []
    taken: set[int] = set()
    for funding in named:
        index = next(
            (i for i, f in enumerate(split) if f.source is funding.source and i not in taken),
            None,
        )
        if index is None:
            added.append(funding)
        else:
            taken.add(index)
            split[index] = attrs.evolve(split[index], label=funding.label)
    return added


def _owner(context: BuildContext) -> GovernmentLevel:
    """Whose budget the document is: the province's or a kab/kota's."""
    return (
        GovernmentLevel.PROVINSI if context.region.is_province else GovernmentLevel.KABUPATEN_KOTA
    )


#: What separates the sources of one cell.
_FUNDING_SEPARATOR = re.compile(r"(\s*(?:[;,\n+/]|\bdan\b)\s*)", re.I)


def _funding_pieces(text: str) -> list[str]:
    """The source names of a cell: ``DAU, PAD``, ``DAK Fisik-Reguler; DAU``, ``APBD Kab + DAK``,
    ``DAU dan PAD``, ``DAK/DAU``. Separators inside one source's name stay (``Swasta/CSR``,
    ``APBD Kab/Kota``, ``Kerjasama Pemerintah dan Badan Usaha``), and so do a ``/`` or ``dan``
    before words that name no source (``DAK Fisik Bidang Perumahan dan Permukiman``)."""
    tokens = _FUNDING_SEPARATOR.split(text)
    atoms, separators = tokens[0::2], tokens[1::2]

    def joined(i: int, j: int) -> str:
        return "".join(a + s for a, s in zip(atoms[i:j], [*separators[i : j - 1], ""], strict=True))

    pieces: list[tuple[str, str]] = []  # (piece, the separator after it)
    i = 0
    while i < len(atoms):
        # the longest run of atoms (at most six) that is one source's name, else one atom
        j = next(
            (
                j
                for j in range(min(len(atoms), i + 6), i + 1, -1)
                if FundingSource.parse_exact(joined(i, j).strip())
            ),
            i + 1,
        )
        pieces.append((joined(i, j).strip(), separators[j - 1] if j - 1 < len(separators) else ""))
        i = j
    merged: list[tuple[str, str]] = []
    for piece, after in pieces:
        if merged and piece and not _is_source(piece):
            before, separator = merged[-1]
            whole = before + separator + piece
            if separator.strip().lower() in ("/", "dan") and _is_source(whole):
                merged[-1] = (whole, after)
                continue
        merged.append((piece, after))
    return [piece for piece, _ in merged if piece]


@functools.lru_cache(maxsize=4096)
def _parse_funding_text(
    text: str, year: int | None, owner: GovernmentLevel = GovernmentLevel.KABUPATEN_KOTA
) -> tuple[tuple[Funding, ...], tuple[str, ...]]:
    # the same few spellings repeat on every line of a plan: parse each once
    found: list[Funding] = []
    unknown: list[str] = []
    for label in _funding_pieces(text):
        code = re.match(r"^([0-9]+(?:\.[0-9]+)+)\s*(.*)$", label)
        try:
            if code:
                source = from_sipd_code(code.group(1), owner)
                found.append(
                    Funding(
                        source=source,
                        year=year,
                        label=code.group(2) or None,
                        sipd_code=code.group(1),
                    )
                )
                continue
            source = from_sipd_name(label, owner)
        except InvalidValue:
            unknown.append(label)
            source = FundingSource.LAINNYA
        found.append(Funding(source=source, year=year, label=label))
    return tuple(found), tuple(unknown)


def _is_source(text: str) -> bool:
    try:
        FundingSource.parse(text)
    except InvalidValue:
        return False
    return True


def _resolve_years(
    values: dict[Any, Any],
    period: PlanPeriod | None,
    record: RowRecord,
    field: str,
    diags: list[Diagnostic],
) -> dict[int, Any]:
    resolved: dict[int, Any] = {}
    for key, value in values.items():
        year = key
        if isinstance(key, int) and key < 100:
            if period is None:
                diags.append(
                    diag.YEAR_UNKNOWN.at(record.locations.get(f"{field}.{key}"), label=key)
                )
                continue
            year = period.start + key - 1
        if period is not None and year not in period:
            diags.append(
                diag.YEAR_OUTSIDE_PERIOD.at(
                    record.locations.get(f"{field}.{key}"), year=year, period=str(period)
                )
            )
            continue
        resolved[year] = value
    return resolved


def _enum(
    parse: Callable[[str], Any],
    text: Any,
    record: RowRecord,
    field: str,
    diags: list[Diagnostic],
    extras: dict[str, Any],
) -> Any:
    if text is None:
        return None
    try:
        return parse(str(text))
    except InvalidValue:
        where = record.locations.get(field)
        diags.append(diag.UNKNOWN_VALUE.at(where, value=str(text), field=field))
        extras[(where.header if where and where.header else field)] = str(text)
        return None


def _period_of(
    table: TableRead, context: BuildContext, field: str | None = None
) -> PlanPeriod | None:
    """The period the caller gave, else the span of the table's year columns (of ``field``, or of
    any year group)."""
    if context.period is not None:
        return context.period
    years = sorted(
        {
            c.key
            for c in table.columns
            if c.field is not None
            and c.field.group == "year"
            and (field is None or c.field.name == field)
            and isinstance(c.key, int)
            and c.key > 1900
        }
    )
    return PlanPeriod(years[0], years[-1]) if years else None


def _period_required(table: TableRead, context: BuildContext) -> PlanPeriod:
    period = _period_of(table, context)
    if period is not None:
        return period
    raise InvalidValue(
        N_("import.period-missing"), file=table.grid.file, sheet=table.grid.sheet or ""
    )


def _number_text(value: Any, decimal: str | None) -> str:
    """A cell kept as text: a number as ppsp writes one (``78,5`` as ``78.5``), anything else
    as it reads."""
    from ppsp.domain.numeric import parse_decimal

    text = str(value)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        try:
            number = parse_decimal(text, decimal=decimal or ",")
        except PpspError:
            return text
    return f"{number.normalize():f}"
