"""`kg resolve` as a real subprocess, on a store of hand-made document graphs (tests/resolution_corpus.py)."""
from __future__ import annotations

import re

import pytest

from kg.rdf.store import Store
from resolution_corpus import BLAIR, FILLER, corpus
from conftest import EXAMPLES
from test_cli import failed, kg, ok

SUMMARY = re.compile(r"^(\d+) entity nodes -> (\d+) after (\d+) merges in (\d+) clusters; (\d+) merges left out; "
                     r"(\d+) undone by hand$", re.M)


@pytest.fixture()
def store(tmp_path):
    folder = tmp_path / "store"
    s = corpus({**FILLER, **BLAIR}, Store(store=folder))
    s.close()
    return folder


def test_resolve_list_undo_redo(store, tmp_path):
    first = SUMMARY.search(ok(kg("resolve", store, cwd=tmp_path)).stdout)
    assert first and first.group(3) == "1" and int(first.group(1)) - int(first.group(2)) == 1
    listed = ok(kg("resolve", store, "--list", cwd=tmp_path)).stdout.splitlines()
    assert len(listed) == 1 and "surname-only" in listed[0] and "person/blair -> person/tony-blair" in listed[0]
    merge = listed[0].split()[0]
    again = ok(kg("resolve", store, "--undo", merge, "--note", "another Blair", cwd=tmp_path)).stdout
    assert SUMMARY.search(again).group(3, 6) == ("0", "1")
    assert "another Blair" in ok(kg("resolve", store, "--list-undone", cwd=tmp_path)).stdout
    assert SUMMARY.search(ok(kg("resolve", store, cwd=tmp_path)).stdout).group(3) == "0"   # the undo stays
    assert SUMMARY.search(ok(kg("resolve", store, "--redo", merge, cwd=tmp_path)).stdout).group(3, 6) == ("1", "0")
    rows = ok(kg("query", store, "SELECT ?a WHERE { ?a owl:sameAs ?b }", "--format", "csv", cwd=tmp_path)).stdout
    assert "person/blair" in rows
    assert "dropped" in ok(kg("resolve", store, "--clear", cwd=tmp_path)).stdout
    assert ok(kg("resolve", store, "--list", cwd=tmp_path)).stdout == ""


def test_resolve_says_what_is_wrong(store, tmp_path):
    failed(kg("resolve", tmp_path / "nowhere", cwd=tmp_path), 2, "no such store folder")
    (tmp_path / "file.trig").write_text("")
    failed(kg("resolve", tmp_path / "file.trig", cwd=tmp_path), 1, "not a store made by `kg build --store`")
    failed(kg("resolve", store, "--undo", "0123456789abcdef", cwd=tmp_path), 1, "no merge 0123456789abcdef")
    failed(kg("resolve", store, "--note", "why", cwd=tmp_path), 2, "--note goes with --undo")
    assert "kg resolve store/ --undo" in ok(kg("resolve", "--help", cwd=tmp_path)).stdout


def test_build_with_resolve_writes_a_graph_that_conforms(tmp_path):
    """`kg build --resolve` resolves before it exports: the export holds the resolution graph (of the one
    seed article: no merge, an empty graph) and still conforms to the shapes."""
    out = ok(kg("build", EXAMPLES, "--out", tmp_path / "out", "--store", tmp_path / "store", "--resolve",
                "--formats", "trig", cwd=tmp_path)).stdout
    assert re.search(r"^resolved: \d+ entity nodes -> \d+ after \d+ merges$", out, re.M), out
    ok(kg("validate", tmp_path / "store", cwd=tmp_path))
