"""What happened: events with their actors, place, weapon, date, casualty figures and claimant.

Reads paragraphs, sentences, entities, dates, quotes and the document date; writes
``doc.events``. Each sentence of a body paragraph is searched for triggers from
the language packs (``event_triggers`` of :mod:`newsledger.lang`: attack with ACLED-like subtypes, ceasefire/agreement,
meeting/talks, interview/statement, protest, territory change); a sentence that states
casualties without a trigger is an attack of unknown subtype. The sentence is the
evidence span. Arguments come from the entities of the sentence (``doc.entities``; nothing is
parsed or recognised here), figures from
:mod:`newsledger.stages.events.figures`, dates from :mod:`newsledger.stages.events.dating`.

Claimant of a figure: the speaker of the quote whose content holds it, else "according to
X", else the subject of a reporting verb ("The ambassador pointed out that ...") resolved to
the last named person, else the outlet (``doc.site``). The chain is kept in
``claimant.canonical`` as ``"<site> > <speaker>"``; ``claimant.name`` is the speaker.
"""
from __future__ import annotations

import copy
import logging
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Optional, Sequence

from newsledger import lang as languages
from newsledger.models import (
    ACTOR_LABELS,
    PLACE_LABELS,
    Argument,
    DateMention,
    Document,
    Entity,
    Event,
    EventDate,
    Figure,
    Quote,
    Span,
)
from newsledger.stages import Stage
from newsledger.stages.budget import check as check_budget
from newsledger.stages.events.dating import document_date, resolve_event_date
from newsledger.stages.events.figures import FigureMention, find_figures, norm_lang
from newsledger.stages.events.places import _is_region_or_country, block_place, dateline_place, salient_place
from newsledger.stages.spans import ParagraphIndex, SpanIndex

if TYPE_CHECKING:
    from newsledger.resources import Resources

log = logging.getLogger(__name__)

EVENT_TYPES = ("attack", "ceasefire/agreement", "meeting/talks", "interview/statement", "protest", "territory change", "other")
#: Most specific first: a sentence with "missile" and "attack" is a missile attack.
_ATTACK_ORDER = ("shelling/artillery/missile", "air or drone strike", "armed clash", "attack on civilians", "_other")
_REPORTING = re.compile(
    r"^\s*(?P<who>(?:[A-Z][\w'’.-]*\s+){0,4}?(?:[A-Z][\w'’.-]*|[Tt]he\s+[a-z]+|[Hh]e|[Ss]he))\s+(?:also\s+)?"
    r"(?:said|says|pointed out|stressed|noted|told|claimed|stated|added|recalled|reported|announced|emphasized|emphasised|underlined)\b")
_PRONOUNS = {"he", "she", "the diplomat", "the ambassador", "the minister", "the official", "the president", "the spokesman",
             "the spokesperson", "the spokeswoman", "the commander"}


@dataclass
class _Sentence:
    start: int
    end: int
    paragraph: int
    lang: str


@dataclass
class _Trigger:
    type: str
    subtype: Optional[str]
    start: int
    end: int


@dataclass(frozen=True)
class _QuoteContent:
    """A quote by the span of its content (what :class:`SpanIndex` searches)."""

    start: int
    end: int
    quote: Quote


class _Persons:
    """Person entities in text order, with the fullest name so far for each surname (for :func:`_resolve_person`)."""

    def __init__(self, ents: Sequence[Entity]) -> None:
        self.persons = [e for e in ents if e.label in ("PERSON", "PER")]
        self.starts = [e.start for e in self.persons]
        # For each surname: positions into ``persons`` and, at each, the longest name up to there (first wins ties).
        self.by_surname: dict[str, tuple[list[int], list[Entity]]] = {}
        for i, e in enumerate(self.persons):
            words = (e.canonical or e.text).split()
            positions, longest = self.by_surname.setdefault(words[-1] if words else "", ([], []))
            best = longest[-1] if longest and len(longest[-1].canonical or longest[-1].text) >= len(e.canonical or e.text) else e
            positions.append(i)
            longest.append(best)

    def upto(self, limit: int) -> int:
        """How many persons start at or before ``limit``."""
        return bisect_right(self.starts, limit)

    def longest(self, surname: str, count: int) -> Optional[Entity]:
        """The longest name with ``surname`` among the first ``count`` persons (the first of equal length)."""
        positions, longest = self.by_surname.get(surname, ([], []))
        k = bisect_left(positions, count)
        return longest[k - 1] if k else None


