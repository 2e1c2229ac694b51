"""The documentation builds without a warning or a broken reference (Sphinx -W -n).

The pages' examples themselves run as doctests (``docs/*.rst`` is collected by pytest).
"""

from __future__ import annotations

from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_docs_build_without_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sphinx.cmd.build import build_main

    status = build_main(["-W", "-n", "--keep-going", "-q", "-b", "html", str(DOCS), str(tmp_path)])
    warnings = capsys.readouterr().err
    assert status == 0, warnings
    api = (tmp_path / "api.html").read_text("utf-8")
    # the reference really holds the generated documentation
    for name in ("RegionCode", "NomenclatureCode", "Rupiah", "StrategiSanitasi", "JsonError"):
        assert name in api
    assert 'id="ppsp.domain.region.RegionCode"' in api
