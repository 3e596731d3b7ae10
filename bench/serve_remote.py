"""What `kg serve URL` costs in front of a SPARQL endpoint: the same queries asked of Virtuoso itself,
of `kg serve` in front of it, and of `kg serve` on the embedded store of the same articles.

    .venv/bin/python bench/serve_remote.py [--requests 200] [--rows 100000]

A Virtuoso (Debian's virtuoso-opensource) is started on free 127.0.0.1 ports as the tests start it,
examples/ is built into it with `kg build --store URL` and into an embedded store, and both `kg serve`
run on free ports; nothing else is contacted. Measured, one client at a time: a small SELECT (p50 and
p95 of --requests), a node's neighbourhood in the explorer (/api/node), and a large SELECT of --rows
rows read whole as SPARQL JSON (best of 3, rows per second).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))      # the server and Virtuoso helpers the tests share

import virtuoso  # noqa: E402
from serving import start, stop  # noqa: E402

SMALL = "SELECT ?who ?whom WHERE { ?a nkg:arrested ?b . ?a rdfs:label ?who . ?b rdfs:label ?whom }"
LARGE = "SELECT ?a ?s ?p ?o WHERE {{ ?a rdfs:label ?l . ?s ?p ?o }} LIMIT {rows}"
PREFIXES = "PREFIX nkg: <https://newskg.dev/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
TOKAYEV = "https://newskg.dev/id/person/kassym-jomart-tokayev"


def fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=300) as r:
        return r.read()


def timed(url: str, times: int) -> list[float]:
    out = []
    for _ in range(times):
        started = time.perf_counter()
        fetch(url)
        out.append((time.perf_counter() - started) * 1000)
    return out


def query(endpoint: str, text: str) -> str:
    return endpoint + "?" + urllib.parse.urlencode({"query": text})


def summary(ms: list[float]) -> str:
    return f"p50 {statistics.median(ms):.1f} ms, p95 {statistics.quantiles(ms, n=20)[18]:.1f} ms"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--requests", type=int, default=200)
    p.add_argument("--rows", type=int, default=100_000)
    a = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="serve-remote-") as tmp:
        box = virtuoso.start(Path(tmp))
        store = next(box)
        servers = []
        try:
            for target in (("--store", store.sparql, "--graph-store", store.graph_store),
                           ("--store", str(Path(tmp) / "store"))):
                subprocess.run([sys.executable, "-m", "kg", "build", "examples/", *target, "--out",
                                str(Path(tmp) / "out"), "--formats", "nq", "--quiet"], cwd=ROOT, check=True)
            bounds = ("--limit", "0", "--timeout", "300")
            servers = [start(store.sparql, *bounds), start(Path(tmp) / "store", *bounds, "--workers", "2")]
            endpoints = {"Virtuoso itself": store.sparql, "kg serve URL": servers[0][1] + "sparql",
                         "kg serve STORE": servers[1][1] + "sparql"}
            for name, endpoint in endpoints.items():
                text = (PREFIXES if name == "Virtuoso itself" else "") + SMALL
                timed(query(endpoint, text), 10)                              # warm
                print(f"small SELECT, {name}: {summary(timed(query(endpoint, text), a.requests))}")
            for name, (_, base) in zip(("kg serve URL", "kg serve STORE"), servers):
                url = base + "api/node?" + urllib.parse.urlencode({"iri": TOKAYEV})
                timed(url, 5)
                print(f"explorer node (Tokayev), {name}: {summary(timed(url, max(20, a.requests // 4)))}")
            for name, endpoint in endpoints.items():
                text = (PREFIXES if name == "Virtuoso itself" else "") + LARGE.format(rows=a.rows)
                best = min(timed(query(endpoint, text), 3)) / 1000
                print(f"{a.rows} rows as SPARQL JSON, {name}: {best:.2f} s, {a.rows / best:,.0f} rows/s")
        finally:
            for process, _ in servers:
                stop(process, 20)
            box.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
