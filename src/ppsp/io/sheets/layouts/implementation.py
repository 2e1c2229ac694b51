"""The implementation log layout (``IMPLEMENTATION_LOG``: events, milestones, reports,
readiness criteria) and its builder."""

from __future__ import annotations

import re
from typing import Any

from ppsp.domain import (
    DocumentKind,
    Event,
    EventKind,
    FundingSource,
    ImplementationRecord,
    MilestoneCode,
    MilestoneState,
    MilestoneStatus,
    ReadinessCriteria,
    ReportRecipient,
    ReportSent,
)
from ppsp.domain import diagnostics as diag
from ppsp.domain.implementation import parse_event_title
from ppsp.errors import InvalidValue
from ppsp.io.diagnostics import Diagnostic, Severity
from ppsp.io.sheets.columns import (
    Column,
    Table,
    text_column,
)
from ppsp.io.sheets.layouts.base import _LOCATION, _NO, _NOTES, BuildContext, Built, _built
from ppsp.io.sheets.tables import Field, Layout, RowRecord, TableRead

IMPLEMENTATION_LOG = Layout(
    "implementation-log",
    DocumentKind.IMPLEMENTATION.value,
    (
        _NO,
        Field(
            "item",
            ("kegiatan", "tahapan", "milestone", "uraian", "jenis kegiatan", "agenda", "item"),
            required=True,
            exclude=("tanggal", "status", "waktu"),
        ),
        Field(
            "date",
            (
                "tanggal",
                "tgl",
                "date",
                "tanggal pelaksanaan",
                "waktu pelaksanaan",
                "tanggal selesai",
                "realisasi",
            ),
            kind="date",
            required=True,
            exclude=("rencana", "jadwal", "target"),
        ),
        Field(
            "planned",
            ("rencana", "jadwal", "tanggal rencana", "target tanggal", "planned"),
            kind="date",
        ),
        Field("time", ("jam", "pukul", "time")),
        Field("status", ("status", "capaian", "progress")),
        Field("decree", ("nomor sk", "sk", "keputusan", "penetapan", "decree")),
        _LOCATION,
        _NOTES,
    ),
    title_words=(
        "milestone",
        "pelaksanaan ssk",
        "coaching clinic",
        "log kegiatan",
        "log pelaksanaan",
        "implementasi",
    ),
    identity=("item",),
)


def _state(text: str | None, done: bool) -> MilestoneState:
    if text:
        try:
            return MilestoneState.parse(text)
        except InvalidValue:
            pass
    return MilestoneState.COMPLETE if done else MilestoneState.PLANNED


#: A year written in a log item ("Laporan pelaksanaan 2023", "RC DAK Fisik 2025: ...").
_YEAR_NAMED = re.compile(r"(?<![0-9])(20[0-9]{2})(?![0-9])")


#: "Readiness Criteria DAK Fisik 2025: Pembangunan IPLT", "RC: ..." in a milestone log
_READINESS = re.compile(r"^\s*(?:readiness\s+criteria|rc)\b[\s:.-]*(.*)$", re.I)


def _readiness(
    rest: str,
    v: dict[str, Any],
    context: BuildContext,
    record: RowRecord,
    diags: list[Diagnostic],
    common: dict[str, Any],
) -> ReadinessCriteria | None:
    """A log row recording readiness criteria: the source and year named before a colon, the
    activity after it (``DAK Fisik 2025: Pembangunan IPLT``). The year defaults to the one after
    the date recorded (criteria are prepared the year before)."""
    head, _, activity = rest.partition(":")
    if not activity.strip():
        head, activity = "", rest
    named = _YEAR_NAMED.search(head)
    head_text = _YEAR_NAMED.sub("", head).strip(" -,")
    try:
        source = FundingSource.parse(head_text) if head_text else FundingSource.DAK_FISIK
    except InvalidValue:
        diags.append(
            diag.UNKNOWN_FUNDING_SOURCE.at(
                record.locations.get("item", record.source), value=head_text, rule="FIN003"
            )
        )
        return None
    recorded = v.get("date")
    year = int(named.group(1)) if named else (recorded.year + 1 if recorded else context.year)
    if year is None or not activity.strip():
        return None
    kept = dict(common)
    if v.get("notes"):  # no field for it on ReadinessCriteria: kept, not dropped
        kept["extras"] = {**common["extras"], "notes": v["notes"]}
    return ReadinessCriteria(
        activity=activity.strip(),
        funding_source=source,
        year=year,
        recorded_on=recorded,
        status=v.get("status"),
        **kept,
    )


