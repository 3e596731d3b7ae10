"""Score the graph of each of the ten held-out BBC articles against its own gold (bench/gold/bbc/).

Each article is built alone (its own graph), so a keyword cannot match another article's nodes.

    .venv/bin/python bench/gold10.py [--data ../shared/data/news/bbc] [--verbose]
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from kg.api import build
from kg.eval.gold import check, load_gold

HERE = Path(__file__).parent / "gold" / "bbc"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).parents[1].parent / "shared/data/news/bbc"))
    ap.add_argument("--verbose", action="store_true", help="list every item, found or not")
    a = ap.parse_args()
    found, total, noise = Counter(), Counter(), 0
    for path in sorted(HERE.glob("*.json")):
        gold = load_gold(path)
        source = Path(a.data) / json.loads(path.read_text())["source"]
        kg, _ = build([str(source)], progress=False)
        result = check(gold, kg.dataset)
        for line in result.lines(verbose=a.verbose):
            print(line)
        print(result.summary())
        for item in result.items:
            total[item.kind] += 1
            found[item.kind] += item.found
        noise += len(result.noise)
    share = lambda k: f"{found[k]}/{total[k]} ({found[k] / total[k]:.0%})"  # noqa: E731
    print("all ten: " + "; ".join(f"{k} {share(k)}" for k in sorted(total))
          + f"; all items {sum(found.values())}/{sum(total.values())} "
            f"({sum(found.values()) / sum(total.values()):.0%}); noise {noise}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
