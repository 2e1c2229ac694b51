"""Files in and out: spreadsheets, JSON and its schema, the report renderers.

Three wings, and the few modules they share:

* :mod:`ppsp.io.sheets`: reading and writing spreadsheets (workbook, tables, layouts,
  recognition, the importer, the export, code lists, data frames);
* :mod:`ppsp.io.json`: lossless JSON for every document and the bundle, with its JSON Schema;
* :mod:`ppsp.io.reports`: the report renderers (text, JSON, Markdown, HTML, xlsx);
* shared by the wings: :mod:`ppsp.io.diagnostics` (what an importer saw),
  :mod:`ppsp.io.limits` (how much is read of hostile input), :mod:`ppsp.io.output` (safe
  writing), :mod:`ppsp.io.safe_text` (text a spreadsheet or Markdown cannot misread) and
  :mod:`ppsp.io.cases` (rule cases as data); ``schema/`` holds both published JSON Schemas.

The wings depend one way: ``reports`` -> ``sheets`` -> ``json`` -> the shared modules
(``tests/test_architecture.py`` checks it).

The flat module names of earlier releases (``ppsp.io.tables``, ``ppsp.io.report_html``, ...)
still import for one release: each is the module at its new home, and importing it by its old
name warns with a :class:`DeprecationWarning` (:data:`MOVED` lists them).

>>> import importlib, sys, warnings
>>> _ = sys.modules.pop("ppsp.io.tables", None)
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     old = importlib.import_module("ppsp.io.tables")
>>> old is importlib.import_module("ppsp.io.sheets.tables")
True
>>> str(caught[0].message)
'ppsp.io.tables is deprecated; import from ppsp.io.sheets.tables'
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType
from typing import Final

__all__ = ["MOVED"]

#: The modules that moved in 0.x (old name -> new name); the old names go in the next release.
MOVED: Final = {
    "ppsp.io.cells": "ppsp.io.sheets.cells",
    "ppsp.io.codelists": "ppsp.io.sheets.codelists",
    "ppsp.io.evidence_html": "ppsp.io.reports.evidence",
    "ppsp.io.export": "ppsp.io.sheets.export",
    "ppsp.io.frames": "ppsp.io.sheets.frames",
    "ppsp.io.importer": "ppsp.io.sheets.importer",
    "ppsp.io.layouts": "ppsp.io.sheets.layouts",
    "ppsp.io.recognise": "ppsp.io.sheets.recognise",
    "ppsp.io.report": "ppsp.io.reports.text",
    "ppsp.io.report_html": "ppsp.io.reports.html",
    "ppsp.io.report_xlsx": "ppsp.io.reports.xlsx",
    "ppsp.io.sheet_scan": "ppsp.io.sheets.sheet_scan",
    "ppsp.io.tables": "ppsp.io.sheets.tables",
    "ppsp.io.traceability": "ppsp.io.reports.traceability",
    "ppsp.io.workbook": "ppsp.io.sheets.workbook",
}


class _MovedModule(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds an old module name and hands out the module at its new home (the same object, so
    that what is set on one is seen through the other), with a deprecation warning."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return importlib.import_module(MOVED[spec.name])

    def exec_module(self, module: ModuleType) -> None:
        old = next(name for name, new in MOVED.items() if new == module.__name__)
        warnings.warn(
            f"{old} is deprecated; import from {module.__name__}",
            DeprecationWarning,
            stacklevel=2,
        )


if not any(isinstance(finder, _MovedModule) for finder in sys.meta_path):
    sys.meta_path.append(_MovedModule())
