"""Messages in Indonesian and English: the one place where text is rendered.

Everything ``ppsp`` says (errors, diagnostics, labels of enums, later findings and reports)
is stored as a *message key* plus parameters and rendered here, at output time, from the gettext
catalogs in ``ppsp/i18n/locale/{id,en}/LC_MESSAGES/ppsp.po`` (compiled to ``.mo`` by the build).

>>> render("region-code.kind-range", {"value": "62.70", "number": "70"}, "id")
"Kode wilayah '62.70': nomor kab/kota harus 01-69 (kabupaten) atau 71-99 (kota), bukan 70."

Parameters are formatted for the language: :class:`~decimal.Decimal` numbers and objects that
know how to format themselves (such as :class:`ppsp.domain.money.Rupiah`) follow the locale.

>>> from decimal import Decimal
>>> format_number(Decimal("1250000.5"), "id"), format_number(Decimal("1250000.5"), "en")
('1.250.000,5', '1,250,000.5')
"""

from __future__ import annotations

import datetime as _dt
import gettext
import io
import os
import re
import threading
from collections.abc import Mapping
from contextvars import ContextVar
from decimal import Decimal
from functools import cache
from typing import Any, Final

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "MONEY_PATTERN",
    "N_",
    "add_messages",
    "format_date",
    "format_money",
    "format_number",
    "format_score",
    "format_weight",
    "get_language",
    "locale_for",
    "option",
    "render",
    "set_language",
    "template",
]

#: The languages ppsp speaks.
LANGUAGES: Final = ("id", "en")
#: The language used when nothing else says which.
DEFAULT_LANGUAGE: Final = "en"

_DOMAIN = "ppsp"
_BABEL_LOCALES: Final = {"id": "id_ID", "en": "en"}
_state = threading.local()


#: who is asking: ``"api"`` (the default) or ``"cli"`` (set by ``ppsp.cli.main`` while it
#: runs), so that a message names an option as its reader spells it
INTERFACE: ContextVar[str] = ContextVar("ppsp_interface", default="api")


_NO_SHEET: Final = re.compile(
    r",? (?:sheet|lembar) \{sheet!r\}| \[\{sheet\}\]| \((?:sheets|lembar): \{sheets\}\)"
)


class _Params(dict[str, Any]):
    """The parameters of a message, and its options: ``{-kind}`` is the option ``kind=`` or
    ``--kind`` (see :func:`option`); ``{-period/year=2024-2028}`` is ``period="2024-2028"``
    in the Python API and ``--year 2024-2028`` on the command line."""

    def __missing__(self, key: str) -> str:
        if not key.startswith("-"):
            raise KeyError(key)
        names, _, example = key[1:].partition("=")
        api, _, cli = names.partition("/")
        if INTERFACE.get() == "cli":
            return option(cli or api) + (f" {example}" if example else "")
        return option(api) + (f'"{example}"' if example else "")


#: The command line's names of options the running command spells otherwise (``check``: the
#: year of a spreadsheet is ``--source-year``, since its ``--year`` is the audited year)
CLI_NAMES: ContextVar[Mapping[str, str]] = ContextVar("ppsp_cli_names", default={})  # noqa: B039


def option(name: str) -> str:
    """An option as the reader of a message spells it: the keyword ``kind=`` of the Python
    API, or ``--kind`` on the command line (while ``ppsp.cli.main`` runs).

    >>> option("kind")
    'kind='
    >>> token = INTERFACE.set("cli")
    >>> option("kind")
    '--kind'
    >>> INTERFACE.reset(token)
    """
    if INTERFACE.get() == "cli":
        return "--" + CLI_NAMES.get().get(name, name).replace("_", "-")
    return name + "="


