"""Dump every table of a store, sorted, to compare two stores row for row.

Columns left out, because they legitimately differ between two runs that stored the same pages:

- ``documents.ingested_at``, ``failures.created_at``: wall-clock times.
- ``failures.id``: an AUTOINCREMENT key, numbered in the order failures were recorded.
- with ``arrival=False`` also ``documents.ingested_seq``: it records the order of arrival, which is
  the very thing that differs between a serial, a shuffled and a concurrent run.

Rows are compared as sorted tuples, so rowids (the order rows were written) never count. The
full-text index ``paragraphs_fts`` is checked with its own integrity check instead.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from newsledger.store.codec import unpack
from newsledger.store.split_tables import SPLIT_TABLES, union_sql
from newsledger.store.tables import JSON_COLUMNS

#: The tables of one document (written in its transaction).
DOCUMENT_TABLES = ("documents", "inputs", "paragraphs", "boilerplate", "sentences", "entities", "dates", "quotes",
                   "events", "failures")
#: The cross-document tables (and the columns of core tables that the linking writes).
CROSSDOC_TABLES = ("reprint_signatures", "reprint_bands", "incidents", "incident_events", "incident_blocks",
                   "incident_places", "incident_days", "name_variants")
#: Core-table columns written by the cross-document linking.
CROSSDOC_COLUMNS = {"documents": ("id", "reprint_of")}

SPLIT = {t.name: t for t in SPLIT_TABLES}

IGNORED = {"documents": {"ingested_at"}, "failures": {"id", "created_at"}}
ARRIVAL = {"documents": {"ingested_seq"}}


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in con.execute(f"PRAGMA table_info({table})")]


def dump_table(con: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    quoted = ", ".join(f'"{c}"' for c in columns)
    # A split table is one table whichever part holds a row (store/split_tables.py).
    source = f"({union_sql(SPLIT[table])})" if table in SPLIT else table
    rows = con.execute(f"SELECT {quoted} FROM {source}").fetchall()
    # JSON columns are stored deflated: compare (and show) their text.
    packed = [i for i, c in enumerate(columns) if (table, c) in JSON_COLUMNS]
    return sorted((tuple(unpack(v) if i in packed else v for i, v in enumerate(r)) for r in rows), key=repr)


def dump(db: Path | str, tables: tuple[str, ...] = DOCUMENT_TABLES + CROSSDOC_TABLES,
         arrival: bool = True) -> dict[str, list[tuple[Any, ...]]]:
    """{table: sorted rows} of a store, without the columns that legitimately differ."""
    con = sqlite3.connect(db)
    try:
        out = {}
        for table in tables:
            skip = IGNORED.get(table, set()) | (set() if arrival else ARRIVAL.get(table, set()))
            out[table] = dump_table(con, table, [c for c in _columns(con, table) if c not in skip])
        return out
    finally:
        con.close()


def dump_crossdoc(db: Path | str) -> dict[str, list[tuple[Any, ...]]]:
    """The cross-document tables and the linking's columns of ``documents`` and ``events``."""
    out = dump(db, CROSSDOC_TABLES)
    con = sqlite3.connect(db)
    try:
        for table, columns in CROSSDOC_COLUMNS.items():
            out[f"{table}.linking"] = dump_table(con, table, list(columns))
    finally:
        con.close()
    return out


def differences(got: dict[str, list[tuple[Any, ...]]], want: dict[str, list[tuple[Any, ...]]], show: int = 3) -> list[str]:
    """A short description of each table that differs (empty when the dumps are equal)."""
    out = []
    for table in sorted(set(got) | set(want)):
        a, b = got.get(table, []), want.get(table, [])
        if a == b:
            continue
        sa, sb = set(a), set(b)
        extra = [_short(r) for r in sorted(sa - sb, key=repr)[:show]]
        missing = [_short(r) for r in sorted(sb - sa, key=repr)[:show]]
        out.append(f"{table}: {len(a)} rows vs {len(b)} expected; {len(sa - sb)} extra {extra}; "
                   f"{len(sb - sa)} missing {missing}")
    return out


def _short(row: tuple[Any, ...], width: int = 60) -> str:
    """A row with long cells (texts, JSON, signature blobs) cut short."""
    return "(" + ", ".join(r if len(r := repr(c)) <= width else r[:width] + "..." for c in row) + ")"


def check_integrity(db: Path | str) -> None:
    """SQLite's integrity check and the full-text index's, and no paragraph without its document."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('integrity-check')")
        orphans = con.execute("SELECT COUNT(*) FROM paragraphs WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0]
        assert orphans == 0
    finally:
        con.close()
