"""Canonical names across languages and scripts, and the variants seen for each.

:func:`newsledger.gazetteer.names.canonical_name` knows that Ganja, Gəncə, Гянджа, Gence and
Gandja are one place. Where it gives no key, the fallback is a casefolded Unidecode
transliteration, which links spelling variants in one script but not across scripts.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from typing import Any, Optional

from newsledger.gazetteer.names import canonical_name
from newsledger.store import names as name_store
from newsledger.store.connection import Database

log = logging.getLogger(__name__)

_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def fallback_canonical(mention: str) -> str:
    """Casefolded ASCII transliteration with collapsed spaces: 'Gəncə ' -> 'gence'."""
    from unidecode import unidecode

    text = unicodedata.normalize("NFKC", mention)
    text = unidecode(text).casefold()
    text = _EDGE_PUNCT.sub("", _SPACES.sub(" ", text).strip())
    return text


def canonical(mention: Optional[str], lang: Optional[str] = None, label: Optional[str] = None) -> Optional[str]:
    """One canonical key for a place or actor mention; None for an empty mention."""
    if not mention or not mention.strip():
        return None
    return _cached_canonical(mention, lang, label)


@lru_cache(maxsize=65536)
def _cached_canonical(mention: str, lang: Optional[str], label: Optional[str]) -> Optional[str]:
    # The same few place names recur in every document: resolve each (name, lang) once.
    try:
        value: Optional[str] = canonical_name(mention, lang=lang, label=label)
    except Exception as exc:  # a bug in names.py must not stop linking
        log.debug("canonical_name failed on %r: %s", mention, exc)
        value = None
    if value:
        return str(value)
    return fallback_canonical(mention) or None


def argument_canonical(arg: Any, lang: Optional[str] = None, label: Optional[str] = None) -> Optional[str]:
    """Canonical key of an :class:`~newsledger.models.Argument` (or its dict), trusting ``canonical`` when set."""
    if arg is None:
        return None
    get = arg.get if isinstance(arg, dict) else (lambda key: getattr(arg, key, None))
    given = get("canonical")
    if given:
        # Re-key the given canonical too, so 'Ganja' from one stage and 'ganja' from another agree.
        return canonical(given, lang, label)
    return canonical(get("name") or get("text"), lang, label)


# --- persistence -------------------------------------------------------------------------

def record_variant(store: Database, canonical_key: str, variant: str, lang: Optional[str] = None) -> None:
    """Count one sighting of ``variant`` (as written) for ``canonical_key``."""
    name_store.record_variant(store, canonical_key, variant, lang)


def name_variants(store: Database, canonical_key: Optional[str] = None) -> list[dict[str, Any]]:
    """Variants seen, most frequent first: [{canonical, variant, lang, count}]."""
    return name_store.name_variants(store, canonical_key)


def display_name(store: Database, canonical_key: Optional[str]) -> Optional[str]:
    """The name to write in prose: the canonical name itself when it is one ("Baku", the gazetteer's
    English name, rather than the "Баку" a Russian page wrote), else the most frequent written form
    of the key (Latin-script forms first)."""
    if not canonical_key:
        return None
    if not canonical_key.islower() and all(c.isascii() or not c.isalpha() for c in canonical_key):
        return canonical_key
    best: Optional[tuple[int, int, str]] = None
    for variant, count in name_store.variant_counts(store, canonical_key):
        latin = 1 if variant.isascii() else 0
        key = (latin, count, variant)
        if best is None or key[:2] > best[:2] or (key[:2] == best[:2] and variant < best[2]):
            best = key
    if best is not None:
        return best[2]
    return canonical_key if not canonical_key.islower() else canonical_key.title()
