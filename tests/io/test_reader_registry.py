"""The reader registry: the built-in formats, and a new format as one new module."""
import sys
import textwrap

import pytest

from kg.io import readers as readers_package
from kg.io import registry
from kg.io.document import ReadProblem, decode, make_document
from kg.io.read import discover, read
from kg.io.registry import Reader

MARKDOWN = textwrap.dedent('''
    """Markdown: a toy reader, the text without the heading marks, the first heading as the title."""
    from kg.io.document import decode, make_document
    from kg.io.registry import reader


    @reader(".md", order=40)
    def read_markdown(path):
        text, problems = decode(path.read_bytes(), str(path))
        yield from problems
        lines = text.splitlines()
        title = next((line.lstrip("# ") for line in lines if line.startswith("#")), None)
        yield make_document("\\n".join(line.lstrip("# ") for line in lines), str(path), title=title)
''')


def read_markdown(path):
    """The same toy reader, as a function to register by hand."""
    text, problems = decode(path.read_bytes(), str(path))
    yield from problems
    yield make_document(text.lstrip("# "), str(path))


def test_the_built_in_readers():
    """Text (also the fallback), HTML and JSONL, listed in that order."""
    assert [r.name for r in registry.readers()] == ["text", "html", "jsonl"]
    assert registry.suffixes() == (".txt", ".html", ".htm", ".jsonl")
    assert registry.listing() == ".txt, .html or .jsonl"
    assert registry.for_path(registry.Path("notes.TXT")).name == "text"
    assert registry.for_path(registry.Path("page.htm")).name == "html"
    assert registry.for_path(registry.Path("notes.rst")).name == "text"     # a file named on its own


def test_a_new_format_is_one_new_module(tmp_path, monkeypatch):
    """A module dropped beside the built-in readers is found by importing the package: read() and
    discover() accept its suffix, and the listings name it."""
    package = tmp_path / "plugins"
    package.mkdir()
    (package / "markdown.py").write_text(MARKDOWN, encoding="utf-8")
    monkeypatch.setattr(readers_package, "__path__", [*readers_package.__path__, str(package)])
    registry.readers()                  # the built-in modules, imported and registered once
    monkeypatch.setattr(registry, "_READERS", dict(registry._READERS))   # given back after the test
    monkeypatch.setattr(registry, "_LOADED", False)
    monkeypatch.delitem(sys.modules, "kg.io.readers.markdown", raising=False)
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.md").write_text("# Arrest\n\nTokayev arrested Masimov.\n", encoding="utf-8")
    (articles / "b.txt").write_text("Putin said so.", encoding="utf-8")
    try:
        assert [p.name for p in discover([articles])] == ["a.md", "b.txt"]
        docs = [d for d in read([articles]) if not isinstance(d, ReadProblem)]
        assert [(d.title, d.text) for d in docs] == [("Arrest", "Arrest\n\nTokayev arrested Masimov."),
                                                     (None, "Putin said so.")]
        assert registry.listing() == ".txt, .html, .jsonl or .md"
    finally:
        sys.modules.pop("kg.io.readers.markdown", None)


def test_a_reader_registered_for_a_while(tmp_path):
    """``registered`` adds a reader for the ``with`` block only; outside it, folders skip .md files."""
    (tmp_path / "a.md").write_text("# Tokayev arrested Masimov.", encoding="utf-8")
    with registry.registered(Reader("markdown", (".md",), read_markdown, order=40)):
        [doc] = read([tmp_path])
        assert doc.text == "Tokayev arrested Masimov." and ".md" in registry.suffixes()
    assert ".md" not in registry.suffixes()
    assert discover([tmp_path]) == []


def test_a_reader_without_text_is_a_problem_like_any_other(tmp_path):
    """read_file reports a document without text, and an unreadable file, for every reader alike."""
    (tmp_path / "empty.md").write_text("#  ", encoding="utf-8")
    with registry.registered(Reader("markdown", (".md",), read_markdown)):
        assert list(read([tmp_path])) == [ReadProblem(str(tmp_path / "empty.md"), "no text")]
        [problem] = read([tmp_path / "gone.md"])
        assert problem.message.startswith("cannot read:") and problem.fatal


@pytest.mark.parametrize("entry, message", [
    (Reader("rich", (".txt",), read_markdown), "the suffix '.txt' is taken by the reader 'text'"),
    (Reader("html", (".xhtml",), read_markdown), "the name 'html' is taken"),
    (Reader("markdown", ("md",), read_markdown), "suffixes are lower case and start with a dot"),
])
def test_a_clash_is_refused(entry, message):
    registry.readers()
    with pytest.raises(ValueError, match=message):
        registry.register(entry)
    assert [r.name for r in registry.readers()] == ["text", "html", "jsonl"]
