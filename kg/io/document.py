"""What every reader makes and shares: Documents, ReadProblems, dates and decoded text.

    >>> make_document("Tokayev arrested Masimov.", "a.txt", date="2022-01-10T08:00:00Z").date
    datetime.date(2022, 1, 10)
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kg.ids import content_id
from kg.model import Document


@dataclass(frozen=True)
class ReadProblem:
    """A file or record that could not be read, or was read with losses."""

    source: str
    message: str
    fatal: bool = True      # False: the document was still read (e.g. bytes replaced)


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


def make_document(text: str, source: str, title=None, url=None, date=None) -> Document:
    """A Document whose id is a hash of its text; empty title or url become None, the date is parsed."""
    return Document(id=content_id(text), text=text, source=source, title=title or None,
                    url=url or None, date=parse_date(date))


def decode(raw: bytes, source: str) -> tuple[str, list[ReadProblem]]:
    """UTF-8 text (a BOM dropped); undecodable bytes are replaced and reported as a non-fatal problem."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8", errors="replace")
        return text, [ReadProblem(source, f"invalid UTF-8 at byte {exc.start}; replaced", fatal=False)]
