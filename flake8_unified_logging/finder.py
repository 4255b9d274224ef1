"""Legacy imports in one source text, with the exact edits that fix them.

This module is the only place that knows Python's import forms. It decides on
the AST and takes every span it edits from the tokens.
"""
from __future__ import annotations

import _ast as ast
import re
from collections import namedtuple
from collections.abc import Sequence

from . import noqa
from .edits import Edit, apply_edits, identifier, rename_dotted
from .positions import COMMENT, NAME, NL, OP, OTHER, LineIndex, Token, comments_after, scan, spans_any
from .origin import Origin
from .rules import Match, NameRule, RuleSet, is_dotted_name
from .scopes import Chain, Scopes, bound_names, walk
from .syntax import parse, walk_all

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .targets import TargetCheck, Unresolved
    from .use_check import Use

LEGACY_IMPORT = "ULG001"
LEGACY_ATTRIBUTE = "ULG002"
LEGACY_STRING = "ULG003"
UNFIXABLE = "ULG004"
TARGET_MISSING = "ULG005"
NOQA_PROBLEM = "marked noqa"
_LAYOUT = frozenset((NAME, NL, COMMENT))
_REST_OF_ALIAS_LINE = r"[ \t\f]*,?[ \t\f]*(?:#[^\r\n]*)?(?:\r\n|\r|\n)"
# A string that is a legacy module's name plus one of these is a file name (``'logging_config.py'``).
_FILE_SUFFIXES = frozenset(
    "py pyi pyc pyo pyw pyx pxd so txt json yaml yml toml ini cfg conf csv md rst html xml sh bak lock".split()
)


class Finding(
    namedtuple(
        "Finding", "code line col message edits modules replacement imported lacks", defaults=((), (), "", (), ())
    )
):
    """A legacy reference at ``line`` (1-based) and ``col`` (0-based characters), the edits that fix it,
    the legacy modules (the rules' old sides) it involves, what replaces it (when it is fixable and
    described: the new statement, or the new dotted name of a use), and the ``(legacy module, name)`` pairs
    the code takes from legacy modules there; for ULG005, the ``(target, name or member)`` pairs the targets lack."""

    __slots__ = ()
    code: str
    line: int
    col: int
    message: str
    edits: tuple[Edit, ...]
    modules: tuple[str, ...]
    replacement: str
    imported: tuple[tuple[str, str], ...]
    lacks: tuple[tuple[str, str], ...]

    @property
    def text(self) -> str:
        return f"{self.code} {self.message}"


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
    return _Finder(text, tree, rules, origin, honor_noqa, describe, targets, fix_strings).run()


class CannotRewrite(Exception):
    """The reason a legacy reference has no safe automatic rewrite."""


class _Statement:
    """An import statement naming a legacy module, and what rewriting it takes."""

    def __init__(
        self, node: ast.Import | ast.ImportFrom, chain: Chain, start: int, end: int, tokens: list[Token]
    ) -> None:
        self.node = node
        self.chain = chain
        self.start = start
        self.end = end
        self.tokens = tokens
        self.comments = [t.string for t in tokens if t.type == COMMENT]
        self.legacy: list[str] = []
        self.edits: list[Edit] = []
        self.groups: list[tuple[ast.AST, str]] = []
        self.problem: str | None = None
        # Name rules: statements added after this one, (last statement before it, text) of factory assignments,
        # renamed uses, factory moves seen so far, and the edits that add lines.
        self.added: list[str] = []
        self.assignments: list[tuple[ast.stmt, str]] = []
        self.uses: list[tuple[Edit, str, NameRule]] = []  # (edit, the name as the code reads it, its rule)
        self.moves: list[_Move] = []
        self.insertions: list[Edit] = []
        # What the rewrite imports, for the target check: (module, names), names empty for ``import module``.
        self.targets: list[tuple[tuple[str, ...], list[str]]] = []
        self.imported: list[tuple[str, str]] = []  # (legacy module, name) the statement takes
        self.calls: list[tuple[NameRule, str]] = []  # names moved by a name rule, by the local name calls use
        self.blocked = False

    @property
    def all_edits(self) -> tuple[Edit, ...]:
        return (*self.edits, *self.insertions)


class _Move:
    """Where one name of a ``from`` statement goes: ``leaf`` imported from ``place``, by a name ``rule`` or not."""

    def __init__(self, alias: ast.alias, place: tuple[str, ...], leaf: str, rule: NameRule | None = None) -> None:
        self.alias = alias
        self.place = place
        self.leaf = leaf
        self.rule = rule
        self.dropped = False  # a factory already imported in that body: only the assignment is added

    @property
    def local(self) -> str:
        """The name the import binds after the rewrite (a renamed name takes its new name)."""
        if self.rule is not None:
            return self.leaf if self.rule.is_factory else self.alias.asname or self.leaf
        return self.alias.asname or self.alias.name

    @property
    def spelling(self) -> str:
        return self.leaf if self.leaf == self.local else f"{self.leaf} as {self.local}"

    def edit(self, name: Token, asname: Token | None) -> Edit:
        """The in-place edit of this alias, spacing around ``as`` kept when the local name stays."""
        if asname is not None and self.local == asname.string:
            return Edit(name.start, name.end, self.leaf)
        return Edit(name.start, (asname or name).end, self.spelling)


class _Group:
    """Plain ``import a.b`` statements that bind ``a`` in one scope: their attribute uses move with them."""

    def __init__(self, scope: ast.AST, name: str) -> None:
        self.scope = scope
        self.name = name
        self.new_names: set[str] = set()
        self.members: list[_Statement] = []
        self.uses: list[Finding] = []
        self.problem: str | None = None


