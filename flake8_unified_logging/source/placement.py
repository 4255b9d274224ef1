"""Where lines a rewrite adds go: after a statement, or after the import section it belongs to.

A new line takes the indentation of the body it goes into and the file's line ending.
"""
from __future__ import annotations

import _ast as ast
from _collections_abc import Iterator

from .edits import Edit
from .import_block import remove_lines
from .positions import LineIndex
from .syntax import iter_child_nodes, walk_all

_BODIES = ("body", "orelse", "finalbody")
# Statements that pycodestyle lets stand between imports (E402 looks at module-level lines only, and takes
# these for conditional imports): the import section runs over them.
_BLOCKS = tuple(getattr(ast, name) for name in ("Try", "TryStar", "If", "With") if hasattr(ast, name))


class PlacementError(Exception):
    """No line can be added here without changing what the code means."""


def containing_body(tree: ast.AST, statement: ast.stmt) -> list[ast.stmt]:
    """The statement list ``statement`` stands in."""
    for body in _bodies(tree):
        if any(item is statement for item in body):
            return body
    raise PlacementError("the statement's body could not be found")


def _bodies(node: ast.AST) -> Iterator[list[ast.stmt]]:
    """Every statement list under ``node``. Statements stand only in statement lists (of statements, ``except``
    handlers and ``case`` blocks), so expressions are never entered."""
    stack = [node]
    while stack:
        current = stack.pop()
        for field in _BODIES:
            value = getattr(current, field, None)
            if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                yield value
                stack.extend(value)
        stack.extend(getattr(current, "handlers", ()))
        stack.extend(getattr(current, "cases", ()))


def _holds_import(node: ast.AST) -> bool:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return True
    if not isinstance(node, _BLOCKS):
        return False
    stack = list(iter_child_nodes(node))
    while stack:
        child = stack.pop()
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            return True
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stack.extend(iter_child_nodes(child))
    return False


def _is_dunder_assignment(node: ast.stmt) -> bool:
    targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
    return isinstance(node, (ast.Assign, ast.AnnAssign)) and all(
        isinstance(t, ast.Name) and t.id.startswith("__") and t.id.endswith("__") for t in targets
    )


def _in_section(node: ast.stmt) -> bool:
    return isinstance(node, (ast.Import, ast.ImportFrom, *_BLOCKS)) or _is_dunder_assignment(node)


def section_end(body: list[ast.stmt], statement: ast.stmt) -> ast.stmt:
    """The last statement of the import section ``statement`` belongs to: the run of imports after it (with the
    ``try``/``if``/``with`` blocks and dunder assignments between them), up to the last one holding an import."""
    at = next(i for i, item in enumerate(body) if item is statement)
    end = at
    while end + 1 < len(body) and _in_section(body[end + 1]):
        end += 1
    while end > at and not _holds_import(body[end]):
        end -= 1
    return body[end]


def names_used_between(body: list[ast.stmt], first: ast.stmt, last: ast.stmt, name: str) -> bool:
    """Whether a statement after ``first`` up to ``last`` mentions ``name``."""
    start = next(i for i, item in enumerate(body) if item is first)
    stop = next(i for i, item in enumerate(body) if item is last)
    return any(
        isinstance(node, ast.Name) and node.id == name for item in body[start + 1 : stop + 1] for node in walk_all(item)
    )


def body_indent(index: LineIndex, body: list[ast.stmt], statement: ast.stmt) -> str:
    """The indentation of the body ``statement`` stands in, read from its line."""
    text = index.line_text(statement.lineno)
    indent = text[: len(text) - len(text.lstrip(" \t\f"))]
    if not any(item.lineno == statement.lineno and item.col_offset == len(indent.encode()) for item in body):
        raise PlacementError("its body starts on the line of a compound statement's header")
    return indent


def line_ending(index: LineIndex, line: int) -> str:
    """The ending of ``line``, else the file's first, else a newline."""
    text = index.line_text(line)
    stripped = text.rstrip("\r\n")
    if stripped != text:
        return text[len(stripped) :]
    first = index.line_text(1)
    return first[len(first.rstrip("\r\n")) :] or "\n"


def followers(body: list[ast.stmt], statement: ast.stmt) -> list[ast.stmt]:
    """The statements of ``body`` that run on after ``statement`` on its lines (``a; b(...)`` and so on): a line
    added after it goes after them."""
    at = next(i for i, item in enumerate(body) if item is statement)
    end, found = statement.end_lineno or statement.lineno, []
    for item in body[at + 1 :]:
        if item.lineno != end:
            break
        found.append(item)
        end = item.end_lineno or item.lineno
    return found


def last_line(body: list[ast.stmt], statement: ast.stmt) -> int:
    """The line a line added after ``statement`` follows: its last, or its followers' (``followers``)."""
    after = followers(body, statement)
    last = after[-1] if after else statement
    return last.end_lineno or last.lineno


def insert_after_line(index: LineIndex, line: int, indent: str, texts: list[str]) -> Edit:
    """An edit adding ``texts`` as lines after ``line`` (a file's last line may lack its line ending)."""
    end = index.line_end(line)
    eol = line_ending(index, line)
    if index.line_text(line).endswith(("\n", "\r")):
        return Edit(end, end, "".join(f"{indent}{text}{eol}" for text in texts))
    return Edit(end, end, "".join(f"{eol}{indent}{text}" for text in texts))


def delete_statement(index: LineIndex, statement: ast.stmt, start: int, end: int) -> Edit:
    """An edit removing a statement that stands alone on its lines, with those lines (and a blank line next to
    them that would be one too many: ``remove_lines``)."""
    first = index.starts[statement.lineno - 1]
    last_line = statement.end_lineno or statement.lineno
    after = index.text[end : index.line_end(last_line)]
    if index.text[first:start].strip(" \t\f") or after.strip(" \t\f\r\n") and not after.lstrip(" \t\f").startswith("#"):
        raise PlacementError("it shares its line with another statement")
    return remove_lines(index, statement.lineno, last_line)


def adds_e402(body: list[ast.stmt], statement: ast.stmt) -> bool:
    """Whether a line of code added after ``statement`` (module level) puts an import below code where none was:
    pycodestyle's E402 looks at module-level lines only and lets ``try``/``if``/``with`` and dunder assignments
    stand between imports, so only a module-level import before the next line of code gets a new one."""
    at = next(i for i, item in enumerate(body) if item is statement)
    if any(not _in_section(item) and not _is_docstring(item, i) for i, item in enumerate(body[:at])):
        return False  # the imports below are already below code
    for item in body[at + 1 :]:
        if isinstance(item, (ast.Import, ast.ImportFrom)):
            return True
        if not _in_section(item):
            return False  # code already stands above every import after it
    return False


def _is_docstring(node: ast.stmt, at: int) -> bool:
    return at == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
