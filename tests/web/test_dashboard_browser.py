"""The dashboard in a real browser (Debian's chromium, Playwright, uvicorn on localhost): charts drawn, clicks, a CSV.

Skipped when /usr/bin/chromium or the playwright package is absent (``apt-get install -y
chromium``; ``pip install playwright`` — no ``playwright install``: the system chromium is used).
"""
from __future__ import annotations

import csv
import json
import os
import socket
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest

CHROMIUM = os.environ.get("NEWSLEDGER_CHROMIUM", "/usr/bin/chromium")
if not os.path.exists(CHROMIUM):
    pytest.skip(f"no chromium at {CHROMIUM}: apt-get install -y chromium to run the browser test",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install playwright")
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed")

from newsledger.resources import Resources  # noqa: E402
from newsledger.web import create_app  # noqa: E402
from tests.web.test_api import build_store  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 10_000

#: A real browser and a live server: slow next to the unit tests (`make test-fast` leaves it out).
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> Iterator[str]:
    """uvicorn serving a freshly built store, in a background thread on a free localhost port."""
    db = build_store(tmp_path_factory.mktemp("dashboard-ui"), resources)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser_page(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True,
            args=CHROMIUM_ARGS)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.pages[0] if context.pages else context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        yield page
        context.close()
        assert not errors, f"JavaScript errors in the pages: {errors}"


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
