"""The web layer: a JSON API under ``/api/`` and server-rendered pages, read-only over a store.

A thin layer over the Python API (:class:`~newsledger.store.Store` and
:mod:`newsledger.crossdoc`), like the CLI. Each request opens its own ``Store`` in the thread
that serves it (SQLite objects must not cross threads) and closes it. Every error has the
one shape of :meth:`NewsledgerError.to_json` (``{"ok": false, "error": {...}}``) with an HTTP
status: 404 for what does not exist, 400 for bad requests, 500 (code ``E000``) for anything
unexpected — never a traceback. HTML pages show the same code and message.
"""
from __future__ import annotations

import html
import json
import logging
import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Optional
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsledger.errors import InputError, NewsledgerError, NotFound, UsageError
from newsledger.store import Store
from newsledger.web.views import document_items, find_citation, paragraph_views, parse_range, snippet_html

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
MAX_LIMIT = 500
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FOOTNOTE_ITEM = re.compile(r'<li id="fn(\d+)">')
_HREF = re.compile(r'href="([^"]*)"')


# --- errors ------------------------------------------------------------------------------

def status_of(error: NewsledgerError) -> int:
    """The HTTP status of a library error: 404 not found, 400 bad request, 500 otherwise."""
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, (UsageError, InputError)):
        return 400
    return 500


def error_body(code: str, message: str, input_id: Optional[str] = None) -> dict[str, Any]:
    """The one error shape (same as :meth:`NewsledgerError.to_json`)."""
    return {"ok": False, "error": {"code": code, "message": message, "input": input_id}}


# --- parameters --------------------------------------------------------------------------

def iso_day(value: Optional[str], name: str) -> Optional[str]:
    """A ``from``/``to`` parameter: an ISO day (2020-10-15) or nothing; anything else is a usage error."""
    if value is None or value == "":
        return None
    from datetime import date

    try:
        if not _ISO_DAY.match(value):
            raise ValueError(value)
        date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"bad date for {name!r}: {value!r}; use an ISO day such as 2020-10-15", input_id=value) from None
    return value


def bounded_limit(value: int) -> int:
    if not 1 <= value <= MAX_LIMIT:
        raise UsageError(f"limit must be between 1 and {MAX_LIMIT}, not {value}")
    return value


