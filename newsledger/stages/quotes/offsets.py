"""Character offset pairs of the quotes stage (cue, content, speaker): overlap and trimming."""
from __future__ import annotations

from typing import Optional

Offsets = tuple[int, int]


def _overlaps(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _trim_content(text: str, a: int, b: int) -> Optional[Offsets]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:—–-"):
        b -= 1
    return (a, b) if b > a else None
