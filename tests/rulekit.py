"""A clean region bundle on which every rule of the catalogue passes, and the mutations that
make each rule fire. Used by test_rules.py and by rule_cases/build.py (which writes the
data-driven cases auditors can read and copy)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from ppsp.domain import (
    DPA,
    RKPD,
    RPJMD,
    AccessMeasure,
    AccessProfile,
    Adoption,
    Agency,
    BudgetLine,
    BukuPutihSanitasi,
    Funding,
    FundingSource,
    NomenclatureCode,
    PlanLine,
    PlanPeriod,
    PolicyDirection,
    RegionBundle,
    RegionCode,
    RenjaPD,
    RenstraLine,
    RenstraPD,
    RPJMDProgram,
    Rupiah,
    SSKActivity,
    StrategiSanitasi,
    Subsector,
    Target,
    WorkingGroup,
    YearAmount,
)
from ppsp.domain.agency import WorkingGroupKind
from ppsp.domain.implementation import (
    ImplementationRecord,
    MilestoneCode,
    MilestoneState,
    MilestoneStatus,
    ReadinessCriteria,
    ReportRecipient,
    ReportSent,
)
from ppsp.domain.location import SourceLocation
from ppsp.domain.nomenclature import CodeLevel

REGION = RegionCode.parse("62.10")
YEAR = 2025
TODAY = "2025-06-30"
PUPR = Agency("Dinas Pekerjaan Umum dan Penataan Ruang")
DLH = Agency("Dinas Lingkungan Hidup")
DINKES = Agency("Dinas Kesehatan")
BAPPEDA = Agency("Bappeda")
APBD = FundingSource.APBD_KABKOTA


def rp(millions: int | str) -> Rupiah:
    return Rupiah(Decimal(str(millions)) * 1_000_000)


def code(text: str) -> NomenclatureCode:
    return NomenclatureCode.parse(text)


def _where(row: int, column: str = "B", sheet: str = "Matriks") -> SourceLocation:
    return SourceLocation(file="ssk.xlsx", sheet=sheet, row=row, column=column)


def activity(
    number: str,
    name: str,
    code_text: str | None,
    subsector: Subsector,
    direction: PolicyDirection,
    agency: Agency | None,
    cost_2025: int,
    source: FundingSource = APBD,
    location: str | None = "Kuala Kurun",
) -> SSKActivity:
    row = 8 + int(number)
    return SSKActivity(
        number=number,
        name=name,
        code=code(code_text) if code_text else None,
        subsector=subsector,
        policy_direction=direction,
        agency=agency,
        location=location,
        costs=(YearAmount(year=2025, amount=rp(cost_2025)), YearAmount(year=2026, amount=rp(100))),
        funding=(
            Funding(source=source, year=2025, amount=rp(cost_2025)),
            Funding(source=source, year=2026, amount=rp(100)),
        ),
        total=rp(cost_2025 + 100),
        source=_where(row, "A"),
        cells={"name": _where(row, "C"), "total": _where(row, "K"), "agency": _where(row, "M")},
    )


ACTIVITIES = (
    activity(
        "1",
        "Pembangunan IPLT Kuala Kurun",
        "1.03.05.2.01.0036",
        Subsector.AIR_LIMBAH_DOMESTIK,
        PolicyDirection.INFRASTRUKTUR_LAYANAN,
        PUPR,
        2500,
    ),
    activity(
        "2",
        "Penyediaan sarana TPS 3R",
        "2.11.11.2.01.0007",
        Subsector.PERSAMPAHAN,
        PolicyDirection.INFRASTRUKTUR_LAYANAN,
        DLH,
        800,
    ),
    activity(
        "3",
        "Pembangunan drainase lingkungan permukiman",
        "1.03.06.2.01.0012",
        Subsector.DRAINASE_LINGKUNGAN,
        PolicyDirection.INFRASTRUKTUR_LAYANAN,
        PUPR,
        1200,
    ),
    activity(
        "4",
        "Kampanye PHBS dan pemicuan STBM",
        "1.02.05.2.02.0001",
        Subsector.PHBS_HIGIENE,
        PolicyDirection.PERUBAHAN_PERILAKU,
        DINKES,
        150,
    ),
    activity(
        "5",
        "Penyusunan rencana induk SPALD",
        "1.03.05.2.01.0041",
        Subsector.AIR_LIMBAH_DOMESTIK,
        PolicyDirection.KAPASITAS_INSTITUSI,
        PUPR,
        300,
    ),
    activity(
        "6",
        "Fasilitasi komitmen bupati untuk layanan sanitasi",
        "1.03.05.2.01.0026",
        Subsector.LINTAS_SEKTOR,
        PolicyDirection.KOMITMEN_KEPALA_DAERAH,
        PUPR,
        50,
    ),
    activity(
        "7",
        "Pembangunan tangki septik individual",
        "1.03.05.2.01.0039",
        Subsector.AIR_LIMBAH_DOMESTIK,
        PolicyDirection.KERJASAMA_PENDANAAN,
        PUPR,
        900,
        source=FundingSource.DAK_FISIK,
    ),
)

#: the activities the region's budget documents hold: those of its APBD and of the DAK
#: transferred into it (domain brief 4.4)
_APBD_ACTIVITIES = [
    a
    for a in ACTIVITIES
    if a.sources() <= {APBD, FundingSource.DAK_FISIK, FundingSource.DAK_NON_FISIK}
]


def _plan_line(a: SSKActivity, pagu: Rupiah, row: int, sheet: str) -> PlanLine:
    return PlanLine(
        name=(a.code and _OFFICIAL.get(str(a.code))) or a.name,
        code=a.code,
        level=CodeLevel.SUB_KEGIATAN,
        agency=a.agency,
        location=a.location,
        pagu=pagu,
        funding=tuple(
            Funding(source=s, label="APBD Kabupaten" if s is APBD else "DAK Fisik")
            for s in sorted(a.sources(), key=lambda s: s.value)
        ),
        source=SourceLocation(file=f"{sheet.lower()}.xlsx", sheet=sheet, row=row, column="A"),
        cells={
            "pagu": SourceLocation(file=f"{sheet.lower()}.xlsx", sheet=sheet, row=row, column="H")
        },
    )


_OFFICIAL = {
    "1.03.05.2.01.0039": "Penyediaan Sub Sistem Pengolahan Air Limbah Domestik (SPALD) Setempat",
    "1.03.05.2.01.0036": "Pembangunan Instalasi Pengolahan Lumpur Tinja (IPLT)",
    "2.11.11.2.01.0007": "Penyediaan Sarana dan Prasarana Pengelolaan Persampahan di TPA/TPST/SPA",
    "1.03.06.2.01.0012": "Pembangunan Sistem Drainase Lingkungan",
    "1.02.05.2.02.0001": "Penyelenggaraan Promosi Kesehatan dan Gerakan Hidup Bersih dan Sehat",
    "1.03.05.2.01.0041": "Penyusunan Rencana, Kebijakan, Strategi dan Teknis SPALD",
    "1.03.05.2.01.0026": "Fasilitasi Kerja Sama Penyelenggaraan SPALD di Daerah Kabupaten/Kota",
}


def _lines(sheet: str) -> tuple[PlanLine, ...]:
    return tuple(
        _plan_line(a, a.cost_in(YEAR) or Rupiah.zero(), 10 + i, sheet)
        for i, a in enumerate(_APBD_ACTIVITIES)
    )


def clean_bundle() -> RegionBundle:
    """A bundle of Kabupaten Gunung Mas (illustrative) on which no rule finds anything."""
    period = PlanPeriod(2024, 2028)
    group = WorkingGroup(
        kind=WorkingGroupKind.PKP,
        name="Pokja PKP Kabupaten Gunung Mas",
        members=(PUPR, DLH, DINKES, BAPPEDA),
    )
    ssk = StrategiSanitasi(
        region=REGION,
        period=period,
        title="SSK Kabupaten Gunung Mas 2024-2028",
        adoption=Adoption(instrument="Perbup Gunung Mas", number="12", date="2024-03-04"),
        targets=(
            Target(
                year=2028, indicator="Akses sanitasi layak", value=92, measure=AccessMeasure.LAYAK
            ),
            Target(
                year=2028, indicator="Akses sanitasi aman", value=15, measure=AccessMeasure.AMAN
            ),
            Target(year=2028, indicator="BABS", value=0, measure=AccessMeasure.BABS),
        ),
        activities=ACTIVITIES,
        working_group=group,
        source=SourceLocation(file="ssk.xlsx", sheet="Matriks"),
    )
    programs = {}
    for a in _APBD_ACTIVITIES:
        program = a.code.program if a.code else None
        if program is not None:
            programs[program] = a
    rpjmd = RPJMD(
        region=REGION,
        period=PlanPeriod(2025, 2029),
        programs=tuple(
            RPJMDProgram(
                name=f"Program {p}",
                code=p,
                agencies=(a.agency,) if a.agency else (),
                pagu=(YearAmount(year=2025, amount=rp(5000)),),
            )
            for p, a in programs.items()
        ),
    )
    renstra = tuple(
        RenstraPD(
            region=REGION,
            period=PlanPeriod(2025, 2029),
            agency=agency,
            lines=tuple(
                RenstraLine(
                    name=_OFFICIAL[str(a.code)],
                    code=a.code,
                    level=CodeLevel.SUB_KEGIATAN,
                    pagu=(YearAmount(year=2025, amount=a.cost_in(2025) or Rupiah.zero()),),
                )
                for a in _APBD_ACTIVITIES
                if a.agency is agency and a.code
            ),
        )
        for agency in (PUPR, DLH, DINKES)
    )
    renja = tuple(
        RenjaPD(
            region=REGION,
            year=YEAR,
            agency=agency,
            lines=tuple(ln for ln in _lines("Renja") if ln.agency is agency),
        )
        for agency in (PUPR, DLH, DINKES)
    )
    implementation = ImplementationRecord(
        region=REGION,
        milestones=(
            MilestoneStatus(
                code=MilestoneCode.M1, state=MilestoneState.COMPLETE, completed_date="2022-10-01"
            ),
            MilestoneStatus(
                code=MilestoneCode.M2, state=MilestoneState.COMPLETE, completed_date="2023-06-01"
            ),
            MilestoneStatus(
                code=MilestoneCode.M3, state=MilestoneState.IN_PROGRESS, planned_date="2025-12-31"
            ),
        ),
        readiness=(
            ReadinessCriteria(
                activity="Pembangunan tangki septik individual",
                funding_source=FundingSource.DAK_FISIK,
                year=2025,
                recorded_on="2024-09-15",
            ),
        ),
        reports=(ReportSent(year=2024, recipient=ReportRecipient.NAWASIS, date="2025-02-10"),),
    )
    bps = BukuPutihSanitasi(
        region=REGION,
        year=2023,
        access_profiles=(
            AccessProfile(
                year=2023,
                aman=8,
                layak_sendiri=60,
                layak_bersama=10,
                belum_layak=15,
                babs_tertutup=4,
                babs_terbuka=3,
            ),
        ),
    )
    return RegionBundle(
        region=REGION,
        bps=(bps,),
        ssk=(ssk,),
        rpjmd=(rpjmd,),
        renstra=renstra,
        rkpd=(RKPD(region=REGION, year=YEAR, lines=_lines("RKPD")),),
        renja=renja,
        dpa=(DPA(region=REGION, year=YEAR, lines=tuple(_budget(ln) for ln in _lines("DPA"))),),
        implementation=implementation,
    )


def _budget(line: PlanLine) -> BudgetLine:
    return BudgetLine(
        name=line.name,
        code=line.code,
        agency=line.agency,
        location=line.location,
        pagu=line.pagu,
        funding=line.funding,
        source=line.source,
        cells=line.cells,
    )


# -- mutations ---------------------------------------------------------------------------------


def _ssk(bundle: RegionBundle, **changes: Any) -> RegionBundle:
    return attrs.evolve(bundle, ssk=(attrs.evolve(bundle.ssk[0], **changes),))


def _activities(
    bundle: RegionBundle, change: Callable[[int, SSKActivity], SSKActivity | None]
) -> RegionBundle:
    kept = []
    for i, a in enumerate(bundle.ssk[0].activities):
        changed = change(i, a)
        if changed is not None:
            kept.append(changed)
    return _ssk(bundle, activities=tuple(kept))


def _drop_lines(doc: Any, code_text: str) -> Any:
    return attrs.evolve(doc, lines=tuple(ln for ln in doc.lines if str(ln.code) != code_text))


def _impl(bundle: RegionBundle, **changes: Any) -> RegionBundle:
    assert bundle.implementation is not None
    return attrs.evolve(bundle, implementation=attrs.evolve(bundle.implementation, **changes))


IPLT = "1.03.05.2.01.0036"
DRAIN = "1.03.06.2.01.0012"


def _rkpd_pagu(bundle: RegionBundle) -> RegionBundle:
    def cut(doc: Any) -> Any:
        return attrs.evolve(
            doc,
            lines=tuple(
                attrs.evolve(ln, pagu=rp(600)) if str(ln.code) == DRAIN else ln for ln in doc.lines
            ),
        )

    return attrs.evolve(bundle, rkpd=tuple(cut(d) for d in bundle.rkpd))


def uncoded_iplt(
    bundle: RegionBundle, name: str = "Pembangunan Pengolahan Tinja Kuala Kurun"
) -> RegionBundle:
    """``bundle`` with the RKPD's IPLT line stripped of its code and renamed ``name``."""

    def strip(doc: Any) -> Any:
        return attrs.evolve(
            doc,
            lines=tuple(
                attrs.evolve(ln, code=None, name=name) if str(ln.code) == IPLT else ln
                for ln in doc.lines
            ),
        )

    return attrs.evolve(bundle, rkpd=tuple(strip(d) for d in bundle.rkpd))


