"""`kg build` against hostile input: names in any script, edited articles, bad paths and formats."""
from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.namespace import RDF, RDFS

from conftest import ROOT
from test_cli import kg, ok
from kg.graph import KnowledgeGraph
from kg.ids import content_id
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


# `kg build` that stops before its K-th write to the store, says "paused" and waits to be killed
PAUSING_BUILD = """
import sys
from oxrdflib.store import OxigraphStore
from kg.cli import main

pause_at, writes = int(sys.argv[1]), 0

def pausing(method):
    def write(*args, **kwargs):
        global writes
        writes += 1
        if writes == pause_at:
            print("paused", flush=True)
            sys.stdin.read()
        return method(*args, **kwargs)
    return write

for name in ("add", "addN", "remove", "update", "add_graph", "remove_graph"):
    setattr(OxigraphStore, name, pausing(getattr(OxigraphStore, name)))
sys.exit(main(sys.argv[2:]))
"""
ARTICLE_A = "Police in Almaty arrested Karim Masimov on Saturday.\n"
ARTICLE_A2 = "Police in Almaty arrested Karim Masimov and two deputies on Saturday, officials said.\n"
ARTICLE_B = "Kassym-Jomart Tokayev said the CSTO troops would leave Kazakhstan soon.\n"


def pausing_build(pause_at: int, store: Path, cwd: Path) -> bool:
    """`kg build news --store STORE` killed (SIGKILL) before its ``pause_at``-th write to the store;
    False when it finished first. Bounded: it pauses or ends within the timeout, or the test fails."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    proc = subprocess.Popen([sys.executable, "-c", PAUSING_BUILD, str(pause_at), "build", "news", "--out", "out",
                             "--store", str(store), "--formats", "nq", "--quiet"],
                            cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": path})
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 300)
        assert ready, "the build neither paused nor ended in 300 s"
        if proc.stdout.readline() == "paused\n":
            proc.kill()
            proc.wait(timeout=60)
            return True
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 and "Traceback" not in err, err
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=60)
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            stream.close()


def graphs(store: Path) -> dict[str, frozenset]:
    """A store's document graphs, by the source of their document."""
    kg = KnowledgeGraph(store=store)
    try:
        out: dict[str, frozenset] = {}
        for g in kg.document_graphs():
            triples = frozenset(kg.dataset.graph(g))
            [src] = {str(o) for _, p, o in triples if p == iris.term("source")} or {""}
            assert src not in out, f"two graphs for {src}"
            out[src] = triples
        return out
    finally:
        kg.close()


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """news/a.txt and news/b.txt built into a store, a.txt edited, then built again into copies of
    that store, killed before each of its writes in turn, until a build finishes."""
    cwd = tmp_path_factory.mktemp("edited")
    (cwd / "news").mkdir()
    (cwd / "news" / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (cwd / "news" / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    ok(kg("build", "news", "--out", "out", "--store", "v1", "--formats", "nq", "--quiet", cwd=cwd))
    (cwd / "news" / "a.txt").write_text(ARTICLE_A2, encoding="utf-8")
    killed = []
    for k in range(1, 20):
        shutil.copytree(cwd / "v1", cwd / f"v2-{k}")
        if not pausing_build(k, cwd / f"v2-{k}", cwd):
            return graphs(cwd / "v1"), graphs(cwd / f"v2-{k}"), [graphs(cwd / f"v2-{i}") for i in killed]
        killed.append(k)
    pytest.fail("the build was still writing after 19 writes")


def test_rebuilding_an_edited_article_replaces_its_graph(edited):
    """One graph per file after the rebuild (there were three for two files), the edited one with
    its new text."""
    old, new, _ = edited
    assert sorted(new) == ["news/a.txt", "news/b.txt"]
    assert {str(o) for _, p, o in new["news/a.txt"] if p == iris.term("contentHash")} == {content_id(ARTICLE_A2)}
    assert new["news/b.txt"] == old["news/b.txt"] and new["news/a.txt"] != old["news/a.txt"]


def test_a_kill_during_the_rebuild_leaves_each_graph_whole(edited):
    """Killed (kill -9) before any of its writes, the rebuild leaves each file's graph as it was
    or as the finished rebuild makes it: never both, never half, never none."""
    old, new, killed = edited
    assert killed, "the rebuild wrote nothing"
    for state in killed:
        assert sorted(state) == ["news/a.txt", "news/b.txt"]
        for src, triples in state.items():
            assert triples in (old[src], new[src]), src
    assert any(state["news/a.txt"] == old["news/a.txt"] for state in killed)
    assert any(state["news/a.txt"] == new["news/a.txt"] for state in killed)
