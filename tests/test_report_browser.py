"""The HTML report opened in a real headless Chromium (Debian's ``chromium`` and
``chromium-driver``): it renders without console errors, fetches nothing, and its charts are
there and visible. A full-page screenshot is kept as a test artefact.

``make browser`` (and ``.ci/run``) install the browser; without it this test is skipped with
a reason, unless ``PPSP_REQUIRE_BROWSER=1`` (set by ``.ci/run``) makes that a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pendulum
import pytest

from ppsp.io.reports.html import render_html
from ppsp.io.sheets.importer import read_bundle
from ppsp.rules import Settings, check

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("PPSP_ARTIFACTS", ROOT / "test-artifacts"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (CHROMIUM and DRIVER):
        if os.environ.get("PPSP_REQUIRE_BROWSER") == "1":
            pytest.fail("chromium and chromedriver are required here (run: make browser)")
        pytest.skip("Debian's chromium and chromium-driver are not installed (run: make browser)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1300,1000",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_report_renders_in_chromium(browser: Any, lang: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    read = read_bundle([ROOT / "examples" / "gunung-mas"])
    report = check(read.bundle, 2025, settings=Settings(today=pendulum.date(2025, 6, 30)))
    page = tmp_path / f"report-{lang}.html"
    page.write_text(render_html(report, lang, illustrative=True), "utf-8")

    browser.get(page.as_uri())
    assert browser.execute_script("return document.readyState") == "complete"
    assert browser.execute_script("return document.documentElement.lang") == lang
    # nothing fetched: no script, stylesheet, font or image came from anywhere
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    problems = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert problems == []

    charts = browser.find_elements(By.CSS_SELECTOR, "figure.chart")
    assert len(charts) == 5
    for chart in charts:
        svg = chart.find_element(By.TAG_NAME, "svg")
        assert svg.is_displayed()
        assert svg.size["width"] > 200 and svg.size["height"] > 80, chart.get_attribute("id")
        assert chart.find_element(By.TAG_NAME, "figcaption").text.strip()
    cells = browser.find_elements(By.CSS_SELECTOR, "#traceability td.missing")
    assert cells and cells[0].is_displayed()
    findings = browser.find_elements(By.CSS_SELECTOR, "#findings .finding")
    assert len(findings) == len(report.findings)

    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1300, min(int(height) + 100, 16000))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"report-{lang}.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 50_000
