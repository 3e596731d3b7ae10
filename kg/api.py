"""The library object behind the CLI: build a knowledge graph from files."""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from kg.io.document import DEFAULT_MAX_BYTES
from kg.corpus.run import BuildReport
from kg.io.read import discover
from kg.graph import KnowledgeGraph
from kg.rdf.endpoint import Endpoint
from kg.rdf.stores import check_url, is_endpoint


def name_max(folder: str | Path) -> int:
    """The longest file name, in bytes, the file system of ``folder`` (or its nearest existing
    parent) takes."""
    existing = Path(folder).absolute()
    while not os.path.exists(existing) and existing != existing.parent:
        existing = existing.parent
    try:
        return os.pathconf(existing, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def check_folder(folder: str | Path, what: str) -> None:
    """Refuse a folder that is a file, or that cannot be made: under a file, with a name too long,
    or in a folder that cannot be written. Raises ValueError with a one-line message."""
    path = Path(folder)
    if os.path.exists(path):
        if not os.path.isdir(path):
            raise ValueError(f"{what} {folder}: a file, not a folder")
        if not os.access(path, os.W_OK | os.X_OK):
            raise ValueError(f"{what} {folder}: a folder that cannot be written")
        return
    longest = name_max(path)
    existing = path.absolute()
    while not os.path.exists(existing):
        if len(os.fsencode(existing.name)) > longest:
            raise ValueError(f"{what}: the name {existing.name[:40]}... is over {longest} bytes")
        existing = existing.parent
    if not os.path.isdir(existing):
        raise ValueError(f"{what} {folder}: cannot be made, {existing} is a file")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ValueError(f"{what} {folder}: cannot be made, {existing} is not writable")


def check_store(store: str | Path, paths: Iterable[str | Path], what: str = "store") -> None:
    """Refuse a store that is a file, a folder holding anything but a store, or a folder among the
    inputs (inside one, or holding one): checked before any article is read. Raises ValueError."""
    check_folder(store, what)
    path = Path(store)
    resolved = path.resolve()
    for p in paths:
        folder = Path(p).resolve()
        if os.path.isdir(p) and (resolved == folder or folder in resolved.parents):
            raise ValueError(f"{what} {store}: in the input folder {p}; put the store elsewhere")
        if resolved in folder.parents:
            raise ValueError(f"{what} {store}: holds the input {p}; put the store elsewhere")
    try:
        other = os.path.isdir(path) and not KnowledgeGraph.is_store(path) and any(path.iterdir())
    except OSError as exc:
        raise ValueError(f"{what} {store}: cannot be read ({exc.strerror})") from None
    if other:
        raise ValueError(f"{what} {store}: a folder with other files in it, not a store made by "
                         f"`kg build --store`")


def build(paths: Iterable[str | Path], store: str | Path | None = None, progress: bool = False,
          batch_size: int = 16, max_bytes: int = DEFAULT_MAX_BYTES, workers: int = 1, engine: str = "local",
          scheduler: str | None = None, graph_store: str | None = None,
          model: str = "fast", prune: bool = False) -> tuple[KnowledgeGraph, BuildReport]:
    """Read the articles under ``paths`` (files or folders of .txt, .html, .jsonl), extract them, and
    store one named graph per document; returns the graph and a report. Articles are streamed: read,
    parsed by ``nlp.pipe`` in batches of ``batch_size`` (in ``workers`` processes, or as Dask tasks
    with ``engine="dask"`` on the cluster at ``scheduler``, a local one if None) and stored one at a
    time. ``store`` is a folder (the embedded store) or the http(s) URL of a SPARQL 1.1 endpoint
    (SPARQL Update there, and the Graph Store Protocol at ``graph_store`` if given); from an
    endpoint, the graph returned is an in-memory copy of its graphs. An article the store already holds unchanged (same source, text and metadata) is not
    parsed again; a changed one replaces its earlier graph in one transaction.

    A file over ``max_bytes`` (a .jsonl line), a document longer than the parser takes or one whose
    extraction fails is skipped and reported; the others go on. A ``store`` that is a file, a folder
    holding other files, or among the inputs is refused (ValueError) before anything is read.
    ``model`` is the relation classifier: "fast" (a logistic regression) or "accurate" (with a small
    transformer; about 0.56 of the speed: bench/RESULTS.md). ``prune``: then drop from the store the
    documents of files under ``paths`` that no longer exist (a file there that could not be read this
    time keeps its document)."""
    from kg.corpus.run import build_corpus
    from kg.model import RELATION_MODELS

    paths = list(paths)
    if model not in RELATION_MODELS:
        raise ValueError(f"unknown model {model!r} (choose from {', '.join(RELATION_MODELS)})")
    if is_endpoint(store):
        check_url(str(store))
    elif store is not None:
        check_store(store, paths)
    runner = _engine(engine, workers, scheduler, model)     # first: a scheduler that does not answer
    try:                                                     # leaves no new store behind
        target = Endpoint(str(store), graph_store=graph_store) if is_endpoint(store) else KnowledgeGraph(store=store)
    except BaseException:
        runner.close()
        raise
    try:
        report = build_corpus(target, paths, runner, progress=progress, batch_size=batch_size, max_bytes=max_bytes,
                              prune=prune)
    except BaseException:
        target.close()
        raise
    if isinstance(target, Endpoint):      # the exports are written from a copy of the endpoint's graphs
        kg = KnowledgeGraph(ontology=False)
        kg.add_quads(target.quads())
        return kg, report
    return target, report


def _engine(name: str, workers: int, scheduler: str | None, model: str = "fast"):
    """The engine a build runs its extraction on: "local" (``workers`` processes) or "dask"."""
    if workers < 1:
        raise ValueError(f"workers: {workers}; at least 1")
    if name == "local":
        if scheduler is not None:
            raise ValueError("a scheduler is for the dask engine (engine='dask')")
        from kg.corpus.engines import local
        return local(workers, model)
    if name == "dask":
        from kg.corpus.cluster import Dask
        return Dask(scheduler, workers, model)
    raise ValueError(f"unknown engine {name!r} (choose from local, dask)")


__all__ = ["build", "BuildReport", "KnowledgeGraph", "check_folder", "check_store", "discover"]
