"""The vocabulary of real SSK matrices and SIPD tables: section rows in every spelling, titles
that name the region apart from its kind, SIPD's sumber-dana names, funding-split columns headed
by a source's name. Every workbook is built here with openpyxl (the data is illustrative)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from ppsp.domain import FundingSource, Rupiah, Subsector
from ppsp.domain.funding import FUNDING_ALIASES, from_sipd_name
from ppsp.domain.labels import normalise_text
from ppsp.domain.nomenclature import GovernmentLevel
from ppsp.errors import AmbiguousValue
from ppsp.io.sheets.importer import read_bundle, read_file
from ppsp.io.sheets.layouts.base import _parse_funding_text
from ppsp.io.sheets.recognise import RecognitionError, find_region
from ppsp.io.sheets.tables import SOURCE_HEADERS
from ppsp.rules import Settings, check

TITLE = "MATRIKS PROGRAM DAN KEGIATAN SSK KABUPATEN GUNUNG MAS TAHUN 2024-2028"
YEARS = (2024, 2025, 2026, 2027, 2028)


def _codes(result: Any, code: str) -> list[Any]:
    return [d for d in result.diagnostics if d.code == code]


def _ssk(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    title: str | Sequence[str] = TITLE,
    sources: Sequence[str] = ("APBD Kab", "DAK"),
    group: str | None = "Sumber Pendanaan (Rp)",
    merges: Sequence[str] = (),
    cost: str = "Indikasi Biaya (Rp)",
    total: str = "Total",
) -> Path:
    """An SSK program matrix: titles, a two-row header (No | Program / Kegiatan | Lokasi |
    Indikasi Biaya (Rp) over the years | Total | ``group`` over ``sources`` | SKPD), then
    ``rows`` written from column A as given."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Matriks SSK"
    titles = [title] if isinstance(title, str) else list(title)
    for r, text in enumerate(titles, start=1):
        ws.cell(r, 1, text)
    top = len(titles) + 2
    first_source = 5 + len(YEARS)
    agency = first_source + len(sources)
    heads = {1: "No", 2: "Program / Kegiatan", 3: "Lokasi", 4: cost}
    heads[4 + len(YEARS)] = total
    heads[agency] = "SKPD"
    for c, text in heads.items():
        ws.cell(top, c, text)
    for i, year in enumerate(YEARS):
        ws.cell(top + 1, 4 + i, year)
    if group is not None:
        ws.cell(top, first_source, group)
        ws.merge_cells(start_row=top, start_column=first_source, end_row=top, end_column=agency - 1)
    for i, source in enumerate(sources):
        ws.cell(top + 1 if group is not None else top, first_source + i, source)
    ws.merge_cells(start_row=top, start_column=4, end_row=top, end_column=3 + len(YEARS))
    for c in (1, 2, 3, 4 + len(YEARS), agency):
        ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
    for r, row in enumerate(rows, start=top + 2):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, value)
    for cells in merges:
        ws.merge_cells(cells)
    wb.save(path)
    return path


def _activity(
    number: int | str | None,
    name: str,
    costs: Sequence[int] = (100, 100, 0, 0, 0),
    split: Sequence[int | None] = (150, 50),
    agency: str | None = "Dinas PUPR",
) -> list[Any]:
    """A data row for :func:`_ssk`: number, name, location, the yearly costs, their total, the
    split by source, the agency."""
    return [number, name, "Kuala Kurun", *costs, sum(costs), *split, agency]


