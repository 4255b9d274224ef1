"""A run of ``fix``, ``check`` or ``diff`` over files: read and test each file once, work over processes, print in
order. A legacy module's own file is guarded (ULG006) after the others, from what they take from it."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from .cli import STDIN, Outcome, check_file, diff_file, failed, fix_file
from .files import iter_paths
from .parallel import Item, map_files, triage
from .rules import RuleSet

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argparse import Namespace

    from .targets import TargetCheck

Worker = Callable[..., Outcome]
_DEFERRED = Outcome(-1)


def run(worker: Worker, args: Namespace, rules: RuleSet, targets: TargetCheck | None = None) -> int:
    visited: list[str] = []
    items = triage(_recorded(iter_paths(args.paths), visited), partial(_wanted, rules))
    if worker is check_file and args.new_only:
        from .git import GitError

        listed = [(path, problem) for path, problem, _ in items]
        try:
            new_lines = _new_lines([path for path, problem in listed if not problem], args.base)
        except GitError as error:
            sys.stderr.write(f"unified-logging: error: --new-only: {error}\n")
            return 2
        outcomes: Iterable[Outcome] = [failed(path, problem) for path, problem in listed if problem] + [
            check_file(path, rules, args.format, lines, targets) for path, lines in new_lines.items()
        ]
    else:
        outcomes = _outcomes(worker, args, rules, targets, items, visited)
    return _print(worker, args, outcomes)


def _outcomes(
    worker: Worker, args: Namespace, rules: RuleSet, targets: TargetCheck | None,
    items: Iterator[Item], visited: list[str],
) -> Iterator[Outcome]:
    """Each file's outcome in order. The files the guard may read (legacy modules' own, for ``check``; those
    named, for ``fix``) wait until every other file is done, and are guarded from what those take from them."""
    named = frozenset(args.paths)
    bound: Worker = partial(worker, targets=targets)
    if worker is diff_file:
        bound = partial(diff_file, targets=targets, fix_strings=args.fix_strings)
    guarding = worker is check_file or (worker is fix_file and any(rules.may_be_module_file(p) for p in named))
    if worker is fix_file:
        bound = partial(
            fix_file, targets=targets, named=named, fix_strings=args.fix_strings, collect=guarding, strict=args.strict
        )
    if worker is check_file:
        bound = partial(check_file, style=args.format, targets=targets, collect=True)
    guarded = partial(_is_guarded, rules, named if worker is fix_file else None) if guarding else None
    held: list[tuple[str, Outcome]] = []
    data: dict[str, tuple | None] = {}
    work = partial(_call, bound, rules, guarded)
    for path, outcome in map_files(work, items, args.jobs, _weight):
        data[os.path.abspath(path)] = outcome.imports
        if outcome.status == _DEFERRED.status or held:
            held.append((path, outcome))
        else:
            yield outcome
    if not held:
        return
    from .guard import RunImports

    deferred = [path for path, outcome in held if outcome.status == _DEFERRED.status]
    imports = RunImports(rules, visited, data, deferred)
    for path, outcome in held:
        yield bound(path, rules, importers=imports.names) if outcome.status == _DEFERRED.status else outcome


def _weight(item: Item) -> int:
    return len(item[2] or b"")


def _is_guarded(rules: RuleSet, named: frozenset[str] | None, path: str) -> bool:
    return path != STDIN and rules.may_be_module_file(path) and (named is None or path in named)


def _recorded(paths: Iterable[tuple[str, str | None]], visited: list[str]) -> Iterator[tuple[str, str | None]]:
    for path, problem in paths:
        if not problem:
            visited.append(path)
        yield path, problem


def _wanted(rules: RuleSet, data: bytes, path: str) -> bool:
    return rules.may_occur_in(data, path) or rules.may_be_module_file(path)


def _call(
    worker: Worker, rules: RuleSet, guarded: Callable[[str], bool] | None, item: Item
) -> tuple[str, Outcome]:
    """The path and its outcome; a file the guard may read is deferred (left to the run's second phase)."""
    path, problem, data = item
    if problem:
        return path, failed(path, problem)
    if guarded is not None and guarded(path):
        return path, _DEFERRED
    return path, worker(path, rules, data=data)


def _new_lines(paths: list[str], base: str) -> dict[str, frozenset[int] | None]:
    """The lines of ``paths`` changed since ``base``: files changed since then only."""
    from .git import changed_lines

    changed = changed_lines(base)
    return {path: changed[os.path.normpath(path)] for path in paths if os.path.normpath(path) in changed}


def _print(worker: Worker, args: Namespace, outcomes: Iterable[Outcome]) -> int:
    status = 0
    as_json = worker is not fix_file and getattr(args, "format", "text") == "json"
    records: list[str] = []
    for outcome in outcomes:
        if as_json:
            records += outcome.out.splitlines()
        else:
            sys.stdout.write(outcome.out)
            sys.stdout.flush()
        sys.stderr.write(outcome.err)
        if worker is fix_file and outcome.data is not None and args.paths == [STDIN]:
            sys.stdout.flush()
            sys.stdout.buffer.write(outcome.data)
        status = max(status, outcome.status)
    if as_json:
        sys.stdout.write("[\n" + ",\n".join(records) + "\n]\n" if records else "[]\n")
    if worker is fix_file and status == 1 and args.exit_zero_even_if_changed:
        return 0
    return status
