"""The exceptions of ``ppsp``: one base class, a few precise subclasses.

Every error carries a stable message *key* and its *parameters*; the text is rendered only
when it is shown, in Indonesian or English (see :mod:`ppsp.i18n`). ``str(error)`` uses the
current language (:func:`ppsp.i18n.get_language`).

>>> from ppsp.domain.region import RegionCode
>>> try:
...     RegionCode.parse("62.70")
... except InvalidComponent as exc:
...     print(exc.key)
...     print(exc.message("en"))
...     print(exc.message("id"))
region-code.kind-range
Region code '62.70': the kab/kota number must be 01-69 (kabupaten) or 71-99 (kota), got 70.
Kode wilayah '62.70': nomor kab/kota harus 01-69 (kabupaten) atau 71-99 (kota), bukan 70.

Value errors are also :class:`ValueError`, so ``except ValueError`` keeps working.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ppsp.i18n import N_, render

__all__ = [
    "AmbiguousValue",
    "DocumentError",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidValue",
    "JsonError",
    "PpspError",
    "Problem",
    "UnknownCode",
]


class PpspError(Exception):
    """Base class of every error raised by ``ppsp``.

    :param key: the message key (stable; documented in the catalogs)
    :param params: values the message mentions
    """

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params: Mapping[str, Any] = params

    def message(self, lang: str | None = None) -> str:
        """The message in ``lang`` (``"id"`` or ``"en"``; default: the current language)."""
        return render(self.key, self.params, lang)

    def __str__(self) -> str:
        return self.message()

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.key, dict(self.params)))


def _rebuild(cls: type[PpspError], key: str, params: dict[str, Any]) -> PpspError:
    return cls(key, **params)


class InvalidValue(PpspError, ValueError):
    """A value (code, amount, year, name...) is not acceptable."""


class InvalidFormat(InvalidValue):
    """The text does not have the shape the value needs (``"62-XX"`` for a region code)."""


class InvalidComponent(InvalidValue):
    """The shape is right but one part is out of range (kab/kota number ``70``)."""


class UnknownCode(InvalidValue):
    """Well formed, but not in the register or code list consulted."""


class AmbiguousValue(InvalidValue):
    """The text matches more than one value (``"Bekasi"``: the kabupaten or the kota?)."""


class DocumentError(PpspError, ValueError):
    """A document or line contradicts itself (a cost for a year outside its period)."""


class Problem:
    """One problem found in JSON input: where (a JSON path such as ``$.ssk[0].period``), and what.

    Problems are plain data: ``path``, ``key`` and ``params``; :meth:`message` renders them.
    """

    __slots__ = ("key", "params", "path")

    def __init__(self, path: str, key: str, params: Mapping[str, Any] | None = None) -> None:
        self.path = path
        self.key = key
        self.params: Mapping[str, Any] = dict(params or {})

    def message(self, lang: str | None = None) -> str:
        """``"<path>: <message>"`` in ``lang``."""
        return f"{self.path}: {render(self.key, self.params, lang)}"

    def __repr__(self) -> str:
        return f"Problem({self.path!r}, {self.key!r}, {dict(self.params)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.path, self.key, dict(self.params)) == (
            other.path,
            other.key,
            dict(other.params),
        )

    def __hash__(self) -> int:
        return hash((self.path, self.key))


class JsonError(PpspError, ValueError):
    """JSON input could not be turned into ``ppsp`` objects. Lists *every* problem found.

    >>> err = JsonError([Problem("$.year", "json.wrong-type", {"expected": "integer", "got": "string"})])
    >>> print(err.message("en"))
    The JSON input has 1 problem(s):
    - $.year: expected integer, got string.
    """

    def __init__(self, problems: Sequence[Problem], source: str | None = None) -> None:
        super().__init__(N_("json.problems"), count=len(problems), source=source or "")
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source

    def message(self, lang: str | None = None) -> str:
        head = render(self.key, self.params, lang)
        if self.source:
            head = f"{self.source}: {head}"
        return "\n".join([head, *(f"- {p.message(lang)}" for p in self.problems)])

    def __reduce__(self) -> tuple[Any, ...]:
        return (JsonError, (self.problems, self.source))
