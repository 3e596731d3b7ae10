"""The `kg` command line, run as a real subprocess (`python -m kg`) in a temp folder."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal

from conftest import EXAMPLES, ROOT, assert_same_graphs, named_graphs
from kg.rdf import iris

TOKAYEV = iris.entity("Person", "Kassym-Jomart Tokayev")
MASIMOV = iris.entity("Person", "Karim Masimov")
ARRESTED = iris.term("arrested")
FIVE = ("trig", "ttl", "jsonld", "graphml", "html")
SUMMARY = re.compile(r"^(\d+) documents, (\d+) relations, (\d+) claims, (\d+) events, (\d+) triples "
                     r"in \d+\.\ds; (\d+) skipped$")
ARRESTS = ("SELECT ?who ?whom WHERE { ?s nkg:arrested ?o . ?s rdfs:label ?who . ?o rdfs:label ?whom } "
           "ORDER BY ?who ?whom")


def kg(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    """Run `python -m kg ARGS` in ``cwd``; never on a terminal, so never a progress bar. The package
    imported is this checkout's, whichever copy the interpreter has installed."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL,
                          env={**os.environ, "PYTHONPATH": path, "PYTHONWARNINGS": "ignore::DeprecationWarning"})


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    return result


def failed(result: subprocess.CompletedProcess, code: int, *messages: str) -> None:
    """The command failed with ``code`` and said each of ``messages`` on stderr, without a traceback."""
    assert result.returncode == code, f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    for message in messages:
        assert message in result.stderr, result.stderr


def dataset(path: Path, fmt: str = "trig") -> Dataset:
    ds = Dataset()
    ds.parse(path, format=fmt)
    return ds


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """`kg build examples/ --out out --name seed --store store` in a temp folder holding a copy of
    examples/ (so the sources read "examples/seed.txt", as in `make exports`)."""
    cwd = tmp_path_factory.mktemp("cli")
    shutil.copytree(EXAMPLES, cwd / "examples")
    result = ok(kg("build", "examples/", "--out", "out", "--name", "seed", "--store", "store", "--quiet", cwd=cwd))
    return cwd, result


@pytest.fixture(scope="module")
def trig(built) -> Path:
    return built[0] / "out" / "seed.trig"


def test_build_writes_the_five_files_and_a_summary(built, seed_build):
    """`kg build` writes NAME.trig/.ttl/.jsonld/.graphml/.html, says so, and prints one summary line
    whose counts are those of the graph it wrote."""
    cwd, result = built
    lines = result.stdout.splitlines()
    match = SUMMARY.match(lines[0])
    assert match, lines[0]
    documents, relations, claims, events, triples, skipped = map(int, match.groups())
    report = seed_build[1]
    assert (documents, relations, claims, events, skipped) == \
           (1, report.relations, report.claims, report.events, 0)
    assert relations > 10 and claims > 5 and events > 2
    assert triples == report.triples == sum(len(g) for g in dataset(cwd / "out" / "seed.trig").graphs())
    assert lines[1:] == [f"wrote {Path('out') / f'seed.{fmt}'}" for fmt in FIVE]
    for fmt in FIVE:
        assert (cwd / "out" / f"seed.{fmt}").stat().st_size > 1000, fmt
    assert result.stderr == ""


@pytest.mark.parametrize("fmt", ["ttl", "graphml", "html",
                                 "trig", "jsonld"])
def test_build_output_is_byte_stable(built, seed_exports, fmt):
    """Two builds of the same input write byte-identical files, so `make exports` shows no spurious
    diff: the subprocess's output equals the session build's export."""
    cwd, _ = built
    assert (cwd / "out" / f"seed.{fmt}").read_bytes() == seed_exports[fmt].read_bytes()


