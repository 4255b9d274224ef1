"""The immutable values that pass between the engine's steps: a legacy import statement as found (ImportMatch),
where one of its names goes (Move), what a name rule's match takes (NamePlan), and what rewriting it takes (Plan)."""
from __future__ import annotations

import _ast as ast

from ..records import Record
from ..resolve.modules import Unresolved
from ..rules import NameRule
from ..source.edits import Edit
from ..source.positions import Token
from ..source.scopes import Chain


class ImportMatch(Record):
    """An import statement naming a legacy module: its node, scopes, exact span, tokens and comments; ``anchor``
    the package its dots start from (``()`` without dots, None when the file's package is unknown), ``module``
    the absolute module a ``from`` statement imports from (None: unknown, or an ``import``), ``body`` the
    statement list holding it, once a step that places lines has looked it up (None before)."""

    __slots__ = ()
    node: ast.Import | ast.ImportFrom
    chain: Chain
    start: int
    end: int
    tokens: tuple[Token, ...]
    comments: tuple[str, ...]
    anchor: tuple[str, ...] | None
    module: tuple[str, ...] | None
    body: list[ast.stmt] | None

    def __new__(
        cls,
        node: ast.Import | ast.ImportFrom,
        chain: Chain,
        start: int,
        end: int,
        tokens: tuple[Token, ...],
        comments: tuple[str, ...],
        anchor: tuple[str, ...] | None = (),
        module: tuple[str, ...] | None = None,
        body: list[ast.stmt] | None = None,
    ) -> ImportMatch:
        return tuple.__new__(cls, (node, chain, start, end, tokens, comments, anchor, module, body))


class Move(Record):
    """Where one name of a ``from`` statement goes: ``leaf`` imported from ``place``, by a name ``rule`` or not;
    ``dropped`` when it is a factory already imported in that body (only the assignment is added);
    ``local_name``: the name the new import binds, as the rule kind says (empty: the statement's own)."""

    __slots__ = ()
    alias: ast.alias
    place: tuple[str, ...]
    leaf: str
    rule: NameRule | None
    dropped: bool
    local_name: str

    def __new__(
        cls,
        alias: ast.alias,
        place: tuple[str, ...],
        leaf: str,
        rule: NameRule | None = None,
        dropped: bool = False,
        local_name: str = "",
    ) -> Move:
        return tuple.__new__(cls, (alias, place, leaf, rule, dropped, local_name))

    @property
    def local(self) -> str:
        """The name the import binds after the rewrite."""
        return self.local_name or self.alias.asname or self.alias.name


RenamedUse = tuple[Edit, str, NameRule]  # a renamed use: its edit, the name as the code reads it, and its rule
Rebound = tuple[str, tuple[tuple[str, ...], str], tuple[tuple[str, ...], str]]  # a local name, (module, name) before
# and after the rewrite


class NamePlan(Record):
    """What one name rule's match takes besides the import: its move (``dropped`` or not), the calls that must bind
    to the new definition ((rule, local name)), the uses renamed with it, the assignments that make a factory's
    object (the statement they follow, their text); ``removed``: why the name goes with nothing in its place (a
    factory's object nothing reads)."""

    __slots__ = ()
    move: Move
    calls: tuple[tuple[NameRule, str], ...]
    uses: tuple[RenamedUse, ...]
    assignments: tuple[tuple[ast.stmt, str], ...]
    removed: str

    def __new__(
        cls,
        move: Move,
        calls: tuple[tuple[NameRule, str], ...] = (),
        uses: tuple[RenamedUse, ...] = (),
        assignments: tuple[tuple[ast.stmt, str], ...] = (),
        removed: str = "",
    ) -> NamePlan:
        return tuple.__new__(cls, (move, calls, uses, assignments, removed))


class Plan(Record):
    """What rewriting one statement takes, or why it is refused (``problem``; ``blocked``: a target lacks it).

    ``targets`` are what the rewrite imports, for the target check: (module, names), no names for ``import
    module``; ``imported`` the (legacy module, name) pairs it takes; ``calls`` the names a name rule moves, by the
    local name calls use; ``groups`` the (scope, name) bindings of plain imports whose attribute uses move with it;
    ``plain_names`` the aliases of plain imports of modules that only name rules have; ``removed`` why names the
    statement binds go with nothing in their place; ``rebound`` the names the rewrite binds to another object (a
    module or name rule's), whose uses are checked on it."""

    __slots__ = ()
    match: ImportMatch
    legacy: tuple[str, ...]
    edits: tuple[Edit, ...]
    insertions: tuple[Edit, ...]
    added: tuple[str, ...]
    assignments: tuple[tuple[ast.stmt, str], ...]
    uses: tuple[RenamedUse, ...]
    moves: tuple[Move, ...]
    calls: tuple[tuple[NameRule, str], ...]
    targets: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    imported: tuple[tuple[str, str], ...]
    groups: tuple[tuple[ast.AST, str], ...]
    plain_names: tuple[ast.alias, ...]
    problem: str | Unresolved | None
    blocked: bool
    removed: tuple[str, ...]
    rebound: tuple[Rebound, ...]

    def __new__(
        cls,
        match: ImportMatch,
        legacy: tuple[str, ...] = (),
        edits: tuple[Edit, ...] = (),
        insertions: tuple[Edit, ...] = (),
        added: tuple[str, ...] = (),
        assignments: tuple[tuple[ast.stmt, str], ...] = (),
        uses: tuple[RenamedUse, ...] = (),
        moves: tuple[Move, ...] = (),
        calls: tuple[tuple[NameRule, str], ...] = (),
        targets: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (),
        imported: tuple[tuple[str, str], ...] = (),
        groups: tuple[tuple[ast.AST, str], ...] = (),
        plain_names: tuple[ast.alias, ...] = (),
        problem: str | None = None,
        blocked: bool = False,
        removed: tuple[str, ...] = (),
        rebound: tuple[Rebound, ...] = (),
    ) -> Plan:
        fields = (match, legacy, edits, insertions, added, assignments, uses, moves, calls, targets, imported)
        return tuple.__new__(cls, (*fields, groups, plain_names, problem, blocked, removed, rebound))

    @property
    def all_edits(self) -> tuple[Edit, ...]:
        return (*self.edits, *self.insertions)

    def refused(self, problem: str, blocked: bool = False) -> Plan:
        """This plan with no edits, for ``problem`` (``blocked``: a target lacks what it needs)."""
        return self._replace(problem=problem, edits=(), uses=(), insertions=(), blocked=self.blocked or blocked)
