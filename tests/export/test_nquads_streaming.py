"""The N-Quads of a large dataset, written graph by graph by Oxigraph's writer."""
from __future__ import annotations

from rdflib import Dataset
from rdflib.compare import isomorphic

from conftest import as_graph


def test_a_large_dataset_is_written_as_the_same_nquads_by_the_streaming_writer(seed_build, tmp_path, monkeypatch):
    """Past PRETTY_LIMIT triples: every named graph the same as rdflib's writing of it, each graph's
    lines sorted and together, the same bytes twice."""
    from kg.export.writers import turtle

    pretty, first, second = (tmp_path / f"{name}.nq" for name in ("pretty", "a", "b"))
    seed_build[0].export(pretty, "nq")
    monkeypatch.setattr(turtle, "PRETTY_LIMIT", 0)
    seed_build[0].export(first, "nq")
    seed_build[0].export(second, "nq")
    assert first.read_bytes() == second.read_bytes() != pretty.read_bytes()

    def graphs(path):
        return {str(c.identifier): as_graph(c) for c in Dataset().parse(path, format="nquads").contexts() if len(c)}
    streamed, written = graphs(first), graphs(pretty)
    assert streamed.keys() == written.keys() and len(streamed) >= 2
    assert all(len(streamed[k]) == len(written[k]) and isomorphic(streamed[k], written[k]) for k in written)
    names = [line.rsplit(b" ", 2)[-2] for line in first.read_bytes().splitlines()]
    assert names == sorted(names, key=lambda n: names.index(n))   # each graph's lines together
    for name in set(names):
        block = [line for line in first.read_bytes().splitlines() if line.rsplit(b" ", 2)[-2] == name]
        assert block == sorted(block)
