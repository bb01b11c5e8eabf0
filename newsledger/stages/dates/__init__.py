"""Stage package: Date mentions of every non-boilerplate paragraph, normalised to ISO (see :mod:`newsledger.stages.dates.timex`)."""
from newsledger.stages.dates.stage import STAGE

__all__ = ["STAGE"]
