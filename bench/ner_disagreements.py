"""Where the fine-tuned entity recogniser and the model as shipped disagree on held-out BBC sentences.

    python bench/ner_disagreements.py [--ner kg/models/ner] [--sample 30] [--seed 5]

The held-out sentences are those `kg train ner` (seed 0) measured agreement on: sentences of BBC
articles not used for rehearsal, nor quoted by bench/samples-*.txt. Prints the agreement F1 per label
(PERSON, ORG, GPE) and a seeded sample of sentences where the two models' entities of those labels
differ, for judging by hand (bench/NER.md).
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.nlp.pipeline import NER_PATH  # noqa: E402
from kg.train.trainers import _original_ner, samples_listed, bbc_sentences, entity_agreement  # noqa: E402

LABELS = ("PERSON", "ORG", "GPE")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ner", default=str(NER_PATH))
    ap.add_argument("--bbc", default=str(ROOT.parent / "shared" / "data" / "news" / "bbc"))
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=5)
    a = ap.parse_args()

    _, held = bbc_sentences(a.bbc, 0, 3000, 500, samples_listed(ROOT / "bench"))
    old_nlp, new_nlp = _original_ner(), _original_ner()
    new_nlp.get_pipe("ner").from_disk(a.ner, exclude=["vocab"])
    old, new = list(old_nlp.pipe(held)), list(new_nlp.pipe(held))
    print(f"{len(held)} held-out sentences; agreement F1 (new against original): "
          f"all three {entity_agreement(new, old, LABELS):.3f}, "
          + ", ".join(f"{lb} {entity_agreement(new, old, (lb,)):.3f}" for lb in LABELS))
    differing = []
    for i, (o, n) in enumerate(zip(old, new)):
        eo = {(e.text, e.label_) for e in o.ents if e.label_ in LABELS}
        en = {(e.text, e.label_) for e in n.ents if e.label_ in LABELS}
        if eo != en:
            differing.append((i, sorted(eo - en), sorted(en - eo)))
    print(f"{len(differing)} sentences differ; sample of {min(a.sample, len(differing))} (seed {a.seed})")
    for k, (i, only_old, only_new) in enumerate(sorted(random.Random(a.seed).sample(
            differing, min(a.sample, len(differing)))), 1):
        fmt = lambda ents: "; ".join(f"{t} [{lb}]" for t, lb in ents) or "-"  # noqa: E731
        print(f"{k}. original: {fmt(only_old)} | new: {fmt(only_new)} | {held[i]}")


if __name__ == "__main__":
    main()
