from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ppsp import JsonError, PpspError
from ppsp.demo import demo_bundle
from ppsp.domain import RKPD, PlanLine, RegionBundle, RegionCode, SourceLocation, StrategiSanitasi
from ppsp.domain.location import CellMap
from ppsp.io.json import (
    SCHEMA_ID,
    SCHEMA_VERSION,
    dumpb,
    dumps,
    from_dict,
    generated_schema_text,
    loads,
    schema,
    schema_text,
    to_dict,
)
from ppsp.testing import bundles, documents, read_documents

VALIDATOR = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())


def test_shipped_schema_is_the_generated_one() -> None:
    assert schema_text() == generated_schema_text(), (
        "run: python -c 'from ppsp.io.json import *' (see CONTRIBUTING)"
    )
    jsonschema.Draft202012Validator.check_schema(schema())


@given(documents())
def test_document_json_round_trip(document: Any) -> None:
    text = dumps(document)
    assert loads(text) == document
    assert loads(text, type(document)) == document
    VALIDATOR.validate(json.loads(text))


@settings(max_examples=15)
@given(bundles())
def test_bundle_json_round_trip(bundle: RegionBundle) -> None:
    text = dumps(bundle, indent=None)
    again = loads(text)
    assert again == bundle
    assert dumps(again, indent=None) == text
    VALIDATOR.validate(json.loads(text))


def test_header_and_compactness() -> None:
    data = to_dict(demo_bundle())
    assert data["$schema"] == SCHEMA_ID
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["kind"] == "bundle"
    activity = data["ssk"][0]["activities"][0]
    assert activity["code"] == "1.03.05.2.01.0036"
    assert activity["costs"][0] == {"year": 2025, "amount": "2500000000"}
    assert "notes" not in activity  # defaults are omitted
    VALIDATOR.validate(data)


def _ssk(**extra: Any) -> dict[str, Any]:
    return {"kind": "ssk", "region": "62.10", "period": "2024-2028", **extra}


def test_lenient_mode_keeps_unknown_keys_everywhere() -> None:
    data = _ssk(
        catatan="x",
        activities=[
            {
                "name": "IPLT",
                "kolom_lain": [1, 2],
                "extras": {"a": 1},
                "costs": [{"year": 2025, "amount": "10", "sumber": "APBD"}],
            }
        ],
    )
    ssk = from_dict(data)
    assert ssk.extras == {"catatan": "x"}
    assert ssk.activities[0].extras == {"a": 1, "kolom_lain": [1, 2]}
    assert ssk.activities[0].costs[0].extras == {"sumber": "APBD"}
    again = to_dict(ssk)
    assert again["activities"][0]["extras"] == {"a": 1, "kolom_lain": [1, 2]}
    assert from_dict(again) == ssk


def test_strict_mode_refuses_unknown_keys_with_suggestions() -> None:
    with pytest.raises(JsonError) as info:
        from_dict(
            _ssk(activities=[{"nama": "IPLT", "costs": [{"yaer": 2025, "amount": "1"}]}]),
            strict=True,
        )
    paths = {p.path: p for p in info.value.problems}
    assert paths["$.activities[0].costs[0].yaer"].params["suggestion"] == "year"
    assert "$.activities[0].nama" in paths
    assert "$.activities[0].name" in paths  # required and missing
    assert "$.activities[0].costs[0].year" in paths


