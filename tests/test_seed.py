"""The page the project started from, read end to end as a user does (CLI), against the analyst's reading."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from newsledger.cli import cli
from newsledger.models import check_spans


def test_seed_page_reads_as_the_analyst_reads_it(seed_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(seed_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert check_spans(doc) == []
    paragraphs = doc["paragraphs"]
    assert len(paragraphs) == 12
    assert [p["kind"] for p in paragraphs[:2]] == ["heading", "heading"]
    assert [p["lang"] for p in paragraphs] == ["en"] * 11 + ["az"]
    heading_date = next(d for d in doc["dates"] if d["text"] == "15 October")
    assert (heading_date["value"], heading_date["precision"]) == ("--10-15", "day-month")
    assert not any("30 years" in d["text"] for d in doc["dates"])
    names = {e["canonical"] for e in doc["entities"]}
    for name in ("Rahman Mustafayev", "Le Courrier de l'Atlas", "Ganja", "Emmanuel Macron", "Geneva Conventions",
                 "Morocco", "OSCE Minsk Group", "Ilham Aliyev"):
        assert name in names, name

    by_mustafayev = [q for q in doc["quotes"] if q["speaker"] and q["speaker"]["name"] == "Rahman Mustafayev"]
    assert len(by_mustafayev) >= 9
    stances = {(q["target"]["name"], q["polarity"]) for q in by_mustafayev if q["kind"] == "stance"}
    assert ("OSCE Minsk Group", "negative") in stances and ("Morocco", "positive") in stances

    attack = next(e for e in doc["events"] if e["type"] == "attack" and e["place"] and e["place"]["name"] == "Ganja")
    assert (attack["killed"]["low"], attack["killed"]["high"]) == (10, 10)
    assert attack["injured"]["low"] is None and "numerous" in attack["injured"]["text"]
    assert attack["date"]["not_after"] == "--10-15" and attack["date"]["value"] is None
    assert attack["claimant"]["name"] == "Rahman Mustafayev"


def test_slogan_is_boilerplate_on_all_three_pages(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "zefer.db"
    pages = sorted(str(p) for p in (shared / "examples").glob("zefer-*.txt"))
    result = CliRunner().invoke(cli, ["ingest", *pages, "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    con = sqlite3.connect(db)
    rows = con.execute("SELECT d.input_id, p.kind, p.lang FROM paragraphs p JOIN documents d ON d.id = p.doc_id"
                       " JOIN paragraph_texts t ON t.pid = p.rowid WHERE t.text LIKE 'Azərbaycan Ordusunun%'").fetchall()
    assert len(rows) == 3 and all(kind == "boilerplate" and lang == "az" for _, kind, lang in rows)
    inside = con.execute("SELECT COUNT(*) FROM entities e JOIN paragraphs p ON p.doc_id = e.doc_id"
                         " AND e.start >= p.start AND e.start < p.\"end\" WHERE p.kind = 'boilerplate'").fetchone()[0]
    assert inside == 0  # nothing is extracted from boilerplate, also on pages stored before it was revealed
