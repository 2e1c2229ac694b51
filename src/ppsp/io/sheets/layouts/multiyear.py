"""The multi-year plan layouts: Renstra-PD and RPJMD, each with its builder and its export
table."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from ppsp.domain import (
    RPJMD,
    Agency,
    DocumentKind,
    Indicator,
    RenstraLine,
    RenstraPD,
    RPJMDProgram,
    YearAmount,
    YearTarget,
)
from ppsp.io.diagnostics import Diagnostic
from ppsp.io.sheets.columns import (
    Column,
    Table,
    code_column,
    text_column,
    year_money_column,
)
from ppsp.io.sheets.layouts.annual import _level, _required_agency
from ppsp.io.sheets.layouts.base import (
    _AGENCY,
    _CODE,
    _LOCATION,
    _NAME_EXCLUDE,
    _NO,
    _NOTES,
    _UNIT,
    BuildContext,
    Built,
    _built,
    _period_required,
    _resolve_years,
)
from ppsp.io.sheets.tables import Field, Layout, TableRead

RENSTRA_TABLE = Layout(
    "renstra-tc27",
    DocumentKind.RENSTRA_PD.value,
    (
        _NO,
        _CODE,
        Field(
            "name",
            (
                "tujuan sasaran program kegiatan sub kegiatan",
                "program dan kegiatan",
                "program kegiatan",
                "program kegiatan dan sub kegiatan",
                "uraian",
                "nama",
            ),
            exclude=_NAME_EXCLUDE,
        ),
        Field(
            "indicator",
            ("indikator kinerja", "indikator", "indikator kinerja program outcome"),
            exclude=("target",),
        ),
        _UNIT,
        Field(
            "baseline",
            (
                "kondisi awal",
                "data capaian awal",
                "capaian awal",
                "baseline",
                "kondisi kinerja awal",
            ),
        ),
        Field(
            "targets",
            ("target", "target kinerja"),
            group="year",
            exclude=("dana", "pendanaan", "rp"),
        ),
        Field(
            "pagu",
            ("pendanaan", "dana", "pagu", "anggaran", "rp", "pagu indikatif"),
            kind="money",
            group="year",
            exclude=("target", "sumber"),
        ),
        _LOCATION,
        _AGENCY,
        _NOTES,
    ),
    title_words=(
        "renstra",
        "rencana strategis",
        "t c 27",
        "tc 27",
        "rencana program kegiatan dan pendanaan",
    ),
    hierarchical=True,
    evidence=("pagu", "targets"),
)


RPJMD_TABLE = Layout(
    "rpjmd-program",
    DocumentKind.RPJMD.value,
    (
        _NO,
        _CODE,
        Field(
            "name",
            (
                "program",
                "program pembangunan daerah",
                "program prioritas",
                "nama program",
                "uraian",
                "program perangkat daerah",
            ),
            exclude=_NAME_EXCLUDE,
        ),
        Field(
            "indicator",
            ("indikator kinerja", "indikator", "indikator kinerja program"),
            exclude=("target",),
        ),
        _UNIT,
        Field("baseline", ("kondisi awal", "kondisi kinerja awal", "capaian awal", "baseline")),
        Field(
            "targets", ("target", "target kinerja"), group="year", exclude=("rp", "pagu", "dana")
        ),
        Field(
            "pagu",
            ("rp", "pagu", "dana", "pendanaan", "pagu indikatif", "kerangka pendanaan"),
            kind="money",
            group="year",
            exclude=("target",),
        ),
        _AGENCY,
        _NOTES,
    ),
    title_words=("rpjmd", "rencana pembangunan jangka menengah daerah", "kerangka pendanaan"),
    evidence=("pagu", "targets"),
)


def _targets(values: dict[int, Any]) -> tuple[YearTarget, ...]:
    out = []
    for year, text in sorted(values.items()):
        try:
            number: Decimal | None = Decimal(str(text).replace(",", ".").rstrip("%").strip())
        except (InvalidOperation, ValueError):
            number = None
        out.append(
            YearTarget(
                year=year,
                value=number if number is not None and number.is_finite() else None,
                text=str(text),
            )
        )
    return tuple(out)


def _indicators(v: dict[str, Any], targets: dict[int, Any]) -> tuple[Indicator, ...]:
    if not v.get("indicator") and not targets:
        return ()
    return (
        Indicator(
            name=v.get("indicator") or "",
            unit=v.get("unit"),
            baseline=v.get("baseline"),
            targets=_targets(targets),
        ),
    )


def _build_renstra(table: TableRead, context: BuildContext) -> Built:
    diags: list[Diagnostic] = []
    period = _period_required(table, context)
    lines = []
    named: Agency | None = None  # the first agency a row names (records are read once)
    for record in table.rows:
        v = record.values
        named = named or v.get("agency") or None
        targets = _resolve_years(v.get("targets", {}), period, record, "targets", diags)
        pagu = _resolve_years(v.get("pagu", {}), period, record, "pagu", diags)
        lines.append(
            RenstraLine(
                name=v.get("name") or v.get("_code_name") or "",
                code=v.get("code"),
                level=_level(v.get("code")),
                indicators=_indicators(v, targets),
                pagu=tuple(YearAmount(year=y, amount=a) for y, a in sorted(pagu.items())),
                location=v.get("location"),
                unit=v.get("unit"),
                source=record.source,
                cells=record.locations,
                extras={
                    **record.extras,
                    **({"agency": v["agency"].name} if v.get("agency") else {}),
                    **({"number": v["number"]} if v.get("number") else {}),
                },
            )
        )
    agency = _required_agency(table, context.agency or named)
    return _built(
        RenstraPD, table, context, diags, period=period, agency=agency, lines=tuple(lines)
    )


def _build_rpjmd(table: TableRead, context: BuildContext) -> Built:
    diags: list[Diagnostic] = []
    period = _period_required(table, context)
    programs = []
    for record in table.rows:
        v = record.values
        targets = _resolve_years(v.get("targets", {}), period, record, "targets", diags)
        pagu = _resolve_years(v.get("pagu", {}), period, record, "pagu", diags)
        programs.append(
            RPJMDProgram(
                name=v.get("name") or v.get("_code_name") or "",
                code=v.get("code"),
                agencies=(v["agency"],) if v.get("agency") else (),
                indicators=_indicators(v, targets),
                pagu=tuple(YearAmount(year=y, amount=a) for y, a in sorted(pagu.items())),
                source=record.source,
                cells=record.locations,
                extras={
                    **record.extras,
                    **({"number": v["number"]} if v.get("number") else {}),
                    **({"notes": v["notes"]} if v.get("notes") else {}),
                },
            )
        )
    return _built(RPJMD, table, context, diags, period=period, programs=tuple(programs))


# --- the export tables of these kinds (ppsp.io.sheets.export.tables_for) ---


def programme_tables(document: RenstraPD | RPJMD, every_source: bool = False) -> list[Table]:
    """The tables a RenstraPD or RPJMD is written as."""
    attribute = "lines" if isinstance(document, RenstraPD) else "programs"
    name = "Program/Kegiatan" if isinstance(document, RenstraPD) else "Program"
    columns = [
        code_column(),
        text_column("name", name, "Programme/activity"),
        Column(
            "Indikator Kinerja",
            "Indicator",
            lambda line: line.indicators[0].name if line.indicators else None,
        ),
        *(year_money_column("pagu", y, "Pagu", "Budget") for y in document.period.years),
    ]
    if isinstance(document, RenstraPD):
        columns.append(text_column("location", "Lokasi", "Location"))
    new: Callable[[], Any] = (
        (lambda: RenstraLine(name="")) if attribute == "lines" else (lambda: RPJMDProgram(name=""))
    )
    return [
        Table(
            attribute,
            "Renstra" if attribute == "lines" else "RPJMD",
            "Programmes",
            tuple(columns),
            new,
        )
    ]
