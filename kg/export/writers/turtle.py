"""Turtle: one graph, the union of every document's graph and the ontology."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.export.registry import ExportOptions, exporter

if TYPE_CHECKING:
    from kg.rdf.store import Store


@exporter("ttl", suffix=".ttl", aliases=("turtle",), default=True, order=30, note="their union")
def write_turtle(graph: Store, path: Path, options: ExportOptions) -> None:
    graph.union().serialize(destination=path, format="turtle")
