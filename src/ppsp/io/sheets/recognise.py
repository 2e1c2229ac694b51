"""Which layout a sheet holds, for which region and which year or period, and why.

A recognition that is unsure does not guess: it raises :class:`RecognitionError` naming what
to pass instead (``kind=``, ``region=``, ``year=``; ``--kind/--region/--year`` on the command
line).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import attrs

from ppsp.domain import Agency, PlanPeriod, RegionCode, default_register
from ppsp.domain.kinds import KINDS
from ppsp.domain.labels import normalise_text
from ppsp.domain.region import Region, RegionRegister
from ppsp.errors import AmbiguousValue, InvalidValue, PpspError
from ppsp.i18n import N_, render
from ppsp.io.sheets.tables import Layout, _find_header, _titles_and_labels
from ppsp.io.sheets.workbook import Grid

__all__ = [
    "Recognition",
    "RecognitionError",
    "WeakRecognition",
    "find_agency",
    "find_region",
    "find_year",
    "recognise_grid",
]

_PERIOD_KINDS = frozenset(s.kind.value for s in KINDS if s.multi_year)
#: The kinds that are not made for a plan period: a year is looked for in their title.
_NOT_MULTI_YEAR = frozenset(s.kind.value for s in KINDS if not s.multi_year)


class RecognitionError(PpspError):
    """The file's kind, region or year cannot be told with confidence."""


class WeakRecognition(RecognitionError):
    """A sheet is only weakly like any layout: it is not read as one unless its kind is given.

    ``params["guesses"]`` names the best layouts with their scores and the share of the
    sheet's header columns each understood.
    """


#: A header is weak when its layout understood fewer than this share of its labelled columns...
WEAK_COVERAGE = 0.5
#: ...and its score (about 1-2 per understood column) stays below this.
WEAK_SCORE = 10.0


def _coverage(columns: list[Any]) -> tuple[int, int]:
    """(understood, labelled) header columns."""
    labelled = [c for c in columns if c.header.strip()]
    return sum(1 for c in labelled if c.field is not None), len(labelled)


@attrs.frozen
class Recognition:
    """What a sheet was recognised as, and the reasons (message keys with parameters)."""

    file: str
    sheet: str | None
    layout: Layout
    score: float
    region: RegionCode | None
    year: int | None
    period: PlanPeriod | None
    agency: Agency | None
    title: str | None
    reasons: tuple[tuple[str, dict[str, Any]], ...]
    header: Any = attrs.field(default=None, repr=False, eq=False)
    #: the region the titles name where another was given (``None``: they agree, or name none)
    titled_region: Region | None = attrs.field(default=None, eq=False)

    @property
    def kind(self) -> str:
        """The document kind (``ssk``, ``rkpd``...)."""
        return self.layout.kind

    def explain(self, lang: str | None = None) -> list[str]:
        """The reasons in words."""
        return [render(key, params, lang) for key, params in self.reasons]


_KIND_WORD = r"(?:kabupaten|kab\.?|kota|provinsi)"
#: A region's kind word, and what may stand between it and the name: ``KABUPATEN GUNUNG MAS``,
#: ``KABUPATEN (SSK) LEBONG`` (group 2), ``KABUPATEN/KOTA BEKASI``.
_REGION_START = re.compile(
    rf"\b((?:pemerintah\s+)?{_KIND_WORD}(?:\s*/\s*{_KIND_WORD})?)((?:\s*\([^)]*\))*)\s+", re.I
)
_NAME_STOP = re.compile(
    r"^(tahun|ta|periode|th\.?|[0-9]{4}.*|-|–|:|provinsi|propinsi|prov\.?)$", re.I
)


def _named(text: str, register: RegionRegister) -> Iterator[Region | tuple[str, list[Region]]]:
    """The regions a text names, in order: each a region, or a name several regions bear with
    its candidates."""
    for match in _REGION_START.finditer(text):
        kind = match.group(1)
        # the kind apart from the name ("KABUPATEN (SSK) LEBONG"), or two kinds: the kind word
        # may be the document's own name ("Strategi Sanitasi Kabupaten"), so the name alone
        # must designate the region
        apart = bool(match.group(2).strip()) or "/" in kind
        words = re.split(r"\s+", text[match.end() :].strip())
        stop = next((i for i, w in enumerate(words) if _NAME_STOP.match(w)), len(words))
        words = words[: min(stop, 5)]
        for size in range(len(words), 0, -1):
            name = " ".join(words[:size]).strip(" ,.;:()")
            candidate = name if apart else f"{kind} {name}"
            try:
                found = register.candidates(candidate)
            except InvalidValue:
                continue
            if len(found) == 1:
                yield found[0]
                break
            if found:
                yield name, found
                break
    for code in re.findall(r"(?<![0-9.])([1-9][0-9]\.[0-9]{2})(?![0-9.])", text):
        region = register.get_region(code)
        if region is not None:
            yield region


