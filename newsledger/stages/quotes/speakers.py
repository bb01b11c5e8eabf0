"""Who a speaker mention is: a small document-level salience model.

Walking the document in order, it keeps the people and organisations named so far with
their roles (titles before the name, appositions after it). A mention is then resolved:
a name to the person it names (a surname to the full name seen before), "he"/"she" to the
most recent person-speaker or the most recent person of compatible gender, a role noun
("the diplomat", "the ambassador") to the most recent person whose role is of that class,
"the ministry"/"the outlet" to the most recent matching organisation. What cannot be
resolved stays as its mention with ``resolved=False``: no guesses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Sequence

from newsledger import lang as languages
from newsledger.models import Entity, Speaker
from newsledger.stages.quotes.lexicon import EnglishCues, english, speaker_pronouns
from newsledger.stages.spans import Interval, SpanIndex

PERSON_LABELS = frozenset({"PERSON", "PER"})
ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "ORGANIZATION", "LOC", "ORGANISATION", "MEDIA", "OUTLET"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our"})
_WORD = re.compile(r"[\w.'’-]+")
#: How many paragraphs back a pronoun may reach for its person.
PRONOUN_REACH = 3


@dataclass
class Person:
    name: str
    canonical: Optional[str]
    role: Optional[str] = None
    gender: Optional[str] = None
    last: int = -1
    last_spoke: int = -1
    last_paragraph: int = 0
    #: Last mention outside any quoted content: only these compete for a later "he"/"she".
    last_outside: int = -1
    surnames: set[str] = field(default_factory=set)
    #: Words written just before the name ("Министр иностранных дел России"): for role mentions in
    #: languages read without a parser ("по словам министра" -> this person).
    title_words: set[str] = field(default_factory=set)


@dataclass
class Org:
    name: str
    canonical: Optional[str]
    media: bool = False
    last: int = -1
    last_spoke: int = -1


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _more_name_than(ent: Entity, words: list[str]) -> bool:
    """Whether the mention has capitalised words besides the place's own ("Sputnik Azərbaycan")."""
    own = {w.lower() for w in _WORD.findall(ent.text)}
    return any(w[:1].isupper() and w.lower() not in own for w in words)


def _written_as_name(words: list[str]) -> bool:
    """Two to four capitalised words, not all capitals: how a person's name is written."""
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and not w.isupper() for w in words)


def _strip_title(words: list[str], cues: EnglishCues) -> list[str]:
    while len(words) > 1 and (words[0].lower() in cues.role_nouns or words[0].lower() in _DETERMINERS):
        words = words[1:]
    return words


