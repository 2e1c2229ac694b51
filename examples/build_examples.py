"""Write the bundled example region: the spreadsheets Kabupaten Gunung Mas (62.10) would keep.

    python examples/build_examples.py

ILLUSTRATIVE DATA. Gunung Mas is a real regency that took part in PPSP (domain brief 0.1, news
reports); the programmes, amounts, places and dates below are invented to show the layouts real
files have and the problems real audits find. Problems are seeded on purpose, each named in a
comment with the rule that reports it, so that `ppsp demo` shows a good part of the catalogue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent / "gunung-mas"
REGION = "KABUPATEN GUNUNG MAS"


def _put(ws: Worksheet, row: int, values: Sequence[Any], start: int = 1) -> None:
    for c, v in enumerate(values, start=start):
        if v is not None:
            ws.cell(row, c, v)


def _titles(ws: Worksheet, lines: Sequence[str], width: int) -> None:
    for index, line in enumerate(lines, start=1):
        ws.cell(index, 1, line)
        ws.merge_cells(start_row=index, start_column=1, end_row=index, end_column=width)


# -- SSK program matrix ------------------------------------------------------------------------

# name, code, direction, location, volume, unit, costs 2024..2028 (Rp juta), APBD Kab, APBD Prov,
# APBN, DAK (Rp juta, for the period), agency, note
SSK_ROWS: list[tuple[Any, ...]] = [
    ("A. AIR LIMBAH DOMESTIK",),
    ("I. Program Pengelolaan dan Pengembangan Sistem Air Limbah",),
    (
        "Pembangunan IPLT Kuala Kurun",
        "1.03.05.2.01.0036",
        "Pengembangan infrastruktur",
        "Kuala Kurun",
        1,
        "Unit",
        [0, 2500, 1500, 0, 0],
        [1000, 0, 0, 3000],
        "Dinas PUPR",
        "lahan tersedia",
    ),
    (
        "Penyediaan Jasa Penyedotan Lumpur Tinja (L2T2)",
        "1.03.05.02.01.0033",
        "Pengembangan infrastruktur",
        "Kec. Kurun",
        300,
        "Rumah Tangga",
        [150, 150, "175,5", 0, 0],
        ["475,5", 0, 0, 0],
        "Dinas PUPR",
        None,
    ),
    # FIN002: the split (Rp 900 juta) does not add up to the period's cost (Rp 1.000 juta)
    (
        "Pembangunan tangki septik individual",
        "1.03.05.2.01.0039",
        "Kerjasama dan pendanaan",
        "Desa Tewah",
        200,
        "Unit",
        [0, 500, 500, 0, 0],
        [0, 0, 0, 900],
        "Dinas PUPR",
        "DAK reguler",
    ),
    # INT008: a provincial code (kegiatan digit 1) in a kabupaten's SSK
    (
        "Penyusunan Rencana Induk SPALD",
        "1.03.05.1.01.0005",
        "Peningkatan kapasitas kelembagaan",
        "Kabupaten",
        1,
        "Dokumen",
        [300, 0, 0, 0, 0],
        [300, 0, 0, 0],
        "Dinas PUPR",
        None,
    ),
    ("Sub Total A",),
    ("B. PERSAMPAHAN",),
    ("II. Program Pengelolaan Persampahan",),
    # INT001 (no persampahan programme in the RPJMD), INT002 (not in the DLH Renstra), INT003 (not
    # in the RKPD)
    (
        "Pembangunan TPS 3R Kuala Kurun",
        "2.11.11.2.01.0007",
        "Pengembangan infrastruktur",
        "Kuala Kurun",
        1,
        "Unit",
        [0, 750, 0, 0, 0],
        [750, 0, 0, 0],
        "Dinas Lingkungan Hidup",
        None,
    ),
    (
        "Penyusunan Jakstrada Pengelolaan Sampah",
        "2.11.11.2.01.0005",
        "Peningkatan kapasitas kelembagaan",
        "Kabupaten",
        1,
        "Dokumen",
        [200, 0, 0, 0, 0],
        [200, 0, 0, 0],
        "DLH",
        None,
    ),
    ("Sub Total B",),
    ("C. DRAINASE LINGKUNGAN",),
    ("III. Program Pengelolaan dan Pengembangan Sistem Drainase",),
    # INT004 (found in the DLH Renja, not the PUPR one), INT006 (RKPD pagu Rp 800 juta < 1.200)
    (
        "Pembangunan drainase lingkungan permukiman",
        "1.03.06.2.01.0012",
        "Pengembangan infrastruktur",
        "Kuala Kurun",
        1200,
        "M",
        [0, 1200, 0, 1200, 0],
        [2400, 0, 0, 0],
        "Dinas PUPR",
        None,
    ),
    ("Sub Total C",),
    ("D. PHBS DAN HIGIENE",),
    ("IV. Program Pemberdayaan Masyarakat Bidang Kesehatan",),
    # INT007: the RKPD line has no code (linked by name only); DOC006: Dinkes has no Renja or Renstra
    (
        "Pemicuan STBM di desa prioritas",
        "1.02.05.2.02.0001",
        "Perubahan perilaku",
        "20 desa",
        20,
        "Desa",
        [120, 120, 120, 0, 0],
        [360, 0, 0, 0],
        "Dinas Kesehatan",
        None,
    ),
    # STR003: no responsible agency; FIN001: the stated total (Rp 250 juta) is not the sum (200)
    (
        "Monitoring kualitas air minum",
        None,
        "Perubahan perilaku",
        "Kabupaten",
        4,
        "Laporan",
        [0, 50, 50, 50, 50],
        [200, 0, 0, 0],
        None,
        None,
    ),
    ("Sub Total D",),
]


def ssk() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Matriks SSK"
    _titles(
        ws,
        [
            "MATRIKS PROGRAM DAN KEGIATAN STRATEGI SANITASI KABUPATEN (SSK)",
            REGION,
            "TAHUN 2024-2028",
        ],
        21,
    )
    top = [
        "No",
        "Program / Kegiatan",
        "Kode Nomenklatur",
        "Arah Kebijakan",
        "Lokasi",
        "Volume",
        "Satuan",
        "Indikasi Biaya (Rp. Juta)",
        None,
        None,
        None,
        None,
        None,
        "Sumber Pendanaan (Rp. Juta)",
        None,
        None,
        None,
        "SKPD Penanggung Jawab",
        "Keterangan",
    ]
    sub = [None] * 7 + [
        2024,
        2025,
        2026,
        2027,
        2028,
        "Total",
        "APBD Kab",
        "APBD Prov",
        "APBN",
        "DAK",
    ]
    _put(ws, 5, top)
    _put(ws, 6, sub)
    for c in (1, 2, 3, 4, 5, 6, 7, 18, 19):
        ws.merge_cells(start_row=5, start_column=c, end_row=6, end_column=c)
    ws.merge_cells("H5:M5")
    ws.merge_cells("N5:Q5")
    r, number, block, grand = 7, 0, [0.0] * 10, [0.0] * 10
    for row in SSK_ROWS:
        if len(row) == 1:
            label = row[0]
            if label.startswith("Sub Total"):
                # FIN005: the persampahan subtotal of the 2025 column is written as 900, not 950
                values = list(block)
                if label == "Sub Total B":
                    values[1] = 900
                _put(ws, r, [label], start=2)
                _put(ws, r, [v if v else "-" for v in values], start=8)
                block = [0.0] * 10
            else:
                _put(ws, r, [label], start=1 if label[:2] in ("A.", "B.", "C.", "D.") else 2)
            r += 1
            continue
        name, code, direction, location, volume, unit, costs, split, agency, note = row
        number += 1
        numbers = [float(str(v).replace(",", ".")) if v not in (None, "-") else 0.0 for v in costs]
        total = sum(numbers)
        if name.startswith("Monitoring"):
            total = 250  # FIN001, see above
        shares = [float(str(v).replace(",", ".")) for v in split]
        for i, v in enumerate([*numbers, total, *shares][:10]):
            block[i] += v
            grand[i] += v
        _put(ws, r, [number, name, code, direction, location, volume, unit])
        _put(ws, r, [v if v not in (0, "0") else "-" for v in costs], start=8)
        _put(ws, r, [total if total != int(total) else int(total)], start=13)
        _put(ws, r, [v if v not in (0, "0") else "-" for v in split], start=14)
        _put(ws, r, [agency, note], start=18)
        r += 1
    _put(ws, r, ["TOTAL"], start=2)
    _put(ws, r, grand, start=8)
    ws.column_dimensions["B"].width = 48
    _targets(wb.create_sheet("Target SSK"))
    _pokja(wb.create_sheet("Pokja"))
    wb.save(HERE / "ssk_matriks_program_2024_2028.xlsx")


def _pokja(ws: Worksheet) -> None:
    """The working group that wrote the SSK, a third sheet (its title names no period)."""
    _titles(ws, [f"SUSUNAN KEANGGOTAAN POKJA PKP {REGION}"], 4)
    _put(ws, 3, ["No", "Jabatan dalam Pokja", "Instansi", "Keterangan"])
    rows = [
        (1, "Ketua", "Badan Perencanaan Pembangunan Daerah", None),
        (2, "Sekretaris", "Dinas Pekerjaan Umum dan Penataan Ruang", None),
        (3, "Anggota", "Dinas Lingkungan Hidup", None),
        (4, "Anggota", "Dinas Perumahan dan Kawasan Permukiman", None),
        # STR004: Dinas Kesehatan is responsible for the STBM activity but not a member
    ]
    for r, row in enumerate(rows, start=4):
        _put(ws, r, row)


def _targets(ws: Worksheet) -> None:
    """The SSK's access targets, a second sheet of the same workbook."""
    _titles(ws, [f"TARGET AKSES SANITASI SSK {REGION}", "TAHUN 2024-2028"], 10)
    _put(
        ws,
        4,
        [
            "No",
            "Indikator",
            "Satuan",
            "Kondisi Awal (2023)",
            "Target",
            None,
            None,
            None,
            None,
            "Subsektor",
        ],
    )
    _put(ws, 5, [None] * 4 + [2024, 2025, 2026, 2027, 2028])
    for c in (1, 2, 3, 4, 10):
        ws.merge_cells(start_row=4, start_column=c, end_row=5, end_column=c)
    ws.merge_cells("E4:I4")
    rows = [
        (
            1,
            "Akses sanitasi layak (termasuk aman)",
            "%",
            "78,5",
            80,
            83,
            86,
            88,
            90,
            "Air limbah domestik",
        ),
        # STR005: 12 % aman in 2028, below the national 15 %
        (2, "Akses sanitasi aman", "%", "7,2", 8, 9, 10, 11, 12, "Air limbah domestik"),
        (3, "BABS di tempat terbuka", "%", "6,5", 5, 3, 2, 1, 0, "Air limbah domestik"),
        (4, "Sampah terangkut ke TPA", "%", 35, 40, 45, 50, 55, 60, "Persampahan"),
    ]
    for r, row in enumerate(rows, start=6):
        _put(ws, r, row)


