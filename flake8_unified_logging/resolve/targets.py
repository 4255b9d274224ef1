"""Whether a rewritten import would resolve: the new module on disk and the names it binds, read statically.

Nothing is imported or run: modules are found by their files under a source root and read with the parser.
"""
from __future__ import annotations

import _ast as ast
import os
from collections.abc import Iterable, Sequence
from functools import cached_property

from ..source.syntax import parse
from .import_root import ancestors, has_top_level, import_root
from .modules import UNKNOWN, Module, Unresolved

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argparse import Namespace

    from ..config import Settings
    from .cycles import ImportCycles
    from .outside import Outside
    from .returns import Returns

LAYOUT_HINT = " (layout not seen? set source-roots or use --no-target-check)"


class TargetCheck:
    """One run's view of the project, made once per run (a command, a flake8 process, an editor's buffer) and
    passed down: where a rewrite's modules are and the names they bind, what functions return (``returns``),
    which imports run at import time (``cycles``), and what the run has already read from the tree. Each module
    is found and analysed once. ``enabled``: whether rewrites are checked against it (``--no-target-check``
    turns that off; the look-ups still serve the guard and the strings a rename breaks)."""

    def __init__(self, source_roots: Sequence[str] = (), enabled: bool = True, outside: Outside | None = None) -> None:
        self.source_roots = [os.path.realpath(root) for root in source_roots]
        self.enabled = enabled
        self._outside = outside
        self._roots: dict[tuple[str, tuple[str, ...], tuple[str, ...]], str | None] = {}
        self._modules: dict[tuple[str, tuple[str, ...]], Module | None] = {}
        self.scans = TreeScans()

    @property
    def outside(self) -> Outside:
        """The standard library and installed packages, loaded on first use: a target in the project never does."""
        if self._outside is None:
            from .outside import Outside

            self._outside = Outside()
        return self._outside

    # The analyses are loaded when a plan first needs them: a hook call on a plain import or name move never does.

    @cached_property
    def returns(self) -> Returns:
        """What project functions return and the classes they make."""
        from .returns import Returns

        return Returns(self)

    @cached_property
    def cycles(self) -> ImportCycles:
        """Which project modules run when one is imported."""
        from .cycles import ImportCycles

        return ImportCycles(self)

    @classmethod
    def for_run(cls, settings: Settings, args: Namespace) -> TargetCheck:
        """The target check of a command's run: the configured source roots, on unless configured or told off."""
        return cls(settings.source_roots, settings.target_check and not getattr(args, "no_target_check", False))

    def roots_of(self, path: str, legacy: Sequence[str], new: Sequence[str]) -> list[str]:
        """Where an absolute import in ``path`` resolves from, for a rewrite of ``legacy`` to ``new``: the
        configured roots holding the new module's package, else the import root above the file."""
        legacy, new = tuple(legacy), tuple(new)
        if self.source_roots:
            wanted = [p for p in (new[:1] or legacy[:1]) if p]
            configured = [r for r in self.source_roots if any(has_top_level(r, p) for p in wanted)]
            if configured:
                return configured
        folder = os.path.dirname(os.path.realpath(path))
        key = (folder, legacy, new)
        if key not in self._roots:
            self._roots[key] = import_root(ancestors(folder), legacy, new)
        root = self._roots[key]
        return [] if root is None else [root]

    def problem(
        self, path: str, legacy: Sequence[str], module: Sequence[str], names: Iterable[str]
    ) -> Unresolved | None:
        """Why ``from module import names`` (or ``import module`` when ``names`` is empty), replacing an import of
        ``legacy``, would not resolve from ``path``; None when it would, or when it cannot be told (a module
        outside the project with no source and no stub)."""
        roots = [r for r in self.roots_of(path, legacy, module) if has_top_level(r, module[0])]
        if not roots:
            return self._outside_problem(tuple(module), names)
        found = next((m for m in (self.module(root, tuple(module)) for root in roots) if m is not None), None)
        dotted = ".".join(module)
        if found is None:
            where = os.path.relpath(roots[0])
            where = (roots[0] if where.startswith("..") else where) + os.sep
            file = os.path.join(*module)
            message = f"{dotted} not found under {where} (no {file}.py or {file}/__init__.py)" + LAYOUT_HINT
            return Unresolved(message, ((dotted, ""),))
        missing = [name for name in names if not found.binds(name)]
        if missing:
            lacks = tuple((dotted, n) for n in missing)
            return Unresolved(f"{dotted} does not define {', '.join(missing)}", lacks)
        return None

    def _outside_problem(self, module: tuple[str, ...], names: Iterable[str]) -> Unresolved | None:
        """The names a module of the standard library or an installed package does not bind, read from its
        source or stub."""
        names = list(names)
        root = self.outside.root(module[0]) if names else None
        found = self.module(root, module) if root is not None else None
        if found is None or found.path is None:
            return None
        missing = [name for name in names if not found.binds(name)]
        if not missing:
            return None
        dotted = ".".join(module)
        message = f"{dotted} binds no {', '.join(missing)} ({os.path.relpath(found.path, root)})"
        return Unresolved(message, tuple((dotted, n) for n in missing))

    def locate(self, root: str, module: Sequence[str]) -> str | None:
        """The folder ``module`` is read under, for code under ``root``: ``root`` when its top-level package is
        there, else where the running Python finds it outside the project."""
        if not module:
            return None
        return root if has_top_level(root, module[0]) else self.outside.root(module[0])

    def reader(self, path: str, legacy: Sequence[str], module: Sequence[str]) -> str | None:
        """The folder the module a rewrite in ``path`` imports is read under: the project's root that has it,
        else the standard library's or an installed package's (None: not found)."""
        roots = [r for r in self.roots_of(path, legacy, module) if has_top_level(r, module[0])]
        if roots:
            found = self.provider(path, legacy, module)
            return None if found is None else found[0]
        return self.outside.root(module[0])

    def provider(self, path: str, legacy: Sequence[str], module: Sequence[str]) -> tuple[str, Module] | None:
        """The root and the module ``module`` that an import in ``path`` replacing ``legacy`` gets, if in the
        project."""
        for root in self.roots_of(path, legacy, module):
            found = self.module(root, tuple(module))
            if found is not None:
                return root, found
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
        for path in _candidates(root, module):
            if os.path.isfile(path):
                try:
                    with open(path, "rb") as file:
                        text = file.read().decode("utf-8")
                    tree = parse(text)
                except (OSError, UnicodeDecodeError, SyntaxError, ValueError, RecursionError, MemoryError):
                    return Module(path, UNKNOWN, submodules)
                package = module if os.path.basename(path).startswith("__init__.") else module[:-1]
                from .module_names import all_of  # for a module found: what it binds is read

                indirect = any(word in text for word in ("global", "_convert", "modules["))  # worth a walk
                names = self._names(root, package, tree, indirect and not path.endswith(".pyi"))
                return Module(path, names, submodules, all_of(tree), tree)
        if os.path.isdir(base):
            return Module(None, frozenset(), submodules)  # a namespace package
        return None

    def _names(
        self, root: str, package: tuple[str, ...], tree: ast.Module, indirect: bool
    ) -> frozenset[str] | None:
        from .module_names import bound, indirect_names, module_level, resolve

        found = indirect_names(tree) if indirect else frozenset()
        if found is UNKNOWN:
            return UNKNOWN
        names: set[str] = set(found)
        for node in module_level(tree.body):
            if isinstance(node, ast.ImportFrom):
                source = resolve(package, node.level, node.module)
                for alias in node.names:
                    if alias.name != "*":
                        if self._provides(root, source, alias.name):
                            names.add(alias.asname or alias.name)
                        continue
                    star = _star(self, root, source)
                    if star is UNKNOWN:
                        return UNKNOWN
                    names |= star
            elif isinstance(node, ast.Import):
                names.update(alias.asname or alias.name.split(".")[0] for alias in node.names)
            else:
                names.update(bound(node))
        if "__getattr__" in names:
            from .module_getattr import answered_names  # for a module-level __getattr__

            answered = answered_names(tree)
            return UNKNOWN if answered is None else frozenset(names | answered)
        return frozenset(names)

    def _provides(self, root: str, source: tuple[str, ...] | None, name: str) -> bool:
        """Whether ``from source import name`` binds: followed inside the project, assumed outside it (Python
        raises there if it does not, so the module importing it is broken anyway)."""
        if not source or not has_top_level(root, source[0]) or self._outside and self._outside.is_outside(root):
            return True
        found = self.module(root, source)
        return found is not None and found.binds(name)


