"""`kg build` on hostile input, as a real subprocess: one line per skipped file with its reason, no
traceback, every good document in the exports, and exit 0 unless nothing could be read."""
from __future__ import annotations

import os
from pathlib import Path

from rdflib import Dataset

from fuzz_inputs import LIMIT, make_inputs, stored_name
from kg.export import registry as exporters
from kg.io.document import display
from kg.rdf import iris
from test_cli import failed, kg, ok

GOOD = "Kazakh President Kassym-Jomart Tokayev arrested Karim Masimov in Almaty.\n"


def _sources(export: Path) -> set[str]:
    ds = Dataset()
    ds.parse(export, format="nquads" if export.suffix == ".nq" else "trig")
    return {str(o) for _, _, o, _ in ds.quads((None, iris.NKG.source, None, None))}


def test_fuzz_build_of_a_hostile_folder(tmp_path):
    inputs = make_inputs(tmp_path / "in", seed=7)
    formats = ",".join(exporters.names())
    result = ok(kg("build", "in", "--out", "out", "--max-bytes", str(LIMIT), "--formats", formats, cwd=tmp_path))
    # N-Quads: the TriG writer indents the lines of a literal that holds a newline (a file name here)
    sources = _sources(tmp_path / "out" / "graph.nq")
    lines = result.stderr.splitlines()
    assert all(line.startswith(("skipped: ", "warning: ")) for line in lines), result.stderr
    skipped = {s for line in lines if line.startswith("skipped: ") for s in [line[9:]]}
    relative = lambda s: str(Path(s).relative_to(tmp_path)) if "#" not in s else \
        f"{Path(s.rsplit('#', 1)[0]).relative_to(tmp_path)}#{s.rsplit('#', 1)[1]}"   # noqa: E731

    def named(source: str) -> bool:
        shown = {display(relative(source)), display(stored_name(relative(source)))}
        return any(line.startswith(f"{s}: ") and len(line) > len(s) + 2 for s in shown for line in skipped)

    assert {stored_name(relative(s)) for s in inputs.good} <= sources
    assert [s for s in inputs.bad if not named(s)] == []
    assert all(stored_name(relative(s)) in sources or named(s) for s in inputs.either)
    summary = result.stdout.splitlines()[0]
    assert summary.startswith(f"{len(sources)} documents,") and summary.endswith(f"; {len(skipped)} skipped")
    for suffix in (".trig", ".ttl", ".jsonld", ".graphml", ".html"):
        assert (tmp_path / "out" / f"graph{suffix}").stat().st_size > 0


def test_an_oversized_document_and_a_fifo_do_not_stop_the_build(tmp_path):
    """The issue's case: a file over a million characters and a FIFO beside a good article."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text("Word. " * 170_000)
    (tmp_path / "in" / "good.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    result = ok(kg("build", "in", "pipe.txt", "/dev/zero", "--out", "out", "--max-bytes", "2MB", cwd=tmp_path))
    assert sorted(result.stderr.splitlines()) == [
        "skipped: /dev/zero: not a regular file (a character device)",
        f"skipped: {Path('in', 'long.txt')}: 1,019,999 characters, more than the parser takes (1,000,000): split "
        "the article to read it",
        "skipped: pipe.txt: not a regular file (a FIFO)"]
    assert _sources(tmp_path / "out" / "graph.trig") == {str(Path("in", "good.txt"))}


def test_the_size_limit_can_be_lowered_and_is_checked(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    result = kg("build", "good.txt", "--out", "out", "--max-bytes", "10", cwd=tmp_path)
    failed(result, 1, "skipped: good.txt: 73 bytes, over the size limit of 10 (--max-bytes)",
           "no document could be read")
    failed(kg("build", "good.txt", "--out", "out", "--max-bytes", "lots", cwd=tmp_path), 2,
           "not a size in bytes: 'lots'")


def test_a_folder_of_nothing_readable_says_what_it_passed_over(tmp_path):
    (tmp_path / "in").mkdir()
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    (tmp_path / "in" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    failed(kg("build", "in", "--out", "out", cwd=tmp_path), 2, f"skipped: {Path('in', 'pipe.txt')}: not a regular "
           "file (a FIFO)", f"skipped: {Path('in', 'gone.txt')}: a link to", "no .txt, .html or .jsonl files found")
