"""The legacy module itself: the names the project still imports from it (ULG006 when it no longer binds one).

The importers are read from the run's own findings for the files the run read (``RunImports``; the other files of
the tree are read on their own), or, outside a run (the flake8 plugin), from one byte-filtered scan of the tree per
run (``TargetCheck.scans``: a flake8 process holds one)."""
from __future__ import annotations

import gc
import os
from _collections_abc import Callable, Iterable

from ..files import SourceError, decode, read_bytes
from ..resolve.readers import file_bytes, tree_files
from ..resolve.targets import TargetCheck, TreeScans
from ..rules import RuleSet
from ..source.origin import origin_of
from .finder import Finding, Imported, find, imports_of

LEGACY_MODULE = "ULG006"
Importers = Callable[[str, str], "dict[str, list[str]]"]  # (root, legacy module) -> name -> places


def legacy_modules(rules: RuleSet) -> list[tuple[str, ...]]:
    """The legacy modules of the rules (module rules' old modules and name rules' modules), in rule order."""
    return list(dict.fromkeys(rule.old for rule in rules.rules))


def imported_names(scans: TreeScans, paths: Iterable[str], module: str, rules: RuleSet) -> dict[str, list[str]]:
    """For each name taken from ``module`` under ``paths``, the places (``path:line``) that take it, one per file.
    One scan of ``paths`` per run answers for every legacy module of ``rules``; its walk and the bytes it reads
    serve who reads a module too (``resolve/readers.py``)."""
    key = tuple(paths)
    if key not in scans.importers:
        found: dict[str, dict[str, list[str]]] = {}
        enabled = gc.isenabled()
        gc.disable()  # as in a run (parallel.py): the trees hold no cycles
        try:
            for root in key:
                for path, problem in tree_files(scans, root)[0]:
                    if not problem:
                        _add(found, path, scan_file(path, rules, file_bytes(scans, path), scans))
        finally:
            if enabled:
                gc.enable()
        scans.importers[key] = found
    return scans.importers[key].get(module, {})


def scan_file(
    path: str, rules: RuleSet, data: bytes | None = None, scans: TreeScans | None = None
) -> tuple[Imported, ...]:
    """What one file takes from legacy modules, read on its own (``data``: its bytes, when the run read them;
    ``scans``: the run's scan of the tree, for who reads a module; nothing when it cannot be read or parsed)."""
    try:
        data = read_bytes(path) if data is None else data
        if not rules.may_occur_in(data, path):
            return ()
        text = decode(data).text
        unchecked = TargetCheck(enabled=False, scans=scans)
        found = find(text, rules, origin=origin_of(path), honor_noqa=False, describe=False, targets=unchecked)
        return imports_of(found)
    except (SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
        return ()


def _add(found: dict[str, dict[str, list[str]]], path: str, imports: Iterable[Imported]) -> None:
    where = os.path.relpath(path)
    for module, name, line in imports:
        places = found.setdefault(module, {}).setdefault(name, [])
        if not any(place.startswith(f"{where}:") for place in places):
            places.append(f"{where}:{line}")


class RunImports:
    """What a run's files take from legacy modules (``data``: by absolute path; None where the run could not
    tell), and every path the run visited; ``deferred`` files (legacy modules' own) and the files of a tree the run
    did not visit are read on their own, through ``scans`` (the run's walks and bytes, shared with who reads a
    module when the run's engine works in this process)."""

    def __init__(
        self, rules: RuleSet, visited: Iterable[str], data: dict[str, tuple[Imported, ...] | None],
        deferred: Iterable[str] = (), scans: TreeScans | None = None,
    ) -> None:
        self.rules = rules
        self.visited = {os.path.abspath(path) for path in visited}
        self.data = dict(data)
        self.deferred = {os.path.abspath(path) for path in deferred}
        self.scans = TreeScans() if scans is None else scans
        self._roots: dict[str, dict[str, dict[str, list[str]]]] = {}
        self.folders: list[str] = []  # the folders walked, by absolute path
        self.beyond = False  # whether a file the run did not visit was read

    def names(self, root: str, module: str) -> dict[str, list[str]]:
        if root not in self._roots:
            self._roots[root] = self._from_run(root)
        return self._roots[root].get(module, {})

    def _from_run(self, root: str) -> dict[str, dict[str, list[str]]]:
        """The importers under ``root`` as the scan would find them: from the run where it read the file, else
        (a file the run did not visit, or could not tell) from the file itself."""
        found: dict[str, dict[str, list[str]]] = {}
        files, folders = tree_files(self.scans, root)
        self.folders += folders
        for absolute, problem in files:
            if problem:
                self.beyond = True
                continue
            if absolute in self.deferred or absolute not in self.visited:
                self.beyond |= absolute not in self.deferred
                imports = scan_file(absolute, self.rules, file_bytes(self.scans, absolute), self.scans)
            else:
                imports = self.data.get(absolute, ())
                if imports is None:  # read again: the run may have rewritten it
                    self.beyond = True
                    imports = scan_file(absolute, self.rules, None, self.scans)
            _add(found, absolute, imports)
        return found


def guard(
    path: str, rules: RuleSet, targets: TargetCheck | None, importers: Importers | None = None
) -> list[Finding]:
    """ULG006 findings when ``path`` is a legacy module's file that no longer binds a name still imported from it;
    ``importers`` gives the names taken from a module under a root (default: a scan of the root)."""
    stem = os.path.splitext(os.path.basename(path))[0]
    if stem == "__init__":
        stem = os.path.basename(os.path.dirname(os.path.abspath(path)))
    candidates = [module for module in legacy_modules(rules) if module[-1] == stem]
    if not candidates:
        return []
    targets = targets or TargetCheck(enabled=False)
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
            taken = importers(root, dotted) if importers else imported_names(targets.scans, [root], dotted, rules)
            for name, places in sorted(taken.items()):
                if name != "*" and not found.binds(name):
                    message = f"{dotted} no longer defines {name}, still imported by {len(places)} "
                    message += f"file{'s' if len(places) != 1 else ''} (e.g. {places[0]})"
                    findings.append(Finding(LEGACY_MODULE, 1, 0, message, (), (dotted,)))
    return findings
