"""GraphML: the networkx view of the graph (entities, facts, claims, events), for Gephi."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.export.registry import ExportOptions, exporter

if TYPE_CHECKING:
    from kg.rdf.store import Store


@exporter("graphml", suffix=".graphml", default=True, order=50, note="for Gephi")
def write_graphml(graph: Store, path: Path, options: ExportOptions) -> None:
    from kg.rdf.network import write_graphml as write
    write(graph.to_networkx(), path)
