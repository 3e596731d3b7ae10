"""The networkx view of the RDF: which nodes and edges come out of the hand-made fixture."""
from __future__ import annotations

import networkx as nx
import pytest

from fixtures_graph import EDGE_COUNT, IMG_LABEL, NODE_COUNT, SCRIPT_LABEL, build_fixture
from kg.rdf import iris
from kg.rdf.network import TOP_CLASSES, to_networkx, top_class, words, write_graphml

DOC = "f1x7e5"
MASIMOV = str(iris.entity("Person", "Karim Masimov"))
TOKAYEV = str(iris.entity("Person", "Kassym-Jomart Tokayev"))
KAZAKHSTAN = str(iris.entity("Country", "Kazakhstan"))
CSTO = str(iris.entity("Alliance", "Collective Security Treaty Organization"))
CLAIM = str(iris.claim(DOC, "c1"))
ARREST = str(iris.event(DOC, "e1"))
PAY = str(iris.event(DOC, "e2"))
LEAVE = str(iris.event(DOC, "e3"))
PROTESTERS = str(iris.group(DOC, "protesters"))
AMOUNT = str(iris.amount(iris.event(DOC, "e2"), 0))


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return to_networkx(build_fixture())


def test_nodes_are_entities_claims_and_events_only(graph):
    """Entities, the claim and the event are nodes; the document and the ontology's classes are not."""
    assert graph.number_of_nodes() == NODE_COUNT
    assert str(iris.document(DOC)) not in graph
    assert not any(node.startswith(str(iris.NKG)) for node in graph)
    groups = {node: data["group"] for node, data in graph.nodes(data=True)}
    assert groups[MASIMOV] == groups[TOKAYEV] == "Person"
    assert groups[KAZAKHSTAN] == "Place" and groups[CSTO] == "Organization"
    assert groups[CLAIM] == "Claim" and groups[ARREST] == "Event"
    assert {data["label"] for _, data in graph.nodes(data=True)} >= {IMG_LABEL, SCRIPT_LABEL}


def test_node_attributes(graph):
    """Nodes carry label, class, group, IRI, joined aliases and a tooltip; events their count and date."""
    csto = graph.nodes[CSTO]
    assert (csto["label"], csto["cls"], csto["iri"], csto["aliases"]) == (
        "Collective Security Treaty Organization", "Alliance", CSTO, "CSTO")
    assert "Alliance" in csto["title"] and "CSTO" in csto["title"]
    arrest = graph.nodes[ARREST]
    assert arrest["cls"] == "Arrest" and arrest["count"] == 8000 and arrest["date"] == "2022-01-10"
    assert "8000" in arrest["title"] and "2022-01-10" in arrest["title"]
    assert "the CSTO is an ally of Kazakhstan" in graph.nodes[CLAIM]["title"]
    for _, data in graph.nodes(data=True):
        assert all(isinstance(value, (str, int, float)) for value in data.values())


def test_fact_and_claimed_edges(graph):
    """Asserted statements are "fact" edges; a claimed statement is a separate "claimed" edge, never a fact."""
    assert graph.number_of_edges() == EDGE_COUNT
    fact = graph.edges[MASIMOV, TOKAYEV, "ally of"]
    assert fact["kind"] == "fact" and fact["confidence"] == pytest.approx(0.85)
    assert fact["sentence"] == "Masimov was a close ally of Tokayev."
    assert graph.edges[CSTO, KAZAKHSTAN, "deployed to"]["kind"] == "fact"
    claimed = graph.edges[CSTO, KAZAKHSTAN, "ally of (claimed)"]
    assert claimed["kind"] == "claimed"
    assert not graph.has_edge(CSTO, KAZAKHSTAN, "ally of")
    assert not graph.has_edge(TOKAYEV, MASIMOV), "a negated, unclaimed statement is no edge"


def test_speaker_and_role_edges(graph):
    """The speaker points to the claim with the cue verb; the event has agent, patient and place roles."""
    assert graph.edges[TOKAYEV, CLAIM, "claim"]["kind"] == "speaker"
    assert graph.edges[CLAIM, ARREST, "claims"]["kind"] == "claimed"
    assert graph.edges[TOKAYEV, ARREST, "agent"]["kind"] == "role"
    assert graph.edges[ARREST, MASIMOV, "patient"]["kind"] == "role"
    assert graph.edges[ARREST, KAZAKHSTAN, "place"]["kind"] == "role"
    for _, _, data in graph.edges(data=True):
        assert data["kind"] in {"fact", "claimed", "speaker", "role"}
        assert all(isinstance(value, (str, int, float)) for value in data.values())


