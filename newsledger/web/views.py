"""Pure helpers for the HTML pages: highlighted snippets, cited spans, paragraph segments, safe links.

Everything here returns plain data or :class:`markupsafe.Markup` built only from escaped
text, so a page can never inject markup into the browser.
"""
from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional
from urllib.parse import quote, urlencode

from jinja2 import pass_context
from markupsafe import Markup, escape

from newsledger.crossdoc.chronicle import Footnote
from newsledger.models import Document

#: The markers ``Store.search`` puts around matched words in a snippet.
SNIPPET_OPEN, SNIPPET_CLOSE = "[", "]"


def snippet_html(snippet: Optional[str]) -> Markup:
    """A search snippet with its ``[``…``]`` match markers shown as ``<mark>`` (the text escaped)."""
    out: list[str] = []
    depth = 0
    for piece in re.split(r"(\[|\])", snippet or ""):
        if piece == SNIPPET_OPEN and depth == 0:
            out.append("<mark>")
            depth = 1
        elif piece == SNIPPET_CLOSE and depth == 1:
            out.append("</mark>")
            depth = 0
        else:
            out.append(str(escape(piece)))
    if depth:
        out.append("</mark>")
    return Markup("".join(out))


@dataclass
class Item:
    """One thing found in a document, listed beside the text: what it is and the spans it cites."""

    key: str  # "e3", "d0", "q1", "v2": stable id of the item in the page
    label: str
    detail: str
    spans: list[tuple[int, int]]
    cited: str  # text[start:end] of the main span: the citation itself
    link: Optional[str] = None  # e.g. the speaker page of a quote
    link_text: Optional[str] = None

    @property
    def spans_attr(self) -> str:
        return ";".join(f"{s}-{e}" for s, e in self.spans)


@dataclass
class Segment:
    start: int
    end: int
    text: str
    marked: bool = False


@dataclass
class ParagraphView:
    idx: int
    start: int
    end: int
    lang: str
    kind: str
    lang_score: float
    segments: list[Segment] = field(default_factory=list)


def _span(obj: Any) -> Optional[tuple[int, int]]:
    start, end = getattr(obj, "start", None), getattr(obj, "end", None)
    if isinstance(start, int) and isinstance(end, int) and end > start:
        return (start, end)
    return None


def _speaker_link(name: Optional[str]) -> Optional[str]:
    return f"/speakers/{quote(name, safe='')}" if name else None


def document_items(doc: Document) -> dict[str, list[Item]]:
    """Entities, dates, quotes and events of a document, each with the spans it cites."""
    text = doc.text
    entities = [Item(f"e{i}", e.text, e.label + (f" → {e.canonical}" if e.canonical and e.canonical != e.text else "")
                     + f" ({e.source})", [(e.start, e.end)], text[e.start:e.end])
                for i, e in enumerate(doc.entities)]
    dates = [Item(f"d{i}", d.text, f"{d.value or 'no value'} ({d.precision}, {d.basis})", [(d.start, d.end)],
                  text[d.start:d.end]) for i, d in enumerate(doc.dates)]
    quotes = []
    for i, q in enumerate(doc.quotes):
        spans = [s for s in (_span(q.content), _span(q.speaker_span), _span(q.cue), _span(q.target)) if s]
        who = (q.speaker.canonical or q.speaker.name) if q.speaker else None
        role = f" ({q.speaker.role})" if q.speaker and q.speaker.role else ""
        detail = f"{q.kind}" + (f", cue “{q.cue.text}”" if q.cue else "") + (f", {q.polarity}" if q.polarity else "")
        if q.target:
            detail += f", target {q.target.name}"
        main = spans[0] if spans else None
        quotes.append(Item(f"q{i}", f"{who or '(unattributed)'}{role}", detail, spans,
                           text[main[0]:main[1]] if main else "", _speaker_link(who), who))
    events = []
    for i, ev in enumerate(doc.events):
        spans = [s for s in (_span(ev.span), _span(ev.killed), _span(ev.injured), _span(ev.place), _span(ev.actor),
                             _span(ev.weapon)) if s]
        facts = []
        if ev.place:
            facts.append(f"place {ev.place.canonical or ev.place.name}")
        if ev.date and ev.date.value:
            facts.append(f"date {ev.date.value} ({ev.date.precision})")
        elif ev.date and (ev.date.not_before or ev.date.not_after):
            facts.append("date " + " ".join(x for x in (f"not before {ev.date.not_before}" if ev.date.not_before else "",
                                                        f"not after {ev.date.not_after}" if ev.date.not_after else "") if x))
        for word, fig in (("killed", ev.killed), ("injured", ev.injured)):
            if fig:
                value = fig.low if fig.low is not None else fig.high
                shown = str(value) if value is not None else fig.label  # the number (or "dozens") beside the words
                facts.append(f"{word} {shown} “{fig.text}”" if shown and shown != fig.text else f"{word} “{fig.text}”")
        main = spans[0] if spans else None
        events.append(Item(f"v{i}", ev.type + (f" / {ev.subtype}" if ev.subtype else ""), "; ".join(facts), spans,
                           text[main[0]:main[1]] if main else ""))
    return {"quotes": quotes, "events": events, "entities": entities, "dates": dates}


