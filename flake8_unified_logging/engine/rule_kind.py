"""What a name rule kind is: the module-level names each module of ``engine/kinds/`` defines. Read by the type
checker and the tests (``typing`` costs a hook call more than the kinds themselves)."""
from __future__ import annotations

from _collections_abc import Sequence
from typing import Protocol

from ..rules import NameRule
from ..kind_registry import Example

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .file_context import FileContext
    from .plans import ImportMatch, Move, NamePlan


class RuleKind(Protocol):
    """A kind of name rule (``old.module:name = RIGHT-HAND SIDE``), as one module.

    ``NOT_FOLLOWED`` and ``STRING_NOT_FOLLOWED``: why a use of the old name elsewhere (an attribute of its module,
    a string Python resolves) cannot follow it, empty when it can; ``RETURNS_OBJECT``: the object comes from a call
    whose result must have what the file uses; ``EXAMPLES``: before/after pairs, run by the tests and made into the
    tables of docs/rules.md."""

    EXAMPLES: tuple[Example, ...]
    NOT_FOLLOWED: str
    STRING_NOT_FOLLOWED: str
    RETURNS_OBJECT: bool

    def parse_new(self, text: str) -> tuple[str, str | None] | None:
        """The right-hand side's ``module:name`` part and the kind's arguments, None when it is not this kind's
        syntax; ``ValueError`` (the reason) when it is, but malformed."""

    def format_new(self, rule: NameRule) -> str:
        """The right-hand side as a rule file spells it."""

    def local_name(self, asname: str | None, name: str, target: str) -> str:
        """The local name the new import binds for ``from old import name [as asname]`` moved to ``target``."""

    def plan_name(self, ctx: FileContext, match: ImportMatch, move: Move, earlier: Sequence[Move]) -> NamePlan:
        """What a matched name takes besides the import (``earlier``: the moves of the statement planned before)."""

    def shim_line(self, rule: NameRule, name: str, module: str, stem: str) -> str | None:
        """The line a shim of the legacy module writes for the name, beside its import (None: the import alone)."""
