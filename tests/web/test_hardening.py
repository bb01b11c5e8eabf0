"""Issue 13, item 5: bounded search cost, LIKE wildcards, language case, safe links, Host check, headers, wrap."""
from __future__ import annotations

import re
import time
import warnings
from pathlib import Path
from typing import Iterator

import pytest

pytest.importorskip("fastapi", reason="the web layer needs fastapi (pip install -e '.[web]')")
with warnings.catch_warnings():  # starlette's TestClient announces a future httpx switch
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from click.testing import CliRunner  # noqa: E402

import newsledger.store.search as search_module  # noqa: E402
from newsledger.crossdoc.chronicle import Footnote  # noqa: E402
from newsledger.errors import QueryTooLarge, SearchTimeout, UsageError  # noqa: E402
from newsledger.ingest import ingest  # noqa: E402
from newsledger.resources import Resources  # noqa: E402
from newsledger.store import Store  # noqa: E402
from newsledger.store.browse import open_read_only  # noqa: E402
from newsledger.store.search import MAX_QUERY_TERMS, fts_query, like_pattern, time_budget  # noqa: E402
from newsledger.web.app import DB_ENV, SECURITY_HEADERS, app_from_env, create_app  # noqa: E402
from newsledger.web.guard import host_name  # noqa: E402
from newsledger.web.views import common_input_root, footnote_view, shown_input_id  # noqa: E402
from tests.paths import REPO  # noqa: E402

WEB = REPO / "newsledger" / "web"
EN = ('Minister Hikmet Hajiyev said: "The attack on Ganja is a war crime against civilians."\n\n'
      "The shelling of Ganja went on through the night, residents said.\n")
RU = "Обстрел Гянджи продолжался всю ночь, сообщили жители города.\n\nВ городе работают спасатели.\n"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> str:
    folder = tmp_path_factory.mktemp("hardening")
    (folder / "corpus" / "en").mkdir(parents=True)
    (folder / "corpus" / "ru").mkdir(parents=True)
    (folder / "corpus" / "en" / "ganja.txt").write_text(EN, encoding="utf-8")
    (folder / "corpus" / "ru" / "gyandzha.txt").write_text(RU, encoding="utf-8")
    db = str(folder / "hardening.db")
    with Store(db) as store:
        report = ingest([str(folder / "corpus")], store, resources=resources)
    assert report.documents_new == 2, report.to_dict()
    return db


@pytest.fixture(scope="module")
def client(db_path: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_path, allowed_hosts=["testserver"])) as c:
        yield c


def error_code(response, status: int) -> str:
    assert response.status_code == status, response.text[:300]
    if response.headers["content-type"].startswith("application/json"):
        return response.json()["error"]["code"]
    match = re.search(r"E0\d\d", response.text)
    assert match, response.text[:300]
    return match.group(0)


# --- bounded search cost ------------------------------------------------------------------

def test_a_2000_word_query_is_refused_at_once_with_a_coded_400(client: TestClient) -> None:
    query = " ".join(["the"] * 2000)
    started = time.monotonic()
    api = client.get("/api/search", params={"q": query})
    page = client.get("/search", params={"q": query})
    assert time.monotonic() - started < 1.0
    assert error_code(api, 400) == "E046" and "1000" in api.json()["error"]["message"]
    assert error_code(page, 400) == "E046"


def test_too_many_different_words_is_a_coded_400(client: TestClient) -> None:
    query = " ".join(f"w{i}" for i in range(MAX_QUERY_TERMS + 1))
    response = client.get("/api/search", params={"q": query})
    assert error_code(response, 400) == "E046"
    assert str(MAX_QUERY_TERMS) in response.json()["error"]["message"]
    with pytest.raises(QueryTooLarge):
        fts_query(" OR ".join(f"w{i}" for i in range(MAX_QUERY_TERMS + 1)))
    assert issubclass(QueryTooLarge, UsageError)


def test_a_repeated_word_is_searched_once() -> None:
    assert fts_query("the the   the Ganja the") == '"the" "Ganja"'
    assert fts_query(" ".join(["the"] * 200)) == '"the"'


def test_a_search_past_its_time_budget_is_stopped(db_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_read_only(db_path)
    try:
        monkeypatch.setattr(search_module, "_PROGRESS_STEPS", 1)
        with pytest.raises(SearchTimeout) as caught:
            with time_budget(store, seconds=-1.0):
                store.conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000000)"
                                   " SELECT count(*) FROM n").fetchall()
        assert caught.value.code == "E047"
        assert store.conn.execute("SELECT 1").fetchone()[0] == 1  # the handler is gone: the connection works
    finally:
        store.close()


@pytest.fixture
def fresh_client(db_path: str) -> Iterator[TestClient]:
    """A client of a new app: an empty response cache, so every request reaches the store."""
    with TestClient(create_app(db_path, allowed_hosts=["testserver"])) as c:
        yield c


