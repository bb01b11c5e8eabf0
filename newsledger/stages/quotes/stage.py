"""Who said what: direct quotes, reported speech and stance acts, with resolved speakers.

Reads ``paragraphs`` (kind, lang), ``sentences``, ``entities`` and the transient
``parses`` (spaCy Docs of English paragraphs, made by the entities stage); writes ``quotes``.
Nothing is split, parsed or recognised again here. English is read from dependency parses
(:mod:`newsledger.stages.quotes.english`) and merged with its quotation marks by
:mod:`newsledger.stages.quotes.merge` and :mod:`newsledger.stages.quotes.inherited`; quotation
marks in any language and cue words in Russian, Ukrainian, Azerbaijani, Turkish and French by
:mod:`newsledger.stages.quotes.direct` and :mod:`newsledger.stages.quotes.other_languages`;
speakers are resolved over the whole document by :mod:`newsledger.stages.quotes.speakers`.
With the setting ``attribution=model`` a learned model (:mod:`newsledger.stages.quotes.learned`)
proposes the English attributions first and the rules fill in where it finds none.
This module holds the orchestration: :func:`find_candidates`, :func:`resolve`, :func:`run`, ``STAGE``.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Optional

from newsledger.lang import read_by_english_model
from newsledger.models import Document, Entity, Quote, Span, Target, number_quotes
from newsledger.settings import load_settings
from newsledger.stages import Stage
from newsledger.stages.budget import check as check_budget
from newsledger.stages.quotes.direct import find_quotations
from newsledger.stages.quotes.english import Candidate, extract_english
from newsledger.stages.quotes.inherited import _colon_paragraphs
from newsledger.stages.quotes.learned import combine, propose
from newsledger.stages.quotes.lexicon import english
from newsledger.stages.quotes.merge import _merge_english
from newsledger.stages.quotes.offsets import Offsets, _overlaps, _trim_content
from newsledger.stages.quotes.other_languages import _other_languages
from newsledger.stages.quotes.speakers import Salience, is_media, person_role
from newsledger.stages.quotes.unattributed import _free_quote, _signed_quote
from newsledger.stages.spans import Interval, ParagraphIndex, SpanIndex

if TYPE_CHECKING:
    from newsledger.resources import Resources

log = logging.getLogger(__name__)

SKIPPED_KINDS = ("boilerplate", "heading")


def paragraph_parse(doc: Document, index: int) -> Optional[Any]:
    """The entities stage's spaCy parse of an English paragraph (None when it made none)."""
    parse = doc.parses.get(index)
    if parse is not None and getattr(parse, "text", None) == doc.paragraphs[index].text:
        return parse
    return None


def find_candidates(doc: Document, resources: Optional["Resources"] = None) -> tuple[list[Candidate], dict[int, Any]]:
    """Every attribution in the document before speakers are resolved, with the parses used."""
    body = [(i, p) for i, p in enumerate(doc.paragraphs) if p.kind not in SKIPPED_KINDS]
    quotations = find_quotations(doc.text, [(i, p.start, p.end) for i, p in body])
    parses: dict[int, Any] = {}
    english_cands: list[Candidate] = []
    for i, p in body:
        check_budget(doc)
        if read_by_english_model(p.lang, p.text):
            parse = paragraph_parse(doc, i)
            if parse is not None:
                parses[i] = parse
                english_cands.extend(extract_english(parse, p.start, i))
    english_cands = _with_learned(doc, parses, english_cands, resources)
    english_quotes = [q for q in quotations if q.paragraph in parses]
    made, handled = _merge_english(doc.text, english_quotes, english_cands)
    made.extend(_colon_paragraphs(doc, english_cands, english_quotes, body))
    out = [c for c in english_cands if c.kind != "used" and (c.content is not None)] + made
    quoted = [q.inner for q in english_quotes]
    _cut_at_coordination(doc.text, out)
    nested = _Nesting(out, quoted)
    out = [c for c in out if not nested.weak_and_nested(c)]
    contents = [c.content for c in out if c.content]
    for k, q in enumerate(english_quotes):
        if k in handled:
            continue
        if any(_overlaps(q.inner, c) for c in contents):
            # Reported speech inside the quotation does not make it unattributed: a signature may follow.
            content = _trim_content(doc.text, *q.inner)
            signed = _signed_quote(doc, q, content, "en") if content is not None else None
            if signed is not None:
                out.append(signed)
            continue
        out.extend(_free_quote(doc, q, "en"))
    out.extend(_other_languages(doc, body, parses, quotations))
    return out, parses


def _with_learned(doc: Document, parses: dict[int, Any], rules: list[Candidate],
                  resources: Optional["Resources"]) -> list[Candidate]:
    """The learned model's attributions first, the rules' where the model found none (setting ``attribution``)."""
    settings = resources.settings if resources is not None else load_settings()
    if settings.attribution == "rules" or not parses:
        return rules
    return combine(rules, propose(doc, parses))


