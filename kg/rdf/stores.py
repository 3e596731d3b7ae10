"""Where a graph is kept: the embedded Oxigraph store (kg/rdf/store.py: in memory, or a folder on
disk) or any triplestore behind a SPARQL 1.1 endpoint (kg/rdf/endpoint.py). Both give what a corpus
build and ``kg query`` need: the documents stored (to skip the unchanged ones), adding a document's
graph in one transaction, queries, and a count of triples.

    >>> store = open_store("store/")                       # a folder: the embedded store
    >>> store = open_store("http://127.0.0.1:8890/sparql") # an endpoint: SPARQL Query and Update there
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kg.model import Extraction

def documents_query(restrict: str = "") -> str:
    """Every document graph's document node, with what tells whether its article changed since it
    was stored; ``restrict`` is a FILTER on the graph ``?g``."""
    return f"""PREFIX nkg: <https://newskg.dev/ontology#>
PREFIX schema: <https://schema.org/>
SELECT ?g ?hash ?source ?title ?url ?date WHERE {{ GRAPH ?g {{
  ?d a nkg:Document ; nkg:contentHash ?hash ; nkg:source ?source .
  OPTIONAL {{ ?d schema:headline ?title }} OPTIONAL {{ ?d schema:url ?url }} OPTIONAL {{ ?d schema:datePublished ?date }}
}} {restrict} }}"""


@dataclass(frozen=True)
class StoredDocument:
    """A document as a store holds it: its named graph and the document node's content hash, source
    and metadata (None where it has none)."""

    graph: str
    content_hash: str
    source: str
    title: str | None = None
    url: str | None = None
    date: str | None = None        # ISO date, as stored


class GraphStore(Protocol):
    """What a corpus build and ``kg query`` use of a store, embedded or behind an endpoint."""

    def stored_documents(self) -> list[StoredDocument]: ...

    def add(self, x: Extraction) -> int: ...

    def remove_document(self, graph: str) -> None: ...

    def query(self, sparql: str, timeout: float | None = None, limit: int | None = None,
              memory: int | None = None): ...

    def __len__(self) -> int: ...

    def close(self) -> None: ...


def is_endpoint(spec: str | Path | None) -> bool:
    """Whether a store is named by an http(s) URL (a SPARQL endpoint) rather than a folder."""
    return isinstance(spec, str) and spec.lower().startswith(("http://", "https://"))


def check_url(url: str, what: str = "--store") -> None:
    """Refuse a URL that names no host (``http:///sparql``), before anything is read: ValueError."""
    from urllib.parse import urlsplit
    parts = urlsplit(url)
    if not parts.hostname:
        raise ValueError(f"{what} {url}: a SPARQL endpoint's URL names its host: http://HOST:PORT/PATH")


__all__ = ["documents_query", "GraphStore", "StoredDocument", "check_url", "is_endpoint"]
