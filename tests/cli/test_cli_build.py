"""`kg build` against hostile input: names in any script, edited articles, bad paths and formats."""
from __future__ import annotations

from rdflib import Dataset
from rdflib.namespace import RDF, RDFS

from test_cli import kg, ok
from kg.rdf import iris

CYRILLIC = ("Russian President Владимир Путин met opposition leader Алексей Навальный in Moscow on Tuesday.\n\n"
            "Путин said the talks were useful. Навальный said nothing.\n")


def test_two_cyrillic_names_stay_two_people_and_validate(tmp_path):
    """Two people named in Cyrillic get an IRI each (they were both kgid:person/x, one node with two
    labels), and the tool's own output passes `kg validate`."""
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(CYRILLIC, encoding="utf-8")
    ok(kg("build", "news", "--out", "out", "--formats", "trig,nq", "--quiet", cwd=tmp_path))
    ok(kg("validate", "out/graph.trig", cwd=tmp_path))
    ds = Dataset()
    ds.parse(tmp_path / "out" / "graph.nq", format="nquads")
    persons = {s for s, _, _, _ in ds.quads((None, RDF.type, iris.term("Person"), None))}
    people = {s: str(o) for s, _, o, _ in ds.quads((None, RDFS.label, None, None)) if s in persons}
    assert people == {iris.entity("Person", "Владимир Путин"): "Владимир Путин",
                      iris.entity("Person", "Алексей Навальный"): "Алексей Навальный"}
    assert str(iris.entity("Person", "Владимир Путин")) == "https://newskg.dev/id/person/владимир-путин"
