"""How much ``ppsp`` reads before it refuses a file: every bound on hostile input, in one place.

Each bound is checked *before* the expensive step it protects: the zip directory of an xlsx
before calamine inflates a part, the cell references of a sheet before calamine allocates its
grid, the text of a JSON file before it is parsed. A file over a bound is refused with one
:class:`~ppsp.io.diagnostics.SpreadsheetError` or :class:`~ppsp.errors.JsonError` that names
the file, the part, row or JSON path, and the bound.

>>> limits = Limits()
>>> limits.max_rows, limits.max_columns
(1048576, 16384)
>>> Limits(max_json_depth=10).max_json_depth
10

The defaults (see ``SECURITY.md``) let every sheet Excel itself can save through, up to
:attr:`Limits.max_cells` cells; :func:`set_limits` changes them for the process, and
:func:`current_limits` gives them.

Money bounds (:data:`ppsp.domain.money.MAX_DIGITS`, :data:`ppsp.domain.money.MAX_TEXT`) live
with :class:`~ppsp.domain.money.Rupiah`, since the domain layer cannot look here.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import IO, Any, Final

import attrs

from ppsp.errors import JsonError, Problem
from ppsp.i18n import N_

__all__ = [
    "BoundedStream",
    "Limits",
    "SheetBounds",
    "check_json_text",
    "check_zip",
    "current_limits",
    "set_limits",
    "sheet_bounds",
]

_MiB: Final = 1 << 20
_GiB: Final = 1 << 30


def _positive(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
        raise ValueError(f"Limits.{attribute.name} must be a positive number, got {value!r}")


#: What reading a broken zip raises, whichever reader opens it: a bad directory, a short file, a
#: bad compressed stream, a name that is not the UTF-8 its flag says (``UnicodeDecodeError``, a
#: ``ValueError``), a compression method zipfile lacks.
BROKEN_ZIP: Final = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    ValueError,
    zlib.error,
    NotImplementedError,
)


@attrs.frozen
class Limits:
    """The bounds on what ``ppsp`` reads. Every field is positive; see ``SECURITY.md``."""

    #: the largest unpacked size of one part (file) inside an xlsx/ods zip, in bytes
    max_part_bytes: int = attrs.field(default=2 * _GiB, validator=_positive)
    #: the largest unpacked size of all parts together
    max_total_bytes: int = attrs.field(default=4 * _GiB, validator=_positive)
    #: the highest compression ratio (unpacked / packed) of a part larger than
    #: :attr:`ratio_from_bytes`; real sheets compress 5 to 60 times, zip bombs hundreds of times
    max_ratio: float = attrs.field(default=200.0, validator=_positive)
    #: parts smaller than this unpacked are not held to :attr:`max_ratio`
    ratio_from_bytes: int = attrs.field(default=16 * _MiB, validator=_positive)
    #: rows per sheet (Excel's own limit)
    max_rows: int = attrs.field(default=1_048_576, validator=_positive)
    #: columns per sheet (Excel's own limit, XFD)
    max_columns: int = attrs.field(default=16_384, validator=_positive)
    #: cells of the rectangle a sheet spans (rows x columns): the grid calamine allocates
    max_cells: int = attrs.field(default=64_000_000, validator=_positive)
    #: characters in one CSV field
    max_csv_field: int = attrs.field(default=4 * _MiB, validator=_positive)
    #: characters of a JSON text
    max_json_bytes: int = attrs.field(default=1 * _GiB, validator=_positive)
    #: nesting of JSON arrays and objects
    max_json_depth: int = attrs.field(default=64, validator=_positive)
    #: characters of one JSON string
    max_json_string: int = attrs.field(default=4 * _MiB, validator=_positive)
    #: digits of one JSON number (integer and fraction together)
    max_json_digits: int = attrs.field(default=40, validator=_positive)
    #: the largest exponent (``e``) of a JSON number, either sign (324: any float, subnormals included)
    max_json_exponent: int = attrs.field(default=324, validator=_positive)


_CURRENT: list[Limits] = [Limits()]


def current_limits() -> Limits:
    """The limits in force (the defaults unless :func:`set_limits` changed them)."""
    return _CURRENT[0]


def set_limits(limits: Limits) -> Limits:
    """Put ``limits`` in force for the process; returns the ones they replace."""
    if not isinstance(limits, Limits):
        raise TypeError("set_limits() takes a Limits")
    previous = _CURRENT[0]
    _CURRENT[0] = limits
    return previous


# --- zip parts (xlsx, ods) -----------------------------------------------------------------


def check_zip(file: Path, limits: Limits | None = None) -> None:
    """Refuse an xlsx/ods whose parts unpack too large or compress too well (a zip bomb),
    reading only the zip directory. A file that is not a zip is left to the reader.

    :raises SpreadsheetError: naming the file, the part and the bound
    """
    from ppsp.io.diagnostics import SpreadsheetError

    bounds = limits or current_limits()
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
    except BROKEN_ZIP:
        return  # not a zip this module can read: calamine says what is wrong with it
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if size > bounds.max_part_bytes:
            raise SpreadsheetError(
                N_("limits.part-size"),
                file=str(file),
                part=info.filename,
                size=size,
                limit=bounds.max_part_bytes,
            )
        if size >= bounds.ratio_from_bytes:
            ratio = size / max(info.compress_size, 1)
            if ratio > bounds.max_ratio:
                raise SpreadsheetError(
                    N_("limits.ratio"),
                    file=str(file),
                    part=info.filename,
                    ratio=f"{ratio:.0f}",
                    limit=f"{bounds.max_ratio:g}",
                )
    if total > bounds.max_total_bytes:
        raise SpreadsheetError(
            N_("limits.total-size"), file=str(file), size=total, limit=bounds.max_total_bytes
        )


class BoundedStream:
    """A zip part read through a counter: it stops with an error past ``limit`` bytes, so a
    part whose directory entry lies about its size is caught too."""

    def __init__(self, stream: IO[bytes], limit: int, file: str, part: str) -> None:
        self._stream = stream
        self._left = limit
        self._limit = limit
        self._file = file
        self._part = part

    def read(self, size: int) -> bytes:
        from ppsp.io.diagnostics import SpreadsheetError

        data = self._stream.read(size)
        self._left -= len(data)
        if self._left < 0:
            raise SpreadsheetError(
                N_("limits.part-size"),
                file=self._file,
                part=self._part,
                size=self._limit - self._left,
                limit=self._limit,
            )
        return data


# --- sheet bounds --------------------------------------------------------------------------

_ROW_TAG: Final = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_CELL_TAG: Final = re.compile(rb"<(?:\w+:)?c\b([^>]*?)/?>")
_REF: Final = re.compile(rb'\br="([A-Za-z]{1,4})?([0-9]+)"')
_ROW_ANY: Final = re.compile(rb"<(?:\w+:)?row[\s>/]")
_ROW_NUMBER: Final = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="([0-9]{1,9})"')
_CELL_UNPREFIXED: Final = re.compile(rb"<c[\s>/]")
_FAST_COLUMN: Final = re.compile(rb'<c r="([A-Z]{1,3})[0-9]')
_FAST_ROW: Final = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"')


_FAST_CELL: Final = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')


def _beyond(columns: int, rows: int) -> re.Pattern[bytes]:
    """A pattern that finds the first cell tag that is not spelled ``<c r="B12"`` (as
    :meth:`SheetBounds._fast` reads them: one to three capitals, one to seven digits) or whose
    reference lies past column ``columns`` or row ``rows``: searching for it (no match in a
    usual piece) takes a fifth of the time of finding every reference.

    >>> bool(_beyond(10, 100).search(b'<c r="J100"/><c r="A0099"/><c r="B0"/>'))
    False
    >>> [bool(_beyond(10, 100).search(x)) for x in (b'<c r="K1"/>', b'<c r="A101"/>', b"<c/>")]
    [True, True, True]
    """
    good = _letters_up_to(columns) + b'(?=[0-9]{1,7}")0*' + _number_up_to(rows)
    return re.compile(rb'<c(?:[\t\n\r\f\v>/]| (?!r="' + good + rb'"))')


def _letters_up_to(column: int) -> bytes:
    """A pattern of the letters (one to three, as the fast spelling has them) of the columns
    ``1..column``, the longest first (as the usual cell is)."""
    letters = b""
    while column > 0:  # bijective base 26: A..Z, AA..ZZ, AAA..
        column, digit = divmod(column - 1, 26)
        letters = bytes([65 + digit]) + letters
    if len(letters) > 3:
        return b"[A-Z]{1,3}"
    size = len(letters)
    alternatives = [
        letters[:i] + b"[A-" + bytes([letters[i] - 1]) + b"]" + b"[A-Z]" * (size - i - 1)
        for i in range(size)
        if letters[i] > 65
    ]
    alternatives.append(letters)
    if size > 1:
        alternatives.append(b"[A-Z]{1,%d}" % (size - 1))
    return b"(?:" + b"|".join(alternatives) + b")"


def _number_up_to(number: int) -> bytes:
    """A pattern of the decimal numbers ``1..number`` without leading zeros, or of nothing (a
    row of zeros only, which the pattern before it matches), the longest first."""
    if number <= 0:
        return b""
    digits = str(number).encode()
    size = len(digits)
    alternatives = []
    for i in range(size):
        low = 49 if i == 0 else 48  # no leading zero
        if digits[i] - 1 >= low:
            span = b"[" + bytes([low, 45, digits[i] - 1]) + b"]"
            alternatives.append(digits[:i] + span + b"[0-9]" * (size - i - 1))
    alternatives.append(digits)
    if size > 1:
        alternatives.append(b"[1-9][0-9]{0,%d}" % (size - 2))
    return b"(?:" + b"|".join(alternatives) + b")?"


def _column_number(letters: bytes) -> int:
    number = 0
    for byte in letters.upper():
        number = number * 26 + byte - 64
    return number


@attrs.define
class SheetBounds:
    """What a scan of a sheet's XML found: the highest row and column any cell can land on."""

    rows: int = 0
    columns: int = 0
    #: rows without an ``r`` attribute (each one more than the row before)
    unnumbered_rows: int = 0

    def update(self, data: bytes) -> None:
        """Take in one piece of the sheet's XML (whole rows only)."""
        if b"<" not in data:
            return
        # the common spelling, every cell <c r="B12" ...> and no namespace prefix: the cells'
        # own references place them (rows do not matter), read in bulk, each distinct column
        # letter and row number looked at once
        # no prefixed cell or row (a piece without a colon, most of them, is told by the
        # quickest search there is: one byte)
        plain = b":" not in data or (b":c" not in data and b":row" not in data)
        if plain and self._within(data):
            return
        cells = len(_CELL_UNPREFIXED.findall(data))  # any white space may follow the name
        if plain and self._fast(data, cells):
            return
        # any other spelling: rows by their numbers (or one more than the row before), and
        # cells one by one
        numbered = _ROW_NUMBER.findall(data)
        self.unnumbered_rows += len(_ROW_ANY.findall(data)) - len(numbered)
        if numbered:
            self.rows = max(self.rows, max(map(int, set(numbered))))
        unreferenced = 0
        widest = 0
        for m in _CELL_TAG.finditer(data):
            ref = _REF.search(m.group(1))
            if ref is None or ref.group(1) is None:
                unreferenced += 1
                continue
            widest = max(widest, _column_number(ref.group(1)))
            digits = ref.group(2).lstrip(b"0")  # any number of digits: read as a reader would
            self.rows = max(self.rows, int(digits or b"0") if len(digits) <= 18 else 10**18)
        # a cell without a reference sits one column right of the one before it: no row of
        # this piece can reach further than the widest reference plus all such cells
        self.columns = max(self.columns, widest + unreferenced)

    def _within(self, data: bytes) -> bool:
        """Take in a piece whose cells are all spelled ``<c r="B12"`` and lie within the bounds
        so far and the piece's last cell (the usual piece: rows in order, every row as wide as
        the ones before), in one search that makes no objects; ``False`` (nothing taken in) when
        some cell is spelled otherwise or reaches further (the ways after it measure those)."""
        last = _FAST_CELL.match(data, max(data.rfind(b'<c r="'), 0))
        if last is None:
            return False
        columns = max(self.columns, _column_number(last.group(1)))
        rows = max(self.rows, int(last.group(2)))
        if _beyond(columns, rows).search(data) is not None:
            return False
        self.rows, self.columns = rows, columns
        return True

    def _fast(self, data: bytes, cells: int) -> bool:
        """Take in a piece whose ``cells`` cells are all spelled ``<c r="B12"``; ``False``
        (nothing taken in) when some are not: a reference of another form, or a row number of
        more digits than the pattern reads (the way after it reads every reference)."""
        if not cells:
            return True
        letters = _FAST_COLUMN.findall(data)
        if len(letters) != cells:
            return False
        numbers = _FAST_ROW.findall(data)
        if len(numbers) != cells:
            return False
        self.rows = max(self.rows, max(map(int, set(numbers))))
        self.columns = max(self.columns, max(map(_column_number, set(letters))))
        return True

    @property
    def height(self) -> int:
        """The highest row number a cell can have."""
        return self.rows + self.unnumbered_rows


