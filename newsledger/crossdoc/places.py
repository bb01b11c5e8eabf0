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

The headline counts too (:func:`title_places`): its places weigh twice in the document's area, a
page whose sentences name no place takes the headline's one place for its events (weight 1), and
of two places a page names about as often, the one its headline names is its main place.

Countries are never taken from entities (in "Armenia fired a missile at Ganja, a city of
Azerbaijan" they are parties, not places). All keys go through
:func:`newsledger.crossdoc.naming.canonical`, so Гянджи, Gəncəni and Gence all vote for Ganja.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from newsledger.crossdoc.fields import get_field as _get
from newsledger.crossdoc.geo import is_city_name, readings
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
    named = tuple(title_places(_get(doc, "title"), _get(doc, "text") or "", lang))
    choices = _inherit(events, classes, choices, published, named)
    if not any(c.place for c in choices):
        # A page whose sentences name no place ("The other victim was pronounced dead at the scene") under a headline
        # that names one ("... in St. Paul Shooting"): its events happened there.
        if len(named) == 1:
            choices = [PlaceChoice(named[0], CONTEXT, "named in the title") for _ in choices]
    return choices


def _inherit(events: list[Any], classes: list[str], choices: list[PlaceChoice],
             published: Optional[str], titled: tuple[str, ...] = ()) -> list[PlaceChoice]:
    """Place-less events take their document's dominant place for their class when their dates agree (of places
    named about as often, the one its headline names, ``titled``)."""
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
        headline = [place for place, _ in ranked if place in titled]
        if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1] and len(headline) != 1:
            continue  # no clear main place in this document (nor one its headline names): inheriting would guess
        main = headline[0] if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1] else ranked[0][0]
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
#: How much a place named in the title counts in the area (against one body mention): the headline names the scene.
TITLE_WEIGHT = 2
_TITLE_WORD = re.compile(r"[^\W\d_][\w.'’-]*", re.UNICODE)


def title_places(title: Optional[str], body: str, lang: Optional[str] = None) -> list[str]:
    """Places a headline names ("4 dead in shooting at Hampton Inn in Fairbanks, Alaska"): runs of one to three
    capitalised words the gazetteer knows as a city, longest first, never a country, never a word the page also
    writes in lower case (a headline capitalises "Police" and "Man", both also towns somewhere)."""
    if not title:
        return []
    words = [(m.start(), m.end(), m.group().rstrip(".,'’")) for m in _TITLE_WORD.finditer(title)]
    lowered = f"{title}\n{body}"
    found: list[str] = []
    used: set[int] = set()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            run = words[i:i + size]
            if any(j in used for j in range(i, i + size)) or not all(w[2][:1].isupper() for w in run):
                continue
            text = title[run[0][0]:run[-1][1]].rstrip(".,'’")
            if any(re.search(rf"(?<!\w){re.escape(w[2].lower())}(?!\w)", lowered) for w in run if w[2].lower() != w[2]):
                continue
            if _is_country(text, lang) or _is_country(text, "en"):
                continue
            key = canonical(text, lang, "GPE")
            if not key or len(key) < 3 or key.isupper() or key in found:
                continue
            # One word must be a city's own name (alternate names hold "Inn", "AG") that the page writes too (a headline's
            # "Man" and "Young" are cities somewhere); a longer run may be an alternate name.
            if is_city_name(key) and text in body if size == 1 else bool(readings(key)):
                found.append(key)
                used.update(range(i, i + size))
    return found


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
    for key in title_places(_get(doc, "title"), _get(doc, "text") or "", lang):
        counts[key] = counts.get(key, 0) + TITLE_WEIGHT
    ranked = sorted(counts, key=lambda k: -counts[k])  # stable: first named first on ties
    return tuple(ranked[:AREA_SIZE])
