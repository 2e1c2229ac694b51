"""What a reader of the HTML report sees is said in their language: a finding's evidence is
folded away as the JSON it is, and match probabilities and weights use the language's decimal
mark (found by a new-user trial: English JSON keys in the Indonesian report, ``99.4 %`` beside
``99,4 %``)."""

from __future__ import annotations

import re

import pytest

from ppsp.demo import demo_bundle
from ppsp.io.reports.html import render_html
from ppsp.rules import Report, Settings, check


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    import pendulum

    return check(demo_bundle(), 2025, settings=Settings(today=pendulum.date(2025, 6, 30)))


@pytest.mark.parametrize(("lang", "summary"), [("id", "Bukti (JSON)"), ("en", "Evidence (JSON)")])
def test_evidence_is_folded_away_as_json(report, lang: str, summary: str) -> None:  # type: ignore[no-untyped-def]
    page = render_html(report, lang)
    assert f"<summary>{summary}</summary>" in page
    # no evidence key is printed as running text outside the folded JSON
    outside = re.sub(r"<details class=\"meta\">.*?</details>", "", page, flags=re.S)
    assert "<code>expected</code>" not in outside and '"candidates"' not in outside


def _reviewed() -> Report:
    """The rule kit's region with the IPLT line uncoded and renamed: its link is to review."""
    from rulekit import YEAR, clean_bundle, uncoded_iplt

    # (a name not word for word the activity's, so that the probability is not a round 100 %)
    bundle = uncoded_iplt(clean_bundle(), "Pembangunan IPLT di Kuala Kurun tahap I")
    return check(bundle, YEAR, settings=Settings(link_threshold=99.99))


def test_scores_and_weights_use_the_languages_decimal_mark() -> None:
    report = _reviewed()
    page = render_html(report, "id")
    # a match probability with decimals is written with a comma in Indonesian, and so is a
    # weight of the waterfall
    scores = re.findall(r"\((\d+[.,]\d) %", page)
    assert scores and all("," in s for s in scores), scores[:5]
    weights = re.findall(r'font-size="10">([+-]\d+[.,]\d)<', page)
    assert weights and all("," in w for w in weights), weights[:5]
    english = render_html(report, "en")
    assert all("." in s for s in re.findall(r"\((\d+[.,]\d) %", english))
    assert all("." in w for w in re.findall(r'font-size="10">([+-]\d+[.,]\d)<', english))
    # the legend names every outcome the matrix shows
    assert "tidak direncanakan tahun ini" in page and "perlu ditinjau" in page
