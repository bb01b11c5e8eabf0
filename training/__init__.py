"""Fitting newsledger's learned components (``make train``); not imported by the package."""
