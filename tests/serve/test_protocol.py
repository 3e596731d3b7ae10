"""The SPARQL 1.1 Protocol of `kg serve`, through SPARQLWrapper and plain HTTP, on a real server."""
from __future__ import annotations

import csv
import http.client
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
from rdflib import Dataset, Graph, URIRef

from serving import LIMIT, TIMEOUT, server  # noqa: F401  (the fixture)

ARRESTS = ("SELECT ?who ?whom WHERE { ?a nkg:arrested ?b . ?a rdfs:label ?who . ?b rdfs:label ?whom }")
LABELS = "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a nkg:Person ; rdfs:label ?l }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"      # 2430^3 rows to count
ONTOLOGY = "https://newskg.dev/graph/ontology"
SRX = "{http://www.w3.org/2005/sparql-results#}"


def fetch(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) of a request; an HTTP error status is returned, not raised."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def get(base: str, query: str, accept: str | None = None, **params):
    pairs = [("query", query)] + [(k.replace("_", "-"), v) for k, vs in params.items() for v in vs]
    return fetch(base + "sparql?" + urllib.parse.urlencode(pairs), headers={"Accept": accept} if accept else {})


def rows(body: bytes) -> list[dict]:
    data = json.loads(body)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def test_sparqlwrapper_select_ask_construct(server):
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper
    sw = SPARQLWrapper(server + "sparql")
    sw.setQuery(ARRESTS)
    sw.setReturnFormat(JSON)
    found = {(b["who"]["value"], b["whom"]["value"]) for b in sw.query().convert()["results"]["bindings"]}
    assert ("Kassym-Jomart Tokayev", "Karim Masimov") in found
    sw.setQuery("ASK { ?x nkg:allyOf ?y }")
    assert sw.query().convert()["boolean"] is True
    sw.setQuery(LABELS)
    sw.setReturnFormat(TURTLE)
    g = Graph().parse(data=sw.query().convert(), format="turtle")
    assert "Vladimir Putin" in {str(o) for o in g.objects()}


def test_sparqlwrapper_posts_a_query(server):
    from SPARQLWrapper import JSON, POST, POSTDIRECTLY, SPARQLWrapper
    sw = SPARQLWrapper(server + "sparql")
    sw.setMethod(POST)
    sw.setReturnFormat(JSON)
    for mode in ("urlencoded", POSTDIRECTLY):
        sw.setRequestMethod(mode)
        sw.setQuery(ARRESTS)
        assert len(sw.query().convert()["results"]["bindings"]) >= 1


def test_rdflib_reads_the_endpoint_as_a_graph(server):
    from rdflib.namespace import RDFS
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    g = Graph(store=SPARQLStore(server + "sparql"))
    assert [str(o) for o in g.objects(URIRef("https://newskg.dev/id/person/karim-masimov"), RDFS.label)] == \
        ["Karim Masimov"]


def test_get_form_and_direct_post_give_the_same_rows(server):
    accept = {"Accept": "application/sparql-results+json"}
    by_get = rows(get(server, ARRESTS)[2])
    form = urllib.parse.urlencode({"query": ARRESTS}).encode()
    by_form = fetch(server + "sparql", form, {**accept, "Content-Type": "application/x-www-form-urlencoded"})
    direct = fetch(server + "sparql", ARRESTS.encode(), {**accept, "Content-Type": "application/sparql-query"})
    assert by_form[0] == direct[0] == 200
    assert by_get and rows(by_form[2]) == by_get == rows(direct[2])


def test_select_results_in_every_format(server):
    status, headers, body = get(server, ARRESTS, "application/sparql-results+xml")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+xml")
    names = {b.find(f"{SRX}literal").text for b in ET.fromstring(body).iter(f"{SRX}binding")}
    assert {"Kassym-Jomart Tokayev", "Karim Masimov"} <= names
    status, headers, body = get(server, ARRESTS, "text/csv")
    table = list(csv.reader(io.StringIO(body.decode())))
    assert headers["Content-Type"].startswith("text/csv") and table[0] == ["who", "whom"]
    assert ["Kassym-Jomart Tokayev", "Karim Masimov"] in table
    status, headers, body = get(server, ARRESTS, "text/tab-separated-values")
    lines = body.decode().splitlines()
    assert lines[0] == "?who\t?whom" and '"Kassym-Jomart Tokayev"\t"Karim Masimov"' in lines
    status, headers, body = get(server, "ASK { ?x nkg:arrested ?y }", "application/sparql-results+xml")
    assert ET.fromstring(body).find(f"{SRX}boolean").text == "true"
    assert json.loads(get(server, "ASK { ?x nkg:arrested nkg:Nobody }")[2])["boolean"] is False


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                        ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")])
def test_construct_in_every_rdf_format(server, accept, fmt):
    status, headers, body = get(server, LABELS, accept)
    assert status == 200 and headers["Content-Type"].startswith(accept)
    g = Graph().parse(data=body, format=fmt)
    assert (URIRef("https://newskg.dev/id/person/karim-masimov"), None, None) in g


