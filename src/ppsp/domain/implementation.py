"""How an SSK is carried out: milestones M1-M4, events, readiness criteria, reports sent.

Milestone IV is confirmed as "implementasi dokumen SSK skala penuh" (domain brief 1.3); the
definitions of M1-M3 are not found in our sources, so their labels are marked unconfirmed in
the catalogs and nothing in ``ppsp`` depends on their meaning, only on their order.

>>> MilestoneCode.parse("Milestone IV"), MilestoneCode.parse("m2")
(<MilestoneCode.M4: 'M4'>, <MilestoneCode.M2: 'M2'>)
>>> parse_event_title("Coaching Clinic VII Monitoring dan Evaluasi")
(<EventKind.COACHING_CLINIC: 'coaching-clinic'>, 7)
>>> parse_event_title("CC 6"), parse_event_title("Kick Off PPSP 2020")
((<EventKind.COACHING_CLINIC: 'coaching-clinic'>, 6), (<EventKind.KICK_OFF: 'kick-off'>, None))
"""

from __future__ import annotations

import re
from typing import ClassVar, Self

import attrs
import pendulum

from ppsp.domain.checks import check_records
from ppsp.domain.documents import (
    Document,
    DocumentKind,
    Line,
    _check_opt_year,
    _check_year,
    _opt_date,
)
from ppsp.domain.funding import FundingSource
from ppsp.domain.labels import LabelledEnum, labelled, normalise_text
from ppsp.domain.nomenclature import NomenclatureCode
from ppsp.domain.period import parse_date, parse_roman, parse_time
from ppsp.domain.region import Region
from ppsp.errors import InvalidComponent, UnknownCode
from ppsp.i18n import N_

__all__ = [
    "Event",
    "EventKind",
    "ImplementationRecord",
    "MilestoneCode",
    "MilestoneState",
    "MilestoneStatus",
    "ReadinessCriteria",
    "ReportRecipient",
    "ReportSent",
    "parse_event_title",
]


@labelled(
    "milestone",
    {"milestone 1": "M1", "milestone 2": "M2", "milestone 3": "M3", "milestone 4": "M4"},
)
class MilestoneCode(LabelledEnum):
    """Milestones M1..M4, in order."""

    M1 = "M1"
    M2 = "M2"
    M3 = "M3"
    M4 = "M4"

    @property
    def number(self) -> int:
        """1-4."""
        return int(self.value[1])

    @classmethod
    def _parse_special(cls, raw: str) -> Self | None:
        """``M4``, ``m4``, ``4``, ``Milestone IV``, ``Milestone 4``."""
        match = re.fullmatch(r"\s*(?:milestone|m)?\s*[-.]?\s*([1-4]|i{1,3}|iv)\s*", raw, re.I)
        if not match:
            return None
        token = match.group(1)
        number = int(token) if token.isdigit() else parse_roman(token)
        return cls(f"M{number}")


