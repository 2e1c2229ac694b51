"""Write documents as clean spreadsheets (xlsx, CSV) and blank templates, losing nothing.

A ppsp workbook has one clean table per sheet: Indonesian headers in row 1, English ones in row
2, a frozen header, real numbers with ``#,##0`` formats, real dates, the ``extras`` of each line
as extra columns. A funding split is one amount column per source that has any money (``Dana
APBD kabupaten/kota``, ``Dana DAK Fisik``), beside the ``Sumber Dana`` names. An ``About`` sheet
says what the document is, an SSK has ``Target`` and ``Pokja`` sheets, and a hidden sheet
``_ppsp`` carries the document's complete JSON, so that values a table cannot show (funding
labels, nested extras, source locations) survive the trip. A CSV is the main table alone, its
header on the first line; the JSON is in the sidecar ``NAME.ppsp.json`` beside it. When a
person edits a visible cell, the edit wins on re-import (:func:`ppsp.io.sheets.importer.read_file`,
which applies them with :func:`overlay`).

Text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is neutralised: in
xlsx it is written as a text cell, never a formula; in CSV it is prefixed with ``'``.

Longer than 600 lines on purpose: writing a document (xlsx, CSV, templates) and :func:`overlay`,
which reads a person's edits of those very cells back, are one format seen from its two ends; kept
together so that what is written and what is read back as unchanged cannot drift apart. The export
tables themselves live with the layouts of their kinds.
"""

from __future__ import annotations

import csv
import io
import json as _json
import math
import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Final

import attrs

from ppsp.domain import (
    DPA,
    RKPD,
    RPJMD,
    Agency,
    BukuPutihSanitasi,
    ImplementationRecord,
    MemorandumProgram,
    NomenclatureCode,
    PlanPeriod,
    RenjaPD,
    RenstraPD,
    Rupiah,
    StrategiSanitasi,
)
from ppsp.domain import diagnostics as diag
from ppsp.domain.labels import LabelledEnum
from ppsp.domain.location import SourceLocation, column_letter
from ppsp.errors import InvalidValue, PpspError
from ppsp.i18n import N_
from ppsp.io.diagnostics import Diagnostic, Severity
from ppsp.io.output import no_folder, save_workbook, write_bytes, write_with
from ppsp.io.safe_text import CELL_LIMIT
from ppsp.io.sheets import cells
from ppsp.io.sheets.columns import Column, Table

__all__ = [
    "DANGEROUS_PREFIXES",
    "TEMPLATE_KINDS",
    "Column",
    "Table",
    "blank_document",
    "overlay",
    "sidecar_path",
    "tables_for",
    "write_csv",
    "write_template",
    "write_xlsx",
]

#: Characters that make a spreadsheet evaluate a cell (formula injection).
DANGEROUS_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")
MARKER: Final = "#ppsp"
ID_HEADER: Final = "ppsp id"
_CHUNK: Final = 30000  # below Excel's 32,767 characters per cell


def tables_for(document: Any, *, every_source: bool = False) -> list[Table]:
    """The visible tables a document is written as (``every_source``: an amount column for each
    funding source, as a blank form has): the ``tables`` function of its kind, which lives in
    the layout module of the kind (:data:`ppsp.io.sheets.layouts.EXPORT_TABLES`)."""
    from ppsp.io.sheets.layouts import EXPORT_TABLES

    for cls in type(document).__mro__:
        tables = EXPORT_TABLES.get(cls)
        if tables is not None:
            return tables(document, every_source)
    raise PpspError(N_("export.unknown-document"), type=type(document).__name__)


def _printable(value: str) -> str:
    """Text as a worksheet can hold it: control characters dropped, and text longer than a cell
    holds cut with a visible mark ``…[+N]`` (the document part ``_ppsp`` keeps the whole text,
    and a cell that still shows the cut text reads back as the whole one)."""
    from ppsp.io.safe_text import worksheet_text

    return worksheet_text(value)[0]


def _beyond_excel(value: Any) -> bool:
    """Numbers Excel cannot hold exactly (more than 15 significant digits) are written as text."""
    if isinstance(value, float):
        return math.isfinite(value) and float(f"{value:.15g}") != value
    if isinstance(value, Decimal):
        return len(value.as_tuple().digits) > 15
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) >= 10**15
    return False


def _safe_text(value: str) -> bool:
    return not value.startswith(DANGEROUS_PREFIXES)


