"""Check 4: all other code is AST-identical, except the uses that were renamed."""
from __future__ import annotations

import ast

from .leftovers import bound_name, dotted_of as dotted
from .rules_view import Renamer

_POSITIONS = {"lineno", "col_offset", "end_lineno", "end_col_offset"}


def check_code(old: ast.AST, new: ast.AST, renamer: Renamer) -> str | None:
    """Compare two trees, imports aside, allowing renamed attribute chains."""
    stack: list[tuple[object, object]] = [(old, new)]
    while stack:
        a, b = stack.pop()
        if isinstance(a, list) and isinstance(b, list):
            a = [x for x in a if not isinstance(x, (ast.Import, ast.ImportFrom)) and not renamer.is_factory_call(x)]
            b = [x for x in b if not isinstance(x, (ast.Import, ast.ImportFrom)) and not renamer.is_factory_call(x)]
            if len(a) != len(b):
                return f"a body changed length ({len(a)} -> {len(b)})"
            stack.extend(zip(a, b))
            continue
        if isinstance(a, ast.AST) and isinstance(b, ast.AST):
            da, db = dotted(a), dotted(b)
            if da is not None and db is not None:
                if da != db and renamer.rename(da) != db and renamer.renamed.get(da) != db:
                    return f"line {a.lineno}: {da} became {db}"
                if type(getattr(a, "ctx", None)) is not type(getattr(b, "ctx", None)):
                    return f"line {a.lineno}: context of {da} changed"
                continue
            if type(a) is not type(b):
                return f"line {getattr(a, 'lineno', '?')}: {type(a).__name__} became {type(b).__name__}"
            for name in a._fields:
                if name not in _POSITIONS:
                    stack.append((getattr(a, name, None), getattr(b, name, None)))
            continue
        if a != b:
            return f"{a!r} became {b!r}"
    return None


def _bound_anywhere(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update(bound_name(a) for a in node.names)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return names


def check_renamed_names(old: ast.AST, new: ast.AST, renamer: Renamer) -> str | None:
    """A name a rule renames, read in the new code though nothing binds it any more."""
    if not renamer.renamed:
        return None
    gone = (set(renamer.renamed) & _bound_anywhere(old)) - _bound_anywhere(new)
    for node in ast.walk(new):
        if isinstance(node, ast.Name) and node.id in gone:
            return f"line {node.lineno}: {node.id} is read but no longer bound"
    return None