def test_every_problem_is_listed_with_its_path_in_both_languages() -> None:
    data = _ssk(
        region="62.70",
        activities=[
            {"name": "A", "code": "1.03.05.22.01", "costs": [{"year": 2025, "amount": "1,5 M"}]},
            {"name": 5, "subsector": "kuliner", "volume": "banyak"},
        ],
        missions="satu",
    )
    with pytest.raises(JsonError) as info:
        from_dict(data, source="ssk.json")
    problems = {p.path: p.key for p in info.value.problems}
    assert problems == {
        "$.region": "region-code.kind-range",
        "$.activities[0].code": "nomenclature.kegiatan-level",
        "$.activities[0].costs[0].amount": "number.format",
        "$.activities[1].name": "json.wrong-type",
        "$.activities[1].subsector": "enum.unknown",
        "$.activities[1].volume": "number.format",
        "$.missions": "json.wrong-type",
    }
    for lang in ("id", "en"):
        text = info.value.message(lang)
        assert text.startswith("ssk.json: ")
        assert all(path in text for path in problems)
        assert "json.wrong-type" not in text  # rendered, not raw keys


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("{not json", "json.syntax"),
        ('{"region": "62.10"}', "json.missing-kind"),
        ('{"kind": "novel"}', "json.unknown-kind"),
        (
            '{"kind": "ssk", "schema_version": "2.0", "region": "62.10", "period": "2024-2028"}',
            "json.schema-version",
        ),
        ("[1, 2]", "json.wrong-type"),
        ('{"kind": "rkpd", "region": "62.10", "year": 2025.5}', "json.wrong-type"),
        ('{"kind": "rkpd", "region": "62.10", "year": 1800}', "year.range"),
        ('{"kind": "rkpd", "region": "62.10", "year": 2025, "lines": {"a": 1}}', "json.wrong-type"),
    ],
)
def test_bad_inputs_give_one_ppsp_error(text: str, key: str) -> None:
    with pytest.raises(JsonError) as info:
        loads(text)
    assert [p.key for p in info.value.problems] == [key]


def test_kind_mismatch() -> None:
    with pytest.raises(JsonError) as info:
        loads(dumps(demo_bundle()), StrategiSanitasi)
    assert info.value.problems[0].key == "json.kind-mismatch"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
document_keys = st.sampled_from(
    ["kind", "region", "period", "year", "activities", "lines", "agency", "name", "costs", "extras"]
)


@given(
    st.dictionaries(document_keys, json_values, max_size=6),
    st.sampled_from(["ssk", "rkpd", "bundle", "renja-pd", "implementation", "bps"]),
)
def test_any_json_gives_an_object_or_a_json_error(data: dict[str, Any], kind: str) -> None:
    data.setdefault("kind", kind)
    try:
        from_dict(data)
    except JsonError as error:
        assert error.problems
        for lang in ("id", "en"):
            assert error.message(lang)


# --- format 1.1: orjson, the compact cell map, reading 1.0 -------------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "json"


def _expand(data: Any, tables: list[dict[str, Any]] | None = None) -> Any:
    """The 1.0 form of a 1.1 dict, by the format's description alone: every ``at`` replaced by
    the full ``source`` and ``cells``, the ``cell_tables`` dropped."""
    if isinstance(data, list):
        return [_expand(item, tables) for item in data]
    if not isinstance(data, dict):
        return data
    if "cell_tables" in data:
        tables = data["cell_tables"]
    out = {k: _expand(v, tables) for k, v in data.items() if k not in ("at", "cell_tables")}
    if "at" in data:
        assert tables is not None
        number, row, keys = data["at"]
        table = tables[number]
        place = {k: table[k] for k in ("file", "sheet") if k in table}
        if row is not None:
            place["row"] = row
        out["source"] = place
        cells = {}
        for key in table["keys"][keys]:
            column, header = table["columns"][key]
            cell = dict(place)
            if column is not None:
                cell["column"] = column
            if header is not None:
                cell["header"] = header
            cells[key] = cell
        if cells:
            out["cells"] = cells
    return out


@settings(max_examples=60)
@given(read_documents())
def test_read_lines_round_trip_through_the_compact_cell_map(document: Any) -> None:
    text = dumps(document)
    again = loads(text)
    assert again == document
    for name in ("lines", "activities", "programs", "targets", "strategies"):
        for mine, theirs in zip(getattr(again, name, ()), getattr(document, name, ()), strict=True):
            assert mine.source == theirs.source
            assert dict(mine.cells) == dict(theirs.cells)  # every location exact
    assert dumps(again) == text
    VALIDATOR.validate(json.loads(text))
    # the same document in the 1.0 form (full locations on every line) reads the same
    old = _expand(json.loads(text))
    old["schema_version"], old["$schema"] = "1.0", "urn:ppsp:schema:1.0"
    assert from_dict(old) == document
    VALIDATOR.validate(old)