def _renja_elsewhere(bundle: RegionBundle) -> RegionBundle:
    pupr, dlh, dinkes = bundle.renja
    moved = [ln for ln in pupr.lines if str(ln.code) == IPLT]
    return attrs.evolve(
        bundle,
        renja=(_drop_lines(pupr, IPLT), attrs.evolve(dlh, lines=dlh.lines + tuple(moved)), dinkes),
    )


def _dpa_zero(bundle: RegionBundle) -> RegionBundle:
    dpa = bundle.dpa[0]
    lines = tuple(
        attrs.evolve(ln, pagu=Rupiah.zero()) if str(ln.code) == IPLT else ln for ln in dpa.lines
    )
    return attrs.evolve(bundle, dpa=(attrs.evolve(dpa, lines=lines),))


def _subtotal(bundle: RegionBundle) -> RegionBundle:
    dpa = bundle.dpa[0]
    parent = BudgetLine(
        name="Pengelolaan dan Pengembangan Sistem Air Limbah Domestik",
        code=code("1.03.05.2.01"),
        pagu=rp(1000),
        source=SourceLocation(file="dpa.xlsx", sheet="DPA", row=9, column="A"),
    )
    return attrs.evolve(bundle, dpa=(attrs.evolve(dpa, lines=(parent, *dpa.lines)),))


