"""The two helpers of ``ast`` the engine uses, over ``_ast`` (the node classes ``ast`` re-exports).

Importing ``ast`` itself builds its unparser, ~2.5 ms that every one-file hook call would pay.
"""
from __future__ import annotations

import _ast
from collections.abc import Iterator


def parse(text: str) -> _ast.Module:
    """What ``ast.parse(text)`` returns."""
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
