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
    """Changed lines lie in ``allowed``; added lines are blank or lie in an import (a statement moved where the
    import sorter puts it) or a factory assignment (name rules), and a line removed outside ``allowed`` is
    blank."""
    old_lines = NEWLINE.split(old_text)
    new_lines = NEWLINE.split(new_text)
    placed = _placed_lines(new_text, renamer)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start = j1 + (i2 - i1) if tag != "delete" else j2
        if any(new_lines[j].strip() and j + 1 not in placed for j in range(start, j2)):
            return f"a line was inserted after line {i1}"
        outside = [line for line in range(i1 + 1, i2 + 1) if line not in allowed and old_lines[line - 1].strip()]
        if outside:
            return f"line {outside[0]} changed outside an import or legacy use"
    return None


def _placed_lines(text: str, renamer: Renamer | None) -> set[int]:
    """The lines of the new text's import statements, and of its factory assignments under name rules."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return set()
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) or (
            renamer is not None and renamer.names and isinstance(node, ast.stmt) and renamer.is_factory_call(node)
        ):
            lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return lines
