"""What keeps a check of millions of activities in proportion (issue 15): each lean form is the
same value as the plain one it replaces."""

from __future__ import annotations

import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ppsp.domain import (
    PlanPeriod,
    RegionBundle,
    RegionCode,
    SSKActivity,
    StrategiSanitasi,
    Subsector,
    YearAmount,
)
from ppsp.domain.documents import DocumentKind
from ppsp.domain.frozen import FrozenMap
from ppsp.domain.money import Rupiah
from ppsp.domain.period import parse_date
from ppsp.io.json import dumpb, loads
from ppsp.rules import Settings, check
from ppsp.rules.linking import PLANNING_KINDS, InferredCode, Linkage, Trace, TraceStatus
from ppsp.rules.linking.model import ByKind
from ppsp.testing import nomenclature_codes, texts

_KEYS = st.one_of(texts(0, 8), st.integers(-3, 3))
_VALUES = st.one_of(texts(0, 8), st.integers(), st.none())


@given(st.dictionaries(_KEYS, _VALUES, max_size=4), _KEYS)
def test_frozen_map_is_the_dict_it_was_made_of(data: dict[Any, Any], other: Any) -> None:
    frozen = FrozenMap(data)
    assert frozen == data and dict(frozen) == data and len(frozen) == len(data)
    assert list(frozen) == list(data) and list(frozen.items()) == list(data.items())
    assert (other in frozen) is (other in data)
    assert frozen.get(other, "absent") == data.get(other, "absent")
    for key in data:
        assert frozen[key] == data[key] and key in frozen
    if other not in data:
        with pytest.raises(KeyError):
            frozen[other]
    assert repr(frozen) == f"FrozenMap({data!r})"
    assert pickle.loads(pickle.dumps(frozen)) == data


def test_frozen_map_of_one_item_refuses_an_unhashable_key_as_a_dict_does() -> None:
    with pytest.raises(TypeError):
        [] in FrozenMap({"a": 1})  # noqa: B015


def _activities(n: int) -> tuple[SSKActivity, ...]:
    return tuple(SSKActivity(name=f"Kegiatan {i}") for i in range(n))


@st.composite
def _by_kind(draw: st.DrawFn) -> tuple[ByKind, tuple[Trace, ...]]:
    """A ByKind and the tuple of the traces it stands for (made one by one)."""
    n = draw(st.integers(0, 4))
    activities = _activities(n)
    code = draw(nomenclature_codes())
    inferred = [
        draw(st.sampled_from([(), (InferredCode(code=code, name="x", score=0.9),)]))
        for _ in range(n)
    ]
    statuses = st.sampled_from([TraceStatus.LINKED, TraceStatus.REVIEW, TraceStatus.MISSING])
    columns: list[list[Trace] | None] = []
    for kind in PLANNING_KINDS:
        if draw(st.booleans()):
            columns.append(None)
        else:
            columns.append(
                [
                    Trace(i, activities[i], kind, draw(statuses), inferred=inferred[i])
                    for i in range(n)
                ]
            )
    plain = tuple(
        Trace(i, activities[i], kind, TraceStatus.NO_DOCUMENT, inferred=inferred[i])
        if columns[k] is None
        else columns[k][i]  # type: ignore[index]
        for i in range(n)
        for k, kind in enumerate(PLANNING_KINDS)
    )
    return ByKind(activities, inferred, columns), plain


