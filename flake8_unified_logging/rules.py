"""Rules: a legacy dotted module and the module that replaces it."""
from __future__ import annotations

import keyword
import os
from _collections_abc import Iterable, Sequence

from .byte_test import absolute_in, patches, reached_in, relative_in
from .records import Record

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


class Rule(Record):
    """``old`` (a legacy dotted module, as segments) moved to ``new``."""

    __slots__ = ()
    old: tuple[str, ...]
    new: tuple[str, ...]

    def __new__(cls, old: tuple[str, ...], new: tuple[str, ...]) -> Rule:
        return tuple.__new__(cls, (old, new))

    @property
    def old_name(self) -> str:
        return ".".join(self.old)

    @property
    def new_name(self) -> str:
        return ".".join(self.new)

    def reversed(self) -> Rule:
        return Rule(self.new, self.old)

    def __str__(self) -> str:
        return f"{self.old_name} = {self.new_name}"


class NameRule(Record):
    """The name ``name`` of module ``old`` moved to ``new`` as ``target``, by the rule kind ``kind`` (the name of
    its module in ``engine/kinds/``, which the parser asks through ``kind_registry.py``); ``args``: the kind's
    arguments (a factory's, the text between the parentheses: the object ``name`` is replaced by a call
    ``target(args)`` of a factory in ``new``)."""

    __slots__ = ()
    old: tuple[str, ...]
    name: str
    new: tuple[str, ...]
    target: str
    args: str | None
    kind: str

    def __new__(
        cls, old: tuple[str, ...], name: str, new: tuple[str, ...], target: str, args: str | None, kind: str
    ) -> NameRule:
        return tuple.__new__(cls, (old, name, new, target, args, kind))

    @property
    def old_name(self) -> str:
        return f"{'.'.join(self.old)}:{self.name}"

    @property
    def new_name(self) -> str:
        return f"{'.'.join(self.new)}:{self.target}"

    @property
    def renames(self) -> bool:
        """Whether the name takes a new name where it is imported (a string patching it must follow)."""
        return self.args is None and self.target != self.name

    def call(self, module: str, stem: str) -> str:
        """The factory call for a file: ``{module}`` and ``{stem}`` in the arguments filled in."""
        return f"{self.target}({(self.args or '').replace('{module}', module).replace('{stem}', stem)})"

    @property
    def needs_file_name(self) -> bool:
        return "{module}" in (self.args or "") or "{stem}" in (self.args or "")

    def reversed(self) -> NameRule:
        """The name moved back, by the kind a plain ``module:name`` right-hand side is."""
        from .kind_registry import FALLBACK  # only a name rule needs the kinds

        return NameRule(self.new, self.target, self.old, self.name, None, FALLBACK)

    def __str__(self) -> str:
        from .kind_registry import kind_named

        return f"{self.old_name} = {kind_named(self.kind).format_new(self)}"


class Match(Record):
    """``rule`` matches ``parts[start:start + len(rule.old)]``."""

    __slots__ = ()
    rule: Rule
    start: int

    def __new__(cls, rule: Rule, start: int) -> Match:
        return tuple.__new__(cls, (rule, start))

    @property
    def end(self) -> int:
        return self.start + len(self.rule.old)

    def apply(self, parts: Sequence[str]) -> tuple[str, ...]:
        return (*parts[: self.start], *self.rule.new, *parts[self.end :])


