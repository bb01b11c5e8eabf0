"""Across sources: reprints, incidents, figures per source, the chronicle and coverage.

Pure functions work on :class:`~newsledger.models.Document`/``Event`` objects; the others
take the :class:`~newsledger.store.Store` (any :class:`~newsledger.store.connection.Database`)
and read and write through the query functions of :mod:`newsledger.store`, which owns every
table (migration 2 holds this package's tables). See docs/schema-crossdoc.md.
"""
from __future__ import annotations

from newsledger.crossdoc.chronicle import (
    Chronicle,
    build_chronicle,
    render_html,
    render_json,
    render_markdown,
)
from newsledger.crossdoc.claims import incident_figures, incident_rows
from newsledger.crossdoc.coverage import coverage, render_coverage, silent_gaps
from newsledger.crossdoc.incidents import (
    compatibility,
    features_of,
    link_document,
    link_document_events,
    link_documents,
    link_event,
    link_features,
    relink_document,
    type_class,
)
from newsledger.crossdoc.naming import canonical, name_variants, record_variant
from newsledger.crossdoc.relink import RelinkReport, relink_store
from newsledger.crossdoc.reprints import assign_reprint, group_reprints, signature

__all__ = [
    "Chronicle", "RelinkReport", "assign_reprint", "build_chronicle", "canonical", "compatibility", "coverage",
    "features_of", "group_reprints", "incident_figures", "incident_rows", "link_document", "link_documents",
    "link_document_events", "link_event", "link_features", "name_variants", "record_variant", "render_html",
    "relink_document", "relink_store", "render_coverage", "render_json", "render_markdown", "signature", "silent_gaps", "type_class",
]
