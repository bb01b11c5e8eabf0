"""Stage package: Language of every paragraph, and of the runs inside a paragraph that mixes languages."""
from newsledger.stages.langid.stage import STAGE

__all__ = ["STAGE"]
