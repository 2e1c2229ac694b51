from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ppsp import InvalidFormat, UnknownCode
from ppsp.domain import (
    AccessLevel,
    DocumentKind,
    EventKind,
    FundingSource,
    MilestoneCode,
    MilestoneState,
    PolicyDirection,
    ReportRecipient,
    Subsector,
    WorkingGroupKind,
)
from ppsp.domain.agency import Agency, agency_key
from ppsp.domain.funding import from_sipd_code, normalise_sipd_code
from ppsp.domain.implementation import parse_event_title
from ppsp.domain.labels import _META, LabelledEnum
from ppsp.domain.nomenclature import GovernmentLevel

ENUMS: list[type[LabelledEnum]] = [
    AccessLevel,
    DocumentKind,
    EventKind,
    FundingSource,
    MilestoneCode,
    MilestoneState,
    PolicyDirection,
    ReportRecipient,
    Subsector,
    WorkingGroupKind,
]


@pytest.mark.parametrize("enum", ENUMS)
def test_every_member_has_labels_and_parses_back(enum: type[LabelledEnum]) -> None:
    for member in enum:
        labels = {lang: member.label(lang) for lang in ("id", "en")}
        key = f"{_META[enum][0]}.{member.value}"
        for label in labels.values():
            assert label, key
            assert label != key, f"{key} is missing from a catalog"
        assert enum.parse(member.value) is member
        assert enum.parse(labels["id"]) is member
        assert enum.parse(labels["en"].upper()) is member or enum is MilestoneCode


@pytest.mark.parametrize(
    ("text", "member"),
    [
        ("A. AIR LIMBAH DOMESTIK", Subsector.AIR_LIMBAH_DOMESTIK),
        ("B. PERSAMPAHAN", Subsector.PERSAMPAHAN),
        ("III. Drainase Lingkungan", Subsector.DRAINASE_LINGKUNGAN),
        ("PHBS dan Promosi Higiene", Subsector.PHBS_HIGIENE),
        ("APBD Kab/Kota", FundingSource.APBD_KABKOTA),
        ("APBD I", FundingSource.APBD_PROVINSI),
        ("DAK Non Fisik", FundingSource.DAK_NON_FISIK),
        ("Swadaya Masyarakat", FundingSource.MASYARAKAT),
        ("Swasta/CSR", FundingSource.SWASTA_CSR),
        ("Arah Kebijakan 4", PolicyDirection.PERUBAHAN_PERILAKU),
        ("pengembangan kerjasama dan pola pendanaan", PolicyDirection.KERJASAMA_PENDANAAN),
        ("BABS di tempat terbuka", AccessLevel.BABS_TERBUKA),
        ("Milestone IV", MilestoneCode.M4),
        ("selesai", MilestoneState.COMPLETE),
        ("Renja OPD", DocumentKind.RENJA_PD),
    ],
)
def test_aliases_from_real_files(text: str, member: LabelledEnum) -> None:
    assert type(member).parse(text) is member


def test_unknown_names_the_choices() -> None:
    with pytest.raises(UnknownCode) as info:
        FundingSource.parse("Dana Siluman")
    message = info.value.message("en")
    assert "Dana Siluman" in message
    assert "apbd-kabkota" in message


def test_event_titles() -> None:
    assert parse_event_title("Coaching Clinic VII Monitoring") == (EventKind.COACHING_CLINIC, 7)
    assert parse_event_title("CC 12") == (EventKind.COACHING_CLINIC, 12)
    assert parse_event_title("Monev Quickwin M3")[0] is EventKind.MONEV
    with pytest.raises(UnknownCode):
        parse_event_title("Arisan")


def test_sipd_codes_map_to_sources() -> None:
    assert normalise_sipd_code("1.2.1.01.02") == "1.2.1.1.2"
    assert from_sipd_code("2.2.1.1.3.9") is FundingSource.DAK_FISIK
    assert from_sipd_code("2.2.1.5") is FundingSource.DANA_DESA
    assert from_sipd_code("1.1.1", GovernmentLevel.PROVINSI) is FundingSource.APBD_PROVINSI
    assert from_sipd_code("9.9") is FundingSource.LAINNYA


