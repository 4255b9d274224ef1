"""``unified-logging report``: the work tree now, or the branch's last commits, read and never written."""
from __future__ import annotations

import argparse
import os
import sys
from _functools import partial

from ..commands import git
from ..commands.parallel import map_files, triage
from ..config import Settings
from ..files import iter_paths
from ..fixer import planned
from ..resolve.run_rewrites import RunRewrites
from ..resolve.targets import TargetCheck
from ..rules import RuleSet
from .counts import FileResult, Report, adoption_rules, analyze
from .history import run_history, wants_history
from .kept import kept_results, kept_tallies, result_values
from .mentions import every_file, files_naming

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..commands.cache import ResultCache
    from ..commands.store import KeptValues


def _analyze_file(
    rules: RuleSet, adoption: RuleSet, targets: TargetCheck | None, item: tuple[str, bytes]
) -> FileResult:
    path, data = item
    return analyze(os.path.normpath(path), data, rules, adoption, targets=targets)


def _weight(item: tuple[str, bytes]) -> int:
    _, data = item
    return len(data) if isinstance(data, bytes) else 0


def _analyzed(
    candidates: list[tuple[str, bytes | FileResult]],
    rules: RuleSet,
    adoption: RuleSet,
    targets: TargetCheck | None,
    jobs: int,
    kept: ResultCache | None,
) -> list[FileResult]:
    """Each candidate's counts: kept from an earlier run, or worked out (and kept, with what they read)."""
    if kept is None or targets is None:
        return list(map_files(partial(_analyze_file, rules, adoption, targets), candidates, jobs, _weight))
    work = partial(_analyze_recorded, rules, adoption, targets)
    results = []
    for (path, _), (result, reads) in zip(candidates, map_files(work, candidates, jobs, _weight)):
        if reads is not None:
            kept.remember(path, result_values(result), reads)
        results.append(result)
    kept.save()
    return results


def _analyze_recorded(
    rules: RuleSet, adoption: RuleSet, targets: TargetCheck, item: tuple[str, bytes | FileResult]
) -> tuple[FileResult, tuple | None]:
    """A file's counts and what they read from the project (None: kept from an earlier run, or read the tree)."""
    path, data = item
    if isinstance(data, FileResult):
        return data, None
    result, read = targets.reads.of_file(path, partial(_analyze_file, rules, adoption, targets, item))
    return result, None if result.error else read


def _listed(paths: list[str]) -> tuple[list[str], list[FileResult]]:
    """The files named or found under ``paths``, and the named paths that do not exist."""
    found, missing = [], []
    for path, problem in iter_paths(paths):
        if problem:
            missing.append(FileResult(path, error=problem))
        else:
            found.append(path)
    return found, missing


def _default_sources() -> tuple[list[str], list[FileResult]]:
    """In a git work tree its sources (tracked or not, ignored ones left out), else the files under the current
    folder."""
    return (git.work_tree_sources(), []) if git.in_work_tree() else _listed(["."])


def run_command(args: argparse.Namespace, settings: Settings) -> int:
    caching = settings.cache and not args.no_cache
    kept = kept_results(settings, args) if caching and not wants_history(args) else None
    history = kept_tallies(settings) if caching and wants_history(args) else None
    targets = TargetCheck.for_run(settings, args)
    if targets.enabled and not wants_history(args):  # blocked as `fix` over the same files would find it
        targets.rewrites = RunRewrites(settings.rules, args.paths or ["."], partial(planned, settings.rules, False))
    return run_report(args, settings.rules, targets, kept, history)


def run_report(
    args: argparse.Namespace,
    rules: RuleSet,
    targets: TargetCheck | None = None,
    kept: ResultCache | None = None,
    history: KeptValues | None = None,
) -> int:
    """The report; ``targets`` counts statements whose rewrite points at nothing apart (the history does not:
    its commits are not on disk). ``kept``, ``history``: what earlier runs worked out (commands/cache.py)."""
    for name in ("depth", "fail_above", "history"):
        value = getattr(args, name)
        if value is not None and value < (1 if name == "history" else 0):
            sys.stderr.write(f"unified-logging: error: --{name.replace('_', '-')} cannot be {value}\n")
            return 2
    if wants_history(args):
        return run_history(args, rules, kept=history)
    for option, value in (("--chart", args.chart), ("--step", args.step)):
        if value is not None:
            sys.stderr.write(f"unified-logging: error: {option} is for the history: add --history N or --since DATE\n")
            return 2
    adoption = adoption_rules(rules)
    if args.paths:
        paths, missing = _listed(args.paths)
    else:
        try:
            paths, missing = _default_sources()
        except git.GitError as error:
            sys.stderr.write(f"unified-logging: error: {error}\n")
            return 2

    if args.fail_above is not None and not paths:
        where = ", ".join(args.paths) if args.paths else "this tree"
        sys.stderr.write(f"unified-logging: error: --fail-above: no Python file to read in {where}\n")
        return 2
    either = RuleSet((*rules.rules, *adoption.rules))  # used only for its byte test: one scan for both

    candidates, unreadable = [], list(missing)
    reader = triage if kept is None else kept.triage
    for path, problem, data in reader(((path, None) for path in paths), either.may_occur_in, args.max_file_size):
        if problem or data is None:
            unreadable.append(FileResult(os.path.normpath(path), error=problem))
        else:
            candidates.append((path, data))
    results = [*_analyzed(candidates, rules, adoption, targets, args.jobs, kept), *unreadable]
    report = Report(rules, results, args.depth, len(paths) + len(missing), paths)
    deletable = report.deletable()
    if deletable:
        try:
            in_git = not args.paths and git.in_work_tree()
            listing = list(git.work_tree_files() if in_git else every_file(args.paths or ["."]))
        except git.GitError as error:
            sys.stderr.write(f"unified-logging: error: {error}\n")
            return 2
        for module in deletable:
            report.record_other_files(module, files_naming(module, listing))
    if args.format == "json":
        sys.stdout.write(report.as_json(args.files))
    else:
        sys.stdout.write(report.as_table(args.format == "markdown", args.files))
    remaining = report.total.statements
    if args.fail_above is not None and remaining > args.fail_above:
        over = remaining - args.fail_above
        limit = args.fail_above
        sys.stderr.write(f"unified-logging: {remaining} legacy import statements remain, {over} more than {limit}\n")
        return 1
    return 0