def test_a_file_of_format_1_0_is_read_with_every_location() -> None:
    text = (FIXTURES / "bundle-1.0.json").read_text(encoding="utf-8")
    bundle = loads(text)
    line = bundle.rkpd[0].lines[1]
    assert line.source == SourceLocation("rkpd1k.xlsx", "RKPD", 5)
    assert line.cells["pagu"] == SourceLocation(
        "rkpd1k.xlsx", "RKPD", 5, "F", "Pagu Indikatif (Rp)"
    )
    assert len(line.cells) == 9
    # hand-added to the fixture: an integer beyond 64 bits (orjson reads those as floats)
    assert bundle.rkpd[0].lines[2].extras["big"] == 123456789012345678901234567890
    # written again in 1.2: one table, three rows, nothing lost, several times smaller
    new = dumps(bundle)
    data = json.loads(new)
    assert data["schema_version"] == SCHEMA_VERSION == "1.2"
    assert [line["at"] for line in data["rkpd"][0]["lines"]] == [[0, 4, 0], [0, 5, 0], [0, 6, 0]]
    assert data["rkpd"][0]["cell_tables"][0]["columns"]["pagu"] == ["F", "Pagu Indikatif (Rp)"]
    assert loads(new) == bundle
    assert len(new) * 3 < len(text)


def test_compact_by_default_indented_on_request() -> None:
    bundle = demo_bundle()
    compact, indented = dumps(bundle), dumps(bundle, indent=2)
    assert "\n" not in compact and '":' in compact
    assert indented.startswith('{\n  "$schema": ')
    assert json.loads(compact) == json.loads(indented) == json.loads(dumps(bundle, indent=4))
    assert dumpb(bundle) == compact.encode("utf-8")


def _rkpd_with_tables() -> dict[str, Any]:
    columns = {"name": ("B", "Sub Kegiatan"), "pagu": ("F", "Pagu")}
    lines = tuple(
        PlanLine(
            name=f"IPLT {row}",
            source=SourceLocation("rkpd.xlsx", "RKPD", row),
            cells=CellMap("rkpd.xlsx", "RKPD", row, columns, ("name", "pagu")),
        )
        for row in (5, 6, 7)
    )
    return to_dict(RKPD(region=RegionCode.parse("62.10"), year=2025, lines=lines))


@pytest.mark.parametrize(
    ("change", "path", "key"),
    [
        (lambda d: d["lines"][1].update(at=[3, 6, 0]), "$.lines[1].at[0]", "json.cell-table"),
        (lambda d: d["lines"][2].update(at=[0, 0, 0]), "$.lines[2].at[1]", "location.row-range"),
        (lambda d: d["lines"][2].update(at=[0, "6", 0]), "$.lines[2].at[1]", "json.wrong-type"),
        (lambda d: d["lines"][0].update(at=[0, 6, 1]), "$.lines[0].at[2]", "json.cell-keyset"),
        (lambda d: d["lines"][0].update(at=[0, 6]), "$.lines[0].at", "json.wrong-type"),
        (
            lambda d: d["lines"][0].update(source={"row": 5}),
            "$.lines[0].at",
            "json.cell-at-and-cells",
        ),
        (
            lambda d: d["cell_tables"][0]["columns"].update(pagu=["F5", "Pagu"]),
            "$.cell_tables[0].columns.pagu",
            "location.column-format",
        ),
        (
            lambda d: d["cell_tables"][0]["keys"].append(["name", "volume"]),
            "$.cell_tables[0].keys[1]",
            "json.cell-keys",
        ),
        (lambda d: d.update(cell_tables={}), "$.cell_tables", "json.wrong-type"),
        (lambda d: d.pop("cell_tables"), "$.lines[0].at[0]", "json.cell-table"),
    ],
)
def test_a_bad_cell_map_is_reported_at_its_exact_path(
    change: Callable[[dict[str, Any]], Any], path: str, key: str
) -> None:
    data = _rkpd_with_tables()
    assert from_dict(data) is not None
    change(data)
    data["lines"][1]["pagu"] = "banyak"  # a problem elsewhere is reported with it
    with pytest.raises(JsonError) as info:
        from_dict(data)
    found = {p.path: p.key for p in info.value.problems}
    assert found.get(path) == key, found
    assert found.get("$.lines[1].pagu") == "number.format", found
    if path.startswith("$.cell_tables"):  # one problem of the table, none for each line
        assert not any(".at" in where for where in found), found
    for lang in ("id", "en"):
        assert path in info.value.message(lang)


