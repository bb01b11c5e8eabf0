"""Incidents: events from different documents and languages that describe one real event.

Two events link when their types are compatible (same type class), their places agree
(equal canonical names; a missing place needs strong other evidence: the same known day and
a matching casualty figure), and their date windows overlap. Differing figures never split an
incident: sources disagree, and that disagreement is what the figures table shows.

Linking is incremental and blocked: each event is filed under (type class, place, date
bucket) rows in SQLite and a new event is compared only with the events filed under its own
blocks, so adding one document costs a few indexed lookups however large the store is. It is
deterministic: an incident's id is a hash of its first member's (doc_id, idx), and ties go to
the earliest incident, so the same input order always gives the same ids. A new event that
matches two incidents joins the best one, and bridges them (they become one, the earlier id kept,
the other an alias) when it dates itself and nothing the two incidents hold contradicts the other:
two reports of one strike that shared too little to link (one names the city, the other only a
figure) are joined by a third that shares enough with each.
Since the input order still decides, ``ingest`` ends with :mod:`newsledger.crossdoc.relink`, which
links every stored document again in one canonical order: the ids and members do not depend on
the order of arrival.
"""
from __future__ import annotations

import hashlib
import json
import weakref
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Any, Iterable, Optional, Sequence

from newsledger.crossdoc import evidence as link_evidence
from newsledger.crossdoc import story
from newsledger.crossdoc.blocking import filed_under, lookups_of
from newsledger.crossdoc.evidence import Evidence, link_score
from newsledger.crossdoc.features import LinkFeatures
from newsledger.crossdoc.fields import get_field
from newsledger.crossdoc.naming import argument_canonical
from newsledger.crossdoc.people import document_people
from newsledger.crossdoc.places import DIRECT, PlaceChoice, document_area, document_places
from newsledger.crossdoc.reprints import assign_reprint_stored
from newsledger.crossdoc.windows import DAY_TOLERANCE, Window, best_day, combined, loose_days, narrowed, overlap, shares_day, window_of
from newsledger.lang import UNDETERMINED
from newsledger.models import Document, Event
from newsledger.stages.events.merging import RUNNING_TOTAL
from newsledger.store import incidents as incident_store
from newsledger.store import names as name_store
from newsledger.store.codec import parse_json
from newsledger.store.connection import Database

#: Event types that describe the same kind of happening, by class. Unknown types are their own class.
TYPE_CLASSES: dict[str, str] = {
    **{t: "attack" for t in (
        "attack", "strike", "missile", "missile_strike", "airstrike", "air_strike", "shelling", "bombardment",
        "shooting", "bombing", "explosion", "drone_strike", "rocket", "artillery", "killing", "assault",
        "clash", "clashes", "fighting", "battle", "combat", "offensive", "raid", "ambush", "violence",
        "casualties", "casualty", "death", "deaths", "injury", "massacre", "terror", "terrorism")},
    **{t: "ceasefire" for t in ("ceasefire", "truce", "armistice", "ceasefire_violation", "humanitarian_ceasefire")},
    **{t: "diplomacy" for t in ("meeting", "talks", "negotiation", "negotiations", "agreement", "summit",
                                "visit", "diplomacy", "call", "phone_call", "sanctions", "treaty")},
    **{t: "interview" for t in ("interview", "press_conference", "media", "foreign_media")},
    **{t: "statement" for t in ("statement", "speech", "declaration", "announcement", "claim", "accusation")},
    # The events stage's types (newsledger.stages.events.triggers.EVENT_TYPES).
    "ceasefire/agreement": "ceasefire", "meeting/talks": "diplomacy", "interview/statement": "interview",
    "territory_change": "territory",
    **{t: "protest" for t in ("protest", "demonstration", "rally", "riot")},
    **{t: "arrest" for t in ("arrest", "detention", "capture", "kidnapping", "abduction", "hostage")},
}



