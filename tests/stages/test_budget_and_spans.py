"""The analysis time budget (E034) and the offset lookups that keep long pages linear."""
from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger import pipeline
from newsledger.models import Document, Failure
from newsledger.resources import Resources
from newsledger.settings import load_settings
from newsledger.stages import Stage
from newsledger.stages.budget import Budget, active, check
from newsledger.stages.spans import ParagraphIndex, SpanIndex


@dataclass(frozen=True)
class Item:
    start: int
    end: int


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: Item(t[0], t[0] + t[1])), max_size=25)


@given(spans, st.integers(-2, 80), st.integers(0, 30))
def test_span_index_answers_what_the_plain_loop_answers(items: list[Item], start: int, width: int) -> None:
    index = SpanIndex(items)
    end = start + width
    assert index.within(start, end) == [i for i in items if start <= i.start and i.end <= end]
    assert index.containing(start) == [i for i in items if i.start <= start < i.end]
    assert index.overlapping(start, end) == [i for i in items if i.start < end and i.end > start]
    assert index.starting_in(start, end) == [i for i in items if start <= i.start < end]


@given(st.lists(st.integers(1, 9), max_size=12), st.integers(-1, 120))
def test_paragraph_index_is_paragraph_at(lengths: list[int], offset: int) -> None:
    text = "\n\n".join("x" * n for n in lengths)
    doc = Document.new(text or "x", input_id="t")
    pos = 0
    from newsledger.models import Paragraph

    for n in lengths:
        doc.paragraphs.append(Paragraph(start=pos, end=pos + n, text="x" * n))
        pos += n + 2
    assert ParagraphIndex(doc.paragraphs).at(offset) == doc.paragraph_at(offset)


def test_check_raises_e034_past_the_budget_and_nothing_without_one() -> None:
    doc = Document.new("Some text.", input_id="slow.txt")
    check(doc)  # no budget active: a stage called on its own never stops
    budget = Budget(0.01)
    with active(budget):
        budget.charge(doc, 0.02)
        with pytest.raises(Exception) as err:
            check(doc)
    assert getattr(err.value, "code", None) == "E034"
    assert "NEWSLEDGER_MAX_SECONDS_PER_DOCUMENT" in str(err.value)
    assert not Budget(0).expired(doc)  # 0: no limit


def test_a_document_past_its_budget_becomes_e034_and_its_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow_on_one(doc: Document, resources: Resources) -> None:
        if "slow" in doc.input_id:
            for _ in range(100):  # a stage looping over paragraphs, checking the budget as it goes
                time.sleep(0.01)
                check(doc)

    ran_after: list[str] = []
    stages = (Stage("slow", ("text",), (), slow_on_one),
              Stage("after", ("text",), (), lambda doc, res: ran_after.append(doc.input_id)))
    monkeypatch.setattr(pipeline, "STAGES", stages)
    resources = Resources(load_settings({"max_seconds_per_document": 0.2}, env={}))
    docs = [Document.new(f"Page {name}.", input_id=name) for name in ("a.txt", "slow.txt", "b.txt")]
    start = time.monotonic()
    pipeline.analyze_many(docs, resources)
    assert time.monotonic() - start < 0.9  # stopped near its budget, not after its whole loop (1 s)
    assert ran_after == ["a.txt", "b.txt"]
    outcomes = [pipeline.outcome(d) for d in docs]
    assert [type(o) for o in outcomes] == [Document, Failure, Document]
    failure = outcomes[1]
    assert isinstance(failure, Failure) and failure.code == "E034" and failure.input_id == "slow.txt"
    assert failure.stage == "slow"