#: rule id -> (what the mutation does, the mutation)
MUTATIONS: dict[str, tuple[str, Callable[[RegionBundle], RegionBundle]]] = {
    "DOC001": ("the bundle has no SSK", lambda b: attrs.evolve(b, ssk=())),
    "DOC002": (
        "the only SSK is for 2019-2023",
        lambda b: _ssk(b, period=PlanPeriod(2019, 2023), activities=(), targets=()),
    ),
    "DOC003": (
        "the SSK ends in 2025 (within a year of the audit date)",
        lambda b: _ssk(
            b,
            period=PlanPeriod(2021, 2025),
            targets=tuple(attrs.evolve(t, year=2025) for t in b.ssk[0].targets),
            activities=tuple(_only_2025(a) for a in b.ssk[0].activities),
        ),
    ),
    "DOC004": ("the SSK has no adoption", lambda b: _ssk(b, adoption=None)),
    "DOC005": (
        "the RKPD names Kabupaten Katingan (62.06)",
        lambda b: attrs.evolve(
            b, rkpd=(attrs.evolve(b.rkpd[0], region=RegionCode.parse("62.06")),)
        ),
    ),
    "DOC006": ("the RKPD is absent", lambda b: attrs.evolve(b, rkpd=())),
    "INT001": (
        "the RPJMD lacks the drainage program",
        lambda b: attrs.evolve(b, rpjmd=(_drop_lines_rpjmd(b.rpjmd[0], "1.03.06"),)),
    ),
    "INT002": (
        "the PUPR Renstra lacks the IPLT sub kegiatan",
        lambda b: attrs.evolve(b, renstra=(_drop_lines(b.renstra[0], IPLT), *b.renstra[1:])),
    ),
    "INT003": (
        "the RKPD lacks the IPLT line",
        lambda b: attrs.evolve(b, rkpd=(_drop_lines(b.rkpd[0], IPLT),)),
    ),
    "INT004": ("the IPLT line is in the DLH Renja instead of PUPR's", _renja_elsewhere),
    "INT005": ("the DPA gives the IPLT line a pagu of zero", _dpa_zero),
    "INT006": ("the RKPD drainage pagu is Rp 600 juta against Rp 1.200 juta", _rkpd_pagu),
    "INT007": ("the RKPD IPLT line lost its code and half its name", uncoded_iplt),
    "INT008": (
        "activity 5 carries the unknown code 1.03.05.2.01.0099",
        lambda b: _activities(
            b, lambda i, a: attrs.evolve(a, code=code("1.03.05.2.01.0099")) if i == 4 else a
        ),
    ),
    "FIN001": (
        "activity 1's total says Rp 9.999 juta",
        lambda b: _activities(b, lambda i, a: attrs.evolve(a, total=rp(9999)) if i == 0 else a),
    ),
    "FIN002": (
        "activity 1's 2025 split is Rp 1.500 juta against Rp 2.500 juta",
        lambda b: _activities(
            b,
            lambda i, a: (
                attrs.evolve(
                    a, funding=(Funding(source=APBD, year=2025, amount=rp(1500)), *a.funding[1:])
                )
                if i == 0
                else a
            ),
        ),
    ),
    "FIN003": (
        "activity 2 is funded from 'Dana Siluman' (no known source)",
        lambda b: _activities(
            b,
            lambda i, a: (
                attrs.evolve(
                    a,
                    funding=(
                        *a.funding,
                        Funding(source=FundingSource.LAINNYA, label="Dana Siluman"),
                    ),
                )
                if i == 1
                else a
            ),
        ),
    ),
    "FIN004": (
        "the readiness criteria are missing",
        lambda b: _impl(b, readiness=()),
    ),
    "FIN005": ("a DPA kegiatan line says Rp 1.000 juta above sub kegiatan worth more", _subtotal),
    "STR001": (
        "no activity under 'komitmen kepala daerah'",
        lambda b: _activities(b, lambda i, a: None if i == 5 else a),
    ),
    "STR002": (
        "no drainage activity",
        lambda b: _activities(b, lambda i, a: None if i == 2 else a),
    ),
    "STR003": (
        "activity 4 has no agency",
        lambda b: _activities(b, lambda i, a: attrs.evolve(a, agency=None) if i == 3 else a),
    ),
    "STR004": (
        "Dinas Kesehatan is not in the Pokja",
        lambda b: _ssk(
            b,
            working_group=attrs.evolve(b.ssk[0].working_group, members=(PUPR, DLH, BAPPEDA)),
        ),
    ),
    "STR005": (
        "the SSK aims at 10 % aman",
        lambda b: _ssk(
            b,
            targets=tuple(
                attrs.evolve(t, value=10) if t.measure is AccessMeasure.AMAN else t
                for t in b.ssk[0].targets
            ),
        ),
    ),
    "STR006": (
        "the access profile adds up to 97 %",
        lambda b: attrs.evolve(
            b,
            bps=(
                attrs.evolve(
                    b.bps[0],
                    access_profiles=(attrs.evolve(b.bps[0].access_profiles[0], babs_terbuka=0),),
                ),
            ),
        ),
    ),
    "MIL001": (
        "M3 is complete while M2 is in progress",
        lambda b: _impl(
            b,
            milestones=(
                b.implementation.milestones[0],  # type: ignore[union-attr]
                attrs.evolve(b.implementation.milestones[1], state=MilestoneState.IN_PROGRESS),  # type: ignore[union-attr]
                attrs.evolve(b.implementation.milestones[2], state=MilestoneState.COMPLETE),  # type: ignore[union-attr]
            ),
        ),
    ),
    "MIL002": (
        "M4 is in progress without a decree",
        lambda b: _impl(
            b,
            milestones=(
                *b.implementation.milestones,  # type: ignore[union-attr]
                MilestoneStatus(code=MilestoneCode.M4, state=MilestoneState.IN_PROGRESS),
            ),
        ),
    ),
    "MIL003": (
        "M3 was planned for 2025-03-31",
        lambda b: _impl(
            b,
            milestones=(
                *b.implementation.milestones[:2],  # type: ignore[union-attr]
                attrs.evolve(b.implementation.milestones[2], planned_date="2025-03-31"),  # type: ignore[union-attr]
            ),
        ),
    ),
    "MIL004": ("no report of 2024 was sent", lambda b: _impl(b, reports=())),
}


