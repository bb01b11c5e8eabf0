"""Who states an event's figure, and the full name of a person mention.

The claimant is the speaker of the quote whose content holds the figure, else "according to X", else the
subject of a reporting verb ("The ambassador pointed out that ...") resolved to the last named person, else the
outlet (``doc.site``). The chain is kept in ``claimant.canonical`` as ``"<site> > <speaker>"``;
``claimant.name`` is the speaker.
"""
from __future__ import annotations

import re
from typing import Optional

from newsledger import lang as languages
from newsledger.models import Argument, Document
from newsledger.stages.events.context import _Context, _Persons
from newsledger.stages.events.triggers import _Sentence

_REPORTING = re.compile(
    r"^\s*(?P<who>(?:[A-Z][\w'’.-]*\s+){0,4}?(?:[A-Z][\w'’.-]*|[Tt]he\s+[a-z]+|[Hh]e|[Ss]he))\s+(?:also\s+)?"
    r"(?:said|says|pointed out|stressed|noted|told|claimed|stated|added|recalled|reported|announced|emphasized|emphasised|underlined)\b")
_PRONOUNS = {"he", "she", "the diplomat", "the ambassador", "the minister", "the official", "the president", "the spokesman",
             "the spokesperson", "the spokeswoman", "the commander"}


def _clean_name(text: str) -> str:
    name = re.sub(r"^(?:the|The)\s+", "", text.strip())
    return re.sub(r"['’]s$", "", name).strip()


def _claimant(doc: Document, sent: _Sentence, at: int, ctx: _Context) -> tuple[Optional[Argument], list[str]]:
    """Who states what sits at ``at``, with the ids of quotes holding it."""
    site = doc.site
    for held in ctx.quotes.containing(at):
        q = held.quote
        if q.speaker:
            name = q.speaker.canonical or q.speaker.name
            span = q.speaker_span
            return (Argument(name, span.start if span else None, span.end if span else None, span.text if span else None,
                             f"{site} > {name}" if site else name), [q.id])
    text = doc.text[sent.start:sent.end]
    pattern = languages.get(sent.lang).according_to_events
    if pattern:
        m = re.search(pattern, text)
        if m and m.group("who"):
            s = sent.start + m.start("who")
            who = m.group("who").strip()
            return Argument(_clean_name(who), s, s + len(who), who, f"{site} > {_clean_name(who)}" if site else _clean_name(who)), []
    if languages.get(sent.lang).read_by_english_model:
        m = _REPORTING.match(text)
        if m:
            s = sent.start + m.start("who")
            who = m.group("who")
            person = _resolve_person(who, s, ctx.persons)
            if person:
                return Argument(person, s, s + len(who), who, f"{site} > {person}" if site else person), []
    if site:
        return Argument(site, None, None, None, site), []
    return None, []


def _resolve_person(mention: str, at: int, persons: _Persons) -> Optional[str]:
    """A name for "The ambassador"/"He"/"Mustafayev": the fullest earlier person entity that fits."""
    count = persons.upto(at + len(mention))
    if not count:
        return None if mention.lower() in _PRONOUNS or mention[:1].islower() else _clean_name(mention)
    last_word = mention.split()[-1]
    if mention.lower() not in _PRONOUNS and last_word[:1].isupper():
        fit = persons.longest(last_word, count)
        return fit.canonical if fit is not None else _clean_name(mention)
    last = persons.persons[count - 1]
    full = persons.longest((last.canonical or last.text).split()[-1], count)
    assert full is not None  # ``last`` itself has that surname
    return full.canonical or last.text
