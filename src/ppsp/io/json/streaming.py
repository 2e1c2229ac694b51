"""Streamed loading of a big JSON document or bundle (issue 15): never the whole tree at once.

:func:`ppsp.io.json.loads` of a text of at least :data:`STREAM_FROM` bytes comes here first.
The outer levels (the bundle, each of its documents) are walked by hand; each array of records
(the activities of an SSK, the lines of an RKPD, the bundle's import findings) is parsed a
batch of about :data:`BATCH_BYTES` at a time by orjson, and each batch's dicts are structured
into their objects and dropped before the next batch is parsed. Values that are not such arrays
(the region, the period, ``extras``, ``cell_tables``) are parsed whole, one at a time. So the
peak is the objects made plus the input text, not the parsed tree (about ten times the text).

Batch boundaries: the separator between the array's first two elements (the comma, the
whitespace and the opening of the second element up to its first key, ``},{"name"``) is looked
for about :data:`BATCH_BYTES` further on, and the text from the batch's first element up to
that comma is parsed as an array. It parses exactly when the comma separates two elements of
this array: a comma inside a string leaves the string open, one inside an element leaves the
element open, and one beyond the array's end closes the array early, and each is a syntax
error. Where no such comma is near, elements are read one at a time (the standard library's
``raw_decode`` on a small window of the text).

Anything unusual goes the whole-tree way of :func:`ppsp.io.json.loads`, which then says what is
wrong exactly as it always has: a syntax error, a problem in the data (every problem with its
JSON path, by the detailed hooks), an integer beyond 64 bits, a top-level ``kind`` after an
array. :func:`load` raises :class:`Unstreamable` for those, having let go of everything it made.
"""

from __future__ import annotations

import json as _stdjson
import re
import typing
from collections.abc import Callable, Sequence
from typing import Any, Final

import attrs
import orjson

from ppsp.domain.documents import Document, Line
from ppsp.domain.location import CellMap
from ppsp.io.json import codec
from ppsp.io.json.codec import (
    _FROM_ORJSON,
    _HEADER_KEYS,
    _READER,
    _SHARED_TYPES,
    _converter,
    _decode_at,
    _keeps_cell_maps,
    _Made,
    _read_tables,
    _slot,
    _target_of,
)

__all__ = ["BATCH_BYTES", "STREAM_FROM", "Unstreamable", "load"]

#: Texts at least this long are loaded streamed. Below it the whole tree is parsed at once
#: (its peak is small, and one orjson call on a small text is the cheapest).
STREAM_FROM: Final = codec._STREAM_FROM
#: About this many bytes of an array's elements are parsed at a time.
BATCH_BYTES: Final = 256 << 10
#: A batch's separator is looked for at most this far beyond :data:`BATCH_BYTES`.
_SEARCH_BYTES: Final = 4 * BATCH_BYTES
#: The elements read one at a time, where no separator was found, before the next look.
_SINGLES: Final = 64
#: the largest first window of :meth:`_Walker.value` (a longer value grows it as it needs)
_WINDOW_MAX: Final = 64 << 10
_WS: Final = re.compile(rb"[ \t\n\r]*")
#: a JSON string (no raw control character: the parsers refuse them)
_STRING: Final = re.compile(rb'"[^"\\\x00-\x1f]*(?:\\[^\x00-\x1f][^"\\\x00-\x1f]*)*"')
#: a run of digits too long for a 64-bit integer (see :meth:`_Walker.value`)
_LONG_DIGITS: Final = re.compile(rb"[0-9]{19}")
_BIG_INT: Final = 2**63


def _no_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity: orjson refuses them, so does the whole-tree path


_DECODER: Final = _stdjson.JSONDecoder(parse_constant=_no_constant)


class Unstreamable(Exception):
    """The text is to be read the whole-tree way (which says what is wrong with it, if anything)."""


class _Spec:
    """How a field of a hand-walked class is read: an array of records, or of documents."""

    __slots__ = ("documents", "element", "hook", "lines", "post_fields")

    def __init__(self, element: type[Any], hook: Callable[[Any, Any], Any]) -> None:
        self.element = element
        self.hook = hook
        self.documents = issubclass(element, Document)
        self.lines = issubclass(element, Line)
        self.post_fields: tuple[attrs.Attribute[Any], ...] = ()
        if self.lines:
            by_name = {f.name: f for f in attrs.fields(element)}
            self.post_fields = (by_name["source"], by_name["cells"])


