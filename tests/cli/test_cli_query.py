"""`kg query` on hostile or heavy input, run as a real subprocess: no network, limits with one-line
messages, stores read read-only, FROM honoured, never a traceback."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXPORTS
from kg.graph import KnowledgeGraph
from kg.rdf import iris
from sandbox import files, held, listening, service_queries
from test_cli import failed, kg, ok


CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CROSS_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def targets(tmp_path_factory) -> tuple[Path, Path, Path]:
    """(cwd, seed.trig, store): the committed export as a file and as a store folder."""
    cwd = tmp_path_factory.mktemp("cli-query")
    shutil.copy(EXPORTS / "seed.trig", cwd / "seed.trig")
    graph = KnowledgeGraph(store=cwd / "store", ontology=False)
    graph.dataset.parse(cwd / "seed.trig", format="trig")
    graph.close()
    return cwd, cwd / "seed.trig", cwd / "store"


@pytest.mark.parametrize("target", ["file", "store"])
def test_service_is_refused_and_nothing_is_sent(target, targets):
    """SERVICE, SILENT or not, nested or not, on a file or a store: exit 1, one line, no connection."""
    cwd, trig, store = targets
    with listening() as (url, reached):
        for name in ("plain", "silent", "in optional", "in a subquery", "escape"):
            result = kg("query", trig if target == "file" else store, service_queries(url)[name], cwd=cwd)
            failed(result, 1, "kg: error: query refused: the query uses SERVICE")
            assert result.stderr.count("\n") == 1 and result.stdout == ""
            assert not reached(), f"{name}: a connection reached {url}"


def test_load_and_updates_are_refused(targets):
    cwd, trig, store = targets
    with listening() as (url, reached):
        failed(kg("query", store, f"LOAD <{url}>", cwd=cwd), 1, "SPARQL Update")
        failed(kg("query", trig, "INSERT DATA { <http://a> <http://b> <http://c> }", cwd=cwd), 1, "SPARQL Update")
        assert not reached()


def test_from_restricts_the_query(targets):
    """FROM <document graph> counts that graph only; FROM a graph the target lacks: no rows, and a warning."""
    cwd, trig, store = targets
    doc = KnowledgeGraph.load(trig).document_graphs()[0]
    count = "SELECT (COUNT(*) AS ?n) {} WHERE {{ ?s ?p ?o }}"
    every = ok(kg("query", store, count.format(""), "--format", "csv", cwd=cwd)).stdout
    only = ok(kg("query", store, count.format(f"FROM <{doc}>"), "--format", "csv", cwd=cwd)).stdout
    assert int(only.split()[1]) < int(every.split()[1])
    assert ok(kg("query", trig, f"ASK FROM <{iris.ONTOLOGY_GRAPH}> {{ ?x nkg:arrested ?y }}", cwd=cwd)).stdout == "false\n"
    nowhere = "https://newskg.dev/graph/nowhere"
    result = ok(kg("query", trig, count.format(f"FROM <{nowhere}>"), "--format", "csv", cwd=cwd))
    assert result.stdout.split() == ["n", "0"]
    assert result.stderr == f"kg: warning: {trig} has no graph <{nowhere}> (named in FROM)\n"


def test_timeout_stops_the_query(targets):
    """--timeout 1 stops a cross join near 1 s, with one line and exit 1."""
    cwd, trig, store = targets
    for target in (trig, store):
        started = time.monotonic()
        result = kg("query", target, CROSS_COUNT, "--timeout", "1", cwd=cwd)
        failed(result, 1, "kg: error: query stopped after 1 s (--timeout")
        assert time.monotonic() - started < 15      # the command starts in ~2 s; the query stops at 1 s


def test_limit_cuts_the_rows_and_says_so(targets):
    """--limit 5 prints a header and 5 rows of a huge cross join at once, says so, exits 3."""
    cwd, trig, _ = targets
    result = kg("query", trig, CROSS, "--format", "csv", "--limit", "5", cwd=cwd)
    failed(result, 3, "kg: error: more than 5 rows; printed the first 5 (--limit")
    assert len(list(csv.reader(io.StringIO(result.stdout)))) == 6
    rows = json.loads(kg("query", trig, CROSS, "--format", "json", "--limit", "3", cwd=cwd).stdout)
    assert len(rows) == 3 and set(rows[0]) == set("abcdefghi")
    table = kg("query", trig, CROSS, "--limit", "2", cwd=cwd).stdout
    assert table.endswith("(2 rows)\n")


def test_rows_stream_in_bounded_memory(targets):
    """csv of a cross join with no row limit streams until the time limit: memory stays small
    (the largest process, the command or its query's process, counted by the kernel)."""
    cwd, trig, store = targets
    wrapper = ("import resource, subprocess, sys; "
               "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True); "
               "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.stderr.strip())")
    started = time.monotonic()
    out = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "kg", "query", str(store), CROSS,
                          "--format", "csv", "--limit", "0", "--timeout", "4"],
                         cwd=cwd, capture_output=True, text=True, timeout=120,
                         env=os.environ | {"PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    code, maxrss_kb, message = out.stdout.split(" ", 2)
    assert code == "1" and "query stopped after 4 s" in message, out
    assert int(maxrss_kb) < 400_000, f"{int(maxrss_kb) // 1024} MB"
    assert time.monotonic() - started < 30


def test_memory_budget_stops_a_huge_sort(targets):
    """A sorted cross join is stopped by --memory, in one line, and no process grows much past it."""
    cwd, _, store = targets
    wrapper = ("import resource, subprocess, sys; "
               "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True); "
               "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.stderr)")
    out = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "kg", "query", str(store),
                          CROSS + " ORDER BY ?c", "--format", "csv", "--memory", "300", "--timeout", "60"],
                         cwd=cwd, capture_output=True, text=True, timeout=120,
                         env=os.environ | {"PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    code, maxrss_kb, message = out.stdout.split(" ", 2)
    assert code == "1", out
    assert message == "kg: error: query stopped: it needed more than the 300 MB it may use (--memory MB, 0 for no limit)\n\n"
    assert int(maxrss_kb) < 800_000, f"{int(maxrss_kb) // 1024} MB"


def test_json_of_no_rows(targets):
    cwd, trig, _ = targets
    assert ok(kg("query", trig, "SELECT ?x WHERE { ?x nkg:nothing ?y }", "--format", "json", cwd=cwd)).stdout == "[]\n"


def test_a_query_writes_nothing_into_the_store(targets):
    """A query opens the store read-only: the same files, of the same sizes, after it (no LOG rewrite)."""
    cwd, _, store = targets
    before = files(store)
    ok(kg("query", store, "ASK { ?x nkg:arrested ?y }", cwd=cwd))
    ok(kg("query", store, "SELECT ?x WHERE { ?x nkg:arrested ?y }", "--timeout", "0", cwd=cwd))
    assert files(store) == before


def test_a_query_on_a_read_only_store(targets, tmp_path):
    """A store folder made read-only (chmod) is queried. Run as root, the permissions bind nothing:
    then this only shows that nothing needs them; the test above shows nothing is written."""
    cwd, _, store = targets
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    for path in [copy, *copy.iterdir()]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        assert ok(kg("query", copy, "ASK { ?x nkg:arrested ?y }", cwd=cwd)).stdout == "true\n"
        assert ok(kg("export", copy, "--format", "nq", "--out", tmp_path / "x.nq", cwd=cwd))
    finally:
        for path in [copy, *copy.iterdir()]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


def test_a_store_held_by_a_build(targets, tmp_path):
    """While another process holds the store for writing, a query reads it and a build says it is busy."""
    cwd, _, store = targets
    with held(store):
        assert ok(kg("query", store, "ASK { ?x nkg:arrested ?y }", cwd=cwd)).stdout == "true\n"
        result = kg("build", "seed.trig", "--out", tmp_path / "out", "--store", store, "--quiet", cwd=cwd)
        failed(result, 1, "the store is in use by another process")
        assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("args,code,message", [
    (("query", "nowhere/", "ASK {}"), 2, "no such file"),
    (("query", ".", "ASK {}"), 1, "not a store"),
    (("query", "seed.trig", "--file", "missing.rq"), 2, "missing.rq: no such file"),
    (("query", "seed.trig", "SELECT ?x WHERE { ?x nkg:arrested }"), 1, "1:"),
    (("query", "seed.trig", "ASK {}", "--timeout", "-1"), 2, "must be from 0 (no limit)"),
    (("query", "seed.trig", "ASK {}", "--timeout", "inf"), 2, "must be from 0 (no limit) to 1e+06"),
    (("query", "seed.trig", "ASK {}", "--memory", "99999999999999999999"), 2, "must be from 0 (no limit)"),
    (("query", "seed.trig", "  # only a comment\n"), 2, "give a query"),
    (("query", "seed.trig", "ASK { FILTER(" + "(" * 60 + "1" + ")" * 60 + ") }"), 0, ""),
    (("query", "seed.trig", "--file", "."), 2, ".: a folder, not a query file"),
], ids=["missing", "not-a-store", "missing-file", "malformed", "bad-timeout", "infinite-timeout", "huge-memory",
        "only-a-comment", "deeply-nested", "folder-as-file"])
def test_bad_input_is_one_line(targets, args, code, message):
    cwd = targets[0]
    failed(kg(*args, cwd=cwd), code, message)
