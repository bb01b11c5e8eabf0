"""Front matter: the ``---`` block of ``url``/``site``/``title``/``published`` lines that opens a saved
text or Markdown file, read as the file's own :class:`~newsledger.read.metadata.Metadata`."""
from __future__ import annotations

import re

from newsledger.read.metadata import Metadata

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


__all__ = ["front_matter"]
