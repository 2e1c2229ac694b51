"""Load official nomenclature code lists from the CSV files users supply.

``ppsp`` ships only a curated sanitation subset (:func:`ppsp.domain.nomenclature.sanitation_code_lists`);
full lists come from the decree's own tables, exported to CSV. Column names are recognised in
the forms seen in published exports (``kode``/``kode_sub_kegiatan``, ``nomenklatur``/
``nama_sub_kegiatan``, ``kinerja``, ``indikator``, ``satuan``, ``tag``, ``spm``,
``subkegiatan_sebelumnya``). ``;`` or ``,`` separators, a UTF-8 BOM and Windows-1252 text are
accepted. Placeholder rows (``Dst ...``) are skipped; any other bad code stops the load with an
error naming the file, the row and the column.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from ppsp.domain import diagnostics as diag
from ppsp.domain.funding import FundingSource, from_sipd_code, normalise_sipd_code
from ppsp.domain.labels import normalise_text
from ppsp.domain.nomenclature import (
    CodeList,
    CodeListEntry,
    CodeLists,
    Decree,
    NomenclatureCode,
    split_label,
)
from ppsp.errors import InvalidValue, PpspError
from ppsp.i18n import N_

__all__ = [
    "apply_funding_codes",
    "check_codes",
    "code_list_file",
    "load_code_list",
    "load_code_list_csv",
    "load_funding_codes",
    "with_code_list",
]

_CODE = ("kode_sub_kegiatan", "kode", "kode_normalized", "kode_sub_giat", "code")
_NAME = ("nama_sub_kegiatan", "nomenklatur", "nama", "nama_sub_giat", "name", "uraian")
_PREVIOUS = ("subkegiatan_sebelumnya", "sebelumnya", "previous")


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PpspError(
        N_("codelist.encoding"), file=str(path)
    )  # pragma: no cover - cp1252 decodes all


def _pick(header: Iterable[str], names: tuple[str, ...]) -> str | None:
    lowered = {h.strip().lower(): h for h in header}
    for name in names:
        if name in lowered:
            return lowered[name]
    return None


def _tags(text: str) -> tuple[str, ...]:
    text = text.strip()
    if not text:
        return ()
    if text.startswith("["):
        try:
            return tuple(str(t) for t in json.loads(text))
        except ValueError:
            pass
    return tuple(t.strip() for t in text.split(",") if t.strip())


def _rows(file: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a CSV file or of the first sheet of a workbook."""
    if file.suffix.lower() in (".csv", ".tsv", ".txt"):
        text = _read_text(file)
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        return list(reader.fieldnames or []), list(reader)
    from ppsp.io.sheets.cells import text_of
    from ppsp.io.sheets.workbook import read_grids

    grid = read_grids(file)[0]
    rows = [[text_of(v) for v in row] for row in grid.rows]
    if not rows:
        return [], []
    header = rows[0]
    return header, [dict(zip(header, row, strict=False)) for row in rows[1:]]


def load_code_list(
    path: str | Path,
    *,
    name: str,
    decree: Decree,
    valid_from: int,
    valid_to: int | None = None,
) -> CodeList:
    """Read a code list from a CSV file or the first sheet of a workbook (xlsx, xls, ods).

    :raises PpspError: when a row's code is not a nomenclature code (file, row, column named)
    """
    file = Path(path)
    header, rows = _rows(file)
    code_col, name_col = _pick(header, _CODE), _pick(header, _NAME)
    if code_col is None or name_col is None:
        raise PpspError(N_("codelist.columns"), file=str(file), columns=list(header))
    prev_col = _pick(header, _PREVIOUS)
    columns = {k: _pick(header, (k,)) for k in ("kinerja", "indikator", "satuan", "tag", "spm")}
    entries: list[CodeListEntry] = []
    for row_number, row in enumerate(rows, start=2):
        raw = (row.get(code_col) or "").strip()
        if not raw:
            continue
        try:
            code = NomenclatureCode.parse(raw)
            previous = tuple(
                split_label(p)[0]
                for p in re.split(r"[;\n]", row.get(prev_col or "") or "")
                if p.strip()
            )
        except InvalidValue as error:
            if error.key == "nomenclature.placeholder":
                continue
            raise PpspError(
                N_("codelist.bad-code"),
                file=str(file),
                row=row_number,
                column=code_col,
                problem=error.message(),
            ) from None
        spm_text = (row.get(columns["spm"] or "") or "").strip().upper()
        entries.append(
            CodeListEntry(
                code=code,
                name=(row.get(name_col) or "").strip(),
                kinerja=(row.get(columns["kinerja"] or "") or "").strip() or None,
                indikator=(row.get(columns["indikator"] or "") or "").strip() or None,
                satuan=(row.get(columns["satuan"] or "") or "").strip() or None,
                spm=True if spm_text == "SPM" else False if spm_text == "NON-SPM" else None,
                tags=_tags(row.get(columns["tag"] or "") or ""),
                previous=previous,
            )
        )
    return CodeList(name, decree, valid_from, tuple(entries), valid_to=valid_to)


