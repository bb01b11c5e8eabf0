"""Per-document analysis stages.

Each stage module defines ``STAGE``: a :class:`Stage` naming what it reads and writes on
the :class:`~newsledger.models.Document` and a ``run(doc, resources)`` function that fills
its fields in place. Stages never touch the store: that keeps per-document analysis a pure
function of (document, settings), so it can run in worker processes or on a cluster.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Optional, Sequence

if TYPE_CHECKING:
    from newsledger.models import Document
    from newsledger.resources import Resources


@dataclass(frozen=True)
class Stage:
    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    run: Callable[["Document", "Resources"], None]
    #: Optional batched form (e.g. spaCy's nlp.pipe over many documents' paragraphs).
    run_many: Optional[Callable[[Sequence["Document"], "Resources"], None]] = None
