"""The history's arithmetic: which commits become points, the pace over the window and the finish it projects."""
from __future__ import annotations

import math
import re
from _collections_abc import Sequence
from datetime import date, timedelta

from ..commands.git import Commit
from ..records import Record

STEPS = ("commit", "day", "week")
MAX_POINTS = 60  # a longer series is drawn one point per day, then per week
MIN_POINTS = 3  # fewer points, or less than a week between the first and the last: no finish is projected
BURST_SECONDS = 6 * 3600  # commits at most this far apart, 3 or more in a row, are one burst
MOST_OF_IT = 0.8  # a burst that made this share of the window's fall is named beside the pace
SECONDS_PER_WEEK = 7 * 24 * 3600
_RELATIVE = re.compile(r"(\d+)\s*(d|days?|w|weeks?)(\s+ago)?", re.IGNORECASE)
_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ][\d:.+-]*Z?)?")


class Point(Record):
    """The tree of one commit: legacy import statements and files with a legacy reference left."""

    __slots__ = ()
    sha: str
    date: str
    time: int
    subject: str
    statements: int
    files: int

    def __new__(cls, sha: str, date: str, time: int, subject: str, statements: int, files: int) -> Point:
        return tuple.__new__(cls, (sha, date, time, subject, statements, files))


class Pace(Record):
    """How fast the counts fall over the window (negative: they grow), and the window's length in weeks; exact,
    rounded only where printed."""

    __slots__ = ()
    statements_per_week: float
    files_per_week: float
    weeks: float

    def __new__(cls, statements_per_week: float, files_per_week: float, weeks: float) -> Pace:
        return tuple.__new__(cls, (statements_per_week, files_per_week, weeks))


class SinceError(ValueError):
    """A ``--since`` value that is neither a date nor a number of days or weeks."""


def since_date(text: str, today: date) -> date:
    """``--since``: ``YYYY-MM-DD`` (a time after it is ignored), or ``N days`` / ``N weeks`` (``Nd``, ``Nw``,
    ``N weeks ago``) before ``today``."""
    value = text.strip()
    relative = _RELATIVE.fullmatch(value)
    if relative:
        count = int(relative.group(1))
        return today - timedelta(days=count * (7 if relative.group(2)[0].lower() == "w" else 1))
    day = _DAY.fullmatch(value)
    try:
        return date.fromisoformat(day.group(1) if day else value)
    except ValueError:
        raise SinceError(f"--since {text!r}: expected YYYY-MM-DD, N days or N weeks") from None


def step_for(commits: Sequence[Commit], step: str | None) -> str:
    """``step``, or the finest step that keeps the series within ``MAX_POINTS``."""
    if step is not None:
        return step
    if len(commits) <= MAX_POINTS:
        return "commit"
    return "day" if len({c.date for c in commits}) <= MAX_POINTS else "week"


def _bucket(commit: Commit, step: str) -> object:
    if step == "day":
        return commit.date
    return date.fromisoformat(commit.date).isocalendar()[:2]


def thin(commits: Sequence[Commit], step: str) -> list[Commit]:
    """The commits that become points, oldest first: every one, or the last of each day or week."""
    if step == "commit":
        return list(commits)
    last: dict[object, Commit] = {}
    for commit in commits:
        last[_bucket(commit, step)] = commit
    return list(last.values())


def pace(points: Sequence[Point]) -> Pace | None:
    """The net fall per week from the first point to the last; None with fewer than two points in time."""
    if len(points) < 2 or points[-1].time <= points[0].time:
        return None
    weeks = (points[-1].time - points[0].time) / SECONDS_PER_WEEK
    statements = (points[0].statements - points[-1].statements) / weeks
    files = (points[0].files - points[-1].files) / weeks
    return Pace(statements, files, weeks)


def finished_on(points: Sequence[Point]) -> Point | None:
    """The point from which no statement is left, when the last point has none."""
    if not points or points[-1].statements:
        return None
    at = len(points) - 1
    while at > 0 and points[at - 1].statements == 0:
        at -= 1
    return points[at]


def caveat(points: Sequence[Point]) -> str | None:
    """Why no finish is projected although statements are left: the window is too short to project from; None
    when it is long enough, or when the count already reached zero."""
    return None if finished_on(points) is not None else short_window(points)


