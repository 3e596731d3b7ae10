"""Read articles from files into Documents, each file by the reader its suffix names (kg.io.registry):
plain text (with a .meta.json sidecar), HTML and JSONL today, one module each under kg/io/readers/.

Nothing is lost on bad input: undecodable bytes are replaced (and reported), a broken JSONL line or an
unreadable file becomes a ReadProblem, and reading goes on with the next one.

    >>> [d.source for d in read(["examples/"]) if not isinstance(d, ReadProblem)]
    ['examples/seed.txt']
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.io.document import DEFAULT_MAX_BYTES, ReadProblem, display, kind, make_document, parse_date
from kg.io.registry import read_file, suffixes
from kg.model import Document


def survey(paths: Iterable[str | Path]) -> tuple[list[Path], list[ReadProblem]]:
    """The files to read (the given files, and every file below the given folders that a reader
    claims by its suffix, sorted), each once however often it is given; and what was passed over: a
    FIFO, a device, a socket or a dangling link in a folder, a file given twice."""
    known = suffixes()
    found: list[Path] = []
    problems: list[ReadProblem] = []
    seen: dict[object, Path] = {}
    for p in map(Path, paths):
        if p.is_dir():
            claimed = sorted(f for f in p.rglob("*") if f.suffix.lower() in known)
            problems += [ReadProblem(str(f), why) for f in claimed if (why := _passed_over(f))]
            listed = [f for f in claimed if f.is_file()]
        else:
            listed = [p]
        for f in listed:
            key = _identity(f)
            if key in seen:
                again = "given more than once" if f == seen[key] else f"the same file as {display(str(seen[key]))}"
                problems.append(ReadProblem(str(f), f"{again}; read once", False))
            else:
                seen[key] = f
                found.append(f)
    return found, problems


def _passed_over(f: Path) -> str | None:
    """Why a file a folder holds is not read (a FIFO, a dangling link), None for a file or a folder."""
    try:
        mode = f.stat().st_mode
    except OSError as exc:
        return f"a link to {os.readlink(f)}, which does not exist" if f.is_symlink() else \
            f"cannot read: {exc.strerror or exc}"
    what = kind(mode)
    return None if what in (None, "a folder") else f"not a regular file ({what})"


def _identity(f: Path) -> object:
    """What makes two paths one file: its device and inode (its absolute path if it has none)."""
    try:
        info = f.stat()
        return info.st_dev, info.st_ino
    except OSError:
        return os.path.abspath(f)


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """The files to read (see ``survey``)."""
    return survey(paths)[0]


def read(paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadProblem]:
    """Every document under the given files and folders, in a stable order, with problems in between;
    a file over ``max_bytes`` (a .jsonl line) is skipped and reported."""
    files, problems = survey(paths)
    yield from problems
    for path in files:
        yield from read_file(path, max_bytes)


__all__ = ["Document", "ReadProblem", "discover", "make_document", "parse_date", "read", "read_file", "survey"]
