"""Checks 1-5, 7 and 8 on one file before and after the fixer."""
from __future__ import annotations

import ast
import os
from collections import Counter
from typing import Sequence

from ..records import Record
from .code_check import check_code, check_renamed_names
from .forms import forms_of
from .import_check import bindings, check_imports, walk_scoped
from .layout_check import decode, layout, parse, same_layout
from .left_behind_check import check_left_behind, new_lines_of
from .line_check import allowed_lines, check_lines
from .rules_view import CHECKS, Renamer, package_parts


class FileReport(Record):
    __slots__ = ()
    path: str
    changed: bool
    failures: tuple[tuple[str, str], ...]
    forms: Counter[str]

    def __new__(
        cls, path: str, changed: bool, failures: tuple[tuple[str, str], ...], forms: Counter[str]
    ) -> FileReport:
        return tuple.__new__(cls, (path, changed, failures, forms))


def check_file(
    original: str, copy: str, rules: Sequence[str], reported: frozenset[int] | None = frozenset()
) -> FileReport:
    """All checks but the second run on one file; ``reported``: the lines the fixer reported in it (None: a file
    the fixer does not visit, in a folder it skips)."""
    with open(original, "rb") as file:
        before = file.read()
    with open(copy, "rb") as file:
        after = file.read()
    renamer = Renamer(rules)
    where = os.path.splitext(os.path.abspath(original))[0].split(os.sep)
    if reported is not None and before != after:
        reported = frozenset(new_lines_of(before, after, reported))
    left = None if reported is None else check_left_behind(after, package_parts(original), renamer, reported, where)
    left_failures = ((CHECKS[7], left),) if left else ()
    if before == after:
        return FileReport(original, False, left_failures, Counter())
    failures, forms = check_rewrite(before, after, package_parts(original), renamer)
    return FileReport(original, True, (*failures, *left_failures), forms)


def check_rewrite(
    before: bytes, after: bytes, package: list[str], renamer: Renamer
) -> tuple[list[tuple[str, str]], Counter[str]]:
    """Checks 1-5 and 7 on one file's bytes before and after the fixer; the forms the original held."""
    failures: list[tuple[str, str]] = []
    if before == after:
        return failures, Counter()
    old_tree = parse(before)
    if old_tree is None:
        return [(CHECKS[0], "the file was changed")], Counter()
    if not same_layout(layout(before), layout(after)):
        failures.append((CHECKS[6], f"{layout(before)} became {layout(after)}"))
    new_tree = parse(after)
    if new_tree is None:
        failures.append((CHECKS[1], "the output does not parse"))
        return failures, Counter()
    assigned = frozenset(
        (scope, target.id)
        for node, scope in walk_scoped(new_tree)
        if renamer.is_factory_call(node)
        for target in node.targets
        if isinstance(target, ast.Name)
    )
    problem = check_imports(bindings(old_tree, package), bindings(new_tree, package), renamer, assigned)
    if problem:
        failures.append((CHECKS[2], problem))
    problem = check_code(old_tree, new_tree, renamer) or check_renamed_names(old_tree, new_tree, renamer)
    if problem:
        failures.append((CHECKS[3], problem))
    old_text = decode(before)
    problem = check_lines(old_text, decode(after), allowed_lines(old_tree, renamer), renamer)
    if problem:
        failures.append((CHECKS[4], problem))
    return failures, forms_of(old_tree, old_text, renamer)
