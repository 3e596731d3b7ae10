"""A query worker: a process with the store open read-only, which answers one query at a time.

It reads a ``Job`` from its pipe, checks the query (``kg.rdf.sparql``: no SERVICE, no Update), runs
it on Oxigraph and writes the result in the negotiated format, sending the bytes back in chunks as
they are made: ("type", media type), then ("chunk", bytes) ..., then ("end", None); or one of
("refused" | "error" | "unacceptable", message), ("limit", rows), ("memory", None). The server kills a
worker whose query runs past its time limit, and starts another.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

CHUNK_BYTES, CHUNK_SECONDS = 64 * 1024, 0.05


@dataclass(frozen=True)
class Job:
    """One query as the protocol gave it: its text, the client's Accept header and ``format``
    parameter, the protocol's default-graph-uri and named-graph-uri, and the row limit. ``own``: a
    query the server wrote itself (the explorer's), run on the union of the graphs without the check
    a client's query gets."""

    sparql: str
    accept: str | None = None
    format: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    limit: int | None = None
    own: bool = False


class RowLimit(Exception):
    """The result has more rows (or triples) than the job's limit."""


class Sink:
    """Bytes to send, in chunks of ``CHUNK_BYTES``, or sooner when the first unsent byte is older
    than ``CHUNK_SECONDS`` (a slow query's first rows are not held back)."""

    def __init__(self, send: Callable[[tuple], None]):
        self.send, self.parts, self.size, self.since = send, [], 0, 0.0

    def write(self, data: bytes) -> None:
        if not self.parts:
            self.since = time.monotonic()
        self.parts.append(data)
        self.size += len(data)
        if self.size >= CHUNK_BYTES or time.monotonic() - self.since > CHUNK_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            self.send(("chunk", b"".join(self.parts)))
            self.parts, self.size = [], 0


def prefixes() -> dict[str, str]:
    """The prefixes a query may use undeclared: rdflib's usual ones and the project's (as ``kg query``)."""
    from rdflib import Dataset

    from kg.rdf import iris
    out = {prefix: str(ns) for prefix, ns in Dataset().namespaces()}
    out.update({prefix: str(ns) for prefix, ns in iris.PREFIXES.items()})
    return out


def answer(store: ox.Store, job: Job, known: dict[str, str], send: Callable[[tuple], None]) -> None:
    """Run ``job`` on ``store`` and send its messages, the last one ``end`` or a report."""
    from kg.rdf.sparql import QueryRefused, engine_options
    from kg.serve import results
    try:
        options = {"prefixes": known, "use_default_graph_as_union": True} if job.own else \
            engine_options(job.sparql, known, job.default_graphs, job.named_graphs)
        result = store.query(job.sparql, **options)
        kind = "graph" if isinstance(result, ox.QueryTriples) else "solutions"
        fmt = results.negotiate(kind, job.accept, job.format)
    except QueryRefused as exc:
        send(("refused", str(exc)))
        return
    except results.NotAcceptable as exc:
        send(("unacceptable", str(exc)))
        return
    except (SyntaxError, ValueError, TypeError, OSError) as exc:
        send(("error", str(exc)))
        return
    send(("type", fmt.media_type))
    sink = Sink(send)

    def over() -> None:
        raise RowLimit()

    try:
        if isinstance(result, ox.QueryBoolean):
            results.write_boolean(bool(result), fmt, sink.write)
        elif isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = results.capped((tuple(s) for s in result), job.limit, over)
            results.write_solutions(names, rows, fmt, sink.write)
        else:
            results.write_triples(results.capped(iter(result), job.limit, over), fmt, sink.write, known)
    except RowLimit:
        send(("limit", job.limit))
        return
    except (ValueError, TypeError, OSError) as exc:     # met while evaluating (after the first rows)
        send(("error", str(exc)))
        return
    sink.flush()
    send(("end", None))


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the server ends, however it ends (elsewhere: a no-op; the
    worker then ends when it next reads its closed pipe)."""
    import ctypes
    import signal
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)      # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def main(conn, path: str, memory: int | None) -> None:
    """A worker's life: open the store, say "ready", then answer jobs until the pipe closes."""
    from kg.rdf.running import confine
    _die_with_parent()
    confine(memory)
    try:
        store = ox.Store.read_only(path)
        known = prefixes()
    except Exception as exc:         # reported to the server, which says why it cannot start
        conn.send(("error", str(exc) or type(exc).__name__))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer(store, job, known, conn.send)
        except MemoryError:
            conn.send(("memory", None))
            return               # a process whose allocations failed is not trusted again
