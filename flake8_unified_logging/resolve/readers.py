"""Who in the project reads a module: the files that import it and the names they take from it, read statically.

A module-level name is the module's interface, not only its own code's: ``from pkg.log import logger``,
``import pkg.log`` then ``pkg.log.logger``, ``from pkg import log`` then ``log.logger``, ``from pkg.log import *``,
and a string that spells ``pkg.log.logger`` (``mock.patch``, ``import_module``) all read ``logger`` from
``pkg/log.py``. The tree under the module's import root is scanned once per run and module, byte-filtered by the
module's last name (every form above spells it); each matching file is parsed once and summarised."""
from __future__ import annotations

import _ast as ast
import os
from _collections_abc import Iterator

from ..files import SourceError, decode, iter_paths, read_bytes
from ..records import Record
from ..rules import NameRule, RuleSet
from .import_root import ancestors
from ..source.syntax import dotted_parts, parse, walk_all

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .targets import TargetCheck, TreeScans

ANY = "*"  # a reader that may take any name: a star import, the module object passed along, a string naming it


class FileReads(Record):
    """What one file imports: ``modules``, each import as (the module's path as dotted segments from the file
    system's root, or from nowhere for an absolute import; whether absolute; the names it reads; line)."""

    __slots__ = ()
    path: str
    modules: tuple[tuple[tuple[str, ...], bool, frozenset[str], int], ...]
    strings: tuple[str, ...]

    def __new__(
        cls, path: str, modules: tuple[tuple[tuple[str, ...], bool, frozenset[str], int], ...],
        strings: tuple[str, ...],
    ) -> FileReads:
        return tuple.__new__(cls, (path, modules, strings))


class Reader(Record):
    """One read of a module by another file: the ``name`` taken (``ANY``: any name; "": the import alone), the
    reading file's absolute ``path`` and the ``line``."""

    __slots__ = ()
    name: str
    path: str
    line: int

    def __new__(cls, name: str, path: str, line: int) -> Reader:
        return tuple.__new__(cls, (name, path, line))

    @property
    def place(self) -> str:
        return f"{os.path.relpath(self.path)}:{self.line}"


def readers(targets: TargetCheck, location: tuple[str, ...], dotted: str, within: bool = False) -> tuple[Reader, ...]:
    """Every read, by another file of the tree under the import root, of the module whose file is at ``location``
    (its path as dotted segments, ``__init__`` left out) and whose name from its import root is ``dotted``;
    ``within``: of the module or any module under it (a package)."""
    root = scan_root(location, dotted)
    scans = targets.tree_scans(root)
    key = (location, dotted, within)
    if key not in scans.readers:
        scans.readers[key] = tuple(_scan(scans, root, location, dotted, within))
    return scans.readers[key]


def readers_after_run(
    targets: TargetCheck, rules: RuleSet, location: tuple[str, ...], dotted: str
) -> tuple[Reader, ...]:
    """The reads of a module as they will be after the run: its own readers, and the readers of each legacy
    module that a rule moves onto it (``pkg.m = pkg._m``: ``from pkg.m import logger`` reads ``pkg._m``'s
    ``logger`` once rewritten; a name rule to a name of it reads that name)."""
    found = list(readers(targets, location, dotted))
    parts = tuple(dotted.split("."))
    base = location[: len(location) - len(parts)]
    for rule in rules.rules:
        if isinstance(rule, NameRule):
            if rule.new == parts and rule.args is None:
                legacy = readers(targets, (*base, *rule.old), ".".join(rule.old))
                found += [r._replace(name=rule.target) for r in legacy if r.name in (rule.name, ANY)]
        elif parts[: len(rule.new)] == rule.new:
            old = (*rule.old, *parts[len(rule.new) :])
            if rules.rename(".".join(old)) == dotted:
                found += readers(targets, (*base, *old), ".".join(old))
    return tuple(found)


def names_read(found: tuple[Reader, ...]) -> dict[str, list[str]]:
    """The names ``found`` read, each with its places (the imports alone left out)."""
    names: dict[str, list[str]] = {}
    for reader in found:
        if reader.name and reader.place not in names.setdefault(reader.name, []):
            names[reader.name].append(reader.place)
    return {name: places for name, places in names.items() if places}


def scan_root(location: tuple[str, ...], dotted: str) -> str:
    """Where the readers of a module are looked for: the repository's root (a folder with ``.git``) above it, else
    the folder its dotted name starts from."""
    above = ancestors(os.sep + os.path.join(*location[:-1]) if len(location) > 1 else os.sep)
    if os.path.exists(os.path.join(above[-1], ".git")):
        return above[-1]
    depth = dotted.count(".") + 1
    return os.sep + os.path.join(*location[:-depth]) if len(location) > depth else os.sep


def _scan(
    scans: TreeScans, root: str, location: tuple[str, ...], dotted: str, within: bool
) -> Iterator[Reader]:
    summaries = scans.summaries
    needle = location[-1].encode()
    for full, problem in tree_files(scans, root)[0]:
        if problem or not full.endswith(".py"):
            continue
        if full not in summaries:
            data = file_bytes(scans, full)
            if data is None or not spells(data, needle):
                continue
            summaries[full] = summarise(full, data)
        summary = summaries[full]
        if summary is None or _location(full) == location:
            continue
        for name, line in _names_read(summary, location, tuple(dotted.split(".")), within):
            yield Reader(name, full, line)


