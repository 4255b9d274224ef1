"""A change of ``sys.path`` below a rewritten import (ULG004): refused only when it is what a script needs.

A module of the project imported in place of one found outside it (``loguru`` -> ``utils.logging``), above a
statement that changes ``sys.path``, may be found only once that statement has run, but only when the file runs
as a script (``python scripts/seed.py``: its own folder is ``sys.path[0]``). Refused when both hold:

- the file is run as a script: it has no module-level relative import (a script cannot run one), no other file of
  the project imports it, and it lies in no package that another file imports, or it has a ``__main__`` guard;
- the change is what makes the target importable: a folder it adds holds the target's top-level package, or what
  it adds cannot be told statically (a relative path, a call not followed).

A package module that other files import is imported as part of its package, from the import root, whatever it
does to ``sys.path`` afterwards."""
from __future__ import annotations

import _ast as ast
import os

from ..resolve.import_root import has_top_level
from ..source.syntax import iter_child_nodes, walk_all
from .file_context import FileContext
from .plans import Plan

_PATH_METHODS = frozenset({"insert", "append", "extend", "remove", "pop", "clear", "__setitem__", "__iadd__"})
_ADDING = {"insert": 1, "append": 0, "extend": 0, "__setitem__": 1, "__iadd__": 0}
_UNKNOWN = ""  # a folder that cannot be told


def path_problem(ctx: FileContext, plan: Plan, modules: list[tuple[str, ...]]) -> str | None:
    """Why ``modules`` (of the project, imported at module level in place of one found outside it) need the
    file's own change of ``sys.path`` below the import, with the reasons; None when they do not."""
    path = ctx.origin.path
    changes = path_changes_after(ctx.tree, plan.match.node.end_lineno or plan.match.node.lineno)
    if not changes:
        return None
    names = _module_assignments(ctx.tree)
    for change in changes:
        folders = _added(change, names, path)
        if folders is None:
            continue
        wanted = {module[0] for module in modules}
        making = [f for f in folders if f == _UNKNOWN or any(has_top_level(f, top) for top in wanted)]
        if not making:
            continue
        script = _script_reason(ctx)
        if script is None:
            return None
        adds = "what it adds cannot be told" if _UNKNOWN in making else f"it adds the folder of {sorted(wanted)[0]}"
        return (f"the project module it would import may only be found once sys.path is changed on line "
                f"{change.lineno} ({adds}; {script})")
    return None


def _script_reason(ctx: FileContext) -> str | None:
    """Why the file is run as a script (None: it is a module its package's importers import)."""
    tree, origin = ctx.tree, ctx.origin
    if any(isinstance(node, ast.ImportFrom) and node.level for node in tree.body):
        return None
    if not origin.path or not origin.location:
        return "the file is run as a script"
    location = origin.location
    from ..resolve.readers import readers, readers_after_run  # a file that changes sys.path: who imports it

    dotted = origin.module_name or origin.stem
    if any(r.name == "" for r in readers_after_run(ctx.targets, ctx.rules, location, dotted)):
        return None
    guarded = _main_guard(tree)
    if origin.package and not guarded:
        package = tuple(origin.package)
        folder = location[: len(location) - (0 if origin.stem == "__init__" else 1)]
        found = readers(ctx.targets, folder, ".".join(package), within=True)
        outside = os.sep + os.path.join(*folder) + os.sep
        if any(not r.path.startswith(outside) for r in found):
            return None
    if guarded:
        return "the file is run as a script: it has a __main__ guard and nothing in the project imports it"
    return "the file is run as a script: nothing in the project imports it or its package"


def _main_guard(tree: ast.Module) -> bool:
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Compare):
            sides = [node.test.left, *node.test.comparators]
            if any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides) and any(
                isinstance(s, ast.Constant) and s.value == "__main__" for s in sides
            ):
                return True
    return False