class TreeScans:
    """What a run has read from the tree, for the findings that look beyond the file in hand: the names each
    project module's rewrite renames (by its real path), the importers of legacy modules under a root, and the
    strings that patch a dotted name (files by the bytes they spell, strings by file)."""

    def __init__(self) -> None:
        self.renamed: dict[str, dict[str, str]] = {}
        self.importers: dict[tuple[str, ...], dict[str, dict[str, list[str]]]] = {}
        self.patches: dict[tuple[str, bytes], list[tuple[str, int]]] = {}
        self.spellers: dict[tuple[str, frozenset[str]], list[tuple[str, bytes]]] = {}
        self.parsed: dict[tuple[str, bytes], list[tuple[str, int]]] = {}


def _star(project: TargetCheck, root: str, source: tuple[str, ...] | None) -> frozenset[str] | None:
    """The names ``from source import *`` binds, followed outside the project too (unknown where it has no
    source and no stub)."""
    where = project.locate(root, source) if source else None
    if where is None:
        return UNKNOWN
    found = project.module(where, source)  # type: ignore[arg-type]
    if found is None or found.names is UNKNOWN or found.is_stub:  # a stub may leave out what the module has
        return UNKNOWN
    if found.exported is not None:
        return found.exported
    return frozenset(n for n in found.names if not n.startswith("_"))


def _candidates(root: str, module: tuple[str, ...]) -> list[str]:
    """The files ``module`` may be read from under ``root``: its source, else its stub (``.pyi`` next to it, or in
    a stub-only ``<package>-stubs`` folder)."""
    base = os.path.join(root, *module)
    stubs = os.path.join(root, f"{module[0]}-stubs", *module[1:])
    found = []
    for suffix in (".py", ".pyi"):
        found += [base + suffix, os.path.join(base, "__init__" + suffix)]
    return found + [stubs + ".pyi", os.path.join(stubs, "__init__.pyi")]


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
