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
    from kg.export.writers.turtle import streamed
    from kg.rdf import iris

    if not streamed(graph):
        path.write_text(trig(graph), encoding="utf-8")
        return
    import pyoxigraph as ox                 # a corpus: the ontology as below, the documents streamed

    inner = graph.oxigraph
    names = sorted((g for g in inner.named_graphs() if g.value != str(iris.ONTOLOGY_GRAPH)), key=str)

    def quads():                            # one graph at a time: memory for the largest graph only
        for name in names:
            yield from sorted(inner.quads_for_pattern(None, None, None, name), key=str)

    with open(path, "wb") as out:
        out.write(trig(graph, only=iris.ONTOLOGY_GRAPH).encode("utf-8"))
        ox.serialize(quads(), out, ox.RdfFormat.TRIG, prefixes=dict(iris.PREFIXES))


def trig(graph: Store, only=None) -> str:
    """TriG with the named graphs in sorted order (or the graph ``only``), each written by the
    (deterministic) Turtle serialiser: rdflib's own TriG writer orders graphs by hash. Past
    PRETTY_LIMIT triples, ``write_trig`` writes the documents' graphs with Oxigraph's streaming
    writer instead (rdflib's took a minute for the 1,808 BBC articles)."""
    from rdflib import Graph

    from kg.rdf import iris

    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(iris.PREFIXES.items()))
    parts = [head]
    contexts = [graph.dataset.get_context(only)] if only is not None else graph.dataset.contexts()
    for c in sorted(contexts, key=lambda c: str(c.identifier)):
        if not len(c):
            continue
        g = Graph()
        for prefix, ns in iris.PREFIXES.items():
            g.bind(prefix, ns)
        g += c
        body = _without_prefixes(g.serialize(format="turtle"))
        parts.append(f"\n<{c.identifier}> {{\n{indent(body)}\n}}\n")
    return "".join(parts)


def _without_prefixes(turtle: str) -> str:
    """The Turtle after its leading @prefix lines. Lines are split at "\\n" only: a literal may hold
    other line separators (form feed, U+2028), which are part of its text."""
    lines = turtle.split("\n")
    start = 0
    while start < len(lines) and (lines[start].startswith("@prefix") or not lines[start].strip()):
        start += 1
    return "\n".join(lines[start:]).rstrip("\n")


def indent(turtle: str, prefix: str = "    ") -> str:
    """Each line of ``turtle`` indented by ``prefix``, except the lines that continue a multi-line
    (triple-quoted) literal: their leading spaces are part of the text."""
    lines = turtle.split("\n")
    out, inside = [], False
    for line in lines:
        out.append(line if inside else (prefix + line) if line else "")
        inside = _ends_inside_long_string(line, inside)
    return "\n".join(out)


def _ends_inside_long_string(line: str, inside: bool) -> bool:
    """Whether a line that starts inside (or outside) a triple-quoted string ends inside one.
    Turtle escapes quotes and backslashes in its strings, and IRIs hold no quote."""
    i, quote = 0, '"""' if inside else ""
    while i < len(line):
        c = line[i]
        if quote and c == "\\":
            i += 2
            continue
        if quote and line.startswith(quote, i):
            i, quote = i + len(quote), ""
            continue
        if not quote and c == '"':
            quote = c * 3 if line.startswith(c * 3, i) else c
            i += len(quote)
            continue
        if not quote and c == "<":
            end = line.find(">", i)
            i = end + 1 if end >= 0 else len(line)
            continue
        i += 1
    return len(quote) == 3
