"""One diagnostic model for the whole library: :class:`Severity`, the typed
:class:`DiagnosticCode` of everything an importer can notice, the :class:`Diagnostic` it makes
at one place, and the :class:`ImportFinding` a bundle keeps of it.

A code is an object, in the manner of frictionless' error classes: its stable kebab-case
``name``, its default severity, the message key its text is rendered from (in Indonesian or
English, at output time) and its tags. Call sites say ``HIDDEN_SHEET.at(location, ...)``, not
a bare string, and :data:`CODES` lists them all (``docs/spreadsheets.rst`` documents them).

>>> from ppsp.domain.location import SourceLocation
>>> d = UNPARSEABLE_NUMBER.at(SourceLocation(file="ssk.xlsx", sheet="Matriks", row=9, column="F"),
...                           value="1.2.3,4", expected="rupiah")
>>> d.code, d.severity.value, d.kind is UNPARSEABLE_NUMBER
('unparseable-number', 'error', True)
>>> print(d.message("en"))
ssk.xlsx, sheet 'Matriks', F9: '1.2.3,4' is not a number (expected rupiah); the text is kept.

What a file hides from whoever opens it (a hidden sheet, hidden columns, macros, a broken CSV
quote) is a finding of the audit, not only a note of the import: the importer keeps it in the
bundle as an :class:`ImportFinding`, which survives JSON and reaches every report.

>>> hidden = HIDDEN_SHEET.at(SourceLocation(file="dpa.xlsx", sheet="Lama"))
>>> found = ImportFinding.of(hidden)
>>> found.code, found.severity.value, found.location.sheet
('hidden-sheet', 'warning', 'Lama')
>>> print(found.message("id"))
dpa.xlsx, lembar 'Lama': lembar ini disembunyikan di Excel; lembar tetap dibaca dan diaudit seperti yang lain.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ppsp.domain.checks import check_records
from ppsp.domain.location import SourceLocation
from ppsp.errors import InvalidValue, PpspError
from ppsp.i18n import N_, render, template

__all__ = [
    "CODES",
    "HIDDEN_FROM_VIEW",
    "Diagnostic",
    "DiagnosticCode",
    "ImportFinding",
    "Severity",
    "diagnostic_code",
    "import_findings",
]


class Severity(enum.Enum):
    """How much a finding or a diagnostic matters: ``error`` (a value was lost or is wrong),
    ``warning`` (worth a look), ``info`` (for the record); most serious first."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info (sorts the most serious first)."""
        return _RANK[self]

    def label(self, lang: str | None = None) -> str:
        """The severity in ``lang``."""
        return render(f"severity.{self.value}", None, lang)

    @classmethod
    def parse(cls, text: str | Severity) -> Severity:
        """``error``/``warning``/``info`` (also ``kesalahan``/``peringatan``/``informasi``, and
        ``galat``, the word of ppsp's Indonesian before 0.x for an error).

        >>> Severity.parse("Peringatan"), Severity.parse("KESALAHAN")
        (<Severity.WARNING: 'warning'>, <Severity.ERROR: 'error'>)
        """
        if isinstance(text, Severity):
            return text
        key = str(text).strip().lower()
        key = {
            "kesalahan": "error",
            "galat": "error",
            "peringatan": "warning",
            "informasi": "info",
        }.get(key, key)
        try:
            return cls(key)
        except ValueError:
            raise PpspError(N_("rules.bad-severity"), value=text) from None


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
# the keys above are rendered through these markers (kept for extraction)
_SEVERITY_KEYS = (N_("severity.error"), N_("severity.warning"), N_("severity.info"))


def _tags(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


@attrs.frozen
class DiagnosticCode:
    """One kind of thing an importer can notice: a stable kebab-case ``name``, the default
    ``severity``, the message ``key`` (its template is in the catalogs) and ``tags``
    (``hidden``: a file hides something from whoever opens it; ``rule:FIN005``: the rule that
    judges it)."""

    name: str
    severity: Severity
    key: str
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_tags)

    def at(
        self,
        location: SourceLocation | None = None,
        params: Mapping[str, Any] | None = None,
        /,
        *,
        severity: Severity | None = None,
        key: str | None = None,
        **more: Any,
    ) -> Diagnostic:
        """The diagnostic of this code at ``location`` with the message's ``params`` (a
        mapping, or keywords); ``severity`` and ``key`` override the code's own, for the few
        codes whose weight or wording depends on the case."""
        values = {**params, **more} if params else more
        return Diagnostic(self.name, severity or self.severity, key or self.key, values, location)

    def template(self, lang: str | None = None) -> str:
        """The message template in ``lang``, with its ``{placeholders}``."""
        return template(self.key, lang)


