"""The learned attribution component: linking the model's spans, loading, a missing model file."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.errors import ModelMissing
from newsledger.resources import Resources
from newsledger.stages.quotes.learned import MODEL_DIR, combine, learned_candidates, link, load_model, model_version
from newsledger.stages.quotes.parse import Candidate
from tests.conftest import make_doc


def test_source_and_content_go_to_the_nearest_cue_of_their_sentence() -> None:
    # "Smith said the plan failed. Jones denied it."
    spans = [("SOURCE", 0, 5), ("CUE", 6, 10), ("CONTENT", 11, 26),
             ("SOURCE", 28, 33), ("CUE", 34, 40), ("CONTENT", 41, 43)]
    linked = link(spans, [0, 28])
    assert linked == [((6, 10), (0, 5), [(11, 26)]), ((34, 40), (28, 33), [(41, 43)])]


def test_a_content_with_no_cue_in_its_paragraph_stands_alone() -> None:
    assert link([("CONTENT", 0, 20)], [0]) == [(None, None, [(0, 20)])]


def test_candidates_carry_document_offsets_and_quotations_are_direct() -> None:
    text = "“We will win,” Smith said."
    spans = [("CONTENT", 0, 14), ("SOURCE", 15, 20), ("CUE", 21, 25)]
    [cand] = learned_candidates(text, spans, [0], base=100, para=3)
    assert cand.kind == "direct"
    assert (cand.cue, cand.speaker, cand.paragraph) == ((121, 125), (115, 120), 3)
    assert text[cand.content[0] - 100:cand.content[1] - 100].strip("“”,") == "We will win"


def test_a_missing_model_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing) as err:
        load_model(tmp_path / "nowhere")
    assert err.value.code == "E031"
    assert "make train" in str(err.value)


@pytest.mark.skipif(not (MODEL_DIR / "meta.json").exists(), reason="model not built (make train)")
def test_the_shipped_model_loads_and_marks_a_cue() -> None:
    nlp = load_model()
    assert set(nlp.get_pipe("ner").labels) == {"CUE", "SOURCE", "CONTENT"}
    doc = nlp("The senator said the bill would pass next week.")
    assert any(e.label_ == "CUE" and e.text == "said" for e in doc.ents)
    assert model_version().startswith("en_newsledger_attribution-")


def _cand(kind: str, cue: tuple[int, int] | None, content: tuple[int, int] | None,
          speaker: tuple[int, int] | None, model: str | None = None) -> Candidate:
    return Candidate(kind, cue, content, speaker, "en", 0, model=model)


def test_combine_keeps_the_model_first_and_the_rules_where_it_found_nothing() -> None:
    rules = [_cand("indirect", (6, 10), (11, 26), (0, 5)),     # the model found these words too
             _cand("indirect", (40, 45), (46, 60), (30, 39)),  # the model missed this one
             _cand("stance", (70, 77), (78, 90), (62, 69))]    # stance acts stay the rules'
    learned = [_cand("indirect", (6, 10), (11, 28), None, "m"),
               _cand("indirect", (70, 77), (78, 92), (62, 69), "m")]
    out = combine(rules, learned)
    assert [(c.kind, c.content, c.model) for c in out] == [
        ("indirect", (11, 28), "m"), ("indirect", (46, 60), None), ("stance", (78, 90), None)]
    assert out[0].speaker == (0, 5)  # a model attribution with no source takes the rules' speaker


@pytest.mark.skipif(not (MODEL_DIR / "meta.json").exists(), reason="model not built (make train)")
def test_with_the_model_switched_on_quotes_name_the_model_version(resources: Resources) -> None:
    from newsledger.stages.entities import stage as entities_stage
    from newsledger.stages.quotes import stage as quotes_stage

    doc = make_doc([("The senator said on Tuesday that the bill would pass before the summer recess.", "en", "body")])
    entities_stage.run(doc, resources)
    quotes_stage.run(doc, Resources(resources.settings.replace(attribution="model")))
    assert any(q.model == model_version() and q.content is not None and "bill" in q.content.text for q in doc.quotes)
    quotes_stage.run(doc, Resources(resources.settings.replace(attribution="rules")))
    assert doc.quotes and all(q.model is None for q in doc.quotes)
