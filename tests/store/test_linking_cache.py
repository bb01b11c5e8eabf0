"""The relink's cache of incident rows: filing keeps it true, and linking with it gives the rows linking without it gives."""
from __future__ import annotations

from newsledger.crossdoc.incidents import link_document
from newsledger.crossdoc.relink import relink_store
from newsledger.store import incidents as incident_store
from newsledger.store import linking_cache, relinking
from newsledger.store.linking_cache import LinkingCache
from tests.crossdoc.test_helpers import core_connection, make_doc, store_doc

S = "A missile hit Ganja on 11 October: 9 people were killed and 34 injured, officials said."
T = "Shelling of Tartar killed 2 people."


def _docs():
    docs = []
    for i in range(24):
        day = f"2020-10-{11 + i % 4:02d}"
        sentence, place = (S, "Ganja") if i % 3 else (T, "Tartar")
        docs.append(make_doc(sentence, doc_id=f"d{i:02d}", published=day,
                             event=dict(place=place, date=day if i % 5 else None, killed=("2 people" if place == "Tartar"
                                                                                         else "9 people", 2, 2))))
    return docs


def _linking_rows(db):
    return (db.conn.execute("SELECT member, doc_id, idx, incident_id FROM incident_events ORDER BY member").fetchall(),
            db.conn.execute("SELECT id, seq, place, n_events, date_lo, date_hi FROM incidents ORDER BY id").fetchall(),
            db.conn.execute("SELECT key, member FROM incident_blocks ORDER BY key, member").fetchall())


def test_a_filed_member_is_the_newest_of_its_known_blocks_and_depth_holds():
    cache = LinkingCache(depth=3, blocks={1: [5, 4, 3], 2: []})
    cache.filed(6, ("d", 0, "i", "{}"), [1, 2, 9])
    assert cache.blocks == {1: [6, 5, 4], 2: [6]}  # block 9 was never read: the file answers it
    assert cache.members[6] == ("d", 0, "i", "{}")


def test_relinking_with_the_cache_gives_the_rows_of_linking_without_it(monkeypatch):
    # A candidate cap of 3 makes every lookup cut a block's members short: the cache must cut them at the same place.
    monkeypatch.setattr(incident_store.blocked_members, "__defaults__", (3,))
    docs = _docs()
    plain, cached = core_connection(), core_connection()
    for seq, doc in enumerate(docs):
        store_doc(plain, doc, seq)
        store_doc(cached, doc, seq)
    for doc_id in relinking.canonical_order(plain):
        link_document(plain, doc_id)  # no relink: no cache
    relink_store(cached)
    assert linking_cache.active(cached) is None  # only while a relink links
    assert _linking_rows(cached) == _linking_rows(plain)
    assert len({r[3] for r in _linking_rows(plain)[0]}) > 2  # the corpus makes several incidents


def test_a_change_other_than_filing_empties_the_cache():
    db = core_connection()
    with linking_cache.caching(db, 10) as cache:
        cache.members[1] = ("d", 0, "i", "{}")
        cache.seqs["i"] = 1
        linking_cache.forget(db)
        assert not cache.members and not cache.seqs
