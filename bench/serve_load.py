"""Load test of `kg serve` on loopback: queries per second and latency percentiles of an entity lookup
and of a two-hop neighbourhood, with 1, 4 and 16 concurrent clients; and the explorer's first view of
an entity in headless Chromium (from the click on a search hit to the drawn neighbourhood).

    .venv/bin/python bench/serve_load.py STORE [--requests 200] [--seconds 60] [--workers N]
        [--clients 1,4,16] [--browser "Tony Blair"]

Bounded: each (query, clients) run stops after --requests requests or --seconds seconds, whichever
comes first. The server is started here on a free 127.0.0.1 port and stopped at the end; nothing
else is contacted. The entities asked for are the 50 most mentioned of the store (the hubs: the
heaviest neighbourhoods), then --sample others drawn at random (seed 7), in turn.
"""
from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import statistics
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))      # the server and browser helpers the tests share

from serving import start  # noqa: E402

NKG = "https://newskg.dev/ontology#"
TOP = """SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d schema:mentions ?e } GROUP BY ?e ORDER BY DESC(?n) ?e"""
NAMES = """SELECT DISTINCT ?e ?name WHERE {{ VALUES ?e {{ {iris} }} ?e rdfs:label ?name }}"""
# an entity's label and class are in the graph of each document that mentions it: the lookup keeps
# them in one graph, and the neighbourhood takes the first hop's nodes once (DISTINCT) before the second
LOOKUP = """SELECT DISTINCT ?e ?type WHERE {{ GRAPH ?g {{ ?e rdfs:label|skos:altLabel {name} ; a ?type }} }}"""
TWO_HOPS = """SELECT DISTINCT ?n1 ?n2 WHERE {{
  {{ SELECT DISTINCT ?n1 WHERE {{ {{ <{e}> ?p1 ?n1 }} UNION {{ ?n1 ?p1 <{e}> }}
                                FILTER(isIRI(?n1) && STRSTARTS(STR(?p1), "{nkg}")) }} }}
  OPTIONAL {{ {{ ?n1 ?p2 ?n2 }} UNION {{ ?n2 ?p2 ?n1 }}
             FILTER(isIRI(?n2) && ?n2 != <{e}> && STRSTARTS(STR(?p2), "{nkg}")) }}
}} LIMIT 5000"""
# the same with the ontology's object properties named in FILTER IN: the engine compares stored terms
# instead of building each property's string (a third faster on the hubs); the same rows, checked below
TWO_HOPS_IN = """SELECT DISTINCT ?n1 ?n2 WHERE {{
  {{ SELECT DISTINCT ?n1 WHERE {{ {{ <{e}> ?p1 ?n1 }} UNION {{ ?n1 ?p1 <{e}> }} FILTER(?p1 IN ({props})) }} }}
  OPTIONAL {{ {{ ?n1 ?p2 ?n2 }} UNION {{ ?n2 ?p2 ?n1 }} FILTER(?p2 IN ({props}) && ?n2 != <{e}>) }}
}} LIMIT 5000"""


def object_properties() -> str:
    """The ontology's object properties (every property between two nodes), for FILTER IN."""
    from rdflib import OWL, RDF, Graph
    ontology = Graph().parse(ROOT / "ontology" / "newskg.ttl")
    return ", ".join(sorted(f"<{p}>" for p in ontology.subjects(RDF.type, OWL.ObjectProperty)))


def same_rows(host: str, port: int, first: list[str], second: list[str]) -> None:
    """Stop unless each pair of queries gives the same rows (the variants must answer the same)."""
    for a, b in zip(first, second):
        rows = [{(r["n1"]["value"], r.get("n2", {}).get("value")) for r in select(host, port, q)} for q in (a, b)]
        if rows[0] != rows[1]:
            raise SystemExit(f"the two-hop variants disagree: {len(rows[0])} against {len(rows[1])} rows\n{a}")


