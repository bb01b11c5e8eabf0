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
