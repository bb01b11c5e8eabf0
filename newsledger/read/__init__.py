"""Reading inputs into Documents: files, directories, stdin; text, HTML, bytes, JSONL, WARC, front matter."""
from newsledger.read.files import Metadata, document_from_html, document_from_text, read_paths

__all__ = ["Metadata", "document_from_html", "document_from_text", "read_paths"]
