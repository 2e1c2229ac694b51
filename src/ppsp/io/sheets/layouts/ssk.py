"""The SSK layouts: the activity matrix (``SSK_MATRIX``) and the targets table
(``SSK_TARGETS``), each with its builder."""

from __future__ import annotations

import re

from ppsp.domain import (
    AccessMeasure,
    Commitment,
    DocumentKind,
    Funding,
    MemorandumProgram,
    PolicyDirection,
    SSKActivity,
    StrategiSanitasi,
    Subsector,
    Target,
    YearAmount,
)
from ppsp.domain import diagnostics as diag
from ppsp.domain.labels import normalise_text
from ppsp.errors import InvalidValue
from ppsp.i18n import N_
from ppsp.io.diagnostics import Diagnostic
from ppsp.io.sheets.columns import (
    Column,
    Table,
    agency_column,
    code_column,
    enum_column,
    funding_columns,
    money_column,
    number_column,
    planning,
    set_planning,
    target_columns,
    text_column,
    year_money_column,
)
from ppsp.io.sheets.layouts.base import (
    _AGENCY,
    _CODE,
    _FUNDING_TEXT,
    _LOCATION,
    _NAME_EXCLUDE,
    _NO,
    _NOTES,
    _UNIT,
    BuildContext,
    Built,
    _built,
    _enum,
    _fundings,
    _named_in_split,
    _number_text,
    _owner,
    _period_of,
    _resolve_years,
)
from ppsp.io.sheets.tables import Field, Layout, TableRead

SSK_MATRIX = Layout(
    "ssk-matrix",
    DocumentKind.SSK.value,
    (
        _NO,
        Field("subsector", ("subsektor", "sub sektor", "subsector", "sektor")),
        Field("policy_direction", ("arah kebijakan", "policy direction")),
        Field("program", ("program", "programme"), exclude=("kegiatan", "kode", "activity")),
        Field(
            "name",
            (
                "kegiatan",
                "nama kegiatan",
                "uraian kegiatan",
                "program kegiatan",
                "program dan kegiatan",
                "rencana kegiatan",
                "activity",
                "uraian",
                "activities",
            ),
            exclude=_NAME_EXCLUDE,
        ),
        _CODE,
        _LOCATION,
        Field("volume", ("volume", "vol", "jumlah volume"), kind="decimal", exclude=("satuan",)),
        _UNIT,
        Field(
            "costs",
            (
                "indikasi biaya",
                "biaya",
                "indikasi pendanaan",
                "kebutuhan biaya",
                "kebutuhan pendanaan",
                "indikasi anggaran",
                "anggaran",
                "cost",
                "indicative cost",
                "pagu indikatif",
            ),
            kind="money",
            group="year",
            exclude=("total", "jumlah", "sumber"),
            bare_years=True,
        ),
        Field(
            "total",
            (
                "total",
                "jumlah",
                "total biaya",
                "jumlah biaya",
                "total cost",
                "total indikasi biaya",
            ),
            kind="money",
            exclude=("volume", "sumber"),
        ),
        Field(
            "funding",
            (
                "sumber pendanaan",
                "sumber dana",
                "indikasi sumber pendanaan",
                "sumber pembiayaan",
                "funding",
                "pendanaan",
                "funding source",
            ),
            kind="money",
            group="source",
        ),
        _FUNDING_TEXT,
        _AGENCY,
        Field(
            "planning_documents",
            ("dokumen perencanaan", "dokumen rujukan", "rujukan dokumen", "planning document"),
        ),
        _NOTES,
    ),
    title_words=(
        "ssk",
        "strategi sanitasi",
        "matriks program",
        "program dan kegiatan sanitasi",
        "indikasi program",
        "sanitasi",
    ),
    sections=True,
    evidence=("costs", "total", "funding"),
)


