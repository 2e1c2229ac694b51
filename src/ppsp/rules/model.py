"""The result model of the rules: a :class:`Rule`, the :class:`Finding` it yields (with its
:class:`Subject` and :class:`Citation`), the :class:`RuleStatus` every rule ends in and the
:class:`RuleResult` the report keeps of it; :class:`Skip` says why a rule does not apply."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from ppsp.domain.diagnostics import Severity as Severity
from ppsp.domain.documents import DocumentKind
from ppsp.domain.frozen import FrozenMap
from ppsp.domain.location import SourceLocation
from ppsp.errors import PpspError
from ppsp.i18n import N_, render

__all__ = [
    "Citation",
    "Finding",
    "Rule",
    "RuleResult",
    "RuleStatus",
    "Severity",
    "Skip",
    "Subject",
]


@attrs.frozen
class Citation:
    """A legal basis: the instrument and what in it the rule rests on.

    ``confirmed`` is false where the project's domain brief marks the fact as inferred; it is
    then shown with "[unconfirmed]".
    """

    instrument: str
    title: str
    confirmed: bool = True

    def describe(self, lang: str | None = None) -> str:
        """``Permendagri 86/2017 — Tata cara ...`` (with the unconfirmed mark when needed)."""
        text = f"{self.instrument} — {self.title}"
        if not self.confirmed:
            text += " " + render(N_("rules.unconfirmed"), None, lang)
        return text


@attrs.frozen
class Subject:
    """What a finding is about: a document kind (``None``: the bundle) and its natural key.

    ``key`` identifies the thing within the document (an SSK activity's number, a line's code,
    a milestone); ``label`` is its name as written.
    """

    kind: DocumentKind | None
    key: str
    label: str | None = None

    def describe(self, lang: str | None = None) -> str:
        """``SSK 12 'Pembangunan IPLT'``."""
        head = self.kind.label(lang) if self.kind else render(N_("rules.bundle"), None, lang)
        text = f"{head} {self.key}".strip()
        if self.label and self.label != self.key:
            text += f" '{self.label}'"
        return text


#: the one empty mapping of every finding without parameters or evidence (most of millions)
_EMPTY: FrozenMap[str, Any] = FrozenMap()


def _freeze(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    if not value:
        return _EMPTY
    return value if value.__class__ is FrozenMap else FrozenMap(value)


@attrs.frozen(kw_only=True)
class Finding:
    """One thing a rule found: rule id, severity, a message (key + parameters, rendered at
    output time), the subject, the source locations of every side and the evidence."""

    rule: str
    severity: Severity
    key: str
    params: Mapping[str, Any] = attrs.field(factory=dict, converter=_freeze, eq=False)
    subject: Subject | None = None
    locations: tuple[SourceLocation, ...] = ()
    evidence: Mapping[str, Any] = attrs.field(factory=dict, converter=_freeze, eq=False)

    def message(self, lang: str | None = None) -> str:
        """The message in ``lang``."""
        return render(self.key, self.params, lang)

    def where(self, lang: str | None = None) -> str:
        """The first location, described (``''`` when the finding has none)."""
        return self.locations[0].describe(lang) if self.locations else ""


class RuleStatus(enum.Enum):
    """How a rule's run ended."""

    PASSED = "passed"
    ISSUES = "issues"
    SKIPPED = "skipped"
    ERRORED = "errored"

    def label(self, lang: str | None = None) -> str:
        """The status in ``lang``."""
        return render(f"rule-status.{self.value}", None, lang)


_STATUS_KEYS = (
    N_("rule-status.passed"),
    N_("rule-status.issues"),
    N_("rule-status.skipped"),
    N_("rule-status.errored"),
)


class Skip(Exception):
    """Raised by a check (through :meth:`Context.skip`) when the rule cannot apply."""

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


_RULE_ID = re.compile(r"^[A-Z][A-Z0-9]{1,9}[0-9]{3}$")


def _check_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _RULE_ID.match(value):
        raise PpspError(N_("rules.bad-id"), value=value)


#: A rule's check: a function of the :class:`~ppsp.rules.engine.Context` (defined with the
#: engine, which this model does not import) that yields findings.
CheckFunction = Callable[..., Iterable[Finding]]


def _tags(value: Iterable[str]) -> frozenset[str]:
    return frozenset(str(tag).lower() for tag in value)


@attrs.frozen(kw_only=True)
class Rule:
    """A rule of the catalogue (or a third party's).

    ``title`` and ``explanation`` are message keys; a rule from outside ``ppsp`` may ship its
    texts with :func:`ppsp.i18n.add_messages`.
    """

    id: str = attrs.field(validator=_check_id)
    version: str
    title: str
    explanation: str
    severity: Severity
    check: CheckFunction = attrs.field(eq=False, repr=False)
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_tags)
    requires: tuple[DocumentKind, ...] = ()
    legal_basis: tuple[Citation, ...] = ()
    valid_from: int | None = None
    valid_to: int | None = None

    def title_text(self, lang: str | None = None) -> str:
        """The title in ``lang``."""
        return render(self.title, None, lang)

    def explanation_text(self, lang: str | None = None) -> str:
        """The explanation in ``lang``."""
        return render(self.explanation, None, lang)

    def applies_to(self, year: int) -> bool:
        """Whether the rule is valid for fiscal year ``year``."""
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year <= self.valid_to
        )


@attrs.frozen(kw_only=True)
class RuleResult:
    """How one rule's run ended."""

    rule: str
    version: str
    status: RuleStatus
    findings: int = 0
    title: str = ""
    explanation: str = ""
    severity: Severity = Severity.WARNING
    legal_basis: tuple[Citation, ...] = ()
    reason: str | None = None
    reason_params: Mapping[str, Any] = attrs.field(factory=dict, converter=_freeze, eq=False)
    error: str | None = None

    def title_text(self, lang: str | None = None) -> str:
        """The rule's title in ``lang``."""
        return render(self.title, None, lang) if self.title else self.rule

    def explanation_text(self, lang: str | None = None) -> str:
        """The rule's explanation in ``lang``."""
        return render(self.explanation, None, lang) if self.explanation else ""

    def reason_text(self, lang: str | None = None) -> str:
        """Why the rule was skipped (or the error summary), in ``lang``."""
        if self.reason:
            return render(self.reason, self.reason_params, lang)
        return self.error or ""
