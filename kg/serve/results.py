"""Query results as the SPARQL 1.1 Protocol sends them, written as they are found.

SELECT and ASK results are written here (SPARQL 1.1 Query Results JSON, XML, CSV and TSV), row by
row, so that a row limit can cut them and nothing waits for the whole result; CONSTRUCT and DESCRIBE
triples go through Oxigraph's own writers (Turtle, N-Triples, JSON-LD, TriG, RDF/XML), fed one triple
at a time. ``negotiate`` picks the format from the request's Accept header (or its ``format``
parameter), as the protocol asks.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Format:
    """A result format: its media type, short name (``format=json``), and for RDF Oxigraph's format."""

    media_type: str
    name: str
    rdf: str | None = None          # the name of an ``ox.RdfFormat``


# first one: the default when the client accepts anything
SOLUTION_FORMATS = (
    Format("application/sparql-results+json", "json"), Format("application/sparql-results+xml", "xml"),
    Format("text/csv", "csv"), Format("text/tab-separated-values", "tsv"),
)
GRAPH_FORMATS = (
    Format("text/turtle", "turtle", "TURTLE"), Format("application/n-triples", "ntriples", "N_TRIPLES"),
    Format("application/ld+json", "jsonld", "JSON_LD"), Format("application/trig", "trig", "TRIG"),
    Format("application/rdf+xml", "rdfxml", "RDF_XML"),
)
ALIASES = {"application/json": "application/sparql-results+json", "application/xml": "application/sparql-results+xml",
           "text/xml": "application/sparql-results+xml", "text/plain": "application/n-triples"}


class NotAcceptable(ValueError):
    """The client accepts none of the formats this kind of result can be written in."""


def _ranges(accept: str) -> list[tuple[float, int, str]]:
    """The media ranges of an Accept header as (-q, position, range), best first."""
    out = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if fields[0] and q > 0:
            out.append((-q, position, fields[0].lower()))
    return sorted(out)


def negotiate(kind: str, accept: str | None, name: str | None = None) -> Format:
    """The format for a result of ``kind`` ("solutions" for SELECT and ASK, "graph" for CONSTRUCT and
    DESCRIBE): the ``format`` parameter's (a short name or a media type) if given, else the best of
    the Accept header's, else the first. ``NotAcceptable`` when no format fits."""
    formats = SOLUTION_FORMATS if kind == "solutions" else GRAPH_FORMATS
    if name:
        wanted = ALIASES.get(name.lower(), name.lower())
        for f in formats:
            if wanted in (f.name, f.media_type):
                return f
        raise NotAcceptable(f"format {name!r} is not one of {', '.join(f.name for f in formats)} "
                            f"(for this kind of query)")
    if not accept:
        return formats[0]
    for _, _, media in _ranges(accept):
        media = ALIASES.get(media, media)
        if media in ("*/*", "application/*", "text/*"):
            prefix = media.split("/")[0]
            for f in formats:
                if media == "*/*" or f.media_type.startswith(prefix + "/"):
                    return f
        for f in formats:
            if f.media_type == media:
                return f
    raise NotAcceptable(f"none of the accepted types ({accept}) fits this query's result; "
                        f"it can be sent as {', '.join(f.media_type for f in formats)}")


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                        "predicate": _json_term(term.predicate),
                                        "object": _json_term(term.object)}}


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
            f"</predicate><object>{_xml_term(term.object)}</object></triple>")


def _csv_cell(term) -> str:
    if term is None:
        return ""
    text = f"_:{term.value}" if isinstance(term, ox.BlankNode) else str(term) if isinstance(term, ox.Triple) \
        else term.value
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _tsv_cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal) and not term.language and term.datatype.value == XSD_STRING:
        return str(ox.Literal(term.value))         # N-Triples' escapes keep tabs and line breaks out
    return str(term)


def write_boolean(answer: bool, fmt: Format, write: Callable[[bytes], None]) -> None:
    """An ASK result."""
    word = "true" if answer else "false"
    if fmt.name == "json":
        text = '{"head":{},"boolean":' + word + "}\n"
    elif fmt.name == "xml":
        text = ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{word}</boolean></sparql>\n")
    else:
        text = f"_askResult\r\n{word}\r\n" if fmt.name == "csv" else f"?_askResult\n{word}\n"
    write(text.encode())


def write_solutions(names: list[str], rows: Iterable[tuple], fmt: Format, write: Callable[[bytes], None]) -> None:
    """A SELECT result: ``rows`` are tuples of Oxigraph terms (None: unbound), in ``names``' order."""
    if fmt.name == "json":
        write(('{"head":{"vars":' + json.dumps(names) + '},"results":{"bindings":[').encode())
        sep = "\n"
        for row in rows:
            cells = {n: _json_term(t) for n, t in zip(names, row) if t is not None}
            write((sep + json.dumps(cells, ensure_ascii=False)).encode())
            sep = ",\n"
        write(b"\n]}}\n")
    elif fmt.name == "xml":
        head = "".join(f"<variable name={quoteattr(n)}/>" for n in names)
        write(('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
               f"<head>{head}</head><results>\n").encode())
        for row in rows:
            cells = "".join(f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
                            for n, t in zip(names, row) if t is not None)
            write(f"<result>{cells}</result>\n".encode())
        write(b"</results></sparql>\n")
    elif fmt.name == "csv":
        write((",".join(names) + "\r\n").encode())
        for row in rows:
            write((",".join(_csv_cell(t) for t in row) + "\r\n").encode())
    else:
        write(("\t".join("?" + n for n in names) + "\n").encode())
        for row in rows:
            write(("\t".join(_tsv_cell(t) for t in row) + "\n").encode())


def write_triples(triples: Iterable, fmt: Format, write: Callable[[bytes], None], prefixes: dict[str, str]) -> None:
    """A CONSTRUCT or DESCRIBE result, through Oxigraph's writer of ``fmt``."""
    rdf = getattr(ox.RdfFormat, fmt.rdf)
    if rdf == ox.RdfFormat.TRIG:         # a quad format: the triples are its default graph
        triples = (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    ox.serialize(triples, _Output(write), rdf, prefixes=prefixes if fmt.name in ("turtle", "trig") else None)


class _Output:
    """A binary file-like object whose writes go to ``write``."""

    def __init__(self, write: Callable[[bytes], None]):
        self.write_bytes = write

    def write(self, data) -> int:
        self.write_bytes(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def capped(items: Iterator, limit: int | None, over: Callable[[], None]) -> Iterator:
    """The items, at most ``limit`` of them; calls ``over`` (which raises) when there are more."""
    count = 0
    for item in items:
        if limit is not None and count >= limit:
            over()
        count += 1
        yield item