def path_changes_after(tree: ast.Module, after: int) -> list[ast.AST]:
    """The statements and calls after line ``after``, run at import, that change ``sys.path``: a method of it, an
    assignment to it or an item of it, ``site.addsitedir``, or a ``pythonpath=True`` argument (rootutils'
    ``setup_root``), in the order of their lines. Function bodies run later and are not read."""
    imports = [node for node in walk_all(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]
    sys_names = {a.asname or a.name for node in imports if isinstance(node, ast.Import) for a in node.names
                 if a.name == "sys"}
    path_names = {a.asname or a.name for node in imports if isinstance(node, ast.ImportFrom) and not node.level
                  and node.module == "sys" for a in node.names if a.name == "path"}

    def is_path(node: ast.AST) -> bool:
        if isinstance(node, ast.Subscript):
            node = node.value
        if isinstance(node, ast.Attribute):
            return node.attr == "path" and isinstance(node.value, ast.Name) and node.value.id in sys_names
        return isinstance(node, ast.Name) and node.id in path_names

    def changes(node: ast.AST) -> bool:
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            return (name in _PATH_METHODS and isinstance(func, ast.Attribute) and is_path(func.value)) or (
                name == "addsitedir" or any(k.arg == "pythonpath" and _truthy(k.value) for k in node.keywords)
            )
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        return isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and any(map(is_path, targets))

    found, stack = [], list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if getattr(node, "lineno", 0) > after and changes(node):
            found.append(node)
        stack.extend(iter_child_nodes(node))
    return sorted(found, key=lambda node: (node.lineno, node.col_offset))


def path_change_after(tree: ast.Module, after: int) -> int | None:
    """The first line after line ``after`` where code run at import changes ``sys.path``."""
    changes = path_changes_after(tree, after)
    return changes[0].lineno if changes else None


def _truthy(node: ast.expr) -> bool:
    return not (isinstance(node, ast.Constant) and not node.value)


def _added(change: ast.AST, names: dict[str, ast.expr], path: str) -> list[str] | None:
    """The folders ``change`` adds to ``sys.path`` (``_UNKNOWN`` for one that cannot be told; None: it adds
    none, it only removes)."""
    if isinstance(change, ast.Call):
        func = change.func
        method = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if method == "addsitedir":
            values = change.args[:1]
        elif method in _ADDING and len(change.args) > _ADDING[method] and not change.keywords:
            value = change.args[_ADDING[method]]
            values = [value] if method in ("insert", "append") else _items(value)
        elif method in _PATH_METHODS:
            return None
        else:
            return [_UNKNOWN]
    else:
        values = _items(getattr(change, "value", None))
    if values is None:
        return [_UNKNOWN]
    return [_folder(value, names, path, 0) for value in values]


def _items(node: ast.expr | None) -> list[ast.expr] | None:
    if isinstance(node, (ast.List, ast.Tuple)):
        return [item for item in node.elts if not isinstance(item, ast.Starred)]
    return None


def _module_assignments(tree: ast.Module) -> dict[str, ast.expr]:
    """The names assigned once at module level, outside functions, with their values."""
    seen: dict[str, list[ast.expr]] = {}
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            seen.setdefault(node.targets[0].id, []).append(node.value)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)) and isinstance(node.target, ast.Name):
            seen.setdefault(node.target.id, []).extend([node.target, node.target])  # not a single value
        elif isinstance(node, ast.stmt):
            stack.extend(iter_child_nodes(node))
    return {name: values[0] for name, values in seen.items() if len(values) == 1}


def _folder(node: ast.expr, names: dict[str, ast.expr], path: str, depth: int) -> str:
    """The folder ``node`` spells, from ``__file__`` through ``os.path`` and ``pathlib`` (``_UNKNOWN``: not
    told)."""
    if depth > 20:
        return _UNKNOWN
    again = lambda inner: _folder(inner, names, path, depth + 1)  # noqa: E731
    if isinstance(node, ast.Name):
        if node.id == "__file__":
            return path
        return again(names[node.id]) if node.id in names else _UNKNOWN
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if os.path.isabs(node.value) else _UNKNOWN
    if isinstance(node, ast.Attribute):
        if node.attr in ("pardir", "curdir") and isinstance(node.value, ast.Name) and node.value.id == "os":
            return os.pardir if node.attr == "pardir" else os.curdir
        if node.attr == "parent":
            inner = again(node.value)
            return inner and os.path.dirname(inner)
        return _UNKNOWN
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and node.value.attr == "parents":
        index = node.slice
        inner = again(node.value.value)
        if not inner or not (isinstance(index, ast.Constant) and isinstance(index.value, int)):
            return _UNKNOWN
        for _ in range(index.value + 1):
            inner = os.path.dirname(inner)
        return inner
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        left, right = again(node.left), node.right
        if left and isinstance(right, ast.Constant) and isinstance(right.value, str):
            return os.path.normpath(os.path.join(left, right.value))
        return _UNKNOWN
    if isinstance(node, ast.Call):
        return _called(node, again)
    return _UNKNOWN


def _called(node: ast.Call, again: object) -> str:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name in ("resolve", "absolute") and isinstance(func, ast.Attribute) and not node.args:
        return again(func.value)  # type: ignore[operator]
    if not node.args or node.keywords:
        return _UNKNOWN
    first = again(node.args[0])  # type: ignore[operator]
    if name in ("dirname",) and len(node.args) == 1:
        return first and os.path.dirname(first)
    if name in ("abspath", "realpath", "normpath", "str", "Path", "PurePath", "fspath") and len(node.args) == 1:
        return first and os.path.normpath(first)
    if name == "join" and first:
        for part in node.args[1:]:
            value = again(part) if isinstance(part, ast.Attribute) else getattr(part, "value", None)  # type: ignore
            if not isinstance(value, str) or not value:
                return _UNKNOWN
            first = os.path.join(first, value)
        return os.path.normpath(first)
    return _UNKNOWN
