"""WARC input (warcio): one Document per HTML response or resource record, its target URI as id and URL;
other records skipped; a file or record cut short is E020, a broken one E017, and the records before are kept."""
from __future__ import annotations

import logging
from typing import Any, BinaryIO, Iterator

from newsledger.errors import BadRecord, EmptyInput, InputError, InputTooLarge, TruncatedInput
from newsledger.read.documents import Item, _failure, document_from_html
from newsledger.read.metadata import Metadata
from newsledger.settings import Settings

log = logging.getLogger(__name__)


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


__all__ = ["read_warc"]
