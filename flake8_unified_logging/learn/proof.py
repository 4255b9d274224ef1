"""Whether a learned module rule (``old = new``, every submodule included) is proven: for every module under
``old`` that the tree (or an example) still takes names or attributes from, the matching module under ``new``
binds them, either because an example shows that very name moving there or because the target check reads the
new module and finds it. A module the target check cannot see proves nothing beyond what the examples show."""
from __future__ import annotations

import _ast as ast
import os
from _collections_abc import Iterable, Iterator

from ..records import Record
from .facts import Facts
from ..resolve.module_names import resolve
from ..resolve.targets import TargetCheck

Dotted = tuple[str, ...]


class Taken(Record):
    """What one import of a module under the legacy prefix takes from it: ``names`` (``from m import a``) or the
    attributes read through the module (``import m``; ``m.a``); ``whole`` when the module itself is bound."""

    __slots__ = ()
    module: Dotted
    names: frozenset[str]
    whole: bool

    def __new__(cls, module: Dotted, names: frozenset[str], whole: bool) -> Taken:
        return tuple.__new__(cls, (module, names, whole))


def under(module: Dotted, prefix: Dotted) -> bool:
    return module[: len(prefix)] == prefix


def taken_from(facts: Facts, package: Dotted, prefix: Dotted) -> Iterator[Taken]:
    """Every import in a file of a module under ``prefix``, with what the file takes from it."""
    for node in facts.imports:
        if isinstance(node, ast.ImportFrom):
            source = resolve(package, node.level, node.module)
            if source is None:
                continue
            if under(source, prefix):
                yield Taken(source, frozenset(a.name for a in node.names if a.name != "*"), False)
                continue
            for alias in node.names:  # ``from utils import logger_utils``: the module itself, under its name
                module = (*source, alias.name)
                if under(module, prefix):
                    yield Taken(module, frozenset(facts.attributes.get(alias.asname or alias.name, ())), True)
        else:
            for alias in node.names:
                module = tuple(alias.name.split("."))
                if under(module, prefix):
                    yield Taken(module, frozenset(facts.attributes.get(alias.asname or alias.name, ())), True)


class Shown(Record):
    """What the examples show moving from under ``old`` to the same place under ``new``: modules, and
    ``(module, name)`` pairs (names imported, and attributes read through a moved module); ``wholesale``:
    modules whose file was renamed (every name they bind moved with them); ``as_modules``: modules an import
    moved as a module (``import mock`` -> ``from unittest import mock``)."""

    __slots__ = ()
    modules: frozenset[Dotted]
    names: frozenset[tuple[Dotted, str]]
    wholesale: frozenset[Dotted]
    as_modules: frozenset[Dotted]

    def __new__(
        cls,
        modules: frozenset[Dotted],
        names: frozenset[tuple[Dotted, str]],
        wholesale: frozenset[Dotted] = frozenset(),
        as_modules: frozenset[Dotted] = frozenset(),
    ) -> Shown:
        return tuple.__new__(cls, (modules, names, wholesale, as_modules))


def proof_problem(
    old: Dotted,
    new: Dotted,
    uses: Iterable[tuple[str, Taken]],
    shown: Shown,
    elsewhere: frozenset[tuple[Dotted, str]],
    targets: TargetCheck,
    near: str,
) -> str | None:
    """Why ``old = new`` is not proven for the ``(path, taken)`` uses (None when it is); ``elsewhere`` are the
    ``(module, name)`` pairs that name rules take to another place. When the examples only show names moving,
    one name is no evidence that the new module replaces the old one, unless the target check reads the new
    module (from ``near``, an example's path) and so checks every use."""
    names = sorted({name for _, name in shown.names})
    if not shown.wholesale and not shown.as_modules and len(names) < 2:
        if targets.provider(near, old, new) is None:
            return f"only {', '.join(names) or 'one import'} is shown moving, and {'.'.join(new)} is not readable " \
                   f"here to prove it replaces {'.'.join(old)}"
    for path, taken in uses:
        target = (*new, *taken.module[len(old):])
        needed = sorted(n for n in taken.names if (taken.module, n) not in shown.names | elsewhere)
        if taken.module in shown.wholesale or taken.module in shown.modules and not needed:
            continue
        spelled, where = ".".join(target), os.path.relpath(path)
        source = ".".join(taken.module)
        found = targets.provider(path, taken.module, target)
        if found is None:
            what = f"that it binds {', '.join(needed)}" if needed else "that it exists"
            return f"{spelled} is not readable here, so nothing proves {what} ({source} in {where})"
        _, module = found
        if module.names is None and needed:
            return f"the names {spelled} binds cannot be read statically ({', '.join(needed)} from {source} in " \
                   f"{where})"
        missing = [name for name in needed if not module.binds(name)]
        if missing:
            return f"{spelled} does not define {', '.join(missing)} (imported from {source} by {where})"
    return None
