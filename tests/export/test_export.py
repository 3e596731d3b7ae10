"""Exports: every format parses back, and the committed exports/ match what the code builds now."""
from __future__ import annotations

import json

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDFS

from conftest import EXPORTS, as_graph, assert_same_graphs, difference, named_graphs
from kg.rdf import iris
from kg.rdf.validate import validate

TOKAYEV = iris.entity("Person", "Kassym-Jomart Tokayev")
MASIMOV = iris.entity("Person", "Karim Masimov")
ARRESTED = iris.term("arrested")
RDFLIB_FORMAT = {"trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
STALE = ("\n\nexports/ no longer matches what the code builds from examples/. If the change is intended, "
         "regenerate the exports with `make exports` and commit exports/; otherwise the code regressed.")


def parse_dataset(path, fmt: str) -> Dataset:
    ds = Dataset()
    ds.parse(path, format=RDFLIB_FORMAT[fmt])
    return ds


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_quad_exports_keep_one_graph_per_document_and_the_ontology(seed_build, seed_exports, fmt):
    """TriG, N-Quads and JSON-LD parse back with rdflib as a dataset with exactly one named graph per
    document plus iris.ONTOLOGY_GRAPH, each isomorphic to the built one."""
    graph = seed_build[0]
    got = named_graphs(parse_dataset(seed_exports[fmt], fmt))
    assert len(graph.document_graphs()) == 1
    assert set(got) == {*graph.document_graphs(), iris.ONTOLOGY_GRAPH}
    assert_same_graphs(got, named_graphs(graph))
    doc_graph = got[graph.document_graphs()[0]]
    assert (TOKAYEV, ARRESTED, MASIMOV) in doc_graph
    assert (TOKAYEV, ARRESTED, MASIMOV) not in got[iris.ONTOLOGY_GRAPH]


def test_turtle_export_is_the_union(seed_build, seed_exports):
    """The .ttl export is one graph: the union of every document graph and the ontology."""
    graph = seed_build[0]
    got = as_graph(Graph().parse(seed_exports["ttl"], format="turtle"))
    problem = difference(got, as_graph(graph.union()))
    assert not problem, problem
    assert len(got) == len(graph)      # the documents and the ontology share no triple
    assert (TOKAYEV, ARRESTED, MASIMOV) in got
    assert (iris.term("Person"), RDFS.label, None) in got


def test_jsonld_export_is_compact_and_parses_as_a_dataset(seed_build, seed_exports):
    """The JSON-LD export uses the project's prefixes as its @context and is a dataset of named graphs."""
    doc = json.loads(seed_exports["jsonld"].read_text(encoding="utf-8"))
    assert doc["@context"]["nkg"] == str(iris.NKG)
    assert {g["@id"] for g in doc["@graph"]} == {str(n) for n in
                                                 (*seed_build[0].document_graphs(), iris.ONTOLOGY_GRAPH)}
    ds = parse_dataset(seed_exports["jsonld"], "jsonld")
    assert len(ds.graph(DATASET_DEFAULT_GRAPH_ID)) == 0, "triples outside the named graphs"
    assert sum(len(g) for g in named_graphs(ds).values()) == len(seed_build[0])


def test_graphml_export_reads_with_networkx(seed_build, seed_exports):
    """The GraphML export reads back with networkx with the nodes, edges and labels of to_networkx."""
    expected = seed_build[0].to_networkx()
    got = nx.read_graphml(seed_exports["graphml"], force_multigraph=True)
    assert got.is_directed()
    assert (got.number_of_nodes(), got.number_of_edges()) == \
           (expected.number_of_nodes(), expected.number_of_edges())
    assert expected.number_of_nodes() > 20
    assert set(got.nodes) == set(expected.nodes)
    assert got.nodes[str(TOKAYEV)]["label"] == "Kassym-Jomart Tokayev"
    assert got.nodes[str(MASIMOV)]["group"] == "Person"
    arrests = [d for _, _, d in got.edges(str(TOKAYEV), data=True) if d["label"] == "arrested"]
    assert arrests and arrests[0]["kind"] == "fact" and "Masimov" in arrests[0]["sentence"]


def test_seed_graph_conforms_to_the_shapes(seed_build, seed_exports):
    """kg.rdf.validate finds no violation in the built graph nor in its TriG export."""
    report = seed_build[0].validate()
    assert report.conforms and report.violations == 0, report.text
    report = validate(parse_dataset(seed_exports["trig"], "trig"))
    assert report.conforms and report.violations == 0, report.text


def test_validation_reports_a_broken_export(seed_exports):
    """A person given a second rdfs:label in the TriG export no longer conforms: one violation."""
    ds = parse_dataset(seed_exports["trig"], "trig")
    doc_graph = next(g for g in ds.graphs() if str(g.identifier).startswith(iris.BASE + "graph/doc/"))
    doc_graph.add((MASIMOV, RDFS.label, doc_graph.value(TOKAYEV, RDFS.label)))
    report = validate(ds)
    assert not report.conforms and report.violations == 1
    assert "karim-masimov" in report.text


def test_export_refuses_unknown_formats(seed_build, tmp_path):
    """An unknown format name, or a suffix that names no format, is refused before writing anything."""
    graph = seed_build[0]
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        graph.export(tmp_path / "seed.trig", "pdf")
    with pytest.raises(ValueError, match="cannot tell the format"):
        graph.export(tmp_path / "seed.pdf")
    assert list(tmp_path.iterdir()) == []


# --- the golden test: the committed exports/ are what the current code builds -----------------------

@pytest.mark.parametrize("fmt", ["trig", "jsonld"])
def test_committed_quad_exports_match_the_current_build(seed_build, fmt):
    """exports/seed.trig (and seed.jsonld) hold, graph by graph, what the code builds from examples/."""
    committed = named_graphs(parse_dataset(EXPORTS / f"seed.{fmt}", fmt))
    assert_same_graphs(committed, named_graphs(seed_build[0]), (f"exports/seed.{fmt}", "the current build"), STALE)


def test_committed_turtle_export_matches_the_current_build(seed_build):
    """exports/seed.ttl is the union of what the code builds from examples/."""
    committed = as_graph(Graph().parse(EXPORTS / "seed.ttl", format="turtle"))
    problem = difference(committed, as_graph(seed_build[0].union()), ("exports/seed.ttl", "the current build"))
    assert not problem, problem + STALE


def test_committed_graphml_matches_the_current_build(seed_build):
    """exports/seed.graphml has the nodes and as many edges as the current build's networkx view."""
    committed = nx.read_graphml(EXPORTS / "seed.graphml")
    current = seed_build[0].to_networkx()
    assert (committed.number_of_nodes(), committed.number_of_edges()) == \
           (current.number_of_nodes(), current.number_of_edges()), f"exports/seed.graphml{STALE}"
    assert set(committed.nodes) == set(current.nodes), f"exports/seed.graphml{STALE}"


def test_a_large_graph_is_written_as_the_same_turtle_by_the_streaming_writer(seed_build, tmp_path, monkeypatch):
    """Past PRETTY_LIMIT triples the Turtle comes from Oxigraph's writer: the same graph as rdflib's
    (blank nodes of the ontology included), and the same bytes at every export."""
    from rdflib import Graph
    from rdflib.compare import isomorphic

    pretty, first, second = _pretty_then_streamed(seed_build[0], "ttl", tmp_path, monkeypatch)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != pretty.read_bytes()
    streamed, written = _plain(Graph().parse(first, format="turtle")), _plain(Graph().parse(pretty, format="turtle"))
    assert len(streamed) == len(written) and isomorphic(streamed, written)


def test_a_large_dataset_is_written_as_the_same_trig_by_the_streaming_writer(seed_build, tmp_path, monkeypatch):
    """Past PRETTY_LIMIT triples the documents' graphs of the TriG come from Oxigraph's writer, one
    graph at a time: every named graph the same as rdflib's writing of it, the same bytes twice."""
    pretty, first, second = _pretty_then_streamed(seed_build[0], "trig", tmp_path, monkeypatch)
    assert first.read_bytes() == second.read_bytes() != pretty.read_bytes()
    _assert_same_named_graphs(first, pretty, "trig")


def test_a_large_dataset_is_written_as_the_same_nquads_by_the_streaming_writer(seed_build, tmp_path, monkeypatch):
    """Past PRETTY_LIMIT triples: every named graph the same as rdflib's writing of it, each graph's
    lines sorted and together, the same bytes twice."""
    pretty, first, second = _pretty_then_streamed(seed_build[0], "nq", tmp_path, monkeypatch)
    assert first.read_bytes() == second.read_bytes() != pretty.read_bytes()
    _assert_same_named_graphs(first, pretty, "nquads")
    names = [line.rsplit(b" ", 2)[-2] for line in first.read_bytes().splitlines()]
    assert names == sorted(names, key=lambda n: names.index(n))   # each graph's lines together
    for name in set(names):
        block = [line for line in first.read_bytes().splitlines() if line.rsplit(b" ", 2)[-2] == name]
        assert block == sorted(block)


def _assert_same_named_graphs(streamed_file, pretty_file, fmt: str) -> None:
    """The named graphs of the two files (two or more) are the same, each isomorphic to its twin."""
    from rdflib import Dataset
    from rdflib.compare import isomorphic

    def graphs(path):
        return {str(c.identifier): _plain(c) for c in Dataset().parse(path, format=fmt).contexts() if len(c)}
    streamed, written = graphs(streamed_file), graphs(pretty_file)
    assert streamed.keys() == written.keys() and len(streamed) >= 2
    assert all(len(streamed[k]) == len(written[k]) and isomorphic(streamed[k], written[k]) for k in written)


def test_a_large_dataset_is_written_as_compact_jsonld_one_graph_at_a_time(seed_build, tmp_path, monkeypatch):
    """Past PRETTY_LIMIT triples the JSON-LD is streamed from the store one named graph at a time: it
    is compact (the project's prefixes as its @context, compact IRIs), rdflib reads it back as the
    store's dataset graph by graph (the ontology's blank nodes included), and two exports are the
    same bytes."""
    graph = seed_build[0]
    pretty, first, second = _pretty_then_streamed(graph, "jsonld", tmp_path, monkeypatch)
    assert first.read_bytes() == second.read_bytes() != pretty.read_bytes()
    doc = json.loads(first.read_text(encoding="utf-8"))
    assert doc["@context"] == dict(sorted(iris.PREFIXES.items()))
    assert [g["@id"] for g in doc["@graph"]] == sorted(str(n) for n in (*graph.document_graphs(), iris.ONTOLOGY_GRAPH))
    nodes = [n for g in doc["@graph"] for n in g["@graph"]]
    assert {"@id": "kgid:person/kassym-jomart-tokayev", "@type": "nkg:Person"}.items() <= \
        next(n for n in nodes if n["@id"] == "kgid:person/kassym-jomart-tokayev").items()
    ds = parse_dataset(first, "jsonld")
    assert len(ds.graph(DATASET_DEFAULT_GRAPH_ID)) == 0, "triples outside the named graphs"
    assert_same_graphs(named_graphs(ds), named_graphs(graph), ("the streamed JSON-LD", "the store"))


def _plain(triples):
    """The triples as a graph, "x"^^xsd:string written "x": one literal in RDF 1.1, two in rdflib."""
    from rdflib import Graph, Literal

    from conftest import XSD_STRING

    g = Graph()
    for t in triples:
        g.add(tuple(Literal(str(x)) if isinstance(x, Literal) and x.datatype == XSD_STRING else x for x in t))
    return g


def _pretty_then_streamed(graph, fmt: str, tmp_path, monkeypatch):
    """The export in ``fmt`` as rdflib writes it, then twice as Oxigraph streams it (PRETTY_LIMIT 0)."""
    from kg.export.writers import turtle

    pretty, first, second = (tmp_path / f"{name}.{fmt}" for name in ("pretty", "a", "b"))
    graph.export(pretty, fmt)
    monkeypatch.setattr(turtle, "PRETTY_LIMIT", 0)
    graph.export(first, fmt)
    graph.export(second, fmt)
    return pretty, first, second
