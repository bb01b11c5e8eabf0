"""Reading inputs into Documents: text, Markdown, HTML, JSONL and WARC files, directories and stdin.

:func:`read_paths` yields one :class:`~newsledger.models.Document` per page, in input order,
and a :class:`~newsledger.models.Failure` (coded E011-E019) for each input it cannot read;
reading always goes on with the next input. The text a Document stores is exactly what every
later span indexes into: decoded, BOM removed, newlines normalised to ``\\n``, and for HTML the
main text with paragraphs and headings separated by blank lines.

Metadata precedence: a JSONL record's own fields and a WARC record's URI come first, then what
the HTML page states (title, publication date), then the user's :class:`Metadata`, which fills
gaps (it applies to a whole batch, so it never overrides what a page says about itself).
"""
from __future__ import annotations

import io
import logging
import os
import sys
from typing import BinaryIO, Iterator, Optional, Sequence, cast

from newsledger.errors import InputError, InputTooLarge, TruncatedInput, UnknownFormat, UnreadablePath
from newsledger.models import Failure
from newsledger.read.decode import GZIP_MAGIC, GunzipStream, maybe_gunzip, open_regular, read_file_capped
from newsledger.read.documents import Item, _failure, _one
from newsledger.read.jsonl import read_jsonl
from newsledger.read.metadata import Metadata
from newsledger.read.paths import format_of, sniff_format, walk_directory
from newsledger.read.warc import read_warc
from newsledger.settings import Settings

log = logging.getLogger(__name__)


def read_paths(paths: Sequence[str], settings: Settings, meta: Metadata = Metadata()) -> Iterator[Item]:
    """Documents and Failures for files, directories (recursive, sorted, hidden skipped) and ``-`` (stdin)."""
    for path in paths:
        if path == "-":
            yield from read_stdin(settings, meta)
        elif os.path.isdir(path):
            for file_path in walk_directory(path, tuple(p for p in settings.skip_files.split(",") if p)):
                yield from read_file(file_path, settings, meta)
        else:
            yield from read_file(path, settings, meta)


def read_file(path: str, settings: Settings, meta: Metadata = Metadata()) -> Iterator[Item]:
    """Documents (several for JSONL and WARC) or Failures for one file."""
    fmt, gz = format_of(path)
    if not os.path.exists(path):
        yield _failure(UnreadablePath("no such file or directory: check the path", input_id=path))
        return
    if fmt is None:
        ext = os.path.splitext(path)[1] or "(none)"
        yield _failure(UnknownFormat(
            f"unknown file extension {ext}: use .txt, .md, .html, .htm, .jsonl, .warc or .warc.gz "
            "(or .gz of these), or rename the file", input_id=path))
        return
    try:
        if fmt in ("warc", "jsonl"):
            with open_regular(path) as fh:
                stream: BinaryIO = fh
                gunzip: Optional[GunzipStream] = None
                if gz or cast(io.BufferedReader, fh).peek(2)[:2] == GZIP_MAGIC:
                    # Streamed, so a file of many records may be large; all of it together stays under
                    # max_decompressed_bytes (a bomb stops there, E019).
                    gunzip = GunzipStream(fh, settings.max_decompressed_bytes, input_id=path,
                                          setting="NEWSLEDGER_MAX_DECOMPRESSED_BYTES")
                    stream = cast(BinaryIO, io.BufferedReader(gunzip))
                cut_told = False
                for item in (read_warc if fmt == "warc" else read_jsonl)(stream, path, settings, meta):
                    cut_told = cut_told or (isinstance(item, Failure) and item.code == TruncatedInput.code)
                    yield item
                if gunzip is not None and gunzip.truncated and not cut_told:
                    # The whole records before the cut are kept; the cut one (a bad line, a cut record) was
                    # told already, or the cut fell between records: either way the rest is lost, say so.
                    yield _failure(gunzip.truncation(), path)
        else:
            data = read_file_capped(path, settings.max_bytes, gz=gz, max_decompressed=settings.max_decompressed_bytes)
            yield _one(data, fmt, path, meta)
    except InputError as err:
        yield _failure(err, path)
    except (OSError, EOFError) as exc:  # permission denied, a truncated .gz, a directory vanishing...
        yield _failure(UnreadablePath(f"{getattr(exc, 'strerror', None) or exc}: check the path and permissions",
                                      input_id=path))


def read_stdin(settings: Settings, meta: Metadata = Metadata()) -> Iterator[Item]:
    """Documents from standard input; the format is sniffed (WARC, HTML, JSONL, else text)."""
    try:
        data = sys.stdin.buffer.read(settings.max_bytes + 1)
        if len(data) > settings.max_bytes:
            raise InputTooLarge(f"standard input is over the {settings.max_bytes:,}-byte limit: "
                                "set NEWSLEDGER_MAX_BYTES higher (see `newsledger settings`) or pass a file", input_id="-")
        data = maybe_gunzip(data, settings.max_bytes, input_id="-")
    except InputError as err:
        yield _failure(err, "-")
        return
    fmt = sniff_format(data)
    log.debug("stdin: read %d bytes as %s", len(data), fmt)
    if fmt == "warc":
        yield from read_warc(io.BytesIO(data), "-", settings, meta)
    elif fmt == "jsonl":
        yield from read_jsonl(io.BytesIO(data), "-", settings, meta)
    else:
        yield _one(data, fmt, "-", meta)


__all__ = ["read_paths", "read_file", "read_stdin"]