# -- RPJMD, Renstra-PD ---------------------------------------------------------------------------


def rpjmd() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Bab VII"
    ws["A1"] = f"INDIKASI RENCANA PROGRAM PRIORITAS DAN KERANGKA PENDANAAN RPJMD {REGION} 2025-2029"
    top = [
        "Kode",
        "Program",
        "Indikator Kinerja Program",
        "Satuan",
        "Kondisi Awal",
        "Capaian Kinerja Program dan Kerangka Pendanaan",
        None,
        None,
        None,
        None,
        None,
        "Perangkat Daerah Penanggung Jawab",
    ]
    mid = [None] * 5 + ["Tahun 2025", None, "Tahun 2026", None, "Tahun 2027", None]
    low = [None] * 5 + ["Target", "Rp", "Target", "Rp", "Target", "Rp"]
    for row, values in ((3, top), (4, mid), (5, low)):
        _put(ws, row, values)
    for c in (1, 2, 3, 4, 5, 12):
        ws.merge_cells(start_row=3, start_column=c, end_row=5, end_column=c)
    ws.merge_cells("F3:K3")
    for c in (6, 8, 10):
        ws.merge_cells(start_row=4, start_column=c, end_row=4, end_column=c + 1)
    rows = [
        (
            "1.03.05",
            "Program Pengelolaan dan Pengembangan Sistem Air Limbah",
            "Persentase rumah tangga dengan akses sanitasi aman",
            "%",
            "8",
            "12",
            "3.500.000.000",
            "15",
            "2.000.000.000",
            "18",
            "1.500.000.000",
            "Dinas Pekerjaan Umum dan Penataan Ruang",
        ),
        (
            "1.03.06",
            "Program Pengelolaan dan Pengembangan Sistem Drainase",
            "Panjang drainase lingkungan berfungsi baik",
            "km",
            "12",
            "14",
            "1.500.000.000",
            "15",
            "1.500.000.000",
            "17",
            "1.500.000.000",
            "Dinas Pekerjaan Umum dan Penataan Ruang",
        ),
        (
            "1.02.05",
            "Program Pemberdayaan Masyarakat Bidang Kesehatan",
            "Persentase desa STBM",
            "%",
            "40",
            "50",
            "150.000.000",
            "60",
            "150.000.000",
            "70",
            "150.000.000",
            "Dinas Kesehatan",
        ),
        # INT001: no persampahan programme (2.11.11) although the SSK plans APBD money for it
    ]
    for r, row in enumerate(rows, start=6):
        _put(ws, r, row)
    wb.save(HERE / "rpjmd_2025_2029.xlsx")


