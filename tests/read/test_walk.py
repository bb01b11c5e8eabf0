"""Reading a folder skips its own documentation and expected-output notes, never a file named explicitly."""
from __future__ import annotations

from pathlib import Path

from newsledger.models import Document
from newsledger.read.files import read_paths
from newsledger.settings import load_settings


def test_folder_docs_and_expected_notes_are_skipped(tmp_path: Path) -> None:
    for name in ("page.txt", "README.md", "LICENSE", "page.expected.md", "notes.md"):
        (tmp_path / name).write_text(f"Text of {name}, a page about Ganja.", encoding="utf-8")
    settings = load_settings(env={})
    read = [d.input_id for d in read_paths([str(tmp_path)], settings) if isinstance(d, Document)]
    assert [Path(p).name for p in read] == ["notes.md", "page.txt"]
    explicit = [d for d in read_paths([str(tmp_path / "README.md")], settings) if isinstance(d, Document)]
    assert len(explicit) == 1


def test_skip_patterns_are_a_setting(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Page a about Baku.", encoding="utf-8")
    (tmp_path / "README.md").write_text("Docs.", encoding="utf-8")
    settings = load_settings({"skip_files": ""}, env={})
    assert len(list(read_paths([str(tmp_path)], settings))) == 2