class _Finder:
    def __init__(
        self,
        text: str,
        tree: ast.Module,
        rules: RuleSet,
        origin: Origin,
        honor_noqa: bool,
        describe: bool,
        targets: TargetCheck | None = None,
        fix_strings: bool = False,
    ) -> None:
        self.targets = targets if origin.path else None
        self.fix_strings = fix_strings
        self.tree = tree
        self.honor_noqa = honor_noqa
        self.describe = describe
        self.rules = rules
        self.origin = origin
        self.package = origin.package
        self.index = LineIndex(text)
        self.loose: list[Finding] = []
        self.renamed: set[Edit] = set()  # uses renamed by name rules, reported once
        # Plain imports of a module that has name rules but no module rule: ``import loguru``.
        self.name_imports: list[tuple[ast.Import, Chain, ast.alias]] = []

    def _span(self, node: ast.AST) -> tuple[int, int]:
        return (
            self.index.ast_offset(node.lineno, node.col_offset),
            self.index.ast_offset(node.end_lineno, node.end_col_offset),
        )

    def run(self) -> list[Finding]:
        statements: list[_Statement] = []
        findings: list[Finding] = []
        packages: set[str] = set()
        strings: list[ast.Constant] = []
        words = self.rules.needles | self.rules.renamed
        for node, chain in walk(self.tree, spans_any(self.index.lines_containing(words))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                statement = self._statement(node, chain)
                if statement is not None:
                    statements.append(statement)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and self._names_legacy(node):
                strings.append(node)
            elif isinstance(node, ast.Attribute) and node.attr in self.rules.needles:
                packages.update(self._package_read(node))
        groups = self._groups(statements, packages)
        for statement in statements:
            findings.extend(self._report(statement))
        for group in groups.values():
            if group.problem is None:
                findings.extend(group.uses)
        findings += self.loose
        if strings:
            from .string_refs import string_findings

            found = string_findings(strings, self.tree, self.index, self.rules, self.origin, self.targets,
                                    self.fix_strings)
            findings += [f for f in found if not self._suppressed([self._rest_of_line(f)], f.code)]
        for node, chain, alias in self.name_imports:
            findings += self._names_through_plain_import(node, chain, alias)
        return sorted(findings, key=lambda f: (f.line, f.col, f.code))

    # -- statements -------------------------------------------------------

    def _statement(self, node: ast.Import | ast.ImportFrom, chain: Chain) -> _Statement | None:
        if not self._mentions_rule(node):
            return None
        start, end = self._span(node)
        statement = _Statement(node, chain, start, end, scan(self.index, start, end))
        statement.comments += comments_after(self.index, end)
        try:
            tokens = statement.tokens
            if not tokens or tokens[-1].end != end or any(t.type == OTHER for t in tokens):
                raise CannotRewrite("the statement could not be tokenized exactly")
            if isinstance(node, ast.Import):
                self._plan_import(statement)
            else:
                self._plan_from(statement)
                self._add_lines(statement)
            self._check_targets(statement)
        except CannotRewrite as reason:
            statement.problem = reason.args[0]
            statement.edits = []
            statement.uses = []
            statement.insertions = []
        if not statement.legacy:
            return None
        if self._suppressed(statement.comments, LEGACY_IMPORT):
            statement.problem = NOQA_PROBLEM
        return statement

    def _check_targets(self, statement: _Statement) -> None:
        """Block the statement (ULG005) when a module or name its rewrite imports does not exist."""
        if self.targets is None or not statement.legacy:
            return
        legacy = self._legacy_module(statement.node)
        for module, names in statement.targets:
            problem = self.targets.problem(self.origin.path, legacy, module, names)
            if problem is not None:
                statement.blocked = True
                raise CannotRewrite(problem)
        problem = self._use_problem(statement, legacy) or self._cycle_problem(statement, legacy)
        if problem is not None:
            statement.blocked = True
            raise CannotRewrite(problem)

    def _use_problem(self, statement: _Statement, legacy: tuple[str, ...]) -> Unresolved | None:
        """Why a use of a factory's object or a call of a renamed name would not resolve after the rewrite."""
        if not statement.moves and not statement.calls:
            return None
        from .use_check import factory_problem, renamed_call_problem, uses_of

        assert self.targets is not None
        scope = statement.chain[-1]

        def uses(name: str) -> list[Use]:
            keep = spans_any(self.index.lines_containing({name})) if self.index.text.isascii() else None
            return uses_of(self.tree, scope, name, keep)

        for move in statement.moves:
            rule, local = move.rule, move.alias.asname or move.alias.name
            call = rule.call(self.origin.module_name, self.origin.stem)
            problem = factory_problem(self.targets, self.origin.path, legacy, rule, call, uses(local))
            if problem is not None:
                return problem
        for rule, local in statement.calls:
            problem = renamed_call_problem(self.targets, self.origin.path, legacy, rule, uses(local))
            if problem is not None:
                return problem
        return None

    def _cycle_problem(self, statement: _Statement, legacy: tuple[str, ...]) -> Unresolved | None:
        """An import cycle the rewrite would make, for a statement run while the file is imported."""
        if any(isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) for scope in statement.chain):
            return None
        assert self.targets is not None
        for module, _ in statement.targets:
            provider = self.targets.provider(self.origin.path, legacy, module)
            if provider is not None:
                from .cycles import cycle_problem

                from .targets import Unresolved

                problem = cycle_problem(self.targets, provider[0], tuple(module), self.origin.path)
                if problem is not None:
                    return Unresolved.of(problem, [(".".join(module), "import cycle")])
        return None

    def _legacy_module(self, node: ast.Import | ast.ImportFrom) -> tuple[str, ...]:
        """The legacy module a statement imports, absolute where its package is known."""
        if isinstance(node, ast.ImportFrom):
            return (*(self._anchor(node.level) or ()), *(node.module.split(".") if node.module else ()))
        first = next((a.name for a in node.names if self.rules.match(a.name.split("."))), node.names[0].name)
        return tuple(first.split("."))

    def _mentions_rule(self, node: ast.Import | ast.ImportFrom) -> bool:
        names = [a.name for a in node.names]
        if isinstance(node, ast.ImportFrom):
            names.append(node.module or "")
        return any(part in self.rules.needles for name in names for part in name.split("."))

    def _plan_import(self, statement: _Statement) -> None:
        node = statement.node
        for alias, (names, _) in zip(node.names, _import_aliases(statement.tokens)):
            parts = tuple(alias.name.split("."))
            found = self.rules.match(parts)
            if found is None:
                if parts in self.rules.names:
                    self.name_imports.append((statement.node, statement.chain, alias))
                continue
            statement.legacy.append(found.rule.old_name)
            new = found.apply(parts)
            self._not_itself(new)
            _check_spelling(names, parts)
            statement.edits += rename_dotted(names, new)
            statement.targets.append((new, []))
            if alias.asname:
                self._rename_members(statement, alias.asname, parts, new)
                continue
            if len(parts) == 1 and new[0] != parts[0]:
                statement.edits.append(Edit(names[-1].end, names[-1].end, f" as {parts[0]}"))
                self._rename_members(statement, parts[0], parts, new)
            else:
                statement.groups.append((statement.chain[-1], parts[0]))

    def _not_itself(self, module: Sequence[str]) -> None:
        if self.origin.is_itself(module):
            raise CannotRewrite(f"this file is {'.'.join(module)} itself, so the rewrite would import it from itself")

    def _anchor(self, level: int) -> tuple[str, ...] | None:
        """The package a relative import of ``level`` dots starts from, if known."""
        if level == 0:
            return ()
        if self.package is None or len(self.package) < level:
            return None
        return self.package[: len(self.package) - level + 1]

    def _match_from(self, parts: tuple[str, ...], known: int) -> Match | None:
        """The rule for ``parts``, reading the first ``known`` segments as optional context."""
        for start in range(known + 1):
            found = self.rules.match(parts, start)
            if found is not None and found.end > known:
                return found
        return None

    def _plan_from(self, statement: _Statement) -> None:
        node = statement.node
        anchor = self._anchor(node.level)
        known = anchor or ()
        module = tuple(node.module.split(".")) if node.module else ()
        base = known + module
        module_match = self._match_from(base, len(known)) if module else None
        new_base = module_match.apply(base) if module_match else base
        if module_match:
            statement.legacy.append(module_match.rule.old_name)
            self._not_itself(new_base)
        named = self._name_rules(base, len(known))
        if module_match:
            statement.imported += [(module_match.rule.old_name, alias.name) for alias in node.names]
        statement.imported += [(".".join(rule.old), name) for name, (rule, _) in named.items()
                               if any(alias.name == name for alias in node.names)]
        moves: list[_Move] = []
        for alias in node.names:
            found = None if alias.name == "*" else self._match_from((*base, alias.name), len(known))
            if alias.name == "*" and named:
                statement.legacy += [rule.old_name for rule, _ in named.values()]
                raise CannotRewrite(f"a star import hides which names move ({', '.join(sorted(named))})")
            if alias.name in named:
                rule, prefix = named[alias.name]
                statement.legacy.append(rule.old_name)
                moves.append(_Move(alias, (*prefix, *rule.new), rule.target, rule))
            elif found is not None and found.end == len(base) + 1:
                target = found.apply((*base, alias.name))
                statement.legacy.append(found.rule.old_name)
                self._not_itself(target)
                moves.append(_Move(alias, target[:-1], target[-1]))
                self._rename_members(statement, alias.asname or alias.name, found.rule.old, target)
            else:
                moves.append(_Move(alias, new_base, alias.name))
        if not statement.legacy:
            return
        region, aliases = _from_parts(statement.tokens)
        _check_spelling([t for t in region if t.type == NAME], module)
        for move in moves:
            self._plan_name_rule(statement, move)
        # A relative import whose package is unknown is checked by its dotted tail, as if absolute.
        moving: dict[tuple[str, ...], list[str]] = {}
        for move in moves:
            if (move.place != base or move.leaf != move.alias.name) and move.leaf != "*":
                moving.setdefault(move.place, []).append(move.leaf)
        for place, leaves in moving.items():
            statement.targets += [((leaf,), []) for leaf in leaves] if not place else [(place, leaves)]
        kept = [i for i, move in enumerate(moves) if not move.dropped]
        if not kept:
            self._replace_by_assignments(statement)
            return
        places = [moves[i].place for i in kept]
        stay = new_base if new_base in places else places[0]
        if self._relative(node.level, anchor, stay) == (0, ()):
            first, *others = self._render(node, [moves[i] for i in kept])
            statement.edits.append(Edit(statement.start, statement.end, first))
            statement.added += others
            return
        statement.edits += self._respell_module(node.level, anchor, region, stay)
        leaving = [i for i, move in enumerate(moves) if move.dropped or move.place != stay]
        for i, (move, (name, asname)) in enumerate(zip(moves, aliases)):
            if i not in leaving and move.leaf != move.alias.name:
                statement.edits.append(move.edit(name, asname))
        if leaving:
            statement.edits += _remove_aliases(self.index, aliases, leaving)
            statement.added += self._render(node, [moves[i] for i in kept if moves[i].place != stay])

    def _add_lines(self, statement: _Statement) -> None:
        """The edits adding the statement's new lines: split-off imports after it, then factory assignments."""
        if not statement.added and not statement.assignments:
            return
        from .placement import PlacementError, body_indent, insert_after_line

        body = self._body(statement.node)
        try:
            indent = body_indent(self.index, body, statement.node)
        except PlacementError as reason:
            raise CannotRewrite(str(reason)) from None
        by_line: dict[int, list[str]] = {}
        if statement.added:
            by_line[statement.node.end_lineno or statement.node.lineno] = list(statement.added)
        for last, text in statement.assignments:
            by_line.setdefault(last.end_lineno or last.lineno, []).append(text)
        for line, texts in by_line.items():
            statement.insertions.append(insert_after_line(self.index, line, indent, texts))

    def _name_rules(self, base: tuple[str, ...], known: int) -> dict[str, tuple[NameRule, tuple[str, ...]]]:
        """The name rules of the module ``base`` (read like ``_match_from``), with the context segments kept;
        none for a file of a rule's new package (the provider of the new names, written on the old ones)."""
        found: dict[str, tuple[NameRule, tuple[str, ...]]] = {}
        for start in range(known + 1):
            if len(base) > start and (len(base) > known or start == 0):
                for name, rule in self.rules.names.get(base[start:], {}).items():
                    if name not in found and not self.origin.provides(rule.new):
                        found[name] = (rule, base[:start])
        return found

    def _plan_name_rule(self, statement: _Statement, move: _Move) -> None:
        """What a name rule's match takes besides the import: renamed uses, or the factory's assignment."""
        rule, alias = move.rule, move.alias
        if rule is None:
            return
        # Only files that a name rule touches need these.
        from .placement import adds_e402, names_used_between, section_end
        from .renames import RenameError, rename_uses

        if not rule.is_factory:
            statement.calls.append((rule, alias.asname or alias.name))
            if not alias.asname and rule.target != alias.name:
                try:
                    edits = rename_uses(
                        self.tree,
                        self.index,
                        statement.node,
                        statement.chain[-1],
                        alias.name,
                        rule.target,
                        lambda node: self._imports_by_rule(node, alias.name, rule),
                    )
                    statement.uses += [(edit, alias.name, rule) for edit in edits]
                except RenameError as reason:
                    raise CannotRewrite(str(reason)) from None
            return
        local = alias.asname or alias.name
        if rule.needs_file_name and not self.origin.stem:
            raise CannotRewrite("the factory's arguments need the file's name, which standard input has not")
        body = self._body(statement.node)
        self._check_factory_name(statement.node, move.place, rule.target)
        last = section_end(body, statement.node)
        if last is not statement.node and names_used_between(body, statement.node, last, local):
            last = statement.node
            if body is self.tree.body and adds_e402(body, statement.node):
                raise CannotRewrite(
                    f"'{local}' is used between the imports below it, so its assignment would stand above an import "
                    "(a new E402)"
                )
        before = (last.end_lineno or last.lineno) + 1
        move.dropped = (
            self._imports_name(body, statement.node, move.place, rule.target, before)
            or (body is not self.tree.body and self._imports_name(
                self.tree.body, statement.node, move.place, rule.target, statement.node.lineno
            ))
            or any(other.place == move.place and other.leaf == rule.target and not other.dropped
                   for other in statement.moves)
        )
        statement.moves.append(move)
        statement.assignments.append((last, f"{local} = {rule.call(self.origin.module_name, self.origin.stem)}"))

    def _imports_by_rule(self, node: ast.AST, name: str, rule: NameRule) -> bool:
        """Whether ``node`` imports ``name``, unaliased, where ``rule`` moves it (``try``/``except`` pairs)."""
        if not isinstance(node, ast.ImportFrom) or not node.module:
            return False
        if not any(alias.name == name and alias.asname is None for alias in node.names):
            return False
        known = self._anchor(node.level) or ()
        found = self._name_rules((*known, *node.module.split(".")), len(known)).get(name)
        return found is not None and found[0] == rule

    def _body(self, node: ast.stmt) -> list[ast.stmt]:
        from .placement import PlacementError, containing_body

        try:
            return containing_body(self.tree, node)
        except PlacementError as reason:
            raise CannotRewrite(str(reason)) from None

    def _imports_name(
        self, body: list[ast.stmt], this: ast.stmt, module: tuple[str, ...], name: str, before: int = 1 << 30
    ) -> bool:
        """Whether another statement of ``body`` above line ``before`` imports ``name`` from ``module`` under
        its own name."""
        return any(
            item is not this
            and isinstance(item, ast.ImportFrom)
            and item.lineno < before
            and self._from_module(item) == module
            and any(a.name == name and a.asname in (None, name) for a in item.names)
            for item in body
        )

    def _from_module(self, node: ast.ImportFrom) -> tuple[str, ...] | None:
        """The absolute module a ``from`` statement imports from (None when its package is unknown)."""
        anchor = self._anchor(node.level)
        return None if anchor is None else (*anchor, *(node.module.split(".") if node.module else ()))

    def _check_factory_name(self, this: ast.stmt, module: tuple[str, ...], factory: str) -> None:
        """Refuse when ``factory`` already names something other than the factory imported from ``module``."""
        if factory not in self.index.text:
            return
        for node in walk_all(self.tree):
            if isinstance(node, ast.ImportFrom) and node is not this:
                same = self._from_module(node) == module
                if any((a.asname or a.name) == factory and not (same and a.name == factory) for a in node.names):
                    raise CannotRewrite(f"'{factory}' is already imported from elsewhere (line {node.lineno})")
            elif factory in bound_names(node) or (isinstance(node, ast.Name) and node.id == factory):
                if not isinstance(node, ast.Name) or not self._imports_name(self.tree.body, this, module, factory):
                    raise CannotRewrite(f"'{factory}' already names something else here (line {node.lineno})")

    def _replace_by_assignments(self, statement: _Statement) -> None:
        """Every name of the statement is a factory's object whose factory is already imported: the statement
        goes, and only the assignments stay (in its place when it is all its body holds)."""
        from .placement import PlacementError, delete_statement

        body = self._body(statement.node)
        if len(body) == 1:
            text = "; ".join(assignment for _, assignment in statement.assignments)
            statement.edits.append(Edit(statement.start, statement.end, text))
            statement.assignments = []
            return
        try:
            statement.edits.append(delete_statement(self.index, statement.node, statement.start, statement.end))
        except PlacementError as reason:
            raise CannotRewrite(str(reason)) from None

    def _relative(
        self, level: int, anchor: tuple[str, ...] | None, target: tuple[str, ...]
    ) -> tuple[int, tuple[str, ...]]:
        """How a statement with ``level`` dots spells the absolute (or tail) module ``target``."""
        if level == 0 or anchor is None:
            return level, target
        common = 0
        while common < min(len(target), len(anchor)) and target[common] == anchor[common]:
            common += 1
        if common == 0:
            return 0, target
        return level + len(anchor) - common, target[common:]

    def _respell_module(
        self, level: int, anchor: tuple[str, ...] | None, region: list[Token], target: tuple[str, ...]
    ) -> list[Edit]:
        new_level, dotted = self._relative(level, anchor, target)
        names = [t for t in region if t.type == NAME]
        dots = [t for t in region if t.type != NAME]
        if new_level == level:
            return rename_dotted(names, dotted, after=dots[-1].end if dots else None)
        return [Edit(region[0].start, region[-1].end, "." * new_level + ".".join(dotted))]

    def _render(self, node: ast.ImportFrom, moves: list[_Move]) -> list[str]:
        """Stand-alone statements importing the ``moves``, one per module, in their order."""
        anchor = self._anchor(node.level)
        by_place: dict[tuple[str, ...], list[_Move]] = {}
        for move in moves:
            by_place.setdefault(move.place, []).append(move)
        rendered = []
        for place, group in by_place.items():
            level, dotted = self._relative(node.level, anchor, place)
            if level == 0 and not dotted:
                rendered += [f"import {move.spelling}" for move in group]
            else:
                names = ", ".join(move.spelling for move in group)
                rendered.append(f"from {'.' * level}{'.'.join(dotted)} import {names}")
        return rendered

    # -- attribute uses of plain imports ------------------------------------

    def _package_read(self, node: ast.Attribute) -> list[str]:
        """The package name of a read ``package.legacy`` (``[]`` when ``node`` is no such read)."""
        parts = [node.attr]
        value = node.value
        while isinstance(value, ast.Attribute):
            parts.append(value.attr)
            value = value.value
        if not isinstance(value, ast.Name) or value.id not in self.rules.packages:
            return []
        parts.append(value.id)
        found = self.rules.match(parts[::-1])
        return [value.id] if found is not None and found.end == len(parts) else []

    def _groups(self, statements: list[_Statement], packages: set[str]) -> dict[tuple[ast.AST, str], _Group]:
        """Plain imports of legacy modules by the scope and name they bind, with their attribute uses; and uses of
        legacy modules through other imports of the ``packages`` (as ``_other_uses`` says)."""
        groups: dict[tuple[ast.AST, str], _Group] = {}
        for statement in statements:
            for key in statement.groups:
                group = groups.setdefault(key, _Group(*key))
                group.members.append(statement)
        if not groups and not packages:
            return groups
        names = {g.name for g in groups.values()} | packages
        for group in groups.values():
            for statement in group.members:
                for alias in statement.node.names:
                    found = self.rules.match(alias.name.split("."))
                    if found is not None and alias.name.split(".")[0] == group.name:
                        group.new_names.add(found.apply(alias.name.split("."))[0])
            names |= group.new_names
        # Identifiers are NFKC-normalised, so only an ASCII text can be searched for them.
        keep = spans_any(self.index.lines_containing(names)) if self.index.text.isascii() else None
        scopes = Scopes(self.tree, names, keep)
        for group in groups.values():
            try:
                self._collect_uses(group, scopes)
            except CannotRewrite as reason:
                group.problem = reason.args[0]
        for name in sorted(packages):
            self._other_uses(name, groups, scopes)
        changed = True
        while changed:
            changed = False
            for group in groups.values():
                broken = [s for s in group.members if s.problem]
                if group.problem is None and broken:
                    first = broken[0]
                    group.problem = f"another import of it in this scope (line {first.node.lineno}) is {first.problem}"
                    changed = True
                if group.problem is not None:
                    for statement in group.members:
                        if statement.problem is None:
                            statement.problem = group.problem
                            statement.blocked = statement.blocked or _is_unresolved(group.problem)
                            changed = True
        return groups

    def _collect_uses(self, group: _Group, scopes: Scopes) -> None:
        name, scope = group.name, group.scope
        if scopes.is_declared(name, scope):
            raise CannotRewrite(f"'{name}' is declared global or nonlocal here")
        plain = set()
        for binder in scopes.binders[name][scope]:
            if not isinstance(binder, ast.Import):
                raise CannotRewrite(f"'{name}' is also bound otherwise in this scope (line {binder.lineno})")
            for alias in binder.names:
                if alias.asname == name:
                    raise CannotRewrite(f"'{name}' is also bound otherwise in this scope (line {binder.lineno})")
                parts = alias.name.split(".")
                if not alias.asname and parts[0] == name and self.rules.match(parts) is None:
                    plain.add(alias.name)
        renamed_top = group.new_names != {name}
        if renamed_top:
            for new_name in group.new_names:
                if scopes.uses[new_name] or scopes.binders[new_name]:
                    raise CannotRewrite(f"the new top-level name '{new_name}' is already used in this file")
        for use, chain in scopes.uses[name]:
            if scopes.binding_scope(name, chain) is not scope:
                continue
            nodes = _attribute_chain(use, scopes)
            parts = [name, *(n.attr for n in nodes[1:])]
            found = self.rules.match(parts)
            if found is None:
                if renamed_top and not plain:
                    raise CannotRewrite(f"'{name}' is used at line {use.lineno} without the legacy module")
                continue
            group.uses.append(self._use(found, parts, nodes))
            self._check_member(group, found, parts, use.lineno)

    def _check_member(self, group: _Group, found: Match, parts: list[str], line: int) -> None:
        """Raise (ULG005) when ``old.module.X`` is read and the new module does not bind ``X``."""
        if self.targets is None or len(parts) <= found.end:
            return
        named = self.rules.name_rule(found.rule.old, parts[found.end])
        module, member = (named.new, named.target) if named is not None else (found.rule.new, parts[found.end])
        module = (*parts[: found.start], *module)
        legacy = tuple(parts[: found.end])
        problem = self.targets.problem(self.origin.path, legacy, module, [member])
        if problem is not None:
            from .targets import Unresolved

            raise CannotRewrite(Unresolved.of(f"{problem} (line {line})", problem.lacks))

    def _other_uses(self, name: str, groups: dict[tuple[ast.AST, str], _Group], scopes: Scopes) -> None:
        """Uses of a legacy module through an import of its package that does not name it (``import os``, then
        ``os.path.x``): the same package object, so renamed when a module-level import of the legacy module is
        rewritten with it and keeps the top-level name; otherwise reported, never silently left."""
        for use, chain in scopes.uses[name]:
            scope = scopes.binding_scope(name, chain)
            if (scope, name) in groups:
                continue
            binders = scopes.binders[name].get(scope)
            if not binders or not all(_imports_package(binder, name) for binder in binders):
                continue
            nodes = _attribute_chain(use, scopes)
            parts = [name, *(n.attr for n in nodes[1:])]
            found = self.rules.match(parts)
            if found is None:
                continue
            where = f"through the import of {name} at line {binders[0].lineno}"
            try:
                self._renamed_with(found, groups.get((self.tree, name)))
                finding = self._use(found, parts, nodes)
                finding = finding._replace(message=finding.message.replace("; use:", f" {where}; use:"))
            except CannotRewrite as reason:
                line, col = self.index.column(self._span(use)[0])
                message = f"legacy module {found.rule.old_name} used as an attribute {where}; not rewritten: {reason}"
                finding = Finding(LEGACY_ATTRIBUTE, line, col, message, (), (found.rule.old_name,))
            if finding.edits:
                groups[self.tree, name].uses.append(finding)
            elif not self._suppressed([self.index.line_text(finding.line)], LEGACY_ATTRIBUTE):
                self.loose.append(finding)

    def _renamed_with(self, found: Match, group: _Group | None) -> None:
        """Raise unless a module-level import of ``found``'s legacy module is rewritten, keeping its top name."""
        old = found.rule.old
        if found.rule.new[0] != old[0]:
            raise CannotRewrite(f"{found.rule.new_name} has another top-level name")
        if group is None or not any(
            tuple(alias.name.split("."))[: len(old)] == old for s in group.members for alias in s.node.names
        ):
            raise CannotRewrite(f"no module-level 'import {found.rule.old_name}' here is rewritten with it")

    def _rename_members(self, statement: _Statement, local: str, old: tuple[str, ...], new: tuple[str, ...]) -> None:
        """``local`` is the legacy module ``old``, bound to ``new`` after the rewrite: its members that name rules
        rename (``local.name``) are renamed with the statement; those that go elsewhere stop it."""
        rules = self.rules.names.get(tuple(old))
        if not rules or local not in self.index.text:
            return
        keep = spans_any(self.index.lines_containing({local})) if self.index.text.isascii() else None
        scopes = Scopes(self.tree, {local}, keep)
        for use, chain in scopes.uses[local]:
            if scopes.binding_scope(local, chain) is not statement.chain[-1] or use not in scopes.parents:
                continue
            member = scopes.parents[use]
            rule = rules.get(member.attr)
            if rule is None or self.origin.provides(rule.new) or rule.target == member.attr and rule.new == new:
                continue
            if rule.is_factory or rule.new != tuple(new):
                raise CannotRewrite(f"line {use.lineno} uses {local}.{member.attr}, which its rule takes elsewhere")
            end = self.index.ast_offset(member.end_lineno, member.end_col_offset)
            if self.index.text[end - len(member.attr) : end] != member.attr:
                raise CannotRewrite(f"the use at line {use.lineno} could not be located exactly")
            statement.uses.append((Edit(end - len(member.attr), end, rule.target), f"{local}.{member.attr}", rule))

    def _names_through_plain_import(self, node: ast.Import, chain: Chain, alias: ast.alias) -> list[Finding]:
        """``import old.module`` then ``old.module.name``: a factory's object is left to a person (ULG004 on the
        import); a moved name is reported where it is used (ULG002), since no module rule moves the import."""
        module = tuple(alias.name.split("."))
        local = alias.asname or module[0]
        prefix = [local] if alias.asname else list(module)
        keep = spans_any(self.index.lines_containing({local})) if self.index.text.isascii() else None
        scopes = Scopes(self.tree, {local}, keep)
        findings: list[Finding] = []
        for use, use_chain in scopes.uses[local]:
            if scopes.binding_scope(local, use_chain) is not chain[-1]:
                continue
            nodes = _attribute_chain(use, scopes)
            parts = [local, *(n.attr for n in nodes[1:])]
            if parts[: len(prefix)] != prefix or len(parts) == len(prefix):
                continue
            rule = self.rules.name_rule(module, parts[len(prefix)])
            if rule is None or self.origin.provides(rule.new):
                continue
            line, col = self.index.column(self._span(use)[0])
            if rule.is_factory:
                line, col = self.index.column(self._span(node)[0])
                where = f"{'.'.join(parts[: len(prefix) + 1])} at line {use.lineno}"
                message = f"legacy import of {rule.old_name} cannot be rewritten automatically: {where} is the "
                message += "object its rule replaces by a factory; migrate it by hand"
                if not self._suppressed([self.index.line_text(line)], UNFIXABLE):
                    return [Finding(UNFIXABLE, line, col, message, (), (rule.old_name,))]
                return []
            message = f"legacy name {rule.old_name.replace(':', '.')} used as an attribute; not rewritten: "
            message += f"no module rule moves {alias.name} with it; use: {'.'.join(rule.new)}.{rule.target}"
            if not self._suppressed([self.index.line_text(line)], LEGACY_ATTRIBUTE):
                findings.append(Finding(LEGACY_ATTRIBUTE, line, col, message, (), (rule.old_name,)))
        return findings

    def _use(self, found: Match, parts: list[str], nodes: list[ast.AST]) -> Finding:
        """A use ``old.module[.name]...`` renamed with its module rule (and the name's rule, when it has one
        that keeps the new module)."""
        end_at, new_parts, legacy = found.end, list(found.rule.new), found.rule.old_name
        named = self.rules.name_rule(found.rule.old, parts[found.end]) if len(parts) > found.end else None
        if named is not None and not self.origin.provides(named.new):
            if named.is_factory or named.new != found.rule.new:
                raise CannotRewrite(
                    f"line {nodes[0].lineno} uses {'.'.join(parts[: found.end + 1])}, which its rule "
                    f"{'replaces by a factory' if named.is_factory else 'moves to another module'}"
                )
            end_at, new_parts, legacy = found.end + 1, [*named.new, named.target], named.old_name
        module_node = nodes[end_at - 1]
        if not isinstance(getattr(module_node, "ctx", ast.Load()), ast.Load):
            raise CannotRewrite(f"line {module_node.lineno} assigns to or deletes the module itself")
        start, _ = self._span(nodes[0])
        _, end = self._span(module_node)
        tokens = scan(self.index, start, end)
        names = [t for t in tokens if t.type == NAME]
        others = {t.string for t in tokens if t.type not in _LAYOUT}
        if [identifier(t) for t in names] != parts[:end_at] or not others <= {"."}:
            raise CannotRewrite(f"the use at line {module_node.lineno} could not be located exactly")
        new = ".".join(new_parts)
        line, col = self.index.column(start)
        kind = "name" if named is not None else "module"
        message = f"legacy {kind} {legacy.replace(':', '.')} used as an attribute; use: {new}"
        edits = tuple(rename_dotted(names, new_parts))
        imported = ((found.rule.old_name, parts[found.end]),) if len(parts) > found.end else ()
        return Finding(LEGACY_ATTRIBUTE, line, col, message, edits, (legacy,), new, imported)

    # -- reporting --------------------------------------------------------

    def _suppressed(self, comments: list[str], code: str) -> bool:
        return self.honor_noqa and noqa.suppresses(comments, code)

    def _report(self, statement: _Statement) -> list[Finding]:
        line, col = self.index.column(statement.start)
        modules = tuple(dict.fromkeys(statement.legacy))
        imported = tuple(dict.fromkeys(statement.imported))
        legacy = ", ".join(modules)
        if statement.problem == NOQA_PROBLEM:
            return []
        if statement.blocked:
            if self._suppressed(statement.comments, TARGET_MISSING):
                return []
            message = f"{statement.problem}; not rewritten"
            lacks = getattr(statement.problem, "lacks", ())
            return [Finding(TARGET_MISSING, line, col, message, (), modules, "", imported, lacks)]
        if statement.problem is not None:
            if self._suppressed(statement.comments, UNFIXABLE):
                return []
            message = f"legacy import of {legacy} cannot be rewritten automatically: {statement.problem}"
            return [Finding(UNFIXABLE, line, col, message + "; migrate it by hand", (), modules, "", imported)]
        message = f"legacy import of {legacy}"
        replacement, added = self._replacement(statement) if self.describe else ("", [])
        described = ", then ".join(part for part in (replacement, *added) if part)
        if described:
            message += f"; use: {described}"
        found = [Finding(LEGACY_IMPORT, line, col, message, statement.all_edits, modules, replacement, imported)]
        for edit, name, rule in statement.uses:
            if edit not in self.renamed:
                self.renamed.add(edit)
                use_line, use_col = self.index.column(edit.start)
                use = f"legacy name {name} ({rule.old_name}) renamed with its import; use: {edit.replacement}"
                modules = (rule.old_name,)
                found.append(Finding(LEGACY_ATTRIBUTE, use_line, use_col, use, (edit,), modules, edit.replacement))
        return found

    def _replacement(self, statement: _Statement) -> tuple[str, list[str]]:
        """The statement as rewritten ("" when it goes), and the lines added after it."""
        base = statement.start
        inner = [e for e in statement.edits if base <= e.start and e.end <= statement.end]
        shifted = [Edit(e.start - base, e.end - base, e.replacement) for e in inner]
        kept = len(inner) == len(statement.edits)  # else the statement itself goes
        new_text = apply_edits(self.index.text[base : statement.end], shifted) if kept else ""
        from ast import unparse

        try:
            rewritten = "; ".join(unparse(s) for s in parse(new_text).body)
        except SyntaxError:
            rewritten = " ".join(new_text.split())
        return rewritten, [*statement.added, *(text for _, text in statement.assignments)]

    def _names_legacy(self, node: ast.Constant) -> bool:
        """Whether a string is a dotted name under a rule (not a file name: ``'logging_config.py'``), or names a
        renamed name where it may be used (``'svc.one.old_name'``)."""
        value = node.value
        if not is_dotted_name(value.replace(":", ".", 1)):
            return False
        parts = value.replace(":", ".", 1).split(".")
        found = self.rules.match(parts)
        if found is None:
            named = any(self.rules.name_rule(parts[:end], parts[end]) for end in range(1, len(parts)))
            return named or parts[-1] in self.rules.renamed
        return not (len(parts) == found.end + 1 and parts[-1] in _FILE_SUFFIXES)

    def _rest_of_line(self, finding: Finding) -> str:
        """The text after a string's start on its line, where its ``# noqa`` stands."""
        start = self.index.offset(finding.line, finding.col)
        return self.index.text[start : self.index.line_end(finding.line)]


