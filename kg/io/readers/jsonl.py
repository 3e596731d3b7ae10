"""JSON Lines: one article a line, ``{"text": ..., "title": ..., "url": ..., "date": ...}``; a broken
line is a problem and reading goes on with the next one. The file is read a line at a time: the size
limit (``--max-bytes``) is a line's, so a file may hold any number of articles."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from kg.io.document import (MAX_BYTES, ReadProblem, decode, encoding, make_document, metadata,
                             read_bytes)
from kg.io.registry import reader
from kg.model import Document

_HEAD = 4096


def _lines(path: Path) -> Iterator[tuple[int, str | ReadProblem]]:
    """(number, text or problem) of each line; a line over the size limit is a problem and is not
    kept in memory. A file in UTF-16 or UTF-32 is read whole, within the limit."""
    limit = MAX_BYTES.get()
    with open(path, "rb") as f:
        head = f.read(_HEAD)
        if encoding(head) != "utf-8":
            text, problems = decode(read_bytes(path), str(path))
            yield from ((0, p) for p in problems)
            if not any(p.fatal for p in problems):
                yield from enumerate(text.splitlines(), start=1)
            return
        binary = [p for p in decode(head, str(path))[1] if p.fatal]
        if binary:
            yield 0, binary[0]
            return
        f.seek(0)
        for n, raw in enumerate(iter(lambda: f.readline(limit + 1), b""), start=1):
            if len(raw) > limit:
                while raw and not raw.endswith(b"\n"):
                    raw = f.readline(1 << 20)
                yield n, ReadProblem(f"{path}#{n}", f"line over the size limit of {limit:,} bytes (--max-bytes)")
                continue
            text, problems = decode(raw, f"{path}#{n}")
            yield from ((n, p) for p in problems)
            if not any(p.fatal for p in problems):
                yield n, text.rstrip("\r\n")


@reader(".jsonl", order=30, streams=True)
def read_jsonl(path: Path) -> Iterator[Document | ReadProblem]:
    """A document per record; each record's source is ``PATH#LINE``."""
    for n, line in _lines(path):
        if isinstance(line, ReadProblem):
            yield line
            continue
        if not line.strip():
            continue
        yield from _record(line, f"{path}#{n}")


def _record(line: str, source: str) -> Iterator[Document | ReadProblem]:
    """The document of one line, or why there is none."""
    try:
        rec = json.loads(line)
    except ValueError as exc:
        yield ReadProblem(source, f"not JSON: {exc}")
        return
    except RecursionError:
        yield ReadProblem(source, "not JSON: nested too deeply")
        return
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
        yield ReadProblem(source, "a record needs a non-empty string field 'text'")
        return
    meta, problems = metadata(source, title=rec.get("title"), url=rec.get("url"), date=rec.get("date"))
    yield from problems
    yield make_document(rec["text"], source, **meta)
