"""A read-only mapping that can be pickled (``types.MappingProxyType`` cannot), so that
documents, bundles and reports can cross process boundaries (a national run maps the audit over
regions with a process pool).

>>> import pickle
>>> cells = FrozenMap({"name": 1})
>>> pickle.loads(pickle.dumps(cells)) == {"name": 1}
True
>>> cells["other"] = 2
Traceback (most recent call last):
...
TypeError: 'FrozenMap' object does not support item assignment
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Generic, TypeVar

__all__ = ["FrozenMap"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V], Generic[K, V]):
    """An immutable mapping, equal to the ``dict`` of the same items. A map of one item (the
    parameters of most findings) keeps it as a pair, a third of a ``dict``'s memory."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        items = dict(data)
        self._data: dict[K, V] | tuple[K, V] = (
            next(iter(items.items())) if len(items) == 1 else items
        )

    def _dict(self) -> dict[K, V]:
        data = self._data
        return {data[0]: data[1]} if isinstance(data, tuple) else data

    def __getitem__(self, key: K) -> V:
        data = self._data
        if isinstance(data, tuple):
            if data[0] is key or data[0] == key:
                return data[1]
            raise KeyError(key)
        return data[key]

    def __iter__(self) -> Iterator[K]:
        data = self._data
        return iter((data[0],)) if isinstance(data, tuple) else iter(data)

    def __len__(self) -> int:
        data = self._data
        return 1 if isinstance(data, tuple) else len(data)

    def __contains__(self, key: object) -> bool:
        data = self._data
        if isinstance(data, tuple):
            hash(key)  # an unhashable key is refused as a dict refuses it
            return data[0] is key or data[0] == key
        return key in data

    def __repr__(self) -> str:
        return f"FrozenMap({self._dict()!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (self._dict(),))
