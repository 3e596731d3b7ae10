"""Running a query under limits: rows handed on as Oxigraph finds them, at most ``limit`` of them,
and a time limit that really stops the work.

Oxigraph cannot be interrupted inside a call (one step of a large join or sort can take minutes), so
a query with a time limit runs in a child process (forked: it shares the parent's memory, and opens
a store on disk again, read-only), which sends its rows back in small batches and is killed when the
time is up. The child can also be given a memory budget (a sort or a grouping of a huge join is held
in memory by the engine), past which its allocations fail and it ends. Without either limit the
query runs here, lazily.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result, ResultRow
from rdflib.term import Variable

BATCH_ROWS, BATCH_SECONDS = 256, 0.05      # a batch is sent when full, or when its first row is this old


@dataclass(frozen=True)
class QueryLimits:
    """How long a query may run, in seconds, how many rows (or triples) it may give, and how many
    megabytes its process may add to what it starts with; None: no limit. ``kg query`` uses
    ``QueryLimits(timeout=60, limit=100_000, memory=2048)``."""

    timeout: float | None = None
    limit: int | None = None
    memory: int | None = None


class QueryTimeout(TimeoutError):
    """The query ran longer than its time limit and was stopped."""

    def __init__(self, seconds: float):
        super().__init__(f"query stopped after {seconds:g} s")
        self.seconds = seconds


class QueryOutOfMemory(MemoryError):
    """The query needed more memory than its budget, and was stopped."""

    def __init__(self, megabytes: int | None):
        super().__init__(f"query stopped: it needed more than the {megabytes} MB it may use" if megabytes
                         else "query stopped: its process ended without an answer (out of memory?)")
        self.megabytes = megabytes


class QueryFailed(ValueError):
    """The engine refused or could not finish the query: its message (a syntax error says where)."""


class StreamedResult(Result):
    """An rdflib ``Result`` whose SELECT rows arrive as the engine finds them and are not kept:
    iterate it once. ``truncated`` becomes true when the row limit cut the rows (or triples) short."""

    truncated = False

    def __iter__(self):
        if self.type != "SELECT" or self._genbindings is None:
            yield from super().__iter__()
            return
        rows, self._genbindings = self._genbindings, None
        for b in rows:
            yield ResultRow(b, self.vars)


def run(store: ox.Store, path: Path | None, sparql: str, options: dict, limits: QueryLimits) -> StreamedResult:
    """Run ``sparql`` with Oxigraph's ``options`` on ``store`` (on disk at ``path``, or in memory)."""
    messages = _messages(store, sparql, options) if limits.timeout is None and limits.memory is None else \
        _from_child(store, path, sparql, options, limits)
    kind, payload = next(messages)
    if kind == "ask":
        messages.close()
        out = StreamedResult("ASK")
        out.askAnswer = payload
        return out
    if kind == "vars":
        out = StreamedResult("SELECT")
        out.vars = [Variable(v) for v in payload]
        out.bindings = _bindings(out, messages, limits.limit)
        return out
    out = StreamedResult("CONSTRUCT")
    out.graph = Graph()
    for triple in _capped(out, messages, limits.limit):
        out.graph.add(triple)
    return out


def _capped(out: StreamedResult, messages: Iterator, limit: int | None) -> Iterator[tuple]:
    """The items of the batches, at most ``limit`` of them; sets ``out.truncated`` if there were more."""
    count = 0
    try:
        for _, batch in messages:
            for item in batch:
                if limit is not None and count >= limit:
                    out.truncated = True
                    return
                count += 1
                yield item
    finally:
        messages.close()


def _bindings(out: StreamedResult, messages: Iterator, limit: int | None) -> Iterator[dict]:
    for row in _capped(out, messages, limit):
        yield dict(zip(out.vars, row))


def _term(term):
    """An rdflib term of an Oxigraph one (None for an unbound variable)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.Triple):
        return _term(term.subject), _term(term.predicate), _term(term.object)
    raise QueryFailed(f"unexpected term from the engine: {term!r}")


def _messages(store: ox.Store, sparql: str, options: dict) -> Iterator[tuple]:
    """("ask", bool); or ("vars", names) then ("rows", [row, ...]) batches; or ("triples", [...])."""
    try:
        result = store.query(sparql, **options)
    except (SyntaxError, OSError, ValueError, TypeError) as exc:
        raise QueryFailed(str(exc)) from None
    if isinstance(result, ox.QueryBoolean):
        yield "ask", bool(result)
        return
    if isinstance(result, ox.QuerySolutions):
        yield "vars", [v.value for v in result.variables]
        items = (tuple(_term(v) for v in solution) for solution in result)
        kind = "rows"
    else:
        yield "construct", None
        items = (_term(t) for t in result)
        kind = "triples"
    batch, started = [], 0.0
    try:
        for item in items:
            if not batch:
                started = time.monotonic()
            batch.append(item)
            if len(batch) >= BATCH_ROWS or time.monotonic() - started > BATCH_SECONDS:
                yield kind, batch
                batch = []
    except (OSError, ValueError, TypeError) as exc:       # e.g. a type error met while evaluating
        raise QueryFailed(str(exc)) from None
    if batch:
        yield kind, batch


def confine(memory: int | None) -> None:
    """In a process that runs queries for another: stderr silenced (failures go back to the parent;
    the engine's own "memory allocation failed" lines need not), and at most ``memory`` megabytes
    more address space than the process has now (for a fork: the parent's)."""
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 2)
    if memory is not None:
        pages = int(open("/proc/self/statm").read().split()[0])
        budget = pages * os.sysconf("SC_PAGE_SIZE") + memory * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (budget, resource.getrlimit(resource.RLIMIT_AS)[1]))


def _child(conn, store: ox.Store, path: Path | None, sparql: str, options: dict, memory: int | None) -> None:
    """In the child process: run the query, send each message, then ("end",) or ("error", text)."""
    try:
        confine(memory)
        if path is not None:
            store = ox.Store.read_only(str(path))
        for message in _messages(store, sparql, options):
            conn.send(message)
        conn.send(("end", None))
    except MemoryError:
        conn.send(("memory", None))
    except Exception as exc:   # any failure is reported to the parent, which raises it
        conn.send(("error", str(exc) or type(exc).__name__))
    finally:
        conn.close()


def _from_child(store: ox.Store, path: Path | None, sparql: str, options: dict,
                limits: QueryLimits) -> Iterator[tuple]:
    """The messages of ``_child``, read until ``limits.timeout`` seconds have passed; then the child
    is killed and ``QueryTimeout`` raised. The child is also killed when the reader stops early."""
    ctx = multiprocessing.get_context("fork")
    receiving, sending = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(sending, store, path, sparql, options, limits.memory), daemon=True)
    deadline = None if limits.timeout is None else time.monotonic() + limits.timeout
    child.start()
    sending.close()
    try:
        while True:
            if deadline is not None and not receiving.poll(max(0.0, deadline - time.monotonic())):
                raise QueryTimeout(limits.timeout)
            try:
                kind, payload = receiving.recv()
            except EOFError:       # the engine aborts when an allocation fails
                raise QueryOutOfMemory(limits.memory) from None
            if kind == "end":
                return
            if kind == "memory":
                raise QueryOutOfMemory(limits.memory)
            if kind == "error":
                raise QueryFailed(payload)
            yield kind, payload
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiving.close()
