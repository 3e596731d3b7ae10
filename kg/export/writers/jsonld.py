"""JSON-LD: compact, with the project's prefixes as its @context, one named graph per document."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from kg.export.registry import ExportOptions, exporter

if TYPE_CHECKING:
    from kg.rdf.store import Store


@exporter("jsonld", suffix=".jsonld", aliases=("json-ld",), named_graphs=True, default=True, order=40)
def write_jsonld(graph: Store, path: Path, options: ExportOptions) -> None:
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
