"""Legacy imports in one source text, with the exact edits that fix them: the engine's orchestrator.

One walk of the tree finds the import statements naming a legacy module (import_syntax), each is planned by its
rule kind (module_move, from_plan with the name rule kinds of kinds/), checked against what its targets provide
(plan_checks), the uses of plain imports move with them (attribute_uses), strings are read (string_refs), and
every plan is rendered as Findings (statement_findings).
"""
from __future__ import annotations

import _ast as ast
from _functools import partial

from ..resolve.targets import TargetCheck
from ..rules import RuleSet, is_dotted_name
from ..source import noqa
from ..source.edits import Edit
from ..source.origin import Origin
from ..source.positions import spans_any
from ..files import SourceError, read_bytes
from ..source.scopes import walk
from ..source.syntax import bound_name, dotted_parts, parse
from .file_context import FileContext
from .findings import (  # noqa: F401 (the engine's contract: find() and what it returns)
    LEGACY_ATTRIBUTE,
    LEGACY_IMPORT,
    LEGACY_STRING,
    NOQA_PROBLEM,
    TARGET_MISSING,
    UNFIXABLE,
    CannotRewrite,
    Finding,
)
from .from_plan import plan_from
from .import_syntax import match_statement
from .plan_checks import check_targets, held_by_annotations
from .plans import Plan
from .statement_findings import statement_findings

# A string that is a legacy module's name plus one of these is a file name (``'logging_config.py'``).
_FILE_SUFFIXES = frozenset(
    "py pyi pyc pyo pyw pyx pxd so txt json yaml yml toml ini cfg conf csv md rst html xml sh bak lock".split()
)


def find(
    text: str,
    rules: RuleSet,
    *,
    tree: ast.Module | None = None,
    origin: Origin = Origin(),
    honor_noqa: bool = True,
    describe: bool = True,
    targets: TargetCheck | None = None,
    fix_strings: bool = False,
) -> list[Finding]:
    """Findings in ``text``, sorted by position. Raises SyntaxError when ``text`` does not parse.

    ``describe=False`` leaves out the replacement statement from ULG001 messages (the fixer needs only edits).
    ``targets`` checks that what a rewrite imports exists (ULG005 where it does not); None checks nothing.
    ``fix_strings`` gives edits to the strings that name a legacy module where Python resolves them.
    """
    if not rules.occur_in(text) or (honor_noqa and noqa.file_is_skipped(text)):
        return []
    if tree is None:
        tree = parse(text)
    project = targets if targets is not None else TargetCheck(enabled=False)
    return _run(FileContext(text, tree, rules, origin, honor_noqa, describe, project, fix_strings))


Imported = tuple[str, str, int]  # (legacy module, name, line): a name a file takes from a legacy module


def imports_of(findings: list[Finding]) -> tuple[Imported, ...]:
    return tuple(sorted({(module, name, f.line) for f in findings for module, name in f.imported}))


def guard_imports(
    text: str, rules: RuleSet, tree: ast.Module | None, origin: Origin, findings: list[Finding]
) -> tuple[Imported, ...]:
    """What ``text`` takes from legacy modules as the guard (ULG006) counts it: noqa ignored and no target check.
    From the run's ``findings`` when those cannot differ (no ULG005, no noqa), else a second pass on the same
    ``tree`` (None: it did not parse, nothing is counted)."""
    if tree is None:
        return ()
    if "noqa" in text.lower() or any(f.code == TARGET_MISSING for f in findings):
        findings = find(text, rules, tree=tree, origin=origin, honor_noqa=False, describe=False)
    return imports_of(findings)


