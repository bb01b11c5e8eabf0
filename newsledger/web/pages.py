"""The server-rendered HTML pages: search, documents with their cited spans, chronicle, incidents, speakers, coverage.

Every text from a document reaches the browser through Jinja2's autoescaping; links to stored
URLs are made only where :func:`~newsledger.web.views.is_web_link` allows.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from newsledger.crossdoc import build_chronicle, coverage, incident_rows
from newsledger.crossdoc.chronicle import Footnote
from newsledger.errors import UsageError
from newsledger.store import Store
from newsledger.store.browse import document_id_of_input, document_id_of_url
from newsledger.web.api import incident_or_404
from newsledger.web.deps import MAX_LIMIT, DayRange, StoreDep, bounded_limit
from newsledger.web.views import (
    document_items,
    find_citation,
    footnote_view,
    is_web_link,
    paragraph_views,
    parse_range,
    snippet_html,
)

TEMPLATES = Path(__file__).resolve().parent / "templates"

templates = Jinja2Templates(directory=str(TEMPLATES))
templates.env.filters["snippet"] = snippet_html
templates.env.filters["urlpart"] = lambda value: quote(str(value), safe="")
templates.env.globals["qs"] = lambda **kw: urlencode({k: v for k, v in kw.items() if v not in (None, "")})
templates.env.tests["web_link"] = is_web_link

router = APIRouter(default_response_class=HTMLResponse)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """One page from ``templates/``."""
    return templates.TemplateResponse(request, template, context, status_code=status_code)


@router.get("/")
def home(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "home.html", stats=store.stats())


@router.get("/search")
def search(request: Request, store: StoreDep, q: str = "", lang: str = "", speaker: str = "",
           limit: int = 50) -> HTMLResponse:
    hits: list[dict[str, Any]] = []
    if q.strip():
        hits = store.search(q, limit=bounded_limit(limit), lang=lang or None, speaker=speaker or None)
    return render(request, "search.html", q=q, lang=lang, speaker=speaker, hits=hits)


@router.get("/documents/{ident:path}")
def document(request: Request, store: StoreDep, ident: str, cite: str = "", hl: str = "",
             item: str = "") -> HTMLResponse:
    doc = store.document(ident)
    items = document_items(doc)
    every_item = [i for group in items.values() for i in group]
    marked = [s for s in (find_citation(doc.text, cite), parse_range(hl, len(doc.text))) if s]
    chosen = next((i for i in every_item if i.key == item), None)
    if chosen:
        marked += chosen.spans[:1]
    return render(request, "document.html", doc=doc, items=items, paragraphs=paragraph_views(doc, every_item, marked),
                  cite=cite, cite_found=bool(marked), chosen=item)


@router.get("/chronicle")
def chronicle(request: Request, store: StoreDep, days: DayRange) -> HTMLResponse:
    first, last = days
    book = build_chronicle(store, date_from=first, date_to=last)
    footnotes = [footnote_view(note, cited_document(store, note)) for note in book.footnotes]
    return render(request, "chronicle.html", chronicle=book, footnotes=footnotes, date_from=first or "",
                  date_to=last or "")


@router.get("/incidents")
def incidents(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "incidents.html", rows=list(incident_rows(store)))


@router.get("/incidents/{incident_id}")
def incident(request: Request, store: StoreDep, incident_id: str) -> HTMLResponse:
    return render(request, "incident.html", info=incident_or_404(store, incident_id))


@router.get("/speakers/{name:path}")
def speaker(request: Request, store: StoreDep, name: str) -> HTMLResponse:
    if not name.strip():
        raise UsageError("no speaker name: use /speakers/NAME")
    return render(request, "speaker.html", name=name, rows=store.quotes(speaker=name, limit=MAX_LIMIT))


@router.get("/coverage")
def coverage_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "coverage.html", data=coverage(store))


def cited_document(store: Store, note: Footnote) -> Optional[str]:
    """The stored document a chronicle footnote cites: its own id, else found by input id, else by URL."""
    if note.doc_id:
        return note.doc_id
    found = document_id_of_input(store, note.input_id) if note.input_id else None
    if found is None and note.url:
        found = document_id_of_url(store, note.url)
    return found


__all__ = ["render", "router", "templates"]
