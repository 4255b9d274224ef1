"""What a shim re-exports once no file imports a name from the legacy module any more: the names the rules move
from it and the public names its own file defines (or its literal ``__all__``), each from where its rule says it
went, kept only where that place has it."""
from __future__ import annotations

import _ast as ast
from _collections_abc import Sequence

from ..engine.kinds import kind_of
from ..records import Record
from ..resolve.module_names import bound, module_level
from ..resolve.targets import TargetCheck
from ..rules import NameRule, RuleSet


class Candidates(Record):
    """The names to re-export, and ``(name, why not)`` for those whose new place lacks them."""

    __slots__ = ()
    names: list[str]
    left_out: list[tuple[str, str]]

    def __new__(cls, names: list[str], left_out: list[tuple[str, str]]) -> Candidates:
        return tuple.__new__(cls, (names, left_out))


def _defined(tree: ast.Module) -> set[str]:
    """Public names a module defines itself (functions, classes, assignments), imports left out."""
    names: set[str] = set()
    for node in module_level(tree.body):
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update(name for name in bound(node) if not name.startswith("_"))
    return names


def _legacy_names(parts: tuple[str, ...], lookup: TargetCheck, where: str) -> set[str]:
    found = lookup.provider(where, parts, parts)
    if found is None:
        return set()
    _, module = found
    if module.tree is None:
        return set()
    return set(module.exported) if module.exported is not None else _defined(module.tree)


def destination(parts: Sequence[str], name: str, rules: RuleSet) -> tuple[str, str] | None:
    """``(new module, name there)`` for ``name`` of the legacy module, as its rules move it."""
    rule = rules.name_rule(parts, name)
    if isinstance(rule, NameRule):
        return ".".join(rule.new), rule.target
    found = rules.match(parts)
    return None if found is None else (".".join(found.apply(parts)), name)


def after_migration(module: str, rules: RuleSet, targets: TargetCheck | None, where: str) -> Candidates:
    """The names a shim can re-export when no importer says which ones are needed."""
    parts = tuple(module.split("."))
    wanted = set(rules.names.get(parts, {})) | _legacy_names(parts, targets or TargetCheck(enabled=False), where)
    names, left_out = [], []
    for name in sorted(wanted):
        place = destination(parts, name, rules)
        if place is None:
            left_out.append((name, "no rule moves it"))
            continue
        rule = rules.name_rule(parts, name)
        check = [] if rule is not None and kind_of(rule).RETURNS_OBJECT else [place[1]]
        checking = targets is not None and targets.enabled
        problem = None if not checking else targets.problem(where, parts, place[0].split("."), check)
        if problem is None:
            names.append(name)
        else:
            left_out.append((name, str(problem)))
    return Candidates(names, left_out)
