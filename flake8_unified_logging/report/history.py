"""``report --history N`` / ``--since DATE``: the branch's commits read straight from git (no checkout), each file
version analysed once; the series with its pace and projected finish, as a table, markdown with a mermaid chart,
JSON, and an SVG burn-down (``--chart``)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from _collections_abc import Sequence
from datetime import date
from _functools import partial

from ..commands import git
from ..commands.parallel import map_files
from ..files import SourceError, shown, write_atomic
from ..records import Record
from ..rules import RuleSet
from ..source.origin import Origin, origin_in_listing
from .chart import burn_down_svg, mermaid
from .counts import ALL_RULES, STATEMENT_COLUMNS, FileResult, analyze, bar, simple_table
from .progress import Point, SinceError, caveat, pace, projected_finish, since_date, step_for, summary, thin

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..commands.store import KeptValues

HISTORY_VERSION = 1


class Tally(Record):
    """A file version's legacy import statements, and whether any legacy reference is left in it (kept between
    runs as a plain pair)."""

    __slots__ = ()
    statements: int
    left: bool

    def __new__(cls, statements: int, left: bool) -> Tally:
        return tuple.__new__(cls, (statements, left))


def _analyze_blob(rules: RuleSet, adoption: RuleSet, item: tuple[str, bytes, Origin]) -> FileResult:
    path, data, origin = item
    return analyze(path, data, rules, adoption, origin)


def _tally(result: FileResult) -> Tally:
    mine = [(column, n) for (rule, column), n in result.counts.items() if rule == ALL_RULES and n]
    return Tally(sum(n for column, n in mine if column in STATEMENT_COLUMNS), bool(mine))


def wants_history(args: argparse.Namespace) -> bool:
    return args.history is not None or args.since is not None


def _error(message: str) -> int:
    sys.stderr.write(f"unified-logging: error: {message}\n")
    return 2


def run_history(
    args: argparse.Namespace, rules: RuleSet, today: date | None = None, kept: KeptValues | None = None
) -> int:
    """The series; exit 2 on a bad ``--since``, a chart folder that does not exist, or a git error. ``kept``: the
    tallies of file versions earlier runs read (by path, blob and package)."""
    try:
        since = None if args.since is None else since_date(args.since, today or date.today()).isoformat()
    except SinceError as error:
        return _error(str(error))
    if args.chart is not None:
        folder = os.path.dirname(os.path.abspath(args.chart))
        if not os.path.isdir(folder):
            return _error(f"--chart {args.chart}: folder {os.path.dirname(args.chart)} does not exist")
    try:
        scope = _scope(args.paths, git.top_level())
        if isinstance(scope, str):
            return _error(scope)
        commits = git.recent_commits(args.history, since=since)
        points = _points(thin(commits, step_for(commits, args.step)), rules, args.jobs, kept, scope)
    except git.GitError as error:
        return _error(f"--history: {error}")
    if kept is not None:
        kept.save()
    found = pace(points)
    finish = projected_finish(points, found)
    if args.format == "json":
        sys.stdout.write(history_json(points))
    else:
        markdown = args.format == "markdown"
        sys.stdout.write(history_table(points, markdown))
        sys.stdout.write("\n" + "".join(f"{'- ' if markdown else ''}{line}\n" for line in summary(points)))
        if markdown:
            sys.stdout.write("\n" + mermaid(points))
    if args.chart is not None:
        try:
            write_atomic(args.chart, burn_down_svg(points, finish, caveat(points)).encode("utf-8"), create=True)
        except SourceError as error:
            return _error(f"--chart {args.chart}: {error}")
        sys.stderr.write(f"Wrote {args.chart}\n")
    return 0


def _scope(paths: list[str], top: str) -> list[str] | str:
    """The folders and files counted, from the work tree's top (``""``: all of it): the PATHs, else the current
    folder; an error message for a PATH outside the work tree."""
    scope = []
    for path in paths or ["."]:
        found = os.path.relpath(os.path.realpath(path), os.path.realpath(top))
        if found == os.pardir or found.startswith(os.pardir + os.sep) or os.path.isabs(found):
            return f"--history: {path} is outside the git work tree"
        scope.append("" if found == os.curdir else found.replace(os.sep, "/"))
    return scope


def _within(path: str, scope: Sequence[str]) -> bool:
    return any(not s or path == s or path.startswith(s + "/") for s in scope)


def _points(
    commits: list[git.Commit], rules: RuleSet, jobs: int, kept: KeptValues | None = None, scope: Sequence[str] = ("",)
) -> list[Point]:
    """Each commit's point, counting the files of ``scope`` (paths from the top); their packages are found in the
    whole tree."""
    nothing = RuleSet(())
    tallies: dict[tuple[str, str, tuple], Tally] = {}  # by file version: (path, blob, package)
    points = []
    for commit in commits:
        listed = git.tree_sources(commit.sha)
        package_dirs = {os.path.dirname(p) for p, _ in listed if os.path.basename(p) == "__init__.py"}
        entries = [(p, b, tuple(origin_in_listing(p, package_dirs))) for p, b in listed if _within(p, scope)]
        for entry in entries:
            found = kept.get(entry) if kept is not None and entry not in tallies else None
            if found is not None:
                tallies[entry] = Tally(*found)  # type: ignore[misc]
        new = [entry for entry in entries if entry not in tallies]
        blobs = dict(git.read_blobs({b for _, b, _ in new}))
        for path, blob, _ in new:
            if isinstance(blobs[blob], str):  # over the size limit: named, and counted as nothing
                sys.stderr.write(f"unified-logging: {shown(path)} at {commit.sha[:10]}: {blobs[blob]}\n")
        new = [(path, blob, origin) for path, blob, origin in new if not isinstance(blobs[blob], str)]
        items = [(p, blobs[b], Origin(*origin)) for p, b, origin in new]
        for entry, result in zip(new, map_files(partial(_analyze_blob, rules, nothing), items, jobs)):
            tallies[entry] = _tally(result)
            if kept is not None:
                kept.put(entry, tuple(tallies[entry]))
        statements = sum(tallies[entry].statements for entry in entries if entry in tallies)
        files = sum(tallies[entry].left for entry in entries if entry in tallies)
        points.append(Point(commit.sha, commit.date, commit.time, commit.subject, statements, files))
    return points


def history_table(points: list[Point], markdown: bool) -> str:
    """Oldest first, with a bar scaled to the largest count."""
    top = max((p.statements for p in points), default=0) or 1
    body = [
        (p.sha[:10], p.date, str(p.statements), str(p.files), bar(p.statements / top), p.subject[:50]) for p in points
    ]
    header = ["commit", "date", "remaining", "files", "", "subject"]
    return "\n".join(simple_table(header, body, markdown, 4)) + "\n"


def history_json(points: list[Point]) -> str:
    found = pace(points)
    finish = projected_finish(points, found)
    document = {
        "version": HISTORY_VERSION,
        "history": [
            {"commit": p.sha, "date": p.date, "subject": p.subject, "remaining": p.statements, "files": p.files}
            for p in points
        ],
        "pace": None if found is None else {
            "statements_per_week": round(found.statements_per_week, 2),
            "files_per_week": round(found.files_per_week, 2),
        },
        "projected_finish": None if finish is None else finish.isoformat(),
        "caveat": caveat(points),
    }
    return json.dumps(document, indent=2) + "\n"
