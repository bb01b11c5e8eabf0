"""Queries of the incident tables: events filed under blocks, incidents, and their place and day votes.

The linking logic is :mod:`newsledger.crossdoc.incidents`; this module only reads and writes rows.
An event's features are stored as the JSON blob the linker gives (``features``).
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any, Iterable, Iterator, Optional, Sequence

from newsledger.store import linking_cache
from newsledger.store.codec import load, unpack
from newsledger.store.connection import Database, delete_rows
from newsledger.store.documents import stored_quotes
from newsledger.store.slim import restored

#: Candidate events are fetched this many (doc_id, idx) pairs per query (SQLite's parameter limit).
_CHUNK = 400


def incident_of(db: Database, doc_id: str, idx: int) -> Optional[str]:
    """The incident an event was linked to, or None when it was not linked yet."""
    row = db.conn.execute("SELECT incident_id FROM incident_events WHERE doc_id = ? AND idx = ?", (doc_id, idx)).fetchone()
    return str(row[0]) if row else None


#: At most this many candidate events are compared with a new event, the most recently filed first, so linking
#: costs the same however large the store grows (a hot place's month bucket can hold thousands).
MAX_CANDIDATES = 200


#: Stands for "any" in a block key: a lookup with no date bucket or no place (never a real bucket or place).
ANY = "\x00"


def block_key(type_class: str, bucket: Optional[str], place: Optional[str]) -> int:
    """The signed 64-bit key of a block (a hash: two blocks sharing one only add candidates, which are scored)."""
    text = f"{type_class}\x1f{ANY if bucket is None else bucket}\x1f{ANY if place is None else place}"
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def blocked_members(db: Database, type_class: str,
                    lookups: Sequence[tuple[Optional[str], Optional[str]]],
                    limit: int = MAX_CANDIDATES) -> list[int]:
    """Member numbers of the events filed under the (bucket, place) ``lookups``, in their order, most recent first.

    A place None means any place; a bucket None any date bucket (with no place: the place-less events). At most
    ``limit`` events in all: the lookups come in order of how telling they are (the same day and place first), so
    the cap drops the weakest.
    """
    cache = linking_cache.active(db)
    if cache is not None and limit > cache.depth:
        cache = None
    found: dict[int, None] = {}
    for bucket, place in lookups:
        left = limit - len(found)
        if left <= 0:
            break
        key = block_key(type_class, None, place or "") if bucket is None else block_key(type_class, bucket, place)
        if cache is None:
            newest = _newest_members(db, key, left)
        else:
            cached = cache.blocks.get(key)
            newest = cached if cached is not None else cache.blocks.setdefault(key, _newest_members(db, key, cache.depth))
        found.update(dict.fromkeys(newest[:left]))
    return list(found)[:limit]


def _newest_members(db: Database, key: int, limit: int) -> list[int]:
    return [int(m) for (m,) in db.conn.execute(
        "SELECT member FROM incident_blocks WHERE key = ? ORDER BY member DESC LIMIT ?", (key, limit))]


def blocked_events(db: Database, type_class: str, lookups: Sequence[tuple[Optional[str], Optional[str]]],
                   limit: int = MAX_CANDIDATES) -> list[tuple[str, int]]:
    """(doc_id, idx) of :func:`blocked_members`, in their order."""
    members = blocked_members(db, type_class, lookups, limit)
    found = {m: (d, i) for m, d, i, *_ in judged_members(db, members, len(members))}
    return [found[m] for m in members if m in found]


def judged_members(db: Database, members: Sequence[int], per_incident: int
                   ) -> list[tuple[int, str, int, str, str, int]]:
    """(member, doc_id, idx, incident_id, features text, incident number) of linked events by member number, the most
    recently linked first, at most ``per_incident`` of each incident.

    One query joining each incident's number; the members an event is not compared with are never unpacked (a hot
    place's candidates are many members of a few large incidents).
    """
    cache = linking_cache.active(db)
    if cache is None:
        rows = db.conn.execute(
            "SELECT e.member, e.doc_id, e.idx, e.incident_id, e.features, i.seq FROM incident_events e "
            "JOIN incidents i ON i.id = e.incident_id WHERE e.member IN (SELECT value FROM json_each(?))",
            (json.dumps(list(members)),)).fetchall()
    else:
        rows = _cached_members(db, cache, members)
    rows.sort(key=lambda row: -row[0])
    taken: dict[str, int] = {}
    out = []
    for member, doc_id, idx, incident_id, blob, seq in rows:
        if taken.get(incident_id, 0) < per_incident:
            taken[incident_id] = taken.get(incident_id, 0) + 1
            out.append((int(member), doc_id, idx, incident_id, (unpack(blob) or "") if cache is None else blob, int(seq)))
    return out


def _cached_members(db: Database, cache: linking_cache.LinkingCache, members: Sequence[int]) -> list[Any]:
    """The rows of :func:`judged_members`' query, read from the relink's cache and only what it lacks from the file."""
    missing = [m for m in members if m not in cache.members]
    if missing:
        for member, doc_id, idx, incident_id, blob in db.conn.execute(
                "SELECT member, doc_id, idx, incident_id, features FROM incident_events "
                "WHERE member IN (SELECT value FROM json_each(?))", (json.dumps(missing),)):
            cache.members[int(member)] = (doc_id, int(idx), incident_id, unpack(blob) or "")
    rows = [(m, *cache.members[m]) for m in members if m in cache.members]
    unknown = {row[3] for row in rows} - cache.seqs.keys()
    if unknown:
        cache.seqs.update(incident_seqs(db, unknown))
    return [(*row, cache.seqs[row[3]]) for row in rows if row[3] in cache.seqs]


def incident_seqs(db: Database, incident_ids: Iterable[str]) -> dict[str, int]:
    """{incident id: its founding number} of stored incidents."""
    ids = sorted(incident_ids)
    out: dict[str, int] = {}
    for i in range(0, len(ids), _CHUNK):
        out.update((str(r[0]), int(r[1])) for r in db.conn.execute(
            "SELECT id, seq FROM incidents WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(ids[i:i + _CHUNK]),)))
    return out


def has_other_report(db: Database, incident_id: str, doc_id: str) -> bool:
    """Whether the incident holds an event of a document other than ``doc_id``."""
    return db.conn.execute("SELECT 1 FROM incident_events WHERE incident_id = ? AND doc_id <> ? LIMIT 1",
                           (incident_id, doc_id)).fetchone() is not None


def incident_exists(db: Database, incident_id: str) -> bool:
    return db.conn.execute("SELECT 1 FROM incidents WHERE id = ?", (incident_id,)).fetchone() is not None


def create_incident(db: Database, incident_id: str, type_class: str, place: Optional[str], doc_id: str, idx: int,
                    lo: Optional[int], hi: Optional[int]) -> None:
    """A new incident founded by event (doc_id, idx), numbered after the others."""
    seq = db.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM incidents").fetchone()[0]
    added = db.conn.execute(
        "INSERT OR IGNORE INTO incidents(id, seq, type_class, place, first_doc_id, first_idx, date_lo, date_hi, n_events) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
        (incident_id, seq, type_class, place, doc_id, idx, lo, hi)).rowcount
    cache = linking_cache.active(db)
    if cache is not None and added:
        cache.seqs[incident_id] = int(seq)


def add_member(db: Database, incident_id: str, days: Optional[tuple[int, int]]) -> None:
    """Count one more member; ``days``: the incident's common days with it (None: unchanged)."""
    if days is None:
        db.conn.execute("UPDATE incidents SET n_events = n_events + 1 WHERE id = ?", (incident_id,))
    else:
        db.conn.execute("UPDATE incidents SET n_events = n_events + 1, date_lo = ?, date_hi = ? WHERE id = ?",
                        (days[0], days[1], incident_id))


