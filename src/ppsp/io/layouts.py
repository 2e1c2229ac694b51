"""The shipped layouts: which header texts name which field, per document kind, and how the
rows of a table become a document.

Aliases are written normalised (lower case, punctuation as spaces); ``*`` stands for any words
in between (``prakiraan maju * target``). Add your own with :func:`register_layout`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from ppsp.domain import (
    DPA,
    RKPD,
    RPJMD,
    AccessMeasure,
    AccessProfile,
    Agency,
    BudgetLine,
    BukuPutihSanitasi,
    CodeLevel,
    DocumentKind,
    Event,
    EventKind,
    Funding,
    FundingSource,
    ImplementationRecord,
    Indicator,
    MilestoneCode,
    MilestoneState,
    MilestoneStatus,
    PlanLine,
    PlanPeriod,
    PolicyDirection,
    ReadinessCriteria,
    RegionCode,
    RenjaPD,
    RenstraLine,
    RenstraPD,
    ReportRecipient,
    ReportSent,
    RPJMDProgram,
    Rupiah,
    SSKActivity,
    StrategiSanitasi,
    Subsector,
    Target,
    WorkingGroup,
    YearAmount,
    YearTarget,
)
from ppsp.domain import diagnostics as diag
from ppsp.domain.agency import WorkingGroupKind
from ppsp.domain.funding import from_sipd_code, from_sipd_name
from ppsp.domain.implementation import parse_event_title
from ppsp.domain.labels import normalise_text
from ppsp.domain.lazy import LazySequence
from ppsp.domain.location import SourceLocation
from ppsp.domain.money import sums_differ
from ppsp.domain.nomenclature import GovernmentLevel
from ppsp.errors import InvalidValue, PpspError
from ppsp.i18n import N_
from ppsp.io.diagnostics import Diagnostic, Severity
from ppsp.io.tables import Field, Layout, RowRecord, TableRead, typed_constructor

__all__ = ["LAYOUTS", "BuildContext", "Built", "build", "register_layout"]


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

_SHARES = tuple(
    Field(name, aliases, kind="decimal")
    for name, aliases in (
        ("aman", ("aman", "akses aman", "sanitasi aman", "safely managed")),
        ("layak_sendiri", ("layak sendiri", "akses layak sendiri", "basic")),
        ("layak_bersama", ("layak bersama", "akses layak bersama", "shared")),
        ("belum_layak", ("belum layak", "tidak layak", "unimproved")),
        ("babs_tertutup", ("babs tertutup",)),
        ("babs_terbuka", ("babs terbuka", "babs di tempat terbuka", "open defecation")),
    )
)
ACCESS_PROFILE = Layout(
    "access-profile",
    DocumentKind.BPS.value,
    (
        Field(
            "area",
            (
                "wilayah",
                "kecamatan",
                "desa",
                "kelurahan",
                "area",
                "desa kelurahan",
                "kabupaten kota",
            ),
        ),
        Field("year", ("tahun", "year"), kind="int"),
        *_SHARES,
        Field("data_source", ("sumber data", "data source", "sumber")),
    ),
    title_words=("akses sanitasi", "profil akses", "buku putih", "access profile"),
    identity=("aman", "layak_sendiri", "belum_layak", "babs_terbuka"),
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

WORKING_GROUP = Layout(
    "working-group",
    DocumentKind.SSK.value,
    (
        _NO,
        Field("role", ("jabatan", "kedudukan", "jabatan dalam pokja", "posisi", "role")),
        Field(
            "agency",
            ("instansi", "asal instansi", "perangkat daerah", "opd", "skpd", "unsur", "agency"),
            kind="agency",
            required=True,
        ),
    ),
    title_words=("pokja", "kelompok kerja", "susunan keanggotaan", "working group"),
    identity=("agency",),
    evidence=("role",),
)

IMPLEMENTATION_LOG = Layout(
    "implementation-log",
    DocumentKind.IMPLEMENTATION.value,
    (
        _NO,
        Field(
            "item",
            ("kegiatan", "tahapan", "milestone", "uraian", "jenis kegiatan", "agenda", "item"),
            required=True,
            exclude=("tanggal", "status", "waktu"),
        ),
        Field(
            "date",
            (
                "tanggal",
                "tgl",
                "date",
                "tanggal pelaksanaan",
                "waktu pelaksanaan",
                "tanggal selesai",
                "realisasi",
            ),
            kind="date",
            required=True,
            exclude=("rencana", "jadwal", "target"),
        ),
        Field(
            "planned",
            ("rencana", "jadwal", "tanggal rencana", "target tanggal", "planned"),
            kind="date",
        ),
        Field("time", ("jam", "pukul", "time")),
        Field("status", ("status", "capaian", "progress")),
        Field("decree", ("nomor sk", "sk", "keputusan", "penetapan", "decree")),
        _LOCATION,
        _NOTES,
    ),
    title_words=(
        "milestone",
        "pelaksanaan ssk",
        "coaching clinic",
        "log kegiatan",
        "log pelaksanaan",
        "implementasi",
    ),
    identity=("item",),
)

#: Every layout, in the order recognition tries them.
LAYOUTS: list[Layout] = [
    SSK_MATRIX,
    RKPD_TABLE,
    RENJA_TABLE,
    DPA_TABLE,
    RENSTRA_TABLE,
    RPJMD_TABLE,
    ACCESS_PROFILE,
    IMPLEMENTATION_LOG,
    SSK_TARGETS,
    WORKING_GROUP,
]


def register_layout(layout: Layout, builder: Callable[[TableRead, BuildContext], Built]) -> None:
    """Add a layout (and how its rows become a document) to the ones recognition tries."""
    LAYOUTS.append(layout)
    _BUILDERS[layout.name] = builder


# --- builders --------------------------------------------------------------------------------


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
        return _BUDGET_LINE(
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
    return _PLAN_LINE(
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


def _period_required(table: TableRead, context: BuildContext) -> PlanPeriod:
    period = _period_of(table, context)
    if period is not None:
        return period
    raise InvalidValue(
        N_("import.period-missing"), file=table.grid.file, sheet=table.grid.sheet or ""
    )


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


def _build_access(table: TableRead, context: BuildContext) -> Built:
    diags: list[Diagnostic] = []
    profiles = []
    for record in table.rows:
        v = record.values
        year = v.get("year") or context.year
        if year is None:
            diags.append(diag.YEAR_UNKNOWN.at(record.source, label="-"))
            continue
        shares = {
            name: v.get(name)
            for name in (
                "aman",
                "layak_sendiri",
                "layak_bersama",
                "belum_layak",
                "babs_tertutup",
                "babs_terbuka",
            )
        }
        try:
            profiles.append(
                AccessProfile(
                    year=year,
                    area=v.get("area"),
                    data_source=v.get("data_source"),
                    source=record.source,
                    extras=record.extras,
                    **shares,
                )
            )
        except InvalidValue as error:
            diags.append(diag.BAD_VALUE.at(record.source, key=error.key, **error.params))
    year = context.year or max((p.year for p in profiles), default=None)
    if year is None:
        raise InvalidValue(
            N_("import.year-missing"), file=table.grid.file, sheet=table.grid.sheet or ""
        )
    return _built(
        BukuPutihSanitasi, table, context, diags, year=year, access_profiles=tuple(profiles)
    )


def _state(text: str | None, done: bool) -> MilestoneState:
    if text:
        try:
            return MilestoneState.parse(text)
        except InvalidValue:
            pass
    return MilestoneState.COMPLETE if done else MilestoneState.PLANNED


#: A year written in a log item ("Laporan pelaksanaan 2023", "RC DAK Fisik 2025: ...").
_YEAR_NAMED = re.compile(r"(?<![0-9])(20[0-9]{2})(?![0-9])")

#: "Readiness Criteria DAK Fisik 2025: Pembangunan IPLT", "RC: ..." in a milestone log
_READINESS = re.compile(r"^\s*(?:readiness\s+criteria|rc)\b[\s:.-]*(.*)$", re.I)


def _readiness(
    rest: str,
    v: dict[str, Any],
    context: BuildContext,
    record: RowRecord,
    diags: list[Diagnostic],
    common: dict[str, Any],
) -> ReadinessCriteria | None:
    """A log row recording readiness criteria: the source and year named before a colon, the
    activity after it (``DAK Fisik 2025: Pembangunan IPLT``). The year defaults to the one after
    the date recorded (criteria are prepared the year before)."""
    head, _, activity = rest.partition(":")
    if not activity.strip():
        head, activity = "", rest
    named = _YEAR_NAMED.search(head)
    head_text = _YEAR_NAMED.sub("", head).strip(" -,")
    try:
        source = FundingSource.parse(head_text) if head_text else FundingSource.DAK_FISIK
    except InvalidValue:
        diags.append(
            diag.UNKNOWN_FUNDING_SOURCE.at(
                record.locations.get("item", record.source), value=head_text, rule="FIN003"
            )
        )
        return None
    recorded = v.get("date")
    year = int(named.group(1)) if named else (recorded.year + 1 if recorded else context.year)
    if year is None or not activity.strip():
        return None
    kept = dict(common)
    if v.get("notes"):  # no field for it on ReadinessCriteria: kept, not dropped
        kept["extras"] = {**common["extras"], "notes": v["notes"]}
    return ReadinessCriteria(
        activity=activity.strip(),
        funding_source=source,
        year=year,
        recorded_on=recorded,
        status=v.get("status"),
        **kept,
    )


def _build_implementation(table: TableRead, context: BuildContext) -> Built:
    diags: list[Diagnostic] = []
    milestones, events, reports = [], [], []
    readies: list[ReadinessCriteria] = []
    for record in table.rows:
        v = record.values
        item = v.get("item") or ""
        common: dict[str, Any] = {
            "source": record.source,
            "cells": record.locations,
            "extras": record.extras,
        }
        try:
            code = MilestoneCode.parse(item.split(":")[0].strip())
        except InvalidValue:
            code = None
        if code is None:
            match = re.match(r"^\s*(m[1-4]|milestone\s+(?:[1-4]|iv|i{1,3}))\b", item, re.I)
            code = MilestoneCode.parse(match.group(1)) if match else None
        if code is not None:
            milestones.append(
                MilestoneStatus(
                    code=code,
                    state=_state(v.get("status"), v.get("date") is not None),
                    completed_date=v.get("date"),
                    planned_date=v.get("planned"),
                    designation_decree=v.get("decree"),
                    notes=v.get("notes"),
                    **common,
                )
            )
            continue
        readiness = _READINESS.match(item)
        if readiness is not None:
            criteria = _readiness(readiness.group(1), v, context, record, diags, common)
            if criteria is not None:
                readies.append(criteria)
                continue
        if re.search(r"\blaporan\b|\breport\b", item, re.I):
            recipient = None
            for candidate in ReportRecipient:
                if any(
                    word in item.lower()
                    for word in (candidate.label("id").lower(), candidate.value.replace("-", " "))
                ):
                    recipient = candidate
            nawasis = "nawasis" in item.lower()
            recipient = ReportRecipient.NAWASIS if nawasis else recipient
            # the year reported on: written in the item ("Laporan pelaksanaan 2023"), else the
            # year of the date it was sent
            named = _YEAR_NAMED.search(item)
            year = (
                int(named.group(1))
                if named
                else (v["date"].year if v.get("date") else context.year)
            )
            if recipient is not None and year is not None:
                reports.append(
                    ReportSent(
                        year=year,
                        recipient=recipient,
                        date=v.get("date"),
                        reference=v.get("decree"),
                        **common,
                    )
                )
                continue
        try:
            kind, number = parse_event_title(item)
        except InvalidValue:
            kind, number = EventKind.OTHER, None
        if v.get("date") is None:
            diags.append(diag.MISSING_DATE.at(record.source))
            continue
        try:
            events.append(
                Event(
                    kind=kind,
                    number=number,
                    date=v["date"],
                    time=v.get("time"),
                    title=item,
                    location=v.get("location"),
                    **common,
                )
            )
        except InvalidValue as error:
            diags.append(
                diag.BAD_VALUE.at(
                    record.locations.get("time", record.source),
                    severity=Severity.WARNING,
                    key=error.key,
                    **error.params,
                )
            )
    return _built(
        ImplementationRecord,
        table,
        context,
        diags,
        milestones=tuple(milestones),
        events=tuple(events),
        readiness=tuple(readies),
        reports=tuple(reports),
    )


_BUILDERS: dict[str, Callable[[TableRead, BuildContext], Built]] = {
    SSK_MATRIX.name: _build_ssk,
    RKPD_TABLE.name: _build_rkpd,
    RENJA_TABLE.name: _build_renja,
    DPA_TABLE.name: _build_dpa,
    RENSTRA_TABLE.name: _build_renstra,
    RPJMD_TABLE.name: _build_rpjmd,
    ACCESS_PROFILE.name: _build_access,
    IMPLEMENTATION_LOG.name: _build_implementation,
}


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


_BUILDERS[SSK_TARGETS.name] = _build_ssk_targets


def _group_kind(title: str | None) -> WorkingGroupKind:
    words = normalise_text(title or "")
    for kind in (
        WorkingGroupKind.PPAS,
        WorkingGroupKind.PKP,
        WorkingGroupKind.AMPL,
        WorkingGroupKind.PPSP,
        WorkingGroupKind.SANITASI,
    ):
        if re.search(rf"\b{kind.value}\b", words):
            return kind
    return WorkingGroupKind.LAINNYA


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


def _build_working_group(table: TableRead, context: BuildContext) -> Built:
    """The members of the SSK's working group (Pokja): one agency per row, duplicates kept
    once. Nothing else on the sheet is lost: every row as read (its role, and any column such
    as the person's name) is kept in the group's ``extras["rows"]``, with its Excel row."""
    diags: list[Diagnostic] = []
    period = context.period
    if period is None:
        raise InvalidValue(
            N_("import.period-missing"), file=table.grid.file, sheet=table.grid.sheet or ""
        )
    members: dict[str, Agency] = {}
    rows: list[dict[str, Any]] = []
    for record in table.rows:
        agency = record.values.get("agency")
        if isinstance(agency, Agency):
            members.setdefault(agency.key, agency)
        row: dict[str, Any] = {"row": record.row}
        if record.values.get("role"):
            row["role"] = str(record.values["role"])
        if isinstance(agency, Agency):
            row["agency"] = agency.name
        row.update(record.extras)
        rows.append(row)
    title = context.title or table.grid.sheet or "Pokja"
    group = WorkingGroup(
        kind=_group_kind(title),
        name=title,
        members=tuple(members.values()),
        source=SourceLocation(file=table.grid.file, sheet=table.grid.sheet),
        extras={"rows": rows} if rows else {},
    )
    return _built(StrategiSanitasi, table, context, diags, period=period, working_group=group)


_BUILDERS[WORKING_GROUP.name] = _build_working_group


def build(table: TableRead, context: BuildContext) -> Built:
    """The document a table describes, in its layout's way."""
    return _BUILDERS[table.layout.name](table, context)
