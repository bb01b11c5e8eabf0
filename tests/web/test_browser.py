"""The web pages in a real browser: Debian's chromium driven by Playwright, against uvicorn on localhost.

Skipped when /usr/bin/chromium or the playwright package is absent (``apt-get install -y
chromium``; ``pip install playwright`` — no ``playwright install``: the system chromium is used).
"""
from __future__ import annotations

from typing import Any, Iterator

import pytest

from newsledger.resources import Resources
from tests.web.browser import browser_tab, serving, sync_api  # skips this module without chromium
from tests.web.test_api import HAJIYEV, build_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> Iterator[str]:
    with serving(build_store(tmp_path_factory.mktemp("webui"), resources)) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with browser_tab(tmp_path_factory.mktemp("chromium-profile")) as tab:
        yield tab


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
