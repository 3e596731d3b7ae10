"""Extraction throughput against bare spaCy parsing of the same texts, measured in the same run.

    .venv/bin/python bench/throughput.py [--articles 200] [--rounds 3]

Both sides get the same cleaned texts and the same loaded pipeline; rounds alternate (bare, full,
bare, full, ...) so that a busy machine slows both alike. The ratio is the best full round's
documents per second over the best bare round's: the share of spaCy's own speed the extractor keeps.
"Bare" is the whole parse stage (our sentence rule, gazetteer ruler and name repairs included); a
third side, "spaCy alone", runs the same pipeline with those of our components disabled, and the
second ratio is against it. The machine's speed drifts from round to round, so the ratios of the
median rounds are printed too, and the ratio of the sides' median CPU time (``time.process_time``),
which other work on the machine disturbs least.
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

    def run_alone() -> None:
        with nlp.select_pipes(disable=ours):
            for _ in nlp.pipe(texts, batch_size=16):
                pass

    def run_bare() -> None:
        for _ in nlp.pipe(texts, batch_size=16):
            pass

    def run_full() -> None:
        for _ in extractor.extract_many(docs, batch_size=16):
            pass

    sides = {"spaCy alone": run_alone, "bare spaCy parse": run_bare, "full extraction": run_full}
    wall: dict[str, list[float]] = {k: [] for k in sides}
    cpu: dict[str, list[float]] = {k: [] for k in sides}
    for _ in range(a.rounds):
        for name, run in sides.items():         # alternate, so a busy machine slows every side alike
            t, c = time.perf_counter(), time.process_time()
            run()
            wall[name].append(time.perf_counter() - t)
            cpu[name].append(time.process_time() - c)
    n = len(docs)
    print(f"{platform.machine()} python {platform.python_version()}; {n} BBC articles, {a.rounds} rounds")
    for name in sides:
        best = min(wall[name])
        note = f"  (without {', '.join(ours)})" if name == "spaCy alone" else ""
        print(f"{name:17}: best {best:.2f}s ({n / best:.1f} docs/s)  rounds {[round(w, 2) for w in wall[name]]}"
              f"  CPU {[round(c, 2) for c in cpu[name]]}{note}")
    for base in ("bare spaCy parse", "spaCy alone"):
        ratio = min(wall[base]) / min(wall["full extraction"])
        median = statistics.median(wall[base]) / statistics.median(wall["full extraction"])
        by_cpu = statistics.median(cpu[base]) / statistics.median(cpu["full extraction"])
        print(f"ratio extraction/{base:16}: {ratio:.2f} (medians: {median:.2f}; CPU time, medians: {by_cpu:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
