"""The command line, driven as a user would (click's CliRunner)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import cli
from newsledger.models import check_spans
from newsledger.store import Store

PAGE = "12 October\n\nFighting\n\nThe shelling of Tartar continued overnight, the ministry said.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_analyze_one_text_file_prints_one_json_object(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "page.txt"
    f.write_text(PAGE, encoding="utf-8")
    result = runner.invoke(cli, ["analyze", str(f), "--format", "json", "--site", "chronicle.example",
                                 "--published", "2020-10-12"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["input_id"] == str(f) and data["site"] == "chronicle.example"
    assert data["published"]["value"] == "2020-10-12"
    assert [p["kind"] for p in data["paragraphs"]] == ["heading", "heading", "body"]
    assert check_spans(data) == []


def test_analyze_several_files_gives_jsonl_in_input_order(runner: CliRunner, tmp_path: Path) -> None:
    paths = []
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text(f"Page {name}.\n", encoding="utf-8")
        paths.append(str(tmp_path / name))
    result = runner.invoke(cli, ["analyze", *paths])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["input_id"] for d in lines] == paths


def test_bad_path_is_one_line_and_batch_goes_on(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(PAGE, encoding="utf-8")
    result = runner.invoke(cli, ["analyze", str(tmp_path / "missing.txt"), str(good)])
    assert result.exit_code == 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "E016" in errors[0]
    assert len(result.stdout.splitlines()) == 1


def test_nothing_read_exits_non_zero(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["analyze", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0
    assert "E016" in result.stderr and "E060" in result.stderr


def test_ingest_search_show_stats_export(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    f = tmp_path / "page.txt"
    f.write_text(PAGE, encoding="utf-8")
    first = runner.invoke(cli, ["ingest", str(f), "--db", db])
    assert first.exit_code == 0, first.output
    assert "documents: 1 new, 0 already stored" in first.stdout
    again = runner.invoke(cli, ["ingest", str(f), "--db", db])
    assert "documents: 0 new, 1 already stored" in again.stdout

    hits = runner.invoke(cli, ["search", "Tartar", "--db", db, "--json"])
    assert json.loads(hits.stdout)[0]["input_id"] == str(f)
    shown = runner.invoke(cli, ["show", str(f), "--db", db, "--format", "json"])
    assert json.loads(shown.stdout)["text"] == PAGE
    stats = runner.invoke(cli, ["stats", "--db", db, "--json"])
    assert json.loads(stats.stdout)["documents"] == 1
    for fmt in ("jsonl", "csv"):
        out = runner.invoke(cli, ["export", "--db", db, "--what", "paragraphs", "--format", fmt])
        assert out.exit_code == 0 and "Tartar" in out.stdout
    pq = tmp_path / "docs.parquet"
    out = runner.invoke(cli, ["export", "--db", db, "--what", "documents", "--format", "parquet", "-o", str(pq)])
    assert out.exit_code == 0
    import pyarrow.parquet as parquet
    assert parquet.read_table(pq).num_rows == 1


def test_db_from_environment(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "page.txt"
    f.write_text(PAGE, encoding="utf-8")
    db = tmp_path / "env.db"
    result = runner.invoke(cli, ["ingest", str(f)], env={"NEWSLEDGER_DB": str(db)})
    assert result.exit_code == 0 and db.exists()


def test_errors_are_one_line_with_a_code(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    Store(db).close()  # an empty store: the document is what is missing
    result = runner.invoke(cli, ["show", "nothing-here", "--db", db])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and result.stderr.startswith("error: E044")
    result = runner.invoke(cli, ["export", "--db", db, "--what", "nope"])
    assert result.exit_code == 2 and "E050" in result.stderr


def test_export_events_carry_their_input(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "strike.txt"
    f.write_text("A missile hit Ganja late at night, killing 10 civilians and injuring 34, officials said.\n",
                 encoding="utf-8")
    db = str(tmp_path / "e.db")
    assert runner.invoke(cli, ["ingest", str(f), "--db", db, "--no-progress"]).exit_code == 0
    rows = [json.loads(line) for line in runner.invoke(cli, ["export", "--db", db, "--what", "events"]).stdout.splitlines()]
    assert rows and all(r["input_id"] == str(f) for r in rows)
    acled = runner.invoke(cli, ["export", "--db", db, "--what", "events", "--format", "csv"]).stdout
    assert acled.startswith("event_date,") and "Ganja" in acled


def test_export_every_table_in_every_format_through_the_command(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    pages = []
    for name, text in (("a.txt", PAGE), ("b.txt", PAGE + "\nA reprint of the page above, word for word.\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        pages.append(str(tmp_path / name))
    assert runner.invoke(cli, ["ingest", *pages, "--db", db, "--no-progress"]).exit_code == 0
    with Store(db) as store:
        tables = store.tables()
    assert "reprint_signatures" in tables
    for table in tables:
        for fmt in ("jsonl", "csv", "parquet"):
            out = tmp_path / f"{table}.{fmt}"
            result = runner.invoke(cli, ["export", "--db", db, "--what", table, "--format", fmt, "-o", str(out)])
            assert result.exit_code == 0 and result.exception is None, (table, fmt, result.output)
            if fmt == "csv":
                assert out.read_bytes().split(b"\r\n", 1)[0], (table, "header")
    signatures = runner.invoke(cli, ["export", "--db", db, "--what", "reprint_signatures"])
    rows = [json.loads(line) for line in signatures.stdout.splitlines()]
    assert len(rows) == 2 and all(bytes.fromhex(r["hashvalues"]) for r in rows)
