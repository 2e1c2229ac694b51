"""The linker: names read the way SSKs write them, evidence with weights, three outcomes."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ppsp.domain import (
    Agency,
    DocumentKind,
    PlanLine,
    RegionBundle,
    SSKActivity,
    Subsector,
    sanitation_code_lists,
)
from ppsp.errors import PpspError
from ppsp.rules import Settings, check
from ppsp.rules.linking import (
    LinkMethod,
    LinkOptions,
    Reader,
    Thesaurus,
    TraceStatus,
    Weights,
    infer_codes,
    link,
)
from ppsp.rules.linking.agencies import agency_agreement, functions
from ppsp.rules.linking.compare import _actions
from ppsp.rules.linking.linker import _targets, carried_forward, with_plan_lines
from ppsp.rules.linking.places import location_agreement, places
from ppsp.rules.linking.text import fold, stem
from rulekit import YEAR, clean_bundle, code, rp

READER = Reader.default()
CODES_2025 = sanitation_code_lists().for_year(2025)


# -- reading names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Pembangunan IPLT", "pembangunan instalasi pengolahan lumpur tinja"),
        ("penyedotan lumpur tinja", "Penyedot Lumpur Tinja"),
        ("Pengangkutan Sampah", "pengangkut sampah"),
        ("dibangun IPAL", "Pembangunan Instalasi Pengolahan Air Limbah"),
        ("Pemb. SPALD-T", "pembangunan sistem pengelolaan air limbah domestik terpusat"),
        ("TPS-3R", "TPS 3R"),
        # Sastrawi alone reads "memilah" as "mem" (it takes -lah for the particle)
        ("memilah sampah", "pemilahan sampah"),
    ],
)
def test_spellings_of_one_name_read_alike(a: str, b: str) -> None:
    assert set(READER.read(a).words) == set(READER.read(b).words)


@pytest.mark.parametrize(
    ("everyday", "official", "concept"),
    [
        (
            "Pembangunan Tangki Septik Komunal",
            "Penyediaan Sub Sistem Pengolahan Air Limbah Domestik (SPALD) Setempat",
            "spald-setempat",
        ),
        ("Pengadaan Mobil Tinja", "Penyediaan Sarana Pengangkutan Lumpur Tinja", "angkut-tinja"),
        (
            "Penyedotan Lumpur Tinja Rutin bagi Rumah Tangga",
            "Penyediaan Jasa Penyedotan Lumpur Tinja",
            "sedot-tinja",
        ),
        (
            "Pengadaan Motor Sampah Roda Tiga",
            "Penanganan sampah melalui pengangkutan",
            "angkut-sampah",
        ),
        ("Verifikasi Desa ODF", "Pengelolaan Pelayanan Kesehatan Lingkungan", "kesling"),
        (
            "Penyusunan Masterplan Air Limbah",
            "Penyusunan Rencana, Kebijakan, Strategi dan Teknis SPALD",
            "rencana-spald",
        ),
        (
            "Pembentukan Bank Sampah",
            "Peningkatan Peran Serta Masyarakat dalam Pengelolaan Persampahan",
            "peran-masyarakat-sampah",
        ),
        ("Pemicuan STBM", "Pengelolaan Pelayanan Kesehatan Lingkungan", "kesling"),
    ],
)
def test_the_thesaurus_joins_everyday_words_to_the_nomenclature(
    everyday: str, official: str, concept: str
) -> None:
    assert concept in READER.read(everyday).concepts
    assert concept in READER.read(official).concepts


def test_every_thesaurus_entry_names_its_source_and_reads() -> None:
    thesaurus = Thesaurus.default()
    assert len(thesaurus) > 60
    for entry in thesaurus.entries:
        assert entry.source, entry
        for term in entry.terms:
            reading = READER.read(term)
            assert reading.words or entry.means in ("kabupaten",), term


def test_a_users_thesaurus_row_is_used() -> None:
    mine = Thesaurus.read_csv(
        "kind,terms,means,concept,source\nsynonym,gerobak lumpur,sarana pengangkutan lumpur tinja,angkut-tinja,our office\n"
    )
    reader = Reader(Thesaurus.default().extended(mine))
    assert "angkut-tinja" in reader.read("Bantuan Gerobak Lumpur").concepts
    assert "angkut-tinja" not in READER.read("Bantuan Gerobak Lumpur").concepts


def test_a_bad_thesaurus_row_names_its_row() -> None:
    with pytest.raises(PpspError) as info:
        Thesaurus.read_csv("kind,terms,means,concept,source\nsynonim,x,y,z,\n", origin="mine.csv")
    assert "mine.csv" in str(info.value) and "2" in str(info.value)


@given(st.text(max_size=60))
def test_reading_never_fails_and_is_stable(text: str) -> None:
    first = READER.read(text)
    assert READER.read(text) == first
    assert all(w == w.lower() and " " not in w for w in first.words)


@given(st.sampled_from(["bangun", "sedot", "angkut", "olah", "kelola", "pelihara"]))
def test_stemming_is_idempotent(word: str) -> None:
    assert stem(stem(word)) == stem(word)


def test_fold_drops_accents_and_punctuation() -> None:
    assert fold("Pembangunan IPAL (Komunal), Desa Tëwah") == [
        "pembangunan",
        "ipal",
        "komunal",
        "desa",
        "tewah",
    ]


# -- agencies and places -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "official"),
    [
        ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"),
        ("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Lebong"),
        ("Dinas PU", "Dinas Pekerjaan Umum dan Penataan Ruang"),
        ("DLH", "Dinas Lingkungan Hidup"),
        ("Dinkes", "Dinas Kesehatan"),
        ("Perkim", "Dinas Perumahan dan Kawasan Permukiman"),
        ("Disperkim", "Dinas Perumahan Rakyat dan Kawasan Permukiman"),
        ("DPRKP", "Dinas Perumahan dan Kawasan Permukiman"),
        ("DLH", "Dinas Perumahan, Kawasan Permukiman dan Lingkungan Hidup"),
        ("Bappeda", "Badan Perencanaan Pembangunan Daerah"),
    ],
)
def test_agency_aliases_are_the_same_agency(written: str, official: str) -> None:
    assert agency_agreement(written, official) == "same"


def test_agencies_of_other_affairs_differ_and_unknown_says_nothing() -> None:
    assert agency_agreement("Dinkes", "Dinas PUPR") == "different"
    assert agency_agreement("Pokja Sanitasi", "Dinas PUPR") == "unknown"
    assert agency_agreement(None, "Dinas PUPR") == "unknown"
    assert functions("Dinas Pekerjaan Umum") == functions("DPUPR")


@pytest.mark.parametrize(
    ("activity", "line", "expected"),
    [
        ("Kec. Amen, Kec. Lebong Tengah", "Kec. Amen, Kec. Lebong Tengah", "agrees"),
        ("Kec. Amen, Kec. Lebong Tengah", "Lebong Tengah", "agrees"),
        ("Desa Tewah dan Desa Sei Riang", "Desa Sei Riang", "agrees"),
        ("Desa Tewah", "Desa Sei Riang", "conflicts"),
        ("12 Desa", "Desa Tewah", "unknown"),
        ("Kabupaten", "Desa Tewah", "unknown"),
        ("seluruh kecamatan", "Kec. Amen", "unknown"),
        (None, "Kec. Amen", "unknown"),
    ],
)
def test_locations_that_name_several_places(activity: str | None, line: str, expected: str) -> None:
    assert location_agreement(activity, line) == expected


def test_places_split_on_every_separator() -> None:
    assert len(places("Desa A, Desa B; Desa C / Desa D dan Desa E")) == 5


# -- inference ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Pengadaan Mobil Tinja", "1.03.05.2.01.0037"),
        ("Penyedotan Lumpur Tinja Rutin bagi Rumah Tangga", "1.03.05.2.01.0033"),
        ("Pembangunan Tangki Septik Komunal", "1.03.05.2.01.0039"),
        ("Pengadaan Motor Sampah Roda Tiga", "2.11.11.2.01.0012"),
        ("Verifikasi Desa ODF", "1.02.02.2.02.0017"),
        ("Pembangunan IPLT", "1.03.05.2.01.0036"),
    ],
)
def test_codes_are_inferred_with_their_reason(name: str, expected: str) -> None:
    found = infer_codes(SSKActivity(name=name), CODES_2025)
    assert expected in [str(c.code) for c in found]
    assert all(c.reasons for c in found)


def test_an_action_alone_infers_nothing_and_another_subsector_weighs_against() -> None:
    from ppsp.domain import Subsector

    # "monitoring" is all that "Monitoring kualitas air minum" shares with the solid-waste
    # monitoring code: no code is inferred from an action alone
    water = SSKActivity(name="Monitoring kualitas air minum", subsector=Subsector.PHBS_HIGIENE)
    assert all(not str(i.code).startswith("2.11.11") for i in infer_codes(water, CODES_2025))
    truck = SSKActivity(name="Pengadaan Mobil Tinja")
    own = infer_codes(truck, CODES_2025)[0]
    elsewhere = infer_codes(attrs.evolve(truck, subsector=Subsector.PERSAMPAHAN), CODES_2025)
    assert str(own.code) == "1.03.05.2.01.0037"
    assert all(i.code != own.code or i.score < own.score for i in elsewhere)


def test_a_kawasan_strategis_code_is_inferred_only_for_a_kawasan_strategis_activity() -> None:
    ordinary = infer_codes(SSKActivity(name="Pembangunan TPST Kuala Kurun"), CODES_2025)
    strategic = infer_codes(
        SSKActivity(name="Pengadaan truk tinja untuk Kawasan Strategis Kabupaten (KSK)"), CODES_2025
    )
    assert not str(ordinary[0].code).startswith("1.03.07")
    assert str(strategic[0].code) == "1.03.07.2.01.0010"


def test_the_longest_thesaurus_phrase_wins_and_soft_objects_make_coaching() -> None:
    from ppsp.rules.linking.compare import _actions
    from ppsp.rules.linking.text import Reader

    reader = Reader.default()
    sorting = reader.read("Pengadaan tong sampah terpilah")
    assert "pilah-sampah" in sorting.concepts
    assert "kumpul-sampah" not in sorting.concepts  # "tong sampah" lies inside the longer phrase
    assert "kumpul-sampah" in reader.read("Pengadaan tong sampah").concepts
    assert _actions(reader.read("Peningkatan Peran Serta Masyarakat")) == {"people"}
    assert _actions(reader.read("Peningkatan Sistem Drainase Lingkungan")) == {"improve"}


def test_industry_hospital_and_office_work_has_no_sanitation_counterpart() -> None:
    for name in ("Pembangunan IPAL industri tahu", "Pembangunan IPAL Rumah Sakit Umum Daerah"):
        found = infer_codes(SSKActivity(name=name), CODES_2025)
        assert all(i.score < 0.6 for i in found), (name, found)
    own = infer_codes(SSKActivity(name="Pembangunan IPAL komunal"), CODES_2025)
    assert own[0].score >= 0.6


def test_nothing_is_inferred_from_an_empty_list() -> None:
    from ppsp.domain import CodeList

    empty = CodeList("none", CODES_2025.decree, 2025, ())
    assert infer_codes(SSKActivity(name="Pengadaan Mobil Tinja"), empty) == ()


# -- evidence, outcomes ------------------------------------------------------------------


def _bundle_with(activity: SSKActivity, *lines: PlanLine) -> RegionBundle:
    bundle = clean_bundle()
    ssk = bundle.ssk[0]
    activity = attrs.evolve(
        ssk.activities[0],
        **{
            f.name: getattr(activity, f.name)
            for f in attrs.fields(SSKActivity)
            if f.name in ("name", "code", "location", "agency")
        },
    )
    rkpd = attrs.evolve(bundle.rkpd[0], lines=lines)
    return attrs.evolve(bundle, ssk=(attrs.evolve(ssk, activities=(activity,)),), rkpd=(rkpd,))


def _with_activity(bundle: RegionBundle, **changes: object) -> RegionBundle:
    """``bundle`` with its one activity's fields changed (those ``_bundle_with`` leaves)."""
    ssk = bundle.ssk[0]
    activity = attrs.evolve(ssk.activities[0], **changes)
    return attrs.evolve(bundle, ssk=(attrs.evolve(ssk, activities=(activity,)),))


