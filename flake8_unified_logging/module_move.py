"""Rule kind "module moved", for plain imports (``import old.module [as x]``): respell the dotted name; members a
name rule renames (``x.old_name``) are renamed with it. ``from`` statements are planned in from_plan.py."""
from __future__ import annotations

import _ast as ast

from .edits import Edit, rename_dotted
from .findings import CannotRewrite
from .import_syntax import check_spelling, import_aliases
from .plans import ImportMatch, Plan, RenamedUse
from .scopes import Scopes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .file_context import FileContext


def plan_import(ctx: FileContext, match: ImportMatch) -> Plan:
    """The plan of an ``import`` statement; what was found before a refusal stays in the refused plan."""
    legacy: list[str] = []
    edits: list[Edit] = []
    uses: list[RenamedUse] = []
    targets: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    groups: list[tuple[ast.AST, str]] = []
    plain_names: list[ast.alias] = []
    scope = match.chain[-1]
    try:
        for alias, (names, _) in zip(match.node.names, import_aliases(match.tokens)):
            parts = tuple(alias.name.split("."))
            found = ctx.rules.match(parts)
            if found is None:
                if parts in ctx.rules.names:
                    plain_names.append(alias)
                continue
            legacy.append(found.rule.old_name)
            new = found.apply(parts)
            ctx.not_itself(new)
            check_spelling(names, parts)
            edits += rename_dotted(names, new)
            targets.append((new, ()))
            if alias.asname:
                uses += member_renames(ctx, scope, alias.asname, parts, new)
                continue
            if len(parts) == 1 and new[0] != parts[0]:
                edits.append(Edit(names[-1].end, names[-1].end, f" as {parts[0]}"))
                uses += member_renames(ctx, scope, parts[0], parts, new)
            else:
                groups.append((scope, parts[0]))
    except CannotRewrite as reason:
        return Plan(match, tuple(legacy), groups=tuple(groups), plain_names=tuple(plain_names),
                    problem=reason.args[0])
    return Plan(match, tuple(legacy), tuple(edits), uses=tuple(uses), targets=tuple(targets), groups=tuple(groups),
                plain_names=tuple(plain_names))


def member_renames(
    ctx: FileContext, scope: ast.AST, local: str, old: tuple[str, ...], new: tuple[str, ...]
) -> list[RenamedUse]:
    """``local`` is the legacy module ``old``, bound to ``new`` after the rewrite: its members that name rules
    rename (``local.name``) are renamed with the statement; those that go elsewhere stop it."""
    rules = ctx.rules.names.get(tuple(old))
    if not rules or local not in ctx.index.text:
        return []
    scopes = Scopes(ctx.tree, {local}, ctx.keep({local}))
    uses: list[RenamedUse] = []
    for use, chain in scopes.uses[local]:
        if scopes.binding_scope(local, chain) is not scope or use not in scopes.parents:
            continue
        member = scopes.parents[use]
        rule = rules.get(member.attr)
        if rule is None or ctx.origin.provides(rule.new) or rule.target == member.attr and rule.new == new:
            continue
        if rule.is_factory or rule.new != tuple(new):
            raise CannotRewrite(f"line {use.lineno} uses {local}.{member.attr}, which its rule takes elsewhere")
        end = ctx.index.ast_offset(member.end_lineno, member.end_col_offset)
        if ctx.index.text[end - len(member.attr) : end] != member.attr:
            raise CannotRewrite(f"the use at line {use.lineno} could not be located exactly")
        uses.append((Edit(end - len(member.attr), end, rule.target), f"{local}.{member.attr}", rule))
    return uses
