"""The ``ppsp`` command line: a thin layer over the library's public functions.

Exit codes: 0 success, 1 error findings (from ``check``, later), 2 the input or the command
could not be used (one line on stderr says what to do; ``--debug`` shows the traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ppsp._version import __version__
from ppsp.errors import PpspError
from ppsp.i18n import LANGUAGES, N_, render, set_language

__all__ = ["main"]


def _write(path: Path, text: str) -> None:
    if not path.parent.exists():
        raise PpspError(N_("cli.no-folder"), path=str(path.parent))
    path.write_text(text, encoding="utf-8")


def _cmd_schema(args: argparse.Namespace) -> int:
    from ppsp.io.json import schema_text

    text = schema_text()
    if args.output:
        _write(Path(args.output), text)
        print(render(N_("cli.wrote"), {"path": args.output}, args.lang), file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from ppsp.demo import demo_bundle
    from ppsp.domain import RegionBundle, Rupiah, default_register
    from ppsp.io.json import dumps, loads, schema_text

    lang = args.lang
    out = Path(args.output)
    if not out.parent.exists():
        raise PpspError(N_("cli.no-folder"), path=str(out.parent))
    out.mkdir(exist_ok=True)
    bundle = demo_bundle()
    bundle_path = out / "bundle.json"
    _write(bundle_path, dumps(bundle) + "\n")
    _write(out / "ppsp.schema.json", schema_text())
    again = loads(bundle_path.read_text(encoding="utf-8"), RegionBundle, source=str(bundle_path))

    def say(key: str, **params: object) -> None:
        print(render(key, params, lang))

    region = default_register().get(again.region)
    ssk = again.ssk_for(2025)
    rkpd = again.rkpd_for(2025)
    assert ssk is not None
    assert rkpd is not None
    say(N_("demo.title"))
    say(
        N_("demo.region"),
        name=region.name,
        code=region.code,
        zone=region.timezone.value,
        iana=region.iana_zone,
    )
    say(N_("demo.ssk"), period=ssk.period, activities=len(ssk.activities), total=ssk.total_cost())
    for subsector in sorted(
        {a.subsector for a in ssk.activities if a.subsector}, key=lambda s: s.value
    ):
        chosen = [a for a in ssk.activities if a.subsector is subsector]
        say(
            N_("demo.subsector"),
            subsector=subsector,
            count=len(chosen),
            total=sum((a.total_cost() for a in chosen), Rupiah.zero()),
        )
    planned = ssk.activities_in(2025)
    apbd = sum((a.regional_budget_cost(2025) for a in planned), Rupiah.zero())
    say(N_("demo.year"), year=2025, count=len(planned), total=ssk.total_cost(2025), apbd=apbd)
    say(N_("demo.rkpd"), year=rkpd.year, lines=len(rkpd.lines), pagu=rkpd.total_pagu())
    codes = {line.code for line in rkpd.lines if line.code}
    found = [a for a in planned if a.code in codes]
    missing = [a for a in planned if a.code not in codes]
    say(N_("demo.codes"), found=len(found), count=len(planned))
    for activity in missing:
        say(N_("demo.missing"), name=activity.name, code=activity.code or "-")
    say(N_("demo.files"), bundle=bundle_path, schema=out / "ppsp.schema.json")
    say(N_("demo.note"))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
        "demo", help="build the demonstration region, write its JSON, summarise it"
    )
    demo.add_argument(
        "-o", "--output", default="ppsp-demo", help="folder to write into (default: ppsp-demo)"
    )
    common(demo)
    demo.set_defaults(func=_cmd_demo)

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
