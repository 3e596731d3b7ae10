"""Exports written again only when what they are made of changed: beside the exports, a small stamp
(``OUT/.NAME.stamp.json``) records the store's fingerprint (its documents, their content hashes and
metadata, its size, the tool's version), the title, and each file written with its size and time of
change. A build that finds the same fingerprint and the files as it left them leaves them alone.
The fingerprint covers the resolution's graphs too (kg/resolution/): merges made or undone change
the exports even when the documents and the number of triples do not."""
from __future__ import annotations

import json
import os
from pathlib import Path

from kg import __version__
from kg.ids import digest


def fingerprint(store) -> str:
    """What the exports of ``store`` depend on, as a digest."""
    documents = sorted((d.graph, d.content_hash, d.source, d.title or "", d.url or "", d.date or "")
                       for d in store.stored_documents())
    return digest(__version__, len(store), *("\x1e".join(d) for d in documents), *_resolution(store), size=32)


def _resolution(store) -> list[str]:
    """A digest of each graph of the resolution (empty where there is none, or no such graph: an endpoint)."""
    from kg.rdf import iris

    dataset = getattr(store, "dataset", None)
    if dataset is None:
        return []
    graphs = (dataset.get_context(name) for name in (iris.RESOLUTION_GRAPH, iris.UNDONE_GRAPH))
    return [digest(*sorted(" ".join(t.n3() for t in triple) for triple in g), size=32) for g in graphs]


def _files(paths: list[Path]) -> list[list]:
    out = []
    for p in paths:
        info = os.stat(p)
        out.append([p.name, info.st_size, info.st_mtime_ns])
    return out


def _stamp_path(out: Path, name: str) -> Path:
    return out / f".{name}.stamp.json"


def current(out: Path, name: str, paths: list[Path], print_: str, title: str) -> bool:
    """Whether the exports ``paths`` are those of the store whose fingerprint is ``print_``, untouched."""
    try:
        stamp = json.loads(_stamp_path(out, name).read_text(encoding="utf-8"))
        return stamp == {"fingerprint": print_, "title": title, "files": _files(paths)}
    except (OSError, ValueError):
        return False


def record(out: Path, name: str, paths: list[Path], print_: str, title: str) -> None:
    stamp = {"fingerprint": print_, "title": title, "files": _files(paths)}
    _stamp_path(out, name).write_text(json.dumps(stamp), encoding="utf-8")
