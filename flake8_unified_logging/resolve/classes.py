"""The members of a class, read statically: its methods, class attributes, ``self.x = ...`` in its methods, and
those of its bases (in the project, or outside it from their source or stub). ``__getattr__``, a base that cannot be
read, a metaclass outside the project or an unknown class decorator make the members unknown (None)."""
from __future__ import annotations

import _ast as ast
import os
from _functools import partial

from ..records import Record
from ..source.syntax import bound_name, walk_all
from .module_names import bound
from .modules import Location

TYPE_CHECKING = False
if TYPE_CHECKING:  # what the class analysis needs of the returns analysis, named for the type checker alone
    from _collections_abc import Sequence
    from typing import Protocol

    from .modules import ModuleLookup

    class Found(Protocol):
        kind: str
        node: ast.AST | None
        module: tuple[str, str, tuple[str, ...]]

    class DefinitionLookup(Protocol):
        """What a name of a project module is (the returns analysis answers it)."""

        project: ModuleLookup

        def module_of(self, place: Location) -> tuple[str, ...]: ...

        def definitions(self, root: str, module: tuple[str, ...], name: str, depth: int = 0) -> Sequence[Found]: ...

# Bases and decorators that add no member an instance's user calls.
_HARMLESS_BASES = frozenset(("object", "ABC", "Generic", "Protocol"))
_HARMLESS_METACLASSES = frozenset(("ABCMeta", "type"))
_CLASS_DECORATORS = frozenset(("dataclass", "total_ordering", "final", "runtime_checkable"))
_FUNCTION_DECORATORS = frozenset(("lru_cache", "cache", "wraps", "staticmethod", "classmethod", "abstractmethod",
                                  "override", "final"))
_DYNAMIC = frozenset(("__getattr__", "__getattribute__"))


class Method(Record):
    """A function of a class: ``kind`` is method, classmethod, staticmethod, property or other (a decorator that
    may change it); ``place`` is the module it is read in."""

    __slots__ = ()
    kind: str
    node: ast.FunctionDef
    place: Location

    def __new__(cls, kind: str, node: ast.FunctionDef, place: Location) -> Method:
        return tuple.__new__(cls, (kind, node, place))


class ClassInfo(Record):
    """A project class: its name, ``path:line``, its members (None: unknown), its methods by name (its own over its
    bases'), and whether calling it surely makes an instance of it (no ``__new__``, no unknown decorator)."""

    __slots__ = ()
    name: str
    where: str
    members: frozenset[str] | None
    methods: dict[str, Method]
    instantiable: bool

    def __new__(
        cls, name: str, where: str, members: frozenset[str] | None, methods: dict[str, Method], instantiable: bool
    ) -> ClassInfo:
        return tuple.__new__(cls, (name, where, members, methods, instantiable))


def _last_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Subscript):
        node = node.value
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def is_transparent_decorator(node: ast.expr) -> bool:
    """A function decorator known to keep what the function returns (``functools.lru_cache``, ...)."""
    return _last_name(node) in _FUNCTION_DECORATORS


def _method_kind(function: ast.FunctionDef) -> str:
    names = [_last_name(d) for d in function.decorator_list]
    if "property" in names or any(isinstance(d, ast.Attribute) and d.attr in ("setter", "getter", "deleter")
                                  for d in function.decorator_list):
        return "property"
    for kind in ("staticmethod", "classmethod"):
        if kind in names:
            return kind
    return "method" if all(name in _FUNCTION_DECORATORS for name in names) else "other"


class Classes:
    """Class analyses of one run, cached per class."""

    def __init__(self, returns: DefinitionLookup) -> None:
        self.returns = returns

    def info(self, node: ast.ClassDef, place: Location) -> ClassInfo:
        where = f"{os.path.relpath(place.path, place.root)}:{node.lineno}" if place.path else node.name
        cut = ClassInfo(node.name, where, None, {}, False)  # what a cycle of bases sees
        return self.returns.project.memo.get(("class", id(node)), partial(self._analyse, node, place, where), cut)

    def _analyse(self, node: ast.ClassDef, place: Location, where: str) -> ClassInfo:
        members, methods = _own_members(node, place)
        known = members is not None and not (_DYNAMIC & members)
        known = known and all(_last_name(d) in _CLASS_DECORATORS for d in node.decorator_list)
        known = known and all(
            k.arg != "metaclass" or _last_name(k.value) in _HARMLESS_METACLASSES for k in node.keywords
        )
        instantiable = known and "__new__" not in (members or ())
        all_members = set(members or ())
        for base in node.bases:
            name = _last_name(base)
            if name in _HARMLESS_BASES:
                continue
            info = self._base(base, place)
            if info is None or info.members is None:
                known = False
                continue
            all_members |= info.members
            for key, method in info.methods.items():
                methods.setdefault(key, method)
            instantiable = instantiable and info.instantiable
        return ClassInfo(node.name, where, frozenset(all_members) if known else None, methods, instantiable)

    def _base(self, base: ast.expr, place: Location) -> ClassInfo | None:
        """A base class: a name of the class's module, or ``module.Class`` (in the project or outside it)."""
        if isinstance(base, ast.Subscript):
            base = base.value
        returns = self.returns
        module = returns.module_of(place)
        if isinstance(base, ast.Name):
            options = returns.definitions(place.root, module, base.id)
        elif isinstance(base, ast.Attribute) and isinstance(base.value, ast.Name):
            holders = returns.definitions(place.root, module, base.value.id)
            if len(holders) != 1 or holders[0].kind != "module":
                return None
            root, _, dotted = holders[0].module  # where the module was found: the project, or outside it
            options = returns.definitions(root, dotted, base.attr)
        else:
            return None
        if len(options) != 1 or options[0].kind != "class":
            return None
        return self.info(options[0].node, options[0].module)


def _own_members(node: ast.ClassDef, place: Location) -> tuple[frozenset[str] | None, dict[str, Method]]:
    """The names a class body binds and its methods' ``self.x`` assignments; None for ``setattr(self, ...)``."""
    members: set[str] = set()
    methods: dict[str, Method] = {}
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            members.add(item.name)
            kind = _method_kind(item) if isinstance(item, ast.FunctionDef) else "other"
            methods.setdefault(item.name, Method(kind, item, place))
            if kind in ("method", "classmethod", "property", "other"):
                attributes = _self_attributes(item)
                if attributes is None:
                    return None, methods
                members |= attributes
        elif isinstance(item, ast.ClassDef):
            members.add(item.name)
        elif isinstance(item, (ast.Import, ast.ImportFrom)):
            members.update(bound_name(a) for a in item.names)
        else:
            members |= bound(item)
            if isinstance(item, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__slots__"
                                                    for t in item.targets):
                members |= {e.value for e in walk_all(item.value) if isinstance(e, ast.Constant)
                            and isinstance(e.value, str)}
    return frozenset(members), methods


def _self_attributes(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str] | None:
    args = [*getattr(function.args, "posonlyargs", []), *function.args.args]
    if not args:
        return set()
    this = args[0].arg
    found = set()
    for node in walk_all(function):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == this:
            if not isinstance(node.ctx, ast.Load):
                found.add(node.attr)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr":
            if node.args and isinstance(node.args[0], ast.Name) and node.args[0].id == this:
                return None
    return found
