"""The demonstration region: an SSK and an RKPD of Kabupaten Gunung Mas, built in code.

**Illustrative data.** Gunung Mas (62.10, Kalimantan Tengah) is a real regency whose SSK
history appears in news reports (BPS and SSK 2014, updates 2018 and 2023). The activities,
amounts and agencies below are invented to show the model; they are not the regency's plans.

>>> bundle = demo_bundle()
>>> bundle.region, len(bundle.ssk[0].activities), bundle.rkpd[0].year
(RegionCode('62.10'), 6, 2025)
"""

from __future__ import annotations

from decimal import Decimal

from ppsp.domain import (
    RKPD,
    Adoption,
    Agency,
    CodeLevel,
    Funding,
    FundingSource,
    NomenclatureCode,
    PlanLine,
    PlanPeriod,
    PolicyDirection,
    RegionBundle,
    RegionCode,
    Rupiah,
    SSKActivity,
    StrategiSanitasi,
    Subsector,
    Target,
    WorkingGroup,
    WorkingGroupKind,
    YearAmount,
)
from ppsp.domain.documents import AccessMeasure

__all__ = ["demo_bundle"]

_PUPR = Agency("Dinas PUPR")
_DLH = Agency("Dinas Lingkungan Hidup")
_DINKES = Agency("Dinas Kesehatan")
_BAPPEDA = Agency("Bappedalitbang")


def _activity(
    number: str,
    name: str,
    code: str | None,
    subsector: Subsector,
    direction: PolicyDirection,
    agency: Agency,
    costs: dict[int, str],
    sources: dict[FundingSource, str] | None = None,
) -> SSKActivity:
    yearly = tuple(
        YearAmount(year=y, amount=Rupiah.parse(a, decimal=",")) for y, a in costs.items()
    )
    funding: tuple[Funding, ...] = ()
    if sources:
        funding = tuple(
            Funding(source=s, amount=Rupiah.parse(a), year=y)
            for y in costs
            for s, a in sources.items()
        )
    return SSKActivity(
        number=number,
        name=name,
        code=NomenclatureCode.parse(code) if code else None,
        subsector=subsector,
        policy_direction=direction,
        agency=agency,
        costs=yearly,
        funding=funding,
        extras={"Keterangan": "data ilustrasi / illustrative data"},
    )


