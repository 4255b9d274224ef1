"""The name rule kinds: one module each in this folder, each a ``RuleKind`` (``engine/rule_kind.py``): its rule
syntax, its plan of a matched name, its flags, its shim line and its examples. The registry that lists them is
``kind_registry.py``; a new kind is one module here and nothing else."""
from __future__ import annotations

from ...kind_registry import kind_named

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ...rules import NameRule
    from ..rule_kind import RuleKind


def kind_of(rule: NameRule) -> RuleKind:
    """The module of a name rule's kind, as the engine plans with it."""
    found: RuleKind = kind_named(rule.kind)  # type: ignore[assignment]
    return found
