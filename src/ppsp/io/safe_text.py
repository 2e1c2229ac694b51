r"""Text taken from input, made safe for where it is written: a terminal, a Markdown or HTML
report, a worksheet cell.

>>> print(visible_controls("IPAL\x1b[2J\x07"))
IPAL\x1b[2J\x07
>>> print(markdown_text("<script>alert(1)</script> *b* [x](y)"))
&lt;script&gt;alert(1)&lt;/script&gt; \*b\* \[x\](y)
>>> text, cut = worksheet_text("a" * 40_000)
>>> len(text), cut, text[-12:]
(32767, 7241, 'aaaa…[+7241]')
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "CELL_LIMIT",
    "markdown_code",
    "markdown_text",
    "visible_controls",
    "worksheet_text",
]

#: The most characters an xlsx cell holds.
CELL_LIMIT: Final = 32_767

# C0 and C1 controls but line break and tab, DEL, bidi embeddings, overrides and isolates,
# and lone surrogates: what a terminal acts on or a file cannot hold
_UNSAFE: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# what a worksheet cannot hold (openpyxl refuses it)
_ILLEGAL: Final = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\ud800-\udfff]")
# what starts emphasis, code, a link or image, a table cell or strikethrough inside a line
_MARKDOWN: Final = re.compile(r"([\\`*_\[\]|~])")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible_controls(text: str) -> str:
    """``text`` with every control character a terminal would act on (ESC, BEL, CR, NUL, bidi
    overrides, lone surrogates) written as an escape such as ``\\x1b``; line breaks and tabs
    are kept."""
    return _UNSAFE.sub(_escape, text)


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown inside a line: HTML markup as entities, the punctuation of
    emphasis, code, links and tables backslash-escaped, line breaks as spaces, control characters as escapes."""
    text = visible_controls(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", text).replace("\r", " ").replace("\n", " ")


def markdown_code(text: str) -> str:
    """``text`` for inside a Markdown code span (shown literally there): no backtick, no line
    break, control characters as escapes."""
    return visible_controls(text).replace("`", "'").replace("\n", " ").replace("\r", " ")


def worksheet_text(text: str) -> tuple[str, int]:
    """``text`` as a worksheet cell can hold it, and how many characters were cut: control
    characters dropped, and text longer than :data:`CELL_LIMIT` cut with a visible mark
    ``…[+N]`` saying how many characters follow (never cut silently)."""
    text = _ILLEGAL.sub("", text)
    if len(text) <= CELL_LIMIT:
        return text, 0
    cut = len(text) - CELL_LIMIT
    while True:
        mark = f"…[+{cut}]"
        keep = CELL_LIMIT - len(mark)
        if len(text) - keep == cut:
            return text[:keep] + mark, cut
        cut = len(text) - keep
