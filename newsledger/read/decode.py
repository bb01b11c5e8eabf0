"""Bytes in, text out: capped reading, gzip without bombs, binary detection, encodings.

Every function here either returns what it was asked for or raises one of the coded
:class:`~newsledger.errors.InputError` subclasses, so the caller can record a
:class:`~newsledger.models.Failure` and go on with the next input.
"""
from __future__ import annotations

import codecs
import io
import logging
import os
import re
import stat
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import Any, BinaryIO, Optional

from newsledger.errors import (
    BinaryInput,
    DecompressionBomb,
    EmptyInput,
    InputTooLarge,
    TruncatedInput,
    UndecodableInput,
    UnreadablePath,
)

log = logging.getLogger(__name__)

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16
#: Leading bytes of common binary formats people pass by mistake.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"SQLite format 3", "an SQLite database"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Control bytes that never occur in text (tab, newlines, form feed and escape are allowed).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_CONTROL_TABLE = bytes.maketrans(_CONTROL, b"\x00" * len(_CONTROL))
_MAX_CONTROL_RATIO = 0.05
_MAX_REPLACEMENT_RATIO = 0.02
_SNIFF_BYTES = 1 << 16
#: When the detector ties, the encodings most used on the web win (cp1252 over cp1250, cp1251 over cp1125).
_PREFERRED = ("cp1252", "cp1251", "gb18030", "shift_jis", "euc_kr", "big5", "cp1250", "koi8_r", "iso8859_2",
              "cp1256", "cp1253", "cp1254", "cp1255", "cp1257", "euc_jp", "iso8859_7", "cp874")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_NEWLINES = re.compile(r"\r\n?")


@dataclass(frozen=True)
class Decoded:
    """Decoded text and how it was decoded (for the log: ``utf-8``, ``cp1251 (detected)``...)."""

    text: str
    how: str