def sheet_bounds(bounds: SheetBounds, limits: Limits, file: str, sheet: str) -> None:
    """Refuse a sheet whose cells span more rows, columns or cells than ``limits`` allow.

    :raises SpreadsheetError: naming the file, the sheet and the bound
    """
    from ppsp.io.diagnostics import SpreadsheetError

    height, width = bounds.height, bounds.columns
    if height > limits.max_rows:
        raise SpreadsheetError(
            N_("limits.rows"), file=file, sheet=sheet, rows=height, limit=limits.max_rows
        )
    if width > limits.max_columns:
        raise SpreadsheetError(
            N_("limits.columns"), file=file, sheet=sheet, columns=width, limit=limits.max_columns
        )
    if height * width > limits.max_cells:
        raise SpreadsheetError(
            N_("limits.cells"),
            file=file,
            sheet=sheet,
            rows=height,
            columns=width,
            limit=limits.max_cells,
        )


# --- JSON ----------------------------------------------------------------------------------


def _json_problem(source: str | None, path: str, key: str, **params: Any) -> JsonError:
    return JsonError([Problem(path, key, params)], source)


# strings (with their escapes), numbers, and the brackets and separators of a JSON text
_JSON_TOKEN: Final = re.compile(
    r'"[^"\\]*(?:\\.[^"\\]*)*"?|-?[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]*)?|[\[\]{},:]'
)
_NUMBER: Final = re.compile(r"-?([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]*))?")
_STRING_B: Final = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_PAIR: Final = re.compile(rb"\[\]|\{\}")
_NOT_BRACKETS: Final = bytes(b for b in range(256) if b not in b"[]{}")
# digits read as "0", an exponent mark as "e", everything else as a space; signs are taken out
# (see _numbers_or_depth_suspect)
_SHAPES: Final = bytes(48 if 48 <= b <= 57 else 101 if b in b"eE" else 32 for b in range(256))


