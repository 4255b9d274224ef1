"""Per-file work spread over processes, results streamed back in order."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice

from .files import SourceError, read_bytes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")
    R = TypeVar("R")
PARALLEL_FROM = 16
CHUNK = 4


def triage(
    paths: Iterable[tuple[str, str | None]], wanted: Callable[[bytes, str], bool]
) -> Iterator[tuple[str, str | None]]:
    """Of ``(path, error)`` pairs (as ``iter_paths`` gives them): ``(path, None)`` for files that may need work and
    ``(path, error)`` for unreadable ones; the rest are dropped.

    Reading and testing the bytes is cheap and done here, so workers only get files that need parsing.
    """
    for path, problem in paths:
        if problem or path == "-":
            yield path, problem
            continue
        try:
            data = read_bytes(path)
        except SourceError as error:
            yield path, str(error)
            continue
        if b"\0" in data or wanted(data, path):
            yield path, None


def map_files(function: Callable[[T], R], items: Iterable[T], jobs: int) -> Iterator[R]:
    """``function`` over ``items`` in order, on ``jobs`` processes once there are enough items to pay for them.

    ``items`` is consumed while the processes work, so a slow producer (reading a large tree) overlaps with them.
    """
    pending = iter(items)
    first = list(islice(pending, PARALLEL_FROM))
    if jobs > 1 and len(first) == PARALLEL_FROM:
        import multiprocessing

        with multiprocessing.Pool(jobs) as pool:
            yield from pool.imap(function, chain(first, pending), chunksize=CHUNK)
    else:
        yield from map(function, chain(first, pending))
