"""Corpus extraction throughput against bare ``nlp.pipe`` over the same texts, in the same run: one
process (the build's engine against ``nlp.pipe``) and two (``--workers 2``'s engine against
``nlp.pipe(n_process=2)``).

    .venv/bin/python bench/corpus_throughput.py [--articles 400] [--rounds 2]

"bare nlp.pipe" is the English model alone (our own components disabled), given the cleaned texts;
our side is the engine of ``kg build`` (kg/corpus/engines.py) given the documents as read: cleaning,
parsing with our components, mentions, coreference, relations, claims, events, the extractions handed
back to this process in order (no store). Both sides start warm (models loaded, the workers' too). The
sides alternate (A B, then B A, ...) so the machine's drift slows them alike; the ratio is bare time
over ours, summed over the rounds.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.corpus.engines import Processes, Serial  # noqa: E402
from kg.io.clean import clean  # noqa: E402
from kg.io.read import ReadProblem, read  # noqa: E402
from kg.nlp.pipeline import load_nlp, own_components  # noqa: E402

BBC = ROOT.parent / "shared" / "data" / "news" / "bbc"


def sample(n: int) -> list:
    files = sorted(p for p in BBC.rglob("*.txt") if p.name != "README.TXT")
    step = max(1, len(files) // n)
    return [d for d in read(files[::step][:n]) if not isinstance(d, ReadProblem)]


def timed(run) -> tuple[float, float]:
    """Wall and this process's CPU seconds of ``run()``."""
    t, c = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - t, time.process_time() - c


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=2)
    a = ap.parse_args()
    docs = sample(a.articles)
    texts = [clean(d.text).text for d in docs]
    nlp = load_nlp()
    ours = own_components(nlp)
    serial, pool = Serial(), Processes(2)
    for engine in (serial, pool):                     # warm: the extractor loaded in every process
        list(engine.extract(docs[:32], 16))

    def bare(n_process: int):
        def run():
            with nlp.select_pipes(disable=ours):
                for _ in nlp.pipe(texts, batch_size=16, n_process=n_process):
                    pass
        return run

    def engine_run(engine):
        return lambda: [None for _ in engine.extract(docs, 16)]

    pairs = {"one process": (bare(1), engine_run(serial)), "two processes": (bare(2), engine_run(pool))}
    print(f"{platform.machine()} {os.cpu_count()} cores, python {platform.python_version()}; {len(docs)} BBC "
          f"articles, {a.rounds} rounds; load average before: {os.getloadavg()[0]:.2f}")
    for name, (base, ours_run) in pairs.items():
        wall = {"bare": 0.0, "ours": 0.0}
        cpu_ours, rounds = 0.0, []
        for r in range(a.rounds):
            order = [("bare", base), ("ours", ours_run)]
            got = {}
            for side, run in (order if r % 2 == 0 else order[::-1]):
                got[side] = timed(run)
                wall[side] += got[side][0]
            cpu_ours += got["ours"][1]
            rounds.append(round(got["bare"][0] / got["ours"][0], 3))
        n = len(docs) * a.rounds
        print(f"{name:13}: bare nlp.pipe {wall['bare']:.1f}s ({n / wall['bare']:.1f} docs/s), ours {wall['ours']:.1f}s "
              f"({n / wall['ours']:.1f} docs/s; this process's CPU {cpu_ours:.1f}s); ratio {wall['bare'] / wall['ours']:.3f} "
              f"(rounds {rounds})")
    pool.close()
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