def _rkpd_trace(bundle: RegionBundle, **options: object) -> object:
    trace = link(bundle, YEAR, LinkOptions(**options)).get(0, DocumentKind.RKPD)  # type: ignore[arg-type]
    assert trace is not None
    return trace


def test_an_exact_code_at_another_place_is_kept_for_review_not_thrown_away() -> None:
    activity = SSKActivity(
        name="Tangki septik individual",
        code=code("1.03.05.2.01.0039"),
        location="Kec. Amen, Kec. Lebong Tengah",
        agency=Agency("DPUPR"),
    )
    same_code = PlanLine(
        name="Penyediaan Sub Sistem Pengolahan Air Limbah Domestik (SPALD) Setempat",
        code=code("1.03.05.2.01.0039"),
        location="Kec. Rimbo Pengadang",
        agency=Agency("Dinas Pekerjaan Umum dan Penataan Ruang"),
        pagu=rp(900),
    )
    other = PlanLine(
        name="Pembangunan Tangki Septik Kec. Amen",
        code=code("1.03.05.2.01.0022"),
        location="Kec. Amen",
        agency=Agency("Dinas PUPR"),
        pagu=rp(900),
    )
    trace = _rkpd_trace(_bundle_with(activity, other, same_code))
    # the same code at another place, or a line of the activity's place under another code:
    # an auditor decides; neither is thrown away as "missing"
    assert trace.status is TraceStatus.REVIEW  # type: ignore[attr-defined]
    shown = {str(c.target.code): c for c in trace.candidates}  # type: ignore[attr-defined]
    assert {"1.03.05.2.01.0039", "1.03.05.2.01.0022"} <= set(shown)
    levels = {e.feature: e.level for e in shown["1.03.05.2.01.0039"].evidence}
    assert levels["location"] == "conflicts" and levels["code"] == "exact"


