"""A ``from`` statement whose every name is an object a factory already imported makes: the statement goes, and
only the assignments (``logger = get_logger(...)``) stay."""
from __future__ import annotations

import _ast as ast

from ..source.edits import Edit
from ..source.placement import PlacementError, delete_statement
from .findings import CannotRewrite
from .plans import ImportMatch

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .file_context import FileContext

Assignment = tuple[ast.stmt, str]  # the last statement before it, and its text


def replace_by_assignments(
    ctx: FileContext, match: ImportMatch, assignments: list[Assignment]
) -> tuple[list[Edit], list[Assignment]]:
    """Every name of the statement is a factory's object whose factory is already imported: the statement goes,
    and only the assignments stay (in its place when it is all its body holds). The edits, and the assignments
    still to place."""
    body = match.body
    assert body is not None
    if len(body) == 1 and (assignments or body is not ctx.tree.body):
        text = "; ".join(assignment for _, assignment in assignments) or "pass"
        return [Edit(match.start, match.end, text)], []
    try:
        return [delete_statement(ctx.index, match.node, match.start, match.end)], assignments
    except PlacementError as reason:
        raise CannotRewrite(str(reason)) from None
