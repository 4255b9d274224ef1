"""Prove the fixer on real code: copy a tree, run ``unified-logging fix`` on the copy, check every file.

Usage: ``python -m flake8_unified_logging.verify [--rule OLD=NEW ...] [SOURCE ...]``

The checks are written apart from the engine (no finder, no rule set of its own is shared) so that the finder
is never used to judge the finder:

1. an original that does not parse is byte-identical afterwards;
2. every output parses;
3. every import statement binds the same local names to the same (renamed) targets, relative imports included;
4. all other code is AST-identical, except attribute uses of a legacy module that were renamed;
5. no changed line lies outside an import statement or such a use;
6. a second run changes nothing;
7. line endings, BOM, encoding cookie and final newline are unchanged;
8. no legacy import and no read of a legacy module through its package (``import a`` ... ``a.b.x``) is left
   behind unless the fixer reported it on that line (ULG002 not rewritten, ULG004) or it is marked noqa.

Besides the given rules it derives rules from the trees themselves: the modules imported as ``import a.b`` whose
reads sit in the most kinds of syntactic positions (decorators, bases, defaults, annotations, f-strings, ...),
each moved to a renamed sibling (``a.b = a.b_moved``). Check 8 and the derivation use their own walk over ``ast``
(``leftovers.py``), not the engine's.
"""
from __future__ import annotations

import argparse
import ast
import difflib
import hashlib
import io
import os
import re
import shutil
import site
import subprocess
import sys
import sysconfig
import tempfile
import time
import tokenize
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator, NamedTuple, Sequence

from .files import iter_paths
from .leftovers import dotted_of as dotted
from .leftovers import left_behind, positions_of_plain_imports

DEFAULT_RULES = (
    "typing=typing_extensions",
    "collections.abc=_collections_abc",
    "logging.handlers=logging.handlers2",
    "xml.etree=xml.etree2",
    "email.utils=email.utils2",
    "os.path=os.path2",
    "collections:OrderedDict=collections:OrderedDict2",
    "textwrap:dedent=textwrap2:dedent",
    "functools:lru_cache=functools:make_cache(maxsize=None)",
)
CHECKS = (
    "1 unparsable original untouched",
    "2 output parses",
    "3 imports bind the same names",
    "4 other code AST-identical",
    "5 no collateral edits",
    "6 second run changes nothing",
    "7 newlines, BOM, cookie, final newline kept",
    "8 no legacy reference left unreported",
)
_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+", re.MULTILINE)


class Renamer:
    """The rule map, applied the way the README documents it (whole segments, longest rule first; a name rule
    ``module:name = new.module:target[(args)]`` wins for its name)."""

    def __init__(self, rules: Sequence[str]) -> None:
        self.map = {}
        self.names: dict[str, tuple[str, str, bool]] = {}  # "module.name" -> (new module, target, is a factory)
        for rule in rules:
            old, _, new = (side.strip() for side in rule.partition("="))
            if ":" in old:
                module, _, name = old.partition(":")
                new_module, _, target = new.split("(", 1)[0].strip().partition(":")
                self.names[f"{module}.{name}"] = (new_module, target, new.endswith(")"))
            else:
                self.map[old] = new
        self.by_length = sorted(self.map, key=lambda old: old.count("."), reverse=True)
        self.renamed = {
            key.rsplit(".", 1)[1]: target for key, (_, target, factory) in self.names.items() if not factory
        }
        self.factories = {target for _, target, factory in self.names.values() if factory}

    def rename(self, dotted: str) -> str | None:
        for key, (module, target, factory) in self.names.items():
            if (dotted == key or dotted.startswith(key + ".")) and not factory:
                return f"{module}.{target}{dotted[len(key):]}"
        for old in self.by_length:
            if dotted == old or dotted.startswith(old + "."):
                return self.map[old] + dotted[len(old) :]
        return None

    def is_legacy(self, dotted: str) -> bool:
        return dotted in self.map or dotted in self.names

    def is_factory_call(self, node: ast.AST) -> bool:
        """``local = factory(...)``, the assignment a factory rule adds."""
        return (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
            and node.value.func.id in self.factories
        )

    def candidates(self, parts: Sequence[str], max_start: int) -> set[str]:
        """Every renaming of ``parts`` that keeps a known prefix of up to ``max_start`` segments."""
        found = set()
        for start in range(max_start + 1):
            renamed = self.rename(".".join(parts[start:]))
            if renamed is not None:
                found.add(".".join([*parts[:start], renamed]).strip("."))
        return found


