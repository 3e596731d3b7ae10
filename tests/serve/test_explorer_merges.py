"""The explorer over a store that kg resolve has run on: the nodes it joined are one entity, found by
any of their names, with the edges of all of them."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.rdf import iris
from kg.rdf.iris import term
from kg.rdf.store import Store
from kg.resolution import resolve
from resolution_corpus import BLAIR, FILLER, SDO, corpus, entity

TONY, BLAIR_NODE = entity("Person", "Tony Blair"), entity("Person", "Blair")
EVENT = URIRef("https://newskg.dev/id/event/b-1")


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    """A store of the Blair articles, the surname-only node of article b the agent of an event there,
    resolved; and an explorer over it (one query worker)."""
    from kg.serve.explore import Explorer
    from kg.serve.pool import Pool
    folder = tmp_path_factory.mktemp("resolved") / "store"
    store = corpus({**FILLER, **BLAIR}, Store(store=folder))
    graph = iris.document_graph("b")
    store.replace_graph(graph, [*store.dataset.get_context(graph),
                                (EVENT, RDF.type, term("Meeting")), (EVENT, RDFS.label, Literal("met")),
                                (EVENT, term("agent"), URIRef(BLAIR_NODE))])
    assert [m.rule for m in resolve(store).merges] == ["surname-only"]
    first = iris.document_graph("a")     # article a names "Blair" too: still one of its documents
    store.replace_graph(first, [*store.dataset.get_context(first),
                                (iris.document("a"), SDO.mentions, URIRef(BLAIR_NODE))])
    store.close()
    pool = Pool(folder, workers=1)
    yield Explorer(pool)
    pool.close()


def test_the_joined_nodes_are_one_search_hit_with_the_others_names_as_aliases(explorer):
    hits = explorer.search("blair")
    assert [h["iri"] for h in hits] == [TONY]
    assert hits[0]["label"] == "Tony Blair" and hits[0]["mentions"] == 2
    assert "Mr Blair" in explorer.nodes([TONY])[TONY]["aliases"]


def test_the_canonical_node_has_the_edges_of_the_node_joined_to_it(explorer):
    """The event's agent was the surname-only node: the edge is drawn to the canonical node, and
    opening the joined node opens the canonical one."""
    data = explorer.neighbourhood(TONY)
    roles = [e for e in data["edges"] if e["kind"] == "role"]
    assert {(e["from"], e["to"]) for e in roles} in ({(str(EVENT), TONY)}, {(TONY, str(EVENT))})
    assert BLAIR_NODE not in {n["id"] for n in data["nodes"]}
    assert explorer.neighbourhood(BLAIR_NODE)["node"]["id"] == TONY
