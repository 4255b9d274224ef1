"""The history drawn: a burn-down as plain SVG (axes from the data, labels only where they do not collide, a burst
of commits marked as one, the projection dashed with its label apart) and as a mermaid chart for pages that
render one (a CI job summary, a pull request)."""
from __future__ import annotations

from _collections_abc import Sequence
from datetime import date, datetime, timezone

from .chart_layout import Box, Labels, axis_top, bursts, text_width
from .progress import Point

WIDTH, HEIGHT = 800, 440
LEFT, RIGHT, TOP, BOTTOM = 70, 40, 70, 100
TITLE = "Legacy import statements remaining"
SHORT_AXIS = 2 * 24 * 3600  # a window shorter than this has its points labelled by hour (UTC), not by day
DATE_GAP = 24  # the least horizontal distance between two slanted date labels that keeps them apart
SERIES, PROJECTION, BURST = "#1f77b4", "#d62728", "#ff7f0e"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _noon_utc(day: date) -> float:
    return datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc).timestamp()


class _Frame:
    """Where a time and a count are drawn."""

    def __init__(self, points: Sequence[Point], finish: date | None) -> None:
        times = [p.time for p in points] + ([_noon_utc(finish)] if finish is not None else [])
        self.start, self.end = min(times, default=0), max(times, default=0)
        self.top, self.step = axis_top(max((p.statements for p in points), default=0))
        self.inner_w, self.inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(self, time: float) -> float:
        if self.end <= self.start:
            return LEFT + self.inner_w / 2
        return round(LEFT + (time - self.start) / (self.end - self.start) * self.inner_w, 1)

    def y(self, count: float) -> float:
        return round(TOP + self.inner_h - count / self.top * self.inner_h, 1)


def burn_down_svg(points: Sequence[Point], finish: date | None, caveat: str | None = None) -> str:
    """The series as an SVG document; with ``finish`` after the last point, a dashed line down to zero there;
    ``caveat``: why no finish is projected, written under the title."""
    projected = finish is not None and bool(points) and points[-1].statements > 0
    frame = _Frame(points, finish if projected else None)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        f"<title>{TITLE}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
        f'<text class="title" x="{WIDTH / 2}" y="24" text-anchor="middle" font-size="16">{TITLE}</text>',
    ]
    if caveat:
        out.append(f'<text class="caveat" x="{WIDTH / 2}" y="44" text-anchor="middle" fill="#555" '
                   f'font-style="italic">{_escape(caveat)}</text>')
    out += _axes(frame)
    labels = Labels(Box(LEFT, TOP - 14, WIDTH - RIGHT, HEIGHT))
    groups = bursts([frame.x(p.time) for p in points], [p.time for p in points])
    out += _bursts(points, groups, frame, labels)
    xy = [(frame.x(p.time), frame.y(p.statements)) for p in points]
    for (x1, y1), (x2, y2) in zip(xy, xy[1:] or xy):
        labels.reserve_line(x1, y1, x2, y2)
    if points:
        line = " ".join(f"{x},{y}" for x, y in xy)
        out.append(f'<polyline class="series" points="{line}" fill="none" stroke="{SERIES}" stroke-width="2"/>')
    inside = {at for first, last in groups for at in range(first + 1, last)}
    for at, point in enumerate(points):
        radius = 2 if at in inside else 3
        out.append(f'<circle class="point" cx="{frame.x(point.time)}" cy="{frame.y(point.statements)}" '
                   f'r="{radius}" fill="{SERIES}"/>')
    if projected and finish is not None:
        out += _projection(points[-1], finish, frame, labels)
    out += _count_labels(points, inside, frame, labels)
    out += _date_labels(points, inside, frame, finish if projected else None)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _axes(frame: _Frame) -> list[str]:
    zero = frame.y(0)
    out = [
        f'<line class="axis" x1="{LEFT}" y1="{zero}" x2="{WIDTH - RIGHT}" y2="{zero}" stroke="#333"/>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{zero}" stroke="#333"/>',
        f'<text class="axis-label" x="8" y="{TOP - 14}">statements</text>',
    ]
    for value in range(0, frame.top + 1, frame.step):
        at = frame.y(value)
        out.append(f'<line class="grid" x1="{LEFT}" y1="{at}" x2="{WIDTH - RIGHT}" y2="{at}" stroke="#eee"/>')
        out.append(f'<line class="tick" x1="{LEFT - 5}" y1="{at}" x2="{LEFT}" y2="{at}" stroke="#333"/>')
        out.append(f'<text class="count-axis" x="{LEFT - 8}" y="{at + 4}" text-anchor="end">{value}</text>')
    return out