def type_class(event_type: Optional[str], subtype: Optional[str] = None) -> str:
    """The class an event type belongs to ('shooting' and 'missile strike' are both 'attack')."""
    for candidate in (subtype, event_type):
        if candidate:
            key = candidate.strip().lower().replace(" ", "_").replace("-", "_")
            if key in TYPE_CLASSES:
                return TYPE_CLASSES[key]
    return (event_type or "unknown").strip().lower()


def incident_id_for(doc_id: str, idx: int) -> str:
    """An incident's id: the hash of its first member event."""
    return hashlib.sha1(f"{doc_id}:{idx}".encode("utf-8")).hexdigest()[:16]


#: The class of a running tally ("69 civilians killed since 27 September"): never one strike's incident.
TALLY = "tally"


def is_tally(event: Event | dict[str, Any]) -> bool:
    """Whether the event's figures are a running total (the events stage notes them so)."""
    return any(RUNNING_TOTAL in (get_field(get_field(event, key), "note") or "") for key in ("killed", "injured"))


def _figure(fig: Any) -> Optional[tuple[Optional[int], Optional[int]]]:
    if fig is None:
        return None
    get = fig.get if isinstance(fig, dict) else (lambda k: getattr(fig, k, None))
    low, high = get("low"), get("high")
    if low is None and high is None:
        return None
    return (low, high)


def features_of(event: Event | dict[str, Any], doc_id: str, idx: int, published: Optional[str] = None,
                lang: Optional[str] = None, place: Optional[PlaceChoice] = None,
                area: tuple[str, ...] = (), people: tuple[str, ...] = ()) -> LinkFeatures:
    """The :class:`LinkFeatures` of an event (an Event or its ``to_dict()``).

    ``place`` is the event's place as chosen with its document (:func:`document_features`);
    without it the event's own place argument is used, at full weight.
    """
    get = event.get if isinstance(event, dict) else (lambda k: getattr(event, k, None))
    lang = get("lang") if get("lang") not in (None, UNDETERMINED) else lang
    if place is None:
        key = argument_canonical(get("place"), lang, "GPE")
        place = PlaceChoice(key, DIRECT if key else 0.0, "argument" if key else "none")
    return LinkFeatures(
        doc_id=doc_id,
        idx=idx,
        type_class=TALLY if is_tally(event) else type_class(get("type"), get("subtype")),
        place=place.place,
        window=window_of(get("date"), published),
        killed=_figure(get("killed")),
        injured=_figure(get("injured")),
        place_weight=place.weight,
        area=area,
        people=people,
        dated=bool(get_field(get("date"), "value")),
    )


def _event_class(event: Any) -> str:
    get = event.get if isinstance(event, dict) else (lambda k: getattr(event, k, None))
    return type_class(get("type"), get("subtype"))


def document_features(doc: Document | dict[str, Any], doc_id: Optional[str] = None, published: Optional[str] = None,
                      lang: Optional[str] = None) -> list[LinkFeatures]:
    """Features of every event of a document, places chosen with the whole document in view."""
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    doc_id = doc_id or get("id")
    if published is None:
        pub = get("published")
        published = (pub.get("value") if isinstance(pub, dict) else getattr(pub, "value", None)) if pub else None
    places = document_places(doc, _event_class, lang, published)
    area = document_area(doc, places, lang)
    people = document_people(doc)
    feats = [features_of(event, str(doc_id), idx, published, lang, places[idx], area, people)
             for idx, event in enumerate(get("events") or [])]
    return _date_context(feats)


def _date_context(feats: list[LinkFeatures]) -> list[LinkFeatures]:
    """An undated event ("the attack") takes the date window of its document's one dated event of its class and place.

    The borrowed window is marked approximate: it lets the event link, it never votes for the incident's day.
    (Borrowing also into events whose own window merely holds that day was measured and lowered both the GVC train
    and the karabakh dev scores: the stage's dates are not precise enough to spread.)
    """
    out = list(feats)
    for i, f in enumerate(feats):
        if not f.window.empty or not f.place:
            continue
        donors = {g.window for g in feats if g.type_class == f.type_class and g.place == f.place and not g.window.empty}
        if len(donors) == 1:
            w = donors.pop()
            out[i] = replace(f, window=Window(w.intervals, w.month_day, None, True, w.md_range))
    return out