def _cell_value(value: Any) -> Any:
    if isinstance(value, Rupiah):
        return value.amount
    if isinstance(value, NomenclatureCode | LabelledEnum):
        return str(value) if isinstance(value, NomenclatureCode) else value.label("id")
    return value


def _extras_keys(lines: Sequence[Any], columns: Sequence[Column]) -> list[str]:
    """The extras keys shown as columns: those a header cell can hold exactly. The others (empty,
    control characters, odd spacing, a formula-like start, a clash with a column) travel in the
    JSON only."""
    taken = {c.header.lower() for c in columns} | {ID_HEADER}
    keys: list[str] = []
    for line in lines:
        for key in line.extras:
            if (
                key
                and key not in keys
                and key.lower() not in taken
                and key == cells.text_of(key)
                and key == _printable(key)
                and _safe_text(key)
                and key.lower() not in {k.lower() for k in keys}
            ):
                keys.append(key)
    return keys


#: a number as ppsp writes it in text: no leading zero, no trailing zero in the fraction (a
#: code such as "1.10" or "0812" is not one)
_PLAIN_NUMBER: Final = re.compile(r"-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{0,9}[1-9])?")


def _numeric_extras(lines: Sequence[Any], keys: Sequence[str]) -> set[str]:
    """The extras columns whose every value is a number kept as text (a target's baseline
    read as ``78,5``): an xlsx writes them as numbers (the JSON keeps the text)."""
    found = set()
    for key in keys:
        values = [line.extras.get(key) for line in lines]
        present = [v for v in values if v not in (None, "")]
        if present and all(isinstance(v, str) and _PLAIN_NUMBER.fullmatch(v) for v in present):
            found.add(key)
    return found


def _extra_number(value: Any, numeric: bool) -> Any:
    if numeric and isinstance(value, str) and value:
        return Decimal(value)
    return _extra_cell(value)


def _extra_cell(value: Any) -> Any:
    if isinstance(value, tuple) or hasattr(value, "to_json"):
        from ppsp.domain.extras import _thaw

        return _json.dumps(_thaw(value), ensure_ascii=False)
    return value


def _document_json(document: Any) -> str:
    from ppsp.io.json import dumps

    return dumps(document, indent=None)


def _document_json_bytes(document: Any) -> bytes:
    from ppsp.io.json import dumpb

    return dumpb(document, indent=None)


#: the note of the About sheet, in both languages (as the headers are); ``{reading}`` names
#: the sheets for reading the workbook has, ``{adoption}`` the Penetapan sheet when it has one
_ABOUT_NOTE: Final = (
    "Ditulis oleh ppsp. Ubah sel pada lembar tabel{adoption} lalu baca kembali dengan "
    "`ppsp import`: perubahan Anda yang berlaku. Lembar tersembunyi _ppsp menyimpan dokumen "
    "lengkap; {reading} hanya untuk dibaca.",
    "Written by ppsp. Edit the cells of the table sheets{adoption}, then read the file back with "
    "`ppsp import`: your edits win. The hidden sheet _ppsp keeps the whole document; {reading} "
    "for reading only.",
)
#: the words of the About note for the sheets a workbook has, in both languages
_ABOUT_NOTE_WORDS: Final = (
    {
        "about": "lembar About",
        "pokja": "lembar About dan Pokja",
        "adoption": " dan lembar Penetapan",
    },
    {
        "about": "the About sheet is",
        "pokja": "the About and Pokja sheets are",
        "adoption": " and the Penetapan sheet",
    },
)
#: the sheet of an SSK's adoption (the Perbup/Perwali that adopts it, DOC004): edited, read back
ADOPTION_SHEET: Final = "Penetapan"
#: its note, in both languages
_ADOPTION_NOTE: Final = (
    "Tulis di sini peraturan kepala daerah yang menetapkan dokumen ini: jenisnya (Perbup atau "
    "Perwali), nomornya, dan tanggalnya (TTTT-BB-HH). Aturan DOC004 memeriksa nomor dan tanggal.",
    "Write here the head of region's regulation that adopts this document: its kind (Perbup or "
    "Perwali), its number and its date (YYYY-MM-DD). Rule DOC004 checks the number and the date.",
)


