"""A real Virtuoso (Debian's virtuoso-opensource) for the endpoint tests: a fresh database in a
temporary folder, a generated virtuoso.ini, SQL and HTTP on free 127.0.0.1 ports, polled until its
SPARQL endpoint answers; anonymous SPARQL Update granted. Skipped, saying why, where it is not
installed (`.ci/run` installs it)."""
from __future__ import annotations

import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from serving import free_port, stop

INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = ., {db}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {db}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""
STARTUP = 180        # seconds a fresh database may take to answer (it builds its system tables)


@dataclass(frozen=True)
class Virtuoso:
    sparql: str          # SPARQL Query and Update
    graph_store: str     # the Graph Store Protocol


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=5) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


def start(folder: Path) -> Iterator[Virtuoso]:
    """Run Virtuoso with its database in ``folder`` until the generator is closed."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not binary or not isql:
        pytest.skip("no Virtuoso here (Debian's virtuoso-opensource: apt-get install virtuoso-opensource); "
                    ".ci/run installs it")
    sql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(INI.format(db=folder, sql=sql, http=http), encoding="utf-8")
    log = open(folder / "stdout.txt", "w")
    proc = subprocess.Popen([binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")], cwd=folder,
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http}"
    try:
        deadline = time.monotonic() + STARTUP
        while not _answers(f"{base}/sparql"):
            try:
                proc.wait(timeout=0.2)          # between two tries: fails at once if Virtuoso ended
            except subprocess.TimeoutExpired:
                assert time.monotonic() < deadline, f"Virtuoso did not answer in {STARTUP} s"
                continue
            pytest.fail(f"Virtuoso ended (exit {proc.returncode}): {(folder / 'stdout.txt').read_text()[-2000:]}")
        subprocess.run([isql, f"127.0.0.1:{sql}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                       check=True, capture_output=True, timeout=60)
        yield Virtuoso(f"{base}/sparql", f"{base}/sparql-graph-crud")
    finally:
        stop(proc, 60)
        log.close()
