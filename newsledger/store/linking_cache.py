"""The incident rows one relink reads again and again, kept in memory while it links.

Linking a new event reads the members filed under its blocks (a few hundred, the most recent first) and their
features; the next event of its report, and the next reports of its days and places, read mostly the same rows. While
a relink links documents in order (:mod:`newsledger.crossdoc.relink`), nothing but the linker writes the incident
tables and it only adds rows: a member filed now is the newest (highest number) of each of its blocks. So a block's
most recent members, a member's row and an incident's number, once read, stay true if every filing updates them:
:func:`newsledger.store.incidents.file_event` and ``create_incident`` do. Anything else that changes those tables
(forgetting a document, a linking error rolled back to its savepoint) empties the cache; a bridge that merges two
incidents renames the absorbed one's members in it.
"""
from __future__ import annotations

import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, Optional

from newsledger.store.connection import Database

#: (doc_id, idx, incident_id, features text) of a linked event.
MemberRow = tuple[str, int, str, str]


@dataclass
class LinkingCache:
    """What one relink has read of the incident tables (see the module docstring)."""

    #: How many members of a block are kept (the linker's candidate cap: it never reads more of one block).
    depth: int
    #: Block key -> its most recent members, newest first (all of them when fewer than ``depth``).
    blocks: dict[int, list[int]] = field(default_factory=dict)
    members: dict[int, MemberRow] = field(default_factory=dict)
    #: Incident id -> its founding number.
    seqs: dict[str, int] = field(default_factory=dict)

    def clear(self) -> None:
        self.blocks.clear()
        self.members.clear()
        self.seqs.clear()

    def filed(self, member: int, row: MemberRow, keys: list[int]) -> None:
        """A member just filed under ``keys`` (the newest of each)."""
        self.members[member] = row
        for key in keys:
            known = self.blocks.get(key)
            if known is not None:
                known.insert(0, member)
                del known[self.depth:]

    def merged(self, absorbed: str, keep: str) -> None:
        """Incident ``absorbed`` became part of ``keep``: its members' rows name ``keep`` now."""
        for member, (doc_id, idx, incident_id, blob) in list(self.members.items()):
            if incident_id == absorbed:
                self.members[member] = (doc_id, idx, keep, blob)
        self.seqs.pop(absorbed, None)


_ACTIVE: "weakref.WeakKeyDictionary[Database, LinkingCache]" = weakref.WeakKeyDictionary()


def active(db: Database) -> Optional[LinkingCache]:
    """The cache of the relink linking in ``db`` now, or None."""
    return _ACTIVE.get(db)


@contextmanager
def caching(db: Database, depth: int) -> Iterator[LinkingCache]:
    """Keep the incident rows read while linking in ``db`` (one relink, inside its transaction)."""
    cache = _ACTIVE[db] = LinkingCache(depth)
    try:
        yield cache
    finally:
        _ACTIVE.pop(db, None)


def forget(db: Database) -> None:
    """Rows were changed other than by filing (a document forgotten, a savepoint rolled back): read them again."""
    cache = _ACTIVE.get(db)
    if cache is not None:
        cache.clear()
