"""Places, people and organisations known by name in every language and script (GeoNames-based rows)."""
from newsledger.gazetteer.table import Entry, fold_name, load_gazetteer

__all__ = ["Entry", "fold_name", "load_gazetteer"]