def test_query_select_as_table(built, trig):
    """SELECT prints an aligned table with shortened IRIs and a row count."""
    out = ok(kg("query", trig, ARRESTS, cwd=built[0])).stdout.splitlines()
    assert re.match(r"^who\s+\| whom$", out[0]), out
    assert re.match(r"^-+-\+-+$", out[1]), out
    assert any("Tokayev" in line.split("|")[0] and "Masimov" in line.split("|")[1] for line in out[2:-1]), out
    assert re.match(r"^\((\d+) rows?\)$", out[-1]) and int(out[-1][1:].split()[0]) == len(out) - 3


def test_query_select_as_csv(built, trig):
    """--format csv is RFC 4180 csv with a header of the variable names."""
    out = ok(kg("query", trig, ARRESTS, "--format", "csv", cwd=built[0])).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and set(rows[0]) == {"who", "whom"}
    assert any("Tokayev" in r["who"] and "Masimov" in r["whom"] for r in rows), rows


def test_query_select_as_json(built, trig):
    """--format json is a JSON list of {variable: value} objects."""
    rows = json.loads(ok(kg("query", trig, ARRESTS, "--format", "json", cwd=built[0])).stdout)
    assert isinstance(rows, list) and rows and all(set(r) == {"who", "whom"} for r in rows)
    assert {"who": "Kassym-Jomart Tokayev", "whom": "Karim Masimov"} in rows


def test_query_ask_prints_true_or_false(built, trig):
    cwd = built[0]
    assert ok(kg("query", trig, "ASK { ?x nkg:arrested ?y }", cwd=cwd)).stdout == "true\n"
    assert ok(kg("query", trig, f"ASK {{ <{MASIMOV}> nkg:arrested ?y }}", cwd=cwd)).stdout == "false\n"


def test_query_construct_prints_turtle(built, trig):
    out = ok(kg("query", trig, "CONSTRUCT { ?s nkg:arrested ?o } WHERE { ?s nkg:arrested ?o }", cwd=built[0])).stdout
    g = Graph().parse(data=out, format="turtle")
    assert (TOKAYEV, ARRESTED, MASIMOV) in g
    assert set(g.predicates()) == {ARRESTED}


def test_query_from_a_file(built, trig):
    """--file reads the query (comments and all) from a .rq file."""
    cwd = built[0]
    (cwd / "q.rq").write_text(f"# who arrested whom\n{ARRESTS}\n", encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(ok(kg("query", trig, "--file", "q.rq", "--format", "csv", cwd=cwd)).stdout)))
    assert {"who": "Kassym-Jomart Tokayev", "whom": "Karim Masimov"} in rows


def test_store_then_query_the_store(built, trig):
    """`build --store DIR` leaves a store that `query DIR` and `export DIR` read: the same graphs as the trig."""
    cwd = built[0]
    assert (cwd / "store").is_dir()
    assert ok(kg("query", "store", "ASK { ?x nkg:arrested ?y }", cwd=cwd)).stdout == "true\n"
    rows = json.loads(ok(kg("query", "store", ARRESTS, "--format", "json", cwd=cwd)).stdout)
    assert {"who": "Kassym-Jomart Tokayev", "whom": "Karim Masimov"} in rows
    assert ok(kg("export", "store", "--format", "nq", "--out", "store.nq", cwd=cwd)).stdout == "wrote store.nq\n"
    assert_same_graphs(named_graphs(dataset(cwd / "store.nq", "nquads")), named_graphs(dataset(trig)))


def test_render_writes_an_offline_page(built, trig):
    cwd = built[0]
    assert ok(kg("render", trig, "--out", "page.html", cwd=cwd)).stdout == "wrote page.html\n"
    html = (cwd / "page.html").read_text(encoding="utf-8")
    assert "<title>seed</title>" in html and "Kassym-Jomart Tokayev" in html
    assert not re.search(r"""(src|href)=["']?https?:""", html)


def test_validate_accepts_the_export(built, trig):
    out = ok(kg("validate", trig, cwd=built[0])).stdout
    assert out == f"{trig}: conforms to the newskg shapes\n"


