"""ppsp: typed tools for Indonesia's PPSP sanitation planning programme.

``import ppsp`` is light: it loads the domain model, not spreadsheet, dataframe or report
libraries. The common entry points:

* :mod:`ppsp.domain`: regions, codes, money, periods, documents, the region bundle;
* :func:`ppsp.check` (:mod:`ppsp.rules`): audit a region bundle against the rule catalogue;
* :mod:`ppsp.io.json`: lossless JSON and the JSON Schema;
* :mod:`ppsp.testing`: hypothesis strategies for every public type;
* :mod:`ppsp.i18n`: messages in Indonesian and English.

>>> import ppsp
>>> ppsp.__version__ == ppsp._version.__version__
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ppsp._version import __version__
from ppsp.errors import (
    AmbiguousValue,
    DocumentError,
    InvalidComponent,
    InvalidFormat,
    InvalidValue,
    JsonError,
    PpspError,
    UnknownCode,
)

__all__ = [
    "AmbiguousValue",
    "DocumentError",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidValue",
    "JsonError",
    "PpspError",
    "UnknownCode",
    "__version__",
    "check",
]

if TYPE_CHECKING:
    from ppsp.domain.bundle import RegionBundle
    from ppsp.rules.engine import Report


def check(bundle: RegionBundle, year: int | None = None, **options: Any) -> Report:
    """Audit ``bundle`` for ``year``: :func:`ppsp.rules.check` (the rules load on first use).

    >>> from ppsp.demo import demo_bundle
    >>> check(demo_bundle(), 2025, select=["DOC001"]).result("DOC001").status.value
    'passed'
    """
    from ppsp.rules import check as _check

    return _check(bundle, year, **options)


def __getattr__(name: str) -> Any:
    # ``ppsp.rules`` and ``ppsp.io`` are there after ``import ppsp`` without loading them first
    if name in ("rules", "io", "testing"):
        import importlib

        return importlib.import_module(f"ppsp.{name}")
    raise AttributeError(f"module 'ppsp' has no attribute {name!r}")
