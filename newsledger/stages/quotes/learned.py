"""English attributions proposed by a learned model: cue, source and content spans, then linked.

The model (``newsledger/trained/attribution/``, built by ``make train`` from PolNeAR's train split;
see docs/model-card-attribution.md) is a spaCy pipeline whose ``ner`` marks CUE, SOURCE and CONTENT
spans in a paragraph. Linking is by position: a content and a source belong to the nearest cue of
their sentence (of the paragraph when their sentence has none). Speakers are then resolved by the
rules like any other candidate.
"""
from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from newsledger.errors import ModelMissing
from newsledger.models import Document
from newsledger.stages.quotes.lexicon import english
from newsledger.stages.quotes.offsets import Offsets, _overlaps, _trim_content
from newsledger.stages.quotes.parse import Candidate

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent.parent.parent / "trained" / "attribution"

_QUOTE_MARKS = "“”\"«»„‟"


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_DIR) -> Any:
    """The attribution pipeline, loaded once per process; E031 when its files are missing."""
    if not (path / "meta.json").exists():
        raise ModelMissing(f"attribution model not found at {path}: run `make train` "
                           "(needs ../shared/eval/polnear-attribution/train) or reinstall newsledger")
    import spacy

    nlp = spacy.load(path)
    log.debug("loaded attribution model %s", model_version(path))
    return nlp


@lru_cache(maxsize=2)
def model_version(path: Path = MODEL_DIR) -> str:
    """``name-version`` from the model's meta.json, recorded on each quote it produced."""
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelMissing(f"attribution model not found at {path}: run `make train`") from exc
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'attribution')}-{meta.get('version', '0')}"


def predict_spans(nlp: Any, parses: list[Any]) -> list[list[tuple[str, int, int]]]:
    """(label, start, end) spans per paragraph parse, character offsets into its text.

    The model reads the English model's tokens, tags and dependencies from copies of the parses
    the entities stage made (nothing is tokenised or parsed again); the parses keep their entities.
    """
    copies = []
    labels = nlp.get_pipe("ner").labels
    for parse in parses:
        for label in labels:  # the parses' vocabulary is the English model's: it must know the labels
            parse.vocab.strings.add(label)
        copy = parse.copy()
        copy.ents = []  # the learner must not take the English model's entities as fixed spans
        copies.append(copy)
    return [[(e.label_, e.start_char, e.end_char) for e in d.ents] for d in nlp.pipe(copies, batch_size=64)]


def _sentence_of(bounds: list[int], offset: int) -> int:
    """Index of the sentence (given by its start offsets, sorted) holding ``offset``."""
    k = 0
    for n, start in enumerate(bounds):
        if start <= offset:
            k = n
    return k


def _gap(a: Offsets, b: Offsets) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def link(spans: list[tuple[str, int, int]], sentence_starts: list[int]) -> list[tuple[Optional[Offsets], Optional[Offsets], list[Offsets]]]:
    """(cue, source, contents) per attribution: each source goes to the nearest cue of its sentence, each
    content to the nearest cue of its sentence, else of the paragraph; contents with no cue stand alone."""
    cues = [(s, e) for lab, s, e in spans if lab == "CUE"]
    out: dict[Offsets, tuple[list[Offsets], list[Offsets]]] = {c: ([], []) for c in cues}
    loose: list[Offsets] = []
    for lab, s, e in spans:
        if lab == "CUE":
            continue
        here = _sentence_of(sentence_starts, s)
        same = [c for c in cues if _sentence_of(sentence_starts, c[0]) == here]
        # A source names the holder of a cue in its own sentence; a content may run on from the
        # sentence before ("“A,” he said. “B.”"), so it falls back to the paragraph's nearest cue.
        pool = same if (same or lab == "SOURCE") else cues
        if not pool:
            if lab == "CONTENT":
                loose.append((s, e))
            continue
        cue = min(pool, key=lambda c: (_gap(c, (s, e)), c[0]))
        out[cue][0 if lab == "SOURCE" else 1].append((s, e))
    result: list[tuple[Optional[Offsets], Optional[Offsets], list[Offsets]]] = []
    for cue, (sources, contents) in out.items():
        source = min(sources, key=lambda x: _gap(cue, x)) if sources else None
        result.append((cue, source, contents))
    result.extend((None, None, [c]) for c in loose)
    return result


