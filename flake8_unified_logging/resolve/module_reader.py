"""One module of the project (or outside it) read statically: the file it is read from (source, else stub), the
names it binds (following ``from ... import`` and star imports through the other modules), its submodules."""
from __future__ import annotations

import _ast as ast
import os
from _collections_abc import Callable

from ..files import SourceError, read_bytes
from ..source.syntax import bound_name, parse
from .module_names import all_of, bound, indirect_names, module_level, resolve
from .modules import UNKNOWN, Module
from .run_rewrites import Pending

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .modules import ModuleLookup


def analyse(project: ModuleLookup, root: str, module: tuple[str, ...]) -> Module | None:
    project.reads.module(root, module)
    project.reads.module(root, (f"{module[0]}-stubs", *module[1:]))
    base = os.path.join(root, *module)
    if project.reads.exists(base) == "d":
        project.reads.folder(base)
    submodules = _submodules(base)
    for path in _candidates(root, module):
        if os.path.isfile(path):
            project.reads.file(path)
            try:
                text = read_bytes(path).decode("utf-8")  # the run's --max-file-size holds here too
                tree = parse(text)
            except (SourceError, UnicodeDecodeError, SyntaxError, ValueError, RecursionError, MemoryError):
                return Module(path, UNKNOWN, submodules)
            package = module if os.path.basename(path).startswith("__init__.") else module[:-1]
            indirect = any(word in text for word in ("global", "_convert", "modules["))  # worth a walk
            pending: list[Pending] = []
            rewritten = _rewritten(project, root, path, text, pending)
            names = _names(project, root, package, tree, indirect and not path.endswith(".pyi"), rewritten)
            if project.rewrites is not None:
                project.rewrites.pending[(root, module)] = tuple(pending)
            return Module(path, names, submodules, all_of(tree), tree)
    if os.path.isdir(base):
        return Module(None, frozenset(), submodules)  # a namespace package
    return None


def _names(
    project: ModuleLookup, root: str, package: tuple[str, ...], tree: ast.Module, indirect: bool,
    rewritten: Callable[[ast.ImportFrom, tuple[str, ...], ast.alias], bool] | None = None,
) -> frozenset[str] | None:
    found = indirect_names(tree) if indirect else frozenset()
    if found is UNKNOWN:
        return UNKNOWN
    names: set[str] = set(found)
    for node in module_level(tree.body):
        if isinstance(node, ast.ImportFrom):
            source = resolve(package, node.level, node.module)
            for alias in node.names:
                if alias.name != "*":
                    if _provides(project, root, source, alias.name) or (
                        rewritten is not None and source and rewritten(node, source, alias)
                    ):
                        names.add(alias.asname or alias.name)
                    continue
                star = _star(project, root, source)
                if star is UNKNOWN:
                    return UNKNOWN
                names |= star
        elif isinstance(node, ast.Import):
            names.update(bound_name(alias) for alias in node.names)
        else:
            names.update(bound(node))
    if "__getattr__" in names:
        from .module_getattr import answered_names  # for a module-level __getattr__

        answered = answered_names(tree)
        return UNKNOWN if answered is None else frozenset(names | answered)
    return frozenset(names)


def _provides(project: ModuleLookup, root: str, source: tuple[str, ...] | None, name: str) -> bool:
    """Whether ``from source import name`` binds: followed inside the project, assumed outside it (Python
    raises there if it does not, so the module importing it is broken anyway)."""
    if not source or not project.reads.has_top_level(root, source[0]) or project.is_outside(root):
        return True
    found = project.module(root, source)
    return found is not None and found.binds(name)


def _rewritten(
    project: ModuleLookup, root: str, path: str, text: str, pending: list[Pending]
) -> Callable[[ast.ImportFrom, tuple[str, ...], ast.alias], bool] | None:
    """For a file the run covers: whether ``from source import name`` binds once the run's rules have rewritten
    it (read as rewritten: the answer is this run's alone). Such a name goes to ``pending`` (the name, the file,
    the statement's lines): it holds only where the run really rewrites that statement, asked once the module's
    analysis is done (``TargetCheck.module``)."""
    rewrites = project.rewrites
    if rewrites is None or not rewrites.covers(path):
        return None
    lines = text.splitlines()

    def binds_after(node: ast.ImportFrom, source: tuple[str, ...], alias: ast.alias) -> bool:
        last = node.end_lineno or node.lineno
        if any("noqa" in line for line in lines[node.lineno - 1 : last]):
            return False
        moved = rewrites.replacement(source, alias.name)
        if moved is None or (moved[1] is not None and not _provides(project, root, *moved)):
            return False
        project.reads.unkept()
        pending.append(Pending(alias.asname or alias.name, path, node.lineno, last, ".".join(source)))
        return True

    return binds_after


def _star(project: ModuleLookup, root: str, source: tuple[str, ...] | None) -> frozenset[str] | None:
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
