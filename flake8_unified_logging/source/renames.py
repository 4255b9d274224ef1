"""Renaming the uses of a name an import binds, where they resolve to that import."""
from __future__ import annotations

import _ast as ast
from _collections_abc import Callable

from .edits import Edit
from .positions import LineIndex, spans_any
from .scopes import Scopes
from .syntax import walk_all


class RenameError(Exception):
    """Why the uses of a name cannot all be renamed safely."""


def rename_uses(
    tree: ast.Module,
    index: LineIndex,
    binder: ast.AST,
    scope: ast.AST,
    old: str,
    new: str,
    renamed_too: Callable[[ast.AST], bool] = lambda node: False,
) -> list[Edit]:
    """Edits renaming every read of ``old`` that sees ``binder`` (in ``scope``) to ``new``.

    Refused when ``old`` is rebound (other than by a binder ``renamed_too`` accepts: another import of the same
    name by the same rule), deleted or declared global or nonlocal anywhere, listed in ``__all__``, or when ``new``
    is already a name in this file.
    """
    keep = spans_any(index.lines_containing({old, new})) if index.text.isascii() else None
    scopes = Scopes(tree, {old, new}, keep)
    if scopes.uses[new] or any(scopes.binders[new].values()):
        raise RenameError(f"'{new}' is already a name in this file")
    declared = [scope for (name, scope) in scopes.declared if name == old]
    if declared:
        raise RenameError(f"'{old}' is declared global or nonlocal (line {declared[0].lineno})")
    others = [node for node in scopes.binders[old][scope] if node is not binder and not renamed_too(node)]
    if others:
        raise RenameError(f"'{old}' is also bound at line {others[0].lineno}")
    if "__all__" in index.text and _listed_in_all(tree, old):
        raise RenameError(f"'{old}' is listed in __all__")
    edits = []
    for use, _ in scopes.reads(old, scope):
        start = index.ast_offset(use.lineno, use.col_offset)
        end = index.ast_offset(use.end_lineno, use.end_col_offset)
        if index.text[start:end] != old:
            raise RenameError(f"the use at line {use.lineno} could not be located exactly")
        edits.append(Edit(start, end, new))
    return edits


def _listed_in_all(tree: ast.Module, name: str) -> bool:
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            if any(isinstance(item, ast.Constant) and item.value == name for item in walk_all(node)):
                return True
    return False
