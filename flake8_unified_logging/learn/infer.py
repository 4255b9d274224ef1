"""Rules learned from a hand migration: the import edits of example files (before, after), explained by the
smallest set of rules in the project's own language (module moved, name moved or renamed, object -> factory).

Read on the syntax trees, never run. Every learned rule carries its support (how many example files show it); a
module whose examples disagree gets no rule, and both targets are listed.
"""
from __future__ import annotations

import _ast as ast
import os
from collections import Counter

from ..records import Record
from .facts import Facts, callee, facts_of
from .values import ExampleFile, ShownMove
from .proof import Taken, taken_from, under
from .propose import Evidence, Proposal, propose
from ..resolve.module_names import resolve
from ..source.syntax import parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .objects import Bound
    from .propose import Provides


class Learned(Record):
    """``rules``: the proposals (a rule and its support, or a comment alone); ``conflicts``: lines naming the
    targets examples disagree on;
    ``unexplained``: ``path: what`` for import edits no rule explains; ``examples``: files with import edits."""

    __slots__ = ()
    rules: list[Proposal]
    conflicts: list[str]
    unexplained: list[str]
    examples: int
    edited: tuple[str, ...]  # the paths of the examples with import edits

    def __new__(
        cls,
        rules: list[Proposal],
        conflicts: list[str],
        unexplained: list[str],
        examples: int,
        edited: tuple[str, ...] = (),
    ) -> Learned:
        return tuple.__new__(cls, (rules, conflicts, unexplained, examples, edited))


def _imports(
    facts: Facts, package: tuple[str, ...], skip: Counter | None = None
) -> Counter[tuple[str, str, str, str]]:
    """``(kind, module, name, asname)`` of every import (``kind`` "from" or "import"), modules made absolute;
    ``skip``: relative imports, as spelled, to leave out."""
    found: Counter[tuple[str, str, str, str]] = Counter()
    skip = Counter(skip or ())
    for node in facts.imports:
        if isinstance(node, ast.ImportFrom):
            spelled = (node.level, node.module, tuple((a.name, a.asname) for a in node.names))
            if node.level and skip[spelled]:
                skip[spelled] -= 1
                continue
            source = resolve(package, node.level, node.module)
            module = ".".join(source) if source is not None else "." * node.level + (node.module or "")
            for alias in node.names:
                found["from", module, alias.name, alias.asname or ""] += 1
        elif isinstance(node, ast.Import):
            for alias in node.names:
                found["import", alias.name, "", alias.asname or ""] += 1
    return found


def _relative(facts: Facts) -> Counter[tuple[int, str | None, tuple]]:
    """The relative ``from`` statements of a tree, as spelled (their names included)."""
    return Counter((node.level, node.module, tuple((a.name, a.asname) for a in node.names))
                   for node in facts.imports if isinstance(node, ast.ImportFrom) and node.level)


def _factory(call: ast.Call | None, new: Counter) -> tuple[tuple, str, str] | None:
    """The import that gives the callee of ``call`` (``from m import f [as g]`` for ``g(...)``, ``import a.b``
    for ``a.b.f(...)``), with the module and the factory's name there."""
    found = callee(call) if call is not None else None
    if found is None:
        return None
    spelled, local = found
    for record in new:
        kind, module, name, asname = record
        if not spelled and kind == "from" and (asname or name) == local:
            return record, module, name
        if spelled and kind == "import" and (asname or module) == spelled:
            return record, module, local
    return None


def sides_of(example: ExampleFile) -> tuple[Facts, Facts] | str:
    """What the two sides of an example hold, or why they cannot be read."""
    try:
        return facts_of(parse(example.before)), facts_of(parse(example.after))
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        return f"{os.path.relpath(example.path)}: cannot parse ({type(error).__name__}), left out"