def compatibility(a: LinkFeatures, b: LinkFeatures) -> Optional[float]:
    """How well two events fit one incident: None when they cannot, else their points (see :mod:`.evidence`)."""
    if a.type_class != b.type_class:
        return None
    score = link_score(a.evidence(), b.evidence(), a.type_class)
    if score is None or score < link_evidence.LINK_THRESHOLD:
        return None
    return score


# --- persistence -------------------------------------------------------------------------

def _dump(f: LinkFeatures) -> str:
    w = f.window
    return json.dumps({
        "t": f.type_class, "p": f.place, "i": [list(x) for x in w.intervals], "md": list(w.month_day) if w.month_day else None,
        "r": list(w.md_range) if w.md_range else None,
        "x": w.exact_day, "a": w.approximate, "k": list(f.killed) if f.killed else None,
        "j": list(f.injured) if f.injured else None, "w": f.place_weight, "ar": list(f.area), "pp": list(f.people),
        "dt": f.dated,
    }, separators=(",", ":"))


def _load(doc_id: str, idx: int, blob: str) -> LinkFeatures:
    d = parse_json(blob)
    window = Window(tuple(tuple(x) for x in d["i"]), tuple(d["md"]) if d["md"] else None, d["x"], d["a"],
                    tuple(d["r"]) if d.get("r") else None).interned()
    return LinkFeatures(doc_id, idx, d["t"], d["p"], window,
                        tuple(d["k"]) if d["k"] else None, tuple(d["j"]) if d["j"] else None,
                        float(d.get("w", DIRECT if d["p"] else 0.0)), tuple(d.get("ar") or ()), tuple(d.get("pp") or ()),
                        bool(d.get("dt", True)))


#: Parsed candidates by (doc_id, idx, stored features): consecutive events of a story score the same members again.
#: Keyed by the stored text itself, so an entry can never be stale; emptied when full.
_PARSED: dict[tuple[str, int, str], tuple[str, Evidence]] = {}
_PARSED_MAX = 32_768


def _parsed(doc_id: str, idx: int, blob: str) -> tuple[str, Evidence]:
    """(type class, evidence) of a stored candidate."""
    key = (doc_id, idx, blob)
    found = _PARSED.get(key)
    if found is None:
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        member = _load(doc_id, idx, blob)
        found = _PARSED[key] = (member.type_class, member.evidence())
    return found


def _candidates(store: Database, f: LinkFeatures) -> list[int]:
    """Member numbers of the stored events filed under the event's lookups (itself is not filed yet)."""
    return incident_store.blocked_members(store, f.type_class, lookups_of(f))


def _day_key(window: Window) -> Optional[str]:
    """The day a precisely dated member votes for: ISO with a year, ``--MM-DD`` without; None for bounds."""
    if window.approximate:
        return None
    if window.exact_day is not None:
        return date.fromordinal(window.exact_day).isoformat()
    rng = window.yearless_range()
    if rng is not None and rng[0] == rng[1] and window.month_day and window.month_day[1] and window.md_range is None:
        return f"--{window.month_day[0]:02d}-{window.month_day[1]:02d}"
    return None


def day_votes(store: Database, incident_id: str) -> dict[str, int]:
    """Votes per day (ISO or ``--MM-DD``) of an incident's precisely dated members."""
    return incident_store.day_votes(store, incident_id)


def incident_day(store: Database, incident_id: str) -> Optional[str]:
    """The incident's day (ISO, or ``--MM-DD`` when no member gives a year): see :func:`best_day`."""
    return best_day(day_votes(store, incident_id))


def incident_place(store: Database, incident_id: str) -> Optional[str]:
    """The incident's place: the members' weighted vote (first seen on ties)."""
    return incident_store.winning_place(store, incident_id)