@pytest.mark.parametrize(
    ("text", "detail", "key"),
    [
        (
            b'{"kind": "ssk", "region": "62.10", "period": "2024-2028", "x": "\xff"}',
            "UTF-8",
            "json.syntax",
        ),
        ('{"kind": "ssk", "x": "\ud800"}', "UTF-8", "json.syntax"),
        # the bounds of ppsp.io.limits refuse these before orjson sees them
        ("[" * 5000 + "]" * 5000, "deep", "limits.json-depth"),
        ('{"kind": "ssk", "x": 1e400}', "exponent", "limits.json-exponent"),
        (b"", "?", "json.syntax"),
    ],
)
def test_what_orjson_refuses_is_one_json_error_with_the_file_name(
    text: str | bytes, detail: str, key: str
) -> None:
    with pytest.raises(JsonError) as info:
        loads(text, source="bundle.json")
    assert [p.key for p in info.value.problems] == [key]
    message = info.value.message("en")
    assert message.startswith("bundle.json: ")
    if detail != "?":
        assert detail in message


def test_integers_beyond_64_bits_survive_the_round_trip() -> None:
    ssk = from_dict(_ssk(extras={"nik": 12345678901234567890123, "small": 7}))
    text = dumps(ssk)
    assert loads(text) == ssk
    assert loads(text).extras["nik"] == 12345678901234567890123


def test_a_big_integer_beside_a_problem_is_reported_exactly() -> None:
    text = json.dumps(_ssk(extras={"nik": 12345678901234567890123}, region="62.70"))
    with pytest.raises(JsonError) as info:
        loads(text)
    assert [(p.path, p.key) for p in info.value.problems] == [
        ("$.region", "region-code.kind-range")
    ]


# --- the fast hooks make each object as its constructor does ------------------------------


def _upper_text(value: object) -> object:
    return value.upper() if isinstance(value, str) else value


def _positive(_instance: object, _attribute: object, value: int) -> None:
    if value <= 0:
        from ppsp.errors import InvalidValue

        raise InvalidValue("number.format", value=str(value))


@attrs.frozen(kw_only=True)
class _Checked:
    """A record whose fields convert and validate, as the domain's constructors may."""

    name: str = attrs.field(converter=_upper_text)
    count: int = attrs.field(default=1, validator=_positive)
    tags: tuple[str, ...] = attrs.field(factory=list, converter=tuple)

    def __attrs_post_init__(self) -> None:
        if self.name == "BAD":
            from ppsp.errors import InvalidValue

            raise InvalidValue("number.format", value=self.name)


def test_the_fast_hooks_run_converters_validators_and_post_init() -> None:
    from ppsp.io.json.codec import _plain_init

    assert _plain_init(_Checked)  # made without a call of __init__
    made = from_dict({"name": "iplt", "count": 2, "tags": ["a"]}, _Checked)
    assert made == _Checked(name="iplt", count=2, tags=("a",))
    assert made.name == "IPLT" and made.tags == ("a",)
    assert from_dict({"name": "x"}, _Checked) == _Checked(name="x")
    for data in ({"name": "x", "count": -3}, {"name": "bad"}):
        with pytest.raises(JsonError) as info:
            from_dict(data, _Checked)
        # a validator speaks for its object (the detailed hooks call the constructor)
        assert [(p.path, p.key) for p in info.value.problems] == [("$", "number.format")]


