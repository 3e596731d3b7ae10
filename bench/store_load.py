"""Loading a million triples into the embedded store, and a two-hop SPARQL query on it.

    .venv/bin/python bench/store_load.py [--triples 1000000] [--folder /tmp/kg-load]

The triples are made here, shaped as a build makes them (kg/rdf/triples.py): one named graph per
document, with its document node, the entities it mentions (their class and label repeated in each
graph), and facts, each asserted and reified as an rdf:Statement with its provenance; entities are
mentioned with a Zipf law (a few in most articles, most in a few). They are loaded into an on-disk
store with ``Store.add_quads`` in transactions of 100,000 (the time of making the terms is not
counted; ``--step load --bulk``: with Oxigraph's bulk loader instead), then read back from an N-Quads file by ``KnowledgeGraph.load`` (what ``kg query FILE`` does).
Each query then runs in a fresh process on the store opened read-only, as ``kg query STORE`` opens it:
``graph.query`` without limits, and with ``kg query``'s limits (a timeout runs it in a forked child).
Peak memory is each process's maximum resident set (``ru_maxrss``).
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rdflib import Literal, URIRef  # noqa: E402
from rdflib.namespace import PROV, RDF, RDFS, SDO, XSD  # noqa: E402

from kg.rdf import iris  # noqa: E402

ENTITIES, FACTS = 50_000, ("allyOf", "memberOf", "leaderOf", "locatedIn", "arrested")
CLASSES = ("Person", "Organization", "Place")
PER_DOC = 4 + 8 * 3 + 5 * 14          # document node, 8 mentions, 5 facts
QUERIES = {
    "two hops along facts": "SELECT DISTINCT ?c WHERE {{ <{e}> nkg:allyOf ?b . ?b nkg:allyOf ?c }}",
    # the same rows, the first hop's nodes taken once: a fact is in the graph of each document that
    # states it, and the union of the graphs gives each copy, so the plain join repeats the second hop
    "two hops along facts, first hop DISTINCT": "SELECT DISTINCT ?c WHERE {{ {{ SELECT DISTINCT ?b WHERE "
                                                "{{ <{e}> nkg:allyOf ?b }} }} ?b nkg:allyOf ?c }}",
    "two hops through documents": "SELECT ?other (COUNT(*) AS ?n) WHERE {{ ?d schema:mentions <{e}> . "
                                  "?d schema:mentions ?other }} GROUP BY ?other ORDER BY DESC(?n) LIMIT 10",
}


def entity(i: int) -> URIRef:
    return iris.entity(CLASSES[i % 3], f"Entity {i}")


def document_quads(k: int, rng: random.Random):
    """The quads of the k-th document's graph."""
    doc_id = f"{k:016x}"
    g, doc = iris.document_graph(doc_id), iris.document(doc_id)
    yield doc, RDF.type, iris.term("Document"), g
    yield doc, iris.term("contentHash"), Literal(doc_id), g
    yield doc, iris.term("source"), Literal(f"news/{k}.txt"), g
    yield doc, SDO.headline, Literal(f"Headline number {k}"), g
    mentioned = sorted({min(int(rng.paretovariate(0.8)), ENTITIES) - 1 for _ in range(8)} | {rng.randrange(ENTITIES)})
    while len(mentioned) < 8:
        mentioned = sorted(set(mentioned) | {rng.randrange(ENTITIES)})
    for i in mentioned[:8]:
        yield doc, SDO.mentions, entity(i), g
        yield entity(i), RDF.type, iris.term(CLASSES[i % 3]), g
        yield entity(i), RDFS.label, Literal(f"Entity {i}"), g
    for n in range(5):
        s, o = rng.sample(mentioned[:8], 2)
        p = iris.term(FACTS[n % len(FACTS)])
        st = iris.statement(doc_id, n)
        yield entity(s), p, entity(o), g
        for pp, oo in ((RDF.type, RDF.Statement), (RDF.subject, entity(s)), (RDF.predicate, p),
                       (RDF.object, entity(o)), (iris.term("asserted"), Literal(True)), (PROV.wasDerivedFrom, doc),
                       (iris.term("sentenceText"), Literal(f"Sentence {n} of document {k}, about entity {s}.")),
                       (iris.term("sentenceIndex"), Literal(n)), (iris.term("startChar"), Literal(100 * n)),
                       (iris.term("endChar"), Literal(100 * n + 60)), (iris.term("rule"), Literal("synthetic")),
                       (iris.term("confidence"), Literal("0.9", datatype=XSD.decimal)),
                       (iris.term("extractorVersion"), Literal("newskg bench"))):
            yield st, pp, oo, g


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load(folder: Path, triples: int, bulk: bool = False, nquads: bool = True) -> None:
    from kg.graph import KnowledgeGraph
    rng = random.Random(0)
    kg = KnowledgeGraph(store=folder / "store")
    start_size, seconds, chunk, k = len(kg), 0.0, [], 0
    while k * PER_DOC < triples:
        chunk.extend(document_quads(k, rng))
        k += 1
        if len(chunk) >= 100_000 or k * PER_DOC >= triples:
            t = time.perf_counter()
            kg.add_quads(chunk, bulk=bulk)
            seconds += time.perf_counter() - t
            chunk = []
    loaded = len(kg) - start_size
    print(f"store{' (bulk)' if bulk else ''}: {loaded:,} triples ({k:,} documents) in {seconds:.1f}s: {loaded / seconds:,.0f} triples/s; "
          f"peak memory {peak_mb():.0f} MB (the terms made here included)")
    if not nquads:
        kg.close()
        return
    t = time.perf_counter()
    kg.export(folder / "all.nq", "nq")
    print(f"(written as N-Quads in {time.perf_counter() - t:.1f}s, {(folder / 'all.nq').stat().st_size / 1e6:.0f} MB)")
    kg.close()