def _renstra(agency: str, rows: list[tuple[Any, ...]], file: str) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "T-C.27"
    _titles(
        ws,
        [
            "Tabel T-C.27 Rencana Program, Kegiatan, dan Pendanaan Perangkat Daerah",
            f"{agency} Kabupaten Gunung Mas 2025-2029",
        ],
        18,
    )
    top = [
        "No",
        "Kode",
        "Tujuan/Sasaran/Program/Kegiatan/Sub-Kegiatan",
        "Indikator Kinerja",
        "Satuan",
        "Kondisi Awal",
        "Target",
        None,
        None,
        None,
        None,
        "Pendanaan (Rp)",
        None,
        None,
        None,
        None,
        "Kondisi Akhir",
        "OPD PJ",
    ]
    sub = [None] * 6 + ["I", "II", "III", "IV", "V", "I", "II", "III", "IV", "V"]
    _put(ws, 4, top)
    _put(ws, 5, sub)
    for c in (1, 2, 3, 4, 5, 6, 17, 18):
        ws.merge_cells(start_row=4, start_column=c, end_row=5, end_column=c)
    ws.merge_cells("G4:K4")
    ws.merge_cells("L4:P4")
    for r, row in enumerate(rows, start=6):
        _put(ws, r, row)
    wb.save(HERE / file)


