"""The generated backend (benchmarks/backend.py): the legacy modules and the new package in the tree, as a team
runs the tool, side by side with the tools a team would otherwise use: a parse floor, reorder-python-imports,
ruff's banned-api rule and ast-grep with pattern rules."""
from __future__ import annotations

import os

from backend import generate
from harness import Bench, Case, copier, python_files, rule_args, side_by_side
from trees import REWRITE_FLOOR

NEEDLES = ("logger_utils", "logging_config", "loguru", "get_service_logger")
# The least any checker pays: read every file, parse those that name a legacy module.
PARSE_FLOOR = """
import ast, os, sys
needles = [n.encode() for n in sys.argv[2:]]
for folder, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".py"):
            with open(os.path.join(folder, name), "rb") as f:
                data = f.read()
            if any(n in data for n in needles):
                try:
                    ast.parse(data)
                except SyntaxError:
                    pass
"""
RUFF = """[lint]
select = ["TID251"]

[lint.flake8-tidy-imports.banned-api]
"utils.logger_utils".msg = "use utils.logging"
"logging_config".msg = "use utils.logging"
"loguru.logger".msg = "use utils.logging.get_logger"
"""
AST_GREP = r"""id: legacy-logging-import
language: python
severity: error
message: legacy logging import
rule:
  any:
    - kind: import_from_statement
      has: {field: module_name, regex: '^(\.*utils\.logger_utils|\.*logger_utils|logging_config|loguru)$'}
    - kind: import_from_statement
      all:
        - has: {field: module_name, regex: '^utils$'}
        - has: {field: name, regex: '^logger_utils$'}
    - kind: import_statement
      has: {kind: dotted_name, regex: '^(utils\.logger_utils|logging_config)$'}
"""
# reorder-python-imports moves modules only (no renamed name, no factory).
REPLACE = ("utils.logger_utils=utils.logging", "logging_config=utils.logging")
# The verified-rewrite floor parses and rewrites every file that names a legacy module, as fix must.
FLOOR_RULES = (*REPLACE, "loguru=utils.logging")


def _write(path: str, text: str) -> str:
    with open(path, "w") as handle:
        handle.write(text)
    return path


def backend_cases(bench: Bench) -> None:
    source = os.path.join(bench.work, "backend")
    generate(source)
    files = python_files(source)
    bench.summary.append(f"backend: {len(files)} files (benchmarks/backend.py), its own pyproject.toml rules")
    ruff = _write(os.path.join(bench.work, "ruff.toml"), RUFF)
    sg = _write(os.path.join(bench.work, "ast-grep.yml"), AST_GREP)
    unified = bench.unified

    def tool(name: str) -> str:
        return os.path.join(bench.tools, name)

    ruff_command = [tool("ruff"), "check", "--no-cache", "--config", ruff, source]
    ruff_cache = os.path.join(bench.work, "ruff-cache")
    ruff_cached = [tool("ruff"), "check", "--cache-dir", ruff_cache, "--config", ruff, source]
    check, warm, floor, banned, cached, grep = side_by_side(
        [
            Case("backend: unified-logging check, cold", [unified, "check", "."], bench.forget, source),
            Case("backend: unified-logging check, warm", [unified, "check", "."], cwd=source),
            Case("backend: parse floor", [bench.python, "-c", PARSE_FLOOR, source, *NEEDLES]),
            Case("backend: ruff check TID251 (banned-api), no cache", ruff_command),
            Case("backend: ruff check TID251 (banned-api), its cache warm", ruff_cached),
            Case("backend: ast-grep scan (pattern rules, all cores)", [tool("ast-grep"), "scan", "--rule", sg, source]),
        ],
        bench.runs,
    )
    bench.add(check, f"check/parse floor = {check.seconds / floor.seconds:.2f}", "<= 1.0")
    bench.add(floor)
    bench.add(warm, f"warm/ruff warm = {warm.seconds / cached.seconds:.2f}", "<= 1.5")
    bench.add(banned, f"check/ruff = {check.seconds / banned.seconds:.2f}", "<= 2.0")
    bench.add(cached)
    bench.add(grep, f"check/ast-grep = {check.seconds / grep.seconds:.2f}", "<= 0.7")
    copy = os.path.join(bench.work, "backend-copy")
    fresh = copier(source, copy)
    copied = [os.path.join(copy, os.path.relpath(path, source)) for path in files]
    fixed, reorder, rewrite_floor = side_by_side(
        [
            Case("backend: unified-logging fix (fresh copy)", [unified, "fix", "."], bench.cold(fresh), copy),
            Case("backend: reorder-python-imports --replace-import",
                 [tool("reorder-python-imports"), *rule_args("--replace-import", REPLACE), *copied], fresh),
            Case("backend: verified-rewrite floor (fresh copy)", [bench.python, "-c", REWRITE_FLOOR, copy,
                                                                  *FLOOR_RULES], fresh),
        ],
        bench.runs,
    )
    ratios = f"fix/reorder = {fixed.seconds / reorder.seconds:.2f}; "
    bench.add(fixed, ratios + f"fix/verified-rewrite floor = {fixed.seconds / rewrite_floor.seconds:.2f}", "<= 0.8")
    bench.add(reorder, f"reorder/verified-rewrite floor = {reorder.seconds / rewrite_floor.seconds:.2f}")
    bench.add(rewrite_floor)
    without, with_plugin = side_by_side(
        [
            Case("backend: flake8 -j 1, without the plugin", [os.path.join(bench.bare, "flake8"), "-j", "1",
                                                              "--exit-zero", "."], cwd=source),
            Case("backend: flake8 -j 1, with the plugin", [tool("flake8"), "-j", "1", "--exit-zero", "."], cwd=source),
        ],
        bench.runs,
    )
    bench.add(without)
    ratio = f"with/without = {with_plugin.seconds / without.seconds:.3f}"
    bench.add(with_plugin, f"{ratio} (CPU time: {with_plugin.cpu_seconds / without.cpu_seconds:.3f})", "<= 1.02")
