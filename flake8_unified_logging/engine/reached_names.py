"""Legacy names read through a module object that no legacy import names: the module imported from its package
(``from a import mod`` then ``mod.f``), reached through its package (``import a`` then ``a.mod.f``), or an alias of
a package above it (``import a as p`` then ``p.mod.f``). A name a name rule moves is reported where it is read
(ULG002: what to use instead), and a factory's object on its import (ULG004); a module a module rule moves, read
so (``from a import b`` then ``b.c.x`` under ``a.b.c = d.e``), is reported where it is read (ULG002): its import
moved, nothing else would import it. Never left silently."""
from __future__ import annotations

import _ast as ast
from _collections_abc import Iterator

from ..rules import Rule
from .findings import LEGACY_ATTRIBUTE, UNFIXABLE, Finding
from .kinds import kind_of
from ..source.scopes import Chain

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .file_context import FileContext

Reach = tuple[str, tuple[str, ...], ast.stmt, Chain]  # local name, the module it is bound to, the import, scopes


def reached_names(ctx: FileContext, holds: dict[str, str] | None = None) -> list[Finding]:
    """ULG002/ULG004 for every use of a moved name or module through a module object bound by an import that names
    neither the rule's module nor the name; ``holds`` gets each legacy module read so, with how it is first read
    (such a read keeps needing the legacy module imported)."""
    modules = [module for module in ctx.rules.names if len(module) > 1]
    moved = [rule.old for rule in ctx.rules.rules if isinstance(rule, Rule) and len(rule.old) > 1]
    segments = {segment for module in [*modules, *moved] for segment in module}
    findings: list[Finding] = []
    for local, bound, node, chain in _reaches(ctx, segments):
        if ctx.rules.match(bound) is not None:
            continue  # a module rule moves the module: its uses go with it (attribute_uses)
        below = [m for m in modules if len(m) > len(bound) and m[: len(bound)] == bound]
        below += [bound] if isinstance(node, ast.ImportFrom) and bound in ctx.rules.names else []
        if below:
            findings += _uses(ctx, local, bound, node, chain, below)
        under = [m for m in moved if len(m) > len(bound) and m[: len(bound)] == bound]
        if under and (isinstance(node, ast.ImportFrom) or local != bound[0]):  # ``import a``: attribute_uses
            for finding, how in _module_uses(ctx, (local, bound, node, chain), under):
                findings.append(finding)
                if holds is not None:
                    holds.setdefault(finding.modules[0], how)
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


def _module_uses(ctx: FileContext, reach: Reach, modules: list[tuple[str, ...]]) -> list[tuple[Finding, str]]:
    """ULG002 for each read of a legacy module (of ``modules``) through ``reach``'s local name, with how it is
    read."""
    local, bound, node, chain = reach
    scopes = ctx.scopes.of({local})
    findings: list[tuple[Finding, str]] = []
    for use, _ in scopes.reads(local, chain[-1]):
        parts = (*bound, *(n.attr for n in scopes.attribute_chain(use)[1:]))
        module = next((m for m in modules if parts[: len(m)] == m), None)
        if module is None or ctx.origin.provides(module):
            continue
        dotted, read = ".".join(module), ".".join((local, *module[len(bound) :]))
        line, col = ctx.index.column(ctx.index.span(use)[0])
        how = f"{read} at line {use.lineno} reaches {dotted} through the import of {local} at line {node.lineno}"
        message = f"legacy module {dotted} used as an attribute; not rewritten: {how}, a module no rule moves; use: "
        message += f"{ctx.rules.rename(dotted)}"
        findings.append((Finding(LEGACY_ATTRIBUTE, line, col, message, (), (dotted,)), how))
    return findings
