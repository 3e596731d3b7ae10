"""``kg serve URL``: the queries sent to a SPARQL 1.1 endpoint (any triplestore: Virtuoso, Fuseki,
GraphDB ...) instead of run on the embedded store, with the same guarantees where they apply.

    >>> remote = Remote("http://127.0.0.1:8890/sparql", limits=Limits(timeout=10, rows=10_000))
    >>> answer = remote.answer(Job("SELECT * WHERE { ?s ?p ?o } LIMIT 3", accept="text/csv"))

A client's query is checked here first (``kg.rdf.sparql.check_sent``: no SPARQL Update, LOAD or
SERVICE, nor the endpoint's own prefixes and extension functions, such as Virtuoso's ``bif:`` that
read files and fetch URLs), so a refused one never reaches the endpoint. The rest is sent with the SPARQL Protocol, asking for a
format read as it arrives (SPARQL JSON for SELECT and ASK, N-Triples for CONSTRUCT and DESCRIBE),
and written in the format the client asked for (``kg.serve.results``) row by row, so the row limit
cuts it as the local one does. The time limit covers the whole answer: past it the request gets its
503 and the connection to the endpoint is shut (the endpoint may go on working until its own
limit). An endpoint that fails or cannot be reached is a 502 with what it said.

No worker processes: each answer is read by a thread of its own, which hands the bytes to the
request through a bounded queue (a slow client holds the endpoint's answer back, not memory); the
HTTP client is shared, thread-safe, with at most ``connections`` connections to the endpoint.
"""
from __future__ import annotations

import json
import logging
import queue
import re
import socket
import threading
import time

import httpx
import pyoxigraph as ox

from kg.rdf.endpoint import EndpointError
from kg.rdf.sparql import Checked, QueryRefused, check_sent, keywords
from kg.rdf.stores import check_url
from kg.serve import results
from kg.serve.backend import Answer, Limits, Refused, refusal
from kg.serve.incoming import JsonResults, row, truth
from kg.serve.worker import Job, RowLimit, Sink, prefixes

RESULTS_JSON, NTRIPLES = "application/sparql-results+json", "application/n-triples"
CONNECTIONS = 8              # queries sent at once by default (the endpoint does the work)
PROBE_SECONDS = 30           # how long the endpoint may take to answer ``ASK {}`` at start
UNBOUNDED = httpx.Timeout(connect=PROBE_SECONDS, write=PROBE_SECONDS, pool=PROBE_SECONDS, read=600)
                             # without a time limit (--timeout 0): a connection still found or refused in
                             # time, and an endpoint silent for 10 minutes taken as gone, not waited on for ever
