"""What learned rules do to the current tree: whether a module rule is proven there (every name the tree takes
from the old module bound by the new one), what ``fix`` would do with the rules (files changed, files blocked by
the target check), and, rule by rule, the files it changes and those it changes in a way no example shows (names
or attributes no example took from the old module). Each file of the tree is checked once."""
from __future__ import annotations

import _ast as ast
import os
from collections import Counter
from _collections_abc import Callable

from ..engine.finder import TARGET_MISSING, find
from ..engine.findings import Finding
from .infer import Study, _module_of
from .facts import Facts, facts_of
from .objects import Bound, unlike
from .proof import Dotted, Shown, proof_problem, taken_from, under
from .propose import Proposal
from ..source.origin import origin_of
from ..rules import Rule, RuleError, RuleSet, parse_rule
from ..resolve.targets import LAYOUT_HINT, TargetCheck

Trees = dict[str, tuple[str, ast.Module]]


class TreeFacts:
    """The facts of the tree's files, each read on first use (one instance per run)."""

    def __init__(self, trees: Trees) -> None:
        self.trees = trees
        self._facts: dict[str, Facts] = {}

    def naming(self, segment: str) -> list[tuple[str, Facts]]:
        """The files whose text names ``segment``, with their facts."""
        found = []
        for path, (text, tree) in self.trees.items():
            if segment in text:
                if path not in self._facts:
                    self._facts[path] = facts_of(tree)
                found.append((path, self._facts[path]))
        return found


def provider_check(facts: TreeFacts, targets: TargetCheck | None, bound: Bound | None = None
                   ) -> Callable[..., str | None]:
    """``provides(old, new, shown, elsewhere, near)``: why ``old = new`` is not proven on the tree's files, each
    file checked from where it is (its import root); None when it is. Proven: the new module binds every name
    the tree takes from the old one, each the same kind of thing there (``bound`` reads that), and ``fix``,
    given the rule alone, refuses no file of the tree for a target that lacks something (ULG005)."""
    project = targets or TargetCheck(enabled=False)
    bound = bound or Bound(targets)

    def provides(old: str, new: str, shown: Shown, elsewhere: frozenset, near: str) -> str | None:
        prefix, replaced = tuple(old.split(".")), tuple(new.split("."))
        uses = [(path, taken) for path, found in facts.naming(prefix[-1])
                for taken in taken_from(found, _package(path), prefix)]
        taken = {(t.module, name) for _, t in uses if not t.whole for name in t.names} - elsewhere
        return proof_problem(prefix, replaced, uses, shown, elsewhere, project, near) or unlike(
            prefix, replaced, uses, shown, bound, near) or (_refused(facts.trees, (prefix, replaced), taken,
                                                                     elsewhere, targets) if targets else None)

    return provides


def _refused(trees: Trees, rule: tuple[Dotted, Dotted], taken: set[tuple[Dotted, str]],
             elsewhere: frozenset[tuple[Dotted, str]], targets: TargetCheck) -> str | None:
    """Why ``fix`` would refuse files of the tree (ULG005) were ``old = new`` a rule, naming them: the module
    rule for what the tree imports as a module, and for each name it takes (``taken``: ``(module, name)``) the
    name rule it amounts to, so that what the tree reads on each object is checked on the new one. A name that
    name rules take elsewhere (``elsewhere``) is no reason."""
    old, new = rule
    names = [parse_rule(f"{'.'.join(m)}:{n} = {'.'.join((*new, *m[len(old):]))}:{n}") for m, n in sorted(taken)]
    findings = tree_findings(trees, RuleSet([Rule(old, new), *names]), targets)

    def elsewhere_only(finding: Finding) -> bool:
        return bool(finding.lacks) and all(
            ((*old, *target.split(".")[len(new):]), name) in elsewhere for target, name in finding.lacks)

    refused = {path: _reason(f) for path, found in findings.items() for f in found
               if f.code == TARGET_MISSING and not elsewhere_only(f)}
    if not refused:
        return None
    paths = sorted(os.path.relpath(p) for p in refused)
    return f"fix would refuse it in {len(paths)} files ({next(iter(refused.values()))}): {_listed(paths)}"


def _reason(finding: Finding) -> str:
    return finding.message.split(";")[0].replace(LAYOUT_HINT, "")


def _listed(paths: list[str]) -> str:
    return ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def _package(path: str) -> tuple[str, ...]:
    return origin_of(path).package or ()


def tree_findings(trees: Trees, ruleset: RuleSet, targets: TargetCheck | None) -> dict[str, list[Finding]]:
    """The findings of ``ruleset`` in each file of the tree it occurs in."""
    found = {}
    for path, (text, tree) in trees.items():
        if not ruleset.occur_in(text):
            continue
        try:
            found[path] = find(text, ruleset, tree=tree, origin=origin_of(path), describe=False, targets=targets)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
    return found


def tree_counts(findings: dict[str, list[Finding]]) -> dict[str, object]:
    """What ``fix`` would do with the rules on the current tree: files it would change, files blocked by the
    target check, with the reasons."""
    change, blocked, reasons = 0, 0, Counter()
    for found in findings.values():
        change += any(f.edits for f in found)
        missing = [f for f in found if f.code == TARGET_MISSING]
        blocked += bool(missing)
        reasons.update(f.message.split(";")[0] for f in missing)
    return {"would_change": change, "blocked": blocked, "reasons": dict(reasons.most_common(5))}


def tree_support(findings: dict[str, list[Finding]], facts: TreeFacts, proposals: list[Proposal], read: Study
                 ) -> dict[str, str]:
    """For each rule text: how many of the tree's files ``fix`` would change with it, and how many of those take
    from a moved module a name no example took from it."""
    moved = {_module_of(e.old_path, e.package_before) for e in read.examples if e.old_path not in (None, e.path)}
    figures = {}
    for proposal in proposals:
        try:
            rule = parse_rule(proposal.text) if proposal.text else None
        except RuleError:
            continue
        if rule is None:
            continue
        shown = set()
        if isinstance(rule, Rule):
            shown = {(t.module, name) for path in read.edited for t in read.evidence.taken.get(path, ())
                     if under(t.module, rule.old) for name in t.names}
        changed = [path for path, found in findings.items()
                   if any(f.edits and rule.old_name in f.modules for f in found)]
        unshown = 0
        if isinstance(rule, Rule):
            for path, found in facts.naming(rule.old[-1]):
                if path in changed and any((t.module, name) not in shown and t.module not in moved
                                           for t in taken_from(found, _package(path), rule.old) for name in t.names):
                    unshown += 1
        figure = f"fix would change {len(changed)} files in the tree"
        if unshown:
            figure += f", {unshown} of them taking names no example takes from {rule.old_name}"
        refused = {path: _reason(f) for path, found in findings.items() for f in found
                   if f.code == TARGET_MISSING and rule.old_name in f.modules}
        if refused:
            paths = sorted(os.path.relpath(p) for p in refused)
            figure += f"; fix would refuse {len(paths)} files (ULG005: {next(iter(refused.values()))}): " \
                      f"{_listed(paths)}"
        figures[proposal.text] = figure
    return figures
