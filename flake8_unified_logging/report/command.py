"""``unified-logging report``: the work tree now, or the branch's last commits, read and never written."""
from __future__ import annotations

import argparse
import os
import sys
from functools import partial

from ..commands import git
from ..commands.parallel import map_files, triage
from ..config import Settings
from ..files import iter_paths
from ..resolve.targets import TargetCheck
from ..rules import RuleSet
from .counts import FileResult, Report, adoption_rules, analyze
from .history import run_history, wants_history
from .mentions import every_file, files_naming


def _analyze_file(
    rules: RuleSet, adoption: RuleSet, targets: TargetCheck | None, item: tuple[str, bytes]
) -> FileResult:
    return analyze(os.path.normpath(item[0]), item[1], rules, adoption, targets=targets)


def _weight(item: tuple[str, bytes]) -> int:
    return len(item[1])


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
    return run_report(args, settings.rules, TargetCheck.for_run(settings, args))


def run_report(args: argparse.Namespace, rules: RuleSet, targets: TargetCheck | None = None) -> int:
    """The report; ``targets`` counts statements whose rewrite points at nothing apart (the history does not:
    its commits are not on disk)."""
    for name in ("depth", "fail_above", "history"):
        value = getattr(args, name)
        if value is not None and value < (1 if name == "history" else 0):
            sys.stderr.write(f"unified-logging: error: --{name.replace('_', '-')} cannot be {value}\n")
            return 2
    if wants_history(args):
        return run_history(args, rules)
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
    for path, problem, data in triage(((path, None) for path in paths), either.may_occur_in, args.max_file_size):
        if problem or data is None:
            unreadable.append(FileResult(os.path.normpath(path), error=problem))
        else:
            candidates.append((path, data))
    analyzed = map_files(partial(_analyze_file, rules, adoption, targets), candidates, args.jobs, _weight)
    results = [*analyzed, *unreadable]
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
