"""Safe writing: atomic files, never over an input, never through a link (ppsp.io.output)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ppsp.errors import PpspError
from ppsp.io.output import (
    OutputRefused,
    check_output,
    open_atomic,
    output_folder,
    save_workbook,
    write_bytes,
    write_text,
)

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".ppsp-"))


def test_a_file_is_written_whole_and_nothing_else_is_left(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert write_text(target, "{}\n") == target
    write_text(target, '{"a": 1}\n')
    assert target.read_text("utf-8") == '{"a": 1}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_a_failure_while_writing_keeps_the_earlier_output(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    write_text(target, "the earlier, valid report\n")

    def interrupted() -> None:
        with open_atomic(target) as stream:
            stream.write(b'{"half": ')
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        interrupted()
    assert target.read_text("utf-8") == "the earlier, valid report\n"
    assert leftovers(tmp_path) == []


def test_a_workbook_that_fails_to_save_keeps_the_earlier_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook, load_workbook

    target = tmp_path / "book.xlsx"
    book = Workbook()
    book.active["A1"] = "earlier"
    save_workbook(book, target)

    class Broken(Workbook):  # type: ignore[misc]
        def save(self, filename: object) -> None:
            super().save(filename)
            raise OSError("no space left on device")

    broken = Broken()
    broken.active["A1"] = "later"
    with pytest.raises(OSError, match="no space"):
        save_workbook(broken, target)
    assert load_workbook(target).active["A1"].value == "earlier"
    assert leftovers(tmp_path) == []


def test_kill_9_while_writing_leaves_the_earlier_output(tmp_path: Path) -> None:
    target = tmp_path / "bundle.json"
    write_text(target, '{"valid": true}\n')
    script = (
        "import os, signal, sys\n"
        "from ppsp.io.output import open_atomic\n"
        "with open_atomic(sys.argv[1]) as stream:\n"
        "    stream.write(b'{\"partial\": ' * 100000)\n"
        "    stream.flush()\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    if not hasattr(os, "kill") or sys.platform == "win32":
        pytest.skip("no SIGKILL on this platform")
    done = subprocess.run([sys.executable, "-c", script, str(target)], timeout=60)
    assert done.returncode == -9
    assert target.read_text("utf-8") == '{"valid": true}\n'


def test_two_writers_of_one_output_leave_one_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with open_atomic(target) as first:
        first.write(b"first " * 1000)
        with open_atomic(target) as second:
            second.write(b"second " * 10)
        assert target.read_bytes() == b"second " * 10
        first.write(b"end")
    assert target.read_bytes() == b"first " * 1000 + b"end"
    assert leftovers(tmp_path) == []


def test_an_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.xlsx"
    source.write_bytes(b"the input")
    with pytest.raises(OutputRefused) as refused:
        write_bytes(source, b"overwritten", inputs=[source])
    assert refused.value.key == "output.is-input" and "in.xlsx" in refused.value.message("en")
    # the same file under another spelling of its path
    with pytest.raises(OutputRefused):
        write_bytes(tmp_path / "." / "in.xlsx", b"overwritten", inputs=[str(source)])
    assert source.read_bytes() == b"the input"


def test_a_hard_link_to_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text("{}", "utf-8")
    other = tmp_path / "also.json"
    try:
        os.link(source, other)
    except OSError:
        pytest.skip("no hard links here")
    with pytest.raises(OutputRefused, match="input"):
        write_text(other, "overwritten", inputs=[source])
    assert source.read_text("utf-8") == "{}"


@needs_symlinks
def test_an_output_that_resolves_to_an_input_through_a_link_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    source = data / "b.json"
    source.write_text("{}", "utf-8")
    (tmp_path / "alias").symlink_to(data, target_is_directory=True)
    with pytest.raises(OutputRefused, match="input"):
        write_text(tmp_path / "alias" / "b.json", "overwritten", inputs=[source])
    assert source.read_text("utf-8") == "{}"


@needs_symlinks
def test_an_output_that_is_a_link_is_refused_and_its_target_kept(tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", "utf-8")
    link = tmp_path / "report.txt"
    link.symlink_to(precious)
    with pytest.raises(OutputRefused) as refused:
        write_text(link, "overwritten")
    assert refused.value.key == "output.symlink"
    assert precious.read_text("utf-8") == "keep me" and link.is_symlink()
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(OutputRefused):
        write_text(dangling, "x")
    assert not (tmp_path / "nowhere.txt").exists()


@needs_symlinks
def test_a_link_planted_in_an_export_folder_is_not_followed(tmp_path: Path) -> None:
    precious = tmp_path / "precious.xlsx"
    precious.write_bytes(b"keep me")
    folder = output_folder(tmp_path / "export")
    (folder / "01-rkpd-62.10-2025.xlsx").symlink_to(precious)
    with pytest.raises(OutputRefused):
        write_bytes(folder / "01-rkpd-62.10-2025.xlsx", b"overwritten")
    # a link planted while the file is being written is refused at the rename

    def planted_meanwhile() -> None:
        with open_atomic(folder / "02-dpa.xlsx") as stream:
            stream.write(b"overwritten")
            (folder / "02-dpa.xlsx").symlink_to(precious)

    with pytest.raises(OutputRefused):
        planted_meanwhile()
    assert precious.read_bytes() == b"keep me"
    assert leftovers(folder) == []


@needs_symlinks
def test_an_export_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere"
    real.mkdir()
    (tmp_path / "export").symlink_to(real, target_is_directory=True)
    with pytest.raises(OutputRefused, match="symbolic link"):
        output_folder(tmp_path / "export")
    assert list(real.iterdir()) == []


def test_output_folders_are_created_once_and_reused(tmp_path: Path) -> None:
    folder = output_folder(tmp_path / "out")
    assert folder.is_dir()
    assert output_folder(tmp_path / "out") == folder  # an existing folder is fine
    (tmp_path / "file").write_text("x", "utf-8")
    with pytest.raises(OutputRefused, match="is a file"):
        output_folder(tmp_path / "file")
    with pytest.raises(PpspError, match="does not exist"):
        output_folder(tmp_path / "missing" / "deeper")
    with pytest.raises(OutputRefused, match="is a folder"):
        check_output(folder)
    with pytest.raises(PpspError, match="does not exist"):
        check_output(tmp_path / "missing" / "x.json")


def test_the_library_writers_write_atomically(tmp_path: Path) -> None:
    from ppsp.domain import RKPD, RegionCode
    from ppsp.io.sheets.export import write_csv, write_template, write_xlsx

    document = RKPD(region=RegionCode("62.10"), year=2025)
    precious = tmp_path / "precious"
    precious.write_bytes(b"keep me")
    for writer, name in (
        (lambda p: write_xlsx(document, p), "a.xlsx"),
        (lambda p: write_csv(document, p), "a.csv"),
        (lambda p: write_template("rkpd", p), "t.xlsx"),
    ):
        assert writer(tmp_path / name).stat().st_size > 0
        if hasattr(os, "symlink"):
            (tmp_path / f"link-{name}").symlink_to(precious)
            with pytest.raises(OutputRefused):
                writer(tmp_path / f"link-{name}")
    assert precious.read_bytes() == b"keep me"
    assert leftovers(tmp_path) == []
