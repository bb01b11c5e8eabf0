"""Compressed JSON columns: the store keeps each JSON document (a document's ``data``, an event's or a quote's
``data``) deflated, about a fifth of its text. An event's linking ``features`` stay text: the linker reads
them for every candidate it compares, and they are short (deflating them saved 0.2 KB a document and cost about
7 µs per candidate read, a few ms of writer CPU per document when candidates reach the cap: profiled).

A value is written as a BLOB: one version byte, then raw deflate primed with :data:`DICTIONARY_V1` (the
field names every item repeats, so even a short event row compresses). Values written before compression
are TEXT and read back unchanged, so old files need no migration. Every read of these columns goes
through :func:`unpack`; SQL never looks inside them (no ``json_extract``).
"""
from __future__ import annotations

import json
import zlib
from typing import Any, Optional, Union

import orjson

#: The version byte of values deflated with :data:`DICTIONARY_V1`.
VERSION_1 = 1

#: Frozen forever: values written with it must stay readable. A new dictionary takes a new version byte.
DICTIONARY_V1 = (
    b'"features":"schema_version":"paragraph":"sentences":"paragraphs":"entities":"dates":"failures":'
    b'"published":"input_id":"url":"site":"title":"id":"lang_score":"boilerplate":"body":"heading":'
    b'"source":"label":"PERSON":"ORG":"GPE":"LOC":"message":"code":"stage":"resolved":"role":"stance":'
    b'"polarity":"direct":"reported":"unknown":"day":"month":"year":"published":"explicit":"relative":'
    b'"speaker":"speaker_span":"cue":"content":"kind":"quotes":"claimant":"displaced":"captured":"missing":'
    b'"low":"high":"label":"killed":"injured":"anchor":"not_after":"not_before":"basis":"precision":"value":'
    b'"date":"weapon":"place":"actor":"span":"subtype":"type":"lang":"target":"note":null,"canonical":'
    b'"name":"text":"end":"start":'
)


def pack(text: str) -> bytes:
    """A JSON text as the store keeps it: the version byte, then its deflated UTF-8."""
    squeeze = zlib.compressobj(6, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, DICTIONARY_V1)
    return bytes((VERSION_1,)) + squeeze.compress(text.encode("utf-8")) + squeeze.flush()


def pack_json(value: Any) -> bytes:
    """``pack(json.dumps(value))``, keeping non-ASCII text as it is."""
    return pack(json.dumps(value, ensure_ascii=False))


def parse_json(text: Union[str, bytes]) -> Any:
    """A JSON text (or its UTF-8 bytes) as Python values: orjson (several times faster on the store's reads), and
    the standard library for what orjson refuses (NaN, integers beyond 64 bits), so both read the same values."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def unpack(value: Union[str, bytes, None]) -> Optional[str]:
    """The JSON text of a stored value: packed BLOBs inflated, TEXT (written before compression) as it is."""
    if value is None or isinstance(value, str):
        return value
    if not value:
        return ""
    if value[0] != VERSION_1:
        raise ValueError(f"stored JSON value with unknown version byte {value[0]}")
    inflate = zlib.decompressobj(-15, DICTIONARY_V1)
    return (inflate.decompress(value[1:]) + inflate.flush()).decode("utf-8")


def load(value: Union[str, bytes, None]) -> Any:
    """The JSON value of a stored column (None stays None)."""
    if isinstance(value, bytes) and value and value[0] == VERSION_1:
        inflate = zlib.decompressobj(-15, DICTIONARY_V1)
        return parse_json(inflate.decompress(value[1:]) + inflate.flush())
    text = unpack(value)
    return parse_json(text) if text else None
