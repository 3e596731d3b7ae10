"""The trained classifier's relations: every pair of names in a sentence that the model (kg/relations/classify.py)
labels, and the guards that veto a label (one function each): a pair the rules already related, a
coordination or a list ("Belarus, Armenia and Kyrgyzstan", "Moilanen, Kizys"), a team or a branch taken
for a place ("Cardiff at Ewood Park", "IBM's production facility in Rochester"), a label without its
trigger word or with a veto on the path that joins the pair ("The Lions leave for New Zealand").
The trigger words and vetoes are data in ``kg/lexicon/conll04.toml``; ``find_relations`` in
kg/relations/find.py runs this step after the rules."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg.relations.classify import RelationClassifier, label_of_types, mapping, pair_features
from kg.relations.encoder import TYPE_WORDS, Combined, EncoderModel, Name
from kg.entities.index import EntityIndex
from kg.relations.places import PLACE_RANK, home_elsewhere, known_place, may_lie_in, placelike, world_region
from kg.relations.tense import tense
from kg.lexicon import words
from kg.relations.found import Found, lexicon
from kg.entities.mentions import Candidate, is_title, place_stands_for_other
from kg.nlp.syntax import (coordination_head, direct_objects, hyphen_joined, in_words, modality, negated, quotation,
                     subjects)

MAX_NAMES_FOR_CLASSIFIER = 6
BRANCHES = words("nouns", "place_as_other", "branches")
FIXTURE_WORDS = {"v", "v.", "vs", "vs."}


def _path_between(a: Token, b: Token) -> set[int]:
    """Token indexes on the dependency path joining two tokens, their common ancestor included."""
    path = {t.i for t in [a, *a.ancestors]} ^ {t.i for t in [b, *b.ancestors]}
    lca = _lca(a, b)
    return path | ({lca.i} if lca is not None else set())


def _role_property(doc: Doc, path: set[int]) -> str | None:
    """A band member's or a spokesperson's noun on the path joining a person and an organisation
    ("Blazin' Squad singer Kenzie": memberOf), for the classifier's Work_For, which stands for both in
    CoNLL04. Not a leader's: "head of UK equities for Standard Life" leads a desk, not the firm."""
    nouns = lexicon()["nouns"]
    for i in sorted(path):
        prop = nouns.get(doc[i].lemma_.lower()) or nouns.get(doc[i].lower_)
        if prop in ("memberOf", "spokespersonOf") and doc[i].pos_ == "NOUN":
            return prop
    return None


def _triggered(doc: Doc, hc, tc, label: str, path: set[int]) -> bool:
    """Whether a trigger word of the label (kg/lexicon/conll04.toml) stands between the two names or
    on the dependency path that joins them; labels without triggers always pass."""
    words = mapping()["triggers"].get(label)
    if not words:
        return True
    near = path | set(range(min(hc.end, tc.end), max(hc.start, tc.start)))
    for c in (hc, tc):                  # a title just before a name, or in its mention: "Company
        near |= set(range(max(c.start - 2, 0), c.start + c.lead))   # spokesman Glenn Waller"

    unless = mapping()["trigger_exceptions"]

    def trigger(t: Token) -> bool:
        if t.lower_ in unless and (t.head.lemma_.lower() in unless[t.lower_] or t.i + 1 < len(doc)
                                   and doc[t.i + 1].lemma_.lower() in unless[t.lower_]):
            return False                # "a home tie with Bolton", "Home Secretary"
        return t.lemma_.lower() in words or in_words(t, words) or t.lower_.rpartition("-")[2] in words

    preps = mapping()["trigger_prepositions"].get(label, ())
    names = set(range(hc.start, hc.end)) | set(range(tc.start, tc.end))
    return any(trigger(doc[i]) or doc[i].lower_ in preps and (doc[i].head.i in names or trigger(doc[i].head))
               for i in near)