#: Every diagnostic code, by name.
CODES: dict[str, DiagnosticCode] = {}


def _code(name: str, severity: Severity, key: str, *tags: str) -> DiagnosticCode:
    code = DiagnosticCode(name, severity, key, frozenset(tags))
    CODES[name] = code
    return code


def diagnostic_code(name: str) -> DiagnosticCode:
    """The code called ``name``.

    >>> diagnostic_code("hidden-row").key
    'diagnostic.hidden-row'
    """
    try:
        return CODES[name]
    except KeyError:
        raise InvalidValue(N_("diagnostic.unknown-code"), value=name) from None


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

# what a cell's value could not be
UNPARSEABLE_NUMBER = _code("unparseable-number", _E, N_("diagnostic.unparseable-number"))
UNPARSEABLE_DATE = _code("unparseable-date", _E, N_("diagnostic.unparseable-date"))
AMBIGUOUS_AMOUNT = _code("ambiguous-amount", _E, N_("diagnostic.ambiguous-amount"))
BAD_CODE = _code("bad-code", _E, N_("diagnostic.bad-code"))
BAD_VALUE = _code("bad-value", _E, N_("diagnostic.bad-value"))
CELL_ERROR = _code("cell-error", _E, N_("diagnostic.cell-error"))
WRONG_TYPE = _code("wrong-type", _E, N_("diagnostic.wrong-type"))
NEGATIVE_AMOUNT = _code("negative-amount", _W, N_("diagnostic.negative-amount"))
FULL_RUPIAH_IN_SCALED_COLUMN = _code(
    "full-rupiah-in-scaled-column", _W, N_("diagnostic.full-rupiah-in-scaled-column")
)
FORMULA_WITHOUT_VALUE = _code("formula-without-value", _W, N_("diagnostic.formula-without-value"))
CELL_CUT = _code("cell-cut", _W, N_("diagnostic.cell-cut"))
# the table and its header
UNKNOWN_COLUMN = _code("unknown-column", _I, N_("diagnostic.unknown-column"))
UNIT_FROM_OTHER_COLUMNS = _code(
    "unit-from-other-columns", _I, N_("diagnostic.unit-from-other-columns")
)
UNNAMED_COLUMN = _code("unnamed-column", _I, N_("diagnostic.unnamed-column"))
DUPLICATE_HEADER = _code("duplicate-header", _W, N_("diagnostic.duplicate-header"))
UNKNOWN_FUNDING_COLUMN = _code(
    "unknown-funding-column", _W, N_("diagnostic.unknown-funding-column")
)
ROW_OUTSIDE_SECTION = _code("row-outside-section", _W, N_("diagnostic.row-outside-section"))
TOTAL_MISMATCH = _code("total-mismatch", _E, N_("diagnostic.total-mismatch"), "rule:FIN005")
NO_TABLE = _code("no-table", _I, N_("diagnostic.no-table"))
WEAK_TABLE = _code("weak-table", _W, N_("diagnostic.weak-table"))
# what a row's values mean
UNKNOWN_FUNDING_SOURCE = _code(
    "unknown-funding-source", _W, N_("diagnostic.unknown-funding-source"), "rule:FIN003"
)
UNKNOWN_AGENCY = _code("unknown-agency", _W, N_("diagnostic.unknown-agency"))
UNKNOWN_VALUE = _code("unknown-value", _W, N_("diagnostic.unknown-value"))
MISSING_AGENCY = _code("missing-agency", _W, N_("diagnostic.missing-agency"), "rule:STR003")
MISSING_NAME = _code("missing-name", _W, N_("diagnostic.missing-name"))
MISSING_DATE = _code("missing-date", _W, N_("diagnostic.missing-date"))
YEAR_UNKNOWN = _code("year-unknown", _E, N_("diagnostic.year-unknown"))
YEAR_OUTSIDE_PERIOD = _code("year-outside-period", _E, N_("diagnostic.year-outside-period"))
EMPTY_DOCUMENT = _code("empty-document", _W, N_("diagnostic.empty-document"))
#: kept in the bundle with what the files hide: a region given by hand hides the one the
#: titles name, and a check of the bundle must still say so
DOCUMENT_TWICE = _code("document-twice", _W, N_("diagnostic.document-twice"), "hidden")
REPORT_SKIPPED = _code("report-skipped", _I, N_("diagnostic.report-skipped"))
#: a file of a folder in which no table of a known layout was found: left out of the
#: documents, and kept in the bundle, so that every report says which file was not read
FILE_SKIPPED = _code("file-skipped", _W, N_("diagnostic.file-skipped"), "hidden")
REGION_FROM_FILES = _code("region-from-files", _I, N_("diagnostic.region-from-files"), "hidden")
REGION_OVERRIDDEN = _code("region-overridden", _W, N_("diagnostic.region-overridden"), "hidden")
# what a file hides from whoever opens it
HIDDEN_ROW = _code("hidden-row", _W, N_("diagnostic.hidden-row"), "hidden")
HIDDEN_SHEET = _code("hidden-sheet", _W, N_("diagnostic.hidden-sheet"), "hidden")
HIDDEN_COLUMNS = _code("hidden-columns", _W, N_("diagnostic.hidden-columns"), "hidden")
MACROS = _code("macros", _W, N_("diagnostic.macros"), "hidden")
CSV_UNBALANCED_QUOTE = _code(
    "csv-unbalanced-quote", _E, N_("diagnostic.csv-unbalanced-quote"), "hidden"
)
CSV_SWALLOWED_LINES = _code(
    "csv-swallowed-lines", _W, N_("diagnostic.csv-swallowed-lines"), "hidden"
)
# writing back into a workbook (ppsp export --into)
NEW_ROW = _code("new-row", _I, N_("diagnostic.new-row"))
READ_ONLY_COLUMN = _code("read-only-column", _W, N_("diagnostic.read-only-column"))
READ_ONLY_SHEET = _code("read-only-sheet", _W, N_("diagnostic.read-only-sheet"))
# with official lists given
CODE_NOT_IN_LIST = _code("code-not-in-list", _W, N_("diagnostic.code-not-in-list"))
FUNDING_CODE_NOT_IN_LIST = _code(
    "funding-code-not-in-list", _W, N_("diagnostic.funding-code-not-in-list")
)
FUNDING_CODE_APPLIED = _code("funding-code-applied", _I, N_("diagnostic.funding-code-applied"))