def test_an_activity_whose_own_line_is_planned_elsewhere_is_missing_not_a_support_line() -> None:
    activity = SSKActivity(name="Pembangunan IPLT", location="Kec. Tewah", agency=Agency("DPUPR"))
    own = PlanLine(
        name="Pembangunan Instalasi Pengolahan Lumpur Tinja (IPLT)",
        code=code("1.03.05.2.01.0036"),
        location="Kecamatan Kurun",
        agency=Agency("Dinas Pekerjaan Umum dan Penataan Ruang"),
        pagu=rp(900),
    )
    support = PlanLine(
        name="Penyediaan Sarana Pengangkutan Lumpur Tinja",
        code=code("1.03.05.2.01.0037"),
        location="Kabupaten Gunung Mas",
        agency=Agency("Dinas Pekerjaan Umum dan Penataan Ruang"),
        pagu=rp(900),
    )
    trace = _rkpd_trace(_bundle_with(activity, support, own))
    assert trace.status is TraceStatus.MISSING  # type: ignore[attr-defined]
    # the report names where the activity's own sub kegiatan is planned
    first = trace.candidates[0]  # type: ignore[attr-defined]
    assert str(first.target.code) == "1.03.05.2.01.0036"
    assert {e.feature: e.level for e in first.evidence}["location"] == "conflicts"
    assert first.elsewhere and not any(c.elsewhere for c in trace.candidates[1:])  # type: ignore[attr-defined]
    # and the INT003 message says the nearest line is planned at another place, in both languages
    findings = [
        f for f in check(_bundle_with(activity, support, own), YEAR).findings if f.rule == "INT003"
    ]
    assert len(findings) == 1
    assert "planned at another place (Kecamatan Kurun)" in findings[0].message("en")
    assert "direncanakan di tempat lain (Kecamatan Kurun)" in findings[0].message("id")
    assert findings[0].evidence["candidates"][0]["elsewhere"] is True
    # and so do the xlsx and HTML traceability cells, which list the candidates
    from ppsp.io.reports.traceability import candidates_text

    shown = candidates_text(trace.candidates, "en")  # type: ignore[attr-defined]
    assert shown.startswith("≈ 1.03.05.2.01.0036 ")
    assert "planned at another place (Kecamatan Kurun)" in shown.split(";")[0]
    assert "tempat lain" not in shown.split(";")[1]
    # at the activity's place, the same line links
    here = _rkpd_trace(_bundle_with(attrs.evolve(activity, location="Kec. Kurun"), support, own))
    assert here.status is not TraceStatus.MISSING  # type: ignore[attr-defined]
    assert str(here.links[0].target.code) == "1.03.05.2.01.0036"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("typo", "plan_name"),
    [
        ("Pembagunan TPST", "Pembangunan TPA/TPST/SPA/TPS-3R/TPS"),
        ("Pengangkuttan sampah", "Penanganan sampah melalui pengangkutan"),
    ],
)
def test_a_misspelt_word_with_its_affixes_is_mended_to_the_plans_stem(
    typo: str, plan_name: str
) -> None:
    from ppsp.rules.linking.compare import Space, _Line

    lines = [_Line(None, None, None, READER.read(plan_name))]  # type: ignore[arg-type]
    space = Space(lines)
    mended = space.mended(READER.read(typo))
    assert set(mended.words) - set(READER.read(plan_name).words) == set()


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("Pembagunan tanki septik komunal", "Pembangunan tangki septik komunal"),
        ("Pemicuaan STMB", "Pemicuan STBM"),
        ("Penyediaan PSU di perumahn", "Penyediaan PSU di perumahan"),
        ("Rehabiltasi saluran drinase", "Rehabilitasi saluran drainase"),
    ],
)
def test_a_slip_of_the_pen_is_read_as_the_word_before_the_thesaurus(typo: str, meant: str) -> None:
    # the thesaurus only knows the words spelt right: read after the mending, the slip names
    # the same things as the right spelling
    assert READER.read(typo).concepts == READER.read(meant).concepts
    assert READER.read(typo).concepts


@pytest.mark.parametrize(
    "word", ["pemberian", "pendapatan", "peringatan", "perusahaan", "sampai", "tinjau", "gotong"]
)
def test_an_indonesian_word_one_letter_from_a_code_list_word_is_no_slip(word: str) -> None:
    # pemberian is one letter from pembelian, sampai from sampah: the stemmer's dictionary of
    # root words says they are words of their own
    assert READER.read(word).words == (stem(word),)


