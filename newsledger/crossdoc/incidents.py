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
matches two incidents joins the best one; existing incidents are never merged or renamed.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Iterable, Optional, Sequence

from newsledger.models import Document, Event
from newsledger.crossdoc.windows import Window, months_of, overlap, same_day, window_of
from newsledger.crossdoc.naming import argument_canonical, record_variant
from newsledger.crossdoc.places import DIRECT, PlaceChoice, document_places

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
    # The events stage's types (newsledger.stages.events.stage.EVENT_TYPES).
    "ceasefire/agreement": "ceasefire", "meeting/talks": "diplomacy", "interview/statement": "interview",
    "territory_change": "territory",
    **{t: "protest" for t in ("protest", "demonstration", "rally", "riot")},
    **{t: "arrest" for t in ("arrest", "detention", "capture", "kidnapping", "abduction", "hostage")},
}

#: How many months a window may span and still be filed by month (wider: by year, then "wide").
MAX_MONTH_BUCKETS = 13
MAX_YEAR_BUCKETS = 5


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


@dataclass(frozen=True)
class LinkFeatures:
    """What linking compares about one event."""

    doc_id: str
    idx: int
    type_class: str
    place: Optional[str]
    window: Window
    killed: Optional[tuple[Optional[int], Optional[int]]] = None
    injured: Optional[tuple[Optional[int], Optional[int]]] = None
    #: How directly ``place`` is the event's place (see :mod:`newsledger.crossdoc.places`); votes for the incident's place.
    place_weight: float = 0.0


def _figure(fig: Any) -> Optional[tuple[Optional[int], Optional[int]]]:
    if fig is None:
        return None
    get = fig.get if isinstance(fig, dict) else (lambda k: getattr(fig, k, None))
    low, high = get("low"), get("high")
    if low is None and high is None:
        return None
    return (low, high)


