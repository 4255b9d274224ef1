"""Rule kind "name moved or renamed" (``module:name = new.module:new_name``): the name is imported from its new
module; when it is renamed and imported under its own name, its uses in the scope are renamed with it."""
from __future__ import annotations

import _ast as ast
from _collections_abc import Sequence

from ...rules import NameRule
from ...kind_registry import Example

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..file_context import FileContext
    from ..plans import ImportMatch, Move, NamePlan

EXAMPLES = (
    Example(
        "from old.mod import keep, name  # c\n",
        "from new.mod import name\nfrom old.mod import keep  # c\n",
        ("old.mod:name = new.mod:name",),
        "one name moves (to where the import sorter puts it), its siblings stay",
    ),
    Example(
        "from utils.logger_utils import get_service_logger\nlog = get_service_logger(__name__)\n",
        "from utils.logging import get_logger\nlog = get_logger(__name__)\n",
        ("utils.logger_utils:get_service_logger = utils.logging:get_logger",),
        "moved and renamed: its uses follow",
    ),
    Example(
        "from utils.logger_utils import get_service_logger as gsl\n",
        "from utils.logging import get_logger as gsl\n",
        ("utils.logger_utils:get_service_logger = utils.logging:get_logger",),
        "with an alias: the uses keep it",
    ),
    Example(
        "from old.mod import keep\n",
        "from old.mod import keep\n",
        ("old.mod:name = new.mod:name",),
        "a name the rule does not move",
    ),
)
NOT_FOLLOWED = STRING_NOT_FOLLOWED = ""  # references elsewhere follow the name to its new place
RETURNS_OBJECT = False


def parse_new(text: str) -> tuple[str, str | None]:
    """``new.module:new_name``: any right-hand side no other kind claims (the rule parser checks the names)."""
    return text, None


def format_new(rule: NameRule) -> str:
    return rule.new_name


def local_name(asname: str | None, name: str, target: str) -> str:
    """``from old import name as x`` -> ``from new import new_name as x``; unaliased, the new name."""
    return asname or target


def shim_line(rule: NameRule, name: str, module: str, stem: str) -> str | None:
    """A shim re-exports the name from its new place: no line of its own."""
    return None


def plan_name(ctx: FileContext, match: ImportMatch, move: Move, earlier: Sequence[Move]) -> NamePlan:
    """The (rule, local name) whose calls must bind to the new definition, and the renamed uses."""
    from ...source.renames import RenameError, rename_uses  # planning: a parsed configuration needs none of it
    from ..findings import CannotRewrite
    from ..plans import NamePlan

    rule, alias = move.rule, move.alias
    assert rule is not None
    calls = ((rule, alias.asname or alias.name),)
    if alias.asname or rule.target == alias.name:
        return NamePlan(move, calls)
    try:
        edits = rename_uses(
            ctx.tree,
            ctx.index,
            match.node,
            match.chain[-1],
            alias.name,
            rule.target,
            lambda node: _imports_by_rule(ctx, node, alias.name, rule),
        )
    except RenameError as reason:
        raise CannotRewrite(str(reason)) from None
    return NamePlan(move, calls, tuple((edit, alias.name, rule) for edit in edits))


def _imports_by_rule(ctx: FileContext, node: ast.AST, name: str, rule: NameRule) -> bool:
    """Whether ``node`` imports ``name``, unaliased, where ``rule`` moves it (``try``/``except`` pairs)."""
    if not isinstance(node, ast.ImportFrom) or not node.module:
        return False
    if not any(alias.name == name and alias.asname is None for alias in node.names):
        return False
    known = ctx.origin.anchor(node.level) or ()
    found = ctx.name_rules((*known, *node.module.split(".")), len(known)).get(name)
    return found is not None and found[0] == rule
