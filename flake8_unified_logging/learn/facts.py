"""What ``learn`` reads from one syntax tree, gathered in a single walk: its import statements, the names it
uses, its ``name = call(...)`` assignments and the attributes it reads on dotted names."""
from __future__ import annotations

import _ast as ast
from collections import Counter

from ..records import Record
from ..source.syntax import dotted_name, walk_all


class Facts(Record):
    __slots__ = ()
    imports: list[ast.Import | ast.ImportFrom]
    names: Counter[str]
    assignments: dict[str, ast.Call]  # ``name = f(...)`` / ``name: T = a.b.f(...)``, by name
    attributes: dict[str, set[str]]  # ``a.b.c`` read: "a" -> {"b"}, "a.b" -> {"c"}
    called: dict[str, set[tuple]]  # the names called (``f(...)``): how many positional arguments, which keywords

    def __new__(
        cls,
        imports: list[ast.Import | ast.ImportFrom],
        names: Counter[str],
        assignments: dict[str, ast.Call],
        attributes: dict[str, set[str]],
        called: dict[str, set[tuple]] | None = None,
    ) -> Facts:
        return tuple.__new__(cls, (imports, names, assignments, attributes, called or {}))

    def respelled(self, old: str, after: Facts, new: str) -> bool:
        """Whether the uses of ``old`` here survive in ``after`` spelled ``new``: both are used, every
        attribute read through ``old`` is read through ``new``, and every way ``old`` was called (the number of
        arguments, the keywords) ``new`` is called too. A use the edit deleted or restructured (``Extra.allow``
        -> ``SettingsConfigDict(extra="allow")``, ``Client()`` + ``client.make(p)`` -> ``make(p)``) is no
        respelling."""
        used = self.names[old.split(".")[0]] and after.names[new.split(".")[0]]
        return bool(used) and self.attributes.get(old, set()) <= after.attributes.get(new, set()) and (
            self.called.get(old, set()) <= after.called.get(new, set()))


def callee(call: ast.Call) -> tuple[str, str] | None:
    """``("", f)`` for ``f(...)``, ``("a.b", "f")`` for ``a.b.f(...)``; None for any other callee."""
    dotted = dotted_name(call.func)
    if dotted is None:
        return None
    spelled, _, function = dotted.rpartition(".")
    return spelled, function


def facts_of(tree: ast.Module) -> Facts:
    imports: list[ast.Import | ast.ImportFrom] = []
    names: Counter[str] = Counter()
    assignments: dict[str, ast.Call] = {}
    attributes: dict[str, set[str]] = {}
    called: dict[str, set[tuple]] = {}
    for node in walk_all(tree):
        if isinstance(node, ast.Name):
            names[node.id] += 1
        elif isinstance(node, ast.Attribute):
            value = dotted_name(node.value)
            if value is not None:
                attributes.setdefault(value, set()).add(node.attr)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.append(node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            called.setdefault(node.func.id, set()).add((len(node.args), *sorted(k.arg or "**" for k in node.keywords)))
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else getattr(
                node, "target", None)
            value = node.value
            if isinstance(target, ast.Name) and isinstance(value, ast.Call) and callee(value) is not None:
                assignments[target.id] = value
    return Facts(imports, names, assignments, attributes, called)
