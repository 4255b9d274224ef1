"""The plan of a ``from`` statement naming a legacy module: each name goes where its rule kind says (a module
rule moves the statement, a name rule one name, a factory rule replaces the object), then the statement is
respelled, split, or replaced, and the lines it adds are placed."""
from __future__ import annotations

import _ast as ast

from ..files import SourceError, read_bytes
from ..source.edits import Edit
from ..source.positions import NAME
from ..source.syntax import bound_name, parse, walk_all
from .findings import CannotRewrite
from .import_syntax import check_spelling, from_parts, respell_from
from .kinds import kind_of
from .plans import ImportMatch, Move, NamePlan, Plan, Rebound, RenamedUse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .file_context import FileContext
    from .assignments import Assignment

Targets = list[tuple[tuple[str, ...], tuple[str, ...]]]


def plan_from(ctx: FileContext, match: ImportMatch) -> Plan:
    """The plan of a ``from`` statement; what was found before a refusal stays in the refused plan."""
    node, anchor, base = match.node, match.anchor, match.module
    if anchor is None or base is None:
        return Plan(match)  # a relative import whose package is unknown resolves to no module it can name
    module = tuple(node.module.split(".")) if node.module else ()
    module_match = ctx.match_from(base, len(anchor)) if module else None
    new_base = module_match.apply(base) if module_match else base
    legacy: list[str] = []
    imported: list[tuple[str, str]] = []
    try:
        if module_match:
            legacy.append(module_match.rule.old_name)
            ctx.not_itself(new_base)
        named = ctx.name_rules(base, len(anchor))
        if module_match:
            imported += [(module_match.rule.old_name, alias.name) for alias in node.names]
        imported += [(".".join(rule.old), name) for name, (rule, _) in named.items()
                     if any(alias.name == name for alias in node.names)]
        moves: list[Move] = []
        uses: list[RenamedUse] = []
        submodules: set[str] = set()  # the names of modules a module rule moves
        for alias in node.names:
            found = None if alias.name == "*" else ctx.match_from((*base, alias.name), len(anchor))
            if alias.name == "*" and named:
                legacy += [rule.old_name for rule, _ in named.values()]
                raise CannotRewrite(f"a star import hides which names move ({', '.join(sorted(named))})")
            if alias.name in named:
                rule, prefix = named[alias.name]
                legacy.append(rule.old_name)
                local = kind_of(rule).local_name(alias.asname, alias.name, rule.target)
                moves.append(Move(alias, (*prefix, *rule.new), rule.target, rule, local_name=local))
            elif found is not None and found.end == len(base) + 1 and not _plain_module(ctx, base):
                target = found.apply((*base, alias.name))
                legacy.append(found.rule.old_name)
                ctx.not_itself(target)
                moves.append(Move(alias, target[:-1], target[-1]))
                submodules.add(alias.name)
                from .module_move import member_renames  # a submodule a module rule moves

                uses += member_renames(ctx, match.chain[-1], alias.asname or alias.name, found.rule.old, target)
            else:
                moves.append(Move(alias, new_base, alias.name))
        if not legacy:
            return Plan(match)
        plan = _rewrite(ctx, match, moves, uses, (module, base, new_base), submodules)
    except CannotRewrite as reason:
        return Plan(match, tuple(legacy), imported=tuple(imported), problem=reason.args[0])
    return plan._replace(legacy=tuple(legacy), imported=tuple(imported))


def _plain_module(ctx: FileContext, base: tuple[str, ...]) -> bool:
    """Whether the project's ``base`` is a module file, not a package, that puts no module in ``sys.modules``
    (``os.py`` makes ``os.path`` so): what a ``from`` statement takes from it is no submodule, whatever a module
    rule says of one of that name."""
    found = ctx.targets.provider(ctx.origin.path, base, base) if ctx.checking and base else None
    path = found[1].path if found is not None else None
    if path is None or path.endswith("__init__.py"):
        return False
    try:
        return b"sys.modules" not in read_bytes(path)
    except (OSError, SourceError):
        return False


