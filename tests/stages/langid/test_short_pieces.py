"""Short pieces keep their own language unless only the neighbours can tell (issue 12, item 7)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from newsledger import lang
from newsledger.lang.letters import LETTERS_WITHOUT_PACK, languages_with_letters, letters_of
from newsledger.models import Paragraph
from newsledger.stages.langid.scripts import LANGUAGE_SCRIPT, SCRIPT_RANGES, letter_verdict
from newsledger.stages.langid.short import SHORT_PIECES, decide_short
from newsledger.stages.langid.stage import label_paragraphs

AZ = "Azərbaycan Ordusunun əks-hücum əməliyyatında əldə etdiyi qələbələr haqqında kitablar yazılacaq."
AZ2 = "Müdafiə Nazirliyi bildirib ki, düşmən mövqeləri dəqiq zərbələrlə məhv edilib və itkilər barədə məlumat verilməyib."
UK = "Міністр закордонних справ заявив, що переговори будуть продовжені наступного тижня в Києві."


def page(*blocks: tuple[str, str]) -> list[Paragraph]:
    """Paragraphs of the given (kind, text) blocks, labelled by the stage."""
    paragraphs, pos = [], 0
    for kind, text in blocks:
        paragraphs.append(Paragraph(start=pos, end=pos + len(text), text=text, kind=kind))
        pos += len(text) + 2
    label_paragraphs(paragraphs)
    return paragraphs


@pytest.mark.parametrize("heading", ["located further", "Foreign ministry statement", "Press release"])
def test_an_english_line_between_azerbaijani_paragraphs_stays_english(heading: str) -> None:
    labels = [p.lang for p in page(("body", AZ), ("heading", heading), ("body", AZ2))]
    assert labels == ["az", "en", "az"]


@pytest.mark.parametrize("heading", ["Dağlıq Qarabağ", "Güclü respublika", "Son xəbərlər"])
def test_a_heading_the_model_reads_as_a_neighbour_language_follows_the_page(heading: str) -> None:
    assert page(("body", AZ), ("heading", heading), ("body", AZ2))[1].lang == "az"


def test_a_heading_in_another_script_keeps_its_own_language() -> None:
    assert page(("body", AZ), ("heading", "Заявление МИД"), ("body", AZ2))[1].lang == "ru"


def test_the_context_decides_when_the_models_hesitate() -> None:
    hesitant = {"tr": 0.5, "az": 0.4}
    assert decide_short("güclü respublika", "Latin", hesitant, {"az": 3}) is not None
    picked = decide_short("güclü respublika", "Latin", hesitant, {"az": 3}, replace(SHORT_PIECES, lingua_weight=0.0))
    assert picked is not None and picked[0] == "az" and 0.5 < picked[1] <= 1.0
    alone = decide_short("güclü respublika", "Latin", hesitant, {}, replace(SHORT_PIECES, lingua_weight=0.0))
    assert alone is not None and alone[0] == "tr"


def test_a_sure_model_overrules_the_context() -> None:
    picked = decide_short("located further", "Latin", {"en": 0.98}, {"az": 3}, replace(SHORT_PIECES, lingua_weight=0.0))
    assert picked is not None and picked[0] == "en"


def test_neighbours_in_another_script_do_not_vote() -> None:
    assert decide_short("x", "Latin", {}, {"ru": 2}) is None


@pytest.mark.parametrize("text,candidates,expected", [
    ("Əliyev", {"tr": 0.9, "en": 0.05}, "az"),          # az writes ə
    ("qazandı", {"tr": 0.6, "az": 0.3}, "az"),          # tr never writes q: its next candidate
    ("їжак", {"ru": 0.8, "uk": 0.1}, "uk"),             # uk writes ї
    ("съезд", {"uk": 0.7, "ru": 0.2}, "ru"),            # uk never writes ъ
    ("ѓавол", {"sr": 0.7, "bg": 0.2}, "mk"),            # mk writes ѓ (no pack: lang.letters table)
    ("house", {"en": 0.9}, None),
])
def test_letters_decide_from_the_facts_of_the_packs(text: str, candidates: dict[str, float], expected: str) -> None:
    script = LANGUAGE_SCRIPT[next(iter(candidates))]
    assert letter_verdict(text, script, candidates) == expected


def test_letter_facts_come_from_the_packs_first() -> None:
    assert letters_of("az").own == "ə" and letters_of("tr").never
    assert letters_of("mk").own and not lang.known("mk")
    assert letters_of("zz").own == "" and letters_of("zz").never == ""


def test_letter_facts_have_the_shape_the_identifier_expects() -> None:
    for code in lang.codes():
        assert set(lang.get(code).letters) <= {"own", "never"}, f"lang/{code}: letters keys are 'own' and 'never'"
    for code in LETTERS_WITHOUT_PACK:
        assert not lang.known(code), f"{code} has a pack now: move its letters into lang/{code}/pack.json"
    for code, facts in languages_with_letters().items():
        script = LANGUAGE_SCRIPT.get(code)
        assert script is not None, f"{code}: letters for a language the identifier never answers"
        for letter in facts.own + facts.never:
            assert letter == letter.lower(), f"{code}: letters are lower case ({letter!r})"
            if script != "Latin":
                ranges = SCRIPT_RANGES[script]
                assert any(lo <= letter <= hi for lo, hi in zip(ranges[::3], ranges[2::3])), f"{code}: {letter!r} is not {script}"
