"""Rules learned from a hand migration: the import edits of example files (before, after), explained by the
smallest set of rules in the project's own language (module moved, name moved or renamed, object -> factory).

Read on the syntax trees, never run. Every learned rule carries its support (how many example files show it); a
module whose examples disagree gets no rule, and both targets are listed.
"""
from __future__ import annotations

import _ast as ast
import os
from collections import Counter

from ..records import Record
from .facts import Facts, callee, facts_of
from .values import ExampleFile, ImportedName, ShownMove
from .proof import Taken, taken_from, under
from .propose import Evidence, Proposal, propose
from ..resolve.module_names import resolve
from ..source.syntax import parse

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .objects import Bound
    from .propose import Provides


class Learned(Record):
    """``rules``: the proposals (a rule and its support, or a comment alone); ``conflicts``: lines naming the
    targets examples disagree on;
    ``unexplained``: ``path: what`` for import edits no rule explains; ``examples``: files with import edits."""

    __slots__ = ()
    rules: list[Proposal]
    conflicts: list[str]
    unexplained: list[str]
    examples: int
    edited: tuple[str, ...]  # the paths of the examples with import edits

    def __new__(
        cls,
        rules: list[Proposal],
        conflicts: list[str],
        unexplained: list[str],
        examples: int,
        edited: tuple[str, ...] = (),
    ) -> Learned:
        return tuple.__new__(cls, (rules, conflicts, unexplained, examples, edited))


def _imports(facts: Facts, package: tuple[str, ...], skip: Counter | None = None) -> Counter[ImportedName]:
    """Every name the imports bind, modules made absolute; ``skip``: relative imports, as spelled, to leave out."""
    found: Counter[ImportedName] = Counter()
    skip = Counter(skip or ())
    for node in facts.imports:
        if isinstance(node, ast.ImportFrom):
            spelled = (node.level, node.module, tuple((a.name, a.asname) for a in node.names))
            if node.level and skip[spelled]:
                skip[spelled] -= 1
                continue
            source = resolve(package, node.level, node.module)
            module = ".".join(source) if source is not None else "." * node.level + (node.module or "")
            for alias in node.names:
                found[ImportedName("from", module, alias.name, alias.asname or "")] += 1
        elif isinstance(node, ast.Import):
            for alias in node.names:
                found[ImportedName("import", alias.name, "", alias.asname or "")] += 1
    return found


def _relative(facts: Facts) -> Counter[tuple[int, str | None, tuple]]:
    """The relative ``from`` statements of a tree, as spelled (their names included)."""
    return Counter((node.level, node.module, tuple((a.name, a.asname) for a in node.names))
                   for node in facts.imports if isinstance(node, ast.ImportFrom) and node.level)


def _factory(call: ast.Call | None, new: Counter[ImportedName]) -> tuple[ImportedName, str, str] | None:
    """The import that gives the callee of ``call`` (``from m import f [as g]`` for ``g(...)``, ``import a.b``
    for ``a.b.f(...)``), with the module and the factory's name there."""
    found = callee(call) if call is not None else None
    if found is None:
        return None
    spelled, local = found
    for record in new:
        if not spelled and record.kind == "from" and record.local == local:
            return record, record.module, record.name
        if spelled and record.kind == "import" and record.local == spelled:
            return record, record.module, local
    return None


def sides_of(example: ExampleFile) -> tuple[Facts, Facts] | str:
    """What the two sides of an example hold, or why they cannot be read."""
    try:
        return facts_of(parse(example.before)), facts_of(parse(example.after))
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        return f"{os.path.relpath(example.path)}: cannot parse ({type(error).__name__}), left out"