def common_days(db: Database, incident_ids: Iterable[str]) -> dict[str, tuple[int, int]]:
    """{incident id: (first, last) ordinal} of the days every loosely dated member admits (incidents with such)."""
    ids = list(incident_ids)
    out: dict[str, tuple[int, int]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out.update((str(r[0]), (int(r[1]), int(r[2]))) for r in db.conn.execute(
            f"SELECT id, date_lo, date_hi FROM incidents WHERE id IN ({','.join('?' * len(chunk))}) "
            "AND date_lo IS NOT NULL", chunk))
    return out


def block_keys(type_class: str, blocks: Iterable[tuple[Optional[str], Optional[str]]]) -> set[int]:
    """The keys of an event's (bucket, place) ``blocks`` (None: any)."""
    return {block_key(type_class, bucket, place) for bucket, place in blocks}


def file_event(db: Database, doc_id: str, idx: int, incident_id: str, features: str, type_class: str,
               blocks: Iterable[tuple[Optional[str], Optional[str]]]) -> None:
    """Record an event's incident and features, and file it under its (bucket, place) ``blocks`` (None: any)."""
    member = db.conn.execute("INSERT INTO incident_events(doc_id, idx, incident_id, features) VALUES (?, ?, ?, ?)",
                             (doc_id, idx, incident_id, features)).lastrowid  # features kept as text (store/codec.py)
    keys = sorted(block_keys(type_class, blocks))
    # One statement for all its keys (an event is filed under about 20): cheaper than a statement per row.
    db.conn.execute("INSERT OR IGNORE INTO incident_blocks(key, member) SELECT value, ? FROM json_each(?)",
                    (member, json.dumps(keys)))
    cache = linking_cache.active(db)
    if cache is not None and member is not None:
        cache.filed(member, (doc_id, idx, incident_id, features), keys)


def merge_incident(db: Database, keep: str, absorbed: str, days: Optional[tuple[int, int]]) -> None:
    """Move every member, vote and count of incident ``absorbed`` into ``keep`` and delete it (a report bridged
    them); its id becomes an alias of ``keep``, whose common loose days become ``days`` (the caller combines the two
    incidents' by the linker's rule). The linking tables' undo log records every row this changes."""
    conn = db.conn
    conn.execute("UPDATE incident_events SET incident_id = ? WHERE incident_id = ?", (keep, absorbed))
    for place, weight in conn.execute("SELECT place, weight FROM incident_places WHERE incident_id = ? "
                                      "ORDER BY first_seen", (absorbed,)).fetchall():
        vote_place(db, keep, place, weight)
    conn.execute("INSERT INTO incident_days(incident_id, day, n) SELECT ?, day, n FROM incident_days "
                 "WHERE incident_id = ? ON CONFLICT(incident_id, day) DO UPDATE SET n = n + excluded.n", (keep, absorbed))
    conn.execute("DELETE FROM incident_places WHERE incident_id = ?", (absorbed,))
    conn.execute("DELETE FROM incident_days WHERE incident_id = ?", (absorbed,))
    (n,) = conn.execute("SELECT n_events FROM incidents WHERE id = ?", (absorbed,)).fetchone()
    lo, hi = days if days is not None else (None, None)
    conn.execute("UPDATE incidents SET n_events = n_events + ?, date_lo = ?, date_hi = ? WHERE id = ?", (n, lo, hi, keep))
    conn.execute("DELETE FROM incidents WHERE id = ?", (absorbed,))
    set_place(db, keep, winning_place(db, keep))
    record_alias(db, absorbed, keep)
    cache = linking_cache.active(db)
    if cache is not None:
        cache.merged(absorbed, keep)


def vote_place(db: Database, incident_id: str, place: str, weight: float) -> None:
    """Add ``weight`` to a place's vote (first-seen order breaks ties)."""
    order = db.conn.execute("SELECT COUNT(*) FROM incident_places WHERE incident_id = ?", (incident_id,)).fetchone()[0]
    db.conn.execute("INSERT INTO incident_places(incident_id, place, weight, first_seen) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(incident_id, place) DO UPDATE SET weight = weight + excluded.weight",
                    (incident_id, place, weight, order))


def vote_day(db: Database, incident_id: str, day: str) -> None:
    db.conn.execute("INSERT INTO incident_days(incident_id, day, n) VALUES (?, ?, 1) "
                    "ON CONFLICT(incident_id, day) DO UPDATE SET n = n + 1", (incident_id, day))


def day_votes(db: Database, incident_id: str) -> dict[str, int]:
    """Votes per day (ISO or ``--MM-DD``) of an incident's precisely dated members."""
    return {str(d): int(n) for d, n in db.conn.execute("SELECT day, n FROM incident_days WHERE incident_id = ?", (incident_id,))}


def winning_place(db: Database, incident_id: str) -> Optional[str]:
    """The place with the most weight (first seen on ties)."""
    row = db.conn.execute("SELECT place FROM incident_places WHERE incident_id = ? ORDER BY weight DESC, first_seen LIMIT 1",
                          (incident_id,)).fetchone()
    return str(row[0]) if row else None


def set_place(db: Database, incident_id: str, place: Optional[str]) -> None:
    """Set the incident's place (kept when ``place`` is None)."""
    db.conn.execute("UPDATE incidents SET place = COALESCE(?, place) WHERE id = ?", (place, incident_id))


def forget_document(db: Database, doc_id: str, unvote: Iterable[tuple[str, Optional[str], float, Optional[str]]],
                    blocks: Iterable[tuple[int, int]]) -> None:
    """Drop a document's events from the linking tables; ``unvote`` gives each one's (incident, place, weight, day) votes,
    ``blocks`` its (key, member) block rows (:func:`delete_blocks`)."""
    conn = db.conn
    linking_cache.forget(db)
    for incident_id, place, weight, day in unvote:
        if place and weight > 0:
            conn.execute("UPDATE incident_places SET weight = weight - ? WHERE incident_id = ? AND place = ?",
                         (weight, incident_id, place))
        if day is not None:
            conn.execute("UPDATE incident_days SET n = n - 1 WHERE incident_id = ? AND day = ?", (incident_id, day))
    conn.execute("DELETE FROM incident_places WHERE weight <= 1e-9")
    conn.execute("DELETE FROM incident_days WHERE n <= 0")
    for (incident_id,) in conn.execute("SELECT DISTINCT incident_id FROM incident_events WHERE doc_id = ?", (doc_id,)).fetchall():
        conn.execute("UPDATE incidents SET n_events = n_events - "
                     "(SELECT COUNT(*) FROM incident_events WHERE doc_id = ? AND incident_id = ?) WHERE id = ?",
                     (doc_id, incident_id, incident_id))
    delete_blocks(db, blocks)
    conn.execute("DELETE FROM incident_events WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM incidents WHERE n_events <= 0")


def delete_blocks(db: Database, rows: Iterable[tuple[int, int]]) -> None:
    """Delete block rows by their (key, member): the table has no index by member (it would cost as much as the
    table itself); the caller recomputes a document's keys from its events' stored features."""
    delete_rows(db, "incident_blocks", ("key", "member"), list(rows))


def members_of_documents(db: Database, doc_ids: Sequence[str]) -> list[tuple[int, str, int, str, str]]:
    """(member, doc_id, idx, incident_id, features blob) of the documents' linked events."""
    out: list[tuple[int, str, int, str, str]] = []
    for i in range(0, len(doc_ids), 500):
        chunk = list(doc_ids[i:i + 500])
        out += [(int(r[0]), str(r[1]), int(r[2]), str(r[3]), unpack(r[4]) or "") for r in db.conn.execute(
            "SELECT member, doc_id, idx, incident_id, features FROM incident_events "
            f"WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk)]
    return out


def incidents_of_documents(db: Database, doc_ids: Sequence[str]) -> dict[str, list[tuple[int, str]]]:
    """{doc_id: [(idx, incident_id)]} of the documents' linked events, in a few queries."""
    out: dict[str, list[tuple[int, str]]] = {}
    ids = list(doc_ids)
    for i in range(0, len(ids), _CHUNK):
        for doc_id, idx, incident_id in db.conn.execute(
                "SELECT doc_id, idx, incident_id FROM incident_events WHERE doc_id IN (SELECT value FROM json_each(?))",
                (json.dumps(ids[i:i + _CHUNK]),)):
            out.setdefault(str(doc_id), []).append((int(idx), str(incident_id)))
    return out


def events_of(db: Database, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], dict[str, Any]]:
    """{(doc_id, idx): event data} of the given stored events (only those inflated), in a few queries."""
    wanted = set(keys)
    ids = sorted({doc_id for doc_id, _ in wanted})
    out: dict[tuple[str, int], dict[str, Any]] = {}
    for i in range(0, len(ids), _CHUNK):
        for doc_id, idx, data in db.conn.execute(
                "SELECT doc_id, idx, data FROM events WHERE doc_id IN (SELECT value FROM json_each(?))",
                (json.dumps(ids[i:i + _CHUNK]),)):
            if (doc_id, idx) in wanted:
                out[(doc_id, idx)] = load(data) if data else {}
    return out


def incident_heads(db: Database, only: Optional[Iterable[str]] = None) -> list[tuple[str, str, Optional[str]]]:
    """(id, type class, place) of every incident, or of the incidents ``only`` names, in founding order."""
    if only is None:
        return [(r[0], r[1], r[2]) for r in db.conn.execute("SELECT id, type_class, place FROM incidents ORDER BY seq")]
    return [(r[0], r[1], r[2]) for r in db.conn.execute(
        "SELECT id, type_class, place FROM incidents WHERE id IN (SELECT value FROM json_each(?)) ORDER BY seq",
        (json.dumps(sorted(only)),))]


def incident_head(db: Database, incident_id: str) -> Optional[tuple[str, Optional[str]]]:
    """(type class, place) of one incident, or None."""
    row = db.conn.execute("SELECT type_class, place FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    return (row[0], row[1]) if row else None


def claim_rows_of(db: Database, incident_ids: Sequence[str]) -> dict[str, list[tuple[Any, ...]]]:
    """Per incident, per member in linking order: doc_id, idx, event data, input_id, url, site, published value and
    precision, document lang, reprint_of, title. A few queries for all the incidents (a chronicle reads thousands)."""
    members: dict[str, list[tuple[str, int, Optional[str]]]] = {i: [] for i in incident_ids}
    ids = list(incident_ids)
    for i in range(0, len(ids), _CHUNK):
        for incident_id, doc_id, idx, data in db.conn.execute(
                "SELECT ie.incident_id, ie.doc_id, ie.idx, e.data FROM incident_events ie "
                "JOIN events e ON e.doc_id = ie.doc_id AND e.idx = ie.idx "
                "WHERE ie.incident_id IN (SELECT value FROM json_each(?)) "
                "ORDER BY ie.incident_id, ie.rowid", (json.dumps(ids[i:i + _CHUNK]),)):
            members[incident_id].append((doc_id, idx, unpack(data)))
    # A document's facts read once for its members (a document reports several events).
    facts = document_facts(db, {doc_id for found in members.values() for doc_id, _, _ in found})
    missing = (None,) * 8
    return {incident_id: [(doc_id, idx, data) + facts.get(doc_id, missing) for doc_id, idx, data in found]
            for incident_id, found in members.items()}


def document_facts(db: Database, doc_ids: Iterable[str]) -> dict[str, tuple[Any, ...]]:
    """{doc_id: (input_id, url, site, published value and precision, lang, reprint_of, title)} of stored documents."""
    out: dict[str, tuple[Any, ...]] = {}
    ids = sorted(doc_ids)
    for i in range(0, len(ids), _CHUNK):
        for row in db.conn.execute(
                "SELECT id, input_id, url, site, published_value, published_precision, lang, reprint_of, title "
                "FROM documents WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(ids[i:i + _CHUNK]),)):
            out[row[0]] = tuple(row[1:])
    return out


def speakers_of_documents(db: Database, doc_ids: Iterable[str]) -> dict[tuple[str, int | str], dict[str, Any]]:
    """{(doc_id, quote id), (doc_id, list index): speaker (name, canonical, resolved, role; {} when unnamed)} of the
    documents' stored quotes: events cite quotes by id ("q3"), documents written before quotes had ids by list index.
    Read from columns, never the quotes' JSON."""
    out: dict[tuple[str, int | str], dict[str, Any]] = {}
    ids = sorted(set(doc_ids))
    for i in range(0, len(ids), _CHUNK):
        for doc_id, idx, quote_id, name, canonical, resolved, role in db.conn.execute(
                "SELECT doc_id, idx, quote_id, speaker_name, speaker_canonical, speaker_resolved, speaker_role FROM quotes "
                "WHERE doc_id IN (SELECT value FROM json_each(?))", (json.dumps(ids[i:i + _CHUNK]),)):
            speaker = {"name": name, "canonical": canonical, "resolved": bool(resolved), "role": role} if name or canonical else {}
            out[(doc_id, int(idx))] = speaker
            if quote_id:
                out[(doc_id, str(quote_id))] = speaker
    return out


def stored_event(db: Database, doc_id: str, idx: int) -> Optional[tuple[dict[str, Any], Optional[str], Optional[str]]]:
    """(event data, document published value, document lang) of a stored event, or None."""
    row = db.conn.execute(
        "SELECT e.data, d.published_value, d.lang FROM events e LEFT JOIN documents d ON d.id = e.doc_id "
        "WHERE e.doc_id = ? AND e.idx = ?", (doc_id, idx)).fetchone()
    if row is None:
        return None
    return (load(row[0]) if row[0] else {}), row[1], row[2]


def document_events(db: Database, doc_id: str) -> dict[int, dict[str, Any]]:
    """A stored document's events (the ``events`` table, the truth after boilerplate re-marking), by index."""
    return {int(r[0]): (load(r[1]) if r[1] else {}) for r in
            db.conn.execute("SELECT idx, data FROM events WHERE doc_id = ? ORDER BY idx", (doc_id,))}


def document_row(db: Database, doc_id: str) -> Optional[tuple[Any, Optional[str], Optional[str], str]]:
    """(stored data as kept, published value, lang, text) of a stored document; None when absent or without data.

    Its events and quotes are rewritten only with its data (boilerplate re-marked), so this row identifies them too.
    """
    row = db.conn.execute("SELECT data, published_value, lang, text FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None or not row[0]:
        return None
    return row[0], row[1], row[2], row[3] or ""


def document_context(db: Database, doc_id: str,
                     row: Optional[tuple[Any, Optional[str], Optional[str], str]] = None
                     ) -> Optional[tuple[dict[str, Any], Optional[str], Optional[str]]]:
    """(document data, published value, lang) of a stored document (from its :func:`document_row` when the caller read
    it); None when absent or without data."""
    row = row or document_row(db, doc_id)
    if row is None:
        return None
    blob, published, lang, text = row
    data = restored(load(blob), text)
    if "quotes" not in data:  # kept in the quotes table (store/documents.py STORED_APART)
        data["quotes"] = stored_quotes(db, doc_id, text)
    return data, published, lang


# --- aliases: incident ids that keep working after a relink renamed or merged them ----------------

def members_of_incidents_with(db: Database, doc_ids: Sequence[str]) -> dict[str, list[tuple[str, int]]]:
    """Every member (doc_id, idx) of each incident that holds an event of ``doc_ids`` (before they are relinked)."""
    members: dict[str, list[tuple[str, int]]] = {}
    for i in range(0, len(doc_ids), _CHUNK):
        chunk = list(doc_ids[i:i + _CHUNK])
        marks = ",".join("?" * len(chunk))
        for incident_id, doc_id, idx in db.conn.execute(
                "SELECT incident_id, doc_id, idx FROM incident_events WHERE incident_id IN "
                f"(SELECT incident_id FROM incident_events WHERE doc_id IN ({marks}))", chunk):
            members.setdefault(str(incident_id), []).append((str(doc_id), int(idx)))
    return members


def all_incident_members(db: Database) -> dict[str, list[tuple[str, int]]]:
    """Every incident's members (before a full relink)."""
    members: dict[str, list[tuple[str, int]]] = {}
    for incident_id, doc_id, idx in db.conn.execute("SELECT incident_id, doc_id, idx FROM incident_events"):
        members.setdefault(str(incident_id), []).append((str(doc_id), int(idx)))
    return members


def incidents_of_events(db: Database, events: Sequence[tuple[str, int]]) -> list[Optional[str]]:
    """The incident each (doc_id, idx) belongs to now (None: not linked)."""
    return [incident_of(db, doc_id, idx) for doc_id, idx in events]


def record_alias(db: Database, alias: str, incident_id: str) -> None:
    """``alias`` (an id that no longer exists) now means ``incident_id``; aliases that meant ``alias`` follow it."""
    db.conn.execute("UPDATE incident_aliases SET incident_id = ? WHERE incident_id = ?", (incident_id, alias))
    db.conn.execute("INSERT INTO incident_aliases(alias, incident_id) VALUES (?, ?) "
                    "ON CONFLICT(alias) DO UPDATE SET incident_id = excluded.incident_id", (alias, incident_id))
    db.conn.execute("DELETE FROM incident_aliases WHERE alias = incident_id")


def alias_target(db: Database, alias: str) -> Optional[str]:
    """The incident an old id now means, or None."""
    try:
        row = db.conn.execute("SELECT incident_id FROM incident_aliases WHERE alias = ?", (alias,)).fetchone()
    except sqlite3.OperationalError:  # a file opened read-only before its migration to schema 6 has no aliases yet
        return None
    return str(row[0]) if row else None


# --- summaries: what the incident list shows, grouped in SQL (crossdoc/summaries.py) ----------------

def incidents_by_size(db: Database) -> Iterator[tuple[str, int]]:
    """(id, member events) of every incident, the largest first (founding order on ties), through their index."""
    for incident_id, n in db.conn.execute("SELECT id, n_events FROM incidents INDEXED BY incidents_size "
                                          "ORDER BY n_events DESC, seq"):
        yield str(incident_id), int(n)


def documents_at_most(db: Database, incident_id: str) -> int:
    """An incident's distinct documents, reprints included (read from its index alone: a bound on its documents)."""
    return int(db.conn.execute("SELECT COUNT(DISTINCT doc_id) FROM incident_events WHERE incident_id = ?",
                               (incident_id,)).fetchone()[0])


def document_counts(db: Database, incident_id: str) -> tuple[int, int]:
    """(documents that are not reprints, reprint documents) among an incident's members."""
    row = db.conn.execute(
        "SELECT COUNT(DISTINCT CASE WHEN d.reprint_of IS NULL THEN ie.doc_id END), "
        "COUNT(DISTINCT CASE WHEN d.reprint_of IS NOT NULL THEN ie.doc_id END) FROM incident_events ie "
        "LEFT JOIN documents d ON d.id = ie.doc_id WHERE ie.incident_id = ?", (incident_id,)).fetchone()
    return int(row[0]), int(row[1])


#: What a member states that a summary reads, in :func:`claim_groups` rows (after them: count, first member).
CLAIM_FACTS = ("reprint", "type", "date_value", "date_precision", "date_basis", "not_before", "not_after",
               "killed_low", "killed_high", "killed_vague", "injured_low", "injured_high", "injured_vague")


def claim_groups(db: Database, incident_id: str) -> list[tuple[Any, ...]]:
    """An incident's members grouped by what they state (:data:`CLAIM_FACTS`), with each group's size and first
    member's linking number, in linking order of those first members."""
    return [tuple(r) for r in db.conn.execute(
        "SELECT d.reprint_of IS NOT NULL, e.type, e.date_value, e.date_precision, e.date_basis, e.not_before, "
        "e.not_after, e.killed_low, e.killed_high, e.killed_vague, e.injured_low, e.injured_high, e.injured_vague, "
        "COUNT(*), MIN(ie.rowid) AS first FROM incident_events ie "
        "JOIN events e ON e.doc_id = ie.doc_id AND e.idx = ie.idx LEFT JOIN documents d ON d.id = ie.doc_id "
        "WHERE ie.incident_id = ? GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 ORDER BY first",
        (incident_id,)).fetchall()]
