"""The SPARQL 1.1 Protocol's query operation over HTTP, read-only, as a Starlette endpoint.

GET ``/sparql?query=...``, POST a form with ``query=...``, or POST the query itself as
``application/sparql-query``; ``default-graph-uri`` and ``named-graph-uri`` (any number of each)
choose the dataset. The result's format comes from the Accept header (or a ``format`` parameter).
Without a query, ``/sparql`` describes itself (SPARQL 1.1 Service Description). Updates are refused
(403: this endpoint only reads), as are SERVICE (400); a malformed query is a 400 with the parser's
message; a query past the time limit a 503, past the row limit a 400.

A small answer is sent whole, with its status; a larger one is streamed as the workers write it, and
if a limit stops it after it began, the connection is closed before the end of the chunked body, so
that a client cannot take the cut answer for a whole one.
"""
from __future__ import annotations

import logging
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

from kg.serve.backend import Backend, Refused
from kg.serve.results import GRAPH_FORMATS, NotAcceptable, negotiate
from kg.serve.worker import Job

STREAM_AFTER = 256 * 1024        # bytes held to send whole (with the right status) before streaming
FORM = "application/x-www-form-urlencoded"
READ_ONLY = "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, ...) is not accepted"
log = logging.getLogger("kg.serve")

SD_FORMATS = {  # media type -> rdflib's writer
    "text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
    "application/trig": "trig", "application/rdf+xml": "xml",
}
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "TriG", "RDF_XML")


class AnswerCut(Exception):
    """A streamed answer stopped by a limit after its status was sent; ``quiet_cuts`` ends it."""


def quiet_cuts(app):
    """The ASGI ``app``, whose cut answers end without a traceback in the log: uvicorn then closes the
    connection before the end of the chunked body, which is what the client must see."""
    async def wrapped(scope, receive, send):
        try:
            await app(scope, receive, send)
        except AnswerCut:
            pass
    return wrapped


def error(status: int, message: str) -> Response:
    return PlainTextResponse(message + "\n", status_code=status)


MAX_BODY = 4 * 1024 * 1024      # bytes of a POSTed query or form: far above any query, far below harm


async def _body(request: Request) -> bytes:
    """The request's body, refused (413) past ``MAX_BODY`` bytes: before reading it when its length is
    declared, else as soon as the bytes read pass the cap (a chunked upload is not held whole)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise Refused(413, f"the request body has {int(declared):,} bytes; at most {MAX_BODY:,} are read")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise Refused(413, f"the request body has more than {MAX_BODY:,} bytes; at most {MAX_BODY:,} are read")
        chunks.append(chunk)
    return b"".join(chunks)


async def _params(request: Request) -> tuple[list[tuple[str, str]], str | None]:
    """The request's parameters (query string and form) and, for a direct POST, the query text."""
    params = parse_qsl(request.url.query, keep_blank_values=True)
    if request.method != "POST":
        return params, None
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = (await _body(request)).decode("utf-8", errors="replace")
    if ctype == FORM:
        return params + parse_qsl(body, keep_blank_values=True), None
    if ctype == "application/sparql-query":
        return params, body
    if ctype == "application/sparql-update":
        raise Refused(403, READ_ONLY)
    raise Refused(415, f"POST a form ({FORM}) or a query (application/sparql-query), not {ctype or 'nothing'}")


class Endpoint:
    """``/sparql`` of a server whose queries ``backend`` answers."""

    def __init__(self, backend: Backend):
        self.backend = backend

    async def handle(self, request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool
        try:
            params, direct = await _params(request)
            names = [k for k, _ in params]
            if "update" in names:
                raise Refused(403, READ_ONLY)
            queries = [v for k, v in params if k == "query"] + ([direct] if direct is not None else [])
            if not queries:
                return self.description(request)
            if len(queries) > 1:
                raise Refused(400, "give one query (the request has more than one)")
            if not queries[0].strip():
                raise Refused(400, "the query is empty")
            job = Job(queries[0], request.headers.get("accept"), dict(params).get("format"),
                      tuple(v for k, v in params if k == "default-graph-uri"),
                      tuple(v for k, v in params if k == "named-graph-uri"))
            return await run_in_threadpool(self.respond, job)
        except Refused as exc:
            return error(exc.status, str(exc))

    def respond(self, job: Job) -> Response:
        """The answer to ``job``: whole when small, else streamed."""
        answer = self.backend.answer(job)
        held, size = [], 0
        for chunk in answer.chunks:
            held.append(chunk)
            size += len(chunk)
            if size >= STREAM_AFTER:
                break
        else:
            return Response(b"".join(held), media_type=answer.media_type)

        def rest():
            yield from held
            try:
                yield from answer.chunks
            except Refused as exc:      # headers are sent: the body is cut short, and the log says why
                log.warning("answer cut after it began: %s", exc)
                raise AnswerCut(str(exc)) from None
            finally:
                answer.chunks.close()
        return StreamingResponse(rest(), media_type=answer.media_type)

    def description(self, request: Request) -> Response:
        """The SPARQL 1.1 Service Description of this endpoint, in Turtle (or another RDF format)."""
        from rdflib import BNode, Graph, Namespace, URIRef
        from rdflib.namespace import RDF
        try:
            fmt = negotiate("graph", request.headers.get("accept"), request.query_params.get("format"))
        except NotAcceptable as exc:
            return error(406, str(exc))
        sd, formats = Namespace("http://www.w3.org/ns/sparql-service-description#"), Namespace("http://www.w3.org/ns/formats/")
        url = URIRef(str(request.url.replace(query="")))
        g = Graph()
        g.bind("sd", sd)
        g.add((url, RDF.type, sd.Service))
        g.add((url, sd.endpoint, url))
        g.add((url, sd.supportedLanguage, sd.SPARQL11Query))
        if self.backend.union_default_graph:       # an endpoint behind: its own dataset, said by itself
            g.add((url, sd.feature, sd.UnionDefaultGraph))
        for name in RESULT_FORMATS:
            g.add((url, sd.resultFormat, formats[name]))
        dataset, default = BNode("dataset"), BNode("default")
        g.add((url, sd.defaultDataset, dataset))
        g.add((dataset, RDF.type, sd.Dataset))
        g.add((dataset, sd.defaultGraph, default))
        g.add((default, RDF.type, sd.Graph))
        media = fmt.media_type if fmt.media_type in SD_FORMATS else GRAPH_FORMATS[0].media_type
        return Response(g.serialize(format=SD_FORMATS[media]), media_type=media)
