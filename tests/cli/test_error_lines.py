"""Each error is printed once, on one line, with file names escaped; messages name options that exist."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from newsledger.cli import cli, one_line
from tests.paths import REPO

CRAFTED = "bad\nerror: E999 fake.txt"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed command in a fresh process: logging set up as a user gets it (not pytest's)."""
    return subprocess.run([sys.executable, "-m", "newsledger.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_one_line_escapes_control_characters() -> None:
    assert one_line("a\nb\rc\td\x00e\x1b[31m\u2028f\x85") == "a\\nb\\rc\\td\\x00e\\x1b[31m\\u2028f\\x85"
    assert one_line("Gəncə/Гянджа.txt") == "Gəncə/Гянджа.txt"


def test_an_error_is_printed_once(tmp_path: Path) -> None:
    result = run_cli("analyze", str(tmp_path / "missing.txt"), cwd=tmp_path)
    lines = result.stderr.splitlines()
    assert [line for line in lines if "E016" in line] == [f"error: E016 {tmp_path / 'missing.txt'}: "
                                                         + lines[0].split(": ", 2)[2]]
    assert not any(line.startswith("WARNING") for line in lines)
    assert lines[-1].startswith("error: E060")


def test_ingest_error_is_printed_once(tmp_path: Path) -> None:
    result = run_cli("ingest", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "x.db"), "--no-progress",
                     cwd=tmp_path)
    assert len([line for line in result.stderr.splitlines() if "E016" in line]) == 1, result.stderr


@pytest.mark.parametrize("command", ["analyze", "ingest"])
def test_a_crafted_file_name_cannot_split_the_line(tmp_path: Path, command: str) -> None:
    bad = tmp_path / CRAFTED
    bad.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    good = tmp_path / "good.txt"
    good.write_text("The shelling of Tartar continued overnight, the ministry said.\n", encoding="utf-8")
    args = [command, str(bad), str(good)] + (["--db", str(tmp_path / "x.db"), "--no-progress"] if command == "ingest" else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    for stream in (result.stdout, result.stderr):
        assert not any(line.startswith("error: E999") or line.startswith("  E999") for line in stream.splitlines())
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "bad\\nerror: E999 fake.txt" in errors[0]


def _cli_options() -> set[str]:
    names = {"--help", "--version"}
    for command in [cli, *cli.commands.values()]:
        for param in command.params:
            if isinstance(param, click.Option):
                names.update(o for o in param.opts + param.secondary_opts if o.startswith("--"))
    return names


def _message_strings(path: Path) -> list[str]:
    """The string constants of a module that are not docstrings (messages, help texts)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_messages_name_options_that_exist() -> None:
    options = _cli_options()
    unknown = []
    for path in sorted((REPO / "newsledger").rglob("*.py")):
        for text in _message_strings(path):
            for option in re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", text):
                if option not in options:
                    unknown.append(f"{path.relative_to(REPO)}: {option} in {text[:80]!r}")
    assert unknown == []


def test_a_bad_option_value_is_one_coded_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--format", "xml", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: E050 ") and "'--format'" in lines[0]
    assert lines[0].endswith("see `newsledger export -h`") or "export -h" in lines[0]
    assert not (tmp_path / "x.db").exists()
