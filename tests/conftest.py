"""Shared fixtures: the seed article (examples/) built once per session, and its exports.

The build runs from the repository root with the relative path ``examples/``, as ``make exports``
does, so the documents' ``nkg:source`` is ``examples/seed.txt`` and the graph can be compared
with the committed ``exports/``.

Also the helpers that compare RDF graphs (imported as ``from conftest import ...``): rdflib's
``isomorphic`` alone gives no diff, and can search for a very long time when blank nodes differ.
"""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXPORTS = ROOT / "exports"
SEED_FORMATS = ("trig", "ttl", "jsonld", "nq", "graphml", "html")
# not rdflib's XSD: pytest's collection probes module globals, and a DefinedNamespace warns on that
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


def build_seed():
    """A fresh in-memory build of examples/, made the way `make exports` makes it."""
    from kg.api import build

    with contextlib.chdir(ROOT):
        return build(["examples/"])


@pytest.fixture(scope="session")
def seed_build():
    """(KnowledgeGraph, BuildReport) of examples/, built once per session; do not modify it."""
    graph, report = build_seed()
    yield graph, report
    graph.close()


@pytest.fixture(scope="session")
def seed_exports(seed_build, tmp_path_factory) -> dict[str, Path]:
    """The seed graph written once per session as seed.trig/.ttl/.jsonld/.nq/.graphml/.html in a
    temp folder; maps each format name to its file."""
    graph, _ = seed_build
    out = tmp_path_factory.mktemp("seed-exports")
    paths = {}
    for fmt in SEED_FORMATS:
        path = out / f"seed.{fmt}"
        paths[fmt] = graph.render(path, title="seed") if fmt == "html" else graph.export(path, fmt)
    return paths


def plain(term):
    """RDF 1.1: "x"^^xsd:string and "x" are one term; rdflib keeps them apart, Oxigraph adds the type."""
    if isinstance(term, Literal) and term.datatype == XSD_STRING:
        return Literal(str(term))
    return term


def as_graph(triples) -> Graph:
    """A plain Graph of the triples, with xsd:string literals made plain."""
    g = Graph()
    for triple in triples:
        g.add(tuple(plain(t) for t in triple))
    return g


def named_graphs(data) -> dict[URIRef, Graph]:
    """Every non-empty graph of a KnowledgeGraph or rdflib Dataset, by name, via as_graph."""
    dataset: Dataset = getattr(data, "dataset", data)
    return {c.identifier: as_graph(c) for c in dataset.graphs() if len(c)}


def difference(got: Graph, expected: Graph, names: tuple[str, str] = ("the first", "the second")) -> str:
    """"" when the graphs are isomorphic, else what differs.  Triples without blank nodes are compared
    as sets first, so a mismatch is described and never sends rdflib's canonicaliser searching."""
    def ground(g):
        return {t for t in g if not any(isinstance(x, BNode) for x in t)}
    only_got, only_expected = ground(got) - ground(expected), ground(expected) - ground(got)
    if only_got or only_expected:
        return (f"{len(only_got)} triples only in {names[0]}, e.g. {sorted(only_got)[:3]}; "
                f"{len(only_expected)} only in {names[1]}, e.g. {sorted(only_expected)[:3]}")
    if len(got) != len(expected):
        return f"{len(got)} triples in {names[0]} against {len(expected)}: the blank-node triples differ"
    return "" if isomorphic(got, expected) else "the blank-node triples differ"


def assert_same_graphs(got: dict[URIRef, Graph], expected: dict[URIRef, Graph],
                       names: tuple[str, str] = ("the first", "the second"), hint: str = "") -> None:
    """Same graph names, and each graph isomorphic to its namesake; every difference is reported."""
    assert sorted(got) == sorted(expected), f"named graphs differ between {names[0]} and {names[1]}{hint}"
    problems = [f"graph {name}: {problem}" for name in sorted(expected)
                if (problem := difference(got[name], expected[name], names))]
    assert not problems, "\n".join(problems) + hint
