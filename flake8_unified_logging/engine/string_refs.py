"""Strings that name a moved module or name where Python resolves them: the target of ``mock.patch``, the string
form of ``monkeypatch.setattr``/``delattr``, ``importlib.import_module``, ``__import__``, ``pkgutil.resolve_name``,
``pytest.importorskip``, and the ``"class"``/``"()"`` values of a ``logging.config.dictConfig`` dict.

Read on the tree, never run. A literal is rewritten (``--fix-strings``) only when it is one plain string token whose
text is its value: quotes and prefix stay; implicitly concatenated strings and f-strings are reported, never
rewritten.
"""
from __future__ import annotations

import _ast as ast
from _collections_abc import Callable, Iterator

from ..records import Record
from ..resolve.targets import TargetCheck
from ..rules import RuleSet
from ..source.edits import Edit
from ..source.origin import Origin
from ..source.positions import LineIndex
from ..source.syntax import dotted_name, walk_all
from ..kind_registry import Example
from .findings import LEGACY_STRING, TARGET_MISSING, Finding
from .kinds import kind_of

_RENAME = ("utils.logger_utils:get_service_logger = utils.logging:get_logger",)
# With ``fix --fix-strings`` and the built-in rules: the string is rewritten where Python resolves it.
EXAMPLES = (
    Example(
        '@mock.patch("utils.logger_utils.JsonHandler")\ndef test():\n    pass\n',
        '@mock.patch("utils.logging.JsonHandler")\ndef test():\n    pass\n',
        note="`patch`, `mock.patch`, `unittest.mock.patch`, `mocker.patch` (first argument or `target=`)",
        strings=True,
    ),
    Example("patch('utils.logger_utils.get_service_logger')\n", "patch('utils.logging.get_logger')\n", _RENAME,
            "a patch, with a name rule that renames", strings=True),
    Example('monkeypatch.setattr("logging_config.setup", f)\n', 'monkeypatch.setattr("utils.logging.setup", f)\n',
            note="`monkeypatch.setattr`/`delattr`, string form", strings=True),
    Example('import_module("logging_config")\n', 'import_module("utils.logging")\n',
            note="`importlib.import_module`, `__import__`, `pytest.importorskip`", strings=True),
    Example('resolve_name("utils.logger_utils:get_service_logger")\n', 'resolve_name("utils.logging:get_logger")\n',
            _RENAME, "`pkgutil.resolve_name`", strings=True),
    Example(
        'logging.config.dictConfig({"class": "utils.logger_utils.JsonHandler"})\n',
        'logging.config.dictConfig({"class": "utils.logging.JsonHandler"})\n',
        note="`\"class\"`/`\"()\"` of a dict passed to `logging.config.dictConfig`",
        strings=True,
    ),
    Example('print("utils.logger_utils.JsonHandler")\n', 'print("utils.logger_utils.JsonHandler")\n',
            note="a string Python does not resolve: reported (ULG003), never rewritten", strings=True),
)

# The new name of a name in a project module once this run rewrites that module, if it renames it.
RenamedIn = Callable[[tuple[str, ...], str], "str | None"]

_PATCHERS = frozenset(("patch", "mock.patch", "unittest.mock.patch", "mocker.patch"))
_MONKEYPATCH = frozenset(("monkeypatch.setattr", "monkeypatch.delattr"))
_MODULES = frozenset(("importlib.import_module", "import_module", "__import__", "pytest.importorskip", "importorskip"))
_RESOLVE = frozenset(("pkgutil.resolve_name", "resolve_name"))
_DICTCONFIG = frozenset(("logging.config.dictConfig", "config.dictConfig", "dictConfig"))
PATCH, MODULE, RESOLVE, OBJECT = "patch", "module", "resolve_name", "dictConfig"
_CONFIG_KEYS = ("class", "()")


