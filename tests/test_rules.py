"""The rules engine and the catalogue: every rule passes on a clean bundle and fires on its
mutation; statuses, selection, overrides, plug-ins and renderers behave as documented."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pendulum
import pytest
from hypothesis import given

from ppsp.domain import Agency, DocumentKind, RegionBundle, SourceLocation
from ppsp.errors import PpspError, UnknownCode
from ppsp.io.cases import discover, load_case, run_case
from ppsp.io.reports.text import (
    render_json,
    render_markdown,
    render_text,
    report_schema,
    to_json_data,
)
from ppsp.rules import (
    Finding,
    LinkMethod,
    Registry,
    RuleStatus,
    Settings,
    Severity,
    builtin_rules,
    check,
    default_registry,
    link,
    rule,
)
from ppsp.rules import registry as registry_module
from ppsp.testing import bundles
from rulekit import MUTATIONS, TODAY, YEAR, clean_bundle, code, rp

CATALOGUE = [
    *(f"DOC00{i}" for i in range(1, 7)),
    *(f"INT00{i}" for i in range(1, 9)),
    *(f"FIN00{i}" for i in range(1, 6)),
    *(f"STR00{i}" for i in range(1, 7)),
    *(f"MIL00{i}" for i in range(1, 5)),
]
SETTINGS = Settings(today=pendulum.parse(TODAY).date())  # type: ignore[union-attr]
CASES = Path(__file__).parent / "rule_cases"


def _check(bundle: RegionBundle, **kwargs: Any) -> Any:
    kwargs.setdefault("settings", SETTINGS)
    return check(bundle, YEAR, **kwargs)


def test_the_catalogue_has_exactly_the_documented_ids() -> None:
    assert [r.id for r in builtin_rules()] == CATALOGUE


@pytest.mark.parametrize("rule_obj", builtin_rules(), ids=lambda r: r.id)
def test_every_rule_is_documented_in_both_languages(rule_obj: Any) -> None:
    for lang in ("id", "en"):
        assert rule_obj.title_text(lang) != rule_obj.title
        assert len(rule_obj.explanation_text(lang)) > 40
    assert rule_obj.title_text("id") != rule_obj.title_text("en")
    if rule_obj.id != "INT007":  # a review aid, not a legal requirement
        assert rule_obj.legal_basis


def test_clean_bundle_passes_every_rule() -> None:
    report = _check(clean_bundle())
    assert [(r.rule, r.status) for r in report.results] == [
        (rid, RuleStatus.PASSED) for rid in CATALOGUE
    ]
    assert report.findings == ()
    assert report.exit_code == 0


@pytest.mark.parametrize("rule_id", CATALOGUE)
def test_each_rule_fires_on_its_mutation(rule_id: str) -> None:
    _description, mutate = MUTATIONS[rule_id]
    report = _check(mutate(clean_bundle()))
    mine = [f for f in report.findings if f.rule == rule_id]
    assert mine, f"{rule_id} stayed silent"
    assert report.result(rule_id).status is RuleStatus.ISSUES
    for finding in mine:
        for lang in ("id", "en"):
            text = finding.message(lang)
            assert not text.startswith("finding."), text
            assert "{" not in text
    jsonschema.validate(to_json_data(report, "id"), report_schema())


def test_findings_carry_cells_from_both_sides() -> None:
    report = _check(MUTATIONS["INT006"][1](clean_bundle()), select=["INT006"])
    (finding,) = report.findings
    files = {where.file for where in finding.locations}
    assert files == {"ssk.xlsx", "rkpd.xlsx"}
    assert finding.evidence["expected"] == rp(1200)
    assert finding.evidence["actual"] == rp(600)
    assert finding.evidence["shortfall_percent"] == Decimal("50.0")


def test_tolerance_silences_a_small_shortfall() -> None:
    bundle = MUTATIONS["INT006"][1](clean_bundle())
    assert _check(bundle, select=["INT006"], tolerance=60).findings == ()
    assert _check(bundle, select=["INT006"], tolerance="0.4").findings != ()


def test_severity_override_and_ignore() -> None:
    bundle = MUTATIONS["INT006"][1](clean_bundle())
    report = _check(bundle, select=["INT"], ignore=["INT007"], severity={"int006": "error"})
    assert "INT007" not in {r.rule for r in report.results}
    assert {f.severity for f in report.findings if f.rule == "INT006"} == {Severity.ERROR}
    assert report.exit_code == 1
    with pytest.raises(UnknownCode):
        _check(bundle, severity={"INT606": "error"})


def test_selection_by_prefix_tag_and_comma_list() -> None:
    registry = default_registry(entry_points=False)
    assert [r.id for r in registry.select(["FIN001,STR"])] == ["FIN001", *CATALOGUE[19:25]]
    assert {r.id for r in registry.select(["tag:budget"])} == {"INT005", "INT006"}
    with pytest.raises(UnknownCode) as error:
        registry.select(["INT03"])
    assert "INT003" in error.value.message("en")


def test_missing_documents_skip_dependent_rules_with_a_reason() -> None:
    bundle = attrs.evolve(clean_bundle(), rkpd=(), dpa=(), implementation=None, bps=())
    report = _check(bundle)
    assert report.result("DOC006").status is RuleStatus.ISSUES
    for rule_id in ("INT003", "INT005", "FIN004", "STR006", "MIL001"):
        result = report.result(rule_id)
        assert result.status is RuleStatus.SKIPPED, rule_id
        assert result.reason_text("id") and result.reason_text("en") != result.reason_text("id")


def test_doc006_names_every_agency_whose_renstra_and_renja_are_absent() -> None:
    bundle = clean_bundle()
    ssk = bundle.ssk[0]
    names = ("DPUPR", "DLH", "Dinkes")
    # a cell naming two agencies is its leading agency's activity, not a third agency
    cells = ("DPUPR", "DLH", "Dinkes", "DPUPR / UPTD PALD", "DLH; Bag. Umum")
    activities = tuple(
        attrs.evolve(a, agency=Agency(cells[i % len(cells)])) for i, a in enumerate(ssk.activities)
    )
    bundle = attrs.evolve(
        bundle, ssk=(attrs.evolve(ssk, activities=activities),), renstra=(), renja=()
    )
    findings = [f for f in _check(bundle).findings if f.rule == "DOC006"]
    named = {(f.key, f.params["agency"].name) for f in findings if "agency" in f.params}
    assert named == {
        (key, name) for key in ("finding.DOC006.renstra", "finding.DOC006.renja") for name in names
    }


def test_a_crashing_rule_is_errored_and_the_others_run() -> None:
    @rule("XTR001", severity=Severity.ERROR, title="x.title", explanation="x.explanation")
    def broken(context: Any) -> list[Finding]:
        raise ZeroDivisionError("boom")

    registry = Registry([broken, *builtin_rules()])
    report = _check(MUTATIONS["FIN001"][1](clean_bundle()), registry=registry)
    assert report.result("XTR001").status is RuleStatus.ERRORED
    assert "ZeroDivisionError: boom" in (report.result("XTR001").error or "")
    assert report.result("FIN001").status is RuleStatus.ISSUES


def test_third_party_rules_come_from_entry_points(monkeypatch: pytest.MonkeyPatch) -> None:
    @rule("ACME001", severity=Severity.INFO, title="acme.title", explanation="acme.explanation")
    def acme(context: Any) -> list[Finding]:
        return [context.finding("acme.found", region=context.bundle.region)]

    class Point:
        name = "acme"

        @staticmethod
        def load() -> Any:
            return lambda: [acme]

    monkeypatch.setattr(registry_module, "_entry_points", lambda group: [Point()])
    registry = default_registry()
    assert "ACME001" in registry
    report = _check(clean_bundle(), registry=registry, select=["ACME"])
    assert [f.rule for f in report.findings] == ["ACME001"]
    # a message without a catalog entry still says everything it knows
    assert report.findings[0].message("en") == "acme.found (region=RegionCode('62.10'))"

    class Broken(Point):
        @staticmethod
        def load() -> Any:
            raise ImportError("no module named acme")

    monkeypatch.setattr(registry_module, "_entry_points", lambda group: [Broken()])
    with pytest.raises(PpspError) as error:
        default_registry()
    assert "acme" in error.value.message("en")


def test_rule_ids_are_never_reused() -> None:
    registry = default_registry(entry_points=False)
    with pytest.raises(PpspError):
        registry.register(builtin_rules()[0])


def test_imported_findings_join_their_rule_without_duplicates() -> None:
    from ppsp.rules import Finding, Severity

    where = SourceLocation(file="ssk.xlsx", sheet="Matriks", row=30, column="F")
    finding = Finding(
        rule="FIN005",
        severity=Severity.ERROR,
        key="finding.FIN005",
        params={"label": "Sub Total", "stated": rp(5), "computed": rp(6)},
        locations=(where,),
    )
    report = _check(clean_bundle(), select=["FIN005"], imported=[finding, finding])
    assert report.result("FIN005").status is RuleStatus.ISSUES
    assert len(report.findings) == 1
    assert report.findings[0].locations == (where,)


def test_stated_totals_travel_in_the_document_so_a_bundle_gives_fin005_alone() -> None:
    from ppsp.domain import StatedTotal
    from ppsp.io.json import dumps, loads

    where = SourceLocation(file="ssk.xlsx", sheet="Matriks", row=30, column="F")
    bundle = clean_bundle()
    ssk = attrs.evolve(
        bundle.ssk[0],
        stated_totals=(
            StatedTotal(label="Sub Total B", stated=rp(900), computed=rp(750), source=where),
            StatedTotal(label="Sub Total C", stated=rp(100), computed=rp(100)),
        ),
    )
    bundle = attrs.evolve(bundle, ssk=(ssk,))
    for candidate in (bundle, loads(dumps(bundle))):
        report = _check(candidate, select=["FIN005"])
        assert [f.locations for f in report.findings] == [(where,)]
        assert "Sub Total B" in report.findings[0].message("en")


def test_renderers_in_both_languages() -> None:
    report = _check(MUTATIONS["INT003"][1](clean_bundle()))
    english, indonesian = render_text(report, "en"), render_text(report, "id")
    assert "absent from the RKPD 2025" in english
    assert "tidak ada dalam RKPD 2025" in indonesian
    markdown = render_markdown(report, "id")
    assert "### INT003" in markdown and "Permendagri 86/2017" in markdown
    data = json.loads(render_json(report, "en"))
    jsonschema.validate(data, report_schema())
    (finding,) = [f for f in data["findings"] if f["rule"] == "INT003"]
    assert finding["locations"][0] == {
        "file": "ssk.xlsx",
        "sheet": "Matriks",
        "row": 9,
        "column": "C",
        "header": None,
    }
    assert data["summary"]["by_severity"]["error"] == 1
    assert data["rules"][0]["title"] == "The bundle has an SSK"


@pytest.mark.parametrize(
    ("region", "zone"),
    [
        ("62.10", "Asia/Jakarta"),
        ("91.71", "Asia/Jayapura"),  # Kota Jayapura
        ("91.01", "Asia/Jayapura"),  # not in the 2025 register (Merauke is 93.01): Papua's clock
        ("64.11", "Asia/Makassar"),  # Mahakam Ulu
    ],
)
def test_today_is_on_the_regions_own_clock(region: str, zone: str) -> None:
    from ppsp.domain import RegionCode
    from ppsp.rules.engine import Context

    bundle = attrs.evolve(clean_bundle(), region=RegionCode.parse(region))
    assert Context(bundle, YEAR, Settings()).today == pendulum.now(zone).date()


# -- the linker -------------------------------------------------------------------------------


def test_renumbered_codes_link_across_list_versions() -> None:
    # 1.03.05.2.01.0040 of the 900 list is 1.03.05.2.01.0048 in the 2027 list
    bundle = clean_bundle()
    ssk = bundle.ssk[0]
    old = attrs.evolve(ssk.activities[4], code=code("1.03.05.2.01.0040"))
    bundle = attrs.evolve(
        bundle, ssk=(attrs.evolve(ssk, activities=(*ssk.activities[:4], old, *ssk.activities[5:])),)
    )
    rkpd = bundle.rkpd[0]
    lines = tuple(
        attrs.evolve(ln, code=code("1.03.05.2.01.0048"))
        if str(ln.code) == "1.03.05.2.01.0041"
        else ln
        for ln in rkpd.lines
    )
    bundle = attrs.evolve(bundle, rkpd=(attrs.evolve(rkpd, year=2027, lines=lines),))
    trace = link(bundle, 2027, SETTINGS).get(4, DocumentKind.RKPD)
    assert trace is not None and trace.links[0].method is LinkMethod.RENUMBERED_CODE
    report = check(bundle, 2027, select=["INT008"], settings=SETTINGS)
    # (the septic tank code 0039 of activity 7 is retired in the 2027 list: a finding of its own)
    about = [f.key for f in report.findings if "1.03.05.2.01.0040" in f.message("en")]
    assert about == ["finding.INT008.renumbered"]


def test_activity_under_other_agency_is_a_warning() -> None:
    report = _check(MUTATIONS["INT004"][1](clean_bundle()), select=["INT004"])
    (finding,) = report.findings
    assert finding.severity is Severity.WARNING
    assert "Dinas Lingkungan Hidup" in finding.message("en")


# -- data cases -------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", list(discover(CASES)), ids=lambda p: p.name)
def test_rule_case(folder: Path) -> None:
    result = run_case(load_case(folder))
    assert result.passed, result.problems


def test_every_rule_has_a_data_case() -> None:
    covered = set()
    for folder in discover(CASES):
        spec = json.loads((folder / "case.json").read_text("utf-8"))
        covered.update(r for r, e in spec["expect"].items() if e.get("status") == "issues")
    assert covered == set(CATALOGUE)


def test_a_wrong_expectation_is_reported(tmp_path: Path) -> None:
    source = CASES / "FIN001-fires"
    target = tmp_path / "case"
    target.mkdir()
    (target / "bundle.json").write_text((source / "bundle.json").read_text("utf-8"), "utf-8")
    spec = json.loads((source / "case.json").read_text("utf-8"))
    spec["expect"]["FIN001"]["findings"][0]["severity"] = "info"
    spec["expect"]["FIN002"] = {"status": "passed"}
    (target / "case.json").write_text(json.dumps(spec), "utf-8")
    result = run_case(load_case(target))
    assert not result.passed
    assert any("FIN001: no finding matches" in p for p in result.problems)
    assert any("FIN002: not run" in p for p in result.problems)


def test_report_shows_itself_in_a_notebook() -> None:
    report = _check(MUTATIONS["INT003"][1](clean_bundle()))
    shown = report._repr_html_()
    assert shown is not None
    assert shown.startswith('<div class="ppsp-report">') and shown.count("<figure") == 5
    assert "INT003" in shown and "<html" not in shown


def test_a_national_run_maps_over_a_process_pool() -> None:
    from concurrent.futures import ProcessPoolExecutor

    from ppsp.batch import check_all

    bundles = [clean_bundle(), MUTATIONS["INT003"][1](clean_bundle())]
    with ProcessPoolExecutor(max_workers=2) as pool:
        reports = list(check_all(bundles, YEAR, executor=pool, settings=SETTINGS))
    assert [r.exit_code for r in reports] == [0, 1]
    assert [f.rule for f in reports[1].findings] == ["INT003"]
    assert reports[1].findings[0].locations[0].cell == "C9"


@given(bundles())
def test_no_rule_crashes_on_any_bundle(bundle: RegionBundle) -> None:
    years = [d.year for d in bundle.rkpd] + [s.period.start for s in bundle.ssk] + [YEAR]
    for year in sorted(set(years))[:2]:
        report = check(bundle, year, settings=SETTINGS)
        errored = [(r.rule, r.error) for r in report.results if r.status is RuleStatus.ERRORED]
        assert errored == []
        jsonschema.validate(to_json_data(report, "en"), report_schema())
        assert render_text(report, "id")


def test_fin001_is_skipped_when_no_row_states_a_total_to_compare() -> None:
    bundle = clean_bundle()
    ssk = bundle.ssk[0]
    without = tuple(attrs.evolve(a, total=None) for a in ssk.activities)
    bundle = attrs.evolve(bundle, ssk=(attrs.evolve(ssk, activities=without),))
    result = _check(bundle, select=["FIN001"]).result("FIN001")
    assert result.status is RuleStatus.SKIPPED and result.reason == "skip.no-row-totals"
    assert _check(clean_bundle(), select=["FIN001"]).result("FIN001").status is RuleStatus.PASSED


FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.parametrize(
    ("stated", "found"),
    [(950.0000005, False), (950.000001, False), (950.000002, True), (999, True)],
)
def test_fin005_judges_a_sheets_total_row_with_the_one_tolerance(
    tmp_path: Path, stated: float, found: bool
) -> None:
    """A ``Sub Total`` row (in millions) Rp0.50, Rp1, Rp2 and Rp49 million off its rows: the
    importer's diagnostic, the finding from the sheet and the finding from its bundle JSON
    agree, with FIN005's one tolerance (Rp1) — the same the coded tables get."""
    import openpyxl

    from ppsp.auditing import audit
    from ppsp.io.json import dumps, loads
    from ppsp.io.sheets.importer import read_file

    book = openpyxl.load_workbook(FIXTURES / "ssk_gunung_mas_2024_2028.xlsx")
    book["Matriks SSK"]["M16"] = stated
    book.save(tmp_path / "ssk.xlsx")
    said = [d for d in read_file(tmp_path / "ssk.xlsx").diagnostics if d.code == "total-mismatch"]
    from_sheet = audit(tmp_path / "ssk.xlsx", 2025, select=["FIN005"])
    (tmp_path / "bundle.json").write_text(dumps(from_sheet.bundle), "utf-8")
    from_bundle = audit(
        loads((tmp_path / "bundle.json").read_text("utf-8")), 2025, select=["FIN005"]
    )
    cells = [[w.cell for w in f.locations] for f in from_sheet.findings]
    assert cells == [[w.cell for w in f.locations] for f in from_bundle.findings]
    assert (["M16"] in cells) is found
    assert any(d.location is not None and d.location.cell == "M16" for d in said) is found
