"""The catalogs are complete, consistent between languages, and wired into the build."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import ppsp
from ppsp.domain.labels import _META
from ppsp.domain.region import RegionKind
from ppsp.i18n import get_language, render, set_language

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "ppsp" / "i18n" / "locale"


def _catalog(lang: str) -> dict[str, str]:
    with (LOCALE / lang / "LC_MESSAGES" / "ppsp.po").open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


def _used_keys() -> set[str]:
    keys = {
        str(message)
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / "src" / "ppsp"), method_map=[("**.py", "python")], keywords={"N_": None}
        )
    }
    for enum, (prefix, _aliases) in _META.items():
        keys.update(f"{prefix}.{member.value}" for member in enum)
    keys.update(f"region-kind.{kind.value}" for kind in RegionKind)
    # the names a message lists with {...:@field} / {...:@adoption}, each said in the language
    from ppsp.io.sheets.layouts import LAYOUTS

    keys.update(f"field.{field.name}" for layout in LAYOUTS for field in layout.fields)
    keys.update(f"adoption.{name}" for name in ("instrument", "number", "date"))
    # the evidence of a link, said with {feature:@evidence.feature} {level:@evidence.level}
    from ppsp.rules.linking import FEATURES

    keys.update(f"evidence.feature.{feature}" for feature in FEATURES)
    keys.update(f"evidence.level.{level}" for levels in FEATURES.values() for level in levels)
    return keys


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_key_is_translated(lang: str) -> None:
    catalog = _catalog(lang)
    missing = sorted(k for k in _used_keys() if not catalog.get(k))
    assert not missing, f"missing from {lang}: {missing}"


def test_no_stale_keys() -> None:
    stale = sorted(set(_catalog("en")) - _used_keys())
    assert not stale, f"keys no code uses: {stale}"


def test_placeholders_agree_between_languages() -> None:
    english, indonesian = _catalog("en"), _catalog("id")
    assert set(english) == set(indonesian)
    for key, text in english.items():
        assert _fields(text) == _fields(indonesian[key]), key


def test_compiled_catalogs_are_used() -> None:
    # the build hook compiled them into the package; a test run from a fresh clone also works
    # without them (the .po files are compiled in memory)
    assert render("subsector.persampahan", lang="en") == "Solid waste"
    assert render("subsector.persampahan", lang="id") == "Persampahan"


def test_unknown_key_renders_with_its_parameters() -> None:
    assert render("third.party", {"a": 1}, "id") == "third.party (a=1)"
    assert render("third.party", None, "en") == "third.party"


def test_language_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PPSP_LANG", "id")
    set_language(None)
    assert get_language() == "id"
    monkeypatch.setenv("PPSP_LANG", "en")
    assert get_language() == "en"
    set_language("id")
    try:
        error = ppsp.InvalidFormat("region-code.format", value="x")
        assert str(error).startswith("Kode wilayah")
    finally:
        set_language(None)
    assert render("subsector.persampahan", lang="in_ID") == "Persampahan"


def test_errors_pickle_and_keep_their_language() -> None:
    import pickle

    error = ppsp.InvalidFormat("region-code.format", value="x")
    again = pickle.loads(pickle.dumps(error))
    assert again.key == error.key
    assert again.message("id") == error.message("id")
    json_error = ppsp.JsonError([ppsp.errors.Problem("$.a", "json.missing-key")], source="f.json")
    assert pickle.loads(pickle.dumps(json_error)).problems == json_error.problems


def test_a_number_too_long_for_babel_is_still_said() -> None:
    # found by fuzzing the importer: a share of 1e25 % in an access profile
    from decimal import Decimal

    from babel.numbers import format_decimal

    from ppsp.i18n import format_number

    huge = Decimal(repr(1.000000071494503e25))
    with pytest.raises(ArithmeticError):  # what babel does with it
        format_decimal(huge, locale="id_ID", decimal_quantization=False)
    assert format_number(huge, "id") == "1.000000071494503E+25"


def test_identifiers_in_a_message_are_said_in_its_language() -> None:
    header = {"layout": "dpa-sub-kegiatan", "row": 3, "fields": ["code", "name", "pagu"]}
    assert render("recognise.header", header, "id").endswith("kolom untuk: kode, nama, pagu")
    assert render("recognise.header", header, "en").endswith("columns for: code, name, pagu")
    doc004 = {"period": "2024-2028", "missing": ["instrument", "number", "date"]}
    assert "belum ada: jenis penetapan, nomor, tanggal" in render("finding.DOC004", doc004, "id")
    # a name with no word of its own is said as it is
    assert render("recognise.header", {**header, "fields": ["xyz"]}, "id").endswith(": xyz")


@pytest.mark.parametrize("lang", ["id"])
def test_no_english_left_in_indonesian_texts(lang: str) -> None:
    from ppsp.rules.catalogue import legal

    english = ("readiness criteria", "news reports", "instrument, number, date")
    titles = [c.title for c in vars(legal).values() if isinstance(c, legal.Citation)]
    catalog = _catalog(lang)
    for text in [*titles, *catalog.values()]:
        assert not any(word in text for word in english), text
