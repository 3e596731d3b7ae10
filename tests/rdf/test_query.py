"""Queries only read the dataset: SERVICE and SPARQL Update are refused, FROM restricts the dataset,
time and row limits stop a query, and a store opened read-only is left exactly as it was."""
from __future__ import annotations

import multiprocessing
import re
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES, EXPORTS
from sandbox import files, held, listening, service_queries
from kg.graph import KnowledgeGraph
from kg.rdf import iris
from kg.rdf.running import QueryFailed, QueryOutOfMemory, QueryTimeout
from kg.rdf.sparql import QueryRefused, check, check_sent, keywords
from kg.rdf.store import StoreError

CROSS_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
NOWHERE = "https://newskg.dev/graph/nowhere"


@pytest.fixture(scope="module")
def seed() -> KnowledgeGraph:
    """The committed export, loaded in memory."""
    graph = KnowledgeGraph.load(EXPORTS / "seed.trig")
    yield graph
    graph.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    """A store folder holding the committed export's graphs."""
    path = tmp_path_factory.mktemp("query") / "store"
    graph = KnowledgeGraph(store=path, ontology=False)
    graph.dataset.parse(EXPORTS / "seed.trig", format="trig")
    graph.close()
    return path


@pytest.mark.parametrize("target", ["memory", "store"])
def test_service_is_refused_and_nothing_is_sent(target, seed, store):
    """Every form of SERVICE is refused before anything runs: no connection reaches the endpoint."""
    graph = seed if target == "memory" else KnowledgeGraph(store=store, read_only=True)
    with listening() as (url, reached):
        for name, sparql in service_queries(url).items():
            with pytest.raises(QueryRefused, match="uses SERVICE.*offline"):
                list(graph.query(sparql, timeout=10))
            assert not reached(), f"{name}: a connection reached {url}"


def test_service_in_strings_and_comments_is_not_a_service(seed):
    """The check reads the query, not its text: the word in a string, a comment or a name is no SERVICE."""
    sparql = ('SELECT ?x ?service WHERE { BIND("SERVICE <http://127.0.0.1:9/> { }" AS ?x) '
              'BIND(nkg:service AS ?service) } # SERVICE <http://127.0.0.1:9/>')
    rows = list(seed.query(sparql))
    assert [str(r.x) for r in rows] == ["SERVICE <http://127.0.0.1:9/> { }"]
    assert "service" not in keywords(sparql)


def test_a_query_without_the_word_service_is_read_once():
    """The engine's check skips rdflib's parse when no spelling of "service" is in the text, and still
    refuses an update; any spelling of the word, even one Oxigraph would not read, takes the long way."""
    from kg.rdf.sparql import _parse
    before = _parse.cache_info()
    assert check("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }", graphs=False).has_dataset
    assert not check("SELECT * WHERE { ?s ?p 'x' }", graphs=False).has_dataset
    with pytest.raises(QueryRefused, match="SPARQL Update"):
        check("PREFIX ex: <urn:x#> BASE <urn:b> INSERT DATA { ex:a ex:b ex:c }", graphs=False)
    after = _parse.cache_info()
    assert after.misses + after.hits == before.misses + before.hits
    for spelling in ("SERVICE", "sErViCe", "\u017fervice", "SERV\u0130CE", "ｓｅｒｖｉｃｅ"):
        check(f"SELECT * WHERE {{ ?s ?p ?o }} # {spelling}", graphs=False)
    final = _parse.cache_info()
    assert final.misses + final.hits == after.misses + after.hits + 5


@pytest.mark.parametrize("update", ["INSERT DATA { <http://a> <http://b> <http://c> }",
                                    "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL", "LOAD <{url}>",
                                    "LOAD SILENT <{url}> INTO GRAPH <http://g>", "DROP DEFAULT"])
def test_updates_are_refused(update, seed):
    """SPARQL Update, LOAD among it, is not a query: refused, nothing fetched, nothing changed."""
    size = len(seed)
    with listening() as (url, reached):
        with pytest.raises(QueryRefused, match="SPARQL Update"):
            seed.query(update.replace("{url}", url), timeout=10)
        assert not reached()
    assert len(seed) == size


def test_from_restricts_the_dataset(seed):
    """FROM makes the named graph the default graph; FROM NAMED limits GRAPH; a missing graph is empty."""
    doc = seed.document_graphs()[0]
    count = "SELECT (COUNT(*) AS ?n) {dataset} WHERE {{ ?s ?p ?o }}"
    every = int(next(iter(seed.query(count.format(dataset="")))).n)
    only_doc = int(next(iter(seed.query(count.format(dataset=f"FROM <{doc}>")))).n)
    assert only_doc == len(seed.dataset.graph(doc)) < every
    assert int(next(iter(seed.query(count.format(dataset=f"FROM <{NOWHERE}>")))).n) == 0
    assert seed.query("ASK { ?x nkg:arrested ?y }").askAnswer is True
    assert seed.query(f"ASK FROM <{iris.ONTOLOGY_GRAPH}> {{ ?x nkg:arrested ?y }}").askAnswer is False
    named = seed.query(f"SELECT DISTINCT ?g FROM NAMED <{doc}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", timeout=30)
    assert [r.g for r in named] == [doc]
    assert check(f"PREFIX g: <https://newskg.dev/graph/> SELECT * FROM g:nowhere WHERE {{ ?s ?p ?o }}").graphs \
        == (iris.URIRef(NOWHERE),)


