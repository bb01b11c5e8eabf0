"""The SQLite store: documents and everything found in them, searchable, append-only.

One file (default ``./newsledger.db``), WAL mode, versioned schema migrations, FTS5 over
paragraphs in every language. The package owns every table and every query:

- :mod:`~newsledger.store.migrations`: every table, index and trigger, as numbered migrations
- :mod:`~newsledger.store.connection`: :class:`Database`, the connection and its transactions
- :mod:`~newsledger.store.ledger`: :class:`Store`, documents in, searches and statistics out
- query modules by subject: :mod:`~newsledger.store.documents`, :mod:`~newsledger.store.search`,
  :mod:`~newsledger.store.tables`, :mod:`~newsledger.store.corpus`, and the cross-document
  tables' :mod:`~newsledger.store.incidents`, :mod:`~newsledger.store.reprints`, :mod:`~newsledger.store.names`
"""
from __future__ import annotations

from newsledger.store.connection import Database
from newsledger.store.documents import IngestReport, site_key
from newsledger.store.ledger import Store
from newsledger.store.migrations import MIGRATIONS, SCHEMA_VERSION
from newsledger.store.tables import EXPORTABLE

__all__ = ["EXPORTABLE", "MIGRATIONS", "SCHEMA_VERSION", "Database", "IngestReport", "Store", "site_key"]