class RuleSet:
    """Rules indexed for segment-aligned, longest-first matching."""

    def __init__(self, rules: Iterable[Rule | NameRule]) -> None:
        self.rules = tuple(rules)
        modules = [rule for rule in self.rules if isinstance(rule, Rule)]
        self._by_old = {rule.old: rule for rule in modules}
        self._lengths = sorted({len(rule.old) for rule in modules}, reverse=True)
        self.names: dict[tuple[str, ...], dict[str, NameRule]] = {}
        for rule in self.rules:
            if isinstance(rule, NameRule):
                self.names.setdefault(rule.old, {})[rule.name] = rule
        self.needles = frozenset(rule.old[-1] for rule in self.rules)
        # Names that name rules rename: a string patching one where it is used (``"svc.one.old_name"``) must follow.
        self.renamed = frozenset(r.name for r in self.rules if isinstance(r, NameRule) and r.renames)
        # Packages of legacy modules: ``import package`` alone reaches them too.
        self.packages = frozenset(rule.old[0] for rule in modules if len(rule.old) > 1)
        self._ascii = all(needle.isascii() for needle in self.needles)
        # Each legacy module's segments, as bytes, for the byte test.
        self._spellings = {tuple(p.encode() for p in rule.old) for rule in self.rules} if self._ascii else set()
        self._lasts = tuple(sorted(needle.encode() for needle in self.needles))

    def __bool__(self) -> bool:
        return bool(self.rules)

    def occur_in(self, text: str) -> bool:
        """Cheap first test: every reference to a module spells its last segment (a renamed name, its name)."""
        return any(needle in text for needle in self.needles) or any(name in text for name in self.renamed)

    def may_occur_in(self, data: bytes, path: str = "") -> bool:
        """A stricter test on undecoded bytes, which never skips a file that refers to a module.

        An absolute reference spells the dotted name (``a.b.c``, spaces and continuations allowed around the
        dots) or its package before ``import`` (``from a.b import c``); a relative one has ``from .`` and takes
        the other segments from the file or from its ``path`` (where its package comes from); a module reached
        through a package above it reads its last segment as an attribute (``from a import b`` then ``b.c``).
        Exact for ASCII names; for others only the decoded text can tell.
        """
        if not self._ascii:
            return True
        if self.renamed and any(name.encode() in data for name in self.renamed) and patches(data):
            return True
        if not any(last in data for last in self._lasts):
            return False
        return any(
            parts[-1] in data
            and (absolute_in(data, parts) or relative_in(data, parts, path) or reached_in(data, parts))
            for parts in self._spellings
        )

    def may_be_module_file(self, path: str) -> bool:
        """Whether ``path`` may be a legacy module's own file (``utils/logger_utils.py``, ``.../__init__.py``),
        by its name alone."""
        stem = os.path.splitext(os.path.basename(path))[0]
        return stem in self.needles or os.path.basename(os.path.dirname(path)) in self.needles

    def match(self, parts: Sequence[str], start: int = 0) -> Match | None:
        """The longest rule whose old module is ``parts[start:]`` or a package of it."""
        available = len(parts) - start
        for length in self._lengths:
            if length <= available:
                rule = self._by_old.get(tuple(parts[start : start + length]))
                if rule is not None:
                    return Match(rule, start)
        return None

    def name_rule(self, module: Sequence[str], name: str) -> NameRule | None:
        """The rule for ``name`` imported from ``module``, if one moves it."""
        return self.names.get(tuple(module), {}).get(name)

    def rename(self, dotted: str) -> str | None:
        found = self.match(dotted.split("."))
        return ".".join(found.apply(dotted.split("."))) if found else None


def is_dotted_name(text: str) -> bool:
    return all(part.isidentifier() and not keyword.iskeyword(part) for part in text.split("."))


def parse_rule(text: str, source: str = "", line: int = 0) -> Rule | NameRule:
    if "=" not in text:
        raise RuleError(f"rule {text.strip()!r} has no '=' (expected OLD = NEW)", source, line)
    old, _, new = (side.strip() for side in text.partition("="))
    if ":" in old or ":" in new:
        return _parse_name_rule(text.strip(), old, new, source, line)
    for side, value in (("old", old), ("new", new)):
        if not value:
            raise RuleError(f"rule {text.strip()!r} has an empty {side} module", source, line)
        if not is_dotted_name(value):
            raise RuleError(f"rule {text.strip()!r}: {value!r} is not a dotted module name", source, line)
    if old == new:
        raise RuleError(f"rule {text.strip()!r} maps a module to itself", source, line)
    return Rule(tuple(old.split(".")), tuple(new.split(".")))


def _parse_name_rule(text: str, old: str, new: str, source: str, line: int) -> NameRule:
    """``old.module:name = RIGHT-HAND SIDE``, the right-hand side as its rule kind reads it (``new.module:name``,
    ``new.module:factory(ARGS)``, ...)."""
    from .kind_registry import parse_new  # a configuration of module rules alone never loads the kinds

    try:
        kind, new, args = parse_new(new)
    except ValueError as reason:
        raise RuleError(f"rule {text!r}: {reason}", source, line) from None
    sides = []
    for side, value in (("old", old), ("new", new)):
        module, colon, name = (part.strip() for part in value.partition(":"))
        if not colon or not module or not name:
            raise RuleError(f"rule {text!r}: the {side} side must be 'module:name' like the other", source, line)
        if not is_dotted_name(module) or not is_dotted_name(name) or "." in name:
            raise RuleError(f"rule {text!r}: {value!r} is not 'dotted.module:name'", source, line)
        sides.append((tuple(module.split(".")), name))
    (old_module, name), (new_module, target) = sides
    if (old_module, name) == (new_module, target) and args is None:
        raise RuleError(f"rule {text!r} maps a name to itself", source, line)
    return NameRule(old_module, name, new_module, target, args, kind)