def test_validate_rejects_a_person_with_two_labels(tmp_path):
    """A nkg:Person with two rdfs:label breaks a shape: exit 1, the violation on stdout, a count on stderr."""
    (tmp_path / "broken.ttl").write_text(
        "@prefix nkg: <https://newskg.dev/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://newskg.dev/id/doc/1> a nkg:Document ; nkg:contentHash "1" .\n'
        "<https://newskg.dev/id/person/karim-masimov> a nkg:Person ;\n"
        '    rdfs:label "Karim Masimov", "Masimov" .\n', encoding="utf-8")
    result = kg("validate", "broken.ttl", cwd=tmp_path)
    failed(result, 1, "broken.ttl: 1 violation(s)")
    assert "Conforms: False" in result.stdout and "karim-masimov" in result.stdout


def test_build_of_a_missing_path(tmp_path):
    """A missing input exits 2 and names it, before loading any model."""
    failed(kg("build", "nowhere/", "--out", "out", cwd=tmp_path), 2, "no such file", "nowhere/")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args", [
    ("query", "nowhere.trig", "ASK { ?s ?p ?o }"),
    ("render", "nowhere.trig", "--out", "x.html"),
    ("export", "nowhere.trig", "--out", "x.nq"),
    ("validate", "nowhere.trig"),
], ids=["query", "render", "export", "validate"])
def test_other_commands_on_a_missing_file(tmp_path, args):
    """Every command reports a missing RDF file like `build` does: exit 2, "no such file"."""
    failed(kg(*args, cwd=tmp_path), 2, "no such file", "nowhere.trig")
    assert list(tmp_path.iterdir()) == []


def test_missing_file_is_reported_without_traceback(tmp_path):
    """Whatever its status, a missing file is one line on stderr, not a traceback."""
    result = kg("query", "nowhere.trig", "ASK { ?s ?p ?o }", cwd=tmp_path)
    assert result.returncode != 0
    assert result.stderr == "kg: error: nowhere.trig: no such file or folder\n"


def test_malformed_sparql(built, trig):
    """A syntax error exits 1 with the engine's message (with its position), and no traceback."""
    result = kg("query", trig, "SELECT ?x WHERE { ?x nkg:arrested }", cwd=built[0])
    failed(result, 1, "kg: error: query failed:")
    assert re.search(r"\b1:\d+\b", result.stderr), result.stderr
    assert result.stdout == ""


def test_export_refuses_an_unknown_format(built, trig):
    """An unknown --format is an argparse error (exit 2); an unknown --out suffix exits 1; nothing is written."""
    cwd = built[0]
    failed(kg("export", trig, "--format", "pdf", "--out", "x.pdf", cwd=cwd), 2, "invalid choice: 'pdf'")
    failed(kg("export", trig, "--out", "x.pdf", cwd=cwd), 1, "cannot tell the format")
    assert not (cwd / "x.pdf").exists()


