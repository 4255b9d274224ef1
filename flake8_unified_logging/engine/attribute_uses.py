"""Uses of legacy modules through plain imports (``import old.module`` then ``old.module.name``): renamed with
the import that binds them, or reported when no rewrite carries them. The use resolution of the engine's
``import`` statements: which scope binds a name, and every attribute read on it."""
from __future__ import annotations

import _ast as ast

from ..rules import Match
from ..source.edits import identifier, rename_dotted
from ..source.positions import COMMENT, NAME, NL, scan
from ..source.scopes import Scopes
from ..source.syntax import bound_name
from .findings import LEGACY_ATTRIBUTE, CannotRewrite, Finding, is_unresolved
from .kinds import kind_of
from .plans import Plan

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .file_context import FileContext

_LAYOUT = frozenset((NAME, NL, COMMENT))
Key = tuple[ast.AST, str]  # the scope and the top-level name a plain import binds there


def attribute_uses(
    ctx: FileContext, plans: list[Plan], packages: set[str]
) -> tuple[list[Plan], list[Finding], list[Finding]]:
    """The plans (refused where a use they carry cannot move) and the findings of the uses: those renamed with
    their imports, and those reported (uses of legacy modules through other imports of the ``packages``; a
    ``# noqa`` may turn them off)."""
    members: dict[Key, list[int]] = {}
    for i, plan in enumerate(plans):
        for key in plan.groups:
            members.setdefault(key, []).append(i)
    if not members and not packages:
        return plans, [], []
    new_names = {key: _new_names(ctx, key[1], [plans[i] for i in found]) for key, found in members.items()}
    names = {key[1] for key in members} | packages
    for found in new_names.values():
        names |= found
    scopes = ctx.scopes.of(names)
    uses: dict[Key, list[Finding]] = {key: [] for key in members}
    problems: dict[Key, str | None] = {}
    for key in members:
        try:
            uses[key] = _collect_uses(ctx, key, new_names[key], scopes)
            problems[key] = None
        except CannotRewrite as reason:
            problems[key] = reason.args[0]
    loose: list[Finding] = []
    for name in sorted(packages):
        carried, reported = _other_uses(ctx, name, members, [plans[i] for i in members.get((ctx.tree, name), ())],
                                        scopes)
        uses.setdefault((ctx.tree, name), []).extend(carried)
        loose += reported
    plans = _propagate(plans, members, problems)
    found = [finding for key in members if problems[key] is None for finding in uses[key]]
    return plans, found, loose


def _propagate(plans: list[Plan], members: dict[Key, list[int]], problems: dict[Key, str | None]) -> list[Plan]:
    """A group with a refused statement refuses the others, until nothing changes."""
    plans = list(plans)
    changed = True
    while changed:
        changed = False
        for key, found in members.items():
            broken = [plans[i] for i in found if plans[i].problem]
            if problems[key] is None and broken:
                first = broken[0]
                where = f"line {first.match.node.lineno}"
                problems[key] = f"another import of it in this scope ({where}) is {first.problem}"
                changed = True
            problem = problems[key]
            if problem is not None:
                for i in found:
                    if plans[i].problem is None:
                        plans[i] = plans[i].refused(problem, is_unresolved(problem))
                        changed = True
    return plans


def _new_names(ctx: FileContext, name: str, plans: list[Plan]) -> set[str]:
    new: set[str] = set()
    for plan in plans:
        for alias in plan.match.node.names:
            found = ctx.rules.match(alias.name.split("."))
            if found is not None and alias.name.split(".")[0] == name:
                new.add(found.apply(alias.name.split("."))[0])
    return new


def _collect_uses(ctx: FileContext, key: Key, new_names: set[str], scopes: Scopes) -> list[Finding]:
    scope, name = key
    if scopes.is_declared(name, scope):
        raise CannotRewrite(f"'{name}' is declared global or nonlocal here")
    plain = set()
    for binder in scopes.binders[name][scope]:
        if not isinstance(binder, ast.Import):
            raise CannotRewrite(f"'{name}' is also bound otherwise in this scope (line {binder.lineno})")
        for alias in binder.names:
            if alias.asname == name:
                raise CannotRewrite(f"'{name}' is also bound otherwise in this scope (line {binder.lineno})")
            parts = alias.name.split(".")
            if not alias.asname and parts[0] == name and ctx.rules.match(parts) is None:
                plain.add(alias.name)
    renamed_top = new_names != {name}
    if renamed_top:
        for new_name in new_names:
            if scopes.uses[new_name] or scopes.binders[new_name]:
                raise CannotRewrite(f"the new top-level name '{new_name}' is already used in this file")
    found: list[Finding] = []
    for use, _ in scopes.reads(name, scope):
        nodes = scopes.attribute_chain(use)
        parts = [name, *(n.attr for n in nodes[1:])]
        match = ctx.rules.match(parts)
        if match is None:
            if renamed_top and not plain:
                raise CannotRewrite(f"'{name}' is used at line {use.lineno} without the legacy module")
            continue
        found.append(renamed_use(ctx, match, parts, nodes))
        _check_member(ctx, match, parts, use.lineno)
    return found


