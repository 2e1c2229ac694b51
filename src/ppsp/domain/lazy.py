"""A read-only sequence whose items are made when they are read.

An importer that reads a 100,000-line RKPD does not need 100,000 line objects at once: it keeps
the sheet's cells compactly and makes each :class:`~ppsp.domain.documents.PlanLine` when it is
asked for. :class:`LazySequence` is that sequence. It behaves like the tuple of its items
(indexing, slicing, iteration, ``len``, ``in``, equality with tuples and lists, hashing,
pickling as a tuple), and it never changes: the function that makes item ``i`` must give equal
items every time it is called.

Items are not kept: reading ``lines[5]`` twice makes two equal objects. Code that walks the
lines many times over may take ``tuple(document.lines)`` once.

>>> squares = LazySequence(4, lambda i: i * i)
>>> len(squares), squares[3], squares[-1], list(squares[1:3])
(4, 9, 9, [1, 4])
>>> squares == (0, 1, 4, 9), 4 in squares, tuple(squares)
(True, True, (0, 1, 4, 9))
>>> import pickle
>>> pickle.loads(pickle.dumps(squares))
(0, 1, 4, 9)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar, overload

__all__ = ["LazySequence"]

T = TypeVar("T")


class LazySequence(Sequence[T]):
    """``length`` items, item ``i`` being ``make(i)`` (``0 <= i < length``)."""

    __slots__ = ("_length", "_make")

    def __init__(self, length: int, make: Callable[[int], T]) -> None:
        if length < 0:
            raise ValueError("length must not be negative")
        self._length = length
        self._make = make

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if isinstance(index, slice):
            make = self._make
            return tuple(make(i) for i in range(*index.indices(self._length)))
        position = index.__index__()
        if position < 0:
            position += self._length
        if not 0 <= position < self._length:
            raise IndexError("LazySequence index out of range")
        return self._make(position)

    def __iter__(self) -> Iterator[T]:
        make = self._make
        for i in range(self._length):
            yield make(i)

    def __reversed__(self) -> Iterator[T]:
        make = self._make
        for i in range(self._length - 1, -1, -1):
            yield make(i)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazySequence | tuple | list):
            return len(other) == self._length and all(
                a == b for a, b in zip(self, other, strict=True)
            )
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __add__(self, other: Sequence[T]) -> tuple[T, ...]:
        return (*self, *other)

    def __radd__(self, other: Sequence[T]) -> tuple[T, ...]:
        return (*other, *self)

    def __repr__(self) -> str:
        return f"LazySequence({self._length} items)"

    def __reduce__(self) -> tuple[Any, ...]:
        # the function that makes the items may be a closure: pickle the items themselves
        return (tuple, (tuple(self),))
