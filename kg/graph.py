"""The library object: a knowledge graph (the RDF stage's store) with the export stage's writers."""
from __future__ import annotations

from pathlib import Path

from kg.rdf.store import Store


class KnowledgeGraph(Store):
    """A dataset of documents' graphs plus the ontology, which can write itself to files.

    ``KnowledgeGraph()`` lives in memory; ``KnowledgeGraph(store="DIR")`` persists in an Oxigraph
    store on disk and sees what earlier runs put there.
    """

    def export(self, path: str | Path, fmt: str | None = None) -> Path:
        """Write the graph: trig, nquads and json-ld keep the named graphs; turtle is their union;
        graphml is the networkx view for Gephi."""
        from kg.export.rdf_files import export   # loaded when used: `kg query` needs no writers
        return export(self, Path(path), fmt)

    def render(self, path: str | Path, title: str = "News knowledge graph") -> Path:
        """An interactive HTML page of the graph that works offline."""
        from kg.export.html import render_html
        return render_html(self.to_networkx(), Path(path), title=title)
