"""The smallest set of rules that explains the moves the examples show: module (or package) rules where they are
proven, name rules for the rest, factory rules with their arguments generalised. Each rule carries what supports
it; a module rule that is not proven leaves a comment naming what blocks it."""
from __future__ import annotations

import os
from collections import Counter
from _collections_abc import Callable, Iterable

from ..records import Record
from .arguments import generalise
from .proof import Dotted, Shown, Taken, under
from .values import ExampleFile, ShownMove

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .objects import Bound

    Provides = Callable[[str, str, Shown, frozenset[tuple[Dotted, str]], str], "str | None"]


class Proposal(Record):
    """A learned rule (``text``; empty for a comment alone), what supports it (or why a module rule is not
    proposed), and, when not empty, why it is only proposed commented out (``held``)."""

    __slots__ = ()
    text: str
    note: str
    held: str

    def __new__(cls, text: str, note: str, held: str = "") -> Proposal:
        return tuple.__new__(cls, (text, note, held))


class Evidence(Record):
    """What the examples show beside their moves: modules whose file was renamed (old, new), the modules each
    file still imports after the edit, what each file took from a module before the edit, and how many files
    have import edits."""

    __slots__ = ()
    relocated: list[tuple[Dotted, Dotted]]
    kept: dict[str, set[str]]
    taken: dict[str, list[Taken]]
    files: int

    def __new__(
        cls,
        relocated: list[tuple[Dotted, Dotted]],
        kept: dict[str, set[str]],
        taken: dict[str, list[Taken]],
        files: int,
    ) -> Evidence:
        return tuple.__new__(cls, (relocated, kept, taken, files))


def _dotted(text: str) -> Dotted:
    return tuple(text.split("."))


def _moves_whole(move: ShownMove) -> bool:
    """A move that takes a module, or a name keeping its name, to another module."""
    return move.kind == "module" or move.kind == "name" and move.target == move.name


def _base(old: Dotted, new: Dotted) -> tuple[Dotted, Dotted]:
    """The package move a module move belongs to: the trailing segments both share dropped
    (``app.core.events.bus -> app.events.bus`` gives ``app.core.events -> app.events``)."""
    while len(old) > 1 and len(new) > 1 and old[-1] == new[-1]:
        old, new = old[:-1], new[:-1]
    return old, new


def _candidates(moves: list[ShownMove], relocated: list[tuple[Dotted, Dotted]]) -> list[tuple[Dotted, Dotted]]:
    """Module rules to try, the package moves (shown by at least two modules under them) first."""
    pairs = [(_dotted(m.old), _dotted(m.new)) for m in moves if _moves_whole(m)]
    modules: dict[tuple[Dotted, Dotted], set[Dotted]] = {}
    for old, new in [*pairs, *relocated]:
        modules.setdefault(_base(old, new), set()).add(old)
    packages = []
    for (old, new), olds in modules.items():
        if len(olds) > 1:  # the narrowest package holding them all
            common = os.path.commonprefix(sorted(olds))
            packages.append((tuple(common), (*new, *common[len(old):])))
    return list(dict.fromkeys([*sorted(packages, key=lambda b: len(b[0])), *pairs]))


def _consistent(move: ShownMove, old: Dotted, new: Dotted, bound: Bound | None) -> bool:
    """Whether the rule ``old = new`` gives what ``move`` shows: the same module, or the same object under
    another import (``from pkg.dto import E`` where the rule writes ``from pkg.dto.errors import E``, the package
    re-exporting it)."""
    module = _dotted(move.old)
    if not under(module, old) or move.kind not in ("module", "name"):
        return False
    expected = (*new, *module[len(old):])
    if _moves_whole(move) and _dotted(move.new) == expected:
        return True
    return move.kind == "name" and bound is not None and bound.same(
        move.path, (".".join(expected), move.name), (move.new, move.target))


def propose(moves: list[ShownMove], evidence: Evidence, provides: Provides | None, examples: dict[str, ExampleFile],
            bound: Bound | None = None) -> tuple[list[Proposal], list[str]]:
    """The rules and the conflicts (examples that disagree: no rule); ``bound`` tells when two imports bind the
    same object."""
    proposals: list[Proposal] = []
    conflicts: list[str] = []
    covered: set[int] = set()
    ruled: set[Dotted] = set()
    blocked: list[tuple[Dotted, Proposal]] = []
    for old, new in _candidates(moves, evidence.relocated):
        if any(under(old, done) for done in ruled):
            continue
        consistent = [i for i, m in enumerate(moves) if i not in covered and _consistent(m, old, new, bound)]
        if not consistent:
            continue
        text = f"{'.'.join(old)} = {'.'.join(new)}"
        reason = _blocked(moves, evidence, old, new, consistent, provides)
        if reason:
            blocked.append((old, Proposal("", f"name rules, not '{text}': {reason}")))
            continue
        covered.update(consistent)
        ruled.add(old)
        files = {moves[i].path for i in consistent}
        proposals.append(Proposal(text, f"{len(files)} of {evidence.files} example files"))
    rest = [m for i, m in enumerate(moves) if i not in covered]
    named = _name_rules(rest, evidence.files, conflicts, bound)
    named += _factory_rules(rest, evidence.files, conflicts, examples)
    return proposals + _placed(blocked, named), conflicts


