"""Plain text: the whole file is the article; its title, url and date may sit in ``NAME.meta.json``
beside it, e.g. ``{"title": "Tokayev arrests Masimov", "date": "2022-01-10"}``.

Text is also how a file named on the command line is read when no reader claims its suffix.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from kg.io.document import ReadProblem, decode, make_document
from kg.io.registry import reader
from kg.model import Document


def sidecar(path: Path) -> dict:
    """Metadata for a .txt file from ``NAME.meta.json`` beside it (title, url, date)."""
    meta = path.with_suffix(".meta.json")
    if meta.is_file():
        try:
            return json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
    return {}


@reader(".txt", order=10, fallback=True,
        note='A .txt article may carry metadata in NAME.meta.json beside it: {"title", "url", "date"}.')
def read_text(path: Path) -> Iterator[Document | ReadProblem]:
    """The file as one document, replaced bytes reported first."""
    text, problems = decode(path.read_bytes(), str(path))
    meta = sidecar(path)
    yield from problems
    yield make_document(text, str(path), meta.get("title"), meta.get("url"), meta.get("date"))
