"""Azerbaijani pack: verb-final trait, "on iki" compounds, romanised name keys."""
from __future__ import annotations

from newsledger import lang
from newsledger.gazetteer.names import name_key
from newsledger.stages.events.numbers import parse_number


def test_traits() -> None:
    pack = lang.get("az")
    assert pack.verb_final and pack.ordinal_dot and pack.name_inflection == "turkic"
    assert pack.according_position == "after"


def test_ten_plus_units_compound() -> None:
    assert parse_number("on iki", "az") == 12
    assert parse_number("on iki", "ru") is None  # no such rule outside the Turkic packs


def test_romanisation_is_a_pack_fact() -> None:
    assert name_key("Əliyev", "az") == name_key("Aliyev")
    assert name_key("Gəncə", "az") == "ganja"