@dataclass
class _Context:
    """Lookups over one document, built once: a long page must not rescan every entity for each event."""

    doc: Document
    ents: list[Entity]  # sorted by start
    index: SpanIndex[Entity] = field(init=False)
    labels: dict[str, set[str]] = field(init=False)
    persons: _Persons = field(init=False)
    quotes: SpanIndex[_QuoteContent] = field(init=False)
    dates: SpanIndex[DateMention] = field(init=False)
    first_label: dict[int, str] = field(init=False)
    _town_context: Optional[tuple[Optional[Argument], Optional[Argument]]] = None

    def __post_init__(self) -> None:
        self.index = SpanIndex(self.ents)
        self.labels = {}
        for e in self.ents:  # the small model labels one name differently from mention to mention: pool them
            self.labels.setdefault(e.canonical or e.text, set()).add(e.label)
        self.persons = _Persons(self.ents)
        self.quotes = SpanIndex([_QuoteContent(q.content.start, q.content.end, q) for q in self.doc.quotes if q.content])
        self.dates = SpanIndex(self.doc.dates)
        self.first_label = {}
        for e in self.ents:
            self.first_label.setdefault(e.start, e.label)

    def town_context(self) -> tuple[Optional[Argument], Optional[Argument]]:
        """The page's dateline town and most named town (the same for every sentence: found once)."""
        if self._town_context is None:
            doc = self.doc
            # Places the page names as where talks or agreements happened ("agreed in Moscow") are not
            # candidates for where an attack happened.
            elsewhere = {e.canonical or e.text for e in self.ents
                         if _OTHER_EVENT_BEFORE.search(doc.text[max(0, e.start - 40):e.start])
                         or _OTHER_EVENT_AFTER.match(doc.text[e.end:e.end + 20])}
            dateline = dateline_place(doc)
            salient = None if dateline is not None else salient_place(
                doc, [e for e in self.ents if (e.canonical or e.text) not in elsewhere])
            self._town_context = (dateline, salient)
        return self._town_context


@lru_cache(maxsize=None)
def _trigger_patterns(lang: str) -> list[tuple[str, Optional[str], re.Pattern[str]]]:
    out = []
    for etype, subtypes in languages.get(lang).event_triggers.items():
        for subtype, pats in subtypes.items():
            if not pats:
                continue
            pattern = re.compile(r"(?<!\w)(?:" + "|".join(sorted(pats, key=len, reverse=True)) + r")(?!\w)", re.I)
            out.append((etype, None if subtype.startswith("_") else subtype, pattern))
    return out


@lru_cache(maxsize=None)
def _weapon_pattern(lang: str) -> Optional[tuple[re.Pattern[str], dict[str, str]]]:
    table = languages.get(lang).weapons
    if not table:
        return None
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(f"(?P<w{i}>{k})" for i, k in enumerate(keys)) + r")(?!\w)", re.I)
    return pattern, {f"w{i}": table[k] for i, k in enumerate(keys)}


def find_triggers(text: str, lang: str, offset: int = 0) -> list[_Trigger]:
    """Event triggers in one sentence (document offsets), longest match first at each place."""
    found = []
    for etype, subtype, pattern in _trigger_patterns(lang):
        for m in pattern.finditer(text):
            found.append(_Trigger(etype, subtype, offset + m.start(), offset + m.end()))
    return found


