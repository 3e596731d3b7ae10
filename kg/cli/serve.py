"""`kg serve`: a SPARQL 1.1 endpoint and a graph explorer in the browser, over a store, an RDF file or
the SPARQL endpoint of a triplestore."""
from __future__ import annotations

import argparse
import sys

from kg.cli.common import RAW, add_limits, fail, number

EPILOG = """examples:
  kg serve store/                          # then open http://127.0.0.1:8000/
  kg serve exports/seed.trig --port 8001
  kg serve store/ --timeout 10 --limit 10000 --workers 2
  kg serve http://127.0.0.1:8890/sparql   # the graph `kg build --store http://...` put in a triplestore

TARGET is a store folder made by `kg build --store`, an RDF file (.trig .nq .ttl .jsonld: copied into a
temporary store first), or the http(s) URL of a SPARQL 1.1 endpoint (Virtuoso, Fuseki, ...): then
the queries, the explorer's too, are sent there, and its default graph is the endpoint's (Virtuoso's
is the union of all its graphs, as the embedded store's; the explorer needs that).

The explorer at / searches entities by name as you type, draws a node's neighbourhood (click a node
to expand it) with the evidence of every edge, and has a SPARQL editor with the example queries.
SPARQL 1.1 Protocol at /sparql (GET ?query=..., POST a form or application/sparql-query;
default-graph-uri, named-graph-uri; results as JSON, XML, CSV, TSV, Turtle, N-Triples, JSON-LD by the
Accept header); /sparql alone describes the service. From Python:
  SPARQLWrapper("http://127.0.0.1:8000/sparql")

It only reads: SPARQL Update, LOAD and SERVICE are refused (never sent to an endpoint, nor are its own
prefixes and extension functions, such as Virtuoso's bif:). A query is
stopped after --timeout seconds (503), a result of more than --limit rows is refused (400); the other
queries go on being answered meanwhile, by --workers processes (for an endpoint: --workers
connections to it; --memory is then the endpoint's business). An endpoint that fails is a 502 with
its message; one that cannot be reached at start is an error. It listens on 127.0.0.1 unless --host
says otherwise; anyone who can reach the port can read the whole graph."""


def add(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("serve", help="serve a SPARQL endpoint and a graph explorer",
                       description="Serve a read-only SPARQL 1.1 endpoint (/sparql) and a graph explorer (/).",
                       epilog=EPILOG, formatter_class=RAW)
    s.add_argument("target", metavar="TARGET", help="store folder (kg build --store), RDF file, or SPARQL endpoint URL")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument("--port", type=number(int, 65535), default=8000, help="port (default: 8000; 0: any free one)")
    s.add_argument("--workers", type=number(int, 64), default=None, metavar="N",
                   help="query processes, the queries answered at once (default: one per core, "
                        "2 to 8; more than the cores only take turns on them); for an endpoint URL, "
                        "the connections to it (default: 8)")
    add_limits(s, 30.0, 100_000, 2048, "refuse a result of more rows or triples")
    s.set_defaults(run=run)


def run(a) -> int:
    from kg.serve import Limits, Server
    if a.workers is not None and a.workers < 1:
        raise ValueError("--workers must be at least 1")
    try:
        server = Server(a.target, workers=a.workers,
                        limits=Limits(timeout=a.timeout or None, rows=a.limit or None, memory=a.memory or None))
    except RuntimeError as exc:       # a worker could not open the store: damaged, or not a store
        return fail(f"{a.target}: {exc}")

    def ready(url: str) -> None:
        print(f"kg serve: {a.target} at {url} (SPARQL endpoint {url}sparql); Ctrl-C stops", flush=True)
    try:
        server.run(host=a.host, port=a.port, ready=ready)
    except KeyboardInterrupt:         # uvicorn stops on Ctrl-C, then passes the signal on
        print("kg serve: stopped", flush=True)
    except OSError as exc:
        print(f"kg: error: cannot listen on {a.host}:{a.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0
