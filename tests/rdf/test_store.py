"""The KnowledgeGraph store: idempotent ingestion, stable IRIs, persistence on disk, loading files."""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from conftest import EXAMPLES, as_graph, assert_same_graphs, build_seed, difference, named_graphs
from kg.rdf import iris
from kg.api import build
from kg.graph import KnowledgeGraph
from kg.ids import content_id
from kg.model import Document, Extraction

TOKAYEV = iris.entity("Person", "Kassym-Jomart Tokayev")
MASIMOV = iris.entity("Person", "Karim Masimov")
ARRESTED = iris.term("arrested")
ARRESTS_QUERY = "SELECT ?who ?whom WHERE { ?who nkg:arrested ?whom }"

SECOND_ARTICLE = ("Police in Almaty arrested Karim Masimov, the former head of the National Security Committee, "
                  "on Saturday.\n\nKassym-Jomart Tokayev said the CSTO troops would leave Kazakhstan soon.\n")
THIRD_ARTICLE = ("Vladimir Putin met Kassym-Jomart Tokayev in Moscow on Tuesday.\n\n"
                 "The Kremlin said Russian troops had been deployed to Kazakhstan.\n")


def iris_of(kg: KnowledgeGraph) -> set[URIRef]:
    return {t for quad in kg.dataset.quads((None, None, None, None)) for t in quad if isinstance(t, URIRef)}


@contextlib.contextmanager
def opened(store: Path):
    kg = KnowledgeGraph(store=store)
    try:
        yield kg
    finally:
        kg.close()


@pytest.fixture(scope="module")
def seed_extraction(seed_build):
    """The Extraction of examples/seed.txt (spaCy is already loaded by seed_build)."""
    from kg.extract import Extractor
    from kg.model import Document
    from kg.io.read import read

    docs = [d for d in read([EXAMPLES / "seed.txt"]) if isinstance(d, Document)]
    assert len(docs) == 1
    return Extractor().extract(docs[0])


def test_reingesting_a_document_replaces_its_graph_and_changes_nothing(seed_extraction):
    """Adding the same document again replaces its named graph: same size, isomorphic graphs, and a
    triple left in that graph by an earlier run is gone."""
    kg = KnowledgeGraph()
    size = kg.add(seed_extraction)
    assert size > 500
    before, total = named_graphs(kg), len(kg)
    doc_graph = iris.document_graph(seed_extraction.document.id)
    assert doc_graph in before and iris.ONTOLOGY_GRAPH in before

    stale = (TOKAYEV, iris.term("allyOf"), iris.entity("Person", "Someone From An Older Run"))
    kg.dataset.graph(doc_graph).add(stale)
    assert len(kg) == total + 1

    assert kg.add(seed_extraction) == size
    assert len(kg) == total
    assert stale not in kg.dataset.graph(doc_graph)
    assert_same_graphs(named_graphs(kg), before)


def test_building_twice_gives_the_same_graph_and_iris(seed_build):
    """Two builds of the same input are isomorphic per named graph and mint exactly the same IRIs."""
    first, first_report = seed_build
    second, second_report = build_seed()
    assert (second_report.triples, second_report.relations, second_report.claims, second_report.events) == \
           (first_report.triples, first_report.relations, first_report.claims, first_report.events)
    assert second.document_graphs() == first.document_graphs()
    assert iris_of(second) == iris_of(first)
    assert_same_graphs(named_graphs(second), named_graphs(first))


