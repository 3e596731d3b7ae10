"""Train the relation classifier on CoNLL04 (train split only; the dev split picks C and the threshold).

    kg train conll04 ../shared/data/conll04/conll04_train.json --dev ../shared/data/conll04/conll04_dev.json

needs scikit-learn (``pip install scikit-learn``); the result is ``kg/models/relations.json``.

Learn which of the extractor's values (dates, numbers, groups) CoNLL04 marks as Other, for
``kg eval conll04`` (kg/eval/other.py; the dev split picks C and the threshold); the result is
``kg/models/other.json``:

    kg train other ../shared/data/conll04/conll04_train.json --dev ../shared/data/conll04/conll04_dev.json

Fine-tune the spaCy model's entity recogniser on CoNLL04, rehearsing BBC news (the dev split picks the
epoch); the result is ``kg/models/ner/``, which ``kg/nlp/pipeline.py`` loads over the model's own weights:

    kg train ner ../shared/data/conll04/conll04_train.json --dev ../shared/data/conll04/conll04_dev.json \
        --bbc ../shared/data/news/bbc/
"""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from kg.eval import other
from kg.relations.classify import MODEL_PATH, NONE, RelationClassifier, pair_features
from kg.eval.conll04 import evaluate_conll04, load_records, other_candidates, token_spans
from kg.nlp.pipeline import load_nlp


def gold_spans(rec: dict, doc) -> list:
    """The doc span of each gold entity of a CoNLL04 record, parsed from its tokens joined by single
    spaces (None where spaCy's tokens cannot hold it)."""
    chars = token_spans(rec["tokens"])
    return [doc.char_span(chars[e["start"]][0], chars[e["end"] - 1][1], alignment_mode="expand")
            for e in rec["entities"]]


def examples(records: list[dict]) -> tuple[list[dict[str, float]], list[str]]:
    """Features and labels of every ordered pair of gold entities in every sentence."""
    nlp = load_nlp()
    texts = [" ".join(r["tokens"]) for r in records]
    X, y = [], []
    for rec, doc in zip(records, nlp.pipe(texts, batch_size=64)):
        spans = gold_spans(rec, doc)
        gold = {(r["head"], r["tail"]): r["type"] for r in rec["relations"]}
        for i, hi in enumerate(spans):
            for j, tj in enumerate(spans):
                if i == j or hi is None or tj is None:
                    continue
                X.append(pair_features(doc, hi, tj, rec["entities"][i]["type"], rec["entities"][j]["type"]))
                y.append(gold.get((i, j), NONE))
    return X, y


def fit(X, y, c: float) -> RelationClassifier:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    matrix = vec.fit_transform(X)
    model = LogisticRegression(C=c, max_iter=2000, class_weight=None)
    model.fit(matrix, y)
    names = vec.get_feature_names_out()
    coef, intercept = model.coef_.tolist(), model.intercept_.tolist()
    if len(model.classes_) == 2:          # one row of weights for the second class: a softmax over (0, row)
        coef, intercept = [[0.0] * len(names), coef[0]], [0.0, intercept[0]]
    keep = [j for j in range(len(names)) if any(abs(row[j]) > 1e-3 for row in coef)]
    vocab = {str(names[j]): n for n, j in enumerate(keep)}
    weights = [[round(float(row[j]), 4) for j in keep] for row in coef]
    return RelationClassifier([str(c) for c in model.classes_], vocab, weights,
                              [round(float(b), 4) for b in intercept])


def pick(X, y, grid_c, grid_threshold, dev_score=None, default_threshold: float = 0.5,
         log=print) -> tuple[float, float, float, RelationClassifier]:
    """One model per C of ``grid_c``; with ``dev_score`` (model -> dev F1) the C and threshold that
    score best, else the middle C and ``default_threshold``. Returns (dev F1, C, threshold, model)."""
    best = None
    for c in grid_c if dev_score else grid_c[1:2]:
        model = fit(X, y, c)
        for th in grid_threshold if dev_score else (default_threshold,):
            candidate = replace(model, threshold=th)
            key = 0.0
            if dev_score:
                key = dev_score(candidate)
                log(f"C={c} threshold={th}: dev F1 {key:.3f}")
            if best is None or key > best[0]:
                best = (key, c, th, candidate)
    return best