def renstra() -> None:
    pupr = "Dinas Pekerjaan Umum dan Penataan Ruang"
    _renstra(
        pupr,
        [
            (
                1,
                "1.03.05",
                "PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM AIR LIMBAH",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "3.275.000.000",
                "1.675.500.000",
                0,
                0,
                0,
                None,
                pupr,
            ),
            (
                2,
                "1.03.05.2.01",
                "Pengelolaan dan Pengembangan Sistem Air Limbah Domestik",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "3.275.000.000",
                "1.675.500.000",
                0,
                0,
                0,
                None,
                pupr,
            ),
            (
                3,
                "1.03.05.2.01.0036",
                "Pembangunan Instalasi Pengolahan Lumpur Tinja (IPLT)",
                "Kapasitas IPLT",
                "M3/hari",
                0,
                20,
                20,
                None,
                None,
                None,
                "2.500.000.000",
                "1.500.000.000",
                0,
                0,
                0,
                20,
                pupr,
            ),
            (
                4,
                "1.03.05.2.01.0033",
                "Penyediaan Jasa Penyedotan Lumpur Tinja",
                "RT terlayani",
                "RT",
                0,
                300,
                300,
                None,
                None,
                None,
                "150.000.000",
                "175.500.000",
                0,
                0,
                0,
                600,
                pupr,
            ),
            (
                5,
                "1.03.05.2.01.0039",
                "Penyediaan Sub Sistem Pengolahan Air Limbah Domestik (SPALD) Setempat",
                "Tangki septik",
                "Unit",
                0,
                100,
                100,
                None,
                None,
                None,
                "500.000.000",
                0,
                0,
                0,
                0,
                200,
                pupr,
            ),
            (
                6,
                "1.03.05.2.01.0041",
                "Penyusunan Rencana, Kebijakan, Strategi dan Teknis SPALD",
                "Dokumen",
                "Dokumen",
                0,
                1,
                None,
                None,
                None,
                None,
                "125.000.000",
                0,
                0,
                0,
                0,
                1,
                pupr,
            ),
            (
                7,
                "1.03.06",
                "PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM DRAINASE",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "1.200.000.000",
                0,
                "1.200.000.000",
                0,
                0,
                None,
                pupr,
            ),
            (
                8,
                "1.03.06.2.01.0012",
                "Pembangunan Sistem Drainase Lingkungan",
                "Panjang saluran",
                "M",
                0,
                1200,
                None,
                1200,
                None,
                None,
                "1.200.000.000",
                0,
                "1.200.000.000",
                0,
                0,
                2400,
                pupr,
            ),
        ],
        "renstra_dinas_pupr_2025_2029.xlsx",
    )
    dlh = "Dinas Lingkungan Hidup"
    _renstra(
        dlh,
        [
            # INT002: the TPS 3R (2.11.11.2.01.0007) is not here
            (
                1,
                "2.11.11",
                "PROGRAM PENGELOLAAN PERSAMPAHAN",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "200.000.000",
                0,
                0,
                0,
                0,
                None,
                dlh,
            ),
            (
                2,
                "2.11.11.2.01.0005",
                "Koordinasi dan Sinkronisasi Penyediaan Prasarana dan Sarana "
                "Pengelolaan Persampahan",
                "Dokumen",
                "Dokumen",
                0,
                1,
                None,
                None,
                None,
                None,
                "200.000.000",
                0,
                0,
                0,
                0,
                1,
                dlh,
            ),
        ],
        "renstra_dlh_2025_2029.xlsx",
    )


