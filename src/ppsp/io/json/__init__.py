"""Lossless JSON for every document and for the region bundle, with a published JSON Schema.

The codec lives in ``ppsp.io.json.codec``; this package is its public face, and
``ppsp.io.json.dumps``, ``loads`` and the rest are imported from here, as before.
"""

from __future__ import annotations

from ppsp.io.json.codec import (
    SCHEMA_ID,
    SCHEMA_VERSION,
    TOP_LEVEL,
    dumpb,
    dumps,
    from_dict,
    loads,
    schema,
    schema_text,
    to_dict,
)
from ppsp.io.json.codec import generated_schema_text as generated_schema_text

__all__ = [
    "SCHEMA_ID",
    "SCHEMA_VERSION",
    "TOP_LEVEL",
    "dumpb",
    "dumps",
    "from_dict",
    "loads",
    "schema",
    "schema_text",
    "to_dict",
]
