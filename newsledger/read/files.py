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

import fnmatch
import io
import json
import logging
import os
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, BinaryIO, Iterator, Optional, Sequence, Union, cast
from urllib.parse import urlparse

from newsledger.errors import (
    BadDate,
    BadRecord,
    EmptyInput,
    InputError,
    InputTooLarge,
    TruncatedInput,
    UnknownFormat,
    UnreadablePath,
)
from newsledger.models import Document, Failure, Published
from newsledger.read.decode import (
    GZIP_MAGIC,
    GunzipStream,
    charset_of_content_type,
    decode_bytes,
    maybe_gunzip,
    normalise_newlines,
    open_regular,
    read_file_capped,
)
from newsledger.read.html import extract_html
from newsledger.settings import Settings

log = logging.getLogger(__name__)

STAGE_NAME = "extract"
TEXT_EXTENSIONS = (".txt", ".md", ".text", ".markdown")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
WARC_EXTENSIONS = (".warc", ".warc.gz")
_HTML_SNIFF = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|p|div|article|h[1-6])\b",
                         re.IGNORECASE | re.DOTALL)
_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_DAY_MONTH = re.compile(r"^--(\d{2})-(\d{2})$")

Item = Union[Document, Failure]


@dataclass(frozen=True)
class Metadata:
    """Metadata the user gives (``--url``, ``--site``, ``--title``, ``--published``).

    It is the metadata of plain text, and fills what an HTML page leaves unsaid.
    ``published`` is ``2020-10-15`` (day), ``2020-10`` (month) or ``2020`` (year).
    """

    url: Optional[str] = None
    site: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None


