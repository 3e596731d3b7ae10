"""`--model fast|accurate` (the relation classifier) through real subprocesses: kg build and kg eval
conll04 take it, the accurate model's graph of the seed article validates, and a wrong name is an
argparse error, not a traceback."""
from __future__ import annotations

import json

from conftest import ROOT
from test_cli import failed, kg, ok


def test_build_with_the_accurate_model(tmp_path):
    out = ok(kg("build", "examples/", "--out", tmp_path / "out", "--store", tmp_path / "store", "--model", "accurate",
                "--formats", "trig", cwd=ROOT))
    assert "relations" in out.stdout and (tmp_path / "out" / "graph.trig").is_file()
    ok(kg("validate", tmp_path / "store", cwd=ROOT))


def test_an_unknown_model_is_refused(tmp_path):
    failed(kg("build", "examples/", "--out", tmp_path, "--model", "huge", cwd=ROOT), 2, "invalid choice: 'huge'")


def test_eval_conll04_with_the_accurate_model(tmp_path):
    """Two made-up sentences in CoNLL04's format: the command runs the accurate model and scores."""
    records = [{"tokens": "Anna Berg , a banker at Nordbank , lives in Oslo .".split(),
                "entities": [{"type": "Peop", "start": 0, "end": 2}, {"type": "Org", "start": 6, "end": 7},
                             {"type": "Loc", "start": 10, "end": 11}],
                "relations": [{"type": "Work_For", "head": 0, "tail": 1}, {"type": "Live_In", "head": 0, "tail": 2}]},
               {"tokens": "Turku is a city in Finland .".split(),
                "entities": [{"type": "Loc", "start": 0, "end": 1}, {"type": "Loc", "start": 5, "end": 6}],
                "relations": [{"type": "Located_In", "head": 0, "tail": 1}]}]
    (tmp_path / "few.json").write_text(json.dumps(records), encoding="utf-8")
    out = ok(kg("eval", "conll04", tmp_path / "few.json", "--model", "accurate", "--quiet", cwd=ROOT))
    assert "relations" in out.stdout and "2 sentences" in out.stdout
    failed(kg("eval", "conll04", tmp_path / "few.json", "--encoder", tmp_path, cwd=ROOT), 2, "no encoder.onnx")