HELD = 64                    # chunks held between the thread reading the endpoint and the request
FORMS = ("select", "ask", "construct", "describe")
log = logging.getLogger("kg.serve")


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (lower-case): the first of those words outside strings,
    IRIs and comments (a subquery's SELECT comes after its CONSTRUCT); "select" when none is."""
    return next((w for w in keywords(sparql) if w in FORMS), "select")


def prologue(sparql: str, known: dict[str, str], checked: Checked | None = None) -> str:
    """PREFIX declarations for the predeclared prefixes the query uses and does not declare, on one
    line without a line break, so the endpoint's messages keep the query's line numbers. What it uses
    and declares is read from ``checked`` (check_sent's parse) for a client's query, from the text
    for the server's own."""
    if checked is not None:
        used = [p for p in known if p in checked.used and p not in checked.declared]
    else:
        declared = {m.lower() for m in re.findall(r"(?i)\bprefix\s+([^\s:]*):", sparql)}
        used = [p for p in known if p and p.lower() not in declared
                and re.search(rf"(?<![\w.:?$<-]){re.escape(p)}:", sparql)]
    return "".join(f"PREFIX {p}: <{known[p]}> " for p in used)


def _said(response: httpx.Response) -> str:
    """The first part of an error's body (4,000 bytes at most are read), without the query Virtuoso
    repeats after its message; what could be read if the body breaks off."""
    head = b""
    try:
        for chunk in response.iter_bytes():
            head += chunk
            if len(head) >= 4000:
                break
    except (httpx.HTTPError, RuntimeError):
        pass
    text = head[:4000].decode("utf-8", "replace")
    text = text.split("\n\nSPARQL query:", 1)[0].strip()
    return " ".join(text.split())[:1000] or "(no message)"


class Remote:
    """The queries of a server, answered by the SPARQL endpoint at ``url``: a ``Backend``."""

    union_default_graph = False          # the endpoint's default graph is whatever it makes it

    def __init__(self, url: str, connections: int | None = None, limits: Limits = Limits()):
        check_url(url, "TARGET")
        self.url, self.limits, self.known = url, limits, prefixes()
        n = connections or CONNECTIONS
        self.client = httpx.Client(limits=httpx.Limits(max_connections=n, max_keepalive_connections=n))
        self.closed = False
        self._open: set[_Transfer] = set()
        self._lock = threading.Lock()
        try:
            self._probe()
        except BaseException:
            self.client.close()
            raise

    def _probe(self) -> None:
        """``ASK {}`` once: an endpoint that cannot be reached, or answers no query, is said at start
        (``EndpointError``) instead of in every request."""
        seconds = min(self.limits.timeout or PROBE_SECONDS, PROBE_SECONDS)
        try:
            r = self.client.post(self.url, data={"query": "ASK {}"}, headers={"Accept": RESULTS_JSON},
                                 timeout=seconds)
        except httpx.TimeoutException:
            raise EndpointError(f"{self.url}: the SPARQL endpoint did not answer ASK {{}} in {seconds:g} s") from None
        except httpx.HTTPError as exc:
            raise EndpointError(f"{self.url}: cannot reach the SPARQL endpoint ({exc})") from None
        if r.status_code != 200:
            raise EndpointError(f"{self.url}: not a SPARQL endpoint? it answered ASK {{}} with "
                                f"{r.status_code} {r.reason_phrase}: {_said(r)}")
        try:
            answer = json.loads(r.content)
        except ValueError:
            answer = None
        if not isinstance(answer, dict) or not ({"boolean", "results"} & set(answer)):
            raise EndpointError(f"{self.url}: not a SPARQL endpoint? its answer to ASK {{}} is no SPARQL "
                                f"result ({r.headers.get('content-type', 'no type')}: {_said(r)[:200]})")

    def answer(self, job: Job) -> Answer:
        """Send ``job`` to the endpoint; the answer's media type is known (or ``Refused`` raised) when
        this returns. Read ``Answer.chunks`` to the end, or close it (which shuts the connection)."""
        deadline = None if self.limits.timeout is None else time.monotonic() + self.limits.timeout
        if self.closed:
            raise Refused(*refusal("stopping", None, self.limits))
        checked = None
        if not job.own:
            try:
                checked = check_sent(job.sparql, self.known)
            except QueryRefused as exc:
                raise Refused(*refusal("refused", exc, self.limits)) from None
        form = query_form(job.sparql)
        try:
            fmt = results.negotiate("graph" if form in ("construct", "describe") else "solutions",
                                    job.accept, job.format)
        except results.NotAcceptable as exc:
            raise Refused(*refusal("unacceptable", exc, self.limits)) from None
        transfer = _Transfer(self, job, form, fmt, job.limit if job.own else self.limits.rows, deadline,
                             prologue(job.sparql, self.known, checked))
        with self._lock:
            self._open.add(transfer)
        return transfer.start()

    def forget(self, transfer: "_Transfer") -> None:
        with self._lock:
            self._open.discard(transfer)

    def close(self) -> None:
        """Stop: the answers on their way are cut (their requests get a 503), the connections closed."""
        self.closed = True
        with self._lock:
            open_, self._open = list(self._open), set()
        for transfer in open_:
            transfer.cancel()
        self.client.close()


class _Body:
    """The endpoint's answer body, read chunk by chunk until the deadline; a failure (time out, the
    connection lost) ends it early and is kept in ``failure`` (Oxigraph's parsers do not pass on an
    exception raised by what they read)."""

    def __init__(self, transfer: "_Transfer", response: httpx.Response):
        self.transfer, self.failure = transfer, None
        self._response, self._held = response, b""
        self.chunks = self._read()

    def _read(self):
        chunks = self._response.iter_bytes()
        while self.failure is None:
            if self.transfer.past_deadline():
                self.failure = ("timeout", None)
                return
            try:
                chunk = next(chunks)
            except StopIteration:
                return
            except httpx.TimeoutException:
                self.failure = ("timeout", None)
            except httpx.HTTPError as exc:
                self.failure = self.transfer.lost(exc)
            else:
                yield chunk

    def read(self, size: int = -1) -> bytes:
        """File-like reading, for Oxigraph's parsers."""
        if not self._held:
            self._held = next(self.chunks, b"")
        out, self._held = (self._held, b"") if size < 0 else (self._held[:size], self._held[size:])
        return out


class _Stopped(Exception):
    """The request stopped reading (or the server stops): the thread reading the endpoint ends."""


class _Transfer:
    """One query sent to the endpoint and its answer converted, in a thread of its own; the request
    reads the messages (as a query worker's: "type", "chunk" ..., "end", or a report) from a queue."""

    def __init__(self, remote: Remote, job: Job, form: str, fmt: results.Format, limit: int | None,
                 deadline: float | None, head: str = ""):
        self.remote, self.job, self.form, self.fmt, self.limit, self.deadline = remote, job, form, fmt, limit, deadline
        self.head = head            # the PREFIX declarations sent before the query
        self.queue: queue.Queue = queue.Queue(maxsize=HELD)
        self.stopped = threading.Event()
        self.response: httpx.Response | None = None

    def start(self) -> Answer:
        threading.Thread(target=self._run, daemon=True, name="kg-serve-remote").start()
        try:
            kind, payload = self.next()
        except Refused:
            self.cancel()
            raise
        if kind != "type":
            raise Refused(*refusal(kind, payload, self.remote.limits))
        return Answer(payload, _Chunks(self))

    def past_deadline(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def next(self) -> tuple:
        """The next message; ``Refused`` (503) when the deadline passes first, or the server stops."""
        while True:
            wait = 0.5 if self.deadline is None else min(0.5, self.deadline - time.monotonic())
            if self.remote.closed:
                raise Refused(*refusal("stopping", None, self.remote.limits))
            if wait <= 0:
                raise Refused(*refusal("timeout", None, self.remote.limits))
            try:
                return self.queue.get(timeout=wait)
            except queue.Empty:
                continue

    def put(self, message: tuple) -> None:
        while not self.stopped.is_set():
            try:
                self.queue.put(message, timeout=0.25)
                return
            except queue.Full:
                continue
        raise _Stopped()

    def cancel(self) -> None:
        """Stop the transfer: its thread ends at its next step, a read it waits in ends now."""
        self.stopped.set()
        response = self.response
        if response is not None:
            stream = response.extensions.get("network_stream")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def lost(self, exc: Exception) -> tuple:
        if self.stopped.is_set() or self.remote.closed:
            return ("stopping", None)
        return ("remote", f"{self.remote.url}: the SPARQL endpoint's answer broke off ({exc})")

    def _run(self) -> None:
        try:
            self._transfer()
        except _Stopped:
            pass
        except Exception as exc:        # a bug here must not leave the request waiting until its deadline
            log.exception("reading the endpoint's answer failed")
            try:
                self.put(("remote", f"{self.remote.url}: the answer could not be read ({exc})"))
            except _Stopped:
                pass
        finally:
            if self.response is not None:
                self.response.close()
            self.remote.forget(self)

    def _send(self) -> httpx.Response | None:
        """The endpoint's response, its status 200; None when a report was sent instead."""
        job, remote = self.job, self.remote
        data = {"query": self.head + job.sparql,
                "default-graph-uri": list(job.default_graphs), "named-graph-uri": list(job.named_graphs)}
        accept = NTRIPLES if self.form in ("construct", "describe") else RESULTS_JSON
        seconds = None if self.deadline is None else max(0.001, self.deadline - time.monotonic())
        try:
            request = remote.client.build_request("POST", remote.url, data=data, headers={"Accept": accept},
                                                  timeout=UNBOUNDED if seconds is None else seconds)
            self.response = response = remote.client.send(request, stream=True)
        except httpx.PoolTimeout:
            waited = UNBOUNDED.pool if remote.limits.timeout is None else remote.limits.timeout
            self.put(("busy", f"every connection to the SPARQL endpoint was busy for {waited:g} s; try again"))
            return None
        except httpx.TimeoutException:
            self.put(("timeout", None))
            return None
        except (httpx.HTTPError, RuntimeError) as exc:      # RuntimeError: the client closed (Ctrl-C)
            self.put(self.lost(exc) if remote.closed else
                     ("remote", f"{remote.url}: cannot reach the SPARQL endpoint ({exc})"))
            return None
        if self.stopped.is_set():
            raise _Stopped()
        if response.status_code == 200:
            return response
        said = f"{remote.url} answered {response.status_code} {response.reason_phrase}: {_said(response)}"
        self.put(("error", f"the SPARQL endpoint refused it: {said}") if response.status_code == 400 else
                 ("remote", f"the SPARQL endpoint failed: {said}"))
        return None

    def _transfer(self) -> None:
        response = self._send()
        if response is None:
            return
        self.put(("type", self.fmt.media_type))
        sink, body = Sink(self.put), _Body(self, response)

        def over() -> None:
            raise RowLimit()
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if self.form in ("construct", "describe"):
                self._triples(media, body, over, sink)
            else:
                self._solutions(media, body, over, sink)
        except RowLimit:
            self.put(("limit", self.limit))
            return
        except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
            self.put(body.failure or ("remote", f"{self.remote.url}: its answer cannot be read: {exc}"))
            return
        if body.failure:
            self.put(body.failure)
            return
        sink.flush()
        self.put(("end", None))

    def _triples(self, media: str, body: _Body, over, sink: Sink) -> None:
        rdf = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
        triples = (q.triple for q in ox.parse(body, rdf, lenient=True, without_named_graphs=True))
        results.write_triples(results.capped(triples, self.limit, over), self.fmt, sink.write, self.remote.known)

    def _solutions(self, media: str, body: _Body, over, sink: Sink) -> None:
        if media not in (RESULTS_JSON, "application/json") and ox.QueryResultsFormat.from_media_type(media) is not None:
            answer = ox.parse_query_results(body, ox.QueryResultsFormat.from_media_type(media))
            if isinstance(answer, ox.QueryBoolean):
                results.write_boolean(bool(answer), self.fmt, sink.write)
            else:
                names = [v.value for v in answer.variables]
                rows = results.capped((tuple(s) for s in answer), self.limit, over)
                results.write_solutions(names, rows, self.fmt, sink.write)
            return
        names, held, events = None, [], JsonResults(body.chunks).events()
        for kind, value in events:
            if kind == "boolean":
                results.write_boolean(value, self.fmt, sink.write)
                return
            if kind == "vars":
                names = value
                if self.form != "ask":       # an ASK's answer may follow its head
                    break
            else:
                held.append(value)           # rows before the head: rare, and bounded by the row limit
                if self.limit is not None and len(held) > self.limit:
                    over()
        if self.form == "ask":
            results.write_boolean(truth(held), self.fmt, sink.write)
            return
        rows = (value for kind, value in events if kind == "row")
        solutions = results.capped((row(names or [], b) for source in (held, rows) for b in source), self.limit, over)
        results.write_solutions(names or [], solutions, self.fmt, sink.write)


class _Chunks:
    """The chunks of one answer, as the transfer's thread makes them."""

    def __init__(self, transfer: _Transfer):
        self.transfer, self.done = transfer, False

    def __iter__(self) -> "_Chunks":
        return self

    def __next__(self) -> bytes:
        if self.done:
            raise StopIteration
        try:
            kind, payload = self.transfer.next()
        except BaseException:
            self.close()
            raise
        if kind == "chunk":
            return payload
        self.done = True
        if kind == "end":
            raise StopIteration
        raise Refused(*refusal(kind, payload, self.transfer.remote.limits))

    def close(self) -> None:
        """Stop reading: the transfer is cancelled and its connection shut."""
        if not self.done:
            self.done = True
            self.transfer.cancel()

    def __del__(self):
        self.close()


__all__ = ["Remote", "prologue", "query_form"]