def _cut_at_coordination(text: str, cands: list[Candidate]) -> None:
    """"X warned that A, and suggested that B": two attributions; A's content ends before "and suggested"."""
    # Contents only shrink below, so those holding ``cut`` now are among those that held it at the start.
    contents = SpanIndex([Interval(c.content[0], c.content[1], c) for c in cands if c.content is not None])
    for o in cands:
        cut = o.coordination_start
        if cut is None or o.cue is None:
            continue
        for c in (held.item for held in contents.containing(cut)):
            if c is o or c.content is None or not (c.content[0] < cut < c.content[1]):
                continue
            if c.kind == "direct":
                continue  # a quotation's words stay whole
            if o.speaker is None or c.content[0] <= o.speaker[0] < c.content[1]:
                # The parser hung the second cue on the first one's clause, so its subject came from
                # inside what was said ("May said the country would leave, and suggested ..."): the
                # second act is the first speaker's.
                o.speaker, o.speaker_refers, o.speaker_role = c.speaker, c.speaker_refers, c.speaker_role
            trimmed = _trim_content(text, c.content[0], cut)
            if trimmed is not None:
                end = trimmed[1]
                while end > trimmed[0] and text[end - 1] in ",;:—– ":
                    end -= 1
                c.content = (trimmed[0], end)


class _Nesting:
    """Which candidates' cues sit inside quotations or other contents (searched by offset, not per pair)."""

    def __init__(self, others: list[Candidate], quoted: list[Offsets]) -> None:
        self.quoted = SpanIndex([Interval(a, b, None) for a, b in quoted])
        self.contents = SpanIndex([Interval(o.content[0], o.content[1], o) for o in others if o.content])

    def weak_and_nested(self, c: Candidate) -> bool:
        """A cue inside what someone else said is part of their claim, not an attribution of its own.

        Weak cues ("shows", "found", "I think", "you know") are dropped wherever they sit inside a
        quotation or another content; any other cue when its whole content sits inside another
        content too ("he said he plans to use the $18 million he says he raised": one claim).
        """
        if c.cue is None:
            return False
        around = [held.item for held in self.contents.containing(c.cue[0])]
        if c.lemma in english().weak:
            if self.quoted.containing(c.cue[0]):
                return True
            return any(o is not c for o in around)
        if c.content is None:
            return False
        return any(o is not c and o.content != c.content and o.content is not None
                   and o.content[0] <= c.content[0] and c.content[1] <= o.content[1] for o in around)


def run(doc: Document, resources: Optional["Resources"]) -> None:
    """Fill ``doc.quotes``."""
    candidates, parses = find_candidates(doc, resources)
    doc.quotes = resolve(doc, candidates, list(doc.entities), parses)


def resolve(doc: Document, candidates: list[Candidate], entities: list[Entity], parses: dict[int, Any]) -> list[Quote]:
    """Resolve speakers and targets in document order and build :class:`Quote` objects."""
    cues = english()
    paragraphs = ParagraphIndex(doc.paragraphs)
    entity_index = SpanIndex(entities)

    def where(ent: Entity) -> tuple[Optional[Any], int]:
        index = paragraphs.at(ent.start)
        if index is None or index not in parses:
            return None, 0
        return parses[index], doc.paragraphs[index].start

    def role_of(ent: Entity) -> Optional[Offsets]:
        parse, base = where(ent)
        return person_role(ent, parse, base, cues) if parse is not None else None

    def media_of(ent: Entity) -> bool:
        parse, base = where(ent)
        return is_media(ent, parse, base, cues)

    salience = Salience(doc.text, entities, role_of, media_of, cues)
    salience.contents = [c.content for c in candidates if c.content is not None]
    ordered = sorted(candidates, key=lambda c: (c.speaker or c.cue or c.content or (0, 0))[0])
    quotes: list[Quote] = []
    seen: set[tuple[str, Optional[Offsets], Optional[Offsets]]] = set()
    for c in ordered:
        check_budget(doc)
        key = (c.kind, c.cue, c.content)
        if key in seen:
            continue
        seen.add(key)
        speaker = None
        if c.speaker is not None:
            refers = c.speaker_refers or c.speaker
            speaker = salience.resolve(refers[0], refers[1], c.paragraph, c.speaker_role, lang=c.lang)
        target = None
        if c.target is not None:
            target = Target(_target_name(c.target, entity_index.overlapping(*c.target), doc.text), c.target[0], c.target[1],
                            doc.text[c.target[0]:c.target[1]])
        quotes.append(Quote(
            kind=c.kind,
            speaker=speaker,
            speaker_span=doc.span(*c.speaker) if c.speaker else None,
            cue=doc.span(*c.cue) if c.cue else None,
            content=doc.span(*c.content) if c.content else None,
            target=target,
            polarity=c.polarity,
            lang=c.lang,
            model=c.model,
        ))
    quotes.sort(key=lambda q: (q.content or q.cue or q.speaker_span or Span(0, 0, "")).start)
    number_quotes(quotes)  # ids in document order; events refer to quotes by them
    return quotes


def _target_name(span: Offsets, entities: list[Entity], text: str) -> str:
    for ent in entities:
        if _overlaps((ent.start, ent.end), span):
            return ent.canonical or ent.text
    return text[span[0]:span[1]]


STAGE = Stage(name="quotes", reads=("text", "paragraphs", "sentences", "entities", "parses"), writes=("quotes",), run=run)
