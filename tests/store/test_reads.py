"""Reads proportional to what they return give what reading everything gave: chronicle ranges, incident pages."""
from __future__ import annotations

import json
from typing import Any, Iterator

import pytest

from newsledger.crossdoc import build_chronicle, render_json
from newsledger.crossdoc import claims as inc
from newsledger.models import Document
from newsledger.store import Store, browse, corpus
from tests.paths import DEMO


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory, resources: Any) -> Iterator[Store]:
    from newsledger.ingest import ingest

    path = tmp_path_factory.mktemp("reads") / "s.db"
    store = Store(str(path))
    ingest([str(DEMO)], store, resources)
    yield store
    store.close()


RANGES = [("2020-10-01", "2020-10-31"), ("2020-10-11", "2020-10-11"), ("2020-10-16", "2020-10-18"),
          ("2019-12-20", "2020-01-05"), ("2021-01-01", "2021-12-31"), ("2020-09-01", "2022-01-01")]


@pytest.mark.parametrize(("first", "last"), RANGES)
def test_a_chronicle_range_equals_the_one_read_from_everything(grown: Store, first: str, last: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    narrowed = render_json(build_chronicle(grown, first, last))
    everything = [h[0] for h in inc.incident_store.incident_heads(grown)]
    real_documents = corpus.original_documents
    monkeypatch.setattr(browse, "incidents_touching", lambda store, a, b: set(everything))
    monkeypatch.setattr(corpus, "original_documents", lambda store, a=None, b=None: real_documents(store))
    assert render_json(build_chronicle(grown, first, last)) == narrowed
    assert json.loads(narrowed)["days"] or first.startswith(("2019", "2021"))


def test_the_top_incidents_are_the_full_sort_s(grown: Store) -> None:
    from newsledger.crossdoc.summaries import top_incidents

    full = sorted(inc.incident_rows(grown), key=lambda r: (-len(r.get("documents") or []), r.get("date") or "",
                                                           r["incident_id"]))
    for limit in (1, 3, 20, 1000):
        assert [r["incident_id"] for r in top_incidents(grown, limit)] == [r["incident_id"] for r in full[:limit]]


def test_a_summary_says_what_the_incident_s_claims_say(grown: Store) -> None:
    from newsledger.crossdoc.summaries import incident_summary

    for incident_id, _, _ in inc.incident_store.incident_heads(grown):
        full, summary = inc.incident_figures(grown, incident_id), incident_summary(grown, incident_id)
        assert {k: full[k] for k in summary} == summary


def test_incident_pages_cover_the_list_in_order(grown: Store) -> None:
    from newsledger.web.api import incident_page

    every = list(inc.incident_rows(grown))
    pages = [incident_page(grown, 4, offset) for offset in range(0, len(every) + 4, 4)]
    assert [r for page in pages for r in page] == every


def test_document_json_is_to_dict(grown: Store) -> None:
    from newsledger.store.documents import document_json
    from newsledger.store.slim import restored

    for doc_id in [r[0] for r in grown.conn.execute("SELECT id FROM documents LIMIT 10")]:
        doc = grown.document(doc_id)
        assert restored(json.loads(document_json(doc, apart=())), doc.text) == doc.to_dict()
        assert "text" not in json.loads(document_json(doc))  # the text column holds it: store/slim.py
        assert "events" not in json.loads(document_json(doc)) and doc.events is not None  # read back from their table
        assert Document.from_dict(doc.to_dict()) == doc
