"""The annual plan layouts: RKPD, Renja-PD and DPA, each with its builder and its export table,
and the check of their code hierarchy (a parent's sum against its children)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ppsp.domain import (
    DPA,
    RKPD,
    Agency,
    BudgetLine,
    CodeLevel,
    DocumentKind,
    Funding,
    PlanLine,
    RenjaPD,
    Rupiah,
)
from ppsp.domain import diagnostics as diag
from ppsp.domain.lazy import LazySequence
from ppsp.domain.money import sums_differ
from ppsp.domain.nomenclature import GovernmentLevel
from ppsp.errors import InvalidValue
from ppsp.i18n import N_
from ppsp.io.diagnostics import Diagnostic
from ppsp.io.sheets.columns import (
    Table,
    agency_column,
    code_column,
    funding_columns,
    money_column,
    text_column,
)
from ppsp.io.sheets.layouts.base import (
    _AGENCY,
    _CODE,
    _FUNDING_TEXT,
    _LOCATION,
    _NAME_EXCLUDE,
    _NOTES,
    _UNIT,
    BuildContext,
    Built,
    _built,
    _fundings,
    _owner,
    _parse_funding_text,
)
from ppsp.io.sheets.tables import Field, Layout, RowRecord, TableRead, typed_constructor

_PLAN_FIELDS = (
    _CODE,
    Field(
        "name",
        (
            "urusan bidang urusan pemerintahan daerah dan program kegiatan",
            "program kegiatan",
            "program dan kegiatan",
            "program kegiatan sub kegiatan",
            "uraian",
            "nama",
            "sub kegiatan",
            "kegiatan",
            "nama sub kegiatan",
            "uraian program kegiatan",
        ),
        exclude=_NAME_EXCLUDE,
    ),
    Field(
        "indicator",
        (
            "indikator kinerja",
            "indikator",
            "tolok ukur",
            "tolak ukur",
            "indicator",
            "keluaran sub kegiatan",
            "tolok ukur kinerja",
        ),
        exclude=("prakiraan",),
    ),
    Field(
        "target",
        ("target", "target capaian kinerja", "target kinerja", "target keluaran"),
        exclude=("prakiraan", "maju", "tolok", "tolak"),
    ),
    _UNIT,
    _LOCATION,
    Field(
        "pagu",
        (
            "pagu indikatif",
            "pagu",
            "jumlah pagu",
            "pagu anggaran",
            "anggaran",
            "kebutuhan dana",
            "rencana anggaran",
            "budget",
        ),
        kind="money",
        exclude=("prakiraan", "maju"),
    ),
    _FUNDING_TEXT,
    Field(
        "forward_target",
        ("prakiraan maju * target", "target * prakiraan maju", "prakiraan maju * tolok ukur"),
        exclude=("pagu", "dana"),
    ),
    Field(
        "forward_pagu",
        (
            "prakiraan maju * pagu",
            "prakiraan maju * dana",
            "pagu * prakiraan maju",
            "prakiraan maju * kebutuhan dana",
            "prakiraan maju",
        ),
        kind="money",
        exclude=("target", "tolok ukur"),
    ),
    _AGENCY,
    _NOTES,
)


RKPD_TABLE = Layout(
    "rkpd-table",
    DocumentKind.RKPD.value,
    _PLAN_FIELDS,
    title_words=("rkpd", "rencana kerja pemerintah daerah"),
    hierarchical=True,
    evidence=("pagu",),
)


RENJA_TABLE = Layout(
    "renja-table",
    DocumentKind.RENJA_PD.value,
    _PLAN_FIELDS,
    title_words=(
        "renja",
        "rencana kerja perangkat daerah",
        "rencana kerja opd",
        "rencana kerja skpd",
    ),
    hierarchical=True,
    evidence=("pagu",),
)


DPA_TABLE = Layout(
    "dpa-sub-kegiatan",
    DocumentKind.DPA.value,
    (
        _CODE,
        Field(
            "name",
            (
                "program dan kegiatan",
                "program kegiatan",
                "sub kegiatan",
                "nama sub kegiatan",
                "uraian",
                "nama",
            ),
            exclude=_NAME_EXCLUDE,
        ),
        _FUNDING_TEXT,
        _LOCATION,
        Field(
            "pagu",
            (
                "jumlah pagu",
                "pagu",
                "nilai",
                "anggaran",
                "jumlah anggaran",
                "pagu dpa",
                "total pagu",
                "jumlah",
            ),
            kind="money",
            required=True,
        ),
        Field("start", ("awal pelaksanaan", "mulai pelaksanaan", "waktu mulai")),
        Field("end", ("akhir pelaksanaan", "selesai pelaksanaan", "waktu selesai")),
        Field(
            "indicator",
            (
                "tolak ukur keluaran",
                "tolok ukur keluaran",
                "indikator keluaran",
                "tolak ukur",
                "tolok ukur",
                "indikator",
            ),
        ),
        Field("target", ("target kinerja keluaran", "target keluaran", "target kinerja", "target")),
        _AGENCY,
        _NOTES,
    ),
    title_words=("dpa", "dokumen pelaksanaan anggaran", "apbd", "dppa"),
    hierarchical=True,
)


def _level(code: Any) -> CodeLevel | None:
    return code.level if code is not None else None


def _check_hierarchy(table: TableRead, diags: list[Diagnostic]) -> None:
    """FIN005 for coded tables: a kegiatan's pagu is the sum of its sub kegiatan, a program's the
    sum of its kegiatan. One pass over the codes; pagu read only where a parent has one."""
    levels = table.code_levels
    pairs = [
        (parent, child)
        for parent, child in (
            (CodeLevel.KEGIATAN, CodeLevel.SUB_KEGIATAN),
            (CodeLevel.PROGRAM, CodeLevel.KEGIATAN),
        )
        if parent in levels and child in levels
    ]
    if not pairs:
        return
    # a code cell converts to (code, name)
    codes = [(found[0], r) for found, r in table.field_values("code") if found and found[0]]
    pagu = {r: amount for amount, r in table.field_values("pagu")}
    for parent_level, child_level in pairs:
        children: dict[Any, Rupiah] = {}
        for code, r in codes:
            amount = pagu.get(r)
            if code.level is child_level and amount is not None:
                key = code.prefix(parent_level)
                children[key] = children.get(key, Rupiah.zero()) + amount
        for code, r in codes:
            stated = pagu.get(r)
            if code.level is not parent_level or stated is None or code not in children:
                continue
            computed = children[code]
            if sums_differ(stated, computed):  # the judgement of FIN005
                diags.append(
                    diag.TOTAL_MISMATCH.at(
                        table.cell("pagu", r),
                        label=str(code),
                        stated=stated,
                        computed=computed,
                        rule="FIN005",
                    )
                )


#: the reader has converted every value by its field's kind (issue 14: a quarter of a line)
_PLAN_LINE, _BUDGET_LINE = typed_constructor(PlanLine), typed_constructor(BudgetLine)


def _plan_line(
    record: RowRecord,
    budget: bool,
    owner: GovernmentLevel,
    fundings: dict[str, tuple[Funding, ...]] | None = None,
) -> Any:
    """The PlanLine (or, for a DPA, BudgetLine) of one record. ``fundings``: the funding of
    each text of the sumber-dana column met so far (the same few texts recur on every line)."""
    v = record.values
    name = v.get("name") or v.get("_code_name") or ""
    code = v.get("code")
    if code is not None and name.startswith(code.value):
        name = name[len(code.value) :].strip()
    text = v.get("funding_text")
    funding: tuple[Funding, ...] = ()
    if text:
        found = fundings.get(text) if fundings is not None else None
        if found is None:
            found = _parse_funding_text(text, None, owner)[0]
            if fundings is not None:
                fundings[text] = found
        funding = found
    if budget:
        # the DPA form's other columns are kept under their own headers
        kept = {
            record.locations[f].header or f: str(v[f])
            for f in ("start", "end", "indicator", "target")
            if f in v
        }
        return _BUDGET_LINE.made()(
            name=name,
            code=code,
            agency=v.get("agency"),
            location=v.get("location"),
            pagu=v.get("pagu"),
            funding=funding,
            notes=v.get("notes"),
            source=record.source,
            cells=record.locations,
            extras={**record.extras, **kept},
        )
    return _PLAN_LINE.made()(
        name=name,
        code=code,
        level=code.level if code is not None else None,
        agency=v.get("agency"),
        indicator=v.get("indicator"),
        target=v.get("target"),
        unit=v.get("unit"),
        location=v.get("location"),
        pagu=v.get("pagu"),
        funding=funding,
        forward_target=v.get("forward_target"),
        forward_pagu=v.get("forward_pagu"),
        notes=v.get("notes"),
        source=record.source,
        cells=record.locations,
        extras=record.extras,
    )


def _plan_lines(
    table: TableRead, context: BuildContext, diags: list[Diagnostic], budget: bool = False
) -> Sequence[Any]:
    """The lines of an RKPD, Renja or DPA table, each made when it is read (a plan may have a
    hundred thousand); what must be said of them is said now, from the cells that say it."""
    owner = _owner(context)
    for text, r in table.field_values("funding_text"):
        if text and _parse_funding_text(text, None, owner)[1]:  # a source that is not known
            _fundings(text, table.cell("funding_text", r), diags, owner=owner)
    _check_hierarchy(table, diags)
    records = table.rows
    fundings: dict[str, tuple[Funding, ...]] = {}
    return LazySequence(len(records), lambda i: _plan_line(records[i], budget, owner, fundings))


def _agency_of(context: BuildContext, table: TableRead) -> Agency | None:
    if context.agency is not None:
        return context.agency
    named = {a.key: a for a, _ in table.field_values("agency") if a is not None}
    return next(iter(named.values())) if len(named) == 1 else None


def _required_agency(table: TableRead, agency: Agency | None) -> Agency:
    if agency is None:
        raise InvalidValue(
            N_("import.agency-missing"), file=table.grid.file, sheet=table.grid.sheet or ""
        )
    return agency


def _require_year(table: TableRead, context: BuildContext) -> int:
    if context.year is None:
        raise InvalidValue(
            N_("import.year-missing"), file=table.grid.file, sheet=table.grid.sheet or ""
        )
    return context.year


def _build_rkpd(table: TableRead, context: BuildContext) -> Built:
    diags: list[Diagnostic] = []
    year = _require_year(table, context)
    lines = _plan_lines(table, context, diags)
    return _built(RKPD, table, context, diags, year=year, lines=lines)


def _build_renja(table: TableRead, context: BuildContext) -> Built:
    diags: list[Diagnostic] = []
    year = _require_year(table, context)
    lines = _plan_lines(table, context, diags)
    agency = _required_agency(table, _agency_of(context, table))
    return _built(RenjaPD, table, context, diags, year=year, agency=agency, lines=lines)


def _build_dpa(table: TableRead, context: BuildContext) -> Built:
    diags: list[Diagnostic] = []
    year = _require_year(table, context)
    lines = _plan_lines(table, context, diags, budget=True)
    return _built(
        DPA, table, context, diags, year=year, agency=_agency_of(context, table), lines=lines
    )


# --- the export tables of these kinds (ppsp.io.sheets.export.tables_for) ---


def plan_tables(document: RKPD | RenjaPD, every_source: bool = False) -> list[Table]:
    """The tables a RKPD or RenjaPD is written as."""
    columns = [
        code_column(),
        text_column("name", "Program/Kegiatan/Sub Kegiatan", "Programme/activity"),
        text_column("indicator", "Indikator Kinerja", "Indicator"),
        text_column("target", "Target", "Target"),
        text_column("unit", "Satuan", "Unit"),
        text_column("location", "Lokasi", "Location"),
        money_column("pagu", "Pagu Indikatif", "Indicative budget"),
        *funding_columns(document, "lines", every_source),
        text_column("forward_target", "Prakiraan Maju Target", "Forward estimate target"),
        money_column("forward_pagu", "Prakiraan Maju Pagu", "Forward estimate budget"),
        agency_column(),
        text_column("notes", "Keterangan", "Notes"),
    ]
    return [
        Table(
            "lines",
            "RKPD" if isinstance(document, RKPD) else "Renja",
            "Plan lines",
            tuple(columns),
            lambda: PlanLine(name=""),
        )
    ]


def dpa_tables(document: DPA, every_source: bool = False) -> list[Table]:
    """The tables a DPA is written as."""
    columns = [
        code_column(),
        text_column("name", "Sub Kegiatan", "Sub-activity"),
        *funding_columns(document, "lines", every_source),
        text_column("location", "Lokasi", "Location"),
        money_column("pagu", "Jumlah Pagu", "Budget"),
        agency_column(),
        text_column("notes", "Keterangan", "Notes"),
    ]
    return [Table("lines", "DPA", "Budget lines", tuple(columns), lambda: BudgetLine(name=""))]
