"""Reading inputs into Documents (minimal placeholder: plain text files only)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterator, Optional, Sequence, Union
from urllib.parse import urlparse

from ..errors import InputError, UnreadablePath
from ..models import Document, Failure, Published
from ..settings import Settings


@dataclass(frozen=True)
class Metadata:
    """Metadata the user gives for plain text (``--url``, ``--site``, ``--published``)."""

    url: Optional[str] = None
    site: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None


def site_of(url: Optional[str]) -> Optional[str]:
    if not url:
        return None
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host or None


def document_from_text(text: str, input_id: str, meta: Metadata = Metadata()) -> Document:
    published = Published(meta.published, "day", "metadata") if meta.published else None
    return Document.new(text, input_id=input_id, url=meta.url, site=meta.site or site_of(meta.url),
                        title=meta.title, published=published, source_format="txt")


def read_paths(paths: Sequence[str], settings: Settings, meta: Metadata = Metadata()) -> Iterator[Union[Document, Failure]]:
    for path in paths:
        try:
            with open(path, encoding="utf-8") as fh:
                yield document_from_text(fh.read(), path, meta)
        except OSError as exc:
            err = UnreadablePath(str(exc), input_id=path)
            yield Failure(err.code, err.message, "extract", path)
        except InputError as err:
            yield Failure(err.code, err.message, "extract", path)