def _may_hold(doc: Doc, ix: EntityIndex, h: int, t: int, tc) -> bool:
    """Whether the classifier's place ``t`` may hold place ``h``: as ``may_lie_in``, and a known city
    lies in no other city nor in a bare "Place" ("Chelsea host Birmingham, Tottenham travel to West
    Brom"), and no city, region or country lies in a venue ("Cardiff at Ewood Park")."""
    if not may_lie_in(ix, h, t) or ix.etype(h) == "City" and ix.etype(t) in ("City", "Place"):
        return False
    return not (ix.etype(h) in PLACE_RANK and doc[tc.root].lower_ in words("nouns", "venues", "words"))


def _names_a_product(doc: Doc, c) -> bool:
    """Whether a name qualifies a noun for a thing made ("Macintosh computer", "Kill Bill film")."""
    root = doc[c.root]
    return root.dep_ == "compound" and root.head.pos_ == "NOUN" and \
        root.head.lemma_.lower() in words("nouns", "products", "words")


def _qualifies_anothers_role(doc: Doc, ix: EntityIndex, org: Candidate, person: int) -> bool:
    """Whether an organisation's name qualifies a noun written with another person's name: in
    "Film director Ken Loach ... and former Blur guitarist Graham Coxon", Blur is Coxon's band."""
    roles = words("nouns", "roles_beside_a_name", "words")
    tok, step = doc[org.root], 0
    while tok.dep_ in ("compound", "poss", "nmod") and tok.head.i != tok.i:
        tok, step = tok.head, step + 1
        k = ix.by_root.get(tok.i)
        if k is not None and ix.etype(k) == "Person":
            return step > 1 and k != person
        if not (is_title(tok) or tok.lower_ in roles or tok.lemma_.lower() in roles):
            return False
    return False


def _in_anothers_relative_clause(doc: Doc, ix: EntityIndex, org: Candidate, person: Candidate) -> bool:
    """Whether an organisation's name lies in a relative clause about another person, and the person
    of the pair outside it: in "Kelly Holmes, Alan Pascoe and Frankie Fredericks - who is now an IOC
    member -", the IOC is Fredericks'; in "Wenger, who accused Manchester United striker Ruud van
    Nistelrooy", Manchester United is still van Nistelrooy's."""
    clause = next((t for t in doc[org.root].ancestors if t.dep_ == "relcl"), None)
    if clause is None or clause.left_edge.i <= person.root <= clause.right_edge.i:
        return False
    k, h = ix.at(clause.head), ix.at(doc[person.root])
    return k is not None and k != h and ix.etype(k) == "Person"


def _a_list(doc: Doc, ix: EntityIndex, hc: Candidate, h: int, tc: Candidate, t: int) -> bool:
    """Whether two places with only a comma between them are items of a list, not a place and the
    place it lies in: two countries ("Argentina, Venezuela in oil deal"), or a bare word and a name
    the gazetteer does not know as a place ("Luton, Preston", players "Moilanen, Kizys"). "Camden
    Market, London", "San Gabriel River Channel, Azusa" and "Yakima, Wash." are no lists."""
    left, right = (hc, tc) if hc.start < tc.start else (tc, hc)
    if [tok.text for tok in doc[left.end:right.start]] != [","]:
        return False
    if ix.etype(h) == "Country" and ix.etype(t) == "Country":
        return True
    return hc.end - hc.start == 1 and not known_place(ix, t)


def _vetoed(doc: Doc, label: str, path: set[int]) -> bool:
    """Whether a veto verb of the label (kg/lexicon/conll04.toml), alone or with its preposition
    ("leave for"), or a veto noun with its preposition ("envoy to"), lies on the path joining the
    pair ("an interview with X" is no veto)."""
    for veto in mapping()["vetoes"].get(label, ()):
        lemma, _, prep = veto.partition(" ")
        if any(doc[i].lemma_.lower() == lemma and (doc[i].pos_ == "VERB" or prep and doc[i].pos_ == "NOUN")
               and (not prep or any(c.lower_ == prep for c in doc[i].children)) for i in path):
            return True
    return False