def moves_of(
    example: ExampleFile, sides: tuple[Facts, Facts] | str, modules: frozenset[str] = frozenset()
) -> tuple[list[ShownMove], list[str]]:
    """The moves one file's edit shows, and the import edits they leave unexplained; ``modules`` are the dotted
    names the examples import as modules (``from utils import logger_utils`` imports one of them)."""
    if isinstance(sides, str):
        return [], [sides]
    edit = _ImportEdit(example, sides, modules)
    for record in edit.removed:
        if record.kind == "import":
            edit.module_moved(record)
        else:
            edit.name_moved(record)
    for record in edit.removed:  # a name imported but not used: renamed where its statement's other names went
        edit.unused_name_moved(record)
    return edit.moves, edit.unexplained()


class _ImportEdit:
    """One example's import edit as it is read into moves: the imports it removed and added, the added ones the
    moves took (``used``), and the moves found so far."""

    def __init__(self, example: ExampleFile, sides: tuple[Facts, Facts], modules: frozenset[str]) -> None:
        before, after = sides
        same = _relative(before) & _relative(after)  # a renamed file's relative imports, unchanged, move nothing
        old, self.new = _imports(before, example.package_before, same), _imports(after, example.package, same)
        self.removed, self.added = old - self.new, self.new - old
        self.example, self.before, self.after, self.modules = example, before, after, modules
        self.new_calls = {n: c for n, c in after.assignments.items() if n not in before.assignments}
        self.moves: list[ShownMove] = []
        self.used: Counter[ImportedName] = Counter()

    def free(self) -> Counter[ImportedName]:
        """The added imports no move took yet."""
        return self.added - self.used

    def take(self, record: ImportedName, kind: str, old: str, name: str, new: str, target: str,
             args: ast.Call | None = None) -> None:
        """A move shown by the added import ``record``."""
        if record in self.added:
            self.used[record] += 1
        self.moves.append(
            ShownMove(kind=kind, old=old, name=name, new=new, target=target, args=args, path=self.example.path))

    def module_moved(self, removed: ImportedName) -> None:
        """``import module`` replaced by an import of the module under another name or from a package."""
        module, asname = removed.module, removed.asname
        match = _plain_match(removed, self.free(), self.before, self.after) or _as_submodule(removed, self.new)
        moved = module
        if match is None:
            match, moved = _respelled(module, asname, self.free(), self.before, self.after) or (None, module)
        if match is not None:
            self.take(match, "module", old=moved, name="", new=match.dotted, target="")

    def name_moved(self, removed: ImportedName) -> None:
        """``from module import name`` replaced: a submodule taken from elsewhere, the name from another module,
        an object made by a factory, or a renamed name."""
        module, name, local = removed.module, removed.name, removed.local
        submodule = f"{module}.{name}"
        if submodule in self.modules:  # ``from utils import logger_utils`` -> ``from utils import logging as ...``
            moved = [a for a in self.free() if a.kind == "from" and a.local == local and a.dotted != submodule]
            if moved:
                self.take(moved[0], "module", old=submodule, name="", new=moved[0].dotted, target="")
                return
        kept = [a for a in self.free()
                if a.kind == "from" and a.name == name and a.asname == removed.asname and a.module != module]
        if kept:
            self.take(kept[0], "name", old=module, name=name, new=kept[0].module, target=name)
            return
        call = self.new_calls.get(local)
        factory = _factory(call, self.free()) or _factory(call, self.new)
        if factory is not None:
            made, new, function = factory
            self.take(made, "factory", old=module, name=name, new=new, target=function, args=call)
            return
        renamed = self._renamed(removed)
        if renamed and not removed.asname:
            self.take(renamed[0], "name", old=module, name=name, new=renamed[0].module, target=renamed[0].name)

    def _renamed(self, removed: ImportedName) -> list[ImportedName]:
        """The added imports ``from module import name`` may have become under another name."""
        module, name, local = removed.module, removed.name, removed.local
        renamed = [a for a in self.free() if a.kind == "from" and not a.asname and a.name != name
                   and not self.before.names[a.name] and not self.after.names[local]
                   and self.before.respelled(local, self.after, a.name)]
        if len(renamed) > 1 or renamed and renamed[0].module == module and not _one_for_one(
                module, self.removed, self.added):
            renamed = []  # which name became which cannot be told
        return renamed + [a for a in self.free() if a.kind == "from" and a.asname == local and a.name != name]

    def unused_name_moved(self, removed: ImportedName) -> None:
        """A name imported but not used, renamed where the other names of its statement went."""
        module, name = removed.module, removed.name
        places = {m.new for m in self.moves if m.old == module and m.kind == "name"}
        if removed.kind != "from" or removed.asname or len(places) != 1 or _explained(removed, self.moves) \
                or self.after.names[name] or self.before.names[name]:  # a name used needs its uses respelled
            return
        alone = [a for a in self.free()
                 if a.kind == "from" and a.module in places and not a.asname and not self.before.names[a.name]]
        if len(alone) == 1:
            self.take(alone[0], "name", old=module, name=name, new=alone[0].module, target=alone[0].name)

    def unexplained(self) -> list[str]:
        shown = os.path.relpath(self.example.path)
        left = [f"{shown}: removed {_spell(a)}" for a in self.removed if not _explained(a, self.moves)]
        return left + [f"{shown}: added {_spell(a)}" for a in self.free()]