def test_loaded_lines_equal_lines_made_by_their_constructors() -> None:
    from decimal import Decimal

    from ppsp.domain import Agency, Funding, FundingSource, NomenclatureCode, Rupiah

    line = PlanLine(
        name="IPLT",
        code=NomenclatureCode.parse("1.03.05.2.01.0036"),
        agency=Agency("Dinas PUPR"),
        pagu=Rupiah(Decimal("2500000.50")),
        funding=(Funding(source=FundingSource.APBD_KABKOTA, year=2025),),
        source=SourceLocation("rkpd.xlsx", "RKPD", 5),
    )
    rkpd = RKPD(region=RegionCode.parse("62.10"), year=2025, lines=(line,))
    again = loads(dumps(rkpd))
    assert again == rkpd and again.lines[0].cells == {} and not again.lines[0].extras
    assert type(again.lines[0].pagu.amount) is Decimal
    for amount, key in (("1.005", "money.precision"), ("1e3", None), ("007", None)):
        text = dumps(rkpd).replace('"2500000.50"', f'"{amount}"')
        if key is None:  # other spellings of a number take the general path
            assert loads(text).lines[0].pagu == Rupiah(Decimal(amount))
            continue
        with pytest.raises(JsonError) as info:
            loads(text)
        assert [(p.path, p.key) for p in info.value.problems] == [("$.lines[0].pagu", key)]
    text = dumps(rkpd).replace('"year":2025}', '"year":1800}')
    with pytest.raises(JsonError) as info:
        loads(text)
    assert [(p.path, p.key) for p in info.value.problems] == [
        ("$.lines[0].funding[0]", "year.range")
    ]


def test_values_written_inline_are_what_their_hooks_write() -> None:
    from decimal import Decimal

    from ppsp.domain import CodeLevel, NomenclatureCode, Rupiah
    from ppsp.io.json.codec import _INLINE_UNSTRUCTURE, _converter

    converter = _converter(False)
    samples: dict[type[Any], list[Any]] = {
        NomenclatureCode: [NomenclatureCode.parse(c) for c in ("1", "1.03", "1.03.05.2.01.0036")],
        Rupiah: [Rupiah(Decimal(a)) for a in ("0", "-12.5", "1250000000.00", "9" * 27)],
    }
    assert set(samples) == set(_INLINE_UNSTRUCTURE)
    for tp, values in samples.items():
        for v in values:
            assert eval(_INLINE_UNSTRUCTURE[tp], {}, {"v": v}) == converter.unstructure(v, tp)
    assert converter.unstructure(CodeLevel.SUB_KEGIATAN) == CodeLevel.SUB_KEGIATAN._value_


def test_reading_and_writing_leave_the_collector_nothing_to_walk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    import ppsp.io.json.codec as codec

    monkeypatch.setattr(codec, "_PROMOTED", 1_000)  # 3,000 lines count as a big document

    lines = tuple(
        PlanLine(name=f"IPLT {row}", source=SourceLocation("rkpd.xlsx", "RKPD", row))
        for row in range(5, 3005)
    )
    rkpd = RKPD(region=RegionCode.parse("62.10"), year=2025, lines=lines)
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    loads(dumpb(RKPD(region=rkpd.region, year=2025, lines=lines[:1])))  # hooks made first
    gc.collect()
    gc.callbacks.append(count)
    try:
        raw = dumpb(rkpd)  # its dicts dropped before the collector is back
        again = loads(raw)  # orjson's dicts dropped, the lines moved to the oldest generation
    finally:
        gc.callbacks.remove(count)
    assert gc.isenabled()
    assert again == rkpd and gc.is_tracked(again.lines[0])
    assert collections == []  # no collection walked the dicts or the lines
    # a process's own frozen objects stay frozen
    frozen: list[list[int]] = [[]]
    gc.freeze()
    try:
        assert loads(raw) == rkpd and gc.isenabled()
        assert not any(o is frozen for o in gc.get_objects())  # still in the frozen generation
    finally:
        gc.unfreeze()
    assert any(o is frozen for o in gc.get_objects())


