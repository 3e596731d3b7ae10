"""Cross-document entity resolution (kg/resolution/): small corpora of hand-made document graphs, so
no article is parsed and the tests stay fast."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF

from kg.rdf import iris
from kg.rdf.iris import term
from kg.rdf.store import Store
from kg.resolution import clear, redo, resolve, undo, undone
from kg.resolution.graph import resolution_triples
from resolution_corpus import ARSENAL, BANKS, BLAIR, FILLER, LABOUR, UNITED, corpus, entity


def pairs(res) -> set[tuple[str, str, str]]:
    """(the node merged, the canonical node, rule) of every merge, IRIs shortened to class/name."""
    short = lambda i: i.removeprefix(str(iris.ID))  # noqa: E731
    return {(short(m.member if m.member != c.canonical else m.target), short(c.canonical), m.rule)
            for c in res.clusters for m in c.merges}


CASES = [
    ("a surname joins the only full name whose articles agree", BLAIR,
     {("person/blair", "person/tony-blair", "surname-only")}),
    ("a different Smith: the only full name, but the context disagrees",
     {"a": [("Person", "John Smith", ("Smith",)), *ARSENAL], "b": [("Person", "Smith"), *BANKS]},
     set()),
    ("a surname node is one decision for all its articles: one that says nothing of the full name blocks it",
     {"a": [("Person", "John Smith"), *ARSENAL], "b": [("Person", "Smith"), *ARSENAL],
      "c": [("Person", "Smith"), ("Country", "United Kingdom")]},
     set()),
    ("two full names of one surname never merge, even in the same context",
     {"a": [("Person", "John Smith"), *ARSENAL], "b": [("Person", "Jane Smith"), *ARSENAL]},
     set()),
    ("of two full names, the one whose articles share the context",
     {"a": [("Person", "Gordon Brown"), ("PoliticalParty", "Labour"), ("GovernmentBody", "Downing Street")],
      "b": [("Person", "Danny Brown"), *UNITED], "c": [("Person", "Brown"), *UNITED]},
     {("person/brown", "person/danny-brown", "surname-context")}),
    ("an initial joins the only full name with that surname and initial; two of them, none",
     {"a": [("Person", "Graham Rowntree"), *ARSENAL], "b": [("Person", "G Rowntree"), *ARSENAL],
      "c": [("Person", "Jane Smith")], "d": [("Person", "John Smith")], "e": [("Person", "J Smith")]},
     {("person/g-rowntree", "person/graham-rowntree", "initial")}),
    ("Mrs Blair is not Tony Blair",
     {"a": [("Person", "Tony Blair"), *LABOUR], "b": [("Person", "Blair", ("Mrs Blair",)), *LABOUR]},
     set()),
    ("an organisation's acronym and the only name with its initials",
     {"a": [("Organization", "Campaign for Nuclear Disarmament"), *LABOUR],
      "b": [("Organization", "CND"), *LABOUR]},
     {("organization/cnd", "organization/campaign-for-nuclear-disarmament", "acronym")}),
    ("one name in two classes of a family; a gazetteer's acronym",
     {"a": [("Company", "Barclays"), ("Organization", "WTO")],
      "b": [("Organization", "Barclays"), ("Organization", "World Trade Organization")],
      "c": [("Company", "Barclays")]},
     {("organization/barclays", "company/barclays", "same-name"),
      ("organization/wto", "organization/world-trade-organization", "gazetteer")}),
    ("a legal form and an article are no part of the key",
     {"a": [("Company", "The Walt Disney Co.")], "b": [("Company", "Walt Disney")]},
     {("company/the-walt-disney-co", "company/walt-disney", "same-key")}),
    ("a person and a firm of one name stay apart",
     {"a": [("Person", "Ford")], "b": [("Company", "Ford")]},
     set()),
]


@pytest.mark.parametrize("articles,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_merges(articles, expected):
    res = resolve(corpus({**FILLER, **articles}))
    assert pairs(res) == expected


def _resolution_graph(store: Store) -> set:
    return set(store.dataset.graph(iris.RESOLUTION_GRAPH))


FIRMS = {f"firm-{k}": v for name, articles, _ in CASES if name.startswith("one name in two classes")
         for k, v in articles.items()}


def test_each_merge_is_a_record_with_its_evidence():
    store = corpus({**FILLER, **BLAIR})
    res = resolve(store)
    (merge,) = res.merges
    g = store.dataset.graph(iris.RESOLUTION_GRAPH)
    node = iris.merge(merge.id)
    assert (node, RDF.type, term("EntityMerge")) in g
    assert (node, term("rule"), Literal("surname-only")) in g
    assert (node, term("evidenceDocument"), iris.document("b")) in g
    assert (node, term("evidenceLabel"), Literal("Mr Blair")) in g
    assert (URIRef(entity("Person", "Blair")), OWL.sameAs, URIRef(entity("Person", "Tony Blair"))) in g
    assert res.nodes - res.nodes_after == 1
    assert "Tony Blair" in str(g.value(node, term("reason")))


def test_running_twice_gives_the_same_graph():
    store = corpus({**FILLER, **BLAIR, **FIRMS})
    first = (resolve(store), _resolution_graph(store))
    second = (resolve(store), _resolution_graph(store))
    assert first[1] == second[1] and first[0].clusters == second[0].clusters and len(first[1]) > 10


def test_a_document_added_later_gives_what_a_run_from_scratch_gives():
    later = corpus({**FILLER, "a": BLAIR["a"]})
    resolve(later)
    corpus({"b": BLAIR["b"]}, later)
    resolve(later)
    scratch = corpus({**FILLER, **BLAIR})
    resolve(scratch)
    assert _resolution_graph(later) == _resolution_graph(scratch) and _resolution_graph(later)


def test_undo_keeps_the_two_apart_in_later_runs_and_redo_brings_them_back():
    store = corpus({**FILLER, **BLAIR})
    (merge,) = resolve(store).merges
    res = undo(store, merge.id, "a different Blair")
    assert res.merges == () and [v.note for v in undone(store)] == ["a different Blair"]
    assert resolve(store).merges == ()                      # a later run respects it
    assert not _resolution_graph(store)
    res = redo(store, str(iris.merge(merge.id)))
    assert [m.id for m in res.merges] == [merge.id] and undone(store) == []


def test_clear_drops_the_merges_and_keeps_what_was_undone():
    store = corpus({**FILLER, **BLAIR, **FIRMS})
    (merge,) = [m for m in resolve(store).merges if m.rule == "surname-only"]
    undo(store, merge.id)
    assert _resolution_graph(store)
    clear(store)
    assert not _resolution_graph(store) and [v.id for v in undone(store)] == [merge.id]


def test_undo_of_an_unknown_merge_says_so():
    store = corpus({**FILLER, **BLAIR})
    resolve(store)
    with pytest.raises(ValueError, match="no merge 0000000000000000"):
        undo(store, "0000000000000000")
    with pytest.raises(ValueError, match="is no merge id"):
        undo(store, "> } DROP ALL #")


def test_the_resolved_graph_conforms():
    store = corpus({**FILLER, **BLAIR, **FIRMS})
    resolve(store)
    (merge,) = [m for m in resolve(store).merges if m.rule == "surname-only"]
    undo(store, merge.id)
    report = store.validate()
    assert report.conforms, report.text


def test_the_resolution_graphs_are_no_documents_graphs():
    store = corpus({**FILLER, **BLAIR, **FIRMS})
    (merge,) = [m for m in resolve(store).merges if m.rule == "surname-only"]
    undo(store, merge.id)                        # both graphs of the resolution are there
    assert _resolution_graph(store) and undone(store)
    assert len(store.document_graphs()) == len(FILLER) + len(BLAIR) + len(FIRMS)


def test_the_records_carry_what_the_clusters_say():
    store = corpus({**FILLER, **FIRMS})
    res = resolve(store, save=False)
    triples = resolution_triples(res)
    same = {(str(s), str(o)) for s, p, o in triples if p == OWL.sameAs}
    assert same == {(m, c.canonical) for c in res.clusters for m in c.members}
    assert not _resolution_graph(store)                     # save=False writes nothing


def test_the_exports_fingerprint_sees_the_resolution_change_at_the_same_size():
    """The exports are written again when the merges change, even when the documents and the number
    of triples do not (a merge undone and another made): the stamp covers the resolution's graphs."""
    from kg.corpus.stamp import fingerprint
    store = corpus({**FILLER, **BLAIR})
    resolve(store)
    before = fingerprint(store)
    assert fingerprint(store) == before
    swapped = [(s, p, Literal("another rule") if p == term("rule") else o)
               for s, p, o in store.dataset.get_context(iris.RESOLUTION_GRAPH)]
    store.replace_graph(iris.RESOLUTION_GRAPH, swapped)
    assert len(store.dataset.get_context(iris.RESOLUTION_GRAPH)) == len(swapped)
    assert fingerprint(store) != before
