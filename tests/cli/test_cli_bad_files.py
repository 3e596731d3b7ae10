"""The commands that read a graph (validate, render, export, analyze, query) on files that are not what
their suffix says, and on bad arguments: one `kg: error: FILE:LINE: ...` line, a non-zero exit, no
traceback and none of the file's text beyond a short excerpt. Run as real subprocesses."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.namespace import RDF

from kg.rdf import iris
from test_cli import failed, kg, ok

COMMANDS = {
    "validate": ("validate", "{file}"),
    "render": ("render", "{file}", "--out", "page.html"),
    "export": ("export", "{file}", "--out", "copy.nq"),
    "analyze": ("analyze", "{file}"),
    "query": ("query", "{file}", "ASK { ?s ?p ?o }"),
}


def _cut(source: Path, path: Path) -> None:
    text = source.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")


@pytest.fixture(scope="module")
def bad_files(seed_build, seed_exports, tmp_path_factory) -> Path:
    """A folder of broken RDF files: the seed's exports cut in half, noise, an empty file."""
    folder = tmp_path_factory.mktemp("bad")
    for fmt in ("trig", "ttl", "jsonld"):
        _cut(seed_exports[fmt], folder / f"cut.{fmt}")
    _cut(seed_build[0].export(folder / "whole.nq"), folder / "cut.nq")
    (folder / "noise.trig").write_bytes(b"\xff\x1b\x00" + random.Random(3).randbytes(30_000))
    (folder / "empty.ttl").write_bytes(b"")
    return folder


BAD = {  # file -> what the message says after "kg: error: FILE"
    "cut.trig": r":\d+:\d+: not valid TriG: ",
    "cut.ttl": r":\d+:\d+: not valid Turtle: ",
    "cut.nq": r":\d+:\d+: not valid N-Quads: ",
    "cut.jsonld": r":\d+:\d+: not valid JSON-LD: ",
    "noise.trig": r":1:1: not UTF-8 text \(byte 0xff\)",
    "empty.ttl": r": the file is empty: no RDF in it$",
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("name", sorted(BAD))
def test_a_broken_file_is_one_line_naming_it(bad_files, command, name):
    args = [a.replace("{file}", name) for a in COMMANDS[command]]
    result = kg(*args, cwd=bad_files)
    failed(result, 1)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and len(lines[0]) < 300, result.stderr
    assert re.match(rf"kg: error: {re.escape(name)}{BAD[name]}", lines[0]), lines[0]
    assert result.stdout == ""
    assert not (bad_files / "page.html").exists() and not (bad_files / "copy.nq").exists()


@pytest.mark.parametrize("command", ["render", "export"])
def test_an_output_that_is_a_folder_is_one_line(tmp_path, seed_exports, command):
    (tmp_path / "out.html").mkdir()
    failed(kg(command, seed_exports["trig"], "--out", "out.html", cwd=tmp_path), 1,
           "kg: error: out.html: Is a directory")


def test_validate_refuses_a_graph_without_types(tmp_path, seed_exports):
    """The seed's TriG with every rdf:type taken out of its document graph does not conform."""
    data = Dataset()
    data.parse(seed_exports["trig"], format="trig")
    for graph in data.graphs():
        if graph.identifier != iris.ONTOLOGY_GRAPH:
            graph.remove((None, RDF.type, None))
    data.serialize(tmp_path / "untyped.trig", format="trig")
    result = kg("validate", "untyped.trig", cwd=tmp_path)
    failed(result, 1, "violation(s)")
    assert "holds no nkg:Document" in result.stdout and "rdf:type below nkg:Entity" in result.stdout


def test_a_remote_jsonld_context_is_refused(tmp_path):
    (tmp_path / "remote.jsonld").write_text(
        '{"@context": "https://schema.org/", "@id": "https://x.org/a", "name": "a"}', encoding="utf-8")
    failed(kg("validate", "remote.jsonld", cwd=tmp_path), 1,
           "kg: error: remote.jsonld: the JSON-LD @context refers to 'https://schema.org/'")


@pytest.mark.parametrize("top", ["-1", "0", "two"])
def test_analyze_refuses_a_top_below_one(tmp_path, top):
    """--top -1 dropped the last entity of the ranking; argparse now refuses it (exit 2, usage)."""
    result = kg("analyze", "nowhere.trig", "--top", top, cwd=tmp_path)
    failed(result, 2, "argument --top:")
    assert ("must be 1 or more" if top != "two" else "not a whole number") in result.stderr


def test_analyze_top_one_ranks_one(tmp_path, seed_exports):
    out = ok(kg("analyze", seed_exports["trig"], "--top", "1", cwd=tmp_path)).stdout.splitlines()
    heading = next(i for i, line in enumerate(out) if line.startswith("most connected entities"))
    assert len(out[heading + 1:]) == 1, out


def test_an_ill_typed_literal_prints_no_traceback(tmp_path):
    """rdflib logs a traceback for "notadate"^^xsd:date; the commands read such a file quietly."""
    import subprocess
    import sys

    bad = tmp_path / "typed.trig"
    bad.write_text('@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n'
                   '<http://example.org/g> { <http://example.org/a> <http://example.org/p> "notadate"^^xsd:date ,'
                   ' "abc"^^xsd:integer . }\n', encoding="utf-8")
    for command in (["analyze", str(bad)], ["query", str(bad), "SELECT * WHERE { ?s ?p ?o }"]):
        out = subprocess.run([sys.executable, "-m", "kg", *command], capture_output=True, text=True, timeout=120)
        assert "Traceback" not in out.stderr and "Failed to convert" not in out.stderr, out.stderr
