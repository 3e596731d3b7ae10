"""`kg build` over a corpus into a store: the same store from one process or two, nothing parsed
again when nothing changed, an edited article replaced, and a build stopped part-way (Ctrl-C, kill -9)
finished by running it again, with the store it would have had."""
from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from corpus import ARTICLES, kg, make_corpus, nquads, ok, start, stored_count

BUILD = ("build", "news", "--out", "out", "--formats", "nq", "--quiet")
SUMMARY = re.compile(r"^(\d+) documents(?: \((\d+) unchanged, not parsed again\))?, ", re.M)


def counts(result: subprocess.CompletedProcess) -> tuple[int, int]:
    """(documents, unchanged) from the build's summary line."""
    m = SUMMARY.search(result.stdout)
    assert m, result.stdout
    return int(m.group(1)), int(m.group(2) or 0)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The corpus built once, uninterrupted, in one process, batch by batch: (folder, its N-Quads)."""
    cwd = tmp_path_factory.mktemp("reference")
    make_corpus(cwd)
    assert counts(ok(kg(*BUILD, "--store", "store", "--batch", "2", cwd=cwd))) == (ARTICLES, 0)
    return cwd, nquads(cwd / "store", cwd / "store.nq")


def test_two_workers_build_the_same_store_as_one_process(reference, tmp_path):
    """--workers 2 (two processes, batches of 3) stores the very same quads as one process."""
    ref, quads = reference
    shutil.copytree(ref / "news", tmp_path / "news")
    assert counts(ok(kg(*BUILD, "--store", "store", "--workers", "2", "--batch", "3", cwd=tmp_path))) == (ARTICLES, 0)
    assert nquads(tmp_path / "store", tmp_path / "store.nq") == quads
    assert (tmp_path / "out" / "graph.nq").read_bytes() == quads      # the export is the store


# `kg build` in which importing spaCy fails: it may not parse anything
WITHOUT_SPACY = "import sys\nsys.modules['spacy'] = None\nfrom kg.cli import main\nsys.exit(main(sys.argv[1:]))\n"


def test_building_again_parses_nothing_and_changes_nothing(reference, tmp_path):
    """The same build again finds every article unchanged, parses none (spaCy cannot even be
    imported), leaves the store as it was, quad for quad, and the exports as they were."""
    ref, quads = reference
    for folder in ("news", "store", "out"):
        shutil.copytree(ref / folder, tmp_path / folder)
    from corpus import environment
    import sys
    again = ok(subprocess.run([sys.executable, "-c", WITHOUT_SPACY, *BUILD, "--store", "store"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=600, env=environment()))
    assert counts(again) == (ARTICLES, ARTICLES)
    assert nquads(tmp_path / "store", tmp_path / "again.nq") == quads
    assert again.stdout.splitlines()[1:] == [f"unchanged {Path('out') / 'graph.nq'}"]


def test_an_edited_article_alone_is_parsed_again_and_replaces_its_graph(reference, tmp_path):
    """One article edited, one given a date in its metadata: those two are parsed again, the others
    not; the store then holds what a fresh build of the edited corpus holds."""
    ref, _ = reference
    shutil.copytree(ref / "news", tmp_path / "news")
    shutil.copytree(ref / "store", tmp_path / "store")
    edited = tmp_path / "news" / "03.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nTokayev thanked the troops on Friday.\n", encoding="utf-8")
    (tmp_path / "news" / "05.meta.json").write_text('{"date": "2022-01-11"}', encoding="utf-8")
    shutil.copytree(ref / "out", tmp_path / "out")
    rebuilt = ok(kg(*BUILD, "--store", "store", cwd=tmp_path))
    assert counts(rebuilt) == (ARTICLES, ARTICLES - 2)
    assert rebuilt.stdout.splitlines()[1:] == [f"wrote {Path('out') / 'graph.nq'}"]      # the store changed
    ok(kg(*BUILD, "--store", "fresh", cwd=tmp_path))
    assert nquads(tmp_path / "store", tmp_path / "a.nq") == nquads(tmp_path / "fresh", tmp_path / "b.nq")


def interrupted(cwd, how: signal.Signals, *options: str) -> int:
    """`kg build --store store` stopped by ``how`` once it has stored three documents (the store is
    read while the build writes it); returns how many it had stored. Fails if the build ends first."""
    proc = start(*BUILD, "--store", "store", "--batch", "1", *options, cwd=cwd)
    try:
        while stored_count(cwd / "store") < 3:
            try:
                proc.wait(timeout=0.05)      # between two looks at the store: done if the build ended
            except subprocess.TimeoutExpired:
                continue
            pytest.fail(f"the build ended (exit {proc.returncode}) before it was stopped: "
                        f"{(cwd / 'stderr.txt').read_text()}")
        proc.send_signal(how)
        code = proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    err = (cwd / "stderr.txt").read_text()
    if how is signal.SIGINT:
        assert code == 130 and "kg: error: interrupted" in err and "Traceback" not in err, err
    else:
        assert code == -signal.SIGKILL
    return stored_count(cwd / "store")


try:
    import distributed  # noqa: F401
    NO_DASK = ()
except ImportError:
    NO_DASK = pytest.mark.skip(reason="Dask is not installed: pip install 'newskg[dask]'")


@pytest.mark.parametrize("how,options", [
    (signal.SIGINT, ("--workers", "2")), (signal.SIGKILL, ()),
    pytest.param(signal.SIGINT, ("--engine", "dask", "--workers", "2"), marks=NO_DASK)],
    ids=["ctrl-c, two workers", "kill -9", "ctrl-c, dask"])
def test_a_build_stopped_part_way_is_finished_by_running_it_again(reference, tmp_path, how, options):
    """Stopped part-way, the build has stored some documents and not all; run again, it parses only
    the others, and the store is the uninterrupted build's, quad for quad."""
    ref, quads = reference
    shutil.copytree(ref / "news", tmp_path / "news")
    stored = interrupted(tmp_path, how, *options)
    assert 3 <= stored < ARTICLES
    assert counts(ok(kg(*BUILD, "--store", "store", *options, cwd=tmp_path))) == (ARTICLES, stored)
    assert nquads(tmp_path / "store", tmp_path / "store.nq") == quads


