"""Test helpers for what a query must not do: a socket that records whether anything connected to it,
SERVICE queries in many disguises, a process holding a store as a build does, a folder's file sizes."""
from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
from pathlib import Path


@contextlib.contextmanager
def listening():
    """A socket listening on a free 127.0.0.1 port, never answering: yields (url, reached), where
    reached() says whether any connection arrived (the kernel completes it even unanswered)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        sock.setblocking(False)

        def reached() -> bool:
            try:
                conn, _ = sock.accept()
            except BlockingIOError:
                return False
            conn.close()
            return True
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/sparql", reached


def service_queries(url: str) -> dict[str, str]:
    return {
        "plain": f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "silent": f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        "lower case": f"select * where {{ service <{url}> {{ ?s ?p ?o }} }}",
        "in optional": f"SELECT * WHERE {{ ?d a nkg:Document OPTIONAL {{ SERVICE <{url}> {{ ?d ?p ?o }} }} }}",
        "in a subquery": f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        "by variable": f"SELECT * WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
        "ask": f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "construct": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        # rdflib expands \\u escapes before parsing and reads a string here; Oxigraph reads SERVICE
        "escape": 'SELECT * WHERE { BIND("x\\u005C" AS ?a) SERVICE <' + url + '> { ?s ?p ?o } #" AS ?b)\n}',
        "after a comment": f"# SERVICE in a comment\nSELECT * WHERE {{ SERVICE<{url}>{{?s ?p ?o}} }}",
    }


def files(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_size for p in sorted(folder.iterdir())}


HOLD = "import pyoxigraph, sys; s = pyoxigraph.Store(sys.argv[1]); print('held', flush=True); sys.stdin.read()"


@contextlib.contextmanager
def held(store: Path):
    """Another process with the store open for writing (as a running build has it), until the block ends."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(store)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline() == "held\n"
        yield
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
