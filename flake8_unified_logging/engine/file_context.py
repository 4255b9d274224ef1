"""What every step of the engine reads about the file in hand: its text, tree, rules and place. Never changed
once made."""
from __future__ import annotations

import _ast as ast
from _collections_abc import Sequence

from ..rules import Match, NameRule, RuleSet
from ..source.origin import Origin
from ..source.positions import LineIndex
from ..source.scopes import FileScopes
from .findings import CannotRewrite

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..resolve.targets import TargetCheck

NameRules = dict[str, tuple[NameRule, tuple[str, ...]]]


class FileContext:
    __slots__ = ("text", "tree", "rules", "origin", "honor_noqa", "describe", "targets", "checking",
                 "fix_strings", "index", "scopes")

    def __init__(
        self,
        text: str,
        tree: ast.Module,
        rules: RuleSet,
        origin: Origin,
        honor_noqa: bool,
        describe: bool,
        targets: TargetCheck,
        fix_strings: bool,
    ) -> None:
        self.text = text
        self.tree = tree
        self.rules = rules
        self.origin = origin
        self.honor_noqa = honor_noqa
        self.describe = describe
        self.targets = targets
        self.checking = targets.enabled and bool(origin.path)  # a text from nowhere has no project
        self.fix_strings = fix_strings
        self.index = LineIndex(text)
        self.scopes = FileScopes(tree, self.index)

    def match_from(self, parts: tuple[str, ...], known: int) -> Match | None:
        """The rule for ``parts``, reading the first ``known`` segments (a relative import's package) as optional
        context: the import root may lie inside that package, never at or below the package the dots reach."""
        for start in range(known + 1):
            found = self.rules.match(parts, start)
            if found is not None and found.end > known and self._root_at(start, known, found.rule.old):
                return found
        return None

    def _root_at(self, start: int, known: int, legacy: Sequence[str]) -> bool:
        """Whether an import root may start after ``start`` of a relative import's ``known`` package segments.
        Inside that package, always; at the package the dots reach only when the file also imports the legacy
        module absolutely (``try: from .utils.x import y`` / ``except ImportError: from utils.x import y``), so
        that folder is on the path too. Never a tail alone: ``from .xml.etree.cElementTree import XML`` in a
        package is that package's module, not the standard library's."""
        if start < known or not known:
            return True
        legacy = tuple(legacy)
        return any(module[: len(legacy)] == legacy for module in self.scopes.absolute_imports())

    def name_rules(self, base: tuple[str, ...], known: int) -> NameRules:
        """The name rules of the module ``base`` (read like ``match_from``), with the context segments kept;
        none for a file of a rule's new package (the provider of the new names, written on the old ones)."""
        found: NameRules = {}
        for start in range(known + 1):
            if len(base) > start and (len(base) > known or start == 0):
                for name, rule in self.rules.names.get(base[start:], {}).items():
                    if name not in found and not self.origin.provides(rule.new):
                        if self._root_at(start, known, rule.old):
                            found[name] = (rule, base[:start])
        return found

    def not_itself(self, module: Sequence[str]) -> None:
        if self.origin.is_itself(module):
            raise CannotRewrite(f"this file is {'.'.join(module)} itself, so the rewrite would import it from itself")
