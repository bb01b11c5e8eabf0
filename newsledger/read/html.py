"""Main text, title and publication date of an HTML page.

trafilatura finds the article body; we render its blocks ourselves so that every
paragraph and heading is separated by a blank line (what the paragraphs stage splits on).
Dates come from htmldate without its extensive free-text search, so a footer's
"(c) 2020" is never taken for the publication date.
"""
from __future__ import annotations

import logging
import re
from copy import deepcopy
from dataclasses import dataclass
from typing import Any, Optional

from newsledger.errors import EmptyInput, MalformedHTML, TruncatedInput

log = logging.getLogger(__name__)

#: htmldate settings: page-stated dates only (meta tags, JSON-LD, <time>, URL), original not updated.
DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
_FALLBACK_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6")
_DROPPED = ("script", "style", "noscript", "template", "nav", "footer", "aside", "form")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class HtmlText:
    """What one page yields: the text (paragraphs joined by blank lines) and page metadata."""

    text: str
    title: Optional[str]
    published: Optional[str]  # ISO day stated by the page, or None
    url: Optional[str]  # canonical URL the page declares, or None
    method: str  # trafilatura | fallback


def extract_html(html: str, url: Optional[str] = None, *, input_id: Optional[str] = None) -> HtmlText:
    """Main text and metadata of ``html``; raises E011 when empty, E018 when no text can be found."""
    if not html.strip():
        raise EmptyInput("the HTML page is empty: nothing to analyse", input_id=input_id)
    _check_depth(html, input_id)
    result = _trafilatura(html, url)
    blocks = _trafilatura_blocks(result.body) if result is not None and result.body is not None else []
    title = _clean(result.title) if result is not None and result.title else None
    published = result.date if result is not None else None
    canonical = result.url if result is not None else None
    method = "trafilatura"
    if not blocks:
        tree = _load(html)
        method = "fallback"
        if tree is not None and result is None:  # trafilatura gave no metadata either
            title = _clean(tree.findtext(".//title") or "") or None
            published = _page_date(tree, url)
        blocks = _fallback_blocks(tree) if tree is not None else []
    if not blocks:
        raise MalformedHTML(
            "no main text could be extracted from the HTML (no paragraphs or headings with text): "
            "check the file is the article page itself, or pass its text as .txt", input_id=input_id)
    if published and not _ISO_DAY.match(published):
        published = None
    return HtmlText("\n\n".join(blocks), title, published, canonical, method)


#: libxml2 (under lxml, under trafilatura) stops building the tree at this depth and drops what lies deeper.
PARSER_DEPTH = 256


def _check_depth(html: str, input_id: Optional[str]) -> None:
    """Raise E020 for a page nested deeper than the parser reads.

    libxml2 silently drops every element below depth 256 (and the rest of the page after it), so the
    text would be partial with no sign of it: a page cut short is a coded failure, not a stored part.
    Pages that deep are broken or hostile (real articles nest a few dozen levels).
    """
    if html.count("<") < PARSER_DEPTH:  # too few tags to be that deep: no second parse
        return
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except Exception:  # an unparseable page is judged by the extraction below (E018)
        return
    if any(e.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in e.message for e in parser.error_log):
        raise TruncatedInput(
            f"the HTML nests elements deeper than the parser reads ({PARSER_DEPTH} levels): the text below that "
            "depth would be lost; pass the article's text as .txt, or its HTML without the excess nesting",
            input_id=input_id)


def _trafilatura(html: str, url: Optional[str]) -> Any:
    import trafilatura

    try:
        return trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True,
                                           date_extraction_params=dict(DATE_PARAMS))
    except Exception as exc:  # trafilatura raises assorted errors on hostile markup; we fall back
        log.debug("trafilatura failed: %s: %s", type(exc).__name__, exc)
        return None


def _trafilatura_blocks(body: Any) -> list[str]:
    """One string per block of trafilatura's XML body; list items are blocks of their own."""
    from trafilatura.xml import xmltotxt

    blocks: list[str] = []
    if len(body) == 1 and body[0].tag == "p" and len(body[0]) == 0 and body[0].text:
        # trafilatura's baseline extractor joins the page's blocks into one <p> with newlines
        for line in body[0].text.split("\n"):
            _add(blocks, line)
        return blocks
    _add(blocks, body.text)
    for child in body:
        parts = [item for item in child if item.tag == "item"] if child.tag == "list" else [child]
        for part in parts:
            alone = deepcopy(part)
            alone.tail = None  # the tail is loose text after the block: added below as its own block
            _add(blocks, xmltotxt(alone, False))
        _add(blocks, child.tail)
    return blocks


def _fallback_blocks(tree: Any) -> list[str]:
    """Text of the page's <p> and <h1>-<h6> elements, in order (when trafilatura finds nothing)."""
    for bad in tree.xpath("|".join(f"//{tag}" for tag in _DROPPED)):
        parent = bad.getparent()
        if parent is None:
            continue
        if bad.tail:  # keep the text that follows the dropped element
            previous = bad.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + bad.tail
            else:
                parent.text = (parent.text or "") + bad.tail
        parent.remove(bad)
    blocks: list[str] = []
    for element in tree.iter(*_FALLBACK_BLOCKS):
        _add(blocks, " ".join(element.itertext()))
    return blocks


def _add(blocks: list[str], text: Optional[str]) -> None:
    """Append ``text`` cleaned: spaces collapsed, lines trimmed, no blank lines inside a block."""
    if not text:
        return
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    cleaned = "\n".join(line for line in lines if line)
    if cleaned:
        blocks.append(cleaned)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", " ".join(text.split())).strip()


def _load(html: str) -> Any:
    import lxml.html

    # bytes + explicit encoding: lxml refuses str input that carries an XML encoding declaration
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        return lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except Exception as exc:
        log.debug("lxml could not parse the page: %s", exc)
        return None


def _page_date(tree: Any, url: Optional[str]) -> Optional[str]:
    from htmldate import find_date

    try:
        return find_date(tree, url=url, **DATE_PARAMS)
    except Exception as exc:
        log.debug("htmldate failed: %s", exc)
        return None
