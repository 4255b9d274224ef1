"""Positions in decoded source text, and the tokens of a small span of it."""
from __future__ import annotations

import io
import re
import tokenize
from bisect import bisect_right
from itertools import accumulate
from typing import NamedTuple

_NEWLINE = re.compile(r"\r\n|\r|\n")
_SKIPPED = frozenset((tokenize.ENDMARKER, tokenize.INDENT, tokenize.DEDENT))


class Token(NamedTuple):
    type: int
    string: str
    start: int
    end: int


class LineIndex:
    """Maps ``ast`` and ``tokenize`` positions to offsets into the text.

    Lines end where Python's tokenizer ends them (``\\r\\n``, ``\\r``, ``\\n``),
    never at form feeds or other Unicode line breaks.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]

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

    def column(self, offset: int) -> tuple[int, int]:
        """1-based line and 0-based character column."""
        line = self.line_of(offset)
        return line, offset - self.starts[line - 1]


def tokens_between(index: LineIndex, start: int, end: int, stop: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]``, which must begin at a token boundary.

    Tokens are produced until one starts at or after ``stop`` (default ``end``)
    or the tokenizer fails (callers check that they got the tokens they need).
    Line endings are normalised for the tokenizer only; offsets are into the text.
    """
    stop = end if stop is None else stop
    raw_lines = io.StringIO(index.text[start:end], newline="").readlines()
    line_starts = list(accumulate((len(line) for line in raw_lines[:-1]), initial=start))
    lines = iter([_NEWLINE.sub("\n", line) for line in raw_lines])
    found: list[Token] = []
    try:
        for tok in tokenize.generate_tokens(lambda: next(lines, "")):
            if tok.type in _SKIPPED or tok.start[0] > len(line_starts):
                continue
            tok_start = line_starts[tok.start[0] - 1] + tok.start[1]
            if tok_start >= stop:
                break
            tok_end = line_starts[tok.end[0] - 1] + tok.end[1] if tok.end[0] <= len(line_starts) else end
            found.append(Token(tok.type, tok.string, tok_start, min(tok_end, end)))
    except (tokenize.TokenError, SyntaxError):
        pass
    return found
