"""The rule kinds: one module each, from a legacy import's match to its plan.

A name rule's kind (``NameRule.kind``) is planned by its module's ``plan_name(ctx, match, move, earlier moves) ->
NamePlan``; a new kind is a module and a line in ``NAME_RULE_KINDS``."""
from types import ModuleType

from ...rules import NameRule
from . import factory_move, name_move

NAME_RULE_KINDS = {name_move.KIND: name_move, factory_move.KIND: factory_move}


def kind_of(rule: NameRule) -> ModuleType:
    """The module of a name rule's kind. Each says, besides planning its matches: whether the new import binds the
    old local name (``KEEPS_ALIAS``), why references to the old name elsewhere cannot follow it
    (``NOT_FOLLOWED``, ``STRING_NOT_FOLLOWED``; empty when they can), whether the plan's object comes from a call
    whose result must have what the file uses (``RETURNS_OBJECT``), and a shim's line for it (``shim_line``)."""
    return NAME_RULE_KINDS[rule.kind]
