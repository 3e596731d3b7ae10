"""Resolve mentions to entities within one document: our own rule-based coreference.

Steps, in order (each a function below):
1. names: the same name, a gazetteer alias, a surname of a full name, an acronym of a name or one in
   parentheses after it, a transliteration ("Poutine" -> "Putin") join one cluster;
2. demonyms join their country ("Kazakh" -> Kazakhstan);
3. a trailing apposition left by machine translation ("... the Russian president participated,
   Vladimir Putin.") names the description before it;
4. person descriptions ("the Kazakh president") go to the person holding that title for that country;
5. organisation descriptions go to the one with the same head, or become entities of their own when a
   place qualifies them; "the alliance", "the country" go to the nearest entity of that class; "the
   company", "the firm" to the firm named before it in its sentence, else to the only organisation
   named in the two sentences before;
6. pronouns ("he", "his") go to the most recent person, preferring a subject; a possessive in the
   sentence of its antecedent goes to the nearest person before it.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.lexicon.gazetteer import ORG_CLASSES, Gazetteer
from kg.lexicon import words as words_of
from kg.entities.mentions import Candidate, country_of, is_title
from kg.entities.classes import PLACES, Typed, looks_like_personal_name, of_cluster, of_member, with_who_clause
from kg.nlp.syntax import has_determiner, quotation

ACRONYM_STOP = {"of", "the", "and", "for", "in", "on", "de", "du", "des", "la", "le", "et"}
POSSESSIVES = {"his", "her", "hers"}
PRONOUN_WINDOW = 3     # sentences back a pronoun may look for its antecedent
CLASS_WINDOW = 4       # sentences back (or 2 ahead) "the alliance" may look
FIRM_WINDOW = 2        # sentences back "the company" may look, when one organisation alone is named there


@dataclass
class Cluster:
    """A growing entity: its mentions (indexes into the candidate list) and what they say."""

    members: list[int] = field(default_factory=list)
    canonical: str | None = None
    typed: Typed | None = None        # class and evidence (kg/entities/classes.py decides)
    roles: set[tuple[str, str | None]] = field(default_factory=set)

    @property
    def etype(self) -> str | None:
        """The ontology class: "Person", "Company"."""
        return self.typed.etype if self.typed is not None else None

    @property
    def evidence(self) -> tuple[str, ...]:
        """The cues that gave the class, sorted: ("cluster:gazetteer", "gazetteer")."""
        return self.typed.evidence if self.typed is not None else ()


@dataclass
class Resolution:
    """The entities of a doc and which candidate belongs to which."""

    candidates: list[Candidate]
    clusters: list[Cluster]
    of_candidate: dict[int, int]          # candidate index -> cluster index

    def cluster_named(self, name: str) -> int | None:
        return named(self.clusters, name)


def named(clusters: list[Cluster], name: str) -> int | None:
    """The index of the cluster with this canonical name."""
    return next((k for k, cl in enumerate(clusters) if cl.canonical == name), None)


def initials(text: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", text) if w and w.lower() not in ACRONYM_STOP]
    return "".join(w[0] for w in words).upper()


def is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.replace(".", "").isupper() and text.replace(".", "").isalpha()


class _Union:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _key(c: Candidate) -> str:
    return (c.canonical or c.text).lower()


def _cluster_names(doc: Doc, cands: list[Candidate], names: list[int], u: _Union) -> None:
    """Step 1: join name mentions that name the same thing."""
    by_key: dict[str, int] = {}
    for i in names:
        c = cands[i]
        if c.kind == "demonym":
            continue
        k = _key(c)
        if k in by_key:
            u.join(by_key[k], i)
        else:
            by_key[k] = i
    multi = [i for i in names if cands[i].etype in ("Person", "Organization") and " " in cands[i].text
             and not cands[i].canonical]
    for i in names:
        c = cands[i]
        if c.kind != "name" or c.canonical:
            continue
        # a surname or a shorter form of a person's full name: "Masimov" / "Karim Masimov"; the NER
        # may call either of them an organisation, so one of the two being a person is enough
        if c.etype in ("Person", "Organization") and not is_acronym(c.text):
            words = c.text.split()
            longer = [j for j in multi if j != i and len(cands[j].text.split()) > len(words)
                      and cands[j].text.split()[-len(words):] == words
                      and ("Person" in (c.etype, cands[j].etype, _person_elsewhere(cands, names, words))
                           or looks_like_personal_name(cands[j].text))]
            if longer:
                before = [j for j in longer if j < i]
                u.join(i, (before or longer)[-1])
                continue
        # an acronym of another name: "CSTO" / "Collective Security Treaty Organization"
        if is_acronym(c.text):
            for j in names:
                other = cands[j].canonical or cands[j].text
                if j != i and not is_acronym(other) and initials(other) == c.text.replace(".", ""):
                    u.join(i, j)
                    break
    _short_org_names(cands, names, u)
    # an acronym in parentheses right after a name: "collective security treaty (OTSC)"; not a place
    # and a news agency ("DAYTON, Ohio (AP)"), nor two names the gazetteer knows apart
    for i in names:
        c = cands[i]
        if c.start >= 2 and doc[c.start - 1].text == "(" and c.end < len(doc) and doc[c.end].text == ")":
            before = [j for j in names if cands[j].end == c.start - 1 and cands[j].kind == "name"]
            if before and _may_be_same(cands[before[0]], c):
                u.join(before[0], i)


def _short_org_names(cands: list[Candidate], names: list[int], u: _Union) -> None:
    """A one-word organisation's name that ends exactly one longer organisation's name of the doc
    stands for it: "United boss Sir Alex Ferguson" after "Manchester United", "Villa chairman Doug
    Ellis" after "Aston Villa"; not with "Newcastle United" there too, nor "Times" (``[short_org_names]``)."""
    longer = [j for j in names if cands[j].kind == "name" and cands[j].etype in ORG_CLASSES
              and len(cands[j].text.split()) > 1]
    for i in names:
        c = cands[i]
        if c.kind != "name" or c.canonical or c.etype not in ORG_CLASSES or " " in c.text or is_acronym(c.text) \
                or c.text.lower() in words_of("nouns", "short_org_names", "not_alone"):
            continue
        ends = [j for j in longer if cands[j].text.split()[-1] == c.text]
        if len({_key(cands[j]) for j in ends}) == 1:
            u.join(ends[0], i)


