"""The resolve step: does what a plan imports exist, does every use of it still resolve, and does it make no
import cycle? A plan that fails is refused (ULG005) with the reason. More refusals (ULG004): a project module
imported where the file only reaches the project once it has changed ``sys.path``; a rewrite that changes what a
string annotation reads."""
from __future__ import annotations

import _ast as ast

from ..resolve.modules import Unresolved
from ..source.syntax import bound_name, dotted_name, iter_child_nodes, walk_all
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


def held_by_annotations(ctx: FileContext, plans: list[Plan]) -> list[Plan]:
    """``plans``, each refused that leaves a name a string annotation reads unbound. A string annotation
    (``x: "Record"``, ``-> "list[Record]"``) is code Python evaluates later (``typing.get_type_hints``,
    dataclasses, pydantic) and type checkers read; the rewrite does not edit strings."""
    read = _annotation_names(ctx.tree)
    return [_held(ctx, plan, read) for plan in plans] if read else plans


def _held(ctx: FileContext, plan: Plan, read: dict[str, int]) -> Plan:
    node = plan.match.node
    if plan.problem is not None or not plan.edits or not isinstance(node, (ast.Import, ast.ImportFrom)):
        return plan
    firsts = {dotted.split(".")[0]: line for dotted, line in sorted(read.items(), key=lambda item: -item[1])}
    named = sorted({bound_name(alias) for alias in node.names} & set(firsts), key=firsts.__getitem__)
    if not named:
        return plan
    after = _bound_after(ctx, plan)
    lost = next((name for name in named if name not in after), None)
    if lost is None and isinstance(node, ast.Import):  # ``import a.b`` -> ``import a.c``: ``a`` bound, ``a.b`` gone
        moved = [alias.name for alias in node.names if not alias.asname and alias.name in plan.legacy]
        lost = next((dotted for dotted in read for module in moved if f"{dotted}.".startswith(f"{module}.")), None)
    if lost is None:
        return plan
    line = read.get(lost, firsts.get(lost))
    return plan._replace(problem=f"the string annotation at line {line} reads '{lost}' as this import binds it, "
                                 "which the rewrite changes: rewrite the annotation too")


def _bound_after(ctx: FileContext, plan: Plan) -> set[str]:
    """The names the statement binds once rewritten, with the lines it adds (nothing known: none)."""
    from .layout import final_statement, parsed_statement  # a rewrite: how its statement will read

    statements = [final_statement(ctx, plan), *(parsed_statement(text) for text in plan.added)]
    statements += [parsed_statement(text) for _, text in plan.assignments]
    if any(statement is None for statement in statements):
        return set()
    names: set[str] = set()
    for statement in statements:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            names.update(bound_name(alias) for alias in statement.names)
        elif isinstance(statement, ast.Assign):
            names.update(target.id for target in statement.targets if isinstance(target, ast.Name))
    return names


def _annotation_names(tree: ast.Module) -> dict[str, int]:
    """The dotted names the file's string annotations read, each with the line of the first."""
    found: dict[str, int] = {}
    for node in walk_all(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = node.args
            every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg]
            annotations = [argument.annotation for argument in every if argument is not None]
            annotations.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            annotations = [node.annotation]
        else:
            continue
        for annotation in annotations:
            reads: set[str] = set()
            if annotation is not None:
                _reads_in(annotation, reads)
            for dotted in reads:
                found.setdefault(dotted, annotation.lineno)  # type: ignore[union-attr]
    return found


def _reads_in(node: ast.AST, found: set[str], depth: int = 0) -> None:
    """The dotted names an annotation reads in its strings (``depth``: strings around ``node``), a string in one
    read as an annotation in its turn; not the values of ``Literal[...]`` nor the metadata of ``Annotated[...]``."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str) and depth < 4:
            try:
                _reads_in(compile(node.value.strip(), "<annotation>", "eval", ast.PyCF_ONLY_AST), found, depth + 1)
            except (SyntaxError, ValueError):
                pass
        return
    dotted = dotted_name(node) if isinstance(node, (ast.Attribute, ast.Name)) else None
    if dotted is not None:
        if depth:
            found.add(dotted)
        return
    if isinstance(node, ast.Subscript):
        base = (dotted_name(node.value) or "").rpartition(".")[2]
        _reads_in(node.value, found, depth)
        if base != "Literal":
            inner = node.slice
            if base == "Annotated" and isinstance(inner, ast.Tuple) and inner.elts:
                inner = inner.elts[0]
            _reads_in(inner, found, depth)
        return
    for child in iter_child_nodes(node):
        _reads_in(child, found, depth)
