"""Hostile sheets: whatever the cells hold, reading gives documents or one ppsp error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from ppsp.errors import PpspError
from ppsp.io.sheets.importer import read_file

HEADERS = [
    "No",
    "Kegiatan",
    "Kode",
    "Program/Kegiatan",
    "Biaya 2025",
    "Tahun 1",
    "Pagu Indikatif",
    "Sumber Dana",
    "OPD",
    "Lokasi",
    "Indikasi Biaya (Rp. Juta)",
    "Target",
    "Dana Tahun 1",
    "Tanggal",
    "Status",
    "Akses Aman (%)",
    "Kecamatan",
    "JUMLAH",
    "Keterangan",
    "",
    "2024",
    "Sub Total",
]
TITLES = [
    "MATRIKS SSK KABUPATEN GUNUNG MAS 2024-2028",
    "RKPD KOTA PALANGKA RAYA TAHUN 2025",
    "RENJA DINAS PUPR KABUPATEN LEBONG 2025",
    "A. AIR LIMBAH DOMESTIK",
    "TOTAL",
    "Kab. Mahakam Ulu",
]
cell = st.one_of(
    st.none(),
    st.sampled_from(
        HEADERS
        + TITLES
        + [
            "-",
            "#REF!",
            "1.250.000,00",
            "Rp 2,5 M",
            "1.03.05.2.01.0036",
            "1.03.05",
            "Dst ...",
            "23/6/2023",
            "=A1+1",
            "APBD Kab; DAK",
        ]
    ),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1)),
    st.text(max_size=12),
)
LAYOUT_HEADERS = [
    [
        "No",
        "Kegiatan",
        "Kode",
        "Biaya 2024",
        "Biaya 2025",
        "Total",
        "Sumber Dana",
        "OPD",
        "Keterangan",
    ],
    [
        "Kode",
        "Program/Kegiatan",
        "Indikator Kinerja",
        "Target",
        "Lokasi",
        "Pagu Indikatif",
        "Sumber Dana",
        "Prakiraan Maju Pagu",
        "Perangkat Daerah",
    ],
    [
        "KODE SUB KEGIATAN",
        "PROGRAM DAN KEGIATAN",
        "SUMBER DANA",
        "LOKASI",
        "JUMLAH PAGU",
        "KETERANGAN",
    ],
    [
        "Kode",
        "Program",
        "Indikator",
        "Satuan",
        "Kondisi Awal",
        "Target Tahun 1",
        "Dana Tahun 1",
        "OPD",
    ],
    [
        "Kecamatan",
        "Akses Aman (%)",
        "Layak Sendiri (%)",
        "Belum Layak (%)",
        "BABS Terbuka (%)",
        "Tahun",
    ],
    ["No", "Kegiatan", "Tanggal", "Jam", "Status", "Nomor SK"],
]


@st.composite
def grids(draw: st.DrawFn) -> list[list[Any]]:
    """A title, a plausible header (shuffled, thinned, with noise), then random rows."""
    rows: list[list[Any]] = []
    if draw(st.booleans()):
        rows.append([draw(st.sampled_from(TITLES))])
    header = list(draw(st.sampled_from(LAYOUT_HEADERS)))
    header = draw(st.permutations(header))[: draw(st.integers(2, len(header)))]
    header = [h if draw(st.integers(0, 9)) else draw(cell) for h in header]
    rows.append(header)
    rows.extend(draw(st.lists(st.lists(cell, min_size=1, max_size=len(header) + 1), max_size=10)))
    return rows


@settings(
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rows=grids(),
    merges=st.lists(
        st.tuples(st.integers(1, 12), st.integers(1, 8), st.integers(0, 2), st.integers(0, 2)),
        max_size=3,
    ),
)
def test_any_sheet_gives_documents_or_a_ppsp_error(
    tmp_path: Path, rows: list[list[Any]], merges: list[tuple[int, int, int, int]]
) -> None:
    wb = Workbook()
    ws = wb.active
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, str):
                value = "".join(ch for ch in value if ch.isprintable()) or None
            ws.cell(r, c, value)
    taken: set[tuple[int, int]] = set()
    for top, left, down, right in merges:
        area = {(r, c) for r in range(top, top + down + 1) for c in range(left, left + right + 1)}
        if area & taken or (down == 0 and right == 0):
            continue
        taken |= area
        ws.merge_cells(
            start_row=top, start_column=left, end_row=top + down, end_column=left + right
        )
    path = tmp_path / "acak.xlsx"
    wb.save(path)
    for kwargs in (
        {},
        {"region": "62.10", "year": 2025, "period": "2024-2028", "agency": "Dinas PUPR"},
    ):
        try:
            result = read_file(path, **kwargs)
        except PpspError as error:
            assert error.message("id") and error.message("en")
            continue
        for diagnostic in result.diagnostics:
            assert diagnostic.message("en") and diagnostic.message("id")
