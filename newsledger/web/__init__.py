"""The web layer: ``create_app(db_path)`` gives a FastAPI app (JSON API and HTML pages) over a store."""
from newsledger.web.app import create_app, serve

__all__ = ["create_app", "serve"]
