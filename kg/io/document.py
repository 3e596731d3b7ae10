"""What every reader makes and shares: Documents, ReadProblems, dates, bytes read within a limit and
decoded text.

    >>> make_document("Tokayev arrested Masimov.", "a.txt", date="2022-01-10T08:00:00Z").date
    datetime.date(2022, 1, 10)
"""
from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import stat
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from kg.ids import content_id
from kg.model import Document

DEFAULT_MAX_BYTES = 5_000_000       # per file (per line of a .jsonl file); `kg build --max-bytes`
MAX_BYTES: ContextVar[int] = ContextVar("max_bytes", default=DEFAULT_MAX_BYTES)   # set by read_file
BINARY_SHARE = 0.2                  # more control or undecodable characters than this: not text
# characters no RDF or XML output can hold: C0 controls but tab and line ends, surrogates, U+FFFE/F
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


@dataclass(frozen=True)
class ReadProblem:
    """A file or record that could not be read, or was read with losses."""

    source: str
    message: str
    fatal: bool = True      # False: the document was still read (e.g. bytes replaced)


class Unreadable(OSError):
    """A file that is not read: not a regular file, or over the size limit; its message says why."""


def display(source: str) -> str:
    """A file name on one line: control characters and bytes that are not UTF-8 escaped."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in source)


def kind(mode: int) -> str | None:
    """What a file that is not a regular file is ("a FIFO"), None for a regular file."""
    return None if stat.S_ISREG(mode) else next((name for test, name in _KINDS if test(mode)), "not a file")


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (the read's limit, MAX_BYTES, if None).
    A FIFO, a device or a socket is never read (nor left blocking): Unreadable says what it is."""
    limit = MAX_BYTES.get() if limit is None else limit
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        what = kind(os.fstat(fd).st_mode)
        if what:
            raise Unreadable(f"not a regular file ({what})")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise Unreadable(f"over the size limit of {limit:,} bytes (--max-bytes)")
    return data


def parse_date(value: object) -> dt.date | None:
    """Accept '2022-01-10', '2022-01-10T08:00:00Z' and the like; None when unreadable."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value).strip())
    if not m:
        return None
    try:
        return dt.date(*map(int, m.groups()))
    except ValueError:
        return None


def safe(text: str) -> str:
    """Text any output can hold: control characters become spaces, lone surrogates and non-characters
    U+FFFD, one for one (offsets stay)."""
    return _UNSAFE.sub(lambda m: " " if m.group() < " " else "\ufffd", text)


def make_document(text: str, source: str, title=None, url=None, date=None) -> Document:
    """A Document whose id is a hash of its text; empty title or url become None, the date is parsed.
    Characters no output can hold are replaced (``safe``), in the source's name as well."""
    text, source = safe(text), safe(source.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
    return Document(id=content_id(text), text=text, source=source,
                    title=safe(title) if isinstance(title, str) and title else None,
                    url=safe(url) if isinstance(url, str) and url else None, date=parse_date(date))


def metadata(source: str, **fields: object) -> tuple[dict, list[ReadProblem]]:
    """Title, url and date as given (for ``make_document``), without those that are not text or not a
    date, each of them reported."""
    kept, problems = {}, []
    for name, value in fields.items():
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            problems.append(ReadProblem(source, f"{name} is not text ({type(value).__name__}); left out", False))
        elif name == "date" and parse_date(value) is None:
            problems.append(ReadProblem(source, f"date {value[:40]!r} is not a date (YYYY-MM-DD); left out",
                                        False))
        else:
            kept[name] = value
    return kept, problems


def encoding(raw: bytes) -> str:
    """The encoding of bytes: UTF-8, or UTF-16/32 as a BOM (or NUL bytes) say."""
    return _encoding(raw)[0]


def _encoding(raw: bytes) -> tuple[str, int]:
    """The encoding a BOM names (and the BOM's length), or UTF-16 without a BOM when every other byte
    is NUL (ASCII in UTF-16); UTF-8 otherwise."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name, len(bom)
    if len(raw) >= 4 and len(raw) % 2 == 0:
        even, odd = raw[0::2], raw[1::2]
        if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
            return "utf-16-le", 0
        if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "utf-16-be", 0
    return "utf-8", 0


def decode(raw: bytes, source: str) -> tuple[str, list[ReadProblem]]:
    """The text of a file: UTF-8, or UTF-16/32 by its BOM (or UTF-16 by its NUL bytes), the BOM dropped.
    Undecodable bytes are replaced and reported as a non-fatal problem; a file that is mostly not text
    (NUL bytes, control characters, replaced bytes) is a fatal problem and its text is empty."""
    name, skip = _encoding(raw)
    problems, shown = [], name.upper()
    try:
        text = raw[skip:].decode(name)
    except UnicodeDecodeError as exc:
        text = raw[skip:].decode(name, errors="replace")
        problems.append(ReadProblem(source, f"invalid {shown} at byte {exc.start + skip}; replaced", fatal=False))
    bad = len(_CONTROL.findall(text))
    if text and bad > BINARY_SHARE * len(text):
        return "", [ReadProblem(source, f"not text: {bad * 100 // len(text)}% of it are control characters or "
                                        f"bytes that are not {shown}")]
    return text, problems
