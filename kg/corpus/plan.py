"""Which articles a build extracts: the new and the changed ones. An article whose source (path, or
``path#line``), text (its content hash) and metadata the store already holds is unchanged and is not
parsed; a second article with the text of an earlier one is the same document (its id is its text),
kept with the first one's metadata and not parsed again.
"""
from __future__ import annotations

import enum
import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from kg.io.document import display
from kg.model import Document
from kg.rdf import iris
from kg.rdf.stores import StoredDocument


class Verdict(enum.Enum):
    EXTRACT = "extract"          # new, or changed since it was stored
    UNCHANGED = "unchanged"      # the store holds it as it is
    SAME_TEXT = "same text"      # the text of an article read before it in this build


class Plan:
    """The verdicts of one build, given what the store holds when it starts."""

    def __init__(self, stored: Iterable[StoredDocument]):
        self.by_source: dict[str, list[StoredDocument]] = defaultdict(list)
        for s in stored:
            self.by_source[s.source].append(s)
        self.first: dict[str, str] = {}       # document id -> the source first read with that text
        self.replaced: set[str] = set()       # URLs of articles extracted by this build: storing one
                                              # drops the other versions of its URL the store held
        self.read: set[str] = set()           # every source read by this build, whatever its verdict

    def verdict(self, d: Document) -> Verdict:
        self.read.add(d.source)
        if d.id in self.first:
            return Verdict.SAME_TEXT
        self.first[d.id] = d.source
        if self.unchanged(d):
            return Verdict.UNCHANGED
        if d.url:
            self.replaced.add(d.url)
        return Verdict.EXTRACT

    def unchanged(self, d: Document) -> bool:
        """Whether the store holds exactly this article: one graph for its source, the graph of its
        text, with the same URL, date and (if the article gives one) title. A title the extractor
        read from the page itself is the text's, so it cannot have changed either."""
        found = self.by_source.get(d.source, [])
        if len(found) != 1 or d.url in self.replaced:   # storing an article of its URL, read before
            return False                                # it in this build, dropped its graph
        [s] = found
        return (s.content_hash == d.id and s.graph == str(iris.document_graph(d.id)) and s.url == d.url
                and s.date == (d.date.isoformat() if d.date else None) and (d.title is None or s.title == d.title))

    def same_text_message(self, d: Document) -> str:
        return (f"the same text as {display(self.first[d.id])}: one document, stored with that file's "
                f"title, URL and date")


def gone(stored: Iterable[StoredDocument], paths: Iterable[str | Path], read: set[str],
         problems: set[str], kept: set[str] = frozenset()) -> list[StoredDocument]:
    """The stored documents (as the build left the store) whose source lies under ``paths`` (a given
    file, or a file below a given folder, spelt as the build spells it) that this build neither read
    nor failed to read, and that are surely gone: the file no longer there though its folder can be
    listed, or (``path#N``) a line of a .jsonl file read whole this build. A graph in ``kept`` (one
    this build read a document into) and a document whose file could not be looked at stay."""
    given = [Path(p) for p in paths]

    def under(file: Path) -> bool:
        return any(file == g or g in file.parents for g in given)

    def surely_gone(source: str) -> bool:
        file, _, line = source.partition("#")
        if line:
            return file not in problems and os.path.isfile(file)
        return not os.path.lexists(file) and _listable(Path(file).parent)
    return sorted((s for s in stored if s.graph not in kept and s.source not in read and s.source not in problems
                   and under(Path(s.source.partition("#")[0])) and surely_gone(s.source)),
                  key=lambda s: s.source)


def _listable(folder: Path) -> bool:
    """Whether the nearest folder that exists above a gone file can be listed (one that cannot hides
    what it holds: its files are not gone)."""
    while not os.path.lexists(folder) and folder != folder.parent:
        folder = folder.parent
    try:
        os.listdir(folder)
    except OSError:
        return False
    return True


def count_documents(files: Iterable[Path]) -> int:
    """How many articles the files hold, for the progress bar: one a file, one a line of a .jsonl file
    that is not blank (counted without decoding it)."""
    total = 0
    for f in files:
        if f.suffix.lower() != ".jsonl":
            total += 1
            continue
        try:
            with open(f, "rb") as stream:
                total += sum(1 for line in stream if line.strip())
        except OSError:
            total += 1
    return total
