"""The explore pages in a real browser (Debian's chromium, Playwright): facets, a hit opened marked, chronicle to incident.

Skipped when /usr/bin/chromium or the playwright package is absent, like :mod:`tests.web.test_browser`.
"""
from __future__ import annotations

from typing import Any, Iterator

import pytest

from newsledger.resources import Resources
from tests.web.browser import browser_tab, serving, sync_api  # skips this module without chromium
from tests.web.test_explore import build_explore_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> Iterator[str]:
    with serving(build_explore_store(tmp_path_factory.mktemp("explore-ui"), resources, extra=25)) as url:
        yield url


@pytest.fixture(scope="module")
def page(base_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with browser_tab(tmp_path_factory.mktemp("chromium-explore")) as tab:
        yield tab


def total(page: object) -> int:
    return int(page.locator("#total").inner_text())


def test_every_facet_and_paging(page: object, base_url: str) -> None:
    expect = sync_api.expect
    page.goto(base_url + "/search?q=Ganja")
    everything = total(page)
    assert everything >= 28
    with page.expect_navigation():  # a changed facet submits the form (explore.js)
        page.select_option("select[name=site]", "bulk.example")
    assert total(page) == 25
    expect(page.locator(".pager")).to_contain_text("page 1 of 2")
    page.locator("a[rel=next]").click()
    page.wait_for_url("**page=2*")
    expect(page.locator("li.hit")).to_have_count(5)
    with page.expect_navigation():
        page.select_option("select[name=site]", "")
    assert total(page) == everything
    with page.expect_navigation():
        page.select_option("select[name=type]", "attack")
    attacks = total(page)
    assert 0 < attacks < everything
    with page.expect_navigation():
        page.select_option("select[name=type]", "")
    with page.expect_navigation():
        page.select_option("select[name=lang]", "en")
    assert total(page) == everything
    with page.expect_navigation():
        page.fill("input[name=to]", "2020-10-16")
        page.dispatch_event("input[name=to]", "change")
    assert total(page) == everything - 25
    page.fill("input[name=speaker]", "Hajiyev")
    page.press("input[name=speaker]", "Enter")
    page.wait_for_url("**speaker=Hajiyev*")
    assert total(page) == 1
    page.goto(base_url + "/search?entity=" + "Gəncə" + "&lang=ru")
    expect(page.locator("ol.hits mark").first).to_have_text("Гяндже")
    assert total(page) == 3


def test_open_a_hit_with_the_match_marked(page: object, base_url: str) -> None:
    expect = sync_api.expect
    page.goto(base_url + "/search?q=ceasefire")
    page.locator("a.hit-open").first.click()
    page.wait_for_url("**/documents/**#cite")
    mark = page.locator("#text mark#cite")
    expect(mark).to_have_text("ceasefire")
    expect(mark).to_be_in_viewport()


def test_chronicle_line_opens_its_incident(page: object, base_url: str) -> None:
    expect = sync_api.expect
    page.goto(base_url + "/chronicle?from=2020-10-15&to=2020-10-15")
    expect(page.locator("#undated")).to_contain_text("Tartar")
    link = page.locator("a.incident-link").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url("**" + href)
    expect(page.locator("main")).to_contain_text("Ganja")
    page.go_back()
    day = page.locator("details.day").first
    day.locator("summary").first.click()  # folds without JavaScript
    assert day.evaluate("el => el.open") is False
    expect(page.locator("a.incident-link").first).to_be_hidden()
