"""Keys of names and the rules that read names alone: the same name in another class of a family, the
same normalised name, two names of one gazetteer entry, an alias another article gave, an acronym.

Every rule returns ``Merge`` decisions (kg/resolution/records.py); people's surnames, which need the
articles' context, are kg/resolution/people.py's.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING

from kg.ids import slug
from kg.lexicon import load, words
from kg.lexicon.gazetteer import Gazetteer
from kg.resolution.records import Merge, Node

if TYPE_CHECKING:
    from kg.resolution.context import Context

ACRONYM_STOP = frozenset({"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "et", "&"})
_ACRONYM = re.compile(r"^[A-Z][A-Z.&]{1,7}$")


@cache
def families() -> dict[str, str]:
    """Ontology class -> its family ("Company" -> "organisation")."""
    return {etype: family for family, classes in load("resolution")["families"].items() for etype in classes}


def family(etype: str) -> str | None:
    return families().get(etype)


def confidence(rule: str) -> float:
    return load("resolution")["confidence"][rule.replace("-", "_")]


def name_words(label: str) -> list[str]:
    """The words of a name as slugs, without the honorific it may open with: "Mr Blair" -> ["blair"]."""
    out = [w for w in slug(label.replace("&", " and ")).split("-") if w]
    honorifics = {h.rstrip(".") for h in words("nouns", "people", "honorifics")} - {"st"}   # St Peter is a saint
    while len(out) > 1 and out[0] in honorifics:
        out = out[1:]
    return out


def key(label: str, fam: str | None) -> str:
    """The key two names of one referent share: a person's name as written (folded); an organisation's
    or a place's without a trailing legal form and, when two words or more are left, a leading "the"
    ("The Walt Disney Co." -> "walt-disney"; "The World" keeps its "the": a programme, not a word)."""
    ws = name_words(label)
    if fam in ("organisation", "place"):
        names = load("resolution")["names"]
        while len(ws) > 1 and ws[-1] in names["legal_forms"]:
            ws = ws[:-1]
        while len(ws) > 2 and ws[0] in names["leading"]:     # "The World" stays itself, not "World"
            ws = ws[1:]
    return "-".join(ws) or "x"


def is_acronym(label: str) -> bool:
    return bool(_ACRONYM.match(label)) and sum(c.isalpha() for c in label) >= 3


def initials(label: str) -> str:
    parts = [w for w in re.split(r"[\s\-]+", label) if w and w.lower() not in ACRONYM_STOP]
    return "".join(w[0] for w in parts if w[0].isalpha()).upper()


def preferred(nodes: Iterable[Node]) -> Node:
    """The node a group of one name is merged into: named by most articles, then of the most specific
    class (a company before an organisation), then the first IRI."""
    return min(nodes, key=lambda n: (-len(n.documents), n.etype in ("Organization", "Place"), n.iri))


def _merge(member: Node, target: Node, rule: str, reason: str) -> Merge:
    return Merge(member.iri, target.iri, rule, confidence(rule),
                 tuple(sorted({*member.documents, *target.documents})),
                 tuple(sorted({member.label, target.label})), reason)


def grouped(nodes: Iterable[Node], by: Callable[[Node], str | None], rule: str, why: str) -> list[Merge]:
    """Merges of each node into the preferred node of its group, for groups of two or more."""
    groups: dict[str, list[Node]] = {}
    for n in nodes:
        k = by(n)
        if k is not None:
            groups.setdefault(k, []).append(n)
    out = []
    for k, members in sorted(groups.items()):
        if len(members) > 1:
            target = preferred(members)
            out += [_merge(n, target, rule, why.format(key=k, label=target.label)) for n in members if n is not target]
    return out


def same_name(nodes: list[Node], ctx: Context) -> list[Merge]:
    """One name in two classes of one family: "BBC" a company here and a media organisation there."""
    return grouped(nodes, lambda n: f"{family(n.etype)}|{slug(n.label)}" if family(n.etype) else None,
                   "same-name", "the same name in another class of the family: {label}")


def same_key(nodes: list[Node], ctx: Context) -> list[Merge]:
    """An organisation's or a place's name the same after normalising ("Walt Disney Co.", "Walt Disney")."""
    def by(n: Node) -> str | None:
        fam = family(n.etype)
        return f"{fam}|{key(n.label, fam)}" if fam in ("organisation", "place") else None
    return grouped(nodes, by, "same-key", "the same name without its article or legal form: {key}")


def gazetteer(nodes: list[Node], ctx: Context) -> list[Merge]:
    """Two names of one gazetteer entry ("U.S.", "United States"), of the entry's family."""
    gaz = Gazetteer.load()

    def by(n: Node) -> str | None:
        entry = gaz.lookup(n.label)
        fam = family(n.etype)
        return f"{entry.etype}|{entry.id}" if entry is not None and fam != "person" \
            and family(entry.etype) == fam else None
    return grouped(nodes, by, "gazetteer", "names of one gazetteer entry, {label}")