def _specs(cls: type[Any], strict: bool) -> dict[str, _Spec]:
    """The fields of ``cls`` read streamed: tuples and sequences of records (not the small shared
    records, which the tuple hook makes once per distinct list)."""
    key = (cls, strict)
    found = _SPECS.get(key)
    if found is not None:
        return found
    conv = _converter(strict)
    hints = typing.get_type_hints(cls)
    specs: dict[str, _Spec] = {}
    for field in attrs.fields(cls):
        if not field.init:
            continue
        tp = hints[field.name]
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            continue
        if origin not in (tuple, Sequence, typing.Sequence) or not args:
            continue
        element = args[0]
        if not (isinstance(element, type) and attrs.has(element)) or element in _SHARED_TYPES:
            continue
        if issubclass(element, Line) and (
            hasattr(element, "__attrs_post_init__")
            or any(
                isinstance(f.converter, attrs.Converter)
                for f in attrs.fields(element)
                if f.name in ("source", "cells")
            )
        ):
            continue  # pragma: no cover - a line whose cells could not be set afterwards
        specs[field.name] = _Spec(element, conv.get_structure_hook(element))
    _SPECS[key] = specs
    return specs


_SPECS: dict[tuple[type[Any], bool], dict[str, _Spec]] = {}


class _Walker:
    """One streamed load of UTF-8 ``data``."""

    def __init__(self, data: bytes, strict: bool) -> None:
        self.data = data
        self.view = memoryview(data)
        self.size = len(data)
        self.strict = strict
        self.conv = _converter(strict)
        self.window = 4096

    # --- the text ------------------------------------------------------------------------

    def ws(self, at: int) -> int:
        end: int = _WS.match(self.data, at).end()  # type: ignore[union-attr]
        return end

    def after(self, at: int) -> tuple[int, bool]:
        """After an element of an array: where the next one starts, or just past the array's
        end and ``True``."""
        at = self.ws(at)
        mark = self.byte(at)
        if mark == 0x5D:  # ]
            return at + 1, True
        if mark != 0x2C:  # ,
            raise Unstreamable()
        return self.ws(at + 1), False

    def byte(self, at: int) -> int:
        if at >= self.size:
            raise Unstreamable()
        return self.data[at]

    def value(self, at: int) -> tuple[Any, int]:
        """The JSON value that starts at ``at`` (not whitespace) and where it ends, read by
        the standard library from a window of the text that grows until it holds the value."""
        data, size = self.data, self.size
        window = self.window
        while True:
            end = min(size, at + window)
            while end < size and data[end] & 0xC0 == 0x80:
                end -= 1  # not inside a character
            try:
                text = data[at:end].decode("utf-8")
            except UnicodeDecodeError:
                raise Unstreamable() from None
            try:
                value, stop = _DECODER.raw_decode(text)
            except (ValueError, RecursionError):
                if end >= size:
                    raise Unstreamable() from None
                window *= 4
                continue
            if stop == len(text) and end < size:
                window *= 4  # a number may go on past the window
                continue
            length = stop if text.isascii() else len(text[:stop].encode("utf-8"))
            # the next value's first window: twice this one, within bounds (after a big value
            # the small elements that follow must not each copy a window of its size)
            self.window = min(_WINDOW_MAX, max(256, 2 * length))
            if _LONG_DIGITS.search(data, at, at + length) and _has_big_int(value):
                # orjson reads an integer beyond 64 bits as a float, which the whole-tree way
                # reads again exactly; the standard library here read it exactly already: the
                # whole-tree way decides, so that both give the same
                raise Unstreamable()
            return value, at + length

    def key(self, at: int) -> tuple[str, int]:
        match = _STRING.match(self.data, at)
        if match is None:
            raise Unstreamable()
        end = match.end()
        raw = match.group()
        if b"\\" not in raw:
            try:
                return raw[1:-1].decode("utf-8"), end
            except UnicodeDecodeError:
                raise Unstreamable() from None
        value, stop = self.value(at)
        if stop != end or not isinstance(value, str):  # pragma: no cover - the pattern's string
            raise Unstreamable()
        return value, end

    # --- objects ---------------------------------------------------------------------------

    def document(self, at: int, cls: type[Any], spec: _Spec) -> tuple[Any, int]:
        """A document of a bundle, hand-walked, then made by its hook."""
        body, end = self.members(at, lambda _key: cls)
        return spec.hook(body, cls), end

    def members(
        self, at: int, target: Callable[[str], type[Any] | None]
    ) -> tuple[dict[str, Any], int]:
        """The keys of the object at ``at``: arrays of records read streamed (see
        :func:`_specs` of the class ``target`` gives, once it is known), the rest parsed
        whole."""
        if self.byte(at) != 0x7B:  # {
            raise Unstreamable()
        body: dict[str, Any] = {}
        pending: list[tuple[_Spec, list[Any], list[tuple[int, list[Any]]]]] = []
        at = self.ws(at + 1)
        if self.byte(at) == 0x7D:  # }
            return body, at + 1
        while True:
            key, at = self.key(at)
            at = self.ws(at)
            if self.byte(at) != 0x3A:  # :
                raise Unstreamable()
            at = self.ws(at + 1)
            if key in body:
                raise Unstreamable()  # a key twice: the whole-tree way keeps the last
            known = target(key)
            spec = _specs(known, self.strict).get(key) if known is not None else None
            if spec is not None and self.byte(at) == 0x5B:  # [
                tables = None
                if spec.lines and "cell_tables" in body:
                    tables = _read_tables(body["cell_tables"], self.strict)
                made, deferred, at = self.array(at, spec, tables)
                if deferred:
                    pending.append((spec, made, deferred))
                body[key] = _Made(tuple(made))
                del made
            else:
                if known is None and key not in _HEADER_KEYS and self.byte(at) == 0x5B:
                    raise Unstreamable()  # an array before the kind says what it is
                body[key], at = self.value(at)
            at = self.ws(at)
            mark = self.byte(at)
            if mark == 0x2C:  # ,
                at = self.ws(at + 1)
                continue
            if mark != 0x7D:
                raise Unstreamable()
            break
        if pending:
            # lines written with "at" before the document's cell_tables (as ppsp writes them):
            # their source and cells, set now that the tables are known
            if "cell_tables" not in body:
                raise Unstreamable()
            tables = _read_tables(body["cell_tables"], self.strict)
            for spec, made, deferred in pending:
                _place(spec, made, deferred, tables)
        return body, at + 1

    # --- arrays ----------------------------------------------------------------------------

    def array(
        self, at: int, spec: _Spec, tables: list[Any] | None
    ) -> tuple[list[Any], list[tuple[int, list[Any]]], int]:
        """The records of the array at ``at``, made a batch at a time; the lines whose ``at``
        waits for the document's tables (by their index); where the array ends."""
        made: list[Any] = []
        deferred: list[tuple[int, list[Any]]] = []
        token = _READER.set(tables) if tables is not None else None
        try:
            end = self._array(at, spec, made, deferred if tables is None else None)
        finally:
            if token is not None:
                _READER.reset(token)
        return made, deferred, end

    def _array(
        self, at: int, spec: _Spec, made: list[Any], deferred: list[tuple[int, list[Any]]] | None
    ) -> int:
        data = self.data
        at = self.ws(at + 1)
        if self.byte(at) == 0x5D:  # ]
            return at + 1
        take = self._taker(spec, made, deferred)
        if spec.documents:
            element = spec.element
            while True:
                document, at = self.document(at, element, spec)
                made.append(document)
                at, ended = self.after(at)
                if ended:
                    return at
        # the first element alone: the separator of the rest is what follows it
        first, at = self.value(at)
        take([first])
        del first
        at = self.ws(at)
        mark = self.byte(at)
        if mark == 0x5D:
            return at + 1
        if mark != 0x2C:
            raise Unstreamable()
        start = self.ws(at + 1)
        separator = data[at:start]
        if self.byte(start) == 0x7B:
            inner = self.ws(start + 1)
            key = _STRING.match(data, inner)
            separator = data[at : key.end() if key is not None else start + 1]
        at = start
        view = self.view
        beyond = self.size  # a separator that failed: none is tried from there on
        while True:
            # a batch: the text up to a separator about BATCH_BYTES on, parsed as an array
            found = data.find(
                separator, at + BATCH_BYTES, min(beyond, at + BATCH_BYTES + _SEARCH_BYTES)
            )
            if found > at:
                try:
                    batch = orjson.loads(b"".join((b"[", view[at:found], b"]")))
                except orjson.JSONDecodeError:
                    batch = None  # the array ends before it, or it is inside an element
                    beyond = found
                if batch is not None:
                    # what orjson read: a float from 2**63 on may be an integer it could
                    # not hold, which the whole-tree way reads again exactly
                    token = _FROM_ORJSON.set(True)
                    try:
                        take(batch)
                    finally:
                        _FROM_ORJSON.reset(token)
                    del batch
                    at = self.ws(found + 1)
                    continue
            # no separator near, or the array ends before it: a few elements one at a time
            for _ in range(_SINGLES):
                item, at = self.value(at)
                take([item])
                del item
                at, ended = self.after(at)
                if ended:
                    return at

    def _taker(
        self, spec: _Spec, made: list[Any], deferred: list[tuple[int, list[Any]]] | None
    ) -> Callable[[list[Any]], None]:
        hook, element = spec.hook, spec.element
        if deferred is None or not spec.lines:

            def take(items: list[Any]) -> None:
                made.extend([hook(item, element) for item in items])

            return take

        later = deferred.append
        missing = codec._MISSING

        def take_lines(items: list[Any]) -> None:
            places = [
                item.pop("at", missing) if item.__class__ is dict else missing for item in items
            ]
            first = len(made)
            if places.count(missing) != len(places):
                for item, place in zip(items, places, strict=True):
                    if place is not missing and ("source" in item or "cells" in item):
                        raise Unstreamable()  # the whole-tree way says it
                later((first, places))
            made.extend([hook(item, element) for item in items])

        return take_lines


