"""The training path of the transformer relation classifier (kg/train/encoder.py, `kg train encoder`):
a tiny run on a few made-up sentences, twice, through the command line; and the pure parts
(examples from CoNLL04 records, the threshold search)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("torch", reason="the train extra (torch, transformers) is not installed")

from kg.relations.encoder import EncoderModel, Name  # noqa: E402
from kg.train.encoder import best_threshold, examples  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def _record(text: str, entities: list[tuple[int, int, str]], relations: list[tuple[int, int, str]]) -> dict:
    return {"tokens": text.split(), "entities": [{"type": t, "start": s, "end": e} for s, e, t in entities],
            "relations": [{"type": r, "head": h, "tail": t} for h, t, r in relations]}


FEW = [
    _record("Anna Berg works for Nordbank in Oslo .", [(0, 2, "Peop"), (3, 4, "Org"), (5, 6, "Loc")],
            [(0, 1, "Work_For"), (1, 2, "OrgBased_In")]),
    _record("Carl Dunn , who lives in Lyon , visited Kyoto .", [(0, 2, "Peop"), (6, 7, "Loc"), (10, 11, "Loc")],
            [(0, 1, "Live_In")]),
    _record("Eve Ford shot Gus Hale in 1990 .", [(0, 2, "Peop"), (3, 5, "Peop"), (6, 7, "Other")],
            [(0, 1, "Kill")]),
    _record("Turku is a city in Finland .", [(0, 1, "Loc"), (5, 6, "Loc")], [(0, 1, "Located_In")]),
    _record("The weather was fine .", [], []),
    _record("Ida Moss met Jon Kerr .", [(0, 2, "Peop"), (3, 5, "Peop")], []),
]


def test_examples_are_the_pairs_of_fitting_types():
    types = {("Peop", "Org"): "Work_For", ("Peop", "Loc"): "Live_In", ("Peop", "Peop"): "Kill",
             ("Org", "Loc"): "OrgBased_In", ("Loc", "Loc"): "Located_In"}
    exs = examples(FEW, types)
    assert len(exs) == 5                          # the sentence without names has no pair
    first = exs[0]
    assert first.names == (Name(0, 2, "Peop"), Name(3, 4, "Org"), Name(5, 6, "Loc"))
    assert first.pairs == ((0, 1, "Work_For", True), (0, 2, "Live_In", False), (1, 2, "OrgBased_In", True))
    kill = exs[2]                                 # the Other is not a name of the examples
    assert kill.names == (Name(0, 2, "Peop"), Name(3, 5, "Peop"))
    assert kill.pairs == ((0, 1, "Kill", True), (1, 0, "Kill", False))
    assert exs[3].pairs == ((0, 1, "Located_In", True), (1, 0, "Located_In", False))


@pytest.mark.parametrize("scored, grid, expected", [
    ([(0.9, True), (0.6, False), (0.4, True), (0.1, False)], (0.3, 0.5, 0.7), (0.8, 0.3)),
    ([(0.9, True), (0.6, False), (0.2, False)], (0.3, 0.5, 0.7), (1.0, 0.7)),
    ([(0.1, False)], (0.5,), (0.0, 0.5)),
])
def test_best_threshold(scored, grid, expected):
    assert best_threshold(scored, grid) == expected


def _train(tmp: Path, name: str) -> Path:
    out = tmp / name
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "kg", "train", "encoder", str(tmp / "few.json"), "--folds", "1",
                          "--epochs", "1", "--out", str(out)], capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert f"wrote {out}" in run.stdout
    return out


def test_a_tiny_training_run_makes_a_model_that_loads_and_scores(tmp_path):
    (tmp_path / "few.json").write_text(json.dumps(FEW), encoding="utf-8")
    first, second = _train(tmp_path, "a"), _train(tmp_path, "b")
    assert sorted(p.name for p in first.iterdir()) == ["encoder.onnx", "head.npz", "meta.json", "tokenizer.json"]
    meta = json.loads((first / "meta.json").read_text())
    assert meta["epochs"] == 1 and meta["threshold"] == 0.5 and meta["train"] == "few.json"
    assert meta["encoder_sha256"] == json.loads((second / "meta.json").read_text())["encoder_sha256"]
    assert (first / "head.npz").read_bytes() == (second / "head.npz").read_bytes()
    model = EncoderModel(first)
    words = "Anna Berg works for Nordbank in Oslo .".split()
    probs = model.probabilities(words, [Name(0, 2, "Peop"), Name(3, 4, "Org"), Name(5, 6, "Loc")],
                                [(0, 1, "Work_For"), (1, 2, "OrgBased_In")])
    assert all(0.0 < p < 1.0 for p in probs)


def test_training_without_a_file_or_anything_to_learn_says_so(tmp_path):
    def train(path):
        return subprocess.run([sys.executable, "-m", "kg", "train", "encoder", str(path), "--out", str(tmp_path / "m")],
                              capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    run = train(tmp_path / "none.json")
    assert run.returncode != 0 and "no such file" in run.stderr and "Traceback" not in run.stderr
    (tmp_path / "empty.json").write_text("[]", encoding="utf-8")
    run = train(tmp_path / "empty.json")
    assert run.returncode != 0 and "no sentence with a related pair" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "m").exists()
