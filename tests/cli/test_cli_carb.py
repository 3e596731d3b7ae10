"""`kg eval carb`, run as a real subprocess on a few sentences of our own (none of CaRB's): the tabbed
file it writes, the gold file it finds beside the sentences, the figures it prints, and its errors."""
from __future__ import annotations

import re
from pathlib import Path

from test_cli import failed, kg, ok
from kg.eval.carb.formats import read_gold, read_tabbed
from kg.eval.carb.score import score

SENTENCES = ["Marie Curie discovered polonium in 1898.", "The ferry was delayed by the storm.",
             "Tom lives in Lisbon with his brother.", "Nobody answered."]
GOLD = ("Marie Curie discovered polonium in 1898.\tdiscovered\tMarie Curie\tpolonium\tin 1898\n"
        "Tom lives in Lisbon with his brother.\tlives in\tTom\tLisbon\twith his brother\n"
        "Tom lives in Lisbon with his brother.\tlives with\tTom\this brother\n")
FIGURES = re.compile(r"^AUC: ([\d.]+)\tOptimal \(precision, recall, F1\): \[([\d.]+) ([\d.]+) ([\d.]+)\]",
                     re.MULTILINE)


def test_extract_write_then_score(tmp_path: Path):
    """Without a gold file it extracts and writes one tuple a line (sentence, confidence, relation, arg1,
    ...); with gold/STEM.tsv beside the sentences it prints CaRB's figures, the same as the library's."""
    (tmp_path / "mine.txt").write_text("\n".join(SENTENCES) + "\n", encoding="utf-8")
    first = ok(kg("eval", "carb", "mine.txt", "--out", "out.tsv", cwd=tmp_path))
    assert "wrote out.tsv" in first.stdout and "AUC" not in first.stdout
    lines = (tmp_path / "out.tsv").read_text(encoding="utf-8").splitlines()
    assert lines
    for line in lines:
        sentence, confidence, relation, *args = line.split("\t")
        assert sentence in SENTENCES and 0 <= float(confidence) <= 1 and relation and args and all(args)
    assert {line.split("\t")[0] for line in lines} >= {SENTENCES[0], SENTENCES[2]}

    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "mine.tsv").write_text(GOLD, encoding="utf-8")
    second = ok(kg("eval", "carb", "mine.txt", "--tabbed", "out.tsv", "--curve", "pr.tsv", cwd=tmp_path))
    assert f"scored against {Path('gold', 'mine.tsv')}" in second.stdout
    expected = score(read_gold(tmp_path / "gold" / "mine.tsv"), read_tabbed(tmp_path / "out.tsv")).rounded()
    (printed,) = FIGURES.findall(second.stdout)
    assert tuple(map(float, printed)) == expected
    assert (tmp_path / "pr.tsv").read_text().startswith("Precision\tRecall\tConfidence\n")


def test_errors_are_one_line(tmp_path: Path):
    """Nothing to do, a missing file, a bad line, two system files: one `kg: error:` line (argparse's
    usage line for the last), no traceback."""
    (tmp_path / "mine.txt").write_text(SENTENCES[0] + "\n", encoding="utf-8")
    failed(kg("eval", "carb", "mine.txt", cwd=tmp_path), 2, "no gold file to score against", "--out")
    failed(kg("eval", "carb", "absent.txt", "--out", "o.tsv", cwd=tmp_path), 2, "no such file: absent.txt")
    (tmp_path / "gold.tsv").write_text(GOLD, encoding="utf-8")
    (tmp_path / "bad.tsv").write_text(SENTENCES[0] + "\thigh\trel\targ\n", encoding="utf-8")
    failed(kg("eval", "carb", "mine.txt", "--gold", "gold.tsv", "--tabbed", "bad.tsv", cwd=tmp_path), 2,
           "bad.tsv:1: the confidence 'high' is not a number")
    failed(kg("eval", "carb", "mine.txt", "--tabbed", "bad.tsv", "--openie5", "bad.tsv", cwd=tmp_path), 2,
           "not allowed with argument")
