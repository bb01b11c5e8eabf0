"""Stage package: Who said what: direct quotes, reported speech and stance acts, with resolved speakers."""
from newsledger.stages.quotes.stage import STAGE

__all__ = ["STAGE"]
