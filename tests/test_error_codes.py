"""Every error code the package can emit is explained in docs/schema.md, once."""
from __future__ import annotations

import re

from tests.paths import REPO

CODE = re.compile(r"[\"'](E0\d\d)[\"']")


def _codes_in_package() -> set[str]:
    found: set[str] = set()
    for path in (REPO / "newsledger").rglob("*.py"):
        found.update(CODE.findall(path.read_text(encoding="utf-8")))
    return found


def _documented() -> list[str]:
    text = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    table = text[text.index("## Error codes"):]
    return re.findall(r"^\| (E0\d\d) \|", table, flags=re.M)


def test_every_code_is_documented() -> None:
    missing = sorted(_codes_in_package() - set(_documented()))
    assert not missing, f"codes used in newsledger/ but not in docs/schema.md's error table: {missing}"


def test_documented_codes_exist_once() -> None:
    documented = _documented()
    assert len(documented) == len(set(documented)), "a code is documented twice"
    stale = sorted(set(documented) - _codes_in_package())
    assert not stale, f"docs/schema.md documents codes the package never emits: {stale}"
