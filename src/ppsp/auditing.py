"""The one audit path: read -> import findings -> link -> check -> :class:`~ppsp.rules.engine.Report`.

:func:`ppsp.audit` is the only sequence that turns what a user has (a folder of spreadsheets, some
files, a bundle JSON, a :class:`~ppsp.domain.bundle.RegionBundle` made in Python) into a
report. ``ppsp check``, ``ppsp demo``, :func:`ppsp.batch.check_all` and :func:`ppsp.check`
all go through it, so a folder, the bundle JSON ``ppsp import`` writes of it and the Python
API give the same findings:

* reading (:func:`~ppsp.auditing.gather`) makes the bundle; the importer keeps in it what only the source
  files show — the total rows that disagree with their rows (``Document.stated_totals``, judged
  by FIN005) and what a file hides from whoever opens it (``RegionBundle.import_findings``) —
  so that the bundle JSON carries them too;
* the rules link the SSK's activities to the plans once, when a rule first asks
  (``Context.links``), and check;
* the report keeps the rules' findings and the bundle's import findings.

>>> from ppsp.demo import demo_bundle
>>> report = audit(demo_bundle(), 2025, select=["FIN002"])
>>> report.result("FIN002").status.value, report.import_findings
('issues', ())

The module is named ``auditing`` (not ``audit``) so that :func:`ppsp.audit`, the function,
is never shadowed by a submodule of the same name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ppsp.domain.bundle import RegionBundle
from ppsp.domain.diagnostics import Severity
from ppsp.errors import PpspError
from ppsp.i18n import N_

if TYPE_CHECKING:
    from ppsp.io.sheets.importer import BundleRead, Manifest
    from ppsp.rules import Registry, Report, Settings
    from ppsp.rules.engine import InputFile

__all__ = ["Sources", "audit", "gather"]


@attrs.frozen(kw_only=True)
class Sources:
    """What was gathered for an audit: the bundle, the files it was read from (hashed, for the
    report's provenance) and, when spreadsheets were read, what reading them gave (the
    recognition of every sheet, every diagnostic)."""

    bundle: RegionBundle
    inputs: tuple[InputFile, ...] = ()
    read: BundleRead | None = attrs.field(default=None, eq=False, repr=False)

    def with_bundle(self, bundle: RegionBundle) -> Sources:
        """The same sources with another bundle (official lists applied, codes inferred)."""
        return attrs.evolve(self, bundle=bundle)


def _is_bundle_json(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() == ".json"


def gather(
    source: RegionBundle | Sources | str | Path | Sequence[str | Path],
    *,
    kind: str | None = None,
    region: str | None = None,
    year: int | None = None,
    period: str | None = None,
    agency: str | None = None,
    manifest: Manifest | None = None,
    strict: bool = False,
    progress: Callable[[Path], None] | None = None,
) -> Sources:
    """The bundle of ``source``, with its input files: a bundle as it is; a bundle JSON file
    loaded; spreadsheets, CSV files and folders read (the keyword arguments as for
    :func:`ppsp.io.sheets.importer.read_bundle`).

    :raises PpspError: a file that cannot be read, a JSON file that holds no bundle
    """
    from ppsp.rules.engine import InputFile

    if isinstance(source, Sources):
        return source
    if isinstance(source, RegionBundle):
        return Sources(bundle=source)
    paths = [Path(source)] if isinstance(source, str | Path) else [Path(p) for p in source]
    if len(paths) == 1 and _is_bundle_json(paths[0]):
        import hashlib
        from concurrent.futures import ThreadPoolExecutor

        from ppsp.io.json import loads

        # the file read once: hashed (in a thread, which hashlib lets run beside the parse)
        # from the same bytes that are loaded
        raw = paths[0].read_bytes()
        with ThreadPoolExecutor(max_workers=1) as pool:
            digest = pool.submit(lambda: hashlib.sha256(raw).hexdigest())
            loaded: object = loads(raw, source=str(paths[0]))
            if not isinstance(loaded, RegionBundle):
                raise PpspError(N_("cli.not-a-bundle"), file=str(paths[0]))
            return Sources(bundle=loaded, inputs=(InputFile(str(paths[0]), digest.result()),))
    from ppsp.io.sheets.importer import read_bundle

    read = read_bundle(
        paths,
        kind=kind,
        region=region,
        year=year,
        period=period,
        agency=agency,
        manifest=manifest,
        strict=strict,
        progress=progress,
    )
    return Sources(
        bundle=read.bundle, inputs=tuple(InputFile.of(p) for p in read.inputs), read=read
    )


def audit(
    source: RegionBundle | Sources | str | Path | Sequence[str | Path],
    year: int | None = None,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    severity: Mapping[str, Severity | str] | None = None,
    tolerance: Decimal | float | str | None = None,
    settings: Settings | None = None,
    registry: Registry | None = None,
    strict: bool = False,
) -> Report:
    """Audit ``source`` for ``year`` (default: the latest year of its RKPD, Renja-PD or DPA):
    gather it (:func:`ppsp.auditing.gather`), link and check it, and return the report.

    :param source: a :class:`~ppsp.domain.bundle.RegionBundle`, :class:`~ppsp.auditing.Sources`, a bundle
        JSON file, a spreadsheet or CSV file, a folder of them, or a list of files and folders
    :param select: rule ids, id prefixes or ``tag:NAME`` to run (default: every rule)
    :param ignore: the same, to leave out
    :param severity: severity overrides by rule id (``{"INT006": "error"}``)
    :param tolerance: INT006's tolerance as a share (``0.1``), or percent when above 1 (``10``)
    :param settings: everything else (targets, code lists, the date "today", ...)
    :param registry: the rules to choose from (default: built-in and installed plug-ins)
    :param strict: refuse spreadsheets whose import finds errors
    :raises PpspError: an input that cannot be read

    >>> report = audit("examples/gunung-mas", 2025, select=["FIN005"])
    >>> report.result("FIN005").status.value, len(report.provenance.inputs)
    ('issues', 10)
    """
    from ppsp.rules import check

    gathered = gather(source, strict=strict)
    return check(
        gathered.bundle,
        year,
        select=select,
        ignore=ignore,
        severity=severity,
        tolerance=tolerance,
        settings=settings,
        registry=registry,
        inputs=gathered.inputs,
    )