def site_of(url: Optional[str]) -> Optional[str]:
    """Host of ``url`` in lower case without ``www.`` (``https://www.bbc.co.uk/x`` -> ``bbc.co.uk``)."""
    if not url:
        return None
    try:
        host = urlparse(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return None
    host = host.lower()
    return (host[4:] if host.startswith("www.") else host) or None


def parse_published(value: Optional[str]) -> Optional[Published]:
    """A user-given date with its precision: ``2020-10-15`` day, ``2020-10`` month, ``2020`` year,
    ``--10-15`` day and month. A full timestamp keeps its day; None for no value.

    Anything else, or a date that does not exist (``2020-02-31``, ``2020-13``, ``--02-30``), raises
    :class:`~newsledger.errors.BadDate` (E021): never guessed, never stored as if it were a date.
    """
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    match = _PUBLISHED.match(value)
    if match:
        year, month, day = match.groups()
        try:
            date(int(year), int(month or 1), int(day or 1))  # a real calendar day (leap years included)
            if len(value) > 10:  # a timestamp: its time of day must be real too
                datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
        except ValueError:
            raise BadDate(f"{value!r} is not a real date: use 2020-10-15, 2020-10 or 2020") from None
        if day:
            return Published(f"{year}-{month}-{day}", "day", "metadata")
        if month:
            return Published(f"{year}-{month}", "month", "metadata")
        return Published(year, "year", "metadata")
    match = _DAY_MONTH.match(value)
    if match:
        try:
            date(2000, int(match.group(1)), int(match.group(2)))  # a leap year: --02-29 is a day
        except ValueError:
            raise BadDate(f"{value!r} is not a real day of the year: use --10-15 (month, day)") from None
        return Published(value, "day-month", "metadata")
    raise BadDate(f"{value!r} is not a date: use 2020-10-15, 2020-10, 2020 or --10-15")


def _published(value: Optional[str], input_id: str, failures: list[Failure]) -> Optional[Published]:
    """:func:`parse_published`, with a bad date recorded in ``failures`` (E021) instead of raised: the page
    is still read, without the date."""
    try:
        return parse_published(value)
    except BadDate as err:
        failures.append(_failure(BadDate(f"{err.message}; the page is kept without this date", input_id=input_id)))
        return None


#: A front-matter block opening a text file ("---", "url: ...", "site: ...", "---"), as Markdown
#: tools write it: saved articles keep where they came from.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n((?:[ \t]*[A-Za-z_-]+[ \t]*:[^\n]*\n){1,30})---[ \t]*\n")
_FRONT_MATTER_KEYS = {"url": "url", "link": "url", "source_url": "url", "site": "site", "source": "site",
                      "outlet": "site", "title": "title", "published": "published", "date": "published"}


def front_matter(text: str) -> tuple[Metadata, str]:
    """Metadata of a front-matter block (``url``, ``site``, ``title``, ``published``/``date``) and the
    text after it; a text without one (or with no key we know) comes back whole."""
    m = _FRONT_MATTER.match(text)
    if m is None:
        return Metadata(), text
    found: dict[str, str] = {}
    for line in m.group(1).splitlines():
        key, _, value = line.partition(":")
        field = _FRONT_MATTER_KEYS.get(key.strip().lower())
        value = value.strip().strip("\"'")
        if field and value and field not in found:
            found[field] = value
    if not found:
        return Metadata(), text  # a horizontal rule, not metadata
    return Metadata(**found), text[m.end():]


def document_from_text(text: str, input_id: str, meta: Metadata = Metadata(), *,
                       source_format: str = "txt") -> Document:
    """A Document from plain text; the text is kept as given except newlines (``\\n``), a BOM and a
    front-matter block, whose ``url``/``site``/``title``/``published`` come before ``meta``'s.

    Raises :class:`~newsledger.errors.EmptyInput` (E011) when there is no text.
    """
    return _front_matter_document(normalise_newlines(text), input_id, meta, source_format)


def _front_matter_document(text: str, input_id: str, meta: Metadata, source_format: str) -> Document:
    own, body = front_matter(text)
    # The file's own metadata comes first, as an HTML page's does; ``meta`` fills what it leaves open.
    merged = Metadata(url=own.url or meta.url, site=own.site or meta.site, title=own.title or meta.title,
                      published=own.published or meta.published)
    return _text_document(body, input_id, merged, source_format)


def _text_document(text: str, input_id: str, meta: Metadata, source_format: str) -> Document:
    """A Document over ``text`` exactly as given (already decoded and normalised)."""
    if not text.strip():
        raise EmptyInput("the text is empty (or only whitespace): nothing to analyse", input_id=input_id)
    _require_letters(text, input_id)
    failures: list[Failure] = []
    published = _published(meta.published, input_id, failures)
    doc = Document.new(text, input_id=input_id, url=meta.url, site=meta.site or site_of(meta.url),
                       title=meta.title, published=published, source_format=source_format)
    doc.failures.extend(failures)
    return doc


def _require_letters(text: str, input_id: str) -> None:
    """E011 for a text with no letter in any script (zero-width characters, digits, punctuation only)."""
    if not any(ch.isalpha() for ch in text):
        raise EmptyInput("the text has no letters (only spaces, digits, punctuation or invisible characters): "
                         "nothing to analyse", input_id=input_id)


def document_from_html(html: Union[str, bytes], input_id: str, meta: Metadata = Metadata(), *,
                       own: Metadata = Metadata(), source_format: str = "html",
                       content_type: Optional[str] = None) -> Document:
    """A Document holding the main text of an HTML page, its title and stated publication date.

    ``own`` is metadata that belongs to this very page (a JSONL record's fields, a WARC URI) and
    wins over what the page states; ``meta`` only fills gaps. Bytes are decoded (HTTP
    ``content_type`` charset, then ``<meta charset>``, then detection). Raises E011/E012/E013/E018.
    """
    if isinstance(html, bytes):
        html = decode_bytes(html, html=True, declared=charset_of_content_type(content_type), input_id=input_id).text
    url = own.url or meta.url
    page = extract_html(html, url, input_id=input_id)
    url = url or page.url
    _require_letters(page.text, input_id)
    failures: list[Failure] = []
    published = (_published(own.published, input_id, failures)
                 or (Published(page.published, "day", "metadata") if page.published else None)
                 or _published(meta.published, input_id, failures))
    log.debug("%s: main text by %s, %d chars", input_id, page.method, len(page.text))
    doc = Document.new(page.text, input_id=input_id, url=url,
                       site=own.site or meta.site or site_of(url),
                       title=own.title or page.title or meta.title,
                       published=published, source_format=source_format)
    doc.failures.extend(failures)
    return doc


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


def walk_directory(root: str, skip: Sequence[str] = ()) -> Iterator[str]:
    """Every non-hidden file under ``root``, depth first, names sorted so runs are reproducible.

    File names matching a ``skip`` pattern (setting ``skip_files``: a folder's own README or
    LICENSE, ``*.expected.*`` notes beside test pages) describe the pages; they are not pages.
    A file given by name is always read.
    """
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or any(fnmatch.fnmatch(name.lower(), pat.lower()) for pat in skip):
                log.debug("skipped %s (skip_files)", os.path.join(dirpath, name))
                continue
            yield os.path.join(dirpath, name)


def format_of(path: str) -> tuple[Optional[str], bool]:
    """(``txt`` | ``html`` | ``jsonl`` | ``warc`` | None, gzipped) from the file name."""
    name = os.path.basename(path).lower()
    if name.endswith(WARC_EXTENSIONS):
        return "warc", False  # warcio reads gzipped WARC records itself
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    ext = os.path.splitext(name)[1]
    for fmt, extensions in (("txt", TEXT_EXTENSIONS), ("html", HTML_EXTENSIONS), ("jsonl", JSONL_EXTENSIONS)):
        if ext in extensions:
            return fmt, gz
    return None, gz


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


def sniff_format(data: bytes) -> str:
    """``warc``, ``html`` (looks like markup), ``jsonl`` (every non-empty line a JSON object) or ``txt``."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"WARC/"):
        return "warc"
    if _HTML_SNIFF.match(head):
        return "html"
    lines = [line for line in data.splitlines() if line.strip()]
    if lines and all(line.lstrip().startswith(b"{") for line in lines):
        try:
            if all(isinstance(json.loads(line), dict) for line in lines):
                return "jsonl"
        except ValueError:
            pass
    return "txt"


def read_jsonl(stream: BinaryIO, path: str, settings: Settings, meta: Metadata = Metadata()) -> Iterator[Item]:
    """One Document per JSONL line (``id``, ``text`` or ``html``, ``url``, ``title``, ``published``, ``site``).

    A broken line is an E017 Failure (``path:lineno``) and the other lines are still read.
    """
    records = 0
    for lineno, line in _capped_lines(stream, settings.max_bytes):
        line_id = f"{path}:{lineno}"
        if line is None:
            yield _failure(InputTooLarge(f"line {lineno} is over the {settings.max_bytes:,}-byte limit: "
                                         "set NEWSLEDGER_MAX_BYTES higher (see `newsledger settings`) or split the record",
                                         input_id=line_id))
            records += 1
            continue
        if not line.strip():
            continue
        records += 1
        try:
            yield _jsonl_record(line, line_id, meta)
        except InputError as err:
            yield _failure(err, err.input_id or line_id)
    if records == 0:
        yield _failure(EmptyInput("the JSONL file has no records: nothing to analyse", input_id=path))


def _jsonl_record(line: bytes, line_id: str, meta: Metadata) -> Document:
    try:
        record = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise BadRecord(f"the line is not UTF-8 ({exc.reason} at byte {exc.start}): JSONL must be UTF-8",
                        input_id=line_id) from exc
    except ValueError as exc:
        raise BadRecord(f"the line is not valid JSON ({exc}): fix or remove the line", input_id=line_id) from exc
    if not isinstance(record, dict):
        raise BadRecord(f"the line is a JSON {type(record).__name__}, not an object with 'text' or 'html': "
                        "fix or remove the line", input_id=line_id)
    input_id = _record_id(record.get("id"), line_id)
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise BadRecord("the record has no string 'text' or 'html' field: add one or remove the line",
                        input_id=input_id)
    own = Metadata(url=_str(record, "url", input_id), site=_str(record, "site", input_id),
                   title=_str(record, "title", input_id), published=_str(record, "published", input_id))
    if isinstance(text, str) and text.strip():
        merged = Metadata(url=own.url or meta.url, site=own.site or meta.site, title=own.title or meta.title,
                          published=own.published or meta.published)
        return document_from_text(text, input_id, merged, source_format="jsonl")
    if isinstance(html, str) and html.strip():
        return document_from_html(html, input_id, meta, own=own, source_format="jsonl")
    raise EmptyInput("the record's 'text'/'html' is empty: nothing to analyse", input_id=input_id)


def _record_id(value: Any, line_id: str) -> str:
    """A record's ``id``: a string or an integer as written; none (or "") gives ``path:line``. Any other JSON
    value (an object, a list, true, 1.5) is E017: its text form would be a Python repr, not the user's id."""
    if value is None or value == "":
        return line_id
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return str(value)
    raise BadRecord(f"the record's 'id' is a JSON {_json_kind(value)}, not a string or an integer: fix the id",
                    input_id=line_id)


def _json_kind(value: Any) -> str:
    return {dict: "object", list: "array", bool: "boolean", float: "number with a fraction"}.get(type(value), type(value).__name__)


def _capped_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, Optional[bytes]]]:
    """(line number, line) with lines over ``max_bytes`` given as None, without holding them in memory."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line in bounded chunks
                line = stream.readline(1 << 20)
            yield lineno, None
            continue
        yield lineno, line


def read_warc(stream: BinaryIO, path: str, settings: Settings, meta: Metadata = Metadata()) -> Iterator[Item]:
    """One Document per HTML response (or resource) record; ``input_id`` and ``url`` are the target URI.

    Non-HTML records (requests, warcinfo, images...) are skipped and counted in the debug log.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    read = skipped = 0
    counted = _CountingReader(stream)
    try:
        records = ArchiveIterator(counted)
        for record in records:
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{read + skipped + 1}"
            content_type = _record_content_type(record)
            if record.rec_type not in ("response", "resource") or "html" not in content_type.lower():
                skipped += 1
                if _record_cut(record):  # the file ends inside this record: whatever followed is lost
                    yield _failure(TruncatedInput(
                        f"the WARC file is cut inside record {read + skipped} (not HTML): the records after it, "
                        "if any, are lost; re-download or repair it", input_id=path))
                continue
            read += 1
            yield _warc_record(record, uri, content_type, settings, meta)
        if counted.left_after(records.offset):  # warcio ends quietly on a record whose headers are cut off
            yield _failure(TruncatedInput(f"the WARC file is cut inside the headers of record {read + skipped + 1}: "
                                          "the rest is lost; re-download or repair it", input_id=path))
    except ArchiveLoadFailed as exc:
        if not stream.read(1):  # the file ends in the middle of a record's first lines: cut, not garbage
            yield _failure(TruncatedInput(f"the WARC file is cut after {read + skipped} records ({exc}): the rest "
                                          "is lost; re-download or repair it", input_id=path))
        else:
            yield _failure(BadRecord(f"the WARC file is broken after {read + skipped} records ({exc}): "
                                     "re-download or repair it (e.g. with warcio check)", input_id=path))
    except InputError as err:  # the gzip stream under the records: cut (E020), a bomb (E019), corrupt (E013)
        yield _failure(err, path)
    except Exception as exc:  # warcio on a record whose headers are cut off
        yield _failure(TruncatedInput(f"the WARC file is cut or broken after {read + skipped} records "
                                      f"({type(exc).__name__}: {exc}): re-download or repair it", input_id=path))
    log.debug("%s: %d HTML records read, %d non-HTML records skipped", path, read, skipped)
    if read == 0:
        yield _failure(EmptyInput("the WARC file holds no HTML response records: nothing to analyse",
                                  input_id=path))


