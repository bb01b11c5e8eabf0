"""newsledger: read news pages in any language into a cited, day-by-day ledger.

The public API, in the order a user meets it::

    from newsledger import analyze_text, ingest, Store
    doc = analyze_text(open("page.txt").read())       # one page -> Document
    with Store("ledger.db") as store:                   # the ledger on disk
        ingest(["pages/"], store)                       # read, analyse, store, link

Everything else (stages, language packs, cross-document linking) is reachable from its
own package; see docs/architecture.md.
"""
import typing as _typing

from newsledger.errors import NewsledgerError
from newsledger.ingest import ingest

if _typing.TYPE_CHECKING:
    from newsledger.models import Document, check_spans
    from newsledger.pipeline import analyze, analyze_many, analyze_paths, analyze_text
    from newsledger.read import Metadata
    from newsledger.resources import Resources
    from newsledger.settings import Settings, load_settings
    from newsledger.store import Store

__version__ = "0.1.0"

#: The public API, imported on first use: ``import newsledger`` (and the CLI's ``search``, ``show``...)
#: must not load the analysis pipeline and its models.
_LAZY = {
    "Document": "newsledger.models", "check_spans": "newsledger.models",
    "analyze": "newsledger.pipeline", "analyze_many": "newsledger.pipeline", "analyze_paths": "newsledger.pipeline",
    "analyze_text": "newsledger.pipeline", "Metadata": "newsledger.read", "Resources": "newsledger.resources",
    "Settings": "newsledger.settings", "load_settings": "newsledger.settings", "Store": "newsledger.store",
}


def __getattr__(name: str) -> _typing.Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'newsledger' has no attribute {name!r}")
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
