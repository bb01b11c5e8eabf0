"""The web layer over a small store built here: JSON API shapes, the one error shape, HTML pages and escaping."""
from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Iterator

import pytest

pytest.importorskip("fastapi", reason="the web layer needs fastapi (pip install -e '.[web]')")
pytest.importorskip("jinja2", reason="the web layer needs jinja2")
with warnings.catch_warnings():  # starlette's TestClient announces a future httpx switch
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from newsledger.crossdoc.chronicle import Footnote  # noqa: E402
from newsledger.errors import StoreError, UsageError  # noqa: E402
from newsledger.resources import Resources  # noqa: E402
from newsledger.store import Store  # noqa: E402
from newsledger.store.browse import open_read_only  # noqa: E402
from newsledger.web import create_app  # noqa: E402
from newsledger.web.pages import cited_document  # noqa: E402
from newsledger.web.views import (  # noqa: E402
    find_citation,
    footnote_view,
    is_safe_href,
    parse_range,
    snippet_html,
)
from tests.paths import REPO  # noqa: E402
from tests.web.stores import ingest_pages  # noqa: E402

#: A paragraph every page of zefer.example repeats: boilerplate once two pages are stored.
SLOGAN = "Saytımızın xəbərlərini hər gün izləyin, dostlarınızla paylaşın və şərhlərinizi yazın."
HAJIYEV = "The attack on Ganja is a war crime against civilians"

PAGES = [
    {"id": "zf-1015", "site": "zefer.example", "url": "https://zefer.example/en/article/1",
     "title": "Missile strike on Ganja", "published": "2020-10-15",
     "text": "Missile strike on Ganja\n\nA missile strike hit Ganja on 15 October 2020. Seven civilians were killed and "
             f"33 injured, the Prosecutor General's Office said.\n\n\"{HAJIYEV},\" said Hikmet Hajiyev, assistant to "
             f"the President.\n\n{SLOGAN}"},
    {"id": "zf-1016", "site": "zefer.example", "url": "https://zefer.example/en/article/2", "title": "Talks in Moscow",
     "published": "2020-10-16",
     "text": "Talks in Moscow\n\nThe foreign ministers met in Moscow on 16 October 2020 to discuss the humanitarian "
             f"ceasefire.\n\n{SLOGAN}"},
    {"id": "wb-1015", "site": "world-brief.example", "url": "javascript:alert('url')", "title": "Ganja <b>hit</b>",
     "published": "2020-10-15",
     "text": "Ganja hit\n\nAt least 7 people were killed in a missile strike on Ganja on 15 October 2020, officials said. "
             "<script>alert('xss')</script> was pasted into the page."},
    {"id": "az-1015", "site": "xeberler.example", "url": "https://xeberler.example/gence", "title": "Gəncəyə raket zərbəsi",
     "published": "2020-10-15",
     "text": "Gəncəyə raket zərbəsi\n\nOktyabrın 15-də Gəncə şəhərinə raket zərbəsi endirilib.\n\n"
             "\"Gəncədə yeddi dinc sakin həlak olub\", - deyə nazir bildirib."},
]


def build_store(folder: Path, resources: Resources) -> str:
    """A store of the hand-written pages above, through the real ingest; returns its path."""
    return ingest_pages(folder, PAGES, resources)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> str:
    return build_store(tmp_path_factory.mktemp("web"), resources)


@pytest.fixture(scope="module")
def client(db_path: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_path)) as c:
        yield c


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"ok", "error"} and body["ok"] is False
    assert set(body["error"]) == {"code", "message", "input"}
    assert body["error"]["code"] == code and body["error"]["message"]
    assert "Traceback" not in response.text
    return body["error"]


# --- JSON API ---------------------------------------------------------------------------

def test_stats(client: TestClient) -> None:
    data = client.get("/api/stats").json()
    assert data["documents"] == len(PAGES)
    assert data["paragraphs_by_kind"]["boilerplate"] == 2
    assert {"quotes", "events", "entities", "sites", "paragraphs_by_lang"} <= set(data)