@pytest.mark.realdata
def test_every_sumber_dana_code_maps(shared_data: Path) -> None:
    path = shared_data / "nomenclature" / "sumber_dana_kep050_2020.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == 433
    for row in rows:
        source = from_sipd_code(row["kode"])
        path_text = row["path"].upper()
        if "DAK FISIK" in path_text or "DANA ALOKASI KHUSUS FISIK" in path_text:
            assert source is FundingSource.DAK_FISIK, row
        if row["kode"].startswith("2.2.1.5"):
            assert source is FundingSource.DANA_DESA, row
    sanitasi = [r for r in rows if "Sanitasi" in r["uraian"] and "DAK" in r["uraian"]]
    assert sanitasi
    assert all(
        from_sipd_code(r["kode"]) is FundingSource.DAK_FISIK
        for r in sanitasi
        if "Non" not in r["uraian"]
    )


@pytest.mark.parametrize(
    "names",
    [
        [
            "Dinas PUPR",
            "Dinas Pekerjaan Umum dan Penataan Ruang",
            "DPUPR",
            "Dinas PU dan PR",
            "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG KABUPATEN GUNUNG MAS",
            "PUPR",  # an affair named alone is its dinas (found by a new user in Kota Kupang)
        ],
        ["DLHK", "Dinas Lingkungan Hidup dan Kebersihan"],
        ["Dinkes", "Dinas Kesehatan", "Dinas Kesehatan Kab. Lebong"],
        ["DLH", "Dinas Lingkungan Hidup"],
        ["Disperkimtan", "Dinas Perumahan, Kawasan Permukiman dan Pertanahan"],
    ],
)
def test_agency_spellings_share_a_key(names: list[str]) -> None:
    assert len({agency_key(n) for n in names}) == 1


def test_agencies_differ() -> None:
    assert agency_key("Dinas Kesehatan") != agency_key("Dinas Lingkungan Hidup")
    assert Agency("A", code="1.02").same_as(Agency("B", code="1.02"))
    assert not Agency("Dinkes", code="1.02").same_as(Agency("Dinkes", code="1.03"))
    with pytest.raises(InvalidFormat):
        Agency("  ")


@pytest.mark.parametrize(
    ("cell", "named"),
    [
        # the cells of a new user's SSK (Lombok Timur): the lead first, then the others
        ("Bappeda, Baznas", ["Bappeda", "Baznas"]),
        ("Bappeda, Diskominfo", ["Bappeda", "Diskominfo"]),
        ("Bappeda, Dinkes", ["Bappeda", "Dinkes"]),
        ("Dinas PUPR, Bagian Hukum", ["Dinas PUPR", "Bagian Hukum"]),
        # a bracket names a unit of the agency before it
        ("Dinas PUPR (UPTD PALD)", ["Dinas PUPR", "UPTD PALD"]),
        (
            "Dinas Pekerjaan Umum dan Penataan Ruang (UPTD PALD)",
            ["Dinas Pekerjaan Umum dan Penataan Ruang", "UPTD PALD"],
        ),
        ("Dinas Kesehatan (Dinkes)", ["Dinas Kesehatan"]),
        ("Dinas PUPR dan BPBD", ["Dinas PUPR", "BPBD"]),
        # one agency whose name lists its affairs
        ("Dinas Perumahan, Kawasan Permukiman dan Lingkungan Hidup", None),
        ("Dinas Perumahan, Permukiman dan Pertanahan", None),
        ("Dinas Lingkungan Hidup", None),
    ],
)
def test_a_cell_naming_several_agencies_is_read_as_its_lead_and_the_others(
    cell: str, named: list[str] | None
) -> None:
    agency = Agency(cell, code="1.03")
    expected = named or [cell]
    assert [a.name for a in agency.named()] == expected
    assert agency.lead().name == expected[0]
    assert agency.lead().code == "1.03"  # the code is the lead's
    assert agency.name == cell  # nothing is lost: the cell as written stays
