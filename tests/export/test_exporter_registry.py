"""The exporter registry: the built-in formats, and a new format as one new module."""
import sys
import textwrap
from pathlib import Path

import pytest

from kg.export import registry
from kg.export import writers as writers_package
from kg.export.registry import Exporter, ExportOptions

COUNT = textwrap.dedent('''
    """A toy format: the number of triples, on one line."""
    from kg.export.registry import exporter


    @exporter("count", suffix=".count", note="the number of triples")
    def write_count(graph, path, options):
        path.write_text(f"{len(graph)}\\n", encoding="utf-8")
''')


def write_count(graph, path: Path, options: ExportOptions) -> None:
    """The same toy writer, as a function to register by hand."""
    path.write_text(f"{len(graph)}\n", encoding="utf-8")


def test_the_built_in_exporters():
    """Six formats, in the order kg build writes them; the names kg export has always taken."""
    assert registry.names() == ("trig", "nq", "ttl", "jsonld", "graphml", "html")
    assert registry.defaults() == ("trig", "ttl", "jsonld", "graphml", "html")
    assert [e.name for e in registry.exporters() if e.named_graphs] == ["trig", "nq", "jsonld"]
    assert [registry.get(n).name for n in ("nquads", "Turtle", "json-ld")] == ["nq", "ttl", "jsonld"]
    assert registry.format_of(Path("x.GRAPHML"), None).name == "graphml"
    assert registry.format_of(Path("x.graphml"), "ttl").name == "ttl"     # the name wins over the suffix


def test_unknown_formats_name_the_choices():
    choices = "trig, nq, ttl, jsonld, graphml, html"
    with pytest.raises(ValueError, match=f"unknown format 'pdf'; choose one of: {choices}"):
        registry.get("pdf")
    with pytest.raises(ValueError, match="x.pdf: cannot tell the format from the suffix; give --format"):
        registry.format_of(Path("x.pdf"), None)


def test_a_new_format_is_one_new_module(seed_build, tmp_path, monkeypatch):
    """A module dropped beside the built-in writers is found by importing the package; the graph then
    writes it by its name or its suffix."""
    package = tmp_path / "plugins"
    package.mkdir()
    (package / "count.py").write_text(COUNT, encoding="utf-8")
    registry.exporters()                # the built-in modules, imported and registered once
    monkeypatch.setattr(writers_package, "__path__", [*writers_package.__path__, str(package)])
    monkeypatch.setattr(registry, "_EXPORTERS", dict(registry._EXPORTERS))   # given back after the test
    monkeypatch.setattr(registry, "_LOADED", False)
    monkeypatch.delitem(sys.modules, "kg.export.writers.count", raising=False)
    graph = seed_build[0]
    try:
        assert registry.names()[-1] == "count" and "count" not in registry.defaults()
        assert graph.export(tmp_path / "out" / "seed.count").read_text() == f"{len(graph)}\n"
        assert graph.export(tmp_path / "n", "count").read_text() == f"{len(graph)}\n"
    finally:
        sys.modules.pop("kg.export.writers.count", None)


def test_an_exporter_registered_for_a_while(seed_build, tmp_path):
    """``registered`` adds an exporter for the ``with`` block only."""
    with registry.registered(Exporter("count", ".count", write_count)):
        assert "count" in registry.names()
        assert seed_build[0].export(tmp_path / "seed.count").read_text() == f"{len(seed_build[0])}\n"
    assert "count" not in registry.names()
    with pytest.raises(ValueError, match="cannot tell the format"):
        seed_build[0].export(tmp_path / "again.count")


@pytest.mark.parametrize("entry, message", [
    (Exporter("turtle2", ".ttl", write_count), "the suffix '.ttl' is taken by 'ttl'"),
    (Exporter("count", ".count", write_count, aliases=("nquads",)), "the name 'nquads' is taken by 'nq'"),
    (Exporter("count", "count", write_count), "a suffix is lower case and starts with a dot"),
])
def test_a_clash_is_refused(entry, message):
    registry.exporters()
    with pytest.raises(ValueError, match=message):
        registry.register(entry)
    assert registry.names() == ("trig", "nq", "ttl", "jsonld", "graphml", "html")