def test_on_disk_store_keeps_its_triples_after_reopening(tmp_path, seed_build):
    """A build into a store folder survives close and reopen (same size, same graphs), and building
    the same input into it again changes nothing."""
    store = tmp_path / "store"
    kg, report = build([EXAMPLES], store=store)
    try:
        size, graphs = len(kg), named_graphs(kg)
    finally:
        kg.close()
    assert size == report.triples == len(seed_build[0])
    assert iris.ONTOLOGY_GRAPH in graphs and len(graphs) == 2
    assert any(p.name.startswith("MANIFEST") for p in store.iterdir()), "nothing written to the store folder"

    with opened(store) as reopened:
        assert len(reopened) == size
        assert reopened.document_graphs() == seed_build[0].document_graphs()
        assert_same_graphs(named_graphs(reopened), graphs)
        assert (TOKAYEV, ARRESTED, MASIMOV) in reopened.dataset

    kg, _ = build([EXAMPLES], store=store)      # re-ingestion into the existing store
    try:
        assert len(kg) == size
        assert_same_graphs(named_graphs(kg), graphs)
    finally:
        kg.close()

    reloaded = KnowledgeGraph.load(store)       # a store folder is a valid target of load
    try:
        assert len(reloaded) == size
    finally:
        reloaded.close()


def test_query_on_a_reopened_store_finds_the_same_facts(tmp_path, seed_build):
    """SPARQL on a reopened store returns the facts the in-memory build has."""
    store = tmp_path / "store"
    kg, _ = build([EXAMPLES], store=store)
    kg.close()
    with opened(store) as reopened:
        rows = {(row.who, row.whom) for row in reopened.query(ARRESTS_QUERY)}
    assert (TOKAYEV, MASIMOV) in rows
    assert rows == {(row.who, row.whom) for row in seed_build[0].query(ARRESTS_QUERY)}


def test_query_select_ask_construct_in_memory(seed_build):
    """The in-memory graph answers SELECT, ASK and CONSTRUCT with the predeclared prefixes."""
    kg = seed_build[0]
    rows = kg.query("SELECT ?label WHERE { ?who nkg:arrested ?whom . ?whom rdfs:label ?label }")
    assert "Karim Masimov" in {str(row.label) for row in rows}
    assert kg.query("ASK { ?x nkg:arrested ?y }").askAnswer is True
    assert kg.query(f"ASK {{ ?x nkg:arrested <{iris.entity('Person', 'Nobody')}> }}").askAnswer is False
    constructed = kg.query("CONSTRUCT { ?x nkg:arrested ?y } WHERE { ?x nkg:arrested ?y }").graph
    assert (TOKAYEV, ARRESTED, MASIMOV) in constructed


def test_two_documents_give_two_named_graphs_and_the_ontology(tmp_path, seed_build):
    """Each document gets its own named graph holding its nkg:Document node; the ontology has one more."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text(THIRD_ARTICLE, encoding="utf-8")
    kg, report = build([folder])
    assert report.documents == 2 and not report.problems
    graphs = named_graphs(kg)
    docs = kg.document_graphs()
    assert len(docs) == 2
    assert set(graphs) == {*docs, iris.ONTOLOGY_GRAPH}
    sources = set()
    for name in docs:
        doc_ids = [s for s in graphs[name].subjects(iris.NKG.contentHash, None)]
        assert len(doc_ids) == 1, f"{name} holds {len(doc_ids)} documents"
        assert name == iris.document_graph(iris.local_name(doc_ids[0]))
        sources |= {str(o) for o in graphs[name].objects(doc_ids[0], iris.NKG.source)}
    assert {Path(s).name for s in sources} == {"a.txt", "b.txt"}
    people = {str(label) for g in graphs.values() for label in g.objects(MASIMOV, RDFS.label)}
    assert people == {"Karim Masimov"}
    assert len(kg) == sum(len(g) for g in graphs.values())
    assert len(graphs[iris.ONTOLOGY_GRAPH]) == len(named_graphs(seed_build[0])[iris.ONTOLOGY_GRAPH])


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_load_a_quad_file_restores_every_document_graph(seed_build, seed_exports, fmt):
    """KnowledgeGraph.load of a .trig (or .nq, .jsonld) export gives back the same document graphs,
    and an ontology graph with every named class and property of the original."""
    original = named_graphs(seed_build[0])
    loaded = KnowledgeGraph.load(seed_exports[fmt])
    graphs = named_graphs(loaded)
    assert loaded.document_graphs() == seed_build[0].document_graphs()
    assert set(graphs) == set(original)
    assert_same_graphs({n: graphs[n] for n in loaded.document_graphs()},
                       {n: original[n] for n in loaded.document_graphs()})
    ontology_problem = difference(graphs[iris.ONTOLOGY_GRAPH], original[iris.ONTOLOGY_GRAPH])
    assert "only in" not in ontology_problem, ontology_problem


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_load_a_quad_file_is_a_faithful_round_trip(seed_build, seed_exports, fmt):
    """Loading an export gives back exactly the exported dataset: same size, isomorphic graphs."""
    loaded = KnowledgeGraph.load(seed_exports[fmt])
    assert_same_graphs(named_graphs(loaded), named_graphs(seed_build[0]))
    assert len(loaded) == len(seed_build[0])


@pytest.mark.parametrize("fmt", ["trig", "nq", "ttl"])
def test_load_reads_these_formats_with_oxigraphs_parser_as_rdflib_reads_them(seed_exports, fmt, monkeypatch):
    """TriG, N-Quads and Turtle are read by Oxigraph's parser (rdflib's is not called), and the graphs
    are those rdflib's parser gives."""
    from kg.rdf import store as store_module
    monkeypatch.setattr(store_module, "NATIVE_FORMATS", {})
    by_rdflib = KnowledgeGraph.load(seed_exports[fmt])
    monkeypatch.undo()

    def refuse(*args):
        raise AssertionError("rdflib's parser was called")
    monkeypatch.setattr(store_module, "parse_file", refuse)
    native = KnowledgeGraph.load(seed_exports[fmt])
    assert len(native) == len(by_rdflib)
    assert_same_graphs(named_graphs(native), named_graphs(by_rdflib))


