"""Site boilerplate: paragraphs repeated across pages of one site.

Per document, nothing can be known (boilerplate is a cross-document fact), so the stage
only marks paragraphs whose fingerprint is in ``known`` (given by the store when ingesting).
The store re-marks earlier pages when a later page reveals a repeated paragraph.
"""
from __future__ import annotations

import hashlib
from typing import Iterable

from newsledger.models import Document


def fingerprint(text: str) -> str:
    """Hash of a paragraph after whitespace and case normalisation."""
    norm = " ".join(text.split()).casefold()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:20]


def mark_known(doc: Document, known: Iterable[str]) -> int:
    """Mark paragraphs whose fingerprint is in ``known`` as boilerplate; returns how many."""
    known = set(known)
    n = 0
    for p in doc.paragraphs:
        if p.kind != "heading" and fingerprint(p.text) in known:
            p.kind = "boilerplate"
            n += 1
    return n
