"""The words in an event's role that name no entity or group: a nkg:PhraseMention node of the event,
read by queries, in the event's tooltip, and no node of its own in the network view."""
from __future__ import annotations

import pytest

from kg.api import build

TEXT = "Intel published its annual report on Monday. Tony Blair met them in London.\n"


@pytest.fixture(scope="module")
def kg(tmp_path_factory):
    path = tmp_path_factory.mktemp("phrases") / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    graph, _ = build([str(path)], progress=False)
    return graph


def test_a_role_no_entity_fills_is_a_phrase_mention_with_its_words(kg):
    rows = {(str(lemma), str(role).rsplit("#", 1)[-1].rsplit("/", 1)[-1], str(words)) for lemma, role, words in kg.query("""
        SELECT ?lemma ?role ?words WHERE {
          ?e nkg:verbLemma ?lemma ; ?role ?p . ?p a nkg:PhraseMention ; rdfs:label ?words }""")}
    assert ("publish", "patient", "its annual report") in rows
    assert not any(lemma == "meet" for lemma, _, _ in rows)         # "them": a pronoun makes no node


def test_the_network_view_shows_a_phrase_in_its_events_tooltip_not_as_a_node(kg):
    view = kg.to_networkx()
    assert not any("/arg/" in n for n in view.nodes)
    [publish] = [a for n, a in view.nodes(data=True) if a.get("group") == "Event" and "publish" in a["label"]]
    assert "patient: its annual report" in publish["title"]


def test_the_graph_with_phrases_conforms_to_the_shapes(kg):
    assert kg.validate().conforms