SSK_TARGETS = Layout(
    "ssk-targets",
    DocumentKind.SSK.value,
    (
        _NO,
        Field(
            "indicator",
            ("indikator", "indikator kinerja", "indikator sasaran", "sasaran", "indicator"),
            required=True,
            exclude=("tahun", "target"),
        ),
        _UNIT,
        Field("subsector", ("subsektor", "sub sektor", "subsector", "sektor")),
        Field("baseline", ("kondisi awal", "baseline", "capaian awal", "kondisi eksisting")),
        Field(
            "targets",
            ("target", "target tahun", "target capaian", "target kinerja"),
            kind="decimal",
            group="year",
            bare_years=True,
            exclude=("awal", "akhir"),
        ),
    ),
    title_words=("target ssk", "target akses", "target capaian", "sasaran ssk", "target sanitasi"),
    identity=("indicator",),
    evidence=("targets",),
)


def _build_ssk(table: TableRead, context: BuildContext) -> Built:
    diags: list[Diagnostic] = []
    period = _period_of(table, context, "costs")
    if period is None:
        raise InvalidValue(
            N_("import.period-missing"), file=table.grid.file, sheet=table.grid.sheet or ""
        )
    activities = []
    for record in table.rows:
        v = dict(record.values)
        extras = dict(record.extras)
        name = v.get("name") or v.get("_code_name")
        if not name:
            diags.append(diag.MISSING_NAME.at(record.source))
            name = ""
        subsector = (
            _enum(Subsector.parse, v.get("subsector"), record, "subsector", diags, extras)
            if v.get("subsector")
            else record.section.subsector
        )
        direction = (
            _enum(
                PolicyDirection.parse,
                v.get("policy_direction"),
                record,
                "policy_direction",
                diags,
                extras,
            )
            if v.get("policy_direction")
            else record.section.policy_direction
        )
        costs = _resolve_years(v.get("costs", {}), period, record, "costs", diags)
        # the split by source: one column each ("APBD Kab", "DAU"), the header kept as the label
        funding = [
            Funding(source=column.source, amount=amount, label=column.label)
            for column, amount in v.get("funding", {}).items()
        ]
        named = _fundings(
            v.get("funding_text"),
            record.locations.get("funding_text"),
            diags,
            owner=_owner(context),
        )
        funding.extend(_named_in_split(funding, named))
        planning = []
        for piece in re.split(r"[;,/]", v.get("planning_documents") or ""):
            if piece.strip():
                kind = _enum(
                    DocumentKind.parse, piece.strip(), record, "planning_documents", diags, extras
                )
                if kind is not None and kind not in planning:
                    planning.append(kind)
        activities.append(
            SSKActivity(
                name=name,
                number=v.get("number"),
                subsector=subsector,
                policy_direction=direction,
                program=v.get("program") or record.section.program,
                code=v.get("code"),
                location=v.get("location"),
                volume=v.get("volume"),
                unit=v.get("unit"),
                costs=tuple(YearAmount(year=y, amount=a) for y, a in sorted(costs.items())),
                funding=tuple(funding),
                total=v.get("total"),
                agency=v.get("agency"),
                planning_documents=tuple(planning),
                notes=v.get("notes"),
                source=record.source,
                cells=record.locations,
                extras=extras,
            )
        )
        if not activities[-1].agency:
            diags.append(diag.MISSING_AGENCY.at(record.source, rule="STR003"))
    return _built(
        StrategiSanitasi, table, context, diags, period=period, activities=tuple(activities)
    )


def access_measure(indicator: str) -> AccessMeasure | None:
    """What an SSK target measures, from its indicator's words (rule STR005 compares these).

    >>> access_measure("Akses sanitasi layak (termasuk aman)"), access_measure("BABS terbuka")
    (<AccessMeasure.LAYAK: 'layak'>, <AccessMeasure.BABS: 'babs'>)
    >>> access_measure("Rumah tangga dengan akses sanitasi aman"), access_measure("Timbulan sampah")
    (<AccessMeasure.AMAN: 'aman'>, None)
    """
    words = f" {normalise_text(indicator)} "
    if " babs " in words or "buang air besar sembarangan" in words or "open defecation" in words:
        return AccessMeasure.BABS
    if " layak " in words or "basic" in words:
        return AccessMeasure.LAYAK
    if " aman " in words or "safely managed" in words:
        return AccessMeasure.AMAN
    return None


