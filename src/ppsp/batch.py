"""Audit many regions: a map of :func:`ppsp.check` over bundles, on any executor.

Rules run per region and are pure, so a national run is a map over regions. ``check_all``
takes any :class:`concurrent.futures.Executor` — a process pool on one machine, or a cluster's
executor (Dask's, Ray's) — without knowing which; bundles and reports cross process boundaries
by pickling. Without an executor it runs in the calling thread.

>>> from ppsp.demo import demo_bundle
>>> reports = list(check_all([demo_bundle(), demo_bundle()], year=2025, select=["FIN"]))
>>> [str(r.region) for r in reports], [r.result("FIN002").status.value for r in reports]
(['62.10', '62.10'], ['issues', 'issues'])
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from typing import Any

from ppsp.domain.bundle import RegionBundle
from ppsp.rules import check
from ppsp.rules.engine import Report

__all__ = ["check_all"]


def _check_one(bundle: RegionBundle, year: int | None, options: dict[str, Any]) -> Report:
    return check(bundle, year, **options)


def check_all(
    bundles: Iterable[RegionBundle],
    year: int | None = None,
    executor: Executor | None = None,
    **options: Any,
) -> Iterator[Report]:
    """The report of every bundle, in order (``options`` as for :func:`ppsp.check`; a
    ``registry`` cannot cross processes: the workers build the default one, plug-ins included)."""
    work = functools.partial(_check_one, year=year, options=options)
    if executor is None:
        return (work(bundle) for bundle in bundles)
    return executor.map(work, bundles)
