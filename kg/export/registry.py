"""The exporters, by format name: one module per format under kg/export/writers/, found by importing
that package, so that a new format is one new file (as rdflib's serialiser plugins are).

An exporter is a function that writes a graph to a path, registered with::

    @exporter("count", suffix=".count", note="the number of triples")
    def write_count(graph: Store, path: Path, options: ExportOptions) -> None:
        path.write_text(f"{len(graph)}\\n", encoding="utf-8")

``kg build --formats``, ``kg export --format``, their help and ``KnowledgeGraph.export`` all list
what is registered here.
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.plugins import import_all

if TYPE_CHECKING:                   # the registry itself loads no RDF library: `kg --help` stays quick
    from kg.rdf.store import Store


@dataclass(frozen=True)
class ExportOptions:
    """What a writer may use besides the graph: the page title of the HTML view, and the entity
    whose neighbourhood (``hops`` edges out) it draws instead of the whole graph."""

    title: str = "News knowledge graph"
    around: str | None = None
    hops: int = 2


WriteFunction = Callable[["Store", Path, ExportOptions], None]


@dataclass(frozen=True)
class Exporter:
    """A format a graph is written in: its name (``kg build --formats trig``), other names the library
    accepts, its file suffix, whether it keeps one named graph per document, and its writer."""

    name: str
    suffix: str
    write: WriteFunction
    aliases: tuple[str, ...] = ()
    named_graphs: bool = False
    default: bool = False       # written by `kg build` unless --formats says otherwise
    order: int = 100            # place in listings and in the order `kg build` writes
    note: str = ""              # for `kg build --help`: "NAME.ttl (their union)"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


_EXPORTERS: dict[str, Exporter] = {}
_LOADED = False


def register(entry: Exporter) -> Exporter:
    """Add an exporter; a name, alias or suffix that another exporter has already is an error."""
    taken = {n: e.name for e in _EXPORTERS.values() for n in e.names}
    clash = [n for n in entry.names if n in taken]
    if clash:
        raise ValueError(f"exporter {entry.name!r}: the name {clash[0]!r} is taken by {taken[clash[0]]!r}")
    same_suffix = [e.name for e in _EXPORTERS.values() if e.suffix == entry.suffix]
    if same_suffix:
        raise ValueError(f"exporter {entry.name!r}: the suffix {entry.suffix!r} is taken by {same_suffix[0]!r}")
    if not entry.suffix.startswith(".") or entry.suffix != entry.suffix.lower():
        raise ValueError(f"exporter {entry.name!r}: a suffix is lower case and starts with a dot, "
                         f"e.g. '.ttl'; got {entry.suffix!r}")
    _EXPORTERS[entry.name] = entry
    return entry


def unregister(name: str) -> None:
    """Remove an exporter (tests register toy exporters and take them away again)."""
    _EXPORTERS.pop(name, None)


@contextlib.contextmanager
def registered(entry: Exporter) -> Iterator[Exporter]:
    """An exporter that is registered inside the ``with`` block only."""
    _load()
    register(entry)
    try:
        yield entry
    finally:
        unregister(entry.name)


def exporter(name: str, suffix: str, aliases: tuple[str, ...] = (), named_graphs: bool = False,
             default: bool = False, order: int = 100, note: str = "") -> Callable[[WriteFunction], WriteFunction]:
    """Register the decorated function as the writer of format ``name``.

        >>> @exporter("count", suffix=".count")
        ... def write_count(graph, path, options): ...
    """
    def register_function(function: WriteFunction) -> WriteFunction:
        register(Exporter(name, suffix, function, aliases=tuple(aliases), named_graphs=named_graphs,
                          default=default, order=order, note=note))
        return function
    return register_function


def _load() -> None:
    """Import every module of kg.export.writers once: each registers its format."""
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    from kg.export import writers
    import_all(writers)


def exporters() -> list[Exporter]:
    """Every registered exporter, in listing order: trig, nq, ttl, jsonld, graphml, html."""
    _load()
    return sorted(_EXPORTERS.values(), key=lambda e: (e.order, e.name))


def names() -> tuple[str, ...]:
    """The format names `kg build --formats` and `kg export --format` accept."""
    return tuple(e.name for e in exporters())


def defaults() -> tuple[str, ...]:
    """What `kg build` writes unless told otherwise, in the order it writes them."""
    return tuple(e.name for e in exporters() if e.default)


def get(fmt: str) -> Exporter:
    """The exporter of a format name or alias, in any case; a ValueError names the choices."""
    for e in exporters():
        if fmt.lower() in e.names:
            return e
    raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(names())}")


def format_of(path: Path, fmt: str | None) -> Exporter:
    """The exporter of a format name, or else of the path's own suffix."""
    if fmt is not None:
        return get(fmt)
    for e in exporters():
        if path.suffix.lower() == e.suffix:
            return e
    raise ValueError(f"{path}: cannot tell the format from the suffix; give --format")


def export(graph: "Store", path: Path, fmt: str | None = None, options: ExportOptions = ExportOptions()) -> Path:
    """Write ``graph`` to ``path`` in format ``fmt`` (default: by the suffix); returns the path.

        >>> export(graph, Path("out/seed.nq"))            # N-Quads, by the suffix
        >>> export(graph, Path("out/all"), "turtle")      # the union of the graphs, as Turtle
    """
    writer = format_of(path, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer.write(graph, path, options)
    return path
