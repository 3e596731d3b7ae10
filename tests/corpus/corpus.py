"""Helpers of the corpus build tests: a small corpus made from the seed article, `kg build` as a real
subprocess (run to the end, or started and left running), and a store's content as N-Quads."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES, ROOT

ARTICLES = 10


def make_corpus(folder: Path, n: int = ARTICLES) -> Path:
    """``n`` articles of the seed's paragraphs, each in another order (so another text), in folder/news."""
    paragraphs = [p for p in (EXAMPLES / "seed.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()]
    news = folder / "news"
    news.mkdir(parents=True)
    for i in range(n):
        k = i % len(paragraphs)
        (news / f"{i:02d}.txt").write_text("\n\n".join(paragraphs[k:] + paragraphs[:k]) + "\n", encoding="utf-8")
    return news


def command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "kg", *map(str, args)]


def environment(**extra: str) -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, "PYTHONWARNINGS": "ignore::DeprecationWarning", **extra}


def kg(*args: str | Path, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    """`python -m kg ARGS` in ``cwd``, to its end; never on a terminal."""
    return subprocess.run(command(*args), cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, env=environment())


def start(*args: str | Path, cwd: Path) -> subprocess.Popen:
    """`python -m kg ARGS` in ``cwd``, left running; its output goes to files in ``cwd``."""
    return subprocess.Popen(command(*args), cwd=cwd, stdin=subprocess.DEVNULL,
                            stdout=open(cwd / "stdout.txt", "w"), stderr=open(cwd / "stderr.txt", "w"),
                            env=environment())


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    return result


def stored_count(store: Path) -> int:
    """How many documents a store holds (read-only: no lock, so while a build writes it)."""
    from kg.graph import KnowledgeGraph
    if not KnowledgeGraph.is_store(store):
        return 0
    try:
        kg_ = KnowledgeGraph(store=store, read_only=True)
    except RuntimeError:             # the build is making the store: its tables are not all there yet
        return 0
    try:
        return len(kg_.stored_documents())
    finally:
        kg_.close()


def nquads(store: Path, out: Path) -> bytes:
    """The whole store as N-Quads, in the exporter's stable order (same store, same bytes)."""
    from kg.graph import KnowledgeGraph
    kg_ = KnowledgeGraph(store=store, read_only=True)
    try:
        return kg_.export(out, "nq").read_bytes()
    finally:
        kg_.close()
