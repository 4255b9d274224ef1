"""Per-file work spread over processes, results streamed back in order."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence

from .files import SourceError, read_bytes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")
    R = TypeVar("R")
PARALLEL_FROM = 16


def triage(paths: Iterator[str], wanted: Callable[[bytes, str], bool]) -> Iterator[tuple[str, str | None]]:
    """``(path, None)`` for files that may need work, ``(path, error)`` for unreadable ones; the rest are dropped.

    Reading and testing the bytes is cheap and done here, so workers only get files that need parsing.
    """
    for path in paths:
        if path == "-":
            yield path, None
            continue
        try:
            data = read_bytes(path)
        except SourceError as error:
            yield path, str(error)
            continue
        if b"\0" in data or wanted(data, os.path.abspath(path)):
            yield path, None


def map_files(function: Callable[[T], R], items: Sequence[T], jobs: int) -> Iterator[R]:
    """``function`` over ``items`` in order, on ``jobs`` processes when there are enough items to pay for them."""
    if jobs > 1 and len(items) >= PARALLEL_FROM:
        import multiprocessing

        chunk = max(1, min(16, len(items) // (jobs * 8)))
        with multiprocessing.Pool(min(jobs, len(items))) as pool:
            yield from pool.imap(function, items, chunksize=chunk)
    else:
        yield from map(function, items)
