"""``ppsp demo``: the bundled example region, imported, checked and reported."""

from __future__ import annotations

import argparse
from pathlib import Path

from ppsp.cli.common import (
    SubParsers,
    _folder_target,
    _today,
    _write,
    add_language,
)
from ppsp.cli.reading import _gather
from ppsp.errors import PpspError
from ppsp.i18n import N_, get_language, render


def example_folder() -> Path:
    """The bundled example region's spreadsheets: inside the installed package, or in
    ``examples/gunung-mas`` of a source checkout."""
    from importlib import resources

    packaged = Path(str(resources.files("ppsp").joinpath("_examples", "gunung-mas")))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "examples" / "gunung-mas"


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
    say(
        N_("demo.files"),
        html=html_path,
        xlsx=xlsx_path,
        bundle=out / "bundle.json",
        schema=out / "ppsp.schema.json",
    )
    say(N_("demo.note"))
    return 0


def add_demo(sub: SubParsers) -> None:
    """``ppsp demo``."""
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
    add_language(demo)
    demo.set_defaults(func=_cmd_demo)
