"""What the server asks of whatever answers its queries: ``answer(job) -> Answer`` and ``close()``.

Two backends answer alike: ``kg.serve.pool.Pool`` runs the queries in worker processes on an
Oxigraph store, ``kg.serve.remote.Remote`` sends them to a SPARQL 1.1 endpoint. Both check a
client's query the same way, keep the same limits and report what stops a query with the same
statuses and messages (``Refused``), so that ``/sparql`` and the explorer need not know which one
they talk to.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from kg.serve.worker import Job


class Refused(Exception):
    """A query the endpoint does not answer; ``status`` is the HTTP status to send with the message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Limits:
    """The server's bounds on one query: seconds, rows (or triples), megabytes; None: no bound."""

    timeout: float | None = 30.0
    rows: int | None = 100_000
    memory: int | None = 2048


class Chunks(Protocol):
    """The bytes of one answer as they are made; ``close`` when stopping before the end."""

    def __iter__(self) -> Iterator[bytes]: ...

    def __next__(self) -> bytes: ...

    def close(self) -> None: ...


@dataclass
class Answer:
    """A result on its way: its media type, and its bytes as the backend makes them."""

    media_type: str
    chunks: Chunks

    def read(self) -> bytes:
        """All of it (for small answers the server uses itself)."""
        return b"".join(self.chunks)


class Backend(Protocol):
    """What answers the server's queries. ``union_default_graph``: whether a query's default graph
    is the union of all graphs (the embedded store's is; an endpoint's is its own business)."""

    limits: Limits
    union_default_graph: bool

    def answer(self, job: Job) -> Answer: ...

    def close(self) -> None: ...


def refusal(kind: str, payload, limits: Limits) -> tuple[int, str]:
    """The HTTP status and message of a backend's report of ``kind``."""
    if kind == "refused":
        return 400, f"query refused: {payload}"
    if kind == "unacceptable":
        return 406, str(payload)
    if kind == "limit":
        return 400, (f"the result has more than {payload} rows (or triples), the server's limit; "
                     f"narrow the query or add LIMIT")
    if kind == "memory":
        return 503, f"query stopped: it needed more than the {limits.memory} MB a query may use"
    if kind == "timeout":
        return 503, timed_out(limits)
    if kind == "stopping":
        return 503, "query stopped: the server is stopping"
    if kind == "busy":
        return 503, str(payload)
    if kind == "remote":         # the endpoint failed, or could not be reached: not the client's doing
        return 502, str(payload)
    return 400, f"query failed: {payload}"


def timed_out(limits: Limits) -> str:
    return f"query stopped after {limits.timeout:g} s, the server's time limit"
