"""The outcome of a check: the :class:`Report` (findings, statuses, import findings,
provenance), the :class:`InputFile` and :class:`Provenance` it names, and the renderers found
through the ``ppsp.renderers`` entry point (:func:`renderer`)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ppsp._version import __version__
from ppsp.domain.bundle import RegionBundle
from ppsp.domain.diagnostics import ImportFinding, Severity
from ppsp.domain.region import RegionCode
from ppsp.rules.model import Finding, RuleResult, RuleStatus, _freeze
from ppsp.rules.renderers import RENDERER_GROUP as RENDERER_GROUP
from ppsp.rules.renderers import renderer as renderer
from ppsp.rules.settings import Settings

if TYPE_CHECKING:
    from ppsp.rules.linking import Linkage


__all__ = [
    "RENDERER_GROUP",
    "REPORT_SCHEMA_VERSION",
    "InputFile",
    "Provenance",
    "Report",
    "renderer",
]


#: The version of the report format (JSON keys and their meaning). Minor versions add
#: optional keys only (1.1: ``import_findings``).
REPORT_SCHEMA_VERSION = "1.1"


@attrs.frozen
class InputFile:
    """A file the bundle was read from, with its SHA-256."""

    path: str
    sha256: str

    @classmethod
    def of(cls, path: str | Path) -> InputFile:
        """Hash the file at ``path``."""
        digest = hashlib.sha256()
        with Path(path).open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return cls(str(path), digest.hexdigest())


@attrs.frozen(kw_only=True)
class Provenance:
    """What produced a report: versions of ppsp, of the rules and code lists, the inputs."""

    ppsp_version: str = __version__
    schema_version: str = REPORT_SCHEMA_VERSION
    generated_at: str
    today: str
    rules: Mapping[str, str] = attrs.field(factory=dict, converter=_freeze)
    code_lists: tuple[str, ...] = ()
    inputs: tuple[InputFile, ...] = ()
    settings: Mapping[str, str] = attrs.field(factory=dict, converter=_freeze)


@attrs.frozen(kw_only=True)
class Report:
    """The outcome of a check: findings, each rule's status, counts and provenance.

    ``import_findings`` are what the import found in the source files that every report says
    (a hidden sheet, hidden columns, macros, a broken CSV quote): the bundle's
    ``RegionBundle.import_findings``. They are no rule's findings and
    do not change the exit code.

    ``links`` keeps the linker's answer (where each SSK activity went) for renderers that draw
    a traceability matrix (``None`` when no rule needed it); ``bundle`` and ``settings`` are what
    was checked, for renderers that chart it.
    """

    region: RegionCode
    year: int
    findings: tuple[Finding, ...]
    results: tuple[RuleResult, ...]
    provenance: Provenance
    region_name: str | None = None
    import_findings: tuple[ImportFinding, ...] = ()
    links: Linkage | None = attrs.field(default=None, eq=False, repr=False)
    bundle: RegionBundle | None = attrs.field(default=None, eq=False, repr=False)
    settings: Settings | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def region_label(self) -> str:
        """``Kabupaten Gunung Mas (62.10)``, or the bare code of a region not in the register."""
        return f"{self.region_name} ({self.region})" if self.region_name else str(self.region)

    def counts(self) -> dict[Severity, int]:
        """Findings per severity (every severity present, zero included)."""
        found = Counter(f.severity for f in self.findings)
        return {s: found.get(s, 0) for s in Severity}

    def status_counts(self) -> dict[RuleStatus, int]:
        """Rules per status."""
        found = Counter(r.status for r in self.results)
        return {s: found.get(s, 0) for s in RuleStatus}

    @property
    def has_errors(self) -> bool:
        """Whether any finding has severity error."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def exit_code(self) -> int:
        """The command line's exit code: 1 with error findings, else 0."""
        return 1 if self.has_errors else 0

    def result(self, rule: str) -> RuleResult:
        """The result of rule ``rule``."""
        for result in self.results:
            if result.rule == rule:
                return result
        raise KeyError(rule)

    def by_rule(self) -> dict[str, list[Finding]]:
        """Findings grouped by rule id, in the order of the results."""
        grouped: dict[str, list[Finding]] = {r.rule: [] for r in self.results}
        for finding in self.findings:
            grouped.setdefault(finding.rule, []).append(finding)
        return grouped

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def _repr_html_(self) -> str | None:
        """How Jupyter shows a report: the HTML report of the renderer registered as ``html``
        in the entry-point group ``ppsp.renderers`` (``ppsp.io.reports.html`` by default; the
        rules do not import the renderers, which sit above them)."""
        html = renderer("html")
        if html is None:
            return None
        return (html.fragment or html)(self, None)
