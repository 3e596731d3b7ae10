"""The relations the two relation models (fast, accurate) give on BBC articles, side by side: how many
an article, and a sample of those only one of them gives, to judge by hand.

    .venv/bin/python bench/compare_models.py [--articles 300] [--seed 5] [--sample 25]

Articles are drawn with the seed among the BBC set, the ten held-out gold articles left out. A
relation is its (document, subject, property, object); the sample rows give the sentence.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from audit import HELD_OUT, bbc_files  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.io.read import ReadProblem, read  # noqa: E402


def relations(model: str, docs: list) -> dict[tuple, tuple]:
    out = {}
    for x in Extractor(model=model).extract_many(docs):
        for r in x.relations:
            key = (x.document.source, r.subject.name, r.predicate, r.object.name)
            out.setdefault(key, (r.provenance.rule, r.provenance.confidence, r.provenance.sentence.text))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--sample", type=int, default=25)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    pool = [f for f in bbc_files() if f"{f.parent.name}/{f.stem}" not in HELD_OUT]
    files = sorted(rng.sample(pool, a.articles))
    docs = [d for d in read(files) if not isinstance(d, ReadProblem)]
    fast, accurate = relations("fast", docs), relations("accurate", docs)
    n = len(docs)
    print(f"{n} BBC articles (seed {a.seed}): fast {len(fast)} relations ({len(fast) / n:.2f} an article), "
          f"accurate {len(accurate)} ({len(accurate) / n:.2f}); both {len(fast.keys() & accurate.keys())}")
    for name, mine, other in (("only accurate", accurate, fast), ("only fast", fast, accurate)):
        only = sorted(mine.keys() - other.keys())
        picked = sorted(rng.sample(only, min(a.sample, len(only))))
        print(f"\n## {name}: {len(only)}; sample of {len(picked)}")
        for k, key in enumerate(picked, 1):
            src, s, p, o = key
            rule, conf, sent = mine[key]
            print(f"{k}. {Path(src).parent.name}/{Path(src).name}: {s} -{p}-> {o} [{rule}; {conf}] | {sent}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
