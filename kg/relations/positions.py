"""Positions people hold: "Deputy Prime Minister John Prescott", "Microsoft chief executive Steve
Ballmer", "X, the chairman of Y", "X, Y's finance director", "X is the chief executive of Y", "X became
foreign secretary in 2001", "X was appointed chief executive of Y", "former chairman X", and a
description coreference resolved to a person ("the Kazakh president" -> Tokayev).

A position is the person, the office (normalised: "deputy prime minister"), the organisation or
country it is of when the sentence says so, whether it has ended ("former", "ex-", "then-", "resigned
as", a stated end) and the dates the sentence gives ("since 2001", "from 1997 to 2003", "appointed on
Monday"); no date is guessed. Positions are not relations: they never enter find_relations, the
classifier's pairs or CoNLL04's scores. The office words are kg/lexicon/positions.toml
(kg/relations/offices.py reads them)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from kg.entities.index import EntityIndex
from kg.lexicon.gazetteer import ORG_CLASSES
from kg.lexicon import words
from kg.nlp.dates import iso_date
from kg.nlp.scan import scan
from kg.nlp.syntax import direct_objects, modality, negated, subjects
from kg.relations.common import clause_verb, has_left
from kg.relations.offices import Office, office_at, organisation, read_office, run_around, table
from kg.relations.registry import Name
from kg.relations.tense import tense

# The names positions carry in provenance, their confidence, and whether they read a description the
# narrator gives (such a position is the narrator's even inside a reported claim).
NAMES = (Name("position-title", 0.8, descriptive=True), Name("position-apposition", 0.8, descriptive=True),
         Name("position-verb", 0.75), Name("position-description", 0.7, descriptive=True))
_BY_NAME = {n.text: n for n in NAMES}
VERB_ROLES = ("holds", "starts", "appoints", "ends", "removes")


@dataclass(frozen=True)
class FoundPosition:
    """A position as found in a doc (token positions, cluster indexes), before it becomes a model
    Position."""

    holder: int                      # cluster index of the person
    office: str                      # "deputy prime minister"
    organisation: int | None         # cluster index of what the office is of
    former: bool                     # the sentence says it has ended
    start: int                       # token span of the evidence
    end: int
    rule: str                        # a name of NAMES, maybe with the verb: "position-verb:appoint"
    anchor: int                      # the office's head noun: decides claim membership
    began: str | None = None         # ISO dates the sentence gives
    ended: str | None = None
    holder_token: int | None = None
    organisation_token: int | None = None


def name_of(rule: str) -> Name:
    """The declared name of a rule as written in provenance ("position-verb:become")."""
    return _BY_NAME[rule.split(":", 1)[0]]


@dataclass(frozen=True)
class _Holder:
    token: Token
    cluster: int
    rule: str
    verb: Token | None = None
    how: str | None = None           # the verb's role: holds, starts, appoints, ends, removes


def _person(ix: EntityIndex, tok: Token) -> int | None:
    k = ix.by_root.get(tok.i)
    k = ix.at(tok) if k is None else k
    return k if k is not None and ix.etype(k) == "Person" else None


def _name_after(doc: Doc, ix: EntityIndex, office: Office) -> _Holder | None:
    """A title written before a person's name ("chief executive Steve Ballmer", "Chancellor Mr Brown")."""
    n = office.end
    while n < len(doc) and doc[n].lower_ in words("nouns", "people", "honorifics"):
        n += 1
    if n >= len(doc) or doc[n].pos_ != "PROPN" or doc[n].sent.start != doc[office.head].sent.start:
        return None
    k = ix.by_token.get(n)
    if k is None or ix.etype(k) != "Person":
        return None
    root = doc[n]
    while root.head.i != root.i and ix.by_token.get(root.head.i) == k and root.head.i > root.i:
        root = root.head
    return _Holder(root, k, "position-title")


