"""The readers, keyed by file suffix: one module per format under kg/io/readers/, found by importing
that package, so that a new format is one new file.

A reader is a function from a path to the documents (and problems) in it, registered with::

    @reader(".md", name="markdown", order=40)
    def read_markdown(path: Path) -> Iterator[Document | ReadProblem]:
        text, problems = decode(read_bytes(path), str(path))     # within the size limit
        yield from problems
        yield make_document(text, str(path))

``read_file`` refuses a file that is not a regular file or is over the size limit, and reports an
unreadable file, a reader's exception and a document without text, for every reader alike.
"""
from __future__ import annotations

import contextlib
import contextvars
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.io.document import DEFAULT_MAX_BYTES, MAX_BYTES, ReadProblem, Unreadable, kind
from kg.model import Document
from kg.plugins import import_all

ReadFunction = Callable[[Path], Iterable[Document | ReadProblem]]


@dataclass(frozen=True)
class Reader:
    """A format that articles are read from: its suffixes (lower case, with the dot) and its function."""

    name: str
    suffixes: tuple[str, ...]
    read: ReadFunction
    order: int = 100            # place in listings: `.txt, .html or .jsonl`
    fallback: bool = False      # also reads a file given by name whose suffix no reader claims
    note: str = ""              # a sentence for `kg build --help`, e.g. about metadata files
    streams: bool = False       # reads a record at a time: the size limit is a record's, not the file's


_READERS: dict[str, Reader] = {}
_LOADED = False


def register(entry: Reader) -> Reader:
    """Add a reader; a name or suffix that another reader has already is an error."""
    if not entry.suffixes or any(not s.startswith(".") or s != s.lower() for s in entry.suffixes):
        raise ValueError(f"reader {entry.name!r}: suffixes are lower case and start with a dot, "
                         f"e.g. '.txt'; got {entry.suffixes!r}")
    if entry.name in _READERS:
        raise ValueError(f"reader {entry.name!r}: the name {entry.name!r} is taken")
    for other in _READERS.values():
        if clash := sorted(set(entry.suffixes) & set(other.suffixes)):
            raise ValueError(f"reader {entry.name!r}: the suffix {clash[0]!r} is taken by the reader "
                             f"{other.name!r}")
    _READERS[entry.name] = entry
    return entry


def unregister(name: str) -> None:
    """Remove a reader (tests register toy readers and take them away again)."""
    _READERS.pop(name, None)


@contextlib.contextmanager
def registered(entry: Reader) -> Iterator[Reader]:
    """A reader that is registered inside the ``with`` block only."""
    _load()
    register(entry)
    try:
        yield entry
    finally:
        unregister(entry.name)


def reader(*suffixes: str, name: str | None = None, order: int = 100, fallback: bool = False,
           note: str = "", streams: bool = False) -> Callable[[ReadFunction], ReadFunction]:
    """Register the decorated function as the reader of files with these suffixes; its name is the
    module's (``kg/io/readers/markdown.py``: "markdown") unless given.

        >>> @reader(".md", name="markdown")
        ... def read_markdown(path): ...
    """
    def register_function(function: ReadFunction) -> ReadFunction:
        label = name or function.__module__.rpartition(".")[2]
        register(Reader(label, tuple(suffixes), function, order=order, fallback=fallback, note=note,
                        streams=streams))
        return function
    return register_function


def _load() -> None:
    """Import every module of kg.io.readers once: each registers its format."""
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    from kg.io import readers
    import_all(readers)


def readers() -> list[Reader]:
    """Every registered reader, in listing order."""
    _load()
    return sorted(_READERS.values(), key=lambda r: (r.order, r.name))


def suffixes() -> tuple[str, ...]:
    """Every suffix a reader claims, e.g. ('.txt', '.html', '.htm', '.jsonl')."""
    return tuple(s for r in readers() for s in r.suffixes)


def for_path(path: Path) -> Reader:
    """The reader of a file, by its suffix; the fallback reader (plain text) for any other suffix."""
    suffix = path.suffix.lower()
    for r in readers():
        if suffix in r.suffixes:
            return r
    fallback = [r for r in readers() if r.fallback]
    if not fallback:
        raise ValueError(f"{path}: no reader for {suffix or 'files without a suffix'}")
    return fallback[0]


def listing(conjunction: str = "or") -> str:
    """The readers' main suffixes for messages: '.txt, .html or .jsonl'."""
    names = [r.suffixes[0] for r in readers()]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def check(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Raise Unreadable (or another OSError) for a file that is not read: a dangling link, a FIFO, a
    device, a socket (never opened, so never waited on) or a file over ``max_bytes``. A .jsonl file
    is read a line at a time: the limit is its lines'."""
    if path.is_symlink() and not path.exists():
        raise Unreadable(f"a link to {os.readlink(path)}, which does not exist")
    info = path.stat()
    what = kind(info.st_mode)
    if what:
        raise Unreadable(f"not a regular file ({what})")
    if info.st_size > max_bytes and not for_path(path).streams:
        raise Unreadable(f"{info.st_size:,} bytes, over the size limit of {max_bytes:,} (--max-bytes)")


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadProblem]:
    """Documents (and problems) of one file, by its suffix; unknown suffixes are read as text.
    A file that is not a regular file or is over ``max_bytes``, an unreadable file, a reader's failure
    or a document without text is a problem, whatever the format; the reader runs with the limit
    (``kg.io.document.read_bytes``)."""
    context = contextvars.copy_context()
    context.run(MAX_BYTES.set, max_bytes)
    done = object()
    try:
        check(path, max_bytes)
        items = context.run(iter, for_path(path).read(path))
        while (item := context.run(next, items, done)) is not done:
            if isinstance(item, Document) and not item.text.strip():
                yield ReadProblem(item.source, "no text")
            else:
                yield item
    except Unreadable as exc:
        yield ReadProblem(str(path), str(exc))
    except OSError as exc:
        yield ReadProblem(str(path), f"cannot read: {exc.strerror or exc}")
    except Exception as exc:     # noqa: BLE001 - a reader's bug or a hostile file: this file only
        yield ReadProblem(str(path), f"cannot read: {type(exc).__name__}: {exc}")
