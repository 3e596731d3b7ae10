"""`kg serve` and `kg render --around` on the command line, as real subprocesses."""
from __future__ import annotations

import json
import re
import socket
import urllib.request

from test_cli import kg, ok
from serving import SEED, start


def test_serve_help_teaches_with_examples(tmp_path):
    out = ok(kg("serve", "--help", cwd=tmp_path)).stdout
    assert "kg serve store/" in out and "SPARQLWrapper(" in out and "--timeout" in out and "--limit" in out
    words = " ".join(out.split())             # argparse wraps the options' help at the terminal's width
    assert "kg serve http://127.0.0.1:8890/sparql" in out and "SPARQL endpoint URL" in words     # TARGET may be one


def test_serve_refuses_what_it_cannot_serve(tmp_path):
    missing = kg("serve", tmp_path / "nothing", cwd=tmp_path)
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr and "Traceback" not in missing.stderr
    folder = tmp_path / "folder"
    folder.mkdir()
    plain = kg("serve", folder, cwd=tmp_path)
    assert plain.returncode == 1 and "not a store" in plain.stderr and "Traceback" not in plain.stderr
    bad = kg("serve", SEED, "--port", "70000", cwd=tmp_path)
    assert bad.returncode == 2 and "--port" in bad.stderr


def test_serve_says_when_the_port_is_taken(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = kg("serve", SEED, "--port", str(taken.getsockname()[1]), "--workers", "1", cwd=tmp_path)
    assert result.returncode == 1 and "cannot listen on 127.0.0.1:" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_prints_where_it_listens_and_stops_on_sigint(tmp_path):
    process, base = start(SEED, "--workers", "1")
    try:
        with urllib.request.urlopen(base + "api/search?q=masimov", timeout=30) as r:
            assert json.load(r)[0]["label"] == "Karim Masimov"
    finally:
        process.send_signal(2)
        out, _ = process.communicate(timeout=30)
    assert process.returncode == 0 and re.search(rf"at {re.escape(base)} \(SPARQL endpoint {base}sparql\)", out)


def test_render_around_one_entity(tmp_path):
    ok(kg("render", SEED, "--around", "Masimov", "--hops", "1", "--out", tmp_path / "m.html", cwd=tmp_path))
    data = json.loads(re.search(r"<script>var GRAPH = (.*);</script>",
                                (tmp_path / "m.html").read_text(encoding="utf-8")).group(1))
    labels = {n["label"] for n in data["nodes"]}
    assert "Karim Masimov" in labels and "Nursultan Nazarbayev" in labels and "Almaty" not in labels
    missing = kg("render", SEED, "--around", "Nobody At All", "--out", tmp_path / "n.html", cwd=tmp_path)
    assert missing.returncode == 1 and "no node is called 'Nobody At All'" in missing.stderr
    assert not (tmp_path / "n.html").exists()


def test_render_help_shows_around(tmp_path):
    out = ok(kg("render", "--help", cwd=tmp_path)).stdout
    assert '--around "Tony Blair" --hops 2' in out



def test_sigint_during_a_running_query_stops_the_server_and_answers_that_query(tmp_path):
    """Ctrl-C while a query runs (no time limit): the worker is ended, its client gets a 503, and the
    server exits without a traceback, long before the query would have finished."""
    import threading
    import urllib.error
    import urllib.parse

    process, base = start(SEED, "--workers", "1", "--timeout", "0")
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    got: dict = {}

    def ask() -> None:
        try:
            urllib.request.urlopen(base + "sparql?" + urllib.parse.urlencode({"query": heavy}), timeout=120)
        except urllib.error.HTTPError as exc:
            got["status"] = exc.code
    client = threading.Thread(target=ask)
    client.start()
    try:
        busy = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"     # answered only when the one worker is free
        for _ in range(200):                            # poll until the heavy query holds the worker
            try:
                urllib.request.urlopen(base + "sparql?" + urllib.parse.urlencode({"query": busy}), timeout=0.2)
            except OSError:
                break
    finally:
        process.send_signal(2)
        out, _ = process.communicate(timeout=60)
    client.join(timeout=60)
    assert process.returncode == 0 and "Traceback" not in out and "stopped" in out
    assert got.get("status") == 503