def test_the_web_answers_a_timed_out_search_with_a_coded_503(fresh_client: TestClient,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    client = fresh_client
    monkeypatch.setattr(search_module, "SEARCH_SECONDS", -1.0)
    monkeypatch.setattr(search_module, "_PROGRESS_STEPS", 1)
    assert error_code(client.get("/api/search", params={"q": "Ganja"}), 503) == "E047"
    assert error_code(client.get("/api/quotes"), 503) == "E047"
    monkeypatch.undo()
    assert client.get("/api/stats").status_code == 200  # and the next request is answered


# --- LIKE wildcards, language case --------------------------------------------------------

def test_like_wildcards_are_literal(client: TestClient) -> None:
    assert like_pattern("50%_a\\b") == "%50\\%\\_a\\\\b%"
    assert client.get("/api/quotes").json(), "the store holds a quote"
    for wildcard in ("%", "_", "%%"):
        assert client.get("/api/quotes", params={"speaker": wildcard}).json() == []
        assert client.get("/api/search", params={"q": "Ganja", "speaker": wildcard}).json() == []
    assert client.get("/api/quotes", params={"speaker": "Hajiyev"}).json()


def test_language_codes_are_case_insensitive(client: TestClient) -> None:
    lower = client.get("/api/search", params={"q": "Ganja", "lang": "en"}).json()
    assert lower and client.get("/api/search", params={"q": "Ganja", "lang": "EN"}).json() == lower
    assert client.get("/api/search", params={"q": "Гянджи", "lang": "Ru"}).json()


# --- links, hosts, headers, layout --------------------------------------------------------

@pytest.mark.parametrize("url,linked", [
    ("https://news.example/a", True), ("HTTP://news.example/a", True), ("//evil.example/x", False),
    ("/\\evil.example/y", False), ("javascript:alert(1)", False), ("/local/path", False), ("#fn1", False),
    ("data:text/html,x", False), (None, False),
])
def test_only_http_urls_become_footnote_links(url: str, linked: bool) -> None:
    note = Footnote(n=1, outlet="x", url=url, lang="en", sentence="s", input_id=None, doc_id=None)
    assert footnote_view(note, None).url_is_safe is linked


def test_templates_link_stored_urls_only_through_the_check() -> None:
    for template in (WEB / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        for match in re.finditer(r'href="\{\{\s*([^}]*?)\s*\}\}"', text):
            expr = match.group(1)
            assert "url" not in expr or "url_is_safe" in expr or "is web_link" in text, (template.name, expr)


@pytest.mark.parametrize("host,allowed", [
    ("127.0.0.1:8000", True), ("localhost", True), ("[::1]:8000", True), ("LOCALHOST:1", True),
    ("evil.example", False), ("127.0.0.1.evil.example", False), ("", False),
])
def test_only_local_host_names_are_answered(db_path: str, monkeypatch: pytest.MonkeyPatch, host: str,
                                             allowed: bool) -> None:
    monkeypatch.delenv("NEWSLEDGER_ALLOW_HOSTS", raising=False)
    with TestClient(create_app(db_path)) as c:
        response = c.get("/api/stats", headers={"host": host})
    if allowed:
        assert response.status_code == 200
    else:
        assert error_code(response, 400) == "E050" and "--allow-host" in response.json()["error"]["message"]
        assert response.headers["X-Frame-Options"] == "DENY"


def test_allowed_hosts_come_from_the_factory_and_the_bound_address(db_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSLEDGER_ALLOW_HOSTS", raising=False)
    with TestClient(create_app(db_path, allowed_hosts=["news.lan"], bound_host="10.1.2.3")) as c:
        assert c.get("/api/stats", headers={"host": "news.lan:8000"}).status_code == 200
        assert c.get("/api/stats", headers={"host": "10.1.2.3:8000"}).status_code == 200
        assert c.get("/api/stats", headers={"host": "other.lan"}).status_code == 400
    with TestClient(create_app(db_path, allowed_hosts=["*"])) as c:
        assert c.get("/api/stats", headers={"host": "anything.example"}).status_code == 200
    assert host_name("[::1]:80") == "[::1]" and host_name("Example.ORG:8000") == "example.org"


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for url in ("/", "/api/stats", "/static/style.css", "/no-such-page", "/api/nothing", "/search?q=Ganja"):
        response = client.get(url)
        for name, value in SECURITY_HEADERS.items():
            assert response.headers.get(name) == value, (url, name)
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    script_src = re.search(r"script-src ([^;]*)", csp)
    assert script_src and script_src.group(1).strip() == "'self'"  # no 'unsafe-inline', no 'unsafe-eval'


def test_no_inline_script_or_event_handler_in_templates() -> None:
    for template in (WEB / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text, flags=re.I):
            assert re.search(r"\bsrc=", tag), (template.name, tag)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", text, flags=re.I), template.name
        assert "javascript:" not in text.lower(), template.name


def test_long_strings_wrap_inside_the_layout() -> None:
    css = re.sub(r"/\*.*?\*/", "", (WEB / "static" / "style.css").read_text(encoding="utf-8"), flags=re.S)
    rules = re.findall(r"([^{}]+)\{([^}]*overflow-wrap:\s*anywhere[^}]*)\}", css)
    selectors = {s.strip() for group, _ in rules for s in group.split(",")}
    assert {"h1", "td", "dd", ".hit-title", "q", "li"} <= selectors


# --- input ids ----------------------------------------------------------------------------

def test_input_ids_are_shown_relative_to_the_ingest_root(db_path: str) -> None:
    ids = [row[0] for row in open_read_only(db_path).conn.execute("SELECT input_id FROM documents")]
    root = common_input_root(ids)
    assert root and root.endswith("corpus")
    shown = sorted(shown_input_id(i, root) for i in ids)
    assert shown == ["en/ganja.txt", "ru/gyandzha.txt"]
    assert shown_input_id("/elsewhere/secret/x.txt", root) == "x.txt"
    assert shown_input_id("https://news.example/a", root) == "https://news.example/a"
    assert common_input_root(["https://a/b"]) is None


# --- serve --workers ------------------------------------------------------------------------

def test_serve_offers_workers_and_allowed_hosts() -> None:
    from newsledger.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--workers" in result.output and "--allow-host" in result.output


def test_the_worker_factory_reads_the_store_from_the_environment(db_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DB_ENV, db_path)
    with TestClient(app_from_env()) as c:
        assert c.get("/api/stats").json()["documents"] == 2
    monkeypatch.delenv(DB_ENV)
    with pytest.raises(UsageError):
        app_from_env()


def test_the_store_path_is_not_shown(client: TestClient, db_path: str) -> None:
    assert str(Path(db_path).parent) not in client.get("/api/stats").text


def test_every_web_request_has_a_time_budget(fresh_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A route that does not go through the search functions is still stopped (the request's budget, E047)."""
    import newsledger.web.deps as deps

    client = fresh_client
    monkeypatch.setattr(deps, "REQUEST_SECONDS", -1.0)
    monkeypatch.setattr(search_module, "_PROGRESS_STEPS", 1)
    response = client.get("/api/coverage")
    assert error_code(response, 503) == "E047" and "the request" in response.json()["error"]["message"]
    page = client.get("/search", params={"q": "Ganja"})
    assert error_code(page, 503) == "E047"


def test_answers_are_cached_until_the_store_changes(tmp_path: Path) -> None:
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from newsledger.web.cache import ResponseCache

    db = tmp_path / "store.db"
    db.write_bytes(b"v1")
    calls: list[str] = []

    async def page(request):  # type: ignore[no-untyped-def]
        calls.append(request.url.path)
        return PlainTextResponse(f"answer {len(calls)}", status_code=404 if request.url.path == "/missing" else 200)

    inner = Starlette(routes=[Route("/page", page), Route("/missing", page)])
    with TestClient(ResponseCache(inner, db_path=str(db))) as c:
        assert c.get("/page").text == c.get("/page").text == "answer 1"
        assert c.get("/page?x=1").text == "answer 2"  # another query: another entry
        c.get("/missing")
        c.get("/missing")
        assert calls.count("/missing") == 2  # only 200 answers are kept
        db.write_bytes(b"version 2")  # the store changed (ingest): everything is built again
        assert c.get("/page").text == "answer 5"


def test_the_app_caches_inside_the_host_check(db_path: str) -> None:
    with TestClient(create_app(db_path, allowed_hosts=["testserver"])) as c:
        first, again = c.get("/api/stats"), c.get("/api/stats")
        assert first.content == again.content and again.headers["X-Frame-Options"] == "DENY"
        assert c.get("/api/stats", headers={"host": "evil.example"}).status_code == 400


def test_no_page_shows_an_absolute_local_path(client: TestClient, db_path: str) -> None:
    """The store holds absolute input paths (``/tmp/.../pages.jsonl:1``); pages show them relative."""
    folder = str(Path(db_path).parent)
    hits = client.get("/api/search", params={"q": "Ganja"}).json()
    doc_ids = [hit["doc_id"] for hit in (hits if isinstance(hits, list) else hits.get("results", []))][:1]
    pages = ["/", "/search?q=Ganja", "/search?entity=Gəncə&lang=ru", "/chronicle", "/incidents", "/entities/Ganja"]
    pages += [f"/documents/{doc_id}" for doc_id in doc_ids]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, (page, response.status_code)
        assert folder not in response.text, f"{page} shows the local folder {folder}"