#: The codes of what a file hides from whoever opens it: kept in the bundle and reported.
HIDDEN_FROM_VIEW: frozenset[str] = frozenset(n for n, c in CODES.items() if "hidden" in c.tags)


@attrs.frozen
class Diagnostic:
    """One thing an importer noticed, at one place: a stable ``code`` (see ``CODES``), a
    severity, a message ``key`` with ``params`` rendered at output time, and the
    :class:`~ppsp.domain.location.SourceLocation`."""

    code: str
    severity: Severity
    key: str
    params: Mapping[str, Any] = attrs.field(factory=dict, eq=False, hash=False)
    location: SourceLocation | None = None

    @property
    def kind(self) -> DiagnosticCode | None:
        """The typed code (``None`` for a code of a third-party reader)."""
        return CODES.get(self.code)

    def message(self, lang: str | None = None) -> str:
        """``"<where>: <what>"`` in ``lang``."""
        text = render(self.key, self.params, lang)
        if self.location is None:
            return text
        return f"{self.location.describe(lang)}: {text}"


def _text_params(value: Mapping[str, Any]) -> Mapping[str, str]:
    from ppsp.domain.frozen import FrozenMap

    if not isinstance(value, Mapping):
        raise InvalidValue(N_("diagnostic.bad-params"), value=repr(value)[:80])
    return FrozenMap({str(k): v if isinstance(v, str) else str(v) for k, v in value.items()})


def _severity(value: str | Severity) -> Severity:
    return Severity.parse(value)


@attrs.frozen(kw_only=True)
class ImportFinding:
    """A diagnostic of the import that the audit reports (what a file hides from whoever opens
    it), as the bundle keeps it: its code, severity, message key, the message's parameters as
    text, and where it is. Made with :meth:`of`; it round-trips through JSON."""

    code: str
    severity: Severity = attrs.field(converter=_severity)
    key: str
    params: Mapping[str, str] = attrs.field(factory=dict, converter=_text_params)
    location: SourceLocation | None = None

    @classmethod
    def of(cls, diagnostic: Diagnostic) -> ImportFinding:
        """The finding the bundle keeps of ``diagnostic``."""
        return cls(
            code=diagnostic.code,
            severity=diagnostic.severity,
            key=diagnostic.key,
            params=diagnostic.params,
            location=diagnostic.location,
        )

    def message(self, lang: str | None = None) -> str:
        """``"<where>: <what>"`` in ``lang``."""
        text = render(self.key, self.params, lang)
        if self.location is None:
            return text
        return f"{self.location.describe(lang)}: {text}"


def import_findings(diagnostics: Iterable[Diagnostic]) -> tuple[ImportFinding, ...]:
    """What of ``diagnostics`` the bundle keeps: those of the codes of :data:`HIDDEN_FROM_VIEW`."""
    return tuple(ImportFinding.of(d) for d in diagnostics if d.code in HIDDEN_FROM_VIEW)


check_records(globals(), ["ImportFinding"])
