"""Digests of a corpus's graph: build every article under a folder (the BBC set by default) and print
the SHA-256 of its sorted N-Quads and of its GraphML, so that two commits can be shown to build the
same graph byte for byte.

    .venv/bin/python bench/digest.py [--data ../shared/data/news/bbc] [--out /tmp/digest]
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import kg  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "news" / "bbc"))
    p.add_argument("--out", default="/tmp/newskg-digest", help="where the N-Quads and GraphML go")
    a = p.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    graph, report = kg.build([a.data])
    for name in ("corpus.nq", "corpus.graphml"):
        graph.export(out / name)
        print(name, hashlib.sha256((out / name).read_bytes()).hexdigest())
    print(f"{report.documents} documents, {report.triples} triples, {len(report.problems)} problems, "
          f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
