"""The ``ppsp`` command line: a thin layer over the library's public functions.

Exit codes:

- 0 success;
- 1 error findings (``check``), and only that;
- 2 the input or the command could not be used: every :class:`~ppsp.errors.PpspError` (and an
  operating-system error such as a missing folder) is one line on stderr, in the user's
  language, naming the file, sheet, cell or JSON path and what was expected;
- 3 a bug in ppsp: any other exception is one line saying so and how to report it (``--debug``
  shows the traceback).

Everything printed to the terminal has its control characters (ESC, BEL, CR, NUL, bidi
overrides, lone surrogates) shown as ``\\x1b``-style escapes, so a name in a file cannot
clear the screen or hide text.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NoReturn, TextIO

from ppsp._version import __version__
from ppsp.errors import PpspError
from ppsp.i18n import LANGUAGES, N_, get_language, render, set_language

__all__ = ["main", "terminal_safe"]

#: exit code of a bug in ppsp (an exception that is not a PpspError)
EXIT_BUG = 3


def terminal_safe(text: str) -> str:
    r"""``text`` with every control character that a terminal would act on written as an
    escape (line breaks and tabs are kept); see :func:`ppsp.io.safe_text.visible_controls`.

    >>> print(terminal_safe("Sanitasi\x1b[2J\rOK\x07"))
    Sanitasi\x1b[2J\x0dOK\x07
    """
    from ppsp.io.safe_text import visible_controls

    return visible_controls(text)


class _SafeStream:
    """A text stream whose writes pass through :func:`terminal_safe`."""

    def __init__(self, stream: TextIO) -> None:
        self.raw = stream

    def write(self, text: str) -> int:
        return self.raw.write(terminal_safe(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


#: Formats that are never written to a terminal: without ``-o`` they are refused with a hint.
_BINARY = frozenset({"xlsx", "pdf"})
#: Endings that name a file: ``-o`` with one of them cannot be the folder of several outputs.
_FILE_ENDINGS = frozenset(
    {".xlsx", ".xls", ".ods", ".csv", ".json", ".html", ".htm", ".md", ".txt", ".pdf"}
)

#: What ``-o`` means for a command with one output (the help says exactly this).
_OUTPUT_HELP = (
    "-o FILE writes that file (-o FOLDER/ or an existing folder: the default name in it); "
    "without -o: standard output for text formats, refused for xlsx"
)


def _said(diagnostic: Any, lang: str | None) -> str:
    """One diagnostic as a line for standard error: ``warning: ...`` / ``peringatan: ...``."""
    word = diagnostic.severity.label(lang).lower()
    return f"{word}: {diagnostic.message(lang)}"


def _said_wrote(path: Path, lang: str | None) -> None:
    print(render(N_("cli.wrote"), {"path": str(path)}, lang), file=sys.stderr)


def _into_folder(output: str) -> bool:
    """Whether ``-o`` names a folder to write into: it exists as one, or ends with a slash."""
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def _one_target(
    output: str | None, default: str, fmt: str, inputs: Sequence[str | Path] = ()
) -> Path | None:
    """Where the one output of a command goes: ``None`` for standard output (text formats
    without ``-o``), the file ``-o`` names, or the default name in the folder ``-o`` names.

    :raises PpspError: a binary format without ``-o``; an output that is an input or a link
    """
    from ppsp.io.output import check_output, output_folder

    if not output:
        if fmt in _BINARY:
            raise PpspError(N_("cli.binary-needs-output"), format=fmt, example=default)
        return None
    if _into_folder(output):
        return check_output(output_folder(output.rstrip("/" + os.sep) or "/") / default, inputs)
    return check_output(output, inputs)


def _folder_target(output: str | None, count: int, inputs: Sequence[str | Path] = ()) -> Path:
    """The folder several outputs go into: ``-o FOLDER``, created when missing.

    :raises PpspError: no ``-o``, or ``-o`` naming a file
    """
    from ppsp.io.output import output_folder

    if not output:
        raise PpspError(N_("cli.needs-output-folder"), count=count)
    path = Path(output)
    named_file = path.is_file() or (not path.exists() and path.suffix.lower() in _FILE_ENDINGS)
    if not path.is_symlink() and not _into_folder(output) and named_file:
        raise PpspError(N_("cli.output-needs-folder"), path=output, count=count)
    return output_folder(path, inputs)


def _write(path: Path, text: str | bytes, inputs: Sequence[str | Path] = ()) -> None:
    from ppsp.io.output import write_bytes, write_text

    if isinstance(text, bytes):
        write_bytes(path, text, inputs)
    else:
        write_text(path, text, inputs)


def _emit(
    text: str | bytes,
    output: str | None,
    lang: str | None,
    *,
    default: str,
    fmt: str = "text",
    inputs: Sequence[str | Path] = (),
) -> None:
    """Write ``text`` (or UTF-8 bytes) to the file ``-o`` names (saying so on stderr), or to
    standard output."""
    target = _one_target(output, default, fmt, inputs)
    if target is None:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
            return
        sys.stdout.write(text)
        return
    _write(target, text, inputs)
    _said_wrote(target, lang)


def _cmd_schema(args: argparse.Namespace) -> int:
    from ppsp.io.json import schema_text

    _emit(schema_text(), args.output, args.lang, default="ppsp.schema.json", fmt="json")
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

    from ppsp.auditing import audit
    from ppsp.io.json import dumps, schema_text
    from ppsp.io.output import check_output
    from ppsp.io.reports.html import render_html
    from ppsp.io.reports.xlsx import write_report_xlsx
    from ppsp.rules import Settings
    from ppsp.rules.engine import RuleStatus, Severity

    lang = args.lang or get_language()
    today = _today(args.today)
    out = _folder_target(args.output, 4)
    folder = example_folder()
    if not folder.is_dir():
        raise PpspError(N_("demo.no-example"), path=str(folder))

    def say(key: str, **params: object) -> None:
        print(render(key, params, lang))

    say(N_("demo.title"))
    args.kind = args.region = args.agency = args.source_year = None
    sources = _gather(args, [str(folder)])
    bundle = sources.bundle
    say(
        N_("demo.read"),
        files=len(sources.inputs),
        folder=folder,
        documents=len(list(bundle.documents())),
    )
    _write(out / "bundle.json", dumps(bundle, indent=2) + "\n")
    _write(out / "ppsp.schema.json", schema_text())
    report = audit(sources, args.year, settings=Settings(today=today))
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
    xlsx_path = write_report_xlsx(report, check_output(out / "report.xlsx"), lang)
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
        # the bar's own carriage returns go to the terminal as they are; the file name does not
        self.stream: Any = getattr(sys.stderr, "raw", sys.stderr)

    def __call__(self, path: Path) -> None:
        self.done += 1
        if self.active:
            width = 24
            filled = width * self.done // self.total
            bar = "#" * filled + "-" * (width - filled)
            name = terminal_safe(path.name)[:40]
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} {name:<40}")
            self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\r" + " " * 80 + "\r")
            self.stream.flush()


def _gather(args: argparse.Namespace, paths: Sequence[str], bundles: bool = True) -> Any:
    """Gather a bundle JSON (when ``bundles``), spreadsheets, CSV files and folders
    (:func:`ppsp.auditing.gather`), saying on stderr what was recognised in each sheet."""
    from ppsp.auditing import gather
    from ppsp.io.sheets.importer import expand_paths

    one = Path(paths[0]) if len(paths) == 1 else None
    if bundles and one is not None and one.is_file() and one.suffix.lower() == ".json":
        return gather(one)
    year, period = _year_or_period(getattr(args, "source_year", None))
    files = expand_paths(paths)  # once: the progress bar counts them, the reader reads them
    if not files:
        raise PpspError(N_("import.no-files"), paths=list(paths))
    progress = _Progress(len(files), args.lang)
    try:
        sources = gather(
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
    for result in sources.read.results if sources.read is not None else ():
        for recognition in result.recognitions:
            print(
                render(
                    N_("cli.recognised"),
                    {
                        "file": result.file,
                        "sheet": recognition.sheet or "",  # a CSV has none
                        "kind": recognition.kind,
                        "reasons": "; ".join(recognition.explain(args.lang)),
                    },
                    args.lang,
                ),
                file=sys.stderr,
            )
    return sources


def _cmd_import(args: argparse.Namespace) -> int:
    from ppsp.io.json import dumpb

    args.source_year = args.year
    _one_target(args.output, "bundle.json", "json", args.files)  # refused before the work
    read = _gather(args, args.files, bundles=False).read
    bundle, said = _official_lists(args, read.bundle, read.diagnostics)
    for diagnostic in said:
        if diagnostic.severity.value != "info" or args.verbose:
            print(_said(diagnostic, args.lang), file=sys.stderr)
    if args.infer_codes:
        bundle = _infer_codes(bundle, args.lang, _code_list(args))
    inputs = [*args.files, *read.inputs, *_list_files(args)]
    _emit(
        dumpb(bundle, indent=2 if args.indent else None) + b"\n",
        args.output,
        args.lang,
        default="bundle.json",
        inputs=inputs,
    )
    return 0


def _code_list(args: argparse.Namespace) -> Any:
    """The official code list ``--code-list`` names (``None`` without it)."""
    if not getattr(args, "code_list", None):
        return None
    from ppsp.io.sheets.codelists import code_list_file

    return code_list_file(args.code_list, valid_from=args.code_list_from)


def _list_files(args: argparse.Namespace) -> list[str]:
    return [
        p for p in (getattr(args, "code_list", None), getattr(args, "funding_codes", None)) if p
    ]


def _official_lists(
    args: argparse.Namespace, bundle: Any, diagnostics: Sequence[Any] = ()
) -> tuple[Any, list[Any]]:
    """The bundle with ``--funding-codes`` applied, and the import's ``diagnostics`` with what
    the official lists say: codes the ``--code-list`` does not hold, funding codes the funding
    list does not hold, names it gave a code (their unknown-source warning is then dropped)."""
    said: list[Any] = list(diagnostics)
    code_list = _code_list(args)
    if code_list is not None:
        from ppsp.io.sheets.codelists import check_codes

        said.extend(check_codes(bundle, code_list))
    if getattr(args, "funding_codes", None):
        from ppsp.io.sheets.codelists import apply_funding_codes, load_funding_codes

        if not Path(args.funding_codes).is_file():
            raise PpspError(N_("workbook.missing"), file=args.funding_codes)
        bundle, found = apply_funding_codes(bundle, load_funding_codes(args.funding_codes))
        resolved = {
            (d.params["label"], d.location) for d in found if d.code == "funding-code-applied"
        }
        said = [
            d
            for d in said
            if not (
                d.code == "unknown-funding-source"
                and (d.params.get("value"), d.location) in resolved
            )
        ]
        said.extend(found)
    return bundle, said


def _infer_codes(bundle: Any, lang: str | None, supplied: Any = None) -> Any:
    """The bundle with a code written into every uncoded SSK activity whose code the linker
    infers with confidence (from the ``supplied`` official list, else the shipped list in force
    in the SSK's first year), each said on standard error with its reason."""
    import attrs

    from ppsp.domain import sanitation_code_lists
    from ppsp.errors import InvalidValue
    from ppsp.rules.linking import with_inferred_codes

    lists = sanitation_code_lists()
    documents = []
    for ssk in bundle.ssk:
        try:
            code_list = supplied or lists.for_year(ssk.period.start)
        except InvalidValue:
            documents.append(ssk)
            continue
        coded, changed = with_inferred_codes(ssk, code_list)
        uncoded = sum(1 for a in ssk.activities if a.code is None)
        if uncoded > len(changed):
            counts: dict[str, object] = {"count": uncoded - len(changed), "uncoded": uncoded}
            print(render(N_("cli.inferred-none"), counts, lang), file=sys.stderr)
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

    from ppsp.auditing import audit
    from ppsp.io.reports.text import render_json, render_markdown, render_text
    from ppsp.rules import Settings

    source = Path(args.path)
    # a binary format without -o, or an -o that is the input, is refused before the work
    _one_target(args.output, f"ppsp-report.{args.format}", args.format, [args.path])
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
    default = f"ppsp-report-{report.region}-{report.year}.{args.format}"
    paths = [args.path, *(i.path for i in sources.inputs)]
    target = _one_target(args.output, default, args.format, paths)
    if args.format == "xlsx":
        from ppsp.io.reports.xlsx import write_report_xlsx

        assert target is not None  # _one_target refuses xlsx without -o
        _said_wrote(write_report_xlsx(report, target, lang), lang)
        return report.exit_code
    if args.format == "html":
        from ppsp.io.reports.html import render_html

        text = render_html(report, lang)
    else:
        renderer = {"text": render_text, "json": render_json, "md": render_markdown}[args.format]
        text = renderer(report, lang)
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

    def official_lists(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--code-list",
            metavar="FILE",
            help="an official sub kegiatan code list (CSV or xlsx: kode, nomenklatur...): codes "
            "are checked against it (INT008), inferred from it, and those it lacks are said",
        )
        p.add_argument(
            "--code-list-from",
            type=int,
            metavar="YEAR",
            help="first fiscal year the --code-list applies to (default: every year; the "
            "shipped lists keep the years before)",
        )
        p.add_argument(
            "--funding-codes",
            metavar="FILE",
            help="an official sumber dana list (CSV or xlsx: kode, uraian): funding codes it "
            "lacks are said, funding named as in it gets its code",
        )

    demo = sub.add_parser(
        "demo",
        help="the bundled example region: import its spreadsheets, check them, write the reports",
    )
    demo.add_argument(
        "-o",
        "--output",
        default="ppsp-demo",
        help="several files: -o FOLDER, created if needed, -o FILE refused (default: ppsp-demo)",
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
    imp.add_argument("-o", "--output", metavar="FILE", help="the bundle JSON: " + _OUTPUT_HELP)
    imp.add_argument(
        "--indent", action="store_true", help="indent the JSON for people (default: compact)"
    )
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
    official_lists(imp)
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
    chk.add_argument("-o", "--output", metavar="FILE", help="the report: " + _OUTPUT_HELP)
    chk.add_argument("--tolerance", help="INT006 tolerance in percent (default 10)")
    chk.add_argument("--today", help="the audit date, YYYY-MM-DD (default: today, region's clock)")
    chk.add_argument(
        "--generated-at",
        metavar="TIME",
        help="the time the report records as made, ISO 8601 (default: SOURCE_DATE_EPOCH, else "
        "now): the same inputs then give byte-identical reports",
    )
    chk.add_argument("--kind", choices=kinds, help="kind of a spreadsheet recognition cannot tell")
    chk.add_argument("--region", help="region code or name for spreadsheets that do not say")
    chk.add_argument(
        "--source-year", help="year or period of spreadsheets that do not say (2025, 2024-2028)"
    )
    chk.add_argument("--agency", help="the agency of a Renja, Renstra or DPA spreadsheet")
    official_lists(chk)
    common(chk)
    chk.set_defaults(func=_cmd_check)

    rules = sub.add_parser("rules", help="list the rules with their legal basis")
    rules.add_argument("--format", choices=["text", "json"], default="text")
    rules.add_argument("-o", "--output", metavar="FILE", help="the list: " + _OUTPUT_HELP)
    common(rules)
    rules.set_defaults(func=_cmd_rules)

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
    exp.add_argument("--kind", choices=kinds, help="kind of a spreadsheet recognition cannot tell")
    exp.add_argument("--region", help="region code or name for spreadsheets that do not say")
    exp.add_argument("--year", help="year or period of spreadsheets that do not say")
    exp.add_argument("--agency", help="the agency of a Renja, Renstra or DPA spreadsheet")
    exp.add_argument(
        "--indent", action="store_true", help="indent JSON output for people (default: compact)"
    )
    common(exp)
    exp.set_defaults(func=_cmd_export)

    tpl = sub.add_parser(
        "template",
        help="write a blank spreadsheet for a document kind (with --region and --period, a form "
        "that carries them and re-imports without flags)",
    )
    tpl.add_argument("kind", choices=kinds)
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
    common(tpl)
    tpl.set_defaults(func=_cmd_template)

    schema = sub.add_parser("schema", help="print or write the JSON Schema of ppsp files")
    schema.add_argument("-o", "--output", metavar="FILE", help="the schema: " + _OUTPUT_HELP)
    common(schema)
    schema.set_defaults(func=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code: 0 success, 1 error findings, 2 the input or
    the command could not be used (a :class:`~ppsp.errors.PpspError`), 3 a bug in ppsp."""
    from ppsp.i18n import INTERFACE

    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _SafeStream(stdout), _SafeStream(stderr)
    interface = INTERFACE.set("cli")  # messages name --kind, not kind=
    try:
        return _main(argv)
    finally:
        INTERFACE.reset(interface)
        sys.stdout, sys.stderr = stdout, stderr


def _main(argv: Sequence[str] | None) -> int:
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
    except Exception as error:  # a bug: said in one line, never exit code 1
        if args.debug:
            raise
        where = ""
        trace = error.__traceback__
        while trace is not None:
            frame = trace.tb_frame
            if "ppsp" in frame.f_code.co_filename:
                where = f"{Path(frame.f_code.co_filename).name}:{trace.tb_lineno}"
            trace = trace.tb_next
        detail = {
            "error": type(error).__name__,
            "where": where or "-",
            "version": __version__,
        }
        print("ppsp: " + render(N_("cli.bug"), detail, args.lang), file=sys.stderr)
        return EXIT_BUG
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