def _verb_roles(verb: Token) -> list[str]:
    """The roles of ``[verbs]`` a verb has, read with its particle ("step down", "take over")."""
    lemma = verb.lemma_.lower()
    with_particle = " ".join([lemma, *(c.lower_ for c in verb.children if c.dep_ == "prt")])
    verbs = table()["verbs"]
    return [how for how in VERB_ROLES if with_particle in verbs[how] or lemma in verbs[how]]


def _verb_of(head: Token) -> Token | None:
    """The verb an office is the complement of: "became chairman", "was appointed chief executive",
    "resigned as chairman"."""
    if head.dep_ in ("attr", "oprd", "xcomp", "acomp") and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    if head.dep_ == "pobj" and head.head.lower_ == "as" and head.head.head.pos_ in ("VERB", "AUX"):
        return head.head.head
    return None


def _holders(doc: Doc, ix: EntityIndex, office: Office) -> list[_Holder]:
    """Who holds an office the sentence names: the name after its title, a name in apposition, the
    subject or the object of the verb it completes."""
    named = _name_after(doc, ix, office)
    if named is not None:
        return [named]
    head, out = doc[office.head], []
    if head.dep_ == "appos" and (k := _person(ix, head.head)) is not None:
        out.append(_Holder(head.head, k, "position-apposition"))
    after = [c for c in head.children if c.dep_ == "appos" and c.i > head.i] + [
        a for p in head.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"
        for a in o.children if a.dep_ == "appos"]       # "the chairman of Barclays, Matt Barrett"
    out += [_Holder(c, k, "position-apposition") for c in after if (k := _person(ix, c)) is not None]
    verb = _verb_of(head)
    if verb is None or negated(verb) or modality(verb):
        return out                      # "did not become", "will become", "is expected to be named"
    for how in _verb_roles(verb):
        toks = subjects(verb) if how in ("holds", "starts", "ends") else direct_objects(verb)
        out += [_Holder(t, k, f"position-verb:{verb.lemma_.lower()}", verb, how) for t in toks
                if (k := _person(ix, t)) is not None]
    return out


RANGE_WORDS = {"to", "until", "till", "and", "-", "–"}


def _date_at(tok: Token, published: dt.date | None) -> str | None:
    """The ISO date of the DATE entity a token is in; of its part around the token when the entity is a
    range ("1997 to 2001")."""
    if tok.ent_type_ != "DATE":
        return None
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if ent is None:
        return None
    cuts = [t.i for t in ent if t.lower_ in RANGE_WORDS]
    start = max([ent.start] + [c + 1 for c in cuts if c < tok.i])
    end = min([ent.end] + [c for c in cuts if c > tok.i])
    return iso_date(tok.doc[start:end].text, published)


