"""The lines a statement's rewrite adds or moves, placed where the project's import sorter wants them
(``source/sorter.py`` reads its configuration, once per folder and run): a respelled import whose section or
order changes moves to its place in its block (the run of imports of its body), a split-off import goes to its
own place, and a factory's assignment after the module's import block follows the blank lines the sorter keeps
after imports. Blocks the sorter would reorder anyway keep the lines after the statement (``from_plan``)."""
from __future__ import annotations

import _ast as ast
import os

from ..source.edits import Edit, apply_edits
from ..source.import_block import Entry, block_of, entry, in_order, in_place, joined, remove_lines, shares_lines, slot
from ..source.placement import PlacementError, body_indent, containing_body, last_line, line_ending
from ..source.sorter import SorterStyle, find_style
from ..source.syntax import parse, walk_all
from .plans import Plan

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .file_context import FileContext

Piece = tuple[int, int, str]  # where, which first (imports before assignments), the text
Slotted = tuple[int, bool, bool, Entry, str]  # a split-off import's place, blank lines before and after, its entry


def arrange_all(ctx: FileContext, plans: list[Plan]) -> list[Plan]:
    """Every plan with its module-level lines placed; a moved or added import joins a one-line ``from`` statement
    of its module that stays where it is (untouched, or respelled in place), as the sorter combines them."""
    touched = {id(plan.match.node) for plan in plans}
    joinable: dict[int, ast.stmt] = {id(node): node for node in walk_all(ctx.tree)
                                     if isinstance(node, ast.ImportFrom) and id(node) not in touched}
    finals = {id(plan.match.node): _located(final_statement(ctx, plan), plan.match.node)
              for plan in plans if plan.problem is None and plan.edits}
    first = [arrange(ctx, plan, {}, finals=finals) for plan in plans]
    for plan, arranged in zip(plans, first):
        if arranged is not plan and arranged.edits == plan.edits:
            final = final_statement(ctx, plan)
            if isinstance(final, ast.ImportFrom):
                joinable[id(plan.match.node)] = final
    second = [arrange(ctx, plan, joinable, finals=finals) if plan.added or arranged.edits != plan.edits else arranged
              for plan, arranged in zip(plans, first)]
    taken: set[int] = set()
    for at, (plan, arranged) in enumerate(zip(plans, second)):
        places = {edit.start for edit in arranged.insertions}
        if places & taken and arranged is not plan:  # two statements' lines at one place: the first keeps it
            second[at] = arranged = arrange(ctx, plan, joinable, in_order_only=False, finals=finals)
        taken |= {edit.start for edit in arranged.insertions}
    return second


