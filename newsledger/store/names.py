"""Queries of ``name_variants``: how often each written form of a canonical name was seen."""
from __future__ import annotations

from typing import Any, Optional

from newsledger.lang import UNDETERMINED
from newsledger.store.connection import Database


def record_variant(db: Database, canonical_key: str, variant: str, lang: Optional[str] = None) -> None:
    """Count one sighting of ``variant`` (as written) for ``canonical_key``."""
    db.conn.execute(
        "INSERT INTO name_variants(canonical, variant, lang, count) VALUES (?, ?, ?, 1) "
        "ON CONFLICT(canonical, variant, lang) DO UPDATE SET count = count + 1",
        (canonical_key, variant.strip(), lang or UNDETERMINED),
    )


def name_variants(db: Database, canonical_key: Optional[str] = None) -> list[dict[str, Any]]:
    """Variants seen, most frequent first: [{canonical, variant, lang, count}]."""
    sql = "SELECT canonical, variant, lang, count FROM name_variants"
    args: tuple[Any, ...] = ()
    if canonical_key is not None:
        sql += " WHERE canonical = ?"
        args = (canonical_key,)
    sql += " ORDER BY canonical, count DESC, variant, lang"
    return [dict(zip(("canonical", "variant", "lang", "count"), row)) for row in db.conn.execute(sql, args)]


def variant_counts(db: Database, canonical_key: str) -> list[tuple[str, int]]:
    """(variant, count) of one canonical name, all languages."""
    return [(r[0], r[1]) for r in db.conn.execute("SELECT variant, count FROM name_variants WHERE canonical = ?",
                                                  (canonical_key,))]
