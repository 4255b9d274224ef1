"""The name rule kinds: one module each in this folder, found by listing it, each a ``RuleKind``
(``engine/rule_kind.py``): its rule syntax, its plan of a matched name, its flags, its shim line and its examples.

A rule's kind is the name of its module (``NameRule.kind``, set by the rule parser), imported when a name rule is
parsed or planned; a configuration of module rules alone never loads one. A kind module imports its planning code
inside its functions, so that parsing a configuration costs no more than the syntax. The one kind named here is the
fallback, the plain ``module:name`` that every other kind's syntax is tried before."""
from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ...rules import NameRule
    from ..rule_kind import RuleKind

FALLBACK = "name_move"  # the kind of a plain ``module:name`` right-hand side, which no other kind claims


def kind_names() -> tuple[str, ...]:
    """The kinds, by listing the folder (as ``pkgutil.iter_modules`` would, without loading its machinery on a hook
    call): every module not named with a leading underscore, sorted."""
    found = set()
    for folder in __path__:
        for entry in os.listdir(folder):
            name, ext = os.path.splitext(entry)
            if ext == ".py" and not name.startswith("_") and name.isidentifier():
                found.add(name)
    return tuple(sorted(found))


def kind_named(name: str) -> RuleKind:
    """The module of the kind ``name``."""
    module: RuleKind = __import__(f"{__name__}.{name}", fromlist=("EXAMPLES",))
    return module


def kind_of(rule: NameRule) -> RuleKind:
    """The module of a name rule's kind."""
    return kind_named(rule.kind)


def parse_new(text: str) -> tuple[str, str, str | None]:
    """A name rule's right-hand side read by the kind whose syntax it is (the fallback's when no other claims it):
    the kind, its ``module:name`` part and the kind's arguments. ``ValueError`` when the claiming kind refuses it."""
    names = kind_names()
    for name in (*(n for n in names if n != FALLBACK), FALLBACK):
        found = kind_named(name).parse_new(text)
        if found is not None:
            return (name, *found)
    raise ValueError(f"{text!r} is no kind's right-hand side")
