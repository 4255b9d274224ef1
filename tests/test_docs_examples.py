"""Each rule kind's own examples, run through the engine; the tables of docs/rules.md are made from them and
cannot drift."""
from __future__ import annotations

import os
import sys

import pytest

from conftest import rules_of
from flake8_unified_logging.engine.kinds import (
    NAME_RULE_KINDS,
    factory_move,
    kind_of,
    module_move,
    name_move,
    string_refs,
)
from flake8_unified_logging.engine.plans import Example
from flake8_unified_logging.fixer import fix_text
from flake8_unified_logging.rules import DEFAULT_RULES_TEXT
from flake8_unified_logging.source.origin import Origin

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts"))
import rule_docs  # noqa: E402

RULES = ("a:b = c:d", "a:e = c:f(__name__)")  # one rule of each name kind, in NAME_RULE_KINDS's order
BUILT_IN = [line for line in DEFAULT_RULES_TEXT.splitlines() if line]
KINDS = (module_move, name_move, factory_move, string_refs)


def examples(changed: bool) -> list:
    return [
        pytest.param(example, id=f"{kind.__name__.rsplit('.', 1)[1]}: {example.before.strip()[:50]}")
        for kind in KINDS
        for example in kind.EXAMPLES
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
    kinds = {kind: kind_of(rule) for kind, rule in zip(NAME_RULE_KINDS, rules_of(*RULES).rules)}
    assert set(kinds.values()) <= set(KINDS) and all(module.KIND == kind for kind, module in kinds.items())
    for kind in KINDS:
        assert any(e.after != e.before for e in kind.EXAMPLES), kind.__name__
    assert len(examples(changed=False)) >= 4


def test_the_doc_tables_are_the_kinds_examples():
    with open(rule_docs.DOC, encoding="utf-8") as handle:
        doc = handle.read()
    assert doc.count("<!-- examples: ") == len(rule_docs.KINDS)
    assert rule_docs.render(doc) == doc, "run: python scripts/rule_docs.py"


def test_the_check_mode_finds_a_drifted_table(tmp_path, monkeypatch):
    with open(rule_docs.DOC, encoding="utf-8") as handle:
        drifted = handle.read().replace("`import utils.logging as lu`", "`import utils.logging as other`", 1)
    copy = tmp_path / "rules.md"
    copy.write_text(drifted, encoding="utf-8")
    monkeypatch.setattr(rule_docs, "DOC", str(copy))
    assert rule_docs.main(["--check"]) == 1
    assert rule_docs.main([]) == 0 and rule_docs.main(["--check"]) == 0
