"""bench/turns.py: the sides of a benchmark take turns on every chunk, in a rotating order."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from turns import chunked, take_turns  # noqa: E402


def test_every_side_handles_every_chunk_in_a_rotating_order():
    """Each chunk is handled once by every side per round, and the side that goes first rotates."""
    calls: list[tuple[str, tuple]] = []

    def side(name):
        return lambda docs, texts: calls.append((name, tuple(docs)))

    sides = {name: side(name) for name in ("a", "b", "c")}
    chunks = chunked(list(range(7)), [str(i) for i in range(7)], 3)
    assert [list(d) for d, _ in chunks] == [[0, 1, 2], [3, 4, 5], [6]]
    wall, cpu = take_turns(sides, chunks, rounds=2)
    assert [name for name, _ in calls[:9]] == ["a", "b", "c", "b", "c", "a", "c", "a", "b"]
    assert len(calls) == 18 and calls[9:] == calls[:9]
    assert set(wall) == set(cpu) == {"a", "b", "c"}
    assert all(len(times) == 2 and min(times) >= 0 for times in wall.values())


def test_a_slower_side_is_charged_its_own_time():
    """A side's time is the sum of its own chunks': a side that does more work is charged more."""
    def busy(docs, texts):
        sum(i * i for i in range(200_000))

    wall, cpu = take_turns({"idle": lambda d, t: None, "busy": busy}, chunked([1, 2], ["1", "2"], 1))
    assert wall["busy"][0] > wall["idle"][0] and cpu["busy"][0] > cpu["idle"][0]


def test_progress_sees_every_chunk_as_it_is_handled():
    """The progress wrapper is given each round's chunks and yields them one by one as the sides work,
    so a progress bar moves with the work, not before it."""
    seen: list[int] = []
    handled: list[int] = []

    def progress(chunks):
        for chunk in chunks:
            seen.append(len(handled))
            yield chunk

    take_turns({"a": lambda docs, texts: handled.append(1)}, chunked([1, 2, 3], ["1", "2", "3"], 1), rounds=2,
               progress=progress)
    assert seen == [0, 1, 2, 3, 4, 5]