def admits(window: Window, day: str, tolerance: int = 1) -> bool:
    """Whether an event's date window can hold ``day`` (ISO or ``--MM-DD``); an unknown date admits any day."""
    if day.startswith("--"):
        probe = Window(month_day=(int(day[2:4]), int(day[5:7])))
        return window.empty or overlap(window, probe, tolerance) is not False
    d = date.fromisoformat(day)
    if window.intervals:
        return any(a - tolerance <= d.toordinal() <= b + tolerance for a, b in window.intervals)
    if window.month_day is not None:
        return overlap(window, Window(((d.toordinal(), d.toordinal()),)), tolerance) is not False
    return True


def inside(window: Window, day: Optional[str]) -> bool:
    """Whether the window holds ``day`` without any tolerance (prefers the incident whose day the bound admits)."""
    return day is not None and not window.empty and admits(window, day, 0)


def day_conflict(store: Database, incident_id: str, window: Window) -> bool:
    """Whether the incident's precisely dated members (two or more, and most of them) give days the window excludes.

    One early member with a wrong day must not lock the incident: a single vote never rejects.
    """
    admitted = excluded = 0
    for day, n in day_votes(store, incident_id).items():
        if admits(window, day):
            admitted += int(n)
        else:
            excluded += int(n)
    return excluded >= 2 and excluded > admitted


def _vote(store: Database, incident_id: str, f: LinkFeatures) -> None:
    """Count one member's place and (precise) day, then set the incident's place and dates from the votes."""
    if f.place and f.place_weight > 0:
        incident_store.vote_place(store, incident_id, f.place, f.place_weight)
    key = _day_key(f.window)
    if key is not None:
        # Bounds ("on or before 15 October") never vote: they bound the day, they do not define it.
        incident_store.vote_day(store, incident_id, key)
    incident_store.set_place(store, incident_id, incident_place(store, incident_id))


#: How many of an incident's candidate members an event is compared with (its most recently linked ones).
MEMBERS_JUDGED = 16


def choose_incident(store: Database, f: LinkFeatures, linked: Sequence[tuple[LinkFeatures, str]] = ()) -> Optional[str]:
    """The incident the event joins (None: it founds one); reads the linking tables, writes nothing."""
    return _choose(store, f, linked)[0]


def _choose(store: Database, f: LinkFeatures, linked: Sequence[tuple[LinkFeatures, str]] = ()
            ) -> tuple[Optional[str], list[str]]:
    """The incident the event joins (None: it founds one) and the other incidents it bridges into it."""
    best_by_incident: dict[str, tuple[float, int]] = {}  # incident id -> (best member score, -seq)
    support: dict[str, int] = {}  # members that score the pair at the threshold or above
    against: dict[str, int] = {}  # members whose evidence vetoes the pair (another place, another day)
    judged: dict[str, list[Evidence]] = {}  # the judged members' evidence, by incident (a bridge compares them)
    mine = replace(f.evidence(), window=f.window.interned())
    # An incident is judged by its most recently linked candidates: a large one (a strike hundreds of reports tell)
    # does not cost hundreds of comparisons, and the votes below compare like with like.
    for _, doc_id, idx, incident_id, blob, seq in incident_store.judged_members(store, _candidates(store, f),
                                                                                 MEMBERS_JUDGED):
        if (doc_id, idx) == (f.doc_id, f.idx):
            continue
        member_class, member_evidence = _parsed(doc_id, idx, blob)
        if member_class != f.type_class:  # blocks are keyed by class: only a hash collision gets here
            continue
        incident_id = str(incident_id)
        judged.setdefault(incident_id, []).append(member_evidence)
        score = link_score(mine, member_evidence, f.type_class)
        if score is None:
            against[incident_id] = against.get(incident_id, 0) + 1
            continue
        if score < link_evidence.LINK_THRESHOLD:
            continue
        support[incident_id] = support.get(incident_id, 0) + 1
        key = (score, -int(seq))
        if incident_id not in best_by_incident or key > best_by_incident[incident_id]:
            best_by_incident[incident_id] = key
    # Joining on one member alone would chain: an undated report links the 11th and the 17th. The event must not
    # contradict as many of the incident's members as it agrees with.
    best_by_incident = {i: v for i, v in best_by_incident.items() if against.get(i, 0) < support.get(i, 0)}
    # One incident happens on one day: its loosely dated members ("on or before the 15th", an undated report of the
    # week) must all admit a common day, or overlapping windows would chain an incident across months.
    common = incident_store.common_days(store, best_by_incident)
    best_by_incident = {i: v for i, v in best_by_incident.items() if loose_days(f.window) is None or shares_day(common.get(i), f.window)}
    # A bounded event prefers the incident whose day its bound holds ("on or before 15 October": the 11th, not the 17th).
    ranked = sorted(((score + (0.5 if inside(f.window, incident_day(store, incident_id)) else 0.0), seq, incident_id)
                     for incident_id, (score, seq) in best_by_incident.items()), key=lambda t: (-t[0], -t[1], t[2]))
    # Members may be bounded or yearless; the incident's day (its precise members' majority) must fit too,
    # so a chain of loosely dated members never drifts to another day.
    joinable = [incident_id for _, _, incident_id in ranked if not day_conflict(store, incident_id, f.window)]
    chosen = joinable[0] if joinable else None
    if linked and not story.shared(store, chosen, f.doc_id):
        return story.story_incident(store, f, linked) or chosen, []
    return chosen, bridged(store, f, joinable, judged)