def _about_rows(document: Any) -> list[tuple[str, str, Any]]:
    """What the About sheet says of a document: kind, region, period or year, title."""
    from ppsp._version import __version__
    from ppsp.domain import default_register

    region = default_register().get_region(document.region)
    rows: list[tuple[str, str, Any]] = [
        ("Jenis dokumen", "Document kind", document.kind.value),
        ("Kode wilayah", "Region code", str(document.region)),
        ("Nama wilayah", "Region name", region.name if region is not None else None),
    ]
    period = getattr(document, "period", None)
    if period is not None:
        rows.append(("Periode", "Period", str(period)))
    year = getattr(document, "year", None)
    if year is not None:
        rows.append(("Tahun", "Year", year))
    agency = getattr(document, "agency", None)
    if agency is not None:
        rows.append(("Perangkat Daerah", "Agency", agency.name))
    rows.append(("Judul", "Title", document.title))
    rows.append(("Versi ppsp", "ppsp version", __version__))
    return rows


def _adoption_rows(document: Any) -> list[tuple[str, str, Any]]:
    """The Penetapan sheet of an SSK: the instrument that adopts it, its number, date, title
    (empty for a person to fill in); nothing for another kind."""
    if getattr(document.kind, "value", document.kind) != "ssk":
        return []
    adoption = document.adoption
    return [
        ("Instrumen", "Instrument", adoption.instrument if adoption else None),
        ("Nomor", "Number", adoption.number if adoption else None),
        ("Tanggal", "Date", adoption.date if adoption else None),
        ("Judul", "Title", adoption.title if adoption else None),
    ]


def _read_adoption(document: Any, grid: Any, file: str, diagnostics: list[Diagnostic]) -> Any:
    """``document`` with the edits of its Penetapan sheet: a cell that still shows what was
    written is no edit (the adoption from ``_ppsp`` stands, whole); an edited one changes its
    field; a sheet emptied is no adoption."""
    from ppsp.domain import Adoption

    fields = {"Instrument": "instrument", "Number": "number", "Date": "date", "Title": "title"}
    adoption = document.adoption
    changes: dict[str, Any] = {}
    for index, (_indonesian, english, written) in enumerate(_adoption_rows(document)):
        row: Sequence[Any] = grid.rows[index] if index < len(grid.rows) else ()
        value = row[2] if len(row) > 2 else None
        if _same(written, value) or (written is None and cells.is_blank(value)):
            continue
        where = _location(file, grid.sheet, grid.excel_row(index), 2, english)
        try:
            read = cells.to_date(value) if english == "Date" else cells.to_text(value)
        except cells.CellProblem as problem:
            diagnostics.append(
                Diagnostic(problem.code, Severity.ERROR, problem.key, dict(problem.params), where)
            )
            continue
        changes[fields[english]] = read
    if not changes:
        return document
    if adoption is None:
        adoption = Adoption(instrument=changes.pop("instrument", None) or "Perbup/Perwali")
    merged = attrs.evolve(adoption, **changes)
    if not any((changes.get("instrument", merged.instrument), merged.number, merged.date)):
        return attrs.evolve(document, adoption=None)  # the sheet emptied
    if not merged.instrument:
        merged = attrs.evolve(merged, instrument="Perbup/Perwali")
    return attrs.evolve(document, adoption=merged)


def _pokja_rows(document: Any) -> list[tuple[str, str, Any]]:
    group = getattr(document, "working_group", None)
    if group is None:
        return []
    rows: list[tuple[str, str, Any]] = [
        ("Nama", "Name", group.name),
        ("Jenis", "Kind", group.kind.label("id")),
        ("Nomor SK", "Decree", group.decree),
    ]
    # each member with the role the Pokja sheet gave it (Ketua, Sekretaris), as read
    roles: dict[str, str] = {}
    for read in group.extras.get("rows", ()) if hasattr(group.extras, "get") else ():
        agency, role = _get(read, "agency"), _get(read, "role")
        if isinstance(agency, str) and isinstance(role, str) and role.strip():
            roles.setdefault(agency, role.strip())
    for member in group.members:
        role = roles.get(member.name)
        if role is None or role.lower() == "anggota":
            rows.append(("Anggota", "Member", member.name))
        else:
            rows.append((role, _ROLES_EN.get(role.lower(), role), member.name))
    return rows


#: the roles of a Pokja in English, for the sheet's second column (any other role as written)
_ROLES_EN: Final = {
    "ketua": "Chair",
    "wakil ketua": "Vice chair",
    "sekretaris": "Secretary",
    "wakil sekretaris": "Vice secretary",
    "bendahara": "Treasurer",
    "koordinator": "Coordinator",
    "pengarah": "Steering",
    "penanggung jawab": "Person in charge",
}


