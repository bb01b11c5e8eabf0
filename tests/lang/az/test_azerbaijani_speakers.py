"""Azerbaijani speakers: inflected offices, "bunu X deyib", pronouns and role nouns as the last speaker."""
from __future__ import annotations

from newsledger.gazetteer.table import load_gazetteer
from tests.stages.quotes.helpers import quotes_of, speakers

OFFICE = "Prosecutor General's Office of Azerbaijan"


def test_office_in_the_genitive_and_dative_is_the_office() -> None:
    found = [m.entry.canonical for text in ("Baş Prokurorluğun məlumatına görə", "Baş Prokurorluğa müraciət edilib",
                                            "Baş Prokurorluqda keçirilən brifinq")
             for m in load_gazetteer().find(text, "az")]
    assert found == [OFFICE, OFFICE, OFFICE]


def test_according_to_an_inflected_office() -> None:
    found = quotes_of("az", "Baş Prokurorluğun məlumatına görə, atəş nəticəsində üç nəfər yaralanıb.")
    assert speakers(found) == [OFFICE]


def test_report_after_the_sentence_names_the_person_not_the_relay() -> None:
    found = quotes_of("az", "Şəhərin mərkəzinə iki raket düşüb.",
                      "Xəbərlər.az xəbər verir ki, bunu Baş Prokurorluğun mətbuat katibi Aysel Qəmbərova bu gün "
                      "keçirilən brifinqdə deyib.")
    assert speakers(found) == ["Aysel Qəmbərova"]
    assert found[0].content is not None and found[0].content.text.startswith("Şəhərin mərkəzinə")


def test_pronoun_and_role_noun_are_the_last_speaker() -> None:
    found = quotes_of("az", "Gecə şəhərə raket zərbəsi endirilib. Bunu Prezidentin köməkçisi Hikmət Hacıyev “Twitter” "
                            "hesabında yazıb.",
                      "O bildirib ki, yaşayış binaları dağıdılıb.",
                      "Prezidentin köməkçisi qeyd edib ki, yaralılar xəstəxanaya aparılıb.")
    assert speakers(found) == ["Hikmet Hajiyev", "Hikmet Hajiyev", "Hikmet Hajiyev"]


def test_initial_and_locative_after_the_quote() -> None:
    found = quotes_of("az", "Hikmət Hacıyev bəyanat yayıb.",
                      "“Bu, mülki əhaliyə qarşı növbəti hücumdur”, - deyə H.Hacıyev Twitter-də yazıb.")
    assert speakers(found)[-1] == "Hikmet Hajiyev"
    assert len([q for q in found if q.cue is not None and q.cue.text == "yazıb"]) == 0  # "deyə ... yazıb" is one act


def test_outlet_named_after_a_country_is_not_the_country() -> None:
    found = quotes_of("az", "Sputnik Azərbaycan bildirir ki, şəhərdə sakitlikdir.")
    assert speakers(found) == ["?Sputnik Azərbaycan"]
