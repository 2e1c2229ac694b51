"""Writing output files safely: atomically, never over an input, never through a link.

Every file ``ppsp`` writes (the command line's outputs and the library's writers) goes through
this module:

- a file is written to a temporary file in the same folder, flushed to disk (``fsync``) and then
  renamed over the target, so a reader sees the earlier file or the new one, never half of one;
  a failure while writing (an exception, a full disk, ``kill -9``) leaves a valid earlier output
  as it was, and two processes writing one output leave one whole file;
- an output path that is a symbolic link, or that is one of the inputs (directly, or through a
  link, or as a hard link), is refused with :class:`OutputRefused`;
- a folder the files go into (``ppsp export ... -o FOLDER``) is created when missing, must not
  be a link itself, and is written through a file descriptor of the folder, so a link planted in
  it, or a folder swapped for a link while writing, is never followed.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> write_text(folder / "a.txt", "one").read_text()
'one'
>>> write_text(folder / "a.txt", "two", inputs=[folder / "a.txt"])
Traceback (most recent call last):
...
ppsp.io.output.OutputRefused: ...is also an input...
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ppsp.errors import PpspError
from ppsp.i18n import N_

__all__ = [
    "REPORT_KEYWORD",
    "OutputRefused",
    "check_output",
    "is_ppsp_report",
    "no_folder",
    "open_atomic",
    "output_folder",
    "save_workbook",
    "write_bytes",
    "write_text",
    "write_with",
]

_TEMP_PREFIX = ".ppsp-"
#: The keyword an audit report workbook carries in its document properties, so that reading a
#: folder skips ppsp's own reports instead of failing on them.
REPORT_KEYWORD = "ppsp-audit-report"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_BINARY = getattr(os, "O_BINARY", 0)
#: Whether the folder can be held open and the files named relative to it (POSIX).
_DIR_FD = os.open in os.supports_dir_fd and os.replace in os.supports_dir_fd and bool(_DIRECTORY)


class OutputRefused(PpspError):
    """An output path that would overwrite an input or follow a link."""


def no_folder(folder: str | Path) -> PpspError:
    """The error of a missing output folder, with the command that creates it."""
    import shlex

    path = str(folder)
    command = f'mkdir "{path}"' if os.name == "nt" else f"mkdir -p {shlex.quote(path)}"
    return PpspError(N_("cli.no-folder"), path=path, command=command)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def check_output(path: str | Path, inputs: Iterable[str | Path] = ()) -> Path:
    """The output ``path``, once it is known not to be a link, an input, or a folder, and its
    folder to exist.

    :raises OutputRefused: the path is a symbolic link, an input (itself, through a link, or a
        hard link to one) or a folder
    :raises PpspError: its folder does not exist (``cli.no-folder``)
    """
    target = Path(path)
    if target.is_symlink():
        raise OutputRefused(N_("output.symlink"), path=str(target))
    if target.is_dir():
        raise OutputRefused(N_("output.is-folder"), path=str(target))
    folder = target.parent
    if not folder.is_dir():
        raise no_folder(folder)
    mine = _identity(target)
    resolved = target.resolve()
    for source in inputs:
        source = Path(source)
        if source.resolve() == resolved or (mine is not None and _identity(source) == mine):
            raise OutputRefused(N_("output.is-input"), path=str(target), input=str(source))
    return target


@contextlib.contextmanager
def _folder_fd(folder: Path) -> Iterator[int | None]:
    """A descriptor of ``folder`` opened without following a link (``None`` where the
    platform names files by path only)."""
    if not _DIR_FD:
        yield None
        return
    try:
        fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW)
    except OSError as error:
        if os.path.islink(folder):
            raise OutputRefused(N_("output.symlink"), path=str(folder)) from None
        raise PpspError(N_("cli.os-error"), path=str(folder), detail=error.strerror) from None
    try:
        yield fd
    finally:
        os.close(fd)


@contextlib.contextmanager
def open_atomic(path: str | Path, inputs: Iterable[str | Path] = ()) -> Iterator[IO[bytes]]:
    """A binary file that becomes ``path`` when the ``with`` block ends without an exception:
    written beside it under a temporary name, flushed to disk, then renamed over it. On an
    exception the temporary file is removed and ``path`` is left as it was.

    :raises OutputRefused: see :func:`check_output`
    """
    target = check_output(path, inputs)
    folder, name = target.parent, target.name
    temp = f"{_TEMP_PREFIX}{secrets.token_hex(6)}-{name}"[:255]
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
    with _folder_fd(folder) as fd:
        if fd is not None:
            handle = os.open(temp, flags, 0o666, dir_fd=fd)
        else:  # pragma: no cover - platforms without dir_fd (Windows)
            handle = os.open(folder / temp, flags, 0o666)

        def remove() -> None:
            with contextlib.suppress(OSError):
                if fd is not None:
                    os.unlink(temp, dir_fd=fd)
                else:  # pragma: no cover
                    os.unlink(folder / temp)

        try:
            with os.fdopen(handle, "wb") as stream:
                yield stream
                stream.flush()
                os.fsync(stream.fileno())
            # the name is checked once more just before the rename: a link planted meanwhile
            # is refused, never followed (the rename would replace the link, not its target)
            try:
                now = os.stat(name, dir_fd=fd, follow_symlinks=False) if fd is not None else None
            except FileNotFoundError:
                now = None
            if fd is None:  # pragma: no cover
                now = os.lstat(target) if os.path.lexists(target) else None
            if now is not None and stat.S_ISLNK(now.st_mode):
                raise OutputRefused(N_("output.symlink"), path=str(target))
            if fd is not None:
                os.replace(temp, name, src_dir_fd=fd, dst_dir_fd=fd)
                with contextlib.suppress(OSError):
                    os.fsync(fd)  # the rename itself reaches the disk
            else:  # pragma: no cover
                os.replace(folder / temp, target)
        except BaseException:
            remove()
            raise


def write_bytes(path: str | Path, data: bytes, inputs: Iterable[str | Path] = ()) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`open_atomic`); returns the path."""
    with open_atomic(path, inputs) as stream:
        stream.write(data)
    return Path(path)


