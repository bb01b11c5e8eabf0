"""Stage package: Sentences and named entities of every paragraph that is not boilerplate."""
from newsledger.stages.entities.stage import STAGE

__all__ = ["STAGE"]
