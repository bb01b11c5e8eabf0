"""newsledger: read news pages in any language into a cited, day-by-day ledger."""
from newsledger.models import Document, check_spans
from newsledger.pipeline import analyze, analyze_many, analyze_paths, analyze_text
from newsledger.resources import Resources
from newsledger.settings import load_settings

__version__ = "0.1.0"
__all__ = ["Document", "Resources", "analyze", "analyze_many", "analyze_paths", "analyze_text", "check_spans", "load_settings"]