# -- RKPD, Renja-PD, DPA 2025 ---------------------------------------------------------------------


def rkpd() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "RKPD 2025"
    _titles(
        ws,
        [
            f"RANCANGAN AKHIR RKPD {REGION} TAHUN 2025",
            "Rencana Program, Kegiatan dan Pendanaan Daerah",
        ],
        11,
    )
    top = [
        "Kode",
        "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
        "Indikator Kinerja",
        "Rencana Tahun 2025",
        None,
        None,
        None,
        "Catatan Penting",
        "Prakiraan Maju Rencana Tahun 2026",
        None,
        "Perangkat Daerah",
    ]
    sub = [
        None,
        None,
        None,
        "Lokasi",
        "Target",
        "Pagu Indikatif (Rp)",
        "Sumber Dana",
        None,
        "Target",
        "Kebutuhan Dana (Rp)",
    ]
    _put(ws, 4, top)
    _put(ws, 5, sub)
    for c in (1, 2, 3, 8, 11):
        ws.merge_cells(start_row=4, start_column=c, end_row=5, end_column=c)
    ws.merge_cells("D4:G4")
    ws.merge_cells("I4:J4")
    pupr, dinkes = "Dinas PUPR", "Dinas Kesehatan"
    rows = [
        (
            "1.03.05",
            "PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM AIR LIMBAH",
            "Persentase RT akses aman",
            None,
            "12%",
            "3.150.000.000",
            None,
            None,
            "15%",
            "1.675.500.000",
            pupr,
        ),
        (
            "1.03.05.2.01",
            "Pengelolaan dan Pengembangan Sistem Air Limbah Domestik dalam Daerah Kabupaten/Kota",
            None,
            None,
            None,
            "3.150.000.000",
            None,
            None,
            None,
            None,
            pupr,
        ),
        (
            "1.03.05.2.01.0036",
            "Pembangunan Instalasi Pengolahan Lumpur Tinja (IPLT)",
            "Kapasitas IPLT",
            "Kuala Kurun",
            "20 M3/hari",
            "2.500.000.000",
            "APBD; DAK Fisik-Bidang Sanitasi-Reguler",
            None,
            "20 M3/hari",
            "1.500.000.000",
            pupr,
        ),
        (
            "1.03.05.2.01.0033",
            "Penyediaan Jasa Penyedotan Lumpur Tinja",
            "RT terlayani",
            "Kec. Kurun",
            "300 RT",
            "150.000.000",
            "APBD",
            None,
            "300 RT",
            "175.500.000",
            pupr,
        ),
        (
            "1.03.05.2.01.0039",
            "Penyediaan Sub Sistem Pengolahan Air Limbah Domestik (SPALD) Setempat",
            "Tangki septik",
            "Desa Tewah",
            "100 unit",
            "500.000.000",
            "DAK Fisik-Bidang Sanitasi-Reguler",
            None,
            None,
            None,
            pupr,
        ),
        (
            "1.03.06",
            "PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM DRAINASE",
            None,
            None,
            None,
            "800.000.000",
            None,
            None,
            None,
            None,
            pupr,
        ),
        # INT006: Rp 800 juta against Rp 1.200 juta in the SSK
        (
            "1.03.06.2.01.0012",
            "Pembangunan Sistem Drainase Lingkungan",
            "Panjang saluran",
            "Kuala Kurun",
            "800 M",
            "800.000.000",
            "APBD",
            None,
            None,
            None,
            pupr,
        ),
        (
            "1.02.05",
            "PROGRAM PEMBERDAYAAN MASYARAKAT BIDANG KESEHATAN",
            None,
            None,
            None,
            "120.000.000",
            None,
            None,
            None,
            None,
            dinkes,
        ),
        # INT007: the sub kegiatan was typed without its code
        (
            None,
            "Pemicuan STBM desa prioritas",
            "Desa STBM",
            "20 desa",
            "20 desa",
            "120.000.000",
            "Dana Aspirasi",
            None,
            "20 desa",
            "120.000.000",
            dinkes,
        ),  # FIN003: unknown source
        # INT003: no TPS 3R line; Jakstrada is 2024 only
    ]
    for r, row in enumerate(rows, start=6):
        _put(ws, r, row)
    wb.save(HERE / "rkpd_2025.xlsx")


