"""The networkx view of kg/rdf/network.py built straight from an Oxigraph store.

``network.to_networkx`` reads the union of the graphs through rdflib: half a million quads turned one
by one into rdflib terms and added to an in-memory Graph took 35-45 s and 0.9 GB for the 1,808 BBC
articles. Here one SPARQL query per property the view reads (``network.READS``) fills a small index by
subject and property, and ``network.build_network`` runs over it unchanged: the same nodes and edges
with the same attributes.
"""
from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from kg.rdf.iris import ONTOLOGY_GRAPH
from kg.rdf.network import READS, build_network


# a property's distinct (subject, object) pairs in the default graph and every named graph but the
# ontology's (a SPARQL query: a third of the time of a scan of quads_for_pattern in Python)
QUERY = "SELECT DISTINCT ?s ?o {{ {{ GRAPH ?g {{ ?s {prop} ?o }} FILTER(?g != {ontology}) }} UNION {{ ?s {prop} ?o }} }}"


def from_store(store: ox.Store) -> nx.MultiDiGraph:
    """``network.to_networkx`` of every graph of ``store`` but the ontology's."""
    return build_network(TripleIndex(store))


class TripleIndex:
    """The union of a store's graphs (the ontology's left out), for the properties of ``READS`` only,
    answering as an rdflib Graph does: ``objects``, ``value``, ``subjects``, ``subject_objects``. A
    triple in several graphs is there once; the values of a property are in sorted order, so ``value``
    (one of them) is always the same one."""

    def __init__(self, store: ox.Store):
        self._objects: dict[tuple, list] = {}          # (subject, property) -> objects
        self._subjects: dict[URIRef, list] = {}        # property -> subjects, each once
        terms: dict = {}                               # one rdflib term per Oxigraph term
        ontology = ox.NamedNode(str(ONTOLOGY_GRAPH))

        def term(t):
            found = terms.get(t)
            if found is None:
                found = terms[t] = _rdflib(t)
            return found

        for prop in READS:
            subjects: dict = {}
            for row in store.query(QUERY.format(prop=ox.NamedNode(str(prop)), ontology=ontology)):
                subject = term(row[0])
                self._objects.setdefault((subject, prop), []).append(term(row[1]))
                subjects[subject] = None
            self._subjects[prop] = list(subjects)
        for values in self._objects.values():
            values.sort(key=_order)

    def _check(self, prop) -> None:
        if prop not in self._subjects:
            raise KeyError(f"{prop}: not loaded from the store; add it to kg.rdf.network.READS")

    def objects(self, subject, prop):
        self._check(prop)
        return iter(self._objects.get((subject, prop), ()))

    def value(self, subject, prop):
        self._check(prop)
        values = self._objects.get((subject, prop))
        return values[0] if values else None

    def subjects(self, prop, obj=None):
        self._check(prop)
        return (s for s in self._subjects[prop] if obj is None or obj in self._objects[(s, prop)])

    def subject_objects(self, prop):
        self._check(prop)
        return ((s, o) for s in self._subjects[prop] for o in self._objects[(s, prop)])


def _rdflib(t):
    """An Oxigraph term as the rdflib term oxrdflib makes of it."""
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if t.language:
        return Literal(t.value, lang=t.language)
    return Literal(t.value, datatype=URIRef(t.datatype.value))


def _order(term) -> tuple[str, str]:
    return (type(term).__name__, str(term))
