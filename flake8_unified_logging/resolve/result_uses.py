"""What a file does with the results of calling a name: ``name(...).member``, and the members read through the
names it binds a result to (a module global or a local, ``x = name(...)``; an attribute of the instance,
``self.x = name(...)`` in a method or ``x = name(...)`` in a class body, read as ``self.x`` in the class's
methods). Read from the file's tree alone; a result passed along or returned is not followed."""
from __future__ import annotations

import _ast as ast
from _collections_abc import Iterator

from ..source.scopes import FileScopes
from ..source.syntax import iter_child_nodes
from .use_check import Use

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_SIMPLE = (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr)  # statements that hold no other statement


def result_uses(file: FileScopes, calls: list[Use], name: str) -> list[Use]:
    """The member reads and calls made on what the ``calls`` (uses of ``name`` that call it; every such line
    spells ``name``) return."""
    wanted = {id(use.call) for use in calls if not use.member and use.call is not None}
    if not wanted:
        return []
    parents: dict[int, ast.AST] = {}
    reached: list[tuple[ast.AST, tuple[ast.AST, ...]]] = []
    for node, chain in file.nodes({name}):
        if id(node) in wanted:
            reached.append((node, chain))
        for child in iter_child_nodes(node):
            parents[id(child)] = node
    found: list[Use] = []
    for node, chain in reached:
        parent = parents.get(id(node))
        if isinstance(parent, ast.Attribute) and parent.value is node:
            found.append(_member(parent, parents))
        elif isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is node:
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            for target in targets:
                found += _through(file, target, parent, chain)
    return sorted(found, key=lambda use: use.line)


def member_uses(file: FileScopes, scope: ast.AST, local: str) -> dict[str, tuple[list[Use], list[Use], int]]:
    """The members read through a module bound in ``scope`` (``local``: its dotted name as the file reads it,
    ``utils.logger_utils`` for a plain import, else the one name bound), each with the reads and calls made on it
    (``module.X.member``), its own calls (``module.X(...)``) and the line it is first read on."""
    name, *path = local.split(".")
    scopes = file.of({name})
    calls = {id(node.func): node for node, _ in file.nodes({name}) if isinstance(node, ast.Call)}
    found: dict[str, tuple[list[Use], list[Use], int]] = {}
    for use, _ in scopes.reads(name, scope):
        member = _through_path(use, path, scopes.parents)
        if member is None or not isinstance(member.ctx, ast.Load):
            continue
        reads, called, line = found.setdefault(member.attr, ([], [], member.lineno))
        found[member.attr] = (reads, called, min(line, member.lineno))
        if id(member) in calls:
            called.append(Use("", member.lineno, calls[id(member)]))
        outer = scopes.parents.get(member)
        if outer is not None and isinstance(outer.ctx, ast.Load):
            reads.append(Use(outer.attr, outer.lineno, calls.get(id(outer))))
    return found


def _through_path(use: ast.Name, path: list[str], parents: dict[ast.AST, ast.Attribute]) -> ast.Attribute | None:
    """The attribute read on ``use.path`` (the module a plain import binds under its package), if any."""
    node: ast.AST = use
    for part in path:
        attribute = parents.get(node)
        if attribute is None or attribute.attr != part:
            return None
        node = attribute
    return parents.get(node)


def _member(attribute: ast.Attribute, parents: dict[int, ast.AST]) -> Use:
    """``attribute`` read as a member: a call when it is the function called."""
    call = parents.get(id(attribute))
    called = call if isinstance(call, ast.Call) and call.func is attribute else None
    return Use(attribute.attr, attribute.lineno, called)


def _through(file: FileScopes, target: ast.expr, statement: ast.stmt, chain: tuple[ast.AST, ...]) -> list[Use]:
    """The members read through a name or an instance attribute a result is bound to."""
    scope = chain[-1]
    if isinstance(target, ast.Name):
        found = _name_uses(file, scope, target.id, statement)
        if isinstance(scope, ast.ClassDef):
            found += list(_instance_reads(scope, target.id))
        return found
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and isinstance(scope, _FUNCTIONS):
        owner = chain[-2] if len(chain) > 1 else None
        if isinstance(owner, ast.ClassDef) and _first_parameter(scope) == target.value.id:
            return list(_instance_reads(owner, target.attr))
    return []


def _name_uses(file: FileScopes, scope: ast.AST, name: str, statement: ast.stmt) -> list[Use]:
    """The members read through ``name`` where they see the value ``statement`` binds: in its scope, after it
    and before the next statement of that scope's own body that binds the name again; in the functions nested in
    it, unless such a statement follows it (they run once the module or function has run)."""
    parents: dict[int, ast.AST] = {}
    for node, _ in file.nodes({name}):
        for child in iter_child_nodes(node):
            parents[id(child)] = node
    scopes = file.of({name})
    rebinds = []
    for binder in scopes.binders[name].get(scope, ()):
        outer = _statement_in(binder, scope, parents)
        if outer is not None and outer is not statement and outer.lineno > statement.lineno:
            rebinds.append(outer.lineno)
    until = min(rebinds, default=None)
    found = []
    for use, chain in scopes.reads(name, scope):
        if chain[-1] is scope and (use.lineno <= statement.lineno or until is not None and use.lineno >= until):
            continue
        if chain[-1] is not scope and until is not None:
            continue
        parent = parents.get(id(use))
        if isinstance(parent, ast.Attribute) and parent.value is use and isinstance(parent.ctx, ast.Load):
            found.append(_member(parent, parents))
    return found


def _statement_in(node: ast.AST, scope: ast.AST, parents: dict[int, ast.AST]) -> ast.stmt | None:
    """The statement of ``scope``'s own body that holds ``node`` (None: it is in a compound statement)."""
    while id(node) in parents:
        parent = parents[id(node)]
        if parent is scope:
            return node if node in getattr(scope, "body", ()) else None  # type: ignore[return-value]
        if isinstance(parent, ast.stmt) and not isinstance(parent, _SIMPLE):
            return None
        node = parent
    return None


def _instance_reads(owner: ast.ClassDef, attribute: str) -> Iterator[Use]:
    """``self.attribute.member`` in the methods of ``owner`` (``self``: each method's first parameter)."""
    parents = {id(child): node for node in _walk_body(owner) for child in iter_child_nodes(node)}
    for method in owner.body:
        this = _first_parameter(method) if isinstance(method, _FUNCTIONS) else None
        if this is None:
            continue
        for node in _walk_body(method):
            if (isinstance(node, ast.Attribute) and node.attr == attribute and isinstance(node.value, ast.Name)
                    and node.value.id == this and isinstance(node.ctx, ast.Load)):
                outer = parents.get(id(node))
                if isinstance(outer, ast.Attribute) and outer.value is node and isinstance(outer.ctx, ast.Load):
                    yield _member(outer, parents)


def _walk_body(function: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a method's body, nested classes left out (their ``self`` is another)."""
    stack = list(iter_child_nodes(function))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, ast.ClassDef):
            stack.extend(iter_child_nodes(node))


def _first_parameter(function: ast.AST) -> str | None:
    args = getattr(function, "args", None)
    if args is None or any(getattr(d, "id", "") == "staticmethod" for d in getattr(function, "decorator_list", ())):
        return None
    found = [*getattr(args, "posonlyargs", []), *args.args]
    return found[0].arg if found else None
