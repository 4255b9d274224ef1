"""The legacy module itself: the names the project still imports from it (ULG006 when it no longer binds one),
found by the engine over the tree, byte-filtered, once per run."""
from __future__ import annotations

import os
from collections.abc import Iterable

from .files import SourceError, decode, iter_paths, read_bytes
from .finder import Finding, find
from .origin import origin_of
from .rules import RuleSet
from .targets import TargetCheck

LEGACY_MODULE = "ULG006"
_SCANS: dict[tuple[tuple[str, ...], int], dict[str, dict[str, list[str]]]] = {}


def legacy_modules(rules: RuleSet) -> list[tuple[str, ...]]:
    """The legacy modules of the rules (module rules' old modules and name rules' modules), in rule order."""
    return list(dict.fromkeys(rule.old for rule in rules.rules))


def imported_names(paths: Iterable[str], module: str, rules: RuleSet) -> dict[str, list[str]]:
    """For each name taken from ``module`` under ``paths``, the places (``path:line``) that take it, one per file.
    One scan of ``paths`` answers for every legacy module of ``rules``."""
    key = (tuple(paths), id(rules))
    if key not in _SCANS:
        _SCANS[key] = _scan(key[0], rules)
    return _SCANS[key].get(module, {})


def _scan(paths: tuple[str, ...], rules: RuleSet) -> dict[str, dict[str, list[str]]]:
    found: dict[str, dict[str, list[str]]] = {}
    for path, problem in iter_paths(paths):
        if problem:
            continue
        try:
            data = read_bytes(path)
            if not rules.may_occur_in(data, path):
                continue
            text = decode(data).text
            findings = find(text, rules, origin=origin_of(path), honor_noqa=False, describe=False)
        except (SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        where = os.path.relpath(path)
        for module, name, line in sorted({(m, name, f.line) for f in findings for m, name in f.imported}):
            places = found.setdefault(module, {}).setdefault(name, [])
            if not any(place.startswith(f"{where}:") for place in places):
                places.append(f"{where}:{line}")
    return found


def guard(path: str, rules: RuleSet, targets: TargetCheck | None) -> list[Finding]:
    """ULG006 findings when ``path`` is a legacy module's file that no longer binds a name still imported from it."""
    stem = os.path.splitext(os.path.basename(path))[0]
    if stem == "__init__":
        stem = os.path.basename(os.path.dirname(os.path.abspath(path)))
    candidates = [module for module in legacy_modules(rules) if module[-1] == stem]
    if not candidates:
        return []
    targets = targets or TargetCheck()
    real = os.path.realpath(path)
    findings = []
    for module in candidates:
        for root in targets.roots_of(path, module, ()):
            base = os.path.join(root, *module)
            if real not in (os.path.realpath(base + ".py"), os.path.realpath(os.path.join(base, "__init__.py"))):
                continue
            found = targets.module(root, module)
            if found is None or found.names is None:
                continue
            dotted = ".".join(module)
            for name, places in sorted(imported_names([root], dotted, rules).items()):
                if name != "*" and not found.binds(name):
                    message = f"{dotted} no longer defines {name}, still imported by {len(places)} "
                    message += f"file{'s' if len(places) != 1 else ''} (e.g. {places[0]})"
                    findings.append(Finding(LEGACY_MODULE, 1, 0, message, (), (dotted,)))
    return findings
