"""The findings of one planned statement: ULG001 with its edits and the replacement described, ULG002 for the
uses renamed with it, ULG004 or ULG005 with the reason when it is refused."""
from __future__ import annotations

import _ast as ast

from ..source.edits import Edit, apply_edits
from ..source.syntax import parse
from .findings import LEGACY_ATTRIBUTE, LEGACY_IMPORT, TARGET_MISSING, UNFIXABLE, Finding
from .plans import Plan

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .file_context import FileContext


def statement_findings(ctx: FileContext, plan: Plan, reported: set[Edit]) -> list[Finding]:
    """The findings of ``plan`` (one no ``# noqa`` turns off: the finder asks); a renamed use already in
    ``reported`` (by another statement) is left out, and the uses reported here are added to it."""
    match = plan.match
    line, col = ctx.index.column(match.start)
    modules = tuple(dict.fromkeys(plan.legacy))
    imported = tuple(dict.fromkeys(plan.imported))
    legacy = ", ".join(modules)
    if plan.blocked:
        message = f"{plan.problem}; not rewritten"
        lacks = getattr(plan.problem, "lacks", ())
        return [Finding(TARGET_MISSING, line, col, message, (), modules, "", imported, lacks)]
    if plan.problem is not None:
        message = f"legacy import of {legacy} cannot be rewritten automatically: {plan.problem}"
        return [Finding(UNFIXABLE, line, col, message + "; migrate it by hand", (), modules, "", imported)]
    message = f"legacy import of {legacy}"
    replacement, added = _replacement(ctx, plan) if ctx.describe else ("", [])
    described = ", then ".join(part for part in (replacement, *added) if part)
    if described:
        message += f"; use: {described}"
    message += "".join(f"; {why}" for why in plan.removed)
    found = [Finding(LEGACY_IMPORT, line, col, message, plan.all_edits, modules, replacement, imported)]
    for edit, name, rule in plan.uses:
        if edit not in reported:
            reported.add(edit)
            use_line, use_col = ctx.index.column(edit.start)
            use = f"legacy name {name} ({rule.old_name}) renamed with its import; use: {edit.replacement}"
            found.append(Finding(LEGACY_ATTRIBUTE, use_line, use_col, use, (edit,), (rule.old_name,), edit.replacement))
    return found


def _replacement(ctx: FileContext, plan: Plan) -> tuple[str, list[str]]:
    """The statement as rewritten ("" when it goes), and the lines added after it."""
    base, end = plan.match.start, plan.match.end
    inner = [e for e in plan.edits if base <= e.start and e.end <= end]
    shifted = [Edit(e.start - base, e.end - base, e.replacement) for e in inner]
    kept = len(inner) == len(plan.edits)  # else the statement itself goes
    new_text = apply_edits(ctx.index.text[base:end], shifted) if kept else ""
    try:
        rewritten = "; ".join(_unparse(s) for s in parse(new_text).body)
    except SyntaxError:
        rewritten = " ".join(new_text.split())
    return rewritten, [*plan.added, *(text for _, text in plan.assignments)]


def _unparse(node: ast.stmt) -> str:
    """What ``ast.unparse(node)`` returns; an import statement is written here, as ``ast`` writes it (importing
    ``ast`` costs a hook call ~3 ms)."""
    if isinstance(node, ast.Import):
        return "import " + _aliases(node.names)
    if isinstance(node, ast.ImportFrom):
        return f"from {'.' * (node.level or 0)}{node.module or ''} import {_aliases(node.names)}"
    from ast import unparse

    return unparse(node)


def _aliases(names: list[ast.alias]) -> str:
    return ", ".join(f"{a.name} as {a.asname}" if a.asname else a.name for a in names)
