"""French speakers: cues with an adverb between auxiliary and participle, inverted pronouns."""
from __future__ import annotations

from tests.stages.quotes.helpers import quotes_of, speakers


def test_adverb_inside_the_compound_cue() -> None:
    found = quotes_of("fr", "Le ministre Jeyhun Bayramov a également indiqué que les frappes visaient des civils.")
    assert speakers(found) == ["Jeyhun Bayramov"]


def test_inverted_pronoun_is_the_last_speaker() -> None:
    found = quotes_of("fr", "Le président Ilham Aliev a annoncé que l'armée avait repris un village.",
                      "« Nous répondrons sur le terrain », a-t-il lancé devant la presse.")
    assert speakers(found) == ["Ilham Aliyev", "Ilham Aliyev"]


def test_launch_is_no_cue() -> None:
    assert quotes_of("fr", "L'armée a lancé des missiles contre la ville dans la nuit.") == []
