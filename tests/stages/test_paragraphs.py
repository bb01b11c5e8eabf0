"""The paragraphs stage: blank-line splitting, headings, and the ``max_paragraphs`` limit."""
from __future__ import annotations

from newsledger.errors import TooManyParagraphs
from newsledger.models import Document
from newsledger.resources import Resources
from newsledger.settings import load_settings
from newsledger.stages.paragraphs.stage import run, split_paragraphs


def _resources(**overrides: object) -> Resources:
    return Resources(load_settings(overrides, env={}))


def _doc(n: int) -> Document:
    text = "\n\n".join(f"Paragraph number {i} says something." for i in range(n))
    return Document(id="d1", input_id="long.txt", text=text)


def test_split_on_blank_lines_and_headings() -> None:
    text = "15 October\n\nThe first paragraph ends here.\n  \nThe second one too."
    assert [text[s:e] for s, e in split_paragraphs(text)] == [
        "15 October", "The first paragraph ends here.", "The second one too."]
    doc = Document(id="d", input_id="t.txt", text=text)
    run(doc, _resources())
    assert [p.kind for p in doc.paragraphs] == ["heading", "body", "body"]
    assert doc.failures == []


def test_paragraphs_over_the_limit_are_left_out_with_one_failure() -> None:
    doc = _doc(5)
    run(doc, _resources(max_paragraphs=3))
    assert [p.text for p in doc.paragraphs] == [f"Paragraph number {i} says something." for i in range(3)]
    assert len(doc.failures) == 1
    failure = doc.failures[0]
    assert failure.code == TooManyParagraphs.code == "E033"
    assert failure.stage == "paragraphs" and failure.input_id == "long.txt"
    assert "5 paragraphs" in failure.message and "2 left out" in failure.message
    assert "NEWSLEDGER_MAX_PARAGRAPHS" in failure.message


def test_at_the_limit_nothing_is_left_out() -> None:
    doc = _doc(3)
    run(doc, _resources(max_paragraphs=3))
    assert len(doc.paragraphs) == 3 and doc.failures == []


def test_the_limit_comes_from_the_environment() -> None:
    settings = load_settings(env={"NEWSLEDGER_MAX_PARAGRAPHS": "2"})
    doc = _doc(4)
    run(doc, Resources(settings))
    assert len(doc.paragraphs) == 2 and "2 left out" in doc.failures[0].message
