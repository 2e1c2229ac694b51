"""The ``ppsp`` command line: a thin layer over the library's public functions.

One module per group of commands: :mod:`~ppsp.cli.reading` (``import``),
:mod:`~ppsp.cli.checking` (``check``, ``rules``, ``formats``), :mod:`~ppsp.cli.writing`
(``export``, ``template``, ``schema``), :mod:`~ppsp.cli.example` (``demo``), and
:mod:`~ppsp.cli.common` for what they share. Each adds its own sub-parsers; this module puts
them together and runs one.

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
import sys
from collections.abc import Sequence
from pathlib import Path

from ppsp._version import __version__
from ppsp.cli.common import EXIT_BUG, _Parser, _SafeStream, terminal_safe
from ppsp.errors import PpspError
from ppsp.i18n import LANGUAGES, N_, render, set_language

__all__ = ["EXIT_BUG", "main", "terminal_safe"]


def _parser() -> argparse.ArgumentParser:
    from ppsp.cli import checking, example, reading, writing

    parser = _Parser(
        prog="ppsp",
        description="Tools for Indonesia's PPSP sanitation planning documents.",
    )
    parser.add_argument("--version", action="version", version=f"ppsp {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    parser.add_argument(
        "--lang",
        dest="global_lang",
        choices=LANGUAGES,
        default=None,
        help="language of the output: id or en (also after the command)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    example.add_demo(sub)
    reading.add_import(sub)
    checking.add_check(sub)
    checking.add_rules(sub)
    checking.add_formats(sub)
    writing.add_export(sub)
    writing.add_template(sub)
    writing.add_schema(sub)
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
    from ppsp.i18n import CLI_NAMES

    parser = _parser()
    args = parser.parse_args(argv)
    # --lang before the command (ppsp --lang id check ...) or after it
    args.lang = getattr(args, "lang", None) or args.global_lang
    if args.lang:
        set_language(args.lang)
    names = CLI_NAMES.set(getattr(args, "cli_names", {}))
    try:
        return _run(args)
    finally:
        CLI_NAMES.reset(names)


def _run(args: argparse.Namespace) -> int:
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