def moves_of(
    example: ExampleFile, sides: tuple[Facts, Facts] | str, modules: frozenset[str] = frozenset()
) -> tuple[list[ShownMove], list[str]]:
    """The moves one file's edit shows, and the import edits they leave unexplained; ``modules`` are the dotted
    names the examples import as modules (``from utils import logger_utils`` imports one of them)."""
    if isinstance(sides, str):
        return [], [sides]
    before, after = sides
    same = _relative(before) & _relative(after)  # a renamed file's relative imports, unchanged, move nothing
    old, new = _imports(before, example.package_before, same), _imports(after, example.package, same)
    removed, added = old - new, new - old
    names_before, names_after = before.names, after.names
    new_calls = {n: c for n, c in after.assignments.items() if n not in before.assignments}
    moves, used = [], Counter()

    def take(record: tuple) -> None:
        if record in added:
            used[record] += 1

    for (kind, module, name, asname), _ in removed.items():
        local = asname or name
        if kind == "import":
            match = _plain_match(module, asname, added - used, sides) or _as_submodule(module, asname, new)
            moved = module
            if match is None:
                match, moved = _respelled(module, asname, added - used, before, after) or (None, module)
            if match is not None:
                take(match)
                target = match[1] if match[0] == "import" else f"{match[1]}.{match[2]}"
                moves.append(ShownMove("module", moved, "", target, "", None, example.path))
            continue
        submodule = f"{module}.{name}"
        if submodule in modules:  # ``from utils import logger_utils`` -> ``from utils import logging as logger_utils``
            moved = [a for a in added - used if a[0] == "from" and (a[3] or a[2]) == local
                     and f"{a[1]}.{a[2]}" != submodule]
            if moved:
                take(moved[0])
                moves.append(ShownMove("module", submodule, "", f"{moved[0][1]}.{moved[0][2]}", "", None, example.path))
                continue
        kept = [a for a in added - used if a[0] == "from" and a[2] == name and a[3] == asname and a[1] != module]
        if kept:
            take(kept[0])
            moves.append(ShownMove("name", module, name, kept[0][1], name, None, example.path))
            continue
        factory = _factory(new_calls.get(local), added - used) or _factory(new_calls.get(local), new)
        if factory is not None:
            take(factory[0])
            moves.append(ShownMove("factory", module, name, factory[1], factory[2], new_calls[local], example.path))
            continue
        renamed = [a for a in added - used if a[0] == "from" and not a[3] and a[2] != name
                   and not names_before[a[2]] and not names_after[local] and before.respelled(local, after, a[2])]
        if len(renamed) > 1 or renamed and renamed[0][1] == module and not _one_for_one(module, removed, added):
            renamed = []  # which name became which cannot be told
        renamed += [a for a in added - used if a[0] == "from" and a[3] == local and a[2] != name]  # `as old_name`
        if renamed and not asname:
            take(renamed[0])
            moves.append(ShownMove("name", module, name, renamed[0][1], renamed[0][2], None, example.path))
    for record in removed:  # a name imported but not used: renamed where its statement's other names went
        kind, module, name, asname = record
        places = {m.new for m in moves if m.old == module and m.kind == "name"}
        if kind != "from" or asname or len(places) != 1 or _explained(record, moves) or names_after[name] \
                or names_before[name]:  # a name used needs its uses respelled
            continue
        alone = [a for a in added - used if a[0] == "from" and a[1] in places and not a[3] and not names_before[a[2]]]
        if len(alone) == 1:
            take(alone[0])
            moves.append(ShownMove("name", module, name, alone[0][1], alone[0][2], None, example.path))
    shown = os.path.relpath(example.path)
    left = [f"{shown}: removed {_spell(a)}" for a in removed if not _explained(a, moves)]
    left += [f"{shown}: added {_spell(a)}" for a in added - used]
    return moves, left


def _one_for_one(module: str, removed: Counter, added: Counter) -> bool:
    """Whether the edit swapped exactly one name imported from ``module`` for another."""
    return [r[1] for r in removed if r[0] == "from"].count(module) == 1 == [
        a[1] for a in added if a[0] == "from"].count(module)


def _as_submodule(module: str, asname: str, new: Counter) -> tuple | None:
    """``from unittest import mock`` where the file said ``import mock``: the module, now taken from a package
    under the name it had (added by the edit, or already there as the fallback of a ``try``)."""
    local = asname or module
    if "." in local:
        return None
    for candidate in new:
        kind, package, name, alias = candidate
        if kind == "from" and (alias or name) == local and f"{package}.{name}" != module and package[:1] != ".":
            return candidate
    return None


def _respelled(module: str, asname: str, added: Counter, before: Facts, after: Facts
               ) -> tuple[tuple, str] | None:
    """The import that took the place of ``import module`` under another local name, every use respelled
    through it (``import asynctest`` + ``asynctest.X`` -> ``from unittest import mock`` + ``mock.X``), with the
    module it replaces: a submodule when every use went through it (``asynctest.mock.patch`` -> ``mock.patch``
    moves ``asynctest.mock``)."""
    local = asname or module
    if after.names[local.split(".")[0]]:
        return None
    chain, through = local, module
    while before.attributes.get(chain) and len(before.attributes[chain]) == 1 and before.attributes.get(
            f"{chain}.{next(iter(before.attributes[chain]))}"):
        segment = next(iter(before.attributes[chain]))
        chain, through = f"{chain}.{segment}", f"{through}.{segment}"
    if not before.attributes.get(chain):
        return None
    for candidate in added:
        kind, package, name, alias = candidate
        bound = alias or (name if kind == "from" else package)
        if package[:1] == "." or name == "*" or before.names[bound.split(".")[0]]:
            continue
        if before.respelled(local, after, bound):
            return candidate, module
        if chain != local and before.respelled(chain, after, bound):
            return candidate, through
    return None


