"""The library object: a knowledge graph (the RDF stage's store) with the export stage's writers."""
from __future__ import annotations

from pathlib import Path

from kg.rdf.store import Store


class KnowledgeGraph(Store):
    """A dataset of documents' graphs plus the ontology, which can write itself to files.

    ``KnowledgeGraph()`` lives in memory; ``KnowledgeGraph(store="DIR")`` persists in an Oxigraph
    store on disk and sees what earlier runs put there.
    """

    def export(self, path: str | Path, fmt: str | None = None, title: str = "News knowledge graph",
               around: str | None = None, hops: int = 2) -> Path:
        """Write the graph in any format of kg.export.registry (default: by the suffix): trig, nq and
        jsonld keep the named graphs; ttl is their union; graphml is the networkx view for Gephi; html
        the interactive page, headed ``title`` (of the nodes ``hops`` edges from the entity named
        ``around`` alone, if given).

            >>> graph.export("out/seed.trig"); graph.export("out/all.txt", "nquads")
        """
        from kg.export.registry import ExportOptions, export   # loaded when used: `kg query` needs no writers
        return export(self, Path(path), fmt, ExportOptions(title=title, around=around, hops=hops))

    def render(self, path: str | Path, title: str = "News knowledge graph", around: str | None = None,
               hops: int = 2) -> Path:
        """An interactive HTML page of the graph (or of the neighbourhood of the entity named ``around``)
        that works offline."""
        return self.export(path, "html", title=title, around=around, hops=hops)
