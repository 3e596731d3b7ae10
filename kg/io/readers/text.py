"""Plain text: the whole file is the article; its title, url and date may sit in ``NAME.meta.json``
beside it, e.g. ``{"title": "Tokayev arrests Masimov", "date": "2022-01-10"}``.

Text is also how a file named on the command line is read when no reader claims its suffix.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from kg.io.document import ReadProblem, decode, make_document, metadata, read_bytes
from kg.io.registry import reader
from kg.model import Document

SIDECAR_MAX_BYTES = 1_000_000


def sidecar(path: Path) -> tuple[dict, list[ReadProblem]]:
    """Metadata for a .txt file from ``NAME.meta.json`` beside it (title, url, date); a sidecar that
    cannot be read, is not a JSON object or holds a bad value is reported and what is bad left out."""
    meta = path.with_suffix(".meta.json")
    if not (meta.exists() or meta.is_symlink()):
        return {}, []
    try:
        fields = json.loads(read_bytes(meta, SIDECAR_MAX_BYTES).decode("utf-8-sig"))
    except (OSError, ValueError) as exc:
        return {}, [ReadProblem(str(meta), f"metadata not read ({exc}); the article is read without it", False)]
    if not isinstance(fields, dict):
        return {}, [ReadProblem(str(meta), "metadata is not a JSON object; the article is read without it", False)]
    return metadata(str(meta), **{k: fields.get(k) for k in ("title", "url", "date")})


@reader(".txt", order=10, fallback=True,
        note='A .txt article may carry metadata in NAME.meta.json beside it: {"title", "url", "date"}.')
def read_text(path: Path) -> Iterator[Document | ReadProblem]:
    """The file as one document, replaced bytes and bad metadata reported first."""
    text, problems = decode(read_bytes(path), str(path))
    yield from problems
    if any(p.fatal for p in problems):
        return
    meta, bad = sidecar(path)
    yield from bad
    yield make_document(text, str(path), **meta)
