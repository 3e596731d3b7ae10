"""What a query may do before the store runs it: read this dataset and nothing else.

Oxigraph runs ``SERVICE <url> { ... }`` by sending the query to that URL, which an offline tool must
never do, so ``check`` refuses it. It reads the query twice, and refuses SERVICE if either reading
finds one: rdflib's SPARQL parser (a parse tree, so comments and strings are no cover), and a
tokenizer that reads the text as Oxigraph does. rdflib alone is not enough: it expands ``\\u``
escapes before it parses (``"x\\u005C"`` becomes ``"x\\"``, a string that swallows what follows),
Oxigraph only inside strings, so the two can disagree on where a string ends.

A query sent to another SPARQL endpoint (``kg query URL``, ``kg serve URL``) meets an engine with
extensions of its own, so ``check_sent`` asks more of it: SPARQL 1.1 that rdflib reads, no prefix the
endpoint alone knows, no extension function.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rdflib import URIRef

SERVICE_REFUSED = ("the query uses SERVICE (a federated query sent to another endpoint), "
                   "which an offline tool does not run")
UPDATE_REFUSED = ("the text is a SPARQL Update (INSERT, DELETE, LOAD, CLEAR, ...), not a query: "
                  "querying never changes the graph or fetches anything")
UPDATE_WORDS = {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}

# Oxigraph's tokens, in the order they are tried: long strings before short ones, an IRI before the
# "<" operator (an IRI holds no spaces), a "\"-escape of a local name ("ex:a\#b") before a comment.
TOKENS = re.compile(r'''
    (?P<string>"""(?:[^"\\]|\\.|"(?!""))*(?:"""|$) | \'\'\'(?:[^'\\]|\\.|'(?!''))*(?:\'\'\'|$)
              | "(?:[^"\\\n\r]|\\.)*"? | '(?:[^'\\\n\r]|\\.)*'? )
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<escape>\\.)
  | (?P<comment>\#[^\n\r]*)
  | (?P<word>(?<![?$:\-\\])(?<![^\W\d])[^\W\d]\w*(?![\w:\-]))
''', re.VERBOSE | re.DOTALL)


class QueryRefused(ValueError):
    """A query that reaches beyond the dataset (SERVICE) or is not a query at all (an Update)."""


@dataclass(frozen=True)
class Checked:
    """What the store needs to know of a query it may run.

    ``has_dataset`` is whether it names its own graphs (FROM, FROM NAMED): then those, and not the
    union of all graphs, are its dataset. ``graphs`` are the IRIs it names, when rdflib could read
    it (else empty).
    """

    has_dataset: bool
    graphs: tuple[URIRef, ...] = ()
    declared: tuple[str, ...] = ()      # check_sent: the prefixes the query declares,
    used: tuple[str, ...] = ()          # and those its prefixed names use


def engine_options(sparql: str, prefixes: dict[str, str], default_graphs: tuple[str, ...] = (),
                   named_graphs: tuple[str, ...] = ()) -> dict:
    """Oxigraph's options for a query that ``check`` lets through (else ``QueryRefused``): the
    prefixes, and its dataset. Without FROM, FROM NAMED or ``default_graphs`` (the SPARQL protocol's
    ``default-graph-uri``) the default graph is the union of all graphs; ``named_graphs`` are the
    protocol's ``named-graph-uri``: the only graphs GRAPH may see."""
    import pyoxigraph as ox
    checked = check(sparql, prefixes, graphs=False)
    options: dict = {"prefixes": dict(prefixes),
                     "use_default_graph_as_union": not checked.has_dataset and not default_graphs}
    if default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    return options


def keywords(sparql: str) -> Iterator[str]:
    """The bare words of a query, lower-cased, as Oxigraph's parser sees them: not in a string,
    an IRI or a comment, and not part of a variable or a prefixed name."""
    for m in TOKENS.finditer(sparql):
        if m.lastgroup == "word":
            yield m.group().lower()


def check(sparql: str, prefixes: dict[str, str] | None = None, graphs: bool = True) -> Checked:
    """Refuse SERVICE and SPARQL Update (``QueryRefused``); say whether the query has FROM.

    A query rdflib cannot read is not refused for that: Oxigraph reads more (RDF 1.2 syntax) and
    says where a malformed query is wrong; the tokenizer alone then decides. With ``graphs=False``
    (the FROM graphs not wanted), a text in which no spelling of "service" appears anywhere is not
    parsed by rdflib (tens of milliseconds): Oxigraph reads a keyword only as written, so it cannot
    find a SERVICE there either.
    """
    words = list(keywords(sparql))
    if "service" in words:
        raise QueryRefused(SERVICE_REFUSED)
    if not graphs and "service" not in _folded(sparql):
        if next((w for w in words if w not in ("prefix", "base")), "") in UPDATE_WORDS:
            raise QueryRefused(UPDATE_REFUSED)
        return Checked(has_dataset="from" in words)
    tree = _parse(sparql)
    if tree is None:
        if _is_update(sparql) or (words and words[0] in UPDATE_WORDS):
            raise QueryRefused(UPDATE_REFUSED)
        return Checked(has_dataset="from" in words)
    if any(_names(tree, "ServiceGraphPattern")):
        raise QueryRefused(SERVICE_REFUSED)
    return Checked(has_dataset="from" in words, graphs=_dataset_graphs(tree, prefixes or {}))


def _folded(text: str) -> str:
    """The text case-folded, compatibility-decomposed and without combining marks: any spelling that
    could be read as an ASCII word ("ſervice", "SERVİCE") reads as that word here."""
    return "".join(c for c in unicodedata.normalize("NFKD", text).casefold() if not unicodedata.combining(c))


@lru_cache(maxsize=8)     # `kg query` checks a query twice (its FROM graphs, then to run it): parse it once
def _parse(sparql: str):
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery
    try:
        return parseQuery(sparql)
    except (ParseException, ValueError, TypeError, RecursionError):   # nested too deep for rdflib
        return None


def _is_update(sparql: str) -> bool:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate
    try:
        parseUpdate(sparql)
    except (ParseException, ValueError, TypeError, RecursionError):
        return False
    return True


def _names(node, name: str) -> Iterator[object]:
    """Every part of rdflib's parse tree called ``name``, at any depth."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue
    if isinstance(node, CompValue):
        if node.name == name:
            yield node
        for value in node.values():
            yield from _names(value, name)
    elif isinstance(node, (list, tuple, ParseResults)):
        for value in node:
            yield from _names(value, name)


def _dataset_graphs(tree, prefixes: dict[str, str]) -> tuple[URIRef, ...]:
    """The IRIs of FROM and FROM NAMED, prefixed names expanded."""
    from rdflib.plugins.sparql.algebra import translatePrologue
    prologue = translatePrologue(tree[0], None, {k: str(v) for k, v in prefixes.items()})
    graphs = []
    for clause in _names(tree, "DatasetClause"):
        for key in ("default", "named"):
            if key in clause:
                graphs.append(URIRef(prologue.absolutize(clause[key])))
    return tuple(graphs)


XSD = "http://www.w3.org/2001/XMLSchema#"
UNREAD_REFUSED = ("the query is not SPARQL 1.1 as this tool reads it, and only such a query is sent to "
                  "another endpoint (it could not be checked there)")
PREFIX_REFUSED = ("the query uses the prefix {prefix}:, neither declared in it nor predeclared here; "
                  "an endpoint's own prefixes are not sent to it (Virtuoso's bif: and sql: call its SQL functions)")
ESCAPE_REFUSED = ("the query has \\u or \\U escapes: write the characters themselves (this check and the "
                  "endpoint may read an escape outside a string differently, so it is not sent)")
FUNCTION_REFUSED = ("the query calls {iri}, an extension function of the endpoint's (it may read files or fetch "
                    "from the network), which is not sent to it; the SPARQL 1.1 functions and the XSD casts are")


def check_sent(sparql: str, prefixes: dict[str, str]) -> Checked:
    """``check``, stricter, for a query sent to another SPARQL endpoint (``kg query URL``, ``kg serve
    URL``), whose engine has extensions Oxigraph has not: the query must be SPARQL 1.1 that rdflib
    reads, use only the prefixes it declares or ``prefixes``, and call no function but the SPARQL 1.1
    ones and XSD casts (Virtuoso's ``bif:`` functions read files and fetch URLs). ``QueryRefused``."""
    if re.search(r"\\[uU]", sparql):        # rdflib expands them everywhere, SPARQL engines in strings
        raise QueryRefused(ESCAPE_REFUSED)
    checked = check(sparql, prefixes)
    tree = _parse(sparql)
    if tree is None:
        raise QueryRefused(UNREAD_REFUSED)
    declared = {str(d.get("prefix") or ""): str(d["iri"]) for d in _names(tree[0], "PrefixDecl")}
    known = {**{p: str(ns) for p, ns in prefixes.items()}, **declared}
    used = [str(name.get("prefix") or "") for name in _names(tree, "pname")]
    unknown = next((prefix for prefix in used if prefix not in known), None)
    if unknown is not None:
        raise QueryRefused(PREFIX_REFUSED.format(prefix=unknown))
    for call in _names(tree, "Function"):
        iri = call["iri"]
        if not isinstance(iri, URIRef):
            iri = known[str(iri.get("prefix") or "")] + str(iri.get("localname") or "")
        if not str(iri).startswith(XSD):
            raise QueryRefused(FUNCTION_REFUSED.format(iri=f"<{iri}>"))
    return Checked(checked.has_dataset, checked.graphs, tuple(sorted(declared)), tuple(sorted(set(used))))
