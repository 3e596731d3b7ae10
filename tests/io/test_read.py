"""Reading articles: plain text, HTML and JSONL; nothing lost on bad input."""
import datetime as dt
import json

from kg.io.read import ReadProblem, read


def _docs(items):
    return [d for d in items if not isinstance(d, ReadProblem)]


def test_text_with_sidecar_metadata(tmp_path):
    """A .txt file takes its title, url and date from NAME.meta.json beside it."""
    (tmp_path / "a.txt").write_text("Tokayev arrested Masimov.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "T", "date": "2022-01-10"}))
    [doc] = _docs(read([tmp_path]))
    assert doc.title == "T" and doc.date == dt.date(2022, 1, 10)
    assert doc.text == "Tokayev arrested Masimov." and len(doc.id) == 16


def test_same_text_same_id(tmp_path):
    """The document id is a hash of the content: the same text gives the same id."""
    (tmp_path / "a.txt").write_text("Same text.")
    (tmp_path / "b.txt").write_text("Same text.")
    a, b = _docs(read([tmp_path]))
    assert a.id == b.id and a.source != b.source


def test_bad_bytes_are_replaced_and_reported(tmp_path):
    """Invalid UTF-8 does not crash: bytes are replaced and a non-fatal problem is reported."""
    (tmp_path / "bad.txt").write_bytes(b"Putin said \xff\xfe hello.")
    items = list(read([tmp_path]))
    problems = [i for i in items if isinstance(i, ReadProblem)]
    assert _docs(items)[0].text.startswith("Putin said")
    assert problems and not problems[0].fatal


def test_jsonl_records_and_broken_lines(tmp_path):
    """Each JSONL line is a document; a broken line is reported and the rest are read."""
    lines = [json.dumps({"text": "One.", "url": "http://x/1", "date": "2022-01-11T08:00:00Z"}),
             "{not json",
             json.dumps({"title": "no text"}),
             json.dumps({"text": "Two."})]
    (tmp_path / "n.jsonl").write_text("\n".join(lines))
    items = list(read([tmp_path / "n.jsonl"]))
    docs = _docs(items)
    assert [d.text for d in docs] == ["One.", "Two."]
    assert docs[0].date == dt.date(2022, 1, 11) and docs[0].url == "http://x/1"
    assert [i.source.rsplit("#", 1)[1] for i in items if isinstance(i, ReadProblem)] == ["2", "3"]


def test_html_visible_text_and_metadata(tmp_path):
    """HTML: title and date come from the head; scripts, navigation and footers are not text."""
    (tmp_path / "p.html").write_text(
        "<html><head><title>Headline</title>"
        "<meta property='article:published_time' content='2022-01-10T10:00:00Z'></head>"
        "<body><nav>Home | World</nav><script>var x = 1;</script>"
        "<p>Tokayev arrested Masimov.</p><p>Putin said so &amp; more.</p><footer>(c) Site</footer></body></html>")
    [doc] = _docs(read([tmp_path]))
    assert doc.title == "Headline" and doc.date == dt.date(2022, 1, 10)
    assert doc.text == "Tokayev arrested Masimov.\n\nPutin said so & more."


def test_missing_file_is_a_problem(tmp_path):
    """A path that cannot be read is reported, not raised."""
    [problem] = list(read([tmp_path / "nope.txt"]))
    assert isinstance(problem, ReadProblem) and problem.fatal
