"""natasha names in Russian and Ukrainian: nominative forms, canonical links, a coded error when missing."""
from __future__ import annotations

import sys

import pytest

from newsledger.errors import ModelMissing
from newsledger.stages.entities import slavic_model
from tests.conftest import make_doc
from tests.stages.prepare import NoModel, prepare


def test_person_names_to_the_nominative() -> None:
    assert slavic_model.person_nominative(["Марии", "Захаровой"], "ru") == "Мария Захарова"
    assert slavic_model.person_nominative(["Сергея", "Лаврова"], "ru") == "Сергей Лавров"
    assert slavic_model.person_nominative(["Марії", "Захарової"], "uk") == "Марія Захарова"


def test_entities_get_natasha_names_and_gazetteer_canonicals() -> None:
    doc = prepare(make_doc([("Глава МИД Армении встретился с Марией Захаровой в Москве.", "ru", "body")]), NoModel())
    people = [e for e in doc.entities if e.label == "PERSON"]
    assert [e.canonical for e in people] == ["Maria Zakharova"]
    assert people[0].text == "Марией Захаровой"


def test_unknown_person_keeps_the_nominative_as_canonical() -> None:
    doc = prepare(make_doc([("Заявление сделал Тимофей Ракитин.", "ru", "body")]), NoModel())
    people = [e for e in doc.entities if e.label == "PERSON"]
    assert [(e.canonical, e.source) for e in people] == [("Тимофей Ракитин", "model")]


def test_parse_is_kept_for_the_quotes_stage() -> None:
    doc = prepare(make_doc([("Министр заявил, что удар недопустим.", "ru", "body"),
                            ("Nazir bildirib ki, zərbə qəbuledilməzdir.", "az", "body")]), NoModel())
    assert isinstance(doc.parses.get(0), slavic_model.SlavicParse)
    assert 1 not in doc.parses  # no model reads Azerbaijani


def test_missing_natasha_is_a_coded_error(monkeypatch: pytest.MonkeyPatch) -> None:
    slavic_model.models.cache_clear()
    monkeypatch.setitem(sys.modules, "natasha", None)
    try:
        with pytest.raises(ModelMissing) as err:
            slavic_model.models()
        assert err.value.code == "E031" and "pip install natasha" in str(err.value)
    finally:
        slavic_model.models.cache_clear()