def _placed(blocked: list[tuple[Dotted, Proposal]], rules: list[Proposal]) -> list[Proposal]:
    """The name rules, each comment saying why a module rule is not proposed written above the first rule it
    explains (a rule taking a name from under that module); the comments that explain none at the end."""
    placed: list[Proposal] = []
    left = list(blocked)
    for rule in rules:
        old = _dotted(rule.text.split("=")[0].split(":")[0].strip())
        placed += [note for module, note in left if under(old, module)]
        left = [(module, note) for module, note in left if not under(old, module)]
        placed.append(rule)
    return placed + [note for _, note in left]


def _blocked(moves: list[ShownMove], evidence: Evidence, old: Dotted, new: Dotted, consistent: list[int],
             provides: Provides | None) -> str:
    """Why ``old = new`` is not a rule: examples that take a module under it elsewhere or keep importing it, or
    a name the tree takes that is not proven to be there."""
    for i, move in enumerate(moves):
        if i not in consistent and _moves_whole(move) and under(_dotted(move.old), old):
            return f"{os.path.relpath(move.path)} takes {move.old}{':' + move.name if move.name else ''} to {move.new}"
    for module, paths in evidence.kept.items():
        if under(_dotted(module), old):
            return f"{sorted(paths)[0]} still imports {module} after the edit"
    if provides is None:
        return ""
    shown = _shown([moves[i] for i in consistent], evidence, old)
    elsewhere = frozenset((_dotted(m.old), m.name) for m in moves
                          if m.kind != "module" and under(_dotted(m.old), old) and m.name and not
                          (m.kind == "name" and m.target == m.name))
    return provides(".".join(old), ".".join(new), shown, elsewhere, moves[consistent[0]].path) or ""


def _shown(consistent: Iterable[ShownMove], evidence: Evidence, old: Dotted) -> Shown:
    modules, names, as_modules = set(), set(), set()
    for move in consistent:
        module = _dotted(move.old)
        modules.add(module)
        if move.kind == "name":
            names.add((module, move.name))
            continue
        as_modules.add(module)
        for taken in evidence.taken.get(move.path, ()):
            if taken.module == module:
                names.update((module, name) for name in taken.names)
    wholesale = {module for module, _ in evidence.relocated if under(module, old)}
    return Shown(frozenset(modules | wholesale), frozenset(names), frozenset(wholesale), frozenset(as_modules))


def _name_rules(moves: list[ShownMove], files: int, conflicts: list[str], bound: Bound | None) -> list[Proposal]:
    proposals = []
    for old in dict.fromkeys(m.old for m in moves if m.kind == "name"):
        group = [m for m in moves if m.kind == "name" and m.old == old]
        for name in sorted({m.name for m in group}):
            seen = Counter(f"{m.new}:{m.target}" for m in group if m.name == name)
            if len(seen) > 1 and bound is not None and _one_object(group, name, bound):
                seen = Counter(dict(seen.most_common(1)))  # one object under several imports: the usual one
            if len(seen) > 1:
                listed = ", ".join(f"{target} ({count} files)" for target, count in seen.most_common())
                conflicts.append(f"{old}:{name} moves to different places: {listed}; no rule chosen")
                continue
            ((target, _),) = seen.items()
            support = len({m.path for m in group if m.name == name})
            proposals.append(Proposal(f"{old}:{name} = {target}", f"{support} of {files} example files"))
    for old in dict.fromkeys(m.old for m in moves if m.kind == "module"):
        plain = Counter(m.new for m in moves if m.kind == "module" and m.old == old)
        if len(plain) > 1:
            listed = ", ".join(f"{new} ({count} files)" for new, count in plain.most_common())
            conflicts.append(f"import {old} becomes different modules: {listed}; no rule chosen")
    return proposals


def _one_object(group: list[ShownMove], name: str, bound: Bound) -> bool:
    """Whether the examples that take ``name`` to different imports all bind the same object."""
    places = [(m.new, m.target, m.path) for m in group if m.name == name]
    first_module, first_target, _ = places[0]
    return all(bound.same(path, (first_module, first_target), (module, target)) for module, target, path in places[1:])


def _factory_rules(moves: list[ShownMove], files: int, conflicts: list[str], examples: dict[str, ExampleFile]
                   ) -> list[Proposal]:
    proposals = []
    for old, name in dict.fromkeys((m.old, m.name) for m in moves if m.kind == "factory"):
        calls = [m for m in moves if m.kind == "factory" and (m.old, m.name) == (old, name)]
        places = sorted({f"{m.new}:{m.target}" for m in calls})
        if len(places) > 1:
            conflicts.append(f"{old}:{name} is made by different factories: {', '.join(places)}; no rule chosen")
            continue
        args, note, held = generalise([(m.args, examples[m.path]) for m in calls])
        if args is None:
            conflicts.append(f"{old}:{name} = {places[0]}(...): {note}; no rule chosen")
            continue
        support = f"{len({m.path for m in calls})} of {files} example files"
        proposals.append(Proposal(f"{old}:{name} = {places[0]}({args})", "; ".join(filter(None, [support, note])),
                                  held))
    return proposals
