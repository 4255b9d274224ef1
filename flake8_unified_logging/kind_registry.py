"""The rule kinds' registry: the modules of ``engine/kinds/``, found by listing that folder and loaded by name, as a
plugin folder is. The rule parser, the engine, ``shim``, the verifier and the docs read the kinds here, so a kind is
one file and nothing names it; the folder is named only by this module's ``KINDS`` string, so the registry imports
nothing of the package above it and parsing a configuration of module rules alone loads no kind.

A rule's kind is the name of its module (``NameRule.kind``, set by the rule parser). A kind module imports its
planning code inside its functions, so that parsing a configuration costs no more than the kinds' syntax. A kind's
``EXAMPLES`` are ``Example`` values, defined here, the one thing every kind loads."""
from __future__ import annotations

import os

from .records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import ModuleType

KINDS = f"{__package__}.engine.kinds"
FALLBACK = "name_move"  # the kind of a plain ``module:name`` right-hand side, which no other kind claims


def kind_names() -> tuple[str, ...]:
    """The kinds, by listing the folder (as ``pkgutil.iter_modules`` would, without loading its machinery on a hook
    call): every module not named with a leading underscore, sorted."""
    found = set()
    for folder in __import__(KINDS, fromlist=("__path__",)).__path__:
        for entry in os.listdir(folder):
            name, ext = os.path.splitext(entry)
            if ext == ".py" and not name.startswith("_") and name.isidentifier():
                found.add(name)
    return tuple(sorted(found))


def kind_named(name: str) -> ModuleType:
    """The module of the kind ``name`` (a ``RuleKind``: ``engine/rule_kind.py``)."""
    module: ModuleType = __import__(f"{KINDS}.{name}", fromlist=("EXAMPLES",))
    return module


def parse_new(text: str) -> tuple[str, str, str | None]:
    """A name rule's right-hand side read by the kind whose syntax it is (the fallback's when no other claims it):
    the kind, its ``module:name`` part and the kind's arguments. ``ValueError`` when the claiming kind refuses it."""
    names = kind_names()
    for name in (*(n for n in names if n != FALLBACK), FALLBACK):
        found = kind_named(name).parse_new(text)
        if found is not None:
            return (name, *found)
    raise ValueError(f"{text!r} is no kind's right-hand side")


class Example(Record):
    """A rule kind's own example: ``before`` as ``fix`` leaves it, or ``after`` what it writes (equal: nothing to
    do), with ``rules`` (none: the built-in ones), in ``package`` (dotted, for relative imports), with
    ``--fix-strings`` (``strings``); ``note`` says what it shows. The kinds' examples are tested and make the tables
    of docs/rules.md."""

    __slots__ = ()
    before: str
    after: str
    rules: tuple[str, ...]
    note: str
    package: str | None
    strings: bool

    def __new__(
        cls,
        before: str,
        after: str,
        rules: tuple[str, ...] = (),
        note: str = "",
        package: str | None = None,
        strings: bool = False,
    ) -> Example:
        return tuple.__new__(cls, (before, after, rules, note, package, strings))
