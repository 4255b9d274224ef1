"""The learned rules replayed on each example's "before": whether ``fix`` gives what the human wrote (the import
lines and the added assignments; where an added line stands may differ), gives the same objects under another
import form (``from logging import getLogger`` + ``getLogger(...)`` for ``import logging`` +
``logging.getLogger(...)``; ``import httpx as http3`` for ``import httpx`` with the uses renamed), or differs."""
from __future__ import annotations

import os
from ast import unparse
from collections import Counter

from ..fixer import VerificationError, fix_text
from ..records import Record
from .infer import _imports
from .facts import Facts, callee, facts_of
from .objects import Bound
from .values import ExampleFile
from ..source.origin import Origin
from ..rules import RuleSet
from ..source.syntax import parse


class Replay(Record):
    """``examples``: files with import edits replayed; ``reproduced``: given as the human wrote them; ``other_form``:
    the same objects under another import form; ``differ``: paths whose result differs; ``other_edits``: paths
    reproduced whose edit changed other code too (ignored)."""

    __slots__ = ()
    examples: int
    reproduced: int
    other_form: list[str]
    differ: list[str]
    other_edits: list[str]

    def __new__(
        cls, examples: int, reproduced: int, other_form: list[str], differ: list[str], other_edits: list[str]
    ) -> Replay:
        return tuple.__new__(cls, (examples, reproduced, other_form, differ, other_edits))

    def as_dict(self) -> dict[str, object]:
        return self._asdict()


def replay(examples: list[ExampleFile], sides: dict[str, tuple[Facts, Facts] | str], ruleset: RuleSet,
           bound: Bound | None = None) -> Replay:
    """The rules run on each example's "before" (``sides``: what each example's two sides hold; ``bound``: what
    the imports bind, re-exports followed)."""
    bound = bound or Bound(None)
    reproduced, other_form, differ, other = 0, [], [], []
    for example in examples:
        shown = os.path.relpath(example.path)
        stem = os.path.splitext(os.path.basename(example.path))[0]
        try:
            fixed = fix_text(example.before, ruleset, Origin(example.package or None, (), stem, "")).text
            mine = facts_of(parse(fixed))
        except (SyntaxError, ValueError, RecursionError, MemoryError, VerificationError):
            differ.append(shown)
            continue
        read = sides[example.path]
        if isinstance(read, str):
            differ.append(shown)
            continue
        before, theirs = read
        made = {n: unparse(c) for n, c in mine.assignments.items() if n not in before.assignments}
        wanted = {n: unparse(c) for n, c in theirs.assignments.items() if n in made}
        if _imports(mine, example.package) == _imports(theirs, example.package) and made == wanted:
            reproduced += 1
            if _code(fixed, mine) != _code(example.after, theirs):
                other.append(shown)
        elif made == wanted and _same_imports(mine, theirs, example, bound) or \
                _same_objects(mine, theirs, before, example.package):
            other_form.append(shown)
        else:
            differ.append(shown)
    return Replay(len(examples), reproduced, other_form, differ, other)


def _same_objects(mine: Facts, theirs: Facts, before: Facts, package: tuple[str, ...]) -> bool:
    """Whether the two results bind the same new objects: the added assignments call the same factory (by its
    dotted path) with the same arguments, and the other imports are the same."""
    made, wanted = (_calls(tree, before, package) for tree in (mine, theirs))
    if not made or made.keys() != wanted.keys() or made != wanted:
        return False
    factories = {call.split("(")[0] for call in made.values()}
    rest = [Counter({r: n for r, n in _imports(tree, package).items()
                     if not any(f == _spelled(r) or f.startswith(_spelled(r) + ".") for f in factories)})
            for tree in (mine, theirs)]
    return rest[0] == rest[1]


def _same_imports(mine: Facts, theirs: Facts, example: ExampleFile, bound: Bound) -> bool:
    """Whether the imports bind the same objects, whatever names they bind them under and however they spell
    them (``import httpx as http3`` and ``import httpx``; ``from unittest import mock`` and ``import unittest.mock
    as mock``; a name from the package that re-exports it and from the module defining it); only the imports
    that differ are looked up."""
    first, second = (_imports(facts, example.package) for facts in (mine, theirs))
    common = first & second
    first, second = first - common, second - common
    if _last_names(first) != _last_names(second):  # no object of one is named like an object of the other
        return False
    return _objects(first, example, bound) == _objects(second, example, bound)


def _last_names(imports: Counter) -> Counter:
    found: Counter[str] = Counter()
    for (_, module, name, _), count in imports.items():
        found[(name or module).rpartition(".")[2]] += count
    return found


def _objects(imports: Counter, example: ExampleFile, bound: Bound) -> Counter:
    found: Counter[str] = Counter()
    for (kind, module, name, _), count in imports.items():
        found[bound.origin(example.path, module, name) if kind == "from" else module] += count
    return found


def _code(text: str, facts: Facts) -> list[str]:
    """The lines of ``text`` outside its import statements, sorted: an import spelled another way (relative,
    wrapped) is no other code."""
    lines = text.splitlines()
    for node in facts.imports:
        lines[node.lineno - 1:node.end_lineno] = [""] * (node.end_lineno - node.lineno + 1)  # type: ignore
    return sorted(line for line in lines if line.strip())


def _calls(tree: Facts, before: Facts, package: tuple[str, ...]) -> dict[str, str]:
    """The added assignments' calls, their callee spelled as the dotted path of what it names."""
    imported = {}
    for kind, module, name, asname in _imports(tree, package):
        if kind == "from":
            imported[asname or name] = f"{module}.{name}"
        else:
            imported[asname or module] = module
    found = {}
    for name, call in tree.assignments.items():
        if name in before.assignments:
            continue
        spelled, function = callee(call)
        head = spelled or function
        first, _, more = head.partition(".")
        resolved = imported.get(head) or (imported.get(first, first) + ("." + more if more else ""))
        dotted = f"{resolved}.{function}" if spelled else resolved
        arguments = unparse(call).partition("(")[2]
        found[name] = f"{dotted}({arguments}"
    return found


def _spelled(record: tuple[str, str, str, str]) -> str:
    kind, module, name, _ = record
    return f"{module}.{name}" if kind == "from" else module