class _CountingReader:
    """A byte stream that counts what is read from it and keeps the last bytes (to tell a cut file)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.total = 0
        self._tail = b""

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.total += len(data)
        self._tail = (self._tail + data[-_TAIL:])[-_TAIL:]
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self._stream.readline(size)
        self.total += len(data)
        self._tail = (self._tail + data[-_TAIL:])[-_TAIL:]
        return data

    def left_after(self, offset: int) -> bool:
        """Whether anything but blank lines follows ``offset`` (the end of the last whole record)."""
        while self.read(_DRAIN_CHUNK):
            pass
        extra = self.total - offset
        return extra > 0 and (extra > len(self._tail) or bool(self._tail[-extra:].strip()))


def _record_cut(record: Any) -> bool:
    """Whether the file ended before the record's declared length (read to its end first)."""
    raw = record.raw_stream
    if not hasattr(raw, "limit"):  # no Content-Length could be read: the record's headers are cut off
        return True
    while raw.read(_DRAIN_CHUNK):
        pass
    return bool(raw.limit > 0)


_DRAIN_CHUNK = 1 << 16
#: Bytes kept from the end of a WARC stream: enough to see whether what follows the last record is blank.
_TAIL = 4096


def _record_content_type(record: Any) -> str:
    if record.rec_type == "response" and record.http_headers is not None:
        return record.http_headers.get_header("Content-Type") or ""
    return record.rec_headers.get_header("Content-Type") or ""


