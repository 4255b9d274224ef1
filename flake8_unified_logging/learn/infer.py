"""Rules learned from a hand migration: the import edits of example files (before, after), explained by the
smallest set of rules in the project's own language (module moved, name moved or renamed, object -> factory).

Read on the syntax trees, never run. Every learned rule carries its support (how many example files show it); a
module whose examples disagree gets no rule, and both targets are listed.
"""
from __future__ import annotations

import _ast as ast
from collections import Counter, namedtuple

from ..resolve.module_names import resolve
from ..source.syntax import parse, walk_all
from .arguments import generalise

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    Provides = Callable[[str, str, set[str]], "str | None"]


class Example(namedtuple("Example", "path before after package")):
    """One file of the examples: its path, its text before and after the edit, and its package (relative imports)."""

    __slots__ = ()
    path: str
    before: str
    after: str
    package: tuple[str, ...]


class Move(namedtuple("Move", "kind old name new target args path")):
    """What one file shows: ``kind`` "module" (``old`` became ``new``), "name" (``old:name`` became
    ``new:target``) or "factory" (``old:name`` became ``name = new:target(args)``)."""

    __slots__ = ()
    kind: str
    old: str
    name: str
    new: str
    target: str
    args: ast.Call | None
    path: str


class Learned(namedtuple("Learned", "rules conflicts unexplained examples")):
    """``rules``: ``(rule text, support comment)``; ``conflicts``: lines naming the targets examples disagree on;
    ``unexplained``: ``path: what`` for import edits no rule explains; ``examples``: files with import edits."""

    __slots__ = ()
    rules: list[tuple[str, str]]
    conflicts: list[str]
    unexplained: list[str]
    examples: int


def _imports(tree: ast.Module, package: tuple[str, ...]) -> Counter[tuple[str, str, str, str]]:
    """``(kind, module, name, asname)`` of every import (``kind`` "from" or "import"), modules made absolute."""
    found: Counter[tuple[str, str, str, str]] = Counter()
    for node in walk_all(tree):
        if isinstance(node, ast.ImportFrom):
            source = resolve(package, node.level, node.module)
            module = ".".join(source) if source is not None else "." * node.level + (node.module or "")
            for alias in node.names:
                found["from", module, alias.name, alias.asname or ""] += 1
        elif isinstance(node, ast.Import):
            for alias in node.names:
                found["import", alias.name, "", alias.asname or ""] += 1
    return found


def _names(tree: ast.Module) -> Counter[str]:
    return Counter(node.id for node in walk_all(tree) if isinstance(node, ast.Name))


def _assignments(tree: ast.Module) -> dict[str, ast.Call]:
    """``name = call(...)`` statements of a module (any body), by name."""
    found = {}
    for node in walk_all(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name):
                found[node.targets[0].id] = node.value
    return found


def moves_of(example: Example, modules: frozenset[str] = frozenset()) -> tuple[list[Move], list[str]]:
    """The moves one file's edit shows, and the import edits they leave unexplained; ``modules`` are the dotted
    names the examples import as modules (``from utils import logger_utils`` imports one of them)."""
    try:
        before, after = parse(example.before), parse(example.after)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        return [], [f"{example.path}: cannot parse ({type(error).__name__}), left out"]
    old, new = _imports(before, example.package), _imports(after, example.package)
    removed, added = old - new, new - old
    names_before, names_after = _names(before), _names(after)
    new_calls = {n: c for n, c in _assignments(after).items() if n not in _assignments(before)}
    moves, used = [], Counter()
    for (kind, module, name, asname), _ in removed.items():
        local = asname or name
        if kind == "import":
            match = _plain_match(module, asname, added - used, example.after)
            if match is not None:
                used[match] += 1
                moves.append(Move("module", module, "", match[1], "", None, example.path))
            continue
        submodule = f"{module}.{name}"
        if submodule in modules:  # ``from utils import logger_utils`` -> ``from utils import logging as logger_utils``
            moved = [a for a in added - used if a[0] == "from" and (a[3] or a[2]) == local
                     and f"{a[1]}.{a[2]}" != submodule]
            if moved:
                used[moved[0]] += 1
                moves.append(Move("module", submodule, "", f"{moved[0][1]}.{moved[0][2]}", "", None, example.path))
                continue
        same = [a for a in added - used if a[0] == "from" and a[2] == name and a[3] == asname and a[1] != module]
        if same:
            used[same[0]] += 1
            moves.append(Move("name", module, name, same[0][1], name, None, example.path))
            continue
        call = new_calls.get(local)
        factory = [a for a in added - used if call is not None and a[0] == "from" and a[2] == call.func.id]
        if factory:
            used[factory[0]] += 1
            moves.append(Move("factory", module, name, factory[0][1], call.func.id, call, example.path))
            continue
        renamed = [a for a in added - used if a[0] == "from" and not a[3] and a[2] != name
                   and not names_before[a[2]] and names_after[a[2]] and not names_after[local]]
        renamed += [a for a in added - used if a[0] == "from" and a[3] == local and a[2] != name]  # `as old_name`
        if renamed and not asname:
            used[renamed[0]] += 1
            moves.append(Move("name", module, name, renamed[0][1], renamed[0][2], None, example.path))
    left = [f"{example.path}: removed {_spell(a)}" for a in removed if not _explained(a, moves)]
    left += [f"{example.path}: added {_spell(a)}" for a in added - used]
    return moves, left