def _sentences(doc: Document) -> list[_Sentence]:
    """Sentences of body paragraphs, as the entities stage segmented them (nothing is split here)."""
    body = {i: p for i, p in doc.body_paragraphs()}
    paragraphs = ParagraphIndex(doc.paragraphs)
    out: list[_Sentence] = []
    for s in doc.sentences:
        para = s.paragraph if s.paragraph in body else paragraphs.at(s.start)
        if para in body:
            out.append(_Sentence(s.start, s.end, para, norm_lang(body[para].lang, s.text)))
    return out


def _clean_name(text: str) -> str:
    name = re.sub(r"^(?:the|The)\s+", "", text.strip())
    return re.sub(r"['’]s$", "", name).strip()


def _arg(doc: Document, ent: Entity) -> Argument:
    return Argument(ent.canonical or _clean_name(ent.text), ent.start, ent.end, ent.text, ent.canonical or _clean_name(ent.text))


def _preceded_by(doc: Document, start: int, words: str) -> bool:
    return bool(re.search(rf"(?<!\w)(?:{words})\s+(?:the\s+)?$", doc.text[max(0, start - 20):start], re.I))


#: Words of agreements and talks: a place right after them ("agreed in Moscow") or right before
#: them ("Moscow-brokered", "the Moscow talks") names where those happened, not an attack.
_AGREEMENT_WORDS = (r"agreed|brokered|talks|truce|ceasefire|cease-fire|meeting|negotiations?|summit|statement|agreement|"
                    r"varılan|əldə olunan|достигнут\w*|заключенн\w*|"
                    r"перемирие|переговоры|договорились|ateşkes|atəşkəs|razılaşdırılmış|görüş|müzakirə|trêve|"
                    r"cessez-le-feu|négociations|pourparlers")
_OTHER_EVENT_BEFORE = re.compile(rf"(?i)(?:{_AGREEMENT_WORDS})\s+(?:\w+\s+){{0,2}}(?:in|at|в|во|à|en)\s+(?:the\s+)?$")
#: ... or a few words before them, after a locative ending: "Moskova'da varılan insani ateşkes" (the
#: truce reached in Moscow), "Moskvada əldə olunan atəşkəs".
_OTHER_EVENT_AFTER = re.compile(rf"(?i)(?:[\s-]*|['’]?(?:da|de|ta|te|də)\s+(?:\w+\s+){{0,2}})(?:{_AGREEMENT_WORDS})")


#: "called on the OSCE Minsk Group to respond": who is appealed to, not where something happened.
_CALLED_ON = re.compile(r"(?i)(?:call(?:s|ed|ing)?|appeal(?:s|ed|ing)?)\s+(?:on|upon|to)\s+(?:the\s+)?$")


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


def _assign_figures(event: Event, figures: list[FigureMention]) -> None:
    notes: list[Figure] = []
    for fm in figures:
        if fm.kind == "later_died":
            notes.append(fm.figure)
            continue
        kind = fm.kind
        if kind == "hit":  # "N people were shot": people hit, which may include the killed
            if event.injured is not None:
                continue
            fig = fm.figure
            fig.note = "hit: people shot, may include the killed" + (f"; {fig.note}" if fig.note else "")
            kind = "injured"
        mine = getattr(event, kind)
        if mine is None:
            setattr(event, kind, fm.figure)
        elif _is_additional(fm.figure) and _ordinal_fits(mine, fm.figure):
            setattr(event, kind, derived_sum(mine, fm.figure))  # "killed his wife and then himself"
    for fig in notes:
        target = event.injured or event.killed
        if target is not None:
            target.note = (target.note + "; " if target.note else "") + f"{fig.text!r}: {fig.note}"


def _compatible(a: Optional[Argument], b: Optional[Argument]) -> bool:
    if a is None or b is None:
        return True
    x, y = (a.canonical or a.name).lower(), (b.canonical or b.name).lower()
    return x == y or x.split()[-1] == y.split()[-1]


