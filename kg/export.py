"""Export a knowledge graph to files: TriG, N-Quads, Turtle, JSON-LD, GraphML."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from . import iris

FORMATS = {"trig": ".trig", "nq": ".nq", "nquads": ".nq", "ttl": ".ttl", "turtle": ".ttl",
           "jsonld": ".jsonld", "json-ld": ".jsonld", "graphml": ".graphml"}
RDFLIB_NAMES = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".jsonld": "json-ld"}


def format_of(path: Path, fmt: str | None) -> str:
    """The file suffix for a format name, or the path's own suffix."""
    if fmt is not None:
        if fmt.lower() not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of: trig, nq, ttl, jsonld, graphml")
        return FORMATS[fmt.lower()]
    if path.suffix.lower() not in FORMATS.values():
        raise ValueError(f"{path}: cannot tell the format from the suffix; give --format")
    return path.suffix.lower()


def _in_memory(kg) -> Dataset:
    """A plain in-memory copy (rdflib's serialisers are faster and sorted there)."""
    ds = Dataset()
    for prefix, ns in iris.PREFIXES.items():
        ds.bind(prefix, ns)
    for c in kg.dataset.contexts():
        g = ds.graph(c.identifier)
        g += c
    return ds


def export(kg, path: Path, fmt: str | None = None) -> Path:
    suffix = format_of(path, fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".graphml":
        from .network import write_graphml
        return write_graphml(kg.dataset, path)
    if suffix == ".ttl":
        kg.union().serialize(destination=path, format="turtle")
    elif suffix == ".jsonld":
        ds = _in_memory(kg)
        ds.serialize(destination=path, format="json-ld", context={k: str(v) for k, v in iris.PREFIXES.items()},
                     auto_compact=True)
    else:
        _in_memory(kg).serialize(destination=path, format=RDFLIB_NAMES[suffix])
    return path
