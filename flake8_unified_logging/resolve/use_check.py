"""The uses of what a rewrite moves, as the file makes them (attribute reads and calls of a name), whether a use
resolves on a class, and whether calls of a renamed name bind to the definition they reach."""
from __future__ import annotations

import _ast as ast
from _collections_abc import Sequence

from ..records import Record
from ..rules import NameRule
from ..source.scopes import FileScopes
from .modules import Unresolved
from .targets import TargetCheck

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .classes import ClassInfo
    from .returns import Definition, Returns


class Use(Record):
    """``name.member`` read at ``line`` (``call``: the call it is the function of), or a call of ``name`` itself
    (``member`` empty)."""

    __slots__ = ()
    member: str
    line: int
    call: ast.Call | None

    def __new__(cls, member: str, line: int, call: ast.Call | None) -> Use:
        return tuple.__new__(cls, (member, line, call))


def uses_of(file: FileScopes, scope: ast.AST, name: str) -> list[Use]:
    """Reads of ``name`` that see its binding in ``scope``, as attribute reads and calls. Passing the object along
    (``configure(name)``) is not a use that can be checked."""
    nodes = file.nodes({name})
    calls = {id(node.func): node for node, _ in nodes if isinstance(node, ast.Call)}
    scopes = file.of({name})
    found = []
    for use, _ in scopes.reads(name, scope):
        parent = scopes.parents.get(use)
        if parent is not None and isinstance(parent.ctx, ast.Load):
            found.append(Use(parent.attr, parent.lineno, calls.get(id(parent))))
        elif parent is None and id(use) in calls:
            found.append(Use("", use.lineno, calls[id(use)]))
    return sorted(found, key=lambda use: use.line)


def member_problem(info: ClassInfo, use: Use) -> str | None:
    if not use.member or (use.member.startswith("__") and use.member.endswith("__")):
        return None
    if info.members is not None and use.member not in info.members:
        return f"has no '{use.member}' (line {use.line})"
    method = info.methods.get(use.member)
    if use.call is None or method is None or method.kind not in ("method", "classmethod", "staticmethod"):
        return None
    from .signatures import bind_problem  # a class was read: the target is in the project

    problem = bind_problem(method.node, use.call, method.kind != "staticmethod")
    return None if problem is None else f"cannot take this call: {problem} (line {use.line})"


def binds(returns: Returns, definition: Definition, call: ast.Call) -> str | None:
    from .signatures import bind_problem  # a definition was read: the target is in the project

    if definition.kind == "function":
        return bind_problem(definition.node, call, False)
    if definition.kind == "class":
        info = returns.classes.info(definition.node, definition.module)
        init = info.methods.get("__init__")
        if info.members is not None and init is not None and init.kind == "method":
            return bind_problem(init.node, call, True)
    return None


def renamed_call_problem(
    project: TargetCheck, path: str, legacy: Sequence[str], rule: NameRule, uses: list[Use]
) -> Unresolved | None:
    """Why calls of a moved or renamed name would not bind to its new definition."""
    calls = [use for use in uses if not use.member and use.call is not None]
    provider = project.provider(path, legacy, rule.new) if calls else None  # in the project: a call of a class
    if provider is None:  # of the standard library binds to a stub's overloads, which tell nothing
        return None
    returns = project.returns
    target = f"{'.'.join(rule.new)}:{rule.target}"
    for definition in returns.definitions(provider[0], tuple(rule.new), rule.target):
        for use in calls:
            problem = binds(returns, definition, use.call)
            if problem is not None:
                problem = problem.replace(f"{definition.node.name}()", f"{target}()", 1)
                return Unresolved(f"{problem} (line {use.line})", ((target, "signature"),))
    return None
