"""The GVC diagnosis (`evaluation.incidents_diagnosis`) reads the shipped store's links: it names a cause for every
pair of one gold incident's documents that end apart."""
from __future__ import annotations

from pathlib import Path

from evaluation.incidents_diagnosis import diagnose
from newsledger.store import Store
from tests.store.test_bridges import city, figure


def test_a_pair_that_ends_apart_gets_one_cause(tmp_path: Path) -> None:
    with Store(str(tmp_path / "ledger.db")) as store:
        for doc in (city(), figure()):  # one strike, too little shared to link
            store.add_document(doc)
        store.relink_if_pending()
        part = [{"doc_id": "a.txt", "gvc_incident_id": "1"}, {"doc_id": "b.txt", "gvc_incident_id": "1"}]
        got = diagnose(store, part)
    assert got["gold_pairs"] == 1 and got["apart"] == 1 and got["wrongly_together"] == 0
    assert sum(got["causes"].values()) == 1