def _time_of_pair(doc: Doc, sent: Span, hc, tc, path: set[int]) -> str | None:
    """"former"/"future" for a pair: a word like "former" just before or between the names, or a verb
    of leaving on their path ("McFadden, who quit Westlife"; not "left Athens as the star of Team GB",
    where a place is what was left)."""
    if any(doc[i].lemma_.lower() in words("relations", "subordinate", "leaving_verbs")
           and not any(o.ent_type_ in ("GPE", "LOC", "FAC") for o in direct_objects(doc[i])) for i in path):
        return "former"
    for t in doc[max(sent.start, min(hc.start, tc.start) - 3):max(hc.end, tc.end)]:
        if not tense(t):
            continue
        nxt = min((c.start for c in (hc, tc) if c.start > t.i), default=t.i)
        if not any(u.dep_ == "cc" for u in doc[t.i:nxt]):     # not "former Olympian and BBC pundit X"
            return tense(t)
    return None


def _hyphenated(doc: Doc, c) -> bool:
    """Whether a name is the first half of a hyphenated word: "US-based", "Russian-led"."""
    return hyphen_joined(doc[c.end - 1]) is not None


def _qualifies_a_noun(doc: Doc, c) -> int | None:
    """The common noun a place name qualifies ("the UK firm", "the UK's leading companies"), if any:
    such a name says where something is from, not where another place lies."""
    root = doc[c.root]
    head = root.head
    while head.dep_ == "appos" and head.head.i != head.i:   # "a West Palm Beach, Fla., lawyer"
        head = head.head
    if root.dep_ in ("compound", "amod", "poss", "nmod", "appos") and not (c.start <= head.i < c.end):
        return head.i if head.pos_ == "NOUN" else None
    return None


def _across_a_quotation(doc: Doc, a: Candidate, b: Candidate) -> bool:
    """Whether one name of the pair stands inside a quotation (a clause in quotation marks) and the
    other outside it: the speaker does not work for what the quotation names ("'The sale of the US
    Gaming Division remains subject to conditions,' said Wembley chairman Claes Hultman")."""
    def said(c: Candidate) -> tuple[int, int] | None:   # a quoted clause: not a name or a title in quotes
        q = quotation(doc, c.start, c.end)
        return q if q is not None and any(t.pos_ in ("VERB", "AUX") for t in doc[q[0]:q[1]]) else None
    return said(a) != said(b)


def _coordinated(a: Token, b: Token) -> bool:
    """Whether two tokens are members of one coordination ("Belarus, Armenia and Kyrgyzstan")."""
    return coordination_head(a).i == coordination_head(b).i


def _bracketed_after(doc: Doc, first: Candidate, second: Candidate) -> bool:
    """Whether ``second`` stands alone in brackets right after ``first``: "Fabiola Zuluaga (Colombia)"
    in a results list gives whom a player plays for. CoNLL04 relates no such pair in train or dev."""
    return (second.start == first.end + 1 and doc[first.end].text == "("
            and second.end < len(doc) and doc[second.end].text == ")")


def _renamed(doc: Doc, first: Candidate, second: Candidate) -> bool:
    """Whether ``second`` is ``first``'s other name, in apposition after its comma and "the": "CENTR,
    the Council of European National Top Level Domain Registries, agrees"."""
    if second.start < first.start:
        first, second = second, first
    return (second.start == first.end + 2 and doc[first.end].text == "," and doc[first.end + 1].lower_ == "the"
            and (root := doc[second.start:second.end].root).dep_ == "appos"
            and first.start <= root.head.i < first.end)


def _written(doc: Doc, c: Candidate) -> Span:
    """A name's tokens as the classifier learnt them from CoNLL04, without a "'s" the name keeps
    ("Lloyd's chief executive")."""
    return doc[c.start:c.root + 1]


def _ranked(doc: Doc, c: Candidate) -> bool:
    """Whether a name is an item of a results list, a number in brackets after it: "Argentina (4),
    South Africa (5), Kenya", "Roddick (2)"; such lines have no verb for the classifier to read."""
    return (c.end + 2 < len(doc) and doc[c.end].text == "(" and doc[c.end + 1].like_num
            and doc[c.end + 2].text == ")")