@pytest.fixture(scope="module")
def unknown_build_format(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("formats")
    return cwd, kg("build", EXAMPLES, "--out", "out", "--formats", "trig,pdf", "--quiet", cwd=cwd)


def test_build_refuses_an_unknown_format(unknown_build_format):
    failed(unknown_build_format[1], 2, "unknown format 'pdf'")


def test_build_checks_formats_before_building(unknown_build_format):
    cwd, result = unknown_build_format
    assert not (cwd / "out").exists()
    assert not SUMMARY.match(result.stdout.splitlines()[0] if result.stdout else "")


@pytest.mark.parametrize("command", [None, "build", "query", "render", "export", "validate", "eval conll04",
                                     "eval gold", "train conll04", "train ner", "train other"])
def test_help_has_examples(tmp_path, command):
    """`kg --help` and every `kg COMMAND [CORPUS] --help` exit 0 and show an example."""
    out = ok(kg(*(command.split() if command else []), "--help", cwd=tmp_path)).stdout
    assert "example" in out
    assert out.startswith(f"usage: kg {command or ''}".rstrip())


def test_bad_input_builds_with_warnings(tmp_path):
    """A .txt with invalid UTF-8 and a .jsonl with a broken line: warnings on stderr, exit 0, and every
    good document (the .txt, the two good JSONL records) is in the graph."""
    from rdflib.namespace import SDO     # not global: pytest's collection would make it warn

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "broken.txt").write_bytes(
        b"Russian troops arrived in Almaty on Saturday. \xff\xfe The \xc3 Kremlin said troops were deployed "
        b"to Kazakhstan.\n")
    (folder / "news.jsonl").write_text(
        '{"text": "Kassym-Jomart Tokayev met Vladimir Putin in Moscow.", "title": "Tokayev meets Putin", '
        '"date": "2022-01-12"}\n'
        '{"text": "Broken\n'
        '{"text": "Russian troops were deployed to Kazakhstan, the Kremlin said.", "title": "Troops"}\n',
        encoding="utf-8")
    result = ok(kg("build", "in", "--out", "out", "--name", "bad", cwd=tmp_path))
    match = SUMMARY.match(result.stdout.splitlines()[0])
    assert match and match.group(1) == "3" and match.group(6) == "1", result.stdout
    warnings = result.stderr.splitlines()
    assert f"warning: {Path('in', 'broken.txt')}: invalid UTF-8 at byte 46; replaced" in warnings
    assert any(w.startswith(f"skipped: {Path('in', 'news.jsonl')}#2: not JSON") for w in warnings), warnings

    graphs = named_graphs(dataset(tmp_path / "out" / "bad.trig"))
    sources = {str(o) for g in graphs.values() for o in g.objects(None, iris.NKG.source)}
    assert sources == {str(Path("in", "broken.txt")), f"{Path('in', 'news.jsonl')}#1", f"{Path('in', 'news.jsonl')}#3"}
    assert len(graphs) == 4      # three documents and the ontology
    headlines = {str(o) for g in graphs.values() for o in g.objects(None, SDO.headline)}
    assert headlines == {"Tokayev meets Putin", "Troops"}
    broken = next(g for g in graphs.values() if (None, iris.NKG.source, Literal(str(Path("in", "broken.txt")))) in g)
    mentioned = set(broken.objects(None, SDO.mentions))
    assert {iris.entity("City", "Almaty"), iris.entity("Country", "Kazakhstan")} <= mentioned, \
        "the text around the invalid bytes was lost"
    assert any("\ufffd" in str(t) for t in broken.objects(None, iris.NKG.sentenceText))


@pytest.mark.parametrize("flag, others", [((), ["0107 GMT", "2 Feb 94"]), (("--no-other",), [])])
def test_eval_conll04_writes_predictions(tmp_path, flag, others):
    """`kg eval conll04 FILE --predictions OUT` prints strict scores and sentences per second and writes
    the predictions; the dates CoNLL04 marks as Other are among them unless `--no-other` is given."""
    tokens = "Paris AFP in English 0107 GMT 2 Feb 94".split()
    gold = [{"tokens": tokens, "entities": [{"type": "Loc", "start": 0, "end": 1}, {"type": "Org", "start": 1, "end": 2},
                                            {"type": "Other", "start": 4, "end": 6}], "relations": []}]
    (tmp_path / "gold.json").write_text(json.dumps(gold))
    out = ok(kg("eval", "conll04", "gold.json", "--predictions", "pred.json", "--quiet", *flag, cwd=tmp_path)).stdout
    assert re.search(r"^entities +P [\d.]+ R [\d.]+ F1 [\d.]+", out, re.M) and "sentences/s" in out
    [pred] = json.loads((tmp_path / "pred.json").read_text())
    assert [" ".join(tokens[e["start"]:e["end"]]) for e in pred["entities"] if e["type"] == "Other"] == others
