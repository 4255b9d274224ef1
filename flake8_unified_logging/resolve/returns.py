"""What a call of a project function returns, followed statically: the project classes it may be an instance of.

Returns are followed through calls of project functions and classes (imported or local, through aliases and
re-exports), methods of module-level instances, ``self``/``cls``, local names and cache dictionaries, a few levels
deep. Anything else (a parameter, a third-party call, a conditional expression, a decorator that is not known to
keep the function) makes that path unknown. Nothing is imported or run.
"""
from __future__ import annotations

import _ast as ast
import os
from _functools import partial

from ..records import Record
from ..source.syntax import bound_name
from .classes import Classes, ClassInfo, is_transparent_decorator
from .function_body import Body, body_of, dotted, is_classmethod, last_name, names_in
from .module_names import bound, module_level, resolve
from .modules import Location

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .modules import ModuleLookup

_DEPTH = 6
_COMPOUND = tuple(getattr(ast, n) for n in ("If", "Try", "TryStar", "With", "For", "While", "Match") if hasattr(ast, n))


class Definition(Record):
    """What a name of a project module is: a function, a class, an instance of classes, or unknown (None)."""

    __slots__ = ()
    kind: str  # "function", "class", "instance", "module" (``module`` holds its dotted name) or "unknown"
    node: ast.AST | None
    module: Location
    classes: tuple[ClassInfo, ...]

    def __new__(
        cls, kind: str, node: ast.AST | None, module: Location, classes: tuple[ClassInfo, ...] = ()
    ) -> Definition:
        return tuple.__new__(cls, (kind, node, module, classes))


class Returned(Record):
    """The project classes a call may return an instance of, and whether some path could not be followed."""

    __slots__ = ()
    classes: tuple[ClassInfo, ...]
    unknown: bool

    def __new__(cls, classes: tuple[ClassInfo, ...], unknown: bool) -> Returned:
        return tuple.__new__(cls, (classes, unknown))


_UNKNOWN = Returned((), True)


def _merge(results: list[Returned]) -> Returned:
    classes: dict[str, ClassInfo] = {}
    for result in results:
        for info in result.classes:
            classes.setdefault(info.where, info)
    return Returned(tuple(classes.values()), any(r.unknown for r in results) or not results)


