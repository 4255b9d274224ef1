"""Check 3: every import statement binds the same local names to the same (renamed) targets."""
from __future__ import annotations

import ast
from collections import Counter
from typing import Iterator

from ..records import Record
from .leftovers import bound_name
from .rules_view import Renamer


class Binding(Record):
    __slots__ = ()
    scope: tuple[str, ...]
    local: str
    target: str
    known: int

    def __new__(cls, scope: tuple[str, ...], local: str, target: str, known: int) -> Binding:
        return tuple.__new__(cls, (scope, local, target, known))


def bindings(tree: ast.AST, package: list[str]) -> list[Binding]:
    """What every import statement binds: local name, full target, and how many leading segments are context."""
    found = []
    for node, scope in walk_scoped(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = bound_name(alias)
                found.append(Binding(scope, local, alias.name, 0))
        elif isinstance(node, ast.ImportFrom):
            base: list[str]
            known = 0
            if node.level and 0 < node.level <= len(package):
                base = package[: len(package) - node.level + 1]
                known = len(base)
            elif node.level:
                base = ["." * node.level]
            else:
                base = []
            module = node.module.split(".") if node.module else []
            for alias in node.names:
                target = ".".join([*base, *module, alias.name])
                found.append(Binding(scope, alias.asname or alias.name, target, known))
    return found


def walk_scoped(tree: ast.AST) -> Iterator[tuple[ast.AST, tuple[str, ...]]]:
    stack: list[tuple[ast.AST, tuple[str, ...]]] = [(tree, ())]
    while stack:
        node, scope = stack.pop()
        yield node, scope
        inner = scope
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            inner = (*scope, node.name)
        stack.extend((child, inner) for child in ast.iter_child_nodes(node))


def _candidates(renamer: Renamer, binding: Binding) -> set[str]:
    target = binding.target
    if target.startswith("."):
        dots = len(target) - len(target.lstrip("."))
        return {"." * dots + c for c in renamer.candidates(target[dots:].split("."), 0)}
    return renamer.candidates(target.split("."), binding.known)


def check_imports(
    old: list[Binding], new: list[Binding], renamer: Renamer, assigned: frozenset[tuple[tuple[str, ...], str]]
) -> str | None:
    """Every old binding is bound as before or as its rule says; ``assigned``: the (scope, name) pairs the new
    code binds by a factory's call (a factory's object may be bound that way only)."""
    remaining = Counter((b.scope, b.local, b.target) for b in new)
    for binding in old:
        named = renamer.names.get(binding.target)
        unchanged = (binding.scope, binding.local, binding.target)
        if named is not None and remaining[unchanged] > 0:
            remaining[unchanged] -= 1  # left as it was (check 8 wants it reported)
            continue
        if named is not None:
            module, target, factory = named
            if factory and (binding.scope, binding.local) not in assigned:
                return f"{binding.local} = {binding.target} is not assigned from the factory {target}"
            local = target if factory or binding.local == binding.target.rsplit(".", 1)[1] else binding.local
            option = (binding.scope, local, f"{module}.{target}")
            if remaining[option] > 0:
                remaining[option] -= 1
            elif not factory:
                return f"{binding.local} = {binding.target} is no longer bound as its rule says"
            continue
        options = [(binding.scope, binding.local, binding.target)]
        for target in sorted(_candidates(renamer, binding)):
            options.append((binding.scope, binding.local, target))
            if binding.target.split(".")[0] == binding.local and binding.local != target.split(".")[0]:
                options.append((binding.scope, target.split(".")[0], target))
        for option in options:
            if remaining[option] > 0:
                remaining[option] -= 1
                break
        else:
            return f"{binding.local} = {binding.target} is no longer bound as before"
    extra = [key for key, count in remaining.items() if count > 0]
    return f"new binding {extra[0][1]} = {extra[0][2]}" if extra else None
