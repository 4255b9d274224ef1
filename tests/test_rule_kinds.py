"""The rule kinds' registry: every module of engine/kinds/ is a RuleKind, and a kind added as one file (here from a
temporary folder, no other file touched) parses, fixes, checks, reports through flake8 and makes its docs table."""
from __future__ import annotations

import ast
import os
import subprocess
import sys
import typing

import pytest

import flake8_unified_logging.engine.kinds as kinds
from conftest import rules_of
from flake8_unified_logging.engine.finder import find
from flake8_unified_logging.kind_registry import Example
from flake8_unified_logging.engine.kinds import kind_of
from flake8_unified_logging.kind_registry import kind_named, kind_names
from flake8_unified_logging.engine.rule_kind import RuleKind
from flake8_unified_logging.fixer import fix_text
from flake8_unified_logging.plugin import UnifiedLoggingChecker
from flake8_unified_logging.resolve.targets import TargetCheck
from flake8_unified_logging.rules import RuleError

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts"))
import rule_docs  # noqa: E402

TOY = '''"""Rule kind "alias" (``old:NAME = new:NEW @alias``): NEW is imported under the old local name."""
from flake8_unified_logging.kind_registry import Example
from flake8_unified_logging.engine.plans import NamePlan

EXAMPLES = (
    Example("from old.mod import name\\nname()\\n", "from new.mod import other as name\\nname()\\n",
            ("old.mod:name = new.mod:other @alias",), "the uses keep the old name"),
    Example("from old.mod import keep\\n", "from old.mod import keep\\n", ("old.mod:name = new.mod:other @alias",)),
)
NOT_FOLLOWED = STRING_NOT_FOLLOWED = ""
RETURNS_OBJECT = False


def parse_new(text):
    return (text[: -len("@alias")].strip(), None) if text.endswith("@alias") else None


def format_new(rule):
    return f"{rule.new_name} @alias"


def local_name(asname, name, target):
    return asname or name


def plan_name(ctx, match, move, earlier):
    return NamePlan(move, ((move.rule, move.local),))


def shim_line(rule, name, module, stem):
    return None
'''


def _members() -> dict[str, object]:
    hints = typing.get_type_hints(RuleKind, localns={"Example": Example})
    methods = {name for name, value in vars(RuleKind).items() if callable(value) and not name.startswith("_")}
    return {**hints, **{name: callable for name in methods}}


def _satisfies(kind: object) -> list[str]:
    """The members of RuleKind ``kind`` lacks or has of another type."""
    wrong = []
    for name, expected in _members().items():
        value = getattr(kind, name, None)
        if expected is callable:
            ok = callable(value)
        elif typing.get_origin(expected) is tuple:
            ok = isinstance(value, tuple) and all(isinstance(item, typing.get_args(expected)[0]) for item in value)
        else:
            ok = isinstance(value, expected)
        if not ok:
            wrong.append(name)
    return wrong


def test_the_protocol_names_every_member():
    assert set(_members()) == {"EXAMPLES", "NOT_FOLLOWED", "STRING_NOT_FOLLOWED", "RETURNS_OBJECT", "parse_new",
                               "format_new", "local_name", "plan_name", "shim_line"}


@pytest.mark.parametrize("name", kind_names())
def test_every_kind_is_a_rule_kind(name):
    assert _satisfies(kind_named(name)) == []


def test_a_module_lacking_a_member_is_not_a_rule_kind():
    assert _satisfies(object()) == sorted(_members(), key=list(_members()).index)


def test_the_folder_lists_the_kinds():
    assert {"name_move", "factory_move"} <= set(kind_names())
    assert all(not name.startswith("_") for name in kind_names())


def test_the_parser_sets_the_kind_and_the_kind_formats_it_back():
    rules = rules_of("a:b = c:d", "a:e = c:f(__name__)")
    kinds_of = {str(rule): rule.kind for rule in rules.rules}
    assert kinds_of == {"a:b = c:d": "name_move", "a:e = c:f(__name__)": "factory_move"}
    assert kind_of(rules.name_rule(("a",), "e")).RETURNS_OBJECT
    with pytest.raises(RuleError, match=r"\(x=\) are not call arguments"):
        rules_of("a:b = c:f(x=)")


@pytest.fixture
def toy(tmp_path, monkeypatch):
    """The kind ``alias``, one file in a folder of its own, found by the registry."""
    (tmp_path / "alias.py").write_text(TOY, encoding="utf-8")
    monkeypatch.setattr(kinds, "__path__", [*kinds.__path__, str(tmp_path)])
    yield kind_named("alias")
    sys.modules.pop(f"{kinds.__name__}.alias", None)


def test_a_kind_added_as_one_file(toy):
    assert "alias" in kind_names() and _satisfies(toy) == []
    example = toy.EXAMPLES[0]
    rules = rules_of(*example.rules)
    rule = rules.name_rule(("old", "mod"), "name")
    assert (rule.kind, rule.new, rule.target, str(rule)) == ("alias", ("new", "mod"), "other", example.rules[0])
    for example in toy.EXAMPLES:
        assert fix_text(example.before, rules_of(*example.rules)).text == example.after


def test_a_kind_added_as_one_file_is_checked_and_reported_by_flake8(toy, monkeypatch):
    example = toy.EXAMPLES[0]
    rules = rules_of(*example.rules)
    found = find(example.before, rules)
    assert [(f.code, f.line, f.replacement) for f in found] == [("ULG001", 1, "from new.mod import other as name")]
    monkeypatch.setattr(UnifiedLoggingChecker, "rules", rules)
    monkeypatch.setattr(UnifiedLoggingChecker, "targets", TargetCheck(enabled=False))
    monkeypatch.setattr(UnifiedLoggingChecker, "settings", None)
    lines = example.before.splitlines(keepends=True)
    reported = list(UnifiedLoggingChecker(ast.parse(example.before), lines, "m.py").run())
    assert [(line, text.split()[0]) for line, _, text, _ in reported] == [(1, "ULG001")]


def test_a_kind_added_as_one_file_makes_its_docs_table(toy):
    with open(rule_docs.DOC, encoding="utf-8") as handle:
        doc = handle.read()
    made = rule_docs.render(doc)
    start = made.index("\n\n<!-- examples: alias -->")
    end = made.index("<!-- end of examples -->", start) + len("<!-- end of examples -->")
    block = made[start:end]
    assert made[:start] + made[end:] == doc and rule_docs.render(made) == made
    assert made.index("<!-- examples: factory_move -->") < start < made.index("<!-- examples: string_refs -->")
    assert "| `old.mod:name = new.mod:other @alias` (the uses keep the old name) |" in block
    assert "`from new.mod import other as name`<br>`name()`" in block and block.count("unchanged") == 1


def test_parsing_name_rules_loads_the_kinds_and_no_planning_code():
    code = (
        "import sys\nfrom flake8_unified_logging.rules import parse_rules\n"
        "parse_rules([(1, 'a:b = c:d'), (2, 'a:e = c:f(__name__)')])\n"
        "print(' '.join(m for m in sys.modules if m.startswith('flake8_unified_logging.')))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    package = "flake8_unified_logging."
    assert {m[len(package):] for m in loaded if not m.startswith(f"{package}engine.kinds.")} == {
        "byte_test", "records", "rules", "kind_registry", "engine", "engine.kinds"
    }
