"""Incident ids that keep working: when a relink renames or merges incidents, the old id becomes an alias.

An incident's id is the hash of its canonical first member, so a relink can change it (an earlier
report arrived; two incidents became one when a report bridged them). Users keep ids in notes,
links and exports, so before a relink the members of the incidents it may touch are remembered,
and afterwards every id that is gone is mapped to the incident now holding most of its former
members. ``newsledger incidents ID``, the web and the API resolve ids through the aliases.
"""
from __future__ import annotations

from collections import Counter
from typing import Optional, Sequence

from newsledger.store import incidents as incident_store
from newsledger.store.connection import Database

Snapshot = dict[str, list[tuple[str, int]]]


def snapshot(store: Database, doc_ids: Optional[Sequence[str]] = None) -> Snapshot:
    """The members of the incidents a relink of ``doc_ids`` may change (all incidents when None)."""
    if doc_ids is None:
        return incident_store.all_incident_members(store)
    return incident_store.members_of_incidents_with(store, doc_ids)


def record_renamed(store: Database, before: Snapshot) -> int:
    """After a relink: alias every id of ``before`` that is gone to the incident holding most of its members."""
    recorded = 0
    for old_id, members in before.items():
        if incident_store.incident_exists(store, old_id):
            continue
        now = Counter(i for i in incident_store.incidents_of_events(store, members) if i)
        if not now:
            continue
        target = sorted(now.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        incident_store.record_alias(store, old_id, target)
        recorded += 1
    return recorded


def resolve(store: Database, incident_id: str) -> str:
    """The current id an incident id means (itself when it exists or is unknown)."""
    if incident_store.incident_exists(store, incident_id):
        return incident_id
    return incident_store.alias_target(store, incident_id) or incident_id