def _renja(agency_code: str, agency: str, rows: list[tuple[Any, ...]], file: str) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Renja"
    ws["A1"] = "RENCANA KERJA PERANGKAT DAERAH"
    _put(ws, 3, ["PEMERINTAH DAERAH", ":", REGION])
    _put(ws, 4, ["PERANGKAT DAERAH", ":", f"{agency_code} {agency}"])
    _put(ws, 5, ["TAHUN ANGGARAN", ":", "2025"])
    _put(
        ws,
        7,
        [
            "Kode",
            "Program/Kegiatan/Sub Kegiatan",
            "Indikator Kinerja",
            "Target",
            "Lokasi",
            "Pagu Indikatif",
            "Sumber Dana",
            "Prakiraan Maju Target",
            "Prakiraan Maju Pagu",
        ],
    )
    for r, row in enumerate(rows, start=8):
        _put(ws, r, row)
    wb.save(HERE / file)


def renja() -> None:
    _renja(
        "1.03.0.00.0.00.01.0000",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        [
            (
                "1.03.05.2.01.0036",
                "Pembangunan Instalasi Pengolahan Lumpur Tinja (IPLT)",
                "Kapasitas IPLT",
                "20",
                "Kuala Kurun",
                "Rp 2.500.000.000,00",
                "APBD; DAK",
                "20",
                "1.500.000.000",
            ),
            (
                "1.03.05.2.01.0033",
                "Penyediaan Jasa Penyedotan Lumpur Tinja",
                "RT terlayani",
                "300",
                "Kec. Kurun",
                "150.000.000",
                "APBD",
                "300",
                "175.500.000",
            ),
            (
                "1.03.05.2.01.0039",
                "Penyediaan Sub Sistem Pengolahan Air Limbah Domestik (SPALD) Setempat",
                "Tangki septik",
                "100",
                "Desa Tewah",
                "500.000.000",
                "DAK",
                None,
                None,
            ),
            # INT004: the drainage line was put in the DLH Renja
        ],
        "renja_dinas_pupr_2025.xlsx",
    )
    _renja(
        "2.11.0.00.0.00.01.0000",
        "Dinas Lingkungan Hidup",
        [
            (
                "1.03.06.2.01.0012",
                "Pembangunan Sistem Drainase Lingkungan",
                "Panjang saluran",
                "800",
                "Kuala Kurun",
                "800.000.000",
                "APBD",
                None,
                None,
            ),
        ],
        "renja_dlh_2025.xlsx",
    )
    # DOC006: Dinas Kesehatan has an SSK activity in 2025 but no Renja-PD


