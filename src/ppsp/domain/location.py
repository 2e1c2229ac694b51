"""Where a value came from: the cell of a spreadsheet, as a person would look it up.

Rows are numbered as Excel shows them (the first row is 1), columns by their letters.

>>> loc = SourceLocation(file="ssk.xlsx", sheet="Matriks", row=12, column="F",
...                      header="Indikasi Biaya 2025")
>>> loc.cell
'F12'
>>> loc.describe("en")
"ssk.xlsx, sheet 'Matriks', F12 (Indikasi Biaya 2025)"
>>> loc.describe("id")
"ssk.xlsx, lembar 'Matriks', F12 (Indikasi Biaya 2025)"
>>> column_letter(28), column_index("AB")
('AB', 28)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import attrs

from ppsp.errors import InvalidFormat, InvalidValue
from ppsp.i18n import N_, render

__all__ = ["CellMap", "SourceLocation", "column_index", "column_letter"]

_COLUMN = re.compile(r"^[A-Z]{1,3}$")
#: Excel's last column, XFD.
MAX_COLUMN = 16384
#: Excel's last row.
MAX_ROW = 1048576


def column_letter(index: int) -> str:
    """Excel's letters for the 1-based column ``index`` (1 -> ``A``, 28 -> ``AB``)."""
    if not 1 <= index <= MAX_COLUMN:
        raise InvalidValue(N_("location.column-range"), value=index, maximum=MAX_COLUMN)
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """The 1-based index of the column called ``letters`` (``A`` -> 1)."""
    text = letters.strip().upper()
    if not _COLUMN.match(text):
        raise InvalidFormat(N_("location.column-format"), value=letters)
    index = 0
    for char in text:
        index = index * 26 + ord(char) - 64
    if index > MAX_COLUMN:
        raise InvalidValue(N_("location.column-range"), value=letters, maximum=MAX_COLUMN)
    return index


def _check_row(instance: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and not 1 <= value <= MAX_ROW:
        raise InvalidValue(N_("location.row-range"), value=value, maximum=MAX_ROW)


def _check_column(
    instance: object, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is not None:
        column_index(value)


def _upper(value: str | None) -> str | None:
    return value.strip().upper() if isinstance(value, str) else value


@attrs.frozen
class SourceLocation:
    """A place in a source file: file name, sheet, row (as Excel numbers it), column letter, header.

    Every part is optional except that a column or row makes sense only with a file; a location
    of a whole row has no column, a location of a whole sheet no row.
    """

    file: str | None = None
    sheet: str | None = None
    row: int | None = attrs.field(default=None, validator=_check_row)
    column: str | None = attrs.field(default=None, converter=_upper, validator=_check_column)
    header: str | None = None

    def as_dict(self) -> dict[str, str | int | None]:
        """``{"file", "sheet", "row", "column", "header"}`` (``None`` where unknown), as the
        JSON report writes a place.

        >>> SourceLocation(file="a.xlsx", row=3).as_dict()
        {'file': 'a.xlsx', 'sheet': None, 'row': 3, 'column': None, 'header': None}
        """
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "header": self.header,
        }

    @property
    def cell(self) -> str | None:
        """The cell reference (``F12``), when both column and row are known."""
        if self.column is None or self.row is None:
            return None
        return f"{self.column}{self.row}"

    @classmethod
    def trusted(
        cls,
        file: str | None,
        sheet: str | None,
        row: int | None,
        column: str | None,
        header: str | None,
    ) -> SourceLocation:
        """A location built from values already known to be valid (a reader's own row numbers
        and column letters): skips the validators, which cost more than the rest of a cell's
        reading. Use the constructor for anything else."""
        location = object.__new__(cls)
        put = object.__setattr__
        put(location, "file", file)
        put(location, "sheet", sheet)
        put(location, "row", row)
        put(location, "column", column)
        put(location, "header", header)
        return location

    def at(self, column: str, header: str | None = None) -> SourceLocation:
        """The location of one cell of this row."""
        return attrs.evolve(self, column=column, header=header)

    def describe(self, lang: str | None = None) -> str:
        """The location in words, in ``lang``: ``ssk.xlsx, lembar 'Matriks', F12 (2025)``."""
        parts = [self.file or "?"]
        if self.sheet is not None:
            parts.append(render(N_("location.sheet"), {"sheet": self.sheet}, lang))
        where = self.cell
        if where is None and self.row:
            where = render(N_("location.row"), {"row": self.row}, lang)
        if where is None and self.column:
            where = render(N_("location.column"), {"column": self.column}, lang)
        if where:
            parts.append(where + (f" ({self.header})" if self.header else ""))
        return ", ".join(parts)

    def __ppsp_format__(self, lang: str) -> str:
        return self.describe(lang)

    def __str__(self) -> str:
        return self.describe()


class CellMap(Mapping[str, SourceLocation]):
    """The cells of one row, by field: a compact, read-only mapping to :class:`SourceLocation`.

    A reader shares one ``columns`` table (field -> column letter and header) between all rows
    of a sheet; each row keeps only its number and which fields it had, and the locations are
    made when asked for. It equals the plain ``dict`` of the same locations.

    >>> cells = CellMap("ssk.xlsx", "Matriks", 12, {"name": ("B", "Kegiatan")}, ("name",))
    >>> cells["name"].cell, dict(cells) == {"name": SourceLocation("ssk.xlsx", "Matriks", 12, "B", "Kegiatan")}
    ('B12', True)
    """

    __slots__ = ("_columns", "_file", "_keys", "_row", "_sheet")

    def __init__(
        self,
        file: str | None,
        sheet: str | None,
        row: int | None,
        columns: Mapping[str, tuple[str | None, str | None]],
        keys: tuple[str, ...],
    ) -> None:
        self._file = file
        self._sheet = sheet
        self._row = row
        self._columns = columns
        self._keys = keys

    def layout(
        self,
    ) -> tuple[
        str | None,
        str | None,
        int | None,
        Mapping[str, tuple[str | None, str | None]],
        tuple[str, ...],
    ]:
        """File, sheet, row, the shared ``columns`` table and the fields of this row, as given:
        what the JSON codec writes once per table (``columns``) and once per row (the rest)."""
        return self._file, self._sheet, self._row, self._columns, self._keys

    def __getitem__(self, key: str) -> SourceLocation:
        if key not in self._keys:
            raise KeyError(key)
        letter, header = self._columns[key]
        return SourceLocation.trusted(self._file, self._sheet, self._row, letter, header)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __repr__(self) -> str:
        return f"CellMap({dict(self)!r})"
