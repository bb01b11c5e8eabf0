"""Across sources: reprints, incidents, figures per source, the chronicle and coverage.

Pure functions work on :class:`~newsledger.models.Document`/``Event`` objects; the
persistence functions take a ``sqlite3.Connection``, create their own tables
(``CREATE TABLE IF NOT EXISTS``) and read the store's ``documents`` and ``events`` tables.
See docs/schema-crossdoc.md.
"""
from __future__ import annotations

import sqlite3

from newsledger.crossdoc.chronicle import (
    Chronicle,
    build_chronicle,
    render_html,
    render_json,
    render_markdown,
)
from newsledger.crossdoc.coverage import coverage, render_coverage, silent_gaps
from newsledger.crossdoc.claims import incident_figures, incident_rows
from newsledger.crossdoc.incidents import (
    compatibility,
    ensure_incident_tables,
    features_of,
    link_document,
    link_document_events,
    link_documents,
    link_event,
    link_features,
    relink_document,
    type_class,
)
from newsledger.crossdoc.naming import canonical, name_variants, names_available, record_variant
from newsledger.crossdoc.reprints import assign_reprint, ensure_reprint_tables, group_reprints, signature


def ensure_tables(conn: sqlite3.Connection) -> None:
    """Create every table of this package (safe to call on each open)."""
    from newsledger.crossdoc.naming import ensure_name_tables

    ensure_reprint_tables(conn)
    ensure_incident_tables(conn)
    ensure_name_tables(conn)


__all__ = [
    "Chronicle", "assign_reprint", "build_chronicle", "canonical", "compatibility", "coverage", "ensure_tables",
    "features_of", "group_reprints", "incident_figures", "incident_rows", "link_document", "link_documents",
    "link_document_events", "link_event", "link_features", "name_variants", "names_available", "record_variant", "render_html",
    "relink_document", "render_coverage", "render_json", "render_markdown", "signature", "silent_gaps", "type_class",
]
