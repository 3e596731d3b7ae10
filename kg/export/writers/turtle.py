"""Turtle: one graph, the union of every document's graph and the ontology.

A graph of up to ``PRETTY_LIMIT`` triples is written by rdflib's Turtle serialiser (subjects grouped,
lists and blank nodes nested); a larger one by Oxigraph's streaming writer over the union's triples,
sorted (the same triples, grouped by subject only where they follow each other): rdflib's writer
took about three minutes for the 532,000 triples of the 1,808 BBC articles and 0.8 GB of memory.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.export.registry import ExportOptions, exporter

if TYPE_CHECKING:
    from kg.rdf.store import Store

PRETTY_LIMIT = 100_000


def streamed(graph: Store) -> bool:
    """Whether ``graph`` is past ``PRETTY_LIMIT`` triples: then TriG, N-Quads, Turtle and JSON-LD are
    streamed from the store instead of written by rdflib."""
    return len(graph.oxigraph) > PRETTY_LIMIT


@exporter("ttl", suffix=".ttl", aliases=("turtle",), default=True, order=30, note="their union")
def write_turtle(graph: Store, path: Path, options: ExportOptions) -> None:
    if streamed(graph):
        write_streaming(graph, path)
    else:
        graph.union().serialize(destination=path, format="turtle")


def write_streaming(graph: Store, path: Path) -> None:
    """The ontology by rdflib's writer (its blank nodes nested, so the file is the same at every
    build), then the documents' distinct triples that are not the ontology's, in the order of their
    N-Triples text, by Oxigraph's writer (documents hold no blank nodes)."""
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.rdf import iris

    inner = graph.oxigraph
    ontology_name = ox.NamedNode(str(iris.ONTOLOGY_GRAPH))
    ontology = Graph()
    for prefix, ns in iris.PREFIXES.items():
        ontology.bind(prefix, ns)
    ontology += graph.dataset.get_context(iris.ONTOLOGY_GRAPH)
    known = {ox.Triple(q.subject, q.predicate, q.object)
             for q in inner.quads_for_pattern(None, None, None, ontology_name)}
    rest = {ox.Triple(q.subject, q.predicate, q.object) for q in inner.quads_for_pattern(None, None, None, None)
            if q.graph_name != ontology_name} - known
    with open(path, "wb") as out:
        out.write(ontology.serialize(format="turtle").encode("utf-8"))
        out.write(b"\n")
        ox.serialize(sorted(rest, key=str), out, ox.RdfFormat.TURTLE, prefixes=dict(iris.PREFIXES))
