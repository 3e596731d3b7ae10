"""The networkx view built straight from the Oxigraph store (kg.rdf.network_store) is the one
kg.rdf.network.to_networkx builds through rdflib: same nodes, same edges, same attributes."""
from __future__ import annotations

import contextlib

import networkx as nx
import pytest

from conftest import ROOT
from fixtures_graph import build_fixture
from kg.rdf.network import to_networkx
from kg.rdf.network_store import TripleIndex, from_store
from kg.rdf.store import Store


def assert_same_view(got: nx.MultiDiGraph, expected: nx.MultiDiGraph) -> None:
    assert expected.number_of_nodes() > 10 and expected.number_of_edges() > 10
    assert dict(got.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(got.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))
    assert list(got.nodes) == list(expected.nodes)          # the same order too: the exports' bytes


def test_the_seed_articles_view_from_the_store_is_rdflibs(seed_build):
    graph = seed_build[0]
    assert_same_view(from_store(graph.oxigraph), to_networkx(graph.dataset))


def test_the_hand_made_graphs_view_from_the_store_is_rdflibs():
    """The fixture has claims, events with every role, groups, amounts, negated and hedged statements."""
    dataset = build_fixture()
    store = Store(ontology=False)
    store.add_quads((s, p, o, g) for s, p, o, g in dataset.quads() if g is not None)
    assert_same_view(from_store(store.oxigraph), to_networkx(dataset))


def test_a_few_articles_view_from_the_store_is_rdflibs(tmp_path):
    """Four articles sharing entities and sentences (the seed and three parts of it): a node or a fact
    in several documents' graphs is one node or one edge with every sentence, in both views."""
    from kg.api import build

    paragraphs = (ROOT / "examples" / "seed.txt").read_text(encoding="utf-8").split("\n\n")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "whole.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    for n, part in enumerate((paragraphs[:9], paragraphs[9:17], paragraphs[17:])):
        (folder / f"part{n}.txt").write_text("\n\n".join(part), encoding="utf-8")
    with contextlib.chdir(tmp_path):
        graph, report = build(["articles"])
    assert report.documents == 4
    expected = to_networkx(graph.dataset)
    assert any(d["count"] > 1 for _, _, d in expected.edges(data=True)), "no edge read in two documents"
    assert_same_view(graph.to_networkx(), expected)


def test_the_index_refuses_a_property_it_did_not_load():
    from rdflib.namespace import RDFS

    index = TripleIndex(Store().oxigraph)
    assert list(index.objects(RDFS.label, RDFS.label)) == []
    with pytest.raises(KeyError, match="READS"):
        index.value(RDFS.label, RDFS.comment)


def test_a_shared_view_is_built_once_inside_the_block_only(seed_build):
    graph = seed_build[0]
    assert graph.to_networkx() is not graph.to_networkx()
    with graph.sharing_network():
        first = graph.to_networkx()
        assert graph.to_networkx() is first
    assert graph.to_networkx() is not first
