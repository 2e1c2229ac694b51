"""Constructors that keep their promise: every field of a record is checked, and converted
where that is honest, when the record is made.

:func:`checked` wraps the constructor of an attrs record. For each field it knows, from the
field's type, which classes are already right (the fast path: one ``__class__`` look-up per
field) and how to convert anything else:

* text becomes :class:`~ppsp.domain.money.Rupiah`, :class:`~ppsp.domain.agency.Agency`,
  :class:`~ppsp.domain.nomenclature.NomenclatureCode`, :class:`~ppsp.domain.period.PlanPeriod`,
  :class:`~ppsp.domain.region.RegionCode`, a labelled enum (through the class's own ``parse``),
  a whole number written in digits;
* whole numbers and decimals become rupiah; a list becomes a tuple, item by item;
* anything else raises :class:`~ppsp.errors.InvalidValue` naming the record, the field, the
  value and what was expected, at construction (never a ``TypeError`` later, far from the
  cause).

>>> from ppsp.domain import SSKActivity, YearAmount
>>> a = SSKActivity(name="IPLT", agency="Dinas PUPR",
...                 costs=[YearAmount(year=2025, amount="2,5 M")])
>>> type(a.agency).__name__, type(a.costs).__name__, str(a.total_cost())
('Agency', 'tuple', 'Rp2.500.000.000,00')
>>> try:
...     SSKActivity(name=123)
... except InvalidValue as error:
...     print(error.message("en"))
SSKActivity.name: 123 is not of type str.
"""

from __future__ import annotations

import enum
import functools
import re
import typing
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from types import NoneType, UnionType
from typing import Any, TypeVar

import attrs

from ppsp.errors import InvalidValue, PpspError
from ppsp.i18n import N_

__all__ = ["CHECKED", "check_records", "checked"]

#: Every class whose constructor :func:`checked` wraps (the property tests feed them all).
CHECKED: list[type[object]] = []

_T = TypeVar("_T")
_MISSING = object()


def _name(tp: object) -> str:
    """The type as a message names it: ``str``, ``Rupiah | None``, ``tuple[YearAmount, ...]``."""
    text = tp.__name__ if isinstance(tp, type) else str(tp)
    return re.sub(r"\b(?:[A-Za-z_][\w]*\.)+(\w+)", r"\1", text).replace("NoneType", "None")


class _Wrong(Exception):
    """Inside a conversion: the value is not of the expected type."""


def _wrong(record: str, field: str, value: object, expected: str) -> InvalidValue:
    shown = repr(value)
    return InvalidValue(
        N_("record.wrong-type"),
        record=record,
        field=field,
        value=shown if len(shown) <= 80 else shown[:77] + "...",
        expected=expected,
    )


Convert = Callable[[object], object]
TextParse = Callable[[str], object]


def _text_parser(tp: type[object]) -> TextParse | None:
    """How text becomes a ``tp``: the class's own ``parse`` (every value type of the domain has
    one, from the messy forms real files hold: ``Rupiah.parse("2,5 M")``,
    ``Agency.parse("Dinas PUPR")``, ``Subsector.parse("air limbah")``); a whole number from
    its digits; ``None``: text does not become one."""
    parse = getattr(tp, "parse", None)
    if callable(parse):
        return typing.cast(TextParse, parse)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return lambda text: tp(text)
    if tp is int:
        return lambda text: int(text) if text.strip().isdigit() else _raise()
    return None


def _raise() -> object:
    raise _Wrong


def _plain(tp: object) -> tuple[frozenset[type[object]], Convert]:
    """The classes taken as they are for ``tp``, and the conversion of anything else."""
    from ppsp.domain.money import Rupiah

    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, UnionType):
        parts = [_plain(a) for a in args if a is not NoneType]
        ok = frozenset().union(*(p[0] for p in parts))
        if NoneType in args:
            ok |= {NoneType}

        def union(value: object) -> object:
            if isinstance(value, tuple(c for c in ok if c is not NoneType)):
                return value
            for _, convert in parts:
                try:
                    return convert(value)
                except _Wrong:
                    continue
            raise _Wrong

        return ok, union
    if origin in (tuple, Sequence, typing.Sequence) and args:
        item_ok, item = _plain(args[0])

        def items(value: object) -> object:
            if value.__class__ is tuple or value.__class__ is list:
                if all(v.__class__ in item_ok for v in value):
                    return tuple(value)
                return tuple(v if v.__class__ in item_ok else item(v) for v in value)
            if (
                origin is not tuple
                and isinstance(value, Sequence)
                and not isinstance(value, str | bytes)
            ):
                return value  # a lazy sequence of lines: its items are made when read
            raise _Wrong

        return frozenset(), items
    if origin in (Mapping, typing.Mapping, dict):

        def mapping(value: object) -> object:
            if isinstance(value, Mapping):
                return value
            raise _Wrong

        return frozenset({dict}), mapping
    if origin is frozenset:
        return frozenset(
            {frozenset}
        ), lambda v: frozenset(v) if isinstance(v, set | list | tuple) else _raise()
    if not isinstance(tp, type):
        return frozenset(), lambda v: v  # a type ppsp does not check (object, a TypeVar)
    parse = _text_parser(tp)

    def convert(value: object) -> object:
        if isinstance(value, tp) and not (tp is int and isinstance(value, bool)):
            return value
        if isinstance(value, str) and parse is not None:
            try:
                return parse(value)
            except (ValueError, _Wrong):
                raise _Wrong from None
        if tp is Rupiah and isinstance(value, int | Decimal) and not isinstance(value, bool):
            return Rupiah(value)
        raise _Wrong

    return frozenset({tp}), convert