def test_a_file_oxigraph_refuses_gets_rdflibs_message(tmp_path):
    """A file Oxigraph's parser stops in (here, after a first good triple) is read again by rdflib's,
    whose error names the file (kg.rdf.rdffile), as before the fast path."""
    bad = tmp_path / "bad.nt"
    bad.write_text('<http://a.example/s> <http://a.example/p> "ok" .\n<http://a.example/s> <http://a.example/p> .\n',
                   encoding="utf-8")
    with pytest.raises(ValueError, match="bad.nt"):
        KnowledgeGraph.load(bad)


def test_load_a_turtle_file_gives_the_union(seed_build, seed_exports):
    """KnowledgeGraph.load of the .ttl export holds every triple of the documents and the ontology."""
    union = as_graph(KnowledgeGraph.load(seed_exports["ttl"]).union())
    problem = difference(union, as_graph(seed_build[0].union()))
    assert "only in" not in problem, problem
    assert (TOKAYEV, ARRESTED, MASIMOV) in union


def test_load_a_turtle_file_is_a_faithful_round_trip(seed_build, seed_exports):
    """The union of a loaded .ttl export is isomorphic to the union that was exported."""
    union = as_graph(KnowledgeGraph.load(seed_exports["ttl"]).union())
    problem = difference(union, as_graph(seed_build[0].union()))
    assert not problem, problem


def test_load_refuses_an_unknown_suffix(tmp_path):
    """A file that is no RDF format is refused with a message naming the accepted suffixes."""
    path = tmp_path / "graph.csv"
    path.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"graph\.csv: not an RDF file.*\.trig.*\.ttl"):
        KnowledgeGraph.load(path)


def test_load_refuses_a_missing_file(tmp_path):
    """A missing RDF file raises FileNotFoundError saying so."""
    with pytest.raises(FileNotFoundError, match="missing.trig: no such file"):
        KnowledgeGraph.load(tmp_path / "missing.trig")


def test_load_of_a_missing_folder_says_no_such_file(tmp_path):
    """A misspelt store folder is reported as missing, not as a wrong format."""
    with pytest.raises(FileNotFoundError, match="no such file"):
        KnowledgeGraph.load(tmp_path / "no-such-store")
    assert not (tmp_path / "no-such-store").exists()


