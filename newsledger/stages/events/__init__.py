"""Stage package: What happened: events with their actors, place, weapon, date, casualty figures and claimant."""
from newsledger.stages.events.stage import STAGE

__all__ = ["STAGE"]
