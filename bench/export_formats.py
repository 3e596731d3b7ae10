"""Each export format of a store, one at a time: wall time and peak memory of `kg export`.

    .venv/bin/python bench/export_formats.py STORE [--formats jsonld,graphml,html] [--out /tmp/kg-exports]
                                               [--rounds 1]

Every export is a real `kg export STORE --format F --out OUT/NAME.SUFFIX` in a process of its own
(the store opened read-only, as `kg export` does), run from this checkout's code whatever the
current folder; its time is wall-clock from start to exit, start-up
included, its memory the process's peak resident set (from the kernel, when it exits). With
--rounds 2 or more, it also says whether the rounds wrote the same bytes.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def export(store: str, fmt: str, out: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one `kg export`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "ignore"}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "export", str(Path(store).resolve()), "--format", fmt,
                             "--out", str(out.resolve())], stdout=subprocess.DEVNULL, env=env, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"kg export --format {fmt} failed ({proc.returncode})")
    return seconds, usage.ru_maxrss / 1024


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("--formats", default="trig,ttl,jsonld,graphml,html")
    ap.add_argument("--out", type=Path, default=Path("/tmp/kg-exports"))
    ap.add_argument("--rounds", type=int, default=1)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from kg.export import registry
    a.out.mkdir(parents=True, exist_ok=True)
    print(f"{platform.machine()} {os.cpu_count()} cores; {a.store}; load average {os.getloadavg()[0]:.2f}",
          flush=True)
    for fmt in a.formats.split(","):
        suffix = registry.get(fmt).suffix
        digests = []
        for n in range(a.rounds):
            out = a.out / f"export-{n}{suffix}"
            seconds, mb = export(a.store, fmt, out)
            digests.append(digest(out))
            print(f"{fmt:8} round {n + 1}: {seconds:6.1f} s, peak {mb:6.0f} MB, {out.stat().st_size / 1e6:.1f} MB "
                  f"written (sha256 {digests[-1]}); load average {os.getloadavg()[0]:.2f}", flush=True)
        if a.rounds > 1:
            print(f"{fmt:8} the same bytes in every round: {len(set(digests)) == 1}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
