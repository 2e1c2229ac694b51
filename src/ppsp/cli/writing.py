"""``ppsp export``, ``ppsp template`` and ``ppsp schema``: documents, blank forms and the schema written out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ppsp.cli.common import (
    _OUTPUT_HELP,
    KINDS,
    SubParsers,
    _emit,
    _folder_target,
    _one_target,
    _said,
    _said_wrote,
    _write,
    add_language,
)
from ppsp.cli.reading import _gather
from ppsp.errors import PpspError
from ppsp.i18n import N_


def _cmd_schema(args: argparse.Namespace) -> int:
    from ppsp.io.json import schema_text

    _emit(schema_text(), args.output, args.lang, default="ppsp.schema.json", fmt="json")
    return 0


_BUNDLE_SUFFIXES = (".json",)


def _export_documents(args: argparse.Namespace) -> tuple[list[Any], list[str | Path]]:
    """The documents ``ppsp export`` writes and the files they come from: a bundle or document
    JSON as it is, spreadsheets, CSV files and folders imported first."""
    from ppsp.domain import RegionBundle
    from ppsp.io.json import loads

    source = Path(args.bundle)
    if not source.exists():
        raise PpspError(N_("workbook.missing"), file=str(source))
    if source.is_dir() or source.suffix.lower() not in _BUNDLE_SUFFIXES:
        from ppsp.io.sheets.importer import SPREADSHEET_SUFFIXES

        if source.is_file() and source.suffix.lower() not in SPREADSHEET_SUFFIXES:
            raise PpspError(N_("cli.export-wants-bundle"), file=str(source))
        args.source_year = args.year
        read = _gather(args, [args.bundle], bundles=False).read
        for diagnostic in read.diagnostics:
            if diagnostic.severity.value != "info":
                print(
                    _said(diagnostic, args.lang),
                    file=sys.stderr,
                )
        return list(read.bundle.documents()), [source, *read.inputs]
    raw = source.read_bytes()
    loaded: Any
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # JSON may be UTF-16 or UTF-32 too (RFC 8259 readers accept them); anything else that
        # is not UTF-8 is not a bundle
        from ppsp.errors import JsonError

        try:
            loaded = loads(raw, source=str(source))
        except JsonError:
            raise PpspError(N_("cli.export-wants-bundle"), file=str(source)) from None
    else:
        loaded = loads(raw, source=str(source))
    documents = list(loaded.documents()) if isinstance(loaded, RegionBundle) else [loaded]
    return documents, [source]


def _cmd_export(args: argparse.Namespace) -> int:
    from ppsp.io.json import dumps
    from ppsp.io.sheets.export import write_csv, write_xlsx

    documents, inputs = _export_documents(args)
    if not documents:
        raise PpspError(N_("cli.export-nothing"), file=args.bundle)
    stems = [_document_stem(d, i) for i, d in enumerate(documents, start=1)]
    if len(documents) == 1:
        target = _one_target(args.output, f"{stems[0]}.{args.to}", args.to, inputs)
        targets: list[Path | None] = [target]
    else:
        folder = _folder_target(args.output, len(documents), inputs)
        targets = [folder / f"{stem}.{args.to}" for stem in stems]
    for document, target in zip(documents, targets, strict=True):
        if target is None:  # one text document, to standard output
            sys.stdout.write(_export_text(document, args))
            continue
        from ppsp.io.output import check_output

        if not target.suffix and args.to in ("xlsx", "csv"):
            # -o ex/clean: a workbook or table needs its suffix to open (the line below says the
            # name written)
            target = target.with_name(f"{target.name}.{args.to}")
        check_output(target, inputs)
        if args.to == "xlsx":
            cut: list[Any] = []
            path = write_xlsx(document, target, diagnostics=cut)
            for diagnostic in cut:
                print(_said(diagnostic, args.lang), file=sys.stderr)
        elif args.to == "csv":
            from ppsp.io.sheets.export import sidecar_path

            path = write_csv(document, target, delimiter=args.delimiter)
            _said_wrote(sidecar_path(path), args.lang)  # the whole document, beside the CSV
        else:
            path = target
            _write(path, dumps(document, indent=2 if args.indent else None) + "\n", inputs)
        _said_wrote(path, args.lang)
    return 0


def _export_text(document: Any, args: argparse.Namespace) -> str:
    """One document as CSV or JSON text, for standard output."""
    import tempfile

    from ppsp.io.json import dumps
    from ppsp.io.sheets.export import write_csv

    if args.to == "json":
        return dumps(document, indent=2 if args.indent else None) + "\n"
    with tempfile.TemporaryDirectory(prefix="ppsp-") as folder:
        path = write_csv(document, Path(folder) / "export.csv", delimiter=args.delimiter)
        return path.read_bytes().decode("utf-8")


def _document_stem(document: object, index: int) -> str:
    import re

    kind = document.kind.value  # type: ignore[attr-defined]
    when = getattr(document, "year", None) or getattr(document, "period", None) or ""
    agency = getattr(document, "agency", None)
    parts = [f"{index:02d}", kind, str(document.region), str(when)]  # type: ignore[attr-defined]
    if agency is not None:
        parts.append(re.sub(r"[^0-9A-Za-z]+", "-", agency.name).strip("-")[:40])
    return "-".join(p for p in parts if p)


def _cmd_template(args: argparse.Namespace) -> int:
    from ppsp.io.sheets.export import write_template

    target = _one_target(args.output, f"template-{args.kind}.xlsx", "xlsx")
    assert target is not None  # _one_target refuses xlsx without -o
    path = write_template(
        args.kind,
        target,
        start_year=args.start_year,
        region=_region_code(args.region) if args.region else None,
        period=args.period,
        agency=args.agency,
    )
    _said_wrote(path, args.lang)
    return 0


def _region_code(text: str) -> Any:
    """A region code or name (``62.10``, ``Kab. Gunung Mas``) as the register knows it."""
    from ppsp.domain import default_register

    return default_register().lookup(text).code


def add_export(sub: SubParsers) -> None:
    """``ppsp export``."""
    exp = sub.add_parser(
        "export",
        help="write a bundle's documents as clean xlsx, csv or json files (spreadsheets are "
        "imported first)",
    )
    exp.add_argument(
        "bundle",
        metavar="SOURCE",
        help="a bundle or document JSON file, or spreadsheets to import: a file or a folder",
    )
    exp.add_argument("--to", choices=["xlsx", "csv", "json"], required=True)
    exp.add_argument("--delimiter", choices=[",", ";"], default=",", help="CSV separator")
    exp.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="one document: -o FILE writes that file (-o FOLDER/ or an existing folder: the "
        "default name in it); several documents: -o FOLDER, created if needed, -o FILE refused; "
        "without -o: one csv or json document to standard output, xlsx or several documents "
        "refused",
    )
    exp.add_argument("--kind", choices=KINDS, help="kind of a spreadsheet recognition cannot tell")
    exp.add_argument("--region", help="region code or name for spreadsheets that do not say")
    exp.add_argument("--year", help="year or period of spreadsheets that do not say")
    exp.add_argument("--agency", help="the agency of a Renja, Renstra or DPA spreadsheet")
    exp.add_argument(
        "--indent", action="store_true", help="indent JSON output for people (default: compact)"
    )
    add_language(exp)
    exp.set_defaults(func=_cmd_export)


def add_template(sub: SubParsers) -> None:
    """``ppsp template``."""
    tpl = sub.add_parser(
        "template",
        help="write a blank spreadsheet for a document kind (with --region and --period, a form "
        "that carries them and re-imports without flags)",
    )
    tpl.add_argument("kind", choices=KINDS)
    tpl.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="-o FILE writes that file (-o FOLDER/ or an existing folder: "
        "template-KIND.xlsx in it); required, xlsx is not written to the terminal",
    )
    tpl.add_argument("--region", help="region code or name the form is for, e.g. 62.10")
    tpl.add_argument(
        "--period", help="the year (2025) of an annual kind, the period (2025-2029) of a plan"
    )
    tpl.add_argument("--agency", help="the agency of a Renja or Renstra form")
    tpl.add_argument(
        "--start-year", type=int, default=2025, help="first year of the period or the year"
    )
    add_language(tpl)
    tpl.set_defaults(func=_cmd_template)


def add_schema(sub: SubParsers) -> None:
    """``ppsp schema``."""
    schema = sub.add_parser("schema", help="print or write the JSON Schema of ppsp files")
    schema.add_argument("-o", "--output", metavar="FILE", help="the schema: " + _OUTPUT_HELP)
    add_language(schema)
    schema.set_defaults(func=_cmd_schema)
