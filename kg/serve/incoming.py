"""A SPARQL endpoint's answer read as it arrives: SPARQL 1.1 Query Results JSON, one solution at a
time, as Oxigraph terms (for ``kg.serve.results`` to write in the format the client asked for).

Oxigraph's own reader would do, but for what real endpoints write: Virtuoso names its blank nodes
``nodeID://b10000`` (no blank node label), writes ``"typed-literal"`` (SPARQL 1.0's JSON), a boolean
as ``"1"`` (where its other formats write ``true``) and an ASK's answer as a one-column SELECT. The
terms here are read as the store meant them: a blank node keeps a label made of its name, a boolean
gets its canonical form.
"""
from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
KEEP = 64 * 1024            # characters read and parsed before the buffer is cut down


class JsonResults:
    """The events of one JSON result, in the order the endpoint wrote them: ("vars", names),
    ("boolean", bool) and ("row", binding) for each solution. ``SyntaxError`` for what is no JSON
    result (or breaks off)."""

    def __init__(self, chunks: Iterable[bytes]):
        self._chunks = iter(chunks)
        self._decode = codecs.getincrementaldecoder("utf-8")(errors="strict").decode
        self._json = json.JSONDecoder()
        self._buf, self._pos, self._eof = "", 0, False

    def events(self) -> Iterator[tuple[str, object]]:
        self._expect("{")
        for key in self._members():
            if key == "results" and self._peek() == "{":
                self._expect("{")
                for inner in self._members():
                    if inner == "bindings" and self._peek() == "[":
                        self._expect("[")
                        for _ in self._elements():
                            yield "row", self._object()
                    else:
                        self._value()
            elif key == "head":
                head = self._object()
                yield "vars", [str(v) for v in head.get("vars", [])]
            elif key == "boolean":
                yield "boolean", self._value() is True
            else:
                self._value()
        self._skip()
        if self._peek():
            raise SyntaxError("text after the end of the JSON result")

    # the reading
    def _more(self) -> bool:
        """Read another chunk (at least doubling what is left to parse); False at the end."""
        wanted = max(1, len(self._buf) - self._pos)
        got = 0
        while got < wanted:
            chunk = next(self._chunks, None)
            if chunk is None:
                self._buf += self._decode(b"", final=True)
                self._eof = True
                return got > 0
            text = self._decode(chunk)
            got += len(text)
            if self._pos > KEEP:
                self._buf, self._pos = self._buf[self._pos:], 0
            self._buf += text
        return True

    def _peek(self) -> str:
        self._skip()
        return self._buf[self._pos] if self._pos < len(self._buf) else ""

    def _skip(self) -> None:
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in " \t\r\n":
                self._pos += 1
            if self._pos < len(self._buf) or self._eof or not self._more():
                return

    def _expect(self, char: str) -> None:
        if self._peek() != char:
            found = self._peek() or "the end"
            raise SyntaxError(f"not a SPARQL JSON result: expected {char!r}, found {found!r}")
        self._pos += 1

    def _value(self):
        """The next JSON value whole (a solution, the head: small ones)."""
        self._skip()
        while True:
            try:
                value, end = self._json.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                if self._eof or not self._more():
                    raise SyntaxError(f"not a SPARQL JSON result: {exc.msg} (it breaks off?)") from None
                continue
            if end == len(self._buf) and not self._eof and self._more():
                continue                # a number may go on in the next chunk
            self._pos = end
            return value

    def _object(self) -> dict:
        value = self._value()
        if not isinstance(value, dict):
            raise SyntaxError(f"not a SPARQL JSON result: an object expected, not {value!r:.80}")
        return value

    def _members(self) -> Iterator[str]:
        """The keys of the object just opened; the caller reads each one's value."""
        if self._closes("}"):
            return
        while True:
            key = self._value()
            if not isinstance(key, str):
                raise SyntaxError(f"not a SPARQL JSON result: a key expected, not {key!r:.80}")
            self._expect(":")
            yield key
            if not self._another("}"):
                return

    def _elements(self) -> Iterator[None]:
        """The elements of the array just opened; the caller reads each one."""
        if self._closes("]"):
            return
        while True:
            yield None
            if not self._another("]"):
                return

    def _closes(self, close: str) -> bool:
        """Whether the container just opened is empty (its ``close`` read, if so)."""
        if self._peek() == close:
            self._pos += 1
            return True
        return False

    def _another(self, close: str) -> bool:
        """After an item: True on a comma (another item follows), False on ``close`` (read)."""
        if self._closes(","):
            return True
        self._expect(close)
        return False


def blank(label: str) -> ox.BlankNode:
    """A blank node of the endpoint's label; one that is no valid label (Virtuoso's ``nodeID://b1``)
    keeps its name after the scheme if that is one, else its characters in hexadecimal."""
    for candidate in (label, label.rsplit("/", 1)[-1], "x" + label.encode().hex()):
        try:
            return ox.BlankNode(candidate)
        except ValueError:
            continue
    raise SyntaxError(f"a blank node no label can be made for: {label!r}")


def term(cell: dict):
    """The Oxigraph term of a JSON result's cell."""
    try:
        kind, value = cell["type"], cell["value"]
        if kind == "uri":
            return ox.NamedNode(value)
        if kind == "bnode":
            return blank(value)
        if kind in ("literal", "typed-literal"):
            if cell.get("xml:lang"):
                return ox.Literal(value, language=cell["xml:lang"])
            datatype = cell.get("datatype")
            if datatype == XSD_BOOLEAN:
                value = {"1": "true", "0": "false"}.get(value, value)
            return ox.Literal(value, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(value)
        if kind == "triple":
            return ox.Triple(term(value["subject"]), term(value["predicate"]), term(value["object"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise SyntaxError(f"a term that cannot be read: {cell!r:.200} ({exc})") from None
    raise SyntaxError(f"a term of no known type: {cell!r:.200}")


def row(names: list[str], binding: dict) -> tuple:
    """One solution as a tuple of terms in ``names``' order (None: unbound)."""
    return tuple(term(binding[n]) if n in binding else None for n in names)


def truth(rows: Iterable[dict]) -> bool:
    """An ASK's answer written as a SELECT (Virtuoso: one row of 1, or none)."""
    return any(cell.get("value") not in ("0", "false") for r in rows for cell in r.values()
               if isinstance(cell, dict))
