"""The language of a short piece (a heading, a two-word line) from its own evidence and its neighbours'.

Two words say little, and what they say disagrees with the page about as often as it is
right: "located further" between Azerbaijani paragraphs is English, "güclü respublika" on an
Azerbaijani page is Azerbaijani although fastText reads it as Turkish. So the piece's language
is a small calibrated decision rather than a rule: for every candidate language of the
piece's script,

    score(l) = s * model_weight * log P_fastText(l | piece) + s * lingua_weight * log P_lingua(l | piece)
               + log prior(l | neighbours)

where the prior gives ``context_prior`` of its mass to the languages of the paragraphs around
the piece and of the page, shared by votes, and the rest to any other language, and ``s`` shrinks
the models' say on pieces of fewer than ``full_weight_letters`` letters (models are overconfident
on a single word). The piece takes the best-scoring language; its score is that language's
share of the posterior. lingua runs in its low-accuracy mode (trigram models, about 60 MB more
for all languages; its high-accuracy mode costs about 1 GB and seconds of loading), restricted
to the few candidates fastText and the neighbours name: about 20 µs a piece. The constants are
chosen on the fit part of the lingua test data (``python -m evaluation.langid_mixed_eval --fit``,
which weighs pages whose short pieces are half in another language and pages whose headings
are all in the page's language equally). Letters the other candidates never write (``ə``,
``ї``) decide before any of this (see :mod:`newsledger.stages.langid.scripts`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping, Optional

from newsledger.stages.langid.scripts import LANGUAGE_SCRIPT


@dataclass(frozen=True)
class ShortPieceDecision:
    """The constants of the decision (chosen on the fit part; see the module docstring)."""

    #: Share of the prior given to the languages around the piece.
    context_prior: float = 0.9
    #: Weight of fastText's log-probability.
    model_weight: float = 1.0
    #: Weight of lingua's (low-accuracy mode, candidates only) log-probability; 0 switches lingua off.
    lingua_weight: float = 1.0
    #: Probability given to a language a model did not list (fastText lists those above 0.001).
    floor: float = 1e-3
    #: The prior's share of one language outside the context is (1 - context_prior) / other_languages.
    other_languages: int = 10
    #: Texts with fewer letters than this have their models' weights scaled down in proportion (0: never).
    full_weight_letters: int = 16
    #: Candidates fastText gives less than this are not shown to lingua (each language lingua sees loads its models).
    lingua_min_prob: float = 0.0
    #: lingua's high-accuracy mode (up to 5-grams: more accurate, about 13 MB per language loaded) instead of its low one.
    lingua_high: bool = False


#: The shipped decision (fit part: `python -m evaluation.langid_mixed_eval --fit`).
SHORT_PIECES = ShortPieceDecision()
#: The same with lingua's high-accuracy mode (fit part: `... --fit --lingua-high`): better on short pieces,
#: but about 1 GB of lingua models once many languages have been seen, and seconds to load them.
ACCURATE_SHORT_PIECES = ShortPieceDecision(context_prior=0.5, model_weight=0.25, lingua_weight=1.0, full_weight_letters=16,
                                           lingua_high=True)


@lru_cache(maxsize=1)
def _lingua_languages() -> dict[str, Any]:
    """lingua's languages by ISO 639-1 code."""
    from lingua import Language

    return {language.iso_code_639_1.name.lower(): language for language in Language.all()}


@lru_cache(maxsize=512)
def _lingua_detector(codes: frozenset[str], high: bool) -> Any:
    """A lingua detector over ``codes`` (models are shared between detectors, loaded lazily)."""
    from lingua import LanguageDetectorBuilder

    languages = _lingua_languages()
    builder = LanguageDetectorBuilder.from_languages(*(languages[c] for c in sorted(codes)))
    return (builder if high else builder.with_low_accuracy_mode()).build()


def lingua_probabilities(text: str, codes: Iterable[str], high: bool = False) -> dict[str, float]:
    """lingua's confidence for each of ``codes`` it knows (empty when fewer than two are known)."""
    known = frozenset(c for c in codes if c in _lingua_languages())
    if len(known) < 2:
        return {}
    values = _lingua_detector(known, high).compute_language_confidence_values(text)
    return {value.language.iso_code_639_1.name.lower(): float(value.value) for value in values}


def decide_short(text: str, script: str, candidates: Mapping[str, float], context: Mapping[str, int],
                 decision: ShortPieceDecision = SHORT_PIECES) -> Optional[tuple[str, float]]:
    """The language of a short piece and its posterior probability; None when there is nothing to decide.

    ``candidates``: fastText's probabilities of the languages of ``script`` (best first);
    ``context``: votes of the languages around the piece (neighbour paragraphs and the page).
    """
    context = {lang: votes for lang, votes in context.items() if LANGUAGE_SCRIPT.get(lang) == script}
    options = list(dict.fromkeys([*candidates, *context]))
    if not options:
        return None
    shown = [lang for lang in options if lang in context or candidates.get(lang, 0.0) >= decision.lingua_min_prob]
    lingua = lingua_probabilities(text, shown, decision.lingua_high) if decision.lingua_weight else {}
    total_votes = sum(context.values())
    letters = sum(1 for char in text if char.isalpha())
    shrink = min(1.0, letters / decision.full_weight_letters) if decision.full_weight_letters else 1.0
    outside = (1.0 - decision.context_prior) / decision.other_languages
    scores = {}
    for lang in options:
        prior = decision.context_prior * context[lang] / total_votes if lang in context else outside
        score = shrink * decision.model_weight * math.log(max(candidates.get(lang, 0.0), decision.floor)) + math.log(max(prior, 1e-12))
        if lingua:
            score += shrink * decision.lingua_weight * math.log(max(lingua.get(lang, 0.0), decision.floor))
        scores[lang] = score
    best = max(scores, key=scores.__getitem__)
    top = scores[best]
    posterior = 1.0 / sum(math.exp(s - top) for s in scores.values())
    return best, posterior
