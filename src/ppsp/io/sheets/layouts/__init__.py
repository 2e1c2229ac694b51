"""The shipped layouts: which header texts name which field, per document kind, and how the
rows of a table become a document.

Aliases are written normalised (lower case, punctuation as spaces); ``*`` stands for any words
in between (``prakiraan maju * target``). Add your own with :func:`register_layout`.

One module per group of kinds, each holding its layouts and their builders:
:mod:`~ppsp.io.sheets.layouts.ssk`, :mod:`~ppsp.io.sheets.layouts.plans`,
:mod:`~ppsp.io.sheets.layouts.profile`, :mod:`~ppsp.io.sheets.layouts.implementation`; what
they share is in :mod:`~ppsp.io.sheets.layouts.base`. This module lists them in the order
recognition tries them and finds the builder of a table's layout.
"""

from __future__ import annotations

from collections.abc import Callable

from ppsp.io.sheets.layouts.base import BuildContext, Built
from ppsp.io.sheets.layouts.implementation import IMPLEMENTATION_LOG, _build_implementation
from ppsp.io.sheets.layouts.plans import (
    DPA_TABLE,
    RENJA_TABLE,
    RENSTRA_TABLE,
    RKPD_TABLE,
    RPJMD_TABLE,
    _build_dpa,
    _build_renja,
    _build_renstra,
    _build_rkpd,
    _build_rpjmd,
)
from ppsp.io.sheets.layouts.profile import (
    ACCESS_PROFILE,
    WORKING_GROUP,
    _build_access,
    _build_working_group,
)
from ppsp.io.sheets.layouts.ssk import (
    SSK_MATRIX,
    SSK_TARGETS,
    _build_ssk,
    _build_ssk_targets,
    access_measure,
)
from ppsp.io.sheets.tables import Layout, TableRead

__all__ = [
    "ACCESS_PROFILE",
    "DPA_TABLE",
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


def register_layout(layout: Layout, builder: Callable[[TableRead, BuildContext], Built]) -> None:
    """Add a layout (and how its rows become a document) to the ones recognition tries."""
    LAYOUTS.append(layout)
    _BUILDERS[layout.name] = builder


def build(table: TableRead, context: BuildContext) -> Built:
    """The document a table describes, in its layout's way."""
    return _BUILDERS[table.layout.name](table, context)
