"""Check a graph against the newskg SHACL shapes.

The shapes (``ontology/shapes.ttl``) are run with the ontology (``ontology/newskg.ttl``) as the
ontology graph, whose ``rdfs:subClassOf`` triples make a shape on ``nkg:Entity`` also reach every
``nkg:Person`` and ``nkg:Country``.  There is no inference: RDFS would read a type off a property's
domain and range, and so pass a graph whose ``rdf:type`` triples are gone.  The caller's graph is
never modified.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as _shacl_validate
from rdflib import Dataset, Graph
from rdflib.namespace import RDF, SH

from kg.rdf.iris import PREFIXES

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "newskg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    text: str          # pyshacl's human-readable report
    violations: int    # number of sh:ValidationResult with severity sh:Violation


def _load(path: Path) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph.parse(path, format="turtle")


def ontology_graph() -> Graph:
    """The newskg ontology, freshly parsed (callers may modify it)."""
    return _load(ONTOLOGY_FILE)


def shapes_graph() -> Graph:
    """The newskg SHACL shapes, freshly parsed (callers may modify it)."""
    return _load(SHAPES_FILE)


def _union(data: Dataset) -> Graph:
    union = Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def validate(data: Graph | Dataset) -> ValidationReport:
    """Validate ``data``; for a Dataset, the union of all its graphs is validated."""
    graph = _union(data) if isinstance(data, Dataset) else data
    conforms, results, text = _shacl_validate(
        graph,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        abort_on_first=False,
        inplace=False,
    )
    violations = sum(
        1 for result in results.subjects(RDF.type, SH.ValidationResult)
        if (result, SH.resultSeverity, SH.Violation) in results
    )
    return ValidationReport(conforms=bool(conforms), text=str(text), violations=violations)
