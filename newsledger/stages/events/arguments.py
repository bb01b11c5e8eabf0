"""An event's arguments from the entities of its sentence: actor, target, place and weapon.

Nothing is parsed or recognised here (entities come from ``doc.entities``). An attack's place is lifted to
town level (the sentence's address, else the page's dateline or most named town: :mod:`.places`), and a
sentence that points back with "there" takes the place just told.
"""
from __future__ import annotations

import copy
import re
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from newsledger import lang as languages
from newsledger.models import ACTOR_LABELS, PLACE_LABELS, Argument, Document, Entity, Event
from newsledger.stages.events.claimant import _clean_name, _resolve_person
from newsledger.stages.events.context import _OTHER_EVENT_AFTER, _OTHER_EVENT_BEFORE, _Context
from newsledger.stages.events.places import _is_region_or_country, block_place
from newsledger.stages.events.triggers import _Sentence, _Trigger


def _arg(doc: Document, ent: Entity) -> Argument:
    return Argument(ent.canonical or _clean_name(ent.text), ent.start, ent.end, ent.text, ent.canonical or _clean_name(ent.text))


def _preceded_by(doc: Document, start: int, words: str) -> bool:
    return bool(re.search(rf"(?<!\w)(?:{words})\s+(?:the\s+)?$", doc.text[max(0, start - 20):start], re.I))


#: "called on the OSCE Minsk Group to respond": who is appealed to, not where something happened.
_CALLED_ON = re.compile(r"(?i)(?:call(?:s|ed|ing)?|appeal(?:s|ed|ing)?)\s+(?:on|upon|to)\s+(?:the\s+)?$")


@lru_cache(maxsize=None)
def _weapon_pattern(lang: str) -> Optional[tuple[re.Pattern[str], dict[str, str]]]:
    table = languages.get(lang).weapons
    if not table:
        return None
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(f"(?P<w{i}>{k})" for i, k in enumerate(keys)) + r")(?!\w)", re.I)
    return pattern, {f"w{i}": table[k] for i, k in enumerate(keys)}


@lru_cache(maxsize=None)
def _settlement_patterns(lang: str) -> Optional[tuple[re.Pattern[str], re.Pattern[str]]]:
    """The language's settlement word just before a name ("the city of", "городу", "la città", with the linking word
    the pack gives) or just after it ("Ganja city", "kentinin", "şəhərinə")."""
    words = languages.get(lang).settlement_words
    if not words:
        return None
    return (re.compile(rf"(?<!\w)(?:{words})\s*$", re.I), re.compile(rf"\s*(?:{words})(?!\w)", re.I))


def _named_as_settlement(doc: Document, ent: Entity, lang: str) -> bool:
    """Whether a place name stands beside its language's word for a city, town or village."""
    patterns = _settlement_patterns(lang)
    if patterns is None:
        return False
    before, after = patterns
    return bool(before.search(doc.text[max(0, ent.start - 30):ent.start]) or after.match(doc.text, ent.end))


