"""Where a source text comes from: its package and its place on disk."""
from __future__ import annotations

import os
from _collections_abc import Sequence

from ..records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    import _ast as ast


class Origin(Record):
    """Where a text comes from.

    ``package``: the dotted package it belongs to, for relative imports (None when unknown);
    ``location``: its path as dotted segments (``a/b/__init__.py`` gives ``("a", "b")``),
    to notice an import that a rewrite would turn into an import of the file itself;
    ``stem``: its file name without the suffix ("" when unknown: standard input);
    ``path``: where it is on disk ("" when unknown), to find the modules a rewrite points at.
    """

    __slots__ = ()
    package: tuple[str, ...] | None
    location: tuple[str, ...]
    stem: str
    path: str

    def __new__(
        cls, package: tuple[str, ...] | None = None, location: tuple[str, ...] = (), stem: str = "", path: str = ""
    ) -> Origin:
        return tuple.__new__(cls, (package, location, stem, path))

    def anchor(self, level: int) -> tuple[str, ...] | None:
        """The package a relative import of ``level`` dots starts from, if known."""
        if level == 0:
            return ()
        if self.package is None or len(self.package) < level:
            return None
        return self.package[: len(self.package) - level + 1]

    def from_module(self, node: ast.ImportFrom) -> tuple[str, ...] | None:
        """The absolute module a ``from`` statement imports from (None when its package is unknown)."""
        anchor = self.anchor(node.level)
        return None if anchor is None else (*anchor, *(node.module.split(".") if node.module else ()))

    def is_itself(self, module: Sequence[str]) -> bool:
        return 0 < len(module) <= len(self.location) and tuple(module) == self.location[-len(module) :]

    def provides(self, module: Sequence[str]) -> bool:
        """Whether the file is ``module`` itself or lies in its package folder (it implements that module).

        A one-segment module must start where no package does (``jaraco/functools.py`` is not ``functools``).
        """
        module = tuple(module)
        size = len(module)
        for at in range(len(self.location) - size + 1):
            if self.location[at : at + size] == module:
                root = os.sep + os.path.join(*self.location[:at]) if at else os.sep
                if size > 1 or not self.path or not os.path.isfile(os.path.join(root, "__init__.py")):
                    return True
        return False

    @property
    def module_name(self) -> str:
        """The dotted name of the module the file is, from its package folders."""
        parts = [*(self.package or ()), *([self.stem] if self.stem not in ("", "__init__") else [])]
        return ".".join(parts)


def _package_of_dir(directory: str) -> tuple[str, ...]:
    """The dotted package a folder is: the run of folders with ``__init__.py`` up from it."""
    package: list[str] = []
    while os.path.isfile(os.path.join(directory, "__init__.py")):
        parent, name = os.path.split(directory)
        if parent == directory or not name.isidentifier():
            break
        package.insert(0, name)
        directory = parent
    return tuple(package)


def origin_of(path: str) -> Origin:
    """The package a file belongs to (folders with ``__init__.py``) and its path as dotted segments."""
    if path in ("-", "stdin", ""):
        return Origin()
    full = os.path.abspath(path)
    package = _package_of_dir(os.path.dirname(full))
    stem = os.path.splitext(os.path.basename(full))[0]
    location = tuple(os.path.dirname(full).split(os.sep)[1:])
    if stem != "__init__":
        location += (stem,)
    return Origin(package or None, location, stem, full)


def origin_in_listing(path: str, package_dirs: set[str]) -> Origin:
    """The origin of ``path`` inside a listing (a commit's tree) whose ``__init__.py`` folders are given."""
    folder = os.path.dirname(path)
    package: list[str] = []
    while folder and folder in package_dirs and os.path.basename(folder).isidentifier():
        package.insert(0, os.path.basename(folder))
        folder = os.path.dirname(folder)
    stem = os.path.splitext(os.path.basename(path))[0]
    location = tuple(p for p in os.path.dirname(path).split("/") if p)
    return Origin(tuple(package) or None, location if stem == "__init__" else (*location, stem), stem)