def _has_big_int(value: Any) -> bool:
    if value.__class__ is int:
        return bool(value >= _BIG_INT or value < -_BIG_INT)
    if isinstance(value, list):
        return any(_has_big_int(item) for item in value)
    if isinstance(value, dict):
        return any(_has_big_int(item) for item in value.values())
    return False


def _place(
    spec: _Spec,
    made: list[Any],
    deferred: list[tuple[int, list[Any]]],
    tables: list[Any],
) -> None:
    """Set the ``source`` and ``cells`` of the lines read before their document's tables (each
    batch's first line and the ``at`` of each of its lines), as the line's hook would have made
    them from their ``at``: through the fields' converters and validators."""
    decode = _decode_at
    missing = codec._MISSING
    setters = []
    for field in spec.post_fields:
        slot = _slot(spec.element, field.name)
        setter = slot.__set__ if slot is not None else _setter(field.name)
        converter = typing.cast("Callable[[Any], Any] | None", field.converter)
        setters.append((setter, converter if converter is not None else _same))
    (set_source, to_source), (set_cells, to_cells) = setters
    keeps = to_cells is _same or _keeps_cell_maps(to_cells)
    for first, places in deferred:
        for line, place in zip(made[first : first + len(places)], places, strict=True):
            if place is missing:
                continue
            line_source, line_cells = decode(place, tables)
            set_source(line, line_source if to_source is _same else to_source(line_source))
            if line_cells.__class__ is not CellMap or not keeps:
                line_cells = to_cells(line_cells)
            set_cells(line, line_cells)
    checks = [f for f in spec.post_fields if f.validator is not None]
    if checks and not attrs.validators.get_disabled():
        for first, places in deferred:
            for line, place in zip(made[first : first + len(places)], places, strict=True):
                if place is not missing:
                    for field in checks:
                        field.validator(line, field, getattr(line, field.name))  # type: ignore[misc]