class Salience:
    """People and organisations in order of mention; resolves speaker mentions."""

    def __init__(self, text: str, entities: Sequence[Entity], role_of: Callable[[Entity], Optional[tuple[int, int]]],
                 media_of: Callable[[Entity], bool], cues: Optional[EnglishCues] = None) -> None:
        self.text = text
        self.cues = cues or english()
        self.entities = sorted(entities, key=lambda e: (e.start, -e.end))
        self._entity_index = SpanIndex(self.entities)
        self.role_of = role_of
        self.media_of = media_of
        self.people: list[Person] = []
        self.orgs: list[Org] = []
        self._next = 0
        self._paragraph = 0
        #: Contents of attributions: people named inside what someone said do not take over "he".
        self.contents: list[tuple[int, int]] = []
        self._contents_index: Optional[tuple[list[tuple[int, int]], int, SpanIndex[Interval[None]]]] = None

    # -- building the registry ------------------------------------------------------------
    def _person_by_name(self, words: list[str]) -> Optional[Person]:
        if not words:
            return None
        full = " ".join(words).lower()
        last = words[-1].lower().rstrip("’'s")
        last = last.rsplit(".", 1)[-1] or last  # "H.Hacıyev": the surname after the initial ("Jr." stays)
        for p in reversed(self.people):
            if p.name.lower() == full or last in p.surnames:
                return p
        return None

    def _person_by_canonical(self, canonical: Optional[str]) -> Optional[Person]:
        """The person already known under this canonical name ("Захаровой" after "Мария Захарова")."""
        if not canonical:
            return None
        return next((p for p in reversed(self.people) if p.canonical == canonical), None)

    def _add(self, ent: Entity) -> None:
        words = _strip_title(_WORD.findall(ent.text), self.cues)
        known = self._person_by_name(words)
        if known is None and ent.label in PERSON_LABELS:
            known = self._person_by_canonical(ent.canonical)
        if ent.label in PERSON_LABELS or known is not None:
            person = known
            if person is None:
                person = Person(" ".join(words) if words else ent.text, ent.canonical or None)
                person.surnames.add(words[-1].lower() if words else ent.text.lower())
                if ent.canonical and " " in ent.canonical:
                    person.surnames.add(ent.canonical.split()[-1].lower())
                self.people.append(person)
            elif len(words) > len(person.name.split()) and ent.label in PERSON_LABELS:
                person.name = " ".join(words)
            person.title_words |= self._title_words(ent.start)
            role = self.role_of(ent)
            if role is not None and person.role is None:
                person.role = self.text[role[0]:role[1]]
            if person.gender is None and role is not None:
                person.gender = self._gender_of(self.text[role[0]:role[1]])
            person.last = ent.start
            if not self._in_contents(ent.start):
                person.last_outside = ent.start
            return
        if ent.label in ORG_LABELS:
            name = ent.canonical or ent.text
            org = next((o for o in self.orgs if o.name == name), None)
            if org is None:
                org = Org(name, ent.canonical)
                self.orgs.append(org)
            org.media = org.media or self.media_of(ent)
            org.last = ent.start

    def _in_contents(self, offset: int) -> bool:
        """Whether ``offset`` lies in one of ``self.contents`` (indexed again whenever the list changes)."""
        indexed = self._contents_index
        if indexed is None or indexed[0] is not self.contents or indexed[1] != len(self.contents):
            index = SpanIndex([Interval(a, b, None) for a, b in self.contents])
            indexed = self._contents_index = (self.contents, len(self.contents), index)
        return bool(indexed[2].containing(offset))

    def _title_words(self, start: int) -> set[str]:
        """Lower-case words between the sentence start (or 80 characters back) and a name."""
        head = self.text[max(0, start - 80):start]
        head = re.split(r"[.!?\n:;«»“”\"]", head)[-1]
        return {w.lower() for w in _WORD.findall(head)[-6:] if len(w) >= 4}

    def _title_person(self, words: list[str]) -> Optional[Person]:
        """The most recent person whose written title shares a word stem with a role mention."""
        stems = [w.lower()[:max(4, len(w) - 3)] for w in words if len(w) >= 5 and w[:1].islower()]
        if not stems or len(words) > 3:
            return None
        for person in sorted(self.people, key=lambda p: max(p.last, p.last_spoke), reverse=True):
            if any(t.startswith(stem) for stem in stems for t in person.title_words):
                return person
        return None

    def _role_stem_person(self, words: list[str], paragraph: int) -> Optional[Person]:
        """"по словам министра", "nazir", "le ministre": a role word in a language read without a
        parser refers to the person who spoke last, like a pronoun would (no one else named since)."""
        if not words or len(words) > 2 or not words[-1][:1].isalpha():
            return None
        head = words[-1].lower()
        if not any(head.startswith(stem) for stem in self.cues.role_stems):
            return None
        spoke = [p for p in self.people if p.last_spoke >= 0]
        if not spoke:
            return None
        speaker = max(spoke, key=lambda p: p.last_spoke)
        if paragraph - speaker.last_paragraph > PRONOUN_REACH:
            return None
        if any(p is not speaker and p.last_outside > speaker.last_spoke for p in self.people):
            return None
        return speaker

    def _gender_of(self, role: str) -> Optional[str]:
        words = {w.lower() for w in role.split()}
        if words & self.cues.female_titles:
            return "female"
        if words & self.cues.male_titles:
            return "male"
        return None

    def advance(self, offset: int, paragraph: int) -> None:
        """Take in every entity that starts before ``offset``."""
        self._paragraph = paragraph
        while self._next < len(self.entities) and self.entities[self._next].start < offset:
            self._add(self.entities[self._next])
            self._next += 1

    # -- resolving ------------------------------------------------------------------------
    def resolve(self, start: int, end: int, paragraph: int, local_role: Optional[tuple[int, int]] = None,
                lang: Optional[str] = None) -> Speaker:
        """The speaker a mention ``text[start:end]`` refers to.

        ``lang``, when not one the English model reads: a place inside a longer name does not speak
        ("Sputnik Azərbaycan" is not Azerbaijan), a title mention needs a role word ("şəhidin anası" is
        no one's title); without a name recogniser for it (Azerbaijani, Turkish) a mention written as a
        name ("Müstəqim Məmmədov") is taken in as a person for later pronouns and roles; its pronouns
        ("O", "Onun", "он") refer to the last speaker.
        """
        foreign = lang is not None and not languages.read_by_english_model(lang)
        names_unrecognised = foreign and not languages.get(lang).syntax_model
        self.advance(start, paragraph)
        mention = self.text[start:end]
        # Entities inside the mention are part of it: take them in first ("French President Macron said").
        inside = self._entity_index.overlapping(start, end)
        for ent in inside:
            if ent.start >= start:
                self._add(ent)
        words = _WORD.findall(mention)
        lower = [w.lower() for w in words]
        role_text = self.text[local_role[0]:local_role[1]] if local_role else None

        person = self._named_person(inside, words)
        if person is not None:
            if role_text and person.role is None:
                person.role = role_text
            return self._spoke(person, start)
        org_ent = next((e for e in inside if e.label in ORG_LABELS), None)
        if org_ent is not None and foreign and org_ent.label in PLACE_LABELS and _more_name_than(org_ent, words):
            org_ent = None
        if org_ent is not None and self._covers(org_ent, start, end):
            org = next((o for o in self.orgs if o.name == (org_ent.canonical or org_ent.text)), None)
            if org is not None:
                org.last_spoke = start
            return Speaker(name=org_ent.canonical or org_ent.text, canonical=org_ent.canonical,
                           role=role_text, resolved=True)
        if len(lower) == 1 and lower[0] in self.cues.pronouns:
            found = self._pronoun(lower[0], paragraph)
            return self._spoke(found, start) if found else Speaker(name=mention, resolved=False)
        content = [w for w in lower if w not in _DETERMINERS]
        if lower and lower[0] in ("the", "this", "that", "its") and content:
            found_p = self._role_person(content)
            if found_p is not None:
                return self._spoke(found_p, start)
            org = self._role_org(content)
            if org is not None:
                org.last_spoke = start
                return Speaker(name=org.name, canonical=org.canonical, resolved=True)
        if len(lower) == 1 and lower[0].casefold() in speaker_pronouns():
            found = self._last_speaker(paragraph)
            return self._spoke(found, start) if found else Speaker(name=mention, resolved=False)
        if not inside:
            titled = None if foreign and not self._has_role_word(words) else self._title_person(words)
            titled = titled or self._role_stem_person(words, paragraph)
            if titled is not None:
                return self._spoke(titled, start)
        if names_unrecognised and not inside and _written_as_name(words):
            person = self._person_by_name(words) or Person(" ".join(words), None)
            if person not in self.people:
                person.surnames.add(words[-1].lower())
                self.people.append(person)
            person.last = max(person.last, start)
            if role_text and person.role is None:
                person.role = role_text
                person.title_words |= {w.lower() for w in _WORD.findall(role_text) if len(w) >= 4}
            return self._spoke(person, start)
        return Speaker(name=mention, role=role_text, resolved=False)

    def _has_role_word(self, words: list[str]) -> bool:
        return any(w.lower().startswith(stem) for w in words for stem in self.cues.role_stems)

    def _last_speaker(self, paragraph: int) -> Optional[Person]:
        """The person who spoke last, within reach and with no other person named since; else the one
        named last when no one has spoken yet."""
        spoke = [p for p in self.people if p.last_spoke >= 0]
        if spoke:
            speaker = max(spoke, key=lambda p: p.last_spoke)
            if paragraph - speaker.last_paragraph <= PRONOUN_REACH and not any(
                    p is not speaker and p.last_outside > speaker.last_spoke for p in self.people):
                return speaker
            return None
        named = [p for p in self.people if p.last >= 0]
        return max(named, key=lambda p: p.last) if len(named) == 1 else None

    @staticmethod
    def _covers(ent: Entity, start: int, end: int) -> bool:
        # The organisation must be the mention's head, not a modifier ("Azerbaijan's ambassador").
        return ent.end >= end - 1 or (ent.start <= start + 4 and ent.end - ent.start >= (end - start) * 0.6)

    def _named_person(self, inside: list[Entity], words: list[str]) -> Optional[Person]:
        stripped = _strip_title(list(words), self.cues)
        for ent in inside:
            ewords = _strip_title(_WORD.findall(ent.text), self.cues)
            person = self._person_by_name(ewords)
            if person is not None and (ent.label in PERSON_LABELS or ent.text.endswith(ewords[-1] if ewords else "")):
                if ewords and stripped and ewords[-1].lower() == stripped[-1].lower().rstrip("’'s"):
                    return person
                if ent.label in PERSON_LABELS:
                    return person
        if stripped and stripped[0][:1].isupper():
            return self._person_by_name(stripped)
        return None

    def _spoke(self, person: Person, start: int) -> Speaker:
        person.last_spoke = start
        person.last_outside = max(person.last_outside, start)
        person.last_paragraph = self._paragraph
        return Speaker(name=person.name, canonical=person.canonical, role=person.role, resolved=True)

    def _pronoun(self, pronoun: str, paragraph: int) -> Optional[Person]:
        gender = self.cues.pronouns[pronoun]
        if gender not in ("male", "female"):
            return None
        recent = [p for p in self.people if p.gender in (None, gender)]
        if not recent:
            return None
        speaker = max(recent, key=lambda p: p.last_spoke)
        if speaker.last_spoke >= 0 and paragraph - speaker.last_paragraph <= PRONOUN_REACH:
            # The last person-speaker, unless another compatible person was named after they spoke.
            later = [p for p in recent if p is not speaker and p.last_outside > speaker.last_spoke]
            if not later:
                return speaker
        mentioned = max(recent, key=lambda p: p.last)
        others = [p for p in recent if p is not mentioned and p.last_outside > mentioned.last_spoke and p.last >= 0]
        if mentioned.last >= 0 and not others:
            return mentioned
        return None

    def _role_person(self, words: list[str]) -> Optional[Person]:
        head = words[-1]
        two = " ".join(words[-2:])
        classes = self.cues.person_classes
        synonyms = classes.get(two) or classes.get(head)
        if synonyms is None:
            if head not in self.cues.role_nouns and two not in self.cues.role_nouns:
                return None
            synonyms = [two if two in self.cues.role_nouns else head]
        for person in sorted(self.people, key=lambda p: max(p.last, p.last_spoke), reverse=True):
            if person.role and any(re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", person.role.lower())
                                   for s in synonyms):
                return person
        return None

    def _role_org(self, words: list[str]) -> Optional[Org]:
        head = words[-1]
        two = " ".join(words[-2:])
        synonyms = self.cues.org_classes.get(two) or self.cues.org_classes.get(head)
        if synonyms is None:
            return None
        for org in sorted(self.orgs, key=lambda o: max(o.last, o.last_spoke), reverse=True):
            if "@media" in synonyms and org.media:
                return org
            if any(s in org.name.lower() for s in synonyms if not s.startswith("@")):
                return org
        return None