def test_construct_as_trig_is_its_default_graph(server):
    status, headers, body = get(server, LABELS, "application/trig")
    ds = Dataset().parse(data=body, format="trig")
    assert status == 200 and len(ds) > 3


def test_format_parameter_and_quality_values(server):
    assert get(server, ARRESTS, format=["csv"])[1]["Content-Type"].startswith("text/csv")
    accept = "text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1"
    assert get(server, ARRESTS, accept)[1]["Content-Type"].startswith("application/sparql-results+xml")
    assert get(server, LABELS, "*/*")[1]["Content-Type"].startswith("text/turtle")


def test_a_format_that_does_not_fit_is_406(server):
    status, _, body = get(server, ARRESTS, "image/png")
    assert status == 406 and b"application/sparql-results+json" in body
    assert get(server, LABELS, "text/csv")[0] == 406


def test_service_description_without_a_query(server):
    status, headers, body = fetch(server + "sparql")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = URIRef(server + "sparql")
    assert (endpoint, URIRef(sd + "endpoint"), endpoint) in g
    assert (endpoint, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in g


def test_cors_headers_and_preflight(server):
    _, headers, _ = fetch(server + "sparql?query=" + urllib.parse.quote("ASK {}"),
                          headers={"Origin": "http://elsewhere.example"})
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, headers, _ = fetch(server + "sparql", method="OPTIONS", headers={
        "Origin": "http://elsewhere.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 200 and "POST" in headers["Access-Control-Allow-Methods"]


def test_a_malformed_query_is_400_with_the_parsers_message(server):
    status, _, body = get(server, "SELECT ?s WHERE { ?s ?p }")
    assert status == 400 and b"error at 1:" in body
    assert get(server, "   ")[0] == 400


@pytest.mark.parametrize("text", ["INSERT DATA { <urn:a> <urn:b> <urn:c> }", "LOAD <http://example.org/data.ttl>",
                                  "CLEAR ALL", "DELETE WHERE { ?s ?p ?o }"])
def test_updates_are_refused_however_sent(server, text):
    status, _, body = get(server, text)
    assert status == 400 and b"SPARQL Update" in body
    form = urllib.parse.urlencode({"update": text}).encode()
    status, _, body = fetch(server + "sparql", form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403 and b"read-only" in body
    status, _, body = fetch(server + "sparql", text.encode(), {"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body
    assert get(server, "ASK { <urn:a> <urn:b> <urn:c> }", format=["json"])[2].count(b"false") == 1


def test_service_is_refused(server):
    status, _, body = get(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 400 and b"SERVICE" in body


def test_default_and_named_graph_uri_choose_the_dataset(server):
    classes = "SELECT (COUNT(*) AS ?n) WHERE { ?c a owl:Class }"
    people = "SELECT (COUNT(*) AS ?n) WHERE { ?p a nkg:Person }"
    assert int(rows(get(server, people, default_graph_uri=[ONTOLOGY])[2])[0]["n"]) == 0
    assert int(rows(get(server, classes, default_graph_uri=[ONTOLOGY])[2])[0]["n"]) > 10
    assert int(rows(get(server, people)[2])[0]["n"]) >= 5
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert [r["g"] for r in rows(get(server, graphs, named_graph_uri=[ONTOLOGY])[2])] == [ONTOLOGY]
    assert len(rows(get(server, graphs)[2])) == 2


def test_a_result_over_the_row_limit_is_an_error(server):
    status, _, body = get(server, "SELECT ?s WHERE { ?s ?p ?o }", "text/csv")
    assert status == 400 and f"more than {LIMIT} rows".encode() in body
    assert get(server, f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {LIMIT}", "text/csv")[0] == 200


def test_a_large_result_is_streamed_whole(server):
    big = ("SELECT ?s (CONCAT(" + ", ".join(["?t"] * 40) + ") AS ?text) "
           "WHERE { ?s nkg:sentenceText ?t } LIMIT 900")
    request = urllib.request.Request(server + "sparql?" + urllib.parse.urlencode({"query": big}))
    with urllib.request.urlopen(request, timeout=60) as r:
        assert r.headers["Transfer-Encoding"] == "chunked" and r.headers["Content-Length"] is None
        body = r.read()
    count = rows(get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s nkg:sentenceText ?t }")[2])[0]["n"]
    assert len(body) > 300_000 and len(rows(body)) == int(count) > 50


def test_a_streamed_answer_cut_by_the_row_limit_does_not_look_whole(server):
    big = "SELECT ?s (CONCAT(" + ", ".join(["STR(?o)"] * 40) + ") AS ?text) WHERE { ?s ?p ?o }"
    request = urllib.request.Request(server + "sparql?" + urllib.parse.urlencode({"query": big}))
    with urllib.request.urlopen(request, timeout=60) as r:
        assert r.status == 200
        with pytest.raises(http.client.IncompleteRead):
            r.read()


def test_a_heavy_query_is_stopped_while_others_are_answered(server):
    outcome = {}

    def heavy():
        started = time.monotonic()
        outcome["heavy"] = get(server, HEAVY)
        outcome["seconds"] = time.monotonic() - started
    thread = threading.Thread(target=heavy)
    begun = time.monotonic()
    thread.start()
    answered = 0
    while time.monotonic() - begun < TIMEOUT / 2:      # simple queries all through the heavy one's first half
        started = time.monotonic()
        status, _, body = get(server, ARRESTS)
        assert status == 200 and rows(body)
        assert time.monotonic() - started < 2
        answered += 1
    assert answered >= 3
    assert thread.is_alive(), "the heavy query should still be running while the simple ones are answered"
    thread.join(timeout=TIMEOUT + 30)
    status, _, body = outcome["heavy"]
    assert status == 503 and f"query stopped after {TIMEOUT:g} s".encode() in body
    assert outcome["seconds"] < TIMEOUT + 5
    for _ in range(4):                   # its worker was replaced: every worker answers again
        assert get(server, ARRESTS)[0] == 200


def test_a_keep_alive_client_waits_for_no_delayed_ack(server):
    """Answers on a kept-alive connection come at once: with Nagle's algorithm left on, each answer's
    body would wait for the client's delayed ACK (40 ms on Linux)."""
    port = int(server.rsplit(":", 1)[1].strip("/"))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times = []
    for _ in range(15):
        started = time.perf_counter()
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}))
        response = conn.getresponse()
        assert response.status == 200 and b"true" in response.read()
        times.append(time.perf_counter() - started)
    conn.close()
    assert sorted(times)[len(times) // 2] < 0.035, times


def test_a_post_of_something_else_is_415(server):
    status, _, body = fetch(server + "sparql", b"{}", {"Content-Type": "application/json"})
    assert status == 415


def _post_raw(base: str, head: dict, chunks) -> tuple[int, bytes]:
    """POST ``chunks`` to /sparql with ``head`` as headers; the answer, even if the server answered
    before reading all of it (and then closed while we were still sending)."""
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    conn.putrequest("POST", "/sparql")
    for k, v in head.items():
        conn.putheader(k, v)
    conn.endheaders()
    try:
        for chunk in chunks:
            conn.send(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, body


def test_a_body_declared_too_large_is_413_before_it_is_read(server):
    from kg.serve.protocol import MAX_BODY
    status, body = _post_raw(server, {"Content-Type": "application/sparql-query",
                                      "Content-Length": str(MAX_BODY + 1)}, [b"SELECT * WHERE { ?s ?p ?o }"])
    assert status == 413 and b"at most" in body


def test_a_chunked_body_past_the_cap_is_413(server):
    from kg.serve.protocol import MAX_BODY
    piece = b"# " + b"x" * 65_534 + b"\n"
    count = MAX_BODY // len(piece) + 2
    chunks = [b"%x\r\n%s\r\n" % (len(piece), piece) for _ in range(count)] + [b"0\r\n\r\n"]
    status, body = _post_raw(server, {"Content-Type": "application/sparql-query",
                                      "Transfer-Encoding": "chunked"}, chunks)
    assert status == 413 and b"more than" in body


def test_a_long_query_under_the_cap_is_answered(server):
    query = "# " + "x" * 200_000 + "\nASK { ?s ?p ?o }"
    status, _, body = fetch(server + "sparql", query.encode(), {"Content-Type": "application/sparql-query",
                                                                "Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is True