def _may_be_same(a: Candidate, b: Candidate) -> bool:
    """Whether two names could name one entity: both places or neither, and not two different
    entries of the gazetteer."""
    if a.canonical and b.canonical and a.canonical != b.canonical:
        return False
    return (a.etype in PLACES) == (b.etype in PLACES)


def _person_elsewhere(cands: list[Candidate], names: list[int], words: list[str]) -> str | None:
    """"Person" when the same (short) name is tagged as a person somewhere in the doc."""
    return "Person" if any(cands[j].etype == "Person" and cands[j].text.split()[-len(words):] == words
                           for j in names) else None


def _canonical(cands: list[Candidate], members: list[int], etype: str) -> str:
    """The name of a cluster of names: the gazetteer's; else a person's longest name, or the name of
    anything else written most often (an acronym only when it has no other)."""
    gaz_named = [cands[i] for i in members if cands[i].canonical]
    if gaz_named:
        return gaz_named[0].canonical
    names = [cands[i].text for i in members if not is_acronym(cands[i].text)] or \
            [cands[i].text for i in members]
    counts = Counter(names)
    return max(names, key=lambda n: (len(n.split()) if etype == "Person" else counts[n], len(n), n))


def _sentence_of(doc: Doc, cands: list[Candidate]) -> list[int]:
    starts = [s.start for s in doc.sents]
    out = []
    for c in cands:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= c.start:
                lo = mid
            else:
                hi = mid - 1
        out.append(lo)
    return out


def _titled_roles(doc: Doc, c: Candidate, gaz: Gazetteer) -> set[tuple[str, str | None]]:
    """Roles from titles before a person's name: "President X", "Belarusian leader X"."""
    roles = set()
    root = doc[c.root]
    name_start = c.start + c.lead
    for tok in list(root.children) + [root.head]:
        if tok.i >= name_start or not is_title(tok):
            continue
        country = None
        for mod in tok.children:
            country = country or country_of(mod, gaz)
        roles.add((tok.lemma_.lower(), country))
    for tok in doc[max(0, c.start - 1):name_start]:
        if is_title(tok):
            roles.add((tok.lemma_.lower(), None))
    return roles


