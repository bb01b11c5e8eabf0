"""Turkish speakers: offices with case endings after an apostrophe, passive reports, role nouns."""
from __future__ import annotations

from newsledger.gazetteer.table import load_gazetteer
from tests.stages.quotes.helpers import quotes_of, speakers


def test_office_with_case_endings() -> None:
    found = [m.entry.canonical for text in ("Azerbaycan Dışişleri Bakanlığı'nın açıklamasına göre",
                                            "Azerbaycan Başsavcılığı’ndan yapılan açıklama",
                                            "Azerbaycan Başsavcılığına göre")
             for m in load_gazetteer().find(text, "tr")]
    assert found == ["Ministry of Foreign Affairs of Azerbaijan", "Prosecutor General's Office of Azerbaijan",
                     "Prosecutor General's Office of Azerbaijan"]


def test_passive_report_of_an_office_statement() -> None:
    found = quotes_of("tr", "Azerbaycan Başsavcılığından yapılan açıklamada, köyde üç evin hasar gördüğü belirtildi.")
    assert speakers(found) == ["Prosecutor General's Office of Azerbaijan"]


def test_pronoun_after_a_named_speaker() -> None:
    found = quotes_of("tr", "Kente gece iki füze düştü. Bunu Cumhurbaşkanı Yardımcısı Hikmet Hacıyev açıkladı.",
                      "O, saldırının sivilleri hedef aldığını söyledi.")
    assert speakers(found) == ["Hikmet Hajiyev", "Hikmet Hajiyev"]