def open_regular(path: str) -> BinaryIO:
    """``path`` opened for reading bytes, when it is a regular file.

    A FIFO, a device or a socket is :class:`UnreadablePath` (E016) without blocking: opening a FIFO
    for reading waits for a writer forever, ``/dev/zero`` never ends. The file is opened first
    (non-blocking) and then checked, so nothing can swap it between the check and the read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise UnreadablePath(f"{exc.strerror or exc}: check the path exists, is a regular file and is readable",
                             input_id=path) from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise UnreadablePath(f"not a regular file ({_file_kind(mode)}): only regular files are read; "
                                 "pass a file (or `-` for standard input)", input_id=path)
        if hasattr(os, "O_NONBLOCK"):  # POSIX: reads block as usual again (a regular file never waits)
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory")):
        if test(mode):
            return kind
    return "not a plain file"


def read_file_capped(path: str, max_bytes: int, *, gz: bool, max_decompressed: Optional[int] = None) -> bytes:
    """The bytes of ``path`` (decompressed when ``gz``), never more than ``max_bytes`` in memory.

    Raises :class:`InputTooLarge` (E014) before reading when the file is over the limit,
    :class:`DecompressionBomb` (E019) as soon as the decompressed stream passes it, and
    :class:`TruncatedInput` (E020) for a gzip stream cut short.
    """
    with open_regular(path) as fh:
        try:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise InputTooLarge(f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit: set "
                                    "NEWSLEDGER_MAX_BYTES higher or split the file", input_id=path)
            if gz:
                return gunzip_capped(fh, _cap(max_bytes, max_decompressed), input_id=path)
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise UnreadablePath(f"{exc.strerror or exc}: check the path exists and is readable", input_id=path) from exc
    if len(data) > max_bytes:  # the file grew while we read it
        raise InputTooLarge(f"the input is over the {max_bytes:,}-byte limit: set NEWSLEDGER_MAX_BYTES higher or split the file",
                            input_id=path)
    return maybe_gunzip(data, _cap(max_bytes, max_decompressed), input_id=path)


def _cap(max_bytes: int, max_decompressed: Optional[int]) -> int:
    return max_bytes if max_decompressed is None else min(max_bytes, max_decompressed)


class GunzipStream(io.RawIOBase):
    """A gzip stream (several members allowed) decompressed as it is read, never past ``cap`` bytes in all.

    Raises :class:`DecompressionBomb` (E019) when the output passes ``cap`` and :class:`UndecodableInput`
    (E013) when the data is corrupt. Compressed data that ends inside a member reads as the end of the
    stream with ``truncated`` set: the caller keeps the whole records before the cut and records E020
    (raising there would lose the bytes a buffered reader already holds). Wrap it in
    :class:`io.BufferedReader` to read lines.
    """

    def __init__(self, raw: BinaryIO, cap: int, *, input_id: Optional[str] = None, setting: str = "NEWSLEDGER_MAX_BYTES") -> None:
        super().__init__()
        self._raw, self._cap, self._input_id, self._setting = raw, cap, input_id, setting
        self._inflater = zlib.decompressobj(wbits=47)  # 32 + 15: accept a gzip or zlib header
        self._tail = b""
        self._started = False
        self._done = False
        self.total = 0
        self.truncated = False

    def readable(self) -> bool:
        return True

    def truncation(self) -> TruncatedInput:
        """The E020 error for a stream that ended inside a member."""
        return TruncatedInput(f"the gzip data is truncated after {self.total:,} decompressed bytes (the stream ends "
                              "inside a member): what was read is not kept as if whole; re-download or re-compress "
                              "the file", input_id=self._input_id)

    def readinto(self, buffer: Any) -> int:
        out = self._produce(len(buffer))
        buffer[:len(out)] = out
        return len(out)

    def _produce(self, size: int) -> bytes:
        while not self._done:
            data, self._tail = (self._tail, b"") if self._tail else (self._raw.read(_CHUNK), b"")
            if not data:  # the compressed data ends here
                self._done = True
                self.truncated = self._started  # an empty file is not cut: nothing to decompress
                break
            self._started = True
            try:
                # max_length bounds what one call may produce: a bomb never expands at once
                out = self._inflater.decompress(data, max(1, min(size, self._cap + 1 - self.total)))
            except zlib.error as exc:
                self._done = True
                raise UndecodableInput(f"the gzip data is corrupt ({exc}): re-download or re-compress the file",
                                       input_id=self._input_id) from exc
            self._tail = self._inflater.unconsumed_tail
            if self._inflater.eof:
                following = self._inflater.unused_data or self._raw.read(_CHUNK)
                if following.startswith(GZIP_MAGIC):  # concatenated gzip members
                    self._inflater = zlib.decompressobj(wbits=47)
                    self._tail = following
                else:  # the end, or padding after the last member
                    self._done = True
            if out:
                self.total += len(out)
                if self.total > self._cap:
                    self._done = True
                    raise DecompressionBomb(
                        f"the gzip stream expands beyond the {self._cap:,}-byte limit (possible gzip bomb): not read; "
                        f"set {self._setting} higher if the file is genuine", input_id=self._input_id)
                return out
        return b""


def gunzip_capped(stream: BinaryIO, max_bytes: int, *, input_id: Optional[str] = None) -> bytes:
    """Stream-decompress gzip (several members allowed), stopping at ``max_bytes`` of output (E019).

    A stream cut short is E020, never its first bytes taken for the whole: one page cut at an arbitrary
    byte ends mid-sentence or mid-number ("killed 1" of "killed 12"), and its figures would be stored
    as the page's. (Files of many records keep their whole records before the cut: see GunzipStream.)
    """
    reader = GunzipStream(stream, max_bytes, input_id=input_id)
    out = bytearray()
    while True:
        chunk = reader.read(_CHUNK)
        if not chunk:
            if reader.truncated:
                raise reader.truncation()
            return bytes(out)
        out += chunk


def maybe_gunzip(data: bytes, max_bytes: int, *, input_id: Optional[str] = None) -> bytes:
    """Decompress ``data`` when it is gzip (a page saved compressed without ``.gz``); else return it."""
    if not data.startswith(GZIP_MAGIC):
        return data
    return gunzip_capped(io.BytesIO(data), max_bytes, input_id=input_id)


def check_not_binary(data: bytes, *, input_id: Optional[str] = None) -> None:
    """Raise :class:`BinaryInput` (E012) for known binary formats or bytes full of control characters."""
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise BinaryInput(f"the input is {what}, not text or HTML: convert it to text or HTML first",
                              input_id=input_id)
    sample = data[:_SNIFF_BYTES]
    if not sample or _bom_encoding(sample) or _utf16_without_bom(sample):
        return
    controls = sample.translate(_CONTROL_TABLE).count(0)
    if b"\x00" in sample or controls / len(sample) > _MAX_CONTROL_RATIO:
        raise BinaryInput(
            f"the input looks binary ({controls} control bytes in the first {len(sample):,}): "
            "pass a .txt, .html, .jsonl or .warc file", input_id=input_id)


def decode_bytes(data: bytes, *, html: bool = False, declared: Optional[str] = None,
                 input_id: Optional[str] = None) -> Decoded:
    """Decode ``data`` to text with ``\\n`` newlines and no BOM.

    Order: a BOM; strict UTF-8; the ``declared`` charset (HTTP header) and, for HTML, the
    ``<meta charset>``; charset-normalizer's detection; UTF-8 with replacement characters when
    only a few bytes are broken. Raises E011 (empty), E012 (binary) or E013 (undecodable).
    """
    if not data.strip():
        raise EmptyInput("the input is empty (or only whitespace): nothing to analyse", input_id=input_id)
    check_not_binary(data, input_id=input_id)
    decoded = _decode(data, html=html, declared=declared, input_id=input_id)
    text = _NEWLINES.sub("\n", decoded.text)
    if not text.strip():
        raise EmptyInput("the input holds no text: nothing to analyse", input_id=input_id)
    if decoded.how != "utf-8":
        level = logging.WARNING if "replacement" in decoded.how else logging.INFO
        log.log(level, "%s: decoded as %s", input_id or "input", decoded.how)
    return Decoded(text, decoded.how)


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; a leading BOM goes."""
    return _NEWLINES.sub("\n", text.removeprefix("\ufeff"))


