"""Places by vote, days from precise members only, bounded members that join without moving, speaker labels."""
from __future__ import annotations

from newsledger.crossdoc.incidents import admits, best_day, document_features, incident_day, incident_place, link_documents, link_features
from newsledger.crossdoc.speakers import describes, speaker_label, statement_phrase
from newsledger.crossdoc.windows import window_of
from newsledger.models import Argument, Entity, Event, EventDate, Span
from tests.crossdoc.test_helpers import core_connection, make_doc

TWO_EVENTS = "After the Moscow ceasefire, Armenia fired a missile at Ganja."


def _two_event_doc():
    doc = make_doc(TWO_EVENTS, doc_id="m", event=dict(place="Moscow", date="2020-10-11"))
    moscow, ganja = TWO_EVENTS.index("Moscow"), TWO_EVENTS.index("Ganja")
    doc.events.append(Event("ceasefire/agreement", None, Span(0, len(TWO_EVENTS), TWO_EVENTS),
                            place=Argument("Moscow", moscow, moscow + 6, "Moscow"), date=EventDate("2020-10-10", "day")))
    doc.entities = [Entity(moscow, moscow + 6, "Moscow", "GPE", "Moscow"), Entity(ganja, ganja + 5, "Ganja", "GPE", "Ganja")]
    return doc


def test_attack_does_not_take_the_ceasefires_place():
    feats = document_features(_two_event_doc())
    assert feats[0].place and feats[0].place.lower() == "ganja"
    assert feats[1].place and feats[1].place.lower() == "moscow"


def test_place_is_the_members_vote_not_the_first_members():
    wrong = make_doc("The strike on Moscow killed 9.", doc_id="w", event=dict(place="Moscow", date="2020-10-11",
                                                                             killed=("9", 9, 9)))
    wrong.events[0].place.note = "document context: dateline"  # a weak place
    right = [make_doc(f"A missile hit Ganja, killing {n}.", doc_id=f"r{n}",
                      event=dict(place="Ganja", date="2020-10-11", killed=(str(n), n, n))) for n in (9, 10)]
    conn = core_connection()
    ids = set()
    for doc in [wrong] + right:
        for f in document_features(doc):
            ids.add(link_features(conn, f))
    # Different places never link; the Ganja incident's place is Ganja whatever came first.
    ganja = link_documents(right)[("r9", 0)]
    assert len(ids) == 2 and ganja in ids
    assert incident_place(conn, ganja).lower() == "ganja"


def test_bounded_member_joins_but_never_moves_the_day():
    day = [make_doc(f"A missile hit Ganja on 11 October, killing {n}.", doc_id=f"d{n}",
                    event=dict(place="Ganja", date="2020-10-11", killed=(str(n), n, n))) for n in (9, 10)]
    later = make_doc("The ambassador said a missile hit Ganja, killing 10.", doc_id="z", published="--10-15",
                     event=dict(place="Ganja", date=None, precision="unknown", not_after="--10-15", killed=("10", 10, 10)))
    second = make_doc("Ganja was hit again on 17 October, killing 13.", doc_id="s", published="2020-10-17",
                      event=dict(place="Ganja", date="2020-10-17", killed=("13", 13, 13)))
    second_b = make_doc("Ganja was hit on 17 October, 13 dead.", doc_id="s2", published="2020-10-17",
                        event=dict(place="Ganja", date="2020-10-17", killed=("13", 13, 13)))
    conn = core_connection()
    got = {}
    for doc in [second, second_b] + day + [later]:
        for f in document_features(doc):
            got[doc.id] = link_features(conn, f)
    assert got["z"] == got["d9"] == got["d10"] != got["s"]
    assert incident_day(conn, got["z"]) == "2020-10-11"


def test_yearless_bound_excludes_later_days():
    w = window_of({"value": None, "not_after": "--10-15"}, "--10-15")
    assert admits(w, "2020-10-11") and not admits(w, "2020-10-17")
    assert best_day({"2020-10-11": 2, "--10-11": 1, "2020-10-12": 2}) == "2020-10-11"
    assert best_day({"--10-15": 1}) == "--10-15"


def test_speaker_labels_skip_pronouns_and_keep_descriptions():
    assert speaker_label({"name": "He", "resolved": False}) is None
    assert speaker_label({"name": "Onun", "resolved": False}) is None
    assert speaker_label({"name": "a resident", "resolved": False}) == "a resident"
    assert speaker_label({"name": "Mustafayev", "canonical": "Rahman Mustafayev", "resolved": True,
                          "role": "Azerbaijan’s Ambassador to France"}, with_role=True) == \
        "Rahman Mustafayev (Azerbaijan’s Ambassador to France)"
    assert not describes("нашему корреспонденту житель соседнего дома")


def test_statement_phrases_read_in_english():
    stance = {"kind": "stance", "cue": {"text": "blamed"}, "target": {"name": "OSCE Minsk Group"}, "lang": "en"}
    assert statement_phrase(stance, "") == "blamed OSCE Minsk Group"
    said = {"kind": "indirect", "cue": {"text": "qeyd edib"}, "lang": "az"}
    assert statement_phrase(said, "ki, ...") == "said (qeyd edib): “ki, ...”"