def _only_2025(a: SSKActivity) -> SSKActivity:
    return attrs.evolve(
        a,
        costs=tuple(c for c in a.costs if c.year == 2025),
        funding=tuple(f for f in a.funding if f.year == 2025),
        total=a.cost_in(2025),
    )


def _drop_lines_rpjmd(rpjmd: RPJMD, program: str) -> RPJMD:
    return attrs.evolve(rpjmd, programs=tuple(p for p in rpjmd.programs if str(p.code) != program))


# -- situations the linker must read as a planner would (issue 11) ---------------------------


def _first_iplt(bundle: RegionBundle, **activity: Any) -> RegionBundle:
    return _activities(bundle, lambda i, a: attrs.evolve(a, **activity) if i == 0 else a)


def _rkpd_lines(bundle: RegionBundle, change: Callable[[PlanLine], PlanLine]) -> RegionBundle:
    def each(doc: Any) -> Any:
        return attrs.evolve(doc, lines=tuple(change(ln) for ln in doc.lines))

    return attrs.evolve(bundle, rkpd=tuple(each(d) for d in bundle.rkpd))


def _pokja_words(bundle: RegionBundle) -> RegionBundle:
    """The SSK names the activity as a Pokja does, with no code and the agency as 'DPUPR'."""
    return _first_iplt(
        bundle, name="Bangun IPLT baru di Kuala Kurun", code=None, agency=Agency("DPUPR")
    )


