"""`make bench` rewrites only its part of docs/BENCHMARKS.md: the hand-written rounds and notes around it stay."""
from __future__ import annotations

from pathlib import Path

from benchmarks.run_all import MARK_END, MARK_START, write_doc


def test_the_generated_part_is_replaced_and_the_rest_kept(tmp_path: Path) -> None:
    doc = tmp_path / "BENCHMARKS.md"
    doc.write_text(f"# Benchmarks\n\n{MARK_START}\nold table\n{MARK_END}\n\n## Round 7\n\nnotes by hand\n", encoding="utf-8")
    write_doc(["# Benchmarks", "", "## Scale", "| new | table |"], doc)
    text = doc.read_text(encoding="utf-8")
    assert "old table" not in text and "| new | table |" in text and "### Scale" in text
    assert text.startswith("# Benchmarks\n\n" + MARK_START) and text.endswith(f"{MARK_END}\n\n## Round 7\n\nnotes by hand\n")
    write_doc(["# Benchmarks", "", "again"], doc)  # the marks stay where they were: a second run replaces the first
    assert doc.read_text(encoding="utf-8").count(MARK_START) == 1 and "| new | table |" not in doc.read_text(encoding="utf-8")


def test_a_file_without_marks_keeps_all_it_held_below_the_generated_part(tmp_path: Path) -> None:
    doc = tmp_path / "BENCHMARKS.md"
    doc.write_text("# Benchmarks\n\n## Round 6\n\nby hand\n", encoding="utf-8")
    write_doc(["# Benchmarks", "", "generated"], doc)
    text = doc.read_text(encoding="utf-8")
    assert text.index("generated") < text.index(MARK_END) < text.index("## Round 6\n\nby hand")
    missing = tmp_path / "new.md"
    write_doc(["# Benchmarks", "", "generated"], missing)
    assert missing.read_text(encoding="utf-8").startswith("# Benchmarks\n\n" + MARK_START)
