"""The resolve step: does what a plan imports exist, does every use of it still resolve, and does it make no
import cycle? A plan that fails is refused (ULG005) with the reason. One more refusal (ULG004): a project module
imported where the file only reaches the project once it has changed ``sys.path``."""
from __future__ import annotations

import _ast as ast

from ..resolve.modules import Unresolved
from .file_context import FileContext
from .plans import Plan
from .sys_path import path_problem as path_problem_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..resolve.use_check import Use


def check_targets(ctx: FileContext, plan: Plan) -> Plan:
    """``plan``, or the plan refused when a module or name its rewrite imports does not exist."""
    if not ctx.checking or not plan.legacy or plan.problem is not None:
        return plan
    legacy = ctx.legacy_module(plan.match.node)
    for module, names in plan.targets:
        problem = ctx.targets.problem(ctx.origin.path, legacy, module, names)
        if problem is not None:
            return plan.refused(problem, blocked=True)
    problem = _use_problem(ctx, plan, legacy) or _cycle_problem(ctx, plan, legacy)
    if problem is not None:
        return plan.refused(problem, blocked=True)
    path_problem = path_problem_of(ctx, plan, legacy)
    return plan if path_problem is None else plan.refused(path_problem)


def _use_problem(ctx: FileContext, plan: Plan, legacy: tuple[str, ...]) -> Unresolved | None:
    """Why a use of a factory's object or a call of a renamed name would not resolve after the rewrite."""
    if not plan.moves and not plan.calls:
        return None
    from ..resolve.object_uses import object_problem  # with the use check: for the plans that call
    from ..resolve.use_check import factory_problem, renamed_call_problem, uses_of  # for the plans that call

    scope = plan.match.chain[-1]

    def uses(name: str) -> list[Use]:
        return uses_of(ctx.tree, scope, name, ctx.keep({name}))

    for move in plan.moves:
        rule, local = move.rule, move.alias.asname or move.alias.name
        call = rule.call(ctx.origin.module_name, ctx.origin.stem)
        problem = factory_problem(ctx.targets, ctx.origin.path, legacy, rule, call, uses(local))
        if problem is not None:
            return problem
    for rule, local in plan.calls:
        found = uses(local)
        problem = renamed_call_problem(ctx.targets, ctx.origin.path, legacy, rule, found)
        problem = problem or object_problem(ctx.targets, ctx.origin.path, legacy, rule, found)
        if problem is not None:
            return problem
    return None


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