def _one_for_one(module: str, removed: Counter[ImportedName], added: Counter[ImportedName]) -> bool:
    """Whether the edit swapped exactly one name imported from ``module`` for another."""
    return [r.module for r in removed if r.kind == "from"].count(module) == 1 == [
        a.module for a in added if a.kind == "from"].count(module)


def _as_submodule(removed: ImportedName, new: Counter[ImportedName]) -> ImportedName | None:
    """``from unittest import mock`` where the file said ``import mock``: the module, now taken from a package
    under the name it had (added by the edit, or already there as the fallback of a ``try``)."""
    local = removed.local
    if "." in local:
        return None
    for candidate in new:
        if candidate.kind == "from" and candidate.local == local and candidate.dotted != removed.module \
                and candidate.module[:1] != ".":
            return candidate
    return None


def _respelled(module: str, asname: str, added: Counter[ImportedName], before: Facts, after: Facts
               ) -> tuple[ImportedName, str] | None:
    """The import that took the place of ``import module`` under another local name, every use respelled
    through it (``import asynctest`` + ``asynctest.X`` -> ``from unittest import mock`` + ``mock.X``), with the
    module it replaces: a submodule when every use went through it (``asynctest.mock.patch`` -> ``mock.patch``
    moves ``asynctest.mock``)."""
    local = asname or module
    if after.names[local.split(".")[0]]:
        return None
    chain, through = local, module
    while before.attributes.get(chain) and len(before.attributes[chain]) == 1 and before.attributes.get(
            f"{chain}.{next(iter(before.attributes[chain]))}"):
        segment = next(iter(before.attributes[chain]))
        chain, through = f"{chain}.{segment}", f"{through}.{segment}"
    if not before.attributes.get(chain):
        return None
    for candidate in added:
        if candidate.module[:1] == "." or candidate.name == "*" or before.names[candidate.bound]:
            continue
        if before.respelled(local, after, candidate.local):
            return candidate, module
        if chain != local and before.respelled(chain, after, candidate.local):
            return candidate, through
    return None


def _plain_match(removed: ImportedName, added: Counter[ImportedName], before: Facts, after: Facts
                 ) -> ImportedName | None:
    """The plain import that replaced ``import module``: one binding the same name (``import utils.logging as
    logging_config`` for ``import logging_config``), or (unaliased) one whose dotted name the file now spells
    wherever it spelled the old one (every attribute read through the old read through the new)."""
    module, asname = removed.module, removed.asname
    for candidate in added:
        if candidate.kind != "import" or candidate.module == module:
            continue
        if (asname or candidate.asname) and candidate.bound == removed.bound:
            return candidate
        if not asname and not candidate.asname and not after.attributes.get(module) and before.respelled(
                module, after, candidate.module):
            return candidate
    return None


