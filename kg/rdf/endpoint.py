"""A store behind a SPARQL 1.1 endpoint (any triplestore: Virtuoso, Fuseki, GraphDB, Oxigraph's
server): documents added with SPARQL Update, one request per document (its old graphs dropped and
the new one inserted together, one transaction on a store that runs a request as one, as these do),
queries sent with the SPARQL Protocol, and, when the store's Graph Store Protocol URL is given, the
ontology put and each graph read whole with it.

    >>> store = Endpoint("http://127.0.0.1:8890/sparql", graph_store="http://127.0.0.1:8890/sparql-graph-crud")

Only the graphs under https://newskg.dev/graph/ are this tool's: a triplestore's own graphs (Virtuoso
keeps some) are left alone, not counted and not exported.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Variable

from kg.model import Extraction
from kg.rdf import iris
from kg.rdf.running import QueryFailed, StreamedResult
from kg.rdf.sparql import QueryRefused, check_sent, keywords
from kg.rdf.store import _ox, ontology_triples, replacing
from kg.rdf.stores import StoredDocument, check_url, documents_query
from kg.rdf.triples import extraction_triples

OURS = f'FILTER(STRSTARTS(STR(?g), "{iris.BASE}graph/"))'
RESULTS_JSON, NTRIPLES = "application/sparql-results+json", "application/n-triples"


class EndpointError(ValueError):
    """The endpoint could not be reached, or refused a request: what it said."""


def _term(cell: dict) -> URIRef | BNode | Literal:
    """A term of SPARQL 1.1 JSON results ("typed-literal" is what older servers write)."""
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    datatype = cell.get("datatype")
    return Literal(value, lang=cell.get("xml:lang"), datatype=URIRef(datatype) if datatype else None)


class Endpoint:
    """The graph in a triplestore, reached at ``url`` (SPARQL Query and Update on the same URL, or
    Update at ``update``), and at ``graph_store`` for the Graph Store Protocol if given."""

    path = None
    read_only = False

    def __init__(self, url: str, update: str | None = None, graph_store: str | None = None,
                 timeout: float = 300, ontology: bool = True):
        for u in (url, update, graph_store):
            if u is not None:
                check_url(u)
        self.url, self.update_url, self.graph_store, self.timeout = url, update or url, graph_store, timeout
        if ontology:
            self.ensure_ontology()

    # the protocol
    def _request(self, url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None,
                 timeout: float | None = None) -> bytes:
        req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(req, timeout=timeout or self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            said = exc.read().decode("utf-8", "replace").strip()[:500]
            raise EndpointError(f"{url}: {exc.code} {exc.reason}: {said}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise EndpointError(f"{url}: cannot reach the SPARQL endpoint ({getattr(exc, 'reason', exc)})") from None

    def _form(self, url: str, field: str, text: str, accept: str, timeout: float | None = None) -> bytes:
        body = urllib.parse.urlencode({field: text}).encode("utf-8")
        return self._request(url, body, {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
                             timeout=timeout)

    def select(self, sparql: str, timeout: float | None = None) -> tuple[list[str], list[dict]]:
        """A SELECT's variables and rows (variable -> term, unbound ones absent)."""
        answer = json.loads(self._form(self.url, "query", sparql, RESULTS_JSON, timeout))
        rows = [{k: _term(v) for k, v in b.items()} for b in answer["results"]["bindings"]]
        return answer["head"].get("vars", []), rows

    def update(self, sparql: str) -> None:
        self._form(self.update_url, "update", sparql, "*/*")

    # what a build needs
    def stored_documents(self) -> list[StoredDocument]:
        _, rows = self.select(documents_query(OURS))
        names = ("g", "hash", "source", "title", "url", "date")
        return [StoredDocument(*(str(r[k]) if k in r else None for k in names)) for r in rows]

    def ensure_ontology(self) -> None:
        """Put the ontology in its named graph, unless it is there already (in one request)."""
        graph = iris.ONTOLOGY_GRAPH
        if self._ask(f"ASK {{ GRAPH {_ox(graph)} {{ ?s ?p ?o }} }}"):
            return
        data = "\n".join(f"{_ox(s)} {_ox(p)} {_ox(o)} ." for s, p, o in ontology_triples())
        if self.graph_store:
            self._request(self._graph_url(graph), data.encode("utf-8"), {"Content-Type": NTRIPLES}, "PUT")
        else:
            # a template, not INSERT DATA: Virtuoso refuses blank nodes in INSERT DATA (SP031)
            self.update(f"INSERT {{ GRAPH {_ox(graph)} {{\n{data}\n}} }} WHERE {{}}")

    def _ask(self, sparql: str) -> bool:
        answer = json.loads(self._form(self.url, "query", sparql, RESULTS_JSON))
        if "boolean" in answer:
            return bool(answer["boolean"])
        rows = answer.get("results", {}).get("bindings", [])     # Virtuoso: a row of 1, or none
        return any(cell.get("value") not in ("0", "false") for row in rows for cell in row.values())

    def _graph_url(self, graph: URIRef) -> str:
        joiner = "&" if "?" in self.graph_store else "?"
        return f"{self.graph_store}{joiner}{urllib.parse.urlencode({'graph': str(graph)})}"

    def add(self, x: Extraction) -> int:
        """Put one document's graph in, in place of its earlier versions (same source or URL), in one
        update request; returns its size."""
        graph = iris.document_graph(x.document.id)
        triples = list(extraction_triples(x))
        self.update(replacing(graph, self._versions(x), triples))
        return len(set(triples))

    def remove_document(self, graph: str) -> None:
        """Drop a document's graph (``kg build --prune``: its file is gone)."""
        self.update(f"DROP SILENT GRAPH {_ox(URIRef(graph))}")

    def _versions(self, x: Extraction) -> set[URIRef]:
        d = x.document
        values = [f"(nkg:source {_ox(Literal(d.source))})"]
        if d.url:
            values.append(f"(schema:url {_ox(Literal(d.url, datatype=XSD.anyURI))})")
        _, rows = self.select(f"""PREFIX nkg: <{iris.NKG}> PREFIX schema: <https://schema.org/>
SELECT DISTINCT ?g ?doc WHERE {{ VALUES (?p ?v) {{ {' '.join(values)} }} GRAPH ?g {{ ?doc ?p ?v }} {OURS} }}""")
        return {r["g"] for r in rows if r["g"] == iris.document_graph(iris.local_name(r["doc"]))}

    def graph_names(self) -> set[URIRef]:
        _, rows = self.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}")
        return {r["g"] for r in rows}

    def document_graphs(self) -> list[URIRef]:
        return sorted(g for g in self.graph_names() if g != iris.ONTOLOGY_GRAPH)

    def __len__(self) -> int:
        _, rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {OURS} }}")
        return int(rows[0]["n"])

    def graph(self, name: URIRef) -> Graph:
        """One named graph, read whole (Graph Store Protocol GET, or a CONSTRUCT)."""
        if self.graph_store:
            data = self._request(self._graph_url(name), headers={"Accept": NTRIPLES})
        else:
            data = self._form(self.url, "query", f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {_ox(name)} {{ ?s ?p ?o }} }}",
                              NTRIPLES)
        return Graph(identifier=name).parse(data=data.decode("utf-8"), format="nt")

    def quads(self) -> Iterator[tuple]:
        """Every quad of this tool's graphs, graph by graph."""
        for name in sorted(self.graph_names()):
            for s, p, o in self.graph(name):
                yield s, p, o, name

    # what `kg query` needs
    def query(self, sparql: str, timeout: float | None = None, limit: int | None = None,
              memory: int | None = None) -> StreamedResult:
        """A SPARQL query, checked as the embedded store checks it (no SERVICE, no Update) and for what
        only the endpoint's engine would do (``check_sent``), run by the endpoint with the predeclared
        prefixes; ``memory`` is the endpoint's business."""
        check_sent(sparql, iris.PREFIXES)
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in iris.PREFIXES.items())
        kind = next((w for w in keywords(sparql) if w in ("select", "ask", "construct", "describe")), "select")
        try:
            if kind in ("construct", "describe"):
                out = StreamedResult(kind.upper())
                data = self._form(self.url, "query", prologue + sparql, NTRIPLES, timeout)
                out.graph = Graph().parse(data=data.decode("utf-8"), format="nt")
                for prefix, ns in iris.PREFIXES.items():
                    out.graph.bind(prefix, ns)
                return out
            if kind == "ask":
                out = StreamedResult("ASK")
                out.askAnswer = self._ask(prologue + sparql)
                return out
            names, rows = self.select(prologue + sparql, timeout)
        except EndpointError as exc:
            raise QueryFailed(str(exc)) from None
        out = StreamedResult("SELECT")
        out.vars = [Variable(v) for v in names]
        out.truncated = limit is not None and len(rows) > limit
        out.bindings = [{Variable(k): v for k, v in r.items()} for r in rows[:limit]]
        return out

    def close(self) -> None:
        pass


__all__ = ["Endpoint", "EndpointError", "QueryRefused"]