def arrange(ctx: FileContext, plan: Plan, joinable: dict[int, ast.stmt], in_order_only: bool = True,
            finals: dict[int, ast.stmt] | None = None) -> Plan:
    """``plan`` with its module-level lines placed as the sorter wants them; ``joinable``: the ``from`` statements
    (by the id of the statement as written) an import may join, as they will read. ``in_order_only`` False: the
    imports stay where the statement is (only the blank lines before an assignment are placed), as in a file
    with an ``isort:`` action comment (skip, off, ...). ``finals``: the other statements the run respells in
    place, as they will read (by the id of the statement as written): the order is judged among those, but for
    one of this statement's new module, which it may join."""
    node = plan.match.node
    if plan.problem is not None or not plan.edits:
        return plan
    try:
        body = plan.match.body if plan.match.body is not None else containing_body(ctx.tree, node)
        indent = body_indent(ctx.index, body, node)
    except PlacementError:
        return plan
    style = find_style(os.path.dirname(ctx.origin.path) if ctx.origin.path else ".", ctx.targets.sorters)
    written, finals = block_of(body, node), finals or {}
    own = finals.get(id(node))
    block = [item if item is node or _same_module(own, finals.get(id(item))) else finals.get(id(item), item)
             for item in written]
    ordered = (in_order_only and style.modelled and "isort:" not in ctx.text and not shares_lines(body, written)
               and in_order(style, block))
    edits, added, pieces = list(plan.edits), list(plan.added), []
    moved = _moved(ctx, style, plan, block, written, joinable) if ordered else None
    others, joins = block, written
    if moved is not None:
        edits, pieces, spelled = moved
        added = [spelled, *added]
        others = [item for item in block if item is not node]
        joins = [item for item in written if item is not node]
    elif plan.added:
        others = [_located(final_statement(ctx, plan), node) if item is node else item for item in block]
    eol = line_ending(ctx.index, node.lineno)
    slotted: list[Slotted] = []
    for text in plan.added:
        new = parsed_statement(text)
        join = _join(ctx, style, joins, new, joinable) if ordered and new is not None else None
        if join is not None:
            edits += join
        elif ordered and others and isinstance(new, (ast.Import, ast.ImportFrom)):
            found = entry(style, new)
            slotted.append((*slot(ctx.index, style, others, found), found, indent + text))
        else:
            pieces.append(_after_line(ctx, last_line(body, node), 0, [indent + text]))
    pieces += _slotted_pieces(ctx, slotted, eol)
    for last, text in plan.assignments:
        blank = 0
        if isinstance(last, (ast.Import, ast.ImportFrom)) and body is ctx.tree.body:
            blank = style.after if style.after >= 0 else 1
        pieces.append(_after_line(ctx, last_line(body, last), 1, [""] * blank + [indent + text]))
    return plan._replace(edits=tuple(edits), insertions=tuple(_merged(pieces)), added=tuple(added))


def final_statement(ctx: FileContext, plan: Plan) -> ast.stmt | None:
    """The statement as its in-place edits leave it (None: they reach past its lines, or it is not one
    statement alone on them)."""
    node, index = plan.match.node, ctx.index
    start, end = index.starts[node.lineno - 1], index.line_end(node.end_lineno or node.lineno)
    if not all(start <= e.start and e.end <= end for e in plan.edits):
        return None
    rest = index.text[plan.match.end : end].strip(" \t\f\r\n")
    if index.text[start : plan.match.start].strip(" \t\f") or rest and not rest.startswith("#"):
        return None
    shifted = [Edit(e.start - start, e.end - start, e.replacement) for e in plan.edits]
    return parsed_statement(apply_edits(index.text[start:end], shifted))


def _same_module(one: ast.stmt | None, other: ast.stmt | None) -> bool:
    """Whether both are ``from`` statements of one module (the sorter joins those: judged as written)."""
    return (isinstance(one, ast.ImportFrom) and isinstance(other, ast.ImportFrom)
            and (one.module, one.level) == (other.module, other.level))


def _located(final: ast.stmt | None, node: ast.stmt) -> ast.stmt:
    """``final`` (the statement as rewritten) on ``node``'s lines, or ``node`` when it has none."""
    if final is None:
        return node
    final.lineno, final.end_lineno = node.lineno, node.end_lineno
    return final


def parsed_statement(text: str) -> ast.stmt | None:
    """The one statement ``text`` holds (its lines indented as a body's are)."""
    indented = text[:1] in (" ", "\t", "\f")
    try:
        body = parse("if 1:\n" + text if indented else text).body
    except (SyntaxError, ValueError):
        return None
    if indented and len(body) == 1 and isinstance(body[0], ast.If):
        body = body[0].body
    return body[0] if len(body) == 1 else None


def _join(ctx: FileContext, style: SorterStyle, others: list[ast.stmt], new: ast.stmt,
          joinable: dict[int, ast.stmt]) -> list[Edit] | None:
    """Edits adding ``new``'s names to a statement of ``others`` importing from its module, when the sorter
    would combine them; None when there is no such statement."""
    if style.single or not isinstance(new, ast.ImportFrom) or any(alias.asname for alias in new.names):
        return None
    for item in others:
        final = joinable.get(id(item))
        if (isinstance(final, ast.ImportFrom) and isinstance(item, ast.ImportFrom)
                and (final.module, final.level) == (new.module, new.level)
                and [a.name for a in final.names] == [a.name for a in item.names]):
            return joined(ctx.index, style, item, [alias.name for alias in new.names])
    return None