def _run(ctx: FileContext) -> list[Finding]:
    plans: list[Plan] = []
    plain: list[tuple[ast.Import, tuple[ast.AST, ...], ast.alias]] = []
    packages: set[str] = set()
    strings: list[ast.Constant] = []
    words = ctx.rules.needles | ctx.rules.renamed
    for node, chain in walk(ctx.tree, spans_any(ctx.index.lines_containing(words))):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            plan = _plan(ctx, node, chain)
            if plan is not None:
                plain += [(node, chain, alias) for alias in plan.plain_names]
                if plan.legacy:
                    plans.append(plan)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _names_legacy(ctx, node):
            strings.append(node)
        elif isinstance(node, ast.Attribute) and node.attr in ctx.rules.needles:
            packages.update(package_read(ctx, node))
    reached: list[Finding] = []
    if ctx.rules.packages or any(len(module) > 1 for module in ctx.rules.names):
        holds: dict[str, str] = {}
        reached = _reached_names(ctx, holds)
        plans = [_held_by_reads(ctx, plan, holds) for plan in plans]
    if any(plan.edits and plan.problem is None for plan in plans):
        plans = held_by_annotations(ctx, plans)
    uses: list[Finding] = []
    if packages or any(plan.groups for plan in plans):
        plans, uses = _attribute_uses(ctx, plans, packages)  # a refused statement's uses stay
        unfollowed = {f.modules[0]: f"line {f.line}" for f in reversed(uses)
                      if f.code == LEGACY_ATTRIBUTE and not f.edits}
        plans = [plan if plan.groups else _held_by_reads(ctx, plan, unfollowed) for plan in plans]
    findings: list[Finding] = []
    reported: set[Edit] = set()  # uses renamed by name rules, reported once
    if any(plan.edits and plan.problem is None for plan in plans):
        from .layout import arrange_all  # a rewrite: the import sorter's places

        plans = arrange_all(ctx, plans)
    for plan in plans:
        if not _statement_suppressed(ctx, plan):
            findings += statement_findings(ctx, plan, reported)
    findings += uses
    if strings:
        findings += _string_findings(ctx, strings)
    if plain:
        findings += _names_through_plain_imports(ctx, plain)
    seen = {(f.line, f.col, f.code) for f in findings}
    for finding in reached:  # each once, not those reported above
        if (finding.line, finding.col, finding.code) not in seen:
            seen.add((finding.line, finding.col, finding.code))
            findings.append(finding)
    return sorted(findings, key=lambda f: (f.line, f.col, f.code))


def _reached_names(ctx: FileContext, holds: dict[str, str]) -> list[Finding]:
    """Moved names and modules read through their module's package or an alias (``reached_names``)."""
    from .reached_names import reached_names

    return _unsuppressed(ctx, reached_names(ctx, holds))


def _held_by_reads(ctx: FileContext, plan: Plan, holds: dict[str, str]) -> Plan:
    """``plan`` refused when a legacy module it imports is also read through another import (``holds``: how),
    which keeps needing the legacy module imported (``from a import b`` then ``b.c.x``), unless its package's own
    code imports it (``os`` binds ``os.path``)."""
    held = next((module for module in plan.legacy if module in holds), None)
    if held is None or plan.problem is not None or not plan.edits or _bound_by_package(ctx, held):
        return plan
    return plan._replace(problem=f"{held} is also read where the rewrite cannot follow ({holds[held]})")


def _bound_by_package(ctx: FileContext, dotted: str) -> bool:
    """Whether the package of the module ``dotted`` binds it in its own code (``os.py``'s ``import posixpath as
    path``), read from its source, never imported."""
    *package, last = dotted.split(".")
    if not ctx.checking or not package:
        return False
    root = ctx.targets.reader(ctx.origin.path, package, package)
    found = ctx.targets.module(root, tuple(package)) if root is not None else None
    if found is None or found.path is None or not found.path.endswith(".py"):
        return False
    try:
        tree = parse(read_bytes(found.path).decode("utf-8"))
    except (OSError, SourceError, SyntaxError, ValueError):
        return False
    return any(isinstance(node, (ast.Import, ast.ImportFrom)) and any(bound_name(a) == last for a in node.names)
               for node, chain in walk(tree) if not any(isinstance(c, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                       ast.ClassDef)) for c in chain))


# The steps below are loaded for the files that need them: a hook call on a file with one legacy import loads
# none of them.


def _attribute_uses(ctx: FileContext, plans: list[Plan], packages: set[str]) -> tuple[list[Plan], list[Finding]]:
    from .attribute_uses import attribute_uses

    plans, carried, reported = attribute_uses(ctx, plans, packages)
    return plans, carried + _unsuppressed(ctx, reported)