class Strings(Record):
    """One file's string constants that may name a legacy module (``nodes``), what they are read against, whether
    they are rewritten (``fix``), and the new name of a name this run renames in a project module (``renamed``)."""

    __slots__ = ()
    nodes: list[ast.Constant]
    tree: ast.Module
    index: LineIndex
    rules: RuleSet
    origin: Origin
    targets: TargetCheck
    fix: bool
    renamed: RenamedIn

    def __new__(
        cls,
        nodes: list[ast.Constant],
        tree: ast.Module,
        index: LineIndex,
        rules: RuleSet,
        origin: Origin,
        targets: TargetCheck,
        fix: bool,
        renamed: RenamedIn,
    ) -> Strings:
        return tuple.__new__(cls, (nodes, tree, index, rules, origin, targets, fix, renamed))


class Respelled(Record):
    """A string's new value, the legacy module it named, what it must resolve to (``module``, and ``names`` bound
    there), or why it has no safe rewrite (``reason``); ``label`` says what it names when no rule's old side does."""

    __slots__ = ()
    value: str
    legacy: str
    module: tuple[str, ...]
    names: tuple[str, ...]
    reason: str
    label: str

    def __new__(
        cls, value: str, legacy: str, module: tuple[str, ...], names: tuple[str, ...], reason: str, label: str = ""
    ) -> Respelled:
        return tuple.__new__(cls, (value, legacy, module, names, reason, label))


def resolved_strings(tree: ast.Module) -> dict[int, str]:
    """``id(Constant)``: how Python resolves the string (a patch target, a module, a ``resolve_name`` path or a
    dictConfig object), for every string constant in such a place."""
    found: dict[int, str] = {}
    config_names = set()
    for node in walk_all(tree):
        if not isinstance(node, ast.Call):
            continue
        name = dotted_name(node.func) or ""
        first = node.args[0] if node.args else None
        if name in _PATCHERS:
            target = first or next((k.value for k in node.keywords if k.arg == "target"), None)
            _add(found, target, PATCH)
        elif name in _MONKEYPATCH and len(node.args) == (2 if name.endswith("setattr") else 1):
            _add(found, first, PATCH)
        elif name in _MODULES:
            _add(found, first, MODULE)
        elif name in _RESOLVE:
            _add(found, first, RESOLVE)
        elif name in _DICTCONFIG and first is not None:
            if isinstance(first, ast.Name):
                config_names.add(first.id)
            for value in _config_values(first):
                _add(found, value, OBJECT)
    for node in tree.body:  # a module-level dict that is passed to dictConfig
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in config_names for t in targets):
                for value in _config_values(node.value):
                    _add(found, value, OBJECT)
    return found


def _add(found: dict[int, str], node: ast.AST | None, kind: str) -> None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        found[id(node)] = kind


def _config_values(node: ast.AST) -> Iterator[ast.AST]:
    """The values of ``"class"`` and ``"()"`` keys anywhere in a dict literal."""
    for inner in walk_all(node):
        if isinstance(inner, ast.Dict):
            for key, value in zip(inner.keys, inner.values):
                if isinstance(key, ast.Constant) and key.value in _CONFIG_KEYS:
                    yield value


def respell(value: str, kind: str, rules: RuleSet) -> Respelled | None:
    """The rewrite of a string that names a legacy module or name (None when it names none); a string in no
    place Python resolves (``kind`` empty) is read for module rules only."""
    module_part, colon, attribute = value.partition(":") if kind == RESOLVE else (value, "", "")
    parts = module_part.split(".")
    if colon:
        found = rules.match(parts)
        if found is None:
            return None
        new = found.apply(parts)
        names = attribute.split(".")
        named = rules.name_rule(parts, names[0])
        if named is not None:
            if kind_of(named).STRING_NOT_FOLLOWED:
                return Respelled("", found.rule.old_name, (), (), kind_of(named).STRING_NOT_FOLLOWED)
            new, names = named.new, [named.target, *names[1:]]
        text = f"{'.'.join(new)}:{'.'.join(names)}"
        return Respelled(text, found.rule.old_name, tuple(new), (names[0],), "")
    for end in range(len(parts) - 1, 0, -1):  # a name rule for parts[end] in the module parts[:end]
        named = rules.name_rule(parts[:end], parts[end]) if kind not in (MODULE, "") else None
        if named is not None:
            if kind_of(named).STRING_NOT_FOLLOWED:
                return Respelled("", named.old_name, (), (), kind_of(named).STRING_NOT_FOLLOWED)
            new = (*named.new, named.target, *parts[end + 1 :])
            return Respelled(".".join(new), named.old_name, tuple(named.new), (named.target,), "")
    found = rules.match(parts)
    if found is None:
        return None
    new = found.apply(parts)
    if kind == MODULE:
        return Respelled(".".join(new), found.rule.old_name, tuple(new), (), "")
    return Respelled(".".join(new), found.rule.old_name, tuple(new[:-1]), (new[-1],), "")


