"""What commands share: the ``--db`` option, and the rule that a read command never creates a store (E042)."""
from __future__ import annotations

from typing import Any

import click


def _db_option(func: Any) -> Any:
    return click.option(
        "--db", envvar="NEWSLEDGER_DB", default="newsledger.db", show_default=True,
        help="SQLite file of the store (or set NEWSLEDGER_DB).",
    )(func)


def _require_store(db: str) -> None:
    """A read command's store must exist: E042 (and nothing created) otherwise."""
    from newsledger.store.exists import require_store

    require_store(db)
