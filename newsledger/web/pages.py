"""The server-rendered HTML pages: home, incidents, coverage (the explore pages are in :mod:`newsledger.web.explore`).

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

from newsledger.crossdoc import coverage
from newsledger.crossdoc.chronicle import Footnote
from newsledger.store import Store
from newsledger.store.browse import document_id_of_input, document_id_of_url
from newsledger.web.deps import StoreDep
from newsledger.web.views import is_web_link, snippet_html

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
