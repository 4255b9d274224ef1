"""The rules as the verifier reads them, written apart from the engine's: renames, factories, legacy modules.

A name rule's right-hand side is read by its kind's own syntax (the kinds' registry, ``kind_registry.py``, over
``engine/kinds/``: the one place a rule kind is defined), so a new kind needs nothing here; what the verifier then
checks of it is its own."""
from __future__ import annotations

import ast
import os
from typing import Sequence

from ..kind_registry import kind_named, parse_new

DEFAULT_RULES = (
    "typing=typing_extensions",
    "collections.abc=_collections_abc",
    "logging.handlers=logging.handlers2",
    "xml.etree=xml.etree2",
    "email.utils=email.utils2",
    "os.path=os.path2",
    "collections:OrderedDict=collections:OrderedDict2",
    "textwrap:dedent=textwrap2:dedent",
    "functools:lru_cache=functools:make_cache(maxsize=None)",
)


CHECKS = (
    "1 unparsable original untouched",
    "2 output parses",
    "3 imports bind the same names",
    "4 other code AST-identical",
    "5 no collateral edits",
    "6 second run changes nothing",
    "7 newlines, BOM, cookie, final newline kept",
    "8 no legacy reference left unreported",
    "9 every import of the tree that resolved still resolves",
)


class Renamer:
    """The rule map, applied the way the README documents it (whole segments, longest rule first; a name rule
    ``module:name = new.module:target[(args)]`` wins for its name)."""

    def __init__(self, rules: Sequence[str]) -> None:
        self.map = {}
        self.names: dict[str, tuple[str, str, bool]] = {}  # "module.name" -> (new module, target, is a factory)
        for rule in rules:
            old, _, new = (side.strip() for side in rule.partition("="))
            if ":" in old:
                module, _, name = old.partition(":")
                kind, new_name, _ = parse_new(new)
                new_module, _, target = new_name.partition(":")
                self.names[f"{module}.{name}"] = (new_module, target, kind_named(kind).RETURNS_OBJECT)
            else:
                self.map[old] = new
        self.by_length = sorted(self.map, key=lambda old: old.count("."), reverse=True)
        self.renamed = {
            key.rsplit(".", 1)[1]: target for key, (_, target, factory) in self.names.items() if not factory
        }
        self.factories = {target for _, target, factory in self.names.values() if factory}

    def rename(self, dotted: str) -> str | None:
        for key, (module, target, factory) in self.names.items():
            if (dotted == key or dotted.startswith(key + ".")) and not factory:
                return f"{module}.{target}{dotted[len(key):]}"
        for old in self.by_length:
            if dotted == old or dotted.startswith(old + "."):
                return self.map[old] + dotted[len(old) :]
        return None

    def is_legacy(self, dotted: str) -> bool:
        return dotted in self.map or dotted in self.names

    def is_factory_call(self, node: ast.AST) -> bool:
        """``local = factory(...)``, the assignment a factory rule adds."""
        return (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
            and node.value.func.id in self.factories
        )

    def candidates(self, parts: Sequence[str], max_start: int) -> set[str]:
        """Every renaming of ``parts`` that keeps a known prefix of up to ``max_start`` segments."""
        found = set()
        for start in range(max_start + 1):
            renamed = self.rename(".".join(parts[start:]))
            if renamed is not None:
                found.add(".".join([*parts[:start], renamed]).strip("."))
        return found


def package_parts(path: str) -> list[str]:
    folder = os.path.dirname(os.path.abspath(path))
    parts: list[str] = []
    while os.path.isfile(os.path.join(folder, "__init__.py")):
        parts.insert(0, os.path.basename(folder))
        folder = os.path.dirname(folder)
    return parts