@given(
    st.sampled_from(["pembangunan", "pengangkutan", "pemeliharaan", "rehabilitasi", "sosialisasi"]),
    st.data(),
)
def test_one_slip_inside_a_long_word_finds_the_word(word: str, data: st.DataObject) -> None:
    from ppsp.rules.linking.text import misspelt

    at = data.draw(st.integers(1, len(word) - 2))
    slip = data.draw(
        st.sampled_from(
            [
                word[:at] + word[at + 1 :],  # a letter left out
                word[:at] + word[at] + word[at:],  # a letter doubled
                word[:at] + word[at + 1] + word[at] + word[at + 2 :],  # two letters swapped
            ]
        )
    )
    vocabulary = {"pembangunan": 3, "pengangkutan": 2, "pemeliharaan": 2, "rehabilitasi": 1}
    vocabulary |= {"sosialisasi": 1, "sampah": 5}
    assert misspelt(slip, vocabulary) in (word, None if slip in vocabulary else word)


def test_a_bigger_facility_is_improvement_and_more_capable_people_are_coaching() -> None:
    from ppsp.rules.linking.compare import _actions

    for facility in ("Peningkatan kapasitas IPLT 20 m3/hari", "Meningkatkan kapasitas TPA"):
        assert "kelembagaan" not in READER.read(facility).concepts
        assert _actions(READER.read(facility)) == {"improve"}
    people = READER.read("Peningkatan kapasitas petugas drainase")
    assert "kelembagaan" in people.concepts
    assert _actions(people) == {"people"}


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("Pembangunan WC & wastafel sekolah SD/SMP", "where:sekolah"),
        ("Rehab toilet Puskesmas Pembantu", "where:bukan-domestik"),
        ("Pembangunan IPAL Puskesmas Tewah", "where:bukan-domestik"),
    ],
)
def test_a_facility_of_a_school_or_health_centre_is_for_that_kind_of_place(
    name: str, where: str
) -> None:
    assert where in READER.read(name).concepts


def test_promotion_at_school_is_no_school_facility_and_capitals_are_abbreviations() -> None:
    assert not any(c.startswith("where:") for c in READER.read("Kampanye CTPS di sekolah").concepts)
    # SMP is a school, not "sampah" written short as Smph is
    assert "sampah" not in READER.read("Sosialisasi PHBS di SMP").words
    assert "sampah" in READER.read("Pengadaan Smph truk").words


def test_a_kecamatan_named_kota_is_a_place_and_the_register_joins_words() -> None:
    from ppsp.rules.linking.gazetteer import Gazetteer
    from ppsp.rules.linking.gazetteer import location_agreement as in_register

    # "Kota" inside a kecamatan's name (Pontianak Kota, Medan Kota) is no whole city
    assert location_agreement("Kec. Pontianak Kota", "Kecamatan Pontianak Kota") == "agrees"
    assert location_agreement(
        "Kec. Pontianak Kota, Kec. Pontianak Barat", "Kec. Pontianak Barat"
    ) == ("agrees")
    assert location_agreement("Kota Pontianak", "Kecamatan Pontianak Kota") == "unknown"
    # the register writes Sungaijawi and Dalambugis where a Pokja writes two words
    pontianak = Gazetteer.for_region("61.71")
    if not len(pontianak):
        pytest.skip("the region register has no kecamatan of 61.71")
    cell = "Kel. Sungai Jawi, Kel. Sungai Bangkong"
    assert in_register(cell, "Kec. Pontianak Kota", pontianak) == "agrees"
    assert in_register("Kel. Dalam Bugis", "Kec. Pontianak Barat", pontianak) == "conflicts"


def test_upkeep_words_are_operation_and_kerja_bakti_is_no_cooperation() -> None:
    assert _actions(READER.read("Normalisasi parit dan saluran drainase")) == {"operate"}
    assert _actions(READER.read("Kerja bakti pembersihan saluran")) == {"operate"}
    assert _actions(READER.read("Kerja Sama Pengelolaan Persampahan")) == {"cooperate"}


def test_each_place_of_a_cell_has_its_own_tier() -> None:
    # "Kec. Rungan" in brackets makes the cell name a district, but Kuala Kurun itself says no
    # tier: it may lie in Kecamatan Kurun, so the line's place is no conflict
    cell = "Kuala Kurun, Desa Tumbang Rawai (Kec. Rungan)"
    assert [sorted(p) for p in places(cell)] == [
        ["kuala", "kurun"],
        ["rawai", "tumbang"],
        ["rungan"],
    ]
    assert location_agreement(cell, "Kecamatan Kurun") == "unknown"
    assert location_agreement(cell, "Kecamatan Rungan") == "agrees"
    assert location_agreement("Desa Tumbang Rawai (Kec. Rungan)", "Kecamatan Tewah") == "conflicts"


def test_the_two_place_location_agrees_with_the_same_two_places() -> None:
    activity = SSKActivity(
        name="Tangki septik",
        code=code("1.03.05.2.01.0039"),
        location="Kec. Amen, Kec. Lebong Tengah",
    )
    line = PlanLine(
        name="Penyediaan Sub Sistem Pengolahan Air Limbah Domestik (SPALD) Setempat",
        code=code("1.03.05.2.01.0039"),
        location="Kec. Amen, Kec. Lebong Tengah",
    )
    trace = _rkpd_trace(_bundle_with(activity, line))
    assert trace.status is TraceStatus.LINKED  # type: ignore[attr-defined]
    best = trace.links[0]  # type: ignore[attr-defined]
    assert {e.feature: e.level for e in best.evidence}["location"] == "agrees"


def test_an_agency_alias_never_empties_the_pool() -> None:
    activity = SSKActivity(name="Pengadaan Mobil Tinja", agency=Agency("DPUPR"))
    line = PlanLine(
        name="Penyediaan Sarana Pengangkutan Lumpur Tinja",
        code=code("1.03.05.2.01.0037"),
        agency=Agency("Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Lebong"),
        pagu=rp(500),
    )
    decoy = PlanLine(
        name="Penyediaan Jasa Penyedotan Lumpur Tinja",
        code=code("1.03.05.2.01.0033"),
        agency=Agency("Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Lebong"),
    )
    trace = _rkpd_trace(_bundle_with(activity, decoy, line))
    assert trace.links, trace  # type: ignore[attr-defined]
    best = trace.links[0]  # type: ignore[attr-defined]
    assert str(best.target.code) == "1.03.05.2.01.0037"
    assert best.method is LinkMethod.INFERRED_CODE
    assert "mobil tinja" in best.params["why"]


