"""JSON-LD: compact, with the project's prefixes as its @context, one named graph per document.

A dataset of up to ``PRETTY_LIMIT`` triples (kg/export/writers/turtle.py) is written by rdflib's
serialiser, every set sorted. A larger one is streamed from the Oxigraph store, one named graph at a
time, by ``write_streaming``: rdflib's writer held the whole dataset in memory and took a minute and
1.5 GB for the 1,808 BBC articles. (Oxigraph's own JSON-LD writer, 0.5, writes expanded JSON-LD:
full IRIs, no @context.)
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from kg.export.registry import ExportOptions, exporter

if TYPE_CHECKING:
    from kg.rdf.store import Store

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@exporter("jsonld", suffix=".jsonld", aliases=("json-ld",), named_graphs=True, default=True, order=40)
def write_jsonld(graph: Store, path: Path, options: ExportOptions) -> None:
    from kg.export.writers.turtle import streamed

    if streamed(graph):
        write_streaming(graph, path)
        return
    from kg.export.ordered import in_memory
    from kg.rdf import iris

    text = in_memory(graph).serialize(format="json-ld", context=dict(iris.PREFIXES), auto_compact=True)
    path.write_text(json.dumps(sorted_jsonld(json.loads(text)), indent=2, ensure_ascii=False,
                               sort_keys=True) + "\n", encoding="utf-8")


def sorted_jsonld(node, ordered: bool = False):
    """JSON-LD with every set of nodes sorted (rdflib writes them in hash order); an RDF list
    (``@list``) keeps its order."""
    if isinstance(node, dict):
        return {k: sorted_jsonld(v, ordered=k == "@list") for k, v in node.items()}
    if isinstance(node, list) and ordered:
        return [sorted_jsonld(v) for v in node]
    if isinstance(node, list):
        items = [sorted_jsonld(v) for v in node]
        if all(isinstance(v, dict) for v in items):
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        return items
    return node


def write_streaming(graph: Store, path: Path) -> None:
    """Compact JSON-LD of every graph of the store, read and written one graph at a time (memory for
    the largest graph only): ``{"@context": PREFIXES, "@graph": [{"@id": GRAPH, "@graph": [NODE, ...]},
    ...]}``, the graphs in the order of their IRIs, the nodes of a graph in the order of their @id, a
    node a line; the triples of the default graph, if any, as nodes of the outer @graph. IRIs under a
    prefix are written as compact IRIs (``kgid:country/kazakhstan``), literals as rdflib reads them
    back: a plain string, or ``{"@value", "@language"}`` / ``{"@value", "@type"}``."""
    import pyoxigraph as ox

    from kg.rdf import iris

    inner = graph.oxigraph
    compact = Compactor(iris.PREFIXES)
    names = sorted(inner.named_graphs(), key=lambda g: g.value)
    context = json.dumps({"@context": dict(sorted(iris.PREFIXES.items()))}, ensure_ascii=False)
    with open(path, "w", encoding="utf-8") as out:
        out.write(context[:-1] + ',\n"@graph": [')
        first = True
        for name in [ox.DefaultGraph(), *names]:        # SPARQL: faster than quads_for_pattern in Python
            where = "?s ?p ?o" if isinstance(name, ox.DefaultGraph) else f"GRAPH {name} {{ ?s ?p ?o }}"
            lines = node_lines(inner.query(f"SELECT ?s ?p ?o {{ {where} }}"), compact)
            if not lines:
                continue
            if not isinstance(name, ox.DefaultGraph):
                head = json.dumps({"@id": compact.id(name)}, ensure_ascii=False)[:-1]
                lines = [f'{head}, "@graph": [\n' + ",\n".join(lines) + "\n]}"]
            out.write(("\n" if first else ",\n") + ",\n".join(lines))
            first = False
        out.write("\n]}\n")


def node_lines(triples, compact: "Compactor") -> list[str]:
    """The node objects of (subject, predicate, object) rows as JSON text, one per subject, sorted by @id."""
    nodes: dict[str, dict[str, list]] = {}
    for row in triples:
        subject, obj = compact.id(row[0]), row[2]
        props = nodes.setdefault(subject, {})
        predicate = row[1].value
        if predicate == RDF_TYPE and isinstance(obj, compact.named):
            props.setdefault("@type", []).append(compact.iri(obj.value))
        else:
            props.setdefault(compact.iri(predicate), []).append(compact.value(obj))
    lines = []
    for subject in sorted(nodes):
        node = {"@id": subject}
        for key, values in nodes[subject].items():
            if len(values) > 1:
                values = sorted(values, key=_order)
            node[key] = values[0] if len(values) == 1 else values
        lines.append(json.dumps(node, ensure_ascii=False, sort_keys=True))
    return lines


def _order(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


class Compactor:
    """Terms as compact JSON-LD writes them under a context of prefixes."""

    def __init__(self, prefixes: dict[str, str]):
        import pyoxigraph as ox

        self.named, self.literal = ox.NamedNode, ox.Literal
        # the longest namespace first, so that a namespace inside another one gets its own prefix
        self.prefixes = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda x: -len(x[0]))
        self.cache: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        """``prefix:rest`` for an IRI under a prefix (not when ``rest`` would read as an IRI of its own,
        ``//...``), else the IRI itself."""
        found = self.cache.get(iri)
        if found is None:
            found = iri
            for ns, prefix in self.prefixes:
                if iri.startswith(ns) and not iri.startswith("//", len(ns)):
                    found = f"{prefix}:{iri[len(ns):]}"
                    break
            if len(self.cache) < 100_000:      # the vocabulary's terms; entities' IRIs come and go
                self.cache[iri] = found
        return found

    def id(self, term) -> str:
        """A node's @id: a compact IRI, or ``_:label`` for a blank node."""
        return self.iri(term.value) if isinstance(term, self.named) else f"_:{term.value}"

    def value(self, term):
        """An object as a JSON-LD value: ``{"@id": ...}`` for a node, a string for a plain literal."""
        if not isinstance(term, self.literal):
            return {"@id": self.id(term)}
        if term.language:
            return {"@language": term.language, "@value": term.value}
        datatype = term.datatype.value
        if datatype in (XSD_STRING, LANG_STRING):
            return term.value
        return {"@type": self.iri(datatype), "@value": term.value}