def person_role(ent: Entity, pdoc: Any, base: int, cues: Optional[EnglishCues] = None) -> Optional[tuple[int, int]]:
    """The role written around a person's name: a title before it or an apposition after it.

    "Azerbaijan’s Ambassador to France Rahman Mustafayev" -> "Azerbaijan’s Ambassador to France";
    "Hikmet Hajiyev, Assistant to the President," -> "Assistant to the President".
    """
    cues = cues or english()
    tokens = [t for t in pdoc if base + t.idx >= ent.start and base + t.idx < ent.end]
    if not tokens:
        return None
    first, last = tokens[0], tokens[-1]
    # A title before the name: capitalised words, possessives and "to"/"of" between them.
    pre: list[Any] = []
    i = first.i - 1
    while i >= 0 and first.i - i <= 8:
        tok = pdoc[i]
        low = tok.text.lower()
        if tok.is_sent_start and not (tok.text[:1].isupper() or tok.tag_ == "POS"):
            break
        if tok.tag_ in ("NNP", "NNPS", "POS") or (tok.text[:1].isupper() and tok.tag_ in ("JJ", "NN", "NNS")) \
                or low in cues.role_nouns or low in ("to", "of", "for", "foreign", "defence", "defense", "deputy", "vice"):
            pre.insert(0, tok)
            if tok.is_sent_start:
                break
            i -= 1
            continue
        break
    while pre and (pre[0].text.lower() in ("to", "of", "for") or pre[0].tag_ == "POS"):
        pre = pre[1:]
    if pre and any(t.text.lower() in cues.role_nouns or t.text.lower().rstrip(".") + "." in cues.role_nouns for t in pre):
        while pre and pre[-1].text.lower() in ("to", "of", "for"):
            pre = pre[:-1]
        if pre:
            return base + pre[0].idx, base + pre[-1].idx + len(pre[-1].text)
    # An apposition after the name: ", Assistant to the President,".
    root = last if last.head.i < first.i or last.head.i > last.i else last.head
    for child in root.children:
        if child.dep_ == "appos" and child.i > last.i:
            sub = sorted(child.subtree, key=lambda t: t.i)
            if any(t.text.lower() in cues.role_nouns for t in sub[:4]):
                sub = [t for t in sub if not t.is_punct] or sub
                return base + sub[0].idx, base + sub[-1].idx + len(sub[-1].text)
    return None


def is_media(ent: Entity, pdoc: Any, base: int, cues: Optional[EnglishCues] = None) -> bool:
    """Whether an organisation reads as a news outlet (by its name or an apposition: "a French portal")."""
    cues = cues or english()
    if any(w.lower() in cues.media_words for w in _WORD.findall(ent.text)):
        return True
    if pdoc is None:
        return False
    tokens = [t for t in pdoc if ent.start <= base + t.idx < ent.end]
    if not tokens:
        return False
    root = tokens[-1]
    for tok in tokens:
        for child in tok.children:
            if child.dep_ == "appos" and child.i >= tokens[-1].i and child.text.lower() in cues.org_classes \
                    and "@media" in cues.org_classes[child.text.lower()]:
                return True
    return False if root is None else False
