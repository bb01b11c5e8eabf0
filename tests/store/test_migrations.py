"""Schema 2 holds the cross-document tables: a fresh file gets them from migrations, a version-1 file upgrades in place."""
from __future__ import annotations

import sqlite3

from newsledger.store import SCHEMA_VERSION, Store
from newsledger.store.migrations import MIGRATIONS, split_sql

CROSSDOC_TABLES = {"reprint_signatures", "reprint_bands", "incidents", "incident_events", "incident_blocks",
                   "incident_places", "incident_days", "name_variants"}


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_fresh_store_has_every_table_from_migrations(tmp_path):
    with Store(str(tmp_path / "fresh.db")) as store:
        assert CROSSDOC_TABLES <= _tables(store.conn)
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)


def test_version_1_file_with_lazily_created_tables_upgrades_in_place(tmp_path):
    path = str(tmp_path / "old.db")
    conn = sqlite3.connect(path)
    for statement in split_sql(MIGRATIONS[0]):
        conn.execute(statement)
    # What crossdoc used to create on first use (one of its tables, with a row that must survive).
    conn.execute("CREATE TABLE name_variants (canonical TEXT NOT NULL, variant TEXT NOT NULL, lang TEXT NOT NULL DEFAULT 'und',"
                 " count INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (canonical, variant, lang))")
    conn.execute("INSERT INTO name_variants VALUES ('Ganja', 'Gəncə', 'az', 3)")
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert CROSSDOC_TABLES <= _tables(store.conn)
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("SELECT count FROM name_variants").fetchone()[0] == 3


def test_version_7_file_gets_the_summary_columns_from_its_json(tmp_path):
    """Migration 8 reads each stored event's and quote's JSON (deflated or plain) into the columns summaries read."""
    from newsledger.store.codec import pack_json

    path = str(tmp_path / "v7.db")
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:7]:
        for statement in split_sql(script):
            conn.execute(statement)
    event = {"type": "attack", "date": {"value": None, "basis": "bounded", "not_after": "2020-10-11"},
             "killed": {"low": None, "high": None, "text": "onlarla", "label": "dozens"}, "injured": {"low": 3, "high": 3}}
    conn.execute("INSERT INTO events(doc_id, idx, data) VALUES ('d1', 0, ?)", (pack_json(event),))
    conn.execute("INSERT INTO events(doc_id, idx, data) VALUES ('d1', 1, ?)", ('{"type": "attack"}',))
    conn.execute("INSERT INTO events(doc_id, idx, data) VALUES ('d1', 2, ?)", ("not json",))
    conn.execute("INSERT INTO quotes(doc_id, idx, data) VALUES ('d1', 0, ?)", (pack_json({"id": "q1"}),))
    conn.execute("PRAGMA user_version=7")
    conn.commit()
    conn.close()
    with Store(path) as store:
        rows = store.conn.execute("SELECT date_basis, killed_vague, injured_vague FROM events ORDER BY idx").fetchall()
        assert [tuple(r) for r in rows] == [("bounded", "dozens (onlarla)", None), (None, None, None), (None, None, None)]
        assert store.conn.execute("SELECT quote_id FROM quotes").fetchone()[0] == "q1"
