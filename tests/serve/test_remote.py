"""`kg serve URL` in front of a SPARQL endpoint that does what a test tells it (a real HTTP server on
loopback, which records every query it gets): what never reaches the endpoint, the time limit, the
row limit, an endpoint's failure, the terms Virtuoso writes, and an endpoint that cannot be reached
at start. The same server in front of a real Virtuoso: test_remote_virtuoso.py."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from serving import ROOT, free_port, start, stop

TIMEOUT, LIMIT = 2, 20
JSON_TYPE = "application/sparql-results+json"
EMPTY = {"head": {"vars": []}, "results": {"bindings": []}}


def solutions(names: list[str], rows: list[dict]) -> dict:
    return {"head": {"vars": names}, "results": {"bindings": rows}}


# what the endpoint answers to a query holding the key (a query holding none: no rows)
ANSWERS = {
    "urn:one": solutions(["s"], [{"s": {"type": "uri", "value": "urn:x"}}]),
    "urn:many": solutions(["n"], [{"n": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                                         "value": str(i)}} for i in range(LIMIT * 3)]),
    # Virtuoso's ways: a blank node named nodeID://..., a boolean written 1, SPARQL 1.0's "typed-literal"
    "urn:terms": solutions(["b", "yes", "no", "word"], [{
        "b": {"type": "bnode", "value": "nodeID://b10000"},
        "yes": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#boolean", "value": "1"},
        "no": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#boolean", "value": "0"},
        "word": {"type": "literal", "xml:lang": "en", "value": "yes"}}]),
    "urn:ask": solutions(["__ASK_RETVAL"], [{"__ASK_RETVAL": {"type": "typed-literal", "value": "1",
                                                              "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]),
    # the results before the head (allowed), in a standard ASK's way the boolean after it
    "urn:late-head": {"results": {"bindings": [{"s": {"type": "literal", "value": "late"}}]}, "head": {"vars": ["s"]}},
    "urn:boolean": {"head": {}, "boolean": False},
}


class Endpoint(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.seen: list[str] = []
        self.release = threading.Event()      # what a stalled answer waits for (set at the end)
        self.stalled = threading.Event()      # set when a query that gets no answer arrives


class Handler(BaseHTTPRequestHandler):
    server: Endpoint

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
        query = urllib.parse.parse_qs(body).get("query", [""])[0]
        self.server.seen.append(query)
        if self.path != "/sparql":
            return self.send(200, b"<html>a web page</html>", "text/html")
        if "urn:slow" in query:               # no answer until the test ends
            self.server.stalled.set()
            self.server.release.wait(60)
            return self.send(200, json.dumps(EMPTY).encode(), JSON_TYPE)
        if "urn:trickle" in query:            # the head and one row, then nothing until the test ends
            self.send_response(200)
            self.send_header("Content-Type", JSON_TYPE)
            self.end_headers()
            self.wfile.write(b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"urn:a"}},')
            self.wfile.flush()
            self.server.release.wait(60)
            return
        if "urn:fail" in query:
            return self.send(500, b"Virtuoso 42000 Error SR171: Transaction timed out\n\nSPARQL query:\n" +
                             query.encode(), "text/plain")
        if "urn:bad" in query:
            return self.send(400, b"Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error", "text/plain")
        if "urn:garbage" in query:
            return self.send(200, b"<html>not json</html>", JSON_TYPE)
        answer = next((a for key, a in ANSWERS.items() if key in query), EMPTY)
        self.send(200, json.dumps(answer).encode(), JSON_TYPE)

    def send(self, status: int, body: bytes, media: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def endpoint():
    server = Endpoint()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def served(endpoint):
    """The base URL of `kg serve` in front of the endpoint, with small bounds."""
    process, base = start(f"http://127.0.0.1:{endpoint.server_port}/sparql",
                          "--timeout", str(TIMEOUT), "--limit", str(LIMIT))
    yield base
    stop(process, 20)


def ask(base: str, query: str | None = None, data: bytes | None = None, headers: dict | None = None,
        params: dict | None = None):
    """(status, body as text) of a request to /sparql."""
    pairs = {"query": query} if query is not None else {}
    url = base + "sparql?" + urllib.parse.urlencode({**pairs, **(params or {})})
    request = urllib.request.Request(url, data=data, headers={"Accept": JSON_TYPE, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def kg_serve(target: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "kg", "serve", target, "--port", str(free_port())], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


def test_an_endpoint_that_cannot_be_reached_is_an_error_at_start():
    port = free_port()          # nothing listens there
    result = kg_serve(f"http://127.0.0.1:{port}/sparql")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"kg: error: http://127.0.0.1:{port}/sparql: cannot reach the SPARQL endpoint" in result.stderr


def test_a_web_page_is_no_endpoint(endpoint):
    result = kg_serve(f"http://127.0.0.1:{endpoint.server_port}/page")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "not a SPARQL endpoint?" in result.stderr


def test_the_query_goes_to_the_endpoint_with_the_predeclared_prefixes(served, endpoint):
    status, body = ask(served, "SELECT ?s WHERE { ?s rdfs:label 'urn:one' }")
    assert status == 200 and json.loads(body)["results"]["bindings"] == [{"s": {"type": "uri", "value": "urn:x"}}]
    sent = next(q for q in endpoint.seen if "urn:one" in q)
    assert sent.startswith("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT") and "\n" not in sent


def test_a_prefix_named_in_a_comment_is_still_sent(served, endpoint):
    """The query's own declarations are read from its parse, not its text: "prefix rdfs:" in a
    comment declares nothing, so the predeclared rdfs: is sent (else the endpoint's own would be used)."""
    status, _ = ask(served, "# no prefix rdfs: here\nSELECT ?s WHERE { ?s rdfs:label 'urn:one' }")
    sent = next(q for q in reversed(endpoint.seen) if "# no prefix rdfs: here" in q)
    assert status == 200 and sent.startswith("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> #")


@pytest.mark.parametrize("how", ["query", "update", "direct update", "service", "load", "bif", "function", "prefix",
                                 "escape"])
def test_updates_and_service_are_refused_before_anything_is_sent(served, endpoint, how):
    marker = "urn:refused-" + how.replace(" ", "-")
    insert = f"INSERT DATA {{ <{marker}> <urn:p> <urn:o> }}"
    status, body = {
        "query": lambda: ask(served, insert),
        "update": lambda: ask(served, params={"update": insert}),
        "direct update": lambda: ask(served, data=insert.encode(), headers={"Content-Type": "application/sparql-update"}),
        "service": lambda: ask(served, f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:1/sparql> {{ ?s ?p <{marker}> }} }}"),
        "load": lambda: ask(served, f"LOAD <http://127.0.0.1:1/{marker}>"),
        # Virtuoso's SQL functions (bif:http_get fetches a URL), any extension function, its own prefixes
        "bif": lambda: ask(served, f"SELECT (bif:http_get('http://127.0.0.1:1/{marker}') AS ?x) {{}}"),
        "function": lambda: ask(served, f"SELECT (<http://www.openlinksw.com/schemas/bif#file_to_string>"
                                        f"('/etc/{marker}') AS ?x) {{}}"),
        "prefix": lambda: ask(served, f"SELECT * WHERE {{ ?s dbo:name '{marker}' }}"),
        # rdflib expands \u everywhere and reads a string here; Virtuoso and Oxigraph read a bif: call
        "escape": lambda: ask(served, 'SELECT * WHERE { BIND("\\u0022 AS ?a) BIND(" AS ?z) '
                                      f'BIND(bif:concat(\'{marker}\') AS ?y) #" AS ?b)\n}}'),
    }[how]()
    assert status in (400, 403) and any(w in body for w in ("SERVICE", "Update", "read-only", "prefix", "function",
                                                             "escapes")), body
    ask(served, "SELECT * WHERE { ?s ?p 'urn:one' }")        # a query sent after: the record is up to date
    assert any("urn:one" in q for q in endpoint.seen)
    assert not [q for q in endpoint.seen if marker in q]