def parse_rules(lines: Iterable[tuple[int, str]], source: str = "") -> RuleSet:
    """Rules from ``(line number, text)`` pairs; blank lines and ``#`` comments are skipped."""
    rules: list[Rule | NameRule] = []
    where: dict[Rule | NameRule, int] = {}
    seen: dict[object, Rule | NameRule] = {}
    for number, raw in lines:
        text = without_comment(raw).strip()
        if not text:
            continue
        rule = parse_rule(text, source, number)
        key = (rule.old, rule.name) if isinstance(rule, NameRule) else rule.old
        previous = seen.get(key)
        if previous is not None and previous != rule:
            raise RuleError(f"conflicting rules for {rule.old_name}: {previous} and {rule}", source, number)
        if previous is None:
            seen[key] = rule
            rules.append(rule)
            where[rule] = number
    return RuleSet(_compose(rules, where, source))


def _compose(rules: list[Rule | NameRule], where: dict[Rule | NameRule, int], source: str) -> list[Rule | NameRule]:
    """Each rule's replacement followed through the rules that move it again (``a:X = b:X`` and ``b:X = c:X`` give
    ``a:X = c:X``), and a module rule's names through the name rules of its new module, as peers ship rule tables.
    A chain that never ends (it comes back, or grows: ``a = a.b``) is an error."""
    ruleset = RuleSet(rules)
    composed: list[Rule | NameRule] = []
    for rule in rules:
        current, seen = rule, {(rule.old, getattr(rule, "name", None))}
        while True:
            again = _again(ruleset, current)
            if again is None:
                break
            factories = getattr(again, "args", None) is not None and getattr(current, "args", None) is not None
            current = _followed(current, again)
            side = (current.new, getattr(current, "target", None))
            if factories or side in seen or len(seen) > len(rules):
                why = f"its factory is an object rule {again} replaces by a call" if factories else "it loops"
                raise RuleError(f"rule {rule}: {why} through rule {again}" if not factories else f"rule {rule}: {why}",
                                source, where[rule])
            seen.add(side)
        composed.append(current)
    return composed + _through_name_rules(composed)


def _again(ruleset: RuleSet, rule: Rule | NameRule) -> Rule | NameRule | None:
    """The rule that would rewrite ``rule``'s replacement again: a name rule for its name first."""
    named = ruleset.name_rule(rule.new, rule.target) if isinstance(rule, NameRule) else None
    found = ruleset.match(rule.new)
    return named or (found and found.rule)


def _followed(rule: Rule | NameRule, again: Rule | NameRule) -> Rule | NameRule:
    if isinstance(again, Rule):
        return rule._replace(new=Match(again, 0).apply(rule.new))
    assert isinstance(rule, NameRule)
    kind = again if again.args is not None else rule  # a factory's call and its kind travel together
    return rule._replace(new=again.new, target=again.target, args=kind.args, kind=kind.kind)


def _through_name_rules(rules: list[Rule | NameRule]) -> list[NameRule]:
    """``a = b`` with ``b:X = c:Y`` also moves ``from a import X`` to ``c:Y``: one name rule each, unless given."""
    modules = RuleSet([rule for rule in rules if isinstance(rule, Rule)])
    derived = {(rule.old, rule.name): rule for rule in rules if isinstance(rule, NameRule)}
    for named, rule in ((n, r) for n in list(derived.values()) for r in modules.rules if n.old[: len(r.new)] == r.new):
        old = (*rule.old, *named.old[len(rule.new) :])
        if getattr(modules.match(old), "rule", None) == rule:
            derived.setdefault((old, named.name), named._replace(old=old))
    return [rule for rule in derived.values() if rule not in rules]


def without_comment(text: str) -> str:
    """``text`` up to a ``#`` that is not inside quotes."""
    quote = ""
    for at, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#":
            return text[:at]
    return text


DEFAULT_RULES = parse_rules(enumerate(DEFAULT_RULES_TEXT.splitlines(), start=1), "built-in rules")
