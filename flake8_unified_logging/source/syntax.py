"""The two helpers of ``ast`` the engine uses, over ``_ast`` (the node classes ``ast`` re-exports).

Importing ``ast`` itself builds its unparser, ~2.5 ms that every one-file hook call would pay.
"""
from __future__ import annotations

import _ast
import sys
from _collections_abc import Iterator


def parse(text: str) -> _ast.Module:
    """What ``ast.parse(text)`` returns, without the warnings Python 3.12 gives about an escape sequence in the
    code it reads (``invalid escape sequence '\\d'``, naming no file): the code is not ours to judge."""
    if "\\" not in text:  # no escape sequence (a hook call's usual file): no warnings module to load
        return compile(text, "<unknown>", "exec", _ast.PyCF_ONLY_AST)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return compile(text, "<unknown>", "exec", _ast.PyCF_ONLY_AST)


def iter_child_nodes(node: _ast.AST) -> Iterator[_ast.AST]:
    """What ``ast.iter_child_nodes(node)`` yields."""
    for field in node._fields:
        value = getattr(node, field, None)
        if isinstance(value, _ast.AST):
            yield value
        elif isinstance(value, list):
            yield from (item for item in value if isinstance(item, _ast.AST))


def walk_all(node: _ast.AST) -> Iterator[_ast.AST]:
    """Every node under ``node``, ``node`` included (what ``ast.walk`` yields, in another order)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(iter_child_nodes(current))


def dotted_parts(node: _ast.AST) -> list[str] | None:
    """The names of an attribute chain read from a name, ``a.b.c`` -> ``["a", "b", "c"]``; None when the chain
    starts at anything else (a call, a subscript)."""
    parts = []
    while isinstance(node, _ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, _ast.Name):
        return None
    parts.append(node.id)
    parts.reverse()
    return parts


def dotted_name(node: _ast.AST) -> str | None:
    """An attribute chain read from a name as its dotted text, ``a.b.c``; None when it starts at anything else."""
    parts = dotted_parts(node)
    return None if parts is None else ".".join(parts)


def bound_name(alias: _ast.alias) -> str:
    """The local name an import binds for ``alias``: its ``as`` name, else its first segment (``import a.b``
    binds ``a``)."""
    return alias.asname or alias.name.split(".")[0]


# Syntax a newer Python accepts, told from the running one's error: (from version, what, test of the error).
_NEWER = (
    ((3, 12), "f-string syntax", lambda msg, line, at: msg.startswith("f-string") or -1 < _f_string_at(line) < at
     and msg.startswith(("unexpected character after line continuation", "invalid syntax", "unterminated string"))),
    ((3, 12), "type alias statement", lambda msg, line, at: line.startswith("type ") and "=" in line),
    ((3, 12), "type parameters", lambda msg, line, at: line.startswith(("def ", "class ", "async def ")) and "[" in
     line.split("(")[0].split(":")[0]),
    ((3, 11), "except* clause", lambda msg, line, at: line.startswith("except") and line[6:].lstrip().startswith("*")),
    ((3, 10), "match statement", lambda msg, line, at: line.startswith(("match ", "case ")) and line.endswith(":")),
)


def _f_string_at(line: str) -> int:
    """Where the first f-string of ``line`` starts (its prefix: ``f"``, ``rf'``, ``Fr"``...), or -1."""
    for at, char in enumerate(line):
        if char in "'\"":
            start = at
            while start > 0 and line[start - 1] in "fFrR" and at - start < 2:
                start -= 1
            before = line[start - 1] if start else ""
            if "f" in line[start:at].lower() and not (before.isalnum() or before == "_"):
                return start
    return -1


def newer_syntax(error: SyntaxError) -> str | None:
    """``valid from 3.12: f-string syntax`` when the running Python refuses what a newer one accepts."""
    text = error.text or ""
    line = text.strip()
    at = (error.offset or 1) - 1 - (len(text) - len(text.lstrip()))  # the error's column in the stripped line
    for version, what, test in _NEWER:
        if sys.version_info[:2] < version and test(error.msg or "", line, at):
            return f"valid from {version[0]}.{version[1]}: {what}"
    return None