def test_evidence_weights_add_up_to_the_score() -> None:
    activity = SSKActivity(name="Pengadaan Mobil Tinja", agency=Agency("DPUPR"))
    line = PlanLine(
        name="Penyediaan Sarana Pengangkutan Lumpur Tinja", code=code("1.03.05.2.01.0037")
    )
    best = _rkpd_trace(_bundle_with(activity, line)).links[0]  # type: ignore[attr-defined]
    weights = Weights.default()
    assert best.score == round(weights.probability(e.weight for e in best.evidence) * 100, 1)
    assert {e.feature for e in best.evidence} == set(weights.table)


def test_no_plausible_candidate_is_missing_with_the_nearest_shown() -> None:
    activity = SSKActivity(name="Pembangunan IPLT Kuala Kurun", location="Kuala Kurun")
    roads = PlanLine(name="Pembangunan Jalan Lingkungan", code=code("1.03.10.2.01.0001"))
    trace = _rkpd_trace(_bundle_with(activity, roads))
    assert trace.status is TraceStatus.MISSING and not trace.links  # type: ignore[attr-defined]


def test_thresholds_decide_between_linked_review_and_missing() -> None:
    activity = SSKActivity(name="Pengadaan Mobil Tinja")
    line = PlanLine(
        name="Penyediaan Sarana Pengangkutan Lumpur Tinja", code=code("1.03.05.2.01.0037")
    )
    bundle = _bundle_with(activity, line)
    score = _rkpd_trace(bundle).links[0].score / 100  # type: ignore[attr-defined]
    assert _rkpd_trace(bundle, link_threshold=score - 0.001).status is TraceStatus.LINKED  # type: ignore[attr-defined]
    review = _rkpd_trace(
        bundle, link_threshold=min(score + 0.001, 0.999), review_threshold=score - 0.001
    )
    assert review.status is TraceStatus.REVIEW  # type: ignore[attr-defined]
    # (a threshold above the score: the score may round to 1.0 at the precision shown)
    missing = _rkpd_trace(bundle, link_threshold=1.0, review_threshold=1.0)
    assert missing.status is TraceStatus.MISSING and missing.candidates  # type: ignore[attr-defined]


def test_a_trace_in_review_raises_int007_and_not_int003() -> None:
    from rulekit import uncoded_iplt

    bundle = uncoded_iplt(clean_bundle(), "Pembangunan IPLT di Kuala Kurun")
    settings = Settings(link_threshold=99.99, review_threshold=30)
    report = check(bundle, YEAR, settings=settings, select=["INT003", "INT007"])
    keys = [f.key for f in report.findings]
    assert "finding.INT007" in keys and "finding.INT003" not in keys
    finding = next(f for f in report.findings if f.key == "finding.INT007")
    assert finding.evidence["weights"] and "%" in finding.message("en")


def test_a_missing_activity_without_code_names_the_code_inferred_for_it() -> None:
    activity = SSKActivity(name="Pengadaan Mobil Tinja", agency=Agency("DPUPR"))
    unrelated = PlanLine(
        name="Pembangunan Prasarana Jalan di Jalan Kabupaten/Kota",
        code=code("1.03.10.2.01.0001"),
        pagu=rp(500),
    )
    report = check(_bundle_with(activity, unrelated), YEAR, select=["INT003"])
    finding = next(f for f in report.findings if f.key == "finding.INT003")
    assert "1.03.05.2.01.0037, inferred by ppsp" in finding.message("en")
    assert "1.03.05.2.01.0037, disimpulkan oleh ppsp" in finding.message("id")


def test_settings_pass_the_linker_options() -> None:
    options = Settings(link_threshold=95, review_threshold=40).link_options()
    assert options.thresholds == (0.95, 0.40)


def test_bad_weights_are_refused_with_one_error(tmp_path: object) -> None:
    with pytest.raises(PpspError):
        Weights.from_dict({"features": {}, "prior": 0, "thresholds": {"link": 0.2, "review": 0.5}})
    with pytest.raises(PpspError):
        Weights.from_dict({"features": 3})


# -- the reports carry the traceability ----------------------------------------------------


def test_the_json_report_carries_every_activitys_traceability() -> None:
    import jsonschema

    from ppsp.demo import demo_bundle
    from ppsp.io.reports.text import report_schema, to_json_data

    report = check(demo_bundle(), 2025)
    for lang in ("id", "en"):
        data = to_json_data(report, lang)
        jsonschema.validate(data, report_schema())
        trace = data["traceability"]
        ssk = demo_bundle().ssk_for(2025)
        assert ssk is not None and len(trace["activities"]) == len(ssk.activities)
        rkpd = trace["outcomes"]["rkpd"]
        assert sum(rkpd[s] for s in ("linked", "needs-review", "missing", "not-planned")) == len(
            ssk.activities
        )
        first = trace["activities"][0]["kinds"]["rkpd"]
        assert first["status"] == "linked" and first["links"][0]["method"] == "code"
        assert first["links"][0]["weights"] and first["links"][0]["reason"]


def test_not_planned_this_year_is_not_missing() -> None:
    from ppsp.io.reports.traceability import traceability_data

    bundle = clean_bundle()
    ssk = bundle.ssk[0]
    later = attrs.evolve(
        ssk.activities[0],
        costs=tuple(c for c in ssk.activities[0].costs if c.year != YEAR),
        funding=tuple(f for f in ssk.activities[0].funding if f.year != YEAR),
    )
    bundle = attrs.evolve(
        bundle,
        ssk=(attrs.evolve(ssk, activities=(later, *ssk.activities[1:])),),
        rkpd=(attrs.evolve(bundle.rkpd[0], lines=bundle.rkpd[0].lines[1:]),),
    )
    data = traceability_data(check(bundle, YEAR), "en")
    assert data is not None
    assert data["activities"][0]["kinds"]["rkpd"]["status"] == "not-planned"
    assert data["outcomes"]["rkpd"]["not-planned"] == 1


def test_the_html_report_draws_the_evidence_of_uncertain_links() -> None:
    from ppsp.io.reports.evidence import evidence_section
    from rulekit import MUTATIONS

    report = check(MUTATIONS["INT007"][1](clean_bundle()), YEAR)
    html = evidence_section(report, "id")
    assert "<svg" in html and "perlu ditinjau" in html
    assert evidence_section(report, "en") != html


