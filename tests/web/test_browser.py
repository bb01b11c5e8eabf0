"""The web pages in a real browser: Debian's chromium driven by Playwright, against uvicorn on localhost.

Skipped when /usr/bin/chromium or the playwright package is absent (``apt-get install -y
chromium``; ``pip install playwright`` — no ``playwright install``: the system chromium is used).
"""
from __future__ import annotations

import os
import socket
import threading
import time
from typing import Iterator

import pytest

CHROMIUM = os.environ.get("NEWSLEDGER_CHROMIUM", "/usr/bin/chromium")
if not os.path.exists(CHROMIUM):
    pytest.skip(f"no chromium at {CHROMIUM}: apt-get install -y chromium to run the browser test",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install playwright")
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed")

from newsledger.resources import Resources  # noqa: E402
from newsledger.web import create_app  # noqa: E402
from tests.web.test_api import HAJIYEV, build_store  # noqa: E402

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
    db = build_store(tmp_path_factory.mktemp("webui"), resources)
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


def test_search_document_and_quote_highlight(browser_page: object, base_url: str) -> None:
    page = browser_page
    expect = sync_api.expect
    page.goto(base_url + "/")
    expect(page.locator("h1")).to_have_text("newsledger")
    page.fill("#home-q", "Ganja")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/search?*")
    expect(page.locator("ol.hits mark").first).to_have_text("Ganja")

    page.get_by_role("link", name="Missile strike on Ganja").first.click()
    page.wait_for_url("**/documents/**")
    boilerplate = page.locator(".para.kind-boilerplate[data-lang='az']")
    expect(boilerplate).to_have_count(1)
    expect(boilerplate.locator(".badge.kind-boilerplate")).to_have_text("boilerplate")
    expect(boilerplate.locator(".badge.lang")).to_have_text("az")
    # Boilerplate is greyed out.
    assert boilerplate.evaluate("el => getComputedStyle(el).color") != page.locator(".para.kind-body").first.evaluate(
        "el => getComputedStyle(el).color")

    quote = page.locator("#quotes button.cite", has_text="Hikmet Hajiyev")
    quote.click()
    pinned = page.locator("#text .pinned")
    expect(pinned.first).to_be_visible()
    assert "".join(pinned.all_text_contents()).startswith(HAJIYEV)
    content_start = int(quote.get_attribute("data-spans").split(";")[0].split("-")[0])
    assert pinned.first.get_attribute("data-s") == str(content_start)
    quote.click()  # a second click lets go
    expect(page.locator("#text .pinned")).to_have_count(0)


def test_chronicle_footnote_leads_to_the_cited_sentence(browser_page: object, base_url: str) -> None:
    page = browser_page
    expect = sync_api.expect
    page.goto(base_url + "/chronicle")
    expect(page.locator(".chronicle h2").first).to_have_text("15 October 2020")
    page.locator(".chronicle sup a[href='#fn1']").first.click()
    page.wait_for_url("**/chronicle#fn1")
    note = page.locator("#fn1")
    sentence = note.locator("q").inner_text()
    note.locator("a.doclink").click()
    page.wait_for_url("**/documents/**")
    cited = page.locator("#text mark.cite")
    expect(cited.first).to_be_visible()
    assert " ".join("".join(cited.all_text_contents()).split()) == " ".join(sentence.split())
