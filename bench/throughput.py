"""Extraction throughput against bare spaCy parsing of the same texts, measured in the same run.

    .venv/bin/python bench/throughput.py [--articles 200] [--rounds 3] [--chunk 16] [--accurate]

Every side gets the same cleaned texts and the same loaded pipeline. "spaCy alone" runs the pipeline
with our own components disabled; "bare spaCy parse" is the whole parse stage (our sentence rule,
gazetteer ruler and name repairs included); "full extraction" is the extractor from the raw
documents (cleaning, parsing, mentions, coreference, relations, claims, events). The machine's speed
drifts by a third over minutes, more than the margin being measured, so the sides take turns on
every chunk of a few articles (in an order that rotates from chunk to chunk) and a round's time of a
side is the sum of its chunks': a slow minute slows every side alike. The ratio is the base side's
time over the full extraction's (the share of spaCy's own speed the extractor keeps), over all
rounds, with each round's own ratio beside it; CPU time (``time.process_time``) is summed too.
``--accurate`` adds a side that extracts with the transformer relation classifier (``--model accurate``).
"""
from __future__ import annotations

import argparse
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.io.clean import clean  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.nlp.pipeline import load_nlp, own_components  # noqa: E402
from kg.io.read import ReadProblem, read  # noqa: E402
from turns import chunked, spacy_sides, take_turns  # noqa: E402

BBC = ROOT.parent / "shared" / "data" / "news" / "bbc"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--chunk", type=int, default=16, help="articles a side parses before the next takes its turn")
    ap.add_argument("--accurate", action="store_true", help="also time the extractor with --model accurate")
    a = ap.parse_args()
    files = sorted(p for p in BBC.rglob("*.txt") if p.name != "README.TXT")
    step = max(1, len(files) // a.articles)
    docs = [d for d in read(files[::step][: a.articles]) if not isinstance(d, ReadProblem)]
    texts = [clean(d.text).text for d in docs]
    nlp, extractor = load_nlp(), Extractor()
    extractor.extract(docs[0])                     # warm up: lexicons, classifier
    ours = own_components(nlp)

    def runner(ex: Extractor):
        def run(some_docs, _) -> None:
            for _ in ex.extract_many(some_docs, batch_size=16):
                pass
        return run

    sides = {**spacy_sides(nlp, ours), "full extraction": runner(extractor)}
    if a.accurate:
        accurate = Extractor(model="accurate")
        accurate.extract(docs[0])
        sides["accurate extraction"] = runner(accurate)
    chunks = chunked(docs, texts, a.chunk)
    wall, cpu = take_turns(sides, chunks, rounds=a.rounds)
    n = len(docs)
    print(f"{platform.machine()} python {platform.python_version()}; {n} BBC articles, {a.rounds} rounds "
          f"of {len(chunks)} chunks")
    for name in sides:
        total = sum(wall[name])
        note = f"  (without {', '.join(ours)})" if name == "spaCy alone" else ""
        print(f"{name:17}: {total:.2f}s ({n * a.rounds / total:.1f} docs/s)  rounds {[round(w, 2) for w in wall[name]]}"
              f"  CPU {[round(c, 2) for c in cpu[name]]}{note}")
    for full in [s for s in sides if s.endswith("extraction")]:
        for base in ("bare spaCy parse", "spaCy alone"):
            ratio = sum(wall[base]) / sum(wall[full])
            rounds = [round(b / f, 2) for b, f in zip(wall[base], wall[full])]
            by_cpu = sum(cpu[base]) / sum(cpu[full])
            print(f"ratio {full}/{base:16}: {ratio:.2f} (rounds: {rounds}; CPU time: {by_cpu:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