def dpa() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sub Kegiatan"
    ws["A1"] = "DOKUMEN PELAKSANAAN ANGGARAN (DPA) SKPD TAHUN ANGGARAN 2025"
    ws["A2"] = "Pemerintah Kabupaten Gunung Mas"
    ws["A3"] = "SKPD : Dinas Pekerjaan Umum dan Penataan Ruang"
    _put(
        ws,
        5,
        [
            "KODE SUB KEGIATAN",
            "PROGRAM DAN KEGIATAN",
            "TOLAK UKUR KELUARAN",
            "TARGET KINERJA KELUARAN",
            "SUMBER DANA",
            "LOKASI",
            "AWAL PELAKSANAAN",
            "AKHIR PELAKSANAAN",
            "JUMLAH PAGU",
            "KETERANGAN",
        ],
    )
    rows = [
        (
            "1.03.05.2.01.0036",
            "Pembangunan IPLT",
            "Kapasitas IPLT",
            "20 M3/hari",
            "1.2.1.01.02",
            "Kuala Kurun",
            dt.date(2025, 3, 1),
            "30/11/2025",
            2500000000,
            None,
        ),
        # INT005: budgeted at zero
        (
            "1.03.05.2.01.0033",
            "Penyediaan Jasa Penyedotan Lumpur Tinja",
            "RT terlayani",
            "300 RT",
            "1.2.1.01.02",
            "Kec. Kurun",
            "Januari",
            "Desember",
            0,
            "ditunda",
        ),
        (
            "1.03.05.2.01.0039",
            "Penyediaan SPALD Setempat",
            "Tangki septik",
            "100 unit",
            "2.2.1.1.3.9",
            "Desa Tewah",
            "Maret",
            "November",
            "500.000.000",
            None,
        ),
        (
            "1.03.06.2.01.0012",
            "Pembangunan Sistem Drainase Lingkungan",
            "Panjang saluran",
            "800 M",
            "1.2.1.01.02",
            "Kuala Kurun",
            "April",
            "Oktober",
            "800.000.000",
            None,
        ),
    ]
    for r, row in enumerate(rows, start=6):
        _put(ws, r, row)
    wb.save(HERE / "dpa_dinas_pupr_2025.xlsx")