@pytest.mark.parametrize("args,message", [
    (("--workers", "0"), "--workers: not a whole number from 1: '0'"),
    (("--batch", "x"), "--batch: not a whole number from 1: 'x'"),
    (("--scheduler", "tcp://127.0.0.1:1"), "--scheduler is for --engine dask"),
])
def test_bad_options_fail_before_any_work(tmp_path, args, message):
    make_corpus(tmp_path, 1)
    result = kg(*BUILD, *args, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_prune_drops_the_documents_of_deleted_files_and_keeps_unreadable_ones(reference, tmp_path):
    """--prune: a deleted article's graph is dropped (without --prune it stays); an article that is
    there but skipped this time (over --max-bytes) keeps the graph it had; the others are untouched."""
    from kg.graph import KnowledgeGraph
    ref, _ = reference
    for folder in ("news", "store"):
        shutil.copytree(ref / folder, tmp_path / folder)
    (tmp_path / "news" / "05.txt").unlink()
    big = tmp_path / "news" / "03.txt"
    big.write_text(big.read_text(encoding="utf-8") * 3, encoding="utf-8")
    limit = str(big.stat().st_size - 1)

    def sources() -> list[str]:
        store = KnowledgeGraph(store=tmp_path / "store", read_only=True)
        try:
            return sorted(Path(d.source).name for d in store.stored_documents())
        finally:
            store.close()
    kept = ok(kg(*BUILD, "--store", "store", "--max-bytes", limit, cwd=tmp_path))
    assert "removed" not in kept.stdout and "05.txt" in sources()
    pruned = ok(kg(*BUILD, "--store", "store", "--max-bytes", limit, "--prune", cwd=tmp_path))
    assert "removed: news/05.txt: the file is gone (--prune)" in pruned.stdout
    assert "skipped: news/03.txt" in pruned.stderr
    assert sources() == [f"{i:02d}.txt" for i in range(ARTICLES) if i != 5]


def test_prune_keeps_a_renamed_file_and_the_lines_a_jsonl_file_still_holds(tmp_path):
    """A document is one text: a file renamed, or a line moved up a .jsonl file, is the same graph,
    read again this build under its new name; --prune keeps it (it dropped both before it decided
    from the store as the build left it)."""
    from kg.graph import KnowledgeGraph
    news = make_corpus(tmp_path, 2)
    lines = [json.dumps({"text": f"Police in Almaty arrested Karim Masimov, report number {i}."}) for i in range(3)]
    (news / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ok(kg(*BUILD, "--store", "store", cwd=tmp_path))
    (news / "00.txt").rename(news / "renamed.txt")
    (news / "feed.jsonl").write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    pruned = ok(kg(*BUILD, "--store", "store", "--prune", cwd=tmp_path))
    store = KnowledgeGraph(store=tmp_path / "store", read_only=True)
    try:
        sources = sorted(d.source for d in store.stored_documents())
    finally:
        store.close()
    assert sources == ["news/01.txt", "news/feed.jsonl#1", "news/feed.jsonl#2", "news/renamed.txt"], pruned.stdout
    assert "removed" not in pruned.stdout     # line 1's old text went with its source's new version


def test_prune_needs_a_store(tmp_path):
    make_corpus(tmp_path)
    result = kg(*BUILD, "--prune", cwd=tmp_path)
    assert result.returncode == 2 and "--prune is for a build into a --store" in result.stderr


def test_prune_drops_a_line_cut_from_the_end_of_a_jsonl_file(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    lines = [json.dumps({"text": f"Police in Almaty arrested Karim Masimov, report number {i}."}) for i in range(3)]
    (news / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ok(kg(*BUILD, "--store", "store", cwd=tmp_path))
    (news / "feed.jsonl").write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    pruned = ok(kg(*BUILD, "--store", "store", "--prune", cwd=tmp_path))
    assert "removed: news/feed.jsonl#3: the line is no longer in the file (--prune)" in pruned.stdout
    assert "2 documents (2 unchanged, not parsed again)" in pruned.stdout and "1 removed from the store" in pruned.stdout
