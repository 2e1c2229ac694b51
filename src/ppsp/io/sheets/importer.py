"""Import legacy spreadsheets and CSV files into typed documents, with a cell-accurate account.

>>> from ppsp.io.sheets.importer import read_file
>>> result = read_file("tests/fixtures/ssk_gunung_mas_2024_2028.xlsx")
>>> result.documents[0].period, len(result.documents[0].activities)
(PlanPeriod(start=2024, end=2028), 7)

Every value keeps its :class:`~ppsp.domain.location.SourceLocation` (``line.source`` for the
row, ``line.cells[field]`` for each cell), unknown columns land in ``extras``, and everything
unusual is a :class:`~ppsp.domain.diagnostics.Diagnostic`. Lenient by default; ``strict=True``
turns error diagnostics into one :class:`~ppsp.io.diagnostics.StrictImportError`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from ppsp.domain import Agency, PlanPeriod, RegionBundle, RegionCode
from ppsp.domain import diagnostics as diag
from ppsp.domain.diagnostics import import_findings
from ppsp.domain.kinds import kind_spec
from ppsp.domain.region import RegionRegister
from ppsp.errors import InvalidValue
from ppsp.i18n import N_
from ppsp.io.diagnostics import Diagnostic, SpreadsheetError, StrictImportError, errors_of
from ppsp.io.sheets.layouts import LAYOUTS, BuildContext, build
from ppsp.io.sheets.recognise import Recognition, RecognitionError, WeakRecognition, recognise_grid
from ppsp.io.sheets.tables import merged_lookup, read_table, score_header
from ppsp.io.sheets.workbook import read_grids

__all__ = [
    "BundleRead",
    "FileSpec",
    "ImportResult",
    "Manifest",
    "expand_paths",
    "load_manifest",
    "merge_ssk",
    "read_bundle",
    "read_file",
]


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
    # Long: the import's one sequence over the sheets (a clean ppsp file, each sheet recognised,
    # weak tables said, documents built, what reading noticed), each step a call or a few lines.
    file = str(path)
    grids = read_grids(path)
    ppsp_file = _read_ppsp(grids, file)
    if ppsp_file is not None:
        empty = [
            diag.EMPTY_DOCUMENT.at(_sheet_location(file, None), {"kind": d.kind})
            for d in ppsp_file.documents
            if _nothing_read(d)
        ]
        if empty:  # a template filled in with nothing, or an export of an empty document
            ppsp_file = attrs.evolve(ppsp_file, diagnostics=(*ppsp_file.diagnostics, *empty))
        if strict and errors_of(ppsp_file.diagnostics):
            raise StrictImportError(errors_of(ppsp_file.diagnostics), file)
        return ppsp_file
    region_code = _region(region, register)
    plan_period = PlanPeriod.parse(period) if isinstance(period, str) else period
    the_agency = Agency(agency) if isinstance(agency, str) else agency
    documents: list[Any] = []
    recognitions: list[Recognition] = []
    # what reading the file noticed (hidden sheets and columns, macros, CSV quotes): always said
    diagnostics: list[Diagnostic] = [note for grid in grids for note in grid.notes]
    found: list[tuple[Any, Recognition | None]] = []
    weak: list[WeakRecognition] = []
    for grid in grids:
        if sheets is not None and grid.sheet not in sheets:
            continue
        try:
            recognised = _recognise(
                grid, kind, region_code, year, plan_period, the_agency, register
            )
        except WeakRecognition as refused:
            # only weakly like a layout: not read as it, whatever else was given (--kind reads it)
            weak.append(refused)
            diagnostics.append(
                diag.WEAK_TABLE.at(
                    _sheet_location(grid.file, grid.sheet), {"guesses": refused.params["guesses"]}
                )
            )
            continue
        found.append((grid, recognised))
    # a workbook often states its period on its first sheet only: the others share it
    file_period = next((r.period for _, r in found if r is not None and r.period), None)
    queue = list(found)
    while queue:
        grid, recognition = queue.pop(0)
        if (
            recognition is not None
            and recognition.period is None
            and file_period is not None
            and recognition.layout.kind in ("ssk", "mps", "rpjmd", "renstra-pd")
        ):
            recognition = attrs.evolve(recognition, period=file_period)
        if recognition is None:
            diagnostics.append(diag.NO_TABLE.at(_sheet_location(grid.file, grid.sheet)))
            continue
        if recognition.region is None:
            raise RecognitionError(
                N_("recognise.region-missing"), file=file, sheet=grid.sheet or ""
            )
        table = read_table(
            grid, recognition.layout, header=recognition.header, boundary=_boundary()
        )
        if table is None:  # pragma: no cover - recognition found this header
            continue
        if table.next_table is not None:
            # another table below this one on the same sheet: recognised on its own, sharing
            # the region and the year or period the sheet's titles gave the first
            rest = _rows_from(grid, table.next_table)
            below = _recognise(
                rest,
                kind,
                region_code or recognition.region,
                year or recognition.year,
                plan_period or recognition.period,
                the_agency,
                register,
            )
            queue.insert(0, (rest, below))
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
        if recognition.titled_region is not None:
            named = recognition.titled_region
            diagnostics.append(
                diag.REGION_OVERRIDDEN.at(
                    _sheet_location(grid.file, grid.sheet),
                    {"titled": f"{named.name} ({named.code})", "region": recognition.region},
                )
            )
        documents.append(
            _with_stated_totals(built.document, (*table.diagnostics, *built.diagnostics))
        )
        if _nothing_read(built.document):
            diagnostics.append(
                diag.EMPTY_DOCUMENT.at(
                    _sheet_location(grid.file, grid.sheet), {"kind": recognition.kind}
                )
            )
        diagnostics.extend(table.diagnostics)
        diagnostics.extend(built.diagnostics)
    if not documents and weak:
        raise weak[0]
    if not documents:
        sheet_names = [g.sheet for g in grids if g.sheet is not None]  # a CSV has none
        # what reading noticed (a hidden sheet may be where the table is) is said with it
        notes = _Noted(note for grid in grids for note in grid.notes)
        noted = {"noted": notes} if notes else {}
        if kind is not None:  # the kind was given: no hint to give it
            raise SpreadsheetError(
                N_("import.no-table-of-kind-noted") if notes else N_("import.no-table-of-kind"),
                file=file,
                sheets=sheet_names,
                kind=kind,
                **noted,
            )
        raise SpreadsheetError(
            N_("import.no-table-noted") if notes else N_("import.no-table"),
            file=file,
            sheets=sheet_names,
            **noted,
        )
    result = ImportResult(file, tuple(documents), tuple(recognitions), tuple(diagnostics))
    if strict and result.errors:
        raise StrictImportError(result.errors, file)
    return result


def _with_stated_totals(document: Any, diagnostics: Sequence[Diagnostic]) -> Any:
    """``document`` with the total rows of its sheet that disagree with their rows (the FIN005
    diagnostics), so that the bundle alone gives the same FIN005 findings as the sheet."""
    from ppsp.domain import StatedTotal

    totals = tuple(
        StatedTotal(
            label=str(d.params.get("label", "")),
            stated=d.params["stated"],
            computed=d.params["computed"],
            source=d.location,
        )
        for d in diagnostics
        if d.params and d.params.get("rule") == "FIN005" and "stated" in d.params
    )
    if not totals:
        return document
    return attrs.evolve(document, stated_totals=(*document.stated_totals, *totals))


def _boundary() -> Callable[[Any, int], bool]:
    """A test for "this row is the header of another table" (of some layout, one or two rows
    deep), for one grid: its merged-cell lookup is built once, when first needed."""
    merged: dict[tuple[int, int], tuple[int, int]] | None = None

    def another_header(grid: Any, row: int) -> bool:
        nonlocal merged
        if merged is None:
            merged = merged_lookup(grid)
        return any(
            score_header(layout, grid, row, depth, merged)[0] >= _BOUNDARY_SCORE
            for layout in LAYOUTS
            for depth in (1, 2)
        )

    return another_header


#: How well a row must read as a header to end the table above it.
_BOUNDARY_SCORE = 4.0


def _rows_from(grid: Any, start: int) -> Any:
    """The part of a sheet from grid row ``start`` down, as a grid of its own."""
    return attrs.evolve(
        grid,
        rows=grid.rows[start:],
        merged=tuple(
            (r1 - start, c1, r2 - start, c2) for r1, c1, r2, c2 in grid.merged if r1 >= start
        ),
        hidden_rows=frozenset(r - start for r in grid.hidden_rows if r >= start),
        formulas={(r - start, c): f for (r, c), f in grid.formulas.items() if r >= start},
        row_offset=grid.row_offset + start,
    )


def _recognise(
    grid: Any,
    kind: str | None,
    region: RegionCode | None,
    year: int | None,
    period: PlanPeriod | None,
    agency: Agency | None,
    register: RegionRegister | None,
) -> Recognition | None:
    return recognise_grid(
        grid,
        LAYOUTS,
        kind=kind,
        region=region,
        year=year,
        period=period,
        agency=agency,
        register=register,
    )


def _read_ppsp(grids: list[Any], file: str) -> ImportResult | None:
    """A file written by ppsp: its JSON from the hidden sheet (or, for a CSV, from the sidecar
    ``NAME.ppsp.json`` beside it, or the first row of an older CSV), with the edits a person
    made to the visible tables."""
    from ppsp.io.json import loads
    from ppsp.io.sheets.export import ID_HEADER, MARKER, overlay, sidecar_path
    from ppsp.io.sheets.workbook import Grid

    text: str | None = None
    visible: dict[str | None, Any] = {}
    for grid in grids:
        if grid.sheet == "_ppsp" and grid.rows and grid.rows[0] and grid.rows[0][0] == MARKER:
            text = "".join(str(row[0]) for row in grid.rows[1:] if row and row[0])
        elif grid.sheet is None and grid.rows and grid.rows[0] and grid.rows[0][0] == MARKER:
            # the CSV of ppsp before 0.x: the JSON on the first line, after the marker
            text = str(grid.rows[0][1]) if len(grid.rows[0]) > 1 else ""
            visible[None] = Grid(grid.file, None, grid.rows[1:], row_offset=1)
        elif grid.sheet is None and grid.rows and ID_HEADER in grid.rows[0]:
            sidecar = sidecar_path(file)
            if sidecar.is_file():  # a plain CSV of ppsp: the document beside it
                text = sidecar.read_text(encoding="utf-8")
            visible[None] = grid
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


class _Noted(tuple[Diagnostic, ...]):
    """Diagnostics said inside a message, in its language, one after another."""

    def __ppsp_format__(self, lang: str) -> str:
        return "; ".join(d.message(lang) for d in self)


def _nothing_read(document: Any) -> bool:
    """Whether a document was read without a single line: every table it is written as (see
    :func:`ppsp.io.sheets.export.tables_for`) is empty, and it has no working group."""
    from ppsp.domain.lazy import LazySequence
    from ppsp.io.sheets.export import tables_for

    group: Any = getattr(document, "working_group", None)
    if group is not None and group.members:
        return False
    # which tables a document has depends on its kind, their columns on its lines: the
    # columns of lines made when they are read (a 100,000-line RKPD) are not worked out here,
    # which would make every line once more than writing the bundle does
    lazy = {
        field.alias: ()
        for field in attrs.fields(type(document))
        if field.init and isinstance(getattr(document, field.name, None), LazySequence)
    }
    for table in tables_for(attrs.evolve(document, **lazy) if lazy else document):
        lines: Any = getattr(document, table.attribute, None)
        if lines:
            return False
    return True


def _sheet_location(file: str, sheet: str | None) -> Any:
    from ppsp.domain.location import SourceLocation

    return SourceLocation(file=file, sheet=sheet)


#: The files a folder is searched for.
SPREADSHEET_SUFFIXES: Final = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv", ".tsv")


@attrs.frozen
class FileSpec:
    """What a manifest (``ppsp.toml``) says of one file, where recognition cannot tell."""

    kind: str | None = None
    region: str | None = None
    year: int | None = None
    period: str | None = None
    agency: str | None = None
    sheets: tuple[str, ...] | None = None


@attrs.frozen
class Manifest:
    """A folder's ``ppsp.toml``: defaults for every file and entries per file name.

    .. code-block:: toml

        region = "62.10"          # for every file that does not say
        [files."RKPD 2025.xlsx"]
        kind = "rkpd"
        year = 2025
        [files."renja dinkes.xlsx"]
        kind = "renja-pd"
        year = 2025
        agency = "Dinas Kesehatan"
    """

    defaults: FileSpec = FileSpec()
    files: Mapping[str, FileSpec] = attrs.field(factory=dict)

    def spec(self, name: str) -> FileSpec:
        """The spec of file ``name`` with the defaults filled in."""
        own = self.files.get(name, FileSpec())
        return FileSpec(
            **{
                field.name: getattr(own, field.name)
                if getattr(own, field.name) is not None
                else getattr(self.defaults, field.name)
                for field in attrs.fields(FileSpec)
            }
        )


_SPEC_KEYS = {"kind", "region", "year", "period", "agency", "sheets"}


def _spec(values: Mapping[str, Any], where: str) -> FileSpec:
    unknown = sorted(set(values) - _SPEC_KEYS - {"files"})
    if unknown:
        raise InvalidValue(
            N_("manifest.unknown-key"), file=where, keys=unknown, known=sorted(_SPEC_KEYS)
        )
    year = values.get("year")
    if year is not None and not isinstance(year, int):
        raise InvalidValue(N_("manifest.bad-year"), file=where, value=year)
    sheets = values.get("sheets")
    return FileSpec(
        kind=values.get("kind"),
        region=None if values.get("region") is None else str(values["region"]),
        year=year,
        period=None if values.get("period") is None else str(values["period"]),
        agency=values.get("agency"),
        sheets=tuple(sheets) if sheets else None,
    )


def load_manifest(path: str | Path) -> Manifest:
    """Read a ``ppsp.toml`` manifest."""
    import tomllib

    where = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InvalidValue(N_("manifest.bad-toml"), file=where, problem=str(exc)) from None
    files = data.get("files", {})
    if not isinstance(files, dict):
        raise InvalidValue(N_("manifest.bad-files"), file=where)
    return Manifest(
        defaults=_spec({k: v for k, v in data.items() if k != "files"}, where),
        files={name: _spec(spec, f"{where} [files.{name!r}]") for name, spec in files.items()},
    )


@attrs.frozen
class BundleRead:
    """What reading several files into one bundle gave."""

    bundle: RegionBundle
    results: tuple[ImportResult, ...]
    inputs: tuple[Path, ...]

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Every file's diagnostics."""
        return tuple(d for r in self.results for d in r.diagnostics)


