"""Check 9, on the project rather than each file: every import of a module of the tree that resolved before the run
still resolves after it, read statically with a resolver of its own (nothing of the engine's).

An import is a module of the tree and a name taken from it: ``from pkg.log import logger`` (absolute or relative),
``import pkg.log`` then ``pkg.log.logger``, ``import pkg.log as m`` then ``m.logger``, ``from pkg import log`` then
``log.logger``. The tree's root is the import root, as is every folder that holds a file doing ``sys.path``
changes (scripts): a module is found from the importing file's own folder first, as a script run directly finds
it, then from the root. A name resolves when the module's file binds it at module level (in any branch), it is a
submodule, or the module may bind anything (``__getattr__``, a write through ``globals()``, a star import not
followed). An import present before and after the run, in the same file, that resolved before and does not
after is a failure naming the importer, the module and the name."""
from __future__ import annotations

import ast
import os
from typing import Dict, Iterator, Optional, Set, Tuple

from .leftovers import bound_name, dotted_of

Import = Tuple[str, str, str, int]  # importing file (relative), module, name ("" for the module alone), line
_ANY = "*"


class Tree:
    """The Python files under ``root`` and what each binds at module level, read once."""

    def __init__(self, root: str) -> None:
        self.root = os.path.realpath(root)
        self._bound: Dict[str, Optional[Set[str]]] = {}

    def find(self, module: str, importer: str) -> Optional[str]:
        """The file ``module`` is, found from the importer's folder, then from the root (None: not in the tree)."""
        parts = module.split(".")
        for base in (os.path.dirname(importer), self.root):
            path = os.path.join(base, *parts)
            for candidate in (path + ".py", os.path.join(path, "__init__.py")):
                if os.path.isfile(candidate):
                    return candidate
        folder = os.path.join(self.root, *parts)
        return folder if os.path.isdir(folder) else None  # a namespace package

    def resolves(self, module: str, name: str, importer: str) -> Optional[str]:
        """None when ``name`` of ``module`` resolves from ``importer`` (or the module alone, for ""); else why not."""
        path = self.find(module, importer)
        if path is None:
            return f"no module {module}"
        if not name:
            return None
        folder = path if os.path.isdir(path) else os.path.dirname(path)
        if (path.endswith("__init__.py") or os.path.isdir(path)) and (
            os.path.isfile(os.path.join(folder, name + ".py")) or os.path.isdir(os.path.join(folder, name))
        ):
            return None
        bound = self.bound(path) if not os.path.isdir(path) else set()
        if bound is None or _ANY in bound or name in bound:
            return None
        return f"{os.path.relpath(path, self.root)} binds no {name}"

    def bound(self, path: str) -> Optional[Set[str]]:
        """The names ``path`` binds at module level (None: it does not parse)."""
        if path not in self._bound:
            self._bound[path] = None
            tree = _parse(path)
            if tree is not None:
                self._bound[path] = set(_module_names(tree, self, path))
        return self._bound[path]


def _parse(path: str) -> Optional[ast.Module]:
    try:
        with open(path, "rb") as file:
            return ast.parse(file.read())
    except (SyntaxError, ValueError, OSError, RecursionError, MemoryError):
        return None


def _module_names(tree: ast.Module, project: Tree, path: str) -> Iterator[str]:
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.name
            if node.name == "__getattr__":
                yield _ANY
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name == "*":
                    yield from _star(node, project, path)
                else:
                    yield bound_name(alias)
            continue
        for child in ast.walk(node) if isinstance(node, ast.stmt) else ():
            if isinstance(child, ast.Name) and isinstance(child.ctx, (ast.Store, ast.Del)):
                yield child.id
            elif isinstance(child, ast.Call) and getattr(child.func, "id", "") in ("globals", "vars", "locals"):
                yield _ANY
        if isinstance(node, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
            stack.extend(n for n in ast.iter_child_nodes(node) if isinstance(n, ast.stmt))
            stack.extend(s for h in getattr(node, "handlers", []) for s in h.body)


def _star(node: ast.stmt, project: Tree, path: str) -> Iterator[str]:
    module = _absolute(node, path, project.root) if isinstance(node, ast.ImportFrom) else None
    found = project.find(module, path) if module else None
    if found is None or os.path.isdir(found) or found == path:
        yield _ANY
        return
    yield from (project.bound(found) or {_ANY})


def _absolute(node: ast.ImportFrom, path: str, root: str) -> Optional[str]:
    """The dotted module of a ``from`` import, a relative one named from ``root``."""
    if not node.level:
        return node.module
    folder = os.path.dirname(os.path.realpath(path))
    for _ in range(node.level - 1):
        folder = os.path.dirname(folder)
    relative = os.path.relpath(folder, root)
    if relative.startswith(".."):
        return None
    parts = [] if relative == "." else relative.split(os.sep)
    return ".".join([*parts, *([node.module] if node.module else [])]) or None


def imports_of(path: str, root: str) -> Iterator[Import]:
    """Every (module, name) the file at ``path`` takes from a module: from-imports, plain imports and the
    attributes read through the names they bind."""
    tree = _parse(path)
    if tree is None:
        return
    where = os.path.relpath(path, root)
    bound: Dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = _absolute(node, path, root)
            if module is None:
                continue
            for alias in node.names:
                if alias.name != "*":
                    yield where, module, alias.name, node.lineno
                    bound[alias.asname or alias.name] = f"{module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield where, alias.name, "", node.lineno
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    bound.setdefault(alias.name.split(".")[0], alias.name.split(".")[0])
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            root, *chain = (dotted_of(node) or "").split(".")
            if root in bound and len(chain) == 1:
                yield where, bound[root], chain[0], node.lineno
            elif root in bound and len(chain) > 1:
                dotted = bound[root].split(".") + chain
                yield from ((where, ".".join(dotted[:n]), dotted[n], node.lineno) for n in range(1, len(dotted)))


def resolved_imports(root: str, files: Iterator[str]) -> Dict[Tuple[str, str, str], Tuple[int, Optional[str]]]:
    """Each (importer, module, name) of the tree with its first line and why it does not resolve (None: it does)."""
    project = Tree(root)
    found: Dict[Tuple[str, str, str], Tuple[int, Optional[str]]] = {}
    for path in files:
        for where, module, name, line in imports_of(path, root):
            key = (where, module, name)
            if key not in found:
                found[key] = (line, project.resolves(module, name, path) if _in_tree(module, path, project) else "")
    return found


def _in_tree(module: str, importer: str, project: Tree) -> bool:
    top = module.split(".")[0]
    return any(os.path.exists(os.path.join(base, top)) or os.path.isfile(os.path.join(base, top + ".py"))
               for base in (os.path.dirname(importer), project.root))


def check_project(before: Dict[Tuple[str, str, str], Tuple[int, Optional[str]]],
                  after: Dict[Tuple[str, str, str], Tuple[int, Optional[str]]]) -> list:
    """The imports that resolved before the run, are still made after it, and no longer resolve."""
    failures = []
    for key, (line, problem) in sorted(after.items()):
        earlier = before.get(key)
        if problem and earlier is not None and earlier[1] is None:
            where, module, name = key
            taken = f"{module}:{name}" if name else module
            failures.append(f"{where}:{line}: {taken} resolved before the run and no longer does ({problem})")
    return failures