def resolve(doc: Doc, cands: list[Candidate], gaz: Gazetteer) -> Resolution:
    """Cluster the candidates of one doc into entities (see the module docstring)."""
    names = [i for i, c in enumerate(cands) if c.kind == "name"]
    clusters, of = _name_clusters(doc, cands, names, gaz)
    sent = _sentence_of(doc, cands)
    for i, c in enumerate(cands):           # Step 2: demonyms join their country
        if c.kind == "demonym":
            _attach(clusters, of, i, _find_or_make(clusters, c.canonical, c))
    _trailing_appositions(doc, cands, clusters, of, sent)
    _title_holders(cands, clusters, of)
    for i, c in enumerate(cands):           # Step 5: organisation and class descriptions
        if c.kind == "description" and c.etype != "Person" and i not in of:
            k = _described(doc, cands, clusters, of, sent, i, gaz)
            if k is not None:
                _attach(clusters, of, i, k)
    for i, c in enumerate(cands):           # Step 6: pronouns
        if c.kind == "pronoun":
            k = _antecedent(doc, cands, of, clusters, sent, i)
            if k is not None:
                _attach(clusters, of, i, k)
    return Resolution(cands, clusters, of)


def _name_clusters(doc: Doc, cands: list[Candidate], names: list[int],
                   gaz: Gazetteer) -> tuple[list[Cluster], dict[int, int]]:
    """Step 1: the clusters of names, each with its canonical name, class and (for a person) the roles
    its titles give; and the cluster of each name."""
    u = _Union(len(cands))
    _cluster_names(doc, cands, names, u)
    groups: dict[int, list[int]] = {}
    for i in names:
        groups.setdefault(u.find(i), []).append(i)
    clusters: list[Cluster] = []
    of: dict[int, int] = {}
    for root in sorted(groups):
        members = groups[root]
        voted = of_cluster([cands[i] for i in members])
        name = _canonical(cands, members, voted.etype)
        cl = Cluster(members=list(members), canonical=name,
                     typed=with_who_clause(doc, [cands[i] for i in members], voted))
        if cl.etype == "Person":
            for i in members:
                cl.roles |= _titled_roles(doc, cands[i], gaz)
        for i in members:
            of[i] = len(clusters)
        clusters.append(cl)
    return clusters, of


def _find_or_make(clusters: list[Cluster], name: str, c: Candidate) -> int:
    """The cluster of this canonical name; a new one of the class of mention ``c`` when there is none."""
    k = named(clusters, name)
    if k is not None:
        return k
    clusters.append(Cluster(canonical=name, typed=of_member(c)))
    return len(clusters) - 1


def _attach(clusters: list[Cluster], of: dict[int, int], i: int, k: int) -> None:
    of[i] = k
    clusters[k].members.append(i)


def _trailing_appositions(doc: Doc, cands: list[Candidate], clusters: list[Cluster], of: dict[int, int],
                          sent: list[int]) -> None:
    """Step 3: a trailing apposition names the person description in its sentence."""
    for i, c in enumerate(cands):
        if c.kind == "name" and c.etype == "Person" and c.start >= 1 and doc[c.start - 1].text == ",":
            end = c.end
            if end < len(doc) and doc[end].text in (".", "!") and (end + 1 == len(doc) or doc[end + 1].is_space
                                                                   or doc[end + 1].is_sent_start):
                descs = [j for j in range(i) if sent[j] == sent[i] and cands[j].kind == "description"
                         and cands[j].etype == "Person" and j not in of]
                if descs:
                    j = descs[-1]
                    _attach(clusters, of, j, of[i])
                    clusters[of[i]].roles.add(cands[j].role)


