"""The Buku Putih layouts: the access profile (``ACCESS_PROFILE``) and the working group
(``WORKING_GROUP``), each with its builder."""

from __future__ import annotations

import re
from typing import Any

import attrs

from ppsp.domain import (
    AccessProfile,
    Agency,
    BukuPutihSanitasi,
    DocumentKind,
    StrategiSanitasi,
    WorkingGroup,
)
from ppsp.domain import diagnostics as diag
from ppsp.domain.agency import WorkingGroupKind
from ppsp.domain.labels import normalise_text
from ppsp.domain.location import SourceLocation
from ppsp.errors import InvalidValue
from ppsp.i18n import N_
from ppsp.io.diagnostics import Diagnostic
from ppsp.io.sheets import cells
from ppsp.io.sheets.columns import (
    Column,
    Table,
    number_column,
    text_column,
)
from ppsp.io.sheets.layouts.base import _NO, BuildContext, Built, _built
from ppsp.io.sheets.tables import Field, Layout, TableRead

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


# --- the export tables of these kinds (ppsp.io.sheets.export.tables_for) ---


def access_tables(document: BukuPutihSanitasi, every_source: bool = False) -> list[Table]:
    """The tables a BukuPutihSanitasi is written as."""
    columns = [
        Column(
            "Tahun",
            "Year",
            lambda p: p.year,
            lambda p, v: attrs.evolve(p, year=cells.to_int(v) or p.year),
        ),
        text_column("area", "Wilayah", "Area"),
        *(
            number_column(name, header, english)
            for name, header, english in (
                ("aman", "Akses Aman (%)", "Safely managed (%)"),
                ("layak_sendiri", "Layak Sendiri (%)", "Basic (%)"),
                ("layak_bersama", "Layak Bersama (%)", "Shared (%)"),
                ("belum_layak", "Belum Layak (%)", "Unimproved (%)"),
                ("babs_tertutup", "BABS Tertutup (%)", "Open defecation, closed (%)"),
                ("babs_terbuka", "BABS Terbuka (%)", "Open defecation (%)"),
            )
        ),
        text_column("data_source", "Sumber Data", "Data source"),
    ]
    year = document.year
    return [
        Table(
            "access_profiles",
            "Akses Sanitasi",
            "Access",
            tuple(columns),
            lambda: AccessProfile(year=year),
        )
    ]
