"""The before/after tables of docs/rules.md, run through the engine: the docs cannot drift from what it does."""
from __future__ import annotations

import os
import re

import pytest

from conftest import rules_of
from flake8_unified_logging.fixer import fix_text
from flake8_unified_logging.origin import Origin
from flake8_unified_logging.rules import DEFAULT_RULES_TEXT

DOC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "rules.md")
BUILT_IN = [line for line in DEFAULT_RULES_TEXT.splitlines() if line]
RENAME = "utils.logger_utils:get_service_logger = utils.logging:get_logger"
_CODE = re.compile(r"`([^`]*)`")


def code_of(cell: str) -> str:
    """The code of a table cell: ``<br>`` separates lines, each line's first code span is its text."""
    lines = []
    for part in cell.split("<br>"):
        found = _CODE.search(part)
        lines.append(found.group(1) if found else "")
    return "\n".join(lines) + "\n"


def tables() -> list[tuple[str, str, str, str]]:
    """``(header, first cell, before, after)`` of every before/after table row of the doc."""
    rows, header = [], None
    with open(DOC, encoding="utf-8") as handle:
        for line in handle:
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")] if line.startswith("|") else []
            if cells and cells[-2:] == ["before", "after"]:
                header = cells[0]
            elif cells and header is not None and not set(line.strip()) <= set("|-: "):
                rows.append((header, cells[0] if len(cells) == 3 else "", cells[-2], cells[-1]))
            elif not cells:
                header = None
    return rows


def cases() -> list:
    found, rule = [], ""
    for header, first, before, after in tables():
        if "where the name is used" in first:
            continue  # two files: tests/test_fix_strings.py runs it
        if header == "rule":
            spans = _CODE.findall(first)
            rule = spans[0] if spans else rule
            rules = [*BUILT_IN, rule]
        else:
            rules = [*BUILT_IN, RENAME] if header == "where" else BUILT_IN
        package = re.search(r"\(in package `([\w.]+)`\)", before)
        old, new = code_of(before), code_of(after)
        if header == "where":  # a string's context shown as a fragment: the decorated function, the dictConfig call
            old, new = (_in_context(text) for text in (old, new))
        found.append(pytest.param(old, new, rules, package and package.group(1), header == "where",
                                  id=old.strip()[:60]))
    return found


def _in_context(code: str) -> str:
    if code.startswith("@"):
        return code + "def test():\n    pass\n"
    if code.startswith("{"):
        return f"logging.config.dictConfig({code.strip()})\n"
    return code


def test_the_doc_has_examples():
    assert len(cases()) >= 20


@pytest.mark.parametrize(("before", "after", "rules", "package", "strings"), cases())
def test_each_example_is_what_fix_writes(before, after, rules, package, strings):
    origin = Origin(tuple(package.split(".")) if package else None, (), "m", "")
    assert fix_text(before, rules_of(*rules), origin, strings=strings).text == after
