"""The history drawn: a burn-down as plain SVG (axes, dates, counts, the projection dashed) and as a mermaid chart
for pages that render one (a CI job summary, a pull request)."""
from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime, timezone

from .progress import Point

WIDTH, HEIGHT = 800, 420
LEFT, RIGHT, TOP, BOTTOM = 70, 40, 50, 90
MAX_DATE_LABELS = 12
MAX_COUNT_LABELS = 30
TITLE = "Legacy import statements remaining"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _top(value: int) -> int:
    """A round upper bound for the count axis: 1, 2 or 5 times a power of ten, at least ``value``."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def _every(count: int, most: int) -> int:
    return max(1, math.ceil(count / most))


def _noon_utc(day: date) -> float:
    return datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc).timestamp()


def burn_down_svg(points: Sequence[Point], finish: date | None) -> str:
    """The series as an SVG document; with ``finish`` after the last point, a dashed line down to zero there."""
    projected = finish is not None and bool(points) and points[-1].statements > 0
    start = points[0].time if points else 0
    end = max([p.time for p in points] + ([_noon_utc(finish)] if projected and finish else []), default=0)
    span = end - start or 1
    top = _top(max((p.statements for p in points), default=0))
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(time: float) -> float:
        return round(LEFT + (time - start) / span * inner_w, 1) if points and end > start else LEFT + inner_w / 2

    def y(count: float) -> float:
        return round(TOP + inner_h - count / top * inner_h, 1)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        f"<title>{TITLE}</title>",
        f'<text class="title" x="{WIDTH / 2}" y="{TOP / 2}" text-anchor="middle" font-size="16">{TITLE}</text>',
        f'<line class="axis" x1="{LEFT}" y1="{y(0)}" x2="{WIDTH - RIGHT}" y2="{y(0)}" stroke="#333"/>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{y(0)}" stroke="#333"/>',
        f'<text class="axis-label" x="{LEFT - 50}" y="{TOP - 12}">statements</text>',
    ]
    for tick in range(5):
        value = top * tick / 4
        label = f"{value:g}"
        out.append(f'<line class="tick" x1="{LEFT - 5}" y1="{y(value)}" x2="{LEFT}" y2="{y(value)}" stroke="#333"/>')
        out.append(f'<text class="count-axis" x="{LEFT - 8}" y="{y(value) + 4}" text-anchor="end">{label}</text>')
    every = _every(len(points), MAX_DATE_LABELS)
    for at, point in enumerate(points):
        if at % every == 0 or at == len(points) - 1:
            out.append(_date_label(x(point.time), y(0), point.date, "date"))
    if points:
        line = " ".join(f"{x(p.time)},{y(p.statements)}" for p in points)
        out.append(f'<polyline class="series" points="{line}" fill="none" stroke="#1f77b4" stroke-width="2"/>')
    every = _every(len(points), MAX_COUNT_LABELS)
    for at, point in enumerate(points):
        px, py = x(point.time), y(point.statements)
        out.append(f'<circle class="point" cx="{px}" cy="{py}" r="3" fill="#1f77b4"/>')
        if at % every == 0 or at == len(points) - 1:
            out.append(f'<text class="count" x="{px}" y="{py - 8}" text-anchor="middle">{point.statements}</text>')
    if projected and finish is not None:
        last = points[-1]
        fx = x(_noon_utc(finish))
        out.append(
            f'<line class="projection" x1="{x(last.time)}" y1="{y(last.statements)}" x2="{fx}" y2="{y(0)}" '
            'stroke="#d62728" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        out.append(_date_label(fx, y(0), finish.isoformat(), "finish-date"))
        out.append(
            f'<text class="finish" x="{fx}" y="{y(0) - 8}" text-anchor="end" fill="#d62728">'
            f"projected finish {finish.isoformat()}</text>"
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _date_label(at_x: float, axis_y: float, text: str, kind: str) -> str:
    below = axis_y + 16
    return (
        f'<text class="{kind}" x="{at_x}" y="{below}" text-anchor="end" '
        f'transform="rotate(-40 {at_x} {below})">{_escape(text)}</text>'
    )


def mermaid(points: Sequence[Point]) -> str:
    """A fenced ```mermaid xychart of the statements left at each point."""
    repeated = len({p.date for p in points}) < len(points)
    dates = ", ".join(f'"{p.date} {p.sha[:7]}"' if repeated else f'"{p.date}"' for p in points)
    counts = ", ".join(str(p.statements) for p in points)
    top = _top(max((p.statements for p in points), default=0))
    return "\n".join([
        "```mermaid",
        "xychart-beta",
        f'    title "{TITLE}"',
        f"    x-axis [{dates}]",
        f'    y-axis "statements" 0 --> {top}',
        f"    line [{counts}]",
        "```",
    ]) + "\n"