def find_region(texts: list[str], register: RegionRegister | None = None) -> Region | None:
    """The region named in title texts (``KABUPATEN GUNUNG MAS``, ``Kab. Lebong``, ``62.10``,
    ``STRATEGI SANITASI KABUPATEN (SSK) GUNUNG MAS``).

    A name written apart from its kind must designate one region by itself: when several bear
    it (``KABUPATEN/KOTA BEKASI``; ``Banjar`` is a kota in Jawa Barat and a kabupaten in
    Kalimantan Selatan) and no province named in the texts tells them apart, raises
    :class:`~ppsp.errors.AmbiguousValue` naming the candidates.

    >>> find_region(["STRATEGI SANITASI KABUPATEN (SSK) GUNUNG MAS TAHUN 2024-2028"]).code
    RegionCode('62.10')
    """
    register = register or default_register()
    ambiguous: tuple[str, list[Region]] | None = None
    for text in texts:
        for found in _named(text, register):
            if isinstance(found, tuple):
                ambiguous = ambiguous or found
                continue
            if ambiguous and found.code.is_province:
                # a province named after an ambiguous name tells its candidates apart
                narrowed = [r for r in ambiguous[1] if r.code.province == found.code]
                if len(narrowed) == 1:
                    return narrowed[0]
                continue
            return found
    if ambiguous:
        name, candidates = ambiguous
        raise AmbiguousValue(
            N_("region-name.ambiguous"),
            value=name,
            candidates=[f"{r.name} ({r.code})" for r in candidates],
        )
    return None


def find_year(texts: list[str], labels: dict[str, str]) -> int | None:
    """The fiscal year a title names: ``TAHUN ANGGARAN 2025``, ``RKPD 2025``, ``TAHUN : 2025``."""
    for key in ("tahun anggaran", "tahun", "ta", "tahun rencana"):
        if key in labels:
            found = re.search(r"\b(20[0-9]{2})\b", labels[key])
            if found:
                return int(found.group(1))
    for text in texts:
        if PlanPeriod.find_in(text) is not None:
            continue
        found = re.search(r"\b(20[0-9]{2})\b", text)
        if found:
            return int(found.group(1))
    return None


_AGENCY_LABELS = (
    "skpd",
    "opd",
    "perangkat daerah",
    "unit organisasi",
    "organisasi",
    "sub unit organisasi",
    "dinas",
    "satuan kerja",
)
_AGENCY_IN_TITLE = re.compile(
    r"\b((?:dinas|badan|kantor|sekretariat|inspektorat)\b.*?)(?=\s+(?:kabupaten|kab\.|kota|provinsi|tahun|periode)\b|$)",
    re.I,
)


#: The SIPD code of an organisation before its name, and the dash or colon after it.
_ORGANISATION_CODE = re.compile(r"\s*(\d+(?:\.\d+)*)?\.?\s*(?:[-\u2013\u2014:]+\s*)?")


def find_agency(texts: list[str], labels: dict[str, str]) -> Agency | None:
    """The agency a title block names (``SKPD : Dinas PUPR``, ``RENJA DINAS KESEHATAN ...``)."""
    for key in _AGENCY_LABELS:
        value = labels.get(key, "").strip()
        if value:
            # SIPD writes the organisation's code before its name: "1.03.0.00.0.00.01.0000 -
            # Dinas ..." is the agency "Dinas ..." with that code
            found = _ORGANISATION_CODE.match(value)
            name = value[found.end() :].strip() if found else value
            if not name:
                return Agency(value)
            return Agency(name, code=found.group(1) if found and found.group(1) else None)
    for text in texts:
        match = _AGENCY_IN_TITLE.search(text)
        if match and len(match.group(1).split()) >= 2:
            return Agency(match.group(1).strip(" ,.;:"))
    return None