def package_parts(path: str) -> list[str]:
    folder = os.path.dirname(os.path.abspath(path))
    parts: list[str] = []
    while os.path.isfile(os.path.join(folder, "__init__.py")):
        parts.insert(0, os.path.basename(folder))
        folder = os.path.dirname(folder)
    return parts


class Binding(NamedTuple):
    scope: tuple[str, ...]
    local: str
    target: str
    known: int


def bindings(tree: ast.AST, package: list[str]) -> list[Binding]:
    """What every import statement binds: local name, full target, and how many leading segments are context."""
    found = []
    for node, scope in _walk_scoped(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                found.append(Binding(scope, local, alias.name, 0))
        elif isinstance(node, ast.ImportFrom):
            base: list[str]
            known = 0
            if node.level and 0 < node.level <= len(package):
                base = package[: len(package) - node.level + 1]
                known = len(base)
            elif node.level:
                base = ["." * node.level]
            else:
                base = []
            module = node.module.split(".") if node.module else []
            for alias in node.names:
                target = ".".join([*base, *module, alias.name])
                found.append(Binding(scope, alias.asname or alias.name, target, known))
    return found


def _walk_scoped(tree: ast.AST) -> Iterator[tuple[ast.AST, tuple[str, ...]]]:
    stack: list[tuple[ast.AST, tuple[str, ...]]] = [(tree, ())]
    while stack:
        node, scope = stack.pop()
        yield node, scope
        inner = scope
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            inner = (*scope, node.name)
        stack.extend((child, inner) for child in ast.iter_child_nodes(node))


def _candidates(renamer: Renamer, binding: Binding) -> set[str]:
    target = binding.target
    if target.startswith("."):
        dots = len(target) - len(target.lstrip("."))
        return {"." * dots + c for c in renamer.candidates(target[dots:].split("."), 0)}
    return renamer.candidates(target.split("."), binding.known)


def check_imports(
    old: list[Binding], new: list[Binding], renamer: Renamer, assigned: frozenset[tuple[tuple[str, ...], str]]
) -> str | None:
    """Every old binding is bound as before or as its rule says; ``assigned``: the (scope, name) pairs the new
    code binds by a factory's call (a factory's object may be bound that way only)."""
    remaining = Counter((b.scope, b.local, b.target) for b in new)
    for binding in old:
        named = renamer.names.get(binding.target)
        unchanged = (binding.scope, binding.local, binding.target)
        if named is not None and remaining[unchanged] > 0:
            remaining[unchanged] -= 1  # left as it was (check 8 wants it reported)
            continue
        if named is not None:
            module, target, factory = named
            if factory and (binding.scope, binding.local) not in assigned:
                return f"{binding.local} = {binding.target} is not assigned from the factory {target}"
            local = target if factory or binding.local == binding.target.rsplit(".", 1)[1] else binding.local
            option = (binding.scope, local, f"{module}.{target}")
            if remaining[option] > 0:
                remaining[option] -= 1
            elif not factory:
                return f"{binding.local} = {binding.target} is no longer bound as its rule says"
            continue
        options = [(binding.scope, binding.local, binding.target)]
        for target in sorted(_candidates(renamer, binding)):
            options.append((binding.scope, binding.local, target))
            if binding.target.split(".")[0] == binding.local and binding.local != target.split(".")[0]:
                options.append((binding.scope, target.split(".")[0], target))
        for option in options:
            if remaining[option] > 0:
                remaining[option] -= 1
                break
        else:
            return f"{binding.local} = {binding.target} is no longer bound as before"
    extra = [key for key, count in remaining.items() if count > 0]
    return f"new binding {extra[0][1]} = {extra[0][2]}" if extra else None


_POSITIONS = {"lineno", "col_offset", "end_lineno", "end_col_offset"}
_NEWLINE = re.compile(r"\r\n|\r|\n")


def check_code(old: ast.AST, new: ast.AST, renamer: Renamer) -> str | None:
    """Compare two trees, imports aside, allowing renamed attribute chains."""
    stack: list[tuple[object, object]] = [(old, new)]
    while stack:
        a, b = stack.pop()
        if isinstance(a, list) and isinstance(b, list):
            a = [x for x in a if not isinstance(x, (ast.Import, ast.ImportFrom)) and not renamer.is_factory_call(x)]
            b = [x for x in b if not isinstance(x, (ast.Import, ast.ImportFrom)) and not renamer.is_factory_call(x)]
            if len(a) != len(b):
                return f"a body changed length ({len(a)} -> {len(b)})"
            stack.extend(zip(a, b))
            continue
        if isinstance(a, ast.AST) and isinstance(b, ast.AST):
            da, db = dotted(a), dotted(b)
            if da is not None and db is not None:
                if da != db and renamer.rename(da) != db and renamer.renamed.get(da) != db:
                    return f"line {a.lineno}: {da} became {db}"
                if type(getattr(a, "ctx", None)) is not type(getattr(b, "ctx", None)):
                    return f"line {a.lineno}: context of {da} changed"
                continue
            if type(a) is not type(b):
                return f"line {getattr(a, 'lineno', '?')}: {type(a).__name__} became {type(b).__name__}"
            for name in a._fields:
                if name not in _POSITIONS:
                    stack.append((getattr(a, name, None), getattr(b, name, None)))
            continue
        if a != b:
            return f"{a!r} became {b!r}"
    return None


def _bound_anywhere(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update(a.asname or a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return names


def check_renamed_names(old: ast.AST, new: ast.AST, renamer: Renamer) -> str | None:
    """A name a rule renames, read in the new code though nothing binds it any more."""
    if not renamer.renamed:
        return None
    gone = (set(renamer.renamed) & _bound_anywhere(old)) - _bound_anywhere(new)
    for node in ast.walk(new):
        if isinstance(node, ast.Name) and node.id in gone:
            return f"line {node.lineno}: {node.id} is read but no longer bound"
    return None


def allowed_lines(tree: ast.AST, renamer: Renamer) -> set[int]:
    """Lines an edit may touch: import statements and attribute chains that name a legacy module."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) or (
            isinstance(node, (ast.Attribute, ast.Name)) and renamer.rename(dotted(node) or "") is not None
            or isinstance(node, ast.Name) and node.id in renamer.renamed
        ):
            lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return lines


def check_lines(old_text: str, new_text: str, allowed: set[int], renamer: Renamer | None = None) -> str | None:
    """Changed lines lie in ``allowed``; added lines are imports or factory assignments (name rules)."""
    old_lines = _NEWLINE.split(old_text)
    new_lines = _NEWLINE.split(new_text)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        added = new_lines[j1 + (i2 - i1) : j2] if tag != "delete" else []
        if added and not (renamer and renamer.names and all(_is_added_line(line, renamer) for line in added)):
            return f"a line was inserted after line {i1}"
        outside = [line for line in range(i1 + 1, i2 + 1) if line not in allowed]
        if outside:
            return f"line {outside[0]} changed outside an import or legacy use"
    return None


def _is_added_line(line: str, renamer: Renamer) -> bool:
    try:
        (statement,) = ast.parse(line.strip()).body
    except (SyntaxError, ValueError):
        return False
    return isinstance(statement, (ast.Import, ast.ImportFrom)) or renamer.is_factory_call(statement)


def layout(data: bytes) -> tuple[object, ...]:
    crlf = data.count(b"\r\n")
    head = b"\n".join(data.splitlines()[:2])
    cookie = _COOKIE.search(head)
    return (
        data.startswith(b"\xef\xbb\xbf"),
        crlf,
        data.count(b"\r") - crlf,
        data.count(b"\n") - crlf,
        data.endswith((b"\n", b"\r")),
        cookie.group(0) if cookie else None,
    )


def same_layout(old: tuple[object, ...], new: tuple[object, ...]) -> bool:
    """The same layout, but for lines added with a line ending the file already used (name rules add lines)."""
    if old[0] != new[0] or old[4:] != new[4:]:
        return False
    grown = [kind for kind in (1, 2, 3) if new[kind] != old[kind]]
    return not grown or len(grown) == 1 and new[grown[0]] > old[grown[0]] > 0


def decode(data: bytes) -> str:
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding)


def parse(data: bytes) -> ast.AST | None:
    try:
        return ast.parse(decode(data))
    except (SyntaxError, ValueError, UnicodeDecodeError, LookupError, RecursionError, MemoryError):
        return None


FORMS = (
    "from legacy import",
    "from package import legacy",
    "relative from",
    "import legacy",
    "import legacy as alias",
    "multi-line statement",
    "nested statement",
    "after ;",
    "attribute use",
    "name moved",
    "name renamed",
    "object to factory",
)


def forms_of(tree: ast.AST, text: str, renamer: Renamer) -> Counter[str]:
    """How many legacy statements of each form an original holds (what the run exercised)."""
    counts: Counter[str] = Counter()
    lines = text.splitlines()
    for node, scope in _walk_scoped(tree):
        legacy = []
        if isinstance(node, ast.Import):
            legacy = [a for a in node.names if renamer.rename(a.name)]
            counts["import legacy as alias"] += sum(1 for a in legacy if a.asname)
            counts["import legacy"] += sum(1 for a in legacy if not a.asname)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                tail = [module] if module else []
                legacy = [a for a in node.names if renamer.rename(".".join([*tail, a.name])) or renamer.rename(module)]
                counts["relative from"] += bool(legacy)
            elif renamer.rename(module):
                legacy = list(node.names)
                counts["from legacy import"] += 1
            else:
                legacy = [a for a in node.names if renamer.rename(f"{module}.{a.name}")]
                counts["from package import legacy"] += bool(legacy)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            counts["attribute use"] += renamer.rename(dotted(node) or "") is not None
        if isinstance(node, ast.ImportFrom) and renamer.names:
            for alias in node.names:
                named = renamer.names.get(f"{node.module}.{alias.name}")
                if named is not None:
                    moved = "name renamed" if named[1] != alias.name else "name moved"
                    counts["object to factory" if named[2] else moved] += 1
        if legacy:
            counts["multi-line statement"] += node.end_lineno != node.lineno
            counts["nested statement"] += bool(scope) or node.col_offset > 0
            counts["after ;"] += ";" in lines[node.lineno - 1][: node.col_offset]
    return counts


class FileReport(NamedTuple):
    path: str
    changed: bool
    failures: tuple[tuple[str, str], ...]
    forms: Counter[str]


def check_file(
    original: str, copy: str, rules: Sequence[str], reported: frozenset[int] | None = frozenset()
) -> FileReport:
    """All checks but the second run on one file; ``reported``: the lines the fixer reported in it (None: a file
    the fixer does not visit, in a folder it skips)."""
    with open(original, "rb") as file:
        before = file.read()
    with open(copy, "rb") as file:
        after = file.read()
    renamer = Renamer(rules)
    where = os.path.splitext(os.path.abspath(original))[0].split(os.sep)
    if reported is not None and before != after:
        reported = frozenset(_new_lines_of(before, after, reported))
    left = None if reported is None else check_left_behind(after, package_parts(original), renamer, reported, where)
    left_failures = ((CHECKS[7], left),) if left else ()
    if before == after:
        return FileReport(original, False, left_failures, Counter())
    failures, forms = check_rewrite(before, after, package_parts(original), renamer)
    return FileReport(original, True, (*failures, *left_failures), forms)


def _new_lines_of(before: bytes, after: bytes, lines: frozenset[int]) -> set[int]:
    """Where ``lines`` of ``before`` stand in ``after`` (name rules add lines, so numbers may shift)."""
    old_lines = _NEWLINE.split(decode(before))
    new_lines = _NEWLINE.split(decode(after))
    found = set()
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for line in lines:
            if tag == "equal" and i1 < line <= i2:
                found.add(j1 + line - i1)
            elif tag != "equal" and i1 < line <= i2:
                found.update(range(j1 + 1, j2 + 1))
    return found


def check_left_behind(
    data: bytes, package: list[str], renamer: Renamer, reported: frozenset[int], where: Sequence[str] = ()
) -> str | None:
    """Check 8: a legacy import or a read of a legacy module through its package that the fixer neither
    rewrote nor reported. ``where``: the file's path as segments, without its suffix."""
    modules = [*renamer.map, *(key.rsplit(".", 1)[0] for key in renamer.names)]
    if not any(old.rsplit(".", 1)[-1].encode() in data for old in modules):
        return None
    tree = parse(data)
    if tree is None:
        return None
    lines = decode(data).splitlines()
    if any(_FILE_NOQA.match(line) for line in lines):
        return None  # flake8's file-wide noqa: the fixer skips such a file whole

    def excused(line: int) -> bool:
        return line in reported or "noqa" in lines[line - 1]

    for node, _ in _walk_scoped(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and not excused(node.lineno):
            for binding in bindings(node, package):
                if _names_legacy(renamer, binding, where):
                    return f"line {node.lineno}: {binding.local} = {binding.target} left unreported"
    for line, name, binders in left_behind(tree, renamer.is_legacy):
        if not excused(line) and not any(excused(binder.lineno) for binder in binders):
            return f"line {line}: {name} left unreported"
    return None


def _names_legacy(renamer: Renamer, binding: Binding, path_parts: Sequence[str] = ()) -> bool:
    """Whether a legacy module is spelled in the written part of an import (a relative import inside the legacy
    package itself names a sibling that moves with it), or a name rule's name is imported outside the files of
    the rule's new module."""
    named = renamer.names.get(binding.target)
    if named is not None:
        module = named[0].split(".")
        return not any(list(path_parts[at : at + len(module)]) == module for at in range(len(path_parts)))
    parts = binding.target.lstrip(".").split(".")
    return any(
        parts[start : start + old.count(".") + 1] == old.split(".") and start + old.count(".") + 1 > binding.known
        for old in renamer.map
        for start in range(binding.known + 1)
    )


def derive_rules(paths: Iterable[str], given: Sequence[str], most: int, jobs: int) -> list[str]:
    """Rules for the plain dotted imports whose reads sit in the most kinds of positions (at least three)."""
    kinds: dict[str, set[str]] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for counts in pool.map(_positions_in_file, paths, chunksize=64):
            for module, position in counts:
                kinds.setdefault(module, set()).add(position)
    taken = [rule.partition("=")[0].strip() for rule in given]

    def overlaps(module: str) -> bool:
        return any(f"{module}.".startswith(f"{old}.") or f"{old}.".startswith(f"{module}.") for old in taken)

    derived = []
    for module in sorted(kinds, key=lambda m: (-len(kinds[m]), m)):
        if len(derived) == most or len(kinds[module]) < 3:
            break
        if not overlaps(module):
            taken.append(module)
            derived.append(f"{module}={module}_moved")
    return derived


def _positions_in_file(path: str) -> Counter[tuple[str, str]]:
    with open(path, "rb") as file:
        tree = parse(file.read())
    return positions_of_plain_imports(tree) if tree is not None else Counter()


def check_rewrite(
    before: bytes, after: bytes, package: list[str], renamer: Renamer
) -> tuple[list[tuple[str, str]], Counter[str]]:
    """Checks 1-5 and 7 on one file's bytes before and after the fixer; the forms the original held."""
    failures: list[tuple[str, str]] = []
    if before == after:
        return failures, Counter()
    old_tree = parse(before)
    if old_tree is None:
        return [(CHECKS[0], "the file was changed")], Counter()
    if not same_layout(layout(before), layout(after)):
        failures.append((CHECKS[6], f"{layout(before)} became {layout(after)}"))
    new_tree = parse(after)
    if new_tree is None:
        failures.append((CHECKS[1], "the output does not parse"))
        return failures, Counter()
    assigned = frozenset(
        (scope, target.id)
        for node, scope in _walk_scoped(new_tree)
        if renamer.is_factory_call(node)
        for target in node.targets
        if isinstance(target, ast.Name)
    )
    problem = check_imports(bindings(old_tree, package), bindings(new_tree, package), renamer, assigned)
    if problem:
        failures.append((CHECKS[2], problem))
    problem = check_code(old_tree, new_tree, renamer) or check_renamed_names(old_tree, new_tree, renamer)
    if problem:
        failures.append((CHECKS[3], problem))
    old_text = decode(before)
    problem = check_lines(old_text, decode(after), allowed_lines(old_tree, renamer), renamer)
    if problem:
        failures.append((CHECKS[4], problem))
    return failures, forms_of(old_tree, old_text, renamer)


def python_files(root: str) -> Iterator[str]:
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            if name.endswith((".py", ".pyi")) and os.path.isfile(path) and not os.path.islink(path):
                yield path


def snapshot(root: str) -> dict[str, str]:
    digests = {}
    for path in python_files(root):
        with open(path, "rb") as file:
            digests[path] = hashlib.sha256(file.read()).hexdigest()
    return digests


def default_sources() -> list[str]:
    paths = [sysconfig.get_paths()["stdlib"], *site.getsitepackages()]
    return [p for p in dict.fromkeys(os.path.realpath(p) for p in paths) if os.path.isdir(p)]


_FILE_NOQA = re.compile(r"\s*#\s*flake8[:=]\s*noqa\s*$", re.IGNORECASE)
_REPORTED = re.compile(r"^(.*):(\d+):\d+: ULG\d{3} ", re.MULTILINE)


def run_fixer(root: str, rules: Sequence[str]) -> tuple[float, int, dict[str, set[int]]]:
    """Seconds, files rewritten, and the lines of each file the fixer reported as left."""
    # The rules point at modules that do not exist (``os.path2``): the target check would block them all.
    command = [sys.executable, "-m", "flake8_unified_logging", "fix", "--no-target-check"]
    for rule in rules:
        command += ["--rule", rule]
    started = time.perf_counter()
    result = subprocess.run([*command, root], capture_output=True, text=True)
    if result.returncode not in (0, 1, 2):
        raise SystemExit(f"verify: the fixer crashed (exit {result.returncode}): {result.stderr.strip()[-500:]}")
    reported: dict[str, set[int]] = {}
    for match in _REPORTED.finditer(result.stdout):
        reported.setdefault(match.group(1), set()).add(int(match.group(2)))
    return time.perf_counter() - started, result.stderr.count("Rewriting "), reported


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m flake8_unified_logging.verify", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("sources", nargs="*", metavar="SOURCE", help="trees to copy (default: stdlib + site-packages)")
    parser.add_argument(
        "--rule", action="append", metavar="OLD=NEW", help="rules (default: six module and three name rules)"
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--examples", type=int, default=3, help="examples shown per failing check")
    parser.add_argument("--derive", type=int, default=8, metavar="N", help="rules derived from the trees (0: none)")
    args = parser.parse_args(argv)
    rules = tuple(args.rule or DEFAULT_RULES)
    sources = args.sources or default_sources()
    for source in sources:
        if not os.path.isdir(source):
            print(f"verify: error: {source}: not a directory", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="unified-logging-verify-") as work:
        started = time.perf_counter()
        roots = []
        for number, source in enumerate(sources):
            root = os.path.join(work, f"tree{number}")
            ignored = shutil.ignore_patterns("site-packages", "__pycache__")
            shutil.copytree(source, root, symlinks=True, ignore=ignored, ignore_dangling_symlinks=True)
            roots.append((source, root))
        copy_seconds = time.perf_counter() - started
        copies = [path for _, root in roots for path in python_files(root)]
        derived = derive_rules(copies, rules, args.derive, args.jobs) if args.derive > 0 else []
        rules = (*rules, *derived)
        fix_seconds = 0.0
        rewritten = 0
        reported: dict[str, set[int]] = {}
        for _, root in roots:
            seconds, count, lines = run_fixer(root, rules)
            fix_seconds += seconds
            rewritten += count
            reported.update(lines)
        visited = {path for path, _ in iter_paths([root for _, root in roots])}
        pairs = [
            (os.path.join(source, os.path.relpath(path, root)), path)
            for source, root in roots
            for path in python_files(root)
        ]
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            reports = list(
                pool.map(
                    check_file,
                    [o for o, _ in pairs],
                    [c for _, c in pairs],
                    [rules] * len(pairs),
                    [frozenset(reported.get(c, ())) if c in visited else None for _, c in pairs],
                    chunksize=64,
                )
            )
        before_second = {root: snapshot(root) for _, root in roots}
        for _, root in roots:
            run_fixer(root, rules)
        second_changes = [p for _, root in roots for p, h in snapshot(root).items() if before_second[root].get(p) != h]
    failures: dict[str, list[str]] = {check: [] for check in CHECKS}
    for report in reports:
        for check, detail in report.failures:
            failures[check].append(f"{report.path}: {detail}")
    failures[CHECKS[5]] = second_changes
    forms: Counter[str] = Counter()
    for report in reports:
        forms.update(report.forms)
    print(f"rules: {', '.join(rules[: len(rules) - len(derived)])}")
    print(f"derived rules: {', '.join(derived) or 'none'}")
    changed = sum(r.changed for r in reports)
    print(f"files: {len(reports)}, changed: {changed} (the fixer reported {rewritten} rewritten)")
    print(f"copy: {copy_seconds:.1f} s, fix: {fix_seconds:.1f} s")
    print("statements covered by form:")
    for form in FORMS:
        print(f"  {form:<28} {forms[form]}")
    total = 0
    for check in CHECKS:
        found = failures[check]
        total += len(found)
        print(f"check {check}: {'ok' if not found else f'{len(found)} FAILED'}")
        for example in found[: args.examples]:
            print(f"    {example}")
    print(f"failures: {total}")
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
