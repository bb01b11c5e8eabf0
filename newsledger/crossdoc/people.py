"""The people a report is about (victims, suspects, the named dead), for telling one incident from another.

Two reports of one shooting name the same victim; two strikes on one city a week apart do not.
The officials who give figures and statements are named in every report of a war, so people who
speak in the document (its quotes' speakers) are left out: what is left are the people things
happened to or were done by. Each person is keyed by their surname as written in the canonical
name (the last word, case-folded), so "Marsha Lynch" and "Lynch" meet.
"""
from __future__ import annotations

from typing import Any

from newsledger.crossdoc.fields import get_field as _get

#: How many of a document's most named people it brings to the comparison.
PEOPLE_SIZE = 6
_PERSON_LABELS = frozenset({"PERSON", "PER"})


def surname_key(name: str) -> str:
    """The last word of a name, case-folded ("" for a name too short to tell anyone apart)."""
    words = [w for w in name.replace("’", "'").split() if any(ch.isalpha() for ch in w)]
    last = words[-1].strip(".,'\"").casefold() if words else ""
    return last if len(last) >= 3 else ""


def document_people(doc: Any) -> tuple[str, ...]:
    """Surname keys of the people a document names most, its speakers left out."""
    speakers: set[str] = set()
    for quote in _get(doc, "quotes") or []:
        speaker = _get(quote, "speaker")
        for name in (_get(speaker, "name"), _get(speaker, "canonical")):
            if name:
                speakers.add(surname_key(str(name)))
    counts: dict[str, int] = {}
    for ent in _get(doc, "entities") or []:
        if _get(ent, "label") not in _PERSON_LABELS:
            continue
        key = surname_key(str(_get(ent, "canonical") or _get(ent, "text") or ""))
        if key and key not in speakers:
            counts[key] = counts.get(key, 0) + 1
    return tuple(sorted(counts, key=lambda k: -counts[k])[:PEOPLE_SIZE])
