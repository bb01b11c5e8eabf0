"""The dashboard in a real browser (Debian's chromium, Playwright, uvicorn on localhost): charts drawn, clicks, a CSV.

Skipped when /usr/bin/chromium or the playwright package is absent (``apt-get install -y
chromium``; ``pip install playwright`` — no ``playwright install``: the system chromium is used).
"""
from __future__ import annotations

import csv
import json
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest

from newsledger.resources import Resources
from tests.web.browser import browser_tab, serving, sync_api  # skips this module without chromium
from tests.web.test_api import build_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> Iterator[str]:
    with serving(build_store(tmp_path_factory.mktemp("dashboard-ui"), resources)) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with browser_tab(tmp_path_factory.mktemp("chromium-dashboard")) as tab:
        yield tab


def get_json(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - our own localhost server
        return json.loads(answer.read().decode("utf-8"))


def test_timeline_and_map_drawn_from_the_data(browser_page: Any, base_url: str) -> None:
    page = browser_page
    expect = sync_api.expect
    timeline = get_json(base_url + "/api/dashboard/timeline")
    places = get_json(base_url + "/api/dashboard/places")
    page.goto(base_url + "/")
    expect(page.locator("#timeline-chart svg rect.tl-bar")).to_have_count(len(timeline["points"]))
    killed_days = {p["day"] for p in timeline["points"] if p["killed"]}
    expect(page.locator("#timeline-chart svg circle.tl-killed")).to_have_count(len(killed_days))
    expect(page.locator("#map-chart svg circle.map-point")).to_have_count(len(places["places"]))
    assert page.locator("#map-chart svg .map-land path").count() > 100  # the vendored base map, drawn locally


def test_map_point_opens_its_incident(browser_page: Any, base_url: str) -> None:
    page = browser_page
    expect = sync_api.expect
    ganja = next(p for p in get_json(base_url + "/api/dashboard/places")["places"] if p["place"] == "Ganja")
    page.goto(base_url + "/")
    page.locator("#map-chart circle.map-point[data-place='Ganja']").click()
    page.wait_for_url(f"**/incidents/{ganja['ids'][0]}")
    expect(page.locator("#incident-id")).to_have_text(ganja["ids"][0])
    page.goto(base_url + "/")
    page.locator("#timeline-chart rect.tl-bar[data-type='attack']").click()
    page.wait_for_url("**/incidents?*")
    expect(page.locator("#incidents-table tbody tr")).to_have_count(1)


def test_csv_download_of_what_is_shown(browser_page: Any, base_url: str, tmp_path: Path) -> None:
    page = browser_page
    page.goto(base_url + "/incidents?place=Moscow")
    shown = page.locator("#incidents-table tbody tr").count()
    with page.expect_download() as info:
        page.click("#download-csv")
    path = info.value.path()
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == shown == 2 and {r["place"] for r in rows} == {"Moscow"}
