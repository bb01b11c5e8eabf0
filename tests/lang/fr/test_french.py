"""French pack: "soixante-dix" style compounds and "et" inside numbers."""
from __future__ import annotations

from newsledger.stages.events.numbers import parse_number


def test_french_compounds() -> None:
    assert parse_number("soixante-dix", "fr") == 70
    assert parse_number("quatre-vingt-douze", "fr") == 92
    assert parse_number("vingt et un", "fr") == 21
