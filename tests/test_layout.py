"""The package's layout holds: folders by pipeline step importing only downward, no import cycle (annotations
included), no cache in a module global, the size limits, and imports inside functions only where start-up needs
them (docs/architecture.md says why each is there)."""
from __future__ import annotations

import ast
import os
from collections.abc import Iterator

import pytest

PACKAGE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "flake8_unified_logging")
# Each step may import its own folder and those before it; the top-level modules are the adapters and the
# configuration (rules, files and config: leaves that every step reads).
ORDER = ("source", "resolve", "engine", "commands", "report", "learn")
LEAVES = ("rules", "byte_test", "files", "config", "table_cache", "table_names")  # the configuration, read by all
LEAVES += ("records", "kind_registry", "plain_toml")  # the named tuples every step passes on; the rule kinds; TOML
ABOVE_ENGINE = ("fixer",)  # apply and verify: for the steps above the engine
TOP_LEVEL = {"__init__", "__main__", "arguments", "cli", "config", "files", "fixer", "lsp", "plugin", "rules"}
TOP_LEVEL |= {"records", "table_cache", "table_names", "byte_test", "kind_registry", "plain_toml"}
# module -> the modules it imports inside functions, each for start-up time a hook call never needs.
LAZY = {
    "cli": {"arguments", "commands.store"},
    "plugin": {"commands.flake8_cache", "engine.finder", "engine.guard", "source.origin"},
    "config": {"configparser", "plain_toml", "table_cache", "table_names"},
    "plain_toml": {"tomllib", "tomli"},  # TOML outside the plain subset
    "files": {"tokenize"},
    "rules": {"kind_registry"},  # the kinds, for a name rule's right-hand side
    "commands.run": {"commands.cache", "commands.git", "commands.workers", "engine.guard"},
    "commands.parallel": {"multiprocessing"},
    "commands.workers": {"json", "commands.json_edits", "difflib", "engine.guard", "engine.string_warnings",
                         "source.unreadable", "fixer"},
    "engine.from_plan": {"engine.assignments", "engine.module_move", "source.placement"},
    "engine.finder": {"engine.module_move", "engine.attribute_uses", "engine.string_refs", "engine.renamed_bindings",
                      "engine.plain_names", "engine.reached_names", "engine.layout"},
    "engine.plan_checks": {"engine.layout", "engine.sys_path", "resolve.use_check", "resolve.moved_uses",
                           "resolve.result_uses"},  # a rewrite: how its statement reads; what the checks need
    "engine.statement_findings": {"ast"},
    "engine.sys_path": {"resolve.readers"},  # a file that changes sys.path
    "engine.unread": {"resolve.readers"},  # an unused module-level name
    "resolve.outside": {"typeshed_client"},  # only for a target outside with no source but a stub
    "resolve.module_reader": {"resolve.module_getattr"},  # a module-level __getattr__
    "resolve.moved_uses": {"resolve.lack_kinds", "resolve.returns", "resolve.signatures"},  # a target read
    "resolve.use_check": {"resolve.signatures"},  # a definition read
    "resolve.targets": {"resolve.cycles", "resolve.module_reader", "resolve.outside", "resolve.returns"},
    "source.edits": {"unicodedata"},
    "source.noqa": {"re"},  # a comment that says noqa
    "source.syntax": {"warnings"},  # a text with an escape sequence
    "source.sorter": {"configparser", "fnmatch", "plain_toml"},  # a sorter's configuration, a pattern
    "source.positions": {"io", "tokenize"},
}


