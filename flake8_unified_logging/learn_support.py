"""What a learned rule does to the current tree: whether a module rule is proven there (every name the tree takes
from the old module bound by the new one), and how many files ``fix`` would change with each rule, counting
those it changes in a way no example shows (names or attributes no example took from the old module)."""
from __future__ import annotations

import _ast as ast
from collections.abc import Callable

from .finder import find
from .learn import Example, _module_of
from .learn_proof import Shown, Taken, proof_problem, taken_from
from .learn_rules import Proposal
from .origin import origin_of
from .rules import Rule, RuleError, RuleSet, parse_rule
from .syntax import parse
from .targets import TargetCheck

Trees = dict[str, tuple[str, ast.Module]]


def provider_check(trees: Trees, targets: TargetCheck | None) -> Callable[..., str | None]:
    """``provides(old, new, shown, elsewhere, near)``: why ``old = new`` is not proven on the tree's files, each
    file checked from where it is (its import root); None when it is."""
    project = targets or TargetCheck()

    def provides(old: str, new: str, shown: Shown, elsewhere: frozenset, near: str) -> str | None:
        prefix = tuple(old.split("."))
        uses = [(path, taken) for path, (_, tree) in trees.items()
                for taken in taken_from(tree, _package(path), prefix)]
        return proof_problem(prefix, tuple(new.split(".")), uses, shown, elsewhere, project, near)

    return provides


def _package(path: str) -> tuple[str, ...]:
    return origin_of(path).package or ()


def tree_support(trees: Trees, proposals: list[Proposal], examples: list[Example], targets: TargetCheck | None
                 ) -> dict[str, str]:
    """For each rule text: how many of the tree's files ``fix`` would change with it alone, and how many of those
    take from a moved module a name no example took from it."""
    befores = []
    moved = {_module_of(e.old_path, e.package_before) for e in examples if e.old_path not in (None, e.path)}
    for example in examples:
        try:
            befores.append((parse(example.before), example.package_before))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
    figures = {}
    for proposal in proposals:
        if not proposal.text:
            continue
        try:
            rule = parse_rule(proposal.text)
        except RuleError:
            continue
        shown = _taken_names(((t, p) for t, p in befores), rule.old) if isinstance(rule, Rule) else set()
        ruleset = RuleSet([rule])
        changed = unshown = 0
        for path, (text, tree) in trees.items():
            if not ruleset.occur_in(text):
                continue
            try:
                findings = find(text, ruleset, tree=tree, origin=origin_of(path), describe=False, targets=targets)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                continue
            if not any(f.edits for f in findings):
                continue
            changed += 1
            taken = _taken_names([(tree, _package(path))], rule.old) if isinstance(rule, Rule) else set()
            if any(pair not in shown and pair[0] not in moved for pair in taken):
                unshown += 1
        figure = f"fix would change {changed} files in the tree"
        if unshown:
            figure += f", {unshown} of them taking names no example takes from {'.'.join(rule.old)}"
        figures[proposal.text] = figure
    return figures


def _taken_names(trees: object, prefix: tuple[str, ...]) -> set[tuple[tuple[str, ...], str]]:
    found: set[tuple[tuple[str, ...], str]] = set()
    for tree, package in trees:
        taken: Taken
        for taken in taken_from(tree, package, prefix):
            found.update((taken.module, name) for name in taken.names)
    return found
