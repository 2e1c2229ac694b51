"""The streamed load of a big JSON text (issue 15) gives what the whole-tree load gives: the same
objects for every text that says the same thing, and the same error, with the same path, for
every text that is wrong."""

from __future__ import annotations

import contextlib
import json
import random
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ppsp import JsonError
from ppsp.domain import RKPD, PlanLine, RegionBundle, RegionCode, Rupiah, SourceLocation
from ppsp.domain.location import CellMap
from ppsp.io.json import codec, dumps, loads, streaming
from ppsp.testing import bundles, documents, read_documents, texts

#: the header keys stay first at the top level (the kind says which arrays are streamed)
_HEADER = ("$schema", "schema_version", "kind")
_SPACES = ("", "", " ", "\n", "\n    ", "\t", "\r\n", " \t\n\r ")


@contextlib.contextmanager
def _small_batches(size: int = 48) -> Iterator[None]:
    """Batches of a few elements, so that a small text has many."""
    old = streaming.BATCH_BYTES, streaming._SEARCH_BYTES
    setattr(streaming, "BATCH_BYTES", size)  # noqa: B010 (a Final of the module, for the test)
    setattr(streaming, "_SEARCH_BYTES", 4 * size)  # noqa: B010
    try:
        yield
    finally:
        setattr(streaming, "BATCH_BYTES", old[0])  # noqa: B010
        setattr(streaming, "_SEARCH_BYTES", old[1])  # noqa: B010


