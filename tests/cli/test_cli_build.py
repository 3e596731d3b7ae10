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


# `kg build` in which importing spaCy fails, timed from the call: path checks must come before any work
WITHOUT_SPACY = """
import sys, time
sys.modules["spacy"] = None
from kg.cli import main

started = time.perf_counter()
code = main(sys.argv[1:])
print(f"{time.perf_counter() - started:.3f}")
sys.exit(code)
"""
LONG = "n" * 300
BAD_PATHS = [
    (("--name", "../../x"), "--name '../../x': a plain file name"),
    (("--name", "/tmp/elsewhere"), "--name '/tmp/elsewhere': a plain file name"),
    (("--name", ".."), "--name '..': a plain file name"),
    (("--name", "."), "--name '.': a plain file name"),
    (("--name", ""), "--name '': a plain file name"),
    (("--name", LONG), "--name is too long"),
    (("--name", "n" * 250), "--name is too long"),                 # 250 + ".graphml" is over 255
    (("--out", "afile"), "--out afile: a file, not a folder"),
    (("--out", "afile/out"), "--out afile/out: cannot be made"),
    (("--out", f"{LONG}/out"), "--out: the name nnnn"),
    (("--store", "afile"), "--store afile: a file, not a folder"),
    (("--store", "news"), "--store news: in the input folder news"),
    (("--store", "news/store"), "--store news/store: in the input folder news"),
    (("--store", "."), "--store .: holds the input news"),
    (("--store", "full"), "--store full: a folder with other files in it"),
    (("--store", LONG), "--store: the name nnnn"),
    (("--store", "st", "--out", "st/out"), "--out st/out: in the store st"),
    (("--out", "taken"), "graph.trig: a folder, where an export would be written"),
    (("--formats", ","), "--formats names no format"),
    (("--formats", ""), "--formats names no format"),
]


def tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("args,message", BAD_PATHS, ids=[" ".join(a)[:30] for a, _ in BAD_PATHS])
def test_bad_paths_fail_before_any_work(tmp_path, args, message):
    """Every path argument is checked before anything is read: exit 2, one line, in well under a second
    and without loading spaCy, and nothing is written anywhere."""
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "afile").write_text("not a folder\n", encoding="utf-8")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("not a store\n", encoding="utf-8")
    (tmp_path / "taken" / "graph.trig").mkdir(parents=True)
    before = tree(tmp_path)
    defaults = {"--out": "out"}
    argv = ["build", "news", *[x for k, v in defaults.items() if k not in args for x in (k, v)], *args, "--quiet"]
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    result = subprocess.run([sys.executable, "-c", WITHOUT_SPACY, *argv], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60, env={**os.environ, "PYTHONPATH": path})
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("kg: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert message in result.stderr
    assert float(result.stdout) < 1.0
    assert tree(tmp_path) == before


def test_the_library_refuses_a_store_among_the_articles(tmp_path):
    """kg.build checks its store like the command does, before reading anything."""
    from kg.api import build

    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    for store in (tmp_path / "news", tmp_path / "news" / "store", tmp_path / "news" / "a.txt"):
        with pytest.raises(ValueError, match="store"):
            build([tmp_path / "news"], store=store)
    assert tree(tmp_path) == ["news", "news/a.txt"]


def test_an_empty_folder_or_a_store_is_a_store(tmp_path):
    """An empty folder, a store made by `kg build --store` and a folder yet to be made are accepted."""
    from kg.api import check_store

    (tmp_path / "empty").mkdir()
    check_store(tmp_path / "empty", [])
    check_store(tmp_path / "new" / "store", [])
    KnowledgeGraph(store=tmp_path / "made").close()
    check_store(tmp_path / "made", [])


def test_two_files_with_the_same_text_are_one_document_and_say_so(tmp_path):
    """A syndicated story in two files is one document (its id is its text): the build counts it
    once and names both files, rather than reporting two documents and storing one."""
    import kg

    (tmp_path / "in").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "in" / name).write_text("Angela Merkel met Emmanuel Macron in Paris.\n", encoding="utf-8")
    graph, report = kg.build([tmp_path / "in"])
    assert report.documents == 1 and len(graph.document_graphs()) == 1
    [warning] = [p for p in report.problems if "the same text as" in p.message]
    assert warning.source.endswith("b.txt") and warning.message.startswith(f"the same text as {tmp_path}")
    assert not warning.fatal