def _suspect(text: str | bytes, bounds: Limits) -> bool:
    """Whether a quick look cannot rule out a text over a bound (each step one pass in C:
    translate, find, replace, split); the exact scan then decides and names the place."""
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    # most texts have no escape at all (orjson writes every character as UTF-8): one look for a
    # backslash (a single byte, the fastest search there is) spares the looks for escapes
    escapes = b"\\" in data
    if escapes and (b"\\ud" in data or b"\\uD" in data):
        return True  # an escaped surrogate: the exact scan checks that it has its pair
    # first the whole text, strings included: most texts pass here already
    if _numbers_or_depth_suspect(data, bounds):
        # then without the strings, so that digits or brackets in names do not count
        # (with escaped quotes, the strings are found by the pattern)
        outside = (
            _STRING_B.sub(b" ", data)
            if escapes and b'\\"' in data
            else b" ".join(data.split(b'"')[0::2])
        )
        if b'"' in outside or _numbers_or_depth_suspect(outside, bounds):
            return True
        del outside
    if len(data) <= bounds.max_json_string:
        return False  # no string can be longer than the text
    if escapes and b'\\"' in data:
        # a string no longer than the bound spans at most 2 x bound bytes of escapes
        return any(len(m.group()) > bounds.max_json_string + 2 for m in _STRING_B.finditer(data))
    # a character is one to four bytes: a string longer than the bound in bytes may be too
    # long. More than the bound of bytes without a quote hold at least one whole block of
    # ``block`` bytes (blocks counted from the start of the text): so a text in which every
    # whole block holds a quote has no such string. One look for a quote per block (a find
    # stops at the first), not a split of the text.
    block = (bounds.max_json_string + 1) // 2
    starts = range(0, len(data) - block + 1, block)
    return any(data.find(b'"', start, start + block) < 0 for start in starts)