def test_the_xlsx_report_lists_links_with_their_weights(tmp_path: object) -> None:
    from pathlib import Path

    import openpyxl

    from ppsp.io.reports.xlsx import write_report_xlsx
    from rulekit import MUTATIONS

    out = Path(str(tmp_path)) / "audit.xlsx"
    write_report_xlsx(check(MUTATIONS["INT007"][1](clean_bundle()), YEAR), out, "en")
    sheet = openpyxl.load_workbook(out)["Links"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any(r[3] == "needs review" and r[7] for r in rows[1:] if len(r) > 7)
    # the Summary sheet says how many activities landed in each outcome, per kind of plan
    summary = [[c.value for c in row] for row in openpyxl.load_workbook(out)["Summary"].iter_rows()]
    rkpd = next(r for r in summary if r[0] == "Annual regional work plan (RKPD)")
    report = check(MUTATIONS["INT007"][1](clean_bundle()), YEAR)
    from ppsp.io.reports.traceability import coverage

    shares = coverage(report.links)["rkpd"]  # type: ignore[arg-type]
    assert rkpd[1:6] == [
        shares["coverage"],
        shares["linked"],
        shares["needs-review"],
        shares["missing"],
        shares["not-planned"],
    ]
    assert shares["needs-review"] >= 1


def test_import_writes_inferred_codes_when_asked(tmp_path: object) -> None:
    import json
    import subprocess
    import sys
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "ssk.csv").write_text(
        "MATRIKS SSK KABUPATEN MAHAKAM ULU 2024-2028;;;;;;;;\n"
        "Subsektor;Kegiatan;Biaya 2024 (Rp 000);Biaya 2025 (Rp 000);Biaya 2026 (Rp 000);"
        "Biaya 2027 (Rp 000);Biaya 2028 (Rp 000);SKPD;Catatan\n"
        "Air Limbah;Pengadaan Mobil Tinja;500.000;500.000;-;-;-;DPUPR;\n"
        "PHBS;Kunjungan studi banding ke luar daerah;75.000;-;-;-;-;Bappeda;\n",
        "utf-8",
    )
    exe = Path(sys.executable).with_name("ppsp")
    for flags, expected in (([], [None, None]), (["--infer-codes"], ["1.03.05.2.01.0037", None])):
        done = subprocess.run(
            [str(exe), "import", str(folder / "ssk.csv"), *flags, "-o", str(folder / "b.json")],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        activities = json.loads((folder / "b.json").read_text("utf-8"))["ssk"][0]["activities"]
        assert [a.get("code") for a in activities] == expected
    assert "mobil tinja" in done.stderr


def test_a_code_written_in_by_infer_codes_links_as_inferred_not_as_the_ssks() -> None:
    from ppsp.rules.linking import with_inferred_codes

    activity = SSKActivity(name="Pengadaan Mobil Tinja", agency=Agency("DPUPR"))
    line = PlanLine(
        name="Penyediaan Sarana Pengangkutan Lumpur Tinja", code=code("1.03.05.2.01.0037")
    )
    decoy = PlanLine(name="Penyediaan Jasa Penyedotan Lumpur Tinja", code=code("1.03.05.2.01.0033"))
    bundle = _bundle_with(activity, decoy, line)
    coded, changed = with_inferred_codes(bundle.ssk[0], CODES_2025)
    assert changed and coded.activities[0].code == code("1.03.05.2.01.0037")
    again = attrs.evolve(bundle, ssk=(coded,))
    before, after = (link(b, YEAR).get(0, DocumentKind.RKPD) for b in (bundle, again))
    assert before is not None and after is not None
    assert (
        before.status,
        [ln.method for ln in before.links],
        [ln.score for ln in before.links],
    ) == (
        after.status,
        [ln.method for ln in after.links],
        [ln.score for ln in after.links],
    )
    assert after.links[0].method is LinkMethod.INFERRED_CODE


def test_int003_does_not_single_out_one_of_several_equally_near_lines() -> None:
    activity = SSKActivity(name="Pembentukan UPTD PALD", agency=Agency("DPUPR"))
    name = "Penyusunan Rencana, Kebijakan, Strategi dan Teknis Sistem Pengelolaan Air Limbah"
    lines = [
        PlanLine(name=name, code=code(c), pagu=rp(100))
        # codes of the shipped list that the activity's name infers neither of (a code the list
        # lacks would be inferred from the line's own name)
        for c in ("1.03.05.2.01.0041", "1.03.05.2.01.0036")
    ]
    bundle = _bundle_with(activity, *lines)
    trace = _rkpd_trace(bundle)
    assert trace.status is TraceStatus.MISSING  # type: ignore[attr-defined]
    first, second = trace.candidates[:2]  # type: ignore[attr-defined]
    assert first.score == second.score
    (finding,) = check(bundle, YEAR, select=["INT003"]).findings
    # said plainly (found by a new user: "tied with 1 other line(s) at 19.1 %: none is nearer")
    assert "and 1 more line(s) just as near: ppsp cannot say which is nearest" in finding.message(
        "en"
    )
    assert "dan 1 baris lain yang sama dekatnya: ppsp tidak dapat menentukan" in finding.message(
        "id"
    )


@pytest.mark.parametrize(("target", "level"), [("4,5 km", "agrees"), ("12 Unit", "differs")])
def test_a_lines_unit_written_in_its_target_counts(target: str, level: str) -> None:
    # SIPD exports and hand-written RKPD put the unit in the target cell ("4,5 km")
    activity = SSKActivity(name="Pembangunan saluran drainase lingkungan", unit="km")
    line = PlanLine(
        name="Pembangunan Sistem Drainase Lingkungan",
        code=code("1.03.06.2.01.0012"),
        target=target,
        pagu=rp(100),
    )
    trace = _rkpd_trace(_with_activity(_bundle_with(activity, line), unit="km"))
    shown = trace.links or trace.candidates  # type: ignore[attr-defined]
    assert {e.feature: e.level for e in shown[0].evidence}["unit"] == level


def test_the_coverage_chart_parts_add_up_to_the_coverage_and_name_inferred_links_apart() -> None:
    from ppsp.demo import demo_bundle
    from ppsp.io.reports.html import chart_shares
    from ppsp.io.reports.traceability import coverage
    from ppsp.rules.linking import LinkMethod

    report = check(demo_bundle(), 2025)
    links = report.links
    assert links is not None
    shares = chart_shares(links)
    counts = coverage(links)
    assert shares
    for kind, (own, other, review) in shares.items():
        expected = counts[kind.value]["coverage"]
        assert expected is not None
        assert abs((own + other + review) / 100 - expected) < 1e-3
    # a link by an inferred code is not drawn as a link by the activity's own code
    truck = SSKActivity(name="Pengadaan Mobil Tinja", agency=Agency("DPUPR"))
    line = PlanLine(
        name="Penyediaan Sarana Pengangkutan Lumpur Tinja",
        code=code("1.03.05.2.01.0037"),
        agency=Agency("Dinas Pekerjaan Umum dan Penataan Ruang"),
        pagu=rp(900),
    )
    inferred = check(_bundle_with(truck, line), YEAR).links
    assert inferred is not None
    (trace,) = inferred.of_kind(DocumentKind.RKPD)
    assert trace.links[0].method is LinkMethod.INFERRED_CODE
    assert chart_shares(inferred)[DocumentKind.RKPD] == (0.0, 100.0, 0.0)


# -- sibling lines, compound actions, the plan's own lines ------------------------------------


def test_a_plan_line_the_shipped_list_lacks_is_inferred_from_its_own_name() -> None:
    # 1.04.03.2.01.0004 is a perkim sub kegiatan of the decree that the curated list leaves out;
    # the RKPD names it, so the activity's code is inferred from that line as from the list
    assert code("1.04.03.2.01.0004") not in CODES_2025
    activity = SSKActivity(name="Koordinasi penyelenggaraan kawasan permukiman")
    near = PlanLine(
        name="Koordinasi dan Sinkronisasi Pengendalian Penyelenggaraan Pemugaran/Peremajaan "
        "Permukiman Kumuh",
        code=code("1.04.03.2.03.0004"),
        pagu=rp(100),
    )
    own = PlanLine(
        name="Koordinasi dan Sinkronisasi Penyelenggaraan Kawasan Permukiman",
        code=code("1.04.03.2.01.0004"),
        pagu=rp(100),
    )
    trace = _rkpd_trace(_bundle_with(activity, near, own))
    assert trace.links[0].target.code == code("1.04.03.2.01.0004")  # type: ignore[attr-defined]
    assert trace.links[0].method is LinkMethod.INFERRED_CODE  # type: ignore[attr-defined]


def test_a_plan_line_outside_the_sanitation_programs_is_not_inferred() -> None:
    programs = frozenset(e.code.program for e in CODES_2025 if e.code.program is not None)
    outside = PlanLine(name="Pengadaan Kendaraan Dinas", code=code("4.01.01.2.07.0002"))
    inside = PlanLine(name="Koordinasi Kawasan", code=code("1.04.03.2.01.0004"))
    bundle = _bundle_with(SSKActivity(name="x"), outside, inside)
    targets = _targets(bundle, YEAR, DocumentKind.RKPD)
    extended = with_plan_lines(CODES_2025, targets, programs, YEAR, sanitation_code_lists())
    added = [e for e in extended if e.code not in CODES_2025]
    assert [(str(e.code), e.name) for e in added] == [("1.04.03.2.01.0004", "Koordinasi Kawasan")]
    # the same plans give the same list object (its inference index is built once)
    assert with_plan_lines(CODES_2025, targets, programs, YEAR, sanitation_code_lists()) is extended


@pytest.mark.parametrize(
    ("name", "actions"),
    [
        ("Perencanaan Penyediaan PSU Perumahan", {"plan"}),
        ("Sosialisasi pembangunan jamban sehat", {"people"}),
        ("Sosialisasi dan pembangunan jamban sehat", {"people", "provide"}),
        ("Sosialisasi & pembangunan jamban sehat", {"people", "provide"}),
        ("Pembangunan, rehabilitasi IPAL", {"provide", "improve"}),
        ("Pengoperasian dan Pemeliharaan sarana", {"operate"}),
    ],
)
def test_the_second_word_of_a_compound_is_what_the_first_acts_on(
    name: str, actions: set[str]
) -> None:
    assert _actions(Reader.default().read(name)) == actions


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Pembangunan IPAL skala kawasan untuk Pasar", "1.03.05.2.01.0031"),  # Kawasan Tertentu
        ("Pembangunan SPALD terpusat skala permukiman", "1.03.05.2.01.0022"),
        ("Penyediaan PSU perumahan MBR", "1.04.05.2.01.0002"),  # not the planning of it
    ],
)
def test_sibling_entries_are_told_apart_by_the_words_that_set_them_apart(
    name: str, expected: str
) -> None:
    found = infer_codes(SSKActivity(name=name), CODES_2025)
    assert str(found[0].code) == expected


