"""The byte test: whether undecoded bytes may refer to a legacy module, by hand-written scans (a hook call never
loads ``re``)."""
from __future__ import annotations

import os
from _collections_abc import Iterator

# Where a dotted name may break between its segments and its dots: spaces, line breaks, backslash continuations.
_GAP = b" \t\f\r\n\\"


def patches(data: bytes) -> bool:
    """Whether a text may patch a name by a string (``mock.patch``, ``monkeypatch.setattr``)."""
    return b"patch" in data or b"setattr" in data or b"delattr" in data


def absolute_in(data: bytes, parts: tuple[bytes, ...]) -> bool:
    """Whether ``data`` spells the module ``parts`` where its first segment starts a word: the dotted name (gaps
    allowed around the dots) ending a word, or its package followed by ``import``."""
    for at in _word_starts(data, parts[0]):
        end = _spelt_at(data, at, parts)
        if end != -1 and _ends_word(data, end):
            return True
        end = _spelt_at(data, at, parts[:-1]) if len(parts) > 1 else -1
        if end != -1:
            end = _after_gap(data, end)
            if data.startswith(b"import", end) and _ends_word(data, end + 6):
                return True
    return False


def reached_in(data: bytes, parts: tuple[bytes, ...]) -> bool:
    """Whether ``data`` may reach the module ``parts`` as an attribute of a package above it that it imports
    (``from a.b import c`` then ``c.d``, ``import a as p`` then ``p.b.c.d``): a package spelt as a reference and
    the module's last segment read as an attribute."""
    if len(parts) < 2 or not _attribute_in(data, parts[-1]):
        return False
    return any(absolute_in(data, parts[:end]) for end in range(1, len(parts)))


def _attribute_in(data: bytes, name: bytes) -> bool:
    """Whether ``name`` is read as an attribute somewhere (a dot, gaps allowed, then the whole word)."""
    for at in _word_starts(data, name):
        before = at
        while before > 0 and data[before - 1] in _GAP:
            before -= 1
        if data[before - 1 : before] == b"." and _ends_word(data, at + len(name)):
            return True
    return False


def relative_in(data: bytes, parts: tuple[bytes, ...], path: str) -> bool:
    """Whether ``data`` has a relative import (``from .``) that may name the module: its other segments are in the
    text or in the file's ``path`` (where its package comes from)."""
    if not any(data.startswith(b".", _after_gap(data, at + 4)) for at in _word_starts(data, b"from")):
        return False
    where = os.path.abspath(path).encode("utf-8", "surrogateescape") if path else b""
    return all(p in data or p in where for p in parts[:-1])


def _word_starts(data: bytes, word: bytes) -> Iterator[int]:
    at = data.find(word)
    while at != -1:
        if at == 0 or not (data[at - 1 : at].isalnum() or data[at - 1] == 95):
            yield at
        at = data.find(word, at + 1)


def _spelt_at(data: bytes, at: int, parts: tuple[bytes, ...]) -> int:
    """Where ``parts`` spelt as a dotted name from ``at`` ends (-1: not spelt there)."""
    for index, part in enumerate(parts):
        if index:
            at = _after_gap(data, at)
            if data[at : at + 1] != b".":
                return -1
            at = _after_gap(data, at + 1)
        if not data.startswith(part, at):
            return -1
        at += len(part)
    return at


def _after_gap(data: bytes, at: int) -> int:
    while at < len(data) and data[at] in _GAP:
        at += 1
    return at


def _ends_word(data: bytes, at: int) -> bool:
    return not (data[at : at + 1].isalnum() or data[at : at + 1] == b"_")
