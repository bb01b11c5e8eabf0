"""Re-marking a stored page's paragraph as boilerplate keeps every event pointing at its own quote.

Regression: events held list indices into ``doc.quotes``; dropping a quote in a re-marked
paragraph shifted the later quotes and events pointed at the wrong one.
"""
from __future__ import annotations

from newsledger.models import Document, Event, Quote, Speaker, number_quotes
from newsledger.store import Store
from tests.conftest import make_doc

#: A paragraph repeated on every page of the site (a sidebar quote), revealed by the second page.
SIDEBAR = "“We will never stop reporting the truth,” the editor said in our weekly promise to readers."


def _quote(doc: Document, content: str, speaker: str) -> Quote:
    start = doc.text.index(content)
    return Quote("direct", Speaker(speaker, resolved=True), None, None, doc.span(start, start + len(content)))


def first_page() -> Document:
    doc = make_doc([("Ministry briefing", "en", "heading"),
                    (SIDEBAR, "en", "body"),
                    ("“Three civilians were killed in the shelling of Tartar,” the spokesman Vagif Dargahli said.", "en", "body"),
                    ("“Talks will resume on Monday,” the minister Jeyhun Bayramov said.", "en", "body")],
                   input_id="p1.txt", site="news.example")
    doc.quotes = [_quote(doc, "We will never stop reporting the truth", "the editor"),
                  _quote(doc, "Three civilians were killed in the shelling of Tartar", "Vagif Dargahli"),
                  _quote(doc, "Talks will resume on Monday", "Jeyhun Bayramov")]
    number_quotes(doc.quotes)
    attack_at = doc.text.index("“Three")
    talks_at = doc.text.index("“Talks")
    doc.events = [Event("attack", None, doc.span(attack_at, attack_at + 40), quotes=[doc.quotes[1].id]),
                  Event("meeting/talks", None, doc.span(talks_at, talks_at + 30), quotes=[doc.quotes[2].id])]
    return doc


def second_page() -> Document:
    return make_doc([("Another day", "en", "heading"), (SIDEBAR, "en", "body"),
                     ("Shelling of Terter went on overnight, residents said.", "en", "body")],
                    input_id="p2.txt", site="news.example")


def test_event_quote_references_survive_remarking(store: Store) -> None:
    page = first_page()
    store.add_document(page)
    store.add_document(second_page())
    stored = store.document(page.id)
    assert stored.paragraphs[1].kind == "boilerplate"
    assert [q.speaker.name for q in stored.quotes if q.speaker] == ["Vagif Dargahli", "Jeyhun Bayramov"]
    speakers = []
    for event in stored.events:
        quotes = [stored.quote(qid) for qid in event.quotes]
        assert None not in quotes
        speakers.append([q.speaker.name for q in quotes if q and q.speaker])
    assert speakers == [["Vagif Dargahli"], ["Jeyhun Bayramov"]]


def test_drop_items_in_removes_dangling_references() -> None:
    page = first_page()
    sidebar = page.paragraphs[1]
    attack = page.paragraphs[2]
    page.drop_items_in([(sidebar.start, sidebar.end), (attack.start, attack.end)])
    assert [q.id for q in page.quotes] == ["q3"]
    assert [e.type for e in page.events] == ["meeting/talks"]
    assert page.events[0].quotes == ["q3"]
    page.events.append(Event("other", None, page.span(0, 8), quotes=["q2"]))
    page.drop_items_in([(0, 0)])  # an empty range drops nothing, yet the reference to a removed quote goes
    assert page.events[-1].quotes == []
