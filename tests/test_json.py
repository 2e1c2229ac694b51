from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ppsp import JsonError
from ppsp.demo import demo_bundle
from ppsp.domain import RegionBundle, StrategiSanitasi
from ppsp.io.json import (
    SCHEMA_ID,
    SCHEMA_VERSION,
    dumps,
    from_dict,
    generated_schema_text,
    loads,
    schema,
    schema_text,
    to_dict,
)
from ppsp.testing import bundles, documents

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
