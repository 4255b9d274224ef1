"""A buffer's findings as an editor shows them: what ``check`` reports on the text, each with the span it covers.

The text is an editor's buffer, never read from disk: ``path`` only says where the buffer lives (its package, the
project its rewrites must resolve in). A buffer that starts with a BOM is checked without it, as ``fix`` decodes a
file, and every offset given back counts it.
"""
from __future__ import annotations

import _ast
import re
from bisect import bisect_left
from _collections_abc import Sequence

from ..config import Settings
from ..engine.finder import LEGACY_ATTRIBUTE, LEGACY_STRING, Finding, find
from ..records import Record
from ..resolve.targets import TargetCheck
from ..source.origin import Origin, origin_of
from ..source.positions import LineIndex
from ..source.syntax import parse

BOM = "\ufeff"
_DOTTED = re.compile(r"[^\W\d]\w*(?:[ \t]*\.[ \t]*[^\W\d]\w*)*")
_STRING = re.compile(r"""[rRbBuUfF]{0,2}('''|\"\"\"|'|")""")
PARSE_ERRORS = (SyntaxError, ValueError, RecursionError, MemoryError)
_USES = (LEGACY_ATTRIBUTE, LEGACY_STRING)


class Spot(Record):
    """A finding as ``check`` reports it and the span of the buffer it covers (the statement, the use or the
    string), as offsets into the buffer."""

    __slots__ = ()
    finding: Finding
    start: int
    end: int

    def __new__(cls, finding: Finding, start: int, end: int) -> Spot:
        return tuple.__new__(cls, (finding, start, end))


class Checked(Record):
    """A buffer checked: its text, what ``check`` reports with spans, why it was not checked ("": it was), and
    what its fixes need."""

    __slots__ = ()
    text: str
    spots: tuple[Spot, ...]
    skipped: str
    origin: Origin
    settings: Settings | None

    def __new__(
        cls, text: str, spots: tuple[Spot, ...], skipped: str, origin: Origin, settings: Settings | None
    ) -> Checked:
        return tuple.__new__(cls, (text, spots, skipped, origin, settings))


def check_buffer(text: str, path: str, settings: Settings) -> Checked:
    """The findings ``check`` reports for ``text`` as if it were the file ``path``; a buffer that does not parse
    has none, and says why."""
    origin = origin_of(path)
    body = text[1:] if text.startswith(BOM) else text
    if not settings.rules.occur_in(body):
        return Checked(text, (), "", origin, settings)
    try:
        tree = parse(body)
        found = find(body, settings.rules, tree=tree, origin=origin, targets=targets_for(settings))
    except SyntaxError as error:
        return Checked(text, (), f"cannot parse: {error.msg} (line {error.lineno})", origin, None)
    except PARSE_ERRORS as error:
        return Checked(text, (), f"cannot parse: {type(error).__name__}", origin, None)
    shift = len(text) - len(body)
    spots = _spots(body, tree, found)
    return Checked(text, tuple(Spot(s.finding, s.start + shift, s.end + shift) for s in spots), "", origin, settings)


def targets_for(settings: Settings) -> TargetCheck:
    """A new view of the project for each buffer, as each run of ``fix`` makes one: the files it reads may change."""
    return TargetCheck(settings.source_roots, settings.target_check)


def _spots(body: str, tree: _ast.Module, found: Sequence[Finding]) -> list[Spot]:
    index = LineIndex(body)
    statements = _statement_ends(index, tree, {f.line for f in found})
    spots = []
    for finding in found:
        start = index.offset(finding.line, finding.col)
        end = None if finding.code in _USES else statements.get(start)
        if end is None:
            end = _use_end(body, start, finding.code == LEGACY_STRING, index.line_end(finding.line))
        spots.append(Spot(finding, start, end))
    return spots


def _statement_ends(index: LineIndex, tree: _ast.Module, lines: set[int]) -> dict[int, int]:
    """Start offset -> end offset of each statement that starts on one of ``lines``; only the statements that
    hold one of them are entered."""
    ends: dict[int, int] = {}
    wanted = sorted(lines)
    stack: list[_ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        line = getattr(node, "lineno", None)  # a case of a match statement has no position of its own
        first = bisect_left(wanted, line or 0)
        if first == len(wanted) or (line is not None and wanted[first] > node.end_lineno):
            continue
        if wanted[first] == line and isinstance(node, _ast.stmt):
            end = index.ast_offset(node.end_lineno, node.end_col_offset)
            ends[index.ast_offset(node.lineno, node.col_offset)] = end
        for field in _BODIES:
            stack.extend(getattr(node, field, ()))
    return ends


# The fields that hold statements (or the handlers and cases that hold them).
_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")


def _use_end(body: str, start: int, string: bool, line_end: int) -> int:
    """The end of the dotted name, or the string, that starts at ``start`` (its line's end when neither fits)."""
    if string:
        quote = _STRING.match(body, start)
        if quote is not None:
            close = body.find(quote.group(1), quote.end())
            while close > 0 and _escaped(body, close):
                close = body.find(quote.group(1), close + 1)
            if close > 0:
                return close + len(quote.group(1))
    name = _DOTTED.match(body, start)
    if name is not None:
        return name.end()
    return max(start, len(body[start:line_end].rstrip("\r\n")) + start)


def _escaped(body: str, at: int) -> bool:
    slashes = len(body[:at]) - len(body[:at].rstrip("\\"))
    return slashes % 2 == 1
