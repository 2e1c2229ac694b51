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


def test_rule_reference_is_generated_from_the_registry() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_rules", DOCS / "gen_rules.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (DOCS / "rules.rst").read_text("utf-8")
    assert committed == module.reference(), "run: python docs/gen_rules.py"
    for rule_id in ("DOC001", "INT007", "FIN005", "STR006", "MIL004"):
        assert f"{rule_id} — " in committed


def _console_commands() -> list[tuple[str, str]]:
    found = []
    for page in sorted(DOCS.glob("*.rst")):
        for line in page.read_text("utf-8").splitlines():
            text = line.strip()
            if text.startswith("$ ppsp "):
                found.append((page.name, text[2:]))
    return found


@pytest.mark.parametrize(("page", "command"), _console_commands())
def test_console_commands_in_the_docs_run(page: str, command: str, tmp_path: Path) -> None:
    import os
    import shlex
    import shutil
    import subprocess
    import sys

    root = DOCS.parent
    for name in ("tests", "examples"):
        if (root / name).exists():
            (tmp_path / name).symlink_to(root / name)
    exe = shutil.which("ppsp", path=str(Path(sys.executable).parent)) or "ppsp"
    args = shlex.split(command)
    result = subprocess.run(
        [exe, *args[1:]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PPSP_LANG": "en"},
    )
    # 0: no error findings; 1: error findings (an audit that finds something still ran)
    assert result.returncode in (0, 1), f"{page}: {command}\n{result.stderr}"
    assert "Traceback" not in result.stderr
