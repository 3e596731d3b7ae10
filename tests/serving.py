"""`kg serve` for the tests: the committed seed export served by a real subprocess on a free loopback port,
and polled until it answers; its query bounds are small, so that tests can reach them."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "exports" / "seed.trig"
TIMEOUT, LIMIT = 4, 1000           # the test server's --timeout (seconds) and --limit (rows)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answering(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    """Poll ``url`` until it answers; fail with the server's output if it ends or never answers."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"kg serve ended ({process.returncode}): {process.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise AssertionError(f"kg serve did not answer at {url} within {seconds} s")


def start(target: Path, *options: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(target), "--port", str(port), *options],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    wait_until_answering(base + "sparql", process)
    return process, base


@pytest.fixture(scope="session")
def server():
    """The base URL (ending in "/") of `kg serve exports/seed.trig` with small bounds and two workers."""
    process, base = start(SEED, "--timeout", str(TIMEOUT), "--limit", str(LIMIT), "--workers", "2")
    yield base
    stop(process, 20)


def stop(process: subprocess.Popen, seconds: float) -> None:
    """Terminate a process and wait for it; kill it if it has not ended after ``seconds``."""
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
