"""The library object behind the CLI: build a knowledge graph from files."""
from __future__ import annotations

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


def build(paths: Iterable[str | Path], store: str | Path | None = None, progress: bool = False,
          batch_size: int = 16, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[KnowledgeGraph, BuildReport]:
    """Read the articles under ``paths`` (files or folders of .txt, .html, .jsonl), extract them, and
    store one named graph per document; returns the graph and a report. A file over ``max_bytes`` (a
    .jsonl line), a document longer than the parser takes or one whose extraction fails is skipped
    and reported; the others go on."""
    from kg.extract import Extractor

    paths = list(paths)
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
    for x in results:
        if isinstance(x, ReadProblem):
            report.problems.append(x)
            continue
        report.documents += 1
        report.relations += len(x.relations)
        report.claims += len(x.claims)
        report.events += len(x.events)
        report.problems += [ReadProblem(x.document.source, w, fatal=False) for w in x.warnings]
        kg.add(x)
    report.triples = len(kg)
    report.seconds = time.perf_counter() - started
    return kg, report


__all__ = ["build", "BuildReport", "KnowledgeGraph", "discover"]