def _bursts(points: Sequence[Point], groups: list[tuple[int, int]], frame: _Frame, labels: Labels) -> list[str]:
    """Each run of commits too close in time to draw apart: a band over their counts and what it was."""
    out = []
    for first, last in groups:
        run = points[first : last + 1]
        left, right = frame.x(run[0].time) - 5, frame.x(run[-1].time) + 5
        high, low = frame.y(max(p.statements for p in run)) - 5, frame.y(min(p.statements for p in run)) + 5
        out.append(f'<rect class="burst" x="{left}" y="{high}" width="{round(right - left, 1)}" '
                   f'height="{round(low - high, 1)}" fill="{BURST}" fill-opacity="0.2" stroke="{BURST}"/>')
        hours = (run[-1].time - run[0].time) / 3600
        span = f"{hours:.0f} hour{'s' if round(hours) != 1 else ''}" if hours >= 1 else "under an hour"
        text = f"{len(run)} commits in {span}: {run[0].statements} -> {run[-1].statements}"
        placed = labels.place_near((left + right) / 2, high - 6, text)
        if placed is not None:
            out.append(f'<text class="burst-label" x="{placed[0]}" y="{placed[1]}" text-anchor="middle" '
                       f'fill="#a0522d">{_escape(text)}</text>')
    return out


def _projection(last: Point, finish: date, frame: _Frame, labels: Labels) -> list[str]:
    """The dashed line to zero at ``finish``; its label in the free corner above the line's end, never on it."""
    fx, zero = frame.x(_noon_utc(finish)), frame.y(0)
    text = f"projected finish {finish.isoformat()}"
    labels.reserve_line(frame.x(last.time), frame.y(last.statements), fx, zero)
    width = text_width(text)
    x, y = WIDTH - RIGHT, TOP + 14  # top right: the line falls towards the bottom right, away from it
    labels.reserve(Box(x - width, y - 12, x, y + 2))
    return [
        f'<line class="projection" x1="{frame.x(last.time)}" y1="{frame.y(last.statements)}" x2="{fx}" '
        f'y2="{zero}" stroke="{PROJECTION}" stroke-width="2" stroke-dasharray="6 4"/>',
        f'<line class="legend" x1="{x - width - 34}" y1="{y - 4}" x2="{x - width - 6}" y2="{y - 4}" '
        f'stroke="{PROJECTION}" stroke-width="2" stroke-dasharray="6 4"/>',
        f'<text class="finish" x="{x}" y="{y}" text-anchor="end" fill="{PROJECTION}">{text}</text>',
    ]


def _count_labels(points: Sequence[Point], inside: set[int], frame: _Frame, labels: Labels) -> list[str]:
    """The counts of the first and last points, then of the points where the count changed, the largest changes
    first, each only where it collides with nothing drawn."""
    if not points:
        return []
    changes = [at for at in range(1, len(points) - 1) if points[at].statements != points[at - 1].statements]
    changes.sort(key=lambda at: -abs(points[at].statements - points[at - 1].statements))
    wanted = [0, *([len(points) - 1] if len(points) > 1 else []), *(at for at in changes if at not in inside)]
    placed = {}
    for rank, at in enumerate(wanted):
        point = points[at]
        found = labels.place_near(frame.x(point.time), frame.y(point.statements) - 8, str(point.statements), rank < 2)
        if found is not None:
            placed[at] = found
    return [
        f'<text class="count" x="{x}" y="{y}" text-anchor="middle">{points[at].statements}</text>'
        for at, (x, y) in sorted(placed.items())
    ]


def _date_labels(points: Sequence[Point], inside: set[int], frame: _Frame, finish: date | None) -> list[str]:
    """Dates under the axis (times, in a window of hours): the first and last points', the finish's, then the
    others that fit, none repeated."""
    if not points:
        return []
    short = points[-1].time - points[0].time < SHORT_AXIS
    zero = frame.y(0)
    changes = [at for at in range(1, len(points) - 1) if points[at].statements != points[at - 1].statements]
    others = [at for at in range(1, len(points) - 1) if at not in changes]
    order = [0, *([len(points) - 1] if len(points) > 1 else []), *changes, *others]
    taken: list[float] = []
    shown: set[str] = set()
    kept = []
    wanted = [(frame.x(_noon_utc(finish)), finish.isoformat(), "finish-date")] if finish is not None else []
    for at in order:
        if at not in inside or at in (0, len(points) - 1):
            text = _when(points[at]) if short else points[at].date
            wanted.append((frame.x(points[at].time), text, "date"))
    for rank, (x, text, kind) in enumerate(wanted):
        forced = rank < (2 if finish is None else 3) and text not in shown
        if text in shown or not forced and any(abs(x - other) < DATE_GAP for other in taken):
            continue
        taken.append(x)
        shown.add(text)
        kept.append((x, kind != "date", text, kind))
    out = [_date_label(x, zero, text, kind) for x, _, text, kind in sorted(kept)]
    if short:
        out.append(f'<text class="axis-note" x="{WIDTH - RIGHT}" y="{HEIGHT - 6}" text-anchor="end" '
                   'fill="#555">times in UTC</text>')
    return out


def _when(point: Point) -> str:
    return datetime.fromtimestamp(point.time, timezone.utc).strftime("%m-%d %H:%M")


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
    top, _ = axis_top(max((p.statements for p in points), default=0))
    return "\n".join([
        "```mermaid",
        "xychart-beta",
        f'    title "{TITLE}"',
        f"    x-axis [{dates}]",
        f'    y-axis "statements" 0 --> {top}',
        f"    line [{counts}]",
        "```",
    ]) + "\n"
