"""A hostile corpus in a real browser: every page stays inert (no script runs, no off-site link) and inside the layout.

The pages are written for this test: script tags, event handlers, ``javascript:``, protocol-relative and
backslash URLs, and 100,000-character titles and paragraphs, ingested through the real path.
"""
from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

CHROMIUM = os.environ.get("NEWSLEDGER_CHROMIUM", "/usr/bin/chromium")
if not os.path.exists(CHROMIUM):
    pytest.skip(f"no chromium at {CHROMIUM}: apt-get install -y chromium to run the browser test",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install playwright")
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed")

from newsledger.ingest import ingest  # noqa: E402
from newsledger.resources import Resources  # noqa: E402
from newsledger.store import Store  # noqa: E402
from newsledger.web import create_app  # noqa: E402
from tests.web.test_browser import CHROMIUM_ARGS, TIMEOUT_MS, free_port  # noqa: E402

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
    folder = tmp_path_factory.mktemp("hostile")
    pages = folder / "hostile.jsonl"
    pages.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in HOSTILE) + "\n", encoding="utf-8")
    db = str(folder / "hostile.db")
    with Store(db) as store:
        ingest([str(pages)], store, resources=resources)
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


def _doc_ids(base_url: str) -> list[str]:
    import urllib.request

    with urllib.request.urlopen(f"{base_url}/api/search?q=Ganja&limit=50") as response:
        hits: Any = json.load(response)
    rows = hits if isinstance(hits, list) else hits.get("results", [])
    return sorted({row["doc_id"] for row in rows})


def test_every_page_stays_inert_and_inside_the_layout(base_url: str, tmp_path: Path) -> None:
    paths = ["/", "/search?q=Ganja", "/search?entity=G%C9%99nc%C9%99", "/chronicle", "/incidents", "/coverage",
             "/entities/Ganja", "/speakers/Hikmet%20Hajiyev"]
    paths += [f"/documents/{doc_id}" for doc_id in _doc_ids(base_url)]
    assert len(paths) > 9, "the hostile pages were not stored"
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(str(tmp_path / "profile"), executable_path=CHROMIUM,
                                                        headless=True, args=CHROMIUM_ARGS,
                                                        viewport={"width": 1200, "height": 800})
        context.set_default_timeout(TIMEOUT_MS)
        page = context.pages[0] if context.pages else context.new_page()
        dialogs: list[str] = []
        off_site: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: None if request.url.startswith(base_url) else off_site.append(request.url))
        try:
            for path in paths:
                response = page.goto(base_url + path)
                assert response is not None and response.status == 200, (path, response and response.status)
                hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
                for href in hrefs:
                    lowered = href.strip().lower()
                    assert not lowered.startswith(("javascript:", "//", "/\\", "data:")), (path, href)
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= 1200 + 20, f"{path} is {width} px wide: a long string escaped the layout"
        finally:
            context.close()
    assert not dialogs, f"a script ran: {dialogs}"
    assert not [url for url in off_site if "evil.example" in url], off_site