def _two_places(bundle: RegionBundle) -> RegionBundle:
    """Activity and line carry the same code and name the same two places."""
    where = "Kec. Amen, Kec. Lebong Tengah"
    bundle = _first_iplt(bundle, location=where)
    return _rkpd_lines(
        bundle, lambda ln: attrs.evolve(ln, location=where) if str(ln.code) == IPLT else ln
    )


def _dak_short(bundle: RegionBundle) -> RegionBundle:
    """The IPLT is paid by DAK Fisik (Rp 2.500 juta); the RKPD gives it Rp 1 juta."""
    bundle = _first_iplt(
        bundle,
        funding=(
            Funding(source=FundingSource.DAK_FISIK, amount=rp(2500), year=2025),
            Funding(source=FundingSource.APBD_KABKOTA, amount=rp(100), year=2026),
        ),
    )
    return _rkpd_lines(
        bundle,
        lambda ln: attrs.evolve(ln, pagu=Rupiah(1_000_000)) if str(ln.code) == IPLT else ln,
    )


def _dpa_per_agency(bundle: RegionBundle) -> RegionBundle:
    """The one DPA of the clean bundle as one DPA per agency (PUPR, DLH, Dinkes)."""
    dpa = bundle.dpa[0]
    return attrs.evolve(
        bundle,
        dpa=tuple(
            attrs.evolve(
                dpa, agency=agency, lines=tuple(ln for ln in dpa.lines if ln.agency is agency)
            )
            for agency in (PUPR, DLH, DINKES)
        ),
    )


