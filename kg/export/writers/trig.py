"""TriG: one named graph per document, plus the ontology's, in sorted order."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.export.registry import ExportOptions, exporter

if TYPE_CHECKING:
    from kg.rdf.store import Store


@exporter("trig", suffix=".trig", named_graphs=True, default=True, order=10,
          note="one named graph per document, plus the ontology")
def write_trig(graph: Store, path: Path, options: ExportOptions) -> None:
    path.write_text(trig(graph), encoding="utf-8")


def trig(graph: Store) -> str:
    """TriG with the named graphs in sorted order, each written by the (deterministic) Turtle
    serialiser: rdflib's own TriG writer orders graphs by hash."""
    from rdflib import Graph

    from kg.rdf import iris

    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(iris.PREFIXES.items()))
    parts = [head]
    for c in sorted(graph.dataset.contexts(), key=lambda c: str(c.identifier)):
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
