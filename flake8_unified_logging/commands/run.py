"""A run of ``fix``, ``check`` or ``diff`` over files: read and test each file once, work over processes, print in
order. A legacy module's own file is guarded (ULG006) after the others, from what they take from it.

The engine (``workers``) is loaded for the first file that may need work: a hook call on files that name no legacy
module never loads it."""
from __future__ import annotations

import os
import sys
from _collections_abc import Callable, Iterable, Iterator
from _functools import partial

from ..config import Settings
from ..files import iter_paths
from ..rules import RuleSet
from .interruption import HeldInterrupt, interrupted
from .outcome import STDIN, Outcome, failed, write_pending
from .parallel import Item, map_files, triage

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argparse import Namespace

    from ..engine.guard import RunImports
    from ..resolve.targets import TargetCheck, TreeScans
    from .cache import ResultCache

Worker = Callable[..., Outcome]


class Deferred:
    """What the first phase gives for a file the guard may read: nothing yet, the file is left to the second."""

    __slots__ = ()


_DEFERRED = Deferred()


def run_command(args: Namespace, settings: Settings) -> int:
    rules = settings.rules
    visited: list[str] = []
    new_only = args.command == "check" and args.new_only
    cache = None if new_only else _cache(args, settings)
    paths = iter_paths(args.paths, None if cache is None else cache.walked)
    if args.command != "check":
        paths = _links_left_to_their_files(paths, args.paths)
    if new_only:
        items = triage(_recorded(paths, visited), partial(_wanted, rules), args.max_file_size)
        from . import git  # subprocess: loaded for --new-only alone

        try:
            changed = git.changed_lines(args.base)
        except git.GitError as error:
            sys.stderr.write(f"unified-logging: error: --new-only: {error}\n")
            return 2
        outcomes: Iterable[Outcome] = _new_only(args, settings, items, changed)
    else:
        reader = triage if cache is None else cache.triage
        items = reader(_recorded(paths, visited), partial(_wanted, rules), args.max_file_size)
        outcomes = _outcomes(args, settings, items, visited, cache)
    rewritten: list[str] = []
    try:
        status = _print(args, outcomes, rewritten)
    except KeyboardInterrupt:
        if isinstance(outcomes, Iterator):
            outcomes.close()  # type: ignore[attr-defined]  # stops the worker processes, if any
        return interrupted(rewritten if args.command == "fix" else None)
    if cache is not None:
        cache.save()
    return status


def _cache(args: Namespace, settings: Settings) -> ResultCache | None:
    """The run's result cache (None: turned off); a file the guard reads is kept only as guarded."""
    if not settings.cache or getattr(args, "no_cache", False):
        return None
    from .cache import ResultCache

    keep = partial(_kept, settings.rules, _guarded_named(args))
    return ResultCache.for_run(args, settings, _guarding(args, settings.rules), keep)


def _guarding(args: Namespace, rules: RuleSet) -> bool:
    """Whether the run guards legacy modules' own files: ``check`` does; ``fix``, when it was named one."""
    return args.command == "check" or (args.command == "fix" and any(map(rules.may_be_module_file, args.paths)))


def _guarded_named(args: Namespace) -> frozenset[str] | None:
    return frozenset(args.paths) if args.command == "fix" else None


def _kept(rules: RuleSet, named: frozenset[str] | None, path: str) -> bool:
    return not _is_guarded(rules, named, path)


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


def _outcomes(
    args: Namespace, settings: Settings, items: Iterator[Item], visited: list[str], cache: ResultCache | None = None
) -> Iterator[Outcome]:
    """Each file's outcome in order. The files the guard may read (legacy modules' own, for ``check``; those
    named, for ``fix``) wait until every other file is done, and are guarded from what those take from them."""
    rules = settings.rules
    guarding = _guarding(args, rules)
    bound = _Engine(args, settings, guarding, cache is not None)
    guarded = partial(_is_guarded, rules, _guarded_named(args)) if guarding else None
    held: list[tuple[str, Outcome | Deferred]] = []
    data: dict[str, tuple | None] = {}
    work = partial(_call, bound, rules, guarded)
    for path, outcome in map_files(work, items, args.jobs, _weight):
        if isinstance(outcome, Deferred):  # what it takes from legacy modules is known once it is guarded
            data[os.path.abspath(path)] = None
            held.append((path, outcome))
            continue
        data[os.path.abspath(path)] = outcome.imports
        if cache is not None:
            cache.remember_outcome(path, outcome)
        if held:
            held.append((path, outcome))
        else:
            yield outcome
    if held:
        yield from _guarded(bound, rules, held, visited, data, cache)


def _guarded(
    bound: _Engine,
    rules: RuleSet,
    held: list[tuple[str, Outcome | Deferred]],
    visited: list[str],
    data: dict[str, tuple | None],
    cache: ResultCache | None,
) -> Iterator[Outcome]:
    """The outcomes held back, the legacy modules' own files guarded from what the run's files take from them."""
    deferred = [path for path, outcome in held if isinstance(outcome, Deferred)]
    key = cache.guard_key(visited, data) if cache is not None else ""
    kept = {path: cache.guarded(path, key) for path in deferred} if cache is not None else {}
    imports: RunImports | None = None  # what the run's files take from legacy modules, made when first needed
    for path, outcome in held:
        if isinstance(outcome, Deferred):
            found = kept.get(path)
            if found is None:
                if imports is None:
                    imports = _run_imports(rules, visited, data, deferred, bound.scans())
                found = bound(path, rules, importers=imports.names)
                if cache is not None:
                    cache.remember_guard(path, key, found, imports.folders, imports.beyond)
            outcome = found
        yield outcome


def _run_imports(
    rules: RuleSet, visited: list[str], data: dict[str, tuple | None], deferred: list[str], scans: TreeScans | None
) -> RunImports:
    from ..engine.guard import RunImports  # for a legacy module's own file

    return RunImports(rules, visited, data, deferred, scans)


class _Engine:
    """The per-file worker of the run, loaded with the engine when a file first needs it: a run whose files are
    all clean, or all answered by the result cache, never loads it."""

    def __init__(self, args: Namespace, settings: Settings, collect: bool, record: bool) -> None:
        self.args = args
        self.settings = settings
        self.collect = collect
        self.record = record
        self.worker: Worker | None = None
        self.targets: TargetCheck | None = None

    def __call__(self, path: str, rules: RuleSet, **options: object) -> Outcome:
        if self.worker is None:
            from . import workers  # the engine

            self.targets = workers.TargetCheck.for_run(self.settings, self.args)
            self.worker = workers.bound(self.args, self.settings, self.collect, self.record, self.targets)
        return self.worker(path, rules, **options)

    def scans(self) -> TreeScans | None:
        """What this process's engine read from the tree (None: it did not work here), for the guard to share."""
        return None if self.targets is None else self.targets.scans


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
    _, _, data = item
    return len(data) if isinstance(data, bytes) else 0


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
) -> tuple[str, Outcome | Deferred]:
    """The path and its outcome; a file the guard may read is deferred (left to the run's second phase)."""
    path, problem, data = item
    if problem:
        return path, failed(path, problem)
    if guarded is not None and guarded(path):
        return path, _DEFERRED
    if isinstance(data, Outcome):  # kept from an earlier run
        return path, data
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
                path, _ = outcome.pending
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
