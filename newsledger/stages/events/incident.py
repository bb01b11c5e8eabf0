"""The page's main incident and its killed and injured, and people shot minus the killed.

Whether two victim phrases may name one person (age, sex, child or adult, officer or suspect, names) decides
whether a person shot is taken to be the one killed.
"""
from __future__ import annotations

import re
from typing import Optional

from newsledger.models import Event, Figure
from newsledger.stages.events.merging import _numeric, _parts, is_running_total


def main_incident(events: list[Event]) -> Optional[Event]:
    """The page's main incident: the first attack (text order) that states a number of killed or injured people.

    Local news tells its incident first; later attacks are usually earlier incidents or the city's tally.
    """
    attacks = [e for e in events if e.type == "attack" and not is_running_total(e)]
    for e in attacks:
        if _numeric(e.killed) is not None or _numeric(e.injured) is not None:
            return e
    return attacks[0] if attacks else None


def incident_figures(events: list[Event]) -> tuple[Optional[Figure], Optional[Figure], Optional[Event]]:
    """Killed and injured of the page's main incident, each the first stated numeric figure in text order.

    Returns ``(killed, injured, main_event)``; a figure is None when the page states none. When the injured figure
    is one person *shot* (fate not told in its sentence) and the page states a killed figure, that person is taken to
    be the one killed (derived 0, both spans kept) unless the two phrases cannot name one person. When the page
    states no killed figure, such a lone person shot gives way to a later count of two or more (not a tally over time).
    """
    attacks = [e for e in events if e.type == "attack" and not is_running_total(e)]  # a war's tally is no incident's
    killed = next((e.killed for e in attacks if _numeric(e.killed) is not None), None)
    injured = next((e.injured for e in attacks if _numeric(e.injured) is not None), None)
    if killed is None and injured is not None and _is_raw_hit(injured) and _numeric(injured) == 1 and not injured.parts:
        # "IMPD responded to reports of a person shot ... Two teenage victims had been shot": with no death told, a
        # lone person shot in the lead is the first glimpse of a larger count told later (never a tally of months).
        larger = [e.injured for e in attacks
                  if e.injured is not None and (_numeric(e.injured) or 0) >= 2 and e.injured.start > injured.start
                  and not _TALLY.search(e.span.text)]
        if larger:
            injured = larger[0]
    if (injured is not None and killed is not None and _is_raw_hit(injured) and _numeric(injured) == 1
            and not _distinct_victims(injured, killed)):
        # One person shot on a page that tells a death: most often the same person ("A boy was shot ... He died")
        injured = _hit_minus_killed(injured, killed)
    return killed, injured, main_incident(events)


_AGE = re.compile(r"(\w+)[- ]years?[- ]old", re.I)
#: A count over a stretch of time ("eight children have been shot in the past 17 months"), not one incident's.
_TALLY = re.compile(r"\b(?:in the (?:past|last)|over the (?:past|last)|so far (?:this|in)|this year|since (?:January|February|March|April|"
                    r"May|June|July|August|September|October|November|December|the (?:start|beginning))|a year)\b", re.I)
_POSSESSIVE = re.compile(r"[’']s\b")
_FEMALE = {"woman", "girl", "mother", "wife", "daughter", "sister", "girlfriend", "grandmother", "granddaughter", "aunt", "niece",
           "female", "lady", "mom", "stepdaughter", "fiancee", "fiancée", "ex-wife", "ex-girlfriend", "herself"}
_MALE = {"man", "boy", "father", "husband", "son", "brother", "boyfriend", "grandfather", "grandson", "uncle", "nephew", "male",
         "dad", "stepson", "fiance", "fiancé", "ex-husband", "ex-boyfriend", "himself"}


_CHILD = {"child", "girl", "boy", "infant", "baby", "toddler", "kid", "newborn", "preschooler", "kindergartner"}
_ADULT = {"woman", "man", "mother", "father", "wife", "husband", "grandmother", "grandfather", "girlfriend", "boyfriend",
          "mom", "dad", "lady", "gentleman", "fiance", "fiancé", "fiancee", "fiancée", "ex-wife", "ex-husband"}
# Who is on which side of a shooting: an officer shot and a suspect killed are two people.
_ROLE_POLICE = {"officer", "deputy", "trooper", "policeman", "policewoman", "agent", "marshal", "constable", "sergeant",
                "detective", "patrolman", "lieutenant", "cop"}