def tree_files(scans: TreeScans, root: str) -> tuple[list[tuple[str, str | None]], list[str]]:
    """The files under ``root`` as a run walks them, by absolute path, each with why it cannot be read (None: it
    can), and the folders listed: one walk per root and run, for the guard and who reads a module alike."""
    if root not in scans.walks:
        folders: list[str] = []
        listed = iter_paths([root], lambda folder, entries: folders.append(os.path.abspath(folder)))
        scans.walks[root] = ([(os.path.abspath(path), problem) for path, problem in listed], folders)
    return scans.walks[root]


def file_bytes(scans: TreeScans, path: str) -> bytes | None:
    """The bytes of the file at ``path`` (absolute), read once per run (None: it cannot be read)."""
    if path not in scans.data:
        try:
            scans.data[path] = read_bytes(path)
        except (SourceError, OSError):
            scans.data[path] = None
    return scans.data[path]


def spells(data: bytes, word: bytes) -> bool:
    """Whether ``data`` holds ``word`` as a whole name (no letter, digit or underscore on either side)."""
    at = data.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _is_name_byte(data[at - 1])) and (end == len(data) or not _is_name_byte(data[end])):
            return True
        at = data.find(word, end)
    return False


def _is_name_byte(byte: int) -> bool:
    return byte == 95 or 48 <= byte <= 57 or 65 <= byte <= 90 or 97 <= byte <= 122 or byte > 127


def _names_read(
    summary: FileReads, location: tuple[str, ...], dotted: tuple[str, ...], within: bool
) -> Iterator[tuple[str, int]]:
    """The names ``summary`` reads from the module (and "" for each import of it)."""
    for module, absolute, names, line in summary.modules:
        if not module:
            continue
        if absolute:
            exact = location[-len(module) :] == module
            found = exact or module[: len(dotted)] == dotted
        else:
            exact = module == location
            found = exact or module[: len(location)] == location
        if exact or (within and found):
            yield "", line
            if exact:
                yield from ((name, line) for name in names)
    for text in summary.strings:
        parts = tuple(text.replace(":", ".").split("."))
        for size in range(1, len(parts) + 1):
            if location[-size:] == parts[:size]:
                yield (parts[size] if size < len(parts) and not within else ANY), 1


def _location(path: str) -> tuple[str, ...]:
    folder, file = os.path.split(path)
    stem = os.path.splitext(file)[0]
    location = tuple(folder.split(os.sep)[1:])
    return location if stem == "__init__" else (*location, stem)


def summarise(path: str, data: bytes) -> FileReads | None:
    """What the file at ``path`` imports and the names it reads through each import (None: it does not parse)."""
    try:
        tree = parse(decode(data).text)
    except (SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    folder = tuple(os.path.dirname(path).split(os.sep)[1:])
    bound: dict[str, tuple[tuple[str, ...], bool, int]] = {}  # a local name bound to a module object
    modules: list[tuple[tuple[str, ...], bool, frozenset[str], int]] = []
    strings: list[str] = []
    attributes: list[ast.Attribute] = []
    names: list[ast.Name] = []
    for node in walk_all(tree):
        if isinstance(node, ast.Attribute):
            attributes.append(node)
        elif isinstance(node, ast.Name):
            names.append(node)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = tuple(alias.name.split("."))
                modules.extend((parts[:n], True, frozenset(), node.lineno) for n in range(1, len(parts) + 1))
                if alias.asname:
                    bound[alias.asname] = (parts, True, node.lineno)
                else:
                    bound.setdefault(parts[0], ((), True, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = folder[: len(folder) - node.level + 1] if node.level <= len(folder) else ()
                module, absolute = (*base, *(node.module or "").split(".")) if node.module else base, False
            else:
                module, absolute = tuple((node.module or "").split(".")), True
            module = tuple(part for part in module if part)
            modules.append((module, absolute, frozenset(ANY if a.name == "*" else a.name for a in node.names),
                            node.lineno))
            for alias in node.names:
                if alias.name != "*":
                    bound[alias.asname or alias.name] = ((*module, alias.name), absolute, node.lineno)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value:
            if len(node.value) < 200 and " " not in node.value:
                strings.append(node.value)
    if bound:
        modules.extend(_attribute_reads(attributes, names, bound))
    return FileReads(path, tuple(modules), tuple(strings))


def _attribute_reads(
    attributes: list[ast.Attribute], names: list[ast.Name], bound: dict[str, tuple[tuple[str, ...], bool, int]]
) -> Iterator[tuple[tuple[str, ...], bool, frozenset[str], int]]:
    """Attribute reads through a name bound by an import (``log.logger``, ``pkg.log.logger``): the module the
    chain names and the attribute read on it. A name or chain used otherwise may be the module object passed
    along: it reads any name of the module it may be."""
    inner = {id(node.value) for node in attributes}
    for node in attributes:
        parts = dotted_parts(node)
        if parts is None or parts[0] not in bound:
            continue
        module, absolute, line = bound[parts[0]]
        chain = (*(module or parts[:1]), *parts[1:])
        yield chain[:-1], absolute, frozenset({node.attr}), line
        if id(node) not in inner:
            yield chain, absolute, frozenset({ANY}), line
    for name in names:
        if name.id in bound and id(name) not in inner and bound[name.id][0]:
            module, absolute, line = bound[name.id]
            yield module, absolute, frozenset({ANY}), line