def plain_literal(text: str) -> tuple[int, int] | None:
    """The span of a string literal's body when ``text`` is one plain string token whose body is its value
    (no escapes, not bytes, not an f-string); None otherwise."""
    at = 0
    while at < len(text) and text[at] in "rRuU":
        at += 1
    if at > 1 or at == len(text):
        return None
    for quote in ('"""', "'''", '"', "'"):
        if text.startswith(quote, at) and text.endswith(quote) and len(text) >= at + 2 * len(quote):
            body = text[at + len(quote) : len(text) - len(quote)]
            if "\\" in body or quote[0] in body:
                return None
            return at + len(quote), len(text) - len(quote)
    return None


def string_findings(strings: Strings) -> list[Finding]:
    """ULG003 for each string of ``strings.nodes`` that names a legacy module or name (with its rewrite where Python
    resolves it and ``fix`` is on), ULG005 where that rewrite would not resolve."""
    index, rules, origin, targets = strings.index, strings.rules, strings.origin, strings.targets
    kinds = resolved_strings(strings.tree)
    findings = []
    for node in strings.nodes:
        kind = kinds.get(id(node), "")
        if not kind and "." not in node.value:
            continue  # a bare word is a module only where Python imports it by name
        start = index.ast_offset(node.lineno, node.col_offset)
        end = index.ast_offset(node.end_lineno, node.end_col_offset)
        line, col = index.column(start)
        found = respell(node.value, kind, rules)
        if found is None:
            found = _renamed_where_used(node.value, kind, rules, origin, strings.renamed)
            if found is None:
                continue
        where = found.label or (f"legacy module {found.legacy}" if ":" not in found.legacy else found.legacy)
        if found.reason:
            message = f"string names {where}; not rewritten: {found.reason}"
            findings.append(Finding(LEGACY_STRING, line, col, message, (), (found.legacy,)))
            continue
        message = f"string names {where}; use: '{found.value}'"
        body = plain_literal(index.text[start:end]) if kind else None
        if not strings.fix or body is None:
            if kind and body is None:
                message += " (not one plain string literal: rewrite it by hand)"
            findings.append(Finding(LEGACY_STRING, line, col, message, (), (found.legacy,), found.value))
            continue
        problem = None
        if targets.enabled and origin.path and found.module:
            legacy = tuple(found.legacy.split(":")[0].split("."))
            problem = targets.problem(origin.path, legacy, found.module, found.names)
        if problem is not None:
            message = f"{problem}; string not rewritten"
            findings.append(Finding(TARGET_MISSING, line, col, message, (), (found.legacy,), "", (), problem.lacks))
            continue
        edit = Edit(start + body[0], start + body[1], found.value)
        findings.append(Finding(LEGACY_STRING, line, col, message, (edit,), (found.legacy,), found.value))
    return findings


def _renamed_where_used(value: str, kind: str, rules: RuleSet, origin: Origin, renamed: RenamedIn) -> Respelled | None:
    """``"svc.one.old_name"`` patched where it is used: ``svc/one.py`` is in the project and this run renames
    ``old_name`` in it by a name rule, so the patch must name its new name."""
    parts = value.split(".")
    if kind != PATCH or len(parts) < 2 or parts[-1] not in rules.renamed or not origin.path:
        return None
    target = renamed(tuple(parts[:-1]), parts[-1])
    if target is None:
        return None
    module = ".".join(parts[:-1])
    label = f"{value}, which the rewrite of {module} renames to {target}"
    return Respelled(".".join([*parts[:-1], target]), f"{module}:{parts[-1]}", tuple(parts[:-1]), (), "", label)
