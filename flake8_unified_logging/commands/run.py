"""A run of ``fix``, ``check`` or ``diff`` over files: read and test each file once, work over processes, print in
order. A legacy module's own file is guarded (ULG006) after the others, from what they take from it.

The engine (``workers``) is loaded for the first file that may need work: a hook call on files that name no legacy
module never loads it."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import chain

from ..config import Settings
from ..files import iter_paths
from ..rules import RuleSet
from .interruption import HeldInterrupt, interrupted
from .outcome import STDIN, Outcome, failed, write_pending
from .parallel import Item, map_files, triage

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argparse import Namespace

Worker = Callable[..., Outcome]
_DEFERRED = Outcome(-1)


def run_command(args: Namespace, settings: Settings) -> int:
    rules = settings.rules
    visited: list[str] = []
    paths = iter_paths(args.paths)
    if args.command != "check":
        paths = _links_left_to_their_files(paths, args.paths)
    items = triage(_recorded(paths, visited), partial(_wanted, rules), args.max_file_size)
    if args.command == "check" and args.new_only:
        from . import git  # subprocess: loaded for --new-only alone

        try:
            changed = git.changed_lines(args.base)
        except git.GitError as error:
            sys.stderr.write(f"unified-logging: error: --new-only: {error}\n")
            return 2
        outcomes: Iterable[Outcome] = _new_only(args, settings, items, changed)
    else:
        outcomes = _outcomes(args, settings, items, visited)
    rewritten: list[str] = []
    try:
        return _print(args, outcomes, rewritten)
    except KeyboardInterrupt:
        if isinstance(outcomes, Iterator):
            outcomes.close()  # type: ignore[attr-defined]  # stops the worker processes, if any
        return interrupted(rewritten if args.command == "fix" else None)


def _new_only(
    args: Namespace, settings: Settings, items: Iterator[Item], changed: dict[str, frozenset[int] | None]
) -> list[Outcome]:
    """``check`` of the lines changed since ``args.base`` (``changed``), in the files changed since then."""
    from . import workers  # the engine

    listed = [(path, problem, data) for path, problem, data in items]
    read = {path: data for path, problem, data in listed if not problem and os.path.normpath(path) in changed}
    check = workers.bound(args, settings)
    return [failed(path, problem) for path, problem, _ in listed if problem] + [
        check(path, settings.rules, lines=changed[os.path.normpath(path)], data=data) for path, data in read.items()
    ]


def _outcomes(args: Namespace, settings: Settings, items: Iterator[Item], visited: list[str]) -> Iterator[Outcome]:
    """Each file's outcome in order. The files the guard may read (legacy modules' own, for ``check``; those
    named, for ``fix``) wait until every other file is done, and are guarded from what those take from them."""
    first = next(items, None)
    if first is None:
        return
    from . import workers  # the engine, for the first file that may need work

    rules = settings.rules
    named = frozenset(args.paths)
    guarding = args.command == "check" or (
        args.command == "fix" and any(rules.may_be_module_file(p) for p in named)
    )
    bound = workers.bound(args, settings, collect=guarding)
    guarded = partial(_is_guarded, rules, named if args.command == "fix" else None) if guarding else None
    held: list[tuple[str, Outcome]] = []
    data: dict[str, tuple | None] = {}
    work = partial(_call, bound, rules, guarded)
    for path, outcome in map_files(work, chain([first], items), args.jobs, _weight):
        data[os.path.abspath(path)] = outcome.imports
        if outcome.status == _DEFERRED.status or held:
            held.append((path, outcome))
        else:
            yield outcome
    if not held:
        return
    from ..engine.guard import RunImports  # for a legacy module's own file

    deferred = [path for path, outcome in held if outcome.status == _DEFERRED.status]
    imports = RunImports(rules, visited, data, deferred)
    for path, outcome in held:
        yield bound(path, rules, importers=imports.names) if outcome.status == _DEFERRED.status else outcome


def _links_left_to_their_files(
    paths: Iterable[tuple[str, str | None]], named: list[str]
) -> Iterator[tuple[str, str | None]]:
    """Without the links found in a walk that point at a file inside a named folder: the walk reaches that file
    itself, and a rewrite never goes through a link."""
    folders = [os.path.realpath(path) for path in named if path != STDIN and os.path.isdir(path)]
    for path, problem in paths:
        if not problem and path not in named and os.path.islink(path):
            target = os.path.realpath(path)
            if any(target.startswith(folder + os.sep) for folder in folders):
                continue
        yield path, problem


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


def _print(args: Namespace, outcomes: Iterable[Outcome], rewritten: list[str]) -> int:
    """Print each outcome in order. A rewrite is written here, in the main process, and named in ``rewritten``
    before Ctrl-C can stop the run: the workers only compute it, so stopping them loses nothing."""
    status = 0
    fixing = args.command == "fix"
    as_json = not fixing and getattr(args, "format", "text") == "json"
    records: list[str] = []
    for outcome in outcomes:
        if outcome.pending is not None:
            with HeldInterrupt():
                path = outcome.pending[0]
                outcome = write_pending(outcome)
                if outcome.status == 1:
                    rewritten.append(path)
                _show(outcome)
        elif as_json:
            records += outcome.out.splitlines()
            sys.stderr.write(outcome.err)
        else:
            _show(outcome)
        if fixing and outcome.data is not None and args.paths == [STDIN]:
            sys.stdout.flush()
            sys.stdout.buffer.write(outcome.data)
        status = max(status, outcome.status)
    if as_json:
        sys.stdout.write("[\n" + ",\n".join(records) + "\n]\n" if records else "[]\n")
    if fixing and status == 1 and args.exit_zero_even_if_changed:
        return 0
    return status


def _show(outcome: Outcome) -> None:
    sys.stdout.write(outcome.out)
    sys.stdout.flush()
    sys.stderr.write(outcome.err)
