"""Export a knowledge graph to files: TriG, N-Quads, Turtle, JSON-LD, GraphML."""
from __future__ import annotations

import json
from pathlib import Path

from rdflib import BNode, Dataset, Graph

from kg.rdf import iris

FORMATS = {"trig": ".trig", "nq": ".nq", "nquads": ".nq", "ttl": ".ttl", "turtle": ".ttl",
           "jsonld": ".jsonld", "json-ld": ".jsonld", "graphml": ".graphml"}
RDFLIB_NAMES = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".jsonld": "json-ld"}


def format_of(path: Path, fmt: str | None) -> str:
    """The file suffix for a format name, or the path's own suffix."""
    if fmt is not None:
        if fmt.lower() not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of: trig, nq, ttl, jsonld, graphml")
        return FORMATS[fmt.lower()]
    if path.suffix.lower() not in FORMATS.values():
        raise ValueError(f"{path}: cannot tell the format from the suffix; give --format")
    return path.suffix.lower()


def _in_memory(kg) -> Dataset:
    """A plain in-memory copy with graphs and triples added in sorted order, so that rdflib's
    serialisers write the same bytes for the same graph."""
    ds = Dataset()
    for prefix, ns in iris.PREFIXES.items():
        ds.bind(prefix, ns)
    for c in sorted(kg.dataset.contexts(), key=lambda c: str(c.identifier)):
        if not len(c):
            continue
        g = ds.graph(c.identifier)
        for triple in sorted(c, key=lambda t: tuple(map(_order_key, t))):
            g.add(triple)
    return ds


def _sorted_jsonld(node, ordered: bool = False):
    """JSON-LD with every set of nodes sorted (rdflib writes them in hash order); an RDF list
    (``@list``) keeps its order."""
    if isinstance(node, dict):
        return {k: _sorted_jsonld(v, ordered=k == "@list") for k, v in node.items()}
    if isinstance(node, list) and ordered:
        return [_sorted_jsonld(v) for v in node]
    if isinstance(node, list):
        items = [_sorted_jsonld(v) for v in node]
        if all(isinstance(v, dict) for v in items):
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        return items
    return node


def _order_key(term) -> str:
    """Blank nodes sort by what they say, not by their random labels."""
    return str(term) if not isinstance(term, BNode) else "_:"


def export(kg, path: Path, fmt: str | None = None) -> Path:
    suffix = format_of(path, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".graphml":
        from kg.rdf.network import write_graphml
        return write_graphml(kg.dataset, path)
    if suffix == ".ttl":
        kg.union().serialize(destination=path, format="turtle")
    elif suffix == ".jsonld":
        text = _in_memory(kg).serialize(format="json-ld", context=dict(iris.PREFIXES), auto_compact=True)
        path.write_text(json.dumps(_sorted_jsonld(json.loads(text)), indent=2, ensure_ascii=False,
                                   sort_keys=True) + "\n", encoding="utf-8")
    elif suffix == ".trig":
        path.write_text(_trig(kg), encoding="utf-8")
    else:                               # N-Quads: one statement a line, sorted
        text = _in_memory(kg).serialize(format="nquads")
        path.write_text("".join(sorted(set(text.splitlines(keepends=True)))), encoding="utf-8")
    return path


def _trig(kg) -> str:
    """TriG with the named graphs in sorted order, each written by the (deterministic) Turtle
    serialiser: rdflib's own TriG writer orders graphs by hash."""
    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(iris.PREFIXES.items()))
    parts = [head]
    for c in sorted(kg.dataset.contexts(), key=lambda c: str(c.identifier)):
        if not len(c):
            continue
        g = Graph()
        for prefix, ns in iris.PREFIXES.items():
            g.bind(prefix, ns)
        g += c
        body = "\n".join(line for line in g.serialize(format="turtle").splitlines()
                         if not line.startswith("@prefix")).strip("\n")
        indented = "\n".join(("    " + line) if line else "" for line in body.splitlines())
        parts.append(f"\n<{c.identifier}> {{\n{indented}\n}}\n")
    return "".join(parts)
