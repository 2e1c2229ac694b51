"""ppsp: typed tools for Indonesia's PPSP sanitation planning programme.

``import ppsp`` is light: it loads the domain model, not spreadsheet, dataframe or report
libraries. The common entry points:

* :mod:`ppsp.domain`: regions, codes, money, periods, documents, the region bundle;
* :mod:`ppsp.io.json`: lossless JSON and the JSON Schema;
* :mod:`ppsp.testing`: hypothesis strategies for every public type;
* :mod:`ppsp.i18n`: messages in Indonesian and English.

>>> import ppsp
>>> ppsp.__version__ == ppsp._version.__version__
True
"""

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
]
