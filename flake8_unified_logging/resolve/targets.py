"""Whether a rewritten import would resolve: the new module on disk and the names it binds, read statically.

Nothing is imported or run: modules are found by their files under a source root and read with the parser.
"""
from __future__ import annotations

import os
from _collections_abc import Iterable, Sequence
from _functools import partial

from .import_root import ancestors, import_root
from .memo import CycleMemo
from .modules import UNKNOWN, Module, Unresolved
from .reads import Reads

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argparse import Namespace

    from ..config import Settings
    from ..source.sorter import SorterStyle
    from .cycles import ImportCycles
    from .outside import Outside
    from .returns import Returns
    from .run_rewrites import RunRewrites

_CUT = Module(None, UNKNOWN, frozenset())  # what a cycle of imports sees: unknown
LAYOUT_HINT = " (layout not seen? set source-roots or use --no-target-check)"


class TargetCheck:
    """One run's view of the project, made once per run (a command, a flake8 process, an editor's buffer) and
    passed down: where a rewrite's modules are and the names they bind, what functions return (``returns``),
    which imports run at import time (``cycles``), the import sorter's style (``sorters``) and what the run has
    already read from the tree (``scans``). Each module
    is found and analysed once. ``enabled``: whether rewrites are checked against it (``--no-target-check``
    turns that off; the look-ups still serve the guard and the strings a rename breaks)."""

    def __init__(
        self, source_roots: Sequence[str] = (), enabled: bool = True, outside: Outside | None = None,
        scans: TreeScans | None = None,
    ) -> None:
        self.source_roots = [os.path.realpath(root) for root in source_roots]
        self.enabled = enabled
        self.reads = Reads()  # what the run read, for the result cache
        self._outside = outside
        self._roots: dict[tuple[str, tuple[str, ...], tuple[str, ...]], tuple[str | None, frozenset]] = {}
        self.memo = CycleMemo(self.reads)  # modules, definitions, returns and classes, whatever order they are asked in
        self._scans = TreeScans() if scans is None else scans  # given: a scan of the tree this run already has
        self.rewrites: RunRewrites | None = None  # what the run itself rewrites: its targets are read as rewritten
        self.sorters: dict[str, SorterStyle] = {}  # the import sorter's style, by folder, read when lines move
        self._returns: Returns | None = None
        self._cycles: ImportCycles | None = None

    @property
    def outside(self) -> Outside:
        """The standard library and installed packages, loaded on first use: a target in the project never does."""
        if self._outside is None:
            from .outside import Outside

            self._outside = Outside(reads=self.reads)
        return self._outside

    def is_outside(self, root: str) -> bool:
        """Whether ``root`` is a folder outside the project this run found a module in."""
        return self._outside is not None and self._outside.is_outside(root)

    @property
    def scans(self) -> TreeScans:
        """What the run read from the whole tree: findings that use it cannot be kept for a later run."""
        self.reads.wide = True
        return self._scans

    def tree_scans(self, root: str) -> TreeScans:
        """What the run read from the whole tree under ``root``, for an answer kept while no Python file under it
        is added, removed or changed."""
        self.reads.tree(root)
        return self._scans

    @property
    def returns(self) -> Returns:
        """What project functions return and the classes they make (loaded when a plan first needs it)."""
        if self._returns is None:
            from .returns import Returns

            self._returns = Returns(self)
        return self._returns

    @property
    def cycles(self) -> ImportCycles:
        """Which project modules run when one is imported."""
        if self._cycles is None:
            from .cycles import ImportCycles

            self._cycles = ImportCycles(self)
        return self._cycles

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
            configured = [r for r in self.source_roots if any(self.reads.has_top_level(r, p) for p in wanted)]
            if configured:
                return configured
        folder = os.path.dirname(os.path.realpath(path))
        key = (folder, legacy, new)
        if key not in self._roots:
            self.reads.begin()
            folders = ancestors(folder)
            self.reads.above(folder)
            for searched in folders:
                self.reads.module(searched, legacy)
                self.reads.module(searched, new[:1])
            found = import_root(folders, legacy, new)
            self._roots[key] = (found, self.reads.end())
        root, read = self._roots[key]
        self.reads.add(read)
        return [] if root is None else [root]

    def in_project(self, path: str, legacy: Sequence[str], module: Sequence[str]) -> bool:
        """Whether an import of ``module`` in ``path`` (replacing ``legacy``) finds its top-level package in the
        project rather than outside it."""
        return any(self.reads.has_top_level(r, module[0]) for r in self.roots_of(path, legacy, module))

    def problem(
        self, path: str, legacy: Sequence[str], module: Sequence[str], names: Iterable[str]
    ) -> Unresolved | None:
        """Why ``from module import names`` (or ``import module`` when ``names`` is empty), replacing an import of
        ``legacy``, would not resolve from ``path``; None when it would, or when it cannot be told (a module
        outside the project with no source and no stub)."""
        roots = [r for r in self.roots_of(path, legacy, module) if self.reads.has_top_level(r, module[0])]
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
            why = self.rewrites.missing_note(found.path, missing) if self.rewrites is not None else ""
            return Unresolved(f"{dotted} does not define {', '.join(missing)}{why}", lacks)
        return None

    def _outside_problem(self, module: tuple[str, ...], names: Iterable[str]) -> Unresolved | None:
        """The names a module of the standard library or an installed package does not bind, read from its
        source or stub."""
        names = list(names)
        root = self.outside.root(module[0])
        if root is not None and self.outside.lacks(root, module):
            dotted, last = ".".join(module), module[-1]
            where = os.path.join(root, *module[:-1]) + os.sep
            return Unresolved(f"{dotted} not found: {where} has no {last}.py or {last}/", ((dotted, ""),))
        found = self.module(root, module) if root is not None and names else None
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
        return root if self.reads.has_top_level(root, module[0]) else self.outside.root(module[0])

    def reader(self, path: str, legacy: Sequence[str], module: Sequence[str]) -> str | None:
        """The folder the module a rewrite in ``path`` imports is read under: the project's root that has it,
        else the standard library's or an installed package's (None: not found)."""
        roots = [r for r in self.roots_of(path, legacy, module) if self.reads.has_top_level(r, module[0])]
        if roots:
            found = self.provider(path, legacy, module)
            if found is None:
                return None
            root, _ = found
            return root
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
        from .module_reader import analyse  # for the first module looked up

        found = self.memo.get(("module", root, module), partial(analyse, self, root, module), _CUT)
        pending = self.rewrites.pending.get((root, module)) if self.rewrites is not None else None
        if not pending or found is None or found.names is UNKNOWN:
            return found
        # Names read as rewritten hold only where the run really rewrites their statement: asked once the
        # module's own analysis is done; while that question is open, they count as not rewritten.
        refused = partial(self.rewrites.refused_names, self, pending)  # type: ignore[union-attr]
        without = self.memo.get(("after run", root, module), refused, frozenset(p.name for p in pending))
        if not without:
            return found
        return Module(found.path, found.names - without, found.submodules, found.exported, found.tree)


class TreeScans:
    """What a run has read from the tree, for the findings that look beyond the file in hand: the importers of
    legacy modules under a root, the strings that patch a dotted name (files by the bytes they spell, strings
    by file), and who reads a module of the project (``resolve/readers.py``)."""

    def __init__(self) -> None:
        self.importers: dict[tuple[str, ...], dict[str, dict[str, list[str]]]] = {}
        self.patches: dict[tuple[str, bytes], list[tuple[str, int]]] = {}
        self.spellers: dict[tuple[str, frozenset[str]], list[tuple[str, bytes]]] = {}
        self.parsed: dict[tuple[str, bytes], list[tuple[str, int]]] = {}
        self.walks: dict[str, tuple[list[tuple[str, str | None]], list[str]]] = {}  # a root's files and folders
        self.data: dict[str, bytes | None] = {}  # each file's bytes, read once for every scan of the run
        self.summaries: dict[str, object] = {}  # what a file imports, once it spells a module whose readers are asked
        self.readers: dict[tuple[tuple[str, ...], str, bool], tuple] = {}  # who reads a module