def test_search_any_language_and_filters(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Ganja"}).json()
    assert hits and all("[Ganja]" in h["snippet"] for h in hits)
    assert {"doc_id", "idx", "lang", "site", "snippet", "start", "end"} <= set(hits[0])
    az = client.get("/api/search", params={"q": "Gəncə"}).json()
    assert az and az[0]["lang"] == "az"
    assert client.get("/api/search", params={"q": "Ganja", "lang": "az"}).json() == []
    assert len(client.get("/api/search", params={"q": "Ganja", "limit": 1}).json()) == 1
    by_speaker = client.get("/api/search", params={"q": "Ganja", "speaker": "Hajiyev"}).json()
    assert by_speaker and all(h["site"] == "zefer.example" for h in by_speaker)


def test_document_is_the_full_analysis(client: TestClient) -> None:
    data = client.get("/api/documents/zf-1015").json()
    assert data["input_id"] == "zf-1015" and data["site"] == "zefer.example"
    for key in ("paragraphs", "sentences", "entities", "dates", "quotes", "events", "published"):
        assert key in data
    for q in data["quotes"]:  # provenance survives the API: every span cites the text exactly
        assert data["text"][q["content"]["start"]:q["content"]["end"]] == q["content"]["text"]
    assert client.get(f"/api/documents/{data['id']}").json()["id"] == data["id"]


def test_quotes_of_a_speaker(client: TestClient) -> None:
    rows = client.get("/api/quotes", params={"speaker": "Hajiyev"}).json()
    assert [r["content"] for r in rows] == [HAJIYEV]
    assert client.get("/api/quotes", params={"speaker": "Nobody Here"}).json() == []


def test_incidents_and_one_incident(client: TestClient) -> None:
    rows = client.get("/api/incidents").json()
    ganja = [r for r in rows if r["place"] == "Ganja" and r["type"] == "attack"]
    assert ganja, rows
    info = client.get(f"/api/incidents/{ganja[0]['incident_id']}").json()
    assert info["incident_id"] == ganja[0]["incident_id"]
    assert {"claims", "killed", "injured", "date", "documents"} <= set(info)
    assert any(c["killed"] for c in info["claims"])


def test_chronicle_json_and_range(client: TestClient) -> None:
    data = client.get("/api/chronicle").json()
    assert data["days"] and data["footnotes"]
    one = client.get("/api/chronicle", params={"from": "2020-10-16", "to": "2020-10-16"}).json()
    assert [d["key"] for d in one["days"]] == ["2020-10-16"]
    assert client.get("/api/chronicle", params={"from": "2021-01-01"}).json()["days"] == []


def test_coverage(client: TestClient) -> None:
    data = client.get("/api/coverage").json()
    assert data["documents"] == len(PAGES) and "zefer.example" in data["sites"]


# --- errors -----------------------------------------------------------------------------

@pytest.mark.parametrize("url,status,code", [
    ("/api/documents/no-such-document", 404, "E044"),
    ("/api/incidents/no-such-incident", 404, "E044"),
    ("/api/search?q=", 400, "E050"),
    ("/api/search?q=%20%20", 400, "E050"),
    ("/api/search", 400, "E050"),
    ("/api/search?q=Ganja&limit=abc", 400, "E050"),
    ("/api/search?q=Ganja&limit=0", 400, "E050"),
    ("/api/chronicle?from=15-10-2020", 400, "E050"),
    ("/api/chronicle?from=2020-02-30", 400, "E050"),
    ("/api/chronicle?from=2020-10-20&to=2020-10-01", 400, "E050"),
    ("/api/no-such-route", 404, "E044"),
])
def test_errors_have_one_shape(client: TestClient, url: str, status: int, code: str) -> None:
    assert_error(client.get(url), status, code)


def test_unexpected_error_is_e000_without_traceback(db_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Store) -> dict:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(Store, "stats", broken)
    with TestClient(create_app(db_path)) as c:
        error = assert_error(c.get("/api/stats"), 500, "E000")
        assert "secret" not in error["message"]
        page = c.get("/")
        assert page.status_code == 500 and "E000" in page.text and "secret" not in page.text


def test_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        create_app(str(tmp_path / "absent.db"))


def test_store_of_another_schema_is_refused_before_serving(tmp_path: Path) -> None:
    import sqlite3

    old = tmp_path / "old.db"
    sqlite3.connect(old).close()  # an empty file: schema 0, which a read-only web layer does not upgrade
    with pytest.raises(StoreError, match="older"):
        create_app(str(old))


def test_serving_changes_nothing_in_the_store(db_path: str) -> None:
    with open_read_only(db_path) as store:
        tables_before = store.tables()
    before = Path(db_path).read_bytes()
    with TestClient(create_app(db_path)) as c:
        incident = c.get("/api/incidents").json()[0]["incident_id"]
        for url in ("/", "/search?q=Ganja", "/documents/zf-1015", "/chronicle", "/incidents", f"/incidents/{incident}",
                    "/speakers/Hajiyev", "/coverage", "/api/stats", "/api/chronicle", "/api/coverage"):
            assert c.get(url).status_code == 200, url
    assert Path(db_path).read_bytes() == before
    with open_read_only(db_path) as store:
        assert store.tables() == tables_before


def test_web_code_writes_no_sql_and_never_touches_the_connection() -> None:
    for path in sorted((REPO / "newsledger" / "web").rglob("*.py")):
        code = path.read_text(encoding="utf-8")
        for needle in (".conn", "execute(", "SELECT ", "CREATE TABLE", "sqlite3"):
            assert needle not in code, f"{path.name} holds {needle!r}: use Store methods or newsledger.store.browse"


def test_html_errors_are_pages(client: TestClient) -> None:
    r = client.get("/documents/no-such-document")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "E044" in r.text
    assert client.get("/chronicle?from=bad").status_code == 400
    assert client.get("/no/such/page").status_code == 404


# --- HTML pages -------------------------------------------------------------------------

def test_home_has_stats_and_search_box(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and 'name="q"' in r.text and "boilerplate" in r.text


def test_search_page_marks_matches(client: TestClient) -> None:
    r = client.get("/search", params={"q": "Ganja"})
    assert r.status_code == 200
    assert "<mark>Ganja</mark>" in r.text and "world-brief.example" in r.text
    assert 'class="badge lang"' in r.text
    assert client.get("/search").status_code == 200  # the bare form


def test_document_page_paragraphs_items_and_spans(client: TestClient) -> None:
    doc = client.get("/api/documents/zf-1015").json()
    r = client.get("/documents/zf-1015")
    assert r.status_code == 200
    assert re.search(r'class="para kind-boilerplate"[^>]*lang="az"', r.text)
    assert 'class="para kind-heading"' in r.text
    # Every button's spans cut the text exactly where the document's items are.
    for spans in re.findall(r'data-spans="([^"]*)"', r.text):
        for pair in filter(None, spans.split(";")):
            start, end = map(int, pair.split("-"))
            assert f'data-s="{start}"' in r.text and f'data-e="{end}"' in r.text
    quote = next(i for i, q in enumerate(doc["quotes"]) if q["content"]["text"] == HAJIYEV)
    marked = client.get(f"/documents/zf-1015?item=q{quote}").text
    assert "".join(re.findall(r'<mark class="hl cite"[^>]*>([^<]*)</mark>', marked)) == HAJIYEV
    assert "/speakers/Hikmet%20Hajiyev" in marked


def test_document_page_marks_a_cited_sentence(client: TestClient) -> None:
    sentence = "A missile strike hit Ganja on 15 October 2020."
    r = client.get("/documents/zf-1015", params={"cite": sentence})
    assert 'id="cite"' in r.text
    assert "".join(re.findall(r'<mark class="hl cite"[^>]*>([^<]*)</mark>', r.text)) == sentence
    assert "not found" in client.get("/documents/zf-1015", params={"cite": "never written"}).text


def test_pages_escape_what_the_documents_hold(client: TestClient) -> None:
    r = client.get("/documents/wb-1015")
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "&lt;script&gt;alert" in r.text
    assert "<b>hit</b>" not in r.text and "&lt;b&gt;hit&lt;/b&gt;" in r.text
    assert 'href="javascript:' not in r.text  # a stored javascript: URL is shown, never linked
    search = client.get("/search", params={"q": "script"})
    assert "<script>alert" not in search.text and "<mark>script</mark>" in search.text
    echoed = client.get("/search", params={"q": '"><script>alert(1)</script>'})
    assert "<script>alert(1)" not in echoed.text
    assert "<script>alert" not in client.get("/chronicle").text


def test_chronicle_page_links_footnotes_to_documents(client: TestClient) -> None:
    r = client.get("/chronicle")
    assert r.status_code == 200 and 'href="#fn1"' in r.text
    links = re.findall(r'<a class="doclink" href="([^"]+)"', r.text)
    assert links and all(link.startswith("/documents/") and "cite=" in link for link in links)
    followed = client.get(links[0].replace("&amp;", "&").split("#")[0])
    assert followed.status_code == 200 and 'id="cite"' in followed.text
    assert client.get("/chronicle", params={"from": "2020-10-16", "to": "2020-10-16"}).status_code == 200


def test_incident_speaker_and_coverage_pages(client: TestClient) -> None:
    incident = next(r for r in client.get("/api/incidents").json() if r["place"] == "Ganja")
    r = client.get(f"/incidents/{incident['incident_id']}")
    assert r.status_code == 200 and "Per source" in r.text and "world-brief.example" in r.text
    assert client.get("/incidents").status_code == 200
    speaker = client.get("/speakers/Hajiyev")
    assert speaker.status_code == 200 and HAJIYEV in speaker.text and "item=q" in speaker.text
    assert client.get("/coverage").status_code == 200
    assert client.get("/static/style.css").status_code == 200 and client.get("/static/app.js").status_code == 200


# --- helpers ----------------------------------------------------------------------------

def test_safe_links() -> None:
    for good in ("https://a.example/x", "HTTP://a.example", "#fn1", "/documents/x?cite=y"):
        assert is_safe_href(good), good
    for bad in ("javascript:alert(1)", " javascript:x", "//evil.example/", "/\\evil.example", "data:text/html,x",
                "mailto:a@b", "", None):
        assert not is_safe_href(bad), bad


def test_footnote_view_links_the_document_and_only_safe_urls() -> None:
    note = Footnote(n=3, outlet="site", url="javascript:alert(1)", sentence="Two  words.\n", lang="en", doc_id="abc")
    view = footnote_view(note, "abc/1")
    assert view.document_href == "/documents/abc%2F1?cite=Two++words.%0A#cite"
    assert not view.url_is_safe and view.sentence == "Two words."
    assert footnote_view(note, None).document_href is None


def test_footnote_document_found_by_input_id_then_url(db_path: str) -> None:
    with open_read_only(db_path) as store:
        doc_id = store.document("zf-1015").id
        note = Footnote(n=1, outlet="zefer.example", url=None, sentence="x", lang="en", input_id="zf-1015")
        assert cited_document(store, note) == doc_id
        by_url = Footnote(n=1, outlet="zefer.example", url="https://zefer.example/en/article/1", sentence="x", lang="en")
        assert cited_document(store, by_url) == doc_id
        assert cited_document(store, Footnote(n=1, outlet="-", url="https://absent.example", sentence="x", lang="en")) is None


def test_snippet_markers_become_marks_and_text_is_escaped() -> None:
    assert str(snippet_html("a [Ganja] <b>")) == "a <mark>Ganja</mark> &lt;b&gt;"
    assert str(snippet_html("open [end")) == "open <mark>end</mark>"
    assert str(snippet_html(None)) == ""


def test_citation_and_range_helpers() -> None:
    text = "One.  Two   words here."
    assert find_citation(text, "Two words here.") == (6, len(text))
    assert find_citation(text, "absent") is None and find_citation(text, "") is None
    assert parse_range("0-3", 10) == (0, 3) and parse_range("3-30", 10) is None and parse_range("x", 10) is None


def test_incidents_are_paged(client: TestClient) -> None:
    every = client.get("/api/incidents", params={"limit": 500}).json()
    assert len(client.get("/api/incidents").json()) == min(len(every), 100)  # the default page
    pages = [client.get("/api/incidents", params={"limit": 2, "offset": o}).json() for o in range(0, len(every) + 2, 2)]
    assert [r for page in pages for r in page] == every
    assert client.get("/api/incidents", params={"limit": 0}).status_code == 400
    assert client.get("/api/incidents", params={"limit": 501}).status_code == 400
    assert client.get("/api/incidents", params={"offset": -1}).status_code == 400