@settings(max_examples=60)
@given(_by_kind(), st.integers(-25, 25), st.integers(-25, 25))
def test_traces_by_kind_are_the_tuple_of_their_traces(
    made: tuple[ByKind, tuple[Trace, ...]], at: int, end: int
) -> None:
    lean, plain = made
    assert len(lean) == len(plain) and tuple(lean) == plain and lean == plain
    assert plain == lean and hash(lean) == hash(plain) and repr(lean) == repr(plain)
    assert lean[at:end] == plain[at:end] and lean[::-2] == plain[::-2]
    if -len(plain) <= at < len(plain):
        assert lean[at] == plain[at] and lean[at].inferred == plain[at].inferred
        assert lean[at].activity is plain[at].activity
    else:
        with pytest.raises(IndexError):
            lean[at]
    ours, theirs = Linkage(2025, None, lean), Linkage(2025, None, plain)
    assert ours == theirs
    n = len(plain) // len(PLANNING_KINDS)
    for kind in (*PLANNING_KINDS, DocumentKind.SSK):
        assert ours.of_kind(kind) == theirs.of_kind(kind)
        assert ours.outcomes(kind) == theirs.outcomes(kind)
        assert ours.share_linked(kind) == theirs.share_linked(kind)
        for i in range(-1, n + 1):
            assert ours.get(i, kind) == theirs.get(i, kind)


def test_by_kind_refuses_columns_that_do_not_fit() -> None:
    activities = _activities(2)
    with pytest.raises(ValueError, match="column"):
        ByKind(activities, [(), ()], [None] * 4)
    with pytest.raises(ValueError, match="column"):
        ByKind(activities, [(), ()], [[], None, None, None, None])


def _no_plan(n: int, amounts: list[str]) -> RegionBundle:
    activities = tuple(
        SSKActivity(
            name=f"Kegiatan {i}",
            subsector=Subsector.AIR_LIMBAH_DOMESTIK,
            costs=(YearAmount(year=2025, amount=Rupiah(Decimal(amounts[i % len(amounts)]))),),
        )
        for i in range(n)
    )
    ssk = StrategiSanitasi(
        region=RegionCode.parse("62.10"), period=PlanPeriod(2024, 2028), activities=activities
    )
    return RegionBundle(region=RegionCode.parse("62.10"), ssk=(ssk,))


def test_a_loaded_bundle_holds_one_cost_per_distinct_year_and_amount() -> None:
    bundle = _no_plan(6, ["1000000", "2500000.5"])
    loaded = loads(dumpb(bundle))
    assert loaded == bundle
    costs = [a.costs[0] for a in loaded.ssk[0].activities]
    assert costs[0] is costs[2] is costs[4] and costs[1] is costs[3]
    assert costs[0] is not costs[1] and costs[0] != costs[1]


def test_the_reports_in_chunks_are_the_reports(tmp_path: Path) -> None:
    from ppsp.auditing import audit
    from ppsp.cli import main
    from ppsp.io.reports.text import json_chunks, render_json, render_text, text_chunks

    bundle = _no_plan(5000, ["1000000"])  # 5,000 STR003 findings: more than one chunk
    when = "2025-06-01T00:00:00Z"
    report = check(
        bundle, 2025, settings=Settings(today=parse_date("2025-06-01"), generated_at=when)
    )
    chunks = list(text_chunks(report, "en"))
    assert len(chunks) > 1 and all(c.endswith("\n") for c in chunks)
    assert "".join(chunks) == render_text(report, "en")
    assert "".join(json_chunks(report, "en")) == render_json(report, "en")
    source = tmp_path / "bundle.json"
    source.write_bytes(dumpb(bundle))
    out = tmp_path / "report.txt"
    code = main(
        [
            "--lang",
            "en",
            "check",
            str(source),
            "-o",
            str(out),
            "--year",
            "2025",
            "--today",
            "2025-06-01",
        ]
    )
    assert code == report.exit_code
    assert out.read_text("utf-8") == render_text(report, "en")
    as_json = tmp_path / "report.json"
    options = ["--year", "2025", "--today", "2025-06-01", "--generated-at", when]
    options += ["--format", "json"]
    assert main(["--lang", "en", "check", str(source), "-o", str(as_json), *options]) == code
    settings = Settings(today=parse_date("2025-06-01"), generated_at=when)
    expected = audit(source, 2025, settings=settings)  # its provenance names the file
    assert as_json.read_text("utf-8") == render_json(expected, "en")
