"""JSON Lines: one article a line, ``{"text": ..., "title": ..., "url": ..., "date": ...}``; a broken
line is a problem and reading goes on with the next one."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from kg.io.document import ReadProblem, decode, make_document
from kg.io.registry import reader
from kg.model import Document


@reader(".jsonl", order=30)
def read_jsonl(path: Path) -> Iterator[Document | ReadProblem]:
    """A document per record; each record's source is ``PATH#LINE``."""
    text, problems = decode(path.read_bytes(), str(path))
    yield from problems
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}#{n}"
        try:
            rec = json.loads(line)
        except ValueError as exc:
            yield ReadProblem(source, f"not JSON: {exc}")
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
            yield ReadProblem(source, "a record needs a non-empty string field 'text'")
            continue
        yield make_document(rec["text"], source, rec.get("title"), rec.get("url"), rec.get("date"))
