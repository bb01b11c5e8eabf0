"""Read commands never create a store; bad dates are usage errors (exit 2), as in the web."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import cli
from newsledger.store.exists import store_exists

PAGE = "12 October\n\nFighting\n\nThe shelling of Tartar continued overnight, the ministry said.\n"

READ_COMMANDS = [["stats"], ["search", "Tartar"], ["show", "abc"], ["quotes"], ["export", "--what", "documents"],
                 ["chronicle"], ["coverage"], ["incidents"], ["tallies"], ["compact"], ["serve", "--port", "1"]]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


@pytest.mark.parametrize("args", READ_COMMANDS, ids=lambda a: a[0])
def test_read_command_on_a_missing_store_creates_nothing(runner: CliRunner, tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "none.db"
    result = runner.invoke(cli, [*args, "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert error_lines(result.stderr) == [
        f"error: E042 no store at {str(db)!r}: run `newsledger ingest PATHS --db {db}` first"]
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert list(tmp_path.iterdir()) == []


def test_read_command_on_a_file_that_is_not_a_store(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("not a database, just notes\n" * 10, encoding="utf-8")
    result = runner.invoke(cli, ["stats", "--db", str(db)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert len(error_lines(result.stderr)) == 1 and result.stderr.startswith("error: E04")
    assert db.read_text(encoding="utf-8") == "not a database, just notes\n" * 10


def test_ingest_of_nothing_readable_leaves_no_store(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = runner.invoke(cli, ["ingest", str(tmp_path / "nonexistent"), "--db", str(db), "--no-progress"])
    assert result.exit_code == 1
    assert "E016" in result.stderr and "E060" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_ingest_then_read_commands_work(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    assert runner.invoke(cli, ["ingest", str(page), "--db", str(db), "--no-progress"]).exit_code == 0
    assert store_exists(str(db))
    for args in READ_COMMANDS[:-1]:  # all but serve, which would not return
        if args[0] == "show":
            args = ["show", str(page)]
        result = runner.invoke(cli, [*args, "--db", str(db)])
        assert result.exit_code == 0, (args, result.output)


def test_ingest_into_an_existing_store_keeps_it_even_when_nothing_is_read(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    runner.invoke(cli, ["ingest", str(page), "--db", str(db), "--no-progress"])
    result = runner.invoke(cli, ["ingest", str(tmp_path / "nonexistent"), "--db", str(db), "--no-progress"])
    assert result.exit_code == 1 and store_exists(str(db))


@pytest.mark.parametrize("args", [["--from", "yesterday"], ["--to", "2020-13-01"], ["--from", "2020-02-30"],
                                  ["--from", "2020-10-20", "--to", "2020-10-01"], ["--from", "2020-10"]])
def test_bad_chronicle_dates_are_usage_errors(runner: CliRunner, tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "x.db"
    result = runner.invoke(cli, ["chronicle", *args, "--db", str(db)])
    assert result.exit_code == 2, result.output
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and lines[0].startswith("error: E050 ")
    assert result.stdout == "" and not db.exists()


def test_good_chronicle_dates_pass(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    runner.invoke(cli, ["ingest", str(page), "--db", str(db), "--no-progress"])
    result = runner.invoke(cli, ["chronicle", "--from", "2020-10-01", "--to", "2020-10-31", "--db", str(db)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("value", ["2020-02-31", "2020-13", "last week", "2020-10-15x", "--02-30"])
def test_bad_published_is_a_usage_error(runner: CliRunner, tmp_path: Path, value: str) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    db = tmp_path / "x.db"
    for args in (["analyze", str(page)], ["ingest", str(page), "--db", str(db), "--no-progress"]):
        result = runner.invoke(cli, [*args, "--published", value])
        assert result.exit_code == 2, (args, result.output)
        lines = error_lines(result.stderr)
        assert len(lines) == 1 and lines[0].startswith("error: E050 ") and "--published" in lines[0]
    assert not db.exists()


@pytest.mark.parametrize("value", ["2020-02-29", "2020-10", "2020", "--02-29"])
def test_good_published_is_kept(runner: CliRunner, tmp_path: Path, value: str) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = runner.invoke(cli, ["analyze", str(page), "--published", value])
    assert result.exit_code == 0, result.output
    assert f'"value": "{value}"' in result.stdout


def test_ingest_never_removes_a_file_it_did_not_create(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.write_bytes(b"")  # made by the user beforehand: an empty file is an empty SQLite database
    result = runner.invoke(cli, ["ingest", str(tmp_path / "nonexistent"), "--db", str(db), "--no-progress"])
    assert result.exit_code == 1 and db.exists()


def test_ingest_into_a_file_that_is_not_a_database_is_one_error(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "notes.txt"
    db.write_text("my notes\n" * 50, encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = runner.invoke(cli, ["ingest", str(page), "--db", str(db), "--no-progress"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert error_lines(result.stderr)[0].startswith("error: E040 ")
    assert db.read_text(encoding="utf-8") == "my notes\n" * 50
