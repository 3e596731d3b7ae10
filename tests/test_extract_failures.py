"""One document that cannot be extracted (too long for the parser, or an error in a stage) is
reported for itself; the documents around it are extracted and stored."""
import pytest

import kg.extract
from extraction import extractor
from kg.io.document import ReadProblem
from kg.io.read import make_document

GOOD = "Kazakh President Kassym-Jomart Tokayev arrested Karim Masimov in Almaty."
LONG = "Word. " * 170_000           # 1,020,000 characters: over spaCy's max_length of 1,000,000


def _docs(*texts):
    return [make_document(t, f"d{i}.txt") for i, t in enumerate(texts)]


def test_a_document_longer_than_the_parser_takes_is_skipped_with_its_reason():
    out = list(extractor().results(_docs(GOOD, LONG, GOOD), batch_size=2))
    assert [type(x).__name__ for x in out] == ["Extraction", "ReadProblem", "Extraction"]
    assert out[1].source == "d1.txt" and out[1].fatal
    assert out[1].message == "1,019,999 characters, more than the parser takes (1,000,000): split the article to read it"
    assert out[0].relations and out[2].document.source == "d2.txt"


def test_an_error_in_one_document_is_reported_and_the_others_go_on(monkeypatch):
    resolve = kg.extract.resolve

    def fragile(sdoc, *args):
        if "Bomb" in sdoc.text:
            raise IndexError("list index out of range")
        return resolve(sdoc, *args)

    monkeypatch.setattr(kg.extract, "resolve", fragile)
    out = list(extractor().results(_docs(GOOD, "Bomb went off in Almaty.", GOOD)))
    assert isinstance(out[1], ReadProblem) and out[1].source == "d1.txt"
    assert out[1].message == "not extracted: IndexError: list index out of range"
    assert [x.document.source for x in (out[0], out[2])] == ["d0.txt", "d2.txt"]


def test_a_batch_the_parser_fails_on_is_parsed_again_one_by_one(monkeypatch):
    parse = kg.extract.parse

    def fragile(texts, batch_size=16):
        texts = list(texts)
        if any("Bomb" in t for t in texts):
            raise ValueError("[E000] the parser failed")
        return parse(texts, batch_size)

    monkeypatch.setattr(kg.extract, "parse", fragile)
    out = list(extractor().results(_docs(GOOD, "Bomb went off.", GOOD), batch_size=3))
    assert [type(x).__name__ for x in out] == ["Extraction", "ReadProblem", "Extraction"]
    assert out[1].message == "not extracted: ValueError: [E000] the parser failed"


def test_build_stores_the_good_documents_beside_one_too_long(tmp_path):
    """The issue's case: one file over a million characters no longer aborts the build."""
    from kg.api import build

    (tmp_path / "long.txt").write_text(LONG)
    (tmp_path / "good.txt").write_text(GOOD)
    graph, report = build([tmp_path])
    try:
        assert report.documents == 1 and len(graph.document_graphs()) == 1
        assert [(p.source, p.fatal) for p in report.problems] == [(str(tmp_path / "long.txt"), True)]
    finally:
        graph.close()


@pytest.mark.parametrize("max_bytes, documents", [(50, 0), (10_000, 1)])
def test_build_takes_a_size_limit(tmp_path, max_bytes, documents):
    from kg.api import build

    (tmp_path / "good.txt").write_text(GOOD)
    graph, report = build([tmp_path], max_bytes=max_bytes)
    graph.close()
    assert report.documents == documents and len(report.problems) == 1 - documents