@given(st.text(max_size=60))
def test_a_names_own_words_open_its_reading(text: str) -> None:
    reading = Reader.default().read(text)
    assert reading.words[: len(reading.written)] == reading.written


@pytest.mark.parametrize(
    ("agency", "expected"),
    [
        ("DLH", "2.11.11.2.01.0020"),
        ("Dinas PUPR", "1.03.04.2.01.0013"),
        (None, "1.03.04.2.01.0013"),
    ],
)
def test_the_agency_that_writes_an_activity_tells_twin_entries_apart(
    agency: str | None, expected: str
) -> None:
    # the public works and the environment affairs each have a line for the final waste site
    activity = SSKActivity(
        name="Rehabilitasi TPA",
        agency=Agency(agency) if agency else None,
        subsector=Subsector.PERSAMPAHAN,
    )
    assert str(infer_codes(activity, CODES_2025)[0].code) == expected


def test_a_line_that_says_the_activitys_words_is_linked_without_codes() -> None:
    # a hand-written RKPD that copies the SSK's wording, the words in another order and IPAL
    # written in full: no code on either side, the same place
    activity = SSKActivity(
        name="Operasi dan pemeliharaan IPAL terpusat Desa Tewah", location="Desa Tewah"
    )
    same = PlanLine(
        name="Desa Tewah - pemeliharaan dan operasi Instalasi Pengolahan Air Limbah terpusat",
        location="Desa Tewah",
        pagu=rp(100),
    )
    other = PlanLine(
        name="Pembangunan IPAL terpusat Desa Tewah", location="Desa Tewah", pagu=rp(100)
    )
    trace = _rkpd_trace(_bundle_with(activity, other, same))
    assert trace.status is TraceStatus.LINKED  # type: ignore[attr-defined]
    (best,) = trace.links  # type: ignore[attr-defined]
    assert best.target.name == same.name
    levels = {e.feature: e.level for e in best.evidence}
    assert levels["wording"] == "same"
    others = {e.feature: e.level for c in trace.candidates for e in c.evidence}  # type: ignore[attr-defined]
    assert others.get("wording", "differs") == "differs"


