"""Reading a sequence left to right, one find at a time: what a reader finds at a position and where
it goes on from (the amounts of a sentence, the runs of office words of a doc)."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def scan(length: int, read: Callable[[int], tuple[T | None, int] | None]) -> list[T]:
    """Every item ``read`` finds over positions 0 .. length-1: ``read(i)`` gives the item found at i (or
    None) and the position after what it read, or None to move one position on."""
    out: list[T] = []
    i = 0
    while i < length:
        found = read(i)
        if found is None:
            i += 1
            continue
        item, i = found[0], max(found[1], i + 1)
        if item is not None:
            out.append(item)
    return out