def meta_charset(data: bytes) -> Optional[str]:
    """The charset an HTML page declares in its first bytes (``<meta charset=...>``), if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


def charset_of_content_type(content_type: Optional[str]) -> Optional[str]:
    """``text/html; charset=windows-1251`` -> ``windows-1251``."""
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def _decode(data: bytes, *, html: bool, declared: Optional[str], input_id: Optional[str]) -> Decoded:
    bom = _bom_encoding(data)
    if bom:
        try:
            return Decoded(data.decode(bom).removeprefix("\ufeff"), f"{bom} (byte-order mark)")
        except UnicodeDecodeError:
            pass
    utf16 = _utf16_without_bom(data[:_SNIFF_BYTES])
    if utf16:
        try:
            return Decoded(data.decode(utf16), f"{utf16} (no byte-order mark)")
        except UnicodeDecodeError:
            pass
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for label, charset in (("declared", declared), ("meta charset", meta_charset(data) if html else None)):
        codec = _codec(charset)
        if codec and codec not in ("utf-8", "utf-16", "utf-32"):
            try:
                return Decoded(data.decode(codec), f"{codec} ({label})")
            except UnicodeDecodeError:
                log.debug("%s: declared charset %s does not decode the bytes", input_id, codec)
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    detected = _detect(data)
    if detected is not None:
        return detected
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad / max(1, len(text)) <= _MAX_REPLACEMENT_RATIO:
        return Decoded(text, f"utf-8 with {bad} replacement characters (undecodable bytes)")
    raise UndecodableInput(
        f"the bytes are not UTF-8 and no encoding fits ({bad} undecodable of {len(text)} characters): "
        "convert the file to UTF-8 (e.g. iconv -f <encoding> -t utf-8)", input_id=input_id)


def _mostly_utf8(data: bytes) -> Optional[Decoded]:
    """UTF-8 with a few broken bytes: keep UTF-8 (a detector would turn every accent into mojibake)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good_non_ascii = len(text) - len(text.encode("ascii", "ignore")) - bad
    if good_non_ascii >= 2 * bad and bad / max(1, len(text)) <= _MAX_REPLACEMENT_RATIO:
        return Decoded(text, f"utf-8 with {bad} replacement characters (invalid UTF-8 bytes)")
    return None


def _detect(data: bytes) -> Optional[Decoded]:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[: 1 << 20]))
    if not matches:
        return None

    def rank(match: Any) -> tuple[float, float, int]:
        encoding = match.encoding
        pref = _PREFERRED.index(encoding) if encoding in _PREFERRED else len(_PREFERRED)
        return (round(match.chaos, 2), -round(match.coherence, 2), pref)

    best = min(matches, key=rank)
    try:
        return Decoded(data.decode(best.encoding), f"{best.encoding} (detected)")
    except (UnicodeDecodeError, LookupError):
        return None


def _codec(charset: Optional[str]) -> Optional[str]:
    if not charset:
        return None
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return None
    # Browsers read latin-1 and ascii labels as windows-1252 (WHATWG encoding standard).
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _bom_encoding(data: bytes) -> Optional[str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _utf16_without_bom(sample: bytes) -> Optional[str]:
    """UTF-16 without a byte-order mark: of mostly-ASCII text a NUL is every other byte; of text in one
    other alphabet (Cyrillic, Greek, Armenian...) the high byte of every character is one of very few
    values (``0x04`` and ``0x00`` for Russian), and the text decodes to printable letters."""
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even, odd = sample[0:2 * pairs:2], sample[1:2 * pairs:2]
    even_nuls, odd_nuls = even.count(0), odd.count(0)
    if odd_nuls > 0.6 * pairs and even_nuls < 0.05 * pairs:
        return "utf-16-le"
    if even_nuls > 0.6 * pairs and odd_nuls < 0.05 * pairs:
        return "utf-16-be"
    for name, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        top = Counter(high).most_common(2)
        if (0 in dict(top) and sum(n for _, n in top) >= 0.97 * pairs and low.count(0) < 0.05 * pairs
                and _reads_as_text(sample[:2 * pairs], name)):
            return name
    return None


def _reads_as_text(data: bytes, encoding: str) -> bool:
    """Whether ``data`` decodes to mostly letters and spaces (a last cut character allowed)."""
    text = data.decode(encoding, errors="replace")
    if not text:
        return False
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
    letters = sum(1 for ch in text if ch.isalpha())
    return printable >= 0.98 * len(text) and letters >= 0.5 * len(text)