class Definitions:
    """Where a name is defined inside the project under one root, through imports, aliases and re-exports."""

    def __init__(self, project: ModuleLookup) -> None:
        self.project = project

    def located(self, root: str, module: tuple[str, ...] | None) -> str | None:
        """The folder ``module``, imported by code under ``root``, is read under (the project's, else the standard
        library's or an installed package's); None when it cannot be found."""
        return self.project.locate(root, module) if module else None

    def definitions(self, root: str, module: tuple[str, ...], name: str, depth: int = 0) -> list[Definition]:
        """What ``name`` is in ``module``: one definition per module-level binding (branches of if/try too)."""
        cut = [Definition("unknown", None, Location(root, "", module))]  # what a cycle sees
        answer = partial(self._find, root, module, name, depth)
        return self.project.memo.get(("definitions", root, module, name), answer, cut)

    def _find(self, root: str, module: tuple[str, ...], name: str, depth: int) -> list[Definition]:
        root = self.project.outside.declared(root, module)
        found = self.project.module(root, module)
        if depth > _DEPTH:
            self.project.memo.limited()
        if found is None or found.tree is None or found.path is None or depth > _DEPTH:
            return [Definition("unknown", None, Location(root, "", module))]
        package = module if os.path.basename(found.path).startswith("__init__.") else module[:-1]
        place = Location(root, found.path, package)
        definitions: list[Definition] = []
        for node in found.tree.body:
            if isinstance(node, _COMPOUND):  # its branches may or may not run: what they bind is one more option
                definitions += [d for inner in module_level([node]) for d in self._binding(inner, name, place, depth)]
            else:  # a later binding replaces the earlier ones (``get_logger = cached(get_logger)``)
                definitions = self._binding(node, name, place, depth) or definitions
        if not definitions and name in found.submodules:  # ``from package import submodule`` imports it
            return [Definition("module", None, Location(root, "", (*module, name)))]
        return definitions or [Definition("unknown", None, place)]

    def _binding(self, node: ast.stmt, name: str, place: Location, depth: int) -> list[Definition]:
        root, _, package = place
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name:
            return [Definition("function" if isinstance(node, ast.FunctionDef) else "class", node, place)]
        if isinstance(node, ast.AsyncFunctionDef) and node.name == name:
            return [Definition("unknown", node, place)]
        if isinstance(node, ast.ImportFrom):
            source = resolve(package, node.level, node.module)
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    where = self.located(root, source)
                    if source is None or where is None:
                        return [Definition("unknown", node, place)]
                    return self._imported(where, source, alias.name, place.path, depth)
        if isinstance(node, ast.Import):
            for alias in node.names:
                if bound_name(alias) == name:
                    imported = tuple(alias.name.split(".")) if alias.asname else (name,)
                    where = self.located(root, imported)
                    if where is None:
                        return [Definition("unknown", node, place)]
                    return [Definition("module", None, Location(where, "", imported))]
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                if node.value is None:
                    return self._declared(node, place, depth)
                return [self._value_definition(node.value, place, depth)]
            if any(name in names_in(t) for t in targets):
                return [Definition("unknown", node, place)]
        elif isinstance(node, (ast.AugAssign, ast.For, ast.AsyncFor, ast.With, ast.AsyncWith)):
            if name in bound(node):
                return [Definition("unknown", node, place)]
        return []

    def _imported(
        self, root: str, source: tuple[str, ...], name: str, here: str, depth: int
    ) -> list[Definition]:
        """``from source import name``: a name the module binds, else its submodule (always, in the package's
        own ``__init__``: ``from . import log``)."""
        found = self.project.module(root, source)
        if found is not None and (found.path == here or found.names is not None and name not in found.names):
            if self.project.module(root, (*source, name)) is not None:
                return [Definition("module", None, Location(root, "", (*source, name)))]
        return self.definitions(root, source, name, depth + 1)

    def _declared(self, node: ast.AnnAssign, place: Location, depth: int) -> list[Definition]:
        """``name: Class`` in a stub: an instance of the class it declares (nothing bound in source)."""
        if not place.path.endswith(".pyi"):
            return []
        result = self.annotation(node.annotation, _Frame(place, None, None, depth + 1, frozenset()))
        if result.classes and not result.unknown:
            return [Definition("instance", node, place, result.classes)]
        return [Definition("unknown", node, place)]

    def annotation(self, node: ast.expr, frame: _Frame) -> Returned:
        """What an annotation names: unknown here; Returns reads it."""
        return Returned((), True)

    def _value_definition(self, value: ast.expr, place: Location, depth: int) -> Definition:
        """A module-level ``name = value``: an alias of another name, or an instance made by a call."""
        root, _, package = place
        if isinstance(value, ast.Name):
            module = self.module_of(place)
            options = self.definitions(root, module, value.id, depth + 1) if module else []
            return options[0] if len(options) == 1 else Definition("unknown", value, place)
        if isinstance(value, ast.Call):
            result = self.call(value, _Frame(place, None, None, depth + 1, frozenset()))
            if result.classes and not result.unknown:
                return Definition("instance", value, place, result.classes)
        return Definition("unknown", value, place)

    def value(self, definition: Definition) -> Returned:
        """What the object a module-level name is bound to may be an instance of (``name = factory(...)``)."""
        if definition.kind == "instance":
            return Returned(definition.classes, False)
        if definition.kind == "unknown" and isinstance(definition.node, ast.Call):
            return self.call(definition.node, _Frame(definition.module, None, None, 1, frozenset()))
        return Returned((), True)

    def call(self, node: ast.Call, frame: _Frame) -> Returned:
        """What a call returns: unknown here; Returns follows it."""
        return Returned((), True)

    def module_of(self, place: Location) -> tuple[str, ...]:
        root, path, package = place
        if not path:
            return package
        stem = os.path.splitext(os.path.basename(path))[0]
        return package if stem == "__init__" else (*package, stem)


