"""The transformer relation classifier's run-time half (kg/relations/encoder.py): how a sentence is
marked, which pieces a pair is read from, and the shipped model's loading, determinism and speed."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from kg.relations.encoder import MODEL_DIR, EncoderModel, Name, mark, marked_words, pair_inputs, tokenizer_at

WORDS = "Bill Gates founded Microsoft in Albuquerque .".split()
NAMES = [Name(0, 2, "Peop"), Name(3, 4, "Org"), Name(5, 6, "Loc")]


@pytest.mark.parametrize("words, names, marked, opens, closes", [
    (WORDS, NAMES,
     "@ * person * Bill Gates @ founded @ * organization * Microsoft @ in @ * location * Albuquerque @ .",
     [0, 8, 15], [6, 13, 20]),
    # names given out of order are marked in the order of the text
    (WORDS, NAMES[::-1],
     "@ * location * Albuquerque @ .".join(["@ * person * Bill Gates @ founded @ * organization * Microsoft @ in ", ""]),
     [15, 8, 0], [20, 13, 6]),
    # a name overlapping an earlier one is not marked
    (WORDS, [Name(0, 2, "Peop"), Name(1, 3, "Org")], "@ * person * Bill Gates @ founded Microsoft in Albuquerque .",
     [0, None], [6, None]),
    # a type outside CoNLL04's three is "other"; an empty or out-of-range name is left out
    ("He met Kofi Annan .".split(), [Name(2, 4, "Other"), Name(3, 3, "Peop"), Name(4, 9, "Loc")],
     "He met @ * other * Kofi Annan @ .", [2, None, None], [8, None, None]),
])
def test_marked_words(words, names, marked, opens, closes):
    out, o, c = marked_words(words, names)
    assert " ".join(out) == marked.replace("  ", " ").strip()
    assert (o, c) == (opens, closes)


def test_pieces_of_a_pair():
    tok = tokenizer_at(_folder())
    m = mark(tok, WORDS, NAMES)
    assert tok.id_to_token(m.ids[0]) == "[CLS]" and tok.id_to_token(m.ids[-1]) == "[SEP]"
    assert all(tok.id_to_token(m.ids[p]) == "@" for p in (*m.opens, *m.closes))
    oh, ot, lo, hi = pair_inputs(m, 0, 1)
    assert (oh, ot) == (m.opens[0], m.opens[1])
    assert [tok.id_to_token(i) for i in m.ids[lo:hi]] == ["founded"]
    assert pair_inputs(m, 1, 0) == (m.opens[1], m.opens[0], lo, hi)       # the same words between


def test_cut_sentences_lose_their_late_names():
    tok = tokenizer_at(_folder())
    words = ["word"] * 300 + ["Paris"]
    m = mark(tok, words, [Name(0, 1, "Peop"), Name(300, 301, "Loc")], max_pieces=64)
    assert len(m.ids) == 64 and tok.id_to_token(m.ids[-1]) == "[SEP]"
    assert m.opens[0] is not None and m.opens[1] is None
    assert pair_inputs(m, 0, 1) is None


def _folder() -> Path:
    if not (MODEL_DIR / "encoder.onnx").is_file():
        pytest.fail(f"the shipped encoder model is missing: {MODEL_DIR}")
    return MODEL_DIR


def test_shipped_model_loads_and_is_deterministic():
    model = EncoderModel(_folder())
    assert 0.0 < model.threshold < 1.0 and model.meta["encoder_sha256"]
    pairs = [(0, 1, "Work_For"), (1, 2, "OrgBased_In"), (0, 2, "Live_In"), (2, 1, "Located_In")]
    first = model.probabilities(WORDS, NAMES, pairs)
    again = EncoderModel(_folder()).probabilities(WORDS, NAMES, pairs)
    assert first == again and all(0.0 <= p <= 1.0 for p in first)
    assert len(set(first)) > 1                   # the pairs are told apart


def test_shipped_model_reads_a_sentence_at_the_speed_of_the_parser():
    """One encoder pass per sentence costs about what spaCy's whole pipeline costs on the same
    sentence (0.4-0.7 of it, measured in bench/); here at most three times, to stay clear of noise."""
    from kg.nlp.pipeline import load_nlp

    model, nlp = EncoderModel(_folder()), load_nlp()
    texts = [f"{w} met Tony Blair in London on Monday , the {w} said ." for w in
             ("minister", "union", "mayor", "court", "police", "school", "bank", "club")] * 4
    nlp(texts[0]), model.probabilities(WORDS, NAMES, [(0, 1, "Work_For")])        # warm up
    t = time.perf_counter()
    list(nlp.pipe(texts))
    parse = time.perf_counter() - t
    t = time.perf_counter()
    for text in texts:
        model.probabilities(text.split(), [Name(2, 4, "Peop"), Name(5, 6, "Loc")], [(0, 1, "Live_In")])
    encode = time.perf_counter() - t
    assert encode < 3 * parse, (encode, parse)


def test_the_accurate_model_is_the_mean_of_both_classifiers():
    """The accurate model's probability of a pair is the mean of the transformer's and the logistic
    regression's for the label the pair's types allow."""
    from kg.extract import accurate_model
    from kg.nlp.pipeline import load_nlp
    from kg.relations.classify import pair_features
    from kg.relations.pairs import _scorer

    class Cand:                                   # what _scorer reads of a candidate
        def __init__(self, start: int, end: int) -> None:
            self.start, self.end, self.root = start, end, end - 1

    model = accurate_model()
    doc = load_nlp()("Arun Sarin , the chief executive of Vodafone , lives in London .")
    sent = next(doc.sents)
    here = [(Cand(0, 2), "Peop"), (Cand(7, 8), "Org"), (Cand(11, 12), "Loc")]
    score = _scorer(doc, sent, here, model)
    enc = model.encoder.probabilities([t.text for t in sent], [Name(0, 2, "Peop"), Name(7, 8, "Org"), Name(11, 12, "Loc")],
                                      [(0, 1, "Work_For"), (0, 2, "Live_In")])
    for (a, b, label), p_enc in zip([(0, 1, "Work_For"), (0, 2, "Live_In")], enc):
        p_lr = model.regression.probabilities(pair_features(doc, doc[here[a][0].start:here[a][0].end],
                                                            doc[here[b][0].start:here[b][0].end],
                                                            here[a][1], here[b][1]))[label]
        assert score(a, b, label) == (label, pytest.approx((p_enc + p_lr) / 2))
    assert 0.0 < model.threshold < 1.0


def test_a_missing_accurate_model_is_a_clear_error(tmp_path):
    from kg.extract import accurate_model

    for name in ("encoder.onnx", "head.npz", "tokenizer.json"):
        (tmp_path / name).write_bytes((_folder() / name).read_bytes())
    meta = {k: v for k, v in EncoderModel(_folder()).meta.items() if k != "combined_threshold"}
    (tmp_path / "meta.json").write_text(__import__("json").dumps(meta))
    with pytest.raises(ValueError, match="meta.json has no combined_threshold"):
        accurate_model(tmp_path)
    with pytest.raises(ValueError, match="accurate model is not installed"):
        accurate_model(tmp_path / "nothing-here")