def load_file(folder: Path) -> None:
    from kg.graph import KnowledgeGraph
    t = time.perf_counter()
    kg = KnowledgeGraph.load(folder / "all.nq")
    seconds = time.perf_counter() - t
    print(f"file: KnowledgeGraph.load(all.nq): {len(kg):,} triples in {seconds:.1f}s: {len(kg) / seconds:,.0f} "
          f"triples/s; peak memory {peak_mb():.0f} MB")


def query(folder: Path) -> None:
    from kg.graph import KnowledgeGraph
    kg = KnowledgeGraph(store=folder / "store", read_only=True)
    for name, template in QUERIES.items():
        for label, e in (("the most mentioned entity", 0), ("an entity of median rank", 500)):
            sparql = template.format(e=entity(e))
            for limits, kwargs in (("no limits", {}), ("kg query's limits", {"timeout": 60, "limit": 100_000,
                                                                              "memory": 2048})):
                times, rows = [], 0
                for _ in range(5):
                    t = time.perf_counter()
                    rows = sum(1 for _ in kg.query(sparql, **kwargs))
                    times.append(time.perf_counter() - t)
                print(f"query {name}, {label}, {limits}: {rows} rows, median {statistics.median(times) * 1000:.1f} ms "
                      f"(max {max(times) * 1000:.1f} ms, 5 runs)")
    print(f"query process: peak memory {peak_mb():.0f} MB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--folder", type=Path, default=Path("/tmp/kg-load"))
    ap.add_argument("--step", choices=("all", "load", "file", "query"), default="all")
    ap.add_argument("--bulk", action="store_true", help="--step load: Store.add_quads(bulk=True)")
    ap.add_argument("--no-nquads", action="store_true", help="--step load: write no N-Quads file after")
    a = ap.parse_args()
    if a.step != "all":
        {"load": lambda: load(a.folder, a.triples, a.bulk, nquads=not a.no_nquads), "file": lambda: load_file(a.folder),
         "query": lambda: query(a.folder)}[a.step]()
        return 0
    shutil.rmtree(a.folder, ignore_errors=True)
    a.folder.mkdir(parents=True)
    print(f"{platform.machine()} {os.cpu_count()} cores, python {platform.python_version()}; "
          f"load average {os.getloadavg()[0]:.2f}")
    for step in ("load", "file", "query"):      # each in its own process: its own peak memory
        subprocess.run([sys.executable, __file__, "--step", step, "--folder", str(a.folder),
                        "--triples", str(a.triples)], check=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
