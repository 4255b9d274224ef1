"""Which names a run's rewrite of a project module renames (its imports under a name rule that renames): a
string patching that module's old name where it is used must follow. Each module is read and checked once per
run, with the finder the run uses (``find``, passed in: the finder calls this module)."""
from __future__ import annotations

import _ast as ast
import os
from _collections_abc import Callable
from _functools import partial

from ..files import SourceError, decode, read_bytes
from ..resolve.module_names import bound, module_level, resolve
from ..resolve.targets import TargetCheck
from ..rules import RuleSet
from ..source.origin import origin_of
from ..source.syntax import bound_name, parse
from .findings import Finding
from .string_warnings import renamed_by

Find = Callable[..., list[Finding]]  # finder.find


def renamed_in(
    find: Find, targets: TargetCheck, path: str, module: tuple[str, ...], name: str, rules: RuleSet
) -> str | None:
    """The new name of ``name`` in ``module`` (as an import in ``path`` finds it) once this run rewrites that
    module; None when the rewrite leaves it (no such rule, blocked, not the project's module)."""
    found = targets.provider(path, module, module)
    if found is None or found[1].path is None:
        return None
    key = os.path.realpath(found[1].path)
    # A module whose strings lead back here sees nothing renamed yet.
    renamed = targets.memo.get(("renamed", key), partial(_renamed, find, key, rules, targets), {})
    return renamed.get(name)


def _renamed(find: Find, path: str, rules: RuleSet, targets: TargetCheck) -> dict[str, str]:
    targets.reads.file(path)
    targets.reads.above(os.path.dirname(path))
    try:
        text = decode(read_bytes(path)).text
        findings = find(text, rules, origin=origin_of(path), describe=False, targets=targets)
    except (SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    renamed = _already_renamed(text, rules, origin_of(path).package or ())
    renamed.update((name, new) for (_, name), (_, new) in renamed_by(findings, rules).items())
    return renamed


def _already_renamed(text: str, rules: RuleSet, package: tuple[str, ...]) -> dict[str, str]:
    """Names a module imports by a rename rule's new name from its new module, not binding the old one: the state
    after its rewrite (the same run may have written it already)."""
    tree = parse(text)
    imported: dict[tuple[tuple[str, ...], str], bool] = {}
    names: set[str] = set()
    for node in module_level(tree.body):
        if isinstance(node, ast.ImportFrom):
            source = resolve(package, node.level, node.module)
            for alias in node.names:
                names.add(alias.asname or alias.name)
                if source and alias.asname is None:
                    imported[source, alias.name] = True
        elif isinstance(node, ast.Import):
            names.update(bound_name(alias) for alias in node.names)
        else:
            names |= bound(node)
    renamed = {}
    for rule in rules.rules:
        if getattr(rule, "target", None) and rule.name in rules.renamed and (tuple(rule.new), rule.target) in imported:
            if rule.name not in names:
                renamed[rule.name] = rule.target
    return renamed
