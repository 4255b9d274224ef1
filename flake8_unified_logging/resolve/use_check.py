"""Whether every use of what a rewrite moves resolves: the members a file uses on a factory's object exist on what
the factory returns, and calls through the object or of a renamed name bind to the definitions they reach."""
from __future__ import annotations

import _ast as ast
from collections.abc import Callable, Sequence

from ..records import Record
from ..rules import NameRule
from ..source.scopes import Scopes, walk
from ..source.syntax import parse
from .classes import ClassInfo
from .lack_kinds import signature_of
from .modules import Unresolved
from .returns import Definition, Returns
from .signatures import bind_problem
from .targets import TargetCheck


class Use(Record):
    """``name.member`` read at ``line`` (``call``: the call it is the function of), or a call of ``name`` itself
    (``member`` empty)."""

    __slots__ = ()
    member: str
    line: int
    call: ast.Call | None

    def __new__(cls, member: str, line: int, call: ast.Call | None) -> Use:
        return tuple.__new__(cls, (member, line, call))


def uses_of(
    tree: ast.Module, scope: ast.AST, name: str, keep: Callable[[ast.AST], bool] | None = None
) -> list[Use]:
    """Reads of ``name`` that see its binding in ``scope``, as attribute reads and calls (``keep`` prunes the
    nodes that cannot hold the name). Passing the object along (``configure(name)``) is not a use that can be
    checked."""
    calls = {id(node.func): node for node, _ in walk(tree, keep) if isinstance(node, ast.Call)}
    scopes = Scopes(tree, {name}, keep)
    found = []
    for use, chain in scopes.uses[name]:
        if scopes.binding_scope(name, chain) is not scope:
            continue
        parent = scopes.parents.get(use)
        if parent is not None and isinstance(parent.ctx, ast.Load):
            found.append(Use(parent.attr, parent.lineno, calls.get(id(parent))))
        elif parent is None and id(use) in calls:
            found.append(Use("", use.lineno, calls[id(use)]))
    return sorted(found, key=lambda use: use.line)


def factory_problem(
    project: TargetCheck,
    path: str,
    legacy: Sequence[str],
    rule: NameRule,
    call_text: str,
    uses: list[Use],
) -> Unresolved | None:
    """Why replacing the object by ``call_text`` would break: the call does not bind to the factory, or what the
    factory returns lacks a member the file uses (or a call through it does not bind)."""
    root = project.reader(path, legacy, rule.new)
    if root is None:
        return None
    returns = project.returns
    definitions = returns.definitions(root, tuple(rule.new), rule.target)
    call = parse(call_text).body[0].value  # type: ignore[attr-defined]
    factory = f"{'.'.join(rule.new)}:{rule.target}(...)"
    for definition in definitions:
        problem = _binds(returns, definition, call)
        if problem is not None:
            message = f"the rule's call {call_text} does not bind to {factory.replace('(...)', '')}: {problem}"
            return Unresolved(message, ((factory.replace("(...)", ""), "signature"),))
    returned = returns.returned_by(definitions)
    failing: list[tuple[ClassInfo, list[str]]] = []
    lacks: list[tuple[str, str]] = []
    for info in returned.classes:
        if info.members is None:
            continue
        problems: list[str] = []
        target = f"{info.name} ({info.where.rsplit(':', 1)[0]})"
        for use in uses:
            problem = member_problem(info, use)
            missing = use.member if info.members is not None and use.member not in info.members else None
            lack = (target, missing or signature_of(use.member))
            if problem is not None and lack not in lacks:
                problems.append(problem)
                lacks.append(lack)
        if problems:
            failing.append((info, problems))
    if not failing:
        return None
    if len(returned.classes) == 1 and not returned.unknown:
        info, problems = failing[0]
        return Unresolved(f"{factory} returns {info.name} ({info.where}), which {', '.join(problems)}", tuple(lacks))
    paths = [f"{info.name} ({info.where})" for info in returned.classes]
    paths += ["what another path returns (not followed)"] if returned.unknown else []
    fails = "; ".join(f"{info.name} {', '.join(problems)}" for info, problems in failing)
    return Unresolved(f"{factory} returns {' or '.join(paths)}; {fails}", tuple(lacks))


def member_problem(info: ClassInfo, use: Use) -> str | None:
    if not use.member or (use.member.startswith("__") and use.member.endswith("__")):
        return None
    if info.members is not None and use.member not in info.members:
        return f"has no '{use.member}' (line {use.line})"
    method = info.methods.get(use.member)
    if use.call is None or method is None or method.kind not in ("method", "classmethod", "staticmethod"):
        return None
    problem = bind_problem(method.node, use.call, method.kind != "staticmethod")
    return None if problem is None else f"cannot take this call: {problem} (line {use.line})"


def _binds(returns: Returns, definition: Definition, call: ast.Call) -> str | None:
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
            problem = _binds(returns, definition, use.call)
            if problem is not None:
                problem = problem.replace(f"{definition.node.name}()", f"{target}()", 1)
                return Unresolved(f"{problem} (line {use.line})", ((target, "signature"),))
    return None
