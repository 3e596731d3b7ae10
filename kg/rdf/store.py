"""The store: an rdflib Dataset on embedded Oxigraph, one named graph per document."""
from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import OWL, RDF, SDO

from kg.model import Extraction
from kg.rdf import iris
from kg.rdf.rdffile import parse_file
from kg.rdf.running import QueryLimits, StreamedResult, run
from kg.rdf.sparql import check, engine_options
from kg.rdf.stores import StoredDocument, documents_query
from kg.rdf.triples import extraction_triples

RDF_FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld",
               ".json": "json-ld", ".rdf": "xml", ".owl": "xml", ".n3": "n3"}
QUAD_FORMATS = {"trig", "nquads", "json-ld"}
# formats Oxigraph's own parser reads (ten times rdflib's speed on a large file); the others, and any
# file it refuses, go through rdflib, whose messages say where and what is wrong (kg.rdf.rdffile)
NATIVE_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
                  "turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}


def ontology_path() -> Path:
    return Path(__file__).resolve().parents[2] / "ontology" / "newskg.ttl"


def ontology_triples() -> list:
    """The ontology's triples, its blank nodes (owl:unionOf lists) named by their order in the file
    rather than by rdflib's random per-process labels, so exports are the same bytes every time."""
    g = Graph().parse(ontology_path(), format="turtle")
    order = re.compile(r"b(\d+)$")

    def stable(term):
        if isinstance(term, BNode):
            m = order.search(str(term))
            return BNode(f"ontology-b{m.group(1)}" if m else f"ontology-{term}")
        return term

    return [(stable(s), p, stable(o)) for s, p, o in g]


def _term(term: URIRef | BNode | Literal):
    """An rdflib term as a pyoxigraph term (``str()`` of it: as SPARQL and N-Triples write it)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    datatype = ox.NamedNode(term.datatype) if term.datatype else None
    return ox.Literal(term, language=term.language, datatype=datatype)


class _Terms:
    """``_term`` for many quads: each IRI (entities, predicates, graphs and datatypes repeat) made
    once; a fifth less time than ``_term`` on a build's quads."""

    def __init__(self):
        self.iris: dict[str, ox.NamedNode] = {}

    def iri(self, value: str) -> ox.NamedNode:
        made = self.iris.get(value)
        if made is None:
            made = self.iris[value] = ox.NamedNode(value)
        return made

    def __call__(self, term: URIRef | BNode | Literal):
        if type(term) is URIRef:
            return self.iri(term)
        if type(term) is Literal and term.datatype is not None:
            return ox.Literal(term, datatype=self.iri(term.datatype))
        return _term(term)


def _ox(term: URIRef | BNode | Literal) -> str:
    """A term as SPARQL (and N-Triples) writes it, escaped by Oxigraph."""
    return str(_term(term))


def replacing(graph: URIRef, old: set[URIRef], triples: list) -> str:
    """The SPARQL update that puts ``triples`` in ``graph`` in place of what it held and of the
    ``old`` graphs: one request, so one transaction on a store that runs a request as one."""
    drop = "".join(f"DROP SILENT GRAPH {_ox(g)} ;\n" for g in sorted({graph, *old}))
    data = "\n".join(f"{_ox(s)} {_ox(p)} {_ox(o)} ." for s, p, o in triples)
    return f"{drop}INSERT DATA {{ GRAPH {_ox(graph)} {{\n{data}\n}} }}"


class StoreError(ValueError):
    """A store folder that cannot be opened: in use by another process, unreadable, or damaged."""


def _open(path: Path | None, read_only: bool):
    """The Oxigraph store at ``path`` (None: in memory); read-only opens take no lock and write nothing."""
    if path is None:
        return ox.Store()
    try:
        if read_only:
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise StoreError(f"{path}: the store is in use by another process (a build running?); "
                             f"try again when it has finished") from None
        raise StoreError(f"{path}: cannot open the store: {text}") from None


FLUSH_QUADS = 50_000
"""Quads a store on disk takes in before it flushes them into its tables. Oxigraph holds what it was
given in memory (its write buffers) until a flush: a build of the 1,808 BBC articles grew its own
process to 1 GB with none, and stays near 0.1 GB flushing every 50,000 quads, at no cost in time."""