def _cue_lemma(cue: str) -> str:
    """The lexicon lemma of the cue's first cue verb ("has repeatedly said" -> "say"), else the cue lowercased:
    the stage's filters (weak cues inside another claim) read it as they read the rules' lemmas."""
    lexicon = english()
    for word in cue.split():
        lemma = lexicon.lemma(word.strip(".,;:!?\"“”'’"))
        if lemma is not None:
            return lemma
    return cue.lower()


def _quoted(text: str, a: int, b: int) -> bool:
    before = text[max(0, a - 2):a]
    return any(m in before for m in _QUOTE_MARKS) or text[a:a + 1] in _QUOTE_MARKS


def learned_candidates(text: str, spans: list[tuple[str, int, int]], sentence_starts: list[int], base: int,
                       para: int, model: Optional[str] = None) -> list[Candidate]:
    """Candidates of one paragraph from the model's spans (offsets into the paragraph ``text``)."""
    out: list[Candidate] = []
    for cue, source, contents in link(spans, sentence_starts):
        cue_doc = (base + cue[0], base + cue[1]) if cue else None
        speaker = (base + source[0], base + source[1]) if source else None
        lemma = _cue_lemma(text[cue[0]:cue[1]]) if cue else ""
        if not contents and cue is not None and speaker is not None:
            # A bare cue ("Smith said:"): the rules' quotation pass may attach a quotation to it.
            out.append(Candidate("indirect", cue_doc, None, speaker, "en", para, lemma=lemma, model=model))
            continue
        for a, b in contents:
            trimmed = _trim_content(text, a, b)
            if trimmed is None:
                continue
            content = (base + trimmed[0], base + trimmed[1])
            kind = "direct" if _quoted(text, a, b) else "indirect"
            out.append(Candidate(kind, cue_doc, content, speaker, "en", para, lemma=lemma, model=model))
    return out


def propose(doc: Document, parses: dict[int, Any]) -> list[Candidate]:
    """The model's candidates for the English paragraphs whose parses are given (by paragraph index)."""
    order = sorted(parses)
    version = model_version()
    out: list[Candidate] = []
    for i, spans in zip(order, predict_spans(load_model(), [parses[i] for i in order])):
        starts = [s.start_char for s in parses[i].sents]
        out.extend(learned_candidates(doc.paragraphs[i].text, spans, starts, doc.paragraphs[i].start, i, version))
    return out


def combine(rules: list[Candidate], learned: list[Candidate]) -> list[Candidate]:
    """The model's attributions, then the rules' for words the model attributed to no one.

    A model attribution with no source takes the speaker of a rules attribution of the same words
    (or cue); a model content with no cue yields to a rules attribution of the same words, and any
    model attribution to a stance act the rules found (they give its target and polarity). Bare cues
    and everything the model missed come from the rules. Chosen on held-out train
    folds (docs/model-card-attribution.md).
    """
    ruled = [r.content for r in rules if r.content is not None]
    learned = [c for c in learned if c.cue is not None or c.content is None
               or not any(_overlaps(c.content, t) for t in ruled)]
    # Stance acts (target, polarity) are the rules': a model attribution of the same act yields.
    acts = [span for r in rules if r.kind == "stance" for span in (r.cue, r.content) if span is not None]
    learned = [c for c in learned if not any(_overlaps(span, a) for span in (c.cue, c.content)
                                             if span is not None for a in acts)]
    for c in learned:
        if c.speaker is not None or c.content is None:
            continue
        donor = next((r for r in rules if r.speaker is not None and (
            (r.content is not None and _overlaps(r.content, c.content))
            or (r.cue is not None and c.cue is not None and _overlaps(r.cue, c.cue)))), None)
        if donor is not None:
            c.speaker, c.speaker_refers, c.speaker_role = donor.speaker, donor.speaker_refers, donor.speaker_role
    contents = [c.content for c in learned if c.content is not None]
    fill = [r for r in rules if r.kind == "stance" or r.content is None
            or not any(_overlaps(r.content, t) for t in contents)]
    # One mention, one span: a rules speaker the model also marked takes the model's boundaries
    # (resolution still reads the rules' mention).
    speakers = [c.speaker for c in learned if c.speaker is not None]
    for r in fill:
        same = next((k for k in speakers if r.speaker is not None and _overlaps(k, r.speaker)), None)
        if same is not None and same != r.speaker:
            r.speaker_refers = r.speaker_refers or r.speaker
            r.speaker = same
    return learned + fill