# --- 1. section rows ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "subsector"),
    [
        (["A", "AIR LIMBAH DOMESTIK"], Subsector.AIR_LIMBAH_DOMESTIK),
        (["I", "PERSAMPAHAN"], Subsector.PERSAMPAHAN),
        (["II.", "PERSAMPAHAN"], Subsector.PERSAMPAHAN),
        (["C)", "Drainase Lingkungan"], Subsector.DRAINASE_LINGKUNGAN),
        (["B", "Sub Sektor Persampahan"], Subsector.PERSAMPAHAN),
        (["IV", "Higiene / PHBS"], Subsector.PHBS_HIGIENE),
        (["D", "STBM"], Subsector.PHBS_HIGIENE),
        ([1, "Air Limbah Domestik"], Subsector.AIR_LIMBAH_DOMESTIK),
        ([None, "A. AIR LIMBAH DOMESTIK"], Subsector.AIR_LIMBAH_DOMESTIK),
        ([None, "B. Persampahan"], Subsector.PERSAMPAHAN),
        ([None, "III. DRAINASE LINGKUNGAN"], Subsector.DRAINASE_LINGKUNGAN),
        ([None, "Sub Sektor Air Limbah"], Subsector.AIR_LIMBAH_DOMESTIK),
        ([None, "Higiene / PHBS"], Subsector.PHBS_HIGIENE),
        ([None, "STBM"], Subsector.PHBS_HIGIENE),
    ],
)
def test_a_section_row_sets_the_subsector_in_every_spelling(
    tmp_path: Path, heading: list[Any], subsector: Subsector
) -> None:
    path = _ssk(
        tmp_path / "ssk.xlsx",
        [heading, _activity(1, "Kegiatan pertama"), _activity(2, "Kegiatan kedua")],
    )
    result = read_file(path)
    ssk = result.documents[0]
    assert [a.name for a in ssk.activities] == ["Kegiatan pertama", "Kegiatan kedua"]
    assert [a.subsector for a in ssk.activities] == [subsector, subsector]
    assert not _codes(result, "row-outside-section")


def test_each_section_row_of_a_matrix_sets_its_own_subsector(tmp_path: Path) -> None:
    path = _ssk(
        tmp_path / "ssk.xlsx",
        [
            ["A", "AIR LIMBAH DOMESTIK"],
            ["I", "Program Pengelolaan dan Pengembangan Sistem Air Limbah"],
            _activity(1, "Pembangunan IPLT"),
            ["B", "PERSAMPAHAN"],
            _activity(2, "Pembangunan TPS 3R"),
            ["C", "DRAINASE LINGKUNGAN"],
            _activity(3, "Normalisasi saluran"),
        ],
    )
    ssk = read_file(path).documents[0]
    assert [(a.name, a.subsector) for a in ssk.activities] == [
        ("Pembangunan IPLT", Subsector.AIR_LIMBAH_DOMESTIK),
        ("Pembangunan TPS 3R", Subsector.PERSAMPAHAN),
        ("Normalisasi saluran", Subsector.DRAINASE_LINGKUNGAN),
    ]
    # the Roman numeral in the number column made a program heading, not an activity
    assert ssk.activities[0].program == "Program Pengelolaan dan Pengembangan Sistem Air Limbah"


def test_a_section_title_merged_across_the_table_is_not_an_activity(tmp_path: Path) -> None:
    # the title's merged cell covers the agency column: it is not that column's value
    path = _ssk(
        tmp_path / "ssk.xlsx",
        [["A. AIR LIMBAH DOMESTIK"], _activity(1, "Pembangunan IPLT")],
        merges=["A5:M5"],
    )
    result = read_file(path)
    (iplt,) = result.documents[0].activities
    assert iplt.subsector is Subsector.AIR_LIMBAH_DOMESTIK
    assert not _codes(result, "unknown-agency")
    assert not _codes(result, "row-outside-section")


def test_a_heading_with_its_subtotal_is_a_section_and_the_subtotal_is_checked(
    tmp_path: Path,
) -> None:
    heading_a = ["A", "AIR LIMBAH DOMESTIK", None, 200, 200, 0, 0, 0, 400]  # right
    heading_b = [None, "B. PERSAMPAHAN", None, 100, 999, 0, 0, 0, 200]  # 2025 is wrong
    path = _ssk(
        tmp_path / "ssk.xlsx",
        [
            heading_a,
            ["I", "Program Pengelolaan dan Pengembangan Sistem Air Limbah"],
            _activity(1, "Pembangunan IPLT"),
            _activity(2, "Penyedotan lumpur tinja"),
            heading_b,
            _activity(3, "Pembangunan TPS 3R"),
        ],
    )
    result = read_file(path)
    ssk = result.documents[0]
    assert [a.subsector for a in ssk.activities] == [
        Subsector.AIR_LIMBAH_DOMESTIK,
        Subsector.AIR_LIMBAH_DOMESTIK,
        Subsector.PERSAMPAHAN,
    ]
    (mismatch,) = _codes(result, "total-mismatch")
    assert (mismatch.location.cell, mismatch.params["label"]) == ("E9", "B. PERSAMPAHAN")
    assert (mismatch.params["stated"], mismatch.params["computed"]) == (Rupiah(999), Rupiah(100))
    assert mismatch.params["rule"] == "FIN005"


