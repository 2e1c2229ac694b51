"""Documents as DataFrames, for auditors working in notebooks (pandas or polars, imported lazily).

Each line becomes a row with the columns of the document's clean table (Indonesian headers, or
English with ``lang="en"``) followed by its extras.

>>> from ppsp.demo import demo_bundle
>>> frame = to_pandas(demo_bundle().rkpd[0])
>>> frame["Pagu Indikatif"].sum()
Decimal('2570000000')
"""

from __future__ import annotations

from typing import Any

from ppsp.errors import PpspError
from ppsp.i18n import N_
from ppsp.io.sheets.export import _cell_value, _extra_cell, _extras_keys, tables_for

__all__ = ["records", "to_pandas", "to_polars"]


def records(document: Any, *, table: int = 0, lang: str = "id") -> list[dict[str, Any]]:
    """The rows of one of the document's tables as plain dictionaries."""
    chosen = tables_for(document)[table]
    lines = getattr(document, chosen.attribute)
    keys = _extras_keys(lines, chosen.columns)
    rows = []
    for line in lines:
        row = {
            (c.english if lang == "en" else c.header): _cell_value(c.get(line))
            for c in chosen.columns
        }
        row.update({key: _extra_cell(line.extras.get(key)) for key in keys})
        rows.append(row)
    return rows


def to_pandas(document: Any, *, table: int = 0, lang: str = "id") -> Any:
    """A ``pandas.DataFrame`` of the document's lines (``pip install ppsp[frames]``)."""
    try:
        import pandas as pd
    except ImportError:
        raise PpspError(N_("frames.missing"), package="pandas") from None
    return pd.DataFrame.from_records(records(document, table=table, lang=lang))


def to_polars(document: Any, *, table: int = 0, lang: str = "id") -> Any:
    """A ``polars.DataFrame`` of the document's lines (``pip install ppsp[frames]``)."""
    try:
        import polars as pl
    except ImportError:
        raise PpspError(N_("frames.missing"), package="polars") from None
    rows = records(document, table=table, lang=lang)
    return pl.DataFrame(rows, infer_schema_length=None, strict=False)