def bridged(store: Database, f: LinkFeatures, joinable: Sequence[str], judged: dict[str, list[Evidence]]) -> list[str]:
    """The incidents after the first of ``joinable`` (those the event could join, best first) that it bridges into it.

    A report that dates its event joins two incidents it could each join when nothing they hold contradicts the
    other: no pair of their judged members vetoes (places far apart, days that cannot meet) and their days agree.
    An undated report never bridges: it would chain the strikes of one city on different days.
    """
    if len(joinable) < 2 or story.undated(f):
        return []
    group = [joinable[0]]
    for other in joinable[1:]:
        if all(_may_merge(store, kept, other, judged, f.type_class) for kept in group):
            group.append(other)
    return group[1:]


def _may_merge(store: Database, a: str, b: str, judged: dict[str, list[Evidence]], type_class: str) -> bool:
    if any(link_score(x, y, type_class) is None for x in judged.get(a, ()) for y in judged.get(b, ())):
        return False
    if not days_agree(incident_day(store, a), incident_day(store, b)):
        return False
    common = incident_store.common_days(store, [a, b])
    return b not in common or shares_day(common.get(a), Window(intervals=(common[b],)))


def days_agree(a: Optional[str], b: Optional[str]) -> bool:
    """Whether two incidents' days (ISO or ``--MM-DD``; None: unknown) can be one day, within the tolerance."""
    if a is None or b is None:
        return True
    if a.startswith("--") or b.startswith("--"):
        return a[-5:] == b[-5:]
    return abs(date.fromisoformat(a).toordinal() - date.fromisoformat(b).toordinal()) <= DAY_TOLERANCE


def link_features(store: Database, f: LinkFeatures, linked: Sequence[tuple[LinkFeatures, str]] = ()) -> str:
    """Link one event (by its features) into the stored incidents; returns its incident id.

    ``linked``: the report's events linked before it, with their incidents (:mod:`newsledger.crossdoc.story`: an
    undated mention that finds no incident another report shares follows the report's dated one). Uses only the
    linking tables, so it also serves the pure :func:`link_documents`.
    """
    known = incident_store.incident_of(store, f.doc_id, f.idx)
    if known:
        return known
    chosen, bridges = _choose(store, f, linked)
    if chosen is not None and bridges:
        # The incidents become one under the id of the one founded first (its first member is the group's first).
        seqs = incident_store.incident_seqs(store, [chosen, *bridges])
        group = sorted(seqs, key=lambda incident_id: seqs[incident_id])
        chosen = group[0]
        for other in group[1:]:
            both = incident_store.common_days(store, [chosen, other])
            incident_store.merge_incident(store, chosen, other, combined(both.get(chosen), both.get(other)))
    if chosen is None:
        incident_id = incident_id_for(f.doc_id, f.idx)
        salt = 0
        while incident_store.incident_exists(store, incident_id):
            # Only after relink_document: the event now at this index founded an incident that lives on.
            salt += 1
            incident_id = incident_id_for(f.doc_id, f.idx) + f"-{salt}"
        days = loose_days(f.window)
        incident_store.create_incident(store, incident_id, f.type_class, f.place, f.doc_id, f.idx,
                                       *(days or (None, None)))
    else:
        incident_id = chosen
        known_days = incident_store.common_days(store, [incident_id]).get(incident_id)
        incident_store.add_member(store, incident_id, narrowed(known_days, f.window))
    _vote(store, incident_id, f)
    incident_store.file_event(store, f.doc_id, f.idx, incident_id, _dump(f), f.type_class, filed_under(f))
    return incident_id