def test_a_timeout_stops_the_query(seed):
    """A cross join that would run for minutes is stopped near its time limit, its process ended."""
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="stopped after 1 s"):
        list(seed.query(CROSS_COUNT, timeout=1))
    assert time.monotonic() - started < 6
    assert multiprocessing.active_children() == []


def test_a_memory_budget_stops_a_huge_sort(seed):
    """A sort of a cross join, which the engine holds in memory (3 GB in 10 s unbounded), is stopped
    when its process passes its budget, well before its time limit."""
    started = time.monotonic()
    with pytest.raises(QueryOutOfMemory, match="more than the 300 MB"):
        list(seed.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c", timeout=60, memory=300))
    assert time.monotonic() - started < 30
    assert multiprocessing.active_children() == []


def test_a_limit_keeps_the_first_rows(seed):
    """``limit`` keeps that many rows of a huge result, at once, and says it cut them."""
    started = time.monotonic()
    result = seed.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=30, limit=10)
    assert len(list(result)) == 10 and result.truncated
    result = seed.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", limit=10)
    assert len(list(result)) == 10 and result.truncated
    assert time.monotonic() - started < 10
    result = seed.query("SELECT ?x WHERE { ?x nkg:arrested ?y }", limit=10)
    assert len(list(result)) == 1 and not result.truncated
    result = seed.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", timeout=30, limit=5)
    assert len(result.graph) == 5 and result.truncated


def test_syntax_errors_say_where(seed):
    with pytest.raises(QueryFailed, match=r"1:\d+"):
        seed.query("SELECT ?x WHERE { ?x nkg:arrested }", timeout=10)
    with pytest.raises(QueryFailed, match=r"1:\d+"):
        seed.query("SELECT ?x WHERE { ?x nkg:arrested }")


def test_a_read_only_store_is_left_as_it_was(store):
    """Opening read-only and querying (here and in the time-limited child) writes nothing: the
    folder's files and sizes are the same after."""
    before = files(store)
    graph = KnowledgeGraph(store=store, read_only=True)
    assert graph.query("ASK { ?x nkg:arrested ?y }").askAnswer is True
    assert len(list(graph.query("SELECT ?x WHERE { ?x nkg:arrested ?y }", timeout=30))) == 1
    graph.close()
    assert files(store) == before


def test_a_busy_store_gives_a_clear_error_and_still_reads(store):
    """While another process writes a store, opening it for writing says so in one sentence, and
    a read-only open (a query) still works."""
    with held(store):
        with pytest.raises(StoreError, match="in use by another process"):
            KnowledgeGraph(store=store)
        graph = KnowledgeGraph(store=store, read_only=True)
        assert graph.query("ASK { ?x nkg:arrested ?y }", timeout=30).askAnswer is True
        graph.close()


def test_a_folder_that_is_not_a_store(tmp_path):
    with pytest.raises(StoreError, match="cannot open the store"):
        KnowledgeGraph(store=tmp_path, read_only=True)


@pytest.mark.parametrize("query,refused", [
    ("SELECT (bif:http_get('http://127.0.0.1:1/') AS ?x) {}", "prefix bif:"),
    ("PREFIX bif: <http://www.openlinksw.com/schemas/bif#> SELECT (bif:file_to_string('/etc/passwd') AS ?x) {}",
     "bif#file_to_string"),
    ("SELECT ?x WHERE { ?x ?p ?o FILTER(<http://example.org/f>(?o)) }", "example.org/f"),
    ("SELECT * WHERE { ?s dbo:name ?o }", "prefix dbo:"),
    ('DEFINE input:grab-all "yes" SELECT * WHERE { ?s ?p ?o }', "not SPARQL 1.1"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", "SERVICE"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "SPARQL Update"),
])
def test_a_query_for_another_endpoint_uses_nothing_only_that_endpoint_knows(query, refused):
    """What goes to another endpoint (kg query URL, kg serve URL) is SPARQL 1.1 with this tool's
    prefixes or its own, and calls no extension function: Virtuoso's bif: ones read files and fetch."""
    with pytest.raises(QueryRefused, match=re.escape(refused)):
        check_sent(query, iris.PREFIXES)


def test_a_query_for_another_endpoint_may_use_the_standard_functions_and_its_own_prefixes():
    for query in ['SELECT (xsd:integer("1") AS ?i) (STRLEN("x") AS ?n) WHERE { ?s nkg:arrested ?o }',
                  "PREFIX : <http://example.org/> SELECT * WHERE { ?s :p ?o }", "ASK {}", "DESCRIBE <urn:x>"]:
        check_sent(query, iris.PREFIXES)
    for path in sorted((EXAMPLES / "queries").glob("*.rq")):
        check_sent(path.read_text(encoding="utf-8"), iris.PREFIXES)