def test_group_actors_and_amounts_have_their_own_groups(graph):
    """An unnamed group and an amount are nodes of their own groups, not "Other", reached by role edges."""
    protesters, amount = graph.nodes[PROTESTERS], graph.nodes[AMOUNT]
    assert (protesters["group"], protesters["cls"], protesters["label"]) == ("GroupActor", "GroupActor", "protesters")
    assert "group of: protesters" in protesters["title"]
    assert (amount["group"], amount["cls"], amount["label"]) == ("Amount", "Amount", "$1.2m")
    assert "1,200,000 USD" in amount["title"]
    assert graph.edges[PAY, PROTESTERS, "recipient"]["kind"] == "role"
    assert graph.edges[PAY, AMOUNT, "amount"]["kind"] == "role"
    assert graph.edges[KAZAKHSTAN, PAY, "agent"]["kind"] == "role"
    assert not [n for n, d in graph.nodes(data=True) if d["group"] == "Other" and d["cls"] != "OtherEntity"]


def test_events_carry_their_top_class_and_say_what_they_are(graph):
    """Each event has the class that colours it; its tooltip has class, verb, roles, flags and sentence."""
    assert {n: graph.nodes[n]["top"] for n in (ARREST, PAY, LEAVE)} == {
        ARREST: "Coerce", PAY: "Business", LEAVE: "Event"}
    assert "top" not in graph.nodes[MASIMOV]
    pay = graph.nodes[PAY]["title"].split("\n")
    assert pay[:2] == ["payment of $1.2m to protesters", "Pay"]
    assert "verb: pay out" in pay and "agent: Kazakhstan" in pay and "recipient: protesters" in pay
    assert "amount: $1.2m" in pay and "modality: planned · not asserted" in pay
    assert pay[-1] == "“Kazakhstan plans to pay out $1.2m to protesters.”"
    leave = graph.nodes[LEAVE]["title"]
    assert "negated · asserted" in leave and "verb: leave" in leave and "<b>said</b>" in leave
    assert "Arrest (PLOVER COERCE)" in graph.nodes[ARREST]["title"]


def test_top_class():
    """A PLOVER type's class, else the top of the taxonomy; every top class is its own."""
    assert (top_class("Arrest"), top_class("Resign"), top_class("Elect"), top_class("Charge")) == (
        "Coerce", "Retreat", "Succession", "Accuse")
    assert top_class("Event") == top_class("NoSuchClass") == "Event"
    assert all(top_class(name) == name for name in TOP_CLASSES) and "Coerce" in TOP_CLASSES


def test_predicate_words():
    """Property local names become readable edge labels."""
    assert words("allyOf") == "ally of"
    assert words("deployedTo") == "deployed to"
    assert words("leads") == "leads"


def test_deterministic_order():
    """Two builds give the same nodes and edges in the same (sorted) order."""
    first, second = to_networkx(build_fixture()), to_networkx(build_fixture())
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(keys=True, data=True)) == list(second.edges(keys=True, data=True))
    assert list(first.nodes) == sorted(first.nodes)


def test_graphml_round_trip(tmp_path, graph):
    """GraphML written by write_graphml reads back with the same nodes, edges and attributes."""
    path = write_graphml(build_fixture(), tmp_path / "kg.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert sorted(back.nodes) == sorted(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    assert dict(back.nodes[ARREST]) == dict(graph.nodes[ARREST])
    assert back.nodes[MASIMOV]["label"] == "Karim Masimov"
    assert sorted((u, v, d["label"], d["kind"]) for u, v, d in back.edges(data=True)) == \
        sorted((u, v, d["label"], d["kind"]) for u, v, d in graph.edges(data=True))


def test_the_nodes_kg_resolve_joined_are_one_node_of_the_view():
    """After kg resolve, the surname-only node is drawn as the full name's node: its name among the
    aliases, its event's role edge drawn to the canonical node; the same from the store and from rdflib."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, RDFS

    from kg.rdf import iris
    from kg.rdf.iris import term
    from kg.rdf.network import to_networkx
    from kg.rdf.store import Store
    from kg.resolution import resolve
    from resolution_corpus import BLAIR, FILLER, corpus, entity

    tony, blair, event = entity("Person", "Tony Blair"), entity("Person", "Blair"), URIRef("https://newskg.dev/id/event/b-1")
    store = corpus({**FILLER, **BLAIR}, Store())
    graph = iris.document_graph("b")
    store.replace_graph(graph, [*store.dataset.get_context(graph), (event, RDF.type, term("Meeting")),
                                (event, RDFS.label, Literal("met")), (event, term("agent"), URIRef(blair))])
    before = store.to_networkx()
    assert blair in before and (before.has_edge(blair, str(event)) or before.has_edge(str(event), blair))
    assert [m.rule for m in resolve(store).merges] == ["surname-only"]
    for view in (store.to_networkx(), to_networkx(store.dataset)):
        assert blair not in view and tony in view
        assert view.has_edge(str(event), tony) or view.has_edge(tony, str(event))
        assert "Blair" in view.nodes[tony]["aliases"].split("; ") and "also: " in view.nodes[tony]["title"]
