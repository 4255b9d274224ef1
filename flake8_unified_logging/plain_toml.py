"""TOML as most pyproject.toml files are written, read without importing tomllib: its import (with ``re``,
``typing`` and ``datetime``) costs a cold hook call more instructions than the interpreter's own start.

``loads`` reads a document with this reader when all of it is in the subset below, else with tomllib; either way the
result is what tomllib returns, and every error is tomllib's (tests/test_plain_toml.py compares the two on
generated documents and on real pyproject.toml files). The subset: comments; ``[table]`` and ``[[array]]``
headers of bare or quoted keys, dotted; ``key = value`` with one bare or quoted key; values that are strings
(multi-line ones without escapes), decimal integers, booleans, arrays (over lines, with comments) and inline
tables of these. Anything else (dotted keys in an assignment, ``\\u`` escapes, multi-line strings with escapes,
floats, dates, a table or key defined twice) is left to tomllib.
"""
from __future__ import annotations

_WHITESPACE = frozenset(" \t")
_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
_CONTROL = frozenset(chr(code) for code in (*range(32), 127) if code != 9)  # newlines included
_AFTER_SCALAR = frozenset(" \t,]}#\n")
_ESCAPES = {"\\b": "\b", "\\t": "\t", "\\n": "\n", "\\f": "\f", "\\r": "\r", '\\"': '"', "\\\\": "\\"}
_DIGITS = frozenset("0123456789")

Table = dict  # a TOML table as tomllib returns it


class _NotPlain(Exception):
    """The document holds something outside the subset: tomllib reads it."""


def loads(text: str) -> Table:
    """The document ``text`` as tomllib reads it (``ValueError``, tomllib's ``TOMLDecodeError``, when it is not
    TOML)."""
    try:
        return _Reader(text).document()
    except _NotPlain:
        pass
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib
    document: Table = tomllib.loads(text)
    return document


class _Reader:
    """One pass over the text; ``at`` is the offset read up to."""

    def __init__(self, text: str) -> None:
        self.text, self.at = text.replace("\r\n", "\n"), 0  # as tomllib reads it: a lone "\r" is no line end
        self.headers: set[tuple[str, ...]] = set()
        self.fixed: set[int] = set()  # the ids of tables written inline, which a header may not extend
        self.arrays: set[int] = set()  # the ids of arrays of tables (``[[name]]``), which a header may extend

    def document(self) -> Table:
        root: Table = {}
        table = root
        while True:
            self._spaces()
            if self.at >= len(self.text):
                return root
            char = self.text[self.at]
            if char == "[":
                table = self._header(root)
            elif char not in "#\n":
                self._pair(table)
            self._line_end()

    def _pair(self, table: Table) -> None:
        """``key = value``, into ``table`` (a key it holds already is tomllib's to refuse)."""
        key = self._spaced_key()
        self._expect("=")
        self._spaces()
        value = self._value()
        if key in table:
            raise _NotPlain
        table[key] = value

    def _header(self, root: Table) -> Table:
        """``[table]``, or ``[[array]]``: a new table appended to an array of tables, which later headers
        under its name extend. A header path met twice is left to tomllib, even where the second is another
        element's table."""
        appended = self.text.startswith("[[", self.at)
        self.at += 2 if appended else 1
        path = [self._spaced_key()]
        while self._peek() == ".":
            self.at += 1
            path.append(self._spaced_key())
        self._expect("]")
        if appended:
            self._expect("]")
        elif tuple(path) in self.headers:
            raise _NotPlain
        self.headers.add(tuple(path))
        table = root
        for key in path[:-1]:
            table = self._table_in(table, key)
        if not appended:
            return self._table_in(table, path[-1], extended=False)
        existed = path[-1] in table
        array = table.setdefault(path[-1], [])
        if not isinstance(array, list) or existed and id(array) not in self.arrays:
            raise _NotPlain
        self.arrays.add(id(array))
        array.append({})
        return array[-1]

    def _table_in(self, table: Table, key: str, extended: bool = True) -> Table:
        """The table ``key`` of ``table`` (made when missing) that a header names: the last one of an array of
        tables when ``extended`` (a key on the way), never a table written inline."""
        found = table.setdefault(key, {})
        if extended and isinstance(found, list) and id(found) in self.arrays:
            found = found[-1]
        if not isinstance(found, dict) or id(found) in self.fixed:
            raise _NotPlain
        return found

    def _spaced_key(self) -> str:
        self._spaces()
        key = self._key()
        self._spaces()
        return key

    def _key(self) -> str:
        char = self._peek()
        if char in ('"', "'") and not self.text.startswith(char * 3, self.at):
            return self._string()
        start = self.at
        while self._peek() in _BARE:
            self.at += 1
        if self.at == start:
            raise _NotPlain
        return self.text[start : self.at]

    def _value(self) -> object:
        char = self._peek()
        if char in ('"', "'"):
            return self._string()
        if char == "[":
            return self._array()
        if char == "{":
            return self._inline_table()
        for word, value in (("true", True), ("false", False)):
            if self.text.startswith(word, self.at):
                self.at += len(word)
                self._scalar_end()
                return value
        value, self.at = _integer_at(self.text, self.at)
        return value

    def _string(self) -> str:
        value, self.at = _string_at(self.text, self.at)
        return value

    def _array(self) -> list:
        self.at += 1
        items: list = []
        while True:
            self._blank()
            if self._peek() == "]":
                self.at += 1
                return items
            items.append(self._value())
            self._blank()
            if self._peek() == ",":
                self.at += 1
            elif self._peek() != "]":
                raise _NotPlain

    def _inline_table(self) -> Table:
        self.at += 1
        table: Table = {}
        self.fixed.add(id(table))
        self._spaces()
        if self._peek() == "}":
            self.at += 1
            return table
        while True:
            self._pair(table)
            self._spaces()
            if self._peek() == "}":
                self.at += 1
                return table
            self._expect(",")

    def _peek(self) -> str:
        return self.text[self.at : self.at + 1]

    def _expect(self, char: str) -> None:
        if self._peek() != char:
            raise _NotPlain
        self.at += 1

    def _spaces(self) -> None:
        while self._peek() in _WHITESPACE:
            self.at += 1

    def _scalar_end(self) -> None:
        if self.at < len(self.text) and self.text[self.at] not in _AFTER_SCALAR:
            raise _NotPlain

    def _comment(self) -> None:
        """Past a comment, up to its line's end."""
        end = self.text.find("\n", self.at)
        end = len(self.text) if end < 0 else end
        _check_characters(self.text[self.at : end])
        self.at = end

    def _newline(self) -> bool:
        """Past a line ending, if one is here."""
        if self._peek() == "\n":
            self.at += 1
            return True
        return False

    def _line_end(self) -> None:
        self._spaces()
        if self._peek() == "#":
            self._comment()
        if not self._newline() and self.at < len(self.text):
            raise _NotPlain

    def _blank(self) -> None:
        """Past whitespace, line endings and comments, as an array allows between its items."""
        while True:
            self._spaces()
            if self._peek() == "#":
                self._comment()
            if not self._newline():
                return