class Returns(Definitions):
    """What calls inside the project return, followed through functions, classes and caches; one instance per
    run, everything cached."""

    def __init__(self, project: ModuleLookup) -> None:
        super().__init__(project)
        self.classes = Classes(self)
        self._bodies: dict[int, Body] = {}
        self._active: set[tuple[int, str]] = set()  # (function, name) whose values are being followed

    def returned_by(self, definitions: list[Definition], depth: int = 0) -> Returned:
        """What calling something with these definitions returns."""
        results = []
        for definition in definitions:
            if definition.kind == "class":
                results.append(self._instance(definition))
            elif definition.kind == "function":
                results.append(self.function_returns(definition.node, definition.module, None, depth))
            else:
                results.append(_UNKNOWN)
        return _merge(results)

    def _instance(self, definition: Definition) -> Returned:
        info = self.classes.info(definition.node, definition.module)
        return Returned((info,), False) if info.instantiable else _UNKNOWN

    def function_returns(self, function: ast.AST, place: Location, owner: ClassInfo | None, depth: int,
                         seen: frozenset[int] = frozenset()) -> Returned:
        """What calling ``function`` (a method of ``owner`` when given) returns."""
        if id(function) in seen or depth > _DEPTH:
            self.project.memo.limited()
            return _UNKNOWN
        if not isinstance(function, ast.FunctionDef):
            return _UNKNOWN
        if owner is None:
            answer = partial(self._function_returns, function, place, None, depth, seen)
            return self.project.memo.get(("returns", id(function)), answer, _UNKNOWN)
        return self._function_returns(function, place, owner, depth, seen)

    def _function_returns(
        self, function: ast.FunctionDef, place: Location, owner: ClassInfo | None, depth: int, seen: frozenset[int]
    ) -> Returned:
        if not all(is_transparent_decorator(d) for d in function.decorator_list):
            return _UNKNOWN
        frame = _Frame(place, function, owner, depth, seen | {id(function)})
        body = self.body(function)
        if function.returns is not None and (
                place.path.endswith(".pyi") or self.project.outside.is_outside(place.root)):
            result = self.annotation(function.returns, frame)  # declared by a stub or a typed package
        elif not body.returns or body.generator:
            result = _UNKNOWN
        else:
            result = _merge([self.expression(r.value, frame) if r.value is not None else _UNKNOWN
                             for r in body.returns])
        return result

    def annotation(self, node: ast.expr, frame: _Frame) -> Returned:
        """The classes a return annotation of a stub names (``Logger``, ``logging.Logger``, ``Self``,
        ``X | None``, ``Optional[X]``); anything else is unknown."""
        if isinstance(node, ast.Constant) and node.value is None:
            return Returned((), False)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            return _merge([self.annotation(node.left, frame), self.annotation(node.right, frame)])
        if isinstance(node, ast.Subscript) and last_name(node.value) == "Optional":
            return self.annotation(node.slice, frame)  # type: ignore[arg-type]
        if last_name(node) == "Self" and frame.owner is not None:
            return Returned((frame.owner,), False)
        options: list[Definition] = []
        if isinstance(node, ast.Name):
            options = self.definitions(frame.place.root, self.module_of(frame.place), node.id, frame.depth + 1)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            holders = self.definitions(frame.place.root, self.module_of(frame.place), node.value.id, frame.depth + 1)
            if len(holders) == 1 and holders[0].kind == "module":
                root, _, module = holders[0].module
                options = self.definitions(root, module, node.attr, frame.depth + 1)
        if len(options) == 1 and options[0].kind == "class":
            info = self.classes.info(options[0].node, options[0].module)
            return Returned((info,), False)
        return _UNKNOWN

    def expression(self, node: ast.expr, frame: _Frame) -> Returned:
        """What ``node``, evaluated in ``frame``'s function, is an instance of."""
        if isinstance(node, ast.Call):
            return self.call(node, frame)
        if isinstance(node, ast.Name):
            return self._name(node.id, frame)
        if isinstance(node, ast.Subscript):
            return self._stored(node.value, frame, []) or _UNKNOWN
        return _UNKNOWN

    def _stored(self, cache: ast.expr, frame: _Frame, extra: list[ast.expr]) -> Returned | None:
        """What a cache (``_loggers``, ``self._loggers``, ``cls._loggers``) holds: the values stored into it
        (``cache[key] = value``) in this function, else in the methods of its class; with ``extra`` values (a
        ``setdefault`` default); None when nothing is stored into it there."""
        key = dotted(cache)
        if key is None or frame.function is None:
            return None
        if (id(frame.function), key) in self._active:
            return Returned((), False)  # a value that flows back into itself adds no class
        functions = [frame.function]
        if frame.owner is not None:
            functions += [m.node for m in frame.owner.methods.values() if m.node is not frame.function]
        for function in functions:
            stored = [value for target, value in self.body(function).assignments
                      if isinstance(target, ast.Subscript) and dotted(target.value) == key]
            if stored:
                self._active.add((id(frame.function), key))
                try:
                    return _merge([self.expression(value, frame) for value in (*stored, *extra)])
                finally:
                    self._active.discard((id(frame.function), key))
        return None

    def body(self, function: ast.AST) -> Body:
        if id(function) not in self._bodies:
            self._bodies[id(function)] = body_of(function)
        return self._bodies[id(function)]

    def _name(self, name: str, frame: _Frame) -> Returned:
        body = None if frame.function is None else self.body(frame.function)
        if body is not None and name in body.parameters:
            if frame.owner is not None and body.parameters[:1] == [name]:
                return Returned((frame.owner,), False) if frame.owner.instantiable else _UNKNOWN
            return _UNKNOWN
        if body is not None and name in body.local:
            values = [value for target, value in body.assignments if isinstance(target, ast.Name)
                      and target.id == name]
            if len(values) != body.bindings[name]:
                return _UNKNOWN
            key = (id(frame.function), name)
            if key in self._active:
                return Returned((), False)
            self._active.add(key)
            try:
                return _merge([self.expression(value, frame) for value in values])
            finally:
                self._active.discard(key)
        options = self.definitions(frame.place.root, self.module_of(frame.place), name, frame.depth + 1)
        if all(d.kind == "instance" for d in options):
            return _merge([Returned(d.classes, False) for d in options])
        return _UNKNOWN

    def call(self, node: ast.Call, frame: _Frame) -> Returned:
        func, function = node.func, frame.function
        body = None if function is None else self.body(function)
        local = frozenset() if body is None else body.local | set(body.parameters)
        if isinstance(func, ast.Name) and func.id in local:
            first = body.parameters[:1] if body is not None else []
            if frame.owner is not None and func.id in first and is_classmethod(function):
                return Returned((frame.owner,), False) if frame.owner.instantiable else _UNKNOWN
            return _UNKNOWN
        if isinstance(func, ast.Name):
            options = self.definitions(frame.place.root, self.module_of(frame.place), func.id, frame.depth + 1)
            return self.returned_by(options, frame.depth + 1)
        if not isinstance(func, ast.Attribute):
            return _UNKNOWN
        if isinstance(func.value, ast.Name) and func.value.id not in local:
            options = self.definitions(frame.place.root, self.module_of(frame.place), func.value.id, frame.depth + 1)
            if options and all(d.kind in ("module", "class") for d in options):
                return _merge([self._attribute_call(d, func.attr, frame) for d in options])
        if func.attr in ("get", "setdefault", "pop"):
            stored = self._stored(func.value, frame, list(node.args[1:2]))
            if stored is None and func.attr == "setdefault" and len(node.args) == 2:
                return self.expression(node.args[1], frame)  # a cache filled by setdefault alone
            if stored is not None:
                return stored if func.attr == "setdefault" or len(node.args) > 1 else stored._replace(unknown=True)
        receiver = self.expression(func.value, frame)
        if receiver.unknown:
            return _UNKNOWN
        return _merge([self._method_call(info, func.attr, frame, False) for info in receiver.classes])

    def _attribute_call(self, definition: Definition, name: str, frame: _Frame) -> Returned:
        """``module.name(...)`` or ``Class.name(...)``."""
        if definition.kind == "module":
            root, _, module = definition.module
            return self.returned_by(self.definitions(root, module, name, frame.depth + 1), frame.depth + 1)
        info = self.classes.info(definition.node, definition.module)
        return self._method_call(info, name, frame, True)

    def _method_call(self, info: ClassInfo, name: str, frame: _Frame, on_class: bool) -> Returned:
        method = info.methods.get(name)
        kinds = ("classmethod", "staticmethod") if on_class else ("method", "classmethod", "staticmethod")
        if info.members is None or method is None or method.kind not in kinds:
            return _UNKNOWN
        return self.function_returns(method.node, method.place, info, frame.depth + 1, frame.seen)


class _Frame(Record):
    """Where an expression is evaluated: its module, function (None: module level), the class whose method it
    is, how deep the following is, and the functions already on the way."""

    __slots__ = ()
    place: Location
    function: ast.AST | None
    owner: ClassInfo | None
    depth: int
    seen: frozenset[int]

    def __new__(
        cls, place: Location, function: ast.AST | None, owner: ClassInfo | None, depth: int, seen: frozenset[int]
    ) -> _Frame:
        return tuple.__new__(cls, (place, function, owner, depth, seen))