def _streamed(text: str | bytes, cls: Any = None, strict: bool = False) -> Any:
    """The streamed load itself (it raises :class:`streaming.Unstreamable` rather than go the
    whole-tree way)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    with _small_batches():
        return streaming.load(data, cls, strict, None)


@contextlib.contextmanager
def _stream_from(size: int) -> Iterator[None]:
    old = codec._STREAM_FROM
    setattr(codec, "_STREAM_FROM", size)  # noqa: B010
    try:
        yield
    finally:
        setattr(codec, "_STREAM_FROM", old)  # noqa: B010


def _whole(text: str | bytes, cls: Any = None, strict: bool = False) -> Any:
    with _stream_from(1 << 62):
        return loads(text, cls, strict=strict)


def _write(value: Any, rnd: random.Random, ascii: bool, top: bool = False) -> str:
    """``value`` as JSON with whitespace anywhere JSON allows it and the keys of each object
    in any order."""

    def space() -> str:
        return rnd.choice(_SPACES)

    if isinstance(value, dict):
        items = list(value.items())
        rnd.shuffle(items)
        if top:
            items.sort(key=lambda item: item[0] not in _HEADER)
        members = [
            f"{space()}{json.dumps(k, ensure_ascii=ascii)}{space()}:{space()}"
            f"{_write(v, rnd, ascii)}{space()}"
            for k, v in items
        ]
        return "{" + ",".join(members) + (space() if not members else "") + "}"
    if isinstance(value, list):
        elements = [f"{space()}{_write(v, rnd, ascii)}{space()}" for v in value]
        return "[" + ",".join(elements) + (space() if not elements else "") + "]"
    return json.dumps(value, ensure_ascii=ascii)


def _big_number(value: Any) -> bool:
    """Whether ``value`` holds a number orjson may not hold exactly (then the whole-tree way
    reads the text, as documented)."""
    if isinstance(value, float):
        return abs(value) >= 2**63
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) >= 2**63
    if isinstance(value, list):
        return any(_big_number(item) for item in value)
    if isinstance(value, dict):
        return any(_big_number(item) for item in value.values())
    return False


def _same(text: str, original: Any) -> None:
    whole = _whole(text)
    assert whole == original
    try:
        assert _streamed(text) == whole
        assert _streamed(text, type(original)) == whole
    except streaming.Unstreamable:
        if not _big_number(json.loads(text)):
            raise
    with _stream_from(0), _small_batches():
        assert loads(text) == whole


@settings(max_examples=60)
@given(documents(), st.integers(0, 2**32), st.booleans())
def test_a_document_streamed_is_the_document_read_whole(
    document: Any, seed: int, ascii: bool
) -> None:
    rnd = random.Random(seed)
    compact = dumps(document)
    _same(compact, document)
    _same(dumps(document, indent=2), document)
    _same(_write(json.loads(compact), rnd, ascii, top=True), document)


@settings(max_examples=40)
@given(read_documents(), st.integers(0, 2**32), st.booleans())
def test_lines_with_cell_tables_before_or_after_them_stream_the_same(
    document: Any, seed: int, ascii: bool
) -> None:
    rnd = random.Random(seed)
    compact = dumps(document)  # cell_tables after the lines, as ppsp writes them
    _same(compact, document)
    data = json.loads(compact)
    _same(_write(data, rnd, ascii, top=True), document)  # anywhere
    if "cell_tables" in data:  # and before them
        first = {k: data.pop(k) for k in _HEADER if k in data}
        first["cell_tables"] = data.pop("cell_tables")
        _same(json.dumps({**first, **data}, ensure_ascii=ascii), document)


@settings(max_examples=15)
@given(bundles(), st.integers(0, 2**32), st.booleans())
def test_a_bundle_streamed_is_the_bundle_read_whole(
    bundle: RegionBundle, seed: int, ascii: bool
) -> None:
    rnd = random.Random(seed)
    compact = dumps(bundle)
    _same(compact, bundle)
    _same(_write(json.loads(compact), rnd, ascii, top=True), bundle)


@given(st.lists(texts(1, 12), min_size=1, max_size=12))
def test_names_with_escapes_and_surrogate_pairs_stream_the_same(names: list[str]) -> None:
    lines = tuple(
        PlanLine(name=name + suffix, pagu=Rupiah(n))
        for n, (name, suffix) in enumerate(
            zip(
                names,
                ["\U0001f600", 'a "quote"', "back\\slash", "/", "é", "\t\n"] * 2,
                strict=False,
            )
        )
    )
    rkpd = RKPD(region=RegionCode.parse("62.10"), year=2025, lines=lines)
    for ascii in (True, False):  # \ud83d\ude00 written as the pair of escapes, or as itself
        _same(json.dumps(json.loads(dumps(rkpd)), ensure_ascii=ascii), rkpd)


def _big_rkpd(count: int = 3000) -> RKPD:
    columns = {"name": ("B", "Sub Kegiatan"), "pagu": ("F", "Pagu (Rp)")}
    lines = tuple(
        PlanLine(
            name=f"IPLT {row}",
            pagu=Rupiah(1000 + row),
            source=SourceLocation("rkpd.xlsx", "RKPD", row),
            cells=CellMap("rkpd.xlsx", "RKPD", row, columns, ("name", "pagu")),
        )
        for row in range(5, 5 + count)
    )
    return RKPD(region=RegionCode.parse("62.10"), year=2025, lines=lines)


def test_a_big_document_streams_in_batches_and_reads_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rkpd = _big_rkpd()
    text = dumps(rkpd)
    parsed: list[int] = []
    real = streaming.orjson.loads

    def counting(data: Any) -> Any:
        parsed.append(len(data))
        return real(data)

    monkeypatch.setattr(streaming.orjson, "loads", counting)
    again = _streamed(text)
    assert again == rkpd
    assert [line.cells["pagu"] for line in again.lines] == [
        line.cells["pagu"] for line in rkpd.lines
    ]
    # many batches, none of them the whole text
    assert len(parsed) > 100
    assert max(parsed) < len(text) // 20
    # and loads() takes the streamed way for a text of at least STREAM_FROM bytes
    called: list[bool] = []
    load = streaming.load

    def spy(*args: Any) -> Any:
        called.append(True)
        return load(*args)

    monkeypatch.setattr(streaming, "load", spy)
    with _stream_from(len(text)):
        assert loads(text) == rkpd
        assert loads(text.encode("utf-8")) == rkpd
    assert called == [True, True]


def test_a_kind_after_an_array_is_read_the_whole_tree_way() -> None:
    rkpd = _big_rkpd(20)
    data = json.loads(dumps(rkpd))
    kind = data.pop("kind")
    text = json.dumps({**data, "kind": kind})
    with pytest.raises(streaming.Unstreamable):
        _streamed(text)
    with _stream_from(0):
        assert loads(text) == rkpd
    assert _streamed(text, RKPD) == rkpd  # a class given: streamed


_DEEP = 2345  # the line the problems below are put in


def _outcome(text: str | bytes, strict: bool = False) -> tuple[Any, ...]:
    """What :func:`loads` makes of ``text``: the object, or the error's problems and messages."""
    try:
        return ("read", loads(text, strict=strict, source="big.json"))
    except JsonError as error:
        return ("error", error.problems, error.message("id"), error.message("en"))