StoredEvent = tuple[dict[str, Any], Optional[str], Optional[str]]


def link_event(store: Database, doc_id: str, idx: int, record_names: bool = True,
               features: Optional[LinkFeatures] = None, linked: Sequence[tuple[LinkFeatures, str]] = (),
               stored: Optional[StoredEvent] = None) -> Optional[str]:
    """Link the stored event ``(doc_id, idx)`` (core ``events`` table): its ``incident_events`` row names its incident.

    Returns the incident id, or None when the event is not in the store. The place's
    written form is recorded in ``name_variants``. ``features`` (from
    :func:`document_features`) chooses the place with the whole document in view; without
    them only the event itself is read. ``stored``: the event's (data, published, document lang) when the caller
    read them already.
    """
    stored = stored or incident_store.stored_event(store, doc_id, idx)
    if stored is None:
        return None
    event, published, doc_lang = stored
    f = features or features_of(event, doc_id, idx, published, doc_lang)
    place = event.get("place") or {}
    written = place.get("text") or place.get("name")
    if record_names and f.place and written:
        known = incident_store.incident_of(store, doc_id, idx)
        if not known and argument_canonical(place, event.get("lang") or doc_lang, "GPE") == f.place:
            name_store.record_variant(store, f.place, written, event.get("lang") or doc_lang)
    incident_id = link_features(store, f, linked)
    return incident_id


def _features_of_row(store: Database, doc_id: str, row: Optional[tuple[Any, Optional[str], Optional[str], str]],
                     events: dict[int, dict[str, Any]]) -> tuple[dict[int, LinkFeatures], Optional[str], Optional[str]]:
    """Features of a stored document's events by index (places chosen over the whole document), its published value
    and lang, from its :func:`incident_store.document_row` and stored events."""
    doc_row = incident_store.document_context(store, doc_id, row) if row is not None else None
    if doc_row is None:
        return {}, None, None
    data, published, lang = doc_row
    # The events table is the truth (the store may have re-marked boilerplate); the document gives the context.
    idxs = sorted(events)
    data["events"] = [events[i] for i in idxs]
    return dict(zip(idxs, document_features(data, doc_id, published, lang))), published, lang


StoredReport = tuple[dict[int, dict[str, Any]], dict[int, LinkFeatures], Optional[str], Optional[str]]
#: Per store: a stored document's events, their features, published value and lang, by its
#: :func:`incident_store.document_row` (id, stored data, published, lang, text): a relink links the same recent
#: documents run after run, and their events change only with their data. Read-only once made; emptied when full.
#: Kept per store because two stores can hold one document (same id and text) with other events.
_REPORTS: "weakref.WeakKeyDictionary[Database, dict[tuple[Any, ...], StoredReport]]" = weakref.WeakKeyDictionary()
_REPORTS_MAX = 4096


def _stored_report(store: Database, doc_id: str) -> StoredReport:
    """(events by index, their features, published value, lang) of a stored document."""
    row = incident_store.document_row(store, doc_id)
    key = (doc_id, *row) if row is not None else None
    reports = _REPORTS.setdefault(store, {})
    found = reports.get(key) if key is not None else None
    if found is None:
        events = incident_store.document_events(store, doc_id)
        found = (events, *_features_of_row(store, doc_id, row, events))
        if key is not None:
            if len(reports) >= _REPORTS_MAX:
                reports.clear()
            reports[key] = found
    return found


