"""Stores for the web tests: hand-written pages through the real ingest."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsledger.ingest import ingest
from newsledger.resources import Resources
from newsledger.store import Store


def ingest_pages(folder: Path, pages: list[dict[str, Any]], resources: Resources, name: str = "web") -> str:
    """Write ``pages`` as one JSONL file in ``folder``, ingest it into ``<name>.db`` there; returns the store's path."""
    path = folder / f"{name}.jsonl"
    path.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in pages) + "\n", encoding="utf-8")
    db = str(folder / f"{name}.db")
    with Store(db) as store:
        report = ingest([str(path)], store, resources=resources)
    assert report.documents_new == len(pages), report.to_dict()
    return db