def _two_agencies_dropped_from_dpa(bundle: RegionBundle) -> RegionBundle:
    """The IPLT activity's agency cell names two agencies, 'Bappeda, Dinas PUPR' (found by a new
    user in Lombok Timur); the RKPD holds its line, the PUPR DPA dropped it."""
    bundle = _first_iplt(bundle, agency=Agency("Bappeda, Dinas PUPR"))
    bundle = _dpa_per_agency(bundle)
    return attrs.evolve(
        bundle, dpa=tuple(_drop_lines(d, IPLT) if d.agency is PUPR else d for d in bundle.dpa)
    )


def _agency_cells_naming_several(bundle: RegionBundle) -> RegionBundle:
    """Agency cells as a Pokja writes them: a lead with a partner, a unit in brackets."""
    cells = {
        0: "Dinas Pekerjaan Umum dan Penataan Ruang (UPTD PALD)",
        1: "Dinas Lingkungan Hidup, Baznas",
        2: "Dinas PUPR, Bagian Hukum",
        3: "Dinas Kesehatan, Diskominfo",
    }
    bundle = _dpa_per_agency(bundle)
    return _activities(
        bundle, lambda i, a: attrs.evolve(a, agency=Agency(cells[i])) if i in cells else a
    )


#: Situations beyond one mutation per rule: (description, change, rules, expected status).
SITUATIONS: dict[str, tuple[str, Callable[[RegionBundle], RegionBundle], str, str]] = {
    "INT003-pokja-words-without-code-passes": (
        "'Bangun IPLT baru di Kuala Kurun' by 'DPUPR', no code, is the RKPD's coded IPLT line",
        _pokja_words,
        "INT003",
        "passed",
    ),
    "INT003-two-places-same-code-passes": (
        "the same code and the same two kecamatan on both sides",
        _two_places,
        "INT003",
        "passed",
    ),
    "INT005-cell-naming-two-agencies-fires": (
        "activity 1's cell names 'Bappeda, Dinas PUPR'; the PUPR DPA dropped its IPLT line",
        _two_agencies_dropped_from_dpa,
        "INT005",
        "issues",
    ),
    "DOC006-cells-naming-several-agencies-passes": (
        "cells name a lead agency with a partner or a unit in brackets; the leads' documents exist",
        _agency_cells_naming_several,
        "DOC006",
        "passed",
    ),
    "INT006-dak-funded-shortfall-fires": (
        "a DAK-funded activity of Rp 2.500 juta gets Rp 1 juta in the RKPD",
        _dak_short,
        "INT006",
        "issues",
    ),
}
