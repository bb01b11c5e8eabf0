"""The benchmark's synthetic ledger: distinct documents whose analysis still points at their text, dates spread."""
from __future__ import annotations

from benchmarks.scale_corpus import synthesise
from newsledger.crossdoc.reprints import is_reprint, signature
from newsledger.models import Document, check_spans
from tests.crossdoc.test_helpers import make_doc

GANJA = ("A missile hit Ganja on 11 October: nine people were killed and thirty four injured, officials said on Sunday "
         "after the night of shelling that destroyed several houses near the market and the old bridge.")


def sources() -> list[dict]:
    return [make_doc(GANJA, doc_id="a", published="2020-10-12",
                     event=dict(place="Ganja", date="2020-10-11", killed=("nine people", 9, 9))).to_dict()]


def test_copies_are_distinct_valid_and_not_reprints() -> None:
    docs = [Document.from_dict(d) for d in synthesise(sources(), 6, days=30)]
    assert len({d.id for d in docs}) == 6 and len({d.text for d in docs}) == 6
    assert all(not check_spans(d) for d in docs)
    assert all(len(d.text) == len(GANJA) for d in docs)  # words swapped for words of the same length
    sigs = [signature(d) for d in docs]
    assert not any(is_reprint(a, b) for i, a in enumerate(sigs) for b in sigs[i + 1:])


def test_days_grow_and_the_analysis_moves_with_them() -> None:
    docs = list(synthesise(sources(), 6, days=30))
    days = [d["published"]["value"] for d in docs]
    assert days == sorted(days) and days[0] >= "2021-01-01"
    for d in docs:  # the event was the day before publication, and still is
        assert d["events"][0]["date"]["value"] < d["published"]["value"]


def test_a_later_slice_is_the_same_documents() -> None:
    whole = list(synthesise(sources(), 6))
    assert list(synthesise(sources(), 6, first=4)) == whole[4:]
