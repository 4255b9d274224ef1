"""Positions in decoded source text, and the tokens of a small span of it."""
from __future__ import annotations

import _ast
from _bisect import bisect_left, bisect_right  # the C module bisect.py re-exports, one module fewer to load
from _collections_abc import Callable, Iterable
from itertools import accumulate

from ..records import Record

# Compiled, this set of characters would cost every hook call ~1 ms: each is looked for in the text instead.
_OTHER_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_SPACE = " \t\f"
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
# Token types.
NAME, OP, COMMENT, NL, OTHER = "name", "op", "comment", "newline", "other"


class Token(Record):
    """A token of a span, with offsets into the whole text."""

    __slots__ = ()
    type: str
    string: str
    start: int
    end: int

    def __new__(cls, type: str, string: str, start: int, end: int) -> Token:
        return tuple.__new__(cls, (type, string, start, end))


class LineIndex:
    """Maps ``ast`` and ``tokenize`` positions to offsets into the text.

    Lines end where Python's tokenizer ends them (``\\r\\n``, ``\\r``, ``\\n``),
    never at form feeds or other Unicode line breaks.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        if not any(char in text for char in _OTHER_BREAKS):
            # str.splitlines ends lines where the tokenizer does when no other break is in the text: C speed.
            self.starts = [0, *accumulate(map(len, text.splitlines(True)))]
            if len(self.starts) > 1 and not text.endswith(("\n", "\r")):
                self.starts.pop()
        else:
            self.starts = [0, *_line_ends(text)]

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset)

    def line_text(self, line: int) -> str:
        return self.text[self.starts[line - 1] : self.line_end(line)]

    def line_end(self, line: int) -> int:
        """The offset just past ``line``, its line ending included."""
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def offset(self, line: int, col: int) -> int:
        return self.starts[line - 1] + col

    def ast_offset(self, line: int, byte_col: int) -> int:
        """``ast`` columns count UTF-8 bytes."""
        text = self.line_text(line)
        if text.isascii():
            return self.starts[line - 1] + byte_col
        return self.starts[line - 1] + len(text.encode("utf-8")[:byte_col].decode("utf-8", "replace"))

    def span(self, node: _ast.AST) -> tuple[int, int]:
        """The offsets where ``node`` starts and ends."""
        return (
            self.ast_offset(node.lineno, node.col_offset),
            self.ast_offset(node.end_lineno, node.end_col_offset),
        )

    def lines_containing(self, words: Iterable[str]) -> list[int]:
        """Sorted numbers of the lines where any of ``words`` (identifiers) occurs as a whole word."""
        text = self.text
        lines = set()
        for word in words:
            at = text.find(word)
            while at != -1:
                end = at + len(word)
                if not (at and _continues(text[at - 1])) and not (end < len(text) and _continues(text[end])):
                    lines.add(self.line_of(at))
                at = text.find(word, end)
        return sorted(lines)

    def column(self, offset: int) -> tuple[int, int]:
        """1-based line and 0-based character column."""
        line = self.line_of(offset)
        return line, offset - self.starts[line - 1]


def _continues(char: str) -> bool:
    """Whether ``char`` can be part of an identifier (non-ASCII ones may: treated as such)."""
    return char.isalnum() or char == "_" or not char.isascii()


def spans_any(lines: list[int]) -> Callable[[object], bool]:
    """Whether a statement's lines, its decorators' included, hold one of ``lines``.

    Only statements are ever left out: their spans are exact, while some expressions' are not (parts of
    f-strings before Python 3.12), and a decorator lies above its ``def``'s first line.
    """

    def keep(node: object) -> bool:
        if not isinstance(node, _ast.stmt):
            return True
        decorators = getattr(node, "decorator_list", None)
        first = min(d.lineno for d in decorators) if decorators else node.lineno
        at = bisect_left(lines, first)
        return at < len(lines) and lines[at] <= (node.end_lineno or node.lineno)

    return keep


def scan(index: LineIndex, start: int, end: int) -> list[Token]:
    """Tokens of ``text[start:end]``: an import statement or a dotted name, which start at a token boundary.

    Such spans hold only names, dots, commas, parentheses, ``*``, comments and line breaks, so this
    small scanner reads them exactly; anything else comes out as an ``OTHER`` token for the caller to
    refuse. (``tokenize`` would compile its large patterns on first use, a cost every hook call pays.)
    """
    text, found, at = index.text, [], start
    while at < end:
        char = text[at]
        if char in _SPACE or (char == "\\" and at + 1 < end and text[at + 1] in "\r\n"):  # a continuation is space
            at = _after_space(text, at, end)
            continue
        if char == "#":
            kind, stop = COMMENT, _line_break(text, at, end)
        elif char in "\r\n":
            kind, stop = NL, at + (2 if text.startswith("\r\n", at, end) else 1)
        elif (char in _WORD or char.isalnum()) and not char.isdecimal():
            kind, stop = NAME, at + 1
            while stop < end and (text[stop] in _WORD or text[stop].isalnum()):
                stop += 1
        elif text.startswith("...", at, end):
            kind, stop = OP, at + 3
        else:
            kind, stop = (OP if char in ".,()*;" else OTHER), at + 1
        found.append(Token(kind, text[at:stop], at, stop))
        at = stop
    return found


def _after_space(text: str, at: int, end: int) -> int:
    """Past the spaces (or the one backslash continuation) at ``at``."""
    if text[at] == "\\":
        return at + (3 if text.startswith("\r\n", at + 1, end) else 2)
    while at < end and text[at] in _SPACE:
        at += 1
    return at


def _line_break(text: str, at: int, end: int) -> int:
    """The offset of the first line break at or after ``at`` (``end`` if none comes before it)."""
    found = [i for i in (text.find("\r", at, end), text.find("\n", at, end)) if i != -1]
    return min(found) if found else end


def _line_ends(text: str) -> list[int]:
    """The offsets just past each ``\\r\\n``, ``\\r`` or ``\\n`` of ``text``."""
    ends, at = [], 0
    pieces = text.split("\n")
    for number, piece in enumerate(pieces):
        cr = piece.find("\r")
        while cr != -1 and cr < len(piece) - 1:
            ends.append(at + cr + 1)
            cr = piece.find("\r", cr + 1)
        at += len(piece)
        if number < len(pieces) - 1:
            at += 1  # past the "\n", and the "\r" before it when there is one
            ends.append(at)
        elif cr != -1:
            ends.append(at)
    return ends


def comments_after(index: LineIndex, offset: int) -> list[str]:
    """Comments on the rest of the line from ``offset``, which is the end of a statement."""
    rest = index.text[offset : index.line_end(index.line_of(offset))]
    if "#" not in rest:
        return []
    stripped = rest.lstrip(" \t\f")
    if stripped.startswith("#"):
        return [stripped.rstrip("\r\n")]
    import io
    import tokenize

    comments = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(rest.replace("\r\n", "\n").replace("\r", "\n")).readline):
            if tok.type == tokenize.COMMENT:
                comments.append(tok.string)
    except (tokenize.TokenError, SyntaxError):
        pass
    return comments
