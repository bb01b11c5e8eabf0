"""What happened: events with their actors, place, weapon, date, casualty figures and claimant.

Reads paragraphs, sentences, entities, dates, quotes and the document date; writes
``doc.events``. Each sentence of a body paragraph is searched for triggers from the
language packs (:mod:`newsledger.stages.events.triggers`); the sentence is the evidence span.
Arguments come from the entities of the sentence (:mod:`newsledger.stages.events.arguments`;
nothing is parsed or recognised here), figures from :mod:`newsledger.stages.events.figures`
(onto events and across repeated tellings: :mod:`newsledger.stages.events.merging`), the
claimant from :mod:`newsledger.stages.events.claimant`, dates from
:mod:`newsledger.stages.events.dating`; the page's main incident is in
:mod:`newsledger.stages.events.incident`.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from newsledger.models import Argument, Document, Event, EventDate
from newsledger.stages import Stage
from newsledger.stages.budget import check as check_budget
from newsledger.stages.events.arguments import _THERE, _pick_arguments, _place_from_previous, _town_for_place
from newsledger.stages.events.claimant import _claimant
from newsledger.stages.events.context import _Context
from newsledger.stages.events.dating import document_date, resolve_event_date
from newsledger.stages.events.incident import derive_injured_from_hit
from newsledger.stages.events.merging import _assign_figures, _merge
from newsledger.stages.events.triggers import _sentence_triggers, _sentences

if TYPE_CHECKING:
    from newsledger.resources import Resources

log = logging.getLogger(__name__)


def run(doc: Document, resources: "Resources") -> None:
    """Fill ``doc.events`` from the body sentences of the document."""
    doc.events = []
    sentences = _sentences(doc)
    found = [(s, *_sentence_triggers(doc, s)) for s in sentences]
    found = [f for f in found if f[1]]
    if not found:
        return
    ctx = _Context(doc, sorted(doc.entities, key=lambda e: e.start))
    doc_date = document_date(doc)
    events: list[Event] = []
    paragraph_of: list[int] = []
    anchors: list[tuple[int, int, EventDate]] = []
    told_attack = False
    for sent, triggers, figures in found:
        check_budget(doc)
        for trig in triggers:
            ev = Event(type=trig.type, subtype=trig.subtype, span=doc.span(sent.start, sent.end), lang=sent.lang)
            _pick_arguments(doc, ev, sent, trig, ctx)
            if trig.type == "attack" and ev.place is None and _THERE.search(doc.text, sent.start, sent.end):
                _place_from_previous(doc, ev, events, paragraph_of, sent, ctx)
            first_attack = not told_attack
            if trig.type == "attack" and (ev.place is not None or first_attack or any(f.kind != "later_died" for f in figures)):
                _town_for_place(doc, ev, ctx, sent)  # the page's town: its first attack, or one it tells casualties of
            if trig.type == "attack":
                _assign_figures(ev, figures)
                victim = next((f for f in figures if f.kind == "killed" and f.noun), None) or next((f for f in figures if f.noun), None)
                if victim and victim.noun:
                    s = doc.text.find(victim.noun, victim.figure.end, sent.end)
                    if s >= 0:
                        ev.target = Argument(victim.noun, s, s + len(victim.noun), victim.noun, victim.noun)
            at = next((f.figure.start for f in figures if f.kind != "later_died"), trig.start) if trig.type == "attack" else trig.start
            ev.claimant, ev.quotes = _claimant(doc, sent, at, ctx)
            ev.date = resolve_event_date(doc, sent.start, sent.end, sent.lang, trig.start, doc_date,
                                         trig.type == "interview/statement", anchors, dates=ctx.dates)
            anchors.append((trig.start, trig.end, ev.date))
            events.append(ev)
            paragraph_of.append(sent.paragraph)
            told_attack = told_attack or ev.type == "attack"
    doc.events, _ = _merge(events, paragraph_of)
    for ev in doc.events:
        if ev.type == "attack":
            derive_injured_from_hit(ev)


STAGE = Stage(name="events", reads=("text", "site", "paragraphs", "sentences", "entities", "dates", "quotes", "published"),
              writes=("events",), run=run)
