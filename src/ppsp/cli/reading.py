"""``ppsp import``: spreadsheets and CSV files into a region bundle, with the official lists."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ppsp.cli.common import (
    _OUTPUT_HELP,
    KINDS,
    SubParsers,
    _emit,
    _one_target,
    _said,
    add_language,
    add_official_lists,
    terminal_safe,
)
from ppsp.errors import PpspError
from ppsp.i18n import N_, render


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

    one = Path(paths[0]) if len(paths) == 1 else None
    if bundles and one is not None and one.is_file() and one.suffix.lower() == ".json":
        return gather(one)  # without the spreadsheet reader's modules (50 ms of imports)
    from ppsp.io.sheets.importer import expand_paths

    year, period = _year_or_period(getattr(args, "source_year", None))
    skipped: list[Path] = []
    files = expand_paths(
        paths, skipped
    )  # once: the progress bar counts them, the reader reads them
    for report in skipped:  # ppsp's own report in a folder it reads again: said, not read
        print(
            f"{report}: {render(N_('diagnostic.report-skipped'), None, args.lang)}", file=sys.stderr
        )
    if not files:
        raise PpspError(N_("import.no-files"), paths=list(paths))
    progress = _Progress(len(files), args.lang)
    try:
        sources = gather(
            paths,  # as given: a file of a folder that holds no plan document is left out
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
        if diagnostic.code == "report-skipped":
            continue  # said while gathering
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


def add_import(sub: SubParsers) -> None:
    """``ppsp import``."""
    imp = sub.add_parser(
        "import", help="read spreadsheets or CSV files into a region bundle (JSON)"
    )
    imp.add_argument("files", nargs="+", metavar="FILE", help="xlsx, xls, ods or csv files")
    imp.add_argument(
        "--kind", choices=KINDS, help="the document kind, when recognition cannot tell"
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
    add_official_lists(imp)
    add_language(imp)
    imp.set_defaults(func=_cmd_import)