def literal(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def select(host: str, port: int, query: str) -> list[dict]:
    conn = http.client.HTTPConnection(host, port, timeout=120)
    conn.request("POST", "/sparql", urllib.parse.urlencode({"query": query}),
                 {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    r = conn.getresponse()
    body = r.read()
    conn.close()
    if r.status != 200:
        raise RuntimeError(f"{r.status}: {body[:300]!r}")
    return json.loads(body)["results"]["bindings"]


def connect(host: str, port: int) -> http.client.HTTPConnection:
    """A keep-alive connection without Nagle's algorithm (as urllib3 and browsers have it): http.client
    sends a POST's headers and body apart, and the body would wait for the server's delayed ACK."""
    conn = http.client.HTTPConnection(host, port, timeout=120)
    conn.connect()
    conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return conn


def client(host: str, port: int, queries: list[str], stop: threading.Event, out: list, errors: list,
           budget: list, lock: threading.Lock) -> None:
    """One client on one keep-alive connection: take a request from the shared budget, time it."""
    conn = connect(host, port)
    while not stop.is_set():
        with lock:
            if budget[0] <= 0:
                return
            budget[0] -= 1
            query = queries[budget[0] % len(queries)]
        started = time.perf_counter()
        try:
            conn.request("POST", "/sparql", urllib.parse.urlencode({"query": query}),
                         {"Content-Type": "application/x-www-form-urlencoded",
                          "Accept": "application/sparql-results+json"})
            r = conn.getresponse()
            r.read()
            ok = r.status == 200
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = connect(host, port)
            ok = False
        (out if ok else errors).append(time.perf_counter() - started)


def run(host: str, port: int, queries: list[str], clients: int, requests: int, seconds: float) -> dict:
    stop, out, errors, lock = threading.Event(), [], [], threading.Lock()
    budget = [requests]
    threads = [threading.Thread(target=client, args=(host, port, queries, stop, out, errors, budget, lock))
               for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(0.0, seconds - (time.perf_counter() - started)))
    stop.set()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    ms = sorted(x * 1000 for x in out)
    pick = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))] if ms else float("nan")  # noqa: E731
    return {"clients": clients, "requests": len(out), "errors": len(errors), "seconds": elapsed,
            "qps": len(out) / elapsed, "p50": pick(0.5), "p95": pick(0.95), "p99": pick(0.99),
            "mean": statistics.fmean(ms) if ms else float("nan")}


def first_view(base: str, name: str, times: int = 5) -> list[float]:
    """Milliseconds from the click on the search hit of ``name`` to its neighbourhood drawn and listed,
    in a fresh page each time (the page's own measure, shown in its status line)."""
    from chromium import chrome
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    out = []
    with chrome(1400, 900) as driver:
        for _ in range(times):
            driver.get(base)
            WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.body.dataset.ready"))
            driver.find_element(By.ID, "search").send_keys(name)
            hits = WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#hits li[data-iri]"))
            iri = hits[0].get_attribute("data-iri")
            started = time.perf_counter()
            hits[0].click()
            WebDriverWait(driver, 60, poll_frequency=0.01).until(
                lambda d: d.execute_script("return document.body.dataset.drawn") == iri)
            out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("--requests", type=int, default=200, help="requests per run (default: 200)")
    ap.add_argument("--seconds", type=float, default=60, help="time cap per run (default: 60)")
    ap.add_argument("--workers", type=int, default=None, help="kg serve --workers (default: kg serve's, one per core)")
    ap.add_argument("--clients", default="1,4,16")
    ap.add_argument("--sample", type=int, default=200, help="entities at random beside the 50 most mentioned")
    ap.add_argument("--browser", metavar="NAME", action="append", default=[],
                    help="also time the explorer's first view of this entity (may be repeated)")
    ap.add_argument("--only-browser", action="store_true", help="time the first views alone")
    a = ap.parse_args()
    process, base = start(Path(a.store), *(("--workers", str(a.workers)) if a.workers else ()))
    host, port = "127.0.0.1", int(base.rsplit(":", 1)[1].strip("/"))
    try:
        props = object_properties()
        ranked = [] if a.only_browser else [b["e"]["value"] for b in select(host, port, TOP)]
        sample = random.Random(7).sample(ranked[50:], max(0, min(a.sample, len(ranked) - 50)))
        sets = {} if a.only_browser else {"the 50 most mentioned": ranked[:50], f"{a.sample} others at random": sample}
        print(f"entities mentioned: {len(ranked)}")
        print("| query | entities | clients | requests | errors | q/s | p50 ms | p95 ms | p99 ms |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for label, iris in sets.items():
            values = " ".join(f"<{e}>" for e in iris)
            names = list(dict.fromkeys(b["name"]["value"] for b in select(host, port, NAMES.format(iris=values))))
            kinds = {"entity lookup": [LOOKUP.format(name=literal(n)) for n in names],
                     "two-hop neighbourhood": [TWO_HOPS.format(e=e, nkg=NKG) for e in iris],
                     "two-hop, properties IN": [TWO_HOPS_IN.format(e=e, props=props) for e in iris]}
            same_rows(host, port, kinds["two-hop neighbourhood"], kinds["two-hop, properties IN"])
            for kind, queries in kinds.items():
                run(host, port, queries, 1, 20, a.seconds)            # warm-up, not reported
                for clients in (int(c) for c in a.clients.split(",")):
                    r = run(host, port, queries, clients, a.requests, a.seconds)
                    print(f"| {kind} | {label} | {clients} | {r['requests']} | {r['errors']} | {r['qps']:.1f} | "
                          f"{r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} |", flush=True)
        for name in a.browser:
            views = first_view(base, name)
            print(f"explorer, first view of {name!r} (click to drawn, ms): "
                  f"{', '.join(f'{v:.0f}' for v in views)}; median {statistics.median(views):.0f}")
    finally:
        process.terminate()
        process.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
