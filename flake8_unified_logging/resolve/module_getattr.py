"""What a module-level ``__getattr__`` answers, read like any function (never run).

A ``__getattr__`` that returns only under tests of its parameter against a few listed names and raises
``AttributeError`` for every other name (the standard library's ``io``, ``typing``, ``calendar``, ``ast``) adds
exactly those names; any other shape (an unguarded return, a test it cannot read, falling off its end) makes the
module's names unknown.
"""
from __future__ import annotations

import _ast as ast
from _collections_abc import Iterable

from ..source.syntax import walk_all

Constants = dict[str, frozenset[str]]  # module-level names bound to a literal collection of strings


def answered_names(tree: ast.Module) -> frozenset[str] | None:
    """The names the module's last module-level ``__getattr__`` answers; None when it cannot be told."""
    function = None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "__getattr__":
            function = node
    if function is None or function.decorator_list:
        return None
    args = [*getattr(function.args, "posonlyargs", []), *function.args.args]
    if len(args) != 1:
        return None
    guard = _Guard(args[0].arg, _constants(tree.body))
    if not guard.closed(function.body):
        return None
    return frozenset(guard.names)


def _constants(body: Iterable[ast.stmt]) -> Constants:
    """``_deprecated = {"A": ..., "B": ...}``, ``_names = ("A", "B")`` and comprehensions over such literals."""
    found: Constants = {}
    for node in body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            strings = _strings(node.value, found)
            if strings is not None:
                found[node.targets[0].id] = strings
    return found


def _strings(node: ast.expr, known: Constants) -> frozenset[str] | None:
    """The strings a literal collection (or a name bound to one) holds, as ``in`` sees them."""
    if isinstance(node, ast.Name):
        return known.get(node.id)
    if isinstance(node, ast.Dict):
        items: list[ast.expr | None] = list(node.keys)
    elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        items = list(node.elts)
    elif isinstance(node, (ast.DictComp, ast.SetComp)) and len(node.generators) == 1:
        generator = node.generators[0]
        key = node.key if isinstance(node, ast.DictComp) else node.elt
        if generator.ifs or not isinstance(generator.target, ast.Name) or not isinstance(key, ast.Name):
            return None
        if key.id != generator.target.id:
            return None
        return _strings(generator.iter, known)
    else:
        return None
    if not all(isinstance(i, ast.Constant) and isinstance(i.value, str) for i in items):
        return None
    return frozenset(i.value for i in items)  # type: ignore[union-attr]


class _Guard:
    """Follows the function's statements for a name it does not list."""

    def __init__(self, parameter: str, constants: Constants) -> None:
        self.parameter = parameter
        self.constants = constants
        self.names: set[str] = set()

    def closed(self, body: list[ast.stmt]) -> bool:
        """Whether running ``body`` with a name that no guard lists always ends in ``raise AttributeError``."""
        for node in body:
            if _raises_attribute_error(node):
                return True
            if isinstance(node, ast.If):
                listed = self._listed(node.test)
                if listed is not None:
                    self.names |= listed
                    if self.closed(node.orelse):
                        return True
                    continue
            if any(isinstance(inner, ast.Return) for inner in walk_all(node)):
                return False
        return False

    def _listed(self, test: ast.expr) -> frozenset[str] | None:
        """The names a test holds true for (``name == "A"``, ``name in ("A", "B")``, joined by ``or``)."""
        if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
            parts = [self._listed(value) for value in test.values]
            if any(part is None for part in parts):
                return None
            return frozenset().union(*parts)  # type: ignore[arg-type]
        if not isinstance(test, ast.Compare) or len(test.ops) != 1:
            return None
        left, op, right = test.left, test.ops[0], test.comparators[0]
        if isinstance(op, ast.Eq) and isinstance(right, ast.Name) and right.id == self.parameter:
            left, right = right, left
        if not isinstance(left, ast.Name) or left.id != self.parameter:
            return None
        if isinstance(op, ast.Eq) and isinstance(right, ast.Constant) and isinstance(right.value, str):
            return frozenset((right.value,))
        if isinstance(op, ast.In):
            return _strings(right, self.constants)
        return None


def _raises_attribute_error(node: ast.stmt) -> bool:
    if not isinstance(node, ast.Raise) or node.exc is None:
        return False
    exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
    return isinstance(exc, ast.Name) and exc.id == "AttributeError"