def _lca(a: Token, b: Token) -> Token | None:
    above = {a.i} | {t.i for t in a.ancestors}
    for t in [b, *b.ancestors]:
        if t.i in above:
            return t
    return None


def _scorer(doc: Doc, sent: Span, here: list[tuple[Candidate, str | None]],
            clf: RelationClassifier | EncoderModel | Combined) -> Callable[[int, int, str], tuple[str, float]]:
    """The label and probability of the pair (a-th name, b-th name) of a sentence: the logistic
    regression's, one pair at a time, or the transformer's, which reads the sentence once (on the
    first pair asked) and scores every pair of names whose types allow a label."""
    if isinstance(clf, RelationClassifier):
        def one(a: int, b: int, expected: str) -> tuple[str, float]:
            (hc, ht), (tc, tt) = here[a], here[b]
            return clf.predict(pair_features(doc, _written(doc, hc), _written(doc, tc), ht, tt))
        return one
    if isinstance(clf, Combined):
        read, regression = _scorer(doc, sent, here, clf.encoder), clf.regression

        def mean(a: int, b: int, expected: str) -> tuple[str, float]:
            (hc, ht), (tc, tt) = here[a], here[b]
            p = regression.probabilities(pair_features(doc, _written(doc, hc), _written(doc, tc), ht, tt))
            return expected, (read(a, b, expected)[1] + p.get(expected, 0.0)) / 2
        return mean
    @cache
    def sentence() -> dict[tuple[int, int], float]:
        names = [Name(c.start - sent.start, c.root + 1 - sent.start, ty or "") for c, ty in here]
        pairs = [(i, j, lab) for i, (_, hi) in enumerate(here) for j, (_, tj) in enumerate(here)
                 if i != j and hi in TYPE_WORDS and tj in TYPE_WORDS
                 and (lab := label_of_types().get((hi, tj))) is not None]
        got = clf.probabilities([t.text for t in sent], names, pairs) if pairs else []
        return {(i, j): p for (i, j, _), p in zip(pairs, got)}

    def read(a: int, b: int, expected: str) -> tuple[str, float]:
        return expected, sentence().get((a, b), 0.0)
    return read


