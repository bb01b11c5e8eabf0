"""Stage package: Split the text into paragraphs and mark short title-like lines as headings."""
from newsledger.stages.paragraphs.stage import STAGE

__all__ = ["STAGE"]