def _same(value: Any) -> Any:
    return value


def _setter(name: str) -> Callable[[Any, Any], None]:
    def put(instance: Any, value: Any) -> None:
        object.__setattr__(instance, name, value)

    return put


def load(data: bytes, cls: type[Any] | None, strict: bool, source: str | None) -> Any:
    """The object ``data`` (UTF-8 JSON) describes, loaded streamed.

    :raises Unstreamable: for anything the whole-tree way is to read (and report) instead
    """
    walker = _Walker(data, strict)
    try:
        kinds: list[type[Any] | None] = [cls]
        at = walker.ws(0)
        if walker.byte(at) != 0x7B:
            raise Unstreamable()
        # the header first (as ppsp writes it): the kind says which fields are streamed
        body, end = _top(walker, at, cls, kinds)
        if walker.ws(end) != walker.size:
            raise Unstreamable()
        body, header_target = _target_of(body, cls, source)
        result = walker.conv.structure(body, header_target)
    except MemoryError:
        raise
    except Unstreamable:
        raise
    except Exception:
        raise Unstreamable() from None
    return result


def _top(
    walker: _Walker,
    at: int,
    cls: type[Any] | None,
    kinds: list[type[Any] | None],
) -> tuple[dict[str, Any], int]:
    """The top-level object, its class found from ``kind`` (unless given) as soon as it is read."""
    from ppsp.io.json.codec import TOP_LEVEL

    def known(key: str) -> type[Any] | None:
        return kinds[0]

    if cls is None:
        # look at the object's first keys for the kind: parse its header by hand
        probe = walker.ws(at + 1)
        while walker.byte(probe) == 0x22:
            key, probe = walker.key(probe)
            probe = walker.ws(probe)
            if walker.byte(probe) != 0x3A:
                break
            probe = walker.ws(probe + 1)
            if key not in _HEADER_KEYS:
                break
            value, probe = walker.value(probe)
            if key == "kind" and isinstance(value, str):
                kinds[0] = TOP_LEVEL.get(value)
                break
            probe = walker.ws(probe)
            if walker.byte(probe) != 0x2C:
                break
            probe = walker.ws(probe + 1)
    return walker.members(at, known)