def test_a_query_past_the_time_limit_is_503(served):
    for marker in ("urn:slow", "urn:trickle"):        # no answer at all; one row, then nothing
        started = time.monotonic()
        status, body = ask(served, f"SELECT * WHERE {{ ?s ?p <{marker}> }}")
        assert status == 503 and f"query stopped after {TIMEOUT} s, the server's time limit" in body, body
        assert time.monotonic() - started < TIMEOUT + 3
    assert ask(served, "SELECT * WHERE { ?s ?p 'urn:one' }")[0] == 200      # and the next one is answered


def test_a_result_past_the_row_limit_is_cut_as_on_the_embedded_store(served):
    status, body = ask(served, "SELECT ?n WHERE { ?n ?p 'urn:many' }")
    assert status == 400 and f"the result has more than {LIMIT} rows" in body
    status, body = ask(served, "SELECT ?n WHERE { ?n ?p 'urn:many' }", headers={"Accept": "text/csv"})
    assert status == 400


def test_an_endpoints_failure_is_502_with_its_message(served):
    status, body = ask(served, "SELECT * WHERE { ?s ?p 'urn:fail' }")
    assert status == 502 and "answered 500" in body and "SR171: Transaction timed out" in body
    assert "SPARQL query:" not in body                # the query it repeats is left out
    status, body = ask(served, "SELECT * WHERE { ?s ?p 'urn:garbage' }")
    assert status == 502 and "cannot be read" in body


