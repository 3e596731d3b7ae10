"""The BBC corpus built end to end by `kg build --workers 2` (store and exports included), against bare
``nlp.pipe(n_process=2)`` over the same texts in the same run; then the same build again (nothing
changed); then how time and memory grow with the corpus (builds of the first N articles).

    .venv/bin/python bench/corpus_build.py [--sizes 200,600] [--folder /tmp/kg-bbc]

Each build is a real `kg build BBC --out OUT --store STORE --workers 2` (all default exports) in a
fresh store; its time is wall-clock from start to exit, its memory the peak of the resident sets of
the build and its workers together (sampled every 0.1 s), and apart: the build's own process, its
workers. "bare nlp.pipe" is the English model alone
(our own components disabled) over the cleaned texts, timed after it is loaded. A subset is a folder
of links to the first N articles (in file order) in a temporary folder.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "data" / "news" / "bbc"


PEAKS: dict[str, float] = {}       # the last build's peaks apart: its own process, its workers together


def build(paths: list[Path], store: Path, out: Path, workers: int = 2) -> tuple[float, float, str]:
    """Wall seconds, peak MB of the build's process tree, and its summary line (the peaks of the build's
    own process and of its workers together in PEAKS)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "ignore"}
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", *map(str, paths), "--out", str(out), "--store",
                             str(store), "--workers", str(workers), "--quiet"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    peak, own, workers_peak, me = 0, 0, 0, psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            mine, theirs = me.memory_info().rss, sum(c.memory_info().rss for c in me.children(recursive=True))
            peak, own, workers_peak = max(peak, mine + theirs), max(own, mine), max(workers_peak, theirs)
        except psutil.Error:
            pass
        try:
            proc.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            pass
    seconds = time.perf_counter() - t
    PEAKS.update(build=own / 2**20, workers=workers_peak / 2**20)
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"build failed: {stderr[-2000:]}")
    return seconds, peak / 2**20, stdout.splitlines()[0]


def _peaks() -> str:
    return f"the build's process {PEAKS['build']:.0f} MB, its workers together {PEAKS['workers']:.0f} MB"


def bare(paths: list[Path]) -> float:
    sys.path.insert(0, str(ROOT))
    from kg.io.clean import clean
    from kg.io.read import ReadProblem, read
    from kg.nlp.pipeline import load_nlp, own_components
    texts = [clean(d.text).text for d in read(paths) if not isinstance(d, ReadProblem)]
    nlp = load_nlp()
    with nlp.select_pipes(disable=own_components(nlp)):
        t = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16, n_process=2):
            pass
        return time.perf_counter() - t


def subset(folder: Path, files: list[Path], n: int) -> Path:
    """A folder of links to the first ``n`` articles."""
    sub = folder / f"bbc-{n}"
    sub.mkdir()
    for f in files[:n]:
        (sub / f"{f.parent.name}-{f.name}").symlink_to(f)
    return sub


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="200,600", help="smaller corpora to build, for growth")
    ap.add_argument("--folder", type=Path, default=Path("/tmp/kg-bbc"))
    ap.add_argument("--steps", default="bare,full,again,sizes",
                    help="which to run: bare, full, again (needs full's store and exports in --folder), sizes")
    a = ap.parse_args()
    steps = set(a.steps.split(","))
    if "full" in steps:
        shutil.rmtree(a.folder, ignore_errors=True)
    a.folder.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in BBC.rglob("*.txt") if p.name != "README.TXT")
    print(f"{platform.machine()} {os.cpu_count()} cores; {len(files)} BBC articles; load average "
          f"{os.getloadavg()[0]:.2f}", flush=True)
    if "bare" in steps:
        spacy_s = bare([BBC])
        print(f"bare nlp.pipe(n_process=2): {spacy_s:.1f}s ({len(files) / spacy_s:.1f} docs/s); load average "
              f"{os.getloadavg()[0]:.2f}", flush=True)
    if "full" in steps:
        full_s, full_mb, summary = build([BBC], a.folder / "store", a.folder / "out")
        print(f"kg build --workers 2 (store and exports): {full_s:.1f}s, peak {full_mb:.0f} MB ({_peaks()}); "
              f"{summary}", flush=True)
        if "bare" in steps:
            print(f"ratio bare/build: {spacy_s / full_s:.3f}; load average {os.getloadavg()[0]:.2f}", flush=True)
    if "again" in steps:          # the same command: same store, same --out
        again_s, again_mb, summary = build([BBC], a.folder / "store", a.folder / "out")
        print(f"the same build again: {again_s:.1f}s, peak {again_mb:.0f} MB; {summary}", flush=True)
    for n in (int(s) for s in a.sizes.split(",") if s and "sizes" in steps):
        shutil.rmtree(a.folder / f"bbc-{n}", ignore_errors=True)
        s, mb, summary = build([subset(a.folder, files, n)], a.folder / f"store-{n}", a.folder / f"out-{n}")
        print(f"{n} articles: {s:.1f}s ({s / n * 1000:.0f} ms an article), peak {mb:.0f} MB ({_peaks()}); {summary}",
              flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
