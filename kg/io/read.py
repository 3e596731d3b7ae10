"""Read articles from files into Documents, each file by the reader its suffix names (kg.io.registry):
plain text (with a .meta.json sidecar), HTML and JSONL today, one module each under kg/io/readers/.

Nothing is lost on bad input: undecodable bytes are replaced (and reported), a broken JSONL line or an
unreadable file becomes a ReadProblem, and reading goes on with the next one.

    >>> [d.source for d in read(["examples/"]) if not isinstance(d, ReadProblem)]
    ['examples/seed.txt']
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.io.document import ReadProblem, make_document, parse_date
from kg.io.registry import read_file, suffixes
from kg.model import Document


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """The files to read: the given files, and every file below the given folders that a reader
    claims by its suffix, sorted."""
    known = suffixes()
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in known)
        else:
            found.append(p)
    return found


def read(paths: Iterable[str | Path]) -> Iterator[Document | ReadProblem]:
    """Every document under the given files and folders, in a stable order, with problems in between."""
    for path in discover(paths):
        yield from read_file(path)


__all__ = ["Document", "ReadProblem", "discover", "make_document", "parse_date", "read", "read_file"]