def initials_of(short: str, long: str) -> bool:
    """Whether a name is the initials of another: "EA" of "Electronic Arts", "Uk" of "United Kingdom"."""
    letters = short.replace(".", "")
    return " " not in letters and 2 <= len(letters) <= 6 and any(c.isupper() for c in letters) \
        and letters.upper() == initials(long)


def shortens(short: str, long: str) -> bool:
    """Whether one name is a short form of another: its initials, or half its words or more ("United"
    of "Manchester United", "Federal Communications Commission" of "US Federal Communications
    Commission"; not "Labour" of "Institute for the Study of Labour")."""
    if initials_of(short, long):
        return True
    a, b = set(name_words(short)), set(name_words(long)) - ACRONYM_STOP
    return bool(a) and a < b and 2 * len(a) >= len(b)


def aliases(nodes: list[Node], ctx: Context) -> list[Merge]:
    """An organisation or place named by what another article gave as the alias of one node alone
    ("WTO", written in brackets after "World Trade Organization"), when one name is a short form of
    the other, no article of the alias disagrees with the articles of the node, and (unless it is the
    node's initials) one agrees."""
    owners: dict[tuple[str, str], set[str]] = {}
    by_iri = {n.iri: n for n in nodes}
    for n in nodes:
        fam = family(n.etype)
        if fam in ("organisation", "place"):
            for a in n.aliases:
                owners.setdefault((fam, slug(a)), set()).add(n.iri)
    out = []
    for n in nodes:
        fam = family(n.etype)
        owner = owners.get((fam, slug(n.label)), set()) - {n.iri}
        if fam not in ("organisation", "place") or len(owner) != 1:
            continue
        target = by_iri[owner.pop()]
        if (shortens(n.label, target.label) or shortens(target.label, n.label)) and not ctx.against(n, target) \
                and (initials_of(n.label, target.label) or ctx.agreeing(n, target)):
            out.append(_merge(n, target, "alias", f"{n.label!r} is the alias of {target.label!r} alone in "
                                                  f"the articles that name it"))
    return out


def _spelled_out(label: str) -> bool:
    """A name an acronym may stand for: two words or more, every word but "of", "and"... capitalised."""
    ws = label.split()
    return len(ws) >= 2 and not is_acronym(label) and all(w[:1].isupper() for w in ws if w.lower() not in ACRONYM_STOP)


def acronyms(nodes: list[Node], ctx: Context) -> list[Merge]:
    """An organisation's acronym of three letters or more, and the only organisation of the corpus
    whose name has those initials ("WTO", "World Trade Organisation"), when an article of the acronym
    shares context with the name's and none disagrees."""
    by_initials: dict[str, list[Node]] = {}
    for n in nodes:
        if family(n.etype) == "organisation" and _spelled_out(n.label):
            by_initials.setdefault(initials(n.label), []).append(n)
    out = []
    for n in nodes:
        if family(n.etype) != "organisation" or not is_acronym(n.label):
            continue
        found = by_initials.get(n.label.replace(".", "").replace("&", ""), [])
        if len(found) == 1 and ctx.agreeing(n, found[0]) and not ctx.against(n, found[0]):
            out.append(_merge(n, found[0], "acronym", f"{n.label} is the initials of {found[0].label}, the only "
                                                      f"organisation of the corpus with them, and their articles "
                                                      f"agree"))
    return out


RULES: tuple[Callable[[list[Node], Context], list[Merge]], ...] = (same_name, same_key, gazetteer, aliases, acronyms)