def classifier_relations(doc: Doc, ix: EntityIndex, clf: RelationClassifier | EncoderModel | Combined,
                         related: set[tuple[int, int, int]]) -> Iterator[Found]:
    """Model: the trained classifier labels ordered pairs of named entities in a sentence; a label
    above its threshold, on a pair of fitting types, is a relation (confidence = its probability).
    It stays silent on pairs the rules already related, on coordinated pairs, and it takes the
    negation and modality of the verb that links the pair."""
    types = mapping()["entities"]
    props = mapping()["properties"]
    named = [(i, c) for i, c in enumerate(ix.res.candidates)
             if c.kind == "name" and ix.res.of_candidate.get(i) is not None]
    for sent in doc.sents:
        here = [(c, ix.res.of_candidate[i]) for i, c in named if sent.start <= c.start < sent.end]
        if len(here) > MAX_NAMES_FOR_CLASSIFIER:      # a line-up or a list, not a sentence about pairs
            continue
        if sum(t.lower_ in FIXTURE_WORDS for t in sent) >= 2 or sum(t.text == ";" for t in sent) >= 2:
            continue        # fixtures: "Republic of Ireland v France; Cyprus v Switzerland",
                            # lists: "Film - Million Dollar Baby; director - Clint Eastwood; ..."
        score = _scorer(doc, sent, [(c, types.get(ix.etype(k))) for c, k in here], clf)
        for a, (hc, h) in enumerate(here):
            for b, (tc, t) in enumerate(here):
                if h == t or (sent.start, *sorted((h, t))) in related:
                    continue
                if _coordinated(doc[hc.root], doc[tc.root]) or _bracketed_after(doc, hc, tc) \
                        or _renamed(doc, hc, tc) or _ranked(doc, hc) or _ranked(doc, tc):
                    continue
                ht, tt = types.get(ix.etype(h)), types.get(ix.etype(t))
                expected = label_of_types().get((ht, tt))
                if expected is None:
                    continue            # no label relates these types: an organisation and a person, two firms
                if any(ty == "Loc" and (place_stands_for_other(doc[c.root]) or _hyphenated(doc, c))
                       for ty, c in ((ht, hc), (tt, tc))):
                    continue            # a team, a branch, or "US-based": the rules read those
                label, p = score(a, b, expected)
                if label != expected or p < clf.threshold:
                    continue
                if _across_a_quotation(doc, hc, tc):
                    continue            # "'The sale of the US Gaming Division ...,' said Wembley chairman X"
                if label == "Located_In" and not _may_hold(doc, ix, h, t, tc):
                    continue            # "Australia facing South Africa in Durban", "Cardiff at Ewood Park": teams
                if label == "Located_In" and _a_list(doc, ix, hc, h, tc, t):
                    continue            # "Moilanen, Kizys", "Luton, Preston", "Argentina, Venezuela"
                if label == "Located_In" and (_qualifies_a_noun(doc, hc) != _qualifies_a_noun(doc, tc)
                                              or doc[hc.root].dep_ == "poss" or doc[tc.root].dep_ == "poss"
                                              and not placelike(doc[hc.root], ix.etype(h))):
                    continue            # "the UK firm announced a discovery in India", "Ethiopia's X"
                path = _path_between(doc[hc.root], doc[tc.root])
                if not _triggered(doc, hc, tc, label, path):
                    continue
                if label == "OrgBased_In" and any(doc[i].lemma_.lower() in BRANCHES for i in path):
                    continue            # "IBM's production facility in Rochester": a branch, not the seat
                if label == "OrgBased_In" and doc[hc.root].dep_ == "poss" and doc[hc.root].head.i in (
                        tc.root, doc[tc.root].head.i):
                    continue            # "BBC's Network Africa", "Microsoft's Media Center": what it owns
                if label in ("Work_For", "OrgBased_In") and _names_a_product(doc, hc if label == "OrgBased_In" else tc):
                    continue            # "head of the team behind the first Macintosh computer"
                if label == "Work_For" and _qualifies_anothers_role(doc, ix, tc, h):
                    continue            # "Ken Loach ... and former Blur guitarist Graham Coxon"
                if label == "Work_For" and _in_anothers_relative_clause(doc, ix, tc, hc):
                    continue            # "Holmes, Pascoe and Fredericks - who is now an IOC member -"
                if label == "OrgBased_In" and world_region(ix, t):
                    continue            # "head of EA in Europe": a firm's arm in a continent, not its seat
                if label == "OrgBased_In" and home_elsewhere(ix, h, t):
                    continue            # "economist at Lehman Brothers in Tokyo": an office abroad
                if _vetoed(doc, label, path):
                    continue            # "The Lions leave for New Zealand": no seat
                prop = _role_property(doc, path) if label == "Work_For" else None
                link = _lca(doc[hc.root], doc[tc.root])
                verb = link if link is not None and link.pos_ in ("VERB", "AUX") else None
                when = _time_of_pair(doc, sent, hc, tc, path)
                # a verb's modality is its subject's: "X is to succeed Y at the head of Z" says
                # nothing yet to come of Y and Z; "X, who will be Z's manager": the relative clause's
                mood = next((m for v in sorted(path) if doc[v].pos_ in ("VERB", "AUX")
                             and {hc.root, tc.root} & {s.i for s in subjects(doc[v])}
                             and (m := modality(doc[v])) is not None), None)
                yield Found(h, prop or props[label], t, min(hc.start, tc.start), max(hc.end, tc.end),
                            f"classifier:{label}", hc.root, negated(verb) if verb is not None else False,
                            when or mood, hc.root, tc.root, round(p, 3))
