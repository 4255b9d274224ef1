"""Answers kept for a run that do not depend on the order the questions came in.

Following imports, definitions and classes can lead back to a question still being answered (a cycle); it is
answered there by a cut (unknown). An answer that saw a cut, or a depth limit, is true only for the question it
was asked under, so it is kept only until that outermost question is answered; an answer that saw neither is kept
for the run. Each question's kept answer is then the one a run asking it first would get: a second run that reads
part of the project from the result cache (commands/cache.py) asks in another order and must see the same.
(The low points are Tarjan's: a question cut by one further out is as unsettled as that one.)
"""
from __future__ import annotations

from _collections_abc import Callable, Hashable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeVar

    from .reads import Reads

    T = TypeVar("T")


class CycleMemo:
    """One run's answers, shared by every analysis that can lead into another (a cycle may run through all), each
    with what it read (``reads``: each use of a kept answer counts as reading it again)."""

    def __init__(self, reads: Reads) -> None:
        self.reads = reads
        self.done: dict[Hashable, tuple[object, frozenset]] = {}
        self._outermost: dict[Hashable, tuple[object, frozenset]] = {}  # true under the outermost question alone
        self._level: dict[Hashable, int] = {}  # the questions being answered, by how far in they are
        self._lows: list[int] = []  # for each, the outermost question an answer below it was cut at

    def get(self, key: Hashable, answer: Callable[[], T], cut: T) -> T:
        kept = self.done.get(key) or self._outermost.get(key)
        if kept is not None:
            kept_value, kept_read = kept
            self.reads.add(kept_read)
            return kept_value  # type: ignore[return-value]
        if key in self._level:
            self._lows[-1] = min(self._lows[-1], self._level[key])
            return cut
        level = self._level[key] = len(self._lows)
        self._lows.append(level)
        self.reads.begin()
        try:
            value = answer()
        finally:
            read = self.reads.end()
            low = self._lows.pop()
            del self._level[key]
            if not self._lows:
                self._outermost.clear()
        if low >= level:
            self.done[key] = (value, read)
        elif self._lows:
            self._outermost[key] = (value, read)
            self._lows[-1] = min(self._lows[-1], low)
        return value

    def limited(self) -> None:
        """The answer being worked out met a depth limit: it holds only for the question it was asked under."""
        if self._lows:
            self._lows[-1] = -1
