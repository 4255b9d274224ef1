"""The rule kinds: one module each, from a legacy import's match to its plan, with its own examples.

A name rule's kind (``NameRule.kind``) is its module here, loaded for the first rule of that kind that matches
(a file that only moves modules never loads them); a new kind is a module and a line in ``kind_of``."""
from __future__ import annotations

from ...rules import NameRule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType

NAME_RULE_KINDS = ("rename", "factory")


def kind_of(rule: NameRule) -> ModuleType:
    """The module of a name rule's kind. Each says, besides planning its matches (``plan_name(ctx, match, move,
    earlier moves) -> NamePlan``): whether the new import binds the old local name (``KEEPS_ALIAS``), why
    references to the old name elsewhere cannot follow it (``NOT_FOLLOWED``, ``STRING_NOT_FOLLOWED``; empty when
    they can), whether the plan's object comes from a call whose result must have what the file uses
    (``RETURNS_OBJECT``), and a shim's line for it (``shim_line``)."""
    if rule.kind == "factory":
        from . import factory_move

        return factory_move
    from . import name_move

    return name_move
