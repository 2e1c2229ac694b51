"""What every command of the command line shares: terminal-safe output, where ``-o`` writes, the
parser whose mistakes are one line, and the options several commands have."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO, TypeAlias

from ppsp.errors import PpspError
from ppsp.i18n import LANGUAGES, N_, render

#: The sub-parsers of the ``ppsp`` parser, to which each command module adds its own.
SubParsers: TypeAlias = "argparse._SubParsersAction[_Parser]"

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
    output: str | None,
    default: str,
    fmt: str,
    inputs: Sequence[str | Path] = (),
    binary: bool | None = None,
) -> Path | None:
    """Where the one output of a command goes: ``None`` for standard output (text formats
    without ``-o``), the file ``-o`` names, or the default name in the folder ``-o`` names.
    ``binary``: whether ``fmt`` is written to files only (default: whether it is xlsx or pdf).

    :raises PpspError: a binary format without ``-o``; an output that is an input or a link
    """
    from ppsp.io.output import check_output, no_folder, output_folder

    if not output:
        if fmt in _BINARY if binary is None else binary:
            raise PpspError(N_("cli.binary-needs-output"), format=fmt, example=default)
        return None
    if _into_folder(output):
        return check_output(output_folder(output.rstrip("/" + os.sep) or "/") / default, inputs)
    folder = Path(output).parent
    if not folder.is_dir():
        # the file's folder is made as -o FOLDER/ makes one: in a folder that exists, never
        # through a link; deeper, the message gives the command that makes the whole of it
        if not folder.is_symlink() and not folder.parent.is_dir():
            raise no_folder(folder)
        output_folder(folder, inputs)
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


def _today(text: str | None) -> Any:
    """The audit date given as ``--today`` (``None``: today on the region's clock)."""
    if not text:
        return None
    from ppsp.domain.period import parse_date

    try:
        return parse_date(text)
    except PpspError:
        raise PpspError(N_("cli.bad-date"), value=text) from None


class _Parser(argparse.ArgumentParser):
    """An argument parser whose mistakes are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        words = self.prog.split()[1:]
        command = " ".join(words) + " " if words else ""
        problem = render(N_("cli.usage"), {"problem": message, "command": command})
        sys.stderr.write(f"ppsp: {problem}\n")
        sys.exit(2)


def add_language(p: argparse.ArgumentParser) -> None:
    """The ``--lang`` option every command has."""
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="language of the output: id or en (default: PPSP_LANG, LANG, en)",
    )


def add_official_lists(p: argparse.ArgumentParser) -> None:
    """The options naming official lists (``import`` and ``check``)."""
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


#: The kinds ``--kind`` accepts.
KINDS = [
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