@pytest.mark.parametrize(
    "row",
    [
        # numbered activities that merely contain a subsector's words stay activities
        _activity(1, "Pembangunan drainase lingkungan", agency=None),
        [2, "Pengelolaan persampahan terpadu"],
        _activity("A", "Persampahan", agency="DLH"),
    ],
)
def test_activities_are_not_taken_for_headings(tmp_path: Path, row: list[Any]) -> None:
    path = _ssk(tmp_path / "ssk.xlsx", [["A. AIR LIMBAH DOMESTIK"], row])
    (activity,) = read_file(path).documents[0].activities
    assert activity.name == row[1]


def test_an_ssk_with_section_rows_has_its_wastewater_activity_str002(tmp_path: Path) -> None:
    path = _ssk(
        tmp_path / "ssk.xlsx",
        [
            ["A", "AIR LIMBAH DOMESTIK"],
            _activity(1, "Pembangunan IPLT"),
            ["B", "PERSAMPAHAN"],
            _activity(2, "Pembangunan TPS 3R"),
            ["C", "DRAINASE LINGKUNGAN"],
            _activity(3, "Normalisasi saluran"),
        ],
    )
    bundle = read_bundle([path]).bundle
    report = check(bundle, 2025, select=["STR002"], settings=_settings())
    assert [r.status.value for r in report.results] == ["passed"]


def _settings() -> Settings:
    return Settings(today=pendulum.Date(2025, 6, 30))


# --- 2. the region named apart from its kind ------------------------------------------------


@pytest.mark.parametrize(
    ("titles", "code"),
    [
        (["STRATEGI SANITASI KABUPATEN (SSK) GUNUNG MAS TAHUN 2024-2028"], "62.10"),
        (["SSK KOTA PALANGKA RAYA 2024 - 2028"], "62.71"),
        (
            [
                "MATRIKS PROGRAM DAN KEGIATAN STRATEGI SANITASI KABUPATEN (SSK) LEBONG",
                "PERIODE 2024-2028",
            ],
            "17.07",
        ),
        (["STRATEGI SANITASI KOTA (SSK) PALANGKA RAYA TAHUN 2024-2028"], "62.71"),
        (["STRATEGI SANITASI KABUPATEN/KOTA (SSK) GUNUNG MAS 2024-2028"], "62.10"),
        # Banjar is a kota in Jawa Barat and a kabupaten in Kalimantan Selatan: the province
        # written after it tells them apart
        (["SSK KABUPATEN (SSK) BANJAR PROVINSI KALIMANTAN SELATAN 2024-2028"], "63.03"),
    ],
)
def test_a_title_naming_the_region_apart_from_its_kind_gives_the_region(
    tmp_path: Path, titles: list[str], code: str
) -> None:
    path = _ssk(
        tmp_path / "ssk.xlsx", [["A. AIR LIMBAH DOMESTIK"], _activity(1, "IPLT")], title=titles
    )
    result = read_file(path)
    assert str(result.documents[0].region) == code
    assert str(result.documents[0].period) == "2024-2028"


