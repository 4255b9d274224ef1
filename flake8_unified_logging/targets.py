"""Whether a rewritten import would resolve: the new module on disk and the names it binds, read statically.

Nothing is imported or run: modules are found by their files under a source root and read with the parser.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

TYPE_CHECKING = False
if TYPE_CHECKING:
    import _ast as ast

UNKNOWN = None  # a module whose names cannot be known statically (``__getattr__``, ``globals()``, a foreign star)


class Module:
    """A module found under a source root: its file, and the names it binds at module level (None: unknown)."""

    def __init__(
        self,
        path: str | None,
        names: frozenset[str] | None,
        submodules: frozenset[str],
        exported: frozenset[str] | None = None,
    ) -> None:
        self.path = path
        self.names = names
        self.submodules = submodules
        self.exported = exported  # a literal ``__all__``

    def binds(self, name: str) -> bool:
        return self.names is UNKNOWN or name in self.names or name in self.submodules


class TargetCheck:
    """Answers, for a file, whether the modules and names a rewrite points at exist. One instance per run:
    each module is found and analysed once."""

    def __init__(self, source_roots: Sequence[str] = ()) -> None:
        self.source_roots = [os.path.realpath(root) for root in source_roots]
        self._roots: dict[tuple[str, str], str | None] = {}
        self._modules: dict[tuple[str, tuple[str, ...]], Module | None] = {}

    def source_roots_of(self, path: str, packages: Iterable[str]) -> list[str]:
        """The source roots of ``path`` for top-level packages ``packages``: the configured roots holding one of
        them, else the nearest folder above the file that does (up to the repository's root)."""
        wanted = [p for p in dict.fromkeys(packages) if p]
        configured = [r for r in self.source_roots if any(_has_top_level(r, package) for package in wanted)]
        if configured:
            return configured
        folder = os.path.dirname(os.path.realpath(path))
        key = (folder, ",".join(wanted))
        if key not in self._roots:
            self._roots[key] = _nearest_root(folder, wanted)
        root = self._roots[key]
        return [] if root is None else [root]

    def problem(self, path: str, old_top: str, module: Sequence[str], names: Iterable[str]) -> str | None:
        """Why ``from module import names`` (or ``import module`` when ``names`` is empty) would not resolve from
        ``path``; None when it would, or when the module's package is not in the project (nothing to check)."""
        roots = [r for r in self.source_roots_of(path, [module[0], old_top]) if _has_top_level(r, module[0])]
        if not roots:
            return None
        found = next((m for m in (self.module(root, tuple(module)) for root in roots) if m is not None), None)
        if found is None:
            where = os.path.relpath(roots[0])
            where = (roots[0] if where.startswith("..") else where) + os.sep
            dotted, file = ".".join(module), os.path.join(*module)
            return f"{dotted} not found under {where} (no {file}.py or {file}/__init__.py)"
        missing = [name for name in names if not found.binds(name)]
        if missing:
            return f"{'.'.join(module)} does not define {', '.join(missing)}"
        return None

    def module(self, root: str, module: tuple[str, ...]) -> Module | None:
        key = (root, module)
        if key not in self._modules:
            self._modules[key] = Module(None, UNKNOWN, frozenset())  # what a cycle of imports sees: unknown
            self._modules[key] = self._analyse(root, module)
        return self._modules[key]

    def _analyse(self, root: str, module: tuple[str, ...]) -> Module | None:
        base = os.path.join(root, *module)
        submodules = _submodules(base)
        for path in (base + ".py", os.path.join(base, "__init__.py")):
            if os.path.isfile(path):
                from .module_names import all_of
                from .syntax import parse

                try:
                    with open(path, "rb") as file:
                        tree = parse(file.read().decode("utf-8"))
                except (OSError, UnicodeDecodeError, SyntaxError, ValueError, RecursionError, MemoryError):
                    return Module(path, UNKNOWN, submodules)
                package = module if path.endswith("__init__.py") else module[:-1]
                return Module(path, self._names(root, package, tree), submodules, all_of(tree))
        if os.path.isdir(base):
            return Module(None, frozenset(), submodules)  # a namespace package
        return None

    def _names(self, root: str, package: tuple[str, ...], tree: ast.Module) -> frozenset[str] | None:
        import _ast as ast

        from .module_names import bound, module_level, resolve, writes_globals

        names: set[str] = set()
        for node in module_level(tree.body):
            if isinstance(node, ast.ImportFrom):
                source = resolve(package, node.level, node.module)
                for alias in node.names:
                    if alias.name != "*":
                        if self._provides(root, source, alias.name):
                            names.add(alias.asname or alias.name)
                        continue
                    star = self._star(root, source)
                    if star is UNKNOWN:
                        return UNKNOWN
                    names |= star
            elif isinstance(node, ast.Import):
                names.update(alias.asname or alias.name.split(".")[0] for alias in node.names)
            elif writes_globals(node):
                return UNKNOWN
            else:
                names.update(bound(node))
        if "__getattr__" in names:
            return UNKNOWN
        return frozenset(names)

    def _provides(self, root: str, source: tuple[str, ...] | None, name: str) -> bool:
        """Whether ``from source import name`` binds: followed inside the project, assumed outside it."""
        if not source or not _has_top_level(root, source[0]):
            return True
        found = self.module(root, source)
        return found is not None and found.binds(name)

    def _star(self, root: str, source: tuple[str, ...] | None) -> frozenset[str] | None:
        """The names ``from source import *`` binds; unknown outside the project."""
        if not source or not _has_top_level(root, source[0]):
            return UNKNOWN
        found = self.module(root, source)
        if found is None or found.names is UNKNOWN:
            return UNKNOWN
        if found.exported is not None:
            return found.exported
        return frozenset(n for n in found.names if not n.startswith("_"))


def _has_top_level(root: str, package: str) -> bool:
    return os.path.isdir(os.path.join(root, package)) or os.path.isfile(os.path.join(root, package + ".py"))


def _nearest_root(folder: str, packages: Sequence[str]) -> str | None:
    while True:
        if any(_has_top_level(folder, package) for package in packages):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder or os.path.exists(os.path.join(folder, ".git")):
            return None
        folder = parent


def _submodules(base: str) -> frozenset[str]:
    try:
        entries = os.listdir(base)
    except OSError:
        return frozenset()
    found = set()
    for entry in entries:
        stem, suffix = os.path.splitext(entry)
        if suffix in (".py", ".pyi") and stem.isidentifier() and stem != "__init__":
            found.add(stem)
        elif not suffix and entry.isidentifier() and os.path.isdir(os.path.join(base, entry)):
            found.add(entry)
    return frozenset(found)