def _plain_match(module: str, asname: str, added: Counter, sides: tuple[Facts, Facts]) -> tuple | None:
    """The plain import that replaced ``import module``: one binding the same name (``import utils.logging as
    logging_config`` for ``import logging_config``), or (unaliased) one whose dotted name the file now spells
    wherever it spelled the old one (every attribute read through the old read through the new)."""
    local = asname or module.split(".")[0]
    before, after = sides
    for candidate in added:
        if candidate[0] != "import" or candidate[1] == module:
            continue
        if (asname or candidate[3]) and (candidate[3] or candidate[1].split(".")[0]) == local:
            return candidate
        if not asname and not candidate[3] and not after.attributes.get(module) and before.respelled(
                module, after, candidate[1]):
            return candidate
    return None


def _explained(record: tuple, moves: list[ShownMove]) -> bool:
    kind, module, name, _ = record
    return any(m.old == module and (m.name == name or kind == "import" and m.kind == "module")
               or kind == "import" and m.kind == "module" and m.old.startswith(f"{module}.")
               or m.kind == "module" and m.old == f"{module}.{name}" for m in moves)


def _spell(record: tuple) -> str:
    kind, module, name, asname = record
    text = f"import {module}" if kind == "import" else f"from {module} import {name}"
    return text + (f" as {asname}" if asname else "")


def _modules_imported(examples: list[ExampleFile], sides: dict[str, tuple[Facts, Facts] | str]) -> frozenset[str]:
    """The dotted names the examples import as modules (``import a.b``, ``from a.b import x``)."""
    found = set()
    for example in examples:
        read = sides[example.path]
        if isinstance(read, str):
            continue
        for facts, package in zip(read, (example.package_before, example.package)):
            found.update(module for kind, module, _, _ in _imports(facts, package))
    return frozenset(found)


def _module_of(path: str, package: tuple[str, ...]) -> tuple[str, ...]:
    stem = os.path.splitext(os.path.basename(path))[0]
    return (*package, stem) if stem != "__init__" else package


class Study(Record):
    """What the examples show, read once: their moves, the edits no move explains, the paths of the files with
    import edits, the evidence beside the moves, and what each example's two sides hold."""

    __slots__ = ()
    examples: list[ExampleFile]
    moves: list[ShownMove]
    unexplained: list[str]
    edited: tuple[str, ...]
    evidence: Evidence
    sides: dict[str, tuple[Facts, Facts] | str]

    def __new__(
        cls,
        examples: list[ExampleFile],
        moves: list[ShownMove],
        unexplained: list[str],
        edited: tuple[str, ...],
        evidence: Evidence,
        sides: dict[str, tuple[Facts, Facts] | str],
    ) -> Study:
        return tuple.__new__(cls, (examples, moves, unexplained, edited, evidence, sides))


def study(examples: list[ExampleFile]) -> Study:
    moves: list[ShownMove] = []
    unexplained: list[str] = []
    edited = []
    kept: dict[str, set[str]] = {}  # module -> files whose "after" still imports it
    taken: dict[str, list[Taken]] = {}
    relocated = []
    sides = {example.path: sides_of(example) for example in examples}
    modules = _modules_imported(examples, sides)
    for example in examples:
        read = sides[example.path]
        found, left = moves_of(example, read, modules)
        if found or left:
            edited.append(example.path)
        moves += found
        unexplained += left
        if example.old_path is not None and example.old_path != example.path:
            old, new = _module_of(example.old_path, example.package_before), _module_of(example.path, example.package)
            if old and new and old != new:
                relocated.append((old, new))
        if isinstance(read, str):
            continue
        taken[example.path] = list(taken_from(read[0], example.package_before, ()))
        for kind, module, _, _ in _imports(read[1], example.package):
            kept.setdefault(module, set()).add(os.path.relpath(example.path))
    olds = {m.old for m in moves if m.kind != "factory"}
    kept = {module: paths for module, paths in kept.items() if any(under(_dotted(module), _dotted(o)) for o in olds)}
    return Study(examples, moves, unexplained, tuple(edited), Evidence(relocated, kept, taken, len(edited)), sides)


def learn(examples: list[ExampleFile] | Study, provides: Provides | None = None, bound: Bound | None = None) -> Learned:
    """The rules that explain the examples. ``provides(old, new, shown, elsewhere, near)`` (optional) answers why
    the new module is not proven to bind every name the rest of the tree takes from the old one (None when it
    is); ``bound`` (optional) tells when two imports bind the same object."""
    read = examples if isinstance(examples, Study) else study(examples)
    rules, conflicts = propose(read.moves, read.evidence, provides, {e.path: e for e in read.examples}, bound)
    return Learned(rules, conflicts, read.unexplained, len(read.edited), read.edited)


def _dotted(text: str) -> tuple[str, ...]:
    return tuple(text.split("."))
