"""Name rules seen through a plain import of their module (``import loguru`` then ``loguru.logger``): no module
rule moves the import, so a moved name is reported where it is used (ULG002) and a factory's object is left to a
person (ULG004 on the import)."""
from __future__ import annotations

import _ast as ast

from ..source.scopes import Chain
from ..source.syntax import bound_name
from .findings import LEGACY_ATTRIBUTE, UNFIXABLE, Finding
from .kinds import kind_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .file_context import FileContext


def names_through_plain_import(ctx: FileContext, node: ast.Import, chain: Chain, alias: ast.alias) -> list[Finding]:
    module = tuple(alias.name.split("."))
    local = bound_name(alias)
    prefix = [local] if alias.asname else list(module)
    scopes = ctx.scopes.of({local})
    findings: list[Finding] = []
    for use, _ in scopes.reads(local, chain[-1]):
        nodes = scopes.attribute_chain(use)
        parts = [local, *(n.attr for n in nodes[1:])]
        if parts[: len(prefix)] != prefix or len(parts) == len(prefix):
            continue
        rule = ctx.rules.name_rule(module, parts[len(prefix)])
        if rule is None or ctx.origin.provides(rule.new):
            continue
        line, col = ctx.index.column(ctx.index.span(use)[0])
        not_followed = kind_of(rule).NOT_FOLLOWED
        if not_followed:
            line, col = ctx.index.column(ctx.index.span(node)[0])
            where = f"{'.'.join(parts[: len(prefix) + 1])} at line {use.lineno}"
            message = f"legacy import of {rule.old_name} cannot be rewritten automatically: {where} is the "
            message += f"object its rule {not_followed}; migrate it by hand"
            return [Finding(UNFIXABLE, line, col, message, (), (rule.old_name,))]
        message = f"legacy name {rule.old_name.replace(':', '.')} used as an attribute; not rewritten: "
        message += f"no module rule moves {alias.name} with it; use: {'.'.join(rule.new)}.{rule.target}"
        findings.append(Finding(LEGACY_ATTRIBUTE, line, col, message, (), (rule.old_name,)))
    return findings
