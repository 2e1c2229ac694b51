"""The base of ``ppsp``'s enums: a stable value, labels in both languages, lenient parsing."""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Self, TypeVar

from ppsp.errors import UnknownCode
from ppsp.i18n import N_, render

__all__ = ["LabelledEnum", "labelled", "normalise_text"]

_E = TypeVar("_E", bound="type[LabelledEnum]")
_META: dict[type, tuple[str, Mapping[str, str]]] = {}


def labelled(prefix: str, aliases: Mapping[str, str] | None = None) -> Callable[[_E], _E]:
    """Class decorator: the catalog key prefix of an enum's labels and its text aliases."""

    def register(cls: _E) -> _E:
        _META[cls] = (prefix, {normalise_text(k): v for k, v in (aliases or {}).items()})
        return cls

    return register


@functools.lru_cache(maxsize=65536)
def normalise_text(text: str) -> str:
    """Lower case, accents and punctuation folded to spaces, spaces collapsed.

    >>> normalise_text("  A. AIR-LIMBAH   Domestik ")
    'a air limbah domestik'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", ascii_text).split())


#: The longest text searched for the aliases it contains (longer text is a name or a note).
_LONGEST_TEXT = 1000


class LabelledEnum(enum.Enum):
    """An enum whose value is a stable slug, with labels from the catalogs and text aliases.

    Subclasses are decorated with :func:`labelled`, which gives the catalog key prefix and
    the phrases that name a member in real files.
    """

    def label(self, lang: str | None = None) -> str:
        """The member's name for people, in ``lang``."""
        return render(f"{_META[type(self)][0]}.{self.value}", None, lang)

    def __ppsp_format__(self, lang: str) -> str:
        return self.label(lang)

    @classmethod
    def parse(cls, text: str | Self) -> Self:
        """The member ``text`` names: its value, its English or Indonesian label, or an alias.

        Leading numbering such as ``A.`` or ``3.`` is ignored. Raises
        :class:`~ppsp.errors.UnknownCode` naming the accepted values.
        """
        if isinstance(text, cls):
            return text
        raw = str(text)
        special = cls._parse_special(raw)
        if special is not None:
            return special
        key = normalise_text(raw)
        for member in cls:
            if key == normalise_text(member.value):
                return member
        candidates = [key]
        stripped = re.sub(r"^(?:[a-z]|[ivxlc]+|[0-9]+)\s+", "", key)
        if stripped != key:
            candidates.append(stripped)
        for candidate in candidates:
            found = cls._lookup_label(candidate)
            if found is not None:
                return found
        raise UnknownCode(
            N_("enum.unknown"),
            value=raw,
            kind=cls.__name__,
            expected=[member.value for member in cls],
        )

    @classmethod
    def parse_exact(cls, text: str) -> Self | None:
        """The member ``text`` names exactly (its value, a label or an alias, leading numbering
        such as ``A.`` ignored), or ``None``; unlike :meth:`parse`, a longer text that merely
        contains a name (``Pembangunan drainase lingkungan``) names nothing.

        >>> from ppsp.domain.subsector import Subsector
        >>> Subsector.parse_exact("B. Persampahan"), Subsector.parse_exact("Pengelolaan sampah")
        (<Subsector.PERSAMPAHAN: 'persampahan'>, None)
        """
        key = normalise_text(str(text))
        stripped = re.sub(r"^(?:[a-z]|[ivxlc]+|[0-9]+)\s+", "", key)
        aliases = _META[cls][1]
        for candidate in dict.fromkeys((key, stripped)):
            if candidate in aliases:
                return cls(aliases[candidate])
            for member in cls:
                if candidate == normalise_text(member.value) or any(
                    candidate == normalise_text(member.label(lang)) for lang in ("id", "en")
                ):
                    return member
        return None

    @classmethod
    def _parse_special(cls, raw: str) -> Self | None:
        """A subclass's own forms (numbers, Roman numerals); ``None`` when ``raw`` is not one."""
        return None

    @classmethod
    def _lookup_label(cls, key: str) -> Self | None:
        aliases = _META[cls][1]
        if key in aliases:
            return cls(aliases[key])
        for member in cls:
            for lang in ("id", "en"):
                if key == normalise_text(member.label(lang)):
                    return member
        if len(key) > _LONGEST_TEXT:
            return None  # no label is this long: not searched for aliases phrase by phrase
        # The longest alias contained in the text wins ("program pengelolaan persampahan").
        best: tuple[int, str] | None = None
        for phrase, value in aliases.items():
            if re.search(rf"\b{re.escape(phrase)}\b", key) and (
                best is None or len(phrase) > best[0]
            ):
                best = (len(phrase), value)
        return cls(best[1]) if best else None
