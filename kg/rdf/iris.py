"""The only module where IRIs are spelled.

Entities get IRIs from their type and canonical name, documents from a hash of their content, and
statements, claims and events from a hash of what they say and where: building the same input twice
gives the same IRIs, so re-ingesting an article changes nothing.
"""
from __future__ import annotations

import re

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.ids import digest, slug

BASE = "https://newskg.dev/"
NKG = Namespace(BASE + "ontology#")           # classes and properties of our ontology
ID = Namespace(BASE + "id/")                  # resources we mint
ONTOLOGY_GRAPH = URIRef(BASE + "graph/ontology")
RESOLUTION_GRAPH = URIRef(BASE + "graph/resolution")          # cross-document merges (kg/resolution/)
UNDONE_GRAPH = URIRef(BASE + "graph/resolution/undone")      # merges undone by hand, kept over runs

_NAMESPACES = {
    "nkg": NKG, "kgid": ID, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD,
    "skos": SKOS, "prov": PROV, "schema": SDO,
}
# prefix -> namespace IRI as a plain string (rdflib's DefinedNamespaces are classes, not strings)
PREFIXES: dict[str, str] = {k: str(ns) if isinstance(ns, str) else str(ns._NS) for k, ns in _NAMESPACES.items()}


def term(local: str) -> URIRef:
    """An ontology class or property by its local name: term("allyOf")."""
    return NKG[local]


def entity(etype: str, name: str) -> URIRef:
    """An entity by its class and name (kg.ids.slug: any script, one IRI per name)."""
    return ID[f"{slug(etype)}/{slug(name)}"]


def document(doc_id: str) -> URIRef:
    return ID[f"doc/{doc_id}"]


def document_graph(doc_id: str) -> URIRef:
    return URIRef(f"{BASE}graph/doc/{doc_id}")



def statement(doc_id: str, *parts: object) -> URIRef:
    return ID[f"doc/{doc_id}/statement/{digest(*parts)}"]


def claim(doc_id: str, claim_id: str) -> URIRef:
    return ID[f"doc/{doc_id}/claim/{claim_id}"]


def event(doc_id: str, event_id: str) -> URIRef:
    return ID[f"doc/{doc_id}/event/{event_id}"]


def group(doc_id: str, key: str) -> URIRef:
    """An unnamed group of one document ("police"): never the same node in two documents."""
    return ID[f"doc/{doc_id}/group/{slug(key)}"]


def amount(event: URIRef, n: int) -> URIRef:
    return URIRef(f"{event}/amount/{n}")


def phrase(event: URIRef, n: int) -> URIRef:
    """The n-th argument of an event, where words fill its role and no entity does."""
    return URIRef(f"{event}/arg/{n}")


def position(doc_id: str, holder: URIRef, office: str, organisation: URIRef | None) -> URIRef:
    """A position held, one per document, holder, office and organisation: the same office read in
    two sentences is one node with two statements of who holds it."""
    return ID[f"doc/{doc_id}/position/{digest(str(holder), office, str(organisation or ''))}"]


def merge(merge_id: str) -> URIRef:
    """A decision of cross-document resolution, by a digest of the two nodes it joins."""
    return ID[f"merge/{merge_id}"]


def local_name(iri: str) -> str:
    """The part after '#' or the last '/': the key back into the model."""
    return re.split(r"[#/]", str(iri))[-1]