def _check_characters(text: str) -> None:
    """Refuse the control characters TOML allows in no comment or string (a tab is allowed)."""
    if not text.isprintable() and any(char in _CONTROL for char in text):
        raise _NotPlain


def _string_at(text: str, at: int) -> tuple[str, int]:
    """The string starting at ``at`` and the offset after it."""
    quote = text[at]
    if text.startswith(quote * 3, at):
        return _multiline_string_at(text, at, quote)
    end = text.find(quote, at + 1)
    content = text[at + 1 : end]
    if end < 0:
        raise _NotPlain
    if quote == '"' and "\\" in content:
        return _escaped_string_at(text, at)
    _check_characters(content)
    return content, end + 1


def _escaped_string_at(text: str, at: int) -> tuple[str, int]:
    """A basic string on one line with escapes (``\\u`` and ``\\U`` left to tomllib)."""
    at += 1
    parts = []
    while text[at : at + 1] != '"':
        char = text[at : at + 1]
        if char == "\\":
            char = _ESCAPES.get(text[at : at + 2], "")
            at += 1
        elif char in _CONTROL:
            raise _NotPlain
        if not char:
            raise _NotPlain
        parts.append(char)
        at += 1
    return "".join(parts), at + 1


def _multiline_string_at(text: str, at: int, quote: str) -> tuple[str, int]:
    """A string over lines without escapes: its text as written, but a line ending right after the opening
    quotes; one or two quotes right before the closing ones are the string's."""
    start = at + 3 + text.startswith("\n", at + 3)
    end = text.find(quote * 3, start)
    content = text[start:end]
    if end < 0 or quote == '"' and "\\" in content:
        raise _NotPlain
    _check_characters(content.replace("\n", " "))
    at = end + 3
    for _ in range(2):
        if text[at : at + 1] == quote:
            content += quote
            at += 1
    return content, at


def _integer_at(text: str, at: int) -> tuple[int, int]:
    """The decimal integer starting at ``at`` and the offset after it."""
    start = at
    if text[at : at + 1] in ("+", "-"):
        at += 1
    digits = at
    if text[at : at + 1] == "0":
        at += 1
    else:
        while text[at : at + 1] in _DIGITS or text[at : at + 1] == "_" and text[at - 1 : at] in _DIGITS:
            at += 1
    if at == digits or text[at - 1] == "_" or at < len(text) and text[at] not in _AFTER_SCALAR:
        raise _NotPlain
    return int(text[start:at].replace("_", "")), at