def _title_holders(cands: list[Candidate], clusters: list[Cluster], of: dict[int, int]) -> None:
    """Step 4: person descriptions go to the holder of the title for that country."""
    for i, c in enumerate(cands):
        if c.kind != "description" or c.etype != "Person" or i in of or c.role is None:
            continue
        title, country = c.role
        fits = []
        for k, cl in enumerate(clusters):
            if cl.etype != "Person":
                continue
            same_title = {r for r in cl.roles if r[0] == title}
            if any(r[1] == country for r in same_title):
                fits.append((0, k))
            elif same_title and all(r[1] is None for r in same_title):
                fits.append((1, k))
        if fits:
            best = min(fits)
            if sum(1 for f in fits if f[0] == best[0]) == 1:
                _attach(clusters, of, i, best[1])
                clusters[best[1]].roles.add(c.role)


def _described(doc: Doc, cands: list[Candidate], clusters: list[Cluster], of: dict[int, int], sent: list[int],
               i: int, gaz: Gazetteer) -> int | None:
    """Step 5: the entity an organisation or class description refers to, made when it names one of
    its own; None when it refers to none."""
    c = cands[i]
    if c.head.split()[-1] in words_of("nouns", "generic_org_heads", "words"):
        return _generic_firm(doc, cands, clusters, of, sent, i, gaz)
    if c.text != c.head:      # qualified by a place: an entity of its own, or the same as before
        if not has_determiner(doc[c.root], ("a", "an")):
            return _find_or_make(clusters, c.text, c)
        return None           # "a US court" is one of many: no entity
    # "the national security council": a name written in lowercase, or the same one as before
    name = _institution_name(doc, c)
    ending = " " + (name or c.head)
    same_head = [k for k, cl in enumerate(clusters)
                 if cl.canonical and (" " + cl.canonical.lower()).endswith(ending) and cl.etype == c.etype]
    if same_head:
        return same_head[-1]
    if name is not None:
        return _find_or_make(clusters, name, c)
    return _nearest_of_class(cands, of, clusters, sent, i, c.etype)


def _generic_firm(doc: Doc, cands: list[Candidate], clusters: list[Cluster], of: dict[int, int],
                  sent: list[int], i: int, gaz: Gazetteer) -> int | None:
    """"the US firm" is one of many firms: the firm named before it in its sentence, or no entity."""
    c = cands[i]
    definite = has_determiner(doc[c.root], ("the",))

    def elsewhere(cl: Cluster, place: str | None = c.place) -> bool:
        entry = gaz.lookup(cl.canonical or "")   # "the Italian firm" is not General Motors
        return place is not None and entry is not None and entry.country not in (None, place)

    k = _nearest_of_class(cands, of, clusters, sent, i, c.etype, 0, elsewhere) if definite else None
    # "Macrovision ... The company said": the one firm named just before; not "the central bank",
    # "the online bank", a kind of firm the text may not have named, and "the French firm" only
    # when the gazetteer knows the firm as French ("Fiat shares rose. The US firm ...": GM)
    def unconfirmed(cl: Cluster, place: str | None = c.place) -> bool:
        entry = gaz.lookup(cl.canonical or "")
        return place is not None and (entry is None or entry.country != place)

    if k is None and definite and " " not in c.head:
        k = _the_one_of_class_before(cands, of, clusters, sent, i, c.etype, unconfirmed)
    return k


def _institution_name(doc: Doc, c: Candidate) -> str | None:
    """The name of a state institution written in lowercase, "the national security council", "the
    supreme court": a head of an organisation after words of the institution list only."""
    modifiers = [t for t in doc[c.start:c.root] if t.dep_ in ("compound", "amod")]
    if not modifiers or len(modifiers) != c.root - c.start:
        return None
    if all(t.lower_ in words_of("nouns", "institution_words", "words") for t in modifiers):
        return doc[c.start:c.root + 1].text.lower()
    return None


def _of_class(etype: str) -> set[str]:
    """The classes an entity a description of class ``etype`` refers to may have: a company may be any
    organisation the NER found, a place any place."""
    return {etype} | (PLACES if etype == "Place" else set()) | (
        {"Organization"} if etype in ("Company", "MediaOrganization") else set())