def link_document_events(store: Database, doc_id: str, record_names: bool = True) -> list[str]:
    """Link every stored event of one document, in index order (each sees its report's events linked before it)."""
    events, feats, published, lang = _stored_report(store, doc_id)
    idxs = sorted(events)
    found: dict[int, Optional[str]] = {i: link_event(store, doc_id, i, record_names) for i in idxs if i not in feats}
    found.update(story.link_report(
        [feats[i] for i in idxs if i in feats],
        lambda f, linked: link_event(store, doc_id, f.idx, record_names, f, linked, (events[f.idx], published, lang))))
    return [i for i in (found.get(idx) for idx in idxs) if i is not None]


def link_documents(docs: Sequence[Document]) -> dict[tuple[str, int], str]:
    """Pure form: ``{(doc_id, idx): incident_id}`` for the events of ``docs`` in order (a scratch database)."""
    with Database(":memory:") as scratch:
        out = {}
        for doc in docs:
            found = story.link_report(document_features(doc, doc.id, doc.published.value, _doc_lang(doc)),
                                      lambda f, linked: link_features(scratch, f, linked))
            out.update({(doc.id, idx): str(incident_id) for idx, incident_id in found.items()})
        return out


def _doc_lang(doc: Document) -> Optional[str]:
    langs: dict[str, int] = {}
    for p in doc.paragraphs:
        if p.kind == "body" and p.lang != UNDETERMINED:
            langs[p.lang] = langs.get(p.lang, 0) + len(p.text)
    return max(sorted(langs), key=lambda k: langs[k]) if langs else None


def block_rows(store: Database, doc_ids: Sequence[str]) -> list[tuple[int, int]]:
    """(key, member) of the block rows the documents' events were filed under, recomputed from their stored features."""
    return [(key, member) for member, doc_id, idx, _, blob in incident_store.members_of_documents(store, doc_ids)
            for key in _stored_keys(doc_id, idx, blob)]


def _filed_keys(f: LinkFeatures) -> set[int]:
    return incident_store.block_keys(f.type_class, filed_under(f))


@lru_cache(maxsize=16_384)
def _stored_keys(doc_id: str, idx: int, blob: str) -> frozenset[int]:
    """:func:`_filed_keys` of stored features (cached: a relink unfiles the same recent events run after run)."""
    return frozenset(_filed_keys(_load(doc_id, idx, blob)))


def forget_document(store: Database, doc_id: str) -> None:
    """Drop a document's events from the linking tables (incidents they founded keep their ids)."""
    unvote, blocks = [], []
    for member, _, idx, incident_id, blob in incident_store.members_of_documents(store, [doc_id]):
        f = _load(doc_id, idx, blob)
        unvote.append((incident_id, f.place, f.place_weight, _day_key(f.window)))
        blocks += [(key, member) for key in _filed_keys(f)]
    incident_store.forget_document(store, doc_id, unvote, blocks)


def relink_document(store: Database, doc_id: str) -> list[str]:
    """Link a document's events again after the store rewrote them (e.g. boilerplate re-marking shifted indices)."""
    forget_document(store, doc_id)
    return link_document_events(store, doc_id, record_names=False)  # its names were counted the first time


def iter_features(docs: Iterable[Document]) -> Iterable[LinkFeatures]:
    """Features of every event of ``docs`` (for evaluation and pairwise use)."""
    for doc in docs:
        yield from document_features(doc, doc.id, doc.published.value, _doc_lang(doc))


def link_document(store: Database, doc_id: str, threshold: Optional[float] = None) -> dict[str, Any]:
    """All cross-document steps for one stored document: reprint check, then its events' incidents.

    Sets ``documents.reprint_of`` and ``events.incident_id``; returns
    ``{"reprint_of": ..., "incidents": [...]}``. ``threshold`` defaults to the
    ``reprint_threshold`` setting.
    """
    reprint_of = assign_reprint_stored(store, doc_id, threshold)
    return {"reprint_of": reprint_of, "incidents": link_document_events(store, doc_id)}
