"""The resolve step: does what a plan imports exist, does every use of it still resolve, and does it make no
import cycle? A plan that fails is refused (ULG005) with the reason. One more refusal (ULG004): a project module
imported where the file only reaches the project once it has changed ``sys.path``."""
from __future__ import annotations

import _ast as ast

from ..resolve.modules import Unresolved
from .file_context import FileContext
from .plans import ImportMatch, Plan

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..resolve.moved_uses import Moved
    from ..resolve.use_check import Use


def check_targets(ctx: FileContext, plan: Plan) -> Plan:
    """``plan``, or the plan refused when a module or name its rewrite imports does not exist."""
    if not ctx.checking or not plan.legacy or plan.problem is not None:
        return plan
    legacy = _legacy_module(ctx, plan.match)
    missing = [ctx.targets.problem(ctx.origin.path, legacy, module, names) for module, names in plan.targets]
    found = [problem for problem in missing if problem is not None]
    if found:
        joined = Unresolved("; ".join(p.message for p in found), tuple(pair for p in found for pair in p.lacks))
        return plan.refused(joined if len(found) > 1 else found[0], blocked=True)
    problem = _use_problem(ctx, plan, legacy) or _cycle_problem(ctx, plan, legacy)
    if problem is not None:
        return plan.refused(problem, blocked=True)
    path_problem = _path_problem(ctx, plan, legacy)
    return plan if path_problem is None else plan.refused(path_problem)


def _legacy_module(ctx: FileContext, match: ImportMatch) -> tuple[str, ...]:
    """The legacy module a statement imports, absolute where its package is known."""
    node = match.node
    if isinstance(node, ast.ImportFrom):
        return (*(match.anchor or ()), *(node.module.split(".") if node.module else ()))
    first = next((a.name for a in node.names if ctx.rules.match(a.name.split("."))), node.names[0].name)
    return tuple(first.split("."))


def _path_problem(ctx: FileContext, plan: Plan, legacy: tuple[str, ...]) -> str | None:
    """Why a module of the project imported in place of one found outside it needs the file's own change of
    ``sys.path`` below the import (``engine/sys_path.py``); None when it does not."""
    path, project = ctx.origin.path, ctx.targets
    if _in_function(plan) or project.in_project(path, legacy, legacy):
        return None
    modules = [module for module, _ in plan.targets if module and project.in_project(path, legacy, module)]
    if not modules:
        return None
    from .sys_path import path_problem  # a project module in place of one found outside it

    return path_problem(ctx, plan, modules)


def _use_problem(ctx: FileContext, plan: Plan, legacy: tuple[str, ...]) -> Unresolved | None:
    """Why a use of what the rewrite binds would not resolve after it: a factory's object, a name a module or
    name rule moves (and what calling it returns), a call of a renamed name."""
    if not plan.moves and not plan.calls and not plan.rebound:
        return None
    from ..resolve.moved_uses import Moved, factory_problem, moved_problem  # for the plans that move names
    from ..resolve.result_uses import result_uses
    from ..resolve.use_check import renamed_call_problem, uses_of

    scope = plan.match.chain[-1]

    def uses(name: str) -> list[Use]:
        return uses_of(ctx.scopes, scope, name)

    for move in plan.moves:
        rule, local = move.rule, move.alias.asname or move.alias.name
        call = rule.call(ctx.origin.module_name, ctx.origin.stem)
        problem = factory_problem(ctx.targets, ctx.origin.path, legacy, rule, call, uses(local))
        if problem is not None:
            return problem
    for rule, local in plan.calls:
        problem = renamed_call_problem(ctx.targets, ctx.origin.path, legacy, rule, uses(local))
        if problem is not None:
            return problem
    for local, old, new in plan.rebound:
        if old[1]:
            found = uses(local)
            moved = [Moved(old, new, found, result_uses(ctx.scopes, found, local))]
        else:
            moved, problem = _members_moved(ctx, scope, local, old[0], new[0], legacy)
            if problem is not None:
                return problem
        for each in moved:
            problem = moved_problem(ctx.targets, ctx.origin.path, legacy, each)
            if problem is not None:
                return problem
    return None


def _members_moved(
    ctx: FileContext, scope: ast.AST, local: str, old: tuple[str, ...], new: tuple[str, ...], legacy: tuple[str, ...]
) -> tuple[list[Moved], Unresolved | None]:
    """The members the file reads through a module a rule moves, each with what it does with them; or why one
    is missing from the new module."""
    from ..resolve.moved_uses import Moved
    from ..resolve.result_uses import member_uses, result_uses

    moved = []
    for member, (reads, calls, line) in member_uses(ctx.scopes, scope, local).items():
        named = ctx.rules.name_rule(old, member)
        target = named.target if named is not None and named.new == new else member
        problem = ctx.targets.problem(ctx.origin.path, legacy, new, [target])
        if problem is not None:
            return [], problem._replace(message=f"{problem} (line {line})")
        moved.append(Moved((old, member), (new, target), reads, result_uses(ctx.scopes, calls, member)))
    return moved, None


def _cycle_problem(ctx: FileContext, plan: Plan, legacy: tuple[str, ...]) -> Unresolved | None:
    """An import cycle the rewrite would make, for a statement run while the file is imported."""
    if _in_function(plan):
        return None
    for module, _ in plan.targets:
        provider = ctx.targets.provider(ctx.origin.path, legacy, module)
        if provider is not None:
            problem = ctx.targets.cycles.problem(provider[0], tuple(module), ctx.origin.path)
            if problem is not None:
                return Unresolved(problem, ((".".join(module), "import cycle"),))
    return None


def _in_function(plan: Plan) -> bool:
    return any(isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) for scope in plan.match.chain)
