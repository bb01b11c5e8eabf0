"""Reading inputs into Documents: files, directories, stdin; text, HTML, bytes, JSONL, WARC, front matter.

This is the front door (:func:`read_paths`, :func:`document_from_text`, :func:`document_from_html`,
:class:`Metadata`, :func:`parse_published`). Behind it: ``files`` (paths and stdin -> Documents),
``paths`` (walking folders, formats), ``jsonl``, ``warc``, ``documents`` (one page -> Document,
errors -> Failures), ``metadata``, ``front_matter``, ``decode`` (bytes -> text), ``html`` (main text).
"""
from newsledger.read.documents import document_from_html, document_from_text
from newsledger.read.files import read_paths
from newsledger.read.metadata import Metadata, parse_published

__all__ = ["Metadata", "document_from_html", "document_from_text", "parse_published", "read_paths"]
