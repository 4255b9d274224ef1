"""A buffer's findings and their fixes, as an editor shows them: what ``check`` reports on the text, each with the
span it covers, and the rewrite ``fix`` would make of the same text, proved the way ``fix`` proves it.

The text is an editor's buffer, never read from disk: ``path`` only says where the buffer lives (its package, the
project its rewrites must resolve in). A buffer that starts with a BOM is checked without it, as ``fix`` decodes a
file, and every offset given back counts it.
"""
from __future__ import annotations

import _ast
import re
from bisect import bisect_left
from collections import namedtuple
from collections.abc import Sequence

from .config import Settings
from .edits import Edit, apply_edits
from .finder import LEGACY_ATTRIBUTE, LEGACY_STRING, Finding, find
from .fixer import Fixed, VerificationError, fix_text
from .origin import Origin, origin_of
from .positions import LineIndex
from .syntax import parse
from .targets import TargetCheck

BOM = "\ufeff"
_DOTTED = re.compile(r"[^\W\d]\w*(?:[ \t]*\.[ \t]*[^\W\d]\w*)*")
_STRING = re.compile(r"""[rRbBuUfF]{0,2}('''|\"\"\"|'|")""")
_ERRORS = (SyntaxError, ValueError, RecursionError, MemoryError)
_USES = (LEGACY_ATTRIBUTE, LEGACY_STRING)


class Spot(namedtuple("Spot", "finding start end")):
    """A finding as ``check`` reports it and the span of the buffer it covers (the statement, the use or the
    string), as offsets into the buffer."""

    __slots__ = ()
    finding: Finding
    start: int
    end: int


class Fix(namedtuple("Fix", "title edits")):
    """A rewrite to offer: its title and the edits that make it, as offsets into the buffer."""

    __slots__ = ()
    title: str
    edits: tuple[Edit, ...]


class Checked(namedtuple("Checked", "text spots skipped origin settings")):
    """A buffer checked: its text, what ``check`` reports with spans, why it was not checked ("": it was), and
    what its fixes need."""

    __slots__ = ()
    text: str
    spots: tuple[Spot, ...]
    skipped: str
    origin: Origin
    settings: Settings | None


def check_buffer(text: str, path: str, settings: Settings) -> Checked:
    """The findings ``check`` reports for ``text`` as if it were the file ``path``; a buffer that does not parse
    has none, and says why."""
    origin = origin_of(path)
    body = text[1:] if text.startswith(BOM) else text
    if not settings.rules.occur_in(body):
        return Checked(text, (), "", origin, settings)
    try:
        tree = parse(body)
        found = find(body, settings.rules, tree=tree, origin=origin, targets=_targets(settings))
    except SyntaxError as error:
        return Checked(text, (), f"cannot parse: {error.msg} (line {error.lineno})", origin, None)
    except _ERRORS as error:
        return Checked(text, (), f"cannot parse: {type(error).__name__}", origin, None)
    shift = len(text) - len(body)
    spots = _spots(body, tree, found)
    return Checked(text, tuple(Spot(s.finding, s.start + shift, s.end + shift) for s in spots), "", origin, settings)


def _targets(settings: Settings) -> TargetCheck | None:
    """A new check of the targets for each buffer, as a run of ``fix`` makes one: the files it reads may change."""
    return TargetCheck(settings.source_roots) if settings.target_check else None


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


def fix_all(checked: Checked) -> Fix | None:
    """The buffer as ``fix`` would write it, as edits; None when there is nothing to fix or the rewrite does not
    pass ``fix``'s own checks (then nothing is offered)."""
    if checked.settings is None or not checked.spots:
        return None
    text, shift = checked.text, _shift(checked.text)
    fixed = _fixed(text[shift:], checked)
    if fixed is None or fixed.text == text[shift:]:
        return None
    edits = sorted({edit for finding in fixed.findings for edit in finding.edits})
    return Fix("Fix all legacy imports (unified-logging)", tuple(_shifted(edits, shift)))


def quick_fix(checked: Checked, spot: Spot) -> Fix | None:
    """The rewrite of ``spot``'s statement with every use and string that moves with it, when that part of the
    file's rewrite stands on its own (it parses, and ``fix`` on the result gives what ``fix`` gives on the whole);
    otherwise the whole file's rewrite. None when the finding has no rewrite."""
    if checked.settings is None:
        return None
    text, shift = checked.text, _shift(checked.text)
    body = text[shift:]
    fixed = _fixed(body, checked)
    if fixed is None:
        return None
    fixable = [f for f in fixed.findings if f.edits]
    own = next((f for f in fixable if _same(f, spot.finding)), None)
    if own is None:
        return None
    group = _group(own, fixable)
    title = f"{spot.finding.code}: {_advice(spot.finding)}"
    edits = sorted({edit for finding in group for edit in finding.edits})
    if len(group) < len(fixable) and not _stands_alone(body, edits, group, fixed.text, checked):
        edits = sorted({edit for finding in fixable for edit in finding.edits})
        title += " (with the rest of the file)"
    return Fix(title, tuple(_shifted(edits, shift)))


def _shift(text: str) -> int:
    return 1 if text.startswith(BOM) else 0


def _shifted(edits: Sequence[Edit], shift: int) -> list[Edit]:
    return [Edit(e.start + shift, e.end + shift, e.replacement) for e in edits]


def _fixed(body: str, checked: Checked) -> Fixed | None:
    settings = checked.settings
    try:
        return fix_text(body, settings.rules, checked.origin, _targets(settings), settings.fix_strings)
    except (VerificationError, *_ERRORS):
        return None


def _same(fixing: Finding, reported: Finding) -> bool:
    return (fixing.code, fixing.line, fixing.col) == (reported.code, reported.line, reported.col)


def _advice(finding: Finding) -> str:
    """What the quick fix does, in the finding's own words."""
    _, said, advice = finding.message.partition("; use: ")
    return f"use {advice}" if said else "rewrite it as unified-logging fix does"


def _group(own: Finding, fixable: Sequence[Finding]) -> list[Finding]:
    """``own`` and the fixable findings that move with it: the same legacy module, or an edit in common."""
    members = [own]
    modules = {m.split(":")[0] for m in own.modules}
    edits = set(own.edits)
    grown = True
    while grown:
        grown = False
        for finding in fixable:
            if finding in members:
                continue
            if modules & {m.split(":")[0] for m in finding.modules} or edits & set(finding.edits):
                members.append(finding)
                modules |= {m.split(":")[0] for m in finding.modules}
                edits |= set(finding.edits)
                grown = True
    return members


def _stands_alone(body: str, edits: list[Edit], group: list[Finding], whole: str, checked: Checked) -> bool:
    """Whether rewriting only ``group`` leaves a text that parses, where nothing of the group is left to fix,
    and that ``fix`` turns into ``whole`` (the same result as rewriting the file at once)."""
    try:
        partial = apply_edits(body, edits)
    except ValueError:
        return False
    rest = _fixed(partial, checked)
    if rest is None or rest.text != whole:
        return False
    modules = {m.split(":")[0] for finding in group for m in finding.modules}
    return not any(f.edits and modules & {m.split(":")[0] for m in f.modules} for f in rest.findings)