def _string_findings(ctx: FileContext, strings: list[ast.Constant]) -> list[Finding]:
    from .renamed_bindings import renamed_in
    from .string_refs import Strings, string_findings

    renamed = partial(renamed_in, find, ctx.targets, ctx.origin.path, rules=ctx.rules)
    read = Strings(strings, ctx.tree, ctx.index, ctx.rules, ctx.origin, ctx.targets, ctx.fix_strings, renamed)
    found = string_findings(read)
    return [f for f in found if not _suppressed(ctx, [_string_line_rest(ctx, f)], f.code)]


def _names_through_plain_imports(
    ctx: FileContext, plain: list[tuple[ast.Import, tuple[ast.AST, ...], ast.alias]]
) -> list[Finding]:
    from .plain_names import names_through_plain_import

    found = [finding for node, chain, alias in plain for finding in names_through_plain_import(ctx, node, chain, alias)]
    return _unsuppressed(ctx, found)


def _unsuppressed(ctx: FileContext, findings: list[Finding]) -> list[Finding]:
    """The findings no ``# noqa`` comment on their line turns off."""
    return [f for f in findings if not _suppressed(ctx, [ctx.index.line_text(f.line)], f.code)]


def _statement_suppressed(ctx: FileContext, plan: Plan) -> bool:
    """Whether a ``# noqa`` of the statement turns off what its plan reports (ULG001 is marked as it is planned,
    the refusals once every step has had its say)."""
    if plan.problem == NOQA_PROBLEM:
        return True
    if plan.blocked:
        return _suppressed(ctx, list(plan.match.comments), TARGET_MISSING)
    return plan.problem is not None and _suppressed(ctx, list(plan.match.comments), UNFIXABLE)


def _suppressed(ctx: FileContext, comments: list[str], code: str) -> bool:
    return ctx.honor_noqa and noqa.suppresses(comments, code)


def package_read(ctx: FileContext, node: ast.Attribute) -> list[str]:
    """The package name of a read ``package.legacy`` (``[]`` when ``node`` is no such read)."""
    parts = dotted_parts(node)
    if parts is None or parts[0] not in ctx.rules.packages:
        return []
    found = ctx.rules.match(parts)
    return parts[:1] if found is not None and found.end == len(parts) else []


def _plan(ctx: FileContext, node: ast.Import | ast.ImportFrom, chain: tuple[ast.AST, ...]) -> Plan | None:
    """The statement's plan, checked when it names a legacy module; None when it is no legacy statement."""
    match = match_statement(ctx, node, chain)
    if match is None:
        return None
    if isinstance(node, ast.Import):
        from .module_move import plan_import  # a plain ``import``: a module rule's plan

        plan = plan_import(ctx, match)
    else:
        plan = plan_from(ctx, match)
    if not plan.legacy:
        return plan  # it may still import a module that only name rules have (``plain_names``)
    if ctx.checking:
        plan = check_targets(ctx, plan)
    if _suppressed(ctx, list(match.comments), LEGACY_IMPORT):
        plan = plan._replace(problem=NOQA_PROBLEM)
    return plan


def _names_legacy(ctx: FileContext, node: ast.Constant) -> bool:
    """Whether a string is a dotted name under a rule (not a file name: ``'logging_config.py'``), or names a
    renamed name where it may be used (``'svc.one.old_name'``)."""
    value = node.value
    if not is_dotted_name(value.replace(":", ".", 1)):
        return False
    parts = value.replace(":", ".", 1).split(".")
    found = ctx.rules.match(parts)
    if found is None:
        named = any(ctx.rules.name_rule(parts[:end], parts[end]) for end in range(1, len(parts)))
        return named or parts[-1] in ctx.rules.renamed
    return not (len(parts) == found.end + 1 and parts[-1] in _FILE_SUFFIXES)


def _string_line_rest(ctx: FileContext, finding: Finding) -> str:
    """The text after a string's start on its line, where its ``# noqa`` stands."""
    start = ctx.index.offset(finding.line, finding.col)
    return ctx.index.text[start : ctx.index.line_end(finding.line)]
