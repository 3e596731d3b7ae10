"""Sides of a benchmark that take turns on every chunk of articles, so the machine's drift slows them alike.

The machine's speed drifts by a third over minutes, more than the margins bench/ measures. Timing one
side after another compares one side's good minutes with another's bad ones; here every side handles
a chunk of a few articles in turn (in an order that rotates from chunk to chunk), and a side's time is
the sum of its chunks'. Used by bench/throughput.py and bench/bbc.py.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence

# a side handles one chunk: the documents as read, and the same documents' cleaned texts
Side = Callable[[Sequence, Sequence[str]], None]


def spacy_sides(nlp, ours: Sequence[str]) -> dict[str, Side]:
    """The two baselines: spaCy alone (our own components disabled) and the whole parse stage."""

    def alone(_, texts: Sequence[str]) -> None:
        with nlp.select_pipes(disable=list(ours)):
            for _ in nlp.pipe(texts, batch_size=16):
                pass

    def parse_stage(_, texts: Sequence[str]) -> None:
        for _ in nlp.pipe(texts, batch_size=16):
            pass

    return {"spaCy alone": alone, "bare spaCy parse": parse_stage}


def chunked(docs: Sequence, texts: Sequence[str], size: int) -> list[tuple[Sequence, Sequence[str]]]:
    """The documents and their texts in chunks of ``size``."""
    return [(docs[i:i + size], texts[i:i + size]) for i in range(0, len(docs), size)]


def take_turns(sides: dict[str, Side], chunks: Sequence[tuple[Sequence, Sequence[str]]], rounds: int = 1,
               progress: Callable[[Sequence], Iterable] = lambda chunks: chunks
               ) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Run every side on every chunk, in a rotating order; returns each side's wall-clock and CPU
    seconds (``time.process_time``) per round. ``progress`` wraps each round's chunks (a progress bar)."""
    names = list(sides)
    wall = {name: [0.0] * rounds for name in names}
    cpu = {name: [0.0] * rounds for name in names}
    for r in range(rounds):
        for k, (chunk_docs, chunk_texts) in enumerate(progress(chunks)):
            turn = k % len(names)
            for name in names[turn:] + names[:turn]:
                t, c = time.perf_counter(), time.process_time()
                sides[name](chunk_docs, chunk_texts)
                wall[name][r] += time.perf_counter() - t
                cpu[name][r] += time.process_time() - c
    return wall, cpu