def N_(key: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a message key for extraction by ``pybabel extract -k N_``; returns it unchanged."""
    return key


def _normalise(lang: str | None) -> str:
    if lang is None:
        return get_language()
    code = lang.replace("-", "_").split("_")[0].lower()
    if code in ("in", "ind", "indonesian", "bahasa"):
        code = "id"
    if code not in LANGUAGES:
        # An unknown language is a caller's mistake worth naming, but rendering must not fail.
        return DEFAULT_LANGUAGE
    return code


def get_language() -> str:
    """The current language: :func:`set_language`, else ``PPSP_LANG``, else ``LANG``, else English."""
    chosen: str | None = getattr(_state, "lang", None)
    if chosen:
        return chosen
    for var in ("PPSP_LANG", "LANGUAGE", "LC_ALL", "LANG"):
        value = os.environ.get(var, "")
        if value:
            code = value.replace("-", "_").split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
            if var == "PPSP_LANG":
                break
    return DEFAULT_LANGUAGE


def set_language(lang: str | None) -> None:
    """Set the language of this thread (``None`` returns to the environment's choice)."""
    _state.lang = _normalise(lang) if lang else None


def locale_for(lang: str | None) -> str:
    """The babel locale used to format numbers, money and dates in ``lang``."""
    return _BABEL_LOCALES[_normalise(lang)]


def _newer(first: Any, second: Any) -> bool:
    """Whether catalog file ``first`` was changed after ``second`` (an edited, uncompiled .po)."""
    try:
        return bool(os.stat(first).st_mtime > os.stat(second).st_mtime)
    except (OSError, TypeError):
        return False


@cache
def _catalog(lang: str) -> gettext.NullTranslations:
    from importlib import resources  # not at import: ``ppsp --help`` reads no catalog

    base = resources.files("ppsp.i18n").joinpath("locale", lang, "LC_MESSAGES")
    mo = base.joinpath(f"{_DOMAIN}.mo")
    po = base.joinpath(f"{_DOMAIN}.po")
    if mo.is_file() and not _newer(po, mo):
        return gettext.GNUTranslations(io.BytesIO(mo.read_bytes()))
    if not po.is_file():  # pragma: no cover - a broken installation
        return gettext.NullTranslations()
    # A source checkout that was never built: compile the catalog in memory.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    buffer = io.BytesIO()
    with po.open("rb") as handle:
        write_mo(buffer, read_po(handle, locale=lang))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def format_number(value: Decimal | int | float, lang: str | None = None) -> str:
    """A number with the language's separators (``1.250.000,5`` in Indonesian)."""
    from decimal import InvalidOperation

    from babel.numbers import format_decimal

    try:
        return str(format_decimal(value, locale=locale_for(lang), decimal_quantization=False))
    except (InvalidOperation, OverflowError, ValueError):
        # more digits than babel's decimal context holds: say the number as it is
        return str(value)


def format_score(score: float, lang: str | None = None) -> str:
    """A match probability (0-100) as the language writes it: ``99,4 %`` / ``99.4 %``.

    >>> format_score(99.4, "id"), format_score(99.4, "en"), format_score(100.0, "id")
    ('99,4 %', '99.4 %', '100 %')
    """
    return f"{format_number(Decimal(f'{score:g}'), lang)} %"


def format_weight(weight: float, lang: str | None = None) -> str:
    """An evidence weight in bits, signed, one decimal: ``+1,8`` / ``-0.5``.

    >>> format_weight(1.83, "id"), format_weight(-0.5, "en")
    ('+1,8', '-0.5')
    """
    text = format_number(Decimal(f"{abs(weight):.1f}"), lang)
    return ("-" if weight < 0 and text.strip("0.,") else "+") + text


#: The one pattern money is written in, in every language: the currency symbol first, digits in
#: groups of three, always two decimals (sen). babel supplies the symbol and the two separators
#: of the locale; the digits are never left to a locale database (CLDR has changed IDR's
#: currency digits between releases, which would silently drop the sen).
MONEY_PATTERN: Final = "¤#,##0.00"


@cache
def _money_symbols(locale: str) -> tuple[str, str, str]:
    from babel.numbers import get_currency_symbol, get_decimal_symbol, get_group_symbol

    return (
        str(get_currency_symbol("IDR", locale=locale)),
        str(get_group_symbol(locale)),
        str(get_decimal_symbol(locale)),
    )


def format_money(amount: Decimal, lang: str | None = None) -> str:
    """Rupiah in :data:`MONEY_PATTERN`: ``Rp1.250.000.000,00`` (id), ``IDR1,250,000,000.00`` (en).

    Always two decimals, whatever the size of the amount and whatever babel's data says of
    IDR's digits; a negative amount is written ``-Rp2.500,00``.

    >>> format_money(Decimal("0.01"), "id"), format_money(Decimal("-1250000000.5"), "en")
    ('Rp0,01', '-IDR1,250,000,000.50')
    """
    symbol, group, decimal = _money_symbols(locale_for(lang))
    # Decimal's own formatting has no precision limit (babel's quantisation fails past 28
    # digits); the sign is written before the symbol, as CLDR's "-¤" pattern does.
    digits = format(abs(amount), ",.2f").translate(_SEPARATORS)
    digits = digits.replace("\x00", group).replace("\x01", decimal)
    return f"{'-' if amount < 0 else ''}{symbol}{digits}"


_SEPARATORS: Final = str.maketrans({",": "\x00", ".": "\x01"})


def format_date(value: _dt.date, lang: str | None = None) -> str:
    """A date written out for the language: ``23 Juni 2023`` / ``23 June 2023``."""
    from babel.dates import format_date as _fmt

    return str(_fmt(value, format="long", locale=locale_for(lang)))


def _format_param(value: Any, lang: str) -> str:
    hook = getattr(value, "__ppsp_format__", None)
    if hook is not None:
        return str(hook(lang))
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal | float):
        return format_number(value, lang)
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    if isinstance(value, _dt.date):
        return format_date(value, lang)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return ", ".join(_format_param(item, lang) for item in items)
    return str(value)


_EXTRA: dict[str, dict[str, str]] = {}


def add_messages(lang: str, messages: Mapping[str, str]) -> None:
    """Add message templates for ``lang`` (``"id"`` or ``"en"``) that the catalogs lack: the
    way a third-party rule ships its titles and messages without a gettext catalog. The
    catalogs win over these for keys they have.

    >>> add_messages("en", {"acme.big": "{activity} costs more than Rp 10 billion."})
    >>> render("acme.big", {"activity": "IPLT"}, "en")
    'IPLT costs more than Rp 10 billion.'
    """
    _EXTRA.setdefault(_normalise(lang), {}).update(messages)


def template(key: str, lang: str | None = None) -> str:
    """The template of the message ``key`` in ``lang``, placeholders unfilled (the key itself
    when no catalog has it).

    >>> template("diagnostic.hidden-row", "en")
    'this row is hidden in the spreadsheet; it was imported.'
    """
    code = _normalise(lang)
    found = _catalog(code).gettext(key)
    return _EXTRA.get(code, {}).get(key, key) if found == key else found


def render(key: str, params: Mapping[str, Any] | None = None, lang: str | None = None) -> str:
    """Render the message ``key`` with ``params`` in ``lang`` (``"id"`` or ``"en"``).

    An unknown key renders as the key itself followed by its parameters, so that nothing said
    is ever lost, even by a third-party rule whose catalog is missing.
    """
    code = _normalise(lang)
    template = _catalog(code).gettext(key)
    if template == key:
        template = _EXTRA.get(code, {}).get(key, key)
    params = params or {}
    if template == key:
        if not params:
            return key
        inner = ", ".join(f"{name}={value!r}" for name, value in sorted(params.items()))
        return f"{key} ({inner})"
    if ("sheet" in params and not params["sheet"]) or ("sheets" in params and not params["sheets"]):
        # a CSV file has no sheet: its messages name the file (and the row and column) only
        template = _NO_SHEET.sub("", template)
    # ``!r`` in a template asks for the raw repr; everything else is formatted for the language.
    formatted = _Params({name: _Param(value, code) for name, value in params.items()})
    try:
        return template.format_map(formatted)
    except (KeyError, IndexError, ValueError):
        return f"{template} {dict(params)!r}"


def _word(key: str, fallback: str, lang: str) -> str:
    text = _catalog(lang).gettext(key)
    if text == key:
        text = _EXTRA.get(lang, {}).get(key, fallback)
    return text


class _Param:
    """A parameter that formats itself for the language in ``{name}`` and stays raw in ``{name!r}``."""

    __slots__ = ("lang", "value")

    def __init__(self, value: Any, lang: str) -> None:
        self.value = value
        self.lang = lang

    def __format__(self, spec: str) -> str:
        if spec.startswith("@"):
            # {fields:@field}: each name as the message field.<name> says it in the language
            # (a name without one as it is), so that no identifier shows through
            names = self.value if isinstance(self.value, list | tuple) else [self.value]
            return ", ".join(_word(f"{spec[1:]}.{name}", str(name), self.lang) for name in names)
        return format(_format_param(self.value, self.lang), spec)

    def __str__(self) -> str:
        return _format_param(self.value, self.lang)

    def __repr__(self) -> str:
        return repr(str(self.value))
