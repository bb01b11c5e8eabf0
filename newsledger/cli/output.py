"""What the CLI prints with: JSON as it prints it, and lines (errors above all) with control
characters escaped so that nothing a file name holds can split a line or fake one."""
from __future__ import annotations

import json
from typing import Any

import click

from newsledger.models import Failure


def _json_text(data: Any) -> str:
    """JSON as the CLI prints it: indented, non-ASCII kept (Гянджа, Gəncə stay readable)."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def _echo_json(data: Any) -> None:
    click.echo(_json_text(data))


def one_line(text: str) -> str:
    """``text`` as one line: characters that are not printable (newline, CR, tab, escape, U+2028...)
    written as Python writes them in a repr (``\\n``, ``\\x1b``), so a crafted file name cannot
    split a line or print a line of its own (a fake ``error: E999``)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _err(message: str) -> None:
    click.echo(one_line(message), err=True)


def _report_failure(item: Failure) -> None:
    _err(f"error: {item.code} {item.input_id or ''}: {item.message}")
