"""What the resolve step answers with: a module as found (its file and the names it binds), why a rewrite would
not resolve, and the one look-up every analysis of the project goes through."""
from __future__ import annotations

import _ast as ast

from ..records import Record

UNKNOWN = None  # a module whose names cannot be known statically (``__getattr__``, ``globals()``, a foreign star)


class Module:
    """A module found under a source root: its file, and the names it binds at module level (None: unknown)."""

    def __init__(
        self,
        path: str | None,
        names: frozenset[str] | None,
        submodules: frozenset[str],
        exported: frozenset[str] | None = None,
        tree: ast.Module | None = None,
    ) -> None:
        self.path = path
        self.tree = tree  # its syntax tree, for the analyses of what it returns and imports
        self.names = names
        self.submodules = submodules
        self.exported = exported  # a literal ``__all__``

    @property
    def is_stub(self) -> bool:
        return bool(self.path) and self.path.endswith(".pyi")  # type: ignore[union-attr]

    def binds(self, name: str) -> bool:
        """Whether the module binds ``name`` (a stub does not declare private names: those are not known)."""
        if self.names is UNKNOWN or name in self.names or name in self.submodules:
            return True
        return self.is_stub and name.startswith("_")


class Location(Record):
    """Where a definition is read: the root its module was found under, the module's file and the dotted package
    its relative imports start from; a module not read (``path`` "") holds its own dotted name there."""

    __slots__ = ()
    root: str
    path: str
    package: tuple[str, ...]

    def __new__(cls, root: str, path: str, package: tuple[str, ...]) -> Location:
        return tuple.__new__(cls, (root, path, package))


class Unresolved(Record):
    """Why a rewrite would not resolve (the ULG005 message), and what the targets lack for it:
    ``(target, name or member)`` pairs, for the report's to-do list."""

    __slots__ = ()
    message: str
    lacks: tuple[tuple[str, str], ...]

    def __new__(cls, message: str, lacks: tuple[tuple[str, str], ...] = ()) -> Unresolved:
        return tuple.__new__(cls, (message, lacks))

    def __str__(self) -> str:
        return self.message


TYPE_CHECKING = False
if TYPE_CHECKING:  # what the analyses need of the target check, named for the type checker alone
    from typing import Protocol

    from .memo import CycleMemo
    from .outside import Outside
    from .reads import Reads
    from .run_rewrites import RunRewrites

    class ModuleLookup(Protocol):
        """The module ``module`` (dotted segments) under the source root ``root``, analysed once per run; where a
        module imported by code under ``root`` is read (``locate``: the project's root, else outside it)."""

        outside: Outside
        reads: Reads
        memo: CycleMemo
        rewrites: RunRewrites | None

        def module(self, root: str, module: tuple[str, ...]) -> Module | None: ...

        def locate(self, root: str, module: tuple[str, ...]) -> str | None: ...

        def is_outside(self, root: str) -> bool: ...
