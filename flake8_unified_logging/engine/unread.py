"""Whether nothing reads the object a legacy import binds: never used in the file, or rebound in the same body
before any use (``from loguru import logger`` then ``logger = get_service_logger(__name__)``). Such an import is
removed rather than replaced by an assignment nothing reads (pyflakes' F401 and F811 point at exactly these).

A module-level name is also the module's interface: an unused one is removed only when no other file of the
project reads it from this module (``resolve/readers.py``), no other statement of the module binds it (a
``try``/``except`` or ``if``/``else`` fallback), and the file is no package's ``__init__.py``."""
from __future__ import annotations

import _ast as ast

from ..resolve.module_names import all_of
from ..source.syntax import bound_name
from .plans import ImportMatch

# Calls that read names by string: a file that spells one may read any binding.
_BY_NAME = ("locals(", "globals(", "vars(", "eval(", "exec(")

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .file_context import FileContext


def unread_reason(ctx: FileContext, body: list[ast.stmt], match: ImportMatch, local: str) -> str | None:
    """Why the binding of ``local`` by the statement of ``match`` is never read ("unused", "rebound on line N
    before any use"); None when it is read, or when that cannot be told (a class body, ``del``, ``global``,
    ``__all__``, names read by string)."""
    scope = match.chain[-1]
    if isinstance(scope, ast.ClassDef) or any(call in ctx.text for call in _BY_NAME):
        return None
    if local in (all_of(ctx.tree) or ()):
        return None
    scopes = ctx.scopes.of({local})
    deleted = any(isinstance(node, ast.Name) and isinstance(node.ctx, ast.Del)
                  for nodes in scopes.binders[local].values() for node in nodes)
    if deleted or scopes.declared:  # ``del``, or ``global``/``nonlocal``: another scope writes it
        return None
    uses = [use for use, _ in scopes.reads(local, scope)]
    if not uses:
        if scope is ctx.tree and (len(scopes.binders[local].get(scope, ())) > 1 or _read_elsewhere(ctx, local)):
            return None
        return "unused"
    rebound = _rebound(body, match.node, local)
    if rebound is None or any(use.lineno <= (rebound.end_lineno or rebound.lineno) for use in uses):
        return None
    return f"rebound on line {rebound.lineno} before any use"


def _read_elsewhere(ctx: FileContext, local: str) -> bool:
    """Whether the module's ``local`` may be read by another file: the file is a package's ``__init__.py``, or a
    file of the project takes it from this module (or any name: a star import, the module passed along)."""
    origin = ctx.origin
    if origin.stem == "__init__":
        return True
    if not origin.path or not origin.location:
        return False
    from ..resolve.readers import ANY, names_read, readers_after_run  # an unused module-level name: who reads it

    dotted = origin.module_name or origin.stem
    found = names_read(readers_after_run(ctx.targets, ctx.rules, origin.location, dotted))
    return local in found or ANY in found


def _rebound(body: list[ast.stmt], statement: ast.stmt, local: str) -> ast.stmt | None:
    """The first statement after ``statement`` in ``body`` that surely rebinds ``local``."""
    at = next(i for i, node in enumerate(body) if node is statement)
    return next((node for node in body[at + 1 :] if _rebinds(node, local)), None)


def _rebinds(node: ast.stmt, local: str) -> bool:
    """Whether ``node`` binds ``local`` whenever it runs (not in a branch, a loop or a handler)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name == local
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return any(bound_name(alias) == local for alias in node.names)
    if isinstance(node, ast.Assign):
        return any(_binds(target, local) for target in node.targets)
    if isinstance(node, ast.AnnAssign):
        return node.value is not None and _binds(node.target, local)
    return False


def _binds(target: ast.expr, local: str) -> bool:
    if isinstance(target, ast.Name):
        return target.id == local
    if isinstance(target, (ast.Tuple, ast.List)):
        return any(_binds(element, local) for element in target.elts)
    return isinstance(target, ast.Starred) and _binds(target.value, local)
