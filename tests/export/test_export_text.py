"""Text survives every writer: line breaks inside literals (TriG indents the lines of its graphs, not
those of a literal) and characters XML 1.0 forbids (GraphML drops them, with a warning)."""
from __future__ import annotations

import contextlib
import json
import re
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS, SDO

from conftest import ROOT
from fixtures_graph import DOC, build_fixture
from kg.graph import KnowledgeGraph
from kg.rdf import iris
from kg.rdf.iris import NKG
from kg.rdf.network import xml_safe

MASIMOV = iris.entity("Person", "Karim Masimov")
# leading spaces on a line, a blank line, quotes next to the closing quotes, a backslash, a form feed,
# a line separator and an IRI-like "<" on a continued line
MULTI_LINE = ('Protests   in\n    Almaty\n\n  spread "fast"\n"""quoted""" \\ back\x0cslash\u2028and\n'
              '<not an IRI> ""')
# NUL, ESC, SOH, vertical tab, form feed and U+FFFE: XML 1.0 allows none of them
FORBIDDEN = "A\x00B\x1bC\x01D\x0bE\x0cF\ufffeG"
RDF_FORMATS = {"trig": "trig", "nq": "nquads", "ttl": "turtle", "jsonld": "json-ld"}


def graph_with(headline: str, label: str, sentence: str) -> KnowledgeGraph:
    """The hand-made fixture graph with this headline, Masimov's label and one sentence replaced."""
    ds = build_fixture()
    g = ds.graph(iris.document_graph(DOC))
    g.set((iris.document(DOC), SDO.headline, Literal(headline)))
    g.set((MASIMOV, RDFS.label, Literal(label)))
    statement = sorted(g.subjects(NKG.sentenceText, None))[0]
    g.set((statement, NKG.sentenceText, Literal(sentence)))
    kg = KnowledgeGraph()
    for part in ds.graphs():
        if len(part):
            target = kg.dataset.graph(part.identifier)
            target += part
    return kg


def texts(data: Dataset) -> set[str]:
    return {str(o) for _, _, o, _ in data.quads((None, None, None, None)) if isinstance(o, Literal)}


def test_trig_round_trip_keeps_a_multi_line_literal_exactly(tmp_path):
    """TriG -> load -> TriG -> load keeps a headline, a label and a sentence over several lines to the
    character, and the second file is the first one's bytes (stable over round trips)."""
    kg = graph_with("Head " + MULTI_LINE, "Karim " + MULTI_LINE, "Sentence " + MULTI_LINE)
    first = kg.export(tmp_path / "first.trig")
    again = KnowledgeGraph.load(first)
    assert {"Head " + MULTI_LINE, "Karim " + MULTI_LINE, "Sentence " + MULTI_LINE} <= texts(again.dataset)
    second = again.export(tmp_path / "second.trig")
    third = KnowledgeGraph.load(second).export(tmp_path / "third.trig")
    assert second.read_bytes() == first.read_bytes() == third.read_bytes()


def test_trig_of_a_built_article_keeps_its_multi_line_title(tmp_path):
    """build (an HTML page whose <title> runs over three lines) -> TriG -> load -> TriG keeps the
    headline as the document has it, twice over."""
    from kg.api import build

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_text(
        "<html><head><title>Protests   in\n   Almaty\n spread</title></head><body>"
        "<p>Kassym-Jomart Tokayev arrested Karim Masimov in Almaty on Monday.</p></body></html>",
        encoding="utf-8")
    with contextlib.chdir(ROOT):
        kg, _ = build([str(tmp_path / "in")])
    built = {str(o) for o in kg.dataset.objects(None, SDO.headline)}
    assert len(built) == 1 and "Almaty" in next(iter(built))
    first = kg.export(tmp_path / "one.trig")
    second = KnowledgeGraph.load(first).export(tmp_path / "two.trig")
    third = KnowledgeGraph.load(second).export(tmp_path / "three.trig")
    for path in (first, second, third):
        assert {str(o) for o in KnowledgeGraph.load(path).dataset.objects(None, SDO.headline)} == built, path
    assert first.read_bytes() == second.read_bytes() == third.read_bytes()


@pytest.fixture()
def forbidden(tmp_path) -> KnowledgeGraph:
    return graph_with("Head " + FORBIDDEN, "Karim " + FORBIDDEN, "Sentence " + FORBIDDEN)


def test_graphml_drops_characters_xml_forbids_with_one_warning(forbidden, tmp_path):
    """ESC, NUL and the like in a label and a sentence do not reach the GraphML: it parses with a strict
    XML parser, the text is kept without them, and one warning says how many were dropped."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = forbidden.export(tmp_path / "x.graphml")
    said = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
    _, dropped = xml_safe(forbidden.to_networkx())
    assert dropped >= 12          # 6 in the label, 6 in the sentence, more where they are repeated
    assert len(said) == 1 and f"dropped {dropped} character(s)" in said[0] and str(path) in said[0], said
    ET.parse(path)                                   # strict: raises on a forbidden character
    graph = nx.read_graphml(path)
    assert graph.nodes[str(MASIMOV)]["label"] == "Karim ABCDEFG"
    assert any("Sentence ABCDEFG" in d.get("sentence", "") for _, _, d in graph.edges(data=True))


def test_graphml_without_forbidden_characters_warns_nothing(tmp_path):
    kg = graph_with("Head", "Karim Masimov", "Masimov was a close ally of Tokayev.")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        kg.export(tmp_path / "x.graphml")
    assert not [w for w in caught if issubclass(w.category, UserWarning)]


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_writers_keep_forbidden_characters_and_parse_back(forbidden, tmp_path, fmt):
    """TriG, N-Quads, Turtle and JSON-LD may hold any character: the file parses back (with rdflib and
    with Store.load) with the headline, the label and the sentence unchanged."""
    path = forbidden.export(tmp_path / f"x.{fmt}")
    want = {"Head " + FORBIDDEN, "Karim " + FORBIDDEN, "Sentence " + FORBIDDEN}
    data = Dataset()
    data.parse(path, format=RDF_FORMATS[fmt])
    assert want <= texts(data)
    assert want <= texts(KnowledgeGraph.load(path).dataset)


def test_html_page_keeps_its_data_readable(forbidden, tmp_path):
    """The HTML page's data (its GRAPH script) is JSON that parses and holds the label, and no control
    character is left raw in the page."""
    page = forbidden.render(tmp_path / "x.html").read_text(encoding="utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", page)
    start = page.index("var GRAPH = ") + len("var GRAPH = ")
    graph, _ = json.JSONDecoder().raw_decode(page, start)
    assert "Karim " + FORBIDDEN in {n.get("label") for n in graph["nodes"]}


def test_nquads_keeps_one_statement_a_line(tmp_path):
    """A literal holding a form feed or U+2028 stays inside its statement's line."""
    kg = graph_with("a\x0cb\u2028c\x85d", "Karim Masimov", "Masimov was a close ally of Tokayev.")
    path = kg.export(tmp_path / "x.nq")
    assert all(line.endswith(" .") for line in path.read_text(encoding="utf-8").split("\n") if line)
    assert URIRef(iris.document(DOC)) in set(KnowledgeGraph.load(path).dataset.subjects(SDO.headline, None))
