"""Import legacy spreadsheets and CSV files into typed documents, with a cell-accurate account.

>>> from ppsp.io.importer import read_file
>>> result = read_file("tests/fixtures/ssk_gunung_mas_2024_2028.xlsx")
>>> result.documents[0].period, len(result.documents[0].activities)
(PlanPeriod(start=2024, end=2028), 7)

Every value keeps its :class:`~ppsp.domain.location.SourceLocation` (``line.source`` for the
row, ``line.cells[field]`` for each cell), unknown columns land in ``extras``, and everything
unusual is a :class:`~ppsp.io.diagnostics.Diagnostic`. Lenient by default; ``strict=True``
turns error diagnostics into one :class:`~ppsp.io.diagnostics.StrictImportError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from ppsp.domain import Agency, PlanPeriod, RegionCode
from ppsp.domain.region import RegionRegister
from ppsp.errors import InvalidValue
from ppsp.i18n import N_
from ppsp.io.diagnostics import Diagnostic, Severity, SpreadsheetError, StrictImportError, errors_of
from ppsp.io.layouts import LAYOUTS, BuildContext, build
from ppsp.io.recognise import Recognition, RecognitionError, recognise_grid
from ppsp.io.tables import read_table
from ppsp.io.workbook import read_grids

__all__ = ["ImportResult", "read_file"]


@attrs.frozen
class ImportResult:
    """The documents found in a file, what was recognised, and every diagnostic."""

    file: str
    documents: tuple[Any, ...]
    recognitions: tuple[Recognition, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics of severity error."""
        return errors_of(self.diagnostics)


def read_file(
    path: str | Path,
    *,
    kind: str | None = None,
    region: str | RegionCode | None = None,
    year: int | None = None,
    period: str | PlanPeriod | None = None,
    agency: str | Agency | None = None,
    sheets: Sequence[str] | None = None,
    strict: bool = False,
    register: RegionRegister | None = None,
) -> ImportResult:
    """Read every recognisable table of a spreadsheet or CSV file.

    :param kind: the document kind (``ssk``, ``rkpd``, ``renja-pd``, ``dpa``, ``renstra-pd``,
        ``rpjmd``, ``bps`` for an access profile, ``implementation`` for a milestone log) when
        recognition cannot tell
    :param region: the region code or name when the titles do not say
    :param year: the fiscal year of an annual document; ``period``: of a five-year one
    :param agency: the agency of a Renja, Renstra or DPA
    :param sheets: only these sheets
    :raises SpreadsheetError: the file cannot be read, or holds no recognisable table
    :raises RecognitionError: the kind, region or year cannot be told; pass it
    :raises StrictImportError: with ``strict=True``, when any error diagnostic was found
    """
    file = str(path)
    grids = read_grids(path)
    ppsp_file = _read_ppsp(grids, file)
    if ppsp_file is not None:
        if strict and errors_of(ppsp_file.diagnostics):
            raise StrictImportError(errors_of(ppsp_file.diagnostics), file)
        return ppsp_file
    region_code = _region(region, register)
    plan_period = PlanPeriod.parse(period) if isinstance(period, str) else period
    the_agency = Agency(agency) if isinstance(agency, str) else agency
    documents: list[Any] = []
    recognitions: list[Recognition] = []
    diagnostics: list[Diagnostic] = []
    for grid in grids:
        if sheets is not None and grid.sheet not in sheets:
            continue
        recognition = recognise_grid(
            grid,
            LAYOUTS,
            kind=kind,
            region=region_code,
            year=year,
            period=plan_period,
            agency=the_agency,
            register=register,
        )
        if recognition is None:
            diagnostics.append(
                Diagnostic(
                    "no-table",
                    Severity.INFO,
                    N_("diagnostic.no-table"),
                    {},
                    _sheet_location(grid.file, grid.sheet),
                )
            )
            continue
        if recognition.region is None:
            raise RecognitionError(
                N_("recognise.region-missing"), file=file, sheet=grid.sheet or ""
            )
        table = read_table(grid, recognition.layout, header=recognition.header)
        if table is None:  # pragma: no cover - recognition found this header
            continue
        context = BuildContext(
            region=recognition.region,
            year=recognition.year,
            period=recognition.period,
            agency=recognition.agency,
            title=recognition.title,
        )
        try:
            built = build(table, context)
        except InvalidValue as error:
            raise RecognitionError(error.key, **error.params) from None
        recognitions.append(recognition)
        documents.append(built.document)
        diagnostics.extend(table.diagnostics)
        diagnostics.extend(built.diagnostics)
    if not documents:
        raise SpreadsheetError(
            N_("import.no-table"), file=file, sheets=[g.sheet or "-" for g in grids]
        )
    result = ImportResult(file, tuple(documents), tuple(recognitions), tuple(diagnostics))
    if strict and result.errors:
        raise StrictImportError(result.errors, file)
    return result


def _read_ppsp(grids: list[Any], file: str) -> ImportResult | None:
    """A file written by ppsp: its JSON from the hidden sheet (or first CSV row), with the edits a
    person made to the visible tables."""
    from ppsp.io.export import MARKER, overlay
    from ppsp.io.json import loads
    from ppsp.io.workbook import Grid

    text: str | None = None
    visible: dict[str | None, Any] = {}
    for grid in grids:
        if grid.sheet == "_ppsp" and grid.rows and grid.rows[0] and grid.rows[0][0] == MARKER:
            text = "".join(str(row[0]) for row in grid.rows[1:] if row and row[0])
        elif grid.sheet is None and grid.rows and grid.rows[0] and grid.rows[0][0] == MARKER:
            text = str(grid.rows[0][1]) if len(grid.rows[0]) > 1 else ""
            visible[None] = Grid(grid.file, None, grid.rows[1:], row_offset=1)
        else:
            visible[grid.sheet] = grid
    if text is None:
        return None
    document: Any = loads(text, source=file)
    document, diagnostics = overlay(document, visible, file)
    return ImportResult(file, (document,), (), tuple(diagnostics))


def _region(region: str | RegionCode | None, register: RegionRegister | None) -> RegionCode | None:
    if region is None or isinstance(region, RegionCode):
        return region
    from ppsp.domain import default_register

    return (register or default_register()).lookup(region).code


def _sheet_location(file: str, sheet: str | None) -> Any:
    from ppsp.domain.location import SourceLocation

    return SourceLocation(file=file, sheet=sheet)
