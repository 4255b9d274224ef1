"""The names a module binds at module level, read from its syntax tree (never imported or run)."""
from __future__ import annotations

import _ast as ast
from _collections_abc import Iterable

from ..source.syntax import iter_child_nodes


def resolve(package: tuple[str, ...], level: int, module: str | None) -> tuple[str, ...] | None:
    tail = tuple(module.split(".")) if module else ()
    if level == 0:
        return tail
    if level - 1 > len(package):
        return None
    return (*package[: len(package) - level + 1], *tail)


def module_level(body: list[ast.stmt]) -> Iterable[ast.stmt]:
    """Statements run at module level: the body, and every branch of ``if``, ``try``, ``with``, loops."""
    for node in body:
        yield node
        for field in ("body", "orelse", "finalbody"):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                yield from module_level(getattr(node, field, []) or [])
        for handler in getattr(node, "handlers", []) or []:
            yield from module_level(handler.body)


def bound(node: ast.stmt) -> set[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, _TYPE_ALIAS):  # ``type X = ...`` (3.12)
        return {node.name.id}  # type: ignore[attr-defined]
    targets: list[ast.AST] = [*_walrus_targets(node)]
    if isinstance(node, ast.Assign):
        targets += node.targets
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor)):
        targets.append(node.target)
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        targets += [item.optional_vars for item in node.items if item.optional_vars is not None]
    names = set()
    stack = list(targets)
    while stack:
        target = stack.pop()
        if isinstance(target, ast.Name):
            names.add(target.id)
        elif isinstance(target, (ast.Tuple, ast.List, ast.Starred)):
            stack.extend(iter_child_nodes(target))
    return names


_TYPE_ALIAS = tuple(getattr(ast, name) for name in ("TypeAlias",) if hasattr(ast, name))


def _walrus_targets(node: ast.stmt) -> list[ast.expr]:
    """``(name := value)`` in the statement's own expressions (an ``if`` test, a comprehension), not in the
    statements it holds or in a lambda."""
    found: list[ast.expr] = []
    stack = [child for child in iter_child_nodes(node) if isinstance(child, ast.expr)]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.NamedExpr):
            found.append(current.target)
        if not isinstance(current, ast.Lambda):
            stack.extend(iter_child_nodes(current))
    return found


def writes_globals(node: ast.stmt) -> bool:
    """Whether a statement may write the module's names through ``globals()``: stores into it
    (``globals()[...] = ...``), a method that changes it (``globals().update(...)``), or the namespace handed on
    (bound to a name, passed to a call). Reading it (``globals()[name]``, ``globals().get(name)``,
    ``[n for n in globals() if ...]``, ``name in globals()``) writes nothing."""
    if not isinstance(node, (ast.Assign, ast.Expr)):
        return False
    stack: list[ast.AST] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.Subscript):
            handed = [current.value] if not isinstance(current.ctx, ast.Load) else []
        elif isinstance(current, ast.Attribute):
            handed = [current.value] if current.attr not in _READS else []
        elif isinstance(current, (ast.Assign, ast.Expr)):
            handed = [current.value]
        elif isinstance(current, ast.Call):
            handed = [*current.args, *(k.value for k in current.keywords)]
        else:
            handed = []
        if any(_is_globals_call(value) for value in handed):
            return True
        stack.extend(iter_child_nodes(current))
    return False


_READS = frozenset(("get", "keys", "values", "items", "copy", "__contains__", "__getitem__"))


def indirect_names(tree: ast.Module) -> frozenset[str] | None:
    """Names a module binds other than by its module-level statements: those its functions declare ``global``
    (``global OpenWrapper`` then ``OpenWrapper = open``) and the members of a class decorated ``@global_enum``;
    None when it may bind any name (``globals()`` written or handed on anywhere, enum's ``_convert_``, which adds
    an enum's members to a module, a module that puts another object in its place in ``sys.modules``)."""
    names: set[str] = set()
    stack: list[ast.AST] = [n for n in tree.body if not (isinstance(n, ast.FunctionDef) and n.name == "__getattr__")]
    while stack:  # a module-level ``__getattr__`` binds only what it answers (module_getattr.py)
        node = stack.pop()
        stack.extend(iter_child_nodes(node))
        if isinstance(node, ast.Global):
            names.update(node.names)
        elif isinstance(node, ast.ClassDef) and any(_last_name(d) == "global_enum" for d in node.decorator_list):
            for item in node.body:
                names |= bound(item)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("_convert_", "_convert"):
                return None
        elif isinstance(node, (ast.Assign, ast.Expr)) and writes_globals(node):
            return None
        elif isinstance(node, ast.Assign) and any(_is_sys_modules(t) for t in node.targets):
            return None  # ``sys.modules[__name__] = other``: the module is replaced by another object
    return frozenset(names)


def _is_sys_modules(target: ast.expr) -> bool:
    """``sys.modules[__name__]`` (the module's own entry)."""
    if not isinstance(target, ast.Subscript) or not isinstance(target.slice, ast.Name):
        return False
    value = target.value
    return target.slice.id == "__name__" and isinstance(value, ast.Attribute) and value.attr == "modules" \
        and isinstance(value.value, ast.Name) and value.value.id == "sys"


def _last_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Call):
        node = node.func
    return node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)


def _is_globals_call(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "globals"


def all_of(tree: ast.Module) -> frozenset[str] | None:
    """The strings of a module's literal ``__all__`` list or tuple, with what module-level statements add to it
    (``__all__ += [...]``, ``__all__.extend([...])``, ``__all__.append("x")``, in any branch), if it has one."""
    found: set[str] | None = None
    for node in module_level(tree.body):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            if isinstance(node.value, (ast.List, ast.Tuple)):
                found = (found or set()) | _strings(node.value.elts)
        elif found is not None and isinstance(node, ast.AugAssign) and _is_all(node.target):
            if not isinstance(node.value, (ast.List, ast.Tuple)):
                return None  # computed: the module's public names stand for it
            found |= _strings(node.value.elts)
        elif found is not None and isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func, args = node.value.func, node.value.args
            if isinstance(func, ast.Attribute) and _is_all(func.value) and func.attr in ("append", "extend"):
                if func.attr == "extend" and not (args and isinstance(args[0], (ast.List, ast.Tuple))):
                    return None
                found |= _strings(args if func.attr == "append" else args[0].elts)  # type: ignore[attr-defined]
    return None if found is None else frozenset(found)


def _is_all(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "__all__"


def _strings(nodes: Iterable[ast.expr]) -> set[str]:
    return {e.value for e in nodes if isinstance(e, ast.Constant) and isinstance(e.value, str)}
