"""Each rule kind's own examples, run through the engine; the tables of docs/rules.md are made from them and
cannot drift."""
from __future__ import annotations

import os
import sys

import pytest

from conftest import rules_of
from flake8_unified_logging.kind_registry import Example
from flake8_unified_logging.kind_registry import kind_names
from flake8_unified_logging.fixer import fix_text
from flake8_unified_logging.rules import DEFAULT_RULES_TEXT
from flake8_unified_logging.source.origin import Origin

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts"))
import rule_docs  # noqa: E402

BUILT_IN = [line for line in DEFAULT_RULES_TEXT.splitlines() if line]


def examples(changed: bool) -> list:
    return [
        pytest.param(example, id=f"{name}: {example.before.strip()[:50]}")
        for name, found in rule_docs.examples().items()
        for example in found
        if (example.after != example.before) == changed
    ]


def fixed(example: Example) -> str:
    origin = Origin(tuple(example.package.split(".")) if example.package else None, (), "m", "")
    return fix_text(example.before, rules_of(*BUILT_IN, *example.rules), origin, strings=example.strings).text


@pytest.mark.parametrize("example", examples(changed=True))
def test_fix(example):
    assert fixed(example) == example.after


@pytest.mark.parametrize("example", examples(changed=False))
def test_noop(example):
    assert fixed(example) == example.before


def test_every_kind_has_examples_both_ways():
    found = rule_docs.examples()
    assert set(kind_names()) < set(found)
    for name, kind_examples in found.items():
        assert any(e.after != e.before for e in kind_examples), name
    assert len(examples(changed=False)) >= 4


def test_each_kind_s_examples_use_rules_of_that_kind():
    for name in kind_names():
        rules = [rule for example in rule_docs.examples()[name] for rule in rules_of(*example.rules).names.values()]
        assert rules and {rule.kind for found in rules for rule in found.values()} == {name}


def test_the_doc_tables_are_the_kinds_examples():
    with open(rule_docs.DOC, encoding="utf-8") as handle:
        doc = handle.read()
    assert doc.count("<!-- examples: ") == len(rule_docs.examples())
    assert rule_docs.render(doc) == doc, "run: python scripts/rule_docs.py"


def test_the_check_mode_finds_a_drifted_table(tmp_path, monkeypatch):
    with open(rule_docs.DOC, encoding="utf-8") as handle:
        drifted = handle.read().replace("`import utils.logging as lu`", "`import utils.logging as other`", 1)
    copy = tmp_path / "rules.md"
    copy.write_text(drifted, encoding="utf-8")
    monkeypatch.setattr(rule_docs, "DOC", str(copy))
    assert rule_docs.main(["--check"]) == 1
    assert rule_docs.main([]) == 0 and rule_docs.main(["--check"]) == 0
