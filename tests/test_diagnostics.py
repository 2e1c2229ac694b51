"""One diagnostic model: every code an importer emits is a typed DiagnosticCode with its key."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from ppsp.domain import diagnostics as diag
from ppsp.domain.diagnostics import CODES, HIDDEN_FROM_VIEW, ImportFinding, Severity
from ppsp.domain.location import SourceLocation
from ppsp.errors import PpspError
from ppsp.io.sheets.importer import read_bundle, read_file

SRC = Path(__file__).resolve().parent.parent / "src" / "ppsp"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LOCALE = SRC / "i18n" / "locale"


def test_there_is_one_severity() -> None:
    from ppsp.io import diagnostics as io_diagnostics
    from ppsp.rules import engine

    assert io_diagnostics.Severity is engine.Severity is Severity
    assert io_diagnostics.Diagnostic is diag.Diagnostic


def _literal_codes() -> set[tuple[str, str]]:
    """Every code written as a string where a diagnostic is made (there should be none but the
    cell problems', whose codes flow into a diagnostic later)."""
    found: set[tuple[str, str]] = set()
    for path in (SRC / "io").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            first = node.args[0]
            if name in ("Diagnostic", "CellProblem") and isinstance(first, ast.Constant):
                found.add((name, str(first.value)))
    return found


def test_no_bare_code_strings_where_diagnostics_are_made() -> None:
    literal = _literal_codes()
    assert not {code for name, code in literal if name == "Diagnostic"}
    assert {code for _, code in literal} <= set(CODES)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_code_has_its_message_in_both_catalogs(lang: str) -> None:
    with (LOCALE / lang / "LC_MESSAGES" / "ppsp.po").open("rb") as handle:
        catalog = read_po(handle)
    for code in CODES.values():
        assert catalog.get(code.key) is not None and catalog[code.key].string, code
        assert code.template(lang) != code.key


def test_every_diagnostic_of_the_fixtures_has_a_typed_code() -> None:
    seen = set()
    for path in sorted(FIXTURES.glob("*.xlsx")) + sorted(FIXTURES.glob("*.csv")):
        for d in read_file(path).diagnostics:
            assert d.kind is not None, d
            assert d.kind.name == d.code
            seen.add(d.code)
    assert {"total-mismatch", "hidden-row", "unknown-column"} <= seen


def test_a_code_makes_its_diagnostic_with_its_defaults() -> None:
    where = SourceLocation(file="a.xlsx", sheet="S", row=3, column="B")
    made = diag.HIDDEN_COLUMNS.at(where, columns="B:C")
    assert (made.code, made.severity, made.key, dict(made.params)) == (
        "hidden-columns",
        Severity.WARNING,
        "diagnostic.hidden-columns",
        {"columns": "B:C"},
    )
    louder = diag.NEW_ROW.at(where, {}, severity=Severity.WARNING)
    assert louder.severity is Severity.WARNING and louder.code == "new-row"
    assert diag.diagnostic_code("macros") is diag.MACROS
    with pytest.raises(PpspError):
        diag.diagnostic_code("no-such-code")
    assert {"hidden-sheet", "hidden-columns", "macros", "csv-unbalanced-quote"} <= HIDDEN_FROM_VIEW


def test_import_findings_are_typed_and_refuse_what_they_cannot_hold() -> None:
    found = ImportFinding(
        code="macros", severity="warning", key="diagnostic.macros", params={"part": 1}
    )
    assert found.severity is Severity.WARNING and found.params == {"part": "1"}
    with pytest.raises(PpspError):
        ImportFinding(code="macros", severity="loud", key="diagnostic.macros")
    with pytest.raises(PpspError):
        ImportFinding(code="macros", severity="warning", key="k", params=["not", "a", "map"])  # type: ignore[arg-type]


def test_a_bundle_keeps_what_its_files_hide(tmp_path: Path) -> None:
    import openpyxl

    from ppsp.io.json import dumps, loads

    book = openpyxl.load_workbook(FIXTURES / "ssk_gunung_mas_2024_2028.xlsx")
    book.create_sheet("Lama").sheet_state = "veryHidden"
    book.save(tmp_path / "ssk.xlsx")
    bundle = read_bundle([tmp_path]).bundle
    kept = [
        (f.code, f.key, f.location.sheet if f.location else None) for f in bundle.import_findings
    ]
    assert ("hidden-sheet", "diagnostic.very-hidden-sheet", "Lama") in kept
    again = loads(dumps(bundle))
    assert again.import_findings == bundle.import_findings