def _build_ssk_targets(table: TableRead, context: BuildContext) -> Built:
    """The targets sheet of an SSK: one indicator per row, one column per year."""
    diags: list[Diagnostic] = []
    period = _period_of(table, context, "targets")
    if period is None:
        raise InvalidValue(
            N_("import.period-missing"), file=table.grid.file, sheet=table.grid.sheet or ""
        )
    targets = []
    for record in table.rows:
        v = record.values
        indicator = v.get("indicator")
        if not indicator:
            continue
        subsector = _enum(
            Subsector.parse, v.get("subsector"), record, "subsector", diags, dict(record.extras)
        )
        values = _resolve_years(v.get("targets", {}), period, record, "targets", diags)
        extras = dict(record.extras)
        if v.get("baseline") is not None:
            # a Target has no baseline field: the cell is kept under its own header
            where = record.locations.get("baseline")
            extras[(where.header if where and where.header else None) or "baseline"] = _number_text(
                v["baseline"], table.grid.decimal_mark
            )
        for year, value in sorted(values.items()):
            targets.append(
                Target(
                    year=year,
                    indicator=str(indicator),
                    value=value,
                    unit=v.get("unit") or "%",
                    subsector=subsector,
                    measure=access_measure(str(indicator)),
                    source=record.source,
                    cells={"value": record.locations.get(f"targets.{year}", record.source)}
                    if record.locations.get(f"targets.{year}")
                    else {},
                    extras=extras,
                )
            )
    return _built(StrategiSanitasi, table, context, diags, period=period, targets=tuple(targets))


# --- the export tables of these kinds (ppsp.io.sheets.export.tables_for) ---


def ssk_tables(document: StrategiSanitasi, every_source: bool = False) -> list[Table]:
    """The tables a StrategiSanitasi is written as."""
    columns = [
        text_column("number", "No", "No"),
        enum_column("subsector", "Subsektor", "Subsector", Subsector.parse),
        enum_column(
            "policy_direction", "Arah Kebijakan", "Policy direction", PolicyDirection.parse
        ),
        text_column("program", "Program", "Programme"),
        code_column(),
        text_column("name", "Kegiatan", "Activity"),
        text_column("location", "Lokasi", "Location"),
        number_column("volume", "Volume", "Volume"),
        text_column("unit", "Satuan", "Unit"),
        *(year_money_column("costs", y, "Biaya", "Cost") for y in document.period.years),
        money_column("total", "Total Biaya", "Total cost"),
        *funding_columns(document, "activities", every_source),
        agency_column("agency", "SKPD Penanggung Jawab", "Responsible agency"),
        Column("Dokumen Perencanaan", "Planning documents", planning, set_planning),
        text_column("notes", "Keterangan", "Notes"),
    ]
    first_year = document.period.start
    return [
        Table(
            "activities",
            "Kegiatan SSK",
            "SSK activities",
            tuple(columns),
            lambda: SSKActivity(name=""),
        ),
        Table(
            "targets",
            "Target",
            "Targets",
            target_columns(),
            lambda: Target(year=first_year, indicator="", value=0),
        ),
    ]


def mps_tables(document: MemorandumProgram, every_source: bool = False) -> list[Table]:
    """The tables a MemorandumProgram is written as."""
    columns = [
        code_column(),
        text_column("name", "Program", "Programme"),
        enum_column("subsector", "Subsektor", "Subsector", Subsector.parse),
        agency_column(),
        *funding_columns(document, "commitments", every_source),
    ]
    return [
        Table(
            "commitments",
            "Komitmen MPS",
            "Commitments",
            tuple(columns),
            lambda: Commitment(name=""),
        )
    ]