def _warc_record(record: Any, uri: str, content_type: str, settings: Settings, meta: Metadata) -> Item:
    try:
        payload = record.content_stream().read(settings.max_bytes + 1)
        if len(payload) > settings.max_bytes:
            raise InputTooLarge(f"the record is over the {settings.max_bytes:,}-byte limit: set NEWSLEDGER_MAX_BYTES higher",
                                input_id=uri)
        if _record_cut(record):
            # A record cut short is partial HTML: its text would read as a whole page, missing its end.
            raise TruncatedInput(f"the WARC record is cut short ({len(payload):,} bytes of content read, the "
                                 "record says more): the file ends inside it; re-download or repair it", input_id=uri)
        return document_from_html(payload, uri, meta, own=Metadata(url=uri), source_format="warc",
                                  content_type=content_type)
    except InputError as err:
        return _failure(err, uri)
    except Exception as exc:  # a broken chunked/gzip HTTP body in one record must not end the file
        return _failure(BadRecord(f"the WARC record cannot be read ({type(exc).__name__}: {exc}): skip or repair it",
                                  input_id=uri))


def _one(data: bytes, fmt: str, input_id: str, meta: Metadata) -> Item:
    """A Document (or Failure) from the whole bytes of one text or HTML input."""
    try:
        if fmt == "html":
            return document_from_html(data, input_id, meta)
        decoded = decode_bytes(data, input_id=input_id)
        return _front_matter_document(decoded.text, input_id, meta, "txt")
    except InputError as err:
        return _failure(err, input_id)


def _failure(err: InputError, input_id: Optional[str] = None) -> Failure:
    where = err.input_id or input_id
    log.warning("%s %s: %s", err.code, where, err.message)
    return Failure(err.code, err.message, STAGE_NAME, where)


def _str(record: dict[str, Any], key: str, input_id: str) -> Optional[str]:
    """A metadata field of a JSONL record as text; an object or a list there is E017 (never a Python repr)."""
    value = record.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, (dict, list)):
        raise BadRecord(f"the record's {key!r} is a JSON {_json_kind(value)}, not text: fix the field", input_id=input_id)
    return str(value)


__all__ = ["Metadata", "site_of", "parse_published", "document_from_text", "document_from_html", "read_paths",
           "read_file", "read_stdin", "read_jsonl", "read_warc", "sniff_format", "format_of", "walk_directory"]
