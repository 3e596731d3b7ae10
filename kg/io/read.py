"""Read articles from plain text, HTML and JSONL files into Documents.

Nothing is lost on bad input: undecodable bytes are replaced (and reported), a broken JSONL line or an
unreadable file becomes a ReadProblem, and reading goes on with the next one.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kg.ids import content_id
from kg.model import Document

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")


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
    return Document(id=content_id(text), text=text, source=source, title=title or None,
                    url=url or None, date=parse_date(date))


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """The files to read: the given files, and every readable file below the given folders, sorted."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            found.append(p)
    return found


def _decode(raw: bytes, source: str) -> tuple[str, list[ReadProblem]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8", errors="replace")
        return text, [ReadProblem(source, f"invalid UTF-8 at byte {exc.start}; replaced", fatal=False)]


def _sidecar(path: Path) -> dict:
    """Metadata for a .txt file from ``NAME.meta.json`` beside it (title, url, date)."""
    meta = path.with_suffix(".meta.json")
    if meta.is_file():
        try:
            return json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
    return {}


class _HTMLText(HTMLParser):
    """Visible text of an HTML page, block elements as paragraphs, and its metadata."""

    SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "button"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
             "tr", "blockquote", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = a.get("property") or a.get("name") or ""
            if key in ("article:published_time", "og:url", "og:title", "date", "dc.date"):
                self.meta[key] = a.get("content", "")
        elif tag == "link" and a.get("rel") == "canonical":
            self.meta["canonical"] = a.get("href", "")
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self.in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif not self.skip_depth:
            self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        paras = [re.sub(r"[ \t\r\f\v\n]+", " ", p).strip() for p in re.split(r"\n\s*\n", joined)]
        return "\n\n".join(p for p in paras if p)


def read_html(path: Path) -> tuple[Document, list[ReadProblem]]:
    text, problems = _decode(path.read_bytes(), str(path))
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    m = parser.meta
    doc = make_document(parser.text(), str(path), title=(m.get("og:title") or parser.title).strip(),
                        url=m.get("canonical") or m.get("og:url"),
                        date=m.get("article:published_time") or m.get("date") or m.get("dc.date"))
    return doc, problems


def read_jsonl(path: Path) -> Iterator[Document | ReadProblem]:
    text, problems = _decode(path.read_bytes(), str(path))
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


def read_file(path: Path) -> Iterator[Document | ReadProblem]:
    """Documents (and problems) of one file, by its suffix; unknown suffixes are read as text."""
    try:
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            yield from read_jsonl(path)
            return
        if suffix in (".html", ".htm"):
            doc, problems = read_html(path)
        else:
            text, problems = _decode(path.read_bytes(), str(path))
            meta = _sidecar(path)
            doc = make_document(text, str(path), meta.get("title"), meta.get("url"), meta.get("date"))
        yield from problems
        if doc.text.strip():
            yield doc
        else:
            yield ReadProblem(str(path), "no text")
    except OSError as exc:
        yield ReadProblem(str(path), f"cannot read: {exc.strerror or exc}")


def read(paths: Iterable[str | Path]) -> Iterator[Document | ReadProblem]:
    """Every document under the given files and folders, in a stable order, with problems in between."""
    for path in discover(paths):
        yield from read_file(path)