def features_of(event: Event | dict[str, Any], doc_id: str, idx: int, published: Optional[str] = None,
                lang: Optional[str] = None, place: Optional[PlaceChoice] = None) -> LinkFeatures:
    """The :class:`LinkFeatures` of an event (an Event or its ``to_dict()``).

    ``place`` is the event's place as chosen with its document (:func:`document_features`);
    without it the event's own place argument is used, at full weight.
    """
    get = event.get if isinstance(event, dict) else (lambda k: getattr(event, k, None))
    lang = get("lang") if get("lang") not in (None, "und") else lang
    if place is None:
        key = argument_canonical(get("place"), lang, "GPE")
        place = PlaceChoice(key, DIRECT if key else 0.0, "argument" if key else "none")
    return LinkFeatures(
        doc_id=doc_id,
        idx=idx,
        type_class=type_class(get("type"), get("subtype")),
        place=place.place,
        window=window_of(get("date"), published),
        killed=_figure(get("killed")),
        injured=_figure(get("injured")),
        place_weight=place.weight,
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
    feats = [features_of(event, str(doc_id), idx, published, lang, places[idx])
             for idx, event in enumerate(get("events") or [])]
    return _date_context(feats)


def _date_context(feats: list[LinkFeatures]) -> list[LinkFeatures]:
    """An undated event ("the attack") takes the date window of its document's one dated event of its class and place.

    The borrowed window is marked approximate: it lets the event link, it never votes for the incident's day.
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


def _figures_match(a: Optional[tuple[Optional[int], Optional[int]]], b: Optional[tuple[Optional[int], Optional[int]]]) -> bool:
    return a is not None and b is not None and a == b and a[0] is not None


def compatibility(a: LinkFeatures, b: LinkFeatures) -> Optional[float]:
    """How well two events fit one incident: None when they cannot, else a score (higher is better)."""
    if a.type_class != b.type_class:
        return None
    dates = overlap(a.window, b.window)
    if dates is False:
        return None
    day = same_day(a.window, b.window)
    figures = int(_figures_match(a.killed, b.killed)) + int(_figures_match(a.injured, b.injured))
    if a.place and b.place:
        if a.place != b.place:
            return None
        place_score = 3.0
    else:
        # No place on one side: only the same known day plus a matching figure is strong enough.
        if not (day and figures):
            return None
        place_score = 0.0
    if dates is None:
        # Place agrees but one date is unknown: a matching figure must back it.
        if not figures:
            return None
        date_score = 0.0
    else:
        date_score = 2.0 if day else 1.0
    return place_score + date_score + figures


# --- blocking ----------------------------------------------------------------------------

def _buckets(window: Window) -> list[str]:
    """The date buckets an event is filed under."""
    if window.month_day is not None:
        return [f"md:{m:02d}" for m in window.months()]
    if not window.intervals:
        return ["none"]
    lo, hi = window.lo(), window.hi()
    assert lo is not None and hi is not None
    out: list[str] = []
    if window.exact_day is not None:
        out.append("d:" + date.fromordinal(window.exact_day).isoformat())
    months = months_of(lo, hi)
    if len(months) <= MAX_MONTH_BUCKETS:
        out += [f"m:{m}" for m in months] + sorted({f"any:{m[5:]}" for m in months})
        return out
    years = list(range(date.fromordinal(lo).year, date.fromordinal(hi).year + 1))
    if len(years) <= MAX_YEAR_BUCKETS:
        return out + [f"y:{y}" for y in years]
    return out + ["wide"]


def _lookups(f: LinkFeatures) -> list[tuple[str, Optional[str]]]:
    """(bucket, place) pairs to search for candidates; place None means any place."""
    w = f.window
    if w.month_day is not None:
        if not f.place:
            return []
        return [(f"{kind}:{m:02d}", f.place) for m in w.months() for kind in ("md", "any")]
    if not w.intervals:
        return [("none", f.place)] if f.place else []
    lo, hi = w.lo(), w.hi()
    assert lo is not None and hi is not None
    out: list[tuple[str, Optional[str]]] = []
    if w.exact_day is not None:
        # Same day: place-less events may match on figures (and a place-less event searches all places).
        for delta in (-1, 0, 1):
            day = date.fromordinal(w.exact_day + delta).isoformat()
            out += [(f"d:{day}", f.place or None)] + ([(f"d:{day}", "")] if f.place else [])
    if not f.place:
        return out
    months = months_of(lo - 1, hi + 1)
    years = sorted({int(m[:4]) for m in months})
    if len(months) <= MAX_MONTH_BUCKETS:
        out += [(f"m:{m}", f.place) for m in months]
        out += [(f"md:{mm}", f.place) for mm in sorted({m[5:] for m in months})]
    elif len(years) <= MAX_YEAR_BUCKETS:
        out += [(f"m:{y}-{mo:02d}", f.place) for y in years for mo in range(1, 13)]
        out += [(f"md:{mo:02d}", f.place) for mo in range(1, 13)]
    if len(years) <= MAX_YEAR_BUCKETS:
        out += [(f"y:{y}", f.place) for y in years]
    out.append(("wide", f.place))
    return out


# --- persistence -------------------------------------------------------------------------

INCIDENT_DDL = (
    """CREATE TABLE IF NOT EXISTS incidents (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        type_class TEXT NOT NULL,
        place TEXT,
        first_doc_id TEXT NOT NULL,
        first_idx INTEGER NOT NULL,
        date_lo INTEGER,
        date_hi INTEGER,
        n_events INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX IF NOT EXISTS incidents_seq ON incidents(seq)",
    """CREATE TABLE IF NOT EXISTS incident_events (
        doc_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        incident_id TEXT NOT NULL,
        features TEXT NOT NULL,
        PRIMARY KEY (doc_id, idx)
    )""",
    "CREATE INDEX IF NOT EXISTS incident_events_incident ON incident_events(incident_id)",
    """CREATE TABLE IF NOT EXISTS incident_blocks (
        type_class TEXT NOT NULL,
        bucket TEXT NOT NULL,
        place TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        idx INTEGER NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS incident_blocks_lookup ON incident_blocks(type_class, bucket, place)",
    # Votes, kept incrementally: an incident's place and day are its members' majority, never its first member's.
    """CREATE TABLE IF NOT EXISTS incident_places (
        incident_id TEXT NOT NULL,
        place TEXT NOT NULL,
        weight REAL NOT NULL DEFAULT 0,
        first_seen INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (incident_id, place)
    )""",
    """CREATE TABLE IF NOT EXISTS incident_days (
        incident_id TEXT NOT NULL,
        day TEXT NOT NULL,
        n INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (incident_id, day)
    )""",
)


def ensure_incident_tables(conn: sqlite3.Connection) -> None:
    """Create the incident tables if missing."""
    for ddl in INCIDENT_DDL:
        conn.execute(ddl)


def _dump(f: LinkFeatures) -> str:
    w = f.window
    return json.dumps({
        "t": f.type_class, "p": f.place, "i": [list(x) for x in w.intervals], "md": list(w.month_day) if w.month_day else None,
        "r": list(w.md_range) if w.md_range else None,
        "x": w.exact_day, "a": w.approximate, "k": list(f.killed) if f.killed else None,
        "j": list(f.injured) if f.injured else None, "w": f.place_weight,
    }, separators=(",", ":"))


def _load(doc_id: str, idx: int, blob: str) -> LinkFeatures:
    d = json.loads(blob)
    window = Window(tuple(tuple(x) for x in d["i"]), tuple(d["md"]) if d["md"] else None, d["x"], d["a"],  # type: ignore[arg-type]
                    tuple(d["r"]) if d.get("r") else None)  # type: ignore[arg-type]
    return LinkFeatures(doc_id, idx, d["t"], d["p"], window,
                        tuple(d["k"]) if d["k"] else None, tuple(d["j"]) if d["j"] else None,  # type: ignore[arg-type]
                        float(d.get("w", DIRECT if d["p"] else 0.0)))


def _candidates(conn: sqlite3.Connection, f: LinkFeatures) -> list[tuple[str, int]]:
    seen: dict[tuple[str, int], None] = {}
    for bucket, place in _lookups(f):
        if place is None:
            rows = conn.execute("SELECT doc_id, idx FROM incident_blocks WHERE type_class = ? AND bucket = ?",
                                (f.type_class, bucket))
        else:
            rows = conn.execute("SELECT doc_id, idx FROM incident_blocks WHERE type_class = ? AND bucket = ? AND place = ?",
                                (f.type_class, bucket, place))
        for row in rows:
            seen[(row[0], row[1])] = None
    seen.pop((f.doc_id, f.idx), None)
    return list(seen)


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


def day_votes(conn: sqlite3.Connection, incident_id: str) -> dict[str, int]:
    """Votes per day (ISO or ``--MM-DD``) of an incident's precisely dated members."""
    return {str(d): int(n) for d, n in conn.execute("SELECT day, n FROM incident_days WHERE incident_id = ?", (incident_id,))}


def best_day(votes: dict[str, int]) -> Optional[str]:
    """The incident's day: most votes (a ``--MM-DD`` vote supports the dated day it matches), earliest on ties.

    A day with a year wins over yearless votes for the same month-day; yearless votes alone give a yearless day.
    """
    if not votes:
        return None
    support: dict[str, int] = {}
    for day, n in votes.items():
        if not day.startswith("--"):
            support[day] = support.get(day, 0) + n + votes.get("--" + day[5:], 0)
    for day, n in votes.items():
        if day.startswith("--") and not any(k.endswith(day[1:]) and not k.startswith("--") for k in votes):
            support[day] = n
    return min(support, key=lambda d: (-support[d], d.lstrip("-")))


def incident_day(conn: sqlite3.Connection, incident_id: str) -> Optional[str]:
    """The incident's day (ISO, or ``--MM-DD`` when no member gives a year): see :func:`best_day`."""
    return best_day(day_votes(conn, incident_id))


def incident_place(conn: sqlite3.Connection, incident_id: str) -> Optional[str]:
    """The incident's place: the members' weighted vote (first seen on ties)."""
    row = conn.execute("SELECT place FROM incident_places WHERE incident_id = ? ORDER BY weight DESC, first_seen LIMIT 1",
                       (incident_id,)).fetchone()
    return str(row[0]) if row else None


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


def day_conflict(conn: sqlite3.Connection, incident_id: str, window: Window) -> bool:
    """Whether the incident's precisely dated members (two or more, and most of them) give days the window excludes.

    One early member with a wrong day must not lock the incident: a single vote never rejects.
    """
    admitted = excluded = 0
    for day, n in day_votes(conn, incident_id).items():
        if admits(window, day):
            admitted += int(n)
        else:
            excluded += int(n)
    return excluded >= 2 and excluded > admitted


def _vote(conn: sqlite3.Connection, incident_id: str, f: LinkFeatures) -> None:
    """Count one member's place and (precise) day, then set the incident's place and dates from the votes."""
    if f.place and f.place_weight > 0:
        order = conn.execute("SELECT COUNT(*) FROM incident_places WHERE incident_id = ?", (incident_id,)).fetchone()[0]
        conn.execute("INSERT INTO incident_places(incident_id, place, weight, first_seen) VALUES (?, ?, ?, ?) "
                     "ON CONFLICT(incident_id, place) DO UPDATE SET weight = weight + excluded.weight",
                     (incident_id, f.place, f.place_weight, order))
    key = _day_key(f.window)
    if key is not None:
        # Bounds ("on or before 15 October") never vote: they bound the day, they do not define it.
        conn.execute("INSERT INTO incident_days(incident_id, day, n) VALUES (?, ?, 1) "
                     "ON CONFLICT(incident_id, day) DO UPDATE SET n = n + 1", (incident_id, key))
    place = incident_place(conn, incident_id)
    day = incident_day(conn, incident_id)
    conn.execute("UPDATE incidents SET place = COALESCE(?, place) WHERE id = ?", (place, incident_id))
    if day is not None and not day.startswith("--"):
        ordinal = date.fromisoformat(day).toordinal()
        conn.execute("UPDATE incidents SET date_lo = ?, date_hi = ? WHERE id = ?", (ordinal, ordinal, incident_id))


def link_features(conn: sqlite3.Connection, f: LinkFeatures) -> str:
    """Link one event (by its features) into the stored incidents; returns its incident id.

    Uses only this module's tables, so it also serves the pure :func:`link_documents`.
    """
    ensure_incident_tables(conn)
    known = conn.execute("SELECT incident_id FROM incident_events WHERE doc_id = ? AND idx = ?", (f.doc_id, f.idx)).fetchone()
    if known:
        return str(known[0])
    best_by_incident: dict[str, tuple[float, int]] = {}  # incident id -> (best member score, -seq)
    cands = _candidates(conn, f)
    for i in range(0, len(cands), 400):
        chunk = cands[i:i + 400]
        where = " OR ".join("(e.doc_id = ? AND e.idx = ?)" for _ in chunk)
        args = [v for pair in chunk for v in pair]
        for doc_id, idx, incident_id, blob, seq in conn.execute(
                f"SELECT e.doc_id, e.idx, e.incident_id, e.features, i.seq FROM incident_events e "
                f"JOIN incidents i ON i.id = e.incident_id WHERE {where}", args):
            score = compatibility(f, _load(doc_id, idx, blob))
            if score is None:
                continue
            key = (score, -int(seq))
            if str(incident_id) not in best_by_incident or key > best_by_incident[str(incident_id)]:
                best_by_incident[str(incident_id)] = key
    chosen: Optional[str] = None
    # A bounded event prefers the incident whose day its bound holds ("on or before 15 October": the 11th, not the 17th).
    ranked = sorted(((score + (0.5 if inside(f.window, incident_day(conn, incident_id)) else 0.0), seq, incident_id)
                     for incident_id, (score, seq) in best_by_incident.items()), key=lambda t: (-t[0], -t[1], t[2]))
    for _, _, incident_id in ranked:
        # Members may be bounded or yearless; the incident's day (its precise members' majority) must fit too,
        # so a chain of loosely dated members never drifts to another day.
        if not day_conflict(conn, incident_id, f.window):
            chosen = incident_id
            break
    lo, hi = f.window.lo(), f.window.hi()
    if chosen is None:
        incident_id = incident_id_for(f.doc_id, f.idx)
        salt = 0
        while conn.execute("SELECT 1 FROM incidents WHERE id = ?", (incident_id,)).fetchone():
            # Only after relink_document: the event now at this index founded an incident that lives on.
            salt += 1
            incident_id = incident_id_for(f.doc_id, f.idx) + f"-{salt}"
        seq = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM incidents").fetchone()[0]
        conn.execute(
            "INSERT OR IGNORE INTO incidents(id, seq, type_class, place, first_doc_id, first_idx, date_lo, date_hi, n_events) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
            (incident_id, seq, f.type_class, f.place, f.doc_id, f.idx, lo, hi))
    else:
        incident_id = chosen
        conn.execute(
            "UPDATE incidents SET n_events = n_events + 1, "
            "date_lo = CASE WHEN ? IS NOT NULL AND (date_lo IS NULL OR ? < date_lo) THEN ? ELSE date_lo END, "
            "date_hi = CASE WHEN ? IS NOT NULL AND (date_hi IS NULL OR ? > date_hi) THEN ? ELSE date_hi END WHERE id = ?",
            (lo, lo, lo, hi, hi, hi, incident_id))
    _vote(conn, incident_id, f)
    conn.execute("INSERT INTO incident_events(doc_id, idx, incident_id, features) VALUES (?, ?, ?, ?)",
                 (f.doc_id, f.idx, incident_id, _dump(f)))
    conn.executemany("INSERT INTO incident_blocks(type_class, bucket, place, doc_id, idx) VALUES (?, ?, ?, ?, ?)",
                     [(f.type_class, bucket, f.place or "", f.doc_id, f.idx) for bucket in _buckets(f.window)])
    return incident_id


def link_event(conn: sqlite3.Connection, doc_id: str, idx: int, record_names: bool = True,
               features: Optional[LinkFeatures] = None) -> Optional[str]:
    """Link the stored event ``(doc_id, idx)`` (core ``events`` table) and set its ``incident_id``.

    Returns the incident id, or None when the event is not in the store. The place's
    written form is recorded in ``name_variants``. ``features`` (from
    :func:`document_features`) chooses the place with the whole document in view; without
    them only the event itself is read.
    """
    ensure_incident_tables(conn)
    row = conn.execute(
        "SELECT e.data, d.published_value, d.lang FROM events e LEFT JOIN documents d ON d.id = e.doc_id "
        "WHERE e.doc_id = ? AND e.idx = ?", (doc_id, idx)).fetchone()
    if row is None:
        return None
    event = json.loads(row[0]) if row[0] else {}
    f = features or features_of(event, doc_id, idx, row[1], row[2])
    place = event.get("place") or {}
    if record_names and f.place and (place.get("text") or place.get("name")):
        known = conn.execute("SELECT 1 FROM incident_events WHERE doc_id = ? AND idx = ?", (doc_id, idx)).fetchone()
        if not known and argument_canonical(place, event.get("lang") or row[2], "GPE") == f.place:
            record_variant(conn, f.place, place.get("text") or place.get("name"), event.get("lang") or row[2])
    incident_id = link_features(conn, f)
    conn.execute("UPDATE events SET incident_id = ? WHERE doc_id = ? AND idx = ?", (incident_id, doc_id, idx))
    return incident_id


def stored_features(conn: sqlite3.Connection, doc_id: str) -> dict[int, LinkFeatures]:
    """Features of a stored document's events, by index, places chosen over the whole document."""
    row = conn.execute("SELECT data, published_value, lang FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None or not row[0]:
        return {}
    data = json.loads(row[0])
    stored = {r[0]: json.loads(r[1]) if r[1] else {} for r in
              conn.execute("SELECT idx, data FROM events WHERE doc_id = ?", (doc_id,))}
    # The events table is the truth (the store may have re-marked boilerplate); the document gives the context.
    data["events"] = [stored[i] for i in sorted(stored)]
    idxs = sorted(stored)
    return dict(zip(idxs, document_features(data, doc_id, row[1], row[2])))


def link_document_events(conn: sqlite3.Connection, doc_id: str, record_names: bool = True) -> list[str]:
    """Link every stored event of one document, in index order."""
    feats = stored_features(conn, doc_id)
    idxs = [r[0] for r in conn.execute("SELECT idx FROM events WHERE doc_id = ? ORDER BY idx", (doc_id,))]
    return [i for i in (link_event(conn, doc_id, idx, record_names, feats.get(idx)) for idx in idxs) if i is not None]


def link_documents(docs: Sequence[Document]) -> dict[tuple[str, int], str]:
    """Pure form: ``{(doc_id, idx): incident_id}`` for the events of ``docs`` in order."""
    conn = sqlite3.connect(":memory:")
    try:
        out = {}
        for doc in docs:
            for f in document_features(doc, doc.id, doc.published.value, _doc_lang(doc)):
                out[(doc.id, f.idx)] = link_features(conn, f)
        return out
    finally:
        conn.close()


def _doc_lang(doc: Document) -> Optional[str]:
    langs: dict[str, int] = {}
    for p in doc.paragraphs:
        if p.kind == "body" and p.lang != "und":
            langs[p.lang] = langs.get(p.lang, 0) + len(p.text)
    return max(sorted(langs), key=lambda k: langs[k]) if langs else None


def incident_members(conn: sqlite3.Connection, incident_id: str) -> list[tuple[str, int]]:
    """(doc_id, idx) of an incident's events, in linking order."""
    ensure_incident_tables(conn)
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT doc_id, idx FROM incident_events WHERE incident_id = ? ORDER BY rowid", (incident_id,))]


def forget_document(conn: sqlite3.Connection, doc_id: str) -> None:
    """Drop a document's events from the linking tables (incidents they founded keep their ids)."""
    ensure_incident_tables(conn)
    for idx, incident_id, blob in conn.execute("SELECT idx, incident_id, features FROM incident_events WHERE doc_id = ?",
                                               (doc_id,)).fetchall():
        f = _load(doc_id, idx, blob)
        if f.place and f.place_weight > 0:
            conn.execute("UPDATE incident_places SET weight = weight - ? WHERE incident_id = ? AND place = ?",
                         (f.place_weight, incident_id, f.place))
        key = _day_key(f.window)
        if key is not None:
            conn.execute("UPDATE incident_days SET n = n - 1 WHERE incident_id = ? AND day = ?", (incident_id, key))
    conn.execute("DELETE FROM incident_places WHERE weight <= 1e-9")
    conn.execute("DELETE FROM incident_days WHERE n <= 0")
    for (incident_id,) in conn.execute("SELECT DISTINCT incident_id FROM incident_events WHERE doc_id = ?", (doc_id,)).fetchall():
        conn.execute("UPDATE incidents SET n_events = n_events - "
                     "(SELECT COUNT(*) FROM incident_events WHERE doc_id = ? AND incident_id = ?) WHERE id = ?",
                     (doc_id, incident_id, incident_id))
    conn.execute("DELETE FROM incident_blocks WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM incident_events WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM incidents WHERE n_events <= 0")


def relink_document(conn: sqlite3.Connection, doc_id: str) -> list[str]:
    """Link a document's events again after the store rewrote them (e.g. boilerplate re-marking shifted indices)."""
    forget_document(conn, doc_id)
    return link_document_events(conn, doc_id, record_names=False)  # its names were counted the first time


def iter_features(docs: Iterable[Document]) -> Iterable[LinkFeatures]:
    """Features of every event of ``docs`` (for evaluation and pairwise use)."""
    for doc in docs:
        yield from document_features(doc, doc.id, doc.published.value, _doc_lang(doc))


def link_document(conn: sqlite3.Connection, doc_id: str, threshold: Optional[float] = None) -> dict[str, Any]:
    """All cross-document steps for one stored document: reprint check, then its events' incidents.

    Sets ``documents.reprint_of`` and ``events.incident_id``; returns
    ``{"reprint_of": ..., "incidents": [...]}``. ``threshold`` defaults to the
    ``reprint_threshold`` setting.
    """
    from newsledger.crossdoc.reprints import assign_reprint_stored

    reprint_of = assign_reprint_stored(conn, doc_id, threshold)
    return {"reprint_of": reprint_of, "incidents": link_document_events(conn, doc_id)}


def incident_figures(conn: sqlite3.Connection, incident_id: str) -> dict[str, Any]:
    """See :func:`newsledger.crossdoc.claims.incident_figures`."""
    from newsledger.crossdoc.claims import incident_figures as figures

    return figures(conn, incident_id)


def incident_rows(conn: sqlite3.Connection) -> Iterable[dict[str, Any]]:
    """See :func:`newsledger.crossdoc.claims.incident_rows`."""
    from newsledger.crossdoc.claims import incident_rows as rows

    return rows(conn)
