"""ppsp: typed tools for Indonesia's PPSP sanitation planning programme.

``import ppsp`` is light: it loads the exceptions, not spreadsheet, dataframe or report
libraries, and not even the domain model until it is used. The common entry points:

* :func:`ppsp.audit` (:mod:`ppsp.auditing`): the one audit path, from a folder of
  spreadsheets, a bundle JSON or a bundle to the report;
* :func:`ppsp.check` (:mod:`ppsp.rules`): audit a region bundle against the rule catalogue;
* :mod:`ppsp.domain`: regions, codes, money, periods, documents, the region bundle;
* :mod:`ppsp.io.json`: lossless JSON and the JSON Schema;
* :mod:`ppsp.testing`: hypothesis strategies for every public type;
* :mod:`ppsp.i18n`: messages in Indonesian and English.

>>> import ppsp
>>> ppsp.__version__ == ppsp._version.__version__
True
>>> sorted(name for name in dir(ppsp) if not name.startswith("_")) == sorted(
...     n for n in ppsp.__all__ if not n.startswith("_"))
True
"""

import typing as _typing

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
    "audit",
    "check",
]

if _typing.TYPE_CHECKING:
    from ppsp.auditing import audit as audit
    from ppsp.domain.bundle import RegionBundle
    from ppsp.rules.engine import Report


def check(bundle: "RegionBundle", year: int | None = None, **options: _typing.Any) -> "Report":
    """Audit ``bundle`` for ``year``: :func:`ppsp.audit` of a bundle (the rules load on first
    use); ``options`` as for :func:`ppsp.rules.check`.

    >>> from ppsp.demo import demo_bundle
    >>> check(demo_bundle(), 2025, select=["DOC001"]).result("DOC001").status.value
    'passed'
    """
    from ppsp.auditing import audit as _audit

    return _audit(bundle, year, **options)


_SUBPACKAGES = ("rules", "io", "testing", "domain", "i18n", "auditing", "batch")


def __getattr__(name: str) -> _typing.Any:
    # ``ppsp.audit`` and the subpackages are there after ``import ppsp`` without loading them
    import importlib

    if name == "audit":
        return importlib.import_module("ppsp.auditing").audit
    if name in _SUBPACKAGES:
        return importlib.import_module(f"ppsp.{name}")
    raise AttributeError(f"module 'ppsp' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