def _is_unresolved(problem: str) -> bool:
    return type(problem).__name__ == "Unresolved"


def _attribute_chain(use: ast.Name, scopes: Scopes) -> list[ast.AST]:
    """``use`` and the attribute nodes built on it, innermost first."""
    nodes: list[ast.AST] = [use]
    while nodes[-1] in scopes.parents:
        nodes.append(scopes.parents[nodes[-1]])
    return nodes


def _imports_package(binder: ast.AST, name: str) -> bool:
    """Whether ``binder`` binds ``name`` only as the package object itself (``import name[.sub]``)."""
    return isinstance(binder, ast.Import) and all(
        alias.asname is None for alias in binder.names if (alias.asname or alias.name.split(".")[0]) == name
    )


def _check_spelling(names: Sequence[Token], parts: Sequence[str]) -> None:
    if [identifier(t) for t in names] != list(parts):
        raise CannotRewrite("the statement could not be tokenized exactly")


def _import_aliases(tokens: list[Token]) -> list[tuple[list[Token], Token | None]]:
    """``(name tokens, as-name token)`` for each alias of an ``import`` statement."""
    aliases: list[tuple[list[Token], Token | None]] = [([], None)]
    after_as = False
    for tok in tokens[1:]:
        if tok.type == NAME and tok.string == "as":
            after_as = True
        elif tok.type == NAME:
            names, asname = aliases[-1]
            aliases[-1] = (names, tok) if after_as else ([*names, tok], asname)
            after_as = False
        elif tok.string == ",":
            aliases.append(([], None))
    return aliases