_ROLE_SUSPECT = {"suspect", "gunman", "shooter", "assailant", "attacker", "robber", "intruder", "burglar", "carjacker"}
_NAME_TOKEN = re.compile(r"^[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?$")


def _proper_name(phrase: str) -> Optional[tuple[str, ...]]:
    """The words of a bare personal name ("7-year-old Iris Rodriguez" -> ('Iris', 'Rodriguez')), else None."""
    words = [w for w in phrase.split() if not _AGE.fullmatch(w) and not w[:1].isdigit()]
    if len(words) >= 2 and all(_NAME_TOKEN.match(w) for w in words[-2:]) and words[0].lower() not in {"a", "an", "the"}:
        return tuple(w for w in words if _NAME_TOKEN.match(w))
    return None


def _age_class(phrase: str, noun: str) -> Optional[str]:
    """"child" / "adult" when the phrase tells it plainly (a noun or an age far from the boundary), else None."""
    age = _AGE.search(phrase)
    if age and age.group(1).isdigit():
        years = int(age.group(1))
        if years <= 12:
            return "child"
        if years >= 21:
            return "adult"
    if noun in _CHILD:
        return "child"
    if noun in _ADULT:
        return "adult"
    return None


def _same_person(a: str, b: str) -> bool:
    """Whether two singular victim phrases may name one person ("a 2-year-old boy" / "the toddler": yes).

    No when the ages differ ("a 56-year-old" / "a 7-year-old girl"), the sexes differ ("the woman" / "a boy"),
    or one is named through someone else and the nouns differ ("the girl's mother" / "a girl"). Relations alone
    do not tell ("his stepson" / "a 9-year-old boy" is often one person)."""
    age_a, age_b = _AGE.search(a), _AGE.search(b)
    if age_a and age_b and age_a.group(1).lower() != age_b.group(1).lower():
        return False
    noun_a, noun_b = a.split()[-1].lower(), b.split()[-1].lower()
    if (noun_a in _FEMALE and noun_b in _MALE) or (noun_a in _MALE and noun_b in _FEMALE):
        return False
    if noun_a != noun_b and (_POSSESSIVE.search(a) or _POSSESSIVE.search(b)):
        return False
    class_a, class_b = _age_class(a, noun_a), _age_class(b, noun_b)
    if class_a and class_b and class_a != class_b:  # "her mother" / "a little girl"
        return False
    if (noun_a in _ROLE_POLICE and noun_b in _ROLE_SUSPECT) or (noun_a in _ROLE_SUSPECT and noun_b in _ROLE_POLICE):
        return False
    name_a, name_b = _proper_name(a), _proper_name(b)
    if name_a and name_b and not set(name_a) & set(name_b):  # two different names
        return False
    return True


def _distinct_victims(hit: Figure, killed: Figure) -> bool:
    """The person shot is not the one killed: told as "also shot", or the two phrases cannot name one person."""
    return ("additional victim" in (hit.note or "") or "additional victim" in (killed.note or "")
            or not _same_person(hit.text, killed.text))


def _is_raw_hit(fig: Figure) -> bool:
    return (fig.note or "").startswith("hit:") and not (fig.note or "").startswith("hit: derived")


def _hit_minus_killed(hit: Figure, killed: Figure) -> Figure:
    """People shot minus the page's killed (told in another sentence): "A boy was shot ... The boy died" -> 0 injured.

    When more are killed than shot, the shot are taken to be among the killed (0, derived, noted)."""
    h, k = _numeric(hit), _numeric(killed)
    if h is None or k is None or hit.high is None:
        return hit
    rest = max(0, h - k)
    return Figure(rest, rest, hit.start, hit.end, hit.text,
                  f"hit: derived: {hit.text!r} shot minus {killed.text!r} killed on the page", _parts(hit) + _parts(killed))


def derive_injured_from_hit(event: Event) -> None:
    """"Five people were shot, two fatally": people hit minus the killed -> injured 3 (derived, parts kept)."""
    hit, killed = event.injured, event.killed
    if hit is None or killed is None or not (hit.note or "").startswith("hit:") or (hit.note or "").startswith("hit: derived"):
        return
    h, k = _numeric(hit), _numeric(killed)
    if h is None or k is None or k > h or hit.high is None or (h == 1 and _distinct_victims(hit, killed)):
        return
    parts = _parts(hit) + _parts(killed)
    event.injured = Figure(h - k, h - k, hit.start, hit.end, hit.text,
                           f"hit: derived: {hit.text!r} shot minus {killed.text!r} killed", parts)
