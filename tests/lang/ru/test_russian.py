"""Russian pack: number words (one list for dates and figures), weekdays, casualty words."""
from __future__ import annotations

from newsledger import lang
from newsledger.stages.events.figures import find_figures
from newsledger.stages.events.numbers import parse_number


def test_one_list_of_number_words_serves_dates_and_figures() -> None:
    words = lang.get("ru").number_words
    assert words["одну"] == 1 and words["двадцати"] == 20 and words["тысяч"] == 1000
    assert parse_number("двадцать пять", "ru") == 25


def test_weekday_forms_with_their_inflections() -> None:
    pack = lang.get("ru")
    assert pack.weekdays["среду"] == pack.weekdays["среда"] == 2
    assert pack.weekday_short_forms["воскресенья"] == 6


def test_russian_figures() -> None:
    found = find_figures("Обстрел: погибли десять человек, ранены 25.", "ru")
    assert [(f.kind, f.figure.low) for f in found] == [("killed", 10), ("injured", 25)]