def merge_ssk(documents: Sequence[Any]) -> list[Any]:
    """One SSK per period: the sheets of one SSK (the program matrix, the targets) are read as
    separate documents and merged here — activities, targets, strategies and missions joined,
    the vision, adoption, working group and title taken from the first sheet that has them."""
    from ppsp.domain import StrategiSanitasi

    merged: list[Any] = []
    by_period: dict[tuple[str, str], int] = {}
    for document in documents:
        if not isinstance(document, StrategiSanitasi):
            merged.append(document)
            continue
        key = (str(document.region), str(document.period))
        if key not in by_period:
            by_period[key] = len(merged)
            merged.append(document)
            continue
        first: StrategiSanitasi = merged[by_period[key]]
        base, other = (
            (document, first) if not first.activities and document.activities else (first, document)
        )
        merged[by_period[key]] = attrs.evolve(
            base,
            title=base.title or other.title,
            vision=base.vision or other.vision,
            adoption=base.adoption or other.adoption,
            working_group=base.working_group or other.working_group,
            missions=tuple(dict.fromkeys((*base.missions, *other.missions))),
            targets=(*base.targets, *other.targets),
            strategies=(*base.strategies, *other.strategies),
            activities=(*base.activities, *other.activities),
            stated_totals=(*base.stated_totals, *other.stated_totals),
        )
    return merged


