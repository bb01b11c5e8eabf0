"""Reprints: the same article published again (other boilerplate, trimmed ends, other encoding).

A document's *signature* is a MinHash over word shingles of its article text (headings and
boilerplate paragraphs left out). Signatures are stored in SQLite: the hash values as a
blob and the LSH bands as indexed rows, so finding candidates is an SQL lookup and the
index survives restarts. A reprint points (``reprint_of``) at the first member of its group in
the linking order and is counted once; after the full relink (:mod:`newsledger.crossdoc.relink`)
that is the canonical first member (earliest published, then lowest document id), whatever
order the documents arrived in.

Two documents are reprints when the estimated Jaccard similarity of their shingle sets
reaches ``reprint_threshold`` (0.8), or when one is almost entirely contained in the other
(estimated containment >= 0.9) and it keeps at least half of the other's length: that
catches a copy with the first or last paragraphs cut, which Jaccard alone misses.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Optional, Sequence

import numpy as np

from newsledger.models import Document
from newsledger.settings import load_settings
from newsledger.store import reprints as reprint_store
from newsledger.store.connection import Database

NUM_PERM = 128
SEED = 1
SHINGLE_WORDS = 4
#: LSH is tuned below the verification threshold so trimmed copies still become candidates.
LSH_THRESHOLD = 0.5
CONTAINMENT_THRESHOLD = 0.9
MIN_LENGTH_RATIO = 0.5

_WORD = re.compile(r"[^\W_]+")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# Characters that UTF-8 text read as cp1252/latin-1 typically shows ("â€™", "Ã©", "Ð°").
_MOJIBAKE_HINT = re.compile("[ÃÂâÐÑÄÅ][\u0080-\u00ff\u2010-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u20ac\u2122]")


def _redecode(chunk: str) -> Optional[str]:
    for codec in ("cp1252", "latin-1"):
        try:
            return chunk.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return None


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as cp1252/latin-1 when that is clearly what happened.

    The whole text is re-decoded when it round-trips; otherwise (a byte was lost on the way)
    each run of non-ASCII characters is re-decoded on its own, so one lost byte costs one word.
    """
    if not _MOJIBAKE_HINT.search(text):
        return text
    whole = _redecode(text)
    if whole is not None:
        return whole

    def fix(match: "re.Match[str]") -> str:
        run = match.group(0)
        fixed = _redecode(run)
        if fixed is None and _MOJIBAKE_HINT.search(run):
            # A byte of this character was lost (cp1252 has holes): drop the debris, not the words around it.
            fixed = run.encode("cp1252", errors="ignore").decode("utf-8", errors="ignore")
        return fixed if fixed is not None else run

    return _NON_ASCII_RUN.sub(fix, text)


def article_text(doc: Document) -> str:
    """The text a signature is built from: body paragraphs only (no headings, no boilerplate)."""
    if not doc.paragraphs:
        return doc.text
    return "\n\n".join(p.text for p in doc.paragraphs if p.kind not in ("heading", "boilerplate"))


def words(text: str) -> list[str]:
    """Normalised word tokens: mojibake repaired, NFKC, casefolded, punctuation dropped."""
    text = unicodedata.normalize("NFKC", repair_mojibake(text)).casefold()
    return _WORD.findall(text)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Word ``size``-grams; a text shorter than ``size`` words is one shingle."""
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


@dataclass(frozen=True)
class Signature:
    """A document's MinHash values and shingle count (for containment estimates)."""

    hashvalues: np.ndarray
    size: int
    exact: str  # hash of the normalised word sequence: exact copies match without LSH error

    def jaccard(self, other: "Signature") -> float:
        if self.exact == other.exact:
            return 1.0
        if self.size == 0 or other.size == 0:
            return 0.0
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / len(self.hashvalues)

    def containment(self, other: "Signature") -> float:
        """Estimated |A∩B| / min(|A|,|B|) from the Jaccard estimate and the set sizes."""
        j = self.jaccard(other)
        if j >= 1.0:
            return 1.0
        smaller = min(self.size, other.size)
        if smaller == 0:
            return 0.0
        intersection = j / (1.0 + j) * (self.size + other.size)
        return min(1.0, intersection / smaller)


def is_reprint(a: Signature, b: Signature, threshold: float = 0.8) -> bool:
    """The reprint rule (see the module docstring)."""
    if a.size == 0 or b.size == 0:
        return False
    if a.jaccard(b) >= threshold:
        return True
    ratio = min(a.size, b.size) / max(a.size, b.size)
    return ratio >= MIN_LENGTH_RATIO and a.containment(b) >= CONTAINMENT_THRESHOLD


def signature_of_text(text: str) -> Signature:
    """MinHash signature of an article text (deterministic: fixed seed and hash)."""
    from datasketch import MinHash

    grams = shingles(text)
    permutations, scheme = _permutations()
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=permutations, scheme=scheme)
    if grams:
        m.update_batch([g.encode("utf-8") for g in sorted(grams)])
    exact = hashlib.sha1(" ".join(words(text)).encode("utf-8")).hexdigest()[:20]
    return Signature(np.array(m.hashvalues, dtype=np.uint64), len(grams), exact)


@lru_cache(maxsize=1)
def _permutations() -> tuple[Any, Any]:
    """The MinHash permutations of :data:`SEED` and their scheme (datasketch draws them again for every signature
    otherwise)."""
    from datasketch import MinHash

    first = MinHash(num_perm=NUM_PERM, seed=SEED)
    return first.permutations, first.scheme


