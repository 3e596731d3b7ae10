"""Build the graph of every BBC article in ../shared/data/news/bbc and report time and yield.

    .venv/bin/python bench/bbc.py [--limit N] [--out /tmp/bbc]

Prints documents, seconds, documents per second, triples / relations / claims / events per
article, and the problems met, as a Markdown table row for bench/RESULTS.md.  Also runs bare
spaCy parsing of the same cleaned texts in the same run, so the ratio is comparable across machines:
once as the whole parse stage and once as spaCy alone, without our own components ("newskg_*").
"""
from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.api import build  # noqa: E402
from kg.clean import clean  # noqa: E402
from kg.parse import load_nlp, own_components  # noqa: E402
from kg.read import ReadProblem, read  # noqa: E402

PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their", "who", "which",
            "that", "this", "these", "those", "we", "i", "you", "us", "our", "one"}
# the label of every endpoint of every relation statement (facts, claimed, negated alike)
ENDPOINTS = """SELECT DISTINCT ?st ?e ?label WHERE { ?st a rdf:Statement . { ?st rdf:subject ?e } UNION { ?st rdf:object ?e }
                                 ?e rdfs:label ?label }"""


def _not_an_entity(label: str) -> bool:
    """A pronoun, or a label with no capital letter (a common noun, not a name)."""
    return label.lower() in PRONOUNS or not any(ch.isupper() for ch in label)


BBC = ROOT.parent / "shared" / "data" / "news" / "bbc"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(BBC))
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    ap.add_argument("--out", default="/tmp/newskg-bbc", help="where to write the exports")
    a = ap.parse_args()
    files = sorted(p for p in Path(a.data).rglob("*.txt") if p.name != "README.TXT")
    if a.limit:
        files = files[: a.limit]
    docs = [d for d in read(files) if not isinstance(d, ReadProblem)]
    load_nlp()                                   # model loading is not part of either timing

    texts = [clean(d.text).text for d in docs]
    nlp = load_nlp()
    t = time.perf_counter()
    with nlp.select_pipes(disable=own_components(nlp)):
        for _ in nlp.pipe(texts, batch_size=16):
            pass
    alone = time.perf_counter() - t
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    bare = time.perf_counter() - t

    kg, report = build(files, progress=True)
    endpoints = list(kg.query(ENDPOINTS))
    t = time.perf_counter()
    kg.export(Path(a.out) / "bbc.trig")
    export_s = time.perf_counter() - t
    n = max(report.documents, 1)
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    print(f"documents {report.documents}, problems {len(report.problems)} "
          f"({sum(p.fatal for p in report.problems)} skipped)")
    print(f"spaCy alone: {alone:.1f}s ({len(docs) / alone:.1f} docs/s)")
    print(f"bare spaCy parse (the parse stage): {bare:.1f}s ({len(docs) / bare:.1f} docs/s)")
    print(f"kg build: {report.seconds:.1f}s ({n / report.seconds:.1f} docs/s), "
          f"throughput ratio build/bare = {bare / report.seconds:.2f}, build/spaCy alone = "
          f"{alone / report.seconds:.2f}; export trig {export_s:.1f}s")
    print(f"per article: {report.triples / n:.1f} triples, {report.relations / n:.2f} relations, "
          f"{report.claims / n:.2f} claims, {report.events / n:.2f} events")
    bad = [str(r[2]) for r in endpoints if _not_an_entity(str(r[2]))]
    print(f"relation endpoints: {len(endpoints)}, pronouns or non-entities: {len(bad)} "
          f"({100 * len(bad) / max(len(endpoints), 1):.2f}%) {sorted(set(bad))[:10]}")
    for p in report.problems[:20]:
        print(f"  problem: {p.source}: {p.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
