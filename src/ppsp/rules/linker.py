"""Deprecated: the linker moved to :mod:`ppsp.rules.linking` (kept for one release).

Importing this module warns with a :class:`DeprecationWarning`; every name it had is re-exported
from its new home.
"""

from __future__ import annotations

import warnings

from ppsp.rules.linking import (
    PLANNING_KINDS,
    Candidate,
    Link,
    Linkage,
    LinkMethod,
    Target,
    Trace,
    TraceStatus,
    link,
)

__all__ = [
    "PLANNING_KINDS",
    "Candidate",
    "Link",
    "LinkMethod",
    "Linkage",
    "Target",
    "Trace",
    "TraceStatus",
    "link",
]

warnings.warn(
    "ppsp.rules.linker is deprecated; import from ppsp.rules.linking",
    DeprecationWarning,
    stacklevel=2,
)
