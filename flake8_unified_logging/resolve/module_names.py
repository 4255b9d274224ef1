"""The names a module binds at module level, read from its syntax tree (never imported or run)."""
from __future__ import annotations

import _ast as ast
from collections.abc import Iterable

from ..source.syntax import iter_child_nodes


def resolve(package: tuple[str, ...], level: int, module: str | None) -> tuple[str, ...] | None:
    tail = tuple(module.split(".")) if module else ()
    if level == 0:
        return tail
    if level - 1 > len(package):
        return None
    return (*package[: len(package) - level + 1], *tail)


def module_level(body: list[ast.stmt]) -> Iterable[ast.stmt]:
    """Statements run at module level: the body, and every branch of ``if``, ``try``, ``with``, loops."""
    for node in body:
        yield node
        for field in ("body", "orelse", "finalbody"):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                yield from module_level(getattr(node, field, []) or [])
        for handler in getattr(node, "handlers", []) or []:
            yield from module_level(handler.body)


def bound(node: ast.stmt) -> set[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    targets: list[ast.AST] = []
    if isinstance(node, ast.Assign):
        targets = list(node.targets)
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor)):
        targets = [node.target]
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        targets = [item.optional_vars for item in node.items if item.optional_vars is not None]
    names = set()
    stack = list(targets)
    while stack:
        target = stack.pop()
        if isinstance(target, ast.Name):
            names.add(target.id)
        elif isinstance(target, (ast.Tuple, ast.List, ast.Starred)):
            stack.extend(iter_child_nodes(target))
    return names


def writes_globals(node: ast.stmt) -> bool:
    """``globals()[...] = ...`` or ``globals().update(...)`` at module level."""
    if not isinstance(node, (ast.Assign, ast.Expr)):
        return False
    stack: list[ast.AST] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.Call) and isinstance(current.func, ast.Name) and current.func.id == "globals":
            return True
        stack.extend(iter_child_nodes(current))
    return False


def all_of(tree: ast.Module) -> frozenset[str] | None:
    """The strings of a module's ``__all__`` list or tuple, if it has a literal one."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            if isinstance(node.value, (ast.List, ast.Tuple)):
                return frozenset(e.value for e in node.value.elts if isinstance(e, ast.Constant))
    return None
