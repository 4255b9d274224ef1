"""Copy the trees, run the fixer on the copies, check every file, run it again, print the report."""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import site
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from typing import Iterator, Sequence

from ..files import iter_paths
from .derive import derive_rules
from .file_check import FileReport, check_file
from .forms import FORMS
from .project_check import check_project, resolved_imports
from .rules_view import CHECKS, DEFAULT_RULES


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
        outcome = _verify(work, sources, rules, args.derive, args.jobs)
    copy_seconds, fix_seconds, rewritten, reports, second_changes, derived, unresolved = outcome
    rules = (*rules, *derived)
    failures: dict[str, list[str]] = {check: [] for check in CHECKS}
    for report in reports:
        for check, detail in report.failures:
            failures[check].append(f"{report.path}: {detail}")
    failures[CHECKS[5]] = second_changes
    failures[CHECKS[8]] = unresolved
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


def _verify(
    work: str, sources: Sequence[str], rules: tuple[str, ...], derive: int, jobs: int
) -> tuple[float, float, int, list[FileReport], list[str], list[str], list[str]]:
    """Copy, fix, check every file and fix again under ``work``: the seconds taken, the files rewritten, the
    reports, the files the second run changed, the rules derived and the imports that no longer resolve."""
    started = time.perf_counter()
    roots = []
    for number, source in enumerate(sources):
        root = os.path.join(work, f"tree{number}")
        ignored = shutil.ignore_patterns("site-packages", "__pycache__")
        shutil.copytree(source, root, symlinks=True, ignore=ignored, ignore_dangling_symlinks=True)
        roots.append((source, root))
    copy_seconds = time.perf_counter() - started
    copies = [path for _, root in roots for path in python_files(root)]
    derived = derive_rules(copies, rules, derive, jobs) if derive > 0 else []
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
    with ProcessPoolExecutor(max_workers=jobs) as pool:
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
    unresolved = [
        f"{os.path.basename(root)}/{failure}" for source, root in roots
        for failure in check_project(resolved_imports(source, python_files(source)),
                                     resolved_imports(root, python_files(root)))
    ]
    before_second = {root: snapshot(root) for _, root in roots}
    for _, root in roots:
        run_fixer(root, rules)
    second_changes = [p for _, root in roots for p, h in snapshot(root).items() if before_second[root].get(p) != h]
    return copy_seconds, fix_seconds, rewritten, reports, second_changes, derived, unresolved
