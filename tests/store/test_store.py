"""The store: idempotent ingest, boilerplate across pages, FTS in every script, migrations."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsledger.errors import NotFound, SchemaTooNew, UsageError
from newsledger.models import Entity, Failure
from newsledger.store import SCHEMA_VERSION, Store
from tests.conftest import make_doc

SLOGAN = "Bizim işimiz haqdır, qələbə bizimlədir: bu səhifə hər gün yenilənir və oxuculara açıqdır."


def page(n: int, site: str = "chronicle.example") -> object:
    doc = make_doc([(f"{n} October", "en", "heading"),
                    (f"Day {n}: shelling of Tartar continued, the ministry said on page {n}.", "en", "body"),
                    (SLOGAN, "az", "body")], input_id=f"p{n}.txt", site=site)
    s = doc.text.index(SLOGAN)
    doc.entities.append(Entity(s, s + 5, SLOGAN[:5], "ORG", "x"))  # something found inside the slogan
    return doc


def test_same_page_twice_is_stored_once(store: Store) -> None:
    assert store.add_document(page(1))
    assert not store.add_document(page(1))
    assert store.stats()["documents"] == 1


def test_boilerplate_marked_on_every_page_once_revealed(store: Store) -> None:
    store.add_document(page(1))
    assert store.stats()["paragraphs_by_kind"].get("boilerplate", 0) == 0
    store.add_document(page(2))
    kinds = store.conn.execute(
        "SELECT p.doc_id, p.kind FROM paragraphs p JOIN paragraph_texts t ON t.pid = p.rowid WHERE t.text = ?", (SLOGAN,)).fetchall()
    assert [k for _, k in kinds] == ["boilerplate", "boilerplate"]
    for doc_id, _ in kinds:
        doc = store.document(doc_id)
        assert doc.paragraphs[2].kind == "boilerplate"
        assert doc.entities == []  # what was found in the slogan is dropped
    assert store.known_boilerplate("chronicle.example")


def test_boilerplate_is_per_site(store: Store) -> None:
    store.add_document(page(1, "a.example"))
    store.add_document(page(2, "b.example"))
    assert store.stats()["paragraphs_by_kind"].get("boilerplate", 0) == 0


@pytest.mark.parametrize("word,lang", [("qələbə", "az"), ("Гянджа", "ru"), ("Գյումրի", "hy"), ("shelling", "en")])
def test_search_finds_words_in_every_script(store: Store, word: str, lang: str) -> None:
    texts = {"az": "Gəncə şəhərinə raket zərbəsi, qələbə yaxındır.", "ru": "Гянджа подверглась ракетному удару ночью.",
             "hy": "Գյումրի քաղաքում հանդիպում տեղի ունեցավ։", "en": "The shelling of Tartar continued overnight."}
    store.add_document(make_doc([(texts[lang], lang, "body")], input_id=lang))
    hits = store.search(word)
    assert hits and hits[0]["lang"] == lang and "[" in hits[0]["snippet"]


def test_search_punctuation_does_not_break(store: Store) -> None:
    store.add_document(page(1))
    assert store.search("Tartar, (ministry)") or True
    with pytest.raises(UsageError):
        store.search("  ")


def test_document_lookup(store: Store) -> None:
    doc = page(3)
    store.add_document(doc)
    assert store.document(doc.id) == doc
    assert store.document("p3.txt").id == doc.id
    assert store.document(doc.id[:6]).id == doc.id
    with pytest.raises(NotFound):
        store.document("nope")


def test_failures_recorded_once(store: Store) -> None:
    f = Failure("E011", "the input is empty", "extract", "empty.txt")
    store.add_failure(f)
    store.add_failure(f)
    assert store.stats()["failures"] == 1


def test_reopen_and_newer_schema(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    Store(path).close()
    s = Store(path)
    assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    s.close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    con.close()
    with pytest.raises(SchemaTooNew) as err:
        Store(path)
    assert str(err.value).startswith("E041")


def test_export_rows_stream(store: Store) -> None:
    store.add_document(page(1))
    rows = list(store.rows("paragraphs"))
    assert len(rows) == 3 and rows[0]["kind"] == "heading"
    with pytest.raises(UsageError):
        list(store.rows("sqlite_master"))


def test_entity_search_crosses_languages_and_scripts(store: Store) -> None:
    pages = [("Missile strike on Ganja overnight.", "en", "Ganja"), ("Ракетный удар по Гяндже ночью.", "ru", "Гяндже"),
             ("Gəncəyə raket zərbəsi endirilib.", "az", "Gəncəyə")]
    for text, lang, mention in pages:
        doc = make_doc([(text, lang, "body")], input_id=lang)
        s = text.index(mention)
        doc.entities.append(Entity(s, s + len(mention), mention, "GPE", "Ganja", lang=lang, source="gazetteer"))
        store.add_document(doc)
    hits = store.search_entity("Гянджа")
    assert sorted(h["lang"] for h in hits) == ["az", "en", "ru"]
    assert all("[" in h["snippet"] for h in hits)
    assert [h["lang"] for h in store.search_entity("Gandja", lang="az")] == ["az"]


def test_known_boilerplate_is_not_counted_again_and_a_lagging_page_is_remarked(store: Store) -> None:
    store.add_document(page(1))
    store.add_document(page(2))  # the slogan is now boilerplate of the site
    late = page(3)  # analysed before the slogan was known: it still carries it as body, with a finding in it
    store.add_document(late)
    kinds = store.conn.execute(
        "SELECT p.kind FROM paragraphs p JOIN paragraph_texts t ON t.pid = p.rowid WHERE t.text = ?", (SLOGAN,)).fetchall()
    assert [k[0] for k in kinds] == ["boilerplate"] * 3
    assert not store.document(late.id).entities  # what was found in the slogan is dropped
    pending = {r[0] for r in store.conn.execute("SELECT doc_id FROM relink_pending")}
    assert late.id in pending  # linked again by the run's relink


def test_several_documents_in_one_transaction(store: Store) -> None:
    assert store.add_documents([page(1), page(2), page(1)]) == [True, True, False]
    assert store.stats()["documents"] == 2


def test_search_ranks_within_recent_windows_and_reads_older_ones_for_the_page(store: Store,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from newsledger.store import search as search_module

    for n in range(12):
        words = "Tartar " * (1 + n % 3) + f"shelled on day {n}."
        store.add_document(make_doc([(words, "en", "boilerplate" if n >= 8 else "body")], input_id=f"w{n}"))
    everything = [h["input_id"] for h in store.search("Tartar", limit=8)]
    monkeypatch.setattr(search_module, "RANKED_WINDOW", 3)
    windowed = store.search("Tartar", limit=3)
    assert len(windowed) == 3 and all(h["kind"] != "boilerplate" for h in windowed)  # past the 4 newest (boilerplate)
    assert {h["input_id"] for h in windowed} <= {"w5", "w6", "w7", "w4", "w3", "w2"}
    assert sorted(h["input_id"] for h in store.search("Tartar", limit=8)) == sorted(everything)  # every window read
    assert all(h["snippet"] and "[Tartar]" in h["snippet"] for h in windowed)