def _broken(change: str) -> str:
    data = json.loads(dumps(_big_rkpd()))
    line = data["lines"][_DEEP]
    if change == "pagu":
        line["pagu"] = "banyak"
    elif change == "unknown":
        line["pagus"] = "1"
    elif change == "at":
        line["at"] = [7, 5, 0]
    elif change == "type":
        data["lines"][_DEEP] = "IPLT"
    elif change == "table":
        data["cell_tables"][0]["keys"][0] = ["name", "volume"]
    elif change == "big":
        line["extras"] = {"nik": 12345678901234567890123}
        line["pagu"] = "banyak"
    return json.dumps(data)


@pytest.mark.parametrize("change", ["pagu", "unknown", "at", "type", "table", "big"])
@pytest.mark.parametrize("strict", [False, True])
def test_a_problem_deep_in_a_big_array_gives_the_same_error_and_path(
    change: str, strict: bool
) -> None:
    text = _broken(change)
    with _stream_from(1 << 62):
        expected = _outcome(text, strict)
    with _stream_from(0), _small_batches(4096):
        assert _outcome(text, strict) == expected
        assert _outcome(text.encode("utf-8"), strict) == expected
    if change == "unknown" and not strict:  # kept in the line's extras
        assert expected[0] == "read"
        assert expected[1].lines[_DEEP].extras["pagus"] == "1"
        return
    assert expected[0] == "error"
    paths = [problem.path for problem in expected[1]]
    if change != "table":
        assert any(path.startswith(f"$.lines[{_DEEP}]") for path in paths), paths


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: t.replace('"IPLT 2350"', '"IPLT 2350', 1),  # a string left open
        lambda t: t.replace('"IPLT 2350",', '"IPLT 2350";', 1),  # no comma
        lambda t: t.replace('"IPLT 2350"', '"IPLT 2350"]', 1),  # a bracket too many
        lambda t: t.replace('"IPLT 2350"', '"IPLT \x01 2350"', 1),  # a control character
        lambda t: t.replace('"IPLT 2350"', "NaN", 1),  # not JSON
        lambda t: t[: len(t) // 2],  # cut short
        lambda t: t + " x",  # something after the document
        lambda t: t.replace('"IPLT 2350"', '"IPLT 2350", "name": "twice"', 1),
    ],
)
def test_a_syntax_error_deep_in_a_big_array_gives_the_same_error(damage: Any) -> None:
    text = damage(dumps(_big_rkpd()))
    with _stream_from(1 << 62):
        expected = _outcome(text)
    with _stream_from(0), _small_batches(4096):
        assert _outcome(text) == expected


def test_a_bound_deep_in_a_big_array_is_named_the_same() -> None:
    data = json.loads(dumps(_big_rkpd()))
    data["lines"][_DEEP]["extras"] = {"n": 1e999}
    text = json.dumps(data).replace("Infinity", "1e999999")
    with _stream_from(1 << 62):
        expected = _outcome(text)
    with _stream_from(0):
        assert _outcome(text) == expected
    assert expected[0] == "error"
    assert expected[1][0].path == f"$.lines[{_DEEP}].extras.n"


_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts(0, 8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts(0, 6), inner, max_size=3),
    max_leaves=8,
)
_records = st.lists(
    st.dictionaries(
        st.sampled_from(["name", "code", "pagu", "at", "source", "cells", "costs", "extras"]),
        _values,
        max_size=4,
    ),
    max_size=4,
)


@settings(max_examples=200)
@given(
    st.sampled_from(["ssk", "rkpd", "bundle", "dpa"]),
    st.dictionaries(
        st.sampled_from(
            [
                "region",
                "year",
                "period",
                "lines",
                "activities",
                "ssk",
                "rkpd",
                "cell_tables",
                "extras",
                "title",
            ]
        ),
        _values | _records,
        max_size=5,
    ),
)
def test_any_json_streamed_reads_what_the_whole_tree_reads_or_leaves_it(
    kind: str, body: dict[str, Any]
) -> None:
    text = json.dumps({"kind": kind, **body})
    try:
        whole: Any = _whole(text)
    except JsonError:
        with pytest.raises(streaming.Unstreamable):
            _streamed(text)
        return
    with contextlib.suppress(streaming.Unstreamable):  # (a big number: see _same)
        assert _streamed(text) == whole