def _is_additional(fig: Optional[Figure]) -> bool:
    return bool(fig is not None and fig.note and "additional victim" in fig.note)


def _numeric(fig: Optional[Figure]) -> Optional[int]:
    if fig is None:
        return None
    return fig.low if fig.low is not None else fig.high


def _parts(fig: Figure) -> list[Span]:
    return list(fig.parts) if fig.parts else [Span(fig.start, fig.end, fig.text)]


_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}


def _ordinal_fits(first: Figure, more: Figure) -> bool:
    """"A third died" adds to a count of two, and only to two; "another" adds to any stated count."""
    count = _numeric(first)
    if count is None or first.high is None:
        return False
    m = re.match(r"a\s+(second|third|fourth|fifth|sixth)\b", more.text, re.I)
    return m is None or _ORDINALS[m.group(1).lower()] == count + (more.low or 1)


def derived_sum(first: Figure, more: Figure) -> Figure:
    """"Two men were killed. A third died later": 2 + 1 = 3, said to be derived, the parts' spans kept.

    The derived figure's own span is the first part's (so it still points at stated text)."""
    low = (first.low or 0) + (more.low or 0) if first.low is not None and more.low is not None else None
    high = (first.high or 0) + (more.high or 0) if first.high is not None and more.high is not None else None
    parts = _parts(first) + _parts(more)
    note = "derived: sum of " + " + ".join(repr(p.text) for p in parts)
    return Figure(low, high, first.start, first.end, first.text, note, parts)


def derive_injured_from_hit(event: Event) -> None:
    """"Five people were shot, two fatally": people hit minus the killed -> injured 3 (derived, parts kept)."""
    hit, killed = event.injured, event.killed
    if hit is None or killed is None or not (hit.note or "").startswith("hit:") or (hit.note or "").startswith("hit: derived"):
        return
    h, k = _numeric(hit), _numeric(killed)
    if h is None or k is None or k > h or hit.high is None or (h == 1 and _distinct_victims(hit, killed)):
        return
    parts = _parts(hit) + _parts(killed)
    event.injured = Figure(h - k, h - k, hit.start, hit.end, hit.text,
                           f"hit: derived: {hit.text!r} shot minus {killed.text!r} killed", parts)


def _merge(events: list[Event], paragraph_of: list[int]) -> tuple[list[Event], list[int]]:
    """Fold repeated mentions of one event ("the missile attack on Ganja") into its first telling.

    An attack whose figure says "another"/"a second"/"also" adds to the earlier telling's figure of the same
    kind (a derived sum, parts kept) instead of starting an event of its own.
    """
    kept: list[Event] = []
    kept_para: list[int] = []
    # Where to look (kept positions by type and paragraph): only nearby paragraphs can hold the same event,
    # except for statements, which merge across the page; a plain loop over every kept event is quadratic.
    by_place: dict[tuple[str, int], list[int]] = {}
    for ev, para in zip(events, paragraph_of):
        target = None
        additive = [name for name in ("killed", "injured") if _is_additional(getattr(ev, name))]
        if ev.type == "other":
            candidates: list[int] = []
        elif ev.type == "interview/statement":
            candidates = by_place.get((ev.type, -1), [])
        else:
            candidates = sorted(i for near_para in range(para - (3 if additive else 1), para + 2)
                                for i in by_place.get((ev.type, near_para), ()))
        for i in candidates:
            k, kp = kept[i], kept_para[i]
            near = abs(para - kp) <= 1 or ev.type == "interview/statement" or (additive and 0 <= para - kp <= 3)
            conflict = (k.killed and ev.killed and (k.killed.low, k.killed.high) != (ev.killed.low, ev.killed.high)
                        and "killed" not in additive)
            if (k.type == ev.type and near and (ev.subtype is None or k.subtype in (None, ev.subtype))
                    and _compatible(k.actor, ev.actor) and _compatible(k.place, ev.place)
                    and not conflict and ev.type != "other"):
                target = k
                break
        if target is None:
            by_place.setdefault((ev.type, -1 if ev.type == "interview/statement" else para), []).append(len(kept))
            kept.append(ev)
            kept_para.append(para)
            continue
        for name in additive:
            mine, more = getattr(target, name), getattr(ev, name)
            # A repeated sentence (headline + lead) is no new victim; nor is a lone "another" added to a lone
            # "another" ("three dead and another injured" told twice: "another" is one beside the dead).
            if (mine is not None and more is not None and _ordinal_fits(mine, more)
                    and ev.span.text != target.span.text and not (_is_additional(mine) and not mine.parts)):
                setattr(target, name, derived_sum(mine, more))
                setattr(ev, name, None)
        for name in ("subtype", "actor", "target", "place", "weapon", "killed", "injured", "missing", "captured", "displaced"):
            if getattr(target, name) is None and getattr(ev, name) is not None:
                setattr(target, name, getattr(ev, name))
        # Quote ids are numbered in document order ("q2" before "q10"): keep the quotes in that order.
        target.quotes = sorted(set(target.quotes) | set(ev.quotes), key=lambda qid: (len(qid), qid))
    return kept, kept_para


