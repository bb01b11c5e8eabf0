"""The ``newsledger`` command: a thin layer over the Python API.

Every library error becomes one line on stderr (``error: E016 path: ...``), printed once, with
control characters escaped (:func:`one_line`); the exit status is non-zero only when nothing could
be read (or the command itself could not run: 2 for a usage error). Read commands never create a
store (E042).

The group and its logging are here; the commands are in ``analysing`` (analyze, ingest),
``browsing`` (reading the store: search, show, stats, quotes, export, chronicle, coverage, relink, compact,
incidents), ``following`` (fetch, follow) and ``serving`` (serve, settings); ``output`` holds what
they print with, ``options`` what they share.
"""
from __future__ import annotations

import logging
import re
import sys
from typing import Any

import click

from newsledger import __version__
from newsledger.cli.analysing import analyze, ingest
from newsledger.cli.browsing import chronicle, compact, coverage, export, incidents, quotes, relink, search, show, stats
from newsledger.cli.following import fetch, follow
from newsledger.cli.output import _err, one_line
from newsledger.cli.serving import serve, show_settings
from newsledger.cli.tallies import tallies
from newsledger.errors import NewsledgerError, UsageError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}

#: A log message that starts with an error code: a failure the command prints itself as ``error: ...``.
_CODED = re.compile(r"E\d{3}\b")


class _OneLineFormatter(logging.Formatter):
    """Log lines with control characters escaped, like every other line the CLI prints."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        return one_line(super().formatMessage(record))


def _not_reported_by_the_cli(record: logging.LogRecord) -> bool:
    return not _CODED.match(record.getMessage())


class _Group(click.Group):
    """Turns library errors into one line with their code instead of a traceback.

    click's own usage errors in a command's options (``--format bogus``) become one ``error: E050``
    line too, exit 2, instead of click's usage block.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsledgerError as exc:
            _err(f"error: {exc}")
            ctx.exit(2 if isinstance(exc, UsageError) else 1)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx is not None else ctx.command_path
            _err(f"error: {UsageError.code} {exc.format_message().rstrip('.')}: see `{where} -h`")
            ctx.exit(2)


@click.group(cls=_Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="newsledger")
@click.option("-v", "--verbose", count=True, help="More logging on stderr (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """Read news pages in any language into a cited, day-by-day ledger.

    \b
    Examples:
      newsledger analyze page.html --format json
      newsledger ingest examples/demo
      newsledger search Ganja
      newsledger chronicle --format md
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLineFormatter("%(levelname)s %(name)s: %(message)s"))
    if verbose == 0:  # each failure is printed once, as `error: E0xx ...`; -v shows the library's log of it too
        handler.addFilter(_not_reported_by_the_cli)
    logging.basicConfig(level=level, handlers=[handler])
    # trafilatura and htmldate log rejected pages as errors; newsledger reports its own failures.
    for noisy in ("trafilatura", "htmldate", "charset_normalizer", "distributed"):
        logging.getLogger(noisy).setLevel(logging.CRITICAL if verbose < 2 else logging.DEBUG)


for _command in (analyze, ingest, search, show, stats, quotes, export, chronicle, fetch, follow, coverage, relink, compact,
                 incidents, tallies, serve, show_settings):
    cli.add_command(_command)


def main() -> None:
    cli(prog_name="newsledger")