def demo_bundle() -> RegionBundle:
    """The Gunung Mas demonstration bundle (illustrative data)."""
    # Long: the illustrative region written out as data, one document after another; there is no
    # logic to split.
    region = RegionCode.parse("62.10")
    period = PlanPeriod(2024, 2028)
    apbd = FundingSource.APBD_KABKOTA
    activities = (
        _activity(
            "1",
            "Pembangunan IPLT Kuala Kurun",
            "1.03.05.2.01.0036",
            Subsector.AIR_LIMBAH_DOMESTIK,
            PolicyDirection.INFRASTRUKTUR_LAYANAN,
            _PUPR,
            {2025: "2.500.000.000", 2026: "1.500.000.000"},
            {apbd: "500.000.000", FundingSource.DAK_FISIK: "1.000.000.000"},
        ),
        _activity(
            "2",
            "Penyediaan jasa penyedotan lumpur tinja (L2T2)",
            "1.03.05.2.01.0033",
            Subsector.AIR_LIMBAH_DOMESTIK,
            PolicyDirection.INFRASTRUKTUR_LAYANAN,
            _PUPR,
            {2024: "150.000.000", 2025: "150.000.000", 2026: "175.000.000"},
        ),
        _activity(
            "3",
            "Pembangunan TPS 3R",
            "1.03.04.2.01.0010",
            Subsector.PERSAMPAHAN,
            PolicyDirection.INFRASTRUKTUR_LAYANAN,
            _PUPR,
            {2025: "750.000.000"},
        ),
        _activity(
            "4",
            "Penyusunan Jakstrada pengelolaan sampah",
            "2.11.11.2.01.0008",
            Subsector.PERSAMPAHAN,
            PolicyDirection.KAPASITAS_INSTITUSI,
            _DLH,
            {2024: "200.000.000"},
        ),
        _activity(
            "5",
            "Pembangunan drainase lingkungan permukiman",
            "1.03.06.2.01.0012",
            Subsector.DRAINASE_LINGKUNGAN,
            PolicyDirection.INFRASTRUKTUR_LAYANAN,
            _PUPR,
            {2025: "1.200.000.000", 2027: "1.200.000.000"},
        ),
        _activity(
            "6",
            "Pemicuan STBM di desa prioritas",
            "1.02.05.2.02.0002",
            Subsector.PHBS_HIGIENE,
            PolicyDirection.PERUBAHAN_PERILAKU,
            _DINKES,
            {2024: "120.000.000", 2025: "120.000.000", 2026: "120.000.000"},
        ),
    )
    ssk = StrategiSanitasi(
        region=region,
        period=period,
        title="Strategi Sanitasi Kabupaten Gunung Mas 2024-2028 (ilustrasi)",
        adoption=Adoption(instrument="Perbup", number="(ilustrasi)", date="2023-12-15"),
        vision="Terwujudnya sanitasi aman dan berkelanjutan di Kabupaten Gunung Mas",
        missions=("Meningkatkan akses sanitasi aman", "Memperkuat kelembagaan sanitasi"),
        targets=(
            Target(
                year=2028,
                indicator="Akses sanitasi layak",
                value=Decimal(90),
                subsector=Subsector.AIR_LIMBAH_DOMESTIK,
                measure=AccessMeasure.LAYAK,
            ),
            Target(
                year=2028,
                indicator="Akses sanitasi aman",
                value=Decimal(15),
                subsector=Subsector.AIR_LIMBAH_DOMESTIK,
                measure=AccessMeasure.AMAN,
            ),
        ),
        activities=activities,
        working_group=WorkingGroup(
            kind=WorkingGroupKind.PPAS,
            name="Pokja PPAS Kabupaten Gunung Mas",
            members=(_BAPPEDA, _PUPR, _DLH, _DINKES),
        ),
    )
    line = PlanLine  # the RKPD 2025 carries four of the five activities planned for 2025
    rkpd = RKPD(
        region=region,
        year=2025,
        title="RKPD Kabupaten Gunung Mas Tahun 2025 (ilustrasi)",
        lines=(
            line(
                name="Pembangunan Instalasi Pengolahan Lumpur Tinja (IPLT)",
                code=NomenclatureCode.parse("1.03.05.2.01.0036"),
                level=CodeLevel.SUB_KEGIATAN,
                agency=Agency("Dinas Pekerjaan Umum dan Penataan Ruang"),
                pagu=Rupiah.parse("1.500.000.000"),
                location="Kuala Kurun",
                funding=(
                    Funding(
                        source=FundingSource.DAK_FISIK,
                        label="DAK Fisik-Bidang Sanitasi-Reguler",
                        sipd_code="2.2.1.1.3.9",
                    ),
                ),
            ),
            line(
                name="Penyediaan Jasa Penyedotan Lumpur Tinja",
                code=NomenclatureCode.parse("1.03.05.2.01.0033"),
                level=CodeLevel.SUB_KEGIATAN,
                agency=Agency("DPUPR"),
                pagu=Rupiah.parse("150.000.000"),
            ),
            line(
                name="Pembangunan Sistem Drainase Lingkungan",
                code=NomenclatureCode.parse("1.03.06.2.01.0012"),
                level=CodeLevel.SUB_KEGIATAN,
                agency=_PUPR,
                pagu=Rupiah.parse("800.000.000"),
            ),
            line(
                name="Penumbuhan Kesadaran Keluarga dalam Menerapkan PHBS",
                code=NomenclatureCode.parse("1.02.05.2.02.0002"),
                level=CodeLevel.SUB_KEGIATAN,
                agency=_DINKES,
                pagu=Rupiah.parse("120.000.000"),
            ),
        ),
    )
    return RegionBundle(
        region=region,
        ssk=(ssk,),
        rkpd=(rkpd,),
        working_groups=(ssk.working_group,) if ssk.working_group else (),
    )
