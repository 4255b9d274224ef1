"""Positions in decoded source text, and the tokens of a small span of it."""
from __future__ import annotations

import _ast
import re
from _bisect import bisect_left, bisect_right  # the C module bisect.py re-exports, one module fewer to load
from collections.abc import Callable, Iterable
from itertools import accumulate

from ..records import Record

_NEWLINE = r"\r\n|\r|\n"
# Compiled, this set of characters would cost every hook call ~1 ms: each is looked for in the text instead.
_OTHER_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_SCANNER = re.compile(
    r"(?P<space>[ \t\f]+|\\(?:\r\n|\r|\n))|(?P<comment>#[^\r\n]*)|(?P<newline>\r\n|\r|\n)"
    r"|(?P<name>[^\W\d]\w*)|(?P<op>\.\.\.|[.,()*;])|(?P<other>.)",
    re.DOTALL,
)
# Token types: the scanner's group names.
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
            self.starts = [0, *(m.end() for m in re.compile(_NEWLINE).finditer(text))]

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
    found = []
    for match in _SCANNER.finditer(index.text, start, end):
        kind = match.lastgroup
        if kind != "space":
            found.append(Token(kind, match.group(), match.start(), match.end()))
    return found


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
        for tok in tokenize.generate_tokens(io.StringIO(re.sub(_NEWLINE, "\n", rest)).readline):
            if tok.type == tokenize.COMMENT:
                comments.append(tok.string)
    except (tokenize.TokenError, SyntaxError):
        pass
    return comments
