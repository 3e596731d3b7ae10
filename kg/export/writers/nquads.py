"""N-Quads: one statement a line, sorted, each in its document's named graph.

Up to ``PRETTY_LIMIT`` triples the lines are rdflib's, sorted as a whole; past it (a corpus) they are
Oxigraph's, written one graph at a time in the order of the graphs' names, each graph's lines sorted:
rdflib's writer took six minutes for a million triples, and the whole text in memory.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.export.registry import ExportOptions, exporter

if TYPE_CHECKING:
    from kg.rdf.store import Store


@exporter("nq", suffix=".nq", aliases=("nquads",), named_graphs=True, order=20)
def write_nquads(graph: Store, path: Path, options: ExportOptions) -> None:
    from kg.export.ordered import in_memory
    from kg.export.writers.turtle import streamed

    if streamed(graph):
        write_streaming(graph, path)
        return
    text = in_memory(graph).serialize(format="nquads")
    # one statement a line: split at "\n" only, as a literal may hold a form feed or U+2028
    lines = {line + "\n" for line in text.split("\n") if line}
    path.write_text("".join(sorted(lines)), encoding="utf-8")


def write_streaming(graph: Store, path: Path) -> None:
    """Every graph's quads by Oxigraph's writer, graph by graph (memory for the largest graph only)."""
    import pyoxigraph as ox

    inner = graph.oxigraph
    names = [ox.DefaultGraph(), *sorted(inner.named_graphs(), key=str)]
    with open(path, "wb") as out:
        for name in names:
            lines = ox.serialize(inner.quads_for_pattern(None, None, None, name), format=ox.RdfFormat.N_QUADS)
            out.write(b"".join(sorted(line + b"\n" for line in lines.split(b"\n") if line)))
