"""The values ``learn`` passes between its steps: an example file, and a move one example shows."""
from __future__ import annotations

import _ast as ast

from ..records import Record


class ExampleFile(Record):
    """One file of the examples: its path, its text before and after the edit, and its package (relative imports);
    a renamed file has its path and package before the edit too."""

    __slots__ = ()
    path: str
    before: str
    after: str
    package: tuple[str, ...]
    old_package: tuple[str, ...] | None
    old_path: str | None

    def __new__(
        cls,
        path: str,
        before: str,
        after: str,
        package: tuple[str, ...],
        old_package: tuple[str, ...] | None = None,
        old_path: str | None = None,
    ) -> ExampleFile:
        return tuple.__new__(cls, (path, before, after, package, old_package, old_path))

    @property
    def package_before(self) -> tuple[str, ...]:
        return self.package if self.old_package is None else self.old_package


class ShownMove(Record):
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

    def __new__(
        cls, kind: str, old: str, name: str, new: str, target: str, args: ast.Call | None, path: str
    ) -> ShownMove:
        return tuple.__new__(cls, (kind, old, name, new, target, args, path))


class ImportedName(Record):
    """One name an import statement binds, as an example's side counts it: ``kind`` "from" or "import", the
    module (absolute), the name taken from it ("" for ``import``) and its ``as`` name ("" when none)."""

    __slots__ = ()
    kind: str
    module: str
    name: str
    asname: str

    def __new__(cls, kind: str, module: str, name: str, asname: str) -> ImportedName:
        return tuple.__new__(cls, (kind, module, name, asname))

    @property
    def local(self) -> str:
        """What the file reads it through: the ``as`` name, the name taken, or the dotted module."""
        return self.asname or (self.name if self.kind == "from" else self.module)

    @property
    def bound(self) -> str:
        """The local name the statement binds for it."""
        return self.local.split(".")[0]

    @property
    def dotted(self) -> str:
        """The module or ``module.name`` it imports."""
        return self.module if self.kind == "import" else f"{self.module}.{self.name}"