def day_range(date_from: Optional[str], date_to: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    first, last = iso_day(date_from, "from"), iso_day(date_to, "to")
    if first and last and first > last:
        raise UsageError(f"'from' ({first}) is after 'to' ({last}): swap them")
    return first, last


def is_web_link(value: Any) -> bool:
    """Only http(s) addresses become links: a stored ``javascript:`` URL stays text."""
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


# --- the app -----------------------------------------------------------------------------

def create_app(db_path: str) -> FastAPI:
    """The web app over the store in ``db_path`` (read-only: nothing is ingested or changed)."""
    if not os.path.isfile(db_path):
        raise UsageError(f"no store at {db_path!r}: create one with `newsledger ingest PATHS --db {db_path}`")
    # No Swagger/ReDoc pages: they load scripts from a CDN, and everything here must work offline.
    app = FastAPI(title="newsledger", description="A cited, day-by-day ledger of news pages.", docs_url=None,
                  redoc_url=None, openapi_url="/api/openapi.json")
    app.state.db_path = db_path
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["snippet"] = snippet_html
    templates.env.globals["qs"] = lambda **kw: urlencode({k: v for k, v in kw.items() if v not in (None, "")})
    templates.env.filters["urlpart"] = lambda value: quote(str(value), safe="")
    templates.env.tests["web_link"] = is_web_link
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @contextmanager
    def open_store() -> Iterator[Store]:
        # A connection per request, opened and closed in the thread that serves it.
        store = Store(db_path)
        try:
            yield store
        finally:
            store.close()

    def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, template, context, status_code=status_code)

    def error_response(request: Request, status: int, body: dict[str, Any]) -> Response:
        if request.url.path.startswith("/api/") or request.url.path == "/api":
            return JSONResponse(body, status_code=status)
        return page(request, "error.html", status_code=status, error=body["error"], status=status)

    @app.exception_handler(NewsledgerError)
    async def on_library_error(request: Request, exc: NewsledgerError) -> Response:
        return error_response(request, status_of(exc), exc.to_json())

    @app.exception_handler(RequestValidationError)
    async def on_bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}" for e in exc.errors())
        return error_response(request, 400, error_body(UsageError.code, f"bad request parameters: {problems}"))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = NotFound.code if exc.status_code == 404 else UsageError.code
        message = f"no such page: {request.url.path}" if exc.status_code == 404 else str(exc.detail)
        return error_response(request, exc.status_code, error_body(code, message))

    @app.middleware("http")
    async def unexpected_errors(request: Request, call_next: Any) -> Response:
        # Anything not raised on purpose: logged here, answered with E000 and no traceback.
        try:
            return await call_next(request)
        except Exception:
            log.exception("unexpected error serving %s", request.url.path)
            return error_response(request, 500, error_body("E000", "unexpected server error; see the server log"))

    # -- JSON API ------------------------------------------------------------------------

    @app.get("/api/stats")
    def api_stats() -> dict[str, Any]:
        """Counts of what the store holds."""
        with open_store() as store:
            return store.stats()

    @app.get("/api/search")
    def api_search(q: str = "", lang: Optional[str] = None, speaker: Optional[str] = None, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over paragraphs, with snippets (matches between ``[`` and ``]``)."""
        with open_store() as store:
            return store.search(q, limit=bounded_limit(limit), lang=lang or None, speaker=speaker or None)

    @app.get("/api/documents/{ident:path}")
    def api_document(ident: str) -> dict[str, Any]:
        """One document's full analysis (id, id prefix or input id)."""
        with open_store() as store:
            return store.document(ident).to_dict()

    @app.get("/api/quotes")
    def api_quotes(speaker: Optional[str] = None, limit: int = 100) -> list[dict[str, Any]]:
        """Quotes across all pages, optionally of one speaker."""
        with open_store() as store:
            return store.quotes(speaker=speaker or None, limit=bounded_limit(limit))

    @app.get("/api/incidents")
    def api_incidents() -> list[dict[str, Any]]:
        """Incidents linked across sources, with each source's figures."""
        from newsledger.crossdoc import incident_rows

        with open_store() as store:
            return list(incident_rows(store.conn))

    @app.get("/api/incidents/{incident_id}")
    def api_incident(incident_id: str) -> dict[str, Any]:
        """One incident: every source's claim and the figures' range."""
        with open_store() as store:
            return _incident(store, incident_id)

    @app.get("/api/chronicle")
    def api_chronicle(date_from: Optional[str] = _query("from"), date_to: Optional[str] = _query("to")) -> Any:
        """The chronicle by event date between two ISO days (inclusive), every line cited."""
        from newsledger.crossdoc import build_chronicle, render_json

        first, last = day_range(date_from, date_to)
        with open_store() as store:
            return json.loads(render_json(build_chronicle(store.conn, date_from=first, date_to=last)))

    @app.get("/api/coverage")
    def api_coverage() -> dict[str, Any]:
        """Documents per site per day, languages, failures and silent gaps."""
        from newsledger.crossdoc import coverage

        with open_store() as store:
            return coverage(store.conn)

    @app.get("/api/{rest:path}")
    def api_unknown(rest: str) -> None:
        raise NotFound(f"no API route /api/{rest}: see /api/openapi.json or docs/web.md")

    # -- pages ---------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request) -> HTMLResponse:
        with open_store() as store:
            stats = store.stats()
        return page(request, "home.html", stats=stats)

    @app.get("/search", response_class=HTMLResponse)
    def search_page(request: Request, q: str = "", lang: str = "", speaker: str = "", limit: int = 50) -> HTMLResponse:
        hits: list[dict[str, Any]] = []
        if q.strip():
            with open_store() as store:
                hits = store.search(q, limit=bounded_limit(limit), lang=lang or None, speaker=speaker or None)
        return page(request, "search.html", q=q, lang=lang, speaker=speaker, hits=hits)

    @app.get("/documents/{ident:path}", response_class=HTMLResponse)
    def document_page(request: Request, ident: str, cite: str = "", hl: str = "", item: str = "") -> HTMLResponse:
        with open_store() as store:
            doc = store.document(ident)
        items = document_items(doc)
        marked = [s for s in (find_citation(doc.text, cite), parse_range(hl, len(doc.text))) if s]
        chosen = next((i for group in items.values() for i in group if i.key == item), None)
        if chosen:
            marked += chosen.spans[:1]
        paragraphs = paragraph_views(doc, [i for group in items.values() for i in group], marked)
        return page(request, "document.html", doc=doc, items=items, paragraphs=paragraphs, cite=cite,
                    cite_found=bool(marked), chosen=item)

    @app.get("/chronicle", response_class=HTMLResponse)
    def chronicle_page(request: Request, date_from: Optional[str] = _query("from"),
                       date_to: Optional[str] = _query("to")) -> HTMLResponse:
        from newsledger.crossdoc import build_chronicle, render_html

        first, last = day_range(date_from, date_to)
        with open_store() as store:
            book = build_chronicle(store.conn, date_from=first, date_to=last)
            body = _chronicle_body(store, render_html(book), book.footnotes)
        return page(request, "chronicle.html", body=body, date_from=first or "", date_to=last or "",
                    days=len(book.days))

    @app.get("/incidents", response_class=HTMLResponse)
    def incidents_page(request: Request) -> HTMLResponse:
        from newsledger.crossdoc import incident_rows

        with open_store() as store:
            rows = list(incident_rows(store.conn))
        return page(request, "incidents.html", rows=rows)

    @app.get("/incidents/{incident_id}", response_class=HTMLResponse)
    def incident_page(request: Request, incident_id: str) -> HTMLResponse:
        with open_store() as store:
            info = _incident(store, incident_id)
        return page(request, "incident.html", info=info)

    @app.get("/speakers/{name:path}", response_class=HTMLResponse)
    def speaker_page(request: Request, name: str) -> HTMLResponse:
        if not name.strip():
            raise UsageError("no speaker name: use /speakers/NAME")
        with open_store() as store:
            rows = store.quotes(speaker=name, limit=MAX_LIMIT)
        return page(request, "speaker.html", name=name, rows=rows)

    @app.get("/coverage", response_class=HTMLResponse)
    def coverage_page(request: Request) -> HTMLResponse:
        from newsledger.crossdoc import coverage

        with open_store() as store:
            data = coverage(store.conn)
        return page(request, "coverage.html", data=data)

    return app


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app over ``db_path`` with uvicorn until interrupted (what ``newsledger serve`` runs)."""
    import uvicorn

    uvicorn.run(create_app(db_path), host=host, port=port, log_level="info")


def _query(alias: str) -> Any:
    """A query parameter whose name is a Python keyword (``from``)."""
    from fastapi import Query

    return Query(default=None, alias=alias)


def _incident(store: Store, incident_id: str) -> dict[str, Any]:
    from newsledger.crossdoc import incident_figures

    info = incident_figures(store.conn, incident_id)
    if info["type_class"] is None and not info["claims"]:
        raise NotFound(f"no incident {incident_id!r}: list them at /api/incidents", input_id=incident_id)
    return info


def _doc_id_of(store: Store, footnote: Any) -> Optional[str]:
    """The stored document a chronicle footnote cites (by its input id, else its URL)."""
    doc_id = getattr(footnote, "doc_id", None)
    if doc_id:
        return doc_id
    row = None
    if footnote.input_id:
        row = store.conn.execute("SELECT doc_id FROM inputs WHERE input_id = ? LIMIT 1", (footnote.input_id,)).fetchone()
    if row is None and footnote.url:
        row = store.conn.execute("SELECT id FROM documents WHERE url = ? LIMIT 1", (footnote.url,)).fetchone()
    return row[0] if row else None


def _chronicle_body(store: Store, rendered: str, footnotes: list[Any]) -> Markup:
    """The crossdoc HTML renderer's body, each footnote linked to its document with the cited sentence marked."""
    start, end = rendered.find("<body>"), rendered.rfind("</body>")
    body = rendered[start + len("<body>"):end] if start >= 0 and end > start else rendered
    body = body.replace("<h1>Chronicle</h1>", "", 1)
    links: dict[str, str] = {}
    for note in footnotes:
        doc_id = _doc_id_of(store, note)
        if doc_id:
            href = f"/documents/{quote(doc_id, safe='')}?{urlencode({'cite': note.sentence or ''})}#cite"
            links[str(note.n)] = (f'<li id="fn{note.n}"><a class="doclink" href="{escape(href)}" '
                                  f'title="open the document at the cited sentence">document</a> ')

    def link(match: re.Match[str]) -> str:
        return links.get(match.group(1), match.group(0))

    def safe_href(match: re.Match[str]) -> str:
        target = html.unescape(match.group(1))
        return match.group(0) if is_web_link(target) or target.startswith(("#", "/")) else 'href="#"'

    # The renderer escapes every text it writes, so its markup is safe to embed once links are web links.
    return Markup(_HREF.sub(safe_href, _FOOTNOTE_ITEM.sub(link, body)))
