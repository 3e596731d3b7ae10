"""Resolution and RDF: the entity nodes read from a store's document graphs, and the decisions written
into graphs of their own, so that a document's graph is never touched (a rebuilt or added document
only needs the step run again).

* ``https://newskg.dev/graph/resolution``: one ``nkg:EntityMerge`` per decision (``nkg:mergedEntity``,
  ``nkg:mergedWith``, ``nkg:canonicalEntity``, ``nkg:rule``, ``nkg:confidence``, ``nkg:reason``,
  ``nkg:evidenceDocument``, ``nkg:evidenceLabel``) and ``owl:sameAs`` from every node of a cluster
  to its canonical node; replaced as a whole by each run.
* ``https://newskg.dev/graph/resolution/undone``: the merges undone by hand (``nkg:undone true``),
  kept over runs and read by each.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.rdf import iris
from kg.rdf.iris import term
from kg.rdf.store import Store
from kg.resolution.records import Merge, Occurrence, Resolution, Veto

_ENTITIES = """
SELECT ?g ?e ?t ?label WHERE { GRAPH ?g { ?d a nkg:Document ; schema:mentions ?e . ?e a ?t ; rdfs:label ?label } }
"""
_ALIASES = """
SELECT ?g ?e ?alias WHERE { GRAPH ?g { ?d a nkg:Document ; schema:mentions ?e . ?e skos:altLabel ?alias } }
"""
_OFFICES = """
SELECT ?g ?e ?office WHERE { GRAPH ?g { ?d a nkg:Document . ?e nkg:holdsPosition ?p . ?p nkg:office ?office } }
"""
_DOCUMENTS = "SELECT ?g ?d WHERE { GRAPH ?g { ?d a nkg:Document } }"
_UNDONE = f"""
SELECT ?m ?a ?b ?why WHERE {{ GRAPH <{iris.UNDONE_GRAPH}> {{
  ?m a nkg:EntityMerge ; nkg:undone true ; nkg:mergedEntity ?a ; nkg:mergedWith ?b . OPTIONAL {{ ?m nkg:reason ?why }} }} }}
"""


def occurrences(store: Store) -> list[Occurrence]:
    """Every entity node of every document's graph, with its aliases and offices there."""
    doc_of = {str(r.g): str(r.d) for r in store.query(_DOCUMENTS)}
    aliases: dict[tuple[str, str], set[str]] = {}
    for r in store.query(_ALIASES):
        aliases.setdefault((str(r.g), str(r.e)), set()).add(str(r.alias))
    offices: dict[tuple[str, str], set[str]] = {}
    for r in store.query(_OFFICES):
        offices.setdefault((str(r.g), str(r.e)), set()).add(str(r.office).lower())
    out = []
    for r in store.query(_ENTITIES):
        g, e = str(r.g), str(r.e)
        out.append(Occurrence(e, doc_of[g], iris.local_name(r.t), str(r.label),
                              tuple(sorted(aliases.get((g, e), ()))), tuple(sorted(offices.get((g, e), ())))))
    return sorted(set(out), key=lambda o: (o.entity, o.document, o.etype))


def undone(store: Store) -> list[Veto]:
    """The merges undone by hand."""
    return sorted({Veto(str(r.a), str(r.b), str(r.why) if r.why is not None else "") for r in store.query(_UNDONE)},
                  key=lambda v: v.id)


def _merge_triples(m: Merge, canonical: str) -> Iterator[tuple]:
    node = iris.merge(m.id)
    yield node, RDF.type, term("EntityMerge")
    yield node, RDFS.label, Literal(f"{m.rule}: {' = '.join(m.labels)}")
    yield node, term("mergedEntity"), URIRef(m.member)
    yield node, term("mergedWith"), URIRef(m.target)
    yield node, term("canonicalEntity"), URIRef(canonical)
    yield node, term("rule"), Literal(m.rule)
    yield node, term("confidence"), Literal(Decimal(str(round(m.confidence, 3))), datatype=XSD.decimal)
    yield node, term("reason"), Literal(m.reason)
    for d in m.documents:
        yield node, term("evidenceDocument"), URIRef(d)
    for label in m.labels:
        yield node, term("evidenceLabel"), Literal(label)


def resolution_triples(res: Resolution) -> list[tuple]:
    """The triples of the resolution graph: the merges, and owl:sameAs from each member to its canonical."""
    out = []
    for c in res.clusters:
        for m in c.merges:
            out += _merge_triples(m, c.canonical)
        out += [(URIRef(i), OWL.sameAs, URIRef(c.canonical)) for i in c.members]
    return out


def veto_triples(vetoes: Iterable[Veto]) -> list[tuple]:
    out = []
    for v in vetoes:
        node = iris.merge(v.id)
        out += [(node, RDF.type, term("EntityMerge")), (node, term("undone"), Literal(True)),
                (node, term("mergedEntity"), URIRef(v.member)), (node, term("mergedWith"), URIRef(v.target))]
        if v.note:
            out.append((node, term("reason"), Literal(v.note)))
    return out


def write(store: Store, res: Resolution) -> None:
    """Replace the resolution graph with this run's decisions."""
    store.replace_graph(iris.RESOLUTION_GRAPH, resolution_triples(res))


def write_undone(store: Store, vetoes: Iterable[Veto]) -> None:
    store.replace_graph(iris.UNDONE_GRAPH, veto_triples(vetoes))
