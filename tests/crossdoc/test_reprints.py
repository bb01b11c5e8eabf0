"""Reprints: near-duplicates found through stored LSH bands, deterministic, earliest member is the original."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.crossdoc.reprints import assign_reprint, group_reprints, repair_mojibake, shingles, signature, signature_of_text
from newsledger.models import Document, Paragraph
from newsledger.store.split_tables import BANDS, union_sql
from tests.crossdoc.test_helpers import core_connection

ARTICLE = ("Azerbaijan's Ambassador to France gave an interview to a French portal on Thursday. "
           "The diplomat said the Moscow meeting shows that negotiations should continue on the basic principles. "
           "He recalled that many peoples had lived in the region before the conflict began decades ago. "
           "The ambassador pointed out that a missile hit the city right after the humanitarian ceasefire. "
           "He stressed that the attack was a clear violation of the Geneva Conventions and of international law. "
           "He also blamed the mediators for failing to solve the conflict over the past thirty years.")
OTHER = ("Heavy rain flooded the market district overnight and the river rose above its banks near the bridge. "
         "City officials opened two shelters and asked residents of the lower streets to move their cars. "
         "Schools will stay closed on Monday while crews clear the mud from the main roads and the station.")


def doc(doc_id: str, body: str, boilerplate: str = "", heading: str = "") -> Document:
    parts = [(heading, "heading"), (body, "body"), (boilerplate, "boilerplate")]
    text, paragraphs, pos = "", [], 0
    for chunk, kind in parts:
        if not chunk:
            continue
        if text:
            text += "\n\n"
            pos = len(text)
        text += chunk
        paragraphs.append(Paragraph(pos, pos + len(chunk), chunk, kind=kind))
    return Document(id=doc_id, input_id=doc_id, text=text, paragraphs=paragraphs)


def test_variants_are_reprints_of_the_earliest():
    sentences = ARTICLE.split(". ")
    docs = [
        doc("orig", ARTICLE, "Subscribe to our newsletter for daily updates from the front.", "Foreign media"),
        doc("other-boilerplate", ARTICLE, "All rights reserved. Copying requires a link to the source site.", "15 October"),
        doc("trimmed", ". ".join(sentences[1:-1]) + "."),
        doc("mojibake", ARTICLE.replace("'", "\u2019").encode("utf-8").decode("cp1252")),
        doc("different", OTHER),
    ]
    groups = group_reprints(docs)
    assert groups == {"orig": None, "other-boilerplate": "orig", "trimmed": "orig", "mojibake": "orig", "different": None}


def test_signature_is_deterministic_and_persisted_as_rows():
    a, b = signature(doc("a", ARTICLE)), signature(doc("b", ARTICLE))
    assert (a.hashvalues == b.hashvalues).all()
    conn = core_connection()
    assert assign_reprint(conn, doc("a", ARTICLE)) is None
    assert assign_reprint(conn, doc("b", ARTICLE + " Updated.")) == "a"
    assert assign_reprint(conn, doc("b", ARTICLE + " Updated.")) == "a"  # idempotent
    bands = conn.conn.execute(f"SELECT COUNT(*) FROM ({union_sql(BANDS)}) b JOIN reprint_signatures s ON s.seq = b.seq"
                              " WHERE s.doc_id = 'a'").fetchone()[0]
    assert bands > 1


def test_reprint_of_a_reprint_points_at_the_original():
    conn = core_connection()
    assign_reprint(conn, doc("first", ARTICLE))
    assert assign_reprint(conn, doc("second", ARTICLE + " More.")) == "first"
    assert assign_reprint(conn, doc("third", ARTICLE + " More. Even more.")) == "first"


def test_mojibake_repair_round_trip():
    text = "Gəncə – Azərbaycan’ın ikinci şəhəri"
    assert repair_mojibake(text.encode("utf-8").decode("latin-1")) == text
    assert repair_mojibake(text) == text


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=0, max_size=200))
def test_signature_never_crashes_and_self_similar(text: str):
    sig = signature_of_text(text)
    assert sig.size == len(shingles(text))
    if sig.size:
        assert sig.jaccard(signature_of_text(text)) == 1.0