def test_the_wording_leaves_a_lines_indicator_out() -> None:
    activity = SSKActivity(name="Pembangunan TPST Desa Tewah", location="Desa Tewah")
    line = PlanLine(
        name="Pembangunan TPST Desa Tewah",
        indicator="Jumlah TPST yang dibangun",
        location="Desa Tewah",
        pagu=rp(100),
    )
    trace = _rkpd_trace(_bundle_with(activity, line))
    levels = {e.feature: e.level for e in trace.links[0].evidence}  # type: ignore[attr-defined]
    assert levels["wording"] == "same"


@pytest.mark.parametrize(
    ("word", "expected"),
    [("perawatan", "rawat"), ("operasional", "operasi"), ("pengoperasian", "operasi")],
)
def test_stems_the_stemmer_gets_wrong_are_given(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("name", "actions"),
    [
        ("Penanganan sampah melalui pengoperasian dan pemeliharaan sarana", {"operate"}),
        ("Penanganan Sampah melalui Pengangkutan", set()),
    ],
)
def test_a_name_that_says_how_after_melalui_does_that(name: str, actions: set[str]) -> None:
    assert _actions(Reader.default().read(name)) == actions


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Pembangunan TPST kawasan wisata Sembalun", "1.03.07.2.01.0031"),  # a strategic area
        ("Pelatihan kader PHBS rumah tangga", "1.02.05.2.02.0002"),  # the family's PHBS
        ("Operasional dan pemeliharaan drainase lingkungan", "1.03.06.2.01.0019"),
    ],
)
def test_everyday_words_new_users_wrote(name: str, expected: str) -> None:
    assert str(infer_codes(SSKActivity(name=name), CODES_2025)[0].code) == expected


def test_the_inference_of_2027_carries_the_programs_the_update_does_not_hold() -> None:
    lists = sanitation_code_lists()
    in_force = lists.for_year(2027)
    carried = carried_forward(lists, 2027)
    # the shipped 2027 update holds the air limbah codes only
    assert {e.code.program for e in in_force if e.code.program} <= {code("1.03.05")}
    assert code("2.11.11.2.01.0012") in carried and code("2.11.11.2.01.0012") not in in_force
    # the air limbah codes are the update's own, not the 900 list's retired ones
    assert code("1.03.05.2.01.0051") in carried and code("1.03.05.2.01.0039") not in carried
    activity = SSKActivity(name="Pengadaan dump truk sampah", subsector=Subsector.PERSAMPAHAN)
    assert str(infer_codes(activity, carried)[0].code) == "2.11.11.2.01.0012"
    assert carried_forward(lists, 2025) is lists.for_year(2025)


def test_a_wrongly_inferred_code_at_another_place_does_not_overrule_the_line_here() -> None:
    # found by a new user in Kota Kupang: with a list that lacks the waste codes (the shipped
    # 2027 update alone), the O&P SPALD line elsewhere was the inferred code, and it made the
    # waste O&P line at the activity's place "missing"
    activity = SSKActivity(
        name="Operasional & pemeliharaan TPS3R dan rumah kompos",
        location="Kecamatan Kurun",
        agency=Agency("DLH"),
    )
    here = PlanLine(
        name="Penanganan sampah melalui pengoperasian dan pemeliharaan sarana dan prasarana "
        "penanganan sampah",
        code=code("2.11.11.2.01.0015"),
        location="Kecamatan Kurun",
        agency=Agency("Dinas Lingkungan Hidup"),
        pagu=rp(100),
    )
    elsewhere = PlanLine(
        name="Operasi dan Pemeliharaan SPALD",
        code=code("1.03.05.2.01.0038"),
        location="Kecamatan Tewah",
        agency=Agency("Dinas PUPR"),
        pagu=rp(100),
    )
    bundle = _with_activity(
        _bundle_with(activity, here, elsewhere), subsector=Subsector.PERSAMPAHAN
    )
    only_air_limbah = sanitation_code_lists().for_year(2027)
    trace = _rkpd_trace(bundle, inference_list=only_air_limbah)
    assert trace.inferred[0].code == code("1.03.05.2.01.0038")  # type: ignore[attr-defined]
    assert trace.status is not TraceStatus.MISSING  # type: ignore[attr-defined]
    assert trace.links[0].target.code == code("2.11.11.2.01.0015")  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", ["paket", "Paket", "LS", "lokasi"])
def test_a_unit_that_counts_no_thing_says_nothing(unit: str) -> None:
    activity = SSKActivity(name="Pembangunan saluran drainase lingkungan", unit=unit)
    line = PlanLine(
        name="Pembangunan Sistem Drainase Lingkungan",
        code=code("1.03.06.2.01.0012"),
        target="4,5 km",
        pagu=rp(100),
    )
    trace = _rkpd_trace(_with_activity(_bundle_with(activity, line), unit=unit))
    shown = trace.links or trace.candidates  # type: ignore[attr-defined]
    assert {e.feature: e.level for e in shown[0].evidence}["unit"] == "unknown"


@pytest.mark.parametrize(
    ("mine", "theirs"), [("meter", "m"), ("M³", "m3"), ("Ha", "hektar"), ("buah", "Unit")]
)
def test_spellings_of_one_unit_agree(mine: str, theirs: str) -> None:
    activity = SSKActivity(name="Pembangunan saluran drainase lingkungan")
    line = PlanLine(
        name="Pembangunan Sistem Drainase Lingkungan",
        code=code("1.03.06.2.01.0012"),
        unit=theirs,
        pagu=rp(100),
    )
    trace = _rkpd_trace(_with_activity(_bundle_with(activity, line), unit=mine))
    shown = trace.links or trace.candidates  # type: ignore[attr-defined]
    assert {e.feature: e.level for e in shown[0].evidence}["unit"] == "agrees"
