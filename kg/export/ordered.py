"""A copy of a graph that rdflib serialises the same way every time (the writers of kg/export/writers/
that need one share it)."""
from __future__ import annotations

from rdflib import BNode, Dataset

from kg.rdf import iris
from kg.rdf.store import Store


def in_memory(graph: Store) -> Dataset:
    """A plain in-memory copy with graphs and triples added in sorted order, so that rdflib's
    serialisers write the same bytes for the same graph."""
    ds = Dataset()
    for prefix, ns in iris.PREFIXES.items():
        ds.bind(prefix, ns)
    for c in sorted(graph.dataset.contexts(), key=lambda c: str(c.identifier)):
        if not len(c):
            continue
        g = ds.graph(c.identifier)
        for triple in sorted(c, key=lambda t: tuple(map(order_key, t))):
            g.add(triple)
    return ds


def order_key(term) -> str:
    """Blank nodes sort by what they say, not by their random labels."""
    return str(term) if not isinstance(term, BNode) else "_:"