def _rewrite(
    ctx: FileContext,
    match: ImportMatch,
    moves: list[Move],
    uses: list[RenamedUse],
    modules: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]],
    submodules: set[str],
) -> Plan:
    """The plan of a statement some of whose names move; ``modules``: the module as written, the absolute module
    and where a module rule moves it."""
    module, base, new_base = modules
    region, aliases = from_parts(match.tokens)
    check_spelling([t for t in region if t.type == NAME], module)
    if any(move.rule is not None and kind_of(move.rule).RETURNS_OBJECT for move in moves):
        match = _placed(ctx, match)  # a factory's assignment goes into the statement's body
    moves, calls, renamed, assignments, removed = _name_rule_kinds(ctx, match, moves)
    uses = [*uses, *renamed]
    targets = _targets([move for move in moves if move.alias not in removed], base)
    kept = [i for i, move in enumerate(moves) if not move.dropped]
    edits: list[Edit] = []
    added: list[str] = []
    if not kept:  # every name a factory's object whose factory is imported already
        from .assignments import replace_by_assignments

        edits, assignments = replace_by_assignments(ctx, match, assignments)
    else:
        places = [moves[i].place for i in kept]
        stay = new_base if new_base in places else places[0]
        edits, added = respell_from(ctx.index, match, (region, aliases), moves, stay)
    factories = tuple(move for move in moves if move.rule is not None and kind_of(move.rule).RETURNS_OBJECT
                      and move.alias not in removed)
    rebound = tuple(_rebound(move, base, submodules) for move in moves if move not in factories
                    and move.alias not in removed and not move.dropped and move.leaf != "*"
                    and (move.place, move.leaf) != (base, move.alias.name))
    if added or assignments:
        match = _placed(ctx, match)
    return Plan(match, edits=tuple(edits), insertions=tuple(_insertions(ctx, match, added, assignments)),
                added=tuple(added), assignments=tuple(assignments), uses=tuple(uses), moves=factories,
                calls=tuple(calls), targets=tuple(targets), removed=tuple(removed.values()), rebound=rebound)


def _placed(ctx: FileContext, match: ImportMatch) -> ImportMatch:
    """``match`` with the statement list that holds it, looked up once."""
    if match.body is not None:
        return match
    from ..source.placement import PlacementError, containing_body  # for a plan that adds lines

    try:
        return match._replace(body=containing_body(ctx.tree, match.node))
    except PlacementError as reason:
        raise CannotRewrite(str(reason)) from None


def _rebound(move: Move, base: tuple[str, ...], submodules: set[str]) -> Rebound:
    """What ``move`` binds the local name to before and after the rewrite: a name, or a module a module rule
    moves (``from utils import logger_utils``; its name left empty)."""
    local = move.alias.asname or move.alias.name
    if move.rule is None and move.alias.name in submodules:
        return local, ((*base, move.alias.name), ""), ((*move.place, move.leaf), "")
    return local, (base, move.alias.name), (move.place, move.leaf)


def _name_rule_kinds(
    ctx: FileContext, match: ImportMatch, moves: list[Move]
) -> tuple[list[Move], list, list[RenamedUse], list[Assignment], dict]:
    """What the name rules' matches take besides the import, each planned by its kind's module: the moves as
    planned, calls to check, renamed uses, the factories' assignments and the aliases removed (why)."""
    planned: list[Move] = []
    calls: list = []
    uses: list[RenamedUse] = []
    assignments: list[Assignment] = []
    removed: dict = {}
    for move in moves:
        if move.rule is not None:
            plan: NamePlan = kind_of(move.rule).plan_name(ctx, match, move, planned)
            move = plan.move
            calls += plan.calls
            uses += plan.uses
            assignments += plan.assignments
            if plan.removed:
                removed[move.alias] = plan.removed
        planned.append(move)
    return planned, calls, uses, assignments, removed


def _targets(moves: list[Move], base: tuple[str, ...]) -> Targets:
    """What the rewrite imports, by module; a relative import whose package is unknown is checked by its dotted
    tail, as if absolute."""
    moving: dict[tuple[str, ...], list[str]] = {}
    for move in moves:
        if (move.place != base or move.leaf != move.alias.name) and move.leaf != "*":
            moving.setdefault(move.place, []).append(move.leaf)
    targets: Targets = []
    for place, leaves in moving.items():
        targets += [((leaf,), ()) for leaf in leaves] if not place else [(place, tuple(leaves))]
    return targets


def _insertions(
    ctx: FileContext, match: ImportMatch, added: list[str], assignments: list[Assignment]
) -> list[Edit]:
    """The edits adding the statement's new lines: split-off imports after it, then factory assignments."""
    if not added and not assignments:
        return []
    from ..source.placement import PlacementError, body_indent, followers, insert_after_line, last_line

    node, body = match.node, match.body
    try:
        indent = body_indent(ctx.index, body, node)
    except PlacementError as reason:
        raise CannotRewrite(str(reason)) from None
    by_line: dict[int, list[str]] = {}
    for statement, texts in [(node, list(added))] * bool(added) + [(last, [text]) for last, text in assignments]:
        after = followers(body, statement)
        if after and _bound_by(texts) & {n.id for item in after for n in walk_all(item) if isinstance(n, ast.Name)}:
            raise CannotRewrite("a statement after it on its line (after ';') uses a name that moves: split the line")
        line = last_line(body, statement)
        if ctx.index.line_text(line).rstrip("\r\n").endswith("\\"):
            raise CannotRewrite("its line goes on after a backslash, where the lines it adds would go")
        by_line.setdefault(line, []).extend(texts)
    return [insert_after_line(ctx.index, line, indent, texts) for line, texts in by_line.items()]


def _bound_by(texts: list[str]) -> set[str]:
    """The names the added lines bind."""
    nodes = [node for text in texts for node in walk_all(parse(text))]
    imports = [node for node in nodes if isinstance(node, (ast.Import, ast.ImportFrom))]
    stored = {node.id for node in nodes if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}
    return stored | {bound_name(alias) for node in imports for alias in node.names}