@attrs.frozen(kw_only=True, slots=False)
class _Unslotted:
    name: str = attrs.field(converter=_upper_text)
    count: int = attrs.field(default=1, validator=_positive)


def test_records_without_slots_are_made_as_their_constructor_makes_them() -> None:
    assert from_dict({"name": "ipal", "count": 3}, _Unslotted) == _Unslotted(name="IPAL", count=3)
    assert from_dict({"name": "ipal"}, _Unslotted).__dict__ == {"name": "IPAL", "count": 1}
    with pytest.raises(JsonError):
        from_dict({"name": "ipal", "count": 0}, _Unslotted)


def test_compact_json_of_many_lines_is_written_a_batch_at_a_time_and_the_same() -> None:
    import orjson

    from ppsp.io.json import codec as codec

    columns = {"name": ("B", "Sub Kegiatan"), "pagu": ("F", "Pagu")}
    count = 2 * codec._SPOOL_BATCH + 7  # three batches, the last one short
    lines = tuple(
        PlanLine(
            name=f"IPLT {row}",
            source=SourceLocation("rkpd.xlsx", "RKPD", row),
            cells=CellMap("rkpd.xlsx", "RKPD", row, columns, ("name", "pagu")),
        )
        for row in range(5, 5 + count)
    )
    rkpd = RKPD(region=RegionCode.parse("62.10"), year=2025, lines=lines)
    whole = orjson.dumps(to_dict(rkpd))  # every line's dict at once
    token = codec._SPOOL.set(True)
    try:
        assert isinstance(to_dict(rkpd)["lines"], orjson.Fragment)  # the path dumpb takes
    finally:
        codec._SPOOL.reset(token)
    spooled = dumpb(rkpd)
    assert spooled == whole
    assert dumps(rkpd).encode() == whole
    back = loads(spooled)
    assert [line.name for line in back.lines] == [line.name for line in lines]
    assert back.lines[-1].source == lines[-1].source


def _bundle_with_import_findings() -> RegionBundle:
    from ppsp.domain.diagnostics import ImportFinding

    found = ImportFinding(
        code="hidden-sheet",
        severity="warning",
        key="diagnostic.very-hidden-sheet",
        params={"sheet": "Lama"},
        location=SourceLocation("ssk.xlsx", "Lama"),
    )
    return attrs.evolve(demo_bundle(), import_findings=(found,))


def test_a_bundle_with_import_findings_is_format_1_2() -> None:
    bundle = _bundle_with_import_findings()
    data = json.loads(dumps(bundle))
    assert (data["$schema"], data["schema_version"]) == ("urn:ppsp:schema:1.2", "1.2")
    assert data["import_findings"][0]["code"] == "hidden-sheet"
    VALIDATOR.validate(data)
    assert loads(dumps(bundle)).import_findings == bundle.import_findings
    assert SCHEMA_ID == "urn:ppsp:schema:1.2" and schema()["$id"] == SCHEMA_ID


def test_a_bundle_of_format_1_1_without_import_findings_still_reads() -> None:
    data = json.loads(dumps(demo_bundle()))
    assert "import_findings" not in data  # the key is optional: no findings, no key
    data["$schema"], data["schema_version"] = "urn:ppsp:schema:1.1", "1.1"
    VALIDATOR.validate(data)  # the published schema still takes the older form
    again = from_dict(data)
    assert again == demo_bundle() and again.import_findings == ()
    # a 1.1 file that already carried the key (written between the two) reads too
    data["import_findings"] = json.loads(dumps(_bundle_with_import_findings()))["import_findings"]
    assert from_dict(data).import_findings == _bundle_with_import_findings().import_findings


