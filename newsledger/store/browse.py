"""Reading a store for browsing (the web layer): a read-only opening and the look-ups pages need.

:func:`open_read_only` opens a store file without migrating or writing anything (SQLite's
``mode=ro``), so serving a store can never change it; the look-ups take a
:class:`~newsledger.store.connection.Database` (a ``Store`` is one) like every other query of the package.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Optional

from newsledger.errors import SchemaTooNew, StoreError
from newsledger.settings import Settings, load_settings
from newsledger.store.connection import Database
from newsledger.store.day_ranges import value_in_range, yearless
from newsledger.store.ledger import Store
from newsledger.store.migrations import SCHEMA_VERSION, known_schema_version


class ReadOnlyStore(Store):
    """A :class:`Store` over a read-only connection: no migrations, any write is refused by SQLite.

    The connection may be used from more than one thread, one after the other (never at the
    same time): a web framework opens it, serves a request and closes it in different worker
    threads. SQLite is built serialized here, so this is safe.
    """

    def __init__(self, path: str, settings: Optional[Settings] = None) -> None:
        # Not Store.__init__ (Database.__init__): that one opens for writing and migrates.
        self.path = path
        self.settings = settings or load_settings()
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        try:
            self.conn = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            version = known_schema_version(self.conn, path)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {path!r} for reading: {exc}: check the path and permissions") from exc
        except SchemaTooNew:
            self.conn.close()
            raise
        if version < SCHEMA_VERSION:
            self.conn.close()
            raise StoreError(f"database {path!r} has schema {version}, older than {SCHEMA_VERSION}: it is opened "
                             "read-only here, so upgrade it first with any writing command (`newsledger ingest`)")

    def migrate(self) -> None:
        """Nothing: a read-only store is never migrated (see :meth:`__init__`)."""


def open_read_only(path: str, settings: Optional[Settings] = None) -> Store:
    """The store in ``path`` opened for reading only (checked: its schema is the one this newsledger knows)."""
    return ReadOnlyStore(path, settings)


def document_id_of_input(db: Database, input_id: str) -> Optional[str]:
    """The stored document an input id (a file, a JSONL record, a WARC record) became, if any."""
    row = db.conn.execute("SELECT doc_id FROM inputs WHERE input_id = ? LIMIT 1", (input_id,)).fetchone()
    return row[0] if row else None


def document_id_of_url(db: Database, url: str) -> Optional[str]:
    """The first stored document with this URL, if any."""
    row = db.conn.execute("SELECT id FROM documents WHERE url = ? LIMIT 1", (url,)).fetchone()
    return row[0] if row else None


def incident_ids_page(db: Database, limit: int, offset: int = 0) -> list[str]:
    """One page of incident ids, in founding order."""
    return [str(r[0]) for r in db.conn.execute("SELECT id FROM incidents ORDER BY seq LIMIT ? OFFSET ?", (limit, offset))]


def incident_count(db: Database) -> int:
    return int(db.conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0])


def _month_day_clause(date_from: str, date_to: str) -> tuple[str, list[str]]:
    """SQL (on ``e.date_value``, as index ranges) for yearless days ``--MM-DD`` whose month and day can fall between
    two ISO days."""
    if int(date_to[:4]) - int(date_from[:4]) >= 2 or (date_to[:4] != date_from[:4] and date_to[5:] >= date_from[5:]):
        return yearless("e.date_value"), []
    lo, hi = "--" + date_from[5:10], "--" + date_to[5:10] + "\uffff"
    if date_from[:4] == date_to[:4]:
        return "e.date_value BETWEEN ? AND ?", [lo, hi]
    return "(e.date_value BETWEEN ? AND '--\uffff' OR e.date_value BETWEEN '--' AND ?)", [lo, hi]


def incidents_touching(db: Database, date_from: str, date_to: str) -> set[str]:
    """Incidents that can have a chronicle line between two ISO days: a superset, read from indexed columns.

    A line's day is one of its members' event days (a day, the first day of a month or year, a bound, or a
    yearless day given a year), or for a later report its document's publication day: an incident none of
    whose members has any of these between the two days (:mod:`newsledger.store.day_ranges`) has no line there.
    """
    md_sql, md_args = _month_day_clause(date_from, date_to)
    in_range = [value_in_range(f"e.{col}", date_from, date_to) for col in ("date_value", "not_before", "not_after")]
    found = {str(r[0]) for r in db.conn.execute(
        "SELECT DISTINCT ie.incident_id FROM events e JOIN incident_events ie ON ie.doc_id = e.doc_id AND ie.idx = e.idx "
        f"WHERE {' OR '.join(sql for sql, _ in in_range)} OR {md_sql}",
        (*[a for _, args in in_range for a in args], *md_args))}
    published, args = value_in_range("d.published_value", date_from, date_to)
    found |= {str(r[0]) for r in db.conn.execute(
        "SELECT DISTINCT ie.incident_id FROM documents d JOIN incident_events ie ON ie.doc_id = d.id "
        f"WHERE {published} OR {yearless('d.published_value')}", args)}
    return found
