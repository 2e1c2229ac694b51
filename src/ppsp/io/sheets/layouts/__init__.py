"""The shipped layouts: which header texts name which field, per document kind, and how the
rows of a table become a document.

Aliases are written normalised (lower case, punctuation as spaces); ``*`` stands for any words
in between (``prakiraan maju * target``). Add your own with :func:`register_layout`.

One module per group of kinds, each holding the layouts of its kinds, their builders and the
export tables of those kinds (:func:`ppsp.io.sheets.export.tables_for`): ``ssk`` (the SSK matrix
and targets, and the MPS table), ``annual`` (RKPD, Renja-PD, DPA), ``multiyear`` (Renstra-PD,
RPJMD), ``profile`` (the Buku Putih's access profile, the working group) and
``implementation`` (the implementation log); what they share is in ``base``, the columns of the
export tables in :mod:`ppsp.io.sheets.columns`. This module lists the layouts in the order
recognition tries them, finds the builder of a table's layout and the export tables of a
document's kind.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ppsp.domain import (
    DPA,
    RKPD,
    RPJMD,
    BukuPutihSanitasi,
    ImplementationRecord,
    MemorandumProgram,
    RenjaPD,
    RenstraPD,
    StrategiSanitasi,
)
from ppsp.io.sheets.columns import Table
from ppsp.io.sheets.layouts.annual import (
    DPA_TABLE,
    RENJA_TABLE,
    RKPD_TABLE,
    _build_dpa,
    _build_renja,
    _build_rkpd,
    dpa_tables,
    plan_tables,
)
from ppsp.io.sheets.layouts.base import BuildContext, Built
from ppsp.io.sheets.layouts.implementation import (
    IMPLEMENTATION_LOG,
    _build_implementation,
    implementation_tables,
)
from ppsp.io.sheets.layouts.multiyear import (
    RENSTRA_TABLE,
    RPJMD_TABLE,
    _build_renstra,
    _build_rpjmd,
    programme_tables,
)
from ppsp.io.sheets.layouts.profile import (
    ACCESS_PROFILE,
    WORKING_GROUP,
    _build_access,
    _build_working_group,
    access_tables,
)
from ppsp.io.sheets.layouts.ssk import (
    SSK_MATRIX,
    SSK_TARGETS,
    _build_ssk,
    _build_ssk_targets,
    access_measure,
    mps_tables,
    ssk_tables,
)
from ppsp.io.sheets.tables import Layout, TableRead

__all__ = [
    "ACCESS_PROFILE",
    "DPA_TABLE",
    "EXPORT_TABLES",
    "IMPLEMENTATION_LOG",
    "LAYOUTS",
    "RENJA_TABLE",
    "RENSTRA_TABLE",
    "RKPD_TABLE",
    "RPJMD_TABLE",
    "SSK_MATRIX",
    "SSK_TARGETS",
    "WORKING_GROUP",
    "BuildContext",
    "Built",
    "TableRead",
    "access_measure",
    "build",
    "register_layout",
]


#: The shipped layouts with their builders, in the order recognition tries them: a built-in
#: layout is one line here, beside its module.
_BUILT_IN: tuple[tuple[Layout, Callable[[TableRead, BuildContext], Built]], ...] = (
    (SSK_MATRIX, _build_ssk),
    (RKPD_TABLE, _build_rkpd),
    (RENJA_TABLE, _build_renja),
    (DPA_TABLE, _build_dpa),
    (RENSTRA_TABLE, _build_renstra),
    (RPJMD_TABLE, _build_rpjmd),
    (ACCESS_PROFILE, _build_access),
    (IMPLEMENTATION_LOG, _build_implementation),
    (SSK_TARGETS, _build_ssk_targets),
    (WORKING_GROUP, _build_working_group),
)

#: Every layout, in the order recognition tries them.
LAYOUTS: list[Layout] = [layout for layout, _ in _BUILT_IN]
_BUILDERS: dict[str, Callable[[TableRead, BuildContext], Built]] = {
    layout.name: builder for layout, builder in _BUILT_IN
}


#: The export tables of every kind ppsp writes as a clean spreadsheet, by document class: each
#: ``tables(document, every_source)`` lives beside the layouts of its kind
#: (:func:`ppsp.io.sheets.export.tables_for` asks here).
EXPORT_TABLES: dict[type[Any], Callable[[Any, bool], list[Table]]] = {
    StrategiSanitasi: ssk_tables,
    MemorandumProgram: mps_tables,
    RKPD: plan_tables,
    RenjaPD: plan_tables,
    DPA: dpa_tables,
    RenstraPD: programme_tables,
    RPJMD: programme_tables,
    BukuPutihSanitasi: access_tables,
    ImplementationRecord: implementation_tables,
}


def register_layout(layout: Layout, builder: Callable[[TableRead, BuildContext], Built]) -> None:
    """Add a layout (and how its rows become a document) to the ones recognition tries."""
    LAYOUTS.append(layout)
    _BUILDERS[layout.name] = builder


def build(table: TableRead, context: BuildContext) -> Built:
    """The document a table describes, in its layout's way."""
    return _BUILDERS[table.layout.name](table, context)
