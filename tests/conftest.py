"""Shared fixtures: hand-built documents, the shared data folder, a fresh store."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

from newsledger.models import Document, Paragraph
from newsledger.resources import Resources
from newsledger.store import Store

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True, scope="session")
def allow_testserver_host() -> Iterator[None]:
    """Starlette's TestClient sends ``Host: testserver``: allow it for every web app built in the tests."""
    before = os.environ.get("NEWSLEDGER_ALLOW_HOSTS")
    os.environ["NEWSLEDGER_ALLOW_HOSTS"] = ",".join(filter(None, [before, "testserver"]))
    yield
    if before is None:
        os.environ.pop("NEWSLEDGER_ALLOW_HOSTS", None)
    else:
        os.environ["NEWSLEDGER_ALLOW_HOSTS"] = before


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, or skip: evaluation data and example pages live there, not in the repo."""
    if not (SHARED / "examples").is_dir():
        pytest.skip("../shared is absent: these tests read the shared example pages and gold data")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared: Path) -> Path:
    return shared / "examples" / "zefer-15-october.txt"


@pytest.fixture(scope="session")
def resources() -> Resources:
    """One Resources (models loaded once) for the whole test session."""
    return Resources()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(str(tmp_path / "test.db"))
    yield s
    s.close()


def make_doc(paragraphs: list[tuple[str, str, str]], *, input_id: str = "test", site: str | None = None,
             url: str | None = None) -> Document:
    """A Document from (text, lang, kind) triples, paragraphs joined by blank lines."""
    text = "\n\n".join(p[0] for p in paragraphs)
    doc = Document.new(text, input_id=input_id, site=site, url=url)
    pos = 0
    for body, lang, kind in paragraphs:
        doc.paragraphs.append(Paragraph(start=pos, end=pos + len(body), text=body, lang=lang, lang_score=1.0, kind=kind))
        pos += len(body) + 2
    return doc
