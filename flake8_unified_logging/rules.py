"""Rules: a legacy dotted module and the module that replaces it."""
from __future__ import annotations

import keyword
import os
import re
from collections import namedtuple
from collections.abc import Iterable, Sequence

DEFAULT_RULES_TEXT = """\
utils.logger_utils = utils.logging
logging_config = utils.logging
"""


class RuleError(ValueError):
    """A rule that cannot be used; ``line`` is its 1-based line in ``source``."""

    def __init__(self, message: str, source: str = "", line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def __str__(self) -> str:
        where = self.source
        if where and self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class Rule(namedtuple("Rule", "old new")):
    """``old`` (a legacy dotted module, as segments) moved to ``new``."""

    __slots__ = ()
    old: tuple[str, ...]
    new: tuple[str, ...]

    @property
    def old_name(self) -> str:
        return ".".join(self.old)

    @property
    def new_name(self) -> str:
        return ".".join(self.new)

    def __str__(self) -> str:
        return f"{self.old_name} = {self.new_name}"


class Match(namedtuple("Match", "rule start")):
    """``rule`` matches ``parts[start:start + len(rule.old)]``."""

    __slots__ = ()
    rule: Rule
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.rule.old)

    def apply(self, parts: Sequence[str]) -> tuple[str, ...]:
        return (*parts[: self.start], *self.rule.new, *parts[self.end :])