def _numbers_or_depth_suspect(data: bytes, bounds: Limits) -> bool:
    # without the signs: an exponent's sign no longer stands between its mark and its digits
    # (one search, not one with and one without a sign). Taking them out only ever joins runs
    # of digits (1-2 reads as 12), so it can make a text suspect, never clear one
    shapes = data.translate(_SHAPES, b"+-")
    # an exponent over the bound has at least as many digits as the bound
    exponent = b"0" * len(str(bounds.max_json_exponent))
    if b"0" * (bounds.max_json_digits + 1) in shapes or b"e" + exponent in shapes:
        return True
    del shapes
    brackets = data.translate(None, _NOT_BRACKETS)
    # first a cheaper pass (two plain replaces, no pattern): it takes away every innermost
    # pair, then the braces that held only brackets, so at least one level and at most two. A
    # text empty after half as many such passes as the bound is no deeper than the bound;
    # else the exact passes below decide
    quick = brackets
    for _ in range(bounds.max_json_depth // 2):
        if not quick:
            return False
        fewer = quick.replace(b"[]", b"").replace(b"{}", b"")
        if len(fewer) == len(quick):
            return True  # unbalanced: a bracket in a string, or broken JSON
        quick = fewer
    if not quick:
        return False
    del quick
    # each pass takes away the innermost level: a text no deeper than the bound is empty after
    # as many passes as it is deep
    for _ in range(bounds.max_json_depth):
        if not brackets:
            return False
        fewer = _PAIR.sub(b"", brackets)  # one level: pairs the pass itself makes stay
        if len(fewer) == len(brackets):
            return True  # unbalanced: a bracket in a string, or broken JSON
        brackets = fewer
    return bool(brackets)


def check_json_text(
    text: str | bytes, source: str | None = None, limits: Limits | None = None
) -> None:
    """Refuse JSON text over the limits, in one linear pass before it is parsed: its size, the
    nesting of arrays and objects, the length of each string, the digits and the exponent of
    each number. The JSON path of the first place over a bound is named (``$.ssk[0].name``).

    Text that is not well-formed JSON is left to the parser, which says where.

    >>> check_json_text('{"a": [1, 2, "x"]}')
    >>> try:
    ...     check_json_text("[" * 100 + "]" * 100)
    ... except JsonError as e:
    ...     print(e.problems[0].key, e.problems[0].path)
    limits.json-depth $[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]

    :raises JsonError: naming the JSON path and the bound
    """
    # Long: one linear pass over the text that checks every JSON bound at once (issue 15); split,
    # it would read the text several times.
    bounds = limits or current_limits()
    if len(text) > bounds.max_json_bytes:
        raise _json_problem(
            source, "$", N_("limits.json-size"), size=len(text), limit=bounds.max_json_bytes
        )
    if not _suspect(text, bounds):
        return
    if isinstance(text, bytes):
        # the parser decodes (and refuses) the bytes; the scan only needs the structure
        text = text.decode("utf-8", "replace")
    # a stack of [is_object, index or key, expecting_key] per open bracket
    stack: list[list[Any]] = []
    max_string = bounds.max_json_string
    max_digits = bounds.max_json_digits
    max_exponent = bounds.max_json_exponent
    max_depth = bounds.max_json_depth
    for m in _JSON_TOKEN.finditer(text):
        token = m.group()
        first = token[0]
        if first == '"':
            if len(token) - 2 > max_string:
                raise _json_problem(
                    source,
                    _json_path(stack),
                    N_("limits.json-string"),
                    length=len(token) - 2,
                    limit=max_string,
                )
            if "\\u" in token and _lone_surrogate(token):
                raise _json_problem(source, _json_path(stack), N_("limits.json-surrogate"))
            if stack and stack[-1][0] and stack[-1][2]:
                stack[-1][1] = token[1:-1][:80]
        elif first in "{[":
            if len(stack) >= max_depth:
                raise _json_problem(
                    source, _json_path(stack), N_("limits.json-depth"), limit=max_depth
                )
            stack.append([first == "{", 0 if first == "[" else "", first == "{"])
        elif first in "}]":
            if stack:
                stack.pop()
        elif first == ",":
            if stack:
                top = stack[-1]
                if top[0]:
                    top[2] = True
                else:
                    top[1] += 1
        elif first == ":":
            if stack:
                stack[-1][2] = False
        else:
            number = _NUMBER.fullmatch(token)
            if number is None:  # pragma: no cover - the token pattern is a number here
                continue
            whole, fraction, exponent = number.groups()
            digits = len(whole or "") + len(fraction or "")
            if digits > max_digits:
                raise _json_problem(
                    source,
                    _json_path(stack),
                    N_("limits.json-digits"),
                    digits=digits,
                    limit=max_digits,
                )
            if exponent:
                body = exponent.lstrip("+-").lstrip("0")
                if len(body) > 9 or (body and int(body) > max_exponent):
                    raise _json_problem(
                        source,
                        _json_path(stack),
                        N_("limits.json-exponent"),
                        exponent=exponent[:20],
                        limit=max_exponent,
                    )


_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def _lone_surrogate(token: str) -> bool:
    """Whether a JSON string holds half of a surrogate pair (text no file can be written in)."""
    import json

    try:
        value = json.loads(token)
    except ValueError:
        return False  # broken: the parser says where
    return isinstance(value, str) and _SURROGATE.search(value) is not None


def _json_path(stack: list[list[Any]]) -> str:
    parts = ["$"]
    for is_object, where, _ in stack:
        if is_object:
            name = str(where)
            parts.append(f".{name}" if name.isidentifier() else f"[{name!r}]")
        else:
            parts.append(f"[{where}]")
    return "".join(parts)