def _stored_document(doc_id: str, blob: Any, input_id: Optional[str], text: str) -> Document:
    """A stored document from its ``data`` column; with no usable data, its plain text (which still has a signature)."""
    try:
        data = reprint_store.parsed_data(blob, text)
        if data is None:
            raise ValueError("no data")
        doc = Document.from_dict(data)
    except (TypeError, ValueError, KeyError, AttributeError):
        doc = Document(id=doc_id, input_id=input_id or doc_id, text=text)
    doc.id = doc_id
    return doc


def signature(doc: Document) -> Signature:
    """MinHash signature of a document's article text."""
    return signature_of_text(article_text(doc))


@lru_cache(maxsize=4)
def lsh_bands(threshold: float = LSH_THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows per band) minimising false positives+negatives at ``threshold`` (datasketch's rule)."""
    from datasketch.lsh import _optimal_param

    return _optimal_param(threshold, num_perm, 0.5, 0.5)


def band_keys(sig: Signature) -> list[int]:
    """One signed 64-bit key per LSH band (fits an SQLite INTEGER)."""
    bands, rows = lsh_bands()
    keys = []
    for band in range(bands):
        chunk = sig.hashvalues[band * rows:(band + 1) * rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "big") * 8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def group_reprints(docs: Sequence[Document], threshold: float = 0.8) -> dict[str, Optional[str]]:
    """Pure form: ``{doc.id: reprint_of}`` for documents in ingest order (first member is the original)."""
    with Database(":memory:") as scratch:
        return {doc.id: assign_reprint(scratch, doc, threshold) for doc in docs}


# --- persistence -------------------------------------------------------------------------

def stored_hashvalues(sig: Signature) -> bytes:
    """The signature's values as the store keeps them: little-endian uint32, half the bytes, since datasketch masks
    every MinHash value to 32 bits (files written before schema 7 hold uint64, told apart by the blob's length)."""
    return sig.hashvalues.astype("<u4").tobytes()


def band_rows(store: Database, doc_ids: Sequence[str]) -> list[tuple[int, int, int]]:
    """(band, key, signature seq) of the band rows the documents' signatures were filed under, recomputed from them."""
    return [(band, key, seq) for seq, blob, size, exact in reprint_store.signatures_of_documents(store, doc_ids)
            if size for band, key in enumerate(band_keys(_load((blob, size, exact))))]


def _load(row: Sequence[Any]) -> Signature:
    blob = row[0]
    dtype = "<u4" if len(blob) == NUM_PERM * 4 else "<u8"
    return Signature(np.frombuffer(blob, dtype=dtype).astype(np.uint64), int(row[1]), str(row[2]))


def find_reprint_of(store: Database, sig: Signature, threshold: float = 0.8,
                    exclude: Optional[str] = None) -> Optional[str]:
    """The original (the root linked first) of the stored documents ``sig`` reprints, or None."""
    candidates: dict[str, tuple[int, Optional[str], Signature]] = {}
    for seq, doc_id, reprint_of, blob, size, exact in reprint_store.candidates(store, sig.exact, band_keys(sig)):
        if doc_id != exclude:
            candidates[doc_id] = (seq, reprint_of, _load((blob, size, exact)))
    best: Optional[tuple[int, str]] = None
    for doc_id, (seq, reprint_of, other) in candidates.items():
        if not is_reprint(sig, other, threshold):
            continue
        root = reprint_of or doc_id
        root_seq = seq if reprint_of is None else _seq_of(store, root, seq)
        if best is None or root_seq < best[0]:
            best = (root_seq, root)
    return best[1] if best else None


def _seq_of(store: Database, doc_id: str, default: int) -> int:
    seq = reprint_store.signature_seq(store, doc_id)
    return seq if seq is not None else default


def assign_reprint(store: Database, doc: Document, threshold: float = 0.8) -> Optional[str]:
    """Store ``doc``'s signature and return the id of the document it reprints (or None).

    Incremental: one SQL lookup of the band keys, no rebuild. Idempotent: a document seen
    before keeps its stored answer. The caller writes the value to ``documents.reprint_of``.
    """
    return _assign(store, doc.id, lambda: signature(doc), threshold)


def _assign(store: Database, doc_id: str, make_signature: Callable[[], Signature], threshold: float) -> Optional[str]:
    known, stored_answer = reprint_store.known_reprint_of(store, doc_id)
    if known:
        return stored_answer
    sig = make_signature()
    reprint_of = find_reprint_of(store, sig, threshold, exclude=doc_id) if sig.size else None
    reprint_store.add_signature(store, doc_id, stored_hashvalues(sig), sig.size, sig.exact, reprint_of,
                                band_keys(sig) if sig.size else [])
    return reprint_of


#: Signatures of stored documents by (id, stored data, text): a relink redoes the same recent documents run after run, and
#: a document's signature changes only with its data (boilerplate re-marked), which its key holds.
_SIGNATURES: dict[tuple[str, Any, str], Signature] = {}
_SIGNATURES_MAX = 4096


def assign_reprint_stored(store: Database, doc_id: str, threshold: Optional[float] = None) -> Optional[str]:
    """:func:`assign_reprint` for a document already in the store's ``documents`` table; sets its ``reprint_of``."""
    stored = reprint_store.stored_row(store, doc_id)
    if stored is None:
        return None
    blob, input_id, text = stored
    if threshold is None:
        threshold = float(load_settings().reprint_threshold)

    def make_signature() -> Signature:
        key = (doc_id, blob, text)
        if key not in _SIGNATURES:
            if len(_SIGNATURES) >= _SIGNATURES_MAX:
                _SIGNATURES.clear()
            _SIGNATURES[key] = signature(_stored_document(doc_id, blob, input_id, text))
        return _SIGNATURES[key]

    reprint_of = _assign(store, doc_id, make_signature, threshold)
    if reprint_of is not None and reprint_of != doc_id:
        reprint_store.set_reprint_of(store, doc_id, reprint_of)
    return reprint_of