_Plan = tuple[
    tuple[str, frozenset[type[object]], Convert, str, frozenset[type[object]] | None], ...
]


def _plan(cls: type[Any]) -> _Plan:  # Any: attrs types its classes by a protocol
    """Per field: its name, the classes taken as they are, the conversion of anything else, the
    type as a message names it, and for a tuple the classes its items are taken as."""
    hints = typing.get_type_hints(cls)
    plan = []
    for field in attrs.fields(cls):
        if not field.init or field.name not in hints:
            continue
        tp = hints[field.name]
        ok, convert = _plain(tp)
        sequence = typing.get_origin(tp) in (tuple, Sequence, typing.Sequence)
        items = _plain(typing.get_args(tp)[0])[0] if sequence else None
        if field.converter is not None:
            # the field's own converter makes the value; it is asked first, and whatever
            # else it raises than a PpspError is said as a wrong value of the field
            converter = typing.cast(Convert, field.converter)

            def convert(
                value: object,
                converter: Convert = converter,
                plain: Convert = convert,
                seq: bool = sequence,
            ) -> object:
                try:
                    made = converter(value)
                except PpspError:
                    raise
                except (TypeError, ValueError, AttributeError, ArithmeticError):
                    raise _Wrong from None
                if seq:
                    plain(made)  # the items too
                return value

        plan.append((field.alias or field.name, ok, convert, _name(tp), items))
    return tuple(plan)


def _fast_init(
    cls: type[object], original: Callable[..., None], plan: _Plan
) -> Callable[..., None]:
    """The checking constructor: for each keyword given, one look-up and one class test (the
    items of a tuple too); the conversion only for a value of another class."""
    taken = {name: ok for name, ok, _, _, _ in plan}
    items_of = {name: items for name, _, _, _, items in plan if items is not None}
    by_name = {entry[0]: entry for entry in plan}
    name_of = cls.__name__

    def fix(name: str, value: object) -> object:
        _, _, convert, expected, _ = by_name[name]
        try:
            return convert(value)
        except (_Wrong, PpspError):
            raise _wrong(name_of, name, value, expected) from None

    def __init__(self: object, *args: object, **kw: object) -> None:  # noqa: N807
        for name, value in kw.items():
            ok = taken.get(name)
            if ok is None or value.__class__ in ok:
                continue
            items = items_of.get(name)
            if (
                items is not None
                and value.__class__ is tuple
                and all(e.__class__ in items for e in value)
            ):
                continue
            kw[name] = fix(name, value)  # the same key: the dict keeps its size
        original(self, *args, **kw)

    return __init__


def checked(cls: type[_T]) -> type[_T]:
    """``cls`` (an attrs class with keyword-only fields) whose constructor checks and converts
    every field, as this module says. The checks are prepared on first use (the types of the
    fields are known only once every module is loaded)."""
    original = cls.__init__

    @functools.wraps(original)
    def first(self: object, *args: object, **kwargs: object) -> None:
        made = functools.wraps(original)(_fast_init(cls, original, _plan(cls)))
        setattr(cls, "__init__", made)  # noqa: B010 - mypy refuses an assignment to a method
        made(self, *args, **kwargs)

    setattr(cls, "__init__", first)  # noqa: B010
    CHECKED.append(cls)
    return cls


def check_records(namespace: Mapping[str, object], names: Sequence[str]) -> None:
    """:func:`checked` for every attrs class of ``names`` in ``namespace`` whose fields are
    all keyword-only (a module's ``__all__`` in its ``globals()``, at its end)."""
    for name in names:
        cls = namespace.get(name)
        if isinstance(cls, type) and attrs.has(cls):
            fields = [f for f in attrs.fields(cls) if f.init]
            if fields and all(f.kw_only for f in fields):
                checked(cls)
