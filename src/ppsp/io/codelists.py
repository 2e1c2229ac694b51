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

from ppsp.domain.funding import FundingSource, from_sipd_code, normalise_sipd_code
from ppsp.domain.nomenclature import (
    CodeList,
    CodeListEntry,
    Decree,
    NomenclatureCode,
    split_label,
)
from ppsp.errors import InvalidValue, PpspError
from ppsp.i18n import N_

__all__ = ["load_code_list", "load_code_list_csv", "load_funding_codes"]

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
    from ppsp.io.cells import text_of
    from ppsp.io.workbook import read_grids

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
