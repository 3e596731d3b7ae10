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


def test_gone_are_the_stored_documents_of_files_under_the_paths_that_are_surely_gone(tmp_path):
    """A deleted file (or a .jsonl line no longer there) under a given folder or file is gone; a file
    read this build, one that failed to read (or a line of a file that did), one outside the paths, one
    still on disk, and a graph this build read a document into are not."""
    from kg.corpus.plan import gone
    for name in ("news/a.txt", "news/bad.txt", "news/unread.txt", "feed.jsonl", "broken.jsonl"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    at = lambda name: str(tmp_path / name)  # noqa: E731
    sources = ["news/a.txt", "news/deleted.txt", "news/sub/deleted.html", "news/bad.txt", "news/unread.txt",
               "other/x.txt", "feed.jsonl#1", "feed.jsonl#9", "broken.jsonl#2", "news2/y.txt", "news/renamed.txt"]
    held = [stored(doc(at(s), f"Text of {s}.")) for s in sources]
    kept = {held[-1].graph}                      # its text was read again this build, from another file
    found = gone(held, [at("news"), at("feed.jsonl"), at("broken.jsonl")],
                 read={at("news/a.txt"), at("feed.jsonl#1")}, problems={at("news/bad.txt"), at("broken.jsonl")},
                 kept=kept)
    assert [s.source for s in found] == [at("feed.jsonl#9"), at("news/deleted.txt"), at("news/sub/deleted.html")]
    assert gone(held, [at("elsewhere")], read=set(), problems=set()) == []
