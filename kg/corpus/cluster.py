"""The Dask engine: each batch of documents is a task on a Dask cluster, its results gathered back, in
order, into this process's store. Without a scheduler address a local cluster of ``workers`` processes
is started (and stopped at the end); with one, the workers of that cluster need newskg installed
(``pip install newskg[dask]``, the same version) and no access to the articles: the documents travel
with the tasks.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from kg.corpus.engines import Result, extract_batch, windowed
from kg.model import Document


class Dask:
    """Extraction as Dask tasks, at most two a worker in flight."""

    def __init__(self, scheduler: str | None = None, workers: int = 1, model: str = "fast"):
        self.model = model
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ValueError("--engine dask needs Dask: pip install 'newskg[dask]'") from None
        self.cluster = None
        if scheduler is None:
            # the cluster's own logs stay quiet below CRITICAL: on Ctrl-C its processes get the signal
            # too, and a worker whose scheduler went first logs a heartbeat ERROR with a traceback; a
            # task's failure still reaches the build, as the exception it raised
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        host="127.0.0.1", dashboard_address=None, silence_logs=logging.CRITICAL)
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise ValueError(f"--scheduler {scheduler}: no Dask scheduler answers there ({exc})") from None
        self.window = 2 * max(1, len(self.client.scheduler_info().get("workers", {})) or workers)

    def extract(self, documents: Iterable[Document], batch_size: int) -> Iterator[Result]:
        return windowed(lambda batch: self.client.submit(extract_batch, batch, batch_size, self.model, pure=False),
                        lambda future: future.result(), documents, batch_size, self.window)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