def _get(row: Any, key: str) -> Any:
    try:
        return row[key]
    except (KeyError, TypeError, IndexError):
        return None


def _write_info_sheet(workbook: Any, name: str, rows: list[tuple[str, str, Any]]) -> None:
    """A sheet for reading: Indonesian label, English label, value."""
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(name)
    for index, (indonesian, english, value) in enumerate(rows, start=1):
        sheet.cell(index, 1, indonesian).font = Font(bold=True)
        sheet.cell(index, 2, english).font = Font(italic=True, color="666666")
        if value is not None:
            cell = sheet.cell(index, 3, _printable(value) if isinstance(value, str) else value)
            if isinstance(value, str):
                cell.data_type = "s"
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 22
    sheet.column_dimensions["C"].width = 60


def write_xlsx(
    document: Any,
    path: str | Path,
    *,
    every_source: bool = False,
    diagnostics: list[Diagnostic] | None = None,
) -> Path:
    """Write a document as a clean workbook (see the module docstring); returns the path.

    Each table of the document has its sheet (an SSK: ``Kegiatan SSK`` and ``Target``); the
    ``About`` sheet says what the document is (kind, region, period), a ``Pokja`` sheet lists
    the SSK's working group, and the hidden ``_ppsp`` sheet holds the whole document.
    ``every_source``: an amount column for each funding source (a blank form).

    A text longer than a cell holds (32,767 characters) is cut in its visible cell with the mark
    ``…[+N]``, kept whole in the document part, and said in ``diagnostics`` (when given) with
    the cell it is in.
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    target = Path(path)
    if not target.parent.exists():
        raise no_folder(target.parent)
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    grey = PatternFill("solid", fgColor="DDDDDD")
    for table in tables_for(document, every_source=every_source):
        lines = getattr(document, table.attribute)
        sheet = workbook.create_sheet(table.sheet[:31])
        extras = _extras_keys(lines, table.columns)
        headers = (
            [(c.header, c.english) for c in table.columns]
            + [(k, k) for k in extras]
            + [(ID_HEADER, ID_HEADER)]
        )
        for index, (indonesian, english) in enumerate(headers, start=1):
            top = sheet.cell(1, index, indonesian)
            top.font, top.fill = bold, grey
            top.comment = Comment(english, "ppsp")
            second = sheet.cell(2, index, english)
            second.font = Font(italic=True, color="666666")
            sheet.column_dimensions[column_letter(index)].width = max(
                10, min(40, len(indonesian) + 4)
            )
        numeric = _numeric_extras(lines, extras)
        for row, line in enumerate(lines, start=3):
            values = (
                [c.get(line) for c in table.columns]
                + [_extra_number(line.extras.get(k), k in numeric) for k in extras]
                + [row - 3]
            )
            kinds = [c.kind for c in table.columns] + ["text"] * (len(extras) + 1)
            for index, (value, kind) in enumerate(zip(values, kinds, strict=True), start=1):
                value = _cell_value(value)
                if value is None:
                    continue
                cell = sheet.cell(row, index)
                if _beyond_excel(value):
                    value = repr(value) if isinstance(value, float) else f"{value:f}"
                if isinstance(value, str):
                    cell.value = _printable(value)
                    cell.data_type = "s"  # never a formula, whatever the text begins with
                    if len(value) > CELL_LIMIT and diagnostics is not None:
                        where = SourceLocation(
                            file=str(target),
                            sheet=sheet.title,
                            row=row,
                            column=column_letter(index),
                            header=headers[index - 1][0],
                        )
                        diagnostics.append(
                            diag.CELL_CUT.at(where, {"length": len(value), "limit": CELL_LIMIT})
                        )
                else:
                    cell.value = value
                if kind == "money" and not isinstance(value, str):
                    cell.number_format = "#,##0" if value == int(value) else "#,##0.00"
                elif kind == "date":
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A3"
        sheet.column_dimensions[column_letter(len(headers))].hidden = True
        sheet.cell(1, 1).alignment = Alignment(wrap_text=True)
    adoption = _adoption_rows(document)
    if adoption:
        _write_info_sheet(workbook, ADOPTION_SHEET, [*adoption, ("Catatan", "Note", None)])
        sheet = workbook[ADOPTION_SHEET]
        sheet.cell(3, 3).number_format = "yyyy-mm-dd"
        sheet.cell(sheet.max_row + 1, 1, _ADOPTION_NOTE[0])
        sheet.cell(sheet.max_row + 1, 1, _ADOPTION_NOTE[1])
    pokja = _pokja_rows(document)
    if pokja:
        _write_info_sheet(workbook, "Pokja", pokja)
    _write_info_sheet(workbook, "About", [*_about_rows(document), ("Catatan", "Note", None)])
    about = workbook["About"]
    for note, words in zip(_ABOUT_NOTE, _ABOUT_NOTE_WORDS, strict=True):
        reading = words["pokja" if pokja else "about"]
        edited = words["adoption"] if adoption else ""
        about.cell(about.max_row + 1, 1, note.format(reading=reading, adoption=edited))
    hidden = workbook.create_sheet("_ppsp")
    hidden.sheet_state = "hidden"
    hidden["A1"] = MARKER
    text = _document_json(document)
    for index in range(0, max(len(text), 1), _CHUNK):
        cell = hidden.cell(index // _CHUNK + 2, 1, text[index : index + _CHUNK])
        cell.data_type = "s"
    return save_workbook(workbook, target)


def _csv_text(value: Any) -> str:
    value = _cell_value(value)
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, str):
        # a line break as LF: a data frame writes a lone CR unquoted (the JSON keeps it)
        text = _printable(value).replace("\r\n", "\n").replace("\r", "\n")
        return "'" + text if not _safe_text(text) else text
    return cells.text_of(value)


def sidecar_path(path: str | Path) -> Path:
    """Where the whole document of a CSV file is kept: ``rkpd.csv`` -> ``rkpd.ppsp.json``."""
    target = Path(path)
    return target.with_name(f"{target.stem}.ppsp.json")


def write_csv(document: Any, path: str | Path, *, delimiter: str = ",") -> Path:
    """Write a document's main table as plain CSV (UTF-8 with a byte order mark; ``,`` or
    ``;``): the header on the first line, one row per line. What the table cannot show (the other tables, funding labels,
    nested extras, source locations) is in the sidecar :func:`sidecar_path` beside it, the
    document's JSON, which :func:`ppsp.io.sheets.importer.read_file` reads with the edits of the CSV.
    Returns the CSV's path."""
    if delimiter not in (",", ";"):
        raise PpspError(N_("export.delimiter"), value=delimiter)
    target = Path(path)
    if not target.parent.exists():
        raise no_folder(target.parent)
    table = tables_for(document)[0]
    lines = getattr(document, table.attribute)
    extras = _extras_keys(lines, table.columns)

    def write(stream: IO[bytes]) -> None:
        # straight into the file, a row at a time (a whole CSV as one text was three copies
        # of it in memory); with a byte order mark, so that Excel reads UTF-8 (pandas and
        # polars skip it)
        text = io.TextIOWrapper(stream, encoding="utf-8", errors="surrogateescape", newline="")
        text.write("\ufeff")
        writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow([c.header for c in table.columns] + extras + [ID_HEADER])
        for index, line in enumerate(lines):
            writer.writerow(
                [_csv_text(c.get(line)) for c in table.columns]
                + [_csv_text(_extra_cell(line.extras.get(k))) for k in extras]
                + [str(index)]
            )
        text.flush()
        text.detach()

    # the whole document beside it, written the same safe way
    write_bytes(sidecar_path(target), _document_json_bytes(document) + b"\n")
    return write_with(target, write)


