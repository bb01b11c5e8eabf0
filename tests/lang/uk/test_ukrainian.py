"""Ukrainian has its own facts: it is no longer read as Russian by the events stage."""
from __future__ import annotations

from newsledger import lang
from newsledger.stages.dates.timex import find_dates
from newsledger.stages.events.figures import find_figures
from newsledger.stages.events.patterns import norm_lang
from newsledger.stages.events.triggers import find_triggers


def test_ukrainian_keeps_its_code_for_events() -> None:
    assert norm_lang("uk", "Унаслідок обстрілу загинули люди.") == "uk"
    assert norm_lang("und", "Унаслідок обстрілу загинули люди, їх евакуювали.") == "uk"
    assert norm_lang("und", "В результате обстрела погибли люди.") == "ru"
    assert lang.get("uk").has_events


def test_ukrainian_casualty_words_and_numbers() -> None:
    text = "Унаслідок ракетного удару вбито двох цивільних, ще 12 людей поранено."
    found = [(f.kind, f.figure.low, f.figure.text) for f in find_figures(text, "uk")]
    assert found == [("killed", 2, "двох"), ("injured", 12, "12")]
    text = "Внаслідок обстрілу загинули п’ять людей, поранені щонайменше сім."
    found = [(f.kind, f.figure.low, f.figure.high, f.figure.text) for f in find_figures(text, "uk")]
    assert found == [("killed", 5, 5, "п’ять"), ("injured", 7, None, "щонайменше сім")]


def test_ukrainian_triggers() -> None:
    text = "Після обстрілу сторони домовилися про перемир'я і нову зустріч."
    assert {t.type for t in find_triggers(text, "uk")} == {"attack", "ceasefire/agreement", "meeting/talks"}


def test_ukrainian_dates() -> None:
    found = [(d.text, d.value) for d in find_dates("Це сталося 17 жовтня 2023 року.", "uk")]
    assert found == [("17 жовтня 2023 року", "2023-10-17")]
