"""Offices as a sentence writes them: the run of words that names one ("Deputy Prime Minister",
"Microsoft's | chief executive", "ex-finance director"), the office it names, normalised ("deputy
prime minister", "chief executive"), whether a word puts it in the past ("former", "ex-", "then-")
or the future ("incoming"), and the organisation or country it is of ("Microsoft chief executive",
"UK Chancellor", "chairman of Tesco"). The words are kg/lexicon/positions.toml."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from kg.entities.index import PLACES, EntityIndex
from kg.entities.mentions import place_stands_for_other
from kg.lexicon import load, words
from kg.lexicon.gazetteer import ORG_CLASSES
from kg.relations.tense import tense

# NER labels of names that end an office's words: "Microsoft | chief executive", "UK | Chancellor"
NAMED = {"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "PERSON"}
POSSESSIVE = {"'s", "’s", "'", "’"}


@dataclass(frozen=True)
class Office:
    """An office as read off a run of words: tokens [start, end), its head noun (the last word of its
    title), the office normalised, whether it is a job (a position only with its organisation), and
    whether a word of the run ends it ("former") or puts it ahead ("incoming")."""

    start: int
    end: int
    head: int
    text: str
    job: bool
    governing: bool           # an office a country, region or city has ("UK Chancellor")
    tense: str | None         # "former" | "future" | None


@cache
def table() -> dict:
    """kg/lexicon/positions.toml."""
    return load("positions")


@cache
def _titles() -> dict[tuple[str, ...], str]:
    """Each title and job as its words, with "title" or "job"."""
    offices = table()["offices"]
    out = {tuple(t.split()): "job" for t in offices["jobs"]}
    out.update({tuple(t.split()): "title" for t in offices["titles"]})
    return out


@cache
def vocabulary() -> frozenset[str]:
    """Every word an office's run may hold: the words of titles and jobs, modifiers, fields, the
    words dropped from it, and those of [role_tense] (nouns.toml) that put it in the past or future."""
    offices = table()["offices"]
    found = {w for t in _titles() for w in t} | {w for t in table()["spellings"] for w in t.split()}
    for key in ("modifiers", "fields", "dropped"):
        found |= {w for t in offices[key] for w in t.split()}
    found |= words("nouns", "role_tense", "past") | words("nouns", "role_tense", "future")
    return frozenset(found | {p for w in found for p in w.split("-")})


def _joined_hyphen(tok: Token) -> bool:
    """An unspaced hyphen inside a word: "vice-president", "ex-chairman"."""
    doc = tok.doc
    return tok.text == "-" and not tok.whitespace_ and 0 < tok.i < len(doc) - 1 and not doc[tok.i - 1].whitespace_


def _in_run(tok: Token) -> bool:
    if _joined_hyphen(tok):
        return True
    return tok.lower_ in vocabulary() and tok.pos_ not in ("DET", "ADP", "PRON", "CCONJ", "PUNCT", "NUM") \
        and not (tok.ent_type_ in NAMED and tok.ent_type_ != "PERSON")


def run_around(doc: Doc, i: int) -> tuple[int, int] | None:
    """The tokens [start, end) of the run of office words that holds token i, without a hyphen at
    either end; None when token i is no such word."""
    if not _in_run(doc[i]) or _joined_hyphen(doc[i]):
        return None
    start, end = i, i + 1
    while start > 0 and _in_run(doc[start - 1]) and doc[start - 1].sent.start == doc[i].sent.start:
        start -= 1
    while end < len(doc) and _in_run(doc[end]) and doc[end].sent.start == doc[i].sent.start:
        end += 1
    while start < end and _joined_hyphen(doc[start]):
        start += 1
    while end > start and _joined_hyphen(doc[end - 1]):
        end -= 1
    return (start, end) if start < end else None


def _words_of(doc: Doc, start: int, end: int) -> tuple[list[tuple[str, int]], str | None]:
    """The run's words (hyphenated words whole), each with its last token, without the dropped words
    and those that put the office in the past or the future; and that tense."""
    dropped = set(table()["offices"]["dropped"])
    out: list[tuple[str, int]] = []
    when = None
    i = start
    while i < end:
        j = i
        while j + 2 < end and _joined_hyphen(doc[j + 1]):
            j += 2                      # "vice-president", "ex-chief": one word of several tokens
        word = doc[i:j + 1].text.lower()
        parts = word.split("-")
        if word in dropped or parts[0] in dropped:
            pass
        elif tense(doc[j]) or tense(doc[i]):
            when = when or tense(doc[j]) or tense(doc[i])
            if tense(doc[i]) and not tense(doc[j]) and len(parts) > 1:
                out.append(("-".join(parts[1:]), j))     # "ex-chairman": chairman, held before
        else:
            out.append((word, j))
        i = j + 1
    return out, when


def read_office(doc: Doc, start: int, end: int) -> Office | None:
    """The office a run of words names: it must end with a title or a job, its head a noun; the
    words before the title stay in the office ("deputy prime minister"), those after it are let go."""
    found, when = _words_of(doc, start, end)
    titles, offices = _titles(), table()["offices"]
    for last in range(len(found), 0, -1):
        head = doc[found[last - 1][1]]
        if head.pos_ not in ("NOUN", "PROPN"):
            continue
        text = _spelled(" ".join(w for w, _ in found[:last]))
        for n in range(len(text.split()), 0, -1):
            title = tuple(text.split()[-n:])
            if title in titles:
                before = doc[start - 1].lower_ + " " if start > 0 else ""
                if " ".join(text.split()[-2:]) in offices["not_offices"] or before + text in offices["not_offices"]:
                    return None         # "sector leader Omnicom": a firm's place in its market
                return Office(start, found[last - 1][1] + 1, head.i, text, titles[title] == "job",
                              " ".join(title) in offices["governing"], when)
    return None


def _spelled(text: str) -> str:
    """An office in the spelling the graph keeps: "deputy ceo" -> "deputy chief executive"."""
    spellings = table()["spellings"]
    for variant in sorted(spellings, key=lambda v: -len(v.split())):
        if text == variant or text.endswith(" " + variant):
            return text[:len(text) - len(variant)] + spellings[variant]
    return text


def office_at(doc: Doc, i: int) -> Office | None:
    """The office whose run holds token i, when the run names one."""
    run = run_around(doc, i)
    return read_office(doc, *run) if run else None


def _fits(ix: EntityIndex, k: int, place_ok: bool) -> bool:
    return ix.etype(k) in ORG_CLASSES or place_ok and ix.etype(k) in PLACES


def _guessed(ix: EntityIndex, tok: Token, k: int) -> bool:
    """Whether an organisation is reached through a description ("the company's chief executive")
    that says more than its kind ("the council of economic advisors" is one of its own), or that
    coreference gave an organisation named in the same sentence: there the writer would have
    written the name or "its" ("BMW would seek compensation from Bosch, the carmaker's chief
    executive said" is BMW's), so the description is some other firm."""
    cands = ix.res.candidates
    if not any(c.root == tok.i and c.kind == "description" for c in cands):
        return False
    if any(c.dep_ in ("prep", "relcl", "acl") for c in tok.children):
        return True
    return any(c.kind == "name" and ix.res.of_candidate.get(i) == k and tok.doc[c.start].sent.start == tok.sent.start
               for i, c in enumerate(cands))


def organisation(doc: Doc, ix: EntityIndex, office: Office, holder: int,
                 before: Token | None = None) -> tuple[Token, int] | None:
    """What the office is of: after it ("chairman of Tesco", "an analyst at Barclays"), or before it
    ("Microsoft chief executive", "BA's chief executive", "UK Chancellor"; a place only for an office
    a place has, and not one standing for a team: "England coach"). ``before`` is where the words
    before the office end when they are not the head's (the name's, in "Kazakhstan's president X")."""
    head = doc[office.head]
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in table()["organisations"]["prepositions"]):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            k = ix.at(pobj)
            if k is not None and k != holder and not _guessed(ix, pobj, k) and _fits(ix, k, prep.lower_ == "of" and not office.job):
                return pobj, k
    found = []
    left = [c for c in head.children if c.i < office.start and c.dep_ in ("poss", "compound", "nmod", "amod")]
    if before is not None:
        left += [c for c in before.children if c.i < office.start and c.dep_ in ("poss", "nmod")]
    if office.start > 0 and doc[office.start - 1].text in POSSESSIVE:
        left.append(doc[office.start - 1].head)
    elif office.start > 0:
        left.append(doc[office.start - 1])
    for tok in sorted(set(left), key=lambda t: -t.i):
        k = ix.at(tok) if tok.i not in ix.by_token else ix.by_token[tok.i]
        if k is None or k == holder or _guessed(ix, tok, k):
            continue
        if ix.etype(k) in PLACES and place_stands_for_other(tok):
            continue
        found.append((tok, k))
    orgs = [(t, k) for t, k in found if ix.etype(k) in ORG_CLASSES]
    places = [(t, k) for t, k in found if ix.etype(k) in PLACES and office.governing and not office.job]
    return (orgs or places or [None])[0]
