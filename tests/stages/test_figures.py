"""Casualty figures: numbers and number words in five languages, vague counts, subgroups."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.stages.events.figures import find_figures
from newsledger.stages.events.numbers import parse_number


def figures(text: str, lang: str) -> dict[str, tuple]:
    out = {}
    for f in find_figures(text, lang):
        assert text[f.figure.start:f.figure.end] == f.figure.text
        out.setdefault(f.kind, (f.figure.low, f.figure.high, f.figure.text, f.figure.note))
    return out


@pytest.mark.parametrize("expr,lang,value", [
    ("ten", "en", 10), ("twenty-one", "en", 21), ("two hundred and five", "en", 205), ("1,200", "en", 1200),
    ("десять", "ru", 10), ("двадцать пять", "ru", 25), ("on", "az", 10), ("on iki", "az", 12), ("iki yüz", "az", 200),
    ("on", "tr", 10), ("dix", "fr", 10), ("vingt et un", "fr", 21), ("quatre-vingt-dix", "fr", 90),
])
def test_number_words(expr: str, lang: str, value: int) -> None:
    assert parse_number(expr, lang) == value


def test_seed_sentence_exact_and_vague() -> None:
    f = figures("Armenia fired a missile at Ganja, the second-largest city of Azerbaijan, killing 10 civilians "
                "and injuring numerous others.", "en")
    assert f["killed"][:3] == (10, 10, "10")
    assert f["injured"][:3] == (None, None, "numerous")


def test_at_least_range_and_subgroup() -> None:
    f = figures("At least 10 people were killed and 10 to 12 wounded, including 4 women.", "en")
    assert f["killed"][:3] == (10, None, "At least 10")
    low, high, _, note = f["injured"]
    assert (low, high) == (10, 12) and "4 women" in note and "not added" in note


def test_dozens_stays_vague() -> None:
    assert figures("Dozens were injured in the blast.", "en")["injured"][:2] == (None, None)


def test_later_death_is_noted_not_merged() -> None:
    found = find_figures("Five people were wounded, and one of the wounded later died in hospital.", "en")
    kinds = [f.kind for f in found]
    assert "killed" not in kinds and "later_died" in kinds


@pytest.mark.parametrize("text,lang,killed,injured", [
    ("В результате обстрела погибли десять человек, ранены 25.", "ru", 10, 25),
    ("Десять человек погибли, по меньшей мере 20 ранены.", "ru", 10, 20),
    ("Gəncəyə raket zərbəsi nəticəsində on nəfər həlak olub, 34 nəfər yaralanıb.", "az", 10, 34),
    ("Hücum nəticəsində iki nəfər şəhid olub.", "az", 2, None),
    ("Saldırıda on kişi hayatını kaybetti, 34 kişi yaralandı.", "tr", 10, 34),
    ("Saldırıda beş kişi öldü.", "tr", 5, None),
    ("La frappe a fait dix morts et de nombreux blessés.", "fr", 10, None),
    ("Vingt et un civils ont été tués et quatre-vingt-dix blessés.", "fr", 21, 90),
])
def test_casualty_patterns_in_languages(text: str, lang: str, killed: int, injured) -> None:
    f = figures(text, lang)
    assert f["killed"][0] == killed
    if injured is not None:
        assert f["injured"][0] == injured


def test_singular_victim_and_ages_are_not_counts() -> None:
    f = figures("A 13-year-old boy was shot and killed by a 12-year-old relative.", "en")
    assert f["killed"][:2] == (1, 1)
    assert figures("Police say Lay, 69, was shot at 11:30 p.m. on 10 October 2020.", "en").get("killed") is None


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 0123456789,.-killedinjuredwounded десятьпогибли")), max_size=80))
def test_spans_always_exact(text: str) -> None:
    for lang in ("en", "ru"):
        for f in find_figures(text, lang, offset=0):
            assert text[f.figure.start:f.figure.end] == f.figure.text


@pytest.mark.parametrize("text,kind,value,span", [
    ("A man and a woman were shot Sunday night.", "hit", 2, "A man and a woman"),
    ("The gunman killed two men and a teenager.", "killed", 3, "two men and a teenager"),
    ("No one was injured in the exchange.", "injured", 0, "No one"),
    ("One person was killed and three others were injured.", "injured", 3, "three"),
    ("Kaden Hammond was shot and killed Sunday.", "killed", 1, "Kaden Hammond"),
    ("A baby shot on Sunday morning has died.", "killed", 1, "A baby"),
    ("Two teenage victims, 16 and 17 years old, had been shot.", "hit", 2, "Two"),
])
def test_english_victim_patterns(text: str, kind: str, value: int, span: str) -> None:
    f = figures(text, "en")
    assert f[kind][0] == value and f[kind][2] == span


def test_shooter_urls_and_dates_are_not_victims() -> None:
    assert figures("A man killed his wife at the home.", "en")["killed"][:3] == (1, 1, "his wife")  # the victim, not the shooter
    assert figures("See http://example.com/2013/08/18/5-shot-1-killed-in-sc/", "en") == {}
    assert "killed" not in figures("Police charged him in the November 9 shooting death.", "en")


def test_additional_victim_is_marked() -> None:
    found = find_figures("Two men were killed. A third died later at hospital.", "en")
    third = [f for f in found if f.figure.text == "A third"]
    assert third and third[0].kind == "killed" and "additional victim" in third[0].figure.note


@pytest.mark.parametrize("text,kind,value,span", [
    ("Police say he shot his 10-year-old brother in the head.", "hit", 1, "his 10-year-old brother"),
    ("A man accidentally shot himself in the leg.", "hit", 1, "himself"),
    ("The girl was shot in the buttocks and taken to a hospital.", "hit", 1, "The girl"),
    ("A 7-year-old girl was taken to the hospital after being accidentally shot by another child.", "hit", 1, "A 7-year-old girl"),
    ("A 15-year-old boy from the Town of Shelby has died from a gunshot wound.", "killed", 1, "A 15-year-old boy"),
    ("The juvenile was taken to Duke Hospital with non-life threatening injuries.", "injured", 1, "The juvenile"),
    ("A 3-year-old child suffered non-life threatening injuries.", "injured", 1, "A 3-year-old child"),
    ("The shooting killed 22-year-old Dashwan Smith and wounded three others.", "killed", 1, "22-year-old Dashwan Smith"),
    ("Two Deputy U.S. Marshals and an FBI agent were wounded.", "injured", 3, "Two Deputy U.S. Marshals and an FBI agent"),
    ("The bullets wounded a mother and her 2-year-old son.", "injured", 2, "a mother and her 2-year-old son"),
    ("Two of four other victims who were shot said they saw nothing.", "hit", 4, "four"),
    ("He is charged with fatally shooting a rider and wounding five of his companions.", "injured", 5, "five"),
])
def test_more_english_victims(text: str, kind: str, value: int, span: str) -> None:
    f = figures(text, "en")
    assert f[kind][0] == value and f[kind][2] == span


@pytest.mark.parametrize("text", [
    "A man was not injured.",
    "The man who shot Williams was described as a black male.",
    "A man has been charged in connection with a shooting that injured people in Halifax.",
    "One of the men injured during the shooting is being charged with murder.",
])
def test_not_victim_counts(text: str) -> None:
    f = figures(text, "en")
    assert "injured" not in f and "hit" not in f and f.get("killed", (None,))[0] in (None,), f


def test_name_number_is_no_count() -> None:
    assert figures("Two more arrested in Cloud 9 shooting death of Benetria Robinson", "en")["killed"][:3] == (1, 1, "Benetria Robinson")


def test_partitive_died_and_murder_suicide() -> None:
    f = figures("Police: One of two girls, 7 and 5, critically shot Wednesday has died.", "en")
    assert f["killed"][:3] == (1, 1, "One") and f["hit"][:3] == (2, 2, "two")
    found = find_figures("Harleman shot and killed Samantha Carpenter before killing himself.", "en")
    assert [(x.kind, x.figure.text) for x in found] == [("killed", "Samantha Carpenter"), ("killed", "himself")]
    assert "additional victim" in found[1].figure.note


def test_speaker_pronoun_head_survivor_and_negated_coordination() -> None:
    # "a man who said ...": the speaker is not the victim
    found = find_figures("Police got a 911 call from a man who said his stepson had been shot in the face.", "en")
    assert "a man" not in [x.figure.text for x in found]
    found = find_figures("A man died after he and four others were shot in front of a home.", "en")
    hit = next(x.figure for x in found if x.kind == "hit")
    assert (hit.low, hit.text) == (5, "four") and "derived" in hit.note and [p.text for p in hit.parts] == ["he", "four"]
    f = figures("One of the five victims survived the shooting.", "en")
    assert f["injured"][:3] == (1, 1, "One")
    assert "injured" not in figures("The female driver and two other children were not injured in the incident.", "en")


def test_wounds_are_not_people() -> None:
    assert find_figures("She was recovering at home from the two gunshot wounds.", "en") == []
