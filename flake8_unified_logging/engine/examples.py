"""A rule kind's examples, as its module writes them (a module of its own: every kind loads it, and a parsed
configuration needs nothing else of the engine)."""
from __future__ import annotations

from ..records import Record


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
