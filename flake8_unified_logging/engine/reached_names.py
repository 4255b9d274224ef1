"""Names a name rule moves, read through a module object that no legacy import names: the module imported from
its package (``from a import mod`` then ``mod.f``), reached through its package (``import a`` then
``a.mod.f``), or an alias of a package above it (``import a as p`` then ``p.mod.f``). No statement carries such a
use, so each is reported where it is read (ULG002: what to use instead), and a factory's object on its import
(ULG004): never left silently."""
from __future__ import annotations

import _ast as ast
from _collections_abc import Iterator

from .findings import LEGACY_ATTRIBUTE, UNFIXABLE, Finding
from .kinds import kind_of
from ..source.scopes import Chain

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .file_context import FileContext

Reach = tuple[str, tuple[str, ...], ast.stmt, Chain]  # local name, the module it is bound to, the import, scopes


def reached_names(ctx: FileContext) -> list[Finding]:
    """ULG002/ULG004 for every use of a moved name through a module object bound by an import that names
    neither the rule's module nor the name."""
    modules = [module for module in ctx.rules.names if len(module) > 1]
    if not modules:
        return []
    segments = {segment for module in modules for segment in module}
    findings: list[Finding] = []
    for local, bound, node, chain in _reaches(ctx, segments):
        below = [m for m in modules if len(m) > len(bound) and m[: len(bound)] == bound]
        below += [bound] if isinstance(node, ast.ImportFrom) and bound in ctx.rules.names else []
        if below:
            findings += _uses(ctx, local, bound, node, chain, below)
    return findings


def _reaches(ctx: FileContext, segments: set[str]) -> Iterator[Reach]:
    """The imports that bind a name to a module object, with that module."""
    for node, chain in ctx.scopes.nodes(segments):
        if isinstance(node, ast.ImportFrom):
            base = ctx.origin.from_module(node)
            if base is None:
                continue
            for alias in node.names:
                if alias.name != "*" and ctx.rules.name_rule(base, alias.name) is None:
                    yield alias.asname or alias.name, (*base, alias.name), node, chain
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = tuple(alias.name.split("."))
                if alias.asname:
                    yield alias.asname, parts, node, chain
                elif parts not in ctx.rules.names:  # ``import a.mod`` itself: plain_names reads its uses
                    yield parts[0], parts[:1], node, chain


def _uses(
    ctx: FileContext, local: str, bound: tuple[str, ...], node: ast.stmt, chain: Chain, modules: list[tuple[str, ...]]
) -> list[Finding]:
    if ctx.rules.match(bound) is not None:
        return []  # a module rule moves the module: its uses go with it (attribute_uses)
    scopes = ctx.scopes.of({local})
    findings: list[Finding] = []
    for use, _ in scopes.reads(local, chain[-1]):
        parts = [local, *(n.attr for n in scopes.attribute_chain(use)[1:])]
        for module in modules:
            depth = len(module) - len(bound)
            if parts[1 : 1 + depth] != list(module[len(bound):]) or len(parts) <= 1 + depth:
                continue
            rule = ctx.rules.name_rule(module, parts[1 + depth])
            if rule is None or ctx.origin.provides(rule.new):
                continue
            read = ".".join(parts[: 2 + depth])
            how = f"{read} at line {use.lineno} reaches {'.'.join(module)} through the import of {local} at line " \
                  f"{node.lineno}"
            not_followed = kind_of(rule).NOT_FOLLOWED
            if not_followed:
                line, col = ctx.index.column(ctx.index.span(node)[0])
                message = f"legacy import of {rule.old_name} cannot be rewritten automatically: {how}, and reads the "
                message += f"object its rule {not_followed}; migrate it by hand"
                findings.append(Finding(UNFIXABLE, line, col, message, (), (rule.old_name,)))
                continue
            line, col = ctx.index.column(ctx.index.span(use)[0])
            message = f"legacy name {rule.old_name.replace(':', '.')} used as an attribute; not rewritten: {how}, "
            message += f"a module no rule moves; use: {'.'.join(rule.new)}.{rule.target}"
            findings.append(Finding(LEGACY_ATTRIBUTE, line, col, message, (), (rule.old_name,)))
    return findings
