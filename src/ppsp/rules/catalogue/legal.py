"""The legal instruments the rules rest on (domain brief section 8).

Titles are the instruments' own (Indonesian) titles. ``confirmed=False`` marks what the brief
marks as inferred; reports then show "[unconfirmed]".
"""

from __future__ import annotations

from ppsp.rules.engine import Citation

__all__ = [
    "KEPMENDAGRI_M4",
    "PERMENDAGRI_70_2019",
    "PERMENDAGRI_77_2020",
    "PERMENDAGRI_86_2017",
    "PERMENDAGRI_90_2019",
    "PERMENKES_3_2014",
    "PERMEN_PUPR_5_2021",
    "PERPRES_18_2020",
    "PERPRES_185_2014",
    "PP_12_2019",
    "SE_MENDAGRI_660_4919",
]

PERMENDAGRI_86_2017 = Citation(
    "Permendagri 86/2017",
    "Tata Cara Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah (RPJMD, Renstra-PD, "
    "RKPD, Renja-PD; Pasal 79, 102; tabel T-B/T-C)",
)
PERMENDAGRI_90_2019 = Citation(
    "Permendagri 90/2019",
    "Klasifikasi, Kodefikasi, dan Nomenklatur Perencanaan Pembangunan dan Keuangan Daerah, "
    "with its Kepmendagri updates (050-3708/2020, 050-5889/2021, 900.1.15.5-1317/2023, ...)",
)
PERMENDAGRI_70_2019 = Citation("Permendagri 70/2019", "Sistem Informasi Pemerintahan Daerah (SIPD)")
PERMENDAGRI_77_2020 = Citation(
    "Permendagri 77/2020",
    "Pedoman Teknis Pengelolaan Keuangan Daerah (RKA/DPA formats)",
    confirmed=False,
)
PP_12_2019 = Citation("PP 12/2019", "Pengelolaan Keuangan Daerah")
SE_MENDAGRI_660_4919 = Citation(
    "SE Mendagri 660/4919/SJ (2012)",
    "Pedoman Pengelolaan Program Percepatan Pembangunan Sanitasi Permukiman (PPSP) di Daerah; "
    "Pokja Sanitasi",
)
PERPRES_185_2014 = Citation("Perpres 185/2014", "Percepatan Penyediaan Air Minum dan Sanitasi")
PERPRES_18_2020 = Citation(
    "Perpres 18/2020",
    "RPJMN 2020-2024: 90 % akses sanitasi layak termasuk 15 % aman, BABS 0 % (2024)",
    confirmed=False,  # the brief confirms the targets, not the instrument's number
)
PERMEN_PUPR_5_2021 = Citation(
    "Permen PUPR 5/2021",
    "Petunjuk Operasional Dana Alokasi Khusus Infrastruktur PUPR (kriteria kesiapan)",
)
PERMENKES_3_2014 = Citation("Permenkes 3/2014", "Sanitasi Total Berbasis Masyarakat (STBM)")
KEPMENDAGRI_M4 = Citation(
    "Kepmendagri 100.4.3-1037/Kep/Bangda/2023",
    "Lokasi pelaksanaan Milestone IV PPSP (menurut pemberitaan)",
    confirmed=False,
)
