"""Per-file work spread over processes, results streamed back in order."""
from __future__ import annotations

import gc
import os
import sys
from _collections_abc import Callable, Iterable, Iterator
from itertools import chain, islice

from ..files import MAX_FILE_SIZE, SourceError, read_bytes, read_limit, set_read_limit
from .interruption import ignore_in_worker

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeVar

    from .outcome import Outcome  # noqa: F401 (named in Item's string)

    T = TypeVar("T")
    R = TypeVar("R")
PARALLEL_FROM = 16
# With a weight per item (the bytes of a file to parse), processes start once the items waiting weigh this much:
# on two cores, a backend's 170 candidate files (86 KB) run 1.1x faster in one process, 750 (400 KB) 1.1x slower.
PARALLEL_WEIGHT = 256 * 1024
CHUNK = 4


# A path, why it cannot be read, or the bytes read (or the outcome an earlier run kept: commands/cache.py).
Item = tuple[str, "str | None", "bytes | Outcome | None"]


def triage(
    paths: Iterable[tuple[str, str | None]], wanted: Callable[[bytes, str], bool], limit: int = MAX_FILE_SIZE
) -> Iterator[Item]:
    """Of ``(path, error)`` pairs (as ``iter_paths`` gives them): ``(path, None, bytes)`` for files that may need
    work and ``(path, error, None)`` for unreadable ones; the rest are dropped.

    Reading and testing the bytes is cheap and done here, once: workers get the files that need parsing with
    their bytes (standard input is read by its worker).
    """
    for path, problem in paths:
        if problem or path == "-":
            yield path, problem, None
            continue
        try:
            data = read_bytes(path, limit)
        except SourceError as error:
            yield path, str(error), None
            continue
        if b"\0" in data or wanted(data, path):
            yield path, None, data


def map_files(
    function: Callable[[T], R], items: Iterable[T], jobs: int, weight: Callable[[T], int] | None = None
) -> Iterator[R]:
    """``function`` over ``items`` in order, on ``jobs`` processes once there is enough work to pay for them:
    ``PARALLEL_FROM`` items, or with ``weight``, items weighing ``PARALLEL_WEIGHT``.

    ``items`` is consumed while the processes work, so a slow producer (reading a large tree) overlaps with them.
    """
    pending = iter(items)
    if weight is None:
        first = list(islice(pending, PARALLEL_FROM))
        enough = len(first) == PARALLEL_FROM
    else:
        first, total = [], 0
        for item in pending:
            first.append(item)
            total += weight(item)
            if total >= PARALLEL_WEIGHT:
                break
        enough = total >= PARALLEL_WEIGHT
    if jobs > 1 and enough:
        import multiprocessing

        # The function (rules, target check) goes to each process once, not with every chunk of items.
        with multiprocessing.Pool(jobs, initializer=_install, initargs=(function, read_limit())) as pool:
            yield from pool.imap(_apply, chain(first, pending), chunksize=CHUNK)
    else:
        _WORK[:] = [function]
        enabled = gc.isenabled()
        gc.disable()
        try:
            yield from map(_apply, chain(first, pending))
        finally:
            if enabled:
                gc.enable()


# The cyclic garbage collector, left to itself, walks every large syntax tree several times while it is built
# (a fifth of a run's time); the trees hold no cycles, so a run collects every COLLECT_EVERY files instead.
COLLECT_EVERY = 256
_WORK: list[Callable] = []
_DONE = [0]


def _install(function: Callable, limit: int = MAX_FILE_SIZE) -> None:
    ignore_in_worker()
    set_read_limit(limit)
    sys.stderr = _Orphaned(sys.stderr, os.getppid())  # type: ignore[assignment]
    _WORK[:] = [function]
    gc.disable()


class _Orphaned:
    """A worker's stderr, silent once the main process is gone (killed): the pool's report of the pipe it can no
    longer write to is no one's concern, and would land amid the output of whatever runs next."""

    def __init__(self, stream: object, parent: int) -> None:
        self.stream = stream
        self.parent = parent

    def write(self, text: str) -> int:
        return self.stream.write(text) if os.getppid() == self.parent else len(text)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)


def _apply(item: T) -> R:
    _DONE[0] += 1
    if _DONE[0] % COLLECT_EVERY == 0:
        gc.collect()
    return _WORK[0](item)
