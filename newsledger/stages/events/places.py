"""Where an event happened when its own sentence names no place: the page's context.

Local news rarely repeats the town in the sentence that tells the shooting: it sits in the
dateline ("LITTLE ROCK, Ark. (AP) —", "CHICAGO —") or in an address sentence ("in the 2200
block of Harrison Street in Gary"). This module finds those, and the page's most salient
city-like place name, each as an :class:`~newsledger.models.Argument` whose ``note`` says
it comes from document context (the event sentence itself did not say it).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Optional, Sequence

from newsledger import lang as languages
from newsledger.models import Argument, Document, Entity
from newsledger.stages.spans import ParagraphIndex

#: "LITTLE ROCK, Ark. (AP) —", "CHICAGO —", "MINNEAPOLIS (WCCO) —", "CLEVELAND, Ohio --", "PHARR –".
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?))?"
    r"(?:\s*\([^)\n]{1,40}\))?\s*(?:[—–]|-{1,2}|:)\s")
#: "in the 2200 block of Harrison Street in Gary", "near 5th and Main in East Chicago".
_BLOCK_IN = re.compile(
    r"(?:block of|intersection of|near|at)\s+[^.;\n]{1,60}?\s+in\s+(?:north(?:ern)?|south(?:ern)?|east(?:ern)?|west(?:ern)?\s+)?"
    r"(?P<city>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?=[\s,.;]|$)")
_NOT_CITY_WORDS = {"the", "a", "an", "police", "officers", "county", "state", "city", "area", "ap", "new", "breaking", "update",
                   "updated", "video", "photos", "watch", "news"}
_PLACE_LABELS = ("GPE", "LOC")


@lru_cache(maxsize=1)
def _regions() -> frozenset[str]:
    """US states (names and AP abbreviations) and other region words that are never the city."""
    return frozenset(w.lower() for w in languages.get(languages.DEFAULT).region_names)


def _is_region_or_country(name: str) -> bool:
    if name.lower().strip(".") in _regions() or name.lower() in _regions():
        return True
    try:
        from newsledger.gazetteer.table import load_gazetteer

        entry = load_gazetteer().entry(name)
    except Exception:  # no gazetteer: only the region list decides
        return False
    return bool(entry and entry.key.startswith("country:"))


def _title(name: str) -> str:
    """"LITTLE ROCK" -> "Little Rock" (to compare and show; the span keeps the text as written)."""
    return " ".join(w.capitalize() if w.isupper() else w for w in name.split())


def dateline_place(doc: Document) -> Optional[Argument]:
    """The city of a dateline opening the first body paragraph(s), as the place of the page's story."""
    for _, para in list(doc.body_paragraphs())[:3]:
        m = _DATELINE.match(para.text)
        if not m:
            continue
        city = m.group("city").rstrip(".")
        if city.lower() in _NOT_CITY_WORDS or len(city) < 3 or _is_region_or_country(_title(city)):
            continue
        start = para.start + m.start("city")
        name = _title(city)
        return Argument(name, start, start + len(city), city, name, note="document context: dateline")
    return None


def block_place(doc: Document, start: int, end: int) -> Optional[Argument]:
    """"in the 2200 block of X in Gary": the town after an address, searched in ``doc.text[start:end]``."""
    for m in _BLOCK_IN.finditer(doc.text, start, end):
        city = m.group("city")
        if city.lower() in _NOT_CITY_WORDS or _is_region_or_country(city):
            continue
        return Argument(city, m.start("city"), m.end("city"), city, city)
    return None


def salient_place(doc: Document, ents: Sequence[Entity]) -> Optional[Argument]:
    """The page's most mentioned city-like place (not a state or country), earliest mention as evidence."""
    body = {i for i, _ in doc.body_paragraphs()} | {i for i, p in enumerate(doc.paragraphs) if p.kind == "heading"}
    counts: Counter[str] = Counter()
    first: dict[str, Entity] = {}
    paragraphs = ParagraphIndex(doc.paragraphs)
    for e in ents:
        if e.label not in _PLACE_LABELS:
            continue
        name = e.canonical or e.text
        if _is_region_or_country(name) or name.lower() in _NOT_CITY_WORDS or paragraphs.at(e.start) not in body:
            continue
        # "Gary, Ind." / "Gary, Indiana": a city named with its state counts double
        bonus = 1 if re.match(r",\s*[A-Z][A-Za-z.]+", doc.text[e.end:e.end + 16]) else 0
        counts[name] += 1 + bonus
        first.setdefault(name, e)
    if not counts:
        return None
    best = max(counts, key=lambda n: (counts[n], -first[n].start))
    e = first[best]
    return Argument(best, e.start, e.end, e.text, best, note="document context: most mentioned place")


def context_place(doc: Document, ents: Sequence[Entity], start: int, end: int) -> Optional[Argument]:
    """A place for an event told in ``doc.text[start:end]`` that names none: address "in <town>", dateline, salient place."""
    found = block_place(doc, start, end)
    if found is not None:
        return found
    return dateline_place(doc) or salient_place(doc, ents)
