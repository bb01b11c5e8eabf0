"""Which files are pages and what format they are in: walking folders (sorted, hidden and
``skip_files`` names left out), the format from a file name, and the format of unnamed bytes (stdin)."""
from __future__ import annotations

import fnmatch
import json
import logging
import os
import re
from typing import Iterator, Optional, Sequence

log = logging.getLogger(__name__)

TEXT_EXTENSIONS = (".txt", ".md", ".text", ".markdown")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
WARC_EXTENSIONS = (".warc", ".warc.gz")
_HTML_SNIFF = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|p|div|article|h[1-6])\b",
                         re.IGNORECASE | re.DOTALL)


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


__all__ = ["walk_directory", "format_of", "sniff_format"]