#: The former name of :func:`load_code_list`, for CSV files.
load_code_list_csv = load_code_list


def load_funding_codes(path: str | Path) -> dict[str, tuple[str, FundingSource]]:
    """A SIPD sumber-dana list (CSV or xlsx: ``kode``, ``uraian``): ``{normalised code: (name,
    funding source)}``, the source mapped by :func:`ppsp.domain.funding.from_sipd_code`."""
    file = Path(path)
    header, rows = _rows(file)
    code_col = _pick(header, ("kode", "kode_sumber_dana", "kode_dana", "code"))
    name_col = _pick(header, ("uraian", "nama", "nama_dana", "name"))
    if code_col is None or name_col is None:
        raise PpspError(N_("codelist.columns"), file=str(file), columns=list(header))
    found: dict[str, tuple[str, FundingSource]] = {}
    for row_number, row in enumerate(rows, start=2):
        raw = (row.get(code_col) or "").strip()
        if not raw:
            continue
        try:
            code = normalise_sipd_code(raw)
        except InvalidValue as error:
            raise PpspError(
                N_("codelist.bad-code"),
                file=str(file),
                row=row_number,
                column=code_col,
                problem=error.message(),
            ) from None
        found[code] = ((row.get(name_col) or "").strip(), from_sipd_code(code))
    return found


#: The first fiscal year a supplied list applies to when none is said: every year.
EVERY_YEAR = 1900


def code_list_file(path: str | Path, *, valid_from: int | None = None) -> CodeList:
    """An official code list a user supplies (``--code-list FILE``: CSV or the first sheet of a
    workbook), named after its file, in force from ``valid_from`` (default: every year).

    :raises PpspError: the file is missing, or a row's code is not a nomenclature code
    """
    file = Path(path)
    if not file.is_file():
        raise PpspError(N_("workbook.missing"), file=str(file))
    decree = Decree("file", file.name, "supplied by the user", None, status="unconfirmed")
    return load_code_list(
        file,
        name=file.stem,
        decree=decree,
        valid_from=EVERY_YEAR if valid_from is None else valid_from,
    )


def with_code_list(lists: CodeLists, supplied: CodeList) -> CodeLists:
    """``lists`` with ``supplied`` in force from its first year: the lists before it keep the
    years before (with their renumbering), the supplied list answers for every later year.

    >>> from ppsp.domain import sanitation_code_lists
    >>> mine = CodeList("mine", Decree("file", "mine.csv"), 2027, ())
    >>> [(cl.name, cl.valid_from, cl.valid_to) for cl in with_code_list(sanitation_code_lists(), mine)]
    [('kepmendagri-900-sanitasi', 2024, 2026), ('mine', 2027, None)]
    """
    start = supplied.valid_from
    earlier = [
        attrs.evolve(cl, valid_to=min(cl.valid_to or start - 1, start - 1))
        for cl in lists
        if cl.valid_from < start
    ]
    return CodeLists([*earlier, attrs.evolve(supplied, valid_to=None)])


