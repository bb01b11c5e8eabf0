"""The cue lexicon of the quotes stage, read from the language packs (:mod:`newsledger.lang`).

English cues are verb lemmas matched over spaCy parses. The pipeline runs without a
lemmatizer (it is excluded for speed), so :func:`verb_lemma` maps inflected forms back to
the lexicon's lemmas with a few suffix rules and an irregular-forms table.
Other languages carry regular expressions matched over the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from newsledger import lang as languages

QUOTE_PAIRS: dict[str, tuple[str, ...]] = {
    "“": ("”", "“"),  # “...” (English), and “...“ seen in badly typeset pages
    "«": ("»",),
    "„": ("“", "”"),
    "‹": ("›",),
    '"': ('"',),
    "'": ("'",),
    "‘": ("’",),
    "”": ("”",),  # Scandinavian/Finnish ”...”
}


@dataclass(frozen=True)
class LanguageCues:
    """Regex cues for a language read without a parser."""

    lang: str
    cue: re.Pattern[str]
    according: re.Pattern[str]
    according_position: str  # "before": marker then source (ru, fr); "after": source then marker (az, tr)
    complementizer: re.Pattern[str]
    stop_words: frozenset[str]
    #: Stance cue words by polarity ("осудил" negative, "təşəkkür edib" positive, "a appelé" demand).
    stance: tuple[tuple[str, re.Pattern[str]], ...] = ()
    #: A sentence that reports the one before opens with one of these ("Bunu", "Об этом"), alone or after a
    #: relay frame ("Metbuat.az xəbər verir ki, bunu ...").
    anaphor: Optional[re.Pattern[str]] = None

    def polarity(self, cue: str) -> Optional[str]:
        """The stance polarity of a cue word, or None when it only reports speech."""
        for polarity, pattern in self.stance:
            if pattern.fullmatch(cue.strip()):
                return polarity
        return None


@lru_cache(maxsize=1)
def english() -> "EnglishCues":
    """The parser cue lexicon (cached): the pack of the language spaCy's English model reads."""
    return EnglishCues(languages.get(languages.ENGLISH).parser_cues)


@lru_cache(maxsize=16)
def language_cues(lang: str) -> Optional[LanguageCues]:
    """Regex cues for ``lang``, or None when its pack has none (or it is read with the parser)."""
    pack = languages.get(lang)
    if not pack.cue_pattern or pack.read_by_english_model:
        return None
    word = r"(?<![\w-])"
    return LanguageCues(
        lang=lang,
        cue=re.compile(word + pack.cue_pattern + r"(?![\w-])", re.IGNORECASE),
        according=re.compile(word + "(?:" + pack.according_to + r")(?![\w-])"),
        according_position=pack.according_position,
        complementizer=re.compile(r"\s*" + pack.complementizer + r"(?!\w)", re.IGNORECASE),
        stop_words=frozenset(pack.stop_words),
        stance=tuple((polarity, re.compile("(?:" + words + ")", re.IGNORECASE))
                     for polarity, words in pack.stance_words.items()),
        anaphor=re.compile(r"\s*(?:" + "|".join(re.escape(a) for a in pack.anaphors) + r")(?![\w-])", re.IGNORECASE)
        if pack.anaphors else None,
    )


@lru_cache(maxsize=1)
def speaker_pronouns() -> frozenset[str]:
    """Third-person pronouns of every pack but English's (casefolded): a speaker that is the last speaker."""
    return frozenset(p.casefold() for code in languages.codes() for p in languages.get(code).speaker_pronouns)


class EnglishCues:
    """Verb lemmas (single and phrasal), stance polarities and role-noun classes."""

    def __init__(self, table: dict[str, Any]) -> None:
        #: Belief, intention and evaluation verbs ("want", "see", "propose"): weak speech verbs.
        self.cognition = frozenset(table.get("cognition_verbs", ()))
        self.speech = self._split(list(table["speech_verbs"]) + sorted(self.cognition))
        self.weak = frozenset(table["weak_verbs"]) | self.cognition
        #: Cues only beside a quotation: "the letter reads", "she continued".
        self.quote_only = frozenset(table.get("quote_only_verbs", ()))
        self.belief_adjectives = frozenset(table.get("belief_adjectives", ()))
        self.content_prepositions = frozenset(table.get("content_prepositions", ()))
        self.agent_nouns = frozenset(table.get("agent_nouns", ()))
        #: Role-word stems of every pack ("министр", "nazir", "ministre"): a speaker's role before the name.
        self.role_stems = tuple(dict.fromkeys(stem for code in languages.codes() for stem in languages.get(code).role_stems))
        self.stance: dict[str, str] = dict(table["stance_verbs"])
        self.stance_phrasal = self._split(list(self.stance))
        self.irregular: dict[str, str] = dict(table["irregular"])
        self.according = [tuple(p.split()) for p in table["according_to"]]
        self.proxy_nouns = frozenset(table["proxy_nouns"])
        self.pronouns: dict[str, str] = dict(table["pronouns"])
        self.person_classes: dict[str, list[str]] = table["person_role_classes"]
        self.org_classes: dict[str, list[str]] = table["org_role_classes"]
        self.media_words = frozenset(table["media_words"])
        self.role_nouns = frozenset(table["role_nouns"])
        self.female_titles = frozenset(table["female_titles"])
        self.male_titles = frozenset(table["male_titles"])
        self.lemmas = frozenset(w.split()[0] for w in list(table["speech_verbs"]) + list(self.stance)
                                + list(self.cognition))

    @staticmethod
    def _split(entries: list[str]) -> dict[str, frozenset[str]]:
        """lemma -> particles ("" for the bare verb): "point out" -> {"point": {"out"}}."""
        out: dict[str, set[str]] = {}
        for entry in entries:
            head, _, particle = entry.partition(" ")
            out.setdefault(head, set()).add(particle)
        return {k: frozenset(v) for k, v in out.items()}

    def lemma(self, word: str, spacy_lemma: str = "") -> Optional[str]:
        """The lexicon lemma of an inflected verb form, or None when it is not a cue verb."""
        return verb_lemma(word, self.lemmas, self.irregular, spacy_lemma)


def verb_lemma(word: str, known: frozenset[str], irregular: dict[str, str], spacy_lemma: str = "") -> Optional[str]:
    """Map ``said``/``stresses``/``pointing``/``slammed`` to a lemma in ``known``."""
    w = word.lower()
    if spacy_lemma and spacy_lemma.lower() in known:
        return spacy_lemma.lower()
    if w in known:
        return w
    if w in irregular:
        base = irregular[w]
        return base if base in known else None
    candidates: list[str] = []
    if w.endswith("ies") or w.endswith("ied"):
        candidates.append(w[:-3] + "y")
    if w.endswith("ing"):
        stem = w[:-3]
        candidates += [stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem]
    if w.endswith("ed"):
        stem = w[:-2]
        candidates += [stem, w[:-1], stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem]
    if w.endswith("es"):
        candidates.append(w[:-2])
    if w.endswith("s"):
        candidates.append(w[:-1])
    for c in candidates:
        if c in known:
            return c
    return None
