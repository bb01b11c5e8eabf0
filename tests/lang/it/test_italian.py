"""Italian: casualty figures with one-word compounds, "oltre" and vague counts, on sentences written for the test."""
from __future__ import annotations

from newsledger.stages.events.figures import find_figures
from newsledger.stages.events.numbers import parse_number


def test_one_word_compounds() -> None:
    assert parse_number("ventuno", "it") == 21
    assert parse_number("trentotto", "it") == 38
    assert parse_number("ventitré", "it") == 23
    assert parse_number("dodici", "it") == 12


def test_killed_and_more_than_injured() -> None:
    figures = find_figures("Un razzo ha ucciso quattordici civili e ne ha feriti oltre 50 nella città.", "it")
    got = {f.kind: (f.figure.low, f.figure.high, f.figure.text) for f in figures}
    assert got == {"killed": (14, 14, "quattordici"), "injured": (50, None, "oltre 50")}


def test_vague_label() -> None:
    figures = find_figures("Decine di persone sono rimaste ferite.", "it")
    assert [(f.kind, f.figure.label) for f in figures] == [("injured", "dozens")]


def test_no_one_killed_or_injured_is_zero_for_both() -> None:
    figures = find_figures("Per fortuna nessuno è stato ucciso o ferito.", "it")
    assert sorted((f.kind, f.figure.low) for f in figures) == [("injured", 0), ("killed", 0)]