#: the kinds a template is written for, and whether each is annual (a year) or five-yearly
TEMPLATE_KINDS: Final = {
    "ssk": False,
    "rpjmd": False,
    "renstra-pd": False,
    "rkpd": True,
    "renja-pd": True,
    "dpa": True,
    "mps": False,
    "bps": True,
    "implementation": True,
}


def blank_document(
    kind: str,
    region: Any,
    *,
    period: str | int | PlanPeriod | None = None,
    agency: str | Agency | None = None,
) -> Any:
    """An empty document of ``kind`` for ``region`` and ``period`` (a year for an annual kind,
    ``2025-2029`` or its first year for a five-year one).

    >>> blank_document("ssk", "62.10", period="2025-2029").period
    PlanPeriod(start=2025, end=2029)
    >>> blank_document("rkpd", "62.10", period=2026).year
    2026
    """
    from ppsp.domain import FiscalYear, RegionCode

    if kind not in TEMPLATE_KINDS:
        raise PpspError(N_("export.unknown-kind"), value=kind, kinds=sorted(TEMPLATE_KINDS))
    code = RegionCode.parse(region)
    text = str(period if period is not None else 2025).strip()
    if TEMPLATE_KINDS[kind]:
        year = FiscalYear.parse(text).year
        plan = PlanPeriod.of(year)
    else:
        plan = PlanPeriod.of(int(text)) if text.isdigit() else PlanPeriod.parse(text)
        year = plan.start
    who = Agency(agency) if isinstance(agency, str) else agency

    def required() -> Agency:
        if who is None:
            raise PpspError(N_("export.template-agency"), kind=kind)
        return who

    blanks: dict[str, Callable[[], Any]] = {
        "ssk": lambda: StrategiSanitasi(region=code, period=plan),
        "rpjmd": lambda: RPJMD(region=code, period=plan),
        "renstra-pd": lambda: RenstraPD(region=code, period=plan, agency=required()),
        "rkpd": lambda: RKPD(region=code, year=year),
        "renja-pd": lambda: RenjaPD(region=code, year=year, agency=required()),
        "dpa": lambda: DPA(region=code, year=year, agency=who),
        "mps": lambda: MemorandumProgram(region=code, period=plan),
        "bps": lambda: BukuPutihSanitasi(region=code, year=year),
        "implementation": lambda: ImplementationRecord(region=code),
    }
    return blanks[kind]()