def recognise_grid(
    grid: Grid,
    layouts: list[Layout],
    *,
    kind: str | None = None,
    region: RegionCode | None = None,
    year: int | None = None,
    period: PlanPeriod | None = None,
    agency: Agency | None = None,
    register: RegionRegister | None = None,
) -> Recognition | None:
    """The best layout of one sheet with its region and year, or ``None`` for no table."""
    # Long: the recognition's one sequence (titles, kind, region, year or period, layout score),
    # each step short; split, the evidence it gathers would travel between functions.
    candidates = []
    # the file's name counts as a title, its words apart (rkpd_donggala_2026.csv names 2026)
    named = grid.file.rsplit("/", 1)[-1].replace("_", " ").replace(".", " ")
    context_text = " ".join(filter(None, [grid.sheet, named]))
    for layout in layouts:
        if kind is not None and layout.kind != kind:
            continue
        header = _find_header(layout, grid)
        if header[0] <= 0:
            continue
        head, _ = _titles_and_labels(grid, header[1])
        words = normalise_text(" ".join([*head, context_text]))
        bonus = sum(2.5 for w in layout.title_words if re.search(rf"\b{re.escape(w)}\b", words))
        candidates.append((header[0] + min(bonus, 5.0), header[0], layout, header, head))
    if not candidates:
        return None
    candidates.sort(key=lambda c: -c[0])
    best = candidates[0]
    if best[1] < 2:
        return None
    understood, labelled = _coverage(best[3][3])
    if kind is None and best[1] < WEAK_SCORE and understood < WEAK_COVERAGE * labelled:
        guesses = []
        for score, _, layout, header, _ in candidates[:3]:
            took, of = _coverage(header[3])
            guesses.append(f"{layout.kind} ({layout.name}) {score:.1f}: {took}/{of}")
        raise WeakRecognition(
            N_("recognise.weak"),
            file=grid.file,
            sheet=grid.sheet or "",
            guesses=guesses,
            understood=understood,
            labelled=labelled,
        )
    reasons: list[tuple[str, dict[str, Any]]] = []
    matched = sorted({c.field.name for c in best[3][3] if c.field is not None})
    reasons.append(
        (
            N_("recognise.header"),
            {"layout": best[2].name, "row": grid.excel_row(best[3][1]), "fields": matched},
        )
    )
    if kind is None and len(candidates) > 1:
        second = candidates[1]
        if second[2].kind != best[2].kind and second[0] >= best[0] - 0.5:
            raise RecognitionError(
                N_("recognise.ambiguous"),
                file=grid.file,
                sheet=grid.sheet or "",
                kinds=[best[2].kind, second[2].kind],
            )
    titles = list(best[4])
    _, labels = _titles_and_labels(grid, best[3][1])
    texts = [*titles, *(f"{k} {v}" for k, v in labels.items()), context_text]
    titled: Region | None = None
    if region is not None:
        # a region given is used, but titles that name another are said (a wrong --region
        # would otherwise audit one region's files as another's without a word)
        try:
            titled = find_region(texts, register)
        except (AmbiguousValue, InvalidValue):
            titled = None
        if titled is not None and titled.code == region:
            titled = None
    if region is None:
        try:
            found = find_region(texts, register)
        except AmbiguousValue as error:
            raise RecognitionError(
                N_("recognise.region-ambiguous"),
                file=grid.file,
                sheet=grid.sheet or "",
                value=error.params["value"],
                candidates=error.params["candidates"],
            ) from None
        if found is not None:
            region = found.code
            reasons.append((N_("recognise.region"), {"region": f"{found.name} ({found.code})"}))
    if best[2].kind in _PERIOD_KINDS and period is None:
        for text in texts:
            period = PlanPeriod.find_in(text)
            if period is not None:
                reasons.append((N_("recognise.period"), {"period": str(period)}))
                break
    if best[2].kind in _NOT_MULTI_YEAR and year is None:
        year = find_year(texts, labels)
        if year is not None:
            reasons.append((N_("recognise.year"), {"year": year}))
    if agency is None and best[2].kind in ("renja-pd", "renstra-pd", "dpa"):
        agency = find_agency(list(titles), labels)
        if agency is not None:
            reasons.append((N_("recognise.agency"), {"agency": agency.name}))
    title = titles[0] if titles else None
    return Recognition(
        grid.file,
        grid.sheet,
        best[2],
        best[0],
        region,
        year,
        period,
        agency,
        title,
        tuple(reasons),
        best[3],
        titled,
    )