def short_window(points: Sequence[Point]) -> str | None:
    """Why the window is too short to project from (shorter than a week, or fewer than ``MIN_POINTS`` points);
    None when it is not."""
    if not points:
        return None
    seconds = points[-1].time - points[0].time
    if seconds >= SECONDS_PER_WEEK and len(points) >= MIN_POINTS:
        return None
    window = f"{len(points)} point{'s' if len(points) != 1 else ''} over {_duration(seconds)}"
    return f"{window}: too short a window to project a finish (a week and {MIN_POINTS} points at least)"


def _duration(seconds: float) -> str:
    hours = seconds / 3600
    if hours < 48:
        return f"{hours:.0f} hour{'s' if round(hours) != 1 else ''}"
    days = hours / 24
    return f"{days:.1f} days" if days < 14 else f"{days / 7:.1f} weeks"


def projected_finish(points: Sequence[Point], found: Pace | None) -> date | None:
    """The day the count reaches zero at ``found``'s pace (the last point's date plus the weeks it takes, rounded
    up to a whole day); the day it did when it already has; None when it is not falling or the window is too
    short to project from."""
    done = finished_on(points)
    if done is not None:
        return date.fromisoformat(done.date)
    if found is None or found.statements_per_week <= 0 or short_window(points) is not None:
        return None
    days = points[-1].statements / found.statements_per_week * 7
    return date.fromisoformat(points[-1].date) + timedelta(days=math.ceil(days - 1e-9))


def _change(fall: float, unit: str = " a week") -> str:
    """A fall as the words for it: ``fell by 2.0 a week``, ``grew by 1.0 a week``, ``unchanged`` (a count's
    change, an int, as it is: ``fell by 176``)."""
    if round(fall, 1) == 0:
        return "unchanged"
    size = str(abs(fall)) if isinstance(fall, int) else f"{abs(fall):.1f}"
    return f"{'fell' if fall > 0 else 'grew'} by {size}{unit}"


def burst_note(points: Sequence[Point]) -> str | None:
    """The burst of commits that made most of the window's fall, in words; None when none did."""
    fall = points[0].statements - points[-1].statements if points else 0
    if fall <= 0:
        return None
    best: tuple[int, int, int] | None = None
    first = 0
    for at in range(1, len(points) + 1):
        if at == len(points) or points[at].time - points[at - 1].time > BURST_SECONDS:
            if at - first >= 3:
                before = points[first - 1] if first else points[first]
                made = before.statements - points[at - 1].statements
                if best is None or made > best[0]:
                    best = (made, first, at - 1)
            first = at
    if best is None or best[0] < MOST_OF_IT * fall:
        return None
    made, start, end = best
    hours = _duration(points[end].time - points[start].time)
    return (
        f"note: {made} of the {fall} statements fell in one burst of {end - start + 1} commits in {hours} "
        f"({points[start].date}); the pace spreads it over the whole window"
    )


def summary(points: Sequence[Point]) -> list[str]:
    """The pace and the projected finish in words, each claim with the figures it rests on."""
    if not points:
        return ["no commit in the window"]
    found = pace(points)
    first, last = points[0], points[-1]
    done = finished_on(points)
    short = short_window(points)
    figures = (
        f"({first.statements} -> {last.statements} statements, {first.files} -> {last.files} files, "
        f"{first.date} to {last.date})"
    )
    if found is None:
        lines = ["no pace: the window holds no two points at different times"]
    elif short is not None:
        statements_fell, files_fell = first.statements - last.statements, first.files - last.files
        lines = [f"change: statements {_change(statements_fell, '')}, files {_change(files_fell, '')} {figures}"]
    else:
        statements, files = _change(found.statements_per_week), _change(found.files_per_week)
        lines = [f"pace: statements {statements}, files {files} {figures}"]
        note = burst_note(points)
        lines += [note] if note is not None else []
    if done is not None:
        lines.append(f"finished: no legacy import statement left since {done.date} ({done.sha[:10]})")
        return lines
    finish = projected_finish(points, found)
    if finish is not None:
        lines.append(f"projected finish: {finish.isoformat()} at this pace ({last.statements} statements left)")
    elif short is not None and found is not None:
        lines.append(f"no projected finish: {short}")
    elif found is not None:
        lines.append(
            f"no projected finish: the count is not falling ({first.statements} on {first.date}, "
            f"{last.statements} on {last.date})"
        )
    else:
        lines.append("no projected finish: no pace to project")
    return lines
