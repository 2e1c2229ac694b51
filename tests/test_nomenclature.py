from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given

from ppsp import InvalidComponent, InvalidFormat, PpspError, UnknownCode
from ppsp.domain import nomenclature as nm
from ppsp.domain.nomenclature import (
    DECREES,
    CodeLevel,
    CodeList,
    CodeLists,
    GovernmentLevel,
    NomenclatureCode,
    sanitation_code_lists,
)
from ppsp.io.sheets.codelists import load_code_list_csv
from ppsp.testing import nomenclature_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.03.05.2.01.0036", "1.03.05.2.01.0036"),
        ("1.03.05.02.01.0033", "1.03.05.2.01.0033"),
        ("1.03.03.2.01.01", "1.03.03.2.01.0001"),
        ("1.03.05.2.01.0036 Pembangunan IPLT", "1.03.05.2.01.0036"),
        ("1.03.05.2.01.0036 - Pembangunan IPLT", "1.03.05.2.01.0036"),
        ("103052010036", "1.03.05.2.01.0036"),
        ("10305", "1.03.05"),
        ("X.XX.01.1.01.0001", "X.XX.01.1.01.0001"),
        ("x.xx", "X.XX"),
        ("1.03.13. .201.0001", "1.03.13.2.01.0001"),
        ("10.01.02.2.01.0001", "10.01.02.2.01.0001"),
        ("4.02.00.1.01.0001", "4.02.00.1.01.0001"),
        (" 1 . 03 . 05 ", "1.03.05"),
    ],
)
def test_real_forms_normalise(text: str, expected: str) -> None:
    assert nm.format(text) == expected


@pytest.mark.parametrize(
    ("text", "error", "key"),
    [
        ("Dst ...", InvalidFormat, "nomenclature.placeholder"),
        ("dst", InvalidFormat, "nomenclature.placeholder"),
        ("...", InvalidFormat, "nomenclature.placeholder"),
        ("Pembangunan IPLT", InvalidFormat, "nomenclature.format"),
        ("1.03.05.2", InvalidFormat, "nomenclature.format"),
        ("1.03.05.2.01.0036.5.1.02", InvalidFormat, "nomenclature.too-long"),
        ("1.103.05", InvalidComponent, "nomenclature.bidang"),
        ("1.XX.05", InvalidComponent, "nomenclature.bidang"),
        ("1.03.05.22.01", InvalidComponent, "nomenclature.kegiatan-level"),
        ("1.03.05.2.01.12345", InvalidComponent, "nomenclature.sub-kegiatan"),
        ("0.03", InvalidComponent, "nomenclature.urusan"),
        ("1X.03", InvalidFormat, "nomenclature.format"),
    ],
)
def test_rejections_name_the_value(text: str, error: type[PpspError], key: str) -> None:
    with pytest.raises(error) as info:
        NomenclatureCode.parse(text)
    assert info.value.key == key
    assert text.strip() in info.value.message("id")
    assert not nm.is_valid(text)


def test_constructor_refuses_non_canonical() -> None:
    with pytest.raises(InvalidFormat):
        NomenclatureCode("1.03.05.02.01.0033")


def test_levels_and_prefixes() -> None:
    code = NomenclatureCode.parse("1.03.05.2.01.0036")
    assert code.level is CodeLevel.SUB_KEGIATAN
    assert code.government_level is GovernmentLevel.KABUPATEN_KOTA
    assert NomenclatureCode.parse("1.03.05.1.01.0011").government_level is GovernmentLevel.PROVINSI
    assert NomenclatureCode.parse("1.03.05.5.01.0001").government_level is GovernmentLevel.SPECIAL
    assert code.parent == NomenclatureCode.parse("1.03.05.2.01")
    assert code.kegiatan.parent == NomenclatureCode.parse("1.03.05")  # type: ignore[union-attr]
    assert NomenclatureCode.parse("1").parent is None
    assert code.is_within(NomenclatureCode.parse("1.03"))
    assert not code.is_within(NomenclatureCode.parse("1.03.06"))
    assert NomenclatureCode.parse("1.03.05").government_level is None
    assert NomenclatureCode.parse("X.XX.01").is_penunjang


@given(nomenclature_codes())
def test_str_parse_identity(code: NomenclatureCode) -> None:
    assert NomenclatureCode.parse(str(code)) == code
    assert NomenclatureCode.parse(f"{code} Nama kegiatan") == code
    assert nm.split_label(f"{code} Nama kegiatan") == (code, "Nama kegiatan")


@given(nomenclature_codes(CodeLevel.SUB_KEGIATAN))
def test_padded_kegiatan_digit_normalises(code: NomenclatureCode) -> None:
    parts = list(code.parts)
    if code.is_penunjang:
        return
    parts[3] = parts[3].zfill(2)
    assert NomenclatureCode.parse(".".join(parts)) == code


def test_curated_lists_and_renumbering() -> None:
    lists = sanitation_code_lists()
    in_2025 = lists.for_year(2025)
    assert "1.03.05.2.01.0036" in in_2025
    assert in_2025["1.03.05.2.01.0036"].subsector is not None
    assert in_2025.decree.status == "unconfirmed"
    assert lists.for_year(2027).name.startswith("pemutakhiran-2027")
    assert lists.renumbered("1.03.05.2.01.0044", to_year=2027).value == "1.03.05.2.01.0051"
    assert lists.renumbered("1.03.05.2.01.0044", to_year=2025).value == "1.03.05.2.01.0044"
    assert lists.renumbered("1.03.05.2.01.0036", to_year=2027).value == "1.03.05.2.01.0036"
    with pytest.raises(UnknownCode):
        lists.for_year(2020)
    with pytest.raises(UnknownCode):
        in_2025["1.03.05.2.01.0099"]
    assert in_2025.get("not a code") is None
    assert nm.is_valid("1.03.05.2.01.0036", in_2025)
    assert not nm.is_valid("1.03.05.2.01.0099", in_2025)
    # every curated kegiatan or sub kegiatan belongs to a program the list also carries
    for code_list in lists:
        for entry in code_list:
            assert entry.code.program in code_list, entry.code