def main_incident(events: list[Event]) -> Optional[Event]:
    """The page's main incident: the first attack (text order) that states a number of killed or injured people.

    Local news tells its incident first; later attacks are usually earlier incidents or the city's tally.
    """
    attacks = [e for e in events if e.type == "attack"]
    for e in attacks:
        if _numeric(e.killed) is not None or _numeric(e.injured) is not None:
            return e
    return attacks[0] if attacks else None


def incident_figures(events: list[Event]) -> tuple[Optional[Figure], Optional[Figure], Optional[Event]]:
    """Killed and injured of the page's main incident, each the first stated numeric figure in text order.

    Returns ``(killed, injured, main_event)``; a figure is None when the page states none. When the injured figure
    is one person *shot* (fate not told in its sentence) and the page states a killed figure, that person is taken to
    be the one killed (derived 0, both spans kept) unless the two phrases cannot name one person. When the page
    states no killed figure, such a lone person shot gives way to a later count of two or more (not a tally over time).
    """
    attacks = [e for e in events if e.type == "attack"]
    killed = next((e.killed for e in attacks if _numeric(e.killed) is not None), None)
    injured = next((e.injured for e in attacks if _numeric(e.injured) is not None), None)
    if killed is None and injured is not None and _is_raw_hit(injured) and _numeric(injured) == 1 and not injured.parts:
        # "IMPD responded to reports of a person shot ... Two teenage victims had been shot": with no death told, a
        # lone person shot in the lead is the first glimpse of a larger count told later (never a tally of months).
        larger = [e.injured for e in attacks
                  if e.injured is not None and (_numeric(e.injured) or 0) >= 2 and e.injured.start > injured.start
                  and not _TALLY.search(e.span.text)]
        if larger:
            injured = larger[0]
    if (injured is not None and killed is not None and _is_raw_hit(injured) and _numeric(injured) == 1
            and not _distinct_victims(injured, killed)):
        # One person shot on a page that tells a death: most often the same person ("A boy was shot ... He died")
        injured = _hit_minus_killed(injured, killed)
    return killed, injured, main_incident(events)


_AGE = re.compile(r"(\w+)[- ]years?[- ]old", re.I)
#: A count over a stretch of time ("eight children have been shot in the past 17 months"), not one incident's.
_TALLY = re.compile(r"\b(?:in the (?:past|last)|over the (?:past|last)|so far (?:this|in)|this year|since (?:January|February|March|April|"
                    r"May|June|July|August|September|October|November|December|the (?:start|beginning))|a year)\b", re.I)
_POSSESSIVE = re.compile(r"[’']s\b")
_FEMALE = {"woman", "girl", "mother", "wife", "daughter", "sister", "girlfriend", "grandmother", "granddaughter", "aunt", "niece",
           "female", "lady", "mom", "stepdaughter", "fiancee", "fiancée", "ex-wife", "ex-girlfriend", "herself"}
