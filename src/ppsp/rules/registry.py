"""The registry of rules: the built-in catalogue, third-party rules from the entry-point group
``ppsp.rules``, and selection by id, prefix or tag.

>>> registry = default_registry(entry_points=False)
>>> [r.id for r in registry.select(["INT00"], ignore=["INT007"])][:3]
['INT001', 'INT002', 'INT003']
>>> [r.id for r in registry.select(["tag:milestones"])]
['MIL001', 'MIL002', 'MIL003', 'MIL004']
>>> registry.select(["tag:nope"])
Traceback (most recent call last):
...
ppsp.errors.UnknownCode: No rule matches 'tag:nope' (rules are selected by id, id prefix or tag:NAME).
>>> registry.select(["IN003"])
Traceback (most recent call last):
...
ppsp.errors.UnknownCode: No rule matches 'IN003'; did you mean INT003?

A third-party package registers its rules in its own ``pyproject.toml``::

    [project.entry-points."ppsp.rules"]
    my_rules = "my_package.rules:RULES"

The entry point names a :class:`~ppsp.rules.engine.Rule`, an iterable of rules, or a function
returning either.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence
from importlib.metadata import entry_points as _entry_points
from typing import Any

from ppsp.errors import PpspError, UnknownCode
from ppsp.i18n import N_
from ppsp.rules.engine import Rule

__all__ = ["ENTRY_POINT_GROUP", "Registry", "builtin_rules", "default_registry"]

#: The entry-point group third-party rules are registered under.
ENTRY_POINT_GROUP = "ppsp.rules"


class Registry:
    """Rules by id, in the order they were registered."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules: dict[str, Rule] = {}
        for rule in rules:
            self.register(rule)

    def register(self, rule: Rule) -> Rule:
        """Add ``rule``; an id that is taken is refused (ids are a public contract)."""
        if not isinstance(rule, Rule):
            raise PpspError(N_("rules.not-a-rule"), value=repr(rule))
        if rule.id in self._rules:
            raise PpspError(N_("rules.duplicate-id"), id=rule.id)
        self._rules[rule.id] = rule
        return rule

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __getitem__(self, rule_id: str) -> Rule:
        try:
            return self._rules[rule_id]
        except KeyError:
            raise self._unknown(rule_id) from None

    def _unknown(self, pattern: str) -> UnknownCode:
        close = difflib.get_close_matches(pattern.upper(), list(self._rules), n=1)
        if close:
            return UnknownCode(N_("rules.unknown-did-you-mean"), value=pattern, suggestion=close[0])
        return UnknownCode(N_("rules.unknown"), value=pattern)

    def _matching(self, pattern: str) -> list[Rule]:
        text = pattern.strip()
        if text.lower().startswith("tag:"):
            tag = text[4:].strip().lower()
            return [r for r in self if tag in r.tags]
        upper = text.upper()
        found = [r for r in self if r.id == upper or r.id.startswith(upper)]
        if not found:
            found = [r for r in self if text.lower() in r.tags]
        return found

    def select(
        self, select: Sequence[str] | None = None, ignore: Sequence[str] | None = None
    ) -> list[Rule]:
        """The rules matching any of ``select`` (all when ``None``) and none of ``ignore``.

        A pattern is a rule id (``INT003``), an id prefix (``INT``, ``FIN00``), ``tag:NAME``
        or a bare tag name. A pattern that matches nothing is an error (a typo must not
        silently switch a check off).
        """
        chosen: dict[str, Rule]
        if select:
            chosen = {}
            for pattern in _split(select):
                found = self._matching(pattern)
                if not found:
                    raise self._unknown(pattern)
                chosen.update((r.id, r) for r in found)
        else:
            chosen = dict(self._rules)
        for pattern in _split(ignore or ()):
            found = self._matching(pattern)
            if not found:
                raise self._unknown(pattern)
            for rule in found:
                chosen.pop(rule.id, None)
        return [r for r in self if r.id in chosen]


def _split(patterns: Iterable[str]) -> list[str]:
    """``["INT001,INT002", "FIN"]`` -> ``["INT001", "INT002", "FIN"]``."""
    return [p.strip() for item in patterns for p in str(item).split(",") if p.strip()]


def builtin_rules() -> tuple[Rule, ...]:
    """The catalogue of design.md section 3, in catalogue order."""
    from ppsp.rules.catalogue import documents, finance, internalisation, milestones, strategy

    return (
        *documents.RULES,
        *internalisation.RULES,
        *finance.RULES,
        *strategy.RULES,
        *milestones.RULES,
    )


def _rules_of(value: Any, name: str) -> list[Rule]:
    if isinstance(value, Rule):
        return [value]
    if callable(value):
        return _rules_of(value(), name)
    if isinstance(value, Iterable):
        found = list(value)
        if all(isinstance(r, Rule) for r in found):
            return found
    raise PpspError(N_("rules.bad-entry-point"), name=name, group=ENTRY_POINT_GROUP)


def default_registry(entry_points: bool = True) -> Registry:
    """The built-in rules and (unless ``entry_points`` is false) the installed third-party
    rules of the entry-point group ``ppsp.rules``."""
    registry = Registry(builtin_rules())
    if entry_points:
        for point in _entry_points(group=ENTRY_POINT_GROUP):
            try:
                loaded = point.load()
            except Exception as exc:
                raise PpspError(
                    N_("rules.entry-point-failed"), name=point.name, problem=str(exc)
                ) from exc
            for rule in _rules_of(loaded, point.name):
                registry.register(rule)
    return registry
