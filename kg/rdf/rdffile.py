"""Reading one RDF file for ``Store.load``: what a parser rejects becomes one line naming the file,
the line and the column, with a short excerpt, and a JSON-LD file may not send rdflib to the network.

rdflib's parsers fail in many ways (``BadSyntax`` holding the whole file, a bare ``AssertionError``,
``ParserError`` holding the whole line, ``JSONDecodeError``); ``ParseProblem`` turns each into
``FILE:LINE:COL: not valid Turtle: <why> near '<excerpt>'``.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

FORMAT_NAMES = {"trig": "TriG", "nquads": "N-Quads", "turtle": "Turtle", "nt": "N-Triples",
                "json-ld": "JSON-LD", "xml": "RDF/XML", "n3": "Notation3"}
EXCERPT = 40        # characters of the offending text shown on each side of the error
WHY = 120           # characters of the parser's reason kept


class RdfFileError(ValueError):
    """An RDF file that cannot be read; its message is one line for the user."""


@dataclass(frozen=True)
class ParseProblem:
    """Where a file went wrong (1-based line and column, when known) and why."""
    path: Path
    fmt: str
    why: str
    line: int | None = None
    column: int | None = None
    excerpt: str = ""

    def message(self) -> str:
        where = "".join(f":{n}" for n in (self.line, self.column) if n is not None)
        near = f" near {self.excerpt!r}" if self.excerpt else ""
        why = _one_line(self.why, WHY)
        return f"{self.path}{where}: not valid {FORMAT_NAMES.get(self.fmt, self.fmt)}: {why}{near}"


def parse_file(target: Graph, path: Path, fmt: str) -> None:
    """Parse ``path`` in format ``fmt`` into ``target`` (a Graph or a Dataset); raise RdfFileError
    with one line for the user when the file is not text, empty, or not valid ``fmt``."""
    text = read_text(path)
    if fmt == "json-ld":
        refuse_remote_contexts(path, text)
    try:
        target.parse(path, format=fmt)
    except Exception as exc:  # rdflib's parsers raise anything from AssertionError to KeyError
        raise RdfFileError(problem(path, fmt, exc, text).message()) from None


def read_text(path: Path) -> str:
    """The file as UTF-8 text; a binary or UTF-16 file, or one with nothing in it, is an error."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RdfFileError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RdfFileError(f"{path}:{line}:{column}: not UTF-8 text (byte 0x{data[exc.start]:02x}): "
                           f"a binary file, or another encoding?") from None
    if not text.strip():
        raise RdfFileError(f"{path}: the file is empty: no RDF in it")
    return text


