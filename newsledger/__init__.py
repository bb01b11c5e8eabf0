"""newsledger: read news pages in any language into a cited, day-by-day ledger.

The public API, in the order a user meets it::

    from newsledger import analyze_text, ingest, Store
    doc = analyze_text(open("page.txt").read())       # one page -> Document
    with Store("ledger.db") as store:                   # the ledger on disk
        ingest(["pages/"], store)                       # read, analyse, store, link

Everything else (stages, language packs, cross-document linking) is reachable from its
own package; see docs/architecture.md.
"""
from newsledger.errors import NewsledgerError
from newsledger.ingest import ingest
from newsledger.models import Document, check_spans
from newsledger.pipeline import analyze, analyze_many, analyze_paths, analyze_text
from newsledger.read import Metadata
from newsledger.resources import Resources
from newsledger.settings import Settings, load_settings
from newsledger.store import Store

__version__ = "0.1.0"
__all__ = [
    "Document",
    "Metadata",
    "NewsledgerError",
    "Resources",
    "Settings",
    "Store",
    "__version__",
    "analyze",
    "analyze_many",
    "analyze_paths",
    "analyze_text",
    "check_spans",
    "ingest",
    "load_settings",
]
