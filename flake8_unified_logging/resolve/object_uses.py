"""Whether the uses of an object a name rule moves resolve on what the target binds (``loguru:logger =
pkg.log:logger`` where ``pkg/log.py`` has ``logger = logging.getLogger("pkg")``): the target's binding is followed
as a factory's return is (the project, the standard library and installed packages, read never run), and every
member the file reads on the object must exist there, every call through it bind to the method's signature."""
from __future__ import annotations

from collections.abc import Sequence

from ..rules import NameRule
from .modules import Unresolved
from .targets import TargetCheck
from .use_check import Use, member_problem


def object_problem(
    project: TargetCheck, path: str, legacy: Sequence[str], rule: NameRule, uses: list[Use]
) -> Unresolved | None:
    """Why reading ``uses`` on the rule's target would fail: a member its class (or module) lacks, or a call
    through it that does not bind. None when every use resolves or what the target is cannot be told."""
    used = [use for use in uses if use.member]
    root = project.reader(path, legacy, rule.new) if used else None
    if root is None:
        return None
    returns = project.returns
    target = f"{'.'.join(rule.new)}:{rule.target}"
    for definition in returns.definitions(root, tuple(rule.new), rule.target):
        if definition.kind == "module":
            problem = _module_problem(project, target, definition.module, used)
        else:
            problem = _instance_problem(target, returns.value(definition).classes, used)
        if problem is not None:
            return problem
    return None


def _instance_problem(target: str, classes: Sequence, used: list[Use]) -> Unresolved | None:
    for info in classes:
        if info.members is None:
            continue
        problems = []
        lacks: list[tuple[str, str]] = []
        where = f"{info.name} ({info.where.rsplit(':', 1)[0]})"
        for use in used:
            problem = member_problem(info, use)
            if problem is not None and (where, use.member) not in lacks:
                problems.append(problem)
                lacks.append((where, use.member))
        if problems:
            message = f"{target} is an instance of {info.name} ({info.where}), which {', '.join(problems)}"
            return Unresolved(message, tuple(lacks))
    return None


def _module_problem(project: TargetCheck, target: str, place: tuple, used: list[Use]) -> Unresolved | None:
    """A target that is a module: every member read through it must be bound there."""
    root, _, module = place
    found = project.module(root, module)
    if found is None:
        return None
    missing = [use for use in used if not found.binds(use.member)]
    if not missing:
        return None
    names = ", ".join(f"'{use.member}' (line {use.line})" for use in missing)
    return Unresolved(f"{target} is the module {'.'.join(module)}, which binds no {names}",
                      tuple((".".join(module), use.member) for use in missing))