_MALE = {"man", "boy", "father", "husband", "son", "brother", "boyfriend", "grandfather", "grandson", "uncle", "nephew", "male",
         "dad", "stepson", "fiance", "fiancé", "ex-husband", "ex-boyfriend", "himself"}


_CHILD = {"child", "girl", "boy", "infant", "baby", "toddler", "kid", "newborn", "preschooler", "kindergartner"}
_ADULT = {"woman", "man", "mother", "father", "wife", "husband", "grandmother", "grandfather", "girlfriend", "boyfriend",
          "mom", "dad", "lady", "gentleman", "fiance", "fiancé", "fiancee", "fiancée", "ex-wife", "ex-husband"}
# Who is on which side of a shooting: an officer shot and a suspect killed are two people.
_ROLE_POLICE = {"officer", "deputy", "trooper", "policeman", "policewoman", "agent", "marshal", "constable", "sergeant",
                "detective", "patrolman", "lieutenant", "cop"}
_ROLE_SUSPECT = {"suspect", "gunman", "shooter", "assailant", "attacker", "robber", "intruder", "burglar", "carjacker"}
_NAME_TOKEN = re.compile(r"^[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?$")


def _proper_name(phrase: str) -> Optional[tuple[str, ...]]:
    """The words of a bare personal name ("7-year-old Iris Rodriguez" -> ('Iris', 'Rodriguez')), else None."""
    words = [w for w in phrase.split() if not _AGE.fullmatch(w) and not w[:1].isdigit()]
    if len(words) >= 2 and all(_NAME_TOKEN.match(w) for w in words[-2:]) and words[0].lower() not in {"a", "an", "the"}:
        return tuple(w for w in words if _NAME_TOKEN.match(w))
    return None


def _age_class(phrase: str, noun: str) -> Optional[str]:
    """"child" / "adult" when the phrase tells it plainly (a noun or an age far from the boundary), else None."""
    age = _AGE.search(phrase)
    if age and age.group(1).isdigit():
        years = int(age.group(1))
        if years <= 12:
            return "child"
        if years >= 21:
            return "adult"
    if noun in _CHILD:
        return "child"
    if noun in _ADULT:
        return "adult"
    return None


def _same_person(a: str, b: str) -> bool:
    """Whether two singular victim phrases may name one person ("a 2-year-old boy" / "the toddler": yes).

    No when the ages differ ("a 56-year-old" / "a 7-year-old girl"), the sexes differ ("the woman" / "a boy"),
    or one is named through someone else and the nouns differ ("the girl's mother" / "a girl"). Relations alone
    do not tell ("his stepson" / "a 9-year-old boy" is often one person)."""
    age_a, age_b = _AGE.search(a), _AGE.search(b)
    if age_a and age_b and age_a.group(1).lower() != age_b.group(1).lower():
        return False
    noun_a, noun_b = a.split()[-1].lower(), b.split()[-1].lower()
    if (noun_a in _FEMALE and noun_b in _MALE) or (noun_a in _MALE and noun_b in _FEMALE):
        return False
    if noun_a != noun_b and (_POSSESSIVE.search(a) or _POSSESSIVE.search(b)):
        return False
    class_a, class_b = _age_class(a, noun_a), _age_class(b, noun_b)
    if class_a and class_b and class_a != class_b:  # "her mother" / "a little girl"
        return False
    if (noun_a in _ROLE_POLICE and noun_b in _ROLE_SUSPECT) or (noun_a in _ROLE_SUSPECT and noun_b in _ROLE_POLICE):
        return False
    name_a, name_b = _proper_name(a), _proper_name(b)
    if name_a and name_b and not set(name_a) & set(name_b):  # two different names
        return False
    return True