def _save(model: RelationClassifier, out, meta: dict, score_key: str, started: float, log=print) -> dict:
    path = model.save(out, meta)
    log(f"wrote {path} (C={meta['C']}, threshold={meta['threshold']}, {score_key}={meta[score_key]}) "
        f"in {time.perf_counter() - started:.0f}s")
    return meta


def train_conll04(train: str | Path, dev: str | Path | None = None, out: str | Path = MODEL_PATH,
                  grid_c=(0.3, 1.0, 3.0), grid_threshold=(0.8, 0.85), log=print) -> dict:
    """Fit on ``train``; when ``dev`` is given, pick C and the threshold by dev relation F1.

    Thresholds start at 0.8: on real news a wrong relation costs more than a missing one. At 0.5 the
    classifier made "Masimov killed Nazarbayev" of "Masimov was a close ally of Nazarbayev"; of 17 BBC
    relations it gave with a probability between 0.7 and 0.8, drawn at random, 4 were right
    (bench/RESULTS.md), where CoNLL04 dev loses 0.012 of F1 without them."""
    from kg.extract import Extractor

    started = time.perf_counter()
    X, y = examples(load_records(train))
    log(f"{len(X)} training pairs, {sum(1 for v in y if v != NONE)} related")

    def dev_score(candidate: RelationClassifier) -> float:
        return evaluate_conll04(dev, Extractor(classifier=candidate))[0].relations.f1

    key, c, th, clf = pick(X, y, grid_c, grid_threshold, dev_score if dev else None, grid_threshold[0], log)
    meta = {"train": Path(train).name, "dev": Path(dev).name if dev else None, "C": c, "threshold": th,
            "dev_relation_f1": round(key, 4), "pairs": len(X)}
    return _save(clf, out, meta, "dev_relation_f1", started, log)


# --- CoNLL04's Other ---------------------------------------------------------------------------

def other_examples(records: list[dict], extractions: list) -> tuple[list[dict[str, float]], list[str]]:
    """Features of every candidate span (kg/eval/other.py) of every sentence; labelled Other where the
    gold has an Other of exactly that span."""
    X, y = [], []
    for rec, x in zip(records, extractions):
        gold = {(e["start"], e["end"]) for e in rec["entities"] if e["type"] == "Other"}
        for span, f in other.examples(rec["tokens"], other_candidates(rec["tokens"], x)):
            X.append(f)
            y.append(other.OTHER if span in gold else NONE)
    return X, y


def train_other(train: str | Path, dev: str | Path | None = None, out: str | Path = other.MODEL_PATH,
                grid_c=(0.3, 1.0, 3.0), grid_threshold=(0.3, 0.4, 0.5, 0.6), log=print) -> dict:
    """Fit the Other model on ``train``; when ``dev`` is given, pick C and the threshold by dev
    entity F1 (all types: an Other that overlaps a name is never predicted)."""
    from kg.eval.conll04 import extract_records, score, to_record
    from kg.extract import Extractor

    started = time.perf_counter()
    extractor = Extractor()
    records = load_records(train)
    X, y = other_examples(records, extract_records(records, extractor))
    log(f"{len(X)} candidate spans, {sum(1 for v in y if v != NONE)} of them Other")
    gold = load_records(dev) if dev else []
    dev_x = list(extract_records(gold, extractor))

    def dev_score(candidate: RelationClassifier) -> float:
        return score(gold, [to_record(r["tokens"], x, candidate) for r, x in zip(gold, dev_x)]).entities.f1

    key, c, th, model = pick(X, y, grid_c, grid_threshold, dev_score if dev else None, 0.5, log)
    meta = {"train": Path(train).name, "dev": Path(dev).name if dev else None, "C": c, "threshold": th,
            "dev_entity_f1": round(key, 4), "candidates": len(X)}
    return _save(model, out, meta, "dev_entity_f1", started, log)


# --- the entity recogniser -------------------------------------------------------------------

# labels CoNLL04 never gives as Peop, Loc or Org: the original model's reading of them is kept as gold
KEEP_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "NORP", "LANGUAGE",
               "LAW", "EVENT", "WORK_OF_ART", "PRODUCT"}
CONLL04_LABEL = {"Peop": "PERSON", "Org": "ORG", "Loc": "GPE"}


