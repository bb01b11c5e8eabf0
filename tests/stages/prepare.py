"""Hand-built documents made ready for one stage, the way the pipeline would have made them.

A stage reads only what earlier stages wrote (``newsledger.pipeline.check_contracts``): the
quotes and events stages read ``doc.sentences``, ``doc.parses`` and ``doc.entities`` from the
entities stage and split, parse or recognise nothing themselves. A test that sets paragraphs
and languages by hand therefore runs the entities stage (and, where it matters, the dates
stage) before the stage under test. Pass the session ``resources`` fixture (spaCy loaded
once); :class:`NoModel` is only for documents with no English paragraph.
"""
from __future__ import annotations

from typing import Any, Union

from newsledger.models import Document
from newsledger.resources import Resources
from newsledger.settings import load_settings
from newsledger.stages.dates import stage as dates
from newsledger.stages.entities import stage as entities


class NoModel:
    """Resources without spaCy: fails the test if anything asks for the model.

    Enough for the entities stage on non-English paragraphs (spaCy never reads them) and for
    the quotes and events stages, which never parse.
    """

    settings = load_settings(env={})

    @property
    def nlp(self) -> Any:
        raise AssertionError("spaCy must not run here (non-English text, or a stage that does not parse)")


AnyResources = Union[Resources, NoModel]


def prepare(doc: Document, resources: AnyResources, *, with_dates: bool = False) -> Document:
    """Run what the pipeline runs before quotes/events on ``doc``: entities, and dates if asked.

    ``doc.paragraphs`` (with ``lang`` and ``kind``) must already be set. Returns ``doc``.
    """
    entities.run(doc, resources)  # type: ignore[arg-type]
    if with_dates:
        dates.run(doc, resources)  # type: ignore[arg-type]
    return doc
