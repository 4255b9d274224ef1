"""The values ``learn`` passes between its steps: an example file, and a move one example shows."""
from __future__ import annotations

import _ast as ast
from collections import namedtuple


class Example(namedtuple("Example", "path before after package old_package old_path", defaults=(None, None))):
    """One file of the examples: its path, its text before and after the edit, and its package (relative imports);
    a renamed file has its path and package before the edit too."""

    __slots__ = ()
    path: str
    before: str
    after: str
    package: tuple[str, ...]
    old_package: tuple[str, ...] | None
    old_path: str | None

    @property
    def package_before(self) -> tuple[str, ...]:
        return self.package if self.old_package is None else self.old_package


class Move(namedtuple("Move", "kind old name new target args path")):
    """What one file shows: ``kind`` "module" (``old`` became ``new``), "name" (``old:name`` became
    ``new:target``) or "factory" (``old:name`` became ``name = new:target(args)``)."""

    __slots__ = ()
    kind: str
    old: str
    name: str
    new: str
    target: str
    args: ast.Call | None
    path: str
