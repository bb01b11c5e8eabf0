"""An incident id a relink renamed keeps working: it becomes an alias of the incident now holding its members."""
from __future__ import annotations

from pathlib import Path

from newsledger.crossdoc.claims import incident_figures
from newsledger.store import Store
from tests.crossdoc.test_helpers import make_doc

LATE = "A missile hit Ganja on 11 October: 9 people were killed and 34 injured, officials said."
EARLY = "Armenia fired a missile at Ganja, killing 10 civilians and injuring numerous others."


def _incident_of(store: Store, doc_id: str) -> str:
    return str(store.conn.execute("SELECT incident_id FROM incident_events WHERE doc_id = ?", (doc_id,)).fetchone()[0])


def test_an_earlier_report_renames_the_incident_and_the_old_id_still_answers(tmp_path: Path) -> None:
    late = make_doc(LATE, doc_id="late", published="2020-10-13",
                    event=dict(place="Ganja", date="2020-10-11", killed=("9 people", 9, 9)))
    early = make_doc(EARLY, doc_id="early", published="2020-10-11",
                     event=dict(place="Ganja", date="2020-10-11", killed=("10 civilians", 10, 10)))
    store = Store(str(tmp_path / "ledger.db"))
    store.add_document(late)
    store.relink_if_pending()
    old_id = _incident_of(store, "late")
    store.add_document(early)  # published earlier: it becomes the incident's canonical first member
    store.relink_if_pending()
    new_id = _incident_of(store, "late")
    assert new_id == _incident_of(store, "early") != old_id
    info = incident_figures(store, old_id)
    assert info["incident_id"] == new_id and info["requested_id"] == old_id
    assert {c["doc_id"] for c in info["claims"]} == {"late", "early"}
    store.relink()  # a full relink keeps the alias (and adds none for ids that still exist)
    assert incident_figures(store, old_id)["incident_id"] == new_id
    store.close()
