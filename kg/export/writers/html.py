"""HTML: an interactive page of the graph that works offline (the page itself: kg.export.html)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.export.registry import ExportOptions, exporter

if TYPE_CHECKING:
    from kg.rdf.store import Store


@exporter("html", suffix=".html", default=True, order=60, note="interactive, works offline")
def write_html(graph: Store, path: Path, options: ExportOptions) -> None:
    from kg.export.html import render_html     # pyvis loads only when a page is written
    from kg.export.html_scale import around
    nxgraph = graph.to_networkx()
    if options.around:
        nxgraph = around(nxgraph, options.around, options.hops)
    render_html(nxgraph, path, title=options.title)