def write_template(
    kind: str,
    path: str | Path,
    *,
    start_year: int = 2025,
    region: Any = None,
    period: str | int | PlanPeriod | None = None,
    agency: str | Agency | None = None,
) -> Path:
    """A blank form for a document kind: its tables' headers, an amount column per funding
    source (for a kind whose funding has amounts), money cells formatted.

    With ``region`` (and ``period``: the year, or the five-year period), the form is the clean
    workbook of an empty document (:func:`blank_document`, :func:`write_xlsx`): it carries its
    region and period, and the rows a person fills in read back without ``--region`` or
    ``--year``. Without it, the form has the Indonesian headers only (the English ones in
    notes), data from row 2, and its import needs them."""
    target = Path(path)
    if not target.parent.exists():
        raise no_folder(target.parent)
    if region is not None:
        document = blank_document(
            kind, region, period=period if period is not None else start_year, agency=agency
        )
        write_xlsx(document, target, every_source=True)
        _format_money_cells(target, document)
        return target
    if kind not in TEMPLATE_KINDS:
        raise PpspError(N_("export.unknown-kind"), value=kind, kinds=sorted(TEMPLATE_KINDS))
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    document = blank_document(
        kind, "62", period=period if period is not None else start_year, agency=agency or "-"
    )  # the headers only: the province code stands in for the region the import is told
    workbook = Workbook()
    workbook.remove(workbook.active)
    # an amount column per source where the kind's layout reads them (an SSK's split)
    for table in tables_for(document, every_source=kind == "ssk"):
        sheet = workbook.create_sheet(table.sheet[:31])
        for index, column in enumerate(table.columns, start=1):
            # the English header as a note: a second header row would be read as data by a
            # layout that does not know the English names
            cell = sheet.cell(1, index, column.header)
            cell.font, cell.comment = Font(bold=True), Comment(column.english, "ppsp")
            if column.kind == "money":
                for row in range(2, 202):
                    sheet.cell(row, index).number_format = "#,##0"
        sheet.freeze_panes = "A2"
    return save_workbook(workbook, target)


