"""HTML pages: the visible text, block elements as paragraphs (scripts, navigation, headers and
footers left out), the title and date from the head."""
from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from kg.io.document import ReadProblem, decode, make_document, metadata, read_bytes
from kg.io.registry import reader
from kg.model import Document


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


@reader(".html", ".htm", order=20)
def read_html(path: Path) -> Iterator[Document | ReadProblem]:
    """The page as one document, replaced bytes and bad metadata reported first."""
    text, problems = decode(read_bytes(path), str(path))
    yield from problems
    if any(p.fatal for p in problems):
        return
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    m = parser.meta
    meta, bad = metadata(str(path), title=(m.get("og:title") or parser.title).strip(),
                         url=m.get("canonical") or m.get("og:url"),
                         date=m.get("article:published_time") or m.get("date") or m.get("dc.date"))
    yield from bad
    yield make_document(parser.text(), str(path), **meta)