def _from_parts(tokens: list[Token]) -> tuple[list[Token], list[tuple[Token, Token | None]]]:
    """The module tokens (dots and names) and ``(name, as-name)`` tokens of each alias."""
    at = next(i for i, t in enumerate(tokens) if t.type == NAME and t.string == "import" and i > 0)
    region = [t for t in tokens[1:at] if t.type in (NAME, OP)]
    aliases: list[tuple[Token, Token | None]] = []
    after_as = False
    for tok in tokens[at + 1 :]:
        if tok.type == NAME and tok.string == "as":
            after_as = True
        elif tok.type == NAME or tok.string == "*":
            if after_as:
                aliases[-1] = (aliases[-1][0], tok)
            else:
                aliases.append((tok, None))
            after_as = False
    return region, aliases


def _remove_aliases(index: LineIndex, aliases: list[tuple[Token, Token | None]], moved: list[int]) -> list[Edit]:
    """Edits that delete the aliases at ``moved`` with their commas; at least one alias stays. The other
    aliases keep their comments: a trailing alias alone on its line goes with that line."""
    def end(i: int) -> int:
        name, asname = aliases[i]
        return (asname or name).end

    kept = [i for i in range(len(aliases)) if i not in moved]
    edits = []
    for i in moved:
        if i < kept[-1]:
            edits.append(Edit(aliases[i][0].start, aliases[i + 1][0].start, ""))
    trailing = [i for i in moved if i > kept[-1]]
    if trailing:
        first, last = aliases[trailing[0]][0].start, end(trailing[-1])
        if "\n" in index.text[end(kept[-1]) : first] or "\r" in index.text[end(kept[-1]) : first]:
            rest = re.compile(_REST_OF_ALIAS_LINE).match(index.text, last)
            line_start = index.starts[index.line_of(first) - 1]
            if rest is not None and not index.text[line_start:first].strip(" \t\f"):
                return [*edits, Edit(line_start, rest.end(), "")]
        edits.append(Edit(end(kept[-1]), last, ""))
    return edits
