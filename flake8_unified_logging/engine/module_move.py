"""Module rules (``old.module = new.module``) on plain imports (``import old.module [as x]``): respell the dotted
name; members a name rule renames (``x.old_name``) are renamed with it. ``from`` statements are planned in
from_plan.py. Not a name rule kind: a module rule is the rule file's plain form, read by rules.py."""
from __future__ import annotations

import _ast as ast

from ..source.edits import Edit, rename_dotted
from ..kind_registry import Example
from .findings import CannotRewrite
from .import_syntax import check_spelling, import_aliases
from .kinds import kind_of
from .plans import ImportMatch, Plan, Rebound, RenamedUse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .file_context import FileContext

# With the built-in rules (utils.logger_utils and logging_config -> utils.logging); every byte not shown as changed
# stays identical.
EXAMPLES = (
    Example("from utils.logger_utils import a, b as c\n", "from utils.logging import a, b as c\n"),
    Example("from utils.logger_utils import (\n    a,  # why\n)\n", "from utils.logging import (\n    a,  # why\n)\n"),
    Example("from utils \\\n    .logger_utils import *\n", "from utils \\\n    .logging import *\n"),
    Example("x = 1; from logging_config import setup\n", "x = 1; from utils.logging import setup\n"),
    Example(
        'import utils.logger_utils\nutils.logger_utils.get_service_logger()\nf"{utils.logger_utils.name}"\n',
        'import utils.logging\nutils.logging.get_service_logger()\nf"{utils.logging.name}"\n',
        note="uses follow the import",
    ),
    Example("import utils.logger_utils as lu\n", "import utils.logging as lu\n"),
    Example("import os, logging_config as lc\n", "import os, utils.logging as lc\n"),
    Example("import logging_config\n", "import utils.logging as logging_config\n", note="the local name never changes"),
    Example("import mock\nmock.patch('x')\n", "from unittest import mock\nmock.patch('x')\n", ("mock = unittest.mock",),
            note="the new module's last segment is the local name"),
    Example("from utils import logger_utils\n", "from utils import logging as logger_utils\n"),
    Example("from utils import logger_utils as lu, helpers\n", "from utils import logging as lu, helpers\n"),
    Example("from . import logger_utils\n", "from . import logging as logger_utils\n", package="utils"),
    Example("from ...logger_utils import X\n", "from ...logging import X\n", package="app.utils.api.v1"),
    Example("from ...utils.logger_utils import X\n", "from ...utils.logger_utils import X\n", package="app.api.v1",
            note="that is app.utils.logger_utils"),
    Example("from utils.logger_utils_v2 import x\n", "from utils.logger_utils_v2 import x\n", note="a look-alike"),
    Example("import myutils.logger_utils\n", "import myutils.logger_utils\n", note="a look-alike"),
    Example("x = 'utils.logger_utils'  # utils.logger_utils\n", "x = 'utils.logger_utils'  # utils.logger_utils\n",
            note="strings and comments"),
)


def plan_import(ctx: FileContext, match: ImportMatch) -> Plan:
    """The plan of an ``import`` statement; what was found before a refusal stays in the refused plan."""
    legacy: list[str] = []
    edits: list[Edit] = []
    uses: list[RenamedUse] = []
    targets: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    groups: list[tuple[ast.AST, str]] = []
    plain_names: list[ast.alias] = []
    rebound: list[Rebound] = []
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
            local = alias.asname or (parts[0] if len(parts) == 1 and new[0] != parts[0] else None)
            rebound.append((local or alias.name, (parts, ""), (new, "")))
            if local is None:
                targets.append((new, ()))
                groups.append((scope, parts[0]))
                continue
            if not alias.asname:
                if new[-1] == parts[0] and len(match.node.names) == 1:  # as people write it
                    statement = f"from {'.'.join(new[:-1])} import {new[-1]}"
                    edits = [Edit(match.tokens[0].start, names[-1].end, statement)]
                else:
                    edits.append(Edit(names[-1].end, names[-1].end, f" as {parts[0]}"))
            renamed = member_renames(ctx, scope, local, parts, new)
            uses += renamed
            targets.append((new, members_read(ctx, scope, local, renamed)))
    except CannotRewrite as reason:
        return Plan(match, tuple(legacy), groups=tuple(groups), plain_names=tuple(plain_names),
                    problem=reason.args[0])
    return Plan(match, tuple(legacy), tuple(edits), uses=tuple(uses), targets=tuple(targets), groups=tuple(groups),
                plain_names=tuple(plain_names), rebound=tuple(rebound))


def members_read(ctx: FileContext, scope: ast.AST, local: str, renamed: list[RenamedUse]) -> tuple[str, ...]:
    """The members read through ``local`` (bound to the new module after the rewrite), each as the new module
    must bind it: under its new name where a name rule renames it."""
    if local not in ctx.index.text:
        return ()
    new_names = {old.split(".", 1)[1]: rule.target for _, old, rule in renamed}
    scopes = ctx.scopes.of({local})
    found: dict[str, None] = {}
    for use, _ in scopes.reads(local, scope):
        member = scopes.parents.get(use)
        if member is not None and isinstance(member.ctx, ast.Load):
            found[new_names.get(member.attr, member.attr)] = None
    return tuple(found)


def member_renames(
    ctx: FileContext, scope: ast.AST, local: str, old: tuple[str, ...], new: tuple[str, ...]
) -> list[RenamedUse]:
    """``local`` is the legacy module ``old``, bound to ``new`` after the rewrite: its members that name rules
    rename (``local.name``) are renamed with the statement; those that go elsewhere stop it."""
    rules = ctx.rules.names.get(tuple(old))
    if not rules or local not in ctx.index.text:
        return []
    scopes = ctx.scopes.of({local})
    uses: list[RenamedUse] = []
    for use, _ in scopes.reads(local, scope):
        if use not in scopes.parents:
            continue
        member = scopes.parents[use]
        rule = rules.get(member.attr)
        if rule is None or ctx.origin.provides(rule.new) or rule.target == member.attr and rule.new == new:
            continue
        if kind_of(rule).NOT_FOLLOWED or rule.new != tuple(new):
            raise CannotRewrite(f"line {use.lineno} uses {local}.{member.attr}, which its rule takes elsewhere")
        end = ctx.index.ast_offset(member.end_lineno, member.end_col_offset)
        if ctx.index.text[end - len(member.attr) : end] != member.attr:
            raise CannotRewrite(f"the use at line {use.lineno} could not be located exactly")
        uses.append((Edit(end - len(member.attr), end, rule.target), f"{local}.{member.attr}", rule))
    return uses
