"""Whether the uses of a name a rewrite moves resolve on what the name is bound to after the run, whatever rule
moved it (a module rule's ``from old import name``, a name rule's target): the new binding is followed as a
factory's return is (the project, the standard library and installed packages, read never run). A module must bind
every member read through it, a class every class attribute, method, nested class or enum member read on it, an
object every member read on it; a function is followed to what it returns, a class to its instances, and the
members the file reads on those results (directly or through the names it binds them to) must exist, every call
through them bind to the method's signature. The legacy binding is the reference: a use that surely fails on the
legacy object as well is not the rewrite's doing and is left alone."""
from __future__ import annotations

from _collections_abc import Callable, Sequence

from ..records import Record
from ..rules import NameRule
from ..source.syntax import parse
from .modules import Unresolved
from .targets import TargetCheck
from .use_check import Use, binds, member_problem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .classes import ClassInfo
    from .returns import Definition, Returned, Returns

Place = tuple[tuple[str, ...], str]  # a module and a name it binds
Fails = Callable[[Use], bool]  # whether a use surely fails on the legacy binding too


class Moved(Record):
    """One name a rewrite moves: ``old`` and ``new`` (module, name); ``uses``: members read and calls made on
    it; ``results``: members read and calls made on what calling it returns."""

    __slots__ = ()
    old: Place
    new: Place
    uses: tuple[Use, ...]
    results: tuple[Use, ...]

    def __new__(cls, old: Place, new: Place, uses: Sequence[Use], results: Sequence[Use]) -> Moved:
        return tuple.__new__(cls, (old, new, tuple(uses), tuple(results)))


def moved_problem(project: TargetCheck, path: str, legacy: Sequence[str], moved: Moved) -> Unresolved | None:
    """Why a use of ``moved`` would fail where the rewrite binds it (None: every use resolves, or what the
    target is cannot be told)."""
    used = [use for use in moved.uses if use.member]
    calls = [use for use in moved.uses if not use.member and use.call is not None]
    if not used and not moved.results and not calls:
        return None
    module, name = moved.new
    root = project.reader(path, legacy, module)
    if root is None:
        return None
    returns = project.returns
    reference = _Reference(project, path, legacy, moved.old)
    target = f"{'.'.join(module)}:{name}"
    for definition in returns.definitions(root, module, name):
        problem = _call_problem(project, target, definition, calls, reference)
        if problem is not None:
            return problem
        if definition.kind == "module":
            problem = _module_problem(project, target, definition.module, used, reference)
        elif definition.kind == "class":
            info = returns.classes.info(definition.node, definition.module)
            problem = _classes_problem(f"{target} is the class", [info], used, reference.on_class, True)
            results = returns.returned_by([definition])
            problem = problem or _classes_problem(f"{target}(...) makes", results.classes, moved.results,
                                                  reference.on_result)
        elif definition.kind == "function":
            returned = returns.returned_by([definition])
            problem = _classes_problem(f"{target} returns", returned.classes, moved.results, reference.on_result,
                                       unknown=returned.unknown)
        else:
            classes = returns.value(definition).classes
            problem = _classes_problem(f"{target} is an instance of", classes, used, reference.on_object)
        if problem is not None:
            return problem
    return None


def _call_problem(
    project: TargetCheck, target: str, definition: Definition, calls: list[Use], reference: _Reference
) -> Unresolved | None:
    """A call of the moved name that does not bind to its new definition (a function or a class of the project;
    a stub's overloads tell nothing) and binds to the legacy one, or the legacy one cannot be told."""
    if definition.kind not in ("function", "class") or not definition.module.path.endswith(".py"):
        return None
    if project.is_outside(definition.module.root) or getattr(definition.node, "decorator_list", None):
        return None
    for use in calls:
        problem = binds(project.returns, definition, use.call)  # type: ignore[arg-type]
        if problem is not None and not reference.on_call(use):
            problem = problem.replace(f"{definition.node.name}()", f"{target}()", 1)  # type: ignore[union-attr]
            return Unresolved(f"{problem} (line {use.line})", ((target, "signature"),))
    return None


class _Reference:
    """The legacy binding, read only when a use fails on the new one: whether that use surely fails there too."""

    def __init__(self, project: TargetCheck, path: str, legacy: Sequence[str], old: Place) -> None:
        self.project, self.path, self.legacy, self.old = project, path, legacy, old
        self._definitions: list[Definition] | None = None

    def definitions(self) -> list[Definition]:
        if self._definitions is None:
            module, name = self.old
            root = self.project.reader(self.path, self.legacy, module) if module else None
            self._definitions = [] if root is None else self.project.returns.definitions(root, module, name)
        return self._definitions

    def _fails(
        self, use: Use, kinds: tuple[str, ...], infos_of: Callable[[Returns, Definition], Returned],
        on_class: bool = False,
    ) -> bool:
        definitions = self.definitions()
        if not definitions or any(d.kind not in kinds for d in definitions):
            return False
        for definition in definitions:
            infos = infos_of(self.project.returns, definition)
            if not infos.classes or infos.unknown:
                return False
            if not all(_use_problem(info, use, on_class) for info in infos.classes):
                return False
        return True

    def on_object(self, use: Use) -> bool:
        return self._fails(use, ("instance", "unknown"), lambda returns, d: returns.value(d))

    def on_class(self, use: Use) -> bool:
        return self._fails(use, ("class",), _class_of, True)

    def on_result(self, use: Use) -> bool:
        return self._fails(use, ("class", "function"), lambda returns, d: returns.returned_by([d]))

    def on_call(self, use: Use) -> bool:
        """Whether the call surely does not bind to the legacy definition either."""
        definitions = self.definitions()
        if not definitions or any(d.kind not in ("function", "class") for d in definitions):
            return False
        return all(binds(self.project.returns, d, use.call) is not None for d in definitions)  # type: ignore[arg-type]

    def on_module(self, name: str) -> bool:
        definitions = self.definitions()
        if not definitions or any(d.kind != "module" for d in definitions):
            return False
        for definition in definitions:
            root, _, module = definition.module
            found = self.project.module(root, module)
            if found is None or found.binds(name):
                return False
        return True