def _distinct_victims(hit: Figure, killed: Figure) -> bool:
    """The person shot is not the one killed: told as "also shot", or the two phrases cannot name one person."""
    return ("additional victim" in (hit.note or "") or "additional victim" in (killed.note or "")
            or not _same_person(hit.text, killed.text))


def _is_raw_hit(fig: Figure) -> bool:
    return (fig.note or "").startswith("hit:") and not (fig.note or "").startswith("hit: derived")


def _hit_minus_killed(hit: Figure, killed: Figure) -> Figure:
    """People shot minus the page's killed (told in another sentence): "A boy was shot ... The boy died" -> 0 injured.

    When more are killed than shot, the shot are taken to be among the killed (0, derived, noted)."""
    h, k = _numeric(hit), _numeric(killed)
    if h is None or k is None or hit.high is None:
        return hit
    rest = max(0, h - k)
    return Figure(rest, rest, hit.start, hit.end, hit.text,
                  f"hit: derived: {hit.text!r} shot minus {killed.text!r} killed on the page", _parts(hit) + _parts(killed))


@lru_cache(maxsize=None)
def _not_occurred(lang: str) -> Optional[re.Pattern[str]]:
    """Words before an attack word saying it did not happen: "a pause in the shooting", "перед новыми ударами"."""
    words = languages.get(lang).not_occurred
    if not words:
        return None
    determiners = r"(?:the|a|an|any|new|further|more|fresh|les|des|de|la|le|новыми|новых|новые|новым|дальнейших|любых)"
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                      + r")\s+(?:" + determiners + r"\s+){0,2}$", re.I)


def _did_not_happen(doc: Document, trig: _Trigger, lang: str) -> bool:
    pattern = _not_occurred(lang)
    return pattern is not None and pattern.search(doc.text, max(0, trig.start - 40), trig.start) is not None


#: A count over a whole war or campaign ("Hundreds of people have been killed since then", "с начала
#: боевых действий", "savaş başladığından beri"): no one incident's figure.
_RUNNING_TOTAL = re.compile(
    r"(?i)(?<!\w)(?:since then|since the (?:war|fighting|conflict|clashes|hostilities|offensive|escalation)\b|"
    r"since the (?:start|beginning|outbreak) of|to date|in total|so far|all told|"
    r"с тех пор|с начала|за время (?:боевых|конфликта|войны)|всего с|"
    r"o vaxtdan bəri|münaqişənin əvvəlindən|başladığından (?:beri|bu yana)|şimdiye kadar|o zamandan beri|"
    r"depuis le début|depuis lors|au total)(?!\w)")


def _sentence_triggers(doc: Document, sent: _Sentence) -> tuple[list[_Trigger], list[FigureMention]]:
    text = doc.text[sent.start:sent.end]
    triggers = [t for t in find_triggers(text, sent.lang, sent.start)
                if t.type != "attack" or not _did_not_happen(doc, t, sent.lang)]
    figures = [] if _RUNNING_TOTAL.search(text) else find_figures(text, sent.lang, sent.start)
    chosen: list[_Trigger] = []
    attacks = [t for t in triggers if t.type == "attack"]
    if attacks:
        rank = {s: i for i, s in enumerate(_ATTACK_ORDER)}
        best_sub = min(attacks, key=lambda t: rank.get(t.subtype or "_other", 9)).subtype
        chosen.append(_Trigger("attack", best_sub, attacks[0].start, attacks[0].end))
    elif any(f.kind in ("killed", "injured", "hit") for f in figures):
        first = min(figures, key=lambda f: f.keyword_start)
        chosen.append(_Trigger("attack", None, first.keyword_start, first.keyword_start))
    for etype in EVENT_TYPES[1:]:
        of_type = [t for t in triggers
                   if t.type == etype and not any(c.start <= t.start < c.end or t.start <= c.start < t.end for c in chosen)]
        if of_type:
            chosen.append(of_type[0])
    return sorted(chosen, key=lambda t: t.start), figures


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