def _build_implementation(table: TableRead, context: BuildContext) -> Built:
    # Long: one row kind after another (milestone, event, report, readiness), each a few lines; a
    # function per kind would pass the same six locals around.
    diags: list[Diagnostic] = []
    milestones, events, reports = [], [], []
    readies: list[ReadinessCriteria] = []
    for record in table.rows:
        v = record.values
        item = v.get("item") or ""
        common: dict[str, Any] = {
            "source": record.source,
            "cells": record.locations,
            "extras": record.extras,
        }
        try:
            code = MilestoneCode.parse(item.split(":")[0].strip())
        except InvalidValue:
            code = None
        if code is None:
            match = re.match(r"^\s*(m[1-4]|milestone\s+(?:[1-4]|iv|i{1,3}))\b", item, re.I)
            code = MilestoneCode.parse(match.group(1)) if match else None
        if code is not None:
            milestones.append(
                MilestoneStatus(
                    code=code,
                    state=_state(v.get("status"), v.get("date") is not None),
                    completed_date=v.get("date"),
                    planned_date=v.get("planned"),
                    designation_decree=v.get("decree"),
                    notes=v.get("notes"),
                    **common,
                )
            )
            continue
        readiness = _READINESS.match(item)
        if readiness is not None:
            criteria = _readiness(readiness.group(1), v, context, record, diags, common)
            if criteria is not None:
                readies.append(criteria)
                continue
        if re.search(r"\blaporan\b|\breport\b", item, re.I):
            recipient = None
            for candidate in ReportRecipient:
                if any(
                    word in item.lower()
                    for word in (candidate.label("id").lower(), candidate.value.replace("-", " "))
                ):
                    recipient = candidate
            nawasis = "nawasis" in item.lower()
            recipient = ReportRecipient.NAWASIS if nawasis else recipient
            # the year reported on: written in the item ("Laporan pelaksanaan 2023"), else the
            # year of the date it was sent
            named = _YEAR_NAMED.search(item)
            year = (
                int(named.group(1))
                if named
                else (v["date"].year if v.get("date") else context.year)
            )
            if recipient is not None and year is not None:
                reports.append(
                    ReportSent(
                        year=year,
                        recipient=recipient,
                        date=v.get("date"),
                        reference=v.get("decree"),
                        **common,
                    )
                )
                continue
        try:
            kind, number = parse_event_title(item)
        except InvalidValue:
            kind, number = EventKind.OTHER, None
        if v.get("date") is None:
            diags.append(diag.MISSING_DATE.at(record.source))
            continue
        try:
            events.append(
                Event(
                    kind=kind,
                    number=number,
                    date=v["date"],
                    time=v.get("time"),
                    title=item,
                    location=v.get("location"),
                    **common,
                )
            )
        except InvalidValue as error:
            diags.append(
                diag.BAD_VALUE.at(
                    record.locations.get("time", record.source),
                    severity=Severity.WARNING,
                    key=error.key,
                    **error.params,
                )
            )
    return _built(
        ImplementationRecord,
        table,
        context,
        diags,
        milestones=tuple(milestones),
        events=tuple(events),
        readiness=tuple(readies),
        reports=tuple(reports),
    )


# --- the export tables of these kinds (ppsp.io.sheets.export.tables_for) ---


def implementation_tables(
    document: ImplementationRecord, every_source: bool = False
) -> list[Table]:
    """The tables a ImplementationRecord is written as."""
    milestones = (
        Column("Milestone", "Milestone", lambda m: m.code.value),
        Column("Status", "State", lambda m: m.state.label("id")),
        Column("Tanggal Rencana", "Planned", lambda m: m.planned_date, kind="date"),
        Column("Tanggal Selesai", "Completed", lambda m: m.completed_date, kind="date"),
        text_column("designation_decree", "Nomor SK", "Decree"),
        text_column("notes", "Keterangan", "Notes"),
    )
    events = (
        Column("Jenis", "Kind", lambda e: e.kind.label("id")),
        Column("Nomor", "Number", lambda e: e.number),
        Column("Tanggal", "Date", lambda e: e.date, kind="date"),
        Column("Jam", "Time", lambda e: e.time.isoformat() if e.time else None),
        text_column("title", "Kegiatan", "Event"),
        text_column("location", "Lokasi", "Location"),
    )
    return [
        Table("milestones", "Milestone", "Milestones", milestones),
        Table("events", "Kegiatan", "Events", events),
    ]
