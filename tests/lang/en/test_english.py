"""English pack: the one read by spaCy's English model; its parser cue lexicon."""
from __future__ import annotations

from newsledger import lang
from newsledger.stages.quotes.lexicon import english, language_cues


def test_english_is_read_with_the_parser_lexicon() -> None:
    assert lang.get("en").read_by_english_model
    assert language_cues("en") is None
    assert english().lemma("said") == "say"


def test_articles_count_as_one_before_a_unit_only_in_dates() -> None:
    from newsledger.models import Published
    from newsledger.stages.dates.timex import find_dates
    from newsledger.stages.dates.values import parse_anchor

    anchor = parse_anchor(Published("2020-10-15", "day", "test"))
    assert [(d.text, d.value) for d in find_dates("It happened a week ago.", "en", anchor)] == [("a week ago", "2020-W41")]
    assert "a" not in lang.get("en").number_words