class RuleSet:
    """Rules indexed for segment-aligned, longest-first matching."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = tuple(rules)
        self._by_old = {rule.old: rule for rule in self.rules}
        self._lengths = sorted({len(rule.old) for rule in self.rules}, reverse=True)
        self.needles = frozenset(rule.old[-1] for rule in self.rules)
        # Packages of legacy modules: ``import package`` alone reaches them too.
        self.packages = frozenset(rule.old[0] for rule in self.rules if len(rule.old) > 1)
        self._ascii = all(needle.isascii() for needle in self.needles)
        self._spellings = {_Spelling.of(rule.old) for rule in self.rules} if self._ascii else set()
        # One scan for every last segment at once: faster than a substring test per segment.
        self._any_last = b"|".join(sorted(re.escape(n.encode()) for n in self.needles)) or b"(?!)"

    def __bool__(self) -> bool:
        return bool(self.rules)

    def occur_in(self, text: str) -> bool:
        """Cheap first test: every reference to a module spells its last segment."""
        return any(needle in text for needle in self.needles)

    def may_occur_in(self, data: bytes, path: str = "") -> bool:
        """A stricter test on undecoded bytes, which never skips a file that refers to a module.

        An absolute reference spells the dotted name (``a.b.c``, spaces and continuations allowed around the
        dots) or its package before ``import`` (``from a.b import c``); a relative one has ``from .`` and takes
        the other segments from the file or from its ``path`` (where its package comes from). Exact for ASCII
        names; for others only the decoded text can tell.
        """
        if not self._ascii:
            return True
        if re.compile(self._any_last).search(data) is None:
            return False
        return any(
            spelling.last in data and (spelling.absolute_in(data) or spelling.relative_in(data, path))
            for spelling in self._spellings
        )

    def match(self, parts: Sequence[str], start: int = 0) -> Match | None:
        """The longest rule whose old module is ``parts[start:]`` or a package of it."""
        available = len(parts) - start
        for length in self._lengths:
            if length <= available:
                rule = self._by_old.get(tuple(parts[start : start + length]))
                if rule is not None:
                    return Match(rule, start)
        return None

    def rename(self, dotted: str) -> str | None:
        found = self.match(dotted.split("."))
        return ".".join(found.apply(dotted.split("."))) if found else None


_GAP = rb"(?:[ \t\f\r\n]|\\)*"
# Patterns are compiled (and cached by ``re``) on first use: most files never get that far.
_RELATIVE = rb"from" + _GAP + rb"\."


class _Spelling(namedtuple("_Spelling", "first last others absolute")):
    """How ``module`` can be written: its segments, and a pattern for its absolute spellings that is tried
    only where the first segment starts a word (``re`` has no fast scan for a pattern opening with ``\\b``)."""

    __slots__ = ()

    @classmethod
    def of(cls, module: tuple[str, ...]) -> _Spelling:
        def dotted(parts: Sequence[str]) -> bytes:
            return (_GAP + rb"\." + _GAP).join(re.escape(part.encode()) for part in parts)

        forms = [dotted(module) + rb"\b"]
        if len(module) > 1:
            forms.append(dotted(module[:-1]) + _GAP + rb"import\b")
        others = tuple(part.encode() for part in module[:-1])
        return cls(module[0].encode(), module[-1].encode(), others, b"|".join(forms))

    def absolute_in(self, data: bytes) -> bool:
        return _word_at(data, self.first, self.absolute)

    def relative_in(self, data: bytes, path: str) -> bool:
        if not _word_at(data, b"from", _RELATIVE):
            return False
        where = os.path.abspath(path).encode("utf-8", "surrogateescape") if path else b""
        return all(p in data or p in where for p in self.others)


def _word_at(data: bytes, word: bytes, pattern: bytes) -> bool:
    """Whether ``pattern`` matches where ``word`` starts a word in ``data``."""
    at = data.find(word)
    while at != -1:
        if (at == 0 or not (data[at - 1 : at].isalnum() or data[at - 1] == 95)) and re.compile(pattern).match(data, at):
            return True
        at = data.find(word, at + 1)
    return False


def is_dotted_name(text: str) -> bool:
    return all(part.isidentifier() and not keyword.iskeyword(part) for part in text.split("."))


def parse_rule(text: str, source: str = "", line: int = 0) -> Rule:
    if "=" not in text:
        raise RuleError(f"rule {text.strip()!r} has no '=' (expected OLD = NEW)", source, line)
    old, _, new = (side.strip() for side in text.partition("="))
    for side, value in (("old", old), ("new", new)):
        if not value:
            raise RuleError(f"rule {text.strip()!r} has an empty {side} module", source, line)
        if not is_dotted_name(value):
            raise RuleError(f"rule {text.strip()!r}: {value!r} is not a dotted module name", source, line)
    if old == new:
        raise RuleError(f"rule {text.strip()!r} maps a module to itself", source, line)
    return Rule(tuple(old.split(".")), tuple(new.split(".")))


def parse_rules(lines: Iterable[tuple[int, str]], source: str = "") -> RuleSet:
    """Rules from ``(line number, text)`` pairs; blank lines and ``#`` comments are skipped."""
    rules: list[Rule] = []
    where: dict[Rule, int] = {}
    seen: dict[tuple[str, ...], Rule] = {}
    for number, raw in lines:
        text = raw.split("#", 1)[0].strip()
        if not text:
            continue
        rule = parse_rule(text, source, number)
        previous = seen.get(rule.old)
        if previous is not None and previous != rule:
            raise RuleError(f"conflicting rules for {rule.old_name}: {previous} and {rule}", source, number)
        if previous is None:
            seen[rule.old] = rule
            rules.append(rule)
            where[rule] = number
    ruleset = RuleSet(rules)
    for rule in rules:
        again = ruleset.match(rule.new)
        if again is not None:
            raise RuleError(
                f"rule {rule}: its replacement would be rewritten again by rule {again.rule}",
                source,
                where[rule],
            )
    return ruleset


def split_rule_text(text: str) -> list[tuple[int, str]]:
    """Numbered rule entries of an option value: one per line, commas also separate."""
    entries: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for entry in line.split("#", 1)[0].split(","):
            entries.append((number, entry))
    return entries


DEFAULT_RULES = parse_rules(split_rule_text(DEFAULT_RULES_TEXT), "built-in rules")
