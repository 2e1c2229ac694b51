"""The house: a register of document kinds everyone asks, a bundle that iterates over its
documents, an SSK that finds its activities, layouts that can be added, a clean namespace."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import ppsp
from ppsp import testing
from ppsp.domain import (
    KINDS,
    DocumentKind,
    RegionBundle,
    RegionCode,
    kind_spec,
)
from ppsp.errors import PpspError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_the_register_knows_every_kind_once() -> None:
    assert [s.kind for s in KINDS] == list(DocumentKind)
    assert {s.attribute for s in KINDS} == {
        f.name
        for f in attrs.fields(RegionBundle)
        if f.name not in ("region", "extras", "working_groups", "import_findings")
    }
    for spec in KINDS:
        assert spec.cls.kind is spec.kind
        assert kind_spec(spec.kind) is kind_spec(spec.kind.value) is kind_spec(spec.cls) is spec
        assert spec.annual == ("year" in attrs.fields_dict(spec.cls))
        assert spec.multi_year == ("period" in attrs.fields_dict(spec.cls))
        assert spec.agency_bound == ("agency" in attrs.fields_dict(spec.cls))
        assert spec.label("id") != spec.label_key and spec.label("en") != spec.label_key
    with pytest.raises(PpspError):
        kind_spec("apbn")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(testing.bundles())
def test_a_bundle_iterates_over_its_documents_in_the_order_of_the_register(
    bundle: RegionBundle,
) -> None:
    assert list(bundle) == list(bundle.documents())
    order = [s.kind for s in KINDS]
    kinds = [d.kind for d in bundle]
    assert kinds == sorted(kinds, key=order.index)
    for spec in KINDS:
        assert bundle.of_kind(spec.kind) == spec.documents(bundle)
    for year in (2024, 2025):
        assert all(kind_spec(d).in_year(d, year) for d in bundle.in_year(year))


def test_an_ssk_finds_an_activity_by_number_or_code() -> None:
    from ppsp.io.sheets.importer import read_file

    ssk = read_file(FIXTURES / "ssk_gunung_mas_2024_2028.xlsx").documents[0]
    numbered = next(a for a in ssk.activities if a.number)
    assert ssk.find_activity(numbered.number) is numbered
    assert ssk.find_activity(f"  {numbered.number.lower()} ") is numbered
    coded = next((a for a in ssk.activities if a.code is not None), None)
    if coded is not None:
        assert ssk.find_activity(coded.code) is coded
        assert ssk.find_activity(str(coded.code)) is coded
    assert ssk.find_activity("Z.99") is None


def test_a_registered_layout_is_recognised_and_built_by_its_builder() -> None:
    from ppsp.io.sheets import layouts
    from ppsp.io.sheets.importer import read_file

    base = next(layout for layout in layouts.LAYOUTS if layout.kind == "dpa")
    custom = attrs.evolve(base, name="dpa-test")
    built: list[str] = []

    def builder(table: layouts.TableRead, context: layouts.BuildContext) -> layouts.Built:
        built.append(table.layout.name)
        return layouts.build(attrs.evolve(table, layout=base), context)

    saved = list(layouts.LAYOUTS)
    try:
        layouts.LAYOUTS[:] = []
        layouts.register_layout(custom, builder)
        result = read_file(FIXTURES / "dpa_dpupr_2025.xlsx")
    finally:
        layouts.LAYOUTS[:] = saved
        layouts._BUILDERS.pop("dpa-test", None)
    assert built == ["dpa-test"]
    assert result.documents and result.documents[0].kind is DocumentKind.DPA
    assert [r.layout.name for r in result.recognitions] == ["dpa-test"]


def test_the_ppsp_namespace_is_what_all_says() -> None:
    public = {name for name in dir(ppsp) if not name.startswith("_")}
    assert public == {n for n in ppsp.__all__ if not n.startswith("_")}
    assert not {"Any", "TYPE_CHECKING", "annotations"} & public
    assert ppsp.audit is ppsp.auditing.audit
    code = (
        "import ppsp, sys; ppsp.audit; print('ppsp.rules' in sys.modules, 'ppsp.io' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]  # ppsp.audit loads no rules until called


def test_ppsp_check_is_the_audit_of_a_bundle() -> None:
    from ppsp.demo import demo_bundle

    bundle = demo_bundle()
    a = ppsp.check(bundle, 2025, select=["FIN"])
    b = ppsp.audit(bundle, 2025, select=["FIN"])
    assert a.findings == b.findings and a.results == b.results


def test_the_engine_names_that_moved_still_work() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from ppsp.io.diagnostics import Diagnostic, Severity
        from ppsp.rules import Severity as RuleSeverity

    assert Severity is RuleSeverity and Diagnostic is ppsp.domain.Diagnostic
    assert RegionBundle(region=RegionCode.parse("62.10")).import_findings == ()


@pytest.mark.parametrize(
    "family", ["documents", "finance", "internalisation", "strategy", "milestones", "legal"]
)
def test_a_rule_family_moved_to_the_catalogue_still_imports_with_a_warning(family: str) -> None:
    import importlib
    import sys

    sys.modules.pop(f"ppsp.rules.{family}", None)
    with pytest.warns(DeprecationWarning, match=f"ppsp.rules.catalogue.{family}"):
        old = importlib.import_module(f"ppsp.rules.{family}")
    new = importlib.import_module(f"ppsp.rules.catalogue.{family}")
    assert old.__all__ == new.__all__
    assert all(getattr(old, name) is getattr(new, name) for name in new.__all__)