def _the_one_of_class_before(cands, of, clusters, sent, i, etype,
                             elsewhere: Callable[[Cluster], bool] = lambda cl: False) -> int | None:
    """The entity of a class when it is the only one of that class mentioned in the sentences just
    before candidate i (``FIRM_WINDOW``) and in its own; None when two or more are, or none."""
    wanted = _of_class(etype)
    found = {of[j] for j in range(i) if j in of and clusters[of[j]].etype in wanted
             and sent[i] - sent[j] <= FIRM_WINDOW and not elsewhere(clusters[of[j]])}
    return found.pop() if len(found) == 1 else None


def _nearest_of_class(cands, of, clusters, sent, i, etype, window: int = CLASS_WINDOW,
                     elsewhere: Callable[[Cluster], bool] = lambda cl: False) -> int | None:
    """The entity of a class mentioned nearest before (else just after) candidate i; a company may
    be any organisation the NER found. Entities ``elsewhere`` says are of another country are skipped."""
    wanted = _of_class(etype)
    before = [j for j in range(i - 1, -1, -1) if j in of and clusters[of[j]].etype in wanted
              and sent[i] - sent[j] <= window and not elsewhere(clusters[of[j]])]
    if before:
        return of[before[0]]
    after = [j for j in range(i + 1, len(cands)) if j in of and clusters[of[j]].etype in wanted
             and sent[j] - sent[i] <= min(window, 2)]
    return of[after[0]] if after and window else None   # "the US firm" (window 0): named before it only


def _clause_verb(tok):
    """The nearest verb above a token: the clause it belongs to."""
    for t in tok.ancestors:
        if t.pos_ in ("VERB", "AUX"):
            return t.i
    return None


def _gender_of(doc, cands, members) -> str | None:
    """"male" or "female" when a pronoun or an honorific of the mentions says so (first one wins)."""
    table = {g: words_of("nouns", "gender", g) for g in ("male", "female")}
    for i in sorted(members):
        c = cands[i]
        # a pronoun is its own word; a name may carry its honorific first or just before it
        words = [doc[c.start]] + ([doc[c.start - 1]] if c.kind == "name" and c.start else [])
        for g, ws in table.items():
            if any(t.lower_ in ws for t in words):
                return g
    return None


def _speakers_of_quote(doc, cands, of, i) -> set[int]:
    """The clusters of the people who speak the quotation around mention i, in its sentence: the
    subjects of a cue verb outside it ("“He would have been a good president,” said Mr Clinton")."""
    q = quotation(doc, cands[i].start, cands[i].end)
    if q is None:
        return set()
    sentence, cues = doc[cands[i].start].sent, words_of("speech", "verbs", "words")
    subjects = {s.i for v in sentence if v.lemma_.lower() in cues and not q[0] <= v.i < q[1]
                for s in v.children if s.dep_ == "nsubj"}
    return {of[j] for j, c in enumerate(cands) if j in of and c.root in subjects}


def _antecedent(doc, cands, of, clusters, sent, i) -> int | None:
    """Most recent person before pronoun i (same sentence first), preferring a subject; a pronoun in a
    quotation is never its speaker, who would say "I"."""
    wanted = _gender_of(doc, cands, [i])
    gender: dict[int, str | None] = {}      # of each cluster looked at, read once
    speakers = _speakers_of_quote(doc, cands, of, i)

    def fits(k: int) -> bool:
        if k not in gender:
            gender[k] = _gender_of(doc, cands, clusters[k].members)
        return gender[k] in (None, wanted) and k not in speakers

    for back in range(0, PRONOUN_WINDOW + 1):
        s = sent[i] - back
        people = [j for j in range(i) if sent[j] == s and j in of and clusters[of[j]].etype == "Person"
                  and fits(of[j])]
        if not people:
            continue
        if back == 0 and cands[i].text.lower() in POSSESSIVES \
                and _clause_verb(doc[cands[people[-1]].root]) == _clause_verb(doc[cands[i].root]):
            return of[people[-1]]        # "came to the aid of Lukashenko amid protests against his regime"
        subjects = [j for j in people if doc[cands[j].root].dep_ in ("nsubj", "nsubjpass", "ROOT")]
        if subjects:
            return of[subjects[-1] if back == 0 else subjects[0]]
        return of[people[-1]]
    return None
