"""The incident list: each incident's summary read from grouped rows, the most reported first.

A summary is what :func:`~newsledger.crossdoc.claims.incident_figures` says about an incident (type, place,
date, documents, the range of each figure) without its claims: members are grouped in SQL by what they
state (type, date, figures), so an incident of five thousand reports costs a few grouped rows, not five
thousand JSON objects. The list reads incidents largest first and stops once no incident left can have
more documents than the last one kept (an incident has at most as many documents as member events).
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Optional

from newsledger.crossdoc.aliases import resolve
from newsledger.crossdoc.claims import best_date_of, incident_head_facts, summary_of
from newsledger.store import incidents as incident_store
from newsledger.store.connection import Database

_FACT = {name: i for i, name in enumerate(incident_store.CLAIM_FACTS)}


def incident_summary(store: Database, incident_id: str,
                     counts: Optional[tuple[int, int]] = None) -> dict[str, Any]:
    """An incident's type, place, date, document counts and figure ranges (no claims), as ``incident_figures``
    gives them. ``counts``: its (documents, reprints) when the caller has them."""
    requested, incident_id = incident_id, resolve(store, incident_id)
    groups = incident_store.claim_groups(store, incident_id)
    documents, reprints = counts if counts and requested == incident_id else \
        incident_store.document_counts(store, incident_id)
    types: Counter[str] = Counter()
    for g in groups:
        if g[_FACT["type"]]:
            types[g[_FACT["type"]]] += g[-2]
    return {
        **incident_head_facts(store, incident_id, requested, types),
        "date": best_date_of((_date(g), g[-2]) for g in groups),
        "documents": documents,
        "reprints": reprints,
        "killed": _figures(groups, "killed"),
        "injured": _figures(groups, "injured"),
    }


def _date(group: tuple[Any, ...]) -> dict[str, Any]:
    return {"value": group[_FACT["date_value"]], "precision": group[_FACT["date_precision"]],
            "basis": group[_FACT["date_basis"]], "not_before": group[_FACT["not_before"]],
            "not_after": group[_FACT["not_after"]]}


def _figures(groups: list[tuple[Any, ...]], key: str) -> dict[str, Any]:
    values: Counter[tuple[Optional[int], Optional[int]]] = Counter()
    vague: Counter[str] = Counter()
    for g in groups:
        if g[_FACT["reprint"]]:
            continue
        low, high, words = g[_FACT[f"{key}_low"]], g[_FACT[f"{key}_high"]], g[_FACT[f"{key}_vague"]]
        if low is not None or high is not None:
            values[(low, high)] += g[-2]
        elif words:
            vague[words] += g[-2]
    return summary_of(values, vague)


def top_incidents(store: Database, limit: int) -> list[dict[str, Any]]:
    """The ``limit`` most reported incidents (most documents, then date, then id), as summaries.

    Incidents are read largest first; each one's documents are bounded from its index first (reprints
    included), and counted exactly only when that bound can still reach the list.
    """
    if limit <= 0:
        return []
    counted: list[tuple[int, str, tuple[int, int]]] = []

    def floor() -> int:
        return counted[limit - 1][0] if len(counted) >= limit else -1

    for incident_id, n_events in incident_store.incidents_by_size(store):
        if n_events < floor():
            break  # no incident left can have as many documents as the last one kept
        if incident_store.documents_at_most(store, incident_id) < floor():
            continue
        counts = incident_store.document_counts(store, incident_id)
        counted.append((counts[0], incident_id, counts))
        counted.sort(key=lambda c: -c[0])
    least = counted[min(limit, len(counted)) - 1][0] if counted else 0
    rows = [incident_summary(store, incident_id, counts) for documents, incident_id, counts in counted
            if documents >= least]
    return sorted(rows, key=lambda r: (-r["documents"], r["date"]["value"] or "", r["incident_id"]))[:limit]
