"""A hostile corpus in a real browser: every page stays inert (no script runs, no off-site link) and inside the layout.

The pages are written for this test: script tags, event handlers, ``javascript:``, protocol-relative and
backslash URLs, and 100,000-character titles and paragraphs, ingested through the real path.
"""
from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest

from newsledger.resources import Resources
from tests.web.browser import browser_tab, serving  # skips this module without chromium
from tests.web.stores import ingest_pages

pytestmark = pytest.mark.slow

LONG_WORD = "Ganja" * 20_000  # one 100,000-character word: nothing to break it but the stylesheet
HOSTILE = [
    {"id": "h-script", "site": "hostile.example", "url": "javascript:alert('url')", "published": "2020-10-11",
     "title": "<script>alert('title')</script>Ganja strike",
     "text": "Ganja strike\n\nA missile hit Ganja on 11 October 2020; ten people were killed, officials said. "
             "<script>alert('body')</script><img src=x onerror=\"alert('img')\"> <a href=\"javascript:alert(1)\">x</a>"},
    {"id": "h-proto", "site": "hostile.example", "url": "//evil.example/x", "published": "2020-10-11",
     "title": "Protocol-relative Ganja",
     "text": "Protocol-relative Ganja\n\n\"The strike on Ganja killed civilians,\" said <b onmouseover=alert(2)>Hikmet Hajiyev</b>."},
    {"id": "h-backslash", "site": "hostile.example", "url": "/\\evil.example/y", "published": "2020-10-12",
     "title": "Backslash Ganja", "text": "Backslash Ganja\n\nShelling of Ganja on 12 October 2020 injured 30 people."},
    {"id": "h-long", "site": "hostile.example", "url": "https://hostile.example/long", "published": "2020-10-12",
     "title": LONG_WORD, "text": f"{LONG_WORD}\n\nGanja was shelled again on 12 October 2020. {LONG_WORD}"},
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> Iterator[str]:
    with serving(ingest_pages(tmp_path_factory.mktemp("hostile"), HOSTILE, resources, name="hostile")) as url:
        yield url


def _doc_ids(base_url: str) -> list[str]:
    with urllib.request.urlopen(f"{base_url}/api/search?q=Ganja&limit=50") as response:
        hits: Any = json.load(response)
    rows = hits if isinstance(hits, list) else hits.get("results", [])
    return sorted({row["doc_id"] for row in rows})


def test_every_page_stays_inert_and_inside_the_layout(base_url: str, tmp_path: Path) -> None:
    paths = ["/", "/search?q=Ganja", "/search?entity=G%C9%99nc%C9%99", "/chronicle", "/incidents", "/coverage",
             "/entities/Ganja", "/speakers/Hikmet%20Hajiyev"]
    paths += [f"/documents/{doc_id}" for doc_id in _doc_ids(base_url)]
    assert len(paths) > 9, "the hostile pages were not stored"
    dialogs: list[str] = []
    off_site: list[str] = []
    with browser_tab(tmp_path / "profile", viewport={"width": 1200, "height": 800}) as page:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: None if request.url.startswith(base_url) else off_site.append(request.url))
        for path in paths:
            response = page.goto(base_url + path)
            assert response is not None and response.status == 200, (path, response and response.status)
            hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
            for href in hrefs:
                lowered = href.strip().lower()
                assert not lowered.startswith(("javascript:", "//", "/\\", "data:")), (path, href)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 1200 + 20, f"{path} is {width} px wide: a long string escaped the layout"
    assert not dialogs, f"a script ran: {dialogs}"
    assert not [url for url in off_site if "evil.example" in url], off_site
