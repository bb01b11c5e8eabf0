"""Portuguese: casualty figures with number words, qualifiers and vague counts, on sentences written for the test."""
from __future__ import annotations

from newsledger import analyze_text
from newsledger.stages.events.figures import find_figures
from newsledger.stages.events.numbers import parse_number


def test_number_words_with_e() -> None:
    assert parse_number("vinte e um", "pt") == 21
    assert parse_number("cento e vinte", "pt") == 120
    assert parse_number("doze", "pt") == 12


def test_figures_of_a_strike() -> None:
    figures = find_figures("O ataque com mísseis matou doze civis e deixou pelo menos 40 feridos.", "pt")
    got = {f.kind: (f.figure.low, f.figure.high, f.figure.text) for f in figures}
    assert got == {"killed": (12, 12, "doze"), "injured": (40, None, "pelo menos 40")}


def test_dozens_keep_their_words_and_get_a_label() -> None:
    figures = find_figures("Dezenas de pessoas ficaram feridas no bombardeio.", "pt")
    assert [(f.kind, f.figure.low, f.figure.label) for f in figures] == [("injured", None, "dozens")]


def test_a_page_with_its_date() -> None:
    doc = analyze_text("Em 17 de outubro, um ataque de mísseis contra a cidade de Ganja deixou 13 mortos, segundo o Ministério.",
                       published="2020-10-18")
    attack = next(e for e in doc.events if e.type == "attack")
    assert attack.killed is not None and attack.killed.low == 13
    assert attack.date.value == "2020-10-17"


def test_a_call_for_a_ceasefire_is_no_ceasefire() -> None:
    doc = analyze_text("O secretário-geral da ONU pediu às partes um cessar-fogo imediato.")
    assert not [e for e in doc.events if e.type == "ceasefire/agreement"]
