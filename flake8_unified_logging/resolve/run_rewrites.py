"""What the run itself rewrites, for judging a target as it will be after the run.

A target module of the project that the run also rewrites is read as rewritten: with ``pkg.types = pkg._types``
and ``pkg.models = pkg._models`` in one run, ``pkg/_models.py``'s ``from .types import Data`` binds ``Data`` when
``pkg._types`` does, because the run rewrites that import to ``from ._types import Data``. So one run does what two
would. Only a file the run covers (named, or under a folder it walks) and a statement without ``noqa`` counts; a
name the rewrite would not bind after all (its new module does not) is not bound either way."""
from __future__ import annotations

import os
from _collections_abc import Sequence

from ..files import SKIPPED_DIRS
from ..rules import RuleSet


class RunRewrites:
    """The rules of a run and the paths it covers (files named, folders walked)."""

    def __init__(self, rules: RuleSet, paths: Sequence[str]) -> None:
        self.rules = rules
        self.files = {os.path.realpath(p) for p in paths if os.path.isfile(p)}
        self.folders = [os.path.realpath(p) for p in paths if os.path.isdir(p)]

    def covers(self, path: str) -> bool:
        """Whether the run reads (and may rewrite) the file at ``path``."""
        real = os.path.realpath(path)
        if real in self.files:
            return True
        for folder in self.folders:
            if real.startswith(folder + os.sep):
                parts = os.path.relpath(os.path.dirname(real), folder).split(os.sep)
                return not any(p.startswith(".") or p in SKIPPED_DIRS for p in parts if p != os.curdir)
        return False

    def replacement(self, source: tuple[str, ...], name: str) -> tuple[tuple[str, ...], str | None] | None:
        """Where ``from source import name`` is taken from once the run rewrites it: the new module and name (None
        for the name: a factory's assignment binds it), or None when no rule moves it."""
        rule = self.rules.name_rule(source, name)
        if rule is not None:
            return rule.new, (None if rule.args is not None else rule.target)
        found = self.rules.match(source)
        if found is None:
            return None
        return found.apply(source), name