def modules() -> Iterator[tuple[str, str, ast.Module]]:
    for folder, dirs, files in os.walk(PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(f for f in files if f.endswith(".py")):
            path = os.path.join(folder, name)
            dotted = os.path.relpath(path, PACKAGE)[:-3].replace(os.sep, ".")
            dotted = dotted[: -len(".__init__")] if dotted.endswith(".__init__") else dotted
            with open(path, encoding="utf-8") as handle:
                yield dotted, path, ast.parse(handle.read())


def imported(dotted: str, path: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The package's modules (relative to it) or the outside modules ``node`` imports."""
    if isinstance(node, ast.Import):
        return [alias.name.replace("flake8_unified_logging.", "") for alias in node.names]
    if not node.level:
        return [(node.module or "").replace("flake8_unified_logging.", "")]
    here = dotted.split(".")[: (None if path.endswith("__init__.py") else -1)]
    base = here[: len(here) - node.level + 1] if node.level > 1 else here
    module = ".".join([*base, *([node.module] if node.module else [])]).strip(".")
    names = [f"{module}.{a.name}".strip(".") for a in node.names]
    return [name if name in ALL else module for name in names]


MODULES = list(modules())
ALL = {dotted for dotted, _, _ in MODULES}


def edges(inside_functions: bool) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {dotted: set() for dotted in ALL}
    for dotted, path, tree in MODULES:
        for node, in_function in _imports(tree):
            if in_function == inside_functions:
                found[dotted].update(imported(dotted, path, node))
    return found


def _imports(tree: ast.AST, in_function: bool = False) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child, in_function
        yield from _imports(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)))


def test_the_top_level_holds_the_adapters_and_the_configuration():
    assert {dotted for dotted in ALL if "." not in dotted and dotted not in ORDER + ("verify",)} == TOP_LEVEL


def test_no_import_cycle():
    graph = {m: {t for t in targets if t in ALL and t != m} for m, targets in edges(False).items()}
    state: dict[str, int] = {}

    def visit(module: str, trail: tuple[str, ...]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            assert state.get(target) != 1, " -> ".join([*trail[trail.index(target):], target])
            if target not in state:
                visit(target, (*trail, target))
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, (module,))


@pytest.mark.parametrize("step", ORDER)
def test_each_step_imports_only_downward(step):
    allowed = set(ORDER[: ORDER.index(step) + 1]) | set(LEAVES)
    if ORDER.index(step) > ORDER.index("engine"):
        allowed |= set(ABOVE_ENGINE)
    for module, targets in edges(False).items():
        if module.split(".")[0] == step:
            upward = {t for t in targets if t in ALL and t.split(".")[0] not in allowed}
            assert not upward, f"{module} imports {sorted(upward)}"


def test_imports_inside_functions_only_where_start_up_needs_them():
    lazy = {module: targets for module, targets in edges(True).items() if targets and not _a_kind(module)}
    assert lazy == LAZY


def test_a_rule_kind_imports_inside_functions_only_its_planning_code():
    """Parsing a configuration loads every kind (engine/kinds/), so each imports what it plans with inside its
    functions, and nothing from outside the package."""
    kinds = {module: targets for module, targets in edges(True).items() if _a_kind(module)}
    assert kinds
    for module, targets in kinds.items():
        assert all(t in ALL and t.split(".")[0] in ("source", "resolve", "engine") for t in targets), module


def _a_kind(module: str) -> bool:
    return module.startswith("engine.kinds.")


def test_no_cache_in_a_module_global():
    for dotted, _, tree in MODULES:
        for node in tree.body:
            value = getattr(node, "value", None)
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(value, (ast.Dict, ast.List, ast.Set)):
                names = [t.id for t in getattr(node, "targets", [getattr(node, "target", None)]) if hasattr(t, "id")]
                # commands.parallel: the function a pool's process runs, handed to it once
                slots = dotted == "commands.parallel"
                assert all(n.isupper() or n.startswith("__") for n in names) or slots, (dotted, names)
            for decorator in getattr(node, "decorator_list", []):
                assert "cache" not in ast.unparse(decorator), (dotted, node.name)


def test_sizes():
    for dotted, path, tree in MODULES:
        with open(path, encoding="utf-8") as handle:
            assert len(handle.read().splitlines()) <= 400, dotted
        for node in ast.walk(tree):
            length = getattr(node, "end_lineno", 0) - getattr(node, "lineno", 0) + 1
            if isinstance(node, ast.ClassDef):
                assert length <= 200, f"{dotted}.{node.name}"
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert length <= 80, f"{dotted}.{node.name}"