def _dates(heads: list[Token], how: str | None, published: dt.date | None) -> tuple[str | None, str | None, list[int]]:
    """When the position began and ended, as the words around the office or its verb say: "since
    2001", "from 1997 to 2003", "until 2004", "between 1997 and 2003"; "in"/"on" a date for one taken
    ("appointed in 2001") or left ("resigned on Monday"), none for one only held. Also the tokens that
    said so."""
    preps = table()["dates"]
    began = ended = None
    used: list[int] = []
    for head in heads:
        for c in head.children:
            objs = [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" else [c]
            word = c.lower_ if c.dep_ == "prep" else "at" if c.dep_ in ("npadvmod", "tmod") else None
            for obj in objs[:1]:
                when = _date_at(obj, published)
                if word is None or when is None:
                    continue
                used += [t.i for t in c.subtree]
                if word in preps["since"] or word in preps["from"] or word == "between":
                    began = began or when
                    later = [t for p in [*obj.children, *c.children] if p.dep_ == "prep" and p.lower_ in preps["until"]
                             for t in p.children if t.dep_ == "pobj"] + [t for t in obj.children if t.dep_ == "conj"]
                    ended = ended or next((d for t in later if (d := _date_at(t, published))), None)
                elif word in preps["until"] and word != "to":
                    ended = ended or when
                elif word in preps["at"] or word == "at":
                    if how in ("starts", "appoints"):
                        began = began or when
                    elif how in ("ends", "removes"):
                        ended = ended or when
    return began, ended, used


def _past(verb: Token) -> bool:
    """A verb in the simple past or the past perfect: "was chairman", "had served as"."""
    return verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(c.lower_ in ("had", "'d") for c in verb.children)


def _ended(ended: str | None, published: dt.date | None) -> bool:
    return ended is not None and (published is None or ended[:4] <= str(published.year))


def _appointers(ix: EntityIndex, office: Office, h: _Holder) -> tuple[Token, int] | None:
    """The organisation that appoints someone "its" chairman: "Tesco has appointed X as its chairman"."""
    head = h.verb.doc[office.head] if h.verb is not None else None
    if head is None or h.how != "appoints" or not any(c.dep_ == "poss" and c.lower_ in ("its", "their")
                                                      for c in head.children):
        return None
    return next(((t, k) for t in subjects(h.verb) if (k := ix.at(t)) is not None and ix.etype(k) in ORG_CLASSES),
                None)


def _with_rank_before(doc: Doc, ix: EntityIndex, office: Office, of: tuple[Token, int] | None) -> Office:
    """The office with the modifiers written before its organisation: "assistant US attorney general"
    holds "assistant attorney general" of the United States."""
    if of is None or ix.by_token.get(office.start - 1) != of[1]:
        return office
    i = office.start - 1
    while i > 0 and ix.by_token.get(i - 1) == of[1]:
        i -= 1
    rank = []
    while i > 0 and doc[i - 1].lower_ in table()["offices"]["modifiers"]:
        i -= 1
        rank.insert(0, doc[i].lower_)
    return replace(office, text=" ".join([*rank, office.text])) if rank else office


def _tense(doc: Doc, office: Office, h: _Holder) -> str | None:
    """Whether a word of the office, or one before it in its noun phrase, puts it in the past or the
    future: "the former Dutch prime minister Wim Kok", "ex-Microsoft boss X"."""
    left = min(doc[office.head].left_edge.i, h.token.left_edge.i if h.rule == "position-title" else office.start)
    before = [tense(t) for t in doc[left:office.start] if t.lower_ not in table()["offices"]["dropped"]]
    return office.tense or next((t for t in before if t), None)


def _position(doc: Doc, ix: EntityIndex, office: Office, h: _Holder, published: dt.date | None,
              of: tuple[Token, int] | None) -> FoundPosition | None:
    """The position of one holder of an office, with what it is of, when, and whether it is over."""
    when = _tense(doc, office, h)
    if when == "future":
        return None                     # "incoming chief executive X" holds nothing yet
    of = organisation(doc, ix, office, h.cluster, h.token if h.rule == "position-title" else None) or of \
        or _appointers(ix, office, h)
    if office.job and of is None:
        return None                     # "a leading economist": an occupation, no position
    left = h.verb is None and has_left(h.token, ix)       # "the firm's chairman, Jane Doe, resigned"
    if left:
        h = _Holder(h.token, h.cluster, h.rule, clause_verb(h.token), "ends")
    heads = [doc[office.head]] + ([h.verb] if h.verb is not None else []) + ([of[0]] if of else [])
    began, ended, dated = _dates(heads, h.how, published)
    former = when == "former" or h.how in ("ends", "removes") or _ended(ended, published) \
        or h.how == "holds" and _past(h.verb)
    office = _with_rank_before(doc, ix, office, of)
    name = [h.token.i]                  # the holder's whole name: "Jack Straw", not "Straw"
    while name[0] > 0 and ix.by_token.get(name[0] - 1) == h.cluster and ix.by_token.get(name[0]) == h.cluster:
        name.insert(0, name[0] - 1)
    toks = [*name, office.start, office.end - 1, *dated] + ([h.verb.i] if h.verb is not None else []) \
        + ([of[0].i] if of else [])
    return FoundPosition(h.cluster, office.text, of[1] if of else None, former, min(toks), max(toks) + 1, h.rule,
                         office.head, began, ended, h.token.i, of[0].i if of else None)


def _offices(doc: Doc) -> list[Office]:
    """Every office the doc names, one per run of office words."""
    def read(i: int) -> tuple[Office | None, int] | None:
        run = run_around(doc, i)
        return (read_office(doc, *run), run[1]) if run else None
    return scan(len(doc), read)


def _coordinated(doc: Doc, office: Office, offices: list[Office]) -> list[Office]:
    """Offices coordinated with this one: "chairman and chief executive Richard Parsons", "Nortel
    president and chief executive Bill Owens" (parsed or only written so)."""
    head = doc[office.head]
    linked = {t.i for t in ([head.head] if head.dep_ == "conj" else []) + [c for c in head.children if c.dep_ == "conj"]}
    joined = office.end < len(doc) and doc[office.end].lower_ in ("and", "&")
    return [o for o in offices if o is not office and (o.head in linked or joined and o.start == office.end + 1
                                                        or o.end < len(doc) and o.start < office.start
                                                        and doc[o.end].lower_ in ("and", "&") and office.start == o.end + 1)]


def _of_something(head: Token) -> bool:
    """Whether an office names what it is of, entity or not: "chairman of the council of advisors"."""
    return any(c.dep_ == "prep" and c.lower_ in table()["organisations"]["prepositions"]
               and any(o.dep_ == "pobj" for o in c.children) for c in head.children)


def _described(doc: Doc, ix: EntityIndex, published: dt.date | None) -> list[FoundPosition]:
    """A description coreference resolved to a person ("the Kazakh president" -> Tokayev): the person
    holds the office of the country the description names."""
    out = []
    for i, c in enumerate(ix.res.candidates):
        k = ix.res.of_candidate.get(i)
        if c.kind != "description" or c.role is None or k is None or ix.etype(k) != "Person":
            continue
        office = office_at(doc, c.root)
        country = ix.res.cluster_named(c.role[1]) if c.role[1] else None
        if office is None or office.tense == "future" or not c.start <= office.head < c.end:
            continue
        out.append(FoundPosition(k, office.text, country if country != k else None, office.tense == "former",
                                 c.start, c.end, "position-description", office.head, holder_token=c.root))
    return out


def find_positions(doc: Doc, ix: EntityIndex, published: dt.date | None = None) -> list[FoundPosition]:
    """Every position the doc states, once per holder, office and organisation in a sentence (the
    first pattern to find it keeps it: a title, an apposition, a verb, a description). An office
    written without its organisation is of the one the doc gives it elsewhere, when it gives one."""
    offices = _offices(doc)
    holders = {o.head: _holders(doc, ix, o) for o in offices}
    found: list[FoundPosition] = []
    for office in offices:
        linked = _coordinated(doc, office, offices)
        mine = holders[office.head] or next((holders[o.head] for o in linked if holders[o.head]), [])
        for h in mine:
            inherited = next((of for o in linked if (of := organisation(doc, ix, o, h.cluster)) is not None), None)
            if (p := _position(doc, ix, office, h, published, inherited)) is not None:
                found.append(p)
    found += _described(doc, ix, published)
    of: dict[tuple[int, str], set[int]] = {}
    for p in found:
        of.setdefault((p.holder, p.office), set()).add(p.organisation)
    found = [p if p.organisation is not None or len(orgs := of[p.holder, p.office] - {None}) != 1
             or _of_something(doc[p.anchor]) else replace(p, organisation=orgs.pop())
             for p in found]            # "President X" after "US President X"; not "chairman of the council"
    out, seen = [], set()
    for p in found:
        key = (p.holder, p.office, p.organisation, doc[p.anchor].sent.start)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