def _twice_read(results: Sequence[ImportResult]) -> dict[str, list[Diagnostic]]:
    """A warning, on the file read later, for each document of one kind, year or period and
    agency read from two files (an RKPD saved as xlsx and as CSV in one folder): both are kept,
    and the audit would count or choose between them."""
    seen: dict[tuple[Any, ...], str] = {}
    found: dict[str, list[Diagnostic]] = {}
    for result in results:
        for document in result.documents:
            if document.kind == "ssk":
                continue  # the sheets of one SSK are merged into one (merge_ssk)
            agency = getattr(document, "agency", None)
            key = (
                document.kind,
                getattr(document, "year", None),
                str(getattr(document, "period", None)),
                agency.name if agency is not None else None,
            )
            first = seen.setdefault(key, result.file)
            if first != result.file:
                found.setdefault(result.file, []).append(
                    diag.DOCUMENT_TWICE.at(
                        _sheet_location(result.file, None),
                        {"kind": document.kind, "other": first},
                    )
                )
    return found


def expand_paths(paths: Sequence[str | Path], skipped: list[Path] | None = None) -> list[Path]:
    """Files as given; folders replaced by their spreadsheet and CSV files (sorted, without
    hidden files, Office lock files, the manifest and the audit reports ppsp wrote there, which
    are added to ``skipped`` when it is given)."""
    from ppsp.io.output import is_ppsp_report

    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for p in sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and p.suffix.lower() in SPREADSHEET_SUFFIXES
                and not p.name.startswith((".", "~$"))
            ):
                if p.suffix.lower() == ".xlsx" and is_ppsp_report(p):
                    if skipped is not None:
                        skipped.append(p)
                else:
                    found.append(p)
        elif not path.exists():
            raise SpreadsheetError(N_("workbook.missing"), file=str(path))
        else:
            found.append(path)
    return found


