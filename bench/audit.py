"""Dump samples for audits by hand: pronoun resolutions and random relations, reproducibly.

    .venv/bin/python bench/audit.py pronouns --sample 20 [--seed 7]   # the seed article + 20 BBC articles
    .venv/bin/python bench/audit.py triples --sample 50 [--seed 7]    # 50 random relations from BBC articles

Prints one numbered row per item (article, sentence, what was extracted), for a person to mark right
or wrong; the verdicts go to bench/RESULTS.md with the command that made the sample.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import re  # noqa: E402

from kg.clean import clean  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.read import ReadProblem, read  # noqa: E402

PERSON_PRONOUN = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.I)
BBC = ROOT.parent / "shared" / "data" / "news" / "bbc"
SEED = ROOT / "examples" / "seed.txt"


def bbc_files() -> list[Path]:
    return sorted(p for p in BBC.rglob("*.txt") if p.name != "README.TXT")


def pronouns(files: list[Path]) -> None:
    ex = Extractor()
    docs = [d for d in read(files) if not isinstance(d, ReadProblem)]
    n = total = 0
    for x in ex.extract_many(docs):
        total += len(PERSON_PRONOUN.findall(clean(x.document.text).text))
        print(f"\n## {Path(x.document.source).relative_to(ROOT.parent) if ROOT.parent in Path(x.document.source).resolve().parents else x.document.source}")
        for e in x.entities:
            for m in e.mentions:
                if m.kind != "pronoun":
                    continue
                n += 1
                sent = x.sentences[m.sentence].text if m.sentence < len(x.sentences) else ""
                print(f"{n}. '{x.document.text[m.start:m.end]}' -> {e.name}  | {sent}")
    print(f"\n{n} of {total} third-person singular pronouns (he, him, his, she, her...) resolved")


def triples(files: list[Path], sample: int, seed: int) -> None:
    ex = Extractor()
    docs = [d for d in read(files) if not isinstance(d, ReadProblem)]
    rows = []
    for x in ex.extract_many(docs):
        for r in x.relations:
            rows.append((x.document.source, r))
    rng = random.Random(seed)
    picked = sorted(rng.sample(range(len(rows)), min(sample, len(rows))))
    print(f"{len(rows)} relations in {len(docs)} articles; sample of {len(picked)} (seed {seed})")
    for k, i in enumerate(picked, 1):
        src, r = rows[i]
        status = "fact" if r.is_fact else ("claimed" if r.claim else "negated" if r.negated else f"modal:{r.modality}")
        print(f"{k}. {Path(src).parent.name}/{Path(src).name}: {r.subject.name} -{r.predicate}-> {r.object.name} "
              f"[{status}; {r.provenance.rule}; {r.provenance.confidence}] | {r.provenance.sentence.text}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("pronouns", "triples"))
    ap.add_argument("--sample", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    files = bbc_files()
    rng = random.Random(a.seed)
    if a.what == "pronouns":
        pronouns([SEED] + sorted(rng.sample(files, a.sample)))
    else:
        triples(files, a.sample, a.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
