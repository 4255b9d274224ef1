"""A string annotation is code evaluated later (``typing.get_type_hints``) and read by type checkers: a rewrite
after which a name such a string reads is no longer what the import binds is refused (ULG004), naming the string;
one whose names stay bound goes ahead."""
from __future__ import annotations

import pytest

from conftest import rules_of
from flake8_unified_logging.engine.finder import find
from flake8_unified_logging.fixer import fix_text
from flake8_unified_logging.source.origin import Origin

RULES = rules_of("foo:bar = baz:qux", "foo:same = baz:same", "a.b = d.e", "loguru:logger = utils.logging:get_logger()",
                 "pkg.old = pkg.new")


@pytest.mark.parametrize(
    ("source", "line", "name"),
    (
        pytest.param('from foo import bar\n\n\ndef f(x: "bar") -> None:\n    return bar()\n', 4, "bar", id="argument"),
        pytest.param('from foo import bar\n\n\ndef f() -> "list[bar]":\n    return [bar()]\n', 4, "bar",
                     id="return, inside a subscript"),
        pytest.param('from foo import bar\n\nx: "bar | None" = None\n', 3, "bar", id="annotated assignment"),
        pytest.param('from foo import bar\n\n\nclass C:\n    def f(self, *, y: "bar"):\n        pass\n', 5, "bar",
                     id="keyword-only argument of a method"),
        pytest.param('import a.b\n\n\ndef f(x: "a.b.C") -> None:\n    return a.b.C()\n', 4, "a", id="module rule"),
        pytest.param('import collections\nimport a.b\n\n\ndef f(x: "a.b.C"):\n    pass\n', 5, "a",
                     id="module rule, the top name bound elsewhere too"),
        pytest.param('from typing import List\nfrom foo import bar\n\n\ndef f(x: "List[\'bar\']"):\n'
                     '    return bar\n', 5, "bar", id="a string in a string"),
        pytest.param('import pkg.old\n\n\ndef f(x: "pkg.old.C"):\n    return pkg.old.C()\n', 4, "pkg.old.C",
                     id="module rule, the top name still bound by the new import"),
    ),
)
def test_noop(source, line, name):
    result = fix_text(source, RULES, Origin(("app",)))
    assert result.text == source
    refused = [f for f in find(source, RULES, origin=Origin(("app",))) if f.code == "ULG004"]
    assert len(refused) == 1 and f"the string annotation at line {line} reads '{name}' as this import binds it, " \
        "which the rewrite changes: rewrite the annotation too" in refused[0].message


@pytest.mark.parametrize(
    ("source", "expected"),
    (
        pytest.param('from foo import same\n\n\ndef f(x: "same") -> "same":\n    return same()\n',
                     'from baz import same\n\n\ndef f(x: "same") -> "same":\n    return same()\n',
                     id="the name stays bound"),
        pytest.param('from foo import bar\n\n\ndef f(x: "int", y: "not valid python(") -> None:\n    return bar()\n',
                     'from baz import qux\n\n\ndef f(x: "int", y: "not valid python(") -> None:\n    return qux()\n',
                     id="annotations that do not read it"),
        pytest.param('from foo import bar\n\nx = "bar"\n', 'from baz import qux\n\nx = "bar"\n',
                     id="a string that is no annotation"),
        pytest.param('from typing import Literal\nfrom foo import bar\n\n\ndef f(x: Literal["bar"]):\n    return bar\n',
                     'from typing import Literal\nfrom baz import qux\n\n\ndef f(x: Literal["bar"]):\n    return qux\n',
                     id="a Literal's value"),
        pytest.param('from foo import bar\n\n\ndef f(x: Annotated[int, "bar"]):\n    return bar\n',
                     'from baz import qux\n\n\ndef f(x: Annotated[int, "bar"]):\n    return qux\n',
                     id="Annotated's metadata"),
        pytest.param('from loguru import logger\n\n\ndef f(log: "logger"):\n    logger.info(1)\n',
                     'from utils.logging import get_logger\n\nlogger = get_logger()\n\n\ndef f(log: "logger"):\n'
                     '    logger.info(1)\n', id="a factory's object, bound again by its assignment"),
    ),
)
def test_fix(source, expected):
    assert fix_text(source, RULES, Origin(("app",))).text == expected
