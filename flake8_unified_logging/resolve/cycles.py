"""Import cycles a rewrite would make: the provider module, while it is imported, imports the file being
rewritten (directly or through other project modules), read from module-level imports, never run.

Judged as Python runs imports: importing ``a.b.c`` runs the ``__init__`` of ``a`` and ``a.b`` first unless they are
already being initialised, and when the file is ``p/q/f.py`` (module ``p.q.f`` from the import root) ``p`` and
``p.q`` always are. Importing one of their submodules runs none of their code again; only an import of the
package itself (``import p``, ``from p import name``) reads it, and that is a cycle when it reaches the file."""
from __future__ import annotations

import _ast as ast
import os
from _collections_abc import Iterator
from _functools import partial

from .import_root import resolves
from .module_names import resolve

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .modules import ModuleLookup

_Key = tuple[str, tuple[str, ...], tuple[str, ...]]  # the root, the provider, the module of the file


def _is_type_checking(node: ast.stmt) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"
        or isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_time(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements run while a module is imported: module level and every branch, ``if TYPE_CHECKING:`` left out."""
    for node in body:
        if _is_type_checking(node):
            yield from _import_time(getattr(node, "orelse", []))
            continue
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for field in ("body", "orelse", "finalbody"):
            yield from _import_time(getattr(node, field, []) or [])
        for handler in getattr(node, "handlers", []) or []:
            yield from _import_time(handler.body)


class ImportCycles:
    """Which project modules a module imports while it is imported; one instance per run, cached per module."""

    def __init__(self, project: ModuleLookup) -> None:
        self.project = project
        self._found: dict[tuple[str, tuple[str, ...]], str] = {}  # "module", "folder" or "" (not in the project)

    def chain(self, root: str, provider: tuple[str, ...], path: str) -> tuple[tuple[str, ...], ...] | None:
        """The modules from ``provider`` to the file ``path`` when importing ``provider`` imports ``path``."""
        real = os.path.realpath(path)
        # Running every package's __init__ reaches a superset: most files are not in it, and need no more.
        for key in ((root, provider, ()), (root, provider, module_of(root, real))):
            reached = self.project.memo.get(("reached", key), partial(self._reach, *key), {})
            if real not in reached:
                return None
        return reached.get(real)

    def problem(self, root: str, provider: tuple[str, ...], path: str) -> str | None:
        """The ULG005 reason when importing ``provider`` from ``path`` at import time makes a cycle."""
        chain = self.chain(root, tuple(provider), path)
        if chain is None:
            return None
        steps = [m for m in chain if m != provider and provider[: len(m)] != m]
        # A package followed by a module of its own is one step (``models -> models.events``).
        steps = [m for i, m in enumerate(steps) if not (i + 1 < len(steps) and steps[i + 1][: len(m)] == m)]
        names = " -> ".join([".".join(provider), *(".".join(m) for m in steps), "this file"])
        return f"importing {'.'.join(provider)} here makes an import cycle: {names}"

    def _reach(
        self, root: str, provider: tuple[str, ...], itself: tuple[str, ...]
    ) -> dict[str, tuple[tuple[str, ...], ...]]:
        reached: dict[str, tuple[tuple[str, ...], ...]] = {}
        queue = [(module, (module,)) for module in self._executed(root, provider, itself)]
        seen = {module for module, _ in queue}
        while queue:
            module, chain = queue.pop(0)
            found = self.project.module(root, module)
            if found is None or found.path is None:
                continue
            reached.setdefault(found.path, chain)  # under a real root: the file's real path
            for imported in self._imports(root, module, found):
                for step in self._executed(root, imported, itself):
                    if step not in seen:
                        seen.add(step)
                        queue.append((step, (*chain, step)))
        return reached

    def _executed(self, root: str, module: tuple[str, ...], itself: tuple[str, ...]) -> list[tuple[str, ...]]:
        """``a.b.c`` runs ``a``, ``a.b`` and ``a.b.c``: those of them in the project, and of the packages that hold
        the file ``itself`` (already initialising) only the one imported by name, to read what it runs."""
        executed = []
        for end in range(1, len(module) + 1):
            key = (root, module[:end])
            reads = self.project.reads
            reads.module(root, module[:end])
            if key not in self._found:
                above = module[: end - 1]
                present = reads.has_top_level(root, module[0]) if end == 1 else self._found[root, above] != ""
                if not present:
                    self._found[key] = ""
                elif resolves(root, module[:end]):
                    self._found[key] = "module"
                else:  # a namespace package runs no code, its modules do
                    self._found[key] = "folder" if os.path.isdir(os.path.join(root, *module[:end])) else ""
            if not self._found[key]:
                break
            if self._found[key] == "module" and (end == len(module) or module[:end] != itself[:end]):
                executed.append(module[:end])
        return executed

    def _imports(self, root: str, module: tuple[str, ...], found: object) -> list[tuple[str, ...]]:
        tree = getattr(found, "tree", None)
        path = getattr(found, "path", "") or ""
        if tree is None:
            return []
        package = module if path.endswith("__init__.py") else module[:-1]
        imported: list[tuple[str, ...]] = []
        for node in _import_time(tree.body):
            if isinstance(node, ast.Import):
                imported += [tuple(alias.name.split(".")) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                source = resolve(package, node.level, node.module)
                if source:
                    names = [(*source, alias.name) for alias in node.names if alias.name != "*"]
                    # ``from p import sub`` of submodules only reads p where p is not yet run
                    if len(names) < len(node.names) or not all(self._found_module(root, name) for name in names):
                        imported.append(source)
                    imported += names
        return imported

    def _found_module(self, root: str, module: tuple[str, ...]) -> bool:
        self.project.reads.module(root, module)
        return resolves(root, module) or os.path.isdir(os.path.join(root, *module))


def module_of(root: str, path: str) -> tuple[str, ...]:
    """The dotted module a file under ``root`` is (``p/q/__init__.py`` is ``p.q``); () outside ``root``."""
    relative = os.path.relpath(path, root)
    if relative.startswith(os.pardir) or os.path.isabs(relative):
        return ()
    parts = os.path.splitext(relative)[0].split(os.sep)
    return tuple(parts[:-1] if parts[-1] == "__init__" else parts)
