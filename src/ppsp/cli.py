"""The ``ppsp`` command line: a thin layer over the library's public functions.

Exit codes: 0 success, 1 error findings (``check``), 2 the input or the command could not be
used (one line on stderr says what to do; ``--debug`` shows the traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NoReturn

from ppsp._version import __version__
from ppsp.errors import PpspError
from ppsp.i18n import LANGUAGES, N_, get_language, render, set_language
from ppsp.rules.engine import RuleStatus, Severity

__all__ = ["main"]


def _write(path: Path, text: str) -> None:
    if not path.parent.exists():
        raise PpspError(N_("cli.no-folder"), path=str(path.parent))
    path.write_text(text, encoding="utf-8")


def _emit(text: str, output: str | None, lang: str | None) -> None:
    """Write ``text`` to the ``output`` file (saying so on stderr), or to standard output."""
    if output:
        _write(Path(output), text)
        print(render(N_("cli.wrote"), {"path": output}, lang), file=sys.stderr)
    else:
        sys.stdout.write(text)


def _cmd_schema(args: argparse.Namespace) -> int:
    from ppsp.io.json import schema_text

    _emit(schema_text(), args.output, args.lang)
    return 0


def example_folder() -> Path:
    """The bundled example region's spreadsheets: inside the installed package, or in
    ``examples/gunung-mas`` of a source checkout."""
    from importlib import resources

    packaged = Path(str(resources.files("ppsp").joinpath("_examples", "gunung-mas")))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "examples" / "gunung-mas"


def _cmd_demo(args: argparse.Namespace) -> int:

    from ppsp.io.json import dumps, schema_text
    from ppsp.io.report import findings_from_diagnostics
    from ppsp.io.report_html import render_html
    from ppsp.io.report_xlsx import write_report_xlsx
    from ppsp.rules import InputFile, Settings, check

    lang = args.lang or get_language()
    today = _today(args.today)
    out = Path(args.output)
    if not out.parent.exists():
        raise PpspError(N_("cli.no-folder"), path=str(out.parent))
    out.mkdir(exist_ok=True)
    folder = example_folder()
    if not folder.is_dir():
        raise PpspError(N_("demo.no-example"), path=str(folder))

    def say(key: str, **params: object) -> None:
        print(render(key, params, lang))

    say(N_("demo.title"))
    args.kind = args.region = args.agency = args.source_year = None
    read = _read_sources(args, [str(folder)])
    bundle = read.bundle
    say(
        N_("demo.read"),
        files=len(read.inputs),
        folder=folder,
        documents=len(list(bundle.documents())),
    )
    _write(out / "bundle.json", dumps(bundle) + "\n")
    _write(out / "ppsp.schema.json", schema_text())
    report = check(
        bundle,
        args.year,
        settings=Settings(today=today),
        imported=findings_from_diagnostics(read.diagnostics),
        inputs=[InputFile.of(p) for p in read.inputs],
    )
    counts = report.counts()
    statuses = report.status_counts()
    say(
        N_("demo.checked"),
        region=report.region_label,
        year=report.year,
        rules=len(report.results),
        issues=statuses[RuleStatus.ISSUES],
        passed=statuses[RuleStatus.PASSED],
        skipped=statuses[RuleStatus.SKIPPED],
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        infos=counts[Severity.INFO],
    )
    html_path = out / "report.html"
    _write(html_path, render_html(report, lang, illustrative=True))
    xlsx_path = write_report_xlsx(report, out / "report.xlsx", lang)
    say(N_("demo.files"), html=html_path, xlsx=xlsx_path, bundle=out / "bundle.json")
    say(N_("demo.note"))
    return 0


def _year_or_period(text: str | None) -> tuple[int | None, Any]:
    from ppsp.domain.period import PlanPeriod

    if not text:
        return None, None
    if "-" in text or "s" in text.lower():
        return None, PlanPeriod.parse(text)
    if not text.isdigit():
        raise PpspError(N_("cli.bad-year"), value=text)
    return int(text), None


class _Progress:
    """A one-line progress bar on a terminal's stderr; silent when stderr is not a terminal."""

    def __init__(self, total: int, lang: str | None) -> None:
        self.total = total
        self.done = 0
        self.lang = lang
        self.active = total > 1 and sys.stderr.isatty()

    def __call__(self, path: Path) -> None:
        self.done += 1
        if self.active:
            width = 24
            filled = width * self.done // self.total
            bar = "#" * filled + "-" * (width - filled)
            sys.stderr.write(f"\r[{bar}] {self.done}/{self.total} {path.name[:40]:<40}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.active:
            sys.stderr.write("\r" + " " * 80 + "\r")
            sys.stderr.flush()


def _read_sources(args: argparse.Namespace, paths: Sequence[str]) -> Any:
    """Read spreadsheets, CSV files and folders into a bundle, saying what was recognised."""
    from ppsp.io.importer import expand_paths, read_bundle

    year, period = _year_or_period(getattr(args, "source_year", None))
    files = expand_paths(paths)  # once: the progress bar counts them, the reader reads them
    if not files:
        raise PpspError(N_("import.no-files"), paths=list(paths))
    progress = _Progress(len(files), args.lang)
    try:
        read = read_bundle(
            files,
            kind=args.kind,
            region=args.region,
            year=year,
            period=period,
            agency=args.agency,
            strict=getattr(args, "strict", False),
            progress=progress,
        )
    finally:
        progress.close()
    for result in read.results:
        for recognition in result.recognitions:
            print(
                render(
                    N_("cli.recognised"),
                    {
                        "file": result.file,
                        "sheet": recognition.sheet or "-",
                        "kind": recognition.kind,
                        "reasons": "; ".join(recognition.explain(args.lang)),
                    },
                    args.lang,
                ),
                file=sys.stderr,
            )
    return read


def _cmd_import(args: argparse.Namespace) -> int:
    from ppsp.io.json import dumps

    args.source_year = args.year
    read = _read_sources(args, args.files)
    for diagnostic in read.diagnostics:
        if diagnostic.severity.value != "info" or args.verbose:
            print(f"{diagnostic.severity.value}: {diagnostic.message(args.lang)}", file=sys.stderr)
    bundle = read.bundle
    if args.infer_codes:
        bundle = _infer_codes(bundle, args.lang)
    _emit(dumps(bundle) + "\n", args.output, args.lang)
    return 0


def _infer_codes(bundle: Any, lang: str | None) -> Any:
    """The bundle with a code written into every uncoded SSK activity whose code the linker
    infers with confidence, each said on standard error with its reason."""
    import attrs

    from ppsp.domain import sanitation_code_lists
    from ppsp.errors import InvalidValue
    from ppsp.rules.linking import with_inferred_codes

    lists = sanitation_code_lists()
    documents = []
    for ssk in bundle.ssk:
        try:
            code_list = lists.for_year(ssk.period.start)
        except InvalidValue:
            documents.append(ssk)
            continue
        coded, changed = with_inferred_codes(ssk, code_list)
        for index, inferred in changed:
            params = {
                "activity": ssk.activities[index].name,
                "code": str(inferred.code),
                "name": inferred.name,
                "why": inferred.why() or "-",
            }
            print(render(N_("cli.inferred-code"), params, lang), file=sys.stderr)
        documents.append(coded)
    return attrs.evolve(bundle, ssk=tuple(documents))


_FORMATS = ("text", "json", "md", "xlsx", "html")


def _today(text: str | None) -> Any:
    """The audit date given as ``--today`` (``None``: today on the region's clock)."""
    if not text:
        return None
    from ppsp.domain.period import parse_date

    try:
        return parse_date(text)
    except PpspError:
        raise PpspError(N_("cli.bad-date"), value=text) from None


def _cmd_check(args: argparse.Namespace) -> int:

    from ppsp.domain import RegionBundle
    from ppsp.io.json import loads
    from ppsp.io.report import findings_from_diagnostics, render_json, render_markdown, render_text
    from ppsp.rules import InputFile, Settings, check

    source = Path(args.path)
    imported: list[Any] = []
    inputs: list[InputFile] = []
    if source.is_file() and source.suffix.lower() == ".json":
        loaded: Any = loads(source.read_text(encoding="utf-8"), source=str(source))
        if not isinstance(loaded, RegionBundle):
            raise PpspError(N_("cli.not-a-bundle"), file=str(source))
        bundle = loaded
        inputs.append(InputFile.of(source))
    else:
        if not source.exists():
            raise PpspError(N_("workbook.missing"), file=str(source))
        args.source_year = args.source_year or None
        read = _read_sources(args, [str(source)])
        bundle = read.bundle
        imported = findings_from_diagnostics(read.diagnostics)
        inputs.extend(InputFile.of(p) for p in read.inputs)
    settings = Settings(today=_today(args.today))
    select = args.select.split(",") if args.select else None
    ignore = args.ignore.split(",") if args.ignore else None
    tolerance = None
    if args.tolerance is not None:
        try:
            tolerance = Decimal(args.tolerance.rstrip("%")) / 100
        except InvalidOperation:
            raise PpspError(N_("cli.bad-tolerance"), value=args.tolerance) from None
    report = check(
        bundle,
        args.year,
        select=select,
        ignore=ignore,
        tolerance=tolerance,
        settings=settings,
        imported=imported,
        inputs=inputs,
    )
    lang = args.lang or get_language()
    if args.format == "xlsx":
        from ppsp.io.report_xlsx import write_report_xlsx

        out = Path(args.output or f"ppsp-report-{report.region}-{report.year}.xlsx")
        if not out.parent.exists():
            raise PpspError(N_("cli.no-folder"), path=str(out.parent))
        write_report_xlsx(report, out, lang)
        print(render(N_("cli.wrote"), {"path": str(out)}, lang), file=sys.stderr)
    elif args.format == "html":
        from ppsp.io.report_html import render_html

        out = Path(args.output or f"ppsp-report-{report.region}-{report.year}.html")
        _write(out, render_html(report, lang))
        print(render(N_("cli.wrote"), {"path": str(out)}, lang), file=sys.stderr)
    else:
        renderer = {"text": render_text, "json": render_json, "md": render_markdown}[args.format]
        _emit(renderer(report, lang), args.output, lang)
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
        _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", None, lang)
        return 0
    lines = []
    for r in registry:
        lines.append(f"{r.id}  {r.severity.value:<8} {r.title_text(lang)}")
        lines.append(f"        {r.explanation_text(lang)}")
        for citation in r.legal_basis:
            lines.append(f"        - {citation.describe(lang)}")
    _emit("\n".join(lines) + "\n", None, lang)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from ppsp.domain import RegionBundle
    from ppsp.io.export import write_csv, write_xlsx
    from ppsp.io.json import dumps, loads

    source = Path(args.bundle)
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PpspError(N_("workbook.missing"), file=str(source)) from None
    loaded: Any = loads(text, source=str(source))
    documents = list(loaded.documents()) if isinstance(loaded, RegionBundle) else [loaded]
    out = Path(args.output or f"{source.stem}-{args.to}")
    if not out.parent.exists():
        raise PpspError(N_("cli.no-folder"), path=str(out.parent))
    out.mkdir(exist_ok=True)
    for index, document in enumerate(documents, start=1):
        stem = _document_stem(document, index)
        if args.to == "xlsx":
            path = write_xlsx(document, out / f"{stem}.xlsx")
        elif args.to == "csv":
            path = write_csv(document, out / f"{stem}.csv", delimiter=args.delimiter)
        else:
            path = out / f"{stem}.json"
            _write(path, dumps(document) + "\n")
        print(render(N_("cli.wrote"), {"path": str(path)}, args.lang), file=sys.stderr)
    return 0


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
    from ppsp.io.export import write_template

    path = write_template(
        args.kind,
        Path(args.output or f"template-{args.kind}.xlsx"),
        start_year=args.start_year,
        region=_region_code(args.region) if args.region else None,
        period=args.period,
        agency=args.agency,
    )
    print(render(N_("cli.wrote"), {"path": str(path)}, args.lang), file=sys.stderr)
    return 0


def _region_code(text: str) -> Any:
    """A region code or name (``62.10``, ``Kab. Gunung Mas``) as the register knows it."""
    from ppsp.domain import default_register

    return default_register().lookup(text).code


class _Parser(argparse.ArgumentParser):
    """An argument parser whose mistakes are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        words = self.prog.split()[1:]
        command = " ".join(words) + " " if words else ""
        problem = render(N_("cli.usage"), {"problem": message, "command": command})
        sys.stderr.write(f"ppsp: {problem}\n")
        sys.exit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ppsp",
        description="Tools for Indonesia's PPSP sanitation planning documents.",
    )
    parser.add_argument("--version", action="version", version=f"ppsp {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--lang",
            choices=LANGUAGES,
            default=None,
            help="language of the output: id or en (default: PPSP_LANG, LANG, en)",
        )

    demo = sub.add_parser(
        "demo",
        help="the bundled example region: import its spreadsheets, check them, write the reports",
    )
    demo.add_argument(
        "-o", "--output", default="ppsp-demo", help="folder to write into (default: ppsp-demo)"
    )
    demo.add_argument("--year", type=int, default=2025, help="the audited year (default 2025)")
    demo.add_argument("--today", help="the audit date, YYYY-MM-DD (default: today)")
    common(demo)
    demo.set_defaults(func=_cmd_demo)

    kinds = [
        "ssk",
        "rpjmd",
        "renstra-pd",
        "rkpd",
        "renja-pd",
        "dpa",
        "mps",
        "bps",
        "implementation",
    ]
    imp = sub.add_parser(
        "import", help="read spreadsheets or CSV files into a region bundle (JSON)"
    )
    imp.add_argument("files", nargs="+", metavar="FILE", help="xlsx, xls, ods or csv files")
    imp.add_argument(
        "--kind", choices=kinds, help="the document kind, when recognition cannot tell"
    )
    imp.add_argument("--region", help="region code or name, e.g. 62.10 or 'Kab. Gunung Mas'")
    imp.add_argument("--year", help="fiscal year (2025) or plan period (2024-2028)")
    imp.add_argument("--agency", help="the agency of a Renja, Renstra or DPA")
    imp.add_argument("-o", "--output", help="write the bundle JSON here (default: standard output)")
    imp.add_argument("--strict", action="store_true", help="stop on any error diagnostic")
    imp.add_argument(
        "--infer-codes",
        action="store_true",
        help="write the inferred sub kegiatan code into SSK activities that carry none (each "
        "said on standard error with its reason)",
    )
    imp.add_argument(
        "-v", "--verbose", action="store_true", help="also show informational diagnostics"
    )
    common(imp)
    imp.set_defaults(func=_cmd_import)

    chk = sub.add_parser(
        "check",
        help="audit a region: a bundle JSON, a spreadsheet, or a folder of spreadsheets",
    )
    chk.add_argument("path", metavar="PATH", help="bundle.json, a spreadsheet or a folder")
    chk.add_argument("--year", type=int, help="the audited fiscal year (default: the latest plan)")
    chk.add_argument("--select", help="rule ids, prefixes or tag:NAME, comma separated")
    chk.add_argument("--ignore", help="rule ids, prefixes or tag:NAME to leave out")
    chk.add_argument("--format", choices=_FORMATS, default="text", help="report format")
    chk.add_argument("-o", "--output", help="write the report here (default: standard output)")
    chk.add_argument("--tolerance", help="INT006 tolerance in percent (default 10)")
    chk.add_argument("--today", help="the audit date, YYYY-MM-DD (default: today, region's clock)")
    chk.add_argument("--kind", choices=kinds, help="kind of a spreadsheet recognition cannot tell")
    chk.add_argument("--region", help="region code or name for spreadsheets that do not say")
    chk.add_argument(
        "--source-year", help="year or period of spreadsheets that do not say (2025, 2024-2028)"
    )
    chk.add_argument("--agency", help="the agency of a Renja, Renstra or DPA spreadsheet")
    common(chk)
    chk.set_defaults(func=_cmd_check)

    rules = sub.add_parser("rules", help="list the rules with their legal basis")
    rules.add_argument("--format", choices=["text", "json"], default="text")
    common(rules)
    rules.set_defaults(func=_cmd_rules)

    exp = sub.add_parser(
        "export", help="write a bundle's documents as clean xlsx, csv or json files"
    )
    exp.add_argument("bundle", help="a bundle or document JSON file")
    exp.add_argument("--to", choices=["xlsx", "csv", "json"], required=True)
    exp.add_argument("--delimiter", choices=[",", ";"], default=",", help="CSV separator")
    exp.add_argument("-o", "--output", help="folder to write into (default: BUNDLE-FORMAT)")
    common(exp)
    exp.set_defaults(func=_cmd_export)

    tpl = sub.add_parser(
        "template",
        help="write a blank spreadsheet for a document kind (with --region and --period, a form "
        "that carries them and re-imports without flags)",
    )
    tpl.add_argument("kind", choices=kinds)
    tpl.add_argument("-o", "--output", help="the xlsx file (default: template-KIND.xlsx)")
    tpl.add_argument("--region", help="region code or name the form is for, e.g. 62.10")
    tpl.add_argument(
        "--period", help="the year (2025) of an annual kind, the period (2025-2029) of a plan"
    )
    tpl.add_argument("--agency", help="the agency of a Renja or Renstra form")
    tpl.add_argument(
        "--start-year", type=int, default=2025, help="first year of the period or the year"
    )
    common(tpl)
    tpl.set_defaults(func=_cmd_template)

    schema = sub.add_parser("schema", help="print or write the JSON Schema of ppsp files")
    schema.add_argument(
        "-o", "--output", help="write the schema to this file instead of printing it"
    )
    common(schema)
    schema.set_defaults(func=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    try:
        code: int = args.func(args)
    except PpspError as error:
        if args.debug:
            raise
        print(f"ppsp: {error.message(args.lang)}", file=sys.stderr)
        return 2
    except OSError as error:
        if args.debug:
            raise
        detail = {"path": error.filename or "", "detail": error.strerror or str(error)}
        print("ppsp: " + render(N_("cli.os-error"), detail, args.lang), file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