@settings(max_examples=200, deadline=None)
@given(
    text=st.from_regex(r"-?[0-9]{1,30}(\.[0-9]{0,3})?", fullmatch=True)
    | st.text(alphabet="0123456789٣²., -e", max_size=12)
)
def test_an_amount_is_read_as_the_rupiah_of_its_number(text: str) -> None:
    # the quick way for whole rupiah (two flag tests of the text) and the pattern agree with
    # the constructor: the same amount, or a problem where the constructor has one
    from decimal import Decimal, InvalidOperation

    from ppsp.domain import Rupiah
    from ppsp.io.json.codec import _converter

    hook = _converter(False).get_structure_hook(Rupiah)
    try:
        expected: object = Rupiah(Decimal(text))
    except (InvalidOperation, ValueError, PpspError):
        expected = None
    try:
        got: object = hook(text, Rupiah)
    except Exception:
        got = None
    if expected is None:
        assert got is None
    else:
        assert got == expected and str(got) == str(expected)


def test_lines_that_share_their_funding_share_one_tuple_and_keep_every_problem() -> None:
    lines = [
        {"name": f"IPLT {n}", "funding": [{"source": "apbd-kabkota", "label": "APBD Kab"}]}
        for n in range(3)
    ]
    lines.append({"name": "IPLT 3", "funding": [{"source": "apbd-kabkota", "label": 7}]})
    text = json.dumps({"kind": "rkpd", "region": "62.10", "year": 2025, "lines": lines[:3]})
    rkpd = loads(text)
    assert rkpd.lines[0].funding is rkpd.lines[2].funding
    assert rkpd.lines[0].funding[0].label == "APBD Kab"
    bad = json.dumps({"kind": "rkpd", "region": "62.10", "year": 2025, "lines": lines})
    with pytest.raises(JsonError) as caught:
        loads(bad)
    assert [p.path for p in caught.value.problems] == ["$.lines[3].funding[0].label"]


def test_lines_of_two_tables_in_turn_and_many_fundings_write_what_to_dict_says() -> None:
    # the writer's memory of the table placed last, and of records already written (bounded),
    # change nothing of the text: rows of two sheets in turn, and more distinct fundings than
    # the memory holds
    from ppsp.domain import Funding, FundingSource

    first = {"name": ("B", "Sub Kegiatan"), "pagu": ("F", "Pagu")}
    second = {"name": ("C", "Uraian")}
    lines = tuple(
        PlanLine(
            name=f"IPLT {row}",
            funding=(Funding(source=FundingSource.APBD_KABKOTA, label=f"APBD {row}"),),
            source=SourceLocation("rkpd.xlsx", "RKPD" if row % 2 else "Lampiran", row),
            cells=CellMap(
                "rkpd.xlsx",
                "RKPD" if row % 2 else "Lampiran",
                row,
                first if row % 2 else second,
                ("name", "pagu") if row % 2 else ("name",),
            ),
        )
        for row in range(5, 5005)
    )
    rkpd = RKPD(region=RegionCode.parse("62.10"), year=2025, lines=lines)
    text = dumps(rkpd)
    assert json.loads(text) == json.loads(json.dumps(to_dict(rkpd)))
    assert len(json.loads(text)["cell_tables"]) == 2
    again = loads(text)
    assert again == rkpd
    assert again.lines[1].cells["name"].describe("en") == "rkpd.xlsx, sheet 'Lampiran', C6 (Uraian)"


def test_a_line_placed_without_cells_reads_as_a_line_without_cells() -> None:
    text = json.dumps(
        {
            "kind": "rkpd",
            "region": "62.10",
            "year": 2025,
            "lines": [{"name": "IPLT", "at": [0, 5, 0]}, {"name": "IPAL", "at": [0, 6, 1]}],
            "cell_tables": [
                {"file": "rkpd.xlsx", "columns": {"name": ["B", None]}, "keys": [[], ["name"]]}
            ],
        }
    )
    for hooks in (loads, lambda t: from_dict(json.loads(t))):
        rkpd = hooks(text)
        bare, placed = rkpd.lines
        assert not bare.cells and bare.cells == PlanLine(name="IPLT").cells
        assert bare.source == SourceLocation("rkpd.xlsx", None, 5)
        assert placed.cells["name"].cell == "B6"
        assert loads(dumps(rkpd)) == rkpd