#: The errors of a file in which no table of any layout was found (no kind was given for it).
_NO_LAYOUT: Final = frozenset({"import.no-table", "import.no-table-noted"})


def _left_out(file: Path, error: SpreadsheetError) -> ImportResult:
    """A file of a folder with no table of a known layout: no document, one warning naming the
    file and why, and what reading it noticed (a hidden sheet may be where a table is)."""
    where = _sheet_location(str(file), None)
    # as text: the bundle keeps the finding's parameters as text (a CSV has no sheet: "")
    sheets = ", ".join(str(sheet) for sheet in error.params.get("sheets", ()))
    skipped = diag.FILE_SKIPPED.at(where, {"sheets": sheets})
    noted = tuple(error.params.get("noted", ()))
    return ImportResult(str(file), (), (), (skipped, *noted))


def read_bundle(
    paths: Sequence[str | Path],
    *,
    kind: str | None = None,
    region: str | RegionCode | None = None,
    year: int | None = None,
    period: str | PlanPeriod | None = None,
    agency: str | Agency | None = None,
    manifest: Manifest | None = None,
    strict: bool = False,
    progress: Callable[[Path], None] | None = None,
) -> BundleRead:
    """Read files and folders of one region into a :class:`~ppsp.domain.bundle.RegionBundle`.

    A folder's ``ppsp.toml`` (or ``manifest``) names the kind, region, year or agency of the
    files recognition cannot tell; the keyword arguments apply to every file. Files of two
    regions are refused: a bundle is one region.
    """
    from ppsp.domain.region import RegionCode as _RegionCode

    reports: list[Path] = []  # an audit report ppsp wrote into a folder it reads again
    files = expand_paths(paths, reports)
    if not files:
        raise SpreadsheetError(N_("import.no-files"), paths=[str(p) for p in paths])
    manifests: dict[Path, Manifest] = {}
    unnamed: list[tuple[Path, dict[str, Any], RecognitionError]] = []
    results: list[ImportResult] = [
        ImportResult(str(f), (), (), (diag.REPORT_SKIPPED.at(_sheet_location(str(f), None), {}),))
        for f in reports
    ]
    documents: list[Any] = []
    # a file given by name must be read; one found in a folder may be no plan document at all
    named_files = {Path(p) for p in paths if not Path(p).is_dir()}
    for file in files:
        chosen = manifest
        if chosen is None:
            folder = file.parent
            if folder not in manifests:
                toml = folder / "ppsp.toml"
                manifests[folder] = load_manifest(toml) if toml.exists() else Manifest()
            chosen = manifests[folder]
        spec = chosen.spec(file.name)
        if progress is not None:
            progress(file)
        options: dict[str, Any] = {
            "kind": kind or spec.kind,
            "region": region or spec.region,
            "year": year or spec.year,
            "period": period or spec.period,
            "agency": agency or spec.agency,
            "sheets": spec.sheets,
            "strict": strict,
        }
        try:
            result = read_file(file, **options)
        except SpreadsheetError as error:
            if file in named_files or error.key not in _NO_LAYOUT:
                raise
            # a file of a folder that holds no plan document (a note, a key): left out, said
            results.append(_left_out(file, error))
            continue
        except RecognitionError as error:
            if error.key != "recognise.region-missing":
                raise
            # a file whose titles name no region may take the region of the other files
            unnamed.append((file, options, error))
            continue
        results.append(result)
        documents.extend(result.documents)
    named = sorted({str(d.region) for d in documents})
    for file, options, refused in unnamed:
        if len(named) != 1:
            raise refused  # no other file, or several regions: the user must say which
        result = read_file(file, **{**options, "region": named[0]})
        note = diag.REGION_FROM_FILES.at(_sheet_location(result.file, None), {"region": named[0]})
        result = attrs.evolve(result, diagnostics=(note, *result.diagnostics))
        results.append(result)
        documents.extend(result.documents)
    regions = sorted({str(d.region) for d in documents})
    if len(regions) > 1:
        where = {str(d.region): r.file for r in results for d in r.documents}
        raise InvalidValue(
            N_("import.two-regions"),
            regions=regions,
            files=[f"{code}: {where[code]}" for code in regions],
        )
    if not regions:
        left_out = [r.file for r in results if any(d.code == "file-skipped" for d in r.diagnostics)]
        if left_out:  # every file of the folder left out: which, and why
            raise SpreadsheetError(
                N_("import.no-documents-left-out"), paths=[str(p) for p in paths], files=left_out
            )
        raise SpreadsheetError(N_("import.no-documents"), paths=[str(p) for p in paths])
    notes = _twice_read(results)
    if notes:
        results = [
            attrs.evolve(r, diagnostics=(*r.diagnostics, *notes[r.file])) if r.file in notes else r
            for r in results
        ]
    documents = merge_ssk(documents)
    groups: dict[str, list[Any]] = {}
    fields: dict[str, Any] = {}
    for document in documents:
        known = kind_spec(document.kind)
        if known.single:
            fields[known.attribute] = document  # the last one read
        else:
            groups.setdefault(known.attribute, []).append(document)
    fields.update((name, tuple(items)) for name, items in groups.items())
    bundle = RegionBundle(
        region=_RegionCode.parse(regions[0]),
        import_findings=import_findings(d for r in results for d in r.diagnostics),
        **fields,
    )
    return BundleRead(bundle, tuple(results), tuple(files))