# -- Buku Putih access profile, implementation log ----------------------------------------------


def access() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Akses Sanitasi"
    ws["A1"] = f"PROFIL AKSES SANITASI {REGION} TAHUN 2023"
    _put(
        ws,
        3,
        [
            "Kecamatan",
            "Akses Aman (%)",
            "Layak Sendiri (%)",
            "Layak Bersama (%)",
            "Belum Layak (%)",
            "BABS Tertutup (%)",
            "BABS Terbuka (%)",
            "Sumber Data",
        ],
    )
    rows = [
        ("Kurun", "10,5", "60", "9,5", "15", "2", "3", "SUSENAS 2023"),
        ("Sepang", 5, 55, 10, 20, 5, 5, "EHRA 2022"),
        ("Tewah", 4, 50, 10, 20, 5, 8, "EHRA 2022"),  # STR006: adds up to 97 %
    ]
    for r, row in enumerate(rows, start=4):
        _put(ws, r, row)
    wb.save(HERE / "buku_putih_akses_sanitasi_2023.xlsx")


def log() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Log"
    ws["A1"] = f"LOG PELAKSANAAN SSK {REGION}"
    _put(
        ws,
        3,
        [
            "No",
            "Kegiatan",
            "Tanggal",
            "Rencana",
            "Jam",
            "Status",
            "Nomor SK",
            "Lokasi",
            "Keterangan",
        ],
    )
    rows = [
        (1, "Milestone 1", "20/05/2022", None, None, "Selesai", None, None, None),
        # MIL001: M3 complete while M2 is still in progress; MIL003: M2 was due 2023-12-31
        (
            2,
            "Milestone 2",
            None,
            "31/12/2023",
            None,
            "Sedang berjalan",
            None,
            None,
            "internalisasi ke RPJMD 2025-2029",
        ),
        (3, "Milestone 3", "23 Juni 2024", None, None, "Selesai", None, None, "quickwin"),
        # MIL002: M4 under way without its designation decree
        (
            4,
            "Milestone IV",
            None,
            None,
            None,
            "Sedang berjalan",
            None,
            None,
            "uji coba layanan skala diperluas",
        ),
        (5, "Kick Off PPSP", "15/02/2023", None, "09.00", None, None, "Kuala Kurun", None),
        (6, "Coaching Clinic VI", "14 Agustus 2023", None, "13:30", None, None, "daring", None),
        # FIN004: readiness criteria for the IPLT's DAK money, recorded in time; none for the
        # DAK-funded septic tanks
        (
            7,
            "Readiness Criteria DAK Fisik 2025: Pembangunan IPLT Kuala Kurun",
            "15/09/2024",
            None,
            None,
            "Terverifikasi BPPW",
            None,
            None,
            "diunggah di eMonitoring DAK",
        ),
        # MIL004: the 2023 results were reported; nothing for 2024
        (
            7,
            "Laporan pelaksanaan 2023 ke Nawasis",
            "10 Januari 2024",
            None,
            None,
            None,
            "input nawasis",
            None,
            None,
        ),
    ]
    for r, row in enumerate(rows, start=4):
        _put(ws, r, row)
    wb.save(HERE / "log_pelaksanaan_ssk.xlsx")


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for build in (ssk, rpjmd, renstra, rkpd, renja, dpa, access, log):
        build()
    print("example region written to", HERE)


if __name__ == "__main__":
    main()
