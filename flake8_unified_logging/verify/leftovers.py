"""The verifier's own view of legacy references: where a module imported as ``import a.b`` is used, and which
uses a fix left behind. Written apart from the engine (its own walk over ``ast``, its own scope rules) so that
the engine's line prefilter, scopes and positions are never used to judge themselves.
"""
from __future__ import annotations

import ast
from collections import Counter
from typing import Callable, Iterator

from ..records import Record

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_SCOPES = (*_FUNCTIONS, ast.ClassDef, ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


class DottedUse(Record):
    """A load of ``dotted`` (a name and its attributes) at ``line``, and the syntactic position it sits in."""

    __slots__ = ()
    line: int
    root: str
    dotted: str
    position: str
    scopes: tuple[ast.AST, ...]

    def __new__(cls, line: int, root: str, dotted: str, position: str, scopes: tuple[ast.AST, ...]) -> DottedUse:
        return tuple.__new__(cls, (line, root, dotted, position, scopes))


def dotted_of(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def bound_name(alias: ast.alias) -> str:
    """The local name an import binds for ``alias``."""
    return alias.asname or alias.name.split(".")[0]


def uses(tree: ast.AST) -> Iterator[DottedUse]:
    """Every outermost attribute chain ``a.b...`` that is read, with the field it fills and its scopes."""
    stack: list[tuple[ast.AST, str, tuple[ast.AST, ...]]] = [(tree, "module", (tree,))]
    # The first iterable of a comprehension is evaluated in the scope around it.
    evaluated_in: dict[ast.AST, tuple[ast.AST, ...]] = {}
    while stack:
        node, position, scopes = stack.pop()
        scopes = evaluated_in.pop(node, scopes)
        if isinstance(node, ast.Attribute) and isinstance(getattr(node, "ctx", None), ast.Load):
            dotted = dotted_of(node)
            if dotted is not None:
                yield DottedUse(node.lineno, dotted.split(".")[0], dotted, position, scopes)
                continue
        inner = (*scopes, node) if isinstance(node, _SCOPES) else scopes
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            evaluated_in[node.generators[0].iter] = scopes
        for field, value in ast.iter_fields(node):
            children = value if isinstance(value, list) else [value]
            for child in children:
                if isinstance(child, ast.AST):
                    where = f"{type(node).__name__}.{field}"
                    stack.append((child, where, scopes if _outside(node, field) else inner))


def _outside(node: ast.AST, field: str) -> bool:
    """Whether ``node.field`` is evaluated in the scope around ``node`` rather than in ``node``'s own."""
    if isinstance(node, _FUNCTIONS):
        return field in ("decorator_list", "returns", "type_params", "args")
    if isinstance(node, ast.ClassDef):
        return field != "body"
    if isinstance(node, ast.arguments):
        return True
    return False


def _bindings(scope: ast.AST) -> dict[str, list[ast.AST]]:
    """What binds each name in ``scope`` itself (nested scopes' own bindings left out)."""
    found: dict[str, list[ast.AST]] = {}

    def bind(name: str, node: ast.AST) -> None:
        found.setdefault(name, []).append(node)

    if isinstance(scope, _FUNCTIONS):
        args = scope.args
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if arg is not None:
                bind(arg.arg, arg)
    todo: list[ast.AST] = list(_own_children(scope))
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name != "*":
                    bind(bound_name(alias), node)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bind(node.id, node)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                bind(name, node)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bind(node.name, node)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bind(node.name, node)
        elif type(node).__name__ in ("MatchAs", "MatchStar") and getattr(node, "name", None):
            bind(node.name, node)
        elif type(node).__name__ == "MatchMapping" and getattr(node, "rest", None):
            bind(node.rest, node)
        if isinstance(node, _SCOPES):
            todo.extend(_evaluated_outside(node))
        else:
            todo.extend(ast.iter_child_nodes(node))
    return found


def _own_children(scope: ast.AST) -> list[ast.AST]:
    if isinstance(scope, ast.Lambda):
        return [scope.body]
    if isinstance(scope, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
        return [child for child in ast.iter_child_nodes(scope)]
    if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)):
        return list(scope.body)
    return []


def _evaluated_outside(scope: ast.AST) -> list[ast.AST]:
    """The parts of a nested scope that its enclosing scope evaluates (and where walrus targets could bind)."""
    if isinstance(scope, _FUNCTIONS):
        args = scope.args
        parts: list[ast.AST | None] = [*args.defaults, *args.kw_defaults]
        if not isinstance(scope, ast.Lambda):
            parts += scope.decorator_list
        return [p for p in parts if p is not None]
    if isinstance(scope, ast.ClassDef):
        return [*scope.decorator_list, *scope.bases, *scope.keywords]
    return [scope.generators[0].iter]


class Resolver:
    """Which binding a name read in a chain of scopes refers to, by Python's rules."""

    def __init__(self) -> None:
        self._cache: dict[ast.AST, dict[str, list[ast.AST]]] = {}

    def bindings(self, scope: ast.AST) -> dict[str, list[ast.AST]]:
        if scope not in self._cache:
            self._cache[scope] = _bindings(scope)
        return self._cache[scope]

    def binders(self, name: str, scopes: tuple[ast.AST, ...]) -> list[ast.AST]:
        """The nodes binding ``name`` in the scope a read of it in ``scopes`` sees (empty: a builtin or unbound)."""
        for depth in range(len(scopes) - 1, -1, -1):
            scope = scopes[depth]
            if isinstance(scope, ast.ClassDef) and depth != len(scopes) - 1:
                continue
            found = self.bindings(scope).get(name, [])
            if any(isinstance(node, ast.Global) for node in found):
                return self.bindings(scopes[0]).get(name, [])
            if found and not all(isinstance(node, ast.Nonlocal) for node in found):
                return found
        return []


def is_package_import(binders: list[ast.AST], name: str) -> bool:
    """Whether every binding of ``name`` is a plain ``import name[.sub]``: then it is the package object."""
    return bool(binders) and all(
        isinstance(node, ast.Import)
        and all(alias.asname is None for alias in node.names if bound_name(alias) == name)
        for node in binders
    )


def left_behind(tree: ast.AST, is_legacy: Callable[[str], bool]) -> list[tuple[int, str, list[ast.AST]]]:
    """Reads of a legacy module through its package object that are still in ``tree``:
    ``(line, dotted name, the import statements that bind its package there)``."""
    resolver = Resolver()
    found = []
    for use in uses(tree):
        parts = use.dotted.split(".")
        if not any(is_legacy(".".join(parts[:end])) for end in range(2, len(parts) + 1)):
            continue
        binders = resolver.binders(use.root, use.scopes)
        if is_package_import(binders, use.root):
            found.append((use.line, use.dotted, binders))
    return found


def positions_of_plain_imports(tree: ast.AST) -> Counter[tuple[str, str]]:
    """For each module a file imports as ``import a.b`` (dotted, no alias), the positions its reads sit in."""
    modules = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if "." in alias.name and alias.asname is None
    }
    counts: Counter[tuple[str, str]] = Counter()
    if not modules:
        return counts
    resolver = Resolver()
    for use in uses(tree):
        for module in modules:
            if (use.dotted + ".").startswith(module + ".") and use.dotted != module:
                if is_package_import(resolver.binders(use.root, use.scopes), use.root):
                    counts[module, use.position] += 1
    return counts
