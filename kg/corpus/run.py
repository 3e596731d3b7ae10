"""A corpus build: articles streamed from disk, the unchanged ones skipped, the others extracted by an
engine and stored one document (one transaction) at a time, so a build stopped anywhere (Ctrl-C, a
kill) leaves every document either stored whole or not at all, and the next build carries on."""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.corpus.engines import Engine
from kg.corpus.plan import Plan, Verdict, count_documents, gone
from kg.io.read import ReadProblem, read, survey
from kg.model import Document
from kg.rdf import iris


@dataclass
class BuildReport:
    """What a build did: documents read (``unchanged`` of them skipped, already in the store as they
    are), what the extracted ones gave, triples in the store, problems met (nothing is dropped
    silently)."""

    documents: int = 0
    triples: int = 0
    relations: int = 0
    claims: int = 0
    events: int = 0
    seconds: float = 0.0
    problems: list[ReadProblem] = field(default_factory=list)
    unchanged: int = 0
    written: int = 0               # triples written by this build
    removed: list[str] = field(default_factory=list)   # sources whose documents --prune dropped


class _Bar:
    """A tqdm bar on stderr (documents a second, ETA, triples written) or nothing."""

    def __init__(self, show: bool, total: int):
        self.bar = None
        if show:
            from tqdm import tqdm
            self.bar = tqdm(total=total, unit="doc", desc="building", file=None, smoothing=0.1)

    def step(self, triples: int) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(f"{triples:,} triples written", refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _todo(paths: list, max_bytes: int, plan: Plan, report: BuildReport, bar: _Bar) -> Iterator[Document]:
    """The documents to extract, read one at a time; the others are counted and passed over."""
    for item in read(paths, max_bytes):
        if isinstance(item, ReadProblem):
            report.problems.append(item)
            continue
        verdict = plan.verdict(item)
        if verdict is Verdict.EXTRACT:
            yield item
            continue
        if verdict is Verdict.UNCHANGED:
            report.documents += 1
            report.unchanged += 1
        else:
            report.problems.append(ReadProblem(item.source, plan.same_text_message(item), fatal=False))
        bar.step(report.written)


def build_corpus(store, paths: Iterable[str | Path], engine: Engine, progress: bool = False,
                 batch_size: int = 16, max_bytes: int | None = None, prune: bool = False) -> BuildReport:
    """Extract the new and changed articles under ``paths`` into ``store`` (see the module); with
    ``prune``, then drop the documents of files under ``paths`` that are gone (``plan.gone``)."""
    from kg.io.document import DEFAULT_MAX_BYTES

    started = time.perf_counter()
    paths = list(paths)
    report = BuildReport()
    bar = _Bar(progress, count_documents(survey(paths)[0]) if progress else 0)
    try:
        plan = Plan(store.stored_documents())
        todo = _todo(paths, max_bytes or DEFAULT_MAX_BYTES, plan, report, bar)
        for x in engine.extract(todo, batch_size):
            if isinstance(x, ReadProblem):
                report.problems.append(x)
            else:
                report.documents += 1
                report.relations += len(x.relations)
                report.claims += len(x.claims)
                report.events += len(x.events)
                report.problems += [ReadProblem(x.document.source, w, fatal=False) for w in x.warnings]
                report.written += store.add(x)
            bar.step(report.written)
    finally:
        bar.close()
        engine.close()
    if prune:                          # only after every article was read: a stopped build drops nothing
        kept = {str(iris.document_graph(i)) for i in plan.first}      # graphs this build read into
        for s in gone(store.stored_documents(), paths, plan.read, {p.source for p in report.problems}, kept):
            store.remove_document(s.graph)
            report.removed.append(s.source)
    report.triples = len(store)
    report.seconds = time.perf_counter() - started
    return report