def test_a_query_the_endpoint_cannot_read_is_400_with_its_message(served):
    status, body = ask(served, "SELECT * WHERE { ?s ?p 'urn:bad' }")
    assert status == 400 and body.startswith("query failed: the SPARQL endpoint refused it") and "SP030" in body


def test_virtuosos_terms_are_read_as_meant(served):
    status, body = ask(served, "SELECT * WHERE { ?b ?yes 'urn:terms' }")
    cells = json.loads(body)["results"]["bindings"][0]
    assert status == 200 and cells["b"] == {"type": "bnode", "value": "b10000"}
    assert cells["yes"]["value"] == "true" and cells["no"]["value"] == "false"
    assert cells["word"] == {"type": "literal", "value": "yes", "xml:lang": "en"}
    status, body = ask(served, "SELECT * WHERE { ?b ?yes 'urn:terms' }", headers={"Accept": "text/tab-separated-values"})
    assert body.splitlines()[1].split("\t")[:3] == ["_:b10000", '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>',
                                                   '"false"^^<http://www.w3.org/2001/XMLSchema#boolean>']


def test_an_ask_in_any_of_the_shapes_endpoints_write(served):
    assert json.loads(ask(served, "ASK { ?s ?p 'urn:ask' }")[1]) == {"head": {}, "boolean": True}
    assert json.loads(ask(served, "ASK { ?s ?p 'urn:boolean' }")[1]) == {"head": {}, "boolean": False}
    assert ask(served, "ASK { ?s ?p 'urn:ask' }", headers={"Accept": "text/csv"})[1] == "_askResult\r\ntrue\r\n"


def test_results_before_their_head(served):
    status, body = ask(served, "SELECT ?s WHERE { ?s ?p 'urn:late-head' }", headers={"Accept": "text/csv"})
    assert status == 200 and body == "s\r\nlate\r\n"


def test_a_format_that_does_not_fit_is_406_before_anything_is_sent(served, endpoint):
    status, _ = ask(served, "SELECT * WHERE { ?s ?p 'urn:not-acceptable' }", headers={"Accept": "text/turtle"})
    assert status == 406 and not [q for q in endpoint.seen if "urn:not-acceptable" in q]


def test_ctrl_c_while_a_query_waits_on_the_endpoint(endpoint):
    """No time limit, the endpoint silent: Ctrl-C answers the waiting request 503 and the server ends
    at once, without a traceback."""
    process, base = start(f"http://127.0.0.1:{endpoint.server_port}/sparql", "--timeout", "0")
    got: dict = {}
    endpoint.stalled.clear()
    client = threading.Thread(target=lambda: got.update(answer=ask(base, "SELECT * WHERE { ?s ?p 'urn:slow' }")))
    client.start()
    try:
        assert endpoint.stalled.wait(60), "the query did not reach the endpoint"
    finally:
        process.send_signal(2)
        out, _ = process.communicate(timeout=60)
    client.join(timeout=60)
    assert process.returncode == 0 and "Traceback" not in out and "stopped" in out, out
    assert got["answer"][0] == 503 and "the server is stopping" in got["answer"][1]
