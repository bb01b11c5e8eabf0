"""The explore pages over a small store: faceted and paged search, the entity switch, entity, speaker and chronicle pages."""
from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Iterator

import pytest

pytest.importorskip("fastapi", reason="the web layer needs fastapi (pip install -e '.[web]')")
with warnings.catch_warnings():  # starlette's TestClient announces a future httpx switch
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from newsledger.resources import Resources  # noqa: E402
from newsledger.store.browse import open_read_only  # noqa: E402
from newsledger.store.explore import SearchFilters, like_pattern, search_page  # noqa: E402
from newsledger.web import create_app  # noqa: E402
from newsledger.web.explore import term_spans  # noqa: E402
from tests.web.stores import ingest_pages
from tests.web.test_api import PAGES  # noqa: E402

#: A Russian page naming Ganja as "Гянджа"/"Гяндже", and a page with no year anywhere (its items stay undated).
MORE_PAGES = [
    {"id": "ru-1015", "site": "novosti.example", "url": "https://novosti.example/gyandzha", "title": "Удар по Гяндже",
     "published": "2020-10-15",
     "text": "Удар по Гяндже\n\nВ Гяндже 15 октября 2020 года ракетный удар убил семь мирных жителей.\n\n"
             "Город Гянджа снова подвергся обстрелу, сообщили власти."},
    {"id": "nd-1", "site": "undated.example", "url": "https://undated.example/x", "title": "Shelling of Tartar",
     "text": "Shelling of Tartar\n\nOn 11 October artillery shelling hit Tartar, killing two civilians, officials said.\n\n"
             "Residents of Tartar said they would not leave their homes."},
]


def build_explore_store(folder: Path, resources: Resources, extra: int = 0) -> str:
    """The web test pages, the pages above and ``extra`` near-identical pages (for paging); returns the path."""
    pages = PAGES + MORE_PAGES + [
        {"id": f"bulk-{i}", "site": "bulk.example", "url": f"https://bulk.example/{i}", "title": f"Bulletin {i}",
         "published": "2020-10-20", "text": f"Bulletin {i}\n\nReport number {i} from the Ganja front, bulletin {i}."}
        for i in range(extra)]
    return ingest_pages(folder, pages, resources, name="explore")


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> str:
    return build_explore_store(tmp_path_factory.mktemp("explore"), resources, extra=25)


@pytest.fixture(scope="module")
def client(db_path: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_path)) as c:
        yield c


def total_of(html: str) -> int:
    match = re.search(r'<span id="total">(\d+)</span>', html)
    return int(match.group(1)) if match else 0


# --- store queries -----------------------------------------------------------------------

def test_paged_search_answers_the_true_total(db_path: str) -> None:
    store = open_read_only(db_path)
    try:
        total, first = search_page(store, SearchFilters(query="number"), 0, 10)
        _, last = search_page(store, SearchFilters(query="number"), 20, 10)
        assert total == 25 and len(first) == 10 and len(last) == 5
        assert not {(h["doc_id"], h["idx"]) for h in first} & {(h["doc_id"], h["idx"]) for h in last}
    finally:
        store.close()


def test_like_wildcards_are_escaped() -> None:
    assert like_pattern("50%_a\\b") == "%50\\%\\_a\\\\b%"


def test_term_spans_case_insensitive() -> None:
    assert term_spans("A strike on GANJA, ganja.", 100, "ganja") == [(112, 117), (119, 124)]


# --- search page -------------------------------------------------------------------------

def test_search_paging_shows_the_true_total(client: TestClient) -> None:
    page1 = client.get("/search", params={"q": "number"}).text
    assert total_of(page1) == 25 and "showing 1–20" in page1 and "page 1 of 2" in page1
    assert 'rel="next"' in page1
    page2 = client.get("/search", params={"q": "number", "page": 2}).text
    assert "showing 21–25" in page2 and 'rel="prev"' in page2
    assert client.get("/search", params={"q": "number", "limit": 5, "page": 5}).text.count('class="hit"') == 5
    assert client.get("/search", params={"q": "number", "page": 0}).status_code == 400


def test_every_facet(client: TestClient) -> None:
    base = total_of(client.get("/search", params={"q": "Ganja"}).text)
    assert base >= 25 + 3
    by_site = client.get("/search", params={"q": "Ganja", "site": "zefer.example"}).text
    assert 0 < total_of(by_site) < base and "bulk.example" in by_site  # the other sites stay offered with counts
    assert total_of(client.get("/search", params={"q": "Ganja", "lang": "EN"}).text) == base  # case-insensitive
    assert total_of(client.get("/search", params={"q": "Gəncə", "lang": "AZ"}).text) >= 1  # case-insensitive
    assert total_of(client.get("/search", params={"q": "Ganja", "lang": "ru"}).text) == 0
    assert total_of(client.get("/search", params={"q": "Ganja", "from": "2020-10-19"}).text) == 25
    assert total_of(client.get("/search", params={"q": "Ganja", "to": "2020-10-16"}).text) == base - 25
    assert total_of(client.get("/search", params={"q": "Ganja", "type": "meeting/talks"}).text) == 0
    typed = client.get("/search", params={"q": "Ganja", "type": "attack"}).text
    assert 0 < total_of(typed) < base
    spoken = client.get("/search", params={"q": "Ganja", "speaker": "Hajiyev"}).text
    assert total_of(spoken) == 1
    assert total_of(client.get("/search", params={"q": "Ganja", "speaker": "%"}).text) == 0  # wildcard is literal
    bad = client.get("/search", params={"q": "Ganja", "from": "2020-10-20", "to": "2020-10-01"})
    assert bad.status_code == 400


