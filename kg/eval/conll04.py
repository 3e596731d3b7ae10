"""Evaluation: the extractor against CoNLL04 (strict micro P/R/F1, as SpERT, TANL and REBEL report it).

The same extractor that serves ``kg build`` runs on every sentence (its tokens joined by single
spaces); entity classes and ontology properties map to CoNLL04 types through the data file
``kg/lexicon/conll04.toml``; dates, numbers and groups the extractor reports as values, which the graph
does not keep, and the names of its other entities become CoNLL04's Other where the model of
``kg/eval/other.py`` says so; predictions are written in the input's JSON format.
"""
from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.eval import other as conll04_other
from kg.relations.classify import RelationClassifier, mapping
from kg.model import Entity, Extraction, Mention
from kg.io.read import make_document


@dataclass(frozen=True)
class PRF:
    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        return (f"{name:<12} P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}  "
                f"({self.tp}/{self.predicted}/{self.gold})")


@dataclass(frozen=True)
class Conll04Score:
    entities: PRF
    relations: PRF
    per_type: dict[str, PRF] = field(default_factory=dict)

    def report(self) -> str:
        lines = [self.per_type[t].line(t) for t in sorted(self.per_type)]
        return "\n".join(lines + [self.entities.line("entities"), self.relations.line("relations")])


def load_records(path: str | Path) -> list[dict]:
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(records, list) or not all(isinstance(r, dict) and "tokens" in r for r in records):
        raise ValueError(f"{path}: expected a JSON list of records with 'tokens' (SpERT format)")
    return records


def token_spans(tokens: list[str]) -> list[tuple[int, int]]:
    """Character offsets of each token in the tokens joined by single spaces."""
    spans, at = [], 0
    for t in tokens:
        spans.append((at, at + len(t)))
        at += len(t) + 1
    return spans


