"""Check 5: no changed line lies outside an import statement or a renamed use."""
from __future__ import annotations

import ast
import difflib
import re

from .leftovers import dotted_of as dotted
from .rules_view import Renamer

NEWLINE = re.compile(r"\r\n|\r|\n")


def allowed_lines(tree: ast.AST, renamer: Renamer) -> set[int]:
    """Lines an edit may touch: import statements and attribute chains that name a legacy module."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) or (
            isinstance(node, (ast.Attribute, ast.Name)) and renamer.rename(dotted(node) or "") is not None
            or isinstance(node, ast.Name) and node.id in renamer.renamed
        ):
            lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return lines


def check_lines(old_text: str, new_text: str, allowed: set[int], renamer: Renamer | None = None) -> str | None:
    """Changed lines lie in ``allowed``; added lines are imports or factory assignments (name rules)."""
    old_lines = NEWLINE.split(old_text)
    new_lines = NEWLINE.split(new_text)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        added = new_lines[j1 + (i2 - i1) : j2] if tag != "delete" else []
        if added and not (renamer and renamer.names and all(_is_added_line(line, renamer) for line in added)):
            return f"a line was inserted after line {i1}"
        outside = [line for line in range(i1 + 1, i2 + 1) if line not in allowed]
        if outside:
            return f"line {outside[0]} changed outside an import or legacy use"
    return None


def _is_added_line(line: str, renamer: Renamer) -> bool:
    try:
        (statement,) = ast.parse(line.strip()).body
    except (SyntaxError, ValueError):
        return False
    return isinstance(statement, (ast.Import, ast.ImportFrom)) or renamer.is_factory_call(statement)
