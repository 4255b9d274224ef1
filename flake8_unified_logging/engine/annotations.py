"""String annotations (``x: "Record"``, ``-> "list[Record]"``) are code that Python evaluates later
(``typing.get_type_hints``, dataclasses, pydantic) and type checkers read: a rewrite after which a name such a
string reads is no longer bound by the statement (a module rule's ``import a.b`` -> ``import d.e``: ``a.b`` no
longer imported there, a name rule renaming ``bar`` to ``qux``) is refused, naming the string's line; the rewrite
does not edit strings."""
from __future__ import annotations

import _ast as ast

from ..source.syntax import bound_name, walk_all
from .layout import final_statement, parsed_statement
from .plans import Plan

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .file_context import FileContext


def held_by_annotations(ctx: FileContext, plans: list[Plan]) -> list[Plan]:
    """``plans``, each refused that leaves a name a string annotation reads unbound."""
    read = _annotation_names(ctx.tree)
    return [_held(ctx, plan, read) for plan in plans] if read else plans


def _held(ctx: FileContext, plan: Plan, read: dict[str, int]) -> Plan:
    node = plan.match.node
    if plan.problem is not None or not plan.edits or not isinstance(node, (ast.Import, ast.ImportFrom)):
        return plan
    named = sorted({bound_name(alias) for alias in node.names} & set(read), key=read.__getitem__)
    if not named:
        return plan
    after = _bound_after(ctx, plan)
    lost = next((name for name in named if name not in after), None)
    if lost is None:
        return plan
    return plan._replace(problem=f"the string annotation at line {read[lost]} reads '{lost}' as this import binds "
                                 "it, which the rewrite changes: rewrite the annotation too")


def _bound_after(ctx: FileContext, plan: Plan) -> set[str]:
    """The names the statement binds once rewritten, with the lines it adds (nothing known: none)."""
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
    """The names the file's string annotations read, each with the line of the first."""
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
            for string in walk_all(annotation) if annotation is not None else ():
                if isinstance(string, ast.Constant) and isinstance(string.value, str):
                    for name in _names_in(string.value):
                        found.setdefault(name, string.lineno)
    return found


def _names_in(text: str) -> set[str]:
    try:
        expression = compile(text.strip(), "<annotation>", "eval", ast.PyCF_ONLY_AST)
    except (SyntaxError, ValueError):
        return set()
    return {node.id for node in walk_all(expression) if isinstance(node, ast.Name)}