def refuse_remote_contexts(path: Path, text: str) -> None:
    """A JSON-LD file whose ``@context`` (anywhere in it) names a document by reference, which rdflib
    would fetch, is refused: newskg reads no network and no other file. Its contexts must be inline."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RdfFileError(ParseProblem(path, "json-ld", exc.msg, exc.lineno, exc.colno,
                                        _excerpt(text, exc.pos)).message()) from None
    for reference in _context_references(data):
        raise RdfFileError(f"{path}: the JSON-LD @context refers to {_one_line(reference, 80)!r}, which "
                           f"would be fetched; newskg reads nothing remote: put the context in the file")


def _context_references(node) -> list[str]:
    """Every context given by reference (a string) under an ``@context`` or ``@import`` key."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("@context", "@import"):
                found += [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
            found += _context_references(value)
    elif isinstance(node, list):
        for value in node:
            found += _context_references(value)
    return found


def problem(path: Path, fmt: str, exc: Exception, text: str) -> ParseProblem:
    """Where and why a parser failed on ``text``, read from whatever it raised."""
    if isinstance(exc, json.JSONDecodeError):
        return ParseProblem(path, fmt, exc.msg, exc.lineno, exc.colno, _excerpt(text, exc.pos))
    if hasattr(exc, "_i") and hasattr(exc, "_why"):           # notation3's BadSyntax (Turtle, TriG, N3)
        source = exc._str.decode("utf-8", "replace") if isinstance(exc._str, bytes) else str(exc._str)
        return _at(path, fmt, exc._why, source, exc._i)
    if hasattr(exc, "getLineNumber"):                         # SAX, for RDF/XML
        return ParseProblem(path, fmt, exc.getMessage(), exc.getLineNumber(), exc.getColumnNumber() + 1)
    seen = _parser_position(exc)
    if seen is not None:                                      # notation3 failing without BadSyntax
        why = str(exc).split(" at ^ in ")[0]
        why = why if isinstance(exc, AssertionError) and why else f"{type(exc).__name__}: {why}"
        return _at(path, fmt, why, *seen)
    message = str(exc)
    caret = re.match(r"(?s)(.*?) at \^ in (.*)$", message)   # "Quote expected in string at ^ in AB^CD"
    if caret:
        return _around(path, fmt, caret.group(1), text, caret.group(2))
    quoted = re.match(r"(?s)Invalid line \((.*)\):\n(.*)$", message)   # N-Quads: the whole line
    if quoted:
        return _in_line(path, fmt, quoted.group(1), text, _literal(quoted.group(2)))
    plain = re.match(r"(?s)Invalid line: (.*)$", message)   # N-Triples: the rest of the line
    if plain:
        return _in_line(path, fmt, "invalid line", text, "", plain.group(1))
    return ParseProblem(path, fmt, f"{type(exc).__name__}: {message}" if message else type(exc).__name__)


def _parser_position(exc: Exception) -> tuple[str, int] | None:
    """The text rdflib's Turtle parser read and where it was when it failed with an AssertionError or
    an IndexError (no BadSyntax, so no position): its innermost frame's ``argstr`` and the further of
    ``i`` and ``j``."""
    seen = None
    tb = exc.__traceback__
    while tb is not None:
        names = tb.tb_frame.f_locals
        if tb.tb_frame.f_code.co_filename.endswith("notation3.py") and isinstance(names.get("argstr"), str):
            read = [names[n] for n in ("i", "j") if isinstance(names.get(n), int)]
            seen = (names["argstr"], max(read)) if read else seen
        tb = tb.tb_next
    return seen


def _at(path: Path, fmt: str, why: str, source: str, index: int) -> ParseProblem:
    line, column = _line_column(source, index)
    return ParseProblem(path, fmt, why, line, column, _excerpt(source, index))


def _around(path: Path, fmt: str, why: str, text: str, marked: str) -> ParseProblem:
    """The place of ``BEFORE^AFTER`` in ``text`` (the caret may be any '^' of ``marked``)."""
    for split in (m.start() for m in re.finditer(r"\^", marked)):
        before, after = marked[:split], marked[split + 1:]
        found = text.find(before + after)
        if before + after and found >= 0:
            return _at(path, fmt, why, text, found + len(before))
    return ParseProblem(path, fmt, why, excerpt=_one_line(marked, EXCERPT))


def _in_line(path: Path, fmt: str, why: str, text: str, line: str, rest: str = "") -> ParseProblem:
    """The place of a whole ``line`` (or a line ending in ``rest``) in ``text``; the failure is where
    ``rest`` (the part the parser could not read) starts."""
    failed_at = re.search(r"(?s) at (.*)$", why)
    rest = rest or (failed_at.group(1) if failed_at else "")
    why = re.sub(r"(?s)^Failed to eat .*$", "cannot read a term here", why)
    offset = 0
    for number, candidate in enumerate(text.split("\n"), start=1):
        stripped = candidate.rstrip("\r")
        if (line and stripped.strip() == line.strip()) or (not line and rest and stripped.endswith(rest.rstrip())):
            column = len(stripped) - len(rest.rstrip()) + 1 if rest and stripped.endswith(rest.rstrip()) else 1
            return ParseProblem(path, fmt, why, number, column, _excerpt(text, offset + column - 1))
        offset += len(candidate) + 1
    return ParseProblem(path, fmt, why, excerpt=_one_line(line or rest, EXCERPT))


def _literal(text: str) -> str:
    try:
        value = ast.literal_eval(text.strip())
    except (ValueError, SyntaxError):
        return text
    return value if isinstance(value, str) else text


def _line_column(text: str, index: int) -> tuple[int, int]:
    index = max(0, min(index, len(text)))
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _excerpt(text: str, index: int) -> str:
    """The text around ``index`` on its own line, at most EXCERPT characters each side."""
    start = max(text.rfind("\n", 0, index) + 1, index - EXCERPT)
    end = text.find("\n", index)
    end = min(len(text) if end < 0 else end, index + EXCERPT)
    return _one_line(text[start:end], 2 * EXCERPT)


def _one_line(text: str, limit: int) -> str:
    """``text`` with its whitespace runs made one space, cut to ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
