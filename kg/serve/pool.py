"""The query workers of a server, and how a request gets its answer from one within a time limit.

Oxigraph cannot be interrupted inside a call, so queries do not run in the server's process: each of
``workers`` processes (started with "spawn": the server's threads are not copied) holds the store
open read-only and answers one query at a time. A request leases an idle worker, sends its job and
reads the chunks back until the deadline; a worker whose query runs out of time (or whose client
went away mid-answer) is killed and replaced, so a heavy query costs one worker for at most the time
limit while the others go on answering.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import threading
import time
from pathlib import Path

from kg.serve import worker
from kg.serve.backend import Answer, Limits, Refused, refusal, timed_out
from kg.serve.worker import Job

START_SECONDS = 120          # how long a worker may take to open the store


log = logging.getLogger(__name__)


class _Worker:
    def __init__(self, ctx, path: Path, memory: int | None):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=worker.main, args=(child, str(path), memory), daemon=True,
                                   name="kg-serve-worker")
        self.process.start()
        child.close()
        self._lock, self._closed = threading.Lock(), False

    def wait_ready(self) -> None:
        if not self.conn.poll(START_SECONDS):
            self.kill()
            raise RuntimeError("a query worker did not open the store in time")
        kind, payload = self.conn.recv()
        if kind != "ready":
            self.kill()
            raise RuntimeError(f"a query worker cannot open the store: {payload}")

    def stop(self) -> None:
        """End the process only: a thread reading its pipe meets the end of it (EOFError) and kills
        this worker itself; closing the pipe under that thread would race its reads."""
        if self.process.is_alive():
            self.process.kill()

    def kill(self) -> None:
        """End the process and close the pipe, once, whichever threads ask."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self.stop()
        self.process.join()
        self.conn.close()


def default_workers() -> int:
    """One query process per core, at least two (a long query never holds up every other) and at most
    eight: more processes than cores only take turns on them (on 2 cores, 4 workers gave the hubs'
    two-hop neighbourhood a p95 of 45-50 ms with 4 clients, 2 workers 34-42 ms; bench/RESULTS.md)."""
    return min(8, max(2, os.cpu_count() or 2))


class Pool:
    """``workers`` query processes over the store folder ``path``: a ``kg.serve.backend.Backend``."""

    union_default_graph = True

    def __init__(self, path: str | Path, workers: int | None = None, limits: Limits = Limits()):
        self.path, self.limits = Path(path), limits
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._all: set[_Worker] = set()            # idle, busy or starting: what close() kills
        started = [self._start() for _ in range(workers or default_workers())]
        try:
            for w in started:
                w.wait_ready()
                self._idle.put(w)
        except RuntimeError:
            self.close()
            raise

    def _start(self) -> _Worker:
        w = _Worker(self._ctx, self.path, self.limits.memory)
        self._all.add(w)
        return w

    def _replace(self, dead: _Worker) -> None:
        """Kill ``dead`` and start another in the background; the pool keeps its size."""
        dead.kill()
        self._all.discard(dead)
        if self._closed:
            return

        def start() -> None:
            fresh = self._start()
            try:
                fresh.wait_ready()
            except (RuntimeError, EOFError, OSError) as exc:   # closed meanwhile, or the store is gone
                self._all.discard(fresh)
                log.warning("a query worker could not be restarted: %s", exc)
                return
            if self._closed:
                fresh.kill()
            else:
                self._idle.put(fresh)
        threading.Thread(target=start, daemon=True, name="kg-serve-restart").start()

    def answer(self, job: Job) -> Answer:
        """Lease a worker for ``job``; the answer's media type is known (or ``Refused`` raised) when
        this returns. Iterate ``Answer.chunks`` to the end (or close it) to give the worker back.
        A client's job gets the server's row limit; the server's ``own`` jobs keep theirs."""
        deadline = None if self.limits.timeout is None else time.monotonic() + self.limits.timeout
        w = self._lease(deadline)
        if not job.own:
            job = Job(job.sparql, job.accept, job.format, job.default_graphs, job.named_graphs, self.limits.rows)
        try:
            try:
                w.conn.send(job)
            except (OSError, ValueError):   # it ended while idle, or close() ended it
                raise self._ended() from None
            kind, payload = self._next(w, deadline)
        except BaseException:
            self._replace(w)
            raise
        if kind == "memory":
            self._replace(w)              # it ran out of memory before its answer began: it has ended
            raise Refused(*refusal(kind, payload, self.limits))
        if kind != "type":
            self._idle.put(w)             # the worker finished with this job: it sent no more
            raise Refused(*refusal(kind, payload, self.limits))
        return Answer(payload, _Stream(self, w, deadline))

    def _lease(self, deadline: float | None) -> _Worker:
        """An idle worker, waiting for one until ``deadline``; ``Refused`` (503) past it, or as soon as
        the pool closes (Ctrl-C), so no request thread outlives the server."""
        while not self._closed:
            wait = 0.5 if deadline is None else min(0.5, deadline - time.monotonic())
            if wait <= 0:
                break
            try:
                return self._idle.get(timeout=wait)
            except queue.Empty:
                continue
        if self._closed:
            raise Refused(503, "the server is stopping")
        raise Refused(503, f"every query worker was busy for {self.limits.timeout:g} s; try again")

    def _next(self, w: _Worker, deadline: float | None) -> tuple:
        """The worker's next message, or ``Refused`` (503) when the deadline passes or the worker
        ends, killed by ``close`` (Ctrl-C) while this waits included."""
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        try:
            if not w.conn.poll(wait):
                raise Refused(503, timed_out(self.limits))
            return w.conn.recv()
        except (EOFError, OSError, ValueError):   # ValueError: its pipe closed by close() mid-wait
            raise self._ended() from None

    def _ended(self) -> "Refused":
        why = "the server is stopping" if self._closed else "its worker ended (out of memory?)"
        return Refused(503, f"query stopped: {why}")

    def close(self) -> None:
        """Kill every worker, busy ones too: a request waiting on one is answered 503 at once (its
        thread, reading the pipe, closes that one; the idle ones are closed here)."""
        self._closed = True
        for w in list(self._all):
            w.stop()
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                break
        self._all.clear()


class _Stream:
    """The chunks of one answer, read from its worker; the worker goes back to the pool when the
    answer is whole (or was refused), and is replaced when the reader stops early (``close``)."""

    def __init__(self, pool: Pool, w: _Worker, deadline: float | None):
        self.pool, self.worker, self.deadline = pool, w, deadline

    def __iter__(self) -> "_Stream":
        return self

    def __next__(self) -> bytes:
        if self.worker is None:
            raise StopIteration
        try:
            kind, payload = self.pool._next(self.worker, self.deadline)
        except BaseException:
            self._give_back(idle=False)
            raise
        if kind == "chunk":
            return payload
        self._give_back(idle=kind != "memory")      # it reported and stopped: idle again
        if kind == "end":
            raise StopIteration
        raise Refused(*refusal(kind, payload, self.pool.limits))

    def _give_back(self, idle: bool) -> None:
        w, self.worker = self.worker, None
        if w is not None and idle:
            self.pool._idle.put(w)
        elif w is not None:
            self.pool._replace(w)

    def close(self) -> None:
        """Stop reading: the worker, maybe still busy with this query, is replaced."""
        self._give_back(idle=False)

    def __del__(self):
        self.close()


__all__ = ["Answer", "Limits", "Pool", "Refused"]
