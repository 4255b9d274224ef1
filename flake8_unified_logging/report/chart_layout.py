"""The chart's layout arithmetic: the count axis from the data, runs of points too close to draw apart, and
labels placed only where they collide with nothing already drawn."""
from __future__ import annotations

from _collections_abc import Sequence

from ..records import Record
from .progress import BURST_SECONDS

MOST_TICKS = 8  # the count axis has at most this many ticks above zero
BURST_PX = 6.0  # points closer than this along the time axis cannot be told apart
MIN_BURST = 3  # a run of at least this many such points is drawn as one burst
CHAR_W = 7.0  # the width of a character of the 12 px sans-serif labels, a little over its average
PAD = 6.0  # the room left clear around a label
_SAMPLE = 3.0  # a line is tested against a label every this many pixels


class Box(Record):
    """A rectangle: left, top, right, bottom."""

    __slots__ = ()
    left: float
    top: float
    right: float
    bottom: float

    def __new__(cls, left: float, top: float, right: float, bottom: float) -> Box:
        return tuple.__new__(cls, (left, top, right, bottom))

    def overlaps(self, other: Box) -> bool:
        across = self.left < other.right and other.left < self.right
        return across and self.top < other.bottom and other.top < self.bottom

    def holds(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.top <= y <= self.bottom


def axis_top(value: int) -> tuple[int, int]:
    """The count axis for a largest count of ``value``: its top, a tick above ``value`` (700 for 626, 50 for
    40), and the step between ticks (1, 2 or 5 times a power of ten, at most ``MOST_TICKS`` of them)."""
    if value <= 0:
        return 1, 1
    power = 1
    while True:
        for step in (power, 2 * power, 5 * power):
            ticks = value // step + 1
            if ticks <= MOST_TICKS:
                return ticks * step, step
        power *= 10


def bursts(xs: Sequence[float], times: Sequence[int]) -> list[tuple[int, int]]:
    """The first and last index of each run of at least ``MIN_BURST`` commits, each within ``BURST_PX`` of the
    one before it on the chart and within ``BURST_SECONDS`` of it in time (points a day or a week apart are a
    series, however close they are drawn)."""
    found = []
    first = 0
    for at in range(1, len(xs) + 1):
        if at == len(xs) or xs[at] - xs[at - 1] >= BURST_PX or times[at] - times[at - 1] > BURST_SECONDS:
            if at - first >= MIN_BURST:
                found.append((first, at - 1))
            first = at
    return found


def text_width(text: str) -> float:
    return len(text) * CHAR_W


class Labels:
    """What is drawn where, so that a label goes only where it collides with nothing."""

    def __init__(self, bounds: Box) -> None:
        self.bounds = bounds
        self.boxes: list[Box] = []
        self.lines: list[tuple[float, float]] = []  # points along the lines drawn

    def reserve(self, box: Box) -> None:
        self.boxes.append(box)

    def reserve_line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        steps = max(1, int(max(abs(x2 - x1), abs(y2 - y1)) / _SAMPLE))
        self.lines += [(x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps) for i in range(steps + 1)]

    def _free(self, box: Box) -> bool:
        """Whether ``box`` is inside the bounds, ``PAD`` pixels from every label and on no line."""
        padded = Box(box.left - PAD, box.top - PAD, box.right + PAD, box.bottom + PAD)
        inside = self.bounds.holds(box.left, box.top) and self.bounds.holds(box.right, box.bottom)
        return (
            inside
            and not any(padded.overlaps(other) for other in self.boxes)
            and not any(box.holds(x, y) for x, y in self.lines)
        )

    def place_near(self, x: float, y: float, text: str, forced: bool = False) -> tuple[float, float] | None:
        """Where the centred label ``text`` goes, its baseline at ``y`` over ``x`` or under the point there, with
        ``PAD`` pixels clear around it, and reserve it there; None when every place collides (``forced``: the
        first place, whatever it covers)."""
        width = text_width(text)
        for cx, cy in ((x, y), (x, y + 24)):
            box = Box(cx - width / 2, cy - 11, cx + width / 2, cy + 2)
            if self._free(box):
                self.reserve(box)
                return round(cx, 1), round(cy, 1)
        if not forced:
            return None
        left = min(max(x - width / 2, self.bounds.left), self.bounds.right - width)
        self.reserve(Box(left, y - 11, left + width, y + 2))
        return round(left + width / 2, 1), y