def _lines(document: Any) -> list[tuple[str, Any]]:
    """``(table attribute, line)`` of every table of a document."""
    from ppsp.domain.documents import Line

    found = []
    for field in attrs.fields(type(document)):
        value = getattr(document, field.name)
        if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
            continue
        if isinstance(value, dict):
            continue
        for item in value:
            if not isinstance(item, Line):
                break
            found.append((field.name, item))
    return found


def _where(line: Any, cell: str) -> Any:
    return line.cells.get(cell) or line.source


def check_codes(bundle: Any, code_list: CodeList) -> list[Any]:
    """A warning (``code-not-in-list``) at every line's code that ``code_list`` does not hold,
    for the levels the list has (a list of sub kegiatan only says nothing of programs)."""

    levels = {entry.code.level for entry in code_list}
    found = []
    for document in bundle.documents():
        for _table, line in _lines(document):
            code = getattr(line, "code", None)
            if not isinstance(code, NomenclatureCode) or code.level not in levels:
                continue
            if code not in code_list:
                found.append(
                    diag.CODE_NOT_IN_LIST.at(
                        _where(line, "code"), {"code": str(code), "list": code_list.name}
                    )
                )
    return found


def apply_funding_codes(
    bundle: Any, codes: dict[str, tuple[str, FundingSource]]
) -> tuple[Any, list[Any]]:
    """The bundle with an official sumber-dana list applied (``--funding-codes FILE``), and
    what it said:

    - a funding whose SIPD code the list does not hold gets the warning
      ``funding-code-not-in-list`` at its cell;
    - a funding without a code whose label is a name of the list (``DANA ALOKASI UMUM``) gets
      that code, and the source the code designates when ppsp had read it as ``lainnya``
      (``funding-code-applied``, informational).
    """
    from ppsp.domain.documents import Funding
    from ppsp.domain.nomenclature import GovernmentLevel
    from ppsp.domain.region import RegionKind

    by_name: dict[str, str] = {}
    for code, (name, _source) in codes.items():
        by_name.setdefault(normalise_text(name), code)
    owner = (
        GovernmentLevel.PROVINSI
        if bundle.region.kind is RegionKind.PROVINSI
        else GovernmentLevel.KABUPATEN_KOTA
    )
    said: list[Any] = []

    def mended(line: Any) -> Any:
        changed = False
        fundings = []
        for funding in line.funding:
            if not isinstance(funding, Funding):
                fundings.append(funding)
                continue
            if funding.sipd_code:
                try:
                    known = normalise_sipd_code(funding.sipd_code) in codes
                except InvalidValue:
                    known = False
                if not known:
                    said.append(
                        diag.FUNDING_CODE_NOT_IN_LIST.at(
                            _where(line, "funding_text"), {"code": funding.sipd_code}
                        )
                    )
            elif funding.label and normalise_text(funding.label) in by_name:
                code = by_name[normalise_text(funding.label)]
                source = funding.source
                if source is FundingSource.LAINNYA:
                    source = from_sipd_code(code, owner)
                funding = attrs.evolve(funding, sipd_code=code, source=source)
                changed = True
                said.append(
                    diag.FUNDING_CODE_APPLIED.at(
                        _where(line, "funding_text"),
                        {"label": funding.label, "code": code, "source": source.value},
                    )
                )
            fundings.append(funding)
        return attrs.evolve(line, funding=tuple(fundings)) if changed else line

    bundle = bundle.materialised()
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(bundle)):
        documents = getattr(bundle, field.name)
        if not isinstance(documents, tuple):
            continue
        new_documents = []
        for document in documents:
            tables: dict[str, list[Any]] = {}
            touched = False
            for table, line in _lines(document):
                new = mended(line) if hasattr(line, "funding") else line
                touched = touched or new is not line
                tables.setdefault(table, []).append(new)
            if touched:
                document = attrs.evolve(document, **{k: tuple(v) for k, v in tables.items()})
            new_documents.append(document)
        changes[field.name] = tuple(new_documents)
    return attrs.evolve(bundle, **changes), said