class MilestoneState(LabelledEnum):
    """Where a milestone stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    COMPLETE = "complete"


labelled(
    "milestone-state",
    {
        "direncanakan": "planned",
        "belum": "planned",
        "berjalan": "in-progress",
        "proses": "in-progress",
        "dalam proses": "in-progress",
        "sedang berjalan": "in-progress",
        "selesai": "complete",
        "sudah": "complete",
        "tercapai": "complete",
        "done": "complete",
    },
)(MilestoneState)


@attrs.frozen(kw_only=True)
class MilestoneStatus(Line):
    """The state of one milestone: planned and completion dates, and for M4 its designation
    decree (e.g. Kepmendagri 100.4.3-1037/Kep/Bangda/2023)."""

    code: MilestoneCode
    state: MilestoneState
    year: int | None = attrs.field(default=None, validator=_check_opt_year)
    planned_date: pendulum.Date | None = attrs.field(default=None, converter=_opt_date)
    completed_date: pendulum.Date | None = attrs.field(default=None, converter=_opt_date)
    designation_decree: str | None = None
    notes: str | None = None


@labelled(
    "event-kind",
    {
        "kick off": "kick-off",
        "kickoff": "kick-off",
        "kick off meeting": "kick-off",
        "coaching clinic": "coaching-clinic",
        "cc": "coaching-clinic",
        "monev": "monev",
        "monitoring dan evaluasi": "monev",
        "quickwin": "quickwin",
        "quick win": "quickwin",
        "workshop": "workshop",
        "lokakarya": "workshop",
        "rakor": "rakor",
        "rapat koordinasi": "rakor",
        "penandatanganan komitmen": "commitment-signing",
        "komitmen": "commitment-signing",
    },
)
class EventKind(LabelledEnum):
    """Kinds of PPSP event."""

    KICK_OFF = "kick-off"
    COACHING_CLINIC = "coaching-clinic"
    MONEV = "monev"
    QUICKWIN = "quickwin"
    WORKSHOP = "workshop"
    RAKOR = "rakor"
    COMMITMENT_SIGNING = "commitment-signing"
    OTHER = "other"


_NUMBERED = re.compile(r"^(coaching clinic|cc)\s+([0-9]+|[ivxlc]+)\b")


def parse_event_title(text: str) -> tuple[EventKind, int | None]:
    """The kind of an event and its number from a title: ``Coaching Clinic VII`` -> (CC, 7).

    Coaching clinics are numbered from 1 with no upper bound (sources show at least VII).
    """
    key = normalise_text(text)
    match = _NUMBERED.match(key)
    if match:
        token = match.group(2)
        number = int(token) if token.isdigit() else parse_roman(token)
        if number < 1:
            raise InvalidComponent(N_("event.number"), value=text)
        return EventKind.COACHING_CLINIC, number
    for phrase in (
        "kick off",
        "kickoff",
        "coaching clinic",
        "monev",
        "monitoring dan evaluasi",
        "quickwin",
        "quick win",
        "workshop",
        "lokakarya",
        "rakor",
        "rapat koordinasi",
        "penandatanganan komitmen",
    ):
        if re.search(rf"\b{phrase}\b", key):
            return EventKind.parse(phrase), None
    raise UnknownCode(N_("event.unknown-kind"), value=text)


def _opt_time(value: object) -> pendulum.Time | None:
    return None if value is None else parse_time(value)


def _positive(instance: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and value < 1:
        raise InvalidComponent(N_("event.number"), value=value)


@attrs.frozen(kw_only=True)
class Event(Line):
    """A PPSP event on a date (and, when known, a time of day on the region's clock)."""

    kind: EventKind
    date: pendulum.Date = attrs.field(converter=parse_date)
    number: int | None = attrs.field(default=None, validator=_positive)
    time: pendulum.Time | None = attrs.field(default=None, converter=_opt_time)
    title: str | None = None
    location: str | None = None
    participants: tuple[str, ...] = ()

    @classmethod
    def from_title(cls, title: str, date: object, **kwargs: object) -> Event:
        """An event whose kind and number are read from its title."""
        kind, number = parse_event_title(title)
        return cls(kind=kind, number=number, date=date, title=title, **kwargs)  # type: ignore[arg-type]

    def starts_at(self, region: Region) -> pendulum.DateTime:
        """The start on the region's own clock (midnight when no time is recorded).

        >>> from ppsp.domain.region import default_register
        >>> cc = Event.from_title("Coaching Clinic VI", "2023-08-14", time="09:00")
        >>> cc.starts_at(default_register().get("63.10")).isoformat()
        '2023-08-14T09:00:00+08:00'
        """
        t = self.time or pendulum.Time(0, 0)
        return region.local_datetime(
            self.date.year, self.date.month, self.date.day, t.hour, t.minute
        )


@attrs.frozen(kw_only=True)
class ReadinessCriteria(Line):
    """Readiness criteria (RC) prepared for an activity funded outside the APBD (Permen PUPR
    5/2021 for DAK), with the date they were recorded."""

    activity: str
    funding_source: FundingSource
    year: int = attrs.field(validator=_check_year)
    code: NomenclatureCode | None = None
    recorded_on: pendulum.Date | None = attrs.field(default=None, converter=_opt_date)
    status: str | None = None


class ReportRecipient(LabelledEnum):
    """Who receives the implementation reports (domain brief 0.1)."""

    POKJA_PPAS_NASIONAL = "pokja-ppas-nasional"
    POKJA_PPAS_PROVINSI = "pokja-ppas-provinsi"
    BPPW = "bppw"
    NAWASIS = "nawasis"


labelled(
    "report-recipient",
    {
        "pokja ppas nasional": "pokja-ppas-nasional",
        "pokja ppas pusat": "pokja-ppas-nasional",
        "pokja ppas provinsi": "pokja-ppas-provinsi",
        "balai prasarana permukiman wilayah": "bppw",
        "bppw": "bppw",
        "balai": "bppw",
        "nawasis": "nawasis",
        "website nawasis": "nawasis",
    },
)(ReportRecipient)


@attrs.frozen(kw_only=True)
class ReportSent(Line):
    """An implementation report of a year, sent to one recipient."""

    year: int = attrs.field(validator=_check_year)
    recipient: ReportRecipient
    date: pendulum.Date | None = attrs.field(default=None, converter=_opt_date)
    reference: str | None = None


@attrs.frozen(kw_only=True)
class ImplementationRecord(Document):
    """The implementation log of a region's SSK: milestones, events, readiness criteria and
    reports."""

    kind: ClassVar[DocumentKind] = DocumentKind.IMPLEMENTATION
    milestones: tuple[MilestoneStatus, ...] = ()
    events: tuple[Event, ...] = ()
    readiness: tuple[ReadinessCriteria, ...] = ()
    reports: tuple[ReportSent, ...] = ()

    def milestone(self, code: MilestoneCode) -> MilestoneStatus | None:
        """The latest status recorded for ``code``."""
        found = [m for m in self.milestones if m.code is code]
        return found[-1] if found else None


check_records(globals(), __all__)
