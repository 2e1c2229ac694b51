"""Audit many regions: a map of :func:`ppsp.audit` over regions, on any executor.

Rules run per region and are pure, so a national run is a map over regions. ``check_all``
takes any :class:`concurrent.futures.Executor` — a process pool on one machine, or a cluster's
executor (Dask's, Ray's) — without knowing which; bundles, paths and reports cross process
boundaries by pickling. Without an executor it runs in the calling thread. Each region is a
bundle, a bundle JSON file, or a folder of its spreadsheets: whatever :func:`ppsp.audit` takes,
and audited the same way.

>>> from ppsp.demo import demo_bundle
>>> reports = list(check_all([demo_bundle(), demo_bundle()], year=2025, select=["FIN"]))
>>> [str(r.region) for r in reports], [r.result("FIN002").status.value for r in reports]
(['62.10', '62.10'], ['issues', 'issues'])
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from ppsp.auditing import audit
from ppsp.domain.bundle import RegionBundle
from ppsp.rules.engine import Report

__all__ = ["check_all"]

#: One region for :func:`check_all`: a bundle, a bundle JSON file, a folder or a list of files.
Region = RegionBundle | str | Path | Sequence[str | Path]


def _check_one(region: Region, year: int | None, options: dict[str, Any]) -> Report:
    return audit(region, year, **options)


def check_all(
    regions: Iterable[Region],
    year: int | None = None,
    executor: Executor | None = None,
    **options: Any,
) -> Iterator[Report]:
    """The report of every region, in order (``options`` as for :func:`ppsp.audit`; a
    ``registry`` cannot cross processes: the workers build the default one, plug-ins included)."""
    work = functools.partial(_check_one, year=year, options=options)
    if executor is None:
        return (work(region) for region in regions)
    return executor.map(work, regions)
