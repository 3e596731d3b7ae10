"""Build the graph of every BBC article in ../shared/data/news/bbc and report time and yield.

    .venv/bin/python bench/bbc.py [--limit N] [--out /tmp/bbc]

Prints documents, seconds, documents per second, triples / relations / claims / events per
article, and the problems met, as a Markdown table row for bench/RESULTS.md.  Also runs bare
spaCy parsing of the same cleaned texts in the same run, so the ratio is comparable across machines:
once as the whole parse stage and once as spaCy alone, without our own components ("newskg_*").
The machine's speed drifts over minutes, so the three sides take turns on every chunk of a few
articles (in an order that rotates from chunk to chunk), as in bench/throughput.py: the build side
extracts a chunk and stores it, then spaCy alone parses the same chunk, then the parse stage, and so
on; each side's time is the sum of its chunks'. Reading the files is timed apart.
"""
from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.io.clean import clean  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.nlp.pipeline import load_nlp, own_components  # noqa: E402
from kg.io.read import ReadProblem, read  # noqa: E402
from kg.graph import KnowledgeGraph  # noqa: E402
from tqdm import tqdm  # noqa: E402
from turns import chunked, spacy_sides, take_turns  # noqa: E402

PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their", "who", "which",
            "that", "this", "these", "those", "we", "i", "you", "us", "our", "one"}
# the label of every endpoint of every relation statement (facts, claimed, negated alike)
ENDPOINTS = """SELECT DISTINCT ?st ?e ?label WHERE { ?st a rdf:Statement . { ?st rdf:subject ?e } UNION { ?st rdf:object ?e }
                                 ?e rdfs:label ?label }"""

# events by their most specific class (every event is also typed nkg:Event), with how many are asserted
BY_CLASS = """SELECT ?cls (COUNT(DISTINCT ?e) AS ?n) (SUM(IF(?a, 1, 0)) AS ?asserted) WHERE {
    ?e a ?cls ; nkg:asserted ?a . ?cls rdfs:subClassOf* nkg:Event .
    FILTER NOT EXISTS { ?e a ?sub . ?sub rdfs:subClassOf+ ?cls . FILTER(?sub != ?cls) } } GROUP BY ?cls ORDER BY DESC(?n)"""


def _not_an_entity(label: str) -> bool:
    """A pronoun, or a label with no capital letter (a common noun, not a name)."""
    return label.lower() in PRONOUNS or not any(ch.isupper() for ch in label)


BBC = ROOT.parent / "shared" / "data" / "news" / "bbc"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(BBC))
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    ap.add_argument("--chunk", type=int, default=16, help="articles a side handles before the next takes its turn")
    ap.add_argument("--out", default="/tmp/newskg-bbc", help="where to write the exports")
    a = ap.parse_args()
    files = sorted(p for p in Path(a.data).rglob("*.txt") if p.name != "README.TXT")
    if a.limit:
        files = files[: a.limit]
    t = time.perf_counter()
    items = list(read(files))
    read_s = time.perf_counter() - t
    problems = [d for d in items if isinstance(d, ReadProblem)]
    docs = [d for d in items if not isinstance(d, ReadProblem)]
    texts = [clean(d.text).text for d in docs]
    nlp, extractor, kg = load_nlp(), Extractor(), KnowledgeGraph()
    extractor.extract(docs[0])                     # warm up (model, lexicons, classifier): not timed
    ours = own_components(nlp)
    counts = {"relations": 0, "claims": 0, "events": 0}

    def run_build(some_docs, _) -> None:
        for x in extractor.stream(some_docs, batch_size=16):
            counts["relations"] += len(x.relations)
            counts["claims"] += len(x.claims)
            counts["events"] += len(x.events)
            problems.extend(ReadProblem(x.document.source, w, fatal=False) for w in x.warnings)
            kg.add(x)

    sides = {"kg build": run_build, **spacy_sides(nlp, ours)}
    chunks = chunked(docs, texts, a.chunk)
    wall, _ = take_turns(sides, chunks, progress=lambda c: tqdm(c, unit="chunk", desc=f"{a.chunk} articles a turn"))
    endpoints = list(kg.query(ENDPOINTS))
    t = time.perf_counter()
    kg.export(Path(a.out) / "bbc.trig")
    export_s = time.perf_counter() - t
    n = max(len(docs), 1)
    build_s, alone, bare = (wall[side][0] for side in ("kg build", "spaCy alone", "bare spaCy parse"))
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    print(f"documents {len(docs)}, problems {len(problems)} ({sum(p.fatal for p in problems)} skipped); "
          f"reading {read_s:.1f}s; {len(chunks)} turns of {a.chunk} articles")
    print(f"spaCy alone: {alone:.1f}s ({n / alone:.1f} docs/s)")
    print(f"bare spaCy parse (the parse stage): {bare:.1f}s ({n / bare:.1f} docs/s)")
    print(f"kg build (extract + store): {build_s:.1f}s ({n / build_s:.1f} docs/s), "
          f"throughput ratio build/bare = {bare / build_s:.2f}, build/spaCy alone = "
          f"{alone / build_s:.2f}; export trig {export_s:.1f}s")
    print(f"per article: {len(kg) / n:.1f} triples, {counts['relations'] / n:.2f} relations, "
          f"{counts['claims'] / n:.2f} claims, {counts['events'] / n:.2f} events")
    for row in kg.query(BY_CLASS):
        print(f"  events {row[0].split('#')[-1]:<14} {int(row[1]):>6}  {int(row[1]) / n:.2f} per article, "
              f"{int(row[2])} asserted")
    bad = [str(r[2]) for r in endpoints if _not_an_entity(str(r[2]))]
    print(f"relation endpoints: {len(endpoints)}, pronouns or non-entities: {len(bad)} "
          f"({100 * len(bad) / max(len(endpoints), 1):.2f}%) {sorted(set(bad))[:10]}")
    for p in problems[:20]:
        print(f"  problem: {p.source}: {p.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