@pytest.mark.parametrize(
    ("title", "candidates"),
    [
        (
            "STRATEGI SANITASI KABUPATEN (SSK) BEKASI TAHUN 2024-2028",
            ["Kabupaten Bekasi (32.16)", "Kota Bekasi (32.75)"],
        ),
        (
            "STRATEGI SANITASI KABUPATEN/KOTA (SSK) BANJAR 2024-2028",
            ["Kota Banjar (32.79)", "Kabupaten Banjar (63.03)"],
        ),
    ],
)
def test_a_name_several_regions_bear_is_refused_naming_them(
    tmp_path: Path, title: str, candidates: list[str]
) -> None:
    path = _ssk(
        tmp_path / "ssk.xlsx", [["A. AIR LIMBAH DOMESTIK"], _activity(1, "IPLT")], title=title
    )
    with pytest.raises(RecognitionError) as info:
        read_file(path)
    assert info.value.key == "recognise.region-ambiguous"
    assert info.value.params["candidates"] == candidates
    for lang in ("id", "en"):
        message = info.value.message(lang)
        assert all(candidate in message for candidate in candidates)
        assert "ssk.xlsx" in message and "region=" in message  # --region on the command line
    # the caller settles it
    chosen = candidates[-1].rsplit("(", 1)[-1].rstrip(")")
    assert str(read_file(path, region=chosen).documents[0].region) == chosen


def test_find_region_keeps_the_kind_when_it_is_written_with_the_name() -> None:
    assert find_region(["SSK KABUPATEN BEKASI 2024-2028"]).code.value == "32.16"  # type: ignore[union-attr]
    assert find_region(["SSK Kota Bekasi"]).code.value == "32.75"  # type: ignore[union-attr]
    assert find_region(["SSK GUNUNG MAS 2024-2028"]) is None  # no kind word: no guess
    with pytest.raises(AmbiguousValue):
        find_region(["STRATEGI SANITASI KABUPATEN (SSK) BOGOR"])


def test_a_title_without_a_region_is_still_refused(tmp_path: Path) -> None:
    path = _ssk(tmp_path / "ssk.xlsx", [_activity(1, "IPLT")], title="MATRIKS SSK 2024-2028")
    with pytest.raises(RecognitionError) as info:
        read_file(path)
    assert info.value.key == "recognise.region-missing"


# --- 3. SIPD's funding vocabulary -----------------------------------------------------------

OWN = FundingSource.APBD_KABKOTA


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("DAU", OWN),
        ("Dana Alokasi Umum", OWN),
        ("DAU SG", OWN),
        ("DAU yang ditentukan penggunaannya", OWN),
        ("DAU Earmark", OWN),
        ("PAD", OWN),
        ("Pendapatan Asli Daerah", OWN),
        ("DBH", OWN),
        ("DBH CHT", OWN),
        ("Pajak Rokok", OWN),
        ("DID", OWN),
        ("Dana Insentif Daerah", OWN),
        ("Insentif Fiskal", OWN),
        ("BLUD", OWN),
        ("Dana Abadi Daerah", OWN),
        ("Pinjaman Daerah", OWN),
        ("Otsus", OWN),
        ("Dana Otonomi Khusus", OWN),
        ("DTI", OWN),
        ("Dana Keistimewaan", OWN),
        ("DAK Fisik - Reguler", FundingSource.DAK_FISIK),
        ("BOK", FundingSource.DAK_NON_FISIK),
        ("Bantuan Operasional Kesehatan", FundingSource.DAK_NON_FISIK),
        ("DAK Fisik Penugasan", FundingSource.DAK_FISIK),
        ("DAK Fisik Bidang Sanitasi", FundingSource.DAK_FISIK),
        ("DAK Fisik-Bidang Air Minum-Reguler", FundingSource.DAK_FISIK),
        ("DAK Non Fisik BOK", FundingSource.DAK_NON_FISIK),
        ("DAK Non Fisik - Bidang Kesehatan", FundingSource.DAK_NON_FISIK),
        ("Hibah", FundingSource.HIBAH_DONOR),
        ("Pendapatan Hibah dari Pemerintah Pusat", FundingSource.HIBAH_DONOR),
        ("KPBU", FundingSource.SWASTA_CSR),
        ("Kerjasama Pemerintah dan Badan Usaha", FundingSource.SWASTA_CSR),
    ],
)
def test_sipd_names_map_to_sources(text: str, source: FundingSource) -> None:
    assert FundingSource.parse(text) is source
    assert _parse_funding_text(text, None) == (
        (_parse_funding_text(text, None)[0][0],),
        (),
    )
    assert _parse_funding_text(text, None)[0][0].source is source