def test_facet_counts_are_listed(client: TestClient) -> None:
    html = client.get("/search", params={"q": "Ganja"}).text
    assert re.search(r'<option value="bulk.example">bulk.example \(25\)</option>', html)
    assert re.search(r'<option value="attack">attack \(\d+\)</option>', html)
    assert re.search(r'<option value="en">en \(\d+\)</option>', html)


def test_entity_switch_finds_every_script(client: TestClient) -> None:
    html = client.get("/search", params={"entity": "Gəncə", "site": "novosti.example"}).text
    assert total_of(html) == 3 and "<mark>Гяндже</mark>" in html and "<mark>Гянджа</mark>" in html
    assert 'href="/entities/Ganja"' in html
    every = client.get("/search", params={"entity": "Гянджа"}).text
    assert "<mark>Gəncə</mark>" in every and "<mark>Ganja</mark>" in every
    assert total_of(client.get("/search", params={"entity": "Ganja", "lang": "ru"}).text) == 3


def test_hits_grouped_by_document_and_open_marked(client: TestClient) -> None:
    html = client.get("/search", params={"entity": "Gəncə", "site": "novosti.example"}).text
    assert html.count('class="hit-group"') == 1 and html.count('class="hit"') == 3
    href = re.search(r'class="hit-open" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert href.endswith("#cite") and "hl=" in href
    page = client.get(href.split("#")[0]).text
    assert re.search(r'<mark class="hl cite" id="cite"[^>]*>Гяндж', page)
    words = client.get("/search", params={"q": "ceasefire"}).text
    href = re.search(r'class="hit-open" href="([^"]+)"', words).group(1).replace("&amp;", "&")
    assert "terms=ceasefire" in href
    page = client.get(href.split("#")[0]).text
    assert re.search(r'<mark class="hl cite" id="cite"[^>]*>ceasefire</mark>', page)
    assert "Jump to the match" in page


# --- entity, speaker and chronicle pages -------------------------------------------------

def test_entity_page(client: TestClient) -> None:
    for name in ("Ganja", "Gəncə", "Гянджа"):
        html = client.get(f"/entities/{name}").text
        assert "<h1>Ganja</h1>" in html
        for form in ("Gəncə", "Гянджа", "Ganja"):
            assert f">{form}</span>" in html
        assert '<details class="fold" id="incidents" open>' in html and 'href="/incidents/' in html
        assert 'id="quotes-about"' in html and "Hikmet Hajiyev" in html  # his quote names Ganja
    person = client.get("/entities/Hikmet Hajiyev").text
    assert "Quotes by Hikmet Hajiyev <span class=\"count\">(1)" in person
    assert client.get("/entities/%20").status_code == 400


def test_speaker_page_and_links(client: TestClient) -> None:
    html = client.get("/speakers/Hikmet Hajiyev").text
    assert "war crime" in html and 'href="/entities/Hikmet%20Hajiyev"' in html
    assert "war crime" not in client.get("/speakers/%25").text  # a LIKE wildcard matches itself only
    doc = client.get("/search", params={"q": "war crime"}).text
    doc_href = re.search(r'class="hit-title" href="([^"]+)"', doc).group(1)
    assert 'href="/speakers/Hikmet%20Hajiyev"' in client.get(doc_href).text


def test_chronicle_links_folds_and_keeps_undated(client: TestClient) -> None:
    html = client.get("/chronicle", params={"from": "2020-10-15", "to": "2020-10-15"}).text
    links = re.findall(r'class="incident-link" href="(/incidents/[^"]+)"', html)
    assert links and all(client.get(link).status_code == 200 for link in links)
    assert "<details" in html and "<summary>" in html and "<script>" not in html.split("</main>")[0]
    assert 'id="undated"' in html and "Tartar" in html  # no year: kept apart, not dropped
    refs = [int(n) for n in re.findall(r'id="ref(\d+)"', html)]
    notes = [int(n) for n in re.findall(r'<li id="fn(\d+)"', html)]
    assert sorted(set(refs)) == notes == list(range(1, len(notes) + 1))
    whole = client.get("/chronicle").text
    assert 'id="undated"' not in whole and "Tartar" in whole
