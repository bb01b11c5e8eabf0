"""One way to read a field of a stored item or a live one: crossdoc works on both ``to_dict()`` JSON and dataclasses."""
from __future__ import annotations

from typing import Any


def get_field(obj: Any, key: str, default: Any = None) -> Any:
    """``obj[key]`` for a dict, ``obj.key`` for an object, ``default`` when absent or when ``obj`` is None."""
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)
