"""Check 8: no legacy import or read of a legacy module is left behind unreported."""
from __future__ import annotations

import ast
import difflib
import re
from typing import Sequence

from .import_check import Binding, bindings, walk_scoped
from .layout_check import decode, parse
from .leftovers import left_behind
from .line_check import NEWLINE
from .rules_view import Renamer

_FILE_NOQA = re.compile(r"\s*#\s*flake8[:=]\s*noqa\s*$", re.IGNORECASE)


def check_left_behind(
    data: bytes, package: list[str], renamer: Renamer, reported: frozenset[int], where: Sequence[str] = ()
) -> str | None:
    """Check 8: a legacy import or a read of a legacy module through its package that the fixer neither
    rewrote nor reported. ``where``: the file's path as segments, without its suffix."""
    modules = [*renamer.map, *(key.rsplit(".", 1)[0] for key in renamer.names)]
    if not any(old.rsplit(".", 1)[-1].encode() in data for old in modules):
        return None
    tree = parse(data)
    if tree is None:
        return None
    lines = decode(data).splitlines()
    if any(_FILE_NOQA.match(line) for line in lines):
        return None  # flake8's file-wide noqa: the fixer skips such a file whole

    def excused(line: int) -> bool:
        return line in reported or "noqa" in lines[line - 1]

    for node, _ in walk_scoped(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and not excused(node.lineno):
            for binding in bindings(node, package):
                if _names_legacy(renamer, binding, where):
                    return f"line {node.lineno}: {binding.local} = {binding.target} left unreported"
    for line, name, binders in left_behind(tree, renamer.is_legacy):
        if not excused(line) and not any(excused(binder.lineno) for binder in binders):
            return f"line {line}: {name} left unreported"
    return None


def _names_legacy(renamer: Renamer, binding: Binding, path_parts: Sequence[str] = ()) -> bool:
    """Whether a legacy module is spelled in the written part of an import (a relative import inside the legacy
    package itself names a sibling that moves with it), or a name rule's name is imported outside the files of
    the rule's new module."""
    named = renamer.names.get(binding.target)
    if named is not None:
        module = named[0].split(".")
        return not any(list(path_parts[at : at + len(module)]) == module for at in range(len(path_parts)))
    parts = binding.target.lstrip(".").split(".")
    return any(
        parts[start : start + old.count(".") + 1] == old.split(".") and start + old.count(".") + 1 > binding.known
        for old in renamer.map
        for start in range(binding.known + 1)
    )


def new_lines_of(before: bytes, after: bytes, lines: frozenset[int]) -> set[int]:
    """Where ``lines`` of ``before`` stand in ``after`` (name rules add lines, so numbers may shift)."""
    old_lines = NEWLINE.split(decode(before))
    new_lines = NEWLINE.split(decode(after))
    found = set()
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for line in lines:
            if tag == "equal" and i1 < line <= i2:
                found.add(j1 + line - i1)
            elif tag != "equal" and i1 < line <= i2:
                found.update(range(j1 + 1, j2 + 1))
    return found