@given(
    alias=st.sampled_from(sorted(FUNDING_ALIASES)),
    upper=st.booleans(),
    numbering=st.sampled_from(["", "1. ", "a) "]),
)
def test_every_alias_parses_to_its_source_however_written(
    alias: str, upper: bool, numbering: str
) -> None:
    text = numbering + (alias.upper() if upper else alias.title()).replace(" ", "-", 1)
    assert FundingSource.parse(text) is FundingSource(FUNDING_ALIASES[alias])


@given(
    dak=st.sampled_from(
        ["DAK", "DAK Fisik", "Dana Alokasi Khusus", "DAK Non Fisik", "DAK Non-Fisik"]
    ),
    separator=st.sampled_from([" ", " - ", "-", " : "]),
    suffix=st.lists(
        st.sampled_from(
            [
                "Reguler",
                "Penugasan",
                "Afirmasi",
                "Bidang Sanitasi",
                "Bidang Air Minum",
                "Bidang Kesehatan",
                "BOK",
                "Perumahan",
                "2025",
            ]
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_dak_with_any_bidang_suffix_keeps_its_kind(
    dak: str, separator: str, suffix: list[str]
) -> None:
    expected = FundingSource.DAK_NON_FISIK if "non" in dak.lower() else FundingSource.DAK_FISIK
    assert FundingSource.parse(dak + separator + separator.join(suffix)) is expected


@given(
    names=st.lists(
        st.sampled_from(
            [
                "DAU",
                "PAD",
                "DAK Fisik-Reguler",
                "DAK Non Fisik",
                "APBN",
                "APBD Prov",
                "Dana Desa",
                "Swasta/CSR",
                "Swadaya Masyarakat",
                "Hibah",
                "KPBU",
                "Kerjasama Pemerintah dan Badan Usaha",
                "Pajak Rokok",
            ]
        ),
        min_size=1,
        max_size=4,
    ),
    separators=st.lists(st.sampled_from([", ", "; ", " + ", " dan ", "\n", "/"]), min_size=3),
)
def test_a_cell_naming_several_sources_gives_each(names: list[str], separators: list[str]) -> None:
    text = names[0]
    for name, separator in zip(names[1:], separators, strict=False):
        text += separator + name
    found, unknown = _parse_funding_text(text, None)
    assert unknown == ()
    assert [f.source for f in found] == [FundingSource.parse(n) for n in names]
    assert [f.label for f in found] == names


def test_several_sources_in_one_cell() -> None:
    found, unknown = _parse_funding_text("DAK Fisik-Reguler; DAU", None)
    assert [(f.source, f.label) for f in found] == [
        (FundingSource.DAK_FISIK, "DAK Fisik-Reguler"),
        (OWN, "DAU"),
    ]
    assert unknown == ()
    assert [f.source for f in _parse_funding_text("DAK/DAU", None)[0]] == [
        FundingSource.DAK_FISIK,
        OWN,
    ]
    assert [f.label for f in _parse_funding_text("Swasta/CSR", None)[0]] == ["Swasta/CSR"]


def test_own_revenue_is_the_owners_apbd() -> None:
    province = GovernmentLevel.PROVINSI
    assert from_sipd_name("DAU") is OWN
    assert from_sipd_name("DAU", province) is FundingSource.APBD_PROVINSI
    assert from_sipd_name("PAD", province) is FundingSource.APBD_PROVINSI
    assert from_sipd_name("APBD", province) is FundingSource.APBD_PROVINSI
    # named as kab/kota money, or not APBD at all: the same for any owner
    assert from_sipd_name("APBD Kab", province) is OWN
    assert from_sipd_name("APBD II", province) is OWN
    assert from_sipd_name("DAK Fisik", province) is FundingSource.DAK_FISIK
    assert from_sipd_name("Dana Desa", province) is FundingSource.DANA_DESA


def test_the_alias_table_cites_its_sources() -> None:
    # each group of the table (a comment, then its entries) cites the brief or says it is not
    # confirmed (CONTRIBUTING: every fact cites its source)
    source = Path(__file__).parent.parent / "src" / "ppsp" / "domain" / "funding.py"
    table = source.read_text("utf-8").split("FUNDING_ALIASES: Final")[1].split("\n}\n")[0]
    groups: list[tuple[str, list[str]]] = []
    for line in table.splitlines()[1:]:
        line = line.strip()
        if line.startswith("#"):
            if not groups or groups[-1][1]:
                groups.append(("", []))
            groups[-1] = (groups[-1][0] + " " + line.lstrip("# "), groups[-1][1])
        elif line:
            groups[-1][1].append(line)
    assert sum(len(entries) for _, entries in groups) == len(FUNDING_ALIASES)
    for comment, entries in groups:
        assert "domain brief" in comment or "[unconfirmed]" in comment, (comment, entries)


def _rkpd(path: Path, title: str, sources: Sequence[str]) -> Path:
    """A SIPD-style RKPD table whose sub kegiatan lines name ``sources``."""
    wb = Workbook()
    ws = wb.active
    ws.title = "RKPD"
    ws["A1"] = title
    ws.append([])
    ws.append(["Kode", "Program/Kegiatan/Sub Kegiatan", "Pagu Indikatif (Rp)", "Sumber Dana"])
    ws.append(["1.03.05", "PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM AIR LIMBAH", None, None])
    for i, source in enumerate(sources, start=1):
        ws.append([f"1.03.05.2.01.{i:04d}", f"Sub kegiatan {i}", 100_000_000, source])
    wb.save(path)
    return path


SIPD_CELLS = [
    "DAU",
    "DAU SG",
    "DAU Earmark",
    "PAD",
    "DBH CHT",
    "Pajak Rokok",
    "DID",
    "Insentif Fiskal",
    "BLUD",
    "Otsus",
    "DAK Fisik - Reguler",
    "DAK Fisik Penugasan",
    "DAK Non Fisik BOK",
    "DAU, PAD",
    "DAK Fisik-Reguler; DAU",
    "Hibah",
]


def test_an_rkpd_in_sipd_words_has_no_unknown_source(tmp_path: Path) -> None:
    path = _rkpd(tmp_path / "rkpd.xlsx", "RKPD KABUPATEN GUNUNG MAS TAHUN 2025", SIPD_CELLS)
    result = read_file(path)
    assert not _codes(result, "unknown-funding-source")
    lines = [line for line in result.documents[0].lines if line.funding]
    assert [[f.source for f in line.funding] for line in lines][-3:] == [
        [OWN, OWN],
        [FundingSource.DAK_FISIK, OWN],
        [FundingSource.HIBAH_DONOR],
    ]
    assert lines[0].funding[0].label == "DAU"
    report = check(read_bundle([path]).bundle, 2025, select=["FIN003"], settings=_settings())
    assert [r.status.value for r in report.results] == ["passed"]


def test_a_provinces_own_revenue_is_its_apbd(tmp_path: Path) -> None:
    path = _rkpd(
        tmp_path / "rkpd.xlsx",
        "RKPD PROVINSI KALIMANTAN TENGAH TAHUN 2025",
        ["DAU", "APBD Kab", "1.2.1.01.02 DAU"],
    )
    rkpd = read_file(path).documents[0]
    assert str(rkpd.region) == "62"
    assert [line.funding[0].source for line in rkpd.lines if line.funding] == [
        FundingSource.APBD_PROVINSI,
        FundingSource.APBD_KABKOTA,
        FundingSource.APBD_PROVINSI,
    ]


def test_a_total_column_without_a_unit_takes_the_unit_of_the_other_amount_columns(
    tmp_path: Path,
) -> None:
    # "(Rp juta)" heads the years and the split; the Total beside them names no unit
    path = _ssk(
        tmp_path / "ssk.xlsx",
        [["A. AIR LIMBAH DOMESTIK"], _activity(1, "Pembangunan IPLT", split=(150, 50))],
        cost="Indikasi Biaya (Rp juta)",
        group="Sumber Pendanaan (Rp juta)",
    )
    result = read_file(path)
    (iplt,) = result.documents[0].activities
    assert iplt.total_cost() == Rupiah(200_000_000)
    assert iplt.total == Rupiah(200_000_000)
    (said,) = _codes(result, "unit-from-other-columns")
    assert said.location is not None and said.location.column == "I"
    assert "juta" in said.message("en") and "satuan" in said.message("id")
    # the total agrees with the years: no FIN001
    report = check(read_bundle([path]).bundle, 2025, select=["FIN001"], settings=_settings())
    assert not report.findings
    # a Total that says rupiah stays in rupiah, and nothing is adopted
    path = _ssk(
        tmp_path / "ssk2.xlsx",
        [["A. AIR LIMBAH DOMESTIK"], _activity(1, "Pembangunan IPLT", split=(150, 50))],
        cost="Indikasi Biaya (Rp juta)",
        group="Sumber Pendanaan (Rp juta)",
        total="Total (Rp)",
    )
    result = read_file(path)
    assert result.documents[0].activities[0].total == Rupiah(200)
    assert not _codes(result, "unit-from-other-columns")


# --- 4. funding-split columns headed by a source's name -------------------------------------

SPLIT = ("APBD Kab", "APBN", "DAK", "DAU", "PAD", "Dana Desa", "CSR", "Swadaya")


@pytest.mark.parametrize("group", ["Sumber Pendanaan", "Indikasi Sumber Dana (Rp)", None])
def test_funding_columns_headed_by_a_source_read_as_amounts(
    tmp_path: Path, group: str | None
) -> None:
    split = (10, 20, 30, 40, 50, 60, 70, 20)  # 300 in all
    path = _ssk(
        tmp_path / "ssk.xlsx",
        [
            ["A. AIR LIMBAH DOMESTIK"],
            _activity(1, "Pembangunan IPLT", costs=(100, 200, 0, 0, 0), split=split),
        ],
        sources=SPLIT,
        group=group,
    )
    result = read_file(path)
    (iplt,) = result.documents[0].activities
    assert [(f.source, f.label, f.amount) for f in iplt.funding] == [
        (OWN, "APBD Kab", Rupiah(10)),
        (FundingSource.APBN, "APBN", Rupiah(20)),
        (FundingSource.DAK_FISIK, "DAK", Rupiah(30)),
        (OWN, "DAU", Rupiah(40)),
        (OWN, "PAD", Rupiah(50)),
        (FundingSource.DANA_DESA, "Dana Desa", Rupiah(60)),
        (FundingSource.SWASTA_CSR, "CSR", Rupiah(70)),
        (FundingSource.MASYARAKAT, "Swadaya", Rupiah(20)),
    ]
    assert not _codes(result, "unknown-funding-source")
    assert not _codes(result, "duplicate-header")
    # three columns of the region's own APBD, each at its own cell
    assert [iplt.cells[k].cell for k in ("funding.apbd-kabkota", "funding.apbd-kabkota.2")] == [
        "J6",
        "M6",
    ]
    assert iplt.cells["funding.apbd-kabkota.3"].header.endswith("PAD")  # type: ignore[union-attr]
    assert iplt.funded_by_regional_budget()
    bundle = read_bundle([path]).bundle
    report = check(bundle, 2025, select=["FIN002", "FIN003"], settings=_settings())
    assert [r.status.value for r in report.results] == ["passed", "passed"]


def test_a_split_that_does_not_add_up_points_at_its_cells(tmp_path: Path) -> None:
    path = _ssk(
        tmp_path / "ssk.xlsx",
        [["A. AIR LIMBAH DOMESTIK"], _activity(1, "IPLT", split=(100, 50, 999))],
        sources=("DAU", "PAD", "DAK"),
    )
    bundle = read_bundle([path]).bundle
    report = check(bundle, 2025, select=["FIN002"], settings=_settings())
    (finding,) = report.findings
    assert finding.evidence["split"] == {"apbd-kabkota": Rupiah(150), "dak-fisik": Rupiah(999)}
    assert [where.cell for where in finding.locations] == ["I6", "J6", "K6", "L6"]


def test_a_dau_funded_activity_missing_from_the_rkpd_is_found_int003(tmp_path: Path) -> None:
    ssk = _ssk(
        tmp_path / "ssk.xlsx",
        [["A. AIR LIMBAH DOMESTIK"], _activity(1, "Pembangunan IPLT Kuala Kurun", split=(200,))],
        sources=("DAU",),
    )
    rkpd = _rkpd(tmp_path / "rkpd.xlsx", "RKPD KABUPATEN GUNUNG MAS TAHUN 2025", ["DAU"])
    report = check(read_bundle([ssk, rkpd]).bundle, 2025, select=["INT003"], settings=_settings())
    assert [f.rule for f in report.findings] == ["INT003"]


@pytest.mark.parametrize("group", ["Sumber Pendanaan", "Indikasi Sumber Dana (Rp)"])
def test_an_unknown_header_under_the_funding_group_is_said_at_its_cell(
    tmp_path: Path, group: str
) -> None:
    path = _ssk(
        tmp_path / "ssk.xlsx",
        [["A. AIR LIMBAH DOMESTIK"], _activity(1, "IPLT", split=(150, 50))],
        sources=("APBD Kab", "Dana Siluman"),
        group=group,
    )
    result = read_file(path)
    (said,) = _codes(result, "unknown-funding-column")
    where = said.location
    assert (where.file, where.sheet, where.cell) == (str(path), "Matriks SSK", "K4")
    assert said.params["header"] == f"{group} | Dana Siluman"
    assert said.params["label"] == "Dana Siluman"
    assert said.params["expected"] == list(SOURCE_HEADERS)
    assert said.severity.value == "warning"
    for lang in ("id", "en"):
        message = said.message(lang)
        assert "Dana Siluman" in message and "DAU" in message and "K4" in message
    # kept, not read as amounts nor as names of sources
    (iplt,) = result.documents[0].activities
    assert [(f.source, f.amount) for f in iplt.funding] == [(OWN, Rupiah(150))]
    assert iplt.extras == {f"{group} | Dana Siluman": 50}
    assert not _codes(result, "unknown-funding-source")


def test_a_total_under_the_funding_group_is_an_ordinary_extra_column(tmp_path: Path) -> None:
    path = _ssk(
        tmp_path / "ssk.xlsx",
        [["A. AIR LIMBAH DOMESTIK"], _activity(1, "IPLT", split=(150, 50, 200))],
        sources=("DAU", "DAK", "Jumlah"),
    )
    result = read_file(path)
    assert not _codes(result, "unknown-funding-column")
    assert [d.params["header"] for d in _codes(result, "unknown-column")] == [
        "Sumber Pendanaan (Rp) | Jumlah"
    ]
    (iplt,) = result.documents[0].activities
    assert [f.source for f in iplt.funding] == [OWN, FundingSource.DAK_FISIK]


def test_every_suggested_header_is_a_known_source() -> None:
    for header in SOURCE_HEADERS:
        assert normalise_text(header)
        FundingSource.parse(header)


@pytest.mark.parametrize(
    ("field", "en", "id_"),
    [
        ("policy_direction", "policy direction", "arah kebijakan"),
        ("subsector", "subsector", "subsektor"),
    ],
)
def test_an_unknown_value_names_its_field_as_a_reader_says_it(
    field: str, en: str, id_: str
) -> None:
    from ppsp.domain import diagnostics as diag

    said = diag.UNKNOWN_VALUE.at(None, value="Arah X", field=field)
    assert f"not a known {en};" in said.message("en")
    assert field == en or field not in said.message("en")
    assert f"bukan {id_} yang dikenal" in said.message("id")


def test_a_funding_source_merged_over_a_block_of_rows_is_each_rows(tmp_path: Path) -> None:
    # "APBD Kab" written once in a cell merged over three rows (J5:J7), as the SKPD often is
    path = _ssk(
        tmp_path / "ssk.xlsx",
        [
            ["A. AIR LIMBAH DOMESTIK"],
            _activity(1, "Pembangunan IPLT", split=["APBD Kab"]),
            _activity(2, "Pengadaan truk tinja", split=[None]),
            _activity(3, "Penyedotan lumpur tinja", split=[None]),
        ],
        sources=("Sumber Dana",),
        group=None,
        merges=["J6:J8"],
    )
    activities = read_file(path).documents[0].activities
    assert [[f.source for f in a.funding] for a in activities] == [[FundingSource.APBD_KABKOTA]] * 3
