"""A report that shares enough with each of two incidents bridges them: they become one, the other id an alias.

Two reports of one strike can share too little to link (one names the city and no figure, the other a figure and no
place); a third naming the city, the day and the figure links with each. The bridge rewrites earlier reports' rows, so
the relink's undo log must bring them back exactly: a suffix relink still equals the full one.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest

from newsledger.crossdoc.claims import incident_figures
from newsledger.crossdoc.incidents import days_agree
from newsledger.models import Document
from newsledger.store import Store
from tests.crossdoc.test_helpers import make_doc
from tests.store.ledger_dump import dump_crossdoc

CITY = "A missile hit Ganja on 11 October, officials said."
FIGURE = "Nine people were killed in the strike on 11 October."
BOTH = "The missile strike on Ganja on 11 October killed 9 people."


def city(doc_id: str = "a", published: str = "2020-10-11") -> Document:
    return make_doc(CITY, doc_id=doc_id, site=f"{doc_id}.example", published=published,
                    event=dict(place="Ganja", date="2020-10-11"))


def figure(doc_id: str = "b", published: str = "2020-10-12") -> Document:
    return make_doc(FIGURE, doc_id=doc_id, site=f"{doc_id}.example", published=published,
                    event=dict(date="2020-10-11", killed=("Nine people", 9, 9)))


def both(doc_id: str = "c", published: Optional[str] = "2020-10-13", dated: bool = True) -> Document:
    # Each page on a site of its own: one sentence on three pages of one site would be its boilerplate.
    return make_doc(BOTH, doc_id=doc_id, site=f"{doc_id}.example", published=published,
                    event=dict(place="Ganja", date="2020-10-11" if dated else None, killed=("9 people", 9, 9)))


def incidents(store: Store) -> dict[str, str]:
    return {str(r[0]): str(r[1]) for r in store.conn.execute("SELECT doc_id, incident_id FROM incident_events")}


def test_a_report_sharing_enough_with_each_bridges_two_incidents(tmp_path: Path) -> None:
    with Store(str(tmp_path / "ledger.db")) as store:
        for doc in (city(), figure()):
            store.add_document(doc)
        store.relink_if_pending()
        apart = incidents(store)
        assert apart["a"] != apart["b"]  # a city and no figure, a figure and no place: too little to link
        store.add_document(both())
        store.relink_if_pending()
        joined = incidents(store)
        assert joined["a"] == joined["b"] == joined["c"] == apart["a"]  # the id of the incident founded first
        info = incident_figures(store, apart["b"])  # the absorbed id answers through its alias
        assert info["incident_id"] == apart["a"] and info["requested_id"] == apart["b"]
        assert {c["doc_id"] for c in info["claims"]} == {"a", "b", "c"}
        n_events = store.conn.execute("SELECT n_events FROM incidents WHERE id = ?", (apart["a"],)).fetchone()[0]
        assert n_events == 3
        assert store.conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0] == 1


def test_an_undated_report_does_not_bridge(tmp_path: Path) -> None:
    # Without a date of its own it could chain the strikes of one city on different days.
    with Store(str(tmp_path / "ledger.db")) as store:
        for doc in (city(), figure(), both(dated=False)):
            store.add_document(doc)
        store.relink_if_pending()
        found = incidents(store)
        assert found["a"] != found["b"]


def test_a_suffix_relink_undoes_and_redoes_a_bridge_as_the_full_relink_does(tmp_path: Path) -> None:
    path = tmp_path / "incremental.db"
    with Store(str(path)) as store:
        for doc in (city(), figure(), both()):
            store.add_document(doc)
            store.relink_if_pending()
        # Published between the bridged reports and the bridge: the suffix relink starts before the bridge, so the
        # earlier reports' rows it rewrote must come back from the undo log first.
        store.add_document(figure(doc_id="b2", published="2020-10-12"))
        report = store.relink_if_pending()
        assert report is not None and report.mode == "suffix"
        incremental = dump_crossdoc(path)
        assert len(set(incidents(store).values())) == 1
    full = tmp_path / "full.db"
    with Store(str(full)) as store:
        for doc in (both(), figure(doc_id="b2", published="2020-10-12"), figure(), city()):
            store.add_document(doc)
        store.relink()
    assert dump_crossdoc(full) == incremental


def test_days_agree_within_the_tolerance() -> None:
    assert days_agree("2020-10-11", "2020-10-12")
    assert not days_agree("2020-10-11", "2020-10-17")
    assert days_agree(None, "2020-10-17")
    assert days_agree("--10-11", "2020-10-11") and not days_agree("--10-11", "2020-10-12")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bridges_in_any_arrival_order_relink_to_the_full_relinks_tables(tmp_path: Path, seed: int) -> None:
    import random

    docs = [city(), figure(), both(), figure(doc_id="b2", published="2020-10-12"),
            city(doc_id="a2", published="2020-10-14"), both(doc_id="c2", published="2020-10-12"),
            both(doc_id="u", published="2020-10-15", dated=False)]
    random.Random(seed).shuffle(docs)
    path = tmp_path / "incremental.db"
    with Store(str(path)) as store:
        for start in range(0, len(docs), 2):  # runs of two pages, each ending with its suffix relink
            for doc in docs[start:start + 2]:
                store.add_document(doc)
            store.relink_if_pending()
        incremental = dump_crossdoc(path)
    full = tmp_path / "full.db"
    with Store(str(full)) as store:
        for doc in sorted(docs, key=lambda d: d.id):
            store.add_document(doc)
        store.relink()
    assert dump_crossdoc(full) == incremental