def _moved(ctx: FileContext, style: SorterStyle, plan: Plan, block: list[ast.stmt], written: list[ast.stmt],
           joinable: dict[int, ast.stmt]) -> tuple[list[Edit], list[Piece], str] | None:
    """The removal of a respelled statement the sorter wants elsewhere, and its line added there (or its names
    joined to a statement of its module), and how it reads; None when it stays (in place, alone in its block,
    not alone on its lines, or with a comment above it). ``block``: the statements around it as the run leaves
    them, ``written``: as they are written."""
    node, index = plan.match.node, ctx.index
    first, last = node.lineno, node.end_lineno or node.lineno
    new = final_statement(ctx, plan) if len(block) > 1 else None
    if not isinstance(new, (ast.Import, ast.ImportFrom)) or first > 1 and index.line_text(first - 1).lstrip(
            " \t\f").startswith("#"):
        return None
    others = [item for item in block if item is not node]
    removal = remove_lines(index, first, last)
    join = _join(ctx, style, [item for item in written if item is not node], new, joinable)
    if join is not None:
        return [removal, *join], [], _spelled(new)
    new_entry = entry(style, new)
    if in_place(style, block, node, new_entry):
        return None
    at, blank_before, blank_after = slot(index, style, others, new_entry)
    eol = line_ending(index, last)
    text = index.text[index.starts[first - 1] : index.line_end(last)]
    text = apply_edits(text, [Edit(e.start - index.starts[first - 1], e.end - index.starts[first - 1],
                                   e.replacement) for e in plan.edits])
    text = text if text.endswith(("\n", "\r")) else text + eol
    if at == len(index.text) and not index.text.endswith(("\n", "\r")):
        text = eol + text.rstrip("\r\n")
    piece = (at, 0, (eol if blank_before else "") + text + (eol if blank_after else ""))
    return [removal], [piece], _spelled(new)


def _slotted_pieces(ctx: FileContext, slotted: list[Slotted], eol: str) -> list[Piece]:
    """The split-off imports placed in an ordered block, those at one place in the sorter's order: a blank line
    between two sections, before a new section after another and after one before the others."""
    by_place: dict[int, list[Slotted]] = {}
    for found in slotted:
        by_place.setdefault(found[0], []).append(found)
    pieces: list[Piece] = []
    for at, lines in by_place.items():
        lines.sort(key=lambda line: line[3])
        text = ""
        for i, (_, _, _, found, line) in enumerate(lines):
            text += (eol if i and found[0] != lines[i - 1][3][0] else "") + line + eol
        if at == len(ctx.index.text) and not ctx.index.text.endswith(("\n", "\r")):
            pieces.append((at, 0, eol + text[: -len(eol)]))
        else:
            pieces.append((at, 0, (eol if lines[0][1] else "") + text + (eol if lines[-1][2] else "")))
    return pieces


def _after_line(ctx: FileContext, line: int, order: int, texts: list[str]) -> Piece:
    index = ctx.index
    at, eol = index.line_end(line), line_ending(index, line)
    if index.line_text(line).endswith(("\n", "\r")):
        return at, order, "".join(f"{text}{eol}" for text in texts)
    return at, order, "".join(f"{eol}{text}" for text in texts)


def _merged(pieces: list[Piece]) -> list[Edit]:
    """One edit per place: imports first, then assignments."""
    by_place: dict[int, list[tuple[int, str]]] = {}
    for at, order, text in pieces:
        by_place.setdefault(at, []).append((order, text))
    return [Edit(at, at, "".join(text for _, text in sorted(found, key=lambda item: item[0])))
            for at, found in by_place.items()]


def _spelled(node: ast.stmt) -> str:
    """The statement on one line, as ``ast.unparse`` writes an import."""
    names = ", ".join(f"{a.name} as {a.asname}" if a.asname else a.name for a in node.names)
    if isinstance(node, ast.ImportFrom):
        return f"from {'.' * (node.level or 0)}{node.module or ''} import {names}"
    return f"import {names}"
