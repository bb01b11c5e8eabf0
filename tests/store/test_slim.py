"""A document's data is stored without the copies of its text and read back whole (store/slim.py)."""
from __future__ import annotations

import copy

from hypothesis import given
from hypothesis import strategies as st

from newsledger.store.slim import restored, slimmed


@given(st.text(min_size=1, max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6))
def test_slimmed_then_restored_is_the_data(text: str, spans: list[tuple[int, int]]) -> None:
    items = [{"start": min(a, b), "end": max(a, b), "text": text[min(a, b):max(a, b)]} for a, b in spans]
    data = {"text": text, "paragraphs": items, "entities": copy.deepcopy(items), "title": "kept"}
    slim = slimmed(copy.deepcopy(data), text)
    assert "text" not in slim and all("text" not in item for item in slim["paragraphs"])
    assert restored(slim, text) == data


def test_a_span_whose_text_is_not_its_slice_keeps_it() -> None:
    data = {"text": "abc", "sentences": [{"start": 0, "end": 2, "text": "zz"}]}
    assert slimmed(data, "abc") == {"sentences": [{"start": 0, "end": 2, "text": "zz"}]}


def _span(text: str, a: int, b: int) -> dict[str, object]:
    return {"start": min(a, b), "end": max(a, b), "text": text[min(a, b):max(a, b)]}


@given(st.text(min_size=1, max_size=60), st.lists(st.integers(0, 60), min_size=8, max_size=8),
       st.booleans(), st.booleans(), st.sampled_from([None, "negative"]), st.sampled_from(["", "q3"]))
def test_a_quote_slimmed_then_restored_from_its_columns_is_the_quote(text: str, ends: list[int], speaker: bool,
                                                                     target: bool, polarity: str | None,
                                                                     quote_id: str) -> None:
    from newsledger.models import Quote
    from newsledger.store.documents import plain
    from newsledger.store.slim import restored_quote, slimmed_quote

    spans = [_span(text, ends[i], ends[i + 1]) for i in range(0, 8, 2)]
    quote = {"kind": "stance", "speaker": {"name": "The minister", "canonical": None, "role": "minister",
                                           "resolved": True} if speaker else None,
             "speaker_span": spans[0] if speaker else None, "cue": spans[1], "content": spans[2],
             "target": dict(spans[3], name="OSCE") if target else None, "polarity": polarity, "lang": "en",
             "id": quote_id, "model": None}
    assert set(quote) == set(plain(Quote.from_dict(quote)))  # every field of a quote
    columns = ("stance", "The minister" if speaker else None, "minister" if speaker else None, int(speaker),
               spans[1]["text"], spans[2]["text"], "OSCE" if target else None, polarity, "en", quote_id or None)
    slim = slimmed_quote(copy.deepcopy(quote), text)
    assert "kind" not in slim and "text" not in slim["cue"] and "text" not in slim["content"]
    assert restored_quote(slim, columns, text) == quote