def _class_of(returns: Returns, definition: Definition) -> Returned:
    from .returns import Returned  # loaded already: ``returns`` is its analysis

    return Returned((returns.classes.info(definition.node, definition.module),), False)


def _use_problem(info: ClassInfo, use: Use, on_class: bool) -> str | None:
    """What fails about ``use`` on an instance of ``info`` (``on_class``: on the class itself, where only what
    a class binds and its class and static methods' calls are checked)."""
    if not on_class:
        return member_problem(info, use)
    if info.members is None or not use.member or (use.member.startswith("__") and use.member.endswith("__")):
        return None
    if use.member not in info.members:
        return f"has no '{use.member}' (line {use.line})"
    method = info.methods.get(use.member)
    if use.call is None or method is None or method.kind not in ("classmethod", "staticmethod"):
        return None
    from .signatures import bind_problem  # a class was read: the target is in the project

    problem = bind_problem(method.node, use.call, method.kind == "classmethod")
    return None if problem is None else f"cannot take this call: {problem} (line {use.line})"


def _classes_problem(
    what: str,
    classes: Sequence[ClassInfo],
    uses: Sequence[Use],
    also_fails: Fails,
    on_class: bool = False,
    unknown: bool = False,
) -> Unresolved | None:
    """The uses of ``uses`` that fail on a class of ``classes`` and not on the legacy object, as ``what`` ``Class``
    (where), which ...; with every class ``what`` may be when there are several (``unknown``: or what another
    path gives, not followed)."""
    from .lack_kinds import signature_of  # classes were read: the target is in the project

    failing: list[tuple[ClassInfo, list[str]]] = []
    lacks: list[tuple[str, str]] = []
    for info in classes:
        if info.members is None:
            continue
        problems: list[str] = []
        where = f"{info.name} ({info.where.rsplit(':', 1)[0]})"
        for use in uses:
            problem = _use_problem(info, use, on_class)
            if problem is None or also_fails(use):
                continue
            lack = (where, use.member if use.member not in info.members else signature_of(use.member))
            if lack not in lacks:
                problems.append(problem)
                lacks.append(lack)
        if problems:
            failing.append((info, problems))
    if not failing:
        return None
    if len(classes) == 1 and not unknown:
        info, problems = failing[0]
        return Unresolved(f"{what} {info.name} ({info.where}), which {', '.join(problems)}", tuple(lacks))
    paths = [f"{info.name} ({info.where})" for info in classes]
    paths += ["what another path returns (not followed)"] if unknown else []
    fails = "; ".join(f"{info.name} {', '.join(problems)}" for info, problems in failing)
    return Unresolved(f"{what} {' or '.join(paths)}; {fails}", tuple(lacks))


def factory_problem(
    project: TargetCheck, path: str, legacy: Sequence[str], rule: NameRule, call_text: str, uses: list[Use]
) -> Unresolved | None:
    """Why replacing the object by ``call_text`` would break: the call does not bind to the factory, or what the
    factory returns fails a use the file makes of the object (the legacy object is the reference)."""
    root = project.reader(path, legacy, rule.new)
    if root is None:
        return None
    returns = project.returns
    definitions = returns.definitions(root, tuple(rule.new), rule.target)
    call = parse(call_text).body[0].value  # type: ignore[attr-defined]
    for definition in definitions:
        problem = binds(returns, definition, call)
        if problem is not None:
            message = f"the rule's call {call_text} does not bind to {rule.new_name}: {problem}"
            return Unresolved(message, ((rule.new_name, "signature"),))
    returned = returns.returned_by(definitions)
    reference = _Reference(project, path, legacy, (tuple(rule.old), rule.name))
    return _classes_problem(f"{rule.new_name}(...) returns", returned.classes, uses, reference.on_object,
                            unknown=returned.unknown)


def _module_problem(
    project: TargetCheck, target: str, place: tuple, used: list[Use], reference: _Reference
) -> Unresolved | None:
    """A target that is a module: every member read through it must be bound there."""
    root, _, module = place
    found = project.module(root, module)
    if found is None:
        return None
    missing = [use for use in used if not found.binds(use.member) and not reference.on_module(use.member)]
    if not missing:
        return None
    names = ", ".join(f"'{use.member}' (line {use.line})" for use in missing)
    return Unresolved(f"{target} is the module {'.'.join(module)}, which binds no {names}",
                      tuple((".".join(module), use.member) for use in missing))
