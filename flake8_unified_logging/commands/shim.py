"""``unified-logging shim OLD.MODULE``: a module for a legacy name that re-exports, from where they moved, exactly
the names the project still imports from it, and warns whoever imports it."""
from __future__ import annotations

import os
import sys
from _collections_abc import Sequence

from ..engine.guard import imported_names
from ..engine.kinds import kind_of
from ..files import SourceError, write_atomic
from ..resolve.targets import TargetCheck
from ..rules import NameRule, RuleSet
from .git import GitError, uncommitted
from .shim_names import after_migration

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argparse import Namespace

    from ..config import Settings


class ShimError(Exception):
    """The shim cannot be made (or written) as asked; the message says why."""


def render(
    module: str,
    names: Sequence[str],
    rules: RuleSet,
    targets: TargetCheck | None,
    where: str,
    left_out: Sequence[tuple[str, str]] = (),
) -> str:
    """The shim's text: docstring, imports from the new places, ``__all__``, then the deprecation warning;
    ``left_out``: names of the legacy module not re-exported, and why."""
    parts = tuple(module.split("."))
    stem = parts[-1]
    imports: dict[str, list[str]] = {}
    made: list[str] = []
    for name in names:
        rule = rules.name_rule(parts, name)
        if isinstance(rule, NameRule):
            new, target = ".".join(rule.new), rule.target
            line = kind_of(rule).shim_line(rule, name, module, stem)
            if line is not None:
                made.append(line)
        else:
            found = rules.match(parts)
            if found is None:
                raise ShimError(f"no rule moves {module} or its name {name}")
            new, target = ".".join(found.apply(parts)), name
        imports.setdefault(new, [])
        local = name if rule is None else kind_of(rule).local_name(name, name, target)
        spelling = target if target == local else f"{target} as {local}"
        if spelling not in imports[new]:
            imports[new].append(spelling)
    if targets is not None and targets.enabled:
        for new, spellings in imports.items():
            problem = targets.problem(where, parts, new.split("."), [s.split(" as ")[0] for s in spellings])
            if problem is not None:
                raise ShimError(f"{problem}: the shim would not import")
    moved = ", ".join(sorted(imports))
    if not moved:
        raise ShimError(f"nothing to re-export from {module}")
    lines = [
        f'"""Compatibility shim: {module} moved to {moved}.',
        "",
        "Import from there instead. This module can go once no file imports it",
        "(see `unified-logging report`).",
        *(["", "Not re-exported (their new place lacks them):"] if left_out else []),
        *(f"- {name}: {why}" for name, why in left_out),
        '"""',
        "import warnings",
        "",
        *(_wrapped(f"from {new} import ", spellings, "(", ")") for new, spellings in sorted(imports.items())),
        "",
        *made,
        *([""] if made else []),
        _wrapped("__all__ = ", [f'"{name}"' for name in names], "[", "]"),
        "",
        "warnings.warn(",
        f'    "{module} is deprecated: "',
        f'    "import from {moved} instead",',
        "    DeprecationWarning,",
        "    stacklevel=2,",
        ")",
    ]
    return "\n".join(lines) + "\n"


def _wrapped(head: str, items: Sequence[str], opening: str, closing: str) -> str:
    """``head`` and ``items`` on one line when it fits pycodestyle's 79 columns, else one item a line."""
    line = f"{head}{', '.join(items)}" if opening == "(" else f"{head}{opening}{', '.join(items)}{closing}"
    if len(line) <= 79:
        return line
    return head + opening + "\n" + "".join(f"    {item},\n" for item in items) + closing


def run_command(args: Namespace, settings: Settings) -> int:
    targets = TargetCheck.for_run(settings, args)
    return run_shim(args.module, args.paths, args.output, settings.rules, targets)


def run_shim(module: str, paths: Sequence[str], output: str | None, rules: RuleSet, targets: TargetCheck) -> int:
    try:
        parts = tuple(module.split("."))
        if rules.match(parts) is None and parts not in rules.names:
            raise ShimError(f"no rule moves {module} or a name of it")
        importers = imported_names(targets.scans, paths or ["."], module, rules)
        names = sorted(name for name in importers if name and name != "*")
        # Checked from where the importers are: the shim must resolve for them.
        where = next((places[0].rsplit(":", 1)[0] for places in importers.values()), output or "shim.py")
        _check_own(parts, where, targets)
        left_out: list[tuple[str, str]] = []
        if not names:  # after the migration: the rules and the module's own definitions say what went where
            names, left_out = after_migration(module, rules, targets, where)
            if not names:
                raise ShimError(
                    f"no file imports a name from {module}, and none of its names is found where the rules move it: "
                    "nothing to re-export (`unified-logging report` says whether it can be deleted)"
                )
        text = render(module, names, rules, targets, where, left_out)
        if output is None:
            sys.stdout.write(text)
            return 0
        _write(output, text)
    except ShimError as error:
        sys.stderr.write(f"unified-logging: error: {error}\n")
        return 2
    sys.stderr.write(f"Wrote {output} ({len(names)} names)\n")
    return 0


def _check_own(parts: tuple[str, ...], where: str, targets: TargetCheck) -> None:
    """Refuse a module whose top-level package is not the project's but the standard library's or an installed
    package's: a shim of it would shadow that package for the whole project."""
    if targets.in_project(where, parts, parts):
        return
    found = targets.outside.root(parts[0])
    if found is not None:
        raise ShimError(
            f"{'.'.join(parts)} is not this project's module: {parts[0]} is found in {found}, "
            "and a shim would shadow it"
        )


def _write(path: str, text: str) -> None:
    """Write ``path`` atomically; never over a file whose content git does not have committed."""
    if os.path.lexists(path):
        try:
            changed = uncommitted(path)
        except GitError:
            raise ShimError(f"{path} exists and is not in a git work tree; not replaced") from None
        if changed:
            raise ShimError(f"{path} has uncommitted changes; commit or stash them first")
    try:
        write_atomic(path, text.encode("utf-8"), create=True)
    except SourceError as error:
        raise ShimError(f"{path}: {error}") from None
