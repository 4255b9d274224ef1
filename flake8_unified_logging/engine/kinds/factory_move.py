"""Rule kind "object replaced by a factory" (``loguru:logger = utils.logging:get_logger("{stem}")``): the
factory is imported instead of the object and one assignment (``logger = get_logger(...)``) is placed where the
object is first needed, after the import section."""
from __future__ import annotations

import _ast as ast
from _collections_abc import Sequence

from ...rules import NameRule
from ...kind_registry import Example

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ...source.origin import Origin
    from ..file_context import FileContext
    from ..plans import ImportMatch, Move, NamePlan

EXAMPLES = (
    Example(
        'from datetime import datetime\n\nfrom loguru import logger\nfrom models import Result\n\nlogger.info("x")\n',
        "from datetime import datetime\n\nfrom models import Result\nfrom utils.logging import get_logger\n\n"
        'logger = get_logger(__name__)\n\nlogger.info("x")\n',
        ("loguru:logger = utils.logging:get_logger(__name__)",),
        "the factory's import where the import sorter puts it, the assignment after the import section",
    ),
    Example(
        "from utils.logging import get_logger\nfrom loguru import logger\n\nlogger.info('x')\n",
        "from utils.logging import get_logger\n\nlogger = get_logger(__name__)\n\nlogger.info('x')\n",
        ("loguru:logger = utils.logging:get_logger(__name__)",),
        "the factory already imported: only the assignment",
    ),
)
NOT_FOLLOWED = "replaces by a factory"
STRING_NOT_FOLLOWED = "its rule replaces that object by a factory's call, which a patch of the object cannot follow"
RETURNS_OBJECT = True  # what the file uses of the object must exist on what the factory returns


def parse_new(text: str) -> tuple[str, str | None] | None:
    """``new.module:factory(ARGS)``: the arguments are parsed (never run), ``{module}`` and ``{stem}`` allowed."""
    if not (text.endswith(")") and "(" in text):
        return None
    new, _, args = text[:-1].partition("(")
    probe = args
    for placeholder in ("{module}", "{stem}"):
        probe = probe.replace(placeholder, "x")
    try:
        compile(f"f({probe})", "<rule>", "eval", 0x400)  # ast.PyCF_ONLY_AST: parse, never run
    except (SyntaxError, ValueError):
        raise ValueError(f"({args}) are not call arguments") from None
    return new.strip(), args


def format_new(rule: NameRule) -> str:
    return f"{rule.new_name}({rule.args})"


def local_name(asname: str | None, name: str, target: str) -> str:
    """The factory is imported under its own name; the old local name is assigned its call."""
    return target


def shim_line(rule: NameRule, name: str, module: str, stem: str) -> str | None:
    """A shim makes the object with the factory, as a migrated file does."""
    return f"{name} = {rule.call(module, stem)}"


def plan_name(ctx: FileContext, match: ImportMatch, move: Move, earlier: Sequence[Move]) -> NamePlan:
    """The move (``dropped`` when the factory is already imported there or by an ``earlier`` factory move of the
    same statement) and the assignment that makes the object."""
    from ...source.placement import adds_e402, names_used_between, section_end  # planning: see kind_registry.py
    from ..findings import CannotRewrite
    from ..plans import NamePlan
    from ..unread import unread_reason

    rule, node = move.rule, match.node
    assert rule is not None
    local = move.alias.asname or move.alias.name
    body = match.body
    assert body is not None  # from_plan looks it up for a kind that places an assignment
    unread = unread_reason(ctx, body, match, local)
    if unread is not None:
        why = f"'{local}' is never read ({unread}): the import is removed, no assignment of {rule.target}() added"
        return NamePlan(move._replace(dropped=True), removed=why)
    if rule.needs_file_name and not ctx.origin.stem:
        raise CannotRewrite("the factory's arguments need the file's name, which standard input has not")
    _check_factory_name(ctx, node, move.place, rule.target)
    last = section_end(body, node)
    if last is not node and names_used_between(body, node, last, local):
        last = node
        if body is ctx.tree.body and adds_e402(body, node):
            raise CannotRewrite(
                f"'{local}' is used between the imports below it, so its assignment would stand above an import "
                "(a new E402)"
            )
    before = (last.end_lineno or last.lineno) + 1
    origin = ctx.origin
    dropped = (
        _imports_name(origin, body, node, move.place, rule.target, before)
        or (body is not ctx.tree.body
            and _imports_name(origin, ctx.tree.body, node, move.place, rule.target, node.lineno))
        or any(other.place == move.place and other.leaf == rule.target and not other.dropped
               for other in earlier if other.rule is not None and other.rule.kind == rule.kind)
    )
    assignment = (last, f"{local} = {rule.call(ctx.origin.module_name, ctx.origin.stem)}")
    return NamePlan(move._replace(dropped=dropped), assignments=(assignment,))


def _check_factory_name(ctx: FileContext, this: ast.stmt, module: tuple[str, ...], factory: str) -> None:
    """Refuse when ``factory`` already names something other than the factory imported from ``module``."""
    from ...source.scopes import bound_names
    from ...source.syntax import walk_all
    from ..findings import CannotRewrite

    if factory not in ctx.index.text:
        return
    for node in walk_all(ctx.tree):
        if isinstance(node, ast.ImportFrom) and node is not this:
            same = ctx.origin.from_module(node) == module
            if any((a.asname or a.name) == factory and not (same and a.name == factory) for a in node.names):
                raise CannotRewrite(f"'{factory}' is already imported from elsewhere (line {node.lineno})")
        elif factory in bound_names(node) or (isinstance(node, ast.Name) and node.id == factory):
            if not isinstance(node, ast.Name) or not _imports_name(ctx.origin, ctx.tree.body, this, module, factory):
                raise CannotRewrite(f"'{factory}' already names something else here (line {node.lineno})")


def _imports_name(
    origin: Origin, body: list[ast.stmt], this: ast.stmt, module: tuple[str, ...], name: str, before: int = 1 << 30
) -> bool:
    """Whether another statement of ``body`` above line ``before`` imports ``name`` from ``module`` under
    its own name."""
    return any(
        item is not this
        and isinstance(item, ast.ImportFrom)
        and item.lineno < before
        and origin.from_module(item) == module
        and any(a.name == name and a.asname in (None, name) for a in item.names)
        for item in body
    )