def _original_ner():
    """The spaCy model as shipped, only its tokenizer and `ner` running."""
    import spacy

    from kg.nlp.pipeline import MODEL
    nlp = spacy.load(MODEL, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    return nlp


def _parts(span) -> list[tuple[int, int]]:
    """A place written "Town , State" as one CoNLL04 Loc is two places, as CoNLL04 itself writes it
    twice as often and as the model reads it: the comma splits the span."""
    parts, start = [], span.start
    for tok in span:
        if tok.text == ",":
            if tok.i > start:
                parts.append((start, tok.i))
            start = tok.i + 1
    if span.end > start:
        parts.append((start, span.end))
    return parts


def conll04_ner_examples(records: list[dict], nlp) -> list:
    """One spaCy Example per CoNLL04 sentence, gold entities in the model's own label scheme.

    Peop -> PERSON (a title before the name stays outside, as the model and OntoNotes have it; the
    extractor puts CoNLL04's titles back), Org -> ORG, Loc -> GPE unless the model read that exact span
    as LOC or FAC ("Lubbock , Texas" is two places, the comma outside both); an Other keeps the model's
    label when the model found that exact span, else its tokens are left unannotated (nothing is taught
    there). Outside the gold entities the model's own dates, numbers, nationalities... are kept and
    everything else is O."""
    from spacy.training import Example

    from kg.entities.mentions import is_honorific

    texts = [" ".join(r["tokens"]) for r in records]
    out = []
    for rec, doc in zip(records, nlp.pipe(texts, batch_size=64)):
        predicted = {(e.start, e.end): e.label_ for e in doc.ents}
        ents, missing, covered = [], set(), set()
        for e, span in zip(rec["entities"], gold_spans(rec, doc)):
            if span is None:
                continue
            covered.update(range(span.start, span.end))
            kind = e["type"]
            for start, end in _parts(span) if kind == "Loc" else [(span.start, span.end)]:
                if kind == "Peop":
                    while start < end - 1 and is_honorific(doc[start]):
                        start += 1
                model_label = predicted.get((start, end))
                if kind == "Other":
                    if model_label is None:
                        missing.update(range(start, end))
                        continue
                    label = model_label
                elif kind == "Loc" and model_label in ("LOC", "FAC"):
                    label = model_label
                else:
                    label = CONLL04_LABEL[kind]
                ents.append((start, end, label))
        for (s, e), label in predicted.items():
            if label in KEEP_LABELS and not covered.intersection(range(s, e)):
                ents.append((s, e, label))
        tags = ["O"] * len(doc)
        for s, e, label in sorted(ents):
            if e - s == 1:
                tags[s] = f"U-{label}"
            else:
                tags[s:e] = [f"B-{label}"] + [f"I-{label}"] * (e - s - 2) + [f"L-{label}"]
        for i in missing:
            tags[i] = "-"
        ref = nlp.make_doc(doc.text)
        out.append(Example.from_dict(ref, {"entities": tags}))
    return out


def bbc_sentences(root: str | Path, seed: int = 0, rehearsal: int = 3000, held_out: int = 500,
                  exclude: set[str] = frozenset()) -> tuple[list[str], list[str]]:
    """Sentences of BBC articles in a seeded order of articles: the first ``rehearsal`` for rehearsal,
    the next ``held_out`` from other articles for measuring what the model forgot. Files named in
    ``exclude`` ("sport/199.txt") are skipped; sentences of fewer than 6 words too."""
    import random
    import spacy

    root = Path(root)
    files = sorted(p for p in root.glob("*/*.txt") if f"{p.parent.name}/{p.name}" not in exclude)
    random.Random(seed).shuffle(files)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    pools: tuple[list[str], list[str]] = ([], [])
    for path in files:
        pool = pools[0] if len(pools[0]) < rehearsal else pools[1]
        if len(pools[1]) >= held_out:
            break
        text = path.read_bytes().decode("utf-8", errors="replace")
        for para in (p.strip() for p in text.split("\n\n")):
            for sent in nlp(" ".join(para.split())).sents:
                if len(sent) >= 6:
                    pool.append(sent.text)
    return pools[0][:rehearsal], pools[1][:held_out]


def rehearsal_examples(texts: list[str], nlp) -> list:
    """The model's own entities on ``texts`` as gold: what it must not forget."""
    from spacy.training import Example

    return [Example(nlp.make_doc(doc.text), doc) for doc in nlp.pipe(texts, batch_size=64)]


def entity_agreement(new: list, old: list, labels=("PERSON", "ORG", "GPE")) -> float:
    """F1 of the entities (span and label, ``labels`` only) of one model's docs against another's."""
    a = {(i, e.start_char, e.end_char, e.label_) for i, d in enumerate(new) for e in d.ents if e.label_ in labels}
    b = {(i, e.start_char, e.end_char, e.label_) for i, d in enumerate(old) for e in d.ents if e.label_ in labels}
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def samples_listed(bench: Path) -> set[str]:
    """Articles the audits of bench/samples-*.txt quote ("business/031.txt"): kept out of training."""
    import re

    found: set[str] = set()
    for path in bench.glob("samples-*.txt"):
        found |= set(re.findall(r"\b([a-z]+/\d+\.txt)", path.read_text(encoding="utf-8")))
    return found


def train_ner(train: str | Path, dev: str | Path, bbc: str | Path, out: str | Path | None = None,
              epochs: int = 20, rehearsal: int = 3000, ratio: float = 2.0, dropout: float = 0.3,
              learn_rate: float = 0.001, batch_size: int = 32, seed: int = 0, held_out: int = 500,
              exclude: set[str] = frozenset(), progress: bool = False, log=print) -> dict:
    """Fine-tune only the model's ``ner`` on CoNLL04 ``train``, rehearsing its own readings of BBC
    sentences; the epoch with the best dev entity F1 of the extractor is written to ``out``.

    Each epoch sees every CoNLL04 sentence and ``ratio`` times as many rehearsal sentences (the pool of
    ``rehearsal`` sentences is walked in a seeded order). Deterministic given ``seed``."""
    import random

    from spacy.util import fix_random_seed, minibatch

    from kg.extract import Extractor

    started = time.perf_counter()
    fix_random_seed(seed)
    original = _original_ner()
    conll = conll04_ner_examples(load_records(train), original)
    pool_texts, held_texts = bbc_sentences(bbc, seed, rehearsal, held_out, exclude)
    pool = rehearsal_examples(pool_texts, original)
    log(f"{len(conll)} CoNLL04 sentences, {len(pool)} rehearsal sentences, {len(held_texts)} held out")

    nlp = _original_ner()
    production = load_nlp().get_pipe("ner")
    shipped = production.to_bytes()
    rng = random.Random(seed)
    order = list(range(len(pool)))
    rng.shuffle(order)
    at, best, history = 0, None, []
    with nlp.select_pipes(enable=["ner"]):
        optimizer = nlp.resume_training()
        optimizer.learn_rate = learn_rate
        epochs_iter = range(1, epochs + 1)
        if progress:
            from tqdm import tqdm
            epochs_iter = tqdm(epochs_iter, unit="epoch", desc="training ner")
        for epoch in epochs_iter:
            n = int(round(ratio * len(conll)))
            picked = [pool[order[(at + k) % len(order)]] for k in range(n)]
            at += n
            batch = conll + picked
            rng.shuffle(batch)
            losses: dict[str, float] = {}
            for b in minibatch(batch, size=batch_size):
                nlp.update(b, drop=dropout, sgd=optimizer, losses=losses)
            with nlp.use_params(optimizer.averages):
                weights = nlp.get_pipe("ner").to_bytes()
            production.from_bytes(weights)
            score, _, _ = evaluate_conll04(dev, Extractor())
            row = {"epoch": epoch, "loss": round(float(losses.get("ner", 0.0)), 1),
                   "entities_f1": round(score.entities.f1, 4), "relations_f1": round(score.relations.f1, 4)}
            history.append(row)
            log(f"epoch {epoch}: loss {row['loss']}, dev entities F1 {row['entities_f1']:.3f}, "
                f"relations F1 {row['relations_f1']:.3f}")
            if best is None or row["entities_f1"] > best[0]["entities_f1"]:
                best = (row, weights)
    row, weights = best
    nlp.get_pipe("ner").from_bytes(weights)
    held_new = list(nlp.pipe(held_texts, batch_size=64))
    held_old = list(original.pipe(held_texts, batch_size=64))
    agreement = entity_agreement(held_new, held_old)
    production.from_bytes(shipped)
    meta = {**row, "bbc_agreement_f1": round(agreement, 4), "seconds": round(time.perf_counter() - started)}
    if out is not None:
        nlp.get_pipe("ner").to_disk(out, exclude=["vocab"])
        log(f"wrote {out} (epoch {row['epoch']}, dev entities F1 {row['entities_f1']:.3f}, "
            f"BBC agreement with the original F1 {agreement:.3f}) in {meta['seconds']}s")
    meta["history"] = history
    meta["held_out"] = held_texts
    return meta
