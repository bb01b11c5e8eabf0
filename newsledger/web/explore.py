"""Exploring the ledger: faceted, paged search; documents with the match marked; entity, speaker and chronicle pages.

The search takes words, an entity named in any language or script (the CLI's ``search
--entity``: "Gəncə" finds the Russian "Гянджа") and facets; hits are grouped by document and
open the document scrolled to the paragraph with the matched terms marked. Pages work without
JavaScript; ``static/explore.js`` only submits the facet form when a facet changes.
"""
from __future__ import annotations

import re
from typing import Any, Optional
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from newsledger.crossdoc.chronicle import build_chronicle_keeping_undated
from newsledger.errors import UsageError
from newsledger.store import explore as queries
from newsledger.store.explore import SearchFilters
from newsledger.web.deps import MAX_LIMIT, DayRange, StoreDep, bounded_limit
from newsledger.web.pages import cited_document, render
from newsledger.web.views import document_items, find_citation, footnote_view, paragraph_views, parse_range

router = APIRouter(default_response_class=HTMLResponse)

#: Hits on one search page.
PAGE_SIZE = 20
#: Longest term list marked in a document (each term is searched in the paragraph's text).
_MAX_TERMS = 20


@router.get("/search")
def search(request: Request, store: StoreDep, q: str = "", entity: str = "", site: str = "", lang: str = "",
           type: str = "", speaker: str = "", days: DayRange = (None, None), page: int = 1,
           limit: int = PAGE_SIZE) -> HTMLResponse:
    first, last = days
    if page < 1:
        raise UsageError(f"page must be 1 or more, not {page}")
    size = bounded_limit(limit)
    filters = SearchFilters(query=q, entity=entity, date_from=first, date_to=last, site=site, lang=lang, type=type,
                            speaker=speaker)
    total, hits = 0, list[dict[str, Any]]()
    facets: dict[str, list[tuple[str, int]]] = {"site": [], "lang": [], "type": []}
    canonical = None
    if not filters.empty:
        total, hits = queries.search_page(store, filters, (page - 1) * size, size)
        facets = queries.facet_counts(store, filters)
        canonical = queries.entity_canonical(entity) if entity.strip() else None
    params = {"q": q, "entity": entity, "site": site, "lang": lang, "type": type, "speaker": speaker,
              "from": first or "", "to": last or "", "limit": size if size != PAGE_SIZE else ""}
    pages = max(1, -(-total // size))
    return render(request, "search.html", q=q, entity=entity, canonical=canonical, site=site, lang=lang, type=type,
                  speaker=speaker, date_from=first or "", date_to=last or "", total=total,
                  groups=group_by_document(hits, q), facets=facets, page=page, pages=pages,
                  first_shown=(page - 1) * size + 1, last_shown=(page - 1) * size + len(hits),
                  page_link=lambda n: "/search?" + urlencode({k: v for k, v in {**params, "page": n}.items()
                                                               if v not in ("", None, 1)}),
                  facet_link=lambda name, value: "/search?" + urlencode(
                      {k: v for k, v in {**params, name: value}.items() if v not in ("", None)}))


def group_by_document(hits: list[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """Hits grouped by document, in the order of each document's best hit; each hit with its link."""
    groups: dict[str, dict[str, Any]] = {}
    for hit in hits:
        group = groups.setdefault(hit["doc_id"], {"doc_id": hit["doc_id"], "title": hit["title"],
                                                  "input_id": hit["input_id"], "site": hit["site"],
                                                  "published_value": hit["published_value"], "hits": []})
        hit["href"] = hit_link(hit, query)
        group["hits"].append(hit)
    return list(groups.values())


def hit_link(hit: dict[str, Any], query: str) -> str:
    """The document page scrolled to the hit's paragraph, its matched words (or mentions) marked."""
    params: dict[str, Any] = {"p": hit["idx"]}
    if query.strip():
        params["terms"] = query
    if hit.get("mentions"):
        params["hl"] = ",".join(f"{a}-{b}" for a, b in hit["mentions"])
    return f"/documents/{quote(hit['doc_id'], safe='')}?{urlencode(params)}#cite"


def term_spans(text: str, offset: int, terms: str) -> list[tuple[int, int]]:
    """Where the words of a search sit in a paragraph's text (case-insensitive, FTS operators ignored)."""
    words = [w for w in re.findall(r"\w+", terms) if w not in ("OR", "NOT", "AND", "NEAR")][:_MAX_TERMS]
    spans = []
    for word in words:
        for match in re.finditer(r"(?<!\w)" + re.escape(word), text, flags=re.IGNORECASE):
            spans.append((offset + match.start(), offset + match.end()))
    return sorted(set(spans))


@router.get("/documents/{ident:path}")
def document(request: Request, store: StoreDep, ident: str, cite: str = "", hl: str = "", item: str = "",
             terms: str = "", p: Optional[int] = None) -> HTMLResponse:
    doc = store.document(ident)
    items = document_items(doc)
    every_item = [i for group in items.values() for i in group]
    marked = [s for s in (find_citation(doc.text, cite),) if s]
    marked += [s for s in (parse_range(part, len(doc.text)) for part in hl.split(",")[:_MAX_TERMS]) if s]
    if terms.strip():
        chosen_paragraphs = [doc.paragraphs[p]] if p is not None and 0 <= p < len(doc.paragraphs) else doc.paragraphs
        for para in chosen_paragraphs:
            marked += term_spans(doc.text[para.start:para.end], para.start, terms)
    chosen = next((i for i in every_item if i.key == item), None)
    if chosen:
        marked += chosen.spans[:1]
    return render(request, "document.html", doc=doc, items=items, paragraphs=paragraph_views(doc, every_item, marked),
                  cite=cite, cite_found=bool(marked), chosen=item, terms=terms)


@router.get("/entities/{name:path}")
def entity(request: Request, store: StoreDep, name: str) -> HTMLResponse:
    if not name.strip():
        raise UsageError("no entity name: use /entities/NAME")
    canonical = queries.entity_canonical(name)
    return render(request, "entity.html", name=name, canonical=canonical, forms=queries.entity_forms(store, canonical),
                  groups=group_by_document(queries.entity_mentions(store, canonical, MAX_LIMIT), ""),
                  quotes_by=queries.quotes_by(store, canonical), quotes_about=queries.quotes_about(store, canonical),
                  incidents=queries.entity_incidents(store, canonical))


@router.get("/speakers/{name:path}")
def speaker(request: Request, store: StoreDep, name: str) -> HTMLResponse:
    if not name.strip():
        raise UsageError("no speaker name: use /speakers/NAME")
    return render(request, "speaker.html", name=name, rows=queries.quotes_of_speaker(store, name, MAX_LIMIT))


@router.get("/chronicle")
def chronicle(request: Request, store: StoreDep, days: DayRange) -> HTMLResponse:
    first, last = days
    book, undated = build_chronicle_keeping_undated(store, first, last)
    footnotes = [footnote_view(note, cited_document(store, note)) for note in book.footnotes]
    return render(request, "chronicle.html", chronicle=book, undated=undated, footnotes=footnotes,
                  date_from=first or "", date_to=last or "")


__all__ = ["group_by_document", "hit_link", "router", "term_spans"]
