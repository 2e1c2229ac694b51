"""Deprecated: moved to :mod:`ppsp.rules.catalogue.finance` (kept for one release).

Importing this module warns with a :class:`DeprecationWarning`; every name of its ``__all__`` is
re-exported from its new home.
"""

from __future__ import annotations

import warnings

from ppsp.rules.catalogue.finance import *  # noqa: F403
from ppsp.rules.catalogue.finance import __all__ as __all__

warnings.warn(
    "ppsp.rules.finance is deprecated; import from ppsp.rules.catalogue.finance",
    DeprecationWarning,
    stacklevel=2,
)