def write_text(path: str | Path, text: str, inputs: Iterable[str | Path] = ()) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically (see :func:`open_atomic`)."""
    return write_bytes(path, text.encode("utf-8", "surrogateescape"), inputs)


def save_workbook(workbook: Any, path: str | Path, inputs: Iterable[str | Path] = ()) -> Path:
    """Save an openpyxl workbook to ``path`` atomically (see :func:`open_atomic`)."""
    with open_atomic(path, inputs) as stream:
        workbook.save(stream)
    return Path(path)


def write_with(
    path: str | Path, writer: Callable[[IO[bytes]], None], inputs: Iterable[str | Path] = ()
) -> Path:
    """Call ``writer`` on a binary stream that becomes ``path`` atomically."""
    with open_atomic(path, inputs) as stream:
        writer(stream)
    return Path(path)


def output_folder(path: str | Path, inputs: Iterable[str | Path] = ()) -> Path:
    """The folder ``path``, created when missing (its parent must exist), for several outputs.

    :raises OutputRefused: the folder is a symbolic link, an existing file, or an input
    :raises PpspError: its parent folder does not exist
    """
    folder = Path(path)
    if folder.is_symlink():
        raise OutputRefused(N_("output.symlink"), path=str(folder))
    if folder.exists() and not folder.is_dir():
        raise OutputRefused(N_("output.folder-is-file"), path=str(folder))
    resolved = folder.resolve()
    for source in inputs:
        if Path(source).resolve() == resolved:
            raise OutputRefused(N_("output.is-input"), path=str(folder), input=str(source))
    if not folder.parent.is_dir():
        raise no_folder(folder.parent)
    with contextlib.suppress(FileExistsError):
        folder.mkdir()
    if folder.is_symlink() or not folder.is_dir():  # swapped between the checks
        raise OutputRefused(N_("output.symlink"), path=str(folder))
    return folder


def is_ppsp_report(path: str | Path) -> bool:
    """Whether ``path`` is an audit report workbook ppsp wrote (its document properties carry
    :data:`REPORT_KEYWORD`); a file that is no readable workbook is not one."""
    import zipfile

    from ppsp.io.limits import BROKEN_ZIP

    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > 65_536:
                return False
            return REPORT_KEYWORD.encode() in archive.read(info)
    except (KeyError, OSError, *BROKEN_ZIP):
        return False
