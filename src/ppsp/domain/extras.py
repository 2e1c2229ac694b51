"""``Extras``: the values a file had that ``ppsp`` has no field for, kept so that nothing is lost.

An importer puts unknown columns here; lenient JSON loading puts unknown keys here; exporters
write them back. Values are JSON values (``None``, ``bool``, ``int``, finite ``float``, ``str``,
lists and objects), frozen on the way in: lists become tuples, objects become ``Extras``.

>>> extras = Extras({"Keterangan": "prioritas", "flags": ["a", "b"]})
>>> extras["flags"]
('a', 'b')
>>> extras == Extras({"flags": ["a", "b"], "Keterangan": "prioritas"})
True
>>> extras.to_json()
{'Keterangan': 'prioritas', 'flags': ['a', 'b']}
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any, TypeAlias

from ppsp.errors import InvalidValue
from ppsp.i18n import N_

__all__ = ["EMPTY", "Extras", "JsonValue", "empty_extras"]

JsonValue: TypeAlias = "bool | int | float | str | tuple[JsonValue, ...] | Extras | None"


def _freeze(value: Any, path: str) -> JsonValue:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidValue(N_("extras.not-finite"), path=path, value=repr(value))
        return value
    if isinstance(value, Extras):
        return value
    if isinstance(value, Mapping):
        return Extras(value, _path=path)
    if isinstance(value, list | tuple):
        return tuple(_freeze(item, f"{path}[{index}]") for index, item in enumerate(value))
    raise InvalidValue(N_("extras.not-json"), path=path, type=type(value).__name__)


def _thaw(value: JsonValue) -> Any:
    if isinstance(value, Extras):
        return value.to_json()
    if isinstance(value, tuple):
        return [_thaw(item) for item in value]
    return value


class Extras(Mapping[str, JsonValue]):
    """An immutable, hashable mapping of JSON values, in the order they were given."""

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[str, Any] | None = None, *, _path: str = "extras") -> None:
        frozen: dict[str, JsonValue] = {}
        for key, value in (data or {}).items():
            if not isinstance(key, str):
                raise InvalidValue(N_("extras.key-not-text"), path=_path, key=repr(key))
            frozen[key] = _freeze(value, f"{_path}.{key}")
        self._data = frozen
        self._hash: int | None = None

    def __getitem__(self, key: str) -> JsonValue:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Extras):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == Extras(other)._data
        return NotImplemented

    def __repr__(self) -> str:
        return f"Extras({self.to_json()!r})"

    def to_json(self) -> dict[str, Any]:
        """A plain ``dict`` of plain JSON values (lists, dicts)."""
        return {key: _thaw(value) for key, value in self._data.items()}

    def merged(self, other: Mapping[str, Any]) -> Extras:
        """A new ``Extras`` with ``other``'s keys added (``other`` wins on a clash)."""
        combined: dict[str, Any] = dict(self._data)
        combined.update(other)
        return Extras(combined)


#: The shared empty ``Extras``.
EMPTY = Extras()


def empty_extras() -> Extras:
    """The default of every ``extras`` field: the one shared empty :data:`EMPTY` (an empty
    ``Extras`` per record was a tenth of the memory of a large bundle)."""
    return EMPTY


def to_extras(value: Mapping[str, Any] | None) -> Extras:
    """attrs converter: any mapping (or ``None``) to ``Extras``."""
    if isinstance(value, Extras):
        return value
    if value is None:
        return EMPTY
    if not isinstance(value, Mapping):
        raise InvalidValue(N_("extras.not-a-mapping"), value=repr(value)[:80])
    return Extras(value) if value else EMPTY
