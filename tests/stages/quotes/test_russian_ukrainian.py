"""Russian and Ukrainian speakers from natasha's parse, names in the nominative and linked across languages."""
from __future__ import annotations

from tests.stages.quotes.helpers import quotes_of, speakers


def test_subject_of_the_cue_verb_with_its_title() -> None:
    found = quotes_of("ru", "Официальный представитель МИД России Мария Захарова заявила, что Москва "
                            "готова содействовать прекращению огня.")
    assert speakers(found)[0] == "Maria Zakharova"
    assert found[0].content is not None and found[0].content.text.startswith("что Москва")


def test_inflected_surname_links_to_the_canonical_person() -> None:
    found = quotes_of("ru", "По словам Марии Захаровой, обстрел жилых кварталов недопустим.")
    assert speakers(found) == ["Maria Zakharova"]


def test_gerund_cue_shares_the_subject_of_its_verb() -> None:
    found = quotes_of("ru", "Сергей Лавров провёл переговоры с коллегами, подчеркнув, что договорённости "
                            "о перемирии должны соблюдаться.")
    assert "Sergey Lavrov" in speakers(found)


def test_report_told_after_the_sentence_it_reports() -> None:
    found = quotes_of("ru", "В результате обстрела города погибли пять мирных жителей. "
                            "Об этом сообщила Генпрокуратура Азербайджана.")
    assert speakers(found) == ["Prosecutor General's Office of Azerbaijan"]
    assert found[0].content is not None and found[0].content.text.startswith("В результате обстрела")


def test_pronoun_is_the_last_speaker() -> None:
    found = quotes_of("ru", "Сергей Лавров заявил, что переговоры продолжатся.",
                      "«Мы рассчитываем на соблюдение режима тишины», — сказал он.")
    assert speakers(found) == ["Sergey Lavrov", "Sergey Lavrov"]


def test_ukrainian_inflected_name_links_across_languages() -> None:
    found = quotes_of("uk", "За словами Марії Захарової, обстріли мають припинитися.")
    assert speakers(found) == ["Maria Zakharova"]
