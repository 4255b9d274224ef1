"""Strings elsewhere that a rewrite breaks: ``mock.patch("svc.one.old_name")`` in a file outside the run, when the
run renames ``old_name`` in ``svc/one.py`` (the hook on one staged file). Found by the strings' exact bytes, so
only the few files that spell them are parsed; the root is read once per run (``TargetCheck.scans``), and not at
all when the run covers it."""
from __future__ import annotations

import os
from _collections_abc import Iterable

from ..files import SourceError, decode, iter_paths, read_bytes
from ..resolve.targets import TargetCheck, TreeScans
from ..rules import RuleSet
from ..source.syntax import parse, walk_all
from .findings import LEGACY_IMPORT, LEGACY_STRING, Finding
from .string_refs import PATCH, resolved_strings


def renamed_by(findings: Iterable[Finding], rules: RuleSet) -> dict[tuple[str, str], tuple[Finding, str]]:
    """``(legacy module, old name)``: the finding whose rewrite renames it, and the new name."""
    renamed = {}
    for finding in findings:
        if finding.code == LEGACY_IMPORT and finding.edits:
            for legacy, name in finding.imported:
                rule = rules.name_rule(legacy.split("."), name)
                if rule is not None and rule.renames:
                    renamed[legacy, name] = (finding, rule.target)
    return renamed


def broken_strings(
    path: str, findings: list[Finding], rules: RuleSet, targets: TargetCheck | None, named: Iterable[str]
) -> list[Finding]:
    """ULG003 on the rewritten import for each string outside the run that patches the name it renames."""
    renamed = renamed_by(findings, rules)
    if not renamed:
        return []
    project = targets or TargetCheck(enabled=False)
    warnings = []
    for (legacy, name), (finding, new) in renamed.items():
        for root in project.roots_of(path, tuple(legacy.split(".")), ()):
            if _in_run(root, named):  # every file that could hold such a string is rewritten by this run
                continue
            module = _module_name(path, root)
            dotted = f"{module}.{name}"
            patches = _patches(project.scans, root, dotted, rules.renamed)
            places = [(p, line) for p, line in patches if not _in_run(p, named)]
            for other, line in places:
                where = f"{os.path.relpath(other)}:{line} patches {dotted}"
                message = f"renaming {name} to {new} breaks a string elsewhere: {where}; "
                message += f"use: '{module}.{new}' (fix --fix-strings on that file)"
                warnings.append(Finding(LEGACY_STRING, finding.line, finding.col, message, (), (legacy,)))
    return warnings


def _module_name(path: str, root: str) -> str:
    relative = os.path.splitext(os.path.relpath(os.path.realpath(path), root))[0].split(os.sep)
    return ".".join(relative[:-1] if relative[-1] == "__init__" else relative)


def _in_run(path: str, named: Iterable[str]) -> bool:
    real = os.path.realpath(path)
    for item in named:
        item = os.path.realpath(item)
        if real == item or real.startswith(item.rstrip(os.sep) + os.sep):
            return True
    return False


def _patches(scans: TreeScans, root: str, dotted: str, renamed: frozenset[str]) -> list[tuple[str, int]]:
    """Files under ``root`` with a string ``dotted`` in a place Python resolves it, and its line."""
    key = (root, dotted.encode())
    if key not in scans.patches:
        found = [(path, line) for path, data in _spellers(scans, root, renamed) if key[1] in data
                 for value, line in _patch_strings(scans, path, data) if value == dotted]
        scans.patches[key] = sorted(found)
    return scans.patches[key]


def _patch_strings(scans: TreeScans, path: str, data: bytes) -> list[tuple[str, int]]:
    """The strings of a file in a place Python resolves them, and their lines; the file is parsed once."""
    key = (path, data)
    if key not in scans.parsed:
        try:
            tree = parse(decode(data).text)
        except (SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
            scans.parsed[key] = []
            return []
        kinds = resolved_strings(tree)
        patches = [node for node in walk_all(tree) if kinds.get(id(node)) == PATCH]
        strings = [node for node in patches if isinstance(getattr(node, "value", None), str)]
        scans.parsed[key] = [(node.value, node.lineno) for node in strings]
    return scans.parsed[key]


def _spellers(scans: TreeScans, root: str, renamed: frozenset[str]) -> list[tuple[str, bytes]]:
    """The files under ``root`` (and their bytes) that spell a renamed name: every string patching one does."""
    key = (root, renamed)
    if key not in scans.spellers:
        needles = [name.encode() for name in renamed]
        found = []
        for path, problem in iter_paths([root]):
            try:
                data = b"" if problem else read_bytes(path)
            except SourceError:
                continue
            if any(needle in data for needle in needles):
                found.append((path, data))
        scans.spellers[key] = found
    return scans.spellers[key]
