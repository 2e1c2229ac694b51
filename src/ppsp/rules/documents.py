"""Deprecated: moved to :mod:`ppsp.rules.catalogue.documents` (kept for one release).

Importing this module warns with a :class:`DeprecationWarning`; every name of its ``__all__`` is
re-exported from its new home.
"""

from __future__ import annotations

import warnings

from ppsp.rules.catalogue.documents import *  # noqa: F403
from ppsp.rules.catalogue.documents import __all__ as __all__

warnings.warn(
    "ppsp.rules.documents is deprecated; import from ppsp.rules.catalogue.documents",
    DeprecationWarning,
    stacklevel=2,
)