def find_citation(text: str, cited: Optional[str]) -> Optional[tuple[int, int]]:
    """Where a cited sentence sits in the text: exact first, then ignoring differences in white space."""
    if not cited or not cited.strip():
        return None
    at = text.find(cited)
    if at >= 0:
        return (at, at + len(cited))
    words = cited.split()
    pattern = r"\s+".join(re.escape(w) for w in words)
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else None


def parse_range(value: Optional[str], length: int) -> Optional[tuple[int, int]]:
    """``"12-40"`` as a span inside a text of ``length`` characters, else None."""
    match = re.fullmatch(r"(\d+)-(\d+)", value or "")
    if not match:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    return (start, end) if 0 <= start < end <= length else None


def paragraph_views(doc: Document, items: Iterable[Item], marked: list[tuple[int, int]]) -> list[ParagraphView]:
    """Paragraphs cut at every item boundary, so the browser can highlight any item's span by offsets.

    ``marked`` spans are highlighted on the server (a citation followed from another page works
    without JavaScript).
    """
    cuts: set[int] = set()
    for item in items:
        for start, end in item.spans:
            cuts.update((start, end))
    for start, end in marked:
        cuts.update((start, end))
    views = []
    for idx, p in enumerate(doc.paragraphs):
        inner = sorted(c for c in cuts if p.start < c < p.end)
        bounds = [p.start, *inner, p.end]
        segments = []
        for a, b in zip(bounds, bounds[1:]):
            if b > a:
                segments.append(Segment(a, b, doc.text[a:b], any(s <= a and b <= e for s, e in marked)))
        views.append(ParagraphView(idx, p.start, p.end, p.lang, p.kind, p.lang_score, segments))
    return views


# --- links -------------------------------------------------------------------------------

def is_web_link(value: Any) -> bool:
    """Only http(s) addresses become links: a stored ``javascript:`` URL stays text."""
    return isinstance(value, str) and value.strip().lower().startswith(("http://", "https://"))


def is_safe_href(value: Any) -> bool:
    """A link target a page may hold: a web link, a fragment (``#fn1``) or a path on this site.

    ``//host`` and ``/\\host`` are other sites to a browser, so they are not paths here.
    """
    if not isinstance(value, str):
        return False
    return is_web_link(value) or value.startswith("#") or (value.startswith("/") and value[1:2] not in ("/", "\\"))


def document_link(doc_id: str, sentence: Optional[str] = None) -> str:
    """The document page of ``doc_id``, with ``sentence`` marked and scrolled to when given."""
    path = f"/documents/{quote(doc_id, safe='')}"
    return f"{path}?{urlencode({'cite': sentence})}#cite" if sentence is not None else path


@dataclass
class FootnoteView:
    """A chronicle footnote as the page shows it: its link to the cited document and its own URL if http(s)."""

    n: int
    outlet: str
    url: Optional[str]
    url_is_safe: bool
    lang: str
    sentence: str  # white space collapsed, as the chronicle prints it
    document_href: Optional[str]


def footnote_view(note: Footnote, doc_id: Optional[str]) -> FootnoteView:
    """How one footnote is shown; ``doc_id`` is the stored document it cites (None: no document link)."""
    return FootnoteView(
        n=note.n, outlet=note.outlet, url=note.url, url_is_safe=is_web_link(note.url), lang=note.lang,
        sentence=" ".join(note.sentence.split()),
        document_href=document_link(doc_id, note.sentence or "") if doc_id else None,
    )


# --- input ids ---------------------------------------------------------------------------

def _is_local_path(input_id: str) -> bool:
    return input_id.startswith("/") or bool(re.match(r"[A-Za-z]:[\\/]", input_id))


def common_input_root(input_ids: Iterable[str]) -> Optional[str]:
    """The deepest folder holding every ingested local file (None: no local paths), so pages can hide it."""
    folders = {os.path.dirname(i.split("#", 1)[0]) for i in input_ids if isinstance(i, str) and _is_local_path(i)}
    if not folders:
        return None
    try:
        return os.path.commonpath(sorted(folders))
    except ValueError:  # paths on different drives
        return None


def shown_input_id(input_id: Any, root: Optional[str]) -> str:
    """An input id as a page shows it: a local path relative to ``root`` (else its file name), never absolute."""
    text = "" if input_id is None else str(input_id)
    if not _is_local_path(text):
        return text  # a URL or a record name: nothing local to hide
    if root and text.startswith(root.rstrip("/\\") + os.sep) and root not in ("/", ""):
        return text[len(root.rstrip("/\\")) + 1:]
    return posixpath.basename(text.replace("\\", "/"))


@pass_context
def input_label(context: Any, input_id: Any) -> str:
    """Jinja filter ``input_label``: :func:`shown_input_id` with the app's input root (``app.state.input_root``)."""
    request = context.get("request")
    root = getattr(getattr(getattr(request, "app", None), "state", None), "input_root", None)
    return shown_input_id(input_id, root)