class Store:
    """A dataset of documents' graphs plus the ontology: the RDF stage's store.

    ``Store()`` lives in memory; ``Store(store="DIR")`` persists in an Oxigraph store on disk and sees
    what earlier runs put there; ``Store(store="DIR", read_only=True)`` reads one without taking its
    lock or writing a byte (for queries and exports, even while a build holds it). ``kg.graph.KnowledgeGraph`` adds the export stage's writers.
    """

    def __init__(self, store: str | Path | None = None, ontology: bool = True, read_only: bool = False):
        self.path = Path(store) if store is not None else None
        self.read_only = read_only and self.path is not None
        self._sharing, self._network = False, None       # to_networkx() shared (sharing_network)
        self._unflushed = 0                              # quads added since the last flush
        # named graphs have fixed IRIs (iris.document_graph), so a reopened store shows its content
        self.dataset = Dataset(store=OxigraphStore(store=_open(self.path, self.read_only)), default_union=True)
        for prefix, ns in iris.PREFIXES.items():
            self.dataset.bind(prefix, ns)
        if ontology and not self.read_only:
            self.ensure_ontology()

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph store under the rdflib Dataset: for queries, bulk loads and streamed
        exports that rdflib's term-by-term interface makes slow."""
        return self.dataset.store._inner

    def ensure_ontology(self) -> None:
        """Put the ontology in its named graph, unless it is there already."""
        target = self.dataset.graph(iris.ONTOLOGY_GRAPH)
        if not len(target):        # one Oxigraph transaction: a build killed here leaves none of it
            self.add_quads((s, p, o, target.identifier) for s, p, o in ontology_triples())

    @staticmethod
    def is_store(path: str | Path) -> bool:
        """Whether a folder holds an Oxigraph store (as ``kg build --store`` makes)."""
        return (Path(path) / "CURRENT").is_file()

    @classmethod
    def load(cls, path: str | Path) -> "Store":
        """A graph read from an RDF file, or opened from a store folder."""
        p = Path(path)
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such file or folder")
        if p.is_dir():
            if not cls.is_store(p):
                raise ValueError(f"{p}: a folder, but not a store made by `kg build --store`")
            return cls(store=p)
        fmt = RDF_FORMATS.get(p.suffix.lower())
        if fmt is None:
            raise ValueError(f"{p}: not an RDF file (expected one of {', '.join(sorted(RDF_FORMATS))}) "
                             f"or a store folder")
        kg = cls(ontology=False)          # an export holds the ontology already; loading it twice
        into = None if fmt in QUAD_FORMATS else URIRef(p.resolve().as_uri())   # would duplicate its blank nodes
        if not kg._parsed_natively(p, fmt, into):
            kg = cls(ontology=False)      # nothing of a half-read file stays
            parse_file(kg.dataset if into is None else kg.dataset.graph(into), p, fmt)
        if not len(kg):
            raise ValueError(f"{p}: no RDF triples in it")
        if (None, RDF.type, OWL.Ontology) not in kg.dataset:     # a plain export of triples
            kg.ensure_ontology()
        return kg

    def _parsed_natively(self, path: Path, fmt: str, into: URIRef | None) -> bool:
        """Read ``path`` with Oxigraph's parser if it reads ``fmt`` (triples into the graph ``into``);
        False when it does not, or refuses the file (rdflib then reads it, or says what is wrong)."""
        native = NATIVE_FORMATS.get(fmt)
        if native is None:
            return False
        try:
            self.oxigraph.bulk_load(path=str(path), format=native, base_iri=path.resolve().as_uri(),
                                    to_graph=ox.NamedNode(into) if into is not None else None)
        except (SyntaxError, ValueError, OSError, UnicodeDecodeError):
            return False
        return len(self.oxigraph) > 0     # an empty file: rdflib's reading says what it holds

    def add(self, x: Extraction) -> int:
        """Put one document's graph in; returns its size. It replaces what an earlier run put in that
        graph and the graph of an earlier version of the same source (its path or URL), in one
        transaction: a store is never left with both versions, nor with half of either."""
        graph = iris.document_graph(x.document.id)
        triples = list(extraction_triples(x))
        old = self._versions(x, triples)
        name = ox.NamedNode(graph)
        if not old and next(self.oxigraph.quads_for_pattern(None, None, None, name), None) is None:
            term = _Terms()             # a new document: one transaction of its quads, no SPARQL to write
            quads = {ox.Quad(term(s), term(p), term(o), name) for s, p, o in triples}   # and read (a third
            self.oxigraph.extend(quads)                                                 # of a build's storing)
            return self._written(len(quads))
        # one SPARQL update request is one Oxigraph transaction: all of it is written, or none
        self.dataset.store.update(replacing(graph, old, triples),
                                  initNs={}, initBindings={}, queryGraph=DATASET_DEFAULT_GRAPH_ID)
        return self._written(len(Graph(store=self.dataset.store, identifier=graph)))

    def _written(self, quads: int) -> int:
        """``quads`` were added: a store on disk flushes every FLUSH_QUADS of them, so a build's memory
        stays flat however large the corpus."""
        self._unflushed += quads
        if self.path is not None and self._unflushed >= FLUSH_QUADS:
            self.oxigraph.flush()
            self._unflushed = 0
        return quads

    def remove_document(self, graph: str) -> None:
        """Drop a document's graph, in one transaction (``kg build --prune``: its file is gone)."""
        self.oxigraph.update(f"DROP SILENT GRAPH {_ox(URIRef(graph))}")

    def replace_graph(self, graph: URIRef, triples: list) -> None:
        """Put ``triples`` in the named graph ``graph`` in place of what it held, in one transaction
        (a graph of the store's own, such as the resolution's: kg/resolution/)."""
        data = "\n".join(f"{_ox(s)} {_ox(p)} {_ox(o)} ." for s, p, o in triples)
        self.dataset.store.update(f"DROP SILENT GRAPH {_ox(graph)} ;\nINSERT DATA {{ GRAPH {_ox(graph)} {{\n{data}\n}} }}",
                                  initNs={}, initBindings={}, queryGraph=DATASET_DEFAULT_GRAPH_ID)

    def _versions(self, x: Extraction, triples: list) -> set[URIRef]:
        """The graphs of documents with the same source or URL as ``x``: its earlier versions."""
        doc = iris.document(x.document.id)
        same = [(p, o) for s, p, o in triples if s == doc and p in (iris.term("source"), SDO.url)]
        return {g for p, o in same for s, _, _, g in self.dataset.quads((None, p, o, None))
                if g == iris.document_graph(iris.local_name(s))}     # a document in its own graph

    def add_quads(self, quads, bulk: bool = False) -> None:
        """Put (s, p, o, graph name) quads in, in one transaction; ``bulk``: with Oxigraph's bulk loader,
        three times as fast and not one transaction (for filling a new store: stopped half-way, it
        holds part of the quads)."""
        term = _Terms()
        made = [ox.Quad(term(s), term(p), term(o), term(g)) for s, p, o, g in quads]
        store = self.oxigraph
        store.bulk_extend(made) if bulk else store.extend(made)

    def stored_documents(self) -> list[StoredDocument]:
        """Every document graph's document: its content hash, source and metadata."""
        def value(term) -> str | None:
            return None if term is None else term.value
        return [StoredDocument(*(value(row[k]) for k in ("g", "hash", "source", "title", "url", "date")))
                for row in self.oxigraph.query(documents_query())]

    def graph_names(self) -> set[URIRef]:
        return {c.identifier for c in self.dataset.contexts()}

    def document_graphs(self) -> list[URIRef]:
        """The documents' graphs: not the ontology's, nor the resolution's (kg/resolution/)."""
        return sorted(c.identifier for c in self.dataset.contexts()
                      if str(c.identifier).startswith(str(iris.document_graph(""))))

    def __len__(self) -> int:
        """The quads of every graph, counted by Oxigraph (one count, not one query per graph)."""
        return len(self.oxigraph)

    def query(self, sparql: str, timeout: float | None = None, limit: int | None = None,
              memory: int | None = None) -> StreamedResult:
        """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) over all graphs, or over the
        graphs its FROM and FROM NAMED name. SERVICE (which would send the query to another endpoint)
        and SPARQL Update are refused (``QueryRefused``); a syntax error is ``QueryFailed``.

        ``timeout`` (seconds) stops the query (``QueryTimeout``, raised while rows are read);
        ``limit`` keeps the first rows (or triples) and sets ``result.truncated`` when there were
        more; ``memory`` (megabytes) stops a query whose engine needs more (``QueryOutOfMemory``).
        SELECT rows are streamed: iterate the result once.
        """
        prefixes = {prefix: str(ns) for prefix, ns in self.dataset.namespaces()}
        prefixes.update({prefix: str(ns) for prefix, ns in iris.PREFIXES.items()})
        options = engine_options(sparql, prefixes)
        result = run(self.oxigraph, self.path, sparql, options, QueryLimits(timeout, limit, memory))
        if result.type in ("CONSTRUCT", "DESCRIBE") and result.graph is not None:
            for prefix, ns in iris.PREFIXES.items():
                result.graph.bind(prefix, ns)
        return result

    def union(self, with_ontology: bool = True) -> Graph:
        g = Graph()
        for prefix, ns in iris.PREFIXES.items():
            g.bind(prefix, ns)
        for c in self.dataset.contexts():
            if with_ontology or c.identifier != iris.ONTOLOGY_GRAPH:
                g += c
        return g

    def to_networkx(self):
        """The networkx view of kg/rdf/network.py (entities, claims and events; facts as edges), built
        from the Oxigraph store; inside ``sharing_network()`` built once and the same graph returned."""
        if self._network is not None:
            return self._network
        from kg.rdf.network_store import from_store
        network = from_store(self.oxigraph)
        if self._sharing:
            self._network = network
        return network

    @contextlib.contextmanager
    def sharing_network(self):
        """Inside the block, ``to_networkx()`` is built once and shared: `kg build` writes the GraphML
        and the HTML from one view of an unchanging store (the writers do not modify it)."""
        self._sharing = True
        try:
            yield self
        finally:
            self._sharing, self._network = False, None

    def validate(self):
        from kg.rdf.validate import validate
        return validate(self.dataset)

    def close(self) -> None:
        """Close a store on disk; one written to is flushed first: what it wrote goes from the write-ahead
        log into its tables, which every later open would otherwise replay (20 s for a million triples)."""
        if self.path is not None:
            if not self.read_only:
                self.oxigraph.flush()
            self.dataset.close()
