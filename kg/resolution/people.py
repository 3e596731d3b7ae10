"""People across articles: a surname alone ("Blair", "Mr Blair") joins a full name ("Tony Blair").

Within one article the coreference step has joined "Mr Blair" to "Tony Blair" already; an article
that only ever says "Blair" has a node ``person/blair`` of its own. It joins a full name with that
surname when

* exactly one full name of the corpus fits (of the sex its honorifics say, if any), and every article
  of the surname shares ``[context] agree`` or more with the full name's articles (rule
  ``surname-only``); or
* several full names that open with a given name or an initial fit, and every article of the surname
  picks the same one: the full name whose articles share the most with it (``agree`` or more, and
  ``ahead`` times the next one's) (rule ``surname-context``).

A node is one decision for all its articles ("Smith" in a Leicester line-up and in a Manchester United
one is one node), so all of them must agree.

Two full names never join each other here: "John Smith" and "Jane Smith" are two people, and so are
"Tony Blair" and "Cherie Blair".
"""
from __future__ import annotations

from kg.lexicon import load, words
from kg.lexicon.gazetteer import Gazetteer
from kg.resolution.context import Context
from kg.resolution.names import confidence, family, name_words
from kg.resolution.records import Merge, Node


def sex(node: Node) -> str | None:
    """"male" or "female" when the node's honorifics say so ("Mrs Blair"), or its given name does."""
    names = load("resolution")["names"]
    heads = {w.split()[0].rstrip(".").lower() for w in (node.label, *node.aliases) if w.split()}
    found = {s for s in ("male", "female") if heads & set(names[s])}
    ws = node.label.split()
    if len(ws) >= 2:
        found |= {s for s in ("male", "female") if ws[0] in words("people", "given_names", s)}
    return found.pop() if len(found) == 1 else None


def surname(node: Node) -> str | None:
    """The surname a person's node names: the last word of a full name, the word of a one-word name."""
    ws = [w for w in name_words(node.label) if w not in load("resolution")["names"]["not_surnames"]]
    return ws[-1] if ws else None


def is_full(node: Node) -> bool:
    return len([w for w in name_words(node.label) if w not in load("resolution")["names"]["not_surnames"]]) >= 2


def is_given(node: Node) -> bool:
    """Whether a full name opens as a person's does: with a given name of the list (kg/lexicon/people.toml)
    or an initial ("G Rowntree", "KP Robertson"), and not with a place, an organisation or a demonym
    ("UK Oscar", "Sydney Olympic", "Briton Clive Owen")."""
    first = node.label.split()[0]
    gaz = Gazetteer.load()
    if gaz.lookup(first) is not None or gaz.country_of_demonym(first) is not None:
        return False
    given = words("people", "given_names", "male") | words("people", "given_names", "female")
    return first in given or (first.replace(".", "").isupper() and len(first.replace(".", "")) <= 2)


def _fits(one: Node, full: Node) -> bool:
    a, b = sex(one), sex(full)
    return a is None or b is None or a == b


def _pick(ctx: Context, node: Node, doc: str, candidates: list[Node]) -> tuple[Node | None, float]:
    """The full name an article of a surname picks, by the context they share, and its score."""
    scored = sorted(((ctx.score(node, doc, c), c.iri, c) for c in candidates), key=lambda t: (-t[0], t[1]))
    best = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    if ctx.agrees(node, doc, best[2]) and best[0] >= ctx.settings.ahead * second:
        return best[2], best[0]
    return None, best[0]


def _only(ctx: Context, node: Node, full: Node) -> Merge | None:
    """Rule ``surname-only``: the one full name that fits, when every article of the surname shares
    context with its articles (a merge stands for all the articles of the node)."""
    agreeing = ctx.agreeing(node, full)
    if len(agreeing) < len(node.documents):
        return None
    shared = sorted({f for d in node.documents for f in ctx.shared(node, d, full)})[:4]
    reason = (f"{full.label} is the only full name of the corpus with the surname {node.label!r}; "
              f"{len(agreeing)} of its {len(node.documents)} articles share context with it"
              + (f" ({', '.join(shared)})" if shared else ""))
    return Merge(node.iri, full.iri, "surname-only", confidence("surname-only"), node.documents,
                 tuple(sorted({node.label, *node.aliases, full.label})), reason)


def _by_context(ctx: Context, node: Node, candidates: list[Node]) -> Merge | None:
    """Rule ``surname-context``: several full names fit, and the articles that decide agree on one."""
    picks = {d: _pick(ctx, node, d, candidates)[0] for d in node.documents}
    chosen = {p.iri for p in picks.values() if p is not None}
    decided = [d for d, p in picks.items() if p is not None]
    if len(chosen) != 1 or len(decided) < len(node.documents):     # every article picks the same one
        return None
    full = next(p for p in picks.values() if p is not None)
    shared = sorted({f for d in decided for f in ctx.shared(node, d, full)})[:4]
    others = ", ".join(c.label for c in candidates if c.iri != full.iri)
    reason = (f"{len(decided)} of the {len(node.documents)} articles of {node.label!r} share most context with "
              f"{full.label} ({', '.join(shared)}), not with {others}")
    return Merge(node.iri, full.iri, "surname-context", confidence("surname-context"), node.documents,
                 tuple(sorted({node.label, *node.aliases, full.label})), reason)


def initial(node: Node) -> str | None:
    """The initial a two-word name opens with ("G Rowntree" -> "G"), else None."""
    ws = node.label.replace(".", " ").split()
    return ws[0] if len(ws) == 2 and ws[0].isupper() and len(ws[0]) <= 2 else None


def initials(nodes: list[Node], ctx: Context) -> list[Merge]:
    """Rule ``initial``: "G Rowntree" joins the only full name of the corpus with that surname whose given
    name opens with that initial ("Graham Rowntree"), unless an article of it disagrees."""
    people = [n for n in nodes if family(n.etype) == "person" and is_full(n)]
    spelled: dict[tuple[str, str], list[Node]] = {}      # every full name counts: "Martyn Williams" is
    for n in people:                                      # no given name of the list, but is an M Williams
        if initial(n) is None:
            spelled.setdefault((surname(n) or "", n.label[0]), []).append(n)
    out = []
    for n in people:
        first = initial(n)
        found = spelled.get((surname(n) or "", first[0]), []) if first else []
        if len(found) == 1 and is_given(found[0]) and not ctx.against(n, found[0]):
            out.append(Merge(n.iri, found[0].iri, "initial", confidence("initial"), n.documents,
                             tuple(sorted({n.label, found[0].label})),
                             f"{found[0].label} is the only full name of the corpus with the surname and the "
                             f"initial of {n.label!r}"))
    return out


def surnames(nodes: list[Node], ctx: Context) -> list[Merge]:
    """The merges of one-word (or "Mr X") person nodes into full names."""
    people = [n for n in nodes if family(n.etype) == "person"]
    full_by_surname: dict[str, list[Node]] = {}
    for n in people:
        if is_full(n):
            full_by_surname.setdefault(surname(n) or "", []).append(n)
    out = []
    for n in people:
        if is_full(n) or surname(n) is None:
            continue
        candidates = [c for c in full_by_surname.get(surname(n), []) if _fits(n, c)]
        given = [c for c in candidates if is_given(c)]   # of several, a name that opens with no given name
        if len(candidates) == 1:                         # is left out ("UK Oscar", "Iron Man")
            m = _only(ctx, n, candidates[0])
        elif given:
            m = _by_context(ctx, n, given)
        else:
            m = None
        if m is not None:
            out.append(m)
    return out
