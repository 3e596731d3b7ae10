"""The library object behind the CLI: build a knowledge graph from files."""
from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.io.document import DEFAULT_MAX_BYTES
from kg.io.read import ReadProblem, discover, read
from kg.graph import KnowledgeGraph


@dataclass
class BuildReport:
    """What a build did: documents read, triples stored, problems met (nothing is dropped silently)."""

    documents: int = 0
    triples: int = 0
    relations: int = 0
    claims: int = 0
    events: int = 0
    seconds: float = 0.0
    problems: list[ReadProblem] = field(default_factory=list)


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
          batch_size: int = 16, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[KnowledgeGraph, BuildReport]:
    """Read the articles under ``paths`` (files or folders of .txt, .html, .jsonl), extract them, and
    store one named graph per document; returns the graph and a report. A file over ``max_bytes`` (a
    .jsonl line), a document longer than the parser takes or one whose extraction fails is skipped
    and reported; the others go on. A ``store`` that is a file, a folder holding other files, or among
    the inputs is refused (ValueError) before anything is read."""
    from kg.extract import Extractor

    paths = list(paths)
    if store is not None:
        check_store(store, paths)
    started = time.perf_counter()
    report = BuildReport()
    kg = KnowledgeGraph(store=store)
    docs = []
    for item in read(paths, max_bytes):
        if isinstance(item, ReadProblem):
            report.problems.append(item)
        else:
            docs.append(item)
    extractor = Extractor()
    results = extractor.results(docs, batch_size=batch_size)
    if progress:
        from tqdm import tqdm
        results = tqdm(results, total=len(docs), unit="doc", desc="extracting", file=None)
    first_of: dict[str, str] = {}        # document id (a digest of the text) -> the first source
    for x in results:
        if isinstance(x, ReadProblem):
            report.problems.append(x)
            continue
        if x.document.id in first_of:      # one graph per text: the later file's metadata wins
            report.problems.append(ReadProblem(
                x.document.source, f"the same text as {first_of[x.document.id]}: one document, "
                                   f"stored with this file's title, URL and date", fatal=False))
            kg.add(x)
            continue
        first_of[x.document.id] = x.document.source
        report.documents += 1
        report.relations += len(x.relations)
        report.claims += len(x.claims)
        report.events += len(x.events)
        report.problems += [ReadProblem(x.document.source, w, fatal=False) for w in x.warnings]
        kg.add(x)
    report.triples = len(kg)
    report.seconds = time.perf_counter() - started
    return kg, report


__all__ = ["build", "BuildReport", "KnowledgeGraph", "check_folder", "check_store", "discover"]
