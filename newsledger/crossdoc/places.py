"""Where an event happened, for linking and for naming incidents: weighted place candidates.

The events stage gives an event at most one place argument, and sometimes none or the wrong
one (the place of another event told in the same sentence: "after the Moscow ceasefire,
Armenia fired a missile at Ganja"). Linking needs one place key per event and an incident
needs one place by vote over its members, so each event gets its best place with a weight
saying how directly it is the event's place:

- 3: the event's own place argument, written inside the event's sentence;
- 2: the one city-level place named (an entity) inside the event's sentence, when the event
  has no usable place argument (two or more named places: none is guessed);
- 1: a place argument taken from outside the sentence, or the document's dominant place for
  events of the same class whose date window agrees ("the strike", "the attack");
- 0.5: a place argument that is also the place of a ceasefire/meeting event in the same
  sentence (kept only when nothing better exists).

Countries are never taken from entities (in "Armenia fired a missile at Ganja, a city of
Azerbaijan" they are parties, not places). All keys go through
:func:`newsledger.crossdoc.naming.canonical`, so Гянджи, Gəncəni and Gence all vote for Ganja.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from newsledger.crossdoc.fields import get_field as _get
from newsledger.crossdoc.naming import argument_canonical, canonical
from newsledger.crossdoc.windows import overlap, window_of
from newsledger.gazetteer.names import resolve
from newsledger.lang import UNDETERMINED
from newsledger.models import PLACE_LABELS

DIRECT, MENTIONED, CONTEXT, SHARED = 3.0, 2.0, 1.0, 0.5
#: Type classes that own a place they share with an attack in one sentence ("the Moscow ceasefire").
_PLACE_OWNERS = {"ceasefire", "diplomacy", "interview"}


@dataclass(frozen=True)
class PlaceChoice:
    """An event's place key, its weight and how it was found."""

    place: Optional[str]
    weight: float = 0.0
    how: str = "none"


@lru_cache(maxsize=65536)
def _is_country(mention: str, lang: Optional[str]) -> bool:
    """Whether the gazetteer knows the mention as a country (countries are parties, not event places)."""
    try:
        entry = resolve(mention, lang, "GPE")
    except Exception:  # a names bug must not stop linking
        return False
    return bool(entry is not None and str(entry.key).startswith("country:"))


def _span(event: Any) -> tuple[int, int]:
    span = _get(event, "span") or {}
    return int(_get(span, "start", 0) or 0), int(_get(span, "end", 0) or 0)


def document_places(doc: Any, type_class_of: Any, lang: Optional[str] = None,
                    published: Optional[str] = None) -> list[PlaceChoice]:
    """The :class:`PlaceChoice` of every event of a document (a Document or its ``to_dict()``), in order.

    ``type_class_of(event)`` gives an event's type class (passed in to avoid an import cycle).
    """
    events = list(_get(doc, "events") or [])
    entities = list(_get(doc, "entities") or [])
    classes = [type_class_of(e) for e in events]
    spans = [_span(e) for e in events]
    langs = [(_get(e, "lang") if _get(e, "lang") not in (None, UNDETERMINED) else lang) for e in events]
    explicit = [argument_canonical(_get(e, "place"), langs[i], "GPE") for i, e in enumerate(events)]
    choices: list[PlaceChoice] = []
    for i, event in enumerate(events):
        start, end = spans[i]
        place = explicit[i]
        # Places other events of this sentence own: an attack does not take the ceasefire's city.
        owned = {explicit[j] for j in range(len(events)) if j != i and explicit[j] and classes[j] in _PLACE_OWNERS
                 and classes[j] != classes[i] and spans[j][0] < end and start < spans[j][1]}
        shared = classes[i] not in _PLACE_OWNERS and place in owned
        mentioned: list[str] = []
        for ent in entities:
            e_start = _get(ent, "start", -1)
            if not (start <= e_start < end) or _get(ent, "label") not in PLACE_LABELS:
                continue
            text = _get(ent, "text") or ""
            if _is_country(text, langs[i]) or _is_country(_get(ent, "canonical") or text, "en"):
                continue
            key = canonical(_get(ent, "canonical") or text, langs[i], "GPE")
            if key and key not in owned and key not in mentioned:
                mentioned.append(key)
        if place and not shared:
            arg = _get(event, "place")
            a_start = _get(arg, "start")
            inside = a_start is not None and start <= a_start < end and not _get(arg, "note")
            if inside or not mentioned or place in mentioned:
                choices.append(PlaceChoice(place, DIRECT if inside or place in mentioned else CONTEXT,
                                           "argument" if inside else "argument (outside the sentence)"))
                continue
        if len(mentioned) == 1:
            choices.append(PlaceChoice(mentioned[0], MENTIONED, "named in the sentence"))
        elif place:
            choices.append(PlaceChoice(place, SHARED, "argument shared with another event"))
        else:
            choices.append(PlaceChoice(None))
    return _inherit(events, classes, choices, published)


def _inherit(events: list[Any], classes: list[str], choices: list[PlaceChoice],
             published: Optional[str]) -> list[PlaceChoice]:
    """Place-less events take their document's dominant place for their class when their dates agree."""
    out = list(choices)
    for cls in sorted(set(classes)):
        members = [i for i, c in enumerate(classes) if c == cls]
        weights: dict[str, float] = {}
        for i in members:
            place = choices[i].place
            if place and choices[i].weight >= CONTEXT:
                weights[place] = weights.get(place, 0.0) + choices[i].weight
        if not weights:
            continue
        ranked = sorted(weights.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
            continue  # no clear main place in this document: inheriting would guess
        main = ranked[0][0]
        donors = [window_of(_get(events[i], "date"), published) for i in members if choices[i].place == main]
        for i in members:
            if choices[i].place is not None:
                continue
            window = window_of(_get(events[i], "date"), published)
            # An event with its own, different date ("fighting resumed on 27 September") is another event.
            if any(overlap(window, d) is not False for d in donors):
                out[i] = PlaceChoice(main, CONTEXT, "document context")
    return out


#: How many of a document's most named places make its area (a roundup naming twenty towns is not one scene).
AREA_SIZE = 4


def document_area(doc: Any, choices: list[PlaceChoice], lang: Optional[str] = None) -> tuple[str, ...]:
    """The places a document names most (body entities below country level, and its events' places).

    Two reports of one incident often name it at different levels ("the South Side", "Chicago";
    a village, its district): a place of one event that the other document names is evidence they
    are one scene (:mod:`newsledger.crossdoc.evidence`).
    """
    counts: dict[str, int] = {}
    for choice in choices:
        if choice.place:
            counts[choice.place] = counts.get(choice.place, 0) + 1
    for ent in _get(doc, "entities") or []:
        if _get(ent, "label") not in PLACE_LABELS:
            continue
        text = _get(ent, "text") or ""
        if _is_country(text, lang) or _is_country(_get(ent, "canonical") or text, "en"):
            continue
        key = canonical(_get(ent, "canonical") or text, lang, "GPE")
        if key:
            counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts, key=lambda k: -counts[k])  # stable: first named first on ties
    return tuple(ranked[:AREA_SIZE])
