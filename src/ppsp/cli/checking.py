"""``ppsp check``, ``ppsp rules`` and ``ppsp formats``: the audit, the catalogue and the report formats."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from ppsp.cli.common import (
    _OUTPUT_HELP,
    KINDS,
    SubParsers,
    _emit,
    _one_target,
    _said,
    _said_wrote,
    _today,
    _write,
    add_language,
    add_official_lists,
)
from ppsp.cli.reading import _code_list, _gather, _official_lists
from ppsp.errors import PpspError

if TYPE_CHECKING:
    from ppsp.rules.renderers import Renderer
from ppsp.i18n import N_, get_language, render


def _renderer(name: str) -> Renderer:
    """The report format ``--format`` names (:func:`ppsp.rules.renderers.find_renderer`).

    :raises PpspError: none of that name, said as ``--format NAME``
    """
    from ppsp.rules.renderers import find_renderer, renderer_names

    if name not in renderer_names():
        raise PpspError(N_("cli.unknown-format"), format=name, known=", ".join(renderer_names()))
    return find_renderer(name)


def _cmd_check(args: argparse.Namespace) -> int:

    from ppsp.auditing import audit
    from ppsp.rules import Settings

    source = Path(args.path)
    chosen = _renderer(args.format)  # an unknown format is refused before the work
    # a binary format without -o, or an -o that is the input, is refused before the work
    _one_target(
        args.output, f"ppsp-report.{chosen.suffix}", args.format, [args.path], chosen.binary
    )
    if not source.exists():
        raise PpspError(N_("workbook.missing"), file=str(source))
    args.source_year = args.source_year or None
    sources = _gather(args, [str(source)])
    # what the files hide from a reader (hidden sheets and columns, macros, broken quotes):
    # every report says it; stderr says it too, as the import does
    for found in sources.bundle.import_findings:
        print(_said(found, args.lang), file=sys.stderr)
    bundle, said = _official_lists(args, sources.bundle)
    for diagnostic in said:  # what the official lists say (no rule does)
        if diagnostic.severity.value != "info":
            print(_said(diagnostic, args.lang), file=sys.stderr)
    sources = sources.with_bundle(bundle)
    settings = Settings(today=_today(args.today), generated_at=args.generated_at)
    code_list = _code_list(args)
    if code_list is not None:
        import attrs

        from ppsp.io.sheets.codelists import with_code_list

        settings = attrs.evolve(
            settings,
            code_lists=with_code_list(settings.code_lists, code_list),
            linking={"inference_list": code_list},
        )
    select = args.select.split(",") if args.select else None
    ignore = args.ignore.split(",") if args.ignore else None
    tolerance = None
    if args.tolerance is not None:
        try:
            tolerance = Decimal(args.tolerance.rstrip("%")) / 100
        except InvalidOperation:
            raise PpspError(N_("cli.bad-tolerance"), value=args.tolerance) from None
    report = audit(
        sources, args.year, select=select, ignore=ignore, tolerance=tolerance, settings=settings
    )
    lang = args.lang or get_language()
    default = f"ppsp-report-{report.region}-{report.year}.{chosen.suffix}"
    paths = [args.path, *(i.path for i in sources.inputs)]
    target = _one_target(args.output, default, args.format, paths, chosen.binary)
    if chosen.write is not None:
        assert target is not None  # _one_target refuses a binary format without -o
        _said_wrote(chosen.write(report, target, lang), lang)
        return report.exit_code
    if chosen.chunks is not None:  # written as it is made (millions of findings)
        if target is None:
            for chunk in chosen.chunks(report, lang):
                sys.stdout.write(chunk)
        else:
            from ppsp.io.output import open_atomic

            with open_atomic(target, paths) as stream:
                for chunk in chosen.chunks(report, lang):
                    stream.write(chunk.encode("utf-8", "surrogateescape"))
            _said_wrote(target, lang)
        return report.exit_code
    text = chosen(report, lang)
    if target is None:
        sys.stdout.write(text)
    else:
        _write(target, text, paths)
        _said_wrote(target, lang)
    return report.exit_code


def _cmd_rules(args: argparse.Namespace) -> int:
    import json

    from ppsp.rules import default_registry

    lang = args.lang or get_language()
    registry = default_registry()
    if args.format == "json":
        data = [
            {
                "id": r.id,
                "version": r.version,
                "severity": r.severity.value,
                "title": r.title_text(lang),
                "explanation": r.explanation_text(lang),
                "tags": sorted(r.tags),
                "requires": [k.value for k in r.requires],
                "legal_basis": [c.describe(lang) for c in r.legal_basis],
                "valid_from": r.valid_from,
                "valid_to": r.valid_to,
            }
            for r in registry
        ]
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        _emit(text, args.output, lang, default="ppsp-rules.json", fmt="json")
        return 0
    lines = []
    for r in registry:
        lines.append(f"{r.id}  {r.severity.value:<8} {r.title_text(lang)}")
        lines.append(f"        {r.explanation_text(lang)}")
        for citation in r.legal_basis:
            lines.append(f"        - {citation.describe(lang)}")
    _emit("\n".join(lines) + "\n", args.output, lang, default="ppsp-rules.txt")
    return 0


def add_check(sub: SubParsers) -> None:
    """``ppsp check``."""
    chk = sub.add_parser(
        "check",
        help="audit a region: a bundle JSON, a spreadsheet, or a folder of spreadsheets",
    )
    chk.add_argument("path", metavar="PATH", help="bundle.json, a spreadsheet or a folder")
    chk.add_argument("--year", type=int, help="the audited fiscal year (default: the latest plan)")
    chk.add_argument("--select", help="rule ids, prefixes or tag:NAME, comma separated")
    chk.add_argument("--ignore", help="rule ids, prefixes or tag:NAME to leave out")
    chk.add_argument(
        "--format",
        default="text",
        metavar="FORMAT",
        help="report format: text (default), json, md, html, xlsx, or one a package adds "
        "(ppsp formats lists them)",
    )
    chk.add_argument("-o", "--output", metavar="FILE", help="the report: " + _OUTPUT_HELP)
    chk.add_argument("--tolerance", help="INT006 tolerance in percent (default 10)")
    chk.add_argument("--today", help="the audit date, YYYY-MM-DD (default: today, region's clock)")
    chk.add_argument(
        "--generated-at",
        metavar="TIME",
        help="the time the report records as made, ISO 8601 (default: SOURCE_DATE_EPOCH, else "
        "now): the same inputs then give byte-identical reports",
    )
    chk.add_argument("--kind", choices=KINDS, help="kind of a spreadsheet recognition cannot tell")
    chk.add_argument("--region", help="region code or name for spreadsheets that do not say")
    chk.add_argument(
        "--source-year", help="year or period of spreadsheets that do not say (2025, 2024-2028)"
    )
    chk.add_argument("--agency", help="the agency of a Renja, Renstra or DPA spreadsheet")
    add_official_lists(chk)
    add_language(chk)
    # a spreadsheet that does not say its year asks for --source-year here (--year is the audit's)
    chk.set_defaults(func=_cmd_check, cli_names={"year": "source_year"})


def add_rules(sub: SubParsers) -> None:
    """``ppsp rules``."""
    rules = sub.add_parser("rules", help="list the rules with their legal basis")
    rules.add_argument("--format", choices=["text", "json"], default="text")
    rules.add_argument("-o", "--output", metavar="FILE", help="the list: " + _OUTPUT_HELP)
    add_language(rules)
    rules.set_defaults(func=_cmd_rules)


def _cmd_formats(args: argparse.Namespace) -> int:
    """``ppsp formats``: every report format registered in the ``ppsp.renderers`` entry point,
    with whether it is text or a file only; one that does not load is said on stderr (exit 2)."""
    from ppsp.rules.renderers import find_renderer, renderer_names

    lang = args.lang or get_language()
    code = 0
    for name in renderer_names():
        try:
            binary = find_renderer(name).binary
        except PpspError as error:  # one broken package does not hide the other formats
            print(f"ppsp: {error.message(lang)}", file=sys.stderr)
            code = 2
            continue
        key = N_("cli.format-file") if binary else N_("cli.format-text")
        print(render(key, {"format": name}, lang))
    return code


def add_formats(sub: SubParsers) -> None:
    """``ppsp formats``."""
    formats = sub.add_parser(
        "formats", help="list the report formats of check --format (a package can add one)"
    )
    add_language(formats)
    formats.set_defaults(func=_cmd_formats)
