"""What following a function's returns needs of its body, read in one pass (never run)."""
from __future__ import annotations

import _ast as ast

from ..records import Record
from ..source.scopes import bound_names
from ..source.syntax import iter_child_nodes, walk_all

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


class Body(Record):
    """What following a function needs of its body (nested functions, lambdas and classes left out), read in
    one pass: its parameter names, the names it binds, its ``return`` statements, ``(target, value)``
    assignments, how often each name is bound, and whether it yields."""

    __slots__ = ()
    parameters: list[str]
    local: frozenset[str]
    returns: list[ast.Return]
    assignments: list[tuple[ast.expr, ast.expr]]
    bindings: dict[str, int]
    generator: bool

    def __new__(
        cls,
        parameters: list[str],
        local: frozenset[str],
        returns: list[ast.Return],
        assignments: list[tuple[ast.expr, ast.expr]],
        bindings: dict[str, int],
        generator: bool,
    ) -> Body:
        return tuple.__new__(cls, (parameters, local, returns, assignments, bindings, generator))


def body_of(function: ast.AST) -> Body:
    args = function.args  # type: ignore[attr-defined]
    parameters = [a.arg for a in (*getattr(args, "posonlyargs", []), *args.args, *args.kwonlyargs)]
    parameters += [a.arg for a in (args.vararg, args.kwarg) if a is not None]
    returns, assignments, bindings, declared, generator = [], [], {}, set(), False
    stack = list(getattr(function, "body", []))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return):
            returns.append(node)
        elif isinstance(node, ast.Assign):
            assignments += [(target, node.value) for target in node.targets]
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            assignments.append((node.target, node.value))
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            declared.update(node.names)
        generator = generator or isinstance(node, (ast.Yield, ast.YieldFrom))
        for name in bound_names(node):
            bindings[name] = bindings.get(name, 0) + 1
        if not isinstance(node, (*_FUNCTIONS, ast.ClassDef)):
            stack.extend(iter_child_nodes(node))
    local = frozenset(bindings) - declared
    return Body(parameters, local, returns, assignments, bindings, generator)


def dotted(node: ast.expr) -> str | None:
    """``name`` or ``name.attribute``, as text (the spelling of a cache)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return None


def names_in(target: ast.AST) -> set[str]:
    return {n.id for n in walk_all(target) if isinstance(n, ast.Name)}


def last_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def is_classmethod(function: ast.AST) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "classmethod" for d in function.decorator_list)  # type: ignore
