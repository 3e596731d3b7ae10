"""Extraction throughput against bare spaCy parsing of the same texts, measured in the same run.

    .venv/bin/python bench/throughput.py [--articles 200] [--rounds 3]

Both sides get the same cleaned texts and the same loaded pipeline; rounds alternate (bare, full,
bare, full, ...) so that a busy machine slows both alike. The ratio is the best full round's
documents per second over the best bare round's: the share of spaCy's own speed the extractor keeps.
"Bare" is the whole parse stage (our sentence rule, gazetteer ruler and name repairs included); a
third side, "spaCy alone", runs the same pipeline with those of our components disabled, and the
second ratio is against it. The machine's speed drifts from round to round, so the ratios of the
median rounds are printed too.
"""
from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.clean import clean  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.parse import load_nlp, own_components  # noqa: E402
from kg.read import ReadProblem, read  # noqa: E402

BBC = ROOT.parent / "shared" / "data" / "news" / "bbc"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    files = sorted(p for p in BBC.rglob("*.txt") if p.name != "README.TXT")
    step = max(1, len(files) // a.articles)
    docs = [d for d in read(files[::step][: a.articles]) if not isinstance(d, ReadProblem)]
    texts = [clean(d.text).text for d in docs]
    nlp, extractor = load_nlp(), Extractor()
    extractor.extract(docs[0])                     # warm up: lexicons, classifier
    ours = own_components(nlp)
    alone, bare, full = [], [], []
    for _ in range(a.rounds):
        t = time.perf_counter()
        with nlp.select_pipes(disable=ours):
            for _ in nlp.pipe(texts, batch_size=16):
                pass
        alone.append(time.perf_counter() - t)
        t = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        for _ in extractor.extract_many(docs, batch_size=16):
            pass
        full.append(time.perf_counter() - t)
    n = len(docs)
    print(f"{platform.machine()} python {platform.python_version()}; {n} BBC articles, {a.rounds} rounds")
    print(f"spaCy alone      : best {min(alone):.2f}s ({n / min(alone):.1f} docs/s)  rounds "
          f"{[round(b, 2) for b in alone]}  (without {', '.join(ours)})")
    print(f"bare spaCy parse : best {min(bare):.2f}s ({n / min(bare):.1f} docs/s)  rounds {[round(b, 2) for b in bare]}")
    print(f"full extraction  : best {min(full):.2f}s ({n / min(full):.1f} docs/s)  rounds {[round(f, 2) for f in full]}")
    print(f"ratio extraction/bare throughput: {min(bare) / min(full):.2f} (medians: "
          f"{statistics.median(bare) / statistics.median(full):.2f})")
    print(f"ratio extraction/spaCy alone    : {min(alone) / min(full):.2f} (medians: "
          f"{statistics.median(alone) / statistics.median(full):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