def test_decrees_carry_dates() -> None:
    assert DECREES["Kepmendagri 050-5889/2021"].stipulated.isoformat() == "2021-12-27"  # type: ignore[union-attr]
    assert str(DECREES["Permendagri 90/2019"]) == "Permendagri 90/2019"


@pytest.mark.realdata
def test_every_code_of_the_2020_list_parses(shared_data: Path) -> None:
    path = shared_data / "nomenclature" / "sub_kegiatan_kep050_2020.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) > 5000
    penunjang = 0
    for row in rows:
        sub = NomenclatureCode.parse(row["kode_sub_kegiatan"])
        assert sub.level is CodeLevel.SUB_KEGIATAN, row["kode_sub_kegiatan"]
        assert sub.kegiatan == NomenclatureCode.parse(row["kode_kegiatan"])
        assert sub.program == NomenclatureCode.parse(row["kode_program"])
        assert sub.bidang == NomenclatureCode.parse(row["kode_bidang"])
        expected_level = GovernmentLevel.PROVINSI if row["jenis_pemda"] == "provinsi" else None
        if expected_level and not sub.is_penunjang and sub.parts[3] == "1":
            assert sub.government_level is expected_level
        penunjang += sub.is_penunjang
    assert penunjang > 0


@pytest.mark.realdata
def test_padded_codes_normalise_like_the_published_column(shared_data: Path) -> None:
    path = shared_data / "nomenclature" / "nomenklatur_one_region_2025_padded_codes.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    padded = [
        r for r in rows if ".0" in r["nomor_kode_as_published"] and r["level"] == "sub_kegiatan"
    ]
    assert len(rows) > 2000
    assert padded
    for row in rows:
        assert nm.format(row["nomor_kode_as_published"]) == row["kode_normalized"]


@pytest.mark.realdata
def test_load_2027_list_with_its_renumbering(shared_data: Path) -> None:
    draft = DECREES["Kepmendagri 900.1-861/2026"]
    path = shared_data / "nomenclature" / "sanitation_codes_pemutakhiran2027.csv"
    code_list = load_code_list_csv(path, name="2027", decree=draft, valid_from=2027)
    assert len(code_list) == 172
    entry = code_list["1.03.05.2.01.0051"]
    assert entry.spm is True
    assert entry.satuan
    renumbered = code_list.renumbering()
    assert renumbered[NomenclatureCode.parse("1.03.05.2.01.0044")] == entry.code
    assert any(e.tags for e in code_list)
    older = load_code_list_csv(
        shared_data / "nomenclature" / "sanitation_codes_kepmendagri900_kabkota.csv",
        name="900",
        decree=DECREES["Kepmendagri 900.1.15.5-1317/2023"],
        valid_from=2024,
        valid_to=2026,
    )
    lists = CodeLists([older, code_list])
    assert lists.renumbered("1.03.05.2.01.0040", to_year=2027).value == "1.03.05.2.01.0048"
    assert lists.for_year(2026) is older


def test_loader_names_file_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(
        "\ufeffkode;nomenklatur\r\n1.03.05.2.01.0036;Pembangunan IPLT\r\nDst ...;\r\n"
        "1.03.05.2.01.123456;Rusak\r\n".encode()
    )
    with pytest.raises(PpspError) as info:
        load_code_list_csv(path, name="x", decree=DECREES["Permendagri 90/2019"], valid_from=2020)
    message = info.value.message("en")
    assert "list.csv" in message
    assert "row 4" in message
    assert "'kode'" in message
    path.write_text("kode;nomenklatur\n1.03.05.2.01.0036;Pembangunan IPLT\nDst ...;\n", "cp1252")
    loaded = load_code_list_csv(
        path, name="x", decree=DECREES["Permendagri 90/2019"], valid_from=2020
    )
    assert [e.code.value for e in loaded] == ["1.03.05.2.01.0036"]
    assert isinstance(loaded, CodeList)
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n")
    with pytest.raises(PpspError) as bad:
        load_code_list_csv(
            tmp_path / "bad.csv", name="x", decree=DECREES["Permendagri 90/2019"], valid_from=2020
        )
    assert bad.value.key == "codelist.columns"


def test_code_list_from_a_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from ppsp.io.sheets.codelists import load_code_list

    wb = Workbook()
    ws = wb.active
    ws.append(["KODE", "NOMENKLATUR", "SATUAN"])
    ws.append(["1.03.05.02.01.0036", "Pembangunan IPLT", "M3/Hari"])
    ws.append(["Dst ...", None, None])
    wb.save(tmp_path / "daftar.xlsx")
    loaded = load_code_list(
        tmp_path / "daftar.xlsx", name="x", decree=DECREES["Permendagri 90/2019"], valid_from=2020
    )
    assert [(e.code.value, e.satuan) for e in loaded] == [("1.03.05.2.01.0036", "M3/Hari")]


@pytest.mark.realdata
def test_funding_code_list(shared_data: Path) -> None:
    from ppsp.domain import FundingSource
    from ppsp.io.sheets.codelists import load_funding_codes

    codes = load_funding_codes(shared_data / "nomenclature" / "sumber_dana_kep050_2020.csv")
    assert len(codes) > 400
    name, source = codes["2.2.1.1.3.9"]
    assert "Sanitasi" in name and source is FundingSource.DAK_FISIK
