"""Where an import goes in its module's import block as the project's sorter orders it, and removing lines
without leaving a blank line the sorter or pycodestyle would flag.

A block is a run of module-level import statements (blank lines and comments between them); the sorter ends it
at the first other statement. A statement is only placed in a block that is in the sorter's order already: a
block the sorter would reorder anyway is left as it is.
"""
from __future__ import annotations

import _ast as ast

from .edits import Edit
from .positions import LineIndex
from .sorter import SorterStyle

Entry = tuple[int, tuple[object, ...]]  # the section's rank, the key in the section


def block_of(body: list[ast.stmt], statement: ast.stmt) -> list[ast.stmt]:
    """The run of import statements of ``body`` that holds ``statement``."""
    at = next(i for i, item in enumerate(body) if item is statement)
    start = end = at
    while start > 0 and isinstance(body[start - 1], (ast.Import, ast.ImportFrom)):
        start -= 1
    while end + 1 < len(body) and isinstance(body[end + 1], (ast.Import, ast.ImportFrom)):
        end += 1
    return body[start : end + 1]


def shares_lines(body: list[ast.stmt], statements: list[ast.stmt]) -> bool:
    """Whether a statement of ``statements`` shares a line with another statement of ``body`` (``a; b``)."""
    ids = {id(statement) for statement in statements}
    return any((before.end_lineno or before.lineno) == after.lineno and (id(before) in ids or id(after) in ids)
               for before, after in zip(body, body[1:]))


def entry(style: SorterStyle, node: ast.stmt) -> Entry:
    """Where ``node`` (an import statement) sorts: its section's rank and its key there."""
    if isinstance(node, ast.ImportFrom):
        module, level = node.module or "", node.level or 0
        names = ", ".join(alias.name for alias in node.names)
        return style.rank(style.section(module, level)), style.key(module, level, True, names)
    assert isinstance(node, ast.Import)
    module = node.names[0].name
    return style.rank(style.section(module)), style.key(module, 0, False)


def in_order(style: SorterStyle, block: list[ast.stmt]) -> bool:
    """Whether the sorter keeps ``block``'s statements in their order (one name per ``import``)."""
    entries = [entry(style, node) for node in block]
    return all(not isinstance(node, ast.Import) or len(node.names) == 1 for node in block) and all(
        before <= after for before, after in zip(entries, entries[1:])
    )


def in_place(style: SorterStyle, block: list[ast.stmt], statement: ast.stmt, new: Entry) -> bool:
    """Whether ``statement`` rewritten (sorting as ``new``) stays where the sorter wants it: in the section it
    was in, between its neighbours."""
    at = next(i for i, item in enumerate(block) if item is statement)
    if entry(style, statement)[0] != new[0]:
        return False
    before = entry(style, block[at - 1]) if at else None
    after = entry(style, block[at + 1]) if at + 1 < len(block) else None
    return (before is None or before <= new) and (after is None or new <= after)


def slot(index: LineIndex, style: SorterStyle, others: list[ast.stmt], new: Entry) -> tuple[int, bool, bool]:
    """Where a statement sorting as ``new`` goes among ``others`` (a block in order, without it): the offset to
    insert its line at, and whether a blank line goes before it (a new section after another) or after it (a new
    section before the others)."""
    entries = [entry(style, node) for node in others]
    same = [i for i, found in enumerate(entries) if found[0] == new[0]]
    if same:
        later = next((i for i in same if entries[i] > new), None)
        if later is None:
            return _after(index, others[same[-1]]), False, False
        return _before(index, others[later]), False, False
    earlier = [i for i, found in enumerate(entries) if found[0] < new[0]]
    if earlier:
        return _after(index, others[earlier[-1]]), True, False
    return _before(index, others[0]), False, True


def _after(index: LineIndex, node: ast.stmt) -> int:
    return index.line_end(node.end_lineno or node.lineno)


def _before(index: LineIndex, node: ast.stmt) -> int:
    """The start of ``node``'s first line, or of the comment lines right above it (the sorter keeps them with
    it)."""
    line = node.lineno
    while line > 1 and index.line_text(line - 1).lstrip(" \t\f").startswith("#"):
        line -= 1
    return index.starts[line - 1]


def is_blank(index: LineIndex, line: int) -> bool:
    """Whether ``line`` exists and holds only whitespace."""
    return 1 <= line < len(index.starts) and not index.line_text(line).strip(" \t\f\r\n")


def remove_lines(index: LineIndex, first: int, last: int) -> Edit:
    """An edit removing lines ``first`` to ``last``, and a blank line next to them when they stand between two
    blank lines (or a blank line and an end of the file), or the blank lines after them at the top of the file:
    no blank line too many is left (pycodestyle's E303, the sorter's one blank line between sections, black's
    none at the top). The blank line before them goes, so that a line added right after them stays where it
    was."""
    start, end = index.starts[first - 1], index.line_end(last)
    before_blank = is_blank(index, first - 1)
    after_blank = is_blank(index, last + 1)
    at_end = end >= len(index.text)
    if before_blank and (after_blank or at_end):
        start = index.starts[first - 2]
    elif first == 1:
        while is_blank(index, last + 1):
            last += 1
        end = index.line_end(last)
    return Edit(start, end, "")


def joined(index: LineIndex, style: SorterStyle, item: ast.ImportFrom, names: list[str]) -> list[Edit] | None:
    """Edits adding ``names`` to ``item`` (a one-line ``from`` statement without aliases, parentheses or comment),
    each where the sorter orders it, as the sorter combines two imports from one module; None when the statement
    cannot take them so (its names out of order, or a line the sorter would wrap), or imports them all already
    (a statement is never removed as a duplicate)."""
    line = item.lineno
    text = index.line_text(line).rstrip("\r\n")
    if item.end_lineno != line or any(c in text for c in "#(\\;") or any(a.asname or a.name == "*" for a in item.names):
        return None
    at = text.find(" import ")
    spans: list[tuple[int, int]] = []
    position = at + len(" import ")
    for part in text[position:].split(","):
        stripped = part.strip(" \t\f")
        start = position + part.find(stripped)
        spans.append((start, start + len(stripped)))
        position += len(part) + 1
    existing = [alias.name for alias in item.names]
    keys = [style.name_key(name) for name in existing]
    wanted = sorted({name for name in names if name not in existing}, key=style.name_key)
    if at < 0 or not wanted or [text[s:e] for s, e in spans] != existing or keys != sorted(keys):
        return None
    if len(text) + sum(len(name) + 2 for name in wanted) > style.line_length:
        return None
    inserted: dict[int, list[str]] = {}
    for name in wanted:
        later = next((i for i, key in enumerate(keys) if key > style.name_key(name)), None)
        if later is None:
            inserted.setdefault(spans[-1][1], []).append(f", {name}")
        else:
            inserted.setdefault(spans[later][0], []).append(f"{name}, ")
    base = index.starts[line - 1]
    return [Edit(base + offset, base + offset, "".join(texts)) for offset, texts in inserted.items()]
