"""Dump samples for audits by hand: pronoun resolutions and random relations, reproducibly.

    .venv/bin/python bench/audit.py pronouns --sample 20 [--seed 7]   # the seed article + 20 BBC articles
    .venv/bin/python bench/audit.py triples --sample 50 [--seed 7]    # 50 random relations from BBC articles
    .venv/bin/python bench/audit.py triples --sample 30 --seed 101 --rule classifier --confidence 0.7:0.87
    .venv/bin/python bench/audit.py triples --sample 50 --seed 7 --model accurate   # the transformer classifier
    .venv/bin/python bench/audit.py events --sample 50 --seed 19      # one event from each of 50 random articles

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

from kg.io.clean import clean  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.io.read import ReadProblem, read  # noqa: E402
from kg.model import RELATION_MODELS  # noqa: E402

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


def triples(files: list[Path], sample: int, seed: int, rule: str = "", band: tuple[float, float] = (0.0, 2.0),
            model: str = "fast") -> None:
    """A random sample of the relations of these articles, in article order; only those whose rule
    starts with ``rule`` and whose confidence lies in ``band`` (low included, high excluded); the
    relation classifier of ``model`` (fast, accurate)."""
    ex = Extractor(model=model)
    docs = [d for d in read(files) if not isinstance(d, ReadProblem)]
    rows = []
    for x in ex.extract_many(docs):
        for r in x.relations:
            if r.provenance.rule.startswith(rule) and band[0] <= r.provenance.confidence < band[1]:
                rows.append((x.document.source, r))
    rng = random.Random(seed)
    picked = sorted(rng.sample(range(len(rows)), min(sample, len(rows))))
    which = f" (rule {rule!r}, confidence {band[0]}-{band[1]})" if rule or band != (0.0, 2.0) else ""
    print(f"{len(rows)} relations{which} in {len(docs)} articles ({len(rows) / max(1, len(docs)):.2f} an article), "
          f"model {model}; sample of {len(picked)} (seed {seed})")
    for k, i in enumerate(picked, 1):
        src, r = rows[i]
        status = "fact" if r.is_fact else ("claimed" if r.claim else "negated" if r.negated else f"modal:{r.modality}")
        print(f"{k}. {Path(src).parent.name}/{Path(src).name}: {r.subject.name} -{r.predicate}-> {r.object.name} "
              f"[{status}; {r.provenance.rule}; {r.provenance.confidence}] | {r.provenance.sentence.text}")


HELD_OUT = {"business/347", "business/023", "business/402", "business/459", "tech/267", "tech/062", "tech/262",
            "entertainment/103", "entertainment/202", "entertainment/178"}     # bench/gold/README.md


def _roles(ev) -> str:
    parts = []
    for a in ev.arguments:
        who = a.entity.name if a.entity is not None else f"[{a.group.kind}] {a.group.label}" if a.group else None
        parts.append(f"{a.role}={who or repr(a.text)}")
    if ev.place is not None:
        parts.append(f"place={ev.place.name}")
    return "; ".join(parts)


def events(files: list[Path], sample: int, seed: int) -> None:
    """One random event from each of ``sample`` random articles (the held-out gold articles left out;
    an article with no event is passed over for the next one drawn)."""
    rng = random.Random(seed)
    pool = [f for f in files if f"{f.parent.name}/{f.stem}" not in HELD_OUT]
    rng.shuffle(pool)
    ex, rows, seen = Extractor(), [], 0
    for doc in read(pool):
        if isinstance(doc, ReadProblem):
            continue
        seen += 1
        x = ex.extract(doc)
        if x.events:
            rows.append((doc.source, rng.choice(x.events)))
        if len(rows) == sample:
            break
    print(f"{len(rows)} events, one from each of {len(rows)} of {seen} random articles (seed {seed})")
    for k, (src, ev) in enumerate(rows, 1):
        status = "asserted" if ev.asserted else "claimed" if ev.claim else "negated" if ev.negated \
            else f"modal:{ev.modality}"
        print(f"{k}. {Path(src).parent.name}/{Path(src).name}: {ev.etype} ({ev.phrase}) {_roles(ev)} [{status}]"
              f" | {ev.provenance.sentence.text}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("pronouns", "triples", "events"))
    ap.add_argument("--sample", type=int, default=20)
    ap.add_argument("--articles", type=int, default=0,
                    help="triples: draw this many BBC articles (with --seed, the held-out gold's left out) "
                         "instead of reading all")
    ap.add_argument("--model", choices=RELATION_MODELS, default="fast", help="triples: the relation classifier")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rule", default="", help="triples: only rules starting with this ('classifier', 'verb')")
    ap.add_argument("--confidence", default="0:2", metavar="LOW:HIGH",
                    help="triples: only confidences from LOW (included) to HIGH (excluded), e.g. 0.7:0.8")
    a = ap.parse_args()
    low, _, high = a.confidence.partition(":")
    files = bbc_files()
    rng = random.Random(a.seed)
    if a.what == "events":
        events(files, a.sample, a.seed)
    elif a.what == "pronouns":
        pronouns([SEED] + sorted(rng.sample(files, a.sample)))
    else:
        if a.articles:
            files = sorted(rng.sample([f for f in files if f"{f.parent.name}/{f.stem}" not in HELD_OUT], a.articles))
        triples(files, a.sample, a.seed, a.rule, (float(low or 0), float(high or 2)), a.model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
