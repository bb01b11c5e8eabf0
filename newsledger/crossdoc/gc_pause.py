"""Pausing Python's cyclic garbage collector around work that builds many short-lived, acyclic objects.

A chronicle of a month or a relink run makes hundreds of thousands of dicts and tuples that outlive the young
generations, so the collector walks them again and again: measured, a third of a month's chronicle CPU
(docs/BENCHMARKS.md). Reference counting still frees everything as usual; only cycles wait until the pause ends.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """No cyclic collection inside; the collector's state is restored after (pauses nest)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
