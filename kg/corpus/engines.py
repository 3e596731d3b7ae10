"""Engines that extract a stream of documents, batch by batch, and hand the results back in the
order of the documents (so a build's store does not depend on the engine): ``Serial`` in this
process, ``Processes`` in N worker processes of this machine; kg/corpus/cluster.py adds Dask.

A batch is parsed by one ``nlp.pipe`` call; at most two batches per worker are in flight, so the
documents read ahead of the store stay few, however large the corpus.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Protocol

from kg.io.document import ReadProblem
from kg.model import Document, Extraction

Result = Extraction | ReadProblem
_EXTRACTORS: dict = {}      # a process's extractor of each relation model, loaded by its first batch


def extract_batch(documents: list[Document], batch_size: int, model: str = "fast") -> list[Result]:
    """The extractions of one batch (a problem in place of a document that could not be extracted);
    what a worker process or a Dask task runs. The extractor of ``model`` (the relation classifier:
    fast, accurate) is loaded once per process."""
    if model not in _EXTRACTORS:
        from kg.extract import Extractor
        try:
            _EXTRACTORS[model] = Extractor(model=model)
        except Exception as exc:        # kept: a worker's start must not fail (the pool would restart it
            _EXTRACTORS[model] = exc    # for ever); its first batch raises it in the build instead
    if isinstance(_EXTRACTORS[model], Exception):
        raise _EXTRACTORS[model]
    return list(_EXTRACTORS[model].results(documents, batch_size=batch_size))


def batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while batch := list(islice(it, size)):
        yield batch


class Engine(Protocol):
    def extract(self, documents: Iterable[Document], batch_size: int) -> Iterator[Result]: ...

    def close(self) -> None: ...


class Serial:
    """Extraction in this process: spaCy parses a batch while nothing else runs."""

    def __init__(self, model: str = "fast"):
        self.model = model

    def extract(self, documents: Iterable[Document], batch_size: int) -> Iterator[Result]:
        for batch in batches(documents, batch_size):
            yield from extract_batch(batch, batch_size, self.model)

    def close(self) -> None:
        pass


def windowed(submit: Callable[[list[Document]], object], wait: Callable[[object], list[Result]],
             documents: Iterable[Document], batch_size: int, window: int) -> Iterator[Result]:
    """Results of batches submitted ``window`` ahead at most, handed back in order: ``submit`` starts
    a batch and returns its handle (a future), ``wait`` waits for a handle's results."""
    pending: deque = deque()
    for batch in batches(documents, batch_size):
        pending.append(submit(batch))
        if len(pending) >= window:
            yield from wait(pending.popleft())
    while pending:
        yield from wait(pending.popleft())


def _start_worker(model: str = "fast") -> None:
    """A worker ends when the build that started it does, even killed (SIGKILL): Linux's
    PR_SET_PDEATHSIG; elsewhere the pool's own shutdown has to do. Then it loads its extractor, while
    the build reads its first articles."""
    import ctypes
    import signal
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))    # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # Ctrl-C stops the build, which ends its workers
    try:
        extract_batch([], 1, model)
    except Exception:           # noqa: BLE001 (kept for the first batch, which raises it in the build)
        pass


class Processes:
    """Extraction in ``workers`` processes of this machine, each with its own model (started fresh,
    not forked from a process that holds an open store)."""

    def __init__(self, workers: int, model: str = "fast"):
        self.workers, self.model = workers, model
        self.pool = multiprocessing.get_context("spawn").Pool(workers, initializer=_start_worker, initargs=(model,))

    def extract(self, documents: Iterable[Document], batch_size: int) -> Iterator[Result]:
        return windowed(lambda batch: self.pool.apply_async(extract_batch, (batch, batch_size, self.model)),
                        lambda handle: handle.get(), documents, batch_size, 2 * self.workers)

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


def local(workers: int, model: str = "fast") -> Engine:
    """One process (``workers`` 1) or a pool of them, extracting with the relation model ``model``."""
    return Serial(model) if workers <= 1 else Processes(workers, model)
