"""Rule kind "name moved or renamed" (``module:name = new.module:new_name``): the name is imported from its new
module; when it is renamed and imported under its own name, its uses in the scope are renamed with it."""
from __future__ import annotations

import _ast as ast
from collections.abc import Sequence

from .findings import CannotRewrite
from .plans import ImportMatch, Move, NamePlan
from .rules import NameRule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .file_context import FileContext


def plan_name(ctx: FileContext, match: ImportMatch, move: Move, earlier: Sequence[Move]) -> NamePlan:
    """The (rule, local name) whose calls must bind to the new definition, and the renamed uses."""
    rule, alias = move.rule, move.alias
    assert rule is not None
    calls = ((rule, alias.asname or alias.name),)
    if alias.asname or rule.target == alias.name:
        return NamePlan(move, calls)
    from .renames import RenameError, rename_uses

    try:
        edits = rename_uses(
            ctx.tree,
            ctx.index,
            match.node,
            match.chain[-1],
            alias.name,
            rule.target,
            lambda node: _imports_by_rule(ctx, node, alias.name, rule),
        )
    except RenameError as reason:
        raise CannotRewrite(str(reason)) from None
    return NamePlan(move, calls, tuple((edit, alias.name, rule) for edit in edits))


def _imports_by_rule(ctx: FileContext, node: ast.AST, name: str, rule: NameRule) -> bool:
    """Whether ``node`` imports ``name``, unaliased, where ``rule`` moves it (``try``/``except`` pairs)."""
    if not isinstance(node, ast.ImportFrom) or not node.module:
        return False
    if not any(alias.name == name and alias.asname is None for alias in node.names):
        return False
    known = ctx.anchor(node.level) or ()
    found = ctx.name_rules((*known, *node.module.split(".")), len(known)).get(name)
    return found is not None and found[0] == rule