def _format_money_cells(path: Path, document: Any) -> None:
    """The amount cells of a blank form formatted ``#,##0`` for the rows a person adds."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    for table in tables_for(document, every_source=True):
        sheet = workbook[table.sheet[:31]]
        for index, column in enumerate(table.columns, start=1):
            if column.kind == "money":
                for row in range(3, 203):
                    sheet.cell(row, index).number_format = "#,##0"
    save_workbook(workbook, path)


def _location(file: str, sheet: str | None, row: int, index: int, header: str) -> SourceLocation:
    return SourceLocation(
        file=file, sheet=sheet, row=row, column=column_letter(index + 1), header=header
    )


_NUMERAL: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
#: texts pandas reads as missing by default (``read_csv``'s ``na_values``): written back empty,
#: they are no edit
_FRAME_BLANKS: Final = frozenset(
    {"#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>",
     "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"}
)  # fmt: skip
#: texts a data frame reads as an infinite float and writes back as ``inf``
_FRAME_INFINITY: Final = frozenset({"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"})
#: The texts pandas reads as booleans, and writes back as ``True`` / ``False``.
_FRAME_BOOLEANS: Final = frozenset({"True", "TRUE", "true", "False", "FALSE", "false"})


def _same(written: Any, read: Any) -> bool:
    """Whether a cell still shows what the exporter wrote (so the JSON value stands)."""
    written = _cell_value(written)
    if isinstance(written, str) and isinstance(read, str) and read == cells.text_of(written):
        return True  # as written, a text that itself begins with "'@" included
    if isinstance(read, str) and read.startswith("'") and read[1:].startswith(DANGEROUS_PREFIXES):
        read = read[1:]  # the CSV neutralisation prefix
    if isinstance(written, str):
        raw_text = cells.text_of(written)
        if not cells.is_blank(read) and cells.text_of(read) in (raw_text, "'" + raw_text):
            return True  # CSV keeps every character
        shown = cells.text_of(_printable(written))  # what the cell held: no control characters
        if _NUMERAL.fullmatch(shown) and _NUMERAL.fullmatch(cells.text_of(read)):
            # a text of digits that a data frame read as a number and wrote back ("100" as
            # 100.0, in a column with empty cells): the same text
            return Decimal(shown) == Decimal(cells.text_of(read))
        if raw_text in _FRAME_BLANKS and cells.is_blank(read):
            return True  # "N/A", "None": pandas reads them as missing and writes them empty
        if raw_text.lower() in _FRAME_INFINITY and cells.text_of(read).lower() in _FRAME_INFINITY:
            return raw_text.startswith("-") == cells.text_of(read).startswith("-")
        if raw_text in _FRAME_BOOLEANS and cells.text_of(read) in ("True", "False"):
            return raw_text.lower() == cells.text_of(read).lower()  # "TRUE" read and written back
        if not cells.is_blank(read) and "\r" in written:
            lf = written.replace("\r\n", "\n").replace("\r", "\n")
            return cells.text_of(read) == cells.text_of(_printable(lf))
        written = cells.text_of(_printable(written))
    if written is None or written == "":
        return cells.is_blank(read)
    if isinstance(written, bool):
        return read is written or cells.text_of(read).upper() == ("TRUE" if written else "FALSE")
    if cells.is_blank(read):
        return False
    if isinstance(written, Decimal | int | float) and not isinstance(written, bool):
        if isinstance(written, float) and isinstance(read, float):
            return math.isclose(written, read, rel_tol=1e-12, abs_tol=1e-300)
        try:
            number = (
                Decimal(cells.text_of(read)) if isinstance(read, str) else cells.to_decimal(read)
            )
        except (cells.CellProblem, ArithmeticError):
            try:
                number = cells.to_decimal(read)
            except cells.CellProblem:
                return False
        expected = Decimal(repr(written)) if isinstance(written, float) else Decimal(written)
        # a worksheet stores numbers as binary doubles: what reads back within half a sen (or
        # a 1e-12 relative step) is what was written
        return number is not None and abs(number - expected) <= max(
            Decimal("0.005"), abs(expected) * Decimal("1e-12")
        )
    if hasattr(written, "isoformat"):
        try:
            return bool(cells.to_date(read) == written)
        except cells.CellProblem:
            return False
    return cells.text_of(read) == cells.text_of(_printable(str(written)))


def _negative(value: Any, where: SourceLocation, diagnostics: list[Diagnostic]) -> None:
    """A warning for an edited amount below zero (a cost or pagu cannot be negative)."""
    amount = cells.to_money(value)
    if amount is not None and amount.amount < 0:
        diagnostics.append(
            diag.NEGATIVE_AMOUNT.at(where, {"value": cells.text_of(value), "amount": amount})
        )


def overlay(document: Any, grids: dict[str | None, Any], file: str) -> tuple[Any, list[Diagnostic]]:
    """Apply the edits a person made to the visible tables onto the document from ``_ppsp``."""
    # Long: the edits of each visible table laid back onto the document, table by table and cell
    # by cell, with a diagnostic for every edit it cannot take; one sequence.
    diagnostics: list[Diagnostic] = []
    original = document
    tables = tables_for(document, every_source=True)  # a source's column a person added too
    if None in grids:  # a CSV file holds the first table only
        tables = tables[:1]
    for table in tables:
        grid = grids.get(table.sheet[:31]) if table.sheet[:31] in grids else grids.get(None)
        if grid is None:
            continue
        lines = list(getattr(document, table.attribute))
        header = [cells.text_of(v) for v in grid.rows[0]] if grid.rows else []
        by_header = {h: i for i, h in enumerate(header)}
        id_index = by_header.get(ID_HEADER)
        extras_keys = [
            h for h in header if h and h not in {c.header for c in table.columns} and h != ID_HEADER
        ]
        start = (
            2
            if len(grid.rows) > 1 and cells.text_of(grid.rows[1][0]) == table.columns[0].english
            else 1
        )
        result: list[Any] = []
        for r in range(start, len(grid.rows)):
            row = grid.rows[r]
            if all(cells.is_blank(v) for v in row):
                continue
            identifier = (
                cells.to_int(row[id_index])
                if id_index is not None
                and id_index < len(row)
                and not cells.is_blank(row[id_index])
                else None
            )
            line = (
                lines[identifier]
                if identifier is not None and 0 <= identifier < len(lines)
                else None
            )
            if line is None:
                where = SourceLocation(file=file, sheet=grid.sheet, row=grid.excel_row(r))
                if table.new is None:
                    diagnostics.append(
                        diag.NEW_ROW.at(
                            where, severity=Severity.WARNING, key=N_("diagnostic.new-row-ignored")
                        )
                    )
                    continue
                diagnostics.append(diag.NEW_ROW.at(where))
                line = attrs.evolve(table.new(), source=where)
            written = line  # what the exporter wrote: a cell that still shows it is no edit
            for column in table.columns:
                index = by_header.get(column.header)
                if index is None:
                    continue
                value = row[index] if index < len(row) else ""
                if _same(column.get(written), value):
                    continue
                where = _location(file, grid.sheet, grid.excel_row(r), index, column.header)
                if column.set is None:
                    diagnostics.append(diag.READ_ONLY_COLUMN.at(where, {"header": column.header}))
                    continue
                try:
                    line = column.set(line, value)
                except (cells.CellProblem, InvalidValue) as problem:
                    key = getattr(problem, "key", N_("diagnostic.wrong-type"))
                    params = getattr(problem, "params", {})
                    diagnostics.append(
                        Diagnostic(
                            getattr(problem, "code", "bad-value"),
                            Severity.ERROR,
                            key,
                            dict(params),
                            where,
                        )
                    )
                    continue
                line = attrs.evolve(line, cells={**line.cells, column.header: where})
                if column.kind == "money":
                    _negative(value, where, diagnostics)
            changed = dict(line.extras)
            for key in extras_keys:
                index = by_header[key]
                value = row[index] if index < len(row) else ""
                if not _same(_extra_cell(line.extras.get(key)), value):
                    if cells.is_blank(value):
                        changed.pop(key, None)
                    else:
                        changed[key] = cells.json_safe(value)
            if changed != dict(line.extras):
                line = attrs.evolve(line, extras=changed)
            result.append(line)
        document = attrs.evolve(document, **{table.attribute: tuple(result)})
    if None not in grids:
        diagnostics.extend(_reading_sheets_edited(original, grids, file))
        if ADOPTION_SHEET in grids and _adoption_rows(document):
            document = _read_adoption(document, grids[ADOPTION_SHEET], file, diagnostics)
    return document, diagnostics


def _reading_sheets_edited(
    document: Any, grids: dict[str | None, Any], file: str
) -> Iterator[Diagnostic]:
    """A warning for each sheet for reading (About, Pokja) whose values a person changed: such
    edits are not read back, and must not be lost without a word."""
    for name, rows in (("Pokja", _pokja_rows(document)), ("About", _about_rows(document))):
        grid = grids.get(name)
        if grid is None:
            continue
        for index, (_indonesian, english, value) in enumerate(rows):
            row: Sequence[Any] = grid.rows[index] if index < len(grid.rows) else ()
            read = row[2] if len(row) > 2 else None
            if not _same(value, read):
                where = _location(file, name, grid.excel_row(index), 2, english)
                yield diag.READ_ONLY_SHEET.at(where, {"sheet": name})
                break
