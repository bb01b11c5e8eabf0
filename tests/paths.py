"""Where the tests find the repository, its fixtures and the shared data folder."""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = REPO / "tests" / "fixtures"
DEMO = REPO / "examples" / "demo"
