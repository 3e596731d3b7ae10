"""The dateline rule: "DAYTON, Ohio (AP) _", "Moscow March 5 (ITAR-TASS) --"."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.entities.index import PLACES, EntityIndex
from kg.lexicon.gazetteer import ORG_CLASSES
from kg.relations.found import Found, lexicon
from kg.relations.registry import Name, relation_rule


@relation_rule(order=130, names=(Name("dateline", 0.8, descriptive=True),),
               reads=("relations.dateline",))
def dateline_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: a sentence that opens with places (and a date) then an organisation is a dateline: the
    agency reported from the places ("DAYTON, Ohio (AP) _", "Moscow March 5 (ITAR-TASS) --")."""
    table = lexicon()["dateline"]
    for sent in doc.sents:
        places: list[tuple[int, int]] = []
        i = sent.start
        while i < min(sent.end, sent.start + 15):
            tok = doc[i]
            k = ix.by_token.get(i)
            if k is not None and ix.etype(k) in PLACES:
                if not places or places[-1][0] != k:
                    places.append((k, i))
            elif k is not None and ix.etype(k) in ORG_CLASSES and places:
                end = i
                while end < sent.end and ix.by_token.get(end) == k:
                    end += 1
                if end == sent.end or doc[end].lower_ in table["after"]:
                    for p, p_tok in places:
                        yield Found(k, "reportedFrom", p, sent.start, end, "dateline", i,
                                    subject_token=i, object_token=p_tok)
                    for (a, a_tok), (b, b_tok) in zip(places, places[1:]):   # "DAYTON, Ohio": in Ohio
                        if doc[b_tok - 1].text == "," and ix.by_token.get(b_tok - 2) == a and \
                                ix.etype(a) != "Country" and ix.etype(b) in ("Country", "Region"):
                            yield Found(a, "locatedIn", b, a_tok, b_tok + 1, "dateline", b_tok - 1,
                                        subject_token=a_tok, object_token=b_tok)
                break
            elif not (tok.lower_ in table["fillers"] or tok.ent_type_ in ("DATE", "TIME") or tok.like_num):
                break
            i += 1
