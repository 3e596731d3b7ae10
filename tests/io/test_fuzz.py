"""Fuzz: hostile folders from fixed seeds (tests/fuzz_inputs.py), read and built through the library.
No exception, no hang; every good document stored, every bad one reported with its reason."""
import threading
import time

import pytest

from fuzz_inputs import LIMIT, make_inputs, stored_name
from kg.io.document import ReadProblem
from kg.io.read import read

SOURCES = "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?d nkg:source ?s } }"


def _named(source, problems) -> bool:
    """Whether ``source`` is among the problems' sources, as given or as a document names it."""
    return source in problems or stored_name(source) in problems


def _read_within(seconds, folder):
    """Everything read from ``folder``; a failure if reading raises or blocks for ``seconds``."""
    out = []

    def work():
        try:
            out.append(list(read([folder], max_bytes=LIMIT)))
        except BaseException as exc:    # noqa: BLE001 - handed to the test
            out.append(exc)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(seconds)
    assert out, f"reading {folder} did not finish in {seconds}s"
    assert not isinstance(out[0], BaseException), repr(out[0])
    return out[0]


@pytest.mark.parametrize("seed", range(8))
def test_reading_hostile_folders_accounts_for_every_input(tmp_path, seed):
    inputs = make_inputs(tmp_path / "in", seed)
    items = _read_within(20, tmp_path / "in")
    read_ok = {i.source for i in items if not isinstance(i, ReadProblem)}
    skipped = {i.source: i.message for i in items if isinstance(i, ReadProblem) and i.fatal}
    assert all(skipped.values())
    assert {stored_name(s) for s in inputs.good} <= read_ok
    assert all(_named(s, skipped) for s in inputs.bad), [s for s in inputs.bad if not _named(s, skipped)]
    for source in inputs.either:
        assert stored_name(source) in read_ok or _named(source, skipped)
    assert not read_ok & {stored_name(s) for s in inputs.bad}


def test_building_a_hostile_folder_stores_every_good_document(tmp_path):
    from kg.api import build

    inputs = make_inputs(tmp_path / "in", seed=101)
    started = time.monotonic()
    graph, report = build([tmp_path / "in"], max_bytes=LIMIT)
    try:
        stored = {str(row[0]) for row in graph.query(SOURCES)}
        for fmt in ("trig", "graphml", "jsonld"):
            graph.export(tmp_path / f"out.{fmt}", fmt)
    finally:
        graph.close()
    skipped = {p.source for p in report.problems if p.fatal}
    assert {stored_name(s) for s in inputs.good} <= stored
    assert all(_named(s, skipped) for s in inputs.bad)
    assert all(stored_name(s) in stored or _named(s, skipped) for s in inputs.either)
    assert report.documents == len(stored)
    assert time.monotonic() - started < 120
