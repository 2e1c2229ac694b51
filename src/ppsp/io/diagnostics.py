"""What an importer saw: typed diagnostics with a stable code, a severity, a message and a cell.

The model (:class:`~ppsp.domain.diagnostics.Severity`,
:class:`~ppsp.domain.diagnostics.Diagnostic`, the typed codes) lives in
:mod:`ppsp.domain.diagnostics`, shared with the rules; this module adds the import's errors.
Diagnostics are data: a stable ``code`` (kebab-case, documented), a ``severity``, a message
``key`` with ``params`` rendered in Indonesian or English at output time, and the
:class:`~ppsp.domain.location.SourceLocation` of the cell.

>>> from ppsp.domain import SourceLocation
>>> d = Diagnostic("unparseable-number", Severity.ERROR, "diagnostic.unparseable-number",
...                {"value": "1.2.3,4", "expected": "rupiah"},
...                SourceLocation(file="ssk.xlsx", sheet="Matriks", row=9, column="F"))
>>> print(d.message("en"))
ssk.xlsx, sheet 'Matriks', F9: '1.2.3,4' is not a number (expected rupiah); the text is kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ppsp.domain.diagnostics import Diagnostic as Diagnostic
from ppsp.domain.diagnostics import Severity as Severity
from ppsp.errors import PpspError
from ppsp.i18n import N_

__all__ = ["SpreadsheetError", "StrictImportError"]  # and the model it re-exports


class SpreadsheetError(PpspError):
    """A file could not be read at all (empty, not a spreadsheet, protected, corrupt)."""


class StrictImportError(PpspError):
    """``strict=True`` and the import found error diagnostics: all of them are listed."""

    def __init__(self, diagnostics: Sequence[Diagnostic], file: str) -> None:
        super().__init__(N_("import.strict"), count=len(diagnostics), file=file)
        self.diagnostics = tuple(diagnostics)

    def message(self, lang: str | None = None) -> str:
        head = super().message(lang)
        return "\n".join([head, *(f"- {d.message(lang)}" for d in self.diagnostics)])

    def __reduce__(self) -> tuple[Any, ...]:
        return (StrictImportError, (self.diagnostics, str(self.params.get("file", ""))))


def errors_of(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics of severity error."""
    return [d for d in diagnostics if d.severity is Severity.ERROR]