def test_load_of_a_folder_that_is_no_store_leaves_it_alone(tmp_path):
    """Loading a folder that is not a store (a folder of articles) is refused and writes nothing there."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    try:
        with pytest.raises((ValueError, FileNotFoundError), match="store"):
            KnowledgeGraph.load(folder).close()
    finally:
        assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]


def article(text: str, source: str, url: str | None = None) -> Extraction:
    """A document without anything found in it: enough for its document node and graph."""
    return Extraction(Document(content_id(text), text, source, url=url))


def sources(kg: KnowledgeGraph) -> dict[str, str]:
    """Each document graph's source -> the content hash of its document."""
    rows = kg.query("SELECT ?src ?hash WHERE { ?d nkg:source ?src ; nkg:contentHash ?hash }")
    return {str(src): str(h) for src, h in rows}


def test_a_new_version_of_a_source_replaces_the_old_one():
    """A document's identity is its source: an edited article replaces its earlier version's graph,
    while other articles keep theirs."""
    kg = KnowledgeGraph()
    kg.add(article("First version.", "news/a.txt"))
    kg.add(article("Another article.", "news/b.txt"))
    kg.add(article("A third one.", "old/a.txt"))
    kg.add(article("Second version, edited.", "news/a.txt"))
    assert sources(kg) == {"news/a.txt": content_id("Second version, edited."),
                           "news/b.txt": content_id("Another article."),
                           "old/a.txt": content_id("A third one.")}
    assert len(kg.document_graphs()) == 3


def test_a_new_version_of_a_url_replaces_the_old_one():
    """The same URL read from another line of a JSON Lines file is the same article, edited."""
    kg = KnowledgeGraph()
    kg.add(article("Old text.", "feed.jsonl#1", url="https://example.org/story"))
    kg.add(article("New text.", "feed.jsonl#4", url="https://example.org/story"))
    assert sources(kg) == {"feed.jsonl#4": content_id("New text.")}


def test_replacing_leaves_other_graphs_alone(tmp_path):
    """A graph that is not a document's own (a file loaded into the store) is never dropped, even
    when it mentions the same source."""
    kg = KnowledgeGraph()
    kg.add(article("First version.", "news/a.txt"))
    other = URIRef("https://example.org/graph/notes")
    kg.dataset.graph(other).add((URIRef("https://example.org/n"), iris.term("source"), Literal("news/a.txt")))
    kg.add(article("Second version.", "news/a.txt"))
    assert len(kg.dataset.graph(other)) == 1
    assert sources(kg)["news/a.txt"] == content_id("Second version.")


class _CountingFlush:
    """An Oxigraph store that counts its flushes (and does everything else as the real one)."""

    def __init__(self, inner):
        self.inner, self.flushes = inner, 0

    def flush(self):
        self.flushes += 1
        self.inner.flush()

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_a_store_on_disk_flushes_every_so_many_quads_so_a_builds_memory_stays_flat(tmp_path, monkeypatch):
    """Oxigraph keeps what it is given in memory until a flush: a store on disk flushes after every
    FLUSH_QUADS quads added, and keeps every one of them; one in memory never does."""
    from kg.rdf import store as store_module
    monkeypatch.setattr(store_module, "FLUSH_QUADS", 5)
    counting: dict[int, _CountingFlush] = {}
    real = store_module.Store.oxigraph
    monkeypatch.setattr(store_module.Store, "oxigraph", property(
        lambda self: counting.setdefault(id(self), _CountingFlush(real.fget(self)))))
    for path in (tmp_path / "s", None):
        kg = KnowledgeGraph(store=path)
        sizes = [kg.add(article(f"Article number {i}.", f"news/{i}.txt")) for i in range(6)]
        assert len(sources(kg)) == 6 and sum(sizes) >= 18
        flushes = counting[id(kg)].flushes
        if path is None:
            assert flushes == 0
        else:
            assert flushes >= sum(sizes) // 5 - 1
        kg.close()
        counting.clear()                # lets go of the store: its lock goes with the last reference
    with opened(tmp_path / "s") as kg:
        assert len(sources(kg)) == 6
