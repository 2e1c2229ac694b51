"""Report formats are found through the ``ppsp.renderers`` entry point, built-in and third-party
alike, by the library and by ``ppsp check --format`` / ``ppsp formats``."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ppsp.cli import main
from ppsp.demo import demo_bundle
from ppsp.errors import PpspError
from ppsp.i18n import set_language
from ppsp.rules import check
from ppsp.rules.renderers import Renderer, find_renderer, renderer, renderer_names

BUILT_IN = ["html", "json", "md", "text", "xlsx"]

PLUGIN = """
from ppsp.rules.renderers import Renderer

def _shout(report, lang=None):
    return f"{report.region} {report.year}: {len(report.findings)} FINDINGS\\n".upper()

SHOUT = Renderer(render=_shout, suffix="txt")

def plain(report, lang=None):
    return "plain " + str(report.year) + "\\n"

NOT_ONE = 42
"""


def _plugin(root: Path) -> Path:
    """A distribution ``ppsp-shout`` as pip would install it: a module and its dist-info,
    whose ``entry_points.txt`` registers three formats."""
    root.mkdir()
    (root / "ppsp_shout.py").write_text(PLUGIN, "utf-8")
    info = root / "ppsp_shout-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: ppsp-shout\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[ppsp.renderers]\n"
        "shout = ppsp_shout:SHOUT\n"
        "plain = ppsp_shout:plain\n"
        "not-one = ppsp_shout:NOT_ONE\n"
        "broken = ppsp_shout_missing:NOTHING\n",
        "utf-8",
    )
    return root


@pytest.fixture(autouse=True)
def _language_back() -> Iterator[None]:
    """``main(..., "--lang", L)`` sets the language of the thread, as the command does."""
    yield
    set_language(None)


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = _plugin(tmp_path / "site")
    monkeypatch.syspath_prepend(str(root))
    yield root
    sys.modules.pop("ppsp_shout", None)


def test_the_built_in_formats_are_entry_points() -> None:
    assert set(BUILT_IN) <= set(renderer_names())
    assert [find_renderer(n).binary for n in BUILT_IN] == [False, False, False, False, True]
    assert find_renderer("md").suffix == "md" and find_renderer("text").suffix == "text"
    report = check(demo_bundle(), 2025, select=["DOC001"])
    assert json.loads(find_renderer("json")(report, "en"))["year"] == 2025
    assert find_renderer("html")(report, "en").startswith("<!DOCTYPE html>")
    # a notebook shows the fragment of the renderer named html, not the whole page
    fragment = report._repr_html_()
    assert fragment is not None and fragment.startswith('<div class="ppsp-report">')


def test_a_binary_format_is_not_called_as_text(tmp_path: Path) -> None:
    report = check(demo_bundle(), 2025, select=["DOC001"])
    xlsx = find_renderer("xlsx")
    with pytest.raises(PpspError) as caught:
        xlsx(report, "en")
    assert caught.value.key == "renderer.binary"
    assert xlsx.write is not None
    assert xlsx.write(report, tmp_path / "r.xlsx", "en").read_bytes()[:2] == b"PK"


def test_a_renderer_has_render_or_write() -> None:
    for wrong in ({}, {"render": str, "write": str}):
        with pytest.raises(PpspError) as caught:
            Renderer(**wrong)  # type: ignore[arg-type]
        assert caught.value.key == "renderer.render-or-write"


def test_an_unknown_format_is_one_error_naming_those_there_are() -> None:
    with pytest.raises(PpspError) as caught:
        find_renderer("pdf")
    assert caught.value.key == "renderer.unknown"
    message = caught.value.message("en")
    assert "pdf" in message and "html, json, md, text, xlsx" in message
    assert caught.value.message("id").startswith("Tidak ada format laporan pdf")
    assert renderer("pdf") is None


def test_the_command_refuses_an_unknown_format_before_the_work(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", "no-such-folder", "--format", "pdf", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--format pdf: there is no such report format" in err


def test_a_third_party_format_is_found_by_the_library_and_the_command(
    plugin: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert {"shout", "plain"} <= set(renderer_names())
    report = check(demo_bundle(), 2025, select=["DOC001"])
    assert find_renderer("shout")(report) == "62.10 2025: 0 FINDINGS\n"
    # a plain function is a text format, as in earlier releases
    plain = find_renderer("plain")
    assert not plain.binary and plain(report) == "plain 2025\n"

    out = tmp_path / "out"
    out.mkdir()
    code = main(["check", "examples/gunung-mas", "--format", "shout", "-o", f"{out}/"])
    assert code == 1
    (written,) = out.iterdir()
    assert written.name == "ppsp-report-62.10-2025.txt"  # the renderer's own suffix
    assert written.read_text("utf-8").startswith("62.10 2025: ")

    capsys.readouterr()
    assert main(["formats", "--lang", "en"]) == 2  # the plug-in's broken entry is said
    said = capsys.readouterr()
    assert "The report format broken (ppsp_shout_missing:NOTHING) could not be loaded" in said.err
    listed = said.out.splitlines()
    assert "shout: text, to standard output or to -o FILE" in listed
    assert "xlsx: a file, written with -o FILE only" in listed


def test_a_format_that_does_not_load_is_said(plugin: Path) -> None:
    with pytest.raises(PpspError) as caught:
        find_renderer("broken")
    assert caught.value.key == "renderer.cannot-load"
    assert "ppsp_shout_missing:NOTHING" in caught.value.message("en")
    with pytest.raises(PpspError) as caught:
        find_renderer("not-one")
    assert caught.value.key == "renderer.not-a-renderer"


def test_help_and_import_do_not_look_for_formats() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from ppsp.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('importlib.metadata' in sys.modules, 'ppsp.io.reports.html' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]


def test_formats_lists_the_built_in_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["formats", "--lang", "id"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert "xlsx: berkas, hanya ditulis dengan -o BERKAS" in listed
    assert "md: teks, ke keluaran standar atau ke -o BERKAS" in listed


def test_the_funding_chart_tells_several_sources_from_none() -> None:
    from ppsp.domain import Funding, FundingSource, Rupiah, SSKActivity, YearAmount
    from ppsp.io.reports.html import _funding_by_year

    cost = (YearAmount(year=2026, amount=Rupiah(5_000_000_000)),)
    both = SSKActivity(
        name="TPA",
        costs=cost,
        funding=(Funding(source=FundingSource.APBN), Funding(source=FundingSource.APBD_KABKOTA)),
    )
    none = SSKActivity(name="IPAL", costs=cost)
    one = SSKActivity(name="IPLT", costs=cost, funding=(Funding(source=FundingSource.DAK_FISIK),))
    series = _funding_by_year([both, none, one], [2026])
    assert series == {"several": [5.0], "unspecified": [5.0], FundingSource.DAK_FISIK: [5.0]}