def _explained(record: ImportedName, moves: list[ShownMove]) -> bool:
    kind, module, name, _ = record
    return any(m.old == module and (m.name == name or kind == "import" and m.kind == "module")
               or kind == "import" and m.kind == "module" and m.old.startswith(f"{module}.")
               or m.kind == "module" and m.old == f"{module}.{name}" for m in moves)


def _spell(record: ImportedName) -> str:
    kind, module, name, asname = record
    text = f"import {module}" if kind == "import" else f"from {module} import {name}"
    return text + (f" as {asname}" if asname else "")


def _modules_imported(examples: list[ExampleFile], sides: dict[str, tuple[Facts, Facts] | str]) -> frozenset[str]:
    """The dotted names the examples import as modules (``import a.b``, ``from a.b import x``)."""
    found = set()
    for example in examples:
        read = sides[example.path]
        if isinstance(read, str):
            continue
        for facts, package in zip(read, (example.package_before, example.package)):
            found.update(imported.module for imported in _imports(facts, package))
    return frozenset(found)


def _module_of(path: str, package: tuple[str, ...]) -> tuple[str, ...]:
    stem = os.path.splitext(os.path.basename(path))[0]
    return (*package, stem) if stem != "__init__" else package


class Study(Record):
    """What the examples show, read once: their moves, the edits no move explains, the paths of the files with
    import edits, the evidence beside the moves, and what each example's two sides hold."""

    __slots__ = ()
    examples: list[ExampleFile]
    moves: list[ShownMove]
    unexplained: list[str]
    edited: tuple[str, ...]
    evidence: Evidence
    sides: dict[str, tuple[Facts, Facts] | str]

    def __new__(
        cls,
        examples: list[ExampleFile],
        moves: list[ShownMove],
        unexplained: list[str],
        edited: tuple[str, ...],
        evidence: Evidence,
        sides: dict[str, tuple[Facts, Facts] | str],
    ) -> Study:
        return tuple.__new__(cls, (examples, moves, unexplained, edited, evidence, sides))


def study(examples: list[ExampleFile]) -> Study:
    moves: list[ShownMove] = []
    unexplained: list[str] = []
    edited = []
    kept: dict[str, set[str]] = {}  # module -> files whose "after" still imports it
    taken: dict[str, list[Taken]] = {}
    relocated = []
    sides = {example.path: sides_of(example) for example in examples}
    modules = _modules_imported(examples, sides)
    for example in examples:
        read = sides[example.path]
        found, left = moves_of(example, read, modules)
        if found or left:
            edited.append(example.path)
        moves += found
        unexplained += left
        if example.old_path is not None and example.old_path != example.path:
            old, new = _module_of(example.old_path, example.package_before), _module_of(example.path, example.package)
            if old and new and old != new:
                relocated.append((old, new))
        if isinstance(read, str):
            continue
        before, after = read
        taken[example.path] = list(taken_from(before, example.package_before, ()))
        for imported in _imports(after, example.package):
            kept.setdefault(imported.module, set()).add(os.path.relpath(example.path))
    olds = {m.old for m in moves if m.kind != "factory"}
    kept = {module: paths for module, paths in kept.items() if any(under(_dotted(module), _dotted(o)) for o in olds)}
    return Study(examples, moves, unexplained, tuple(edited), Evidence(relocated, kept, taken, len(edited)), sides)


def learn(examples: list[ExampleFile] | Study, provides: Provides | None = None, bound: Bound | None = None) -> Learned:
    """The rules that explain the examples. ``provides(old, new, shown, elsewhere, near)`` (optional) answers why
    the new module is not proven to bind every name the rest of the tree takes from the old one (None when it
    is); ``bound`` (optional) tells when two imports bind the same object."""
    read = examples if isinstance(examples, Study) else study(examples)
    rules, conflicts = propose(read.moves, read.evidence, provides, {e.path: e for e in read.examples}, bound)
    return Learned(rules, conflicts, read.unexplained, len(read.edited), read.edited)


def _dotted(text: str) -> tuple[str, ...]:
    return tuple(text.split("."))
