"""Span conventions of attributions read outside English (PARC-style, as the ADAQ sets annotate them)."""
from __future__ import annotations

from newsledger.stages.entities.slavic_model import SlavicParse, SyntaxToken
from newsledger.stages.quotes import slavic
from newsledger.stages.quotes.english import Candidate
from tests.stages.quotes.helpers import quotes_of


def test_quotation_content_keeps_its_marks() -> None:
    found = quotes_of("ru", "«Мы готовы к переговорам», — заявил министр иностранных дел Сергей Лавров.")
    direct = [q for q in found if q.kind == "direct"]
    assert direct and direct[0].content is not None
    assert direct[0].content.text == "«Мы готовы к переговорам»"
    assert direct[0].cue is not None and direct[0].cue.text == "заявил"


def test_dash_led_quote_has_no_marks_to_keep() -> None:
    found = quotes_of("ru", "— Это ясно, — сказал он.")
    assert any(q.content is not None and q.content.text == "Это ясно" for q in found)


def _tokens(text: str, rows: list[tuple[str, str, int, str]]) -> list[SyntaxToken]:
    out, at = [], 0
    for word, pos, head, rel in rows:
        start = text.index(word, at)
        at = start + len(word)
        out.append(SyntaxToken(start, at, word, pos, head, rel))
    return out


def test_words_holding_a_verb_are_no_speaker_when_the_parse_names_none() -> None:
    text = "Решение принято, сообщили вчера ушедшие."
    rows = [("Решение", "NOUN", 1, "nsubj:pass"), ("принято", "VERB", 3, "parataxis"), (",", "PUNCT", 1, "punct"),
            ("сообщили", "VERB", -1, "root"), ("вчера", "ADV", 3, "advmod"), ("ушедшие", "VERB", 3, "obj"),
            (".", "PUNCT", 3, "punct")]
    parse = SlavicParse(text, _tokens(text, rows), [])
    cue = (text.index("сообщили"), text.index("сообщили") + len("сообщили"))
    verb_speaker = (text.index("вчера"), len(text) - 1)  # "вчера ушедшие": a regex guess that holds a verb
    noun_speaker = (0, len("Решение"))
    held = Candidate("indirect", cue, (0, len("Решение принято")), verb_speaker, "ru", 0)
    kept = Candidate("indirect", cue, (0, len("Решение принято")), noun_speaker, "ru", 0)
    slavic.refine([held, kept], {0: parse})
    assert held.speaker is None
    assert kept.speaker == noun_speaker