def _plain_match(module: str, asname: str, added: Counter, after: str) -> tuple | None:
    """The plain import that replaced ``import module``: one binding the same name (``import utils.logging as
    logging_config`` for ``import logging_config``), or (unaliased) one whose dotted name the file now spells where
    it spelled the old one."""
    local = asname or module.split(".")[0]
    for candidate in added:
        if candidate[0] != "import" or candidate[1] == module:
            continue
        if (asname or candidate[3]) and (candidate[3] or candidate[1].split(".")[0]) == local:
            return candidate
        if not asname and not candidate[3] and f"{module}." not in after and f"{candidate[1]}." in after:
            return candidate
    return None


def _explained(record: tuple, moves: list[Move]) -> bool:
    kind, module, name, _ = record
    return any(m.old == module and (m.name == name or kind == "import" and m.kind == "module")
               or m.kind == "module" and m.old == f"{module}.{name}" for m in moves)


def _spell(record: tuple) -> str:
    kind, module, name, asname = record
    text = f"import {module}" if kind == "import" else f"from {module} import {name}"
    return text + (f" as {asname}" if asname else "")


def _modules_imported(examples: list[Example]) -> frozenset[str]:
    """The dotted names the examples import as modules (``import a.b``, ``from a.b import x``)."""
    found = set()
    for example in examples:
        for text in (example.before, example.after):
            try:
                found.update(module for kind, module, _, _ in _imports(parse(text), example.package))
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                continue
    return frozenset(found)


def learn(examples: list[Example], provides: Provides | None = None) -> Learned:
    """The rules that explain the examples. ``provides(old, new, renamed)`` (optional) answers whether the new
    module binds every name the rest of the tree takes from the old one, but those name rules take elsewhere (a
    reason, or None when it does)."""
    moves: list[Move] = []
    unexplained: list[str] = []
    with_edits = 0
    kept: dict[str, set[str]] = {}  # old module -> files whose "after" still imports it
    modules = _modules_imported(examples)
    for example in examples:
        found, left = moves_of(example, modules)
        with_edits += bool(found or left)
        moves += found
        unexplained += left
        try:
            after = _imports(parse(example.after), example.package)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for kind, module, _, _ in after:
            kept.setdefault(module, set()).add(example.path)
    rules, conflicts = _rules(moves, kept, provides, {e.path: e for e in examples})
    return Learned(rules, conflicts, unexplained, with_edits)


def _rules(
    moves: list[Move], kept: dict[str, set[str]], provides: Provides | None, examples: dict[str, Example]
) -> tuple[list[tuple[str, str]], list[str]]:
    rules: list[tuple[str, str]] = []
    conflicts: list[str] = []
    by_old: dict[str, list[Move]] = {}
    for move in moves:
        by_old.setdefault(move.old, []).append(move)
    for old, group in by_old.items():
        files = len({m.path for m in group})
        # Where the module went: plain imports, and names that kept their name.
        went = Counter(m.new for m in group if m.kind == "module" or m.kind == "name" and m.target == m.name)
        module_rule = None
        if len(went) == 1 and not kept.get(old):
            (new,) = went
            renamed = {m.name for m in group if m.kind == "name" and (m.target != m.name or m.new != new)}
            reason = provides(old, new, renamed) if provides is not None else None
            if reason is None:
                module_rule = new
                rules.append((f"{old} = {new}", f"{files} of {files} example files"))
            else:
                rules.append(("", f"name rules, not '{old} = {new}': {reason}"))
        plain = Counter(m.new for m in group if m.kind == "module")
        if len(plain) > 1:
            listed = ", ".join(f"{new} ({count} files)" for new, count in plain.most_common())
            conflicts.append(f"import {old} becomes different modules: {listed}; no rule chosen")
        for name in sorted({m.name for m in group if m.kind == "name"}):
            seen = Counter(f"{m.new}:{m.target}" for m in group if m.kind == "name" and m.name == name)
            if len(seen) > 1:
                listed = ", ".join(f"{target} ({count} files)" for target, count in seen.most_common())
                conflicts.append(f"{old}:{name} moves to different places: {listed}; no rule chosen")
                continue
            ((target, support),) = seen.items()
            new, new_name = target.split(":")
            if module_rule != new or new_name != name:
                rules.append((f"{old}:{name} = {target}", f"{support} of {files} example files"))
        for name in sorted({m.name for m in group if m.kind == "factory"}):
            calls = [m for m in group if m.kind == "factory" and m.name == name]
            places = sorted({f"{m.new}:{m.target}" for m in calls})
            if len(places) > 1:
                conflicts.append(f"{old}:{name} is made by different factories: {', '.join(places)}; no rule chosen")
                continue
            args, note = generalise([(m.args, examples[m.path]) for m in calls])
            if args is None:
                conflicts.append(f"{old}:{name} = {places[0]}(...): {note}; no rule chosen")
                continue
            rules.append((f"{old}:{name} = {places[0]}({args})", note))
    return rules, conflicts
