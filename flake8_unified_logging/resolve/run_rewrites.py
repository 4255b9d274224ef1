"""What the run itself rewrites, for judging a target as it will be after the run.

A target module of the project that the run also rewrites is read as rewritten: with ``pkg.types = pkg._types``
and ``pkg.models = pkg._models`` in one run, ``pkg/_models.py``'s ``from .types import Data`` binds ``Data`` when
``pkg._types`` does, because the run rewrites that import to ``from ._types import Data``. So one run does what two
would. A statement counts only when the run will really rewrite it: the file is covered by the run (named, or under
a folder it walks), the statement has no ``noqa``, its new module binds the name, and planning that file as ``fix``
does, with the same run state, rewrites it (no ``ULG005`` for a cycle, a placement, a use check, a change of
``sys.path``; no failed verification). That plan is made once per file and run; a file whose plan is being made
when its own verdict is asked again (targets that lead back to it) counts as not rewritten."""
from __future__ import annotations

import os
from _collections_abc import Sequence
from _functools import partial

from ..files import SKIPPED_DIRS
from ..records import Record
from ..rules import RuleSet

TYPE_CHECKING = False
if TYPE_CHECKING:  # what a plan needs of the target check, named for the type checker alone
    from collections.abc import Callable
    from typing import Protocol

    from .memo import CycleMemo

    class Planning(Protocol):
        memo: CycleMemo

    Planner = Callable[[str, Planning], "tuple[Planned, ...]"]


class Planned(Record):
    """One finding of a file planned as ``fix`` plans it: its ``line``, and ``why`` it is not rewritten ("": it
    is)."""

    __slots__ = ()
    line: int
    why: str

    def __new__(cls, line: int, why: str) -> Planned:
        return tuple.__new__(cls, (line, why))


class Pending(Record):
    """A ``name`` a module's analysis read as bound once the run rewrites its statement: the file at ``path``,
    the statement's lines (``first`` to ``last``) and the module it takes the name from now (``source``)."""

    __slots__ = ()
    name: str
    path: str
    first: int
    last: int
    source: str

    def __new__(cls, name: str, path: str, first: int, last: int, source: str) -> Pending:
        return tuple.__new__(cls, (name, path, first, last, source))


_BEING_PLANNED = (Planned(0, "its own plan leads back to this target"),)


class RunRewrites:
    """The rules of a run, the paths it covers (files named, folders walked), and how a file of it is planned
    (``plan``: what ``fix`` makes of it with the run's target check)."""

    def __init__(self, rules: RuleSet, paths: Sequence[str], plan: Planner) -> None:
        self.rules = rules
        self.files = {os.path.realpath(p) for p in paths if os.path.isfile(p)}
        self.folders = [os.path.realpath(p) for p in paths if os.path.isdir(p)]
        self.plan = plan
        self.refused: dict[tuple[str, str], str] = {}  # (file, name): why the run does not rewrite what binds it
        # (root, module): the names its analysis read as rewritten, each with the file and lines of its statement
        self.pending: dict[tuple[str, tuple[str, ...]], tuple[Pending, ...]] = {}

    def covers(self, path: str) -> bool:
        """Whether the run reads (and may rewrite) the file at ``path``."""
        real = os.path.realpath(path)
        if real in self.files:
            return True
        for folder in self.folders:
            if real.startswith(folder + os.sep):
                parts = os.path.relpath(os.path.dirname(real), folder).split(os.sep)
                return not any(p.startswith(".") or p in SKIPPED_DIRS for p in parts if p != os.curdir)
        return False

    def replacement(self, source: tuple[str, ...], name: str) -> tuple[tuple[str, ...], str | None] | None:
        """Where ``from source import name`` is taken from once the run rewrites it: the new module and name (None
        for the name: a factory's assignment binds it), or None when no rule moves it."""
        rule = self.rules.name_rule(source, name)
        if rule is not None:
            return rule.new, (None if rule.args is not None else rule.target)
        found = self.rules.match(source)
        if found is None:
            return None
        return found.apply(source), name

    def why_not(self, project: Planning, path: str, first: int, last: int) -> str:
        """Why the run does not rewrite the statement on lines ``first`` to ``last`` of the file at ``path`` (""
        when it does)."""
        real = os.path.realpath(path)
        verdict = project.memo.get(("rewrites", real), partial(self.plan, real, project), _BEING_PLANNED)
        if verdict is _BEING_PLANNED:
            return verdict[0].why
        reasons = [planned.why for planned in verdict if first <= planned.line <= last]
        if not reasons:
            return "fix leaves the file as it is"
        return next((reason for reason in reasons if reason), "")

    def refused_names(self, project: Planning, pending: tuple[Pending, ...]) -> frozenset[str]:
        """The names of ``pending`` whose statement the run does not rewrite after all."""
        refused = set()
        for name, path, first, last, source in pending:
            why = self.why_not(project, path, first, last)
            if why:
                refused.add(name)
                where = f"{os.path.relpath(path)} line {first} still takes it from {source}"
                self.refused[(os.path.realpath(path), name)] = f"{where}, not rewritten by this run: {why}"
        return frozenset(refused)

    def missing_note(self, path: str | None, names: Sequence[str]) -> str:
        """Why the run leaves the module at ``path`` without ``names`` (its import of them is not rewritten)."""
        if path is None:
            return ""
        real = os.path.realpath(path)
        notes = [self.refused[(real, name)] for name in names if (real, name) in self.refused]
        return f" ({'; '.join(notes)})" if notes else ""
