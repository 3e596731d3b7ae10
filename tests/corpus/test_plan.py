"""Which articles a build extracts (kg/corpus/plan.py), from what the store held when it started."""
from __future__ import annotations

from kg.corpus.plan import Plan, Verdict
from kg.ids import content_id
from kg.model import Document
from kg.rdf import iris
from kg.rdf.stores import StoredDocument


def doc(source: str, text: str, url: str | None = None) -> Document:
    return Document(content_id(text), text, source, url=url)


def stored(d: Document) -> StoredDocument:
    return StoredDocument(str(iris.document_graph(d.id)), d.id, d.source, url=d.url)


def test_an_unchanged_article_is_skipped_and_a_changed_one_extracted():
    old, same = doc("a.txt", "Old text."), doc("b.txt", "Same text.")
    plan = Plan([stored(old), stored(same)])
    assert plan.verdict(doc("a.txt", "New text.")) is Verdict.EXTRACT
    assert plan.verdict(same) is Verdict.UNCHANGED
    assert plan.verdict(doc("c.txt", "Same text.")) is Verdict.SAME_TEXT


def test_two_versions_of_one_url_keep_the_later_at_every_build():
    """Two lines of a JSONL file with one URL: the store keeps the later (storing an article drops
    the other versions of its URL). Building again, the first line is extracted (the store does not
    hold it) and drops the second's graph, so the second must be extracted again too, not skipped."""
    first = doc("news.jsonl#1", "The first version.", url="https://example.org/a")
    second = doc("news.jsonl#2", "The second version.", url="https://example.org/a")
    plan = Plan([stored(second)])
    assert plan.verdict(first) is Verdict.EXTRACT
    assert plan.verdict(second) is Verdict.EXTRACT
    alone = Plan([stored(second)])                  # without the first line, nothing to do
    assert alone.verdict(second) is Verdict.UNCHANGED


def test_gone_are_the_stored_documents_of_files_under_the_paths_that_were_not_read():
    """A deleted file (or a .jsonl line no longer there) under a given folder or file is gone; a file
    read this build, one that failed to read (or a line of a file that did), one outside the paths are not."""
    from kg.corpus.plan import gone
    sources = ["news/a.txt", "news/deleted.txt", "news/sub/deleted.html", "news/bad.txt", "other/x.txt",
               "feed.jsonl#1", "feed.jsonl#9", "broken.jsonl#2", "news2/y.txt"]
    held = [stored(doc(s, f"Text of {s}.")) for s in sources]
    found = gone(held, ["news", "feed.jsonl", "broken.jsonl"], read={"news/a.txt", "feed.jsonl#1"},
                 problems={"news/bad.txt", "broken.jsonl"})
    assert [s.source for s in found] == ["feed.jsonl#9", "news/deleted.txt", "news/sub/deleted.html"]
    assert gone(held, ["elsewhere"], read=set(), problems=set()) == []
