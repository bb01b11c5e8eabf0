"""Raw responses as WARC (warcio), next to the store: any page can be analysed again by a newer
newsledger without fetching it again (``newsledger ingest <db>.warc/*.warc.gz``).

Each run writes its own file (``newsledger-<time>-<pid>.warc.gz``), so a run killed mid-record
leaves at most a truncated tail in its own file. Bodies are stored decoded (httpx undoes gzip/br),
so ``Content-Encoding`` and ``Transfer-Encoding`` are dropped and ``Content-Length`` restated.
"""
from __future__ import annotations

import io
import os
import threading
import time
from dataclasses import dataclass
from typing import Any, Optional

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.fetch.http import Response

_DROPPED = {"content-encoding", "transfer-encoding", "content-length"}


@dataclass(frozen=True)
class ArchivedRecord:
    """Where a response lies in the archive: enough to read it back without the network."""

    path: str
    offset: int


def archive_folder(db_path: str, configured: str = "") -> str:
    """The WARC folder: the ``fetch_archive`` setting, else ``<db>.warc/`` beside the store."""
    return configured or f"{db_path}.warc"


class WarcArchive:
    """Appends response records to this run's WARC file (created on the first record)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._fh: Optional[io.BufferedWriter] = None
        self._writer: Any = None
        self.path: Optional[str] = None

    def write(self, response: Response) -> ArchivedRecord:
        """Write one response record and flush it; its (file, offset) goes into the fetch log."""
        headers = [(k, v) for k, v in response.headers if k.lower() not in _DROPPED]
        headers.append(("Content-Length", str(len(response.body))))
        reason = "OK" if response.status == 200 else ""
        http_headers = StatusAndHeaders(f"{response.status} {reason}".strip(), headers, protocol=response.http_version)
        with self._lock:
            writer = self._open()
            record = writer.create_warc_record(response.final_url, "response", payload=io.BytesIO(response.body),
                                               http_headers=http_headers)
            assert self._fh is not None and self.path is not None
            offset = self._fh.tell()
            writer.write_record(record)
            self._fh.flush()
            return ArchivedRecord(self.path, offset)

    def _open(self) -> Any:
        if self._writer is None:
            os.makedirs(self.folder, exist_ok=True)
            stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
            self.path = os.path.join(self.folder, f"newsledger-{stamp}-{os.getpid()}.warc.gz")
            self._fh = open(self.path, "ab")
            self._writer = WARCWriter(self._fh, gzip=True)
        return self._writer

    def close(self) -> None:
        with self._lock:
            if self._fh is not None:
                self._fh.close()
                self._fh = self._writer = None


def read_archived(record: ArchivedRecord, max_bytes: int) -> tuple[str, str, bytes]:
    """(target URI, content type, body) of the record at ``record``: a page fetched before a crash
    is analysed from the archive, not fetched again."""
    from warcio.archiveiterator import ArchiveIterator

    with open(record.path, "rb") as fh:
        fh.seek(record.offset)
        for warc_record in ArchiveIterator(fh):
            uri = warc_record.rec_headers.get_header("WARC-Target-URI") or ""
            content_type = (warc_record.http_headers.get_header("Content-Type") if warc_record.http_headers else "") or ""
            return uri, content_type, warc_record.content_stream().read(max_bytes + 1)
    raise OSError(f"no WARC record at {record.path}:{record.offset}")
