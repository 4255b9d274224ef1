"""Which object an import binds, and what kind of thing it is, as the target check reads the modules: a name a
package re-exports (``from .errors import WebhookAPIError`` in its ``__init__``) is the object of the module that
defines it, so ``from pkg.dto import WebhookAPIError`` and ``from pkg.dto.errors import WebhookAPIError`` bind
the same object. A module that cannot be read is taken as spelled. Read statically, never imported."""
from __future__ import annotations

import _ast as ast
import os
from _collections_abc import Iterable

from ..resolve.module_names import bound, module_level, resolve
from ..resolve.modules import Module
from ..source.syntax import bound_name, dotted_name
from .proof import Dotted, Shown, Taken

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..resolve.targets import TargetCheck

_HOPS = 12  # re-exports followed at most (a chain longer than this is taken where it stops)


class Bound:
    """What imports bind, for one run: ``origin`` follows re-exports, ``kind`` tells a function from a class, a
    module or a value (by what makes it); each module read once."""

    def __init__(self, targets: TargetCheck | None) -> None:
        self.targets = targets
        self._origins: dict[tuple[str, str, str], str] = {}

    def read(self, near: str, module: tuple[str, ...]) -> Module | None:
        """The module ``module`` as an import in ``near`` finds it (in the project, else outside it)."""
        if self.targets is None or not module or not module[0]:
            return None
        root = self.targets.reader(near, module, module)
        found = self.targets.module(root, module) if root is not None else None
        return found if found is not None and found.tree is not None else None

    def origin(self, near: str, module: str, name: str) -> str:
        """The dotted path of what ``from module import name`` binds, followed through re-exports."""
        key = (near, module, name)
        if key not in self._origins:
            self._origins[key] = ".".join(self._follow(near, tuple(module.split(".")), name)[0:2])
        return self._origins[key]

    def same(self, near: str, first: tuple[str, str], second: tuple[str, str]) -> bool:
        """Whether ``from first[0] import first[1]`` and ``from second[0] import second[1]`` bind one object."""
        return first == second or self.origin(near, *first) == self.origin(near, *second)

    def kind(self, near: str, module: str, name: str) -> str | None:
        """``function``, ``class``, ``module`` or ``value made by <callee>`` for what ``from module import
        name`` binds; None when that cannot be read."""
        where, name, found = self._follow(near, tuple(module.split(".")), name)
        if found is None:
            return None
        for node in module_level(found.tree.body):  # type: ignore[union-attr]
            if name not in _binds(node):
                continue
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return "function"
            if isinstance(node, ast.ClassDef):
                return "class"
            if isinstance(node, ast.Import):
                return "module"
            value = getattr(node, "value", None)
            if isinstance(value, ast.Call):
                return f"value made by {_spelled(value.func)}"
            return f"value ({type(value).__name__})" if value is not None else None
        return "module" if name in found.submodules else None

    def _follow(self, near: str, module: tuple[str, ...], name: str) -> tuple[str, str, Module | None]:
        found = None
        for _ in range(_HOPS):
            found = self.read(near, module)
            source = _reexport(found, module, name) if found is not None else None
            if source is None:
                break
            module, name = source
        return ".".join(module), name, found


def _binds(node: ast.stmt) -> set[str]:
    if isinstance(node, ast.ImportFrom):
        return {a.asname or a.name for a in node.names}
    if isinstance(node, ast.Import):
        return {bound_name(a) for a in node.names}
    return bound(node)


def _reexport(found: Module, module: tuple[str, ...], name: str) -> tuple[tuple[str, ...], str] | None:
    """Where ``module`` takes ``name`` from, when it binds it by a ``from ... import`` alone."""
    package = module if os.path.basename(found.path or "").startswith("__init__.") else module[:-1]
    sources = []
    for node in module_level(found.tree.body):  # type: ignore[union-attr]
        if name not in _binds(node):
            continue
        if not isinstance(node, ast.ImportFrom):
            return None
        alias = next(a for a in node.names if (a.asname or a.name) == name)
        source = resolve(package, node.level, node.module)
        if source is None or alias.name == "*":
            return None
        sources.append((source, alias.name))
    return sources[0] if len(set(sources)) == 1 else None


def _spelled(node: ast.expr) -> str:
    """A callee as written, or the kind of node its attribute chain starts at."""
    spelled = dotted_name(node)
    while spelled is None and isinstance(node, ast.Attribute):
        node = node.value
    return spelled or type(node).__name__


def unlike(old: Dotted, new: Dotted, uses: Iterable[tuple[str, Taken]], shown: Shown, bound: Bound, near: str
           ) -> str | None:
    """Why ``new`` is not ``old`` again for what the tree takes from it (None when nothing tells them apart):
    the examples show one name moving and ``old`` cannot be read to compare the two, or a name the tree takes
    is another kind of thing in ``new`` (a function for a class, a value made by another factory)."""
    names = sorted({name for _, name in shown.names})
    if not shown.wholesale and not shown.as_modules and len(names) < 2 and bound.read(near, old) is None:
        return f"only {', '.join(names) or 'one import'} is shown moving, and {'.'.join(old)} is not readable " \
               f"here to compare it with {'.'.join(new)}"
    pairs = {(path, taken.module, name) for path, taken in uses for name in taken.names}
    for path, module, name in sorted(pairs | {(near, module, name) for module, name in shown.names}):
        if module in shown.wholesale:
            continue
        source, target = ".".join(module), ".".join((*new, *module[len(old):]))
        if bound.same(path, (source, name), (target, name)):
            continue
        was, now = bound.kind(path, source, name), bound.kind(path, target, name)
        if was and now and was != now:
            return f"{target}:{name} is a {now}, {source}:{name} a {was} ({os.path.relpath(path)})"
    return None
