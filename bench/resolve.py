"""Cross-document resolution on a built store: counts, the largest clusters, and a random sample of
merges with the sentences that name each side, for a person to mark right or wrong.

    PYTHONPATH=$PWD .venv/bin/python bench/resolve.py STORE [--sample 30] [--seed 20] [--top 10]

STORE is a store made by `kg build --store` (it is resolved, and its resolution graph replaced).
Prints one numbered block per sampled merge; the verdicts go to bench/AUDIT-RESOLVE.md, the figures to
bench/RESULTS.md with the command that made them.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.graph import KnowledgeGraph  # noqa: E402
from kg.rdf import iris  # noqa: E402
from kg.resolution import resolve  # noqa: E402
from kg.resolution.graph import occurrences  # noqa: E402
from kg.resolution.records import nodes_of  # noqa: E402

SOURCES = "SELECT ?d ?src WHERE { ?d a nkg:Document ; nkg:source ?src }"


def short(iri: str) -> str:
    return iri.removeprefix("https://newskg.dev/id/")


def sentences(path: str, label: str, most: int = 2) -> list[str]:
    """The first sentences of the article at ``path`` that hold the name (or its last word)."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    words = [label, label.split()[-1]] if label.split() else [label]
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        if any(re.search(rf"\b{re.escape(w)}\b", sentence) for w in words):
            out.append(" ".join(sentence.split())[:240])
        if len(out) == most:
            break
    return out


def show(nodes, sources, iri: str, docs: int = 2) -> list[str]:
    node = nodes[iri]
    lines = [f"   {short(iri)} ({len(node.documents)} articles)"]
    for d in node.documents[:docs]:
        src = sources.get(d, "?")
        lines.append(f"     {Path(src).parent.name}/{Path(src).name}: " + " | ".join(sentences(src, node.label)))
    return lines


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("store")
    p.add_argument("--sample", type=int, default=30)
    p.add_argument("--seed", type=int, default=20)
    p.add_argument("--top", type=int, default=10)
    a = p.parse_args()
    graph = KnowledgeGraph(store=a.store)
    started = time.perf_counter()
    res = resolve(graph, progress=True)
    seconds = time.perf_counter() - started
    first = set(graph.dataset.graph(iris.RESOLUTION_GRAPH))
    again = resolve(graph)
    print(f"a second run writes the same graph: {set(graph.dataset.graph(iris.RESOLUTION_GRAPH)) == first} "
          f"({len(first)} triples; the same clusters: {again.clusters == res.clusters})")
    nodes = nodes_of(occurrences(graph))
    sources = {str(r.d): str(r.src) for r in graph.query(SOURCES)}
    print(f"entity nodes of the resolved families: {res.nodes} before, {res.nodes_after} after "
          f"({len(res.merges)} merges in {len(res.clusters)} clusters, {len(res.refused)} left out) "
          f"in {seconds:.1f}s")
    print("merges by rule:", dict(sorted(Counter(m.rule for m in res.merges).items())))
    print("left out:", dict(Counter(why.split(" and ")[0][:40] for _, why in res.refused)))
    print(f"\n## the {a.top} largest clusters")
    for c in sorted(res.clusters, key=lambda c: (-len(c.members), c.canonical))[:a.top]:
        labels = sorted({nodes[i].label + f" [{nodes[i].etype}]" for i in c.members})
        print(f"- {short(c.canonical)} + {len(c.members)}: {'; '.join(labels)}")
    merges = sorted(res.merges, key=lambda m: m.id)
    print(f"\n## {a.sample} random merges (seed {a.seed}) of {len(merges)}")
    for n, m in enumerate(random.Random(a.seed).sample(merges, min(a.sample, len(merges))), 1):
        print(f"\n{n}. {m.id} {m.rule} {m.confidence}: {nodes[m.member].label!r} -> {nodes[m.target].label!r}")
        print(f"   {m.reason}")
        print("\n".join(show(nodes, sources, m.member) + show(nodes, sources, m.target, 1)))
    graph.close()


if __name__ == "__main__":
    main()