def _pick_arguments(doc: Document, event: Event, sent: _Sentence, trig: _Trigger, ctx: _Context) -> None:
    inside = [e for e in ctx.index.within(sent.start, sent.end) if not (e.start < trig.end and trig.start < e.end)]
    labels = ctx.labels  # one name's labels pooled over the page

    def labels_of(e: Entity) -> set[str]:
        return labels.get(e.canonical or e.text, {e.label})

    place_preps = r"in|at|near|on|into|from|around|outside|across|в|во|на|под|à|au|en|dans|près de"
    adjacent = [e for e in inside if e.end <= trig.start and re.fullmatch(r"[\s-]*(?:\w+[\s-]+){0,2}", doc.text[e.end:trig.start])]
    prep_places = [e for e in inside if e.start >= trig.end and _preceded_by(doc, e.start, place_preps)
                   and (labels_of(e) & (PLACE_LABELS | {"ORG"}))
                   and not _CALLED_ON.search(doc.text[max(0, e.start - 25):e.start])]
    places = [e for e in inside if labels_of(e) & PLACE_LABELS]
    if event.type == "attack":
        # A place that belongs to another event told in the same sentence ("hours after the truce
        # agreed in Moscow, a missile hit Ganja") is not where the attack happened.
        def elsewhere(e: Entity) -> bool:
            return bool(_OTHER_EVENT_BEFORE.search(doc.text[max(sent.start, e.start - 40):e.start])
                        or _OTHER_EVENT_AFTER.match(doc.text[e.end:e.end + 20]))

        places = [e for e in places if not elsewhere(e)]
        prep_places = [e for e in prep_places if not elsewhere(e)]
        # The attack verb's object: "hit Ganja", "shelled Tartar", "обстреляли Гянджу".
        # Russian marks the target with "по": "удар по Гяндже", "обстрел по позициям".
        # Verb-final languages (az, tr) put the place before the attack word; a name right after the
        # word there is something else ("raket Ermənistan ərazisindən atılıb": fired from Armenia).
        objects = [e for e in places if e.start >= trig.end and not languages.get(sent.lang).verb_final
                   and re.fullmatch(r"[\s-]*(?:the\s+|по\s+|against\s+)?", doc.text[trig.end:e.start])]
        if objects and not prep_places:
            prep_places = objects
        if not prep_places:
            # "the city of Ganja", "по городу Гянджа", "Gence kentinin ...": a settlement named as such is the scene.
            # A region or country beside the word ("a small New Mexico town") only says where the town lies.
            prep_places = [e for e in places if _named_as_settlement(doc, e, sent.lang)
                           and not _is_region_or_country(e.canonical or e.text)][:1]
    if event.type in ("meeting/talks", "ceasefire/agreement") and adjacent and labels_of(adjacent[-1]) & PLACE_LABELS:
        event.place = _arg(doc, adjacent[-1])  # "the Moscow meeting", "Moscow-brokered ceasefire"
    elif prep_places:
        event.place = _arg(doc, prep_places[0])
    else:
        before = [e for e in places if e.end <= trig.start and _preceded_by(doc, e.start, place_preps)]
        if before:
            event.place = _arg(doc, before[-1])
    place_start = event.place.start if event.place else None
    actors_before = [e for e in inside if labels_of(e) & ACTOR_LABELS and e.end <= trig.start and e.start != place_start
                     and not _preceded_by(doc, e.start, place_preps + r"|of|to|according to|with|by")
                     and not (event.type != "attack" and e in adjacent)]
    if event.type == "interview/statement":
        persons = [e for e in inside if labels_of(e) & {"PERSON", "PER"} and e.start != place_start]
        before_p = [e for e in persons if e.end <= trig.start]
        actors_before = before_p[-1:] or persons[:1]
    if actors_before:
        event.actor = _arg(doc, actors_before[-1])
    else:
        by = [e for e in inside if labels_of(e) & ACTOR_LABELS and e.start >= trig.end and _preceded_by(doc, e.start, "by|par")]
        if by:
            event.actor = _arg(doc, by[0])
    if event.actor is not None and event.type == "interview/statement":
        full = _resolve_person(event.actor.text or event.actor.name, event.actor.start or 0, ctx.persons)
        if full:
            event.actor.canonical = full
    if event.type in ("meeting/talks", "interview/statement"):
        partner = [e for e in inside if e.start >= trig.end and labels_of(e) & {"ORG", "PERSON", "PER", "GPE"}
                   and _preceded_by(doc, e.start, r"with|to|for|à|avec|с")]
        if partner:
            event.target = _arg(doc, partner[0])
    if event.type == "attack":
        weapon = _weapon_pattern(sent.lang)
        if weapon:
            pattern, names = weapon
            m = pattern.search(doc.text, sent.start, sent.end)
            if m:
                canon = names[m.lastgroup or ""]
                event.weapon = Argument(canon, m.start(), m.end(), m.group(0), canon)


_SUB_PLACE = re.compile(r"(?i)\b(?:street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|drive|lane|place|court|way|highway|"
                        r"block|park|apartments?|district|neighborhood|neighbourhood|side|motel|hotel|club|mall|school|church|"
                        r"station|center|centre|bar|restaurant|store|township|county)\b")


#: A place word pointing back ("killed there"): the sentence's place is the one just told.
_THERE = re.compile(r"(?i)(?<!\w)(?:there|там|orada|orda|là-bas)(?!\w)")


def _place_from_previous(doc: Document, event: Event, events: list[Event], paragraph_of: list[int],
                         sent: _Sentence, ctx: _Context) -> None:
    """An attack sentence that points back with "there" tells of the place just named: the place of the
    attack told just before ("a missile strike on Ganja. Officials said nine civilians had been killed
    there."), else the last place named before it in the paragraph ("She recalled that Ganja lies far
    from the front line. According to the diplomat, ten civilians were killed there."). It comes before
    the page's most named place. (Without "there", measured on GVA: worse places.)"""
    for prev, para in zip(reversed(events), reversed(paragraph_of)):
        if sent.paragraph - para > 1:
            break
        if prev.type == "attack":
            if prev.place is not None and not (prev.place.note or ""):
                event.place = replace(prev.place, note="the place of the attack told just before")
                return
            break
    para_start = doc.paragraphs[sent.paragraph].start
    named = [e for e in ctx.index.within(para_start, sent.start) if e.label in PLACE_LABELS
             and not _is_region_or_country(e.canonical or e.text)]
    if named:
        last = max(named, key=lambda e: e.start)
        event.place = replace(_arg(doc, last), note="the place named just before (\"there\")")


def _town_for_place(doc: Document, event: Event, ctx: _Context, sent: _Sentence) -> None:
    """An attack's place at town level: the sentence's own town, else the page's (dateline, address, most named).

    A street, building or neighbourhood named in the sentence gives way to the town (ACLED's location level);
    the note keeps what the sentence said.
    """
    place = event.place
    if place is not None:
        label = ctx.first_label.get(place.start, "GPE") if place.start is not None else "GPE"
        if label != "FAC" and not _SUB_PLACE.search(place.text or place.name):
            return
    # An address in the sentence ("in the 2200 block of X in Gary"), else the page's dateline or most named
    # town (see places.context_place; those two are found once per page, copied for each event).
    town = block_place(doc, sent.start, sent.end)
    if town is None:
        dateline, salient = ctx.town_context()
        town = copy.copy(dateline or salient)
    if town is None or (place is not None and town.name == place.name):
        return
    if place is not None:
        town.note = (town.note or "address in the sentence") + f"; the sentence names {place.text or place.name!r}"
    event.place = town