def _to_tokens(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    inside = [i for i, (s, e) in enumerate(spans) if s < end and e > start]
    return (inside[0], inside[-1] + 1) if inside else None


def relation_label(prop: str, head: str, tail: str) -> str | None:
    for row in mapping()["relations"]:
        if prop in row["properties"] and row["head"] == head and row["tail"] == tail:
            return row["label"]
    return None


def to_record(tokens: list[str], x: Extraction, other: RelationClassifier | bool = True) -> dict:
    """One prediction in SpERT format: entities as token spans, relations by entity index. The
    candidates of ``other_candidates`` that ``other`` picks (True: the shipped model of kg/eval/other.py)
    are Other; with ``other=False`` the graph's other entities are Other and nothing else is."""
    spans = token_spans(tokens)
    types = mapping()["entities"]
    entities: list[dict] = []
    index: dict[tuple[int, int], int] = {}

    inside = set(mapping()["names"]["titles_inside"])
    roles = set(mapping()["names"]["roles_inside"])
    dateline = _dateline_line(tokens)

    def add(m: Mention, e: Entity) -> int | None:
        etype = e.etype
        span = _to_tokens(spans, m.start, m.end)
        if span and m.name_start is not None and (tokens[span[0]].lower() not in inside or _qualified(tokens, span[0])):
            span = _to_tokens(spans, *m.name_span)   # "Gov. | James Thompson", but "President Lincoln"
        ctype = types.get(etype)
        if span is None or ctype is None or not _whole_tokens(tokens, spans, span, m):
            return None
        if ctype == "Other" and other is not False:
            return None                              # a candidate for the Other model below
        before = tokens[span[0] - 1] if span[0] > 0 else ""
        if ctype == "Peop" and before.istitle() and before.lower() in roles:
            span = (span[0] - 1, span[1])            # "Actress | Angie Dickinson" (4 times in 6)
        if span[0] > 0 and tokens[span[0] - 1] == "The" and e.name.startswith("The "):
            span = (span[0] - 1, span[1])            # "The Hague", a name with its article (4 times in 4)
        if dateline and ctype == "Loc" and span[1] == len(tokens) - 1:
            span = (span[0], span[1] + 1)            # "ROYAL OAK , Mich ." (12 times in 13)
        elif span[1] - span[0] > 1 and tokens[span[1] - 1] == "." and not dateline:
            span = (span[0], span[1] - 1)            # "Concord , Mass | ." (a sentence's period, 111 times in 127)
        if span not in index:
            index[span] = len(entities)
            entities.append({"type": ctype, "start": span[0], "end": span[1]})
        return index[span]

    for e in x.entities:
        for m in e.mentions:
            if e.named_by(m):   # a name, or "Soviet" for the Soviet Union (a Loc 19 times in 21)
                add(m, e)
    relations, seen = [], set()
    for r in x.relations:
        if r.negated or r.subject_mention is None or r.object_mention is None:
            continue
        sm, om = _named(r.subject, r.subject_mention), _named(r.object, r.object_mention)
        if sm is None or om is None:
            continue                   # CoNLL04 annotates names only, not descriptions or pronouns
        h, t = add(sm, r.subject), add(om, r.object)
        if h is None or t is None or h == t:
            continue
        label = relation_label(r.predicate, entities[h]["type"], entities[t]["type"])
        if label and (label, h, t) not in seen:
            seen.add((label, h, t))
            relations.append({"type": label, "head": h, "tail": t})
    if other is not False:
        values = other_candidates(tokens, x)
        taken = [(e["start"], e["end"]) for e in entities]
        model = None if other is True else other
        for start, end in conll04_other.predict(tokens, values, taken, model):
            entities.append({"type": "Other", "start": start, "end": end})
    return join_birthplaces({"tokens": tokens, "entities": entities, "relations": relations})


def other_candidates(tokens: list[str], x: Extraction) -> list[conll04_other.ValueSpan]:
    """What the Other model chooses from: the extraction's values (dates, numbers, groups) and the names
    of its other entities (products, works, laws, events), as token spans with their labels."""
    spans = token_spans(tokens)
    found = [(v.start, v.end, v.label) for v in x.values]
    found += [(m.start, m.end, e.etype) for e in x.entities if mapping()["entities"].get(e.etype) == "Other"
              for m in e.mentions if m.kind == "name"]
    return [conll04_other.ValueSpan(*span, label) for start, end, label in found
            if (span := _to_tokens(spans, start, end)) is not None]


def _dateline_line(tokens: list[str]) -> bool:
    """A sentence that is only a dateline, "ROYAL OAK , Mich .": a town in capitals, a comma, its state
    and the period, which CoNLL04 then counts as part of the state's name."""
    comma = tokens.index(",") if "," in tokens else -1
    return (0 < comma and len(tokens) - comma <= 4 and tokens[-1] == "."
            and all(t.isupper() or not t.isalpha() for t in tokens[:comma]))


def _whole_tokens(tokens: list[str], spans: list[tuple[int, int]], span: tuple[int, int], m: Mention) -> bool:
    """Whether the mention begins and ends where tokens do, but for a period its last token carries
    ("Boise."): CoNLL04 can only mark whole tokens, and does not mark "Frankfurt-based" or "R-Utah"
    where the graph reads Frankfurt and Utah."""
    last_start, last_end = spans[span[1] - 1]
    rest = tokens[span[1] - 1][max(0, m.end - last_start):] if m.end < last_end else ""
    return spans[span[0]][0] >= m.start and set(rest) <= {"."}


def _named(entity: Entity, mention: Mention) -> Mention | None:
    """The name that stands for a mention in CoNLL04's annotation: the mention itself if it is a name,
    else, for a pronoun ("near her hometown of Belen") or a demonym ("the Haitian Parliament"), the
    entity's nearest name before it in the sentence, or the first after it."""
    if entity.named_by(mention):
        return mention
    if mention.kind not in ("pronoun", "demonym"):
        return None
    names = sorted((m for m in entity.mentions if m.kind == "name"), key=lambda m: m.start)
    before = [m for m in names if m.start < mention.start]
    return before[-1] if before else (names[0] if names else None)


def _qualified(tokens: list[str], i: int) -> bool:
    """Whether the title at ``i`` has a name before it ("US | President Bill Clinton", "Congress |
    President X"): CoNLL04 then leaves the title out of the person's span, 8 times in 9."""
    prev = tokens[i - 1] if i > 1 else ""
    return prev[:1].isupper() and not prev.endswith(".")


def join_birthplaces(rec: dict) -> dict:
    """CoNLL04's convention for a birthplace: "born in North Bend , Ohio" is one Loc span where the
    graph has two places. Two Loc entities separated by a comma, after a word of ``[names]
    birthplace_before`` with a word of ``birthplace_words`` among the ten tokens before it, become one;
    a relation between the two is dropped and relations of either part go to the whole."""
    tokens, entities, names = rec["tokens"], rec["entities"], mapping()["names"]
    words = [t.lower() for t in tokens]
    born, before = set(names["birthplace_words"]), set(names["birthplace_before"])
    starts = {(e["start"], e["type"]): i for i, e in enumerate(entities)}
    target = list(range(len(entities)))        # entity index -> index of the entity it becomes
    for i, e in enumerate(entities):
        s, j = e["start"], starts.get((e["end"] + 1, "Loc"))
        if (e["type"] == "Loc" and j is not None and target[i] == i and words[e["end"]] == "," and s > 0
                and words[s - 1] in before and born.intersection(words[max(0, s - 11):s - 1])):
            e["end"] = entities[j]["end"]
            target[j] = i
    if target == list(range(len(entities))):
        return rec
    kept = [i for i in range(len(entities)) if target[i] == i]
    renumber = {old: new for new, old in enumerate(kept)}
    relations, seen = [], set()
    for r in rec["relations"]:
        h, t = renumber[target[r["head"]]], renumber[target[r["tail"]]]
        if h != t and (r["type"], h, t) not in seen:
            seen.add((r["type"], h, t))
            relations.append({"type": r["type"], "head": h, "tail": t})
    return {"tokens": tokens, "entities": [entities[i] for i in kept], "relations": relations}


def extract_records(records: list[dict], extractor, progress: bool = False) -> Iterable[Extraction]:
    """The extractions of CoNLL04 records, each sentence's tokens joined by single spaces, in order."""
    docs = [make_document(" ".join(r["tokens"]), f"conll04#{i}") for i, r in enumerate(records)]
    results: Iterable[Extraction] = extractor.extract_many(docs, batch_size=64)
    if progress:
        from tqdm import tqdm
        results = tqdm(results, total=len(docs), unit="sent", desc="extracting")
    return results


def predict(records: list[dict], extractor, progress: bool = False,
            other: RelationClassifier | bool = True) -> list[dict]:
    return [to_record(r["tokens"], x, other) for r, x in zip(records, extract_records(records, extractor, progress))]


def _ents(rec: dict) -> list[tuple[int, int, str]]:
    return [(e["start"], e["end"], e["type"]) for e in rec.get("entities", [])]


def _rels(rec: dict) -> set:
    es = _ents(rec)
    return {(r["type"], es[r["head"]], es[r["tail"]]) for r in rec.get("relations", [])}


def score(gold: list[dict], pred: list[dict]) -> Conll04Score:
    """Strict micro scores: an entity counts when span and type are exact; a relation when its type,
    direction and both entities are exact (the rule of ../shared/tools/score_conll04.py)."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold records but {len(pred)} predicted")
    ent, rel = [0, 0, 0], [0, 0, 0]
    per: dict[str, list[int]] = {}
    for g, p in zip(gold, pred):
        ge, pe = set(_ents(g)), set(_ents(p))
        ent[0] += len(ge & pe); ent[1] += len(pe); ent[2] += len(ge)  # noqa: E702
        gr, pr = _rels(g), _rels(p)
        rel[0] += len(gr & pr); rel[1] += len(pr); rel[2] += len(gr)  # noqa: E702
        for t in {r[0] for r in gr | pr}:
            c = per.setdefault(t, [0, 0, 0])
            c[0] += len({r for r in gr & pr if r[0] == t})
            c[1] += len({r for r in pr if r[0] == t})
            c[2] += len({r for r in gr if r[0] == t})
    return Conll04Score(PRF(*ent), PRF(*rel), {t: PRF(*c) for t, c in per.items()})


def evaluate_conll04(path: str | Path, extractor=None, predictions: str | Path | None = None,
                     progress: bool = False, other: RelationClassifier | bool = True
                     ) -> tuple[Conll04Score, float, int]:
    """Score the extractor on a CoNLL04 file; returns the score, seconds taken and sentence count.
    ``other``: as for ``to_record``."""
    from kg.extract import Extractor
    gold = load_records(path)
    extractor = extractor or Extractor()
    started = time.perf_counter()
    pred = predict(gold, extractor, progress, other)
    seconds = time.perf_counter() - started
    if predictions is not None:
        Path(predictions).write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    return score(gold, pred), seconds, len(gold)