def _check_member(ctx: FileContext, found: Match, parts: list[str], line: int) -> None:
    """Raise (ULG005) when ``old.module.X`` is read and the new module does not bind ``X``."""
    if not ctx.checking or len(parts) <= found.end:
        return
    named = ctx.rules.name_rule(found.rule.old, parts[found.end])
    module, member = (named.new, named.target) if named is not None else (found.rule.new, parts[found.end])
    module = (*parts[: found.start], *module)
    legacy = tuple(parts[: found.end])
    problem = ctx.targets.problem(ctx.origin.path, legacy, module, [member])
    if problem is not None:
        raise CannotRewrite(problem._replace(message=f"{problem} (line {line})"))


def _other_uses(
    ctx: FileContext, name: str, members: dict[Key, list[int]], module_plans: list[Plan], scopes: Scopes
) -> tuple[list[Finding], list[Finding]]:
    """Uses of a legacy module through an import of its package that does not name it (``import os``, then
    ``os.path.x``): the same package object, so renamed when a module-level import of the legacy module is
    rewritten with it and keeps the top-level name (the first list); otherwise reported, never silently left."""
    carried: list[Finding] = []
    reported: list[Finding] = []
    for use, chain in scopes.uses[name]:
        scope = scopes.binding_scope(name, chain)
        if (scope, name) in members:
            continue
        binders = scopes.binders[name].get(scope)
        if not binders or not all(_imports_package(binder, name) for binder in binders):
            continue
        nodes = scopes.attribute_chain(use)
        parts = [name, *(n.attr for n in nodes[1:])]
        found = ctx.rules.match(parts)
        if found is None:
            continue
        where = f"through the import of {name} at line {binders[0].lineno}"
        try:
            _renamed_with(found, module_plans if (ctx.tree, name) in members else None)
            finding = renamed_use(ctx, found, parts, nodes)
            finding = finding._replace(message=finding.message.replace("; use:", f" {where}; use:"))
        except CannotRewrite as reason:
            line, col = ctx.index.column(ctx.index.span(use)[0])
            message = f"legacy module {found.rule.old_name} used as an attribute {where}; not rewritten: {reason}"
            finding = Finding(LEGACY_ATTRIBUTE, line, col, message, (), (found.rule.old_name,))
        if finding.edits:
            carried.append(finding)
        else:
            reported.append(finding)
    return carried, reported


def _renamed_with(found: Match, plans: list[Plan] | None) -> None:
    """Raise unless a module-level import of ``found``'s legacy module is rewritten, keeping its top name."""
    old = found.rule.old
    if found.rule.new[0] != old[0]:
        raise CannotRewrite(f"{found.rule.new_name} has another top-level name")
    if plans is None or not any(
        tuple(alias.name.split("."))[: len(old)] == old for plan in plans for alias in plan.match.node.names
    ):
        raise CannotRewrite(f"no module-level 'import {found.rule.old_name}' here is rewritten with it")


def renamed_use(ctx: FileContext, found: Match, parts: list[str], nodes: list[ast.AST]) -> Finding:
    """A use ``old.module[.name]...`` renamed with its module rule (and the name's rule, when it has one
    that keeps the new module)."""
    end_at, new_parts, legacy = found.end, list(found.rule.new), found.rule.old_name
    named = ctx.rules.name_rule(found.rule.old, parts[found.end]) if len(parts) > found.end else None
    if named is not None and not ctx.origin.provides(named.new):
        not_followed = kind_of(named).NOT_FOLLOWED
        if not_followed or named.new != found.rule.new:
            raise CannotRewrite(
                f"line {nodes[0].lineno} uses {'.'.join(parts[: found.end + 1])}, which its rule "
                f"{not_followed or 'moves to another module'}"
            )
        end_at, new_parts, legacy = found.end + 1, [*named.new, named.target], named.old_name
    module_node = nodes[end_at - 1]
    if not isinstance(getattr(module_node, "ctx", ast.Load()), ast.Load):
        raise CannotRewrite(f"line {module_node.lineno} assigns to or deletes the module itself")
    start, _ = ctx.index.span(nodes[0])
    _, end = ctx.index.span(module_node)
    tokens = scan(ctx.index, start, end)
    names = [t for t in tokens if t.type == NAME]
    others = {t.string for t in tokens if t.type not in _LAYOUT}
    if [identifier(t) for t in names] != parts[:end_at] or not others <= {"."}:
        raise CannotRewrite(f"the use at line {module_node.lineno} could not be located exactly")
    new = ".".join(new_parts)
    line, col = ctx.index.column(start)
    kind = "name" if named is not None else "module"
    message = f"legacy {kind} {legacy.replace(':', '.')} used as an attribute; use: {new}"
    edits = tuple(rename_dotted(names, new_parts))
    imported = ((found.rule.old_name, parts[found.end]),) if len(parts) > found.end else ()
    return Finding(LEGACY_ATTRIBUTE, line, col, message, edits, (legacy,), new, imported)


def _imports_package(binder: ast.AST, name: str) -> bool:
    """Whether ``binder`` binds ``name`` only as the package object itself (``import name[.sub]``)."""
    return isinstance(binder, ast.Import) and all(
        alias.asname is None for alias in binder.names if bound_name(alias) == name
    )
